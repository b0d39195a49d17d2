//! Talent Bridge service worker: the only part that holds the CRM token and talks to the CRM
//! (PRODUCT.md S1–S4). Every entry point is called by `background.js` once the module is ready.

mod chrome;
mod crm_client;
mod lookup;
mod router;
mod settings;
mod storage;

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub fn start() {
    console_error_panic_hook::set_once();
    storage::restrict_to_trusted_contexts();
}

/// `chrome.runtime.onMessage`: answers with the reply envelope.
#[wasm_bindgen]
pub async fn on_message(message: JsValue, sender: JsValue) -> JsValue {
    router::route(message, sender).await
}

/// `chrome.storage.onChanged`: a new policy or new settings make cached answers stale.
#[wasm_bindgen]
pub async fn on_storage_changed(_changes: JsValue, area: String) {
    if area == "managed" {
        lookup::forget_cache().await;
    }
}

#[wasm_bindgen]
pub fn on_installed() {
    storage::restrict_to_trusted_contexts();
}
