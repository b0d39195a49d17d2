//! One-at-a-time sections for read-modify-write on storage. Message handlers interleave at
//! every await; without this, two tabs exporting at once could both see "one unit left"
//! (PRODUCT.md E6).

use js_sys::{Function, Promise};
use std::cell::RefCell;
use std::future::Future;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

thread_local! {
    static TAIL: RefCell<Promise> = RefCell::new(Promise::resolve(&JsValue::UNDEFINED));
}

/// Runs `section` after every section started before it has finished.
pub async fn exclusive<T, F: Future<Output = T>>(section: impl FnOnce() -> F) -> T {
    let mut release: Option<Function> = None;
    let mine = Promise::new(&mut |resolve, _reject| release = Some(resolve));
    let previous = TAIL.with(|tail| tail.replace(mine));
    let _ = JsFuture::from(previous).await;
    let out = section().await;
    if let Some(release) = release {
        let _ = release.call0(&JsValue::NULL);
    }
    out
}
