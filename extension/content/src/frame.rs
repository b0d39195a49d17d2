//! Frame mode, for pages whose content security policy refuses WebAssembly (DESIGN.md §2
//! "Strict page CSP"). The content script (`frames.js`, plain JS) cannot run this module there,
//! so it runs in extension pages framed into the site's page instead:
//!
//! - one hidden **reader** frame per tab gets a snapshot of the page's HTML, parses it with
//!   `DOMParser`, reads it with the same extraction as the content script (`read_page`), decides
//!   which badges stay, go or are new (the same rules as `shown`), and looks the new people up in
//!   one message;
//! - one **badge** frame per person, which `frames.js` puts beside the name, shows the same badge,
//!   Export to CRM button, hover card and export panel as the content script does (`BadgeMount`,
//!   and the UI module).
//!
//! Frames and content script talk over a `chrome.tabs` port (`frame.js`): the page can neither
//! read nor forge it, and a frame only acts on what comes through it.

use crate::badge::element;
use crate::mount::{BadgeMount, MountArgs, link_around};
use crate::reply::Badge;
use crate::shown::{look_up, look_up_each};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::rc::Rc;
use talent_bridge::badge_plan::person_query;
use talent_bridge::export_ui::page_facts;
use talent_bridge::profile::{Profile, ProfileKey};
use talent_bridge::protocol::{BadgeState, ContentRequest, PageFacts, PersonQuery};
use talent_bridge::site::{PageRead, read_page, url_pattern};
use talent_bridge_web::{request_msg, to_js};
use wasm_bindgen::prelude::*;
use web_sys::{Document, DomParser, Element, ShadowRoot, SupportedType};

/// A profile or search page still unreadable after this long is not loading (as `watcher`).
const UNREADABLE_AFTER_MS: f64 = 3_000.0;
/// The attribute `frames.js` gives each badge's host: the badge's id.
const ID_ATTR: &str = "data-tb-id";

#[wasm_bindgen]
extern "C" {
    /// `frame.js`: this frame's end of the port to the content script of its tab.
    pub type Hub;
    #[wasm_bindgen(method, structural)]
    fn post(this: &Hub, message: &JsValue);
    #[wasm_bindgen(method, structural)]
    fn listen(this: &Hub, listener: &Closure<dyn Fn(JsValue)>);
}

/// What a badge frame shows: whose badge, and what kind.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub struct Init {
    kind: Kind,
    person: PersonQuery,
    page: PageFacts,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Kind {
    Profile,
    Card,
    Unreadable,
}

/// A badge the reader asked `frames.js` to put beside `path` (child indexes from `<html>`).
#[derive(Serialize)]
struct Add {
    id: u64,
    path: Vec<u32>,
    tag: String,
    init: Init,
}

/// What `frames.js` is to do to the page after a reading.
#[derive(Default, Serialize)]
struct Plan {
    remove: Vec<u64>,
    add: Vec<Add>,
    /// Profile badges whose page facts changed (the site renders its controls late).
    page: Vec<(u64, PageFacts)>,
}

struct Remote {
    id: u64,
    kind: Kind,
    key: ProfileKey,
    page: PageFacts,
}

struct Doubt {
    url: String,
    since_ms: f64,
    settled: bool,
}

struct Reader {
    hub: Hub,
    shown: Vec<Remote>,
    last_id: u64,
    doubt: Option<Doubt>,
}

type SharedReader = Rc<RefCell<Reader>>;

