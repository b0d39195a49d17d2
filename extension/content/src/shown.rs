//! The badges in the page: whose, beside which element, of what kind. Each reading of the page
//! is reconciled with them: a badge stays while its person is still shown beside the same
//! element, goes as soon as they are not, and people new to the page get badges that are looked
//! up together, in one message (PRODUCT.md P2, B4). A reply only ever lands on the badge it was
//! asked for (by id), so a recycled card never shows the previous person's state.

use crate::mount::{BadgeMount, MountArgs};
use crate::reply::{self, Badge};
use crate::watcher::PageWatcher;
use std::cell::RefCell;
use std::rc::Rc;
use talent_bridge::export_ui::page_facts;
use talent_bridge::profile::{Profile, ProfileKey};
use talent_bridge::protocol::{
    BadgeState, ContentRequest, MAX_PEOPLE_PER_LOOKUP, PageFacts, PersonQuery,
};
use talent_bridge::site::search_page::SearchCard;
use talent_bridge_web::{SendError, request_msg, t};
use web_sys::Element;

pub type Shared = Rc<RefCell<PageWatcher>>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// The person of a profile page, with the Export to CRM button.
    Profile,
    /// One person of a search results page, badge only.
    SearchCard,
    /// "Can't read this profile" beside a profile page's main heading.
    Unreadable,
}

struct ShownBadge {
    /// Names the badge to the replies meant for it.
    id: u64,
    kind: Kind,
    key: ProfileKey,
    /// The element the badge was put beside: a card whose name element is replaced, or whose
    /// element now shows someone else, gets a new badge.
    anchor: Element,
    person: PersonQuery,
    mount: BadgeMount,
}

#[derive(Default)]
pub struct Shown {
    badges: Vec<ShownBadge>,
    last_id: u64,
}

impl Shown {
    /// Removes from the page every badge `keep` refuses.
    fn retain(&mut self, keep: impl Fn(&ShownBadge) -> bool) {
        let (kept, gone): (Vec<_>, Vec<_>) =
            std::mem::take(&mut self.badges).into_iter().partition(keep);
        self.badges = kept;
        for badge in gone {
            badge.mount.remove();
        }
    }

    /// Whether `node` is the host of one of our badges.
    pub fn holds_host(&self, node: &web_sys::Node) -> bool {
        self.badges.iter().any(|b| b.mount.is_host(node))
    }

    fn new_id(&mut self) -> u64 {
        self.last_id += 1;
        self.last_id
    }

    fn get_mut(&mut self, id: u64) -> Option<&mut ShownBadge> {
        self.badges.iter_mut().find(|b| b.id == id)
    }
}

/// Keeps only a profile badge (or "Can't read", with `keep_unreadable`) of `key` that is still
/// in the page; with `None`, removes every badge.
pub fn keep_profile(shared: &Shared, key: Option<&ProfileKey>, keep_unreadable: bool) {
    shared.borrow_mut().shown.retain(|b| {
        let kind_ok = b.kind == Kind::Profile || (keep_unreadable && b.kind == Kind::Unreadable);
        kind_ok && Some(&b.key) == key && b.mount.is_attached()
    });
}

/// The profile page's one badge, beside the name.
pub fn show_profile(shared: &Shared, profile: Profile, anchor: &Element) {
    {
        let mut w = shared.borrow_mut();
        let same = w
            .shown
            .badges
            .iter_mut()
            .find(|b| b.kind == Kind::Profile && b.key == profile.key && b.mount.is_attached());
        if let Some(b) = same {
            // The site renders the card's controls late: what it offers may show up only now.
            b.mount.set_page(page_facts(&profile));
            let id = b.id;
            w.shown.retain(|b| b.id == id);
            return;
        }
    }
    keep_profile(shared, None, false);
    let person = person_query(&profile);
    let page = page_facts(&profile);
    let id = shared.borrow_mut().shown.new_id();
    let args = args(shared, id, &person, page, Kind::Profile);
    let document = shared.borrow().document.clone();
    let Some(mount) = BadgeMount::attach(&document, anchor, args) else {
        return;
    };
    shared.borrow_mut().shown.badges.push(ShownBadge {
        id,
        kind: Kind::Profile,
        key: profile.key,
        anchor: anchor.clone(),
        person,
        mount,
    });
    lookup(shared, &[id], false);
}

/// A badge beside every search result card: cards already badged keep theirs, the new ones
/// (first render, lazy loading, the next page) are looked up in one message.
pub fn show_cards(shared: &Shared, cards: Vec<SearchCard<Element>>) {
    shared.borrow_mut().shown.retain(|b| {
        b.kind == Kind::SearchCard
            && b.mount.is_attached()
            && cards
                .iter()
                .any(|c| c.anchor == b.anchor && c.profile.key == b.key)
    });
    let new_cards: Vec<SearchCard<Element>> = {
        let w = shared.borrow();
        cards
            .into_iter()
            .filter(|c| !w.shown.badges.iter().any(|b| b.anchor == c.anchor))
            .collect()
    };
    let document = shared.borrow().document.clone();
    let mut ids = Vec::with_capacity(new_cards.len());
    for card in new_cards {
        let person = person_query(&card.profile);
        // Exporting starts from the profile page: a card offers no PDF (and asks nothing).
        let page = PageFacts {
            pdf_offered: false,
            ..page_facts(&card.profile)
        };
        let id = shared.borrow_mut().shown.new_id();
        let args = args(shared, id, &person, page, Kind::SearchCard);
        let Some(mount) = BadgeMount::attach(&document, &card.anchor, args) else {
            continue;
        };
        shared.borrow_mut().shown.badges.push(ShownBadge {
            id,
            kind: Kind::SearchCard,
            key: card.profile.key,
            anchor: card.anchor,
            person,
            mount,
        });
        ids.push(id);
    }
    lookup(shared, &ids, false);
}

