//! Small typed doors onto `chrome.*` for the worker.

use js_sys::Reflect;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "runtime"], js_name = openOptionsPage, catch)]
    pub async fn open_options_page() -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = ["chrome", "action"], js_name = setBadgeText, catch)]
    async fn set_badge_text(details: &JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = ["chrome", "action"], js_name = setTitle, catch)]
    async fn set_title(details: &JsValue) -> Result<JsValue, JsValue>;
}

/// Marks the toolbar button in `tab` with `text` and the tooltip `title`, until the tab
/// navigates (Chrome resets tab-specific action settings then).
pub async fn mark_action(tab: i32, text: &str, title: &str) -> Result<(), JsValue> {
    let details = |key: &str, value: &str| {
        let object = js_sys::Object::new();
        let _ = Reflect::set(&object, &"tabId".into(), &tab.into());
        let _ = Reflect::set(&object, &key.into(), &value.into());
        JsValue::from(object)
    };
    set_badge_text(&details("text", text)).await?;
    set_title(&details("title", title)).await?;
    Ok(())
}

/// This extension's id.
pub fn runtime_id() -> Option<String> {
    let chrome = Reflect::get(&js_sys::global(), &"chrome".into()).ok()?;
    let runtime = Reflect::get(&chrome, &"runtime".into()).ok()?;
    Reflect::get(&runtime, &"id".into()).ok()?.as_string()
}

pub use talent_bridge_web::{say, t, t_count, t_with};

/// Logs an event without any data from the message, the page or the CRM (ids and codes only).
pub fn log(event: &str) {
    web_sys::console::warn_1(&JsValue::from_str(&format!("Talent Bridge: {event}")));
}
