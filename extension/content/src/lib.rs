//! Talent Bridge content (wasm).
