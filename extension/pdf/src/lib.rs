//! The profile-PDF parser in a wasm instance of its own. The worker calls it through
//! `background.js`; if a hostile PDF ever trapped it, only this instance would die — the worker's
//! state, queue and quota live elsewhere (DESIGN.md §7).

use talent_bridge::pdf::parse_profile_pdf;
use wasm_bindgen::prelude::*;

/// `{"profile": {...}}` or `{"error": "<what to tell the user>"}`.
#[wasm_bindgen]
pub fn parse(bytes: &[u8]) -> String {
    let value = match parse_profile_pdf(bytes) {
        Ok(profile) => serde_json::json!({ "profile": profile }),
        Err(error) => serde_json::json!({ "error": error.to_string() }),
    };
    value.to_string()
}
