//! Follows the site's client-side navigation and keeps exactly one right badge per person shown
//! (PRODUCT.md P1, P2): a URL change reads the page at once, a relevant DOM change sets one
//! re-read at the core's pace (`talent_bridge::badge_plan::ReadPacer`; a settled page is looked
//! at first, and read only if it looks different); each reading goes to the core's badge rules
//! (`talent_bridge::badge_plan`), whose plan `shown` carries out; a page in doubt is read again by
//! itself after the rules' delay.

use crate::alarm::Alarm;
use crate::shown::{self, Shared};
use crate::web_dom::WebDom;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use talent_bridge::badge_plan::{DimInCrm, Due, ReadPacer, SearchBadges};
use talent_bridge::site::read_page;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Document, MutationObserver, MutationObserverInit, MutationRecord, Window};

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
    pacer: ReadPacer,
    /// Asks the pacer whether to read the page, look at it first, or wait on.
    pending: Alarm,
    /// Reads a page in doubt again once the rules' delay is over, even if nothing changes in it.
    again: Alarm,
    _navigation: Option<(web_sys::EventTarget, Closure<dyn FnMut()>)>,
    _observer: Option<(MutationObserver, Closure<RecordsCallback>)>,
}

impl PageWatcher {
    /// Starts watching, with search badges as the organisation has them and the user's choice
    /// to dim people already in the CRM; a second call does nothing (the script must never
    /// inject twice).
    pub fn install(search_badges: SearchBadges, dim_in_crm: DimInCrm) {
        if WATCHER.with(|w| w.borrow().is_some()) {
            return;
        }
        let Some(window) = web_sys::window() else {
            return;
        };
        let Some(document) = window.document() else {
            return;
        };
        let shared: Shared = Rc::new_cyclic(|weak| {
            RefCell::new(PageWatcher {
                pending: Alarm::new(window.clone(), on(weak, due)),
                again: Alarm::new(window.clone(), on(weak, refresh)),
                window,
                document,
                last_url: String::new(),
                shown: shown::Shown::with_search_badges(search_badges).dimming(dim_in_crm),
                pacer: ReadPacer::default(),
                _navigation: None,
                _observer: None,
            })
        });
        WATCHER.with(|w| *w.borrow_mut() = Some(shared.clone()));
        shared.borrow_mut().pacer.arrived(js_sys::Date::now());
        observe(&shared);
        follow_navigation(&shared);
        refresh(&shared);
    }
}

/// The organisation's `Features.SearchBadges`, as now known: a change reads the page again
/// (switched off, a search page's badges go; on, they come).
pub fn search_badges_known(shared: &Shared, search_badges: SearchBadges) {
    let changed = shared.borrow_mut().shown.set_search_badges(search_badges);
    if changed {
        refresh(shared);
    }
}

fn observe(shared: &Shared) {
    let weak = Rc::downgrade(shared);
    let callback = Closure::<RecordsCallback>::new(move |records: js_sys::Array| {
        let Some(shared) = weak.upgrade() else { return };
        // Once settled, our own badges going in are seen by the look before any reading: the
        // records are not gone through (a page that churns pays for one call, not for each node).
        let now = js_sys::Date::now();
        let fast = shared
            .try_borrow()
            .is_ok_and(|w| w.pacer.is_fast(now, w.shown.settled()));
        if !(fast && only_our_badges_added(&shared, &records)) {
            changed(&shared, now);
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
            shared.borrow_mut().pacer.arrived(js_sys::Date::now());
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

/// The page changed: one re-read when the core's pacer says (a re-read already set stays, and
/// asks the pacer again when it fires).
fn changed(shared: &Shared, now: f64) {
    let Ok(mut w) = shared.try_borrow_mut() else {
        return;
    };
    let settled = w.shown.settled();
    if let Some(ms) = w.pacer.changed(now, settled) {
        w.pending.set(ms);
    }
}

/// What an alarm of the watcher calls: `then` with the watcher, while there is one.
fn on(weak: &Weak<RefCell<PageWatcher>>, then: fn(&Shared)) -> impl FnMut() + 'static {
    let weak = weak.clone();
    move || {
        if let Some(shared) = weak.upgrade() {
            then(&shared);
        }
    }
}

#[inline(never)]
fn due(shared: &Shared) {
    let due = shared.borrow().pacer.due(js_sys::Date::now());
    let worth = match due {
        Due::Read => true,
        Due::Look => {
            let mut w = shared.borrow_mut();
            let glance = w.shown.glance(&w.document, &w.window);
            w.pacer.worth_reading(&glance)
        }
        Due::Wait(ms) => {
            shared.borrow_mut().pending.set(ms);
            false
        }
    };
    if worth {
        refresh(shared);
    }
}

/// Reads the page and makes the badges match it.
fn refresh(shared: &Shared) {
    let url = {
        let mut w = shared.borrow_mut();
        // This reading is the one a re-read still to come waited for.
        w.pending.clear();
        w.pacer.reading();
        match w.window.location().href() {
            Ok(url) => url,
            Err(_) => return,
        }
    };
    shared.borrow_mut().last_url = url.clone();
    let read = {
        let w = shared.borrow();
        let Some(dom) = WebDom::of(&w.document) else {
            return;
        };
        read_page(&dom, &url)
    };
    let again = shown::show(shared, read, &url);
    {
        // Only a settled page is looked at (`ReadPacer::due`): a reading in doubt needs no look
        // to compare with.
        let mut w = shared.borrow_mut();
        if w.shown.settled() {
            let glance = w.shown.glance(&w.document, &w.window);
            w.pacer.read_as(glance);
        }
    }
    if let Some(ms) = again {
        shared.borrow_mut().again.set(ms);
    }
}