fn message(kind: &str, fields: &[(&str, &JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&object, &"type".into(), &kind.into());
    for (name, value) in fields {
        let _ = js_sys::Reflect::set(&object, &(*name).into(), value);
    }
    object.into()
}

fn field(object: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(object, &name.into()).unwrap_or(JsValue::UNDEFINED)
}

/// Called by `frame.js` in the hidden reader frame. No panic hook, as in `start` (lib.rs).
#[wasm_bindgen]
pub fn start_reader(hub: Hub) {
    let reader: SharedReader = Rc::new(RefCell::new(Reader {
        hub,
        shown: Vec::new(),
        last_id: 0,
        doubt: None,
    }));
    // The listener keeps the reader for the frame's life.
    let kept = reader.clone();
    let listener = Closure::<dyn Fn(JsValue)>::new(move |msg: JsValue| {
        let reader = &kept;
        if field(&msg, "type").as_string().as_deref() != Some("snapshot") {
            return;
        }
        let (Some(url), Some(html)) = (
            field(&msg, "url").as_string(),
            field(&msg, "html").as_string(),
        ) else {
            return;
        };
        read_snapshot(reader, &url, &html);
    });
    reader.borrow().hub.listen(&listener);
    listener.forget();
    let ready = message("ready", &[]);
    reader.borrow().hub.post(&ready);
}

fn read_snapshot(reader: &SharedReader, url: &str, html: &str) {
    let (plan, new) = plan_for(reader, url, html).unwrap_or_default();
    // Answered even when there is nothing to do: the content script sends no new snapshot
    // while one is being read, so a reading never misses what the last one changed.
    let plan = to_js(&plan).unwrap_or(JsValue::NULL);
    reader
        .borrow()
        .hub
        .post(&message("apply", &[("plan", &plan)]));
    let search =
        talent_bridge::site::PageKind::of_url(url) == talent_bridge::site::PageKind::PeopleSearch;
    lookup(reader, new, search);
}

type NewPeople = Vec<(u64, PersonQuery)>;

/// What to change in the page after reading `html`, and who is new to it.
fn plan_for(reader: &SharedReader, url: &str, html: &str) -> Option<(Plan, NewPeople)> {
    let document = DomParser::new()
        .ok()?
        .parse_from_string(html, SupportedType::TextHtml)
        .ok()?;
    let dom = crate::web_dom::WebDom::marked(&document)?;
    let read = read_page(&dom, url);
    let failed = read.failed_strategies();
    let mut plan = Plan::default();
    let mut new = Vec::new();
    let mut r = reader.borrow_mut();
    match read {
        PageRead::Profile {
            profile,
            anchor: Some(anchor),
        } => r.show_profile(&document, profile, &anchor, &mut plan, &mut new),
        PageRead::Profile {
            profile,
            anchor: None,
        } => r.keep_profile(&document, Some(&profile.key), false, &mut plan),
        PageRead::UnreadableProfile { key, .. } => {
            r.keep_profile(&document, Some(&key), true, &mut plan)
        }
        PageRead::Search(results) => {
            let cards = results
                .cards
                .into_iter()
                .map(|c| (c.profile, c.anchor))
                .collect();
            r.show_cards(cards, &mut plan, &mut new);
        }
        PageRead::Other => r.keep_profile(&document, None, false, &mut plan),
    }
    r.self_check(&document, url, failed, &mut plan);
    Some((plan, new))
}

impl Reader {
    fn new_id(&mut self) -> u64 {
        self.last_id += 1;
        self.last_id
    }

    /// Removes every badge `keep` refuses.
    fn retain(&mut self, plan: &mut Plan, keep: impl Fn(&Remote) -> bool) {
        let (kept, gone): (Vec<_>, Vec<_>) =
            std::mem::take(&mut self.shown).into_iter().partition(keep);
        self.shown = kept;
        plan.remove.extend(gone.iter().map(|b| b.id));
    }

    fn keep_profile(
        &mut self,
        document: &Document,
        key: Option<&ProfileKey>,
        keep_unreadable: bool,
        plan: &mut Plan,
    ) {
        self.retain(plan, |b| {
            let kind_ok =
                b.kind == Kind::Profile || (keep_unreadable && b.kind == Kind::Unreadable);
            kind_ok && Some(&b.key) == key && host(document, b.id).is_some()
        });
    }

    fn add(
        &mut self,
        place: &Element,
        kind: Kind,
        key: ProfileKey,
        person: PersonQuery,
        page: PageFacts,
        plan: &mut Plan,
    ) -> u64 {
        let id = self.new_id();
        plan.add.push(Add {
            id,
            path: path_of(place),
            tag: place.tag_name(),
            init: Init { kind, person, page },
        });
        self.shown.push(Remote {
            id,
            kind,
            key,
            page,
        });
        id
    }

    fn show_profile(
        &mut self,
        document: &Document,
        profile: Profile,
        anchor: &Element,
        plan: &mut Plan,
        new: &mut NewPeople,
    ) {
        let page = page_facts(&profile);
        let same = self.shown.iter_mut().find(|b| {
            b.kind == Kind::Profile && b.key == profile.key && host(document, b.id).is_some()
        });
        if let Some(b) = same {
            if b.page != page {
                b.page = page;
                plan.page.push((b.id, page));
            }
            let id = b.id;
            self.retain(plan, |b| b.id == id);
            return;
        }
        self.keep_profile(document, None, false, plan);
        let person = person_query(&profile);
        let place = place_of(anchor);
        let id = self.add(
            &place,
            Kind::Profile,
            profile.key,
            person.clone(),
            page,
            plan,
        );
        new.push((id, person));
    }

    fn show_cards(&mut self, cards: Vec<(Profile, Element)>, plan: &mut Plan, new: &mut NewPeople) {
        // A card's badge stays while its host is still right beside that person's name.
        let places: Vec<(Profile, Element)> = cards
            .into_iter()
            .map(|(profile, anchor)| (profile, place_of(&anchor)))
            .collect();
        let beside = |place: &Element| {
            place
                .next_element_sibling()
                .and_then(|next| next.get_attribute(ID_ATTR))
                .and_then(|id| id.parse::<u64>().ok())
        };
        self.retain(plan, |b| {
            b.kind == Kind::Card
                && places
                    .iter()
                    .any(|(p, place)| p.key == b.key && beside(place) == Some(b.id))
        });
        for (profile, place) in places {
            let badged = beside(&place).is_some_and(|id| self.shown.iter().any(|b| b.id == id));
            if badged {
                continue;
            }
            let person = person_query(&profile);
            // Exporting starts from the profile page: a card offers no PDF (and asks nothing).
            let page = PageFacts {
                pdf_offered: false,
                ..page_facts(&profile)
            };
            let id = self.add(&place, Kind::Card, profile.key, person.clone(), page, plan);
            new.push((id, person));
        }
    }

    /// As `watcher::self_check`: "Can't read this profile" and one report per visit, once the
    /// page has stayed unreadable long enough; meanwhile the content script is asked for a
    /// new snapshot when that time is up, even if the page does not change.
    fn self_check(
        &mut self,
        document: &Document,
        url: &str,
        failed: Option<Vec<&'static str>>,
        plan: &mut Plan,
    ) {
        let Some(failed) = failed else {
            self.doubt = None;
            return;
        };
        let now = js_sys::Date::now();
        let first_time = match self.doubt.as_mut() {
            Some(doubt) if doubt.url == url => {
                if now - doubt.since_ms < UNREADABLE_AFTER_MS {
                    return;
                }
                !std::mem::replace(&mut doubt.settled, true)
            }
            _ => {
                self.doubt = Some(Doubt {
                    url: url.to_string(),
                    since_ms: now,
                    settled: false,
                });
                let after = JsValue::from_f64(UNREADABLE_AFTER_MS + 150.0);
                self.hub.post(&message("again", &[("ms", &after)]));
                return;
            }
        };
        self.show_unreadable(document, url, plan);
        let Some(pattern) = url_pattern(url).filter(|_| first_time) else {
            return;
        };
        let failed = failed.into_iter().map(str::to_string).collect();
        wasm_bindgen_futures::spawn_local(async move {
            let _ = request_msg(ContentRequest::ReportUnreadable { pattern, failed }).await;
        });
    }

    fn show_unreadable(&mut self, document: &Document, url: &str, plan: &mut Plan) {
        let Some(key) = ProfileKey::from_url(url) else {
            return;
        };
        let already = self
            .shown
            .iter()
            .any(|b| b.kind != Kind::Card && b.key == key && host(document, b.id).is_some());
        if already {
            return;
        }
        self.keep_profile(document, None, false, plan);
        let Some(heading) = document.query_selector("main h1").ok().flatten() else {
            return;
        };
        let person = PersonQuery {
            key: Some(key.clone()),
            ..PersonQuery::default()
        };
        let place = place_of(&heading);
        self.add(
            &place,
            Kind::Unreadable,
            key,
            person,
            PageFacts::default(),
            plan,
        );
    }
}

/// The badge's host in the snapshot, if the page still has it.
fn host(document: &Document, id: u64) -> Option<Element> {
    let selector = format!("[{}][{ID_ATTR}=\"{id}\"]", crate::mount::HOST_ATTR);
    document.query_selector(&selector).ok().flatten()
}

/// Where the host goes: after the link around the name, if any (as `BadgeMount::attach`).
fn place_of(anchor: &Element) -> Element {
    link_around(anchor).unwrap_or_else(|| anchor.clone())
}

/// `element`'s position under `<html>`, as element-child indexes from the top.
fn path_of(element: &Element) -> Vec<u32> {
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
/// answer goes to its badge frame through the content script.
fn lookup(reader: &SharedReader, new: NewPeople, search: bool) {
    let weak = Rc::downgrade(reader);
    look_up_each(new, false, search, move |id, view| {
        let Some(reader) = weak.upgrade() else { return };
        let r = reader.borrow();
        if r.shown.iter().any(|b| b.id == id) {
            let id = JsValue::from_f64(id as f64);
            r.hub
                .post(&message("show", &[("id", &id), ("badge", &view.raw)]));
        }
    });
}

/// Called by `frame.js` in a badge frame, with what the reader put in the plan for it. Returns
/// the badge's closed shadow root, which `frame.js` measures to size the frame (`None`: no badge).
#[wasm_bindgen]
pub fn start_badge(hub: Hub, init: JsValue) -> Option<ShadowRoot> {
    let init = serde_wasm_bindgen::from_value::<Init>(init).ok()?;
    let document = web_sys::window().and_then(|w| w.document())?;
    let body = document.body()?;
    // The badge goes beside an empty anchor, as it goes beside the name in the page.
    let anchor = element(&document, "span", &[("class", "anchor")], None)?;
    body.append_child(&anchor).ok()?;
    let mount: Rc<RefCell<Option<BadgeMount>>> = Rc::new(RefCell::new(None));
    let relookup = {
        let weak = Rc::downgrade(&mount);
        let person = init.person.clone();
        Rc::new(move || {
            let weak = weak.clone();
            let person = person.clone();
            if let Some(m) = weak.upgrade()
                && let Some(m) = m.borrow_mut().as_mut()
            {
                m.show(Badge::bare(BadgeState::Checking));
            }
            wasm_bindgen_futures::spawn_local(async move {
                let view = look_up(vec![person], true, false).await.into_iter().next();
                if let (Some(m), Some(view)) = (weak.upgrade(), view)
                    && let Some(m) = m.borrow_mut().as_mut()
                {
                    m.show(view);
                }
            });
        }) as Rc<dyn Fn()>
    };
    let args = MountArgs {
        person: init.person,
        page: init.page,
        export: init.kind == Kind::Profile,
        relookup,
    };
    let mut badge = BadgeMount::attach(&document, &anchor, args)?;
    if init.kind == Kind::Unreadable {
        badge.show(Badge::bare(BadgeState::Unreadable));
    }
    let shadow = badge.shadow();
    *mount.borrow_mut() = Some(badge);
    let listener = Closure::<dyn Fn(JsValue)>::new(move |msg: JsValue| {
        let mut slot = mount.borrow_mut();
        let Some(badge) = slot.as_mut() else { return };
        match field(&msg, "type").as_string().as_deref() {
            Some("show") => {
                if let Some(view) = Badge::read(field(&msg, "badge")) {
                    badge.show(view);
                }
            }
            Some("page") => {
                if let Ok(page) = serde_wasm_bindgen::from_value::<PageFacts>(field(&msg, "page")) {
                    badge.set_page(page);
                }
            }
            _ => {}
        }
    });
    hub.listen(&listener);
    listener.forget();
    Some(shadow)
}
