//! The badges in the page. Which badges go, stay or are new is the core's badge rules
//! (`talent_bridge::badge_plan`), the same as in frame mode; this module carries each plan out
//! in the live page and looks the new people up together, in one message (PRODUCT.md P2, B4). A
//! reply only ever lands on the badge it was asked for (by id), so a recycled card never shows
//! the previous person's state.

use crate::alarm::Alarm;
use crate::mount::{BadgeMount, MountArgs};
use crate::reply::{self, Badge};
use crate::watcher::PageWatcher;
use std::cell::RefCell;
use std::rc::Rc;
use talent_bridge::badge_plan::{
    BadgeId, BadgeKind, CHECKING_AFTER_MS, DimInCrm, GLANCE_LINKS, Glance, MAIN_HEADING, NewBadge,
    PageNow, SearchBadges, ShownBadges,
};
use talent_bridge::protocol::{BadgeState, ContentRequest, MAX_PEOPLE_PER_LOOKUP, PersonQuery};
use talent_bridge::site::PageRead;
use talent_bridge_web::{SendError, request_msg, t};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element};

pub type Shared = Rc<RefCell<PageWatcher>>;

/// One badge in the page.
struct Mounted {
    id: BadgeId,
    /// The element the badge was put beside: a card whose name element is replaced gets a new
    /// badge.
    anchor: Element,
    mount: BadgeMount,
}

pub struct Shown {
    rules: ShownBadges,
    mounted: Vec<Mounted>,
    /// Badges looked up and not in the page yet: each goes in with its answer, or with
    /// "Checking…" once `CHECKING_AFTER_MS` is over (the core's `BadgeKind::waits_for_answer`).
    waiting: Vec<NewBadge<Element>>,
    /// Puts the badges still waiting in when their wait is over; made on the first wait.
    wait_over: Option<Alarm>,
    /// The badges' host elements: whether a node the page took in is one is one call, where
    /// asking each badge was one each (a search page's 25 badges going in asked 325 times).
    hosts: js_sys::WeakSet,
    dim_in_crm: DimInCrm,
}

impl Shown {
    /// Badges on search pages as the organisation's switch says.
    pub fn with_search_badges(search_badges: SearchBadges) -> Self {
        let mut rules = ShownBadges::default();
        rules.set_search_badges(search_badges);
        Self {
            rules,
            mounted: Vec::new(),
            waiting: Vec::new(),
            wait_over: None,
            hosts: js_sys::WeakSet::new(),
            dim_in_crm: DimInCrm::default(),
        }
    }

    /// With the user's choice to dim people already in the CRM on search results (Q3).
    pub fn dimming(self, dim_in_crm: DimInCrm) -> Self {
        Self { dim_in_crm, ..self }
    }

    /// Follows the organisation's `Features.SearchBadges`; `true` when the page is to be read
    /// again for it (the core's rules say when).
    pub fn set_search_badges(&mut self, search_badges: SearchBadges) -> bool {
        self.rules.set_search_badges(search_badges)
    }

    /// The last reading found the page right (the core's rules say; `ReadPacer` paces on it).
    pub fn settled(&self) -> bool {
        self.rules.settled()
    }

    /// The page as the core's pacer compares it with its last reading (`badge_plan::Glance`): a
    /// count of people links, and each badge's place and its name element's text.
    #[inline(never)]
    pub fn glance(&self, document: &Document, window: &web_sys::Window) -> Glance {
        let url = window.location().href().unwrap_or_default();
        let people_links = document
            .query_selector_all(GLANCE_LINKS)
            .map_or(0, |links| links.length());
        // A badge waiting for its answer counts as in place while its name element is: it goes
        // in there, and the page looks the same to the pacer once it has.
        let badges = self
            .mounted
            .iter()
            .map(|b| (b.mount.is_attached() && b.anchor.is_connected(), &b.anchor))
            .chain(
                self.waiting
                    .iter()
                    .map(|b| (b.anchor.is_connected(), &b.anchor)),
            )
            .map(|(in_place, anchor)| (in_place, anchor.text_content().unwrap_or_default()))
            .collect();
        Glance {
            url,
            people_links,
            badges,
        }
    }

    /// Whether `node` is the host of one of our badges.
    pub fn holds_host(&self, node: &web_sys::Node) -> bool {
        self.hosts.has(node.unchecked_ref())
    }

    fn mount_mut(&mut self, id: BadgeId) -> Option<&mut BadgeMount> {
        self.mounted
            .iter_mut()
            .find(|b| b.id == id)
            .map(|b| &mut b.mount)
    }
}

/// The live page, as the badge rules ask about it. A badge waiting for its answer is held while
/// the element it goes beside is in the page.
struct LivePage<'a> {
    mounted: &'a [Mounted],
    waiting: &'a [NewBadge<Element>],
    document: &'a Document,
}

