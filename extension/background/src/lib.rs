//! Talent Bridge background (wasm).
