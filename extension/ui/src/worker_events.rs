//! Messages the worker sends this tab unasked: the progress of an export (PRODUCT.md E3). One
//! listener for the script's life; the export panel on screen subscribes to it.

use std::cell::RefCell;
use talent_bridge::protocol::{Envelope, WorkerEvent};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use yew::Callback;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "runtime", "onMessage"], js_name = addListener, catch)]
    fn add_listener(listener: &Closure<dyn Fn(JsValue)>) -> Result<(), JsValue>;
}

thread_local! {
    static SUBSCRIBER: RefCell<Option<(u64, Callback<WorkerEvent>)>> = const { RefCell::new(None) };
    static NEXT_ID: RefCell<u64> = const { RefCell::new(0) };
}

/// Starts listening; called once at start.
pub fn listen() {
    let listener = Closure::<dyn Fn(JsValue)>::new(|message: JsValue| {
        // Anything that is not a well-formed event of ours is ignored, never trusted.
        let Ok(envelope) = serde_wasm_bindgen::from_value::<Envelope<WorkerEvent>>(message) else {
            return;
        };
        let Ok(event) = envelope.open() else { return };
        let subscriber = SUBSCRIBER.with(|s| s.borrow().as_ref().map(|(_, cb)| cb.clone()));
        if let Some(callback) = subscriber {
            callback.emit(event);
        }
    });
    // In frame mode the worker's messages to the tab reach the content script, which passes
    // them on to this frame (`frame.js`); elsewhere they come straight to this script.
    let hub = js_sys::Reflect::get(&js_sys::global(), &"talentBridgeSite".into())
        .ok()
        .filter(JsValue::is_object);
    let relay = hub.and_then(|hub| {
        let on_event = js_sys::Reflect::get(&hub, &"onEvent".into()).ok()?;
        let on_event = on_event.dyn_into::<js_sys::Function>().ok()?;
        on_event.call1(&hub, listener.as_ref()).ok()
    });
    if relay.is_some() || add_listener(&listener).is_ok() {
        listener.forget();
    }
}

/// Sends events to `callback` until [`unsubscribe`] is called with the id returned.
pub fn subscribe(callback: Callback<WorkerEvent>) -> u64 {
    let id = NEXT_ID.with(|n| {
        let mut n = n.borrow_mut();
        *n += 1;
        *n
    });
    SUBSCRIBER.with(|s| *s.borrow_mut() = Some((id, callback)));
    id
}

/// Stops sending events to the subscriber `id` (a newer panel's subscription stays).
pub fn unsubscribe(id: u64) {
    SUBSCRIBER.with(|s| {
        let mut s = s.borrow_mut();
        if s.as_ref().is_some_and(|(current, _)| *current == id) {
            *s = None;
        }
    });
}
