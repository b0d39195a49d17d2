//! Follows the site's client-side navigation and keeps exactly one right badge per person
//! (PRODUCT.md P2): a URL change or a relevant DOM change schedules one debounced re-read; a
//! reply that arrives for a person no longer shown is dropped.

use crate::card::CardProps;
use crate::mount::BadgeMount;
use crate::web_dom::WebDom;
use gloo::timers::callback::{Interval, Timeout};
use std::cell::RefCell;
use std::rc::Rc;
use talent_bridge::export_ui::page_facts;
use talent_bridge::profile::{Profile, ProfileKey};
use talent_bridge::protocol::{BadgeState, BadgeView, ContentReply, ContentRequest, PersonQuery};
use talent_bridge::site::{PageRead, read_page};
use talent_bridge_web::{SendError, request, t};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Document, MutationObserver, MutationObserverInit, Window};
use yew::Callback;

/// DOM changes come in bursts while the site renders; one read per burst is enough.
const DEBOUNCE_MS: u32 = 120;
/// The site's router changes the URL without any DOM event we can see from the isolated world.
const URL_POLL_MS: u32 = 400;

thread_local! {
    static WATCHER: RefCell<Option<Rc<RefCell<PageWatcher>>>> = const { RefCell::new(None) };
}

pub struct PageWatcher {
    window: Window,
    document: Document,
    last_url: String,
    badge: Option<ShownBadge>,
    /// Bumped on every new badge; a reply for an older one is stale.
    generation: u64,
    pending: Option<Timeout>,
    _poll: Option<Interval>,
    _observer: Option<(MutationObserver, Closure<dyn FnMut()>)>,
}

struct ShownBadge {
    key: ProfileKey,
    person: PersonQuery,
    mount: BadgeMount,
    generation: u64,
}

type Shared = Rc<RefCell<PageWatcher>>;

impl PageWatcher {
    /// Starts watching; a second call does nothing (the script must never inject twice).
    pub fn install() {
        if WATCHER.with(|w| w.borrow().is_some()) {
            return;
        }
        let Some(window) = web_sys::window() else {
            return;
        };
        let Some(document) = window.document() else {
            return;
        };
        let shared: Shared = Rc::new(RefCell::new(PageWatcher {
            window,
            document,
            last_url: String::new(),
            badge: None,
            generation: 0,
            pending: None,
            _poll: None,
            _observer: None,
        }));
        WATCHER.with(|w| *w.borrow_mut() = Some(shared.clone()));
        observe(&shared);
        poll_url(&shared);
        refresh(&shared);
    }
}

fn observe(shared: &Shared) {
    let weak = Rc::downgrade(shared);
    let callback = Closure::<dyn FnMut()>::new(move || {
        if let Some(shared) = weak.upgrade() {
            schedule(&shared);
        }
    });
    let Ok(observer) = MutationObserver::new(callback.as_ref().unchecked_ref()) else {
        return;
    };
    let options = MutationObserverInit::new();
    options.set_child_list(true);
    options.set_subtree(true);
    let target = shared.borrow().document.body();
    if let Some(body) = target
        && observer.observe_with_options(&body, &options).is_ok()
    {
        shared.borrow_mut()._observer = Some((observer, callback));
    }
}

fn poll_url(shared: &Shared) {
    let weak = Rc::downgrade(shared);
    let interval = Interval::new(URL_POLL_MS, move || {
        let Some(shared) = weak.upgrade() else { return };
        let changed = {
            let w = shared.borrow();
            w.window
                .location()
                .href()
                .map(|href| href != w.last_url)
                .unwrap_or(false)
        };
        if changed {
            refresh(&shared);
        }
    });
    shared.borrow_mut()._poll = Some(interval);
}

/// One re-read after the current burst of DOM changes.
fn schedule(shared: &Shared) {
    if shared.borrow().pending.is_some() {
        return;
    }
    let weak = Rc::downgrade(shared);
    let timeout = Timeout::new(DEBOUNCE_MS, move || {
        if let Some(shared) = weak.upgrade() {
            shared.borrow_mut().pending = None;
            refresh(&shared);
        }
    });
    shared.borrow_mut().pending = Some(timeout);
}

