//! Talent Bridge's own pages: the toolbar popup and the options page.

mod options;
mod popup;
mod worker;

use wasm_bindgen::prelude::*;

/// Called by `pages.js` with the page's `data-view`.
#[wasm_bindgen]
pub fn mount(view: &str) {
    console_error_panic_hook::set_once();
    let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    else {
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
