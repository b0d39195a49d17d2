//! The tab's hidden reader: asks `frames.js` for a copy of the page when it changed (one copy at
//! a time, after the last plan was carried out: each copy shows what the plan before it did,
//! issue #13), reads it, and sends the core's badge plan back, element paths in place of
//! elements. The new people are looked up together; each answer goes to its badge frame.

use super::look;
use super::pace::{self, Paced};
use super::port::Port;
use crate::badge::STYLE;
use crate::mount::{HOST_ATTR, link_around};
use crate::reply::Badge;
use crate::shown::{Answer, ask_search_badges, look_up_each};
use crate::web_dom::WebDom;
use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::Rc;
use talent_bridge::badge_plan::{
    BadgeId, BadgePlan, MAIN_HEADING, NewBadge, PageNow, ReadPacer, SearchBadges, ShownBadges,
};
use talent_bridge::protocol::frame::{
    BadgeInit, FramePlan, FromReader, Json, MAX_SNAPSHOT_CHARS, PlacedBadge, ToReader,
};
use talent_bridge::site::read_page;
use talent_bridge_web::request_msg;
use web_sys::{Document, DomParser, Element, SupportedType};

/// The attribute `frames.js` gives each badge's host: the badge's id.
const ID_ATTR: &str = "data-tb-id";
/// A copy asked for and not come this long after is asked for again (the content script may
/// have failed over the page).
const COPY_LATE_MS: f64 = 10_000.0;

struct Reader {
    port: Port,
    shown: ShownBadges,
    /// The address of the last copy read.
    last_url: String,
    /// When the copy asked for was asked for, until it comes.
    asked_at: Option<f64>,
    /// When the page's changes are read (the core's pace, as in page mode).
    pacer: ReadPacer,
    /// The next reading after the current burst of changes.
    pending: Option<Timeout>,
    /// A page in doubt is read again after the rules' delay, even if nothing changes in it.
    again: Option<Timeout>,
}

type Shared = Rc<RefCell<Reader>>;

pub fn start(port: Port) {
    let reader: Shared = Rc::new(RefCell::new(Reader {
        port: port.clone(),
        shown: ShownBadges::until_policy_known(),
        last_url: String::new(),
        asked_at: None,
        pacer: ReadPacer::default(),
        pending: None,
        again: None,
    }));
    reader.borrow_mut().pacer.arrived(js_sys::Date::now());
    // The listener keeps the reader for the frame's life.
    let kept = reader.clone();
    port.listen(move |msg: ToReader| heard(&kept, msg));
    // For the looks of badges drawn in the page until their frames are made.
    port.send(&FromReader::Style { css: STYLE.into() });
    ask(&reader);
}

fn heard(reader: &Shared, msg: ToReader) {
    match msg {
        ToReader::Changed { url } => {
            let (waiting, moved) = {
                let r = reader.borrow();
                let waiting = r
                    .asked_at
                    .is_some_and(|at| js_sys::Date::now() - at < COPY_LATE_MS);
                (waiting, url != r.last_url)
            };
            // A copy on its way was made after this change: it shows it.
            if waiting {
                return;
            }
            // Another page: read it now; the same page: when the core's pacer says.
            if moved {
                reader.borrow_mut().pacer.arrived(js_sys::Date::now());
                ask(reader);
            } else {
                pace::schedule(reader);
            }
        }
        ToReader::Snapshot { url, html } => {
            {
                let mut r = reader.borrow_mut();
                r.asked_at = None;
                r.last_url.clone_from(&url);
            }
            if let Some(html) = html {
                read(reader, &url, &html);
            }
        }
    }
}

/// Asks for a copy of the page now, unless one is on its way.
fn ask(reader: &Shared) {
    let mut r = reader.borrow_mut();
    r.pending = None;
    r.pacer.reading();
    let now = js_sys::Date::now();
    if r.asked_at.is_some_and(|at| now - at < COPY_LATE_MS) {
        return;
    }
    r.asked_at = Some(now);
    r.port.send(&FromReader::Snapshot {
        max_chars: MAX_SNAPSHOT_CHARS,
    });
}

impl Paced for Reader {
    fn pacer(&mut self) -> &mut ReadPacer {
        &mut self.pacer
    }

    fn settled(&self) -> bool {
        self.shown.settled()
    }

    fn pending(&mut self) -> &mut Option<Timeout> {
        &mut self.pending
    }

    fn ask(shared: &Shared) {
        ask(shared);
    }
}

/// The copy of the page, as the badge rules ask about it.
struct Copy<'a>(&'a Document);

impl PageNow<Element> for Copy<'_> {
    fn holds(&self, id: BadgeId) -> bool {
        let selector = format!("[{HOST_ATTR}][{ID_ATTR}=\"{id}\"]");
        self.0.query_selector(&selector).ok().flatten().is_some()
    }

    /// The host right after the name's place, as `frames.js` put it.
    fn beside(&self, anchor: &Element) -> Option<BadgeId> {
        let next = place_of(anchor).next_element_sibling()?;
        next.has_attribute(HOST_ATTR).then_some(())?;
        next.get_attribute(ID_ATTR)?.parse().ok()
    }

    fn main_heading(&self) -> Option<Element> {
        self.0.query_selector(MAIN_HEADING).ok().flatten()
    }
}

