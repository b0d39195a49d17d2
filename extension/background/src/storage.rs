//! `chrome.storage` areas as typed key/value stores. Nothing the worker needs lives only in
//! memory: the browser stops the worker whenever it likes (PRODUCT.md S3). Neither `local` nor
//! `session` is readable by content scripts (S6): `session` by default, `local` restricted here.

use js_sys::{Array, Function, Object, Promise, Reflect};
use serde::{Serialize, de::DeserializeOwned};
use std::cell::Cell;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

#[derive(Clone, Copy, Debug)]
pub enum Area {
    /// Survives browser restarts. Settings, the refresh token, the quota ledger; trusted
    /// contexts only (`restrict_to_trusted_contexts`).
    Local,
    /// Memory only, cleared when the browser closes; trusted contexts only. Cache.
    Session,
    /// Enterprise policy, read-only.
    Managed,
}

impl Area {
    fn name(self) -> &'static str {
        match self {
            Self::Local => "local",
            Self::Session => "session",
            Self::Managed => "managed",
        }
    }

    fn object(self) -> Result<JsValue, JsValue> {
        let chrome = Reflect::get(&js_sys::global(), &"chrome".into())?;
        let storage = Reflect::get(&chrome, &"storage".into())?;
        Reflect::get(&storage, &self.name().into())
    }
}

/// Calls `method` of the area now; its promise.
fn start(area: Area, method: &str, args: &[JsValue]) -> Result<Promise, JsValue> {
    let target = area.object()?;
    let f: Function = Reflect::get(&target, &method.into())?.dyn_into()?;
    f.apply(&target, &args.iter().collect::<Array>())?
        .dyn_into()
}

async fn call(area: Area, method: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    JsFuture::from(start(area, method, args)?).await
}

/// The stored value under `key`; `None` when absent or not of the expected shape (storage is
/// input too: a value from an older version must not break the worker). Asked of the browser
/// when this is called rather than when first awaited: two reads started together take one
/// round trip to the browser, not two (issue #20: a lookup read the access token, then the
/// refresh token, each a round trip before the CRM was asked).
pub fn get<T: DeserializeOwned>(area: Area, key: &str) -> impl Future<Output = Option<T>> {
    let asked = start(area, "get", &[JsValue::from_str(key)]);
    let key = JsValue::from_str(key);
    async move {
        let all = JsFuture::from(asked.ok()?).await.ok()?;
        let value = Reflect::get(&all, &key).ok()?;
        if value.is_undefined() {
            return None;
        }
        serde_wasm_bindgen::from_value(value).ok()
    }
}

/// Everything in the area (for `Managed`), or one key.
pub async fn get_raw(area: Area, key: Option<&str>) -> Option<JsValue> {
    let arg = key.map_or(JsValue::NULL, JsValue::from_str);
    call(area, "get", &[arg]).await.ok()
}

pub async fn set<T: Serialize>(area: Area, key: &str, value: &T) -> Result<(), JsValue> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let value = value.serialize(&serializer).map_err(JsValue::from)?;
    let items = Object::new();
    Reflect::set(&items, &key.into(), &value)?;
    writable(area).await?;
    call(area, "set", &[items.into()]).await.map(|_| ())
}

pub async fn clear(area: Area) -> Result<(), JsValue> {
    call(area, "clear", &[]).await.map(|_| ())
}

thread_local! {
    /// Whether this worker has restricted `storage.local` already (one call per worker life).
    static TRUSTED_ONLY: Cell<bool> = const { Cell::new(false) };
}

/// Keeps `storage.local` (the refresh token, a personal API token, the quota ledger) away from
/// content scripts: only the worker and the extension's pages read or write it (PRODUCT.md S1,
/// S6). Every Chrome the manifest admits honours this for `local` (from Chrome 140; issue #16).
/// The level is a persisted setting; it is set again once per worker life before the first
/// write, so no secret is ever written to an area a content script could reach.
pub async fn restrict_to_trusted_contexts() -> Result<(), JsValue> {
    if TRUSTED_ONLY.with(Cell::get) {
        return Ok(());
    }
    let options = Object::new();
    Reflect::set(&options, &"accessLevel".into(), &"TRUSTED_CONTEXTS".into())?;
    call(Area::Local, "setAccessLevel", &[options.into()]).await?;
    TRUSTED_ONLY.with(|done| done.set(true));
    Ok(())
}

/// Writes go to `storage.local` only once it is restricted to trusted contexts.
async fn writable(area: Area) -> Result<(), JsValue> {
    if matches!(area, Area::Local) && restrict_to_trusted_contexts().await.is_err() {
        crate::chrome::log("storage.local could not be restricted: nothing written");
        return Err(JsValue::from_str("storage.local not restricted"));
    }
    Ok(())
}

/// Several keys in one call; `None` for each absent or malformed value.
pub async fn get_many<T: DeserializeOwned>(area: Area, keys: &[String]) -> Vec<Option<T>> {
    let names: Array = keys.iter().map(|k| JsValue::from_str(k)).collect();
    let all = call(area, "get", &[names.into()]).await.ok();
    keys.iter()
        .map(|key| {
            let value = Reflect::get(all.as_ref()?, &key.as_str().into()).ok()?;
            if value.is_undefined() {
                return None;
            }
            serde_wasm_bindgen::from_value(value).ok()
        })
        .collect()
}

/// Several keys in one call.
pub async fn set_many<T: Serialize>(area: Area, items: &[(String, T)]) -> Result<(), JsValue> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let object = Object::new();
    for (key, value) in items {
        let value = value.serialize(&serializer).map_err(JsValue::from)?;
        Reflect::set(&object, &key.as_str().into(), &value)?;
    }
    writable(area).await?;
    call(area, "set", &[object.into()]).await.map(|_| ())
}

/// Removes every key that starts with `prefix`.
pub async fn remove_prefixed(area: Area, prefix: &str) -> Result<(), JsValue> {
    let all = call(area, "get", &[JsValue::NULL]).await?;
    let all: Object = all.dyn_into()?;
    let keys: Array = Object::keys(&all)
        .iter()
        .filter(|k| k.as_string().is_some_and(|k| k.starts_with(prefix)))
        .collect();
    call(area, "remove", &[keys.into()]).await.map(|_| ())
}

pub async fn remove(area: Area, keys: &[&str]) -> Result<(), JsValue> {
    let keys: Array = keys.iter().map(|k| JsValue::from_str(k)).collect();
    call(area, "remove", &[keys.into()]).await.map(|_| ())
}
