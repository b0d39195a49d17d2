//! Talent Bridge content script: follows the site's client-side navigation, reads each page with
//! the core's extraction, shows a badge beside the person's name (PRODUCT.md P, B) and, beside
//! it, the Export to CRM button and panel (PRODUCT.md E).

mod badge;
mod card;
mod export_panel;
mod flow;
mod hover_card;
mod mount;
mod shown;
mod site_pdf;
mod state;
mod style;
mod vdom;
mod watcher;
mod web_dom;
mod worker_events;

use wasm_bindgen::prelude::*;

/// Called once by `loader.js` after the module is instantiated.
#[wasm_bindgen]
pub fn start() {
    console_error_panic_hook::set_once();
    worker_events::listen();
    watcher::PageWatcher::install();
}
