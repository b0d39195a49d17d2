//! `chrome.downloads`: a finished download goes to the core, which counts it if it is a PDF
//! the user saved with the site's own menu (`talent_bridge::manual_download`, issue #18).

use crate::chrome::log;
use crate::worker::Worker;
use js_sys::{Object, Reflect};
use talent_bridge::manual_download::{self, Counted, Download};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "downloads"], js_name = search, catch)]
    async fn search(query: &JsValue) -> Result<JsValue, JsValue>;
}

/// `downloads.onChanged`: once a download's state changes, the browser's record of it is read
/// and handed to the core (which counts only finished ones).
pub async fn changed(delta: JsValue) {
    let state_changed = Reflect::get(&delta, &"state".into()).is_ok_and(|s| s.is_object());
    let Some(id) = Reflect::get(&delta, &"id".into())
        .ok()
        .and_then(|id| id.as_f64())
    else {
        return;
    };
    if !state_changed {
        return;
    }
    let query = Object::new();
    if Reflect::set(&query, &"id".into(), &id.into()).is_err() {
        return;
    }
    let Ok(found) = search(&query).await else {
        return;
    };
    let item = js_sys::Array::from(&found).get(0);
    let Ok(download) = serde_wasm_bindgen::from_value::<Download>(item) else {
        return;
    };
    if manual_download::count(&Worker, &download).await == Counted::SignedOut
        && manual_download::ticket(&download).is_some()
    {
        log("a PDF saved from the site could not be counted: nobody is signed in");
    }
}