impl PageNow<Element> for LivePage<'_> {
    fn holds(&self, id: BadgeId) -> bool {
        self.mounted
            .iter()
            .any(|b| b.id == id && b.mount.is_attached())
            || self
                .waiting
                .iter()
                .any(|b| b.id == id && b.anchor.is_connected())
    }

    fn beside(&self, anchor: &Element) -> Option<BadgeId> {
        self.mounted
            .iter()
            .find(|b| &b.anchor == anchor && b.mount.is_attached())
            .map(|b| b.id)
            .or_else(|| {
                self.waiting
                    .iter()
                    .find(|b| &b.anchor == anchor && b.anchor.is_connected())
                    .map(|b| b.id)
            })
    }

    fn main_heading(&self) -> Option<Element> {
        self.document.query_selector(MAIN_HEADING).ok().flatten()
    }
}

/// Makes the badges match a reading of the page at `url`; returns when to read the page again
/// by itself, if the rules ask for it (a page in doubt).
pub fn show(shared: &Shared, read: PageRead<Element>, url: &str) -> Option<u32> {
    let now = js_sys::Date::now();
    let plan = {
        let mut w = shared.borrow_mut();
        let w = &mut *w;
        let page = LivePage {
            mounted: &w.shown.mounted,
            waiting: &w.shown.waiting,
            document: &w.document,
        };
        w.shown.rules.plan(read, url, now, &page)
    };
    {
        let mut w = shared.borrow_mut();
        let shown = &mut w.shown;
        shown.mounted.retain(|b| {
            let gone = plan.remove.contains(&b.id);
            if gone {
                shown.hosts.delete(b.mount.host().unchecked_ref());
                b.mount.remove();
            }
            !gone
        });
        // One whose name element left the page is no longer held (the rules plan afresh).
        shown
            .waiting
            .retain(|b| !plan.remove.contains(&b.id) && b.anchor.is_connected());
        for (id, page) in &plan.update {
            if let Some(mount) = w.shown.mount_mut(*id) {
                mount.set_page(*page);
            } else if let Some(badge) = w.shown.waiting.iter_mut().find(|b| b.id == *id) {
                badge.page = *page;
            }
        }
    }
    // The worker is asked before the badges go in: the round trip runs while they are put in,
    // where it began after the last of a search page's 25 (issue #20). An answer for a badge the
    // page did not take finds no badge and is dropped.
    let asked = plan
        .add
        .iter()
        .filter(|badge| badge.kind != BadgeKind::Unreadable)
        .map(|badge| (badge.id, badge.person.clone()))
        .collect();
    lookup(shared, asked, false, plan.search);
    // The first to wait waits no longer for those that come after it: the wait is set when
    // none was waiting.
    let waited_before = !shared.borrow().shown.waiting.is_empty();
    for badge in plan.add {
        if badge.kind.waits_for_answer() {
            shared.borrow_mut().shown.waiting.push(badge);
        } else {
            let first = Badge::bare(badge.kind.first_state());
            mount(shared, badge, first);
        }
    }
    if !waited_before && !shared.borrow().shown.waiting.is_empty() {
        wait_at_most(shared);
    }
    if let Some(report) = plan.report {
        wasm_bindgen_futures::spawn_local(async move {
            let _ = request_msg(report).await;
        });
    }
    plan.read_again_ms
}

/// Sets the end of the waiting badges' wait for their answers.
fn wait_at_most(shared: &Shared) {
    let mut w = shared.borrow_mut();
    let w = &mut *w;
    let alarm = w.shown.wait_over.get_or_insert_with(|| {
        let weak = Rc::downgrade(shared);
        Alarm::new(w.window.clone(), move || {
            if let Some(shared) = weak.upgrade() {
                stop_waiting(&shared);
            }
        })
    });
    alarm.set(CHECKING_AFTER_MS);
}

/// The wait is over: the badges still without an answer go in, checking.
fn stop_waiting(shared: &Shared) {
    let waiting = std::mem::take(&mut shared.borrow_mut().shown.waiting);
    for badge in waiting {
        let first = Badge::bare(badge.kind.first_state());
        mount(shared, badge, first);
    }
}

/// The answer for badge `id`: shown by it if it is in the page; if it waited for it, it goes in
/// now, showing it.
fn answered_badge(shared: &Shared, id: BadgeId, view: Badge) {
    let waited = {
        let mut w = shared.borrow_mut();
        if let Some(mount) = w.shown.mount_mut(id) {
            mount.show(view);
            return;
        }
        let Some(at) = w.shown.waiting.iter().position(|b| b.id == id) else {
            return;
        };
        let badge = w.shown.waiting.remove(at);
        if w.shown.waiting.is_empty()
            && let Some(alarm) = w.shown.wait_over.as_mut()
        {
            alarm.clear();
        }
        badge
    };
    mount(shared, waited, view);
}

