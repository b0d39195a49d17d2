//! The pages' requests to the service worker, and the extension APIs that need a user gesture.

use talent_bridge::protocol::{OutboxEntry, PageReply, PageRequest, Status};
use talent_bridge_web::{SendError, request, t};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "runtime"], js_name = openOptionsPage)]
    fn open_options_page_js();

    #[wasm_bindgen(js_namespace = ["chrome", "permissions"], js_name = request, catch)]
    fn request_permissions_js(permissions: &JsValue) -> Result<js_sys::Promise, JsValue>;
}

/// What the worker said, or a message for the user.
pub async fn ask(req: PageRequest) -> Result<Status, String> {
    match request::<_, PageReply>(req).await {
        Ok(PageReply::Status(status) | PageReply::Saved { status }) => Ok(status),
        Ok(PageReply::Refused { reason }) => Err(reason),
        Ok(_) | Err(SendError::ExtensionGone | SendError::BadReply) => Err(t("errorInternal")),
    }
}

/// The outbox after `req` (list, retry or discard), or a message for the user.
pub async fn ask_outbox(req: PageRequest) -> Result<Vec<OutboxEntry>, String> {
    match request::<_, PageReply>(req).await {
        Ok(PageReply::Outbox { jobs }) => Ok(jobs),
        Ok(PageReply::Refused { reason }) => Err(reason),
        Ok(_) | Err(SendError::ExtensionGone | SendError::BadReply) => Err(t("errorInternal")),
    }
}

pub fn open_options_page() {
    open_options_page_js();
}

/// Asks for access to the CRM's origin. Must run inside the click handler (a user gesture); the
/// reference CRM also answers CORS for the extension, so saving does not wait for the answer.
pub fn request_host_permission(pattern: &str) {
    let origins: js_sys::Array = std::iter::once(JsValue::from_str(pattern)).collect();
    let permissions = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&permissions, &"origins".into(), &origins);
    if let Ok(promise) = request_permissions_js(&permissions) {
        wasm_bindgen_futures::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        });
    }
}
