//! Talent Bridge service worker: the only part that holds the CRM token and talks to the CRM
//! (PRODUCT.md S1–S4). Every entry point is called by `background.js` once the module is ready.

mod auth;
mod chrome;
mod crm_client;
mod downloads;
mod export;
mod idb;
mod jobs;
mod lock;
mod lookup;
mod me;
mod pdf_query;
mod progress;
mod quota_store;
mod router;
mod settings;
mod site_check;
mod storage;
mod worker;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// Called by `background.js` once the module is ready, with the PDF parser's entry point.
#[wasm_bindgen]
pub fn start(parse_pdf: js_sys::Function) {
    console_error_panic_hook::set_once();
    worker::set_parser(parse_pdf);
    // A worker woken after a stop picks the outbox up where it was.
    wasm_bindgen_futures::spawn_local(talent_bridge::export_flow::wake(&worker::Worker));
}

/// `chrome.alarms.onAlarm`: the outbox's retry time has come.
#[wasm_bindgen]
pub async fn on_alarm(_name: String) {
    talent_bridge::export_flow::run_due(&worker::Worker).await;
}

/// `chrome.runtime.onStartup`: the browser restarted; exports waiting in the outbox go on.
#[wasm_bindgen]
pub async fn on_startup() {
    talent_bridge::export_flow::run_due(&worker::Worker).await;
}

/// `chrome.runtime.onMessage`: answers with the reply envelope.
#[wasm_bindgen]
pub async fn on_message(message: JsValue, sender: JsValue) -> JsValue {
    router::route(message, sender).await
}

/// `chrome.downloads.onChanged`: a PDF saved with the site's own menu counts (issue #18).
#[wasm_bindgen]
pub async fn on_download_changed(delta: JsValue) {
    downloads::changed(delta).await;
}

/// `chrome.storage.onChanged`: a new policy or new settings make cached answers stale.
#[wasm_bindgen]
pub async fn on_storage_changed(changes: JsValue, area: String) {
    if area == "managed" {
        settings::forget_policy();
        lookup::forget_cache().await;
    }
    if area == "local" {
        let keys: Vec<String> = js_sys::Object::keys(changes.unchecked_ref::<js_sys::Object>())
            .iter()
            .filter_map(|k| k.as_string())
            .collect();
        settings::forget_user(&keys);
    }
}

/// `chrome.runtime.onInstalled` (install, update, reload): the storage access level is a
/// persisted extension setting, set at once so that nothing stored before today's first write
/// stays readable (writes set it too: `storage::restrict_to_trusted_contexts`).
#[wasm_bindgen]
pub fn on_installed() {
    wasm_bindgen_futures::spawn_local(async {
        if storage::restrict_to_trusted_contexts().await.is_err() {
            chrome::log("storage.local access level could not be restricted");
        }
    });
}
