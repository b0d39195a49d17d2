//! `/api/v1`: the JSON API the extension's service worker calls (DESIGN.md §4).

pub mod catalog;
pub mod lookup;
pub mod me;
pub mod openapi;
