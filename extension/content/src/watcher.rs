//! Follows the site's client-side navigation and keeps exactly one right badge per person shown
//! (PRODUCT.md P1, P2): a URL change or a relevant DOM change schedules one debounced re-read;
//! each reading is reconciled with the badges in the page (`shown`); a page that stays
//! unreadable is reported to the admins' self-check.

use crate::shown::{self, Shared};
use crate::web_dom::WebDom;
use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::Rc;
use talent_bridge::protocol::ContentRequest;
use talent_bridge::site::{PageRead, read_page, url_pattern};
use talent_bridge_web::request_msg;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Document, MutationObserver, MutationObserverInit, MutationRecord, Window};

/// DOM changes come in bursts while the site renders; one read per burst is enough.
const DEBOUNCE_MS: u32 = 120;
/// A profile or search page still unreadable after this long is not loading: the site may have
/// changed (issue #4: "Can't read this profile", and the admins' self-check).
const UNREADABLE_AFTER_MS: u32 = 3_000;

/// What the page's `MutationObserver` calls with each batch of records.
type RecordsCallback = dyn FnMut(js_sys::Array);

thread_local! {
    static WATCHER: RefCell<Option<Shared>> = const { RefCell::new(None) };
}

pub struct PageWatcher {
    pub window: Window,
    pub document: Document,
    last_url: String,
    pub shown: shown::Shown,
    pending: Option<Timeout>,
    doubt: Option<Doubt>,
    _navigation: Option<(web_sys::EventTarget, Closure<dyn FnMut()>)>,
    _observer: Option<(MutationObserver, Closure<RecordsCallback>)>,
}

/// A profile or search URL whose page has been unreadable since `since_ms`.
struct Doubt {
    url: String,
    since_ms: f64,
    /// Reads the page again once the delay is over, even if nothing changes in it.
    _timer: Timeout,
    /// Shown and reported: reported once per visit.
    settled: bool,
}

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
            shown: shown::Shown::default(),
            pending: None,
            doubt: None,
            _navigation: None,
            _observer: None,
        }));
        WATCHER.with(|w| *w.borrow_mut() = Some(shared.clone()));
        observe(&shared);
        follow_navigation(&shared);
        refresh(&shared);
    }
}

fn observe(shared: &Shared) {
    let weak = Rc::downgrade(shared);
    let callback = Closure::<RecordsCallback>::new(move |records: js_sys::Array| {
        if let Some(shared) = weak.upgrade()
            && !only_our_badges_added(&shared, &records)
        {
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

/// Whether a batch of DOM changes is nothing but our own badges going into the page: reading
/// the page again for them would find what we just read (half the reader's cost per profile
/// load, issue #20). A host the page removes, or anything else, is a change to read.
fn only_our_badges_added(shared: &Shared, records: &js_sys::Array) -> bool {
    let Ok(watcher) = shared.try_borrow() else {
        return false;
    };
    records.iter().all(|record| {
        let Ok(record) = record.dyn_into::<MutationRecord>() else {
            return false;
        };
        let added = record.added_nodes();
        record.removed_nodes().length() == 0
            && added.length() > 0
            && (0..added.length())
                .filter_map(|i| added.item(i))
                .all(|node| watcher.shown.holds_host(&node))
    })
}

/// The site's router changes the URL with `history.pushState`, which no DOM event tells; the
/// Navigation API does, in every world (Chrome 102+; the manifest asks for 140), so nothing
/// polls the URL while the tab sits on a page.
fn follow_navigation(shared: &Shared) {
    let Some(navigation) = js_sys::Reflect::get(&shared.borrow().window, &"navigation".into())
        .ok()
        .and_then(|n| n.dyn_into::<web_sys::EventTarget>().ok())
    else {
        return;
    };
    let weak = Rc::downgrade(shared);
    let callback = Closure::<dyn FnMut()>::new(move || {
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
    if navigation
        .add_event_listener_with_callback("currententrychange", callback.as_ref().unchecked_ref())
        .is_ok()
    {
        shared.borrow_mut()._navigation = Some((navigation, callback));
    }
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

/// Reads the page and makes the badges match it.
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
    let failed = read.failed_strategies();
    match read {
        PageRead::Profile {
            profile,
            anchor: Some(anchor),
        } => shown::show_profile(shared, profile, &anchor),
        PageRead::Profile {
            profile,
            anchor: None,
        } => shown::keep_profile(shared, Some(&profile.key), false),
        // The site may be re-rendering the card: a badge already right for the URL stays.
        PageRead::UnreadableProfile { key, .. } => shown::keep_profile(shared, Some(&key), true),
        PageRead::Search(results) => shown::show_cards(shared, results.cards),
        PageRead::Other => shown::keep_profile(shared, None, false),
    }
    self_check(shared, &url, failed);
}

/// Counts how long the page at `url` has been unreadable; once that is long enough, says so
/// beside the page's main heading and reports it to the admins' self-check (once per visit).
fn self_check(shared: &Shared, url: &str, failed: Option<Vec<&'static str>>) {
    let Some(failed) = failed else {
        shared.borrow_mut().doubt = None;
        return;
    };
    let now = js_sys::Date::now();
    let first_time = {
        let mut w = shared.borrow_mut();
        match w.doubt.as_mut() {
            Some(doubt) if doubt.url == url => {
                if now - doubt.since_ms < f64::from(UNREADABLE_AFTER_MS) {
                    return;
                }
                !std::mem::replace(&mut doubt.settled, true)
            }
            _ => {
                let weak = Rc::downgrade(shared);
                let timer = Timeout::new(UNREADABLE_AFTER_MS + DEBOUNCE_MS, move || {
                    if let Some(shared) = weak.upgrade() {
                        refresh(&shared);
                    }
                });
                w.doubt = Some(Doubt {
                    url: url.to_string(),
                    since_ms: now,
                    _timer: timer,
                    settled: false,
                });
                return;
            }
        }
    };
    // Again after each read: the site may have thrown the badge away with its heading.
    shown::show_unreadable(shared, url);
    let Some(pattern) = url_pattern(url).filter(|_| first_time) else {
        return;
    };
    let failed = failed.into_iter().map(str::to_string).collect();
    wasm_bindgen_futures::spawn_local(async move {
        let _ = request_msg(ContentRequest::ReportUnreadable { pattern, failed }).await;
    });
}