/// Reads the page and makes the badge match it.
fn refresh(shared: &Shared) {
    let url = match shared.borrow().window.location().href() {
        Ok(url) => url,
        Err(_) => return,
    };
    shared.borrow_mut().last_url = url.clone();
    let read = {
        let w = shared.borrow();
        let Some(dom) = WebDom::of(&w.document) else {
            return;
        };
        read_page(&dom, &url)
    };
    match read {
        PageRead::Profile {
            profile,
            anchor: Some(anchor),
        } => show_profile(shared, profile, &anchor),
        PageRead::Profile {
            profile,
            anchor: None,
        } => keep_only(shared, Some(&profile.key)),
        PageRead::UnreadableProfile { key, .. } => keep_only(shared, Some(&key)),
        PageRead::Other => keep_only(shared, None),
    }
}

/// Drops the badge unless it is still attached and belongs to `key`.
fn keep_only(shared: &Shared, key: Option<&ProfileKey>) {
    let mut w = shared.borrow_mut();
    let keep = w
        .badge
        .as_ref()
        .is_some_and(|b| Some(&b.key) == key && b.mount.is_attached());
    if !keep && let Some(old) = w.badge.take() {
        old.mount.remove();
    }
}

fn show_profile(shared: &Shared, profile: Profile, anchor: &web_sys::Element) {
    {
        let mut w = shared.borrow_mut();
        if let Some(b) = w.badge.as_mut()
            && b.key == profile.key
            && b.mount.is_attached()
        {
            // The site renders the card's controls late: what it offers may show up only now.
            b.mount.set_page(page_facts(&profile));
            return;
        }
    }
    keep_only(shared, None);
    let person = person_query(&profile);
    let generation = {
        let mut w = shared.borrow_mut();
        w.generation += 1;
        w.generation
    };
    let on_open_options = Callback::from(|()| {
        wasm_bindgen_futures::spawn_local(async {
            let _ = request::<_, ContentReply>(ContentRequest::OpenOptions).await;
        });
    });
    let props = CardProps {
        view: BadgeView::bare(BadgeState::Checking),
        key: profile.key.clone(),
        person: person.clone(),
        page: page_facts(&profile),
        on_retry: relookup(shared, generation),
        on_open_options,
        on_changed: relookup(shared, generation),
    };
    let document = shared.borrow().document.clone();
    let Some(mount) = BadgeMount::attach(&document, anchor, props) else {
        return;
    };
    shared.borrow_mut().badge = Some(ShownBadge {
        key: profile.key,
        person,
        mount,
        generation,
    });
    lookup(shared, generation, false);
}

/// Looks the person shown under `generation` up again, past the worker's cache: the user
/// pressed retry, or an export or a change of pools just changed the CRM's record.
fn relookup(shared: &Shared, generation: u64) -> Callback<()> {
    let weak = Rc::downgrade(shared);
    Callback::from(move |()| {
        if let Some(shared) = weak.upgrade() {
            lookup(&shared, generation, true);
        }
    })
}

fn person_query(profile: &Profile) -> PersonQuery {
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

/// Asks the worker for the badge of the person shown under `generation`.
fn lookup(shared: &Shared, generation: u64, fresh: bool) {
    let person = {
        let mut w = shared.borrow_mut();
        let Some(b) = w.badge.as_mut().filter(|b| b.generation == generation) else {
            return;
        };
        if fresh {
            b.mount.show(BadgeView::bare(BadgeState::Checking));
        }
        b.person.clone()
    };
    let weak = Rc::downgrade(shared);
    wasm_bindgen_futures::spawn_local(async move {
        let reply = request::<_, ContentReply>(ContentRequest::Lookup {
            people: vec![person],
            fresh,
        })
        .await;
        let view = match reply {
            Ok(ContentReply::Lookup { badges }) => badges
                .into_iter()
                .next()
                .unwrap_or_else(|| BadgeView::error(t("errorCrmAnswer"))),
            Ok(_) => BadgeView::error(t("errorInternal")),
            Err(SendError::ExtensionGone) => BadgeView::error(t("errorExtensionReloaded")),
            Err(SendError::BadReply) => BadgeView::error(t("errorInternal")),
        };
        let Some(shared) = weak.upgrade() else { return };
        let mut w = shared.borrow_mut();
        if let Some(b) = w.badge.as_mut().filter(|b| b.generation == generation) {
            b.mount.show(view);
        }
    });
}
