//! Talent Bridge content script: follows the site's client-side navigation, reads each page with
//! the core's extraction and shows a badge beside the person's name (PRODUCT.md P, B), with the
//! Export to CRM button on profiles (PRODUCT.md E1). Shipped into every tab of the site, so it
//! stays small: the hover card and the export panel are a second module (`extension/ui`),
//! loaded on first use.

mod alarm;
mod badge;
mod cover;
#[cfg(feature = "frame")]
mod frame;
mod mount;
mod reply;
mod shown;
mod ui;
mod watcher;
mod web_dom;

use wasm_bindgen::prelude::*;

/// Called once by `loader.js` after the module is instantiated, with what the worker said of
/// the organisation's `Features.SearchBadges` (`None`: it could not say) and of the user's
/// "Dim people already in the CRM" (PRODUCT.md Q3).
///
/// No panic hook: its message would name the text a panic met, which here is the site's page (a
/// person's name, say) — personal data in the console — and it carries the formatting code that
/// made up 3 KB of the module every profile and search tab loads (issue #20). Panics are denied
/// by the workspace's lints; one would show as the browser's own "unreachable" error.
#[wasm_bindgen]
pub fn start(search_badges: Option<bool>, dim_in_crm: bool) {
    let switch = talent_bridge::badge_plan::SearchBadges::from_switch(search_badges);
    let dim = talent_bridge::badge_plan::DimInCrm::from_setting(dim_in_crm);
    watcher::PageWatcher::install(switch, dim);
}
