//! The CRM API over `fetch`, from the worker only: tokens never reach a page (PRODUCT.md S1).

use serde::{Serialize, de::DeserializeOwned};
use talent_bridge::crm::ApiError;
use talent_bridge::settings::CrmUrl;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, Headers, Request, RequestInit, Response, WorkerGlobalScope};

/// A CRM that has not answered in this time is treated as unreachable.
const TIMEOUT_MS: u32 = 15_000;

#[derive(Clone, Debug, PartialEq)]
pub enum CrmError {
    /// No answer: network down, CRM stopped, timeout, CORS refused.
    Unreachable,
    /// 401: the token is missing, wrong or revoked.
    Unauthorized,
    /// Any other non-success status, with the CRM's error code and message when it sent them.
    Refused {
        status: u16,
        code: Option<String>,
        message: Option<String>,
        retry_after_ms: Option<f64>,
    },
    /// A success status with a body we cannot read.
    BadAnswer,
}

impl CrmError {
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Refused { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Worth trying again later, unchanged: the CRM was away or overloaded.
    pub fn is_transient(&self) -> bool {
        match self {
            Self::Unreachable => true,
            Self::Refused { status, .. } => {
                matches!(status, 408 | 425 | 429 | 500 | 502 | 503 | 504)
            }
            Self::Unauthorized | Self::BadAnswer => false,
        }
    }
}

pub enum Body {
    None,
    Json(String),
    Pdf(Vec<u8>),
}

pub async fn get<Resp: DeserializeOwned>(
    crm: &CrmUrl,
    token: &str,
    path: &str,
) -> Result<Resp, CrmError> {
    call(crm, token, "GET", path, Body::None, None).await
}

pub async fn post<Req: Serialize, Resp: DeserializeOwned>(
    crm: &CrmUrl,
    token: &str,
    path: &str,
    body: &Req,
) -> Result<Resp, CrmError> {
    call(crm, token, "POST", path, json(body)?, None).await
}

/// A write: `method` with a JSON body and an `Idempotency-Key`, so a retry never duplicates.
pub async fn write<Req: Serialize, Resp: DeserializeOwned>(
    crm: &CrmUrl,
    token: &str,
    method: &str,
    path: &str,
    body: &Req,
    idempotency_key: &str,
) -> Result<Resp, CrmError> {
    call(crm, token, method, path, json(body)?, Some(idempotency_key)).await
}

fn json<Req: Serialize>(body: &Req) -> Result<Body, CrmError> {
    serde_json::to_string(body)
        .map(Body::Json)
        .map_err(|_| CrmError::BadAnswer)
}

pub async fn call<Resp: DeserializeOwned>(
    crm: &CrmUrl,
    token: &str,
    method: &str,
    path: &str,
    body: Body,
    idempotency_key: Option<&str>,
) -> Result<Resp, CrmError> {
    let response = fetch(crm, token, method, path, body, idempotency_key)
        .await
        .map_err(|_| CrmError::Unreachable)?;
    let status = response.status();
    let retry_after_ms = response
        .headers()
        .get("Retry-After")
        .ok()
        .flatten()
        .and_then(|v| v.trim().parse::<f64>().ok())
        .map(|s| s * 1000.0);
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
        401 => {
            crate::auth::access_refused().await;
            Err(CrmError::Unauthorized)
        }
        other => {
            let error = text
                .and_then(|t| serde_json::from_str::<ApiError>(&t).ok())
                .map(|e| e.error);
            Err(CrmError::Refused {
                status: other,
                code: error.as_ref().map(|e| e.code.clone()),
                message: error.map(|e| e.message),
                retry_after_ms,
            })
        }
    }
}

async fn fetch(
    crm: &CrmUrl,
    token: &str,
    method: &str,
    path: &str,
    body: Body,
    idempotency_key: Option<&str>,
) -> Result<Response, JsValue> {
    let headers = Headers::new()?;
    headers.set("Authorization", &format!("Bearer {token}"))?;
    headers.set("Accept", "application/json")?;
    if let Some(key) = idempotency_key {
        headers.set("Idempotency-Key", key)?;
    }
    let init = RequestInit::new();
    init.set_method(method);
    init.set_signal(Some(&AbortSignal::timeout_with_u32(TIMEOUT_MS)));
    match body {
        Body::None => {}
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
    let request = Request::new_with_str_and_init(&crm.join(path), &init)?;
    let scope: WorkerGlobalScope = js_sys::global().dyn_into()?;
    let response = JsFuture::from(scope.fetch_with_request(&request)).await?;
    response.dyn_into()
}