/// "Can't read this profile" beside the main heading of the profile page at `url`, unless a
/// badge read earlier for the same person is still there. Search pages get no such badge.
pub fn show_unreadable(shared: &Shared, url: &str) {
    let Some(key) = ProfileKey::from_url(url) else {
        return;
    };
    let already = shared
        .borrow()
        .shown
        .badges
        .iter()
        .any(|b| b.kind != Kind::SearchCard && b.key == key && b.mount.is_attached());
    if already {
        return;
    }
    keep_profile(shared, None, false);
    let document = shared.borrow().document.clone();
    let Some(heading) = document.query_selector("main h1").ok().flatten() else {
        return;
    };
    let person = PersonQuery {
        key: Some(key.clone()),
        ..PersonQuery::default()
    };
    let id = shared.borrow_mut().shown.new_id();
    let page = PageFacts::default();
    let args = args(shared, id, &person, page, Kind::Unreadable);
    let Some(mut mount) = BadgeMount::attach(&document, &heading, args) else {
        return;
    };
    mount.show(Badge::bare(BadgeState::Unreadable));
    shared.borrow_mut().shown.badges.push(ShownBadge {
        id,
        kind: Kind::Unreadable,
        key,
        anchor: heading,
        person,
        mount,
    });
}

fn args(shared: &Shared, id: u64, person: &PersonQuery, page: PageFacts, kind: Kind) -> MountArgs {
    MountArgs {
        person: person.clone(),
        page,
        export: kind == Kind::Profile,
        relookup: relookup(shared, id),
    }
}

/// Looks the badge `id` up again, past the worker's cache: the user pressed retry, or an export
/// or a change of pools just changed the CRM's record.
fn relookup(shared: &Shared, id: u64) -> std::rc::Rc<dyn Fn()> {
    let weak = Rc::downgrade(shared);
    Rc::new(move || {
        if let Some(shared) = weak.upgrade() {
            lookup(&shared, &[id], true);
        }
    })
}

pub(crate) fn person_query(profile: &Profile) -> PersonQuery {
    let facts = &profile.facts;
    PersonQuery {
        key: Some(profile.key.clone()),
        member_urn: facts.member_urn.clone(),
        name: facts.name.clone(),
        headline: facts.headline.clone(),
        company: facts.current_company.clone(),
        title: facts.current_title.clone(),
        location: facts.location.clone(),
    }
}

/// Asks the worker for the badges `ids`, all in one message (in batches of the protocol's
/// limit); each answer goes to its badge if that badge is still in the page.
fn lookup(shared: &Shared, ids: &[u64], fresh: bool) {
    let asked: Vec<(u64, PersonQuery)> = {
        let mut w = shared.borrow_mut();
        ids.iter()
            .filter_map(|&id| {
                let b = w.shown.get_mut(id)?;
                if fresh {
                    b.mount.show(Badge::bare(BadgeState::Checking));
                }
                Some((id, b.person.clone()))
            })
            .collect()
    };
    let search = {
        let w = shared.borrow();
        ids.iter().all(|&id| {
            w.shown
                .badges
                .iter()
                .any(|b| b.id == id && b.kind == Kind::SearchCard)
        })
    };
    let weak = Rc::downgrade(shared);
    look_up_each(asked, fresh, search, move |id, view| {
        let Some(shared) = weak.upgrade() else { return };
        if let Some(b) = shared.borrow_mut().shown.get_mut(id) {
            b.mount.show(view);
        }
    });
}

/// Looks `asked` up in as few messages as the protocol allows (one per
/// `MAX_PEOPLE_PER_LOOKUP`) and hands each answer to `answer`, with the id it was asked for.
pub fn look_up_each(
    asked: Vec<(u64, PersonQuery)>,
    fresh: bool,
    search: bool,
    answer: impl Fn(u64, Badge) + Clone + 'static,
) {
    for batch in asked.chunks(MAX_PEOPLE_PER_LOOKUP) {
        let (ids, people): (Vec<u64>, Vec<PersonQuery>) = batch.iter().cloned().unzip();
        let answer = answer.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let views = look_up(people, fresh, search).await;
            for (id, view) in ids.into_iter().zip(views) {
                answer(id, view);
            }
        });
    }
}

/// One lookup message for `people` (at most the protocol's limit): a badge for each, in order,
/// an error badge for any the worker could not answer.
pub async fn look_up(people: Vec<PersonQuery>, fresh: bool, search: bool) -> Vec<Badge> {
    let count = people.len();
    let reply = request_msg(ContentRequest::Lookup {
        people,
        fresh,
        search,
    })
    .await;
    let (views, missing) = match reply.as_ref().map(reply::lookup) {
        Ok(Some(badges)) => (badges, t("errorCrmAnswer")),
        Ok(None) => (Vec::new(), t("errorInternal")),
        Err(SendError::ExtensionGone) => (Vec::new(), t("errorExtensionReloaded")),
        Err(SendError::BadReply) => (Vec::new(), t("errorInternal")),
    };
    let mut views = views.into_iter();
    (0..count)
        .map(|_| {
            views
                .next()
                .unwrap_or_else(|| Badge::error(missing.clone()))
        })
        .collect()
}