/// Reads the copy of the page at `url` and has the plan carried out.
fn read(reader: &Shared, url: &str, html: &str) {
    let Some((document, dom)) = parse(html) else {
        return;
    };
    let read = read_page(&dom, url);
    let now = js_sys::Date::now();
    let plan = reader
        .borrow_mut()
        .shown
        .plan(read, url, now, &Copy(&document));
    let for_page = FramePlan {
        remove: plan.remove.clone(),
        add: plan.add.iter().map(placed).collect(),
        update: plan.update.clone(),
    };
    if for_page != FramePlan::default() {
        reader
            .borrow()
            .port
            .send(&FromReader::Apply { plan: for_page });
    }
    lookup(reader, plan.lookups(), plan.search);
    let (known, again) = (Rc::downgrade(reader), Rc::downgrade(reader));
    let timer = follow_up(
        &plan,
        move |on| {
            if let Some(reader) = known.upgrade() {
                search_badges_known(&reader, on);
            }
        },
        move || {
            if let Some(reader) = again.upgrade() {
                ask(&reader);
            }
        },
    );
    if timer.is_some() {
        reader.borrow_mut().again = timer;
    }
}

/// A copy of the page, parsed, with the profile links the user does not see marked.
pub(super) fn parse(html: &str) -> Option<(Document, WebDom)> {
    let document = DomParser::new()
        .ok()?
        .parse_from_string(html, SupportedType::TextHtml)
        .ok()?;
    let dom = WebDom::marked(&document)?;
    Some((document, dom))
}

/// What a plan asks of a reader of copies (this one, the side panel) besides its badges: the
/// organisation's search badges switch (`known` hears it), the self-check's report, and a
/// reading again after the rules' delay (`again`; the timer is returned, to be kept).
pub(super) fn follow_up<N>(
    plan: &BadgePlan<N>,
    known: impl FnOnce(SearchBadges) + 'static,
    again: impl FnOnce() + 'static,
) -> Option<Timeout> {
    if plan.ask_search_badges {
        wasm_bindgen_futures::spawn_local(async move { known(ask_search_badges().await) });
    }
    if let Some(report) = plan.report.clone() {
        wasm_bindgen_futures::spawn_local(async move {
            let _ = request_msg(report).await;
        });
    }
    plan.read_again_ms.map(|ms| Timeout::new(ms, again))
}

/// A new badge, by the path of its place in the copy; with its look if its frame is made only
/// when the user reaches for it.
fn placed(badge: &NewBadge<Element>) -> PlacedBadge {
    let place = place_of(&badge.anchor);
    let first = Badge::bare(badge.kind.first_state());
    let look = badge
        .kind
        .frame_on_demand()
        .then(|| own_document().and_then(|d| look::of(&d, &first)))
        .flatten();
    PlacedBadge {
        id: badge.id,
        path: path_of(&place),
        tag: place.tag_name(),
        init: BadgeInit {
            kind: badge.kind,
            person: badge.person.clone(),
            page: badge.page,
        },
        look,
    }
}

/// The reader's own document, where looks are drawn (not the copy of the page).
fn own_document() -> Option<Document> {
    web_sys::window()?.document()
}

/// Where the host goes: after the link around the name, if any (as `BadgeMount::attach`).
fn place_of(anchor: &Element) -> Element {
    link_around(anchor).unwrap_or_else(|| anchor.clone())
}

/// `element`'s position under `<html>`, as element-child indexes from the top.
pub(super) fn path_of(element: &Element) -> Vec<u32> {
    let mut path = Vec::new();
    let mut node = element.clone();
    while let Some(parent) = node.parent_element() {
        let children = parent.children();
        let index = (0..children.length()).find(|&i| children.item(i).as_ref() == Some(&node));
        let Some(index) = index else { break };
        path.push(index);
        node = parent;
    }
    path.reverse();
    path
}

/// The new badges' people, looked up together (in batches of the protocol's limit); each
/// answer goes to its badge frame through the content script, if that badge is still shown.
fn lookup(
    reader: &Shared,
    asked: Vec<(BadgeId, talent_bridge::protocol::PersonQuery)>,
    search: bool,
) {
    let weak = Rc::downgrade(reader);
    look_up_each(asked, false, search, move |answer| {
        let Some(reader) = weak.upgrade() else { return };
        let (id, view) = match answer {
            Answer::Badge(id, view) => (id, view),
            Answer::SearchBadgesOff => {
                search_badges_known(&reader, SearchBadges::Off);
                return;
            }
        };
        let r = reader.borrow();
        let json = js_sys::JSON::stringify(&view.raw)
            .ok()
            .and_then(|s| s.as_string());
        if let Some(json) = json.filter(|_| r.shown.holds(id)) {
            // Drawn by `frames.js` only for a badge still shown by its look.
            let look = own_document().and_then(|d| look::of(&d, &view));
            r.port.send(&FromReader::Show {
                id,
                badge: Json(json),
                look,
            });
        }
    });
}

/// The organisation's `Features.SearchBadges`, as now known: a change reads the page again
/// (switched off, its search badges go; on, they come).
fn search_badges_known(reader: &Shared, search_badges: SearchBadges) {
    let again = reader.borrow_mut().shown.set_search_badges(search_badges);
    if again {
        ask(reader);
    }
}
