//! What the UI module asks of the site from an extension page (the export's PDF, DESIGN.md §5):
//! a badge frame or the side panel has neither the site's cookies nor its origin, so the content
//! script of the tab asks for it (`SiteAsk` → `SiteReply`). The UI module reaches this as
//! `globalThis.talentBridgeSite` (`frame.js` sets it, in frames and in the side panel), with the worker's messages
//! for it, which the content script (frame mode) or the panel passes on.

use std::cell::RefCell;
use std::rc::Rc;
use talent_bridge::protocol::Bounded;
use talent_bridge::protocol::frame::{SiteAsk, SiteReply};
use talent_bridge_web::to_js;
use wasm_bindgen::prelude::*;

/// The page's side of the site requests: asks on their way, and who hears the worker.
pub struct Hub {
    /// Sends an ask to the content script of the tab, under its number.
    send: Box<dyn Fn(u32, SiteAsk)>,
    last_ask: RefCell<u32>,
    waiting: RefCell<Vec<(u32, js_sys::Function)>>,
    events: RefCell<Vec<js_sys::Function>>,
}

impl Hub {
    pub fn new(send: impl Fn(u32, SiteAsk) + 'static) -> Rc<Self> {
        Rc::new(Self {
            send: Box::new(send),
            last_ask: RefCell::new(0),
            waiting: RefCell::new(Vec::new()),
            events: RefCell::new(Vec::new()),
        })
    }

    /// The content script's answer to the ask `re`.
    pub fn answer(&self, re: u32, answer: &SiteReply) {
        let resolve = {
            let mut waiting = self.waiting.borrow_mut();
            let at = waiting.iter().position(|(r, _)| *r == re);
            at.map(|at| waiting.remove(at).1)
        };
        if let Some(resolve) = resolve {
            let _ = resolve.call1(&JsValue::NULL, &to_js(answer).unwrap_or(JsValue::NULL));
        }
    }

    /// The content script is gone: nothing asked will be answered.
    pub fn closed(&self) {
        let waiting = std::mem::take(&mut *self.waiting.borrow_mut());
        let unanswered = to_js(&SiteReply::Unanswered).unwrap_or(JsValue::NULL);
        for (_, resolve) in waiting {
            let _ = resolve.call1(&JsValue::NULL, &unanswered);
        }
    }

    /// A message of the worker to the tab, for the UI module.
    pub fn event(&self, event: &JsValue) {
        let listeners = self.events.borrow().clone();
        for listener in listeners {
            let _ = listener.call1(&JsValue::NULL, event);
        }
    }
}

/// `talentBridgeSite`, as the UI module calls it.
#[wasm_bindgen]
pub struct SiteHub(Rc<Hub>);

impl SiteHub {
    pub fn new(hub: Rc<Hub>) -> Self {
        Self(hub)
    }
}

#[wasm_bindgen]
impl SiteHub {
    /// Asks the site `ask` (a `SiteAsk`); resolves to its `SiteReply`. An ask that is not one,
    /// or not within its limits, is answered `unanswered` at once.
    pub fn ask(&self, ask: JsValue) -> js_sys::Promise {
        let ask = serde_wasm_bindgen::from_value::<SiteAsk>(ask)
            .ok()
            .filter(|ask| ask.check().is_ok());
        let Some(ask) = ask else {
            return js_sys::Promise::resolve(
                &to_js(&SiteReply::Unanswered).unwrap_or(JsValue::NULL),
            );
        };
        let hub = &self.0;
        let re = {
            let mut last = hub.last_ask.borrow_mut();
            *last = last.wrapping_add(1);
            *last
        };
        let promise = js_sys::Promise::new(&mut |resolve, _reject| {
            hub.waiting.borrow_mut().push((re, resolve));
        });
        (hub.send)(re, ask);
        promise
    }

    /// Calls `listener` with every message of the worker to this tab.
    #[wasm_bindgen(js_name = onEvent)]
    pub fn on_event(&self, listener: js_sys::Function) {
        self.0.events.borrow_mut().push(listener);
    }
}
