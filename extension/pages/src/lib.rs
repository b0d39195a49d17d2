//! Talent Bridge's own pages: the toolbar popup (with the outbox) and the options page.

mod options;
mod outbox;
mod popup;
mod worker;

use talent_bridge::export_ui::Text;
use wasm_bindgen::prelude::*;

/// A core text in the user's language.
fn say(text: &Text) -> String {
    match text {
        Text::Message { name, args } => {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            talent_bridge_web::t_with(name, &args)
        }
        Text::Plain(text) => text.clone(),
    }
}

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
