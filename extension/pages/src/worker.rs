//! The pages' requests to the service worker, and the extension APIs that need a user gesture.

use talent_bridge::protocol::{OutboxEntry, PageReply, PageRequest, Status};
use talent_bridge_web::{SendError, request, t};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "runtime"], js_name = openOptionsPage)]
    fn open_options_page_js();

    #[wasm_bindgen(js_namespace = ["chrome", "windows"], js_name = getCurrent, catch)]
    async fn current_window_js() -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = ["chrome", "sidePanel"], js_name = open, catch)]
    fn open_side_panel_js(options: &JsValue) -> Result<js_sys::Promise, JsValue>;

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

/// This page's browser window, for [`open_side_panel`] (asked ahead: the click's gesture does not
/// outlast a wait).
pub async fn current_window() -> Option<f64> {
    let window = current_window_js().await.ok()?;
    js_sys::Reflect::get(&window, &"id".into()).ok()?.as_f64()
}

/// Opens the side panel in `window` (PRODUCT.md Q1). Must run inside the click handler.
pub fn open_side_panel(window: f64) {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"windowId".into(), &window.into());
    if let Ok(promise) = open_side_panel_js(&options) {
        wasm_bindgen_futures::spawn_local(async move {
            if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
                && let Some(window) = web_sys::window()
            {
                let _ = window.close();
            }
        });
    }
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
