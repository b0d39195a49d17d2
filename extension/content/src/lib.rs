//! Talent Bridge content script: follows the site's client-side navigation, reads each page with
//! the core's extraction, and shows a badge beside the person's name (PRODUCT.md P, B).

mod badge;
mod mount;
mod watcher;
mod web_dom;

use wasm_bindgen::prelude::*;

/// Called once by `loader.js` after the module is instantiated.
#[wasm_bindgen]
pub fn start() {
    console_error_panic_hook::set_once();
    watcher::PageWatcher::install();
}
