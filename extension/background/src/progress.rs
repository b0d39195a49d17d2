//! Progress of an export, sent to the tab that started it (PRODUCT.md E3: each step shown as it
//! happens). A tab that has gone away is not an error: the export carries on from the outbox.

use talent_bridge::protocol::{Envelope, ExportStep, WorkerEvent};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "tabs"], js_name = sendMessage, catch)]
    async fn send_to_tab(tab_id: i32, message: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "runtime"], js_name = sendMessage, catch)]
    async fn send_to_pages(message: &JsValue) -> Result<JsValue, JsValue>;
}

/// To the tab that started the export; without a tab (the side panel started it, or the
/// outbox retries it) to the extension's own pages, which keep what names their ticket.
pub async fn send(tab: Option<i32>, ticket: &str, step: ExportStep) {
    let event = Envelope::new(WorkerEvent::Progress {
        ticket: ticket.to_string(),
        step,
    });
    if let Some(message) = talent_bridge_web::to_js(&event) {
        let _ = match tab {
            Some(tab) => send_to_tab(tab, &message).await,
            None => send_to_pages(&message).await,
        };
    }
}