/// Puts a new badge beside its anchor, showing `first`; a badge whose anchor left the page
/// meanwhile does not go in (the next reading plans afresh).
fn mount(shared: &Shared, badge: NewBadge<Element>, first: Badge) {
    if !badge.anchor.is_connected() {
        return;
    }
    let search = badge.kind == BadgeKind::Card;
    let (document, dim_in_crm) = {
        let w = shared.borrow();
        (w.document.clone(), w.shown.dim_in_crm)
    };
    let cover = badge.card.filter(|_| dim_in_crm.covers(badge.kind));
    let args = MountArgs {
        relookup: relookup(shared, badge.id, search),
        person: badge.person.clone(),
        page: badge.page,
        export: badge.kind == BadgeKind::Profile,
        first,
        cover: cover.map(|card| (card, dim_in_crm)),
    };
    let mut w = shared.borrow_mut();
    // One the page would not take is not in it: the next reading's plan drops it.
    if let Some(mount) = BadgeMount::attach(&document, &badge.anchor, args) {
        w.shown.hosts.add(mount.host().unchecked_ref());
        w.shown.mounted.push(Mounted {
            id: badge.id,
            anchor: badge.anchor,
            mount,
        });
    }
}

/// Looks the badge `id` up again, past the worker's cache: the user pressed retry, or an export
/// or a change of pools just changed the CRM's record.
fn relookup(shared: &Shared, id: BadgeId, search: bool) -> Rc<dyn Fn()> {
    let weak = Rc::downgrade(shared);
    Rc::new(move || {
        let Some(shared) = weak.upgrade() else { return };
        let person = shared.borrow_mut().shown.mount_mut(id).map(|mount| {
            mount.show(Badge::bare(BadgeState::Checking));
            mount.person()
        });
        if let Some(person) = person {
            lookup(&shared, vec![(id, person)], true, search);
        }
    })
}

/// Asks the worker for the badges `asked`, all in one message (in batches of the protocol's
/// limit); each answer goes to its badge if that badge is still in the page.
fn lookup(shared: &Shared, asked: Vec<(BadgeId, PersonQuery)>, fresh: bool, search: bool) {
    let weak = Rc::downgrade(shared);
    look_up_each(asked, fresh, search, move |answer| {
        let Some(shared) = weak.upgrade() else { return };
        match answer {
            Answer::Badge(id, view) => answered_badge(&shared, id, view),
            Answer::SearchBadgesOff => {
                crate::watcher::search_badges_known(&shared, SearchBadges::Off);
            }
        }
    });
}

/// What the worker said for a badge asked for.
pub enum Answer {
    Badge(BadgeId, Badge),
    /// Nothing looked up: the organisation switched search badges off.
    SearchBadgesOff,
}

/// Asks the worker whether search results get badges; a worker that cannot say leaves them on
/// (frame mode: `loader.js` asks for the page watcher).
#[cfg(feature = "frame")]
pub async fn ask_search_badges() -> SearchBadges {
    let reply = request_msg(ContentRequest::SearchBadges).await;
    SearchBadges::from_switch(reply.ok().as_ref().and_then(reply::search_badges))
}

/// Looks `asked` up in as few messages as the protocol allows (one per
/// `MAX_PEOPLE_PER_LOOKUP`) and hands each answer to `answer`, with the id it was asked for.
pub fn look_up_each(
    asked: Vec<(BadgeId, PersonQuery)>,
    fresh: bool,
    search: bool,
    answer: impl Fn(Answer) + Clone + 'static,
) {
    for batch in asked.chunks(MAX_PEOPLE_PER_LOOKUP) {
        let (ids, people): (Vec<BadgeId>, Vec<PersonQuery>) = batch.iter().cloned().unzip();
        let answer = answer.clone();
        // Sent now; answered when the worker replies.
        let looked_up = look_up(people, fresh, search);
        wasm_bindgen_futures::spawn_local(async move {
            match looked_up.await {
                Some(views) => {
                    for (id, view) in ids.into_iter().zip(views) {
                        answer(Answer::Badge(id, view));
                    }
                }
                None => answer(Answer::SearchBadgesOff),
            }
        });
    }
}

/// One lookup message for `people` (at most the protocol's limit): a badge for each, in order,
/// an error badge for any the worker could not answer; `None` when the organisation switched
/// search badges off (the worker looked nobody up).
/// The message goes when this is called, not when the answer is first awaited.
pub fn look_up(
    people: Vec<PersonQuery>,
    fresh: bool,
    search: bool,
) -> impl Future<Output = Option<Vec<Badge>>> {
    let count = people.len();
    let reply = request_msg(ContentRequest::Lookup {
        people,
        fresh,
        search,
    });
    async move { answered(reply.await, count) }
}

/// A badge for each of the `count` people of a lookup from its reply (see [`look_up`]).
fn answered(reply: Result<JsValue, SendError>, count: usize) -> Option<Vec<Badge>> {
    if reply.as_ref().is_ok_and(reply::search_badges_off) {
        return None;
    }
    let (views, missing) = match reply.as_ref().map(reply::lookup) {
        Ok(Some(badges)) => (badges, t("errorCrmAnswer")),
        Ok(None) => (Vec::new(), t("errorInternal")),
        Err(SendError::ExtensionGone) => (Vec::new(), t("errorExtensionReloaded")),
        Err(SendError::BadReply) => (Vec::new(), t("errorInternal")),
    };
    let mut views = views.into_iter();
    Some(
        (0..count)
            .map(|_| {
                views
                    .next()
                    .unwrap_or_else(|| Badge::error(missing.clone()))
            })
            .collect(),
    )
}
