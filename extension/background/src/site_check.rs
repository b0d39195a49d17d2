//! The admins' self-check (issue #4, item 6): the content script reports a profile or search
//! page it could not read for a few seconds; the worker counts it in `chrome.storage.local`
//! under `site_check` (format: `talent_bridge::site::self_check::SiteCheckLog`, the last 50
//! page shapes with counts and times) for the options page to show.

use crate::chrome::log;
use crate::lock;
use crate::storage::{self, Area};
use std::cell::RefCell;
use talent_bridge::protocol::ContentReply;
use talent_bridge::site::self_check::{SITE_CHECK_KEY, SiteCheckLog};
use wasm_bindgen::JsValue;

thread_local! {
    /// Two tabs reporting at once must not lose a count.
    static LOG: RefCell<js_sys::Promise> = RefCell::new(js_sys::Promise::resolve(&JsValue::UNDEFINED));
}

pub async fn record(pattern: String, failed: Vec<String>) -> ContentReply {
    lock::exclusive(&LOG, || async {
        let mut entries: SiteCheckLog = storage::get(Area::Local, SITE_CHECK_KEY)
            .await
            .unwrap_or_default();
        if !entries.record(&pattern, &failed, js_sys::Date::now()) {
            log("self-check report refused: not a bare URL pattern");
            return;
        }
        if storage::set(Area::Local, SITE_CHECK_KEY, &entries)
            .await
            .is_err()
        {
            log("self-check report could not be stored");
        }
    })
    .await;
    ContentReply::Done
}
