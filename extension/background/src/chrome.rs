//! Small typed doors onto `chrome.*` for the worker.

use js_sys::Reflect;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "runtime"], js_name = openOptionsPage, catch)]
    pub async fn open_options_page() -> Result<JsValue, JsValue>;
}

/// This extension's id.
pub fn runtime_id() -> Option<String> {
    let chrome = Reflect::get(&js_sys::global(), &"chrome".into()).ok()?;
    let runtime = Reflect::get(&chrome, &"runtime".into()).ok()?;
    Reflect::get(&runtime, &"id".into()).ok()?.as_string()
}

pub use talent_bridge_web::{t, t_with};

/// Logs an event without any data from the message, the page or the CRM (ids and codes only).
pub fn log(event: &str) {
    web_sys::console::warn_1(&JsValue::from_str(&format!("Talent Bridge: {event}")));
}
