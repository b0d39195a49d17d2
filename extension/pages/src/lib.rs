//! Talent Bridge pages (wasm).
