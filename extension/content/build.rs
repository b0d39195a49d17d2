//! The content script runs in every tab of the site: its wasm memory is paid per tab. Rust's
//! default wasm stack is 1 MiB; the deepest this module goes is serde_json's nesting limit (128)
//! and the core's bounded DOM and JSON walks, far below 256 KiB.
fn main() {
    println!("cargo:rustc-link-arg-cdylib=-zstack-size=262144");
}
