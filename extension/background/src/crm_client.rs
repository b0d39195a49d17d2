//! The CRM API over `fetch`, from the worker only: tokens never reach a page (PRODUCT.md S1).
//! How an answer reads (success, the CRM's error, what is worth a retry) is the core's
//! (`platform::read`); this is the transport.

use serde::{Serialize, de::DeserializeOwned};
pub use talent_bridge::platform::CrmError;
use talent_bridge::platform::{self, Answer, Body, Method, Request};
use talent_bridge::quota::http_date_ms;
use talent_bridge::settings::CrmUrl;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, Headers, RequestInit, Response, WorkerGlobalScope};

/// A CRM that has not answered in this time is treated as unreachable.
const TIMEOUT_MS: u32 = 15_000;

thread_local! {
    /// The CRM's clock as its last answer in this worker's life gave it (`Date`), and this
    /// worker's monotonic clock then: a clock the user sets does not move it (issue #18).
    static CRM_CLOCK: std::cell::Cell<Option<(f64, f64)>> = const { std::cell::Cell::new(None) };
}

/// Milliseconds since this worker started, never set back.
fn monotonic_ms() -> Option<f64> {
    let scope: WorkerGlobalScope = js_sys::global().dyn_into().ok()?;
    Some(scope.performance()?.now())
}

/// The CRM's clock now, if a CRM answered since this worker started: its `Date` then, plus the
/// time this worker has measured since.
pub fn crm_now() -> Option<f64> {
    let (crm, at) = CRM_CLOCK.with(std::cell::Cell::get)?;
    Some(crm + (monotonic_ms()? - at).max(0.0))
}

pub async fn get<Resp: DeserializeOwned>(
    crm: &CrmUrl,
    token: &str,
    path: &str,
) -> Result<Resp, CrmError> {
    call(crm, token, Request::get(path)).await
}

/// A write: `method` with a JSON body and an `Idempotency-Key`, so a retry never duplicates.
pub async fn write<Req: Serialize, Resp: DeserializeOwned>(
    crm: &CrmUrl,
    token: &str,
    method: Method,
    path: &str,
    body: &Req,
    idempotency_key: &str,
) -> Result<Resp, CrmError> {
    let request = Request::json(method, path, body, Some(idempotency_key.to_string()));
    call(crm, token, request).await
}

async fn call<Resp: DeserializeOwned>(
    crm: &CrmUrl,
    token: &str,
    request: Request,
) -> Result<Resp, CrmError> {
    platform::read(send(crm, token, request).await, js_sys::Date::now())
}

/// Sends the request; `None` when no answer came. A 401 drops the access token, so the next
/// call refreshes it (or finds the user signed out).
pub async fn send(crm: &CrmUrl, token: &str, request: Request) -> Option<Answer> {
    let response = fetch(crm, token, request).await.ok()?;
    let status = response.status();
    let retry_after = response.headers().get("Retry-After").ok().flatten();
    let date = response.headers().get("Date").ok().flatten();
    if let (Some(crm_ms), Some(at)) = (date.as_deref().and_then(http_date_ms), monotonic_ms()) {
        CRM_CLOCK.with(|c| c.set(Some((crm_ms, at))));
    }
    let body = match response.text() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default(),
        Err(_) => String::new(),
    };
    if status == 401 {
        crate::auth::access_refused().await;
    }
    Some(Answer {
        status,
        body,
        retry_after,
    })
}

async fn fetch(crm: &CrmUrl, token: &str, request: Request) -> Result<Response, JsValue> {
    let headers = Headers::new()?;
    headers.set("Authorization", &format!("Bearer {token}"))?;
    headers.set("Accept", "application/json")?;
    if let Some(key) = &request.idempotency_key {
        headers.set("Idempotency-Key", key)?;
    }
    let init = RequestInit::new();
    init.set_method(request.method.as_str());
    init.set_signal(Some(&AbortSignal::timeout_with_u32(TIMEOUT_MS)));
    match request.body {
        Body::Empty => {}
        Body::Json(text) => {
            headers.set("Content-Type", "application/json")?;
            init.set_body(&JsValue::from_str(&text));
        }
        Body::Pdf(bytes) => {
            headers.set("Content-Type", "application/pdf")?;
            init.set_body(&js_sys::Uint8Array::from(bytes.as_slice()).into());
        }
    }
    init.set_headers(&headers);
    let fetched = web_sys::Request::new_with_str_and_init(&crm.join(&request.path), &init)?;
    let scope: WorkerGlobalScope = js_sys::global().dyn_into()?;
    let response = JsFuture::from(scope.fetch_with_request(&fetched)).await?;
    response.dyn_into()
}
