//! One-at-a-time sections for read-modify-write on storage. Message handlers interleave at
//! every await; without this, two tabs exporting at once could both see "one unit left"
//! (PRODUCT.md E6), and two refreshes could replay a rotated refresh token (which revokes the
//! whole sign-in).

use js_sys::{Function, Promise};
use std::cell::RefCell;
use std::future::Future;
use std::thread::LocalKey;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

pub type Lock = LocalKey<RefCell<Promise>>;

thread_local! {
    pub static QUOTA: RefCell<Promise> = RefCell::new(Promise::resolve(&JsValue::UNDEFINED));
    pub static TOKENS: RefCell<Promise> = RefCell::new(Promise::resolve(&JsValue::UNDEFINED));
}

/// Runs `section` after every section started before it on `lock` has finished. Not
/// re-entrant: a section must not wait on its own lock.
pub async fn exclusive<T, F: Future<Output = T>>(
    lock: &'static Lock,
    section: impl FnOnce() -> F,
) -> T {
    let mut release: Option<Function> = None;
    let mine = Promise::new(&mut |resolve, _reject| release = Some(resolve));
    let previous = lock.with(|tail| tail.replace(mine));
    let _ = JsFuture::from(previous).await;
    let out = section().await;
    if let Some(release) = release {
        let _ = release.call0(&JsValue::NULL);
    }
    out
}
