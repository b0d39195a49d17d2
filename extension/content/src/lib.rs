//! Talent Bridge content script: follows the site's client-side navigation, reads each page with
//! the core's extraction and shows a badge beside the person's name (PRODUCT.md P, B), with the
//! Export to CRM button on profiles (PRODUCT.md E1). Shipped into every tab of the site, so it
//! stays small: the hover card and the export panel are a second module (`extension/ui`),
//! loaded on first use.

mod badge;
#[cfg(feature = "frame")]
mod frame;
mod mount;
mod reply;
mod shown;
mod ui;
mod watcher;
mod web_dom;

use wasm_bindgen::prelude::*;

/// Called once by `loader.js` after the module is instantiated.
#[wasm_bindgen]
pub fn start() {
    console_error_panic_hook::set_once();
    watcher::PageWatcher::install();
}
