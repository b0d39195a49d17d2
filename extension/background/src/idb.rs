//! The outbox's durable half: IndexedDB in the worker (PRODUCT.md E7). Jobs and their PDF bytes
//! survive the worker being stopped and the browser restarting. Every write waits for its
//! transaction to complete, so "stored" means on disk.

use js_sys::{Array, Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    IdbDatabase, IdbObjectStoreParameters, IdbRequest, IdbTransaction, IdbTransactionMode,
};

const DB_NAME: &str = "talent-bridge";
const DB_VERSION: u32 = 1;
pub const JOBS: &str = "jobs";
pub const PDFS: &str = "pdfs";

/// Resolves with the request's result once it succeeds.
fn settle(request: &IdbRequest) -> JsFuture {
    let request = request.clone();
    let promise = Promise::new(&mut |resolve, reject| {
        let done = request.clone();
        let on_success = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &done.result().unwrap_or(JsValue::UNDEFINED));
        });
        let on_error = Closure::once_into_js(move || {
            let _ = reject.call1(
                &JsValue::NULL,
                &JsValue::from_str("indexeddb request failed"),
            );
        });
        request.set_onsuccess(Some(on_success.unchecked_ref()));
        request.set_onerror(Some(on_error.unchecked_ref()));
    });
    JsFuture::from(promise)
}

/// Resolves once the transaction is committed.
fn committed(tx: &IdbTransaction) -> JsFuture {
    let tx = tx.clone();
    let promise = Promise::new(&mut |resolve, reject| {
        let reject_abort = reject.clone();
        let on_complete = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let on_error = Closure::once_into_js(move || {
            let _ = reject.call1(
                &JsValue::NULL,
                &JsValue::from_str("indexeddb transaction failed"),
            );
        });
        let on_abort = Closure::once_into_js(move || {
            let _ = reject_abort.call1(
                &JsValue::NULL,
                &JsValue::from_str("indexeddb transaction aborted"),
            );
        });
        tx.set_oncomplete(Some(on_complete.unchecked_ref()));
        tx.set_onerror(Some(on_error.unchecked_ref()));
        tx.set_onabort(Some(on_abort.unchecked_ref()));
    });
    JsFuture::from(promise)
}

async fn open() -> Result<IdbDatabase, JsValue> {
    let scope: web_sys::WorkerGlobalScope = js_sys::global().dyn_into()?;
    let factory = scope
        .indexed_db()?
        .ok_or_else(|| JsValue::from_str("no indexeddb"))?;
    let request = factory.open_with_u32(DB_NAME, DB_VERSION)?;
    let upgrade = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        let Some(db) = event
            .target()
            .and_then(|t| t.dyn_into::<IdbRequest>().ok())
            .and_then(|r| r.result().ok())
            .and_then(|r| r.dyn_into::<IdbDatabase>().ok())
        else {
            return;
        };
        let names = db.object_store_names();
        if !names.contains(JOBS) {
            let params = IdbObjectStoreParameters::new();
            params.set_key_path(&JsValue::from_str("ticket"));
            let _ = db.create_object_store_with_optional_parameters(JOBS, &params);
        }
        if !names.contains(PDFS) {
            let _ = db.create_object_store(PDFS);
        }
    });
    request.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let db = settle(&request).await?;
    drop(upgrade);
    db.dyn_into()
}

/// Writes `value` under `key` (or its key path) and waits for the commit.
pub async fn put(store: &str, value: &JsValue, key: Option<&str>) -> Result<(), JsValue> {
    let db = open().await?;
    let tx = db.transaction_with_str_and_mode(store, IdbTransactionMode::Readwrite)?;
    let objects = tx.object_store(store)?;
    match key {
        Some(key) => objects.put_with_key(value, &JsValue::from_str(key))?,
        None => objects.put(value)?,
    };
    committed(&tx).await?;
    db.close();
    Ok(())
}

/// Writes `value` into `store` (under its key path) and `bytes` into `bytes_store` under `key`,
/// in one transaction: both are on disk, or neither.
pub async fn put_with_bytes(
    store: &str,
    value: &JsValue,
    bytes_store: &str,
    key: &str,
    bytes: &[u8],
) -> Result<(), JsValue> {
    let db = open().await?;
    let names: Array = [store, bytes_store]
        .iter()
        .map(|s| JsValue::from_str(s))
        .collect();
    let tx = db.transaction_with_str_sequence_and_mode(&names, IdbTransactionMode::Readwrite)?;
    tx.object_store(store)?.put(value)?;
    tx.object_store(bytes_store)?
        .put_with_key(&Uint8Array::from(bytes).into(), &JsValue::from_str(key))?;
    committed(&tx).await?;
    db.close();
    Ok(())
}

pub async fn get(store: &str, key: &str) -> Result<Option<JsValue>, JsValue> {
    let db = open().await?;
    let tx = db.transaction_with_str(store)?;
    let value = settle(&tx.object_store(store)?.get(&JsValue::from_str(key))?).await?;
    db.close();
    Ok((!value.is_undefined()).then_some(value))
}

pub async fn get_bytes(store: &str, key: &str) -> Result<Option<Vec<u8>>, JsValue> {
    Ok(get(store, key)
        .await?
        .and_then(|v| v.dyn_into::<Uint8Array>().ok())
        .map(|a| a.to_vec()))
}

pub async fn all(store: &str) -> Result<Vec<JsValue>, JsValue> {
    let db = open().await?;
    let tx = db.transaction_with_str(store)?;
    let values = settle(&tx.object_store(store)?.get_all()?).await?;
    db.close();
    Ok(values
        .dyn_into::<Array>()
        .map(|a| a.to_vec())
        .unwrap_or_default())
}

/// Deletes `key` from every store named, in one transaction.
pub async fn delete(stores: &[&str], key: &str) -> Result<(), JsValue> {
    let db = open().await?;
    let names: Array = stores.iter().map(|s| JsValue::from_str(s)).collect();
    let tx = db.transaction_with_str_sequence_and_mode(&names, IdbTransactionMode::Readwrite)?;
    for store in stores {
        tx.object_store(store)?.delete(&JsValue::from_str(key))?;
    }
    committed(&tx).await?;
    db.close();
    Ok(())
}
