//! Talent Bridge's own pages: the toolbar popup (with the outbox) and the options page.

mod options;
mod outbox;
mod popup;
mod worker;

use talent_bridge_web::say;
use wasm_bindgen::prelude::*;

/// Called by `pages.js` with the page's `data-view`.
#[wasm_bindgen]
pub fn mount(view: &str) {
    console_error_panic_hook::set_once();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    // The shells say `lang="en"`: the catalogue shown decides.
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("lang", &talent_bridge_web::lang());
    }
    let title = if view == "options" {
        "optionsTitle"
    } else {
        "popupTitle"
    };
    document.set_title(&talent_bridge_web::t(title));
    let Some(body) = document.body() else {
        return;
    };
    match view {
        "options" => {
            yew::Renderer::<options::Options>::with_root(body.into()).render();
        }
        _ => {
            yew::Renderer::<popup::Popup>::with_root(body.into()).render();
        }
    }
}
