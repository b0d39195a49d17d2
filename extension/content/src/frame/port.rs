//! A frame's end of its `chrome.tabs` port to the content script of its own tab (`frames.js`):
//! typed messages out, typed and checked messages in (`talent_bridge::protocol::frame`).

use serde::Serialize;
use serde::de::DeserializeOwned;
use talent_bridge::protocol::Bounded;
use talent_bridge_web::to_js;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "tabs"], js_name = getCurrent, catch)]
    async fn current_tab() -> Result<JsValue, JsValue>;

    /// The tab this frame is in.
    type Tab;
    #[wasm_bindgen(method, getter)]
    fn id(this: &Tab) -> Option<f64>;

    #[wasm_bindgen(js_namespace = ["chrome", "tabs"], js_name = connect, catch)]
    fn connect(tab: f64, options: &JsValue) -> Result<RawPort, JsValue>;

    #[derive(Clone)]
    type RawPort;
    #[wasm_bindgen(method, js_name = postMessage, catch)]
    fn post_message(this: &RawPort, msg: &JsValue) -> Result<(), JsValue>;
    #[wasm_bindgen(method, getter, js_name = onMessage)]
    fn on_message(this: &RawPort) -> PortEvent;
    #[wasm_bindgen(method)]
    fn disconnect(this: &RawPort);
    #[wasm_bindgen(method, getter, js_name = onDisconnect)]
    fn on_disconnect(this: &RawPort) -> PortEvent;

    type PortEvent;
    #[wasm_bindgen(method, js_name = addListener)]
    fn add_listener(this: &PortEvent, listener: &js_sys::Function);
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ConnectOptions<'a> {
    /// The tab's top document, where `frames.js` runs.
    frame_id: u32,
    name: &'a str,
}

#[derive(Clone)]
pub struct Port(RawPort);

impl Port {
    /// Opens the port named `name` (the role and token this frame was given) to the content
    /// script of this frame's tab; `None` outside a tab.
    pub async fn open(name: &str) -> Option<Self> {
        let tab = current_tab()
            .await
            .ok()?
            .dyn_into::<js_sys::Object>()
            .ok()?;
        let id = tab.unchecked_into::<Tab>().id()?;
        Self::to_tab(id, name)
    }

    /// Opens the port named `name` to the content script of the tab `id`'s top document (the
    /// side panel's, to the tab it shows).
    pub fn to_tab(id: f64, name: &str) -> Option<Self> {
        let options = to_js(&ConnectOptions { frame_id: 0, name })?;
        connect(id, &options).ok().map(Self)
    }

    /// Closes the port: the content script stops serving it.
    pub fn close(&self) {
        self.0.disconnect();
    }

    /// Sends `msg`; a port the content script closed takes nothing.
    pub fn send<T: Serialize>(&self, msg: &T) {
        if let Some(value) = to_js(msg) {
            let _ = self.0.post_message(&value);
        }
    }

    /// Calls `heard` with every message that parses as a `T` within its limits, for the frame's
    /// life; anything else is dropped unread.
    pub fn listen<T: DeserializeOwned + Bounded + 'static>(&self, heard: impl Fn(T) + 'static) {
        let listener = Closure::<dyn Fn(JsValue)>::new(move |value: JsValue| {
            if let Ok(msg) = serde_wasm_bindgen::from_value::<T>(value)
                && msg.check().is_ok()
            {
                heard(msg);
            }
        });
        self.0
            .on_message()
            .add_listener(listener.as_ref().unchecked_ref());
        listener.forget();
    }

    /// Calls `gone` once the content script is gone (the page left, the extension reloaded).
    pub fn on_close(&self, gone: impl Fn() + 'static) {
        let listener = Closure::<dyn Fn()>::new(gone);
        self.0
            .on_disconnect()
            .add_listener(listener.as_ref().unchecked_ref());
        listener.forget();
    }
}
