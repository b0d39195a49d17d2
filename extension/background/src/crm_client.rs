//! The CRM API over `fetch`, from the worker only: tokens never reach a page (PRODUCT.md S1).

use serde::{Serialize, de::DeserializeOwned};
use talent_bridge::settings::CrmUrl;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, Headers, Request, RequestInit, Response, WorkerGlobalScope};

/// A CRM that has not answered in this time is treated as unreachable.
const TIMEOUT_MS: u32 = 10_000;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CrmError {
    /// No answer: network down, CRM stopped, timeout, CORS refused.
    Unreachable,
    /// 401: the token is missing, wrong or revoked.
    Unauthorized,
    /// Any other non-success status.
    Refused(u16),
    /// A success status with a body we cannot read.
    BadAnswer,
}

pub async fn get<Resp: DeserializeOwned>(
    crm: &CrmUrl,
    token: &str,
    path: &str,
) -> Result<Resp, CrmError> {
    send(crm, token, "GET", path, None).await
}

pub async fn post<Req: Serialize, Resp: DeserializeOwned>(
    crm: &CrmUrl,
    token: &str,
    path: &str,
    body: &Req,
) -> Result<Resp, CrmError> {
    let json = serde_json::to_string(body).map_err(|_| CrmError::BadAnswer)?;
    send(crm, token, "POST", path, Some(json)).await
}

async fn send<Resp: DeserializeOwned>(
    crm: &CrmUrl,
    token: &str,
    method: &str,
    path: &str,
    body: Option<String>,
) -> Result<Resp, CrmError> {
    let response = fetch(crm, token, method, path, body)
        .await
        .map_err(|_| CrmError::Unreachable)?;
    let status = response.status();
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .ok()
            .and_then(|v| v.as_string()),
        Err(_) => None,
    };
    match status {
        200..=299 => text
            .and_then(|t| serde_json::from_str(&t).ok())
            .ok_or(CrmError::BadAnswer),
        401 => Err(CrmError::Unauthorized),
        other => Err(CrmError::Refused(other)),
    }
}

async fn fetch(
    crm: &CrmUrl,
    token: &str,
    method: &str,
    path: &str,
    body: Option<String>,
) -> Result<Response, JsValue> {
    let headers = Headers::new()?;
    headers.set("Authorization", &format!("Bearer {token}"))?;
    headers.set("Accept", "application/json")?;
    let init = RequestInit::new();
    init.set_method(method);
    init.set_headers(&headers);
    init.set_signal(Some(&AbortSignal::timeout_with_u32(TIMEOUT_MS)));
    if let Some(body) = body {
        headers.set("Content-Type", "application/json")?;
        init.set_body(&JsValue::from_str(&body));
    }
    let request = Request::new_with_str_and_init(&crm.join(path), &init)?;
    let scope: WorkerGlobalScope = js_sys::global().dyn_into()?;
    let response = JsFuture::from(scope.fetch_with_request(&request)).await?;
    response.dyn_into()
}
