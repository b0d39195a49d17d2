//! Downloads the profile PDF with the page's own session (DESIGN.md §5): same-origin requests
//! from the content script carry the site's cookies, exactly as the site's "Save to PDF" does.
//! The worker could not: it has neither the cookies nor the page's origin.

use js_sys::{Reflect, Uint8Array};
use talent_bridge::base64;
use talent_bridge::export_ui::site_pdf::{action_path, csrf_token, failure_of_status, too_large};
use talent_bridge::pdf::MAX_PDF_BYTES;
use talent_bridge::profile::ProfileKey;
use talent_bridge::protocol::PdfFailure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, HtmlDocument, RequestCredentials, RequestInit, Response, Window};

/// Why the download stopped: what the worker is told, and whether the PDF was too large.
pub enum DownloadError {
    Site(PdfFailure),
    TooLarge,
}

/// The PDF's bytes, as the site serves them (the worker checks that they are a PDF).
pub async fn download(key: &ProfileKey) -> Result<Vec<u8>, DownloadError> {
    let site = Site::here()?;
    let token = csrf_token(&site.cookies().await).ok_or(err(PdfFailure::SiteRefused))?;
    let action = site.fetch(&action_path(key), "POST", Some(&token)).await?;
    let json = std::str::from_utf8(&action)
        .ok()
        .and_then(|text| js_sys::JSON::parse(text).ok())
        .ok_or(err(PdfFailure::SiteError))?;
    let url = Reflect::get(&json, &JsValue::from_str("value"))
        .ok()
        .and_then(|v| v.as_string())
        .ok_or(err(PdfFailure::SiteError))?;
    site.fetch(&url, "GET", None).await
}

fn err(failure: PdfFailure) -> DownloadError {
    DownloadError::Site(failure)
}

/// Who makes the site's requests: this script itself, in the site's page (same origin: the
/// site's cookies go with them); or, in frame mode, the content script of the tab, on this
/// frame's behalf (`frame.js` → `frames.js`), since an extension frame has neither the page's
/// cookies nor its origin.
enum Site {
    Page(Window),
    Frame(JsValue),
}

impl Site {
    fn here() -> Result<Self, DownloadError> {
        let hub = Reflect::get(&js_sys::global(), &JsValue::from_str("talentBridgeSite"))
            .unwrap_or(JsValue::UNDEFINED);
        if hub.is_object() {
            return Ok(Self::Frame(hub));
        }
        web_sys::window()
            .map(Self::Page)
            .ok_or(err(PdfFailure::SiteError))
    }

    async fn cookies(&self) -> String {
        match self {
            Self::Page(window) => window
                .document()
                .and_then(|d| d.dyn_into::<HtmlDocument>().ok())
                .and_then(|d| d.cookie().ok())
                .unwrap_or_default(),
            Self::Frame(hub) => call(hub, "cookies", &JsValue::UNDEFINED)
                .await
                .and_then(|v| v.as_string())
                .unwrap_or_default(),
        }
    }

    /// The body of a successful response, read only if it is not too large.
    async fn fetch(
        &self,
        url: &str,
        method: &str,
        csrf: Option<&str>,
    ) -> Result<Vec<u8>, DownloadError> {
        match self {
            Self::Page(window) => page_fetch(window, url, method, csrf).await,
            Self::Frame(hub) => {
                let request = js_sys::Object::new();
                let set = |k: &str, v: JsValue| {
                    let _ = Reflect::set(&request, &JsValue::from_str(k), &v);
                };
                set("url", url.into());
                set("method", method.into());
                set("csrf", csrf.map_or(JsValue::NULL, JsValue::from_str));
                set("max", JsValue::from_f64(MAX_PDF_BYTES as f64));
                let reply = call(hub, "fetch", &request.into())
                    .await
                    .ok_or(err(PdfFailure::Network))?;
                let get = |k: &str| Reflect::get(&reply, &JsValue::from_str(k)).ok();
                if get("tooLarge").and_then(|v| v.as_bool()) == Some(true) {
                    return Err(DownloadError::TooLarge);
                }
                let status = get("status").and_then(|v| v.as_f64()).unwrap_or(0.0);
                if status == 0.0 {
                    return Err(err(PdfFailure::Network));
                }
                if !(200.0..300.0).contains(&status) {
                    return Err(err(failure_of_status(status as u16)));
                }
                let body = get("body")
                    .and_then(|v| v.as_string())
                    .and_then(|b| base64::decode(&b))
                    .ok_or(err(PdfFailure::SiteError))?;
                if too_large(body.len() as u64) {
                    return Err(DownloadError::TooLarge);
                }
                Ok(body)
            }
        }
    }
}

/// `hub[method](arg)`, awaited; `None` if it throws or rejects.
async fn call(hub: &JsValue, method: &str, arg: &JsValue) -> Option<JsValue> {
    let function = Reflect::get(hub, &JsValue::from_str(method))
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    let promise = function.call1(hub, arg).ok()?;
    JsFuture::from(js_sys::Promise::resolve(&promise))
        .await
        .ok()
}

async fn page_fetch(
    window: &Window,
    url: &str,
    method: &str,
    csrf: Option<&str>,
) -> Result<Vec<u8>, DownloadError> {
    let init = RequestInit::new();
    init.set_method(method);
    init.set_credentials(RequestCredentials::Include);
    if let Some(token) = csrf {
        let headers = Headers::new().map_err(|_| err(PdfFailure::SiteError))?;
        headers
            .set("csrf-token", token)
            .map_err(|_| err(PdfFailure::SiteError))?;
        init.set_headers(&headers);
    }
    let response = fetch(window, url, &init).await?;
    let announced = response
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|n| n.trim().parse::<u64>().ok());
    if announced.is_some_and(too_large) {
        return Err(DownloadError::TooLarge);
    }
    let buffer = JsFuture::from(
        response
            .array_buffer()
            .map_err(|_| err(PdfFailure::SiteError))?,
    )
    .await
    .map_err(|_| err(PdfFailure::Network))?;
    let bytes = Uint8Array::new(&buffer);
    if too_large(u64::from(bytes.length())) {
        return Err(DownloadError::TooLarge);
    }
    Ok(bytes.to_vec())
}

async fn fetch(window: &Window, url: &str, init: &RequestInit) -> Result<Response, DownloadError> {
    let response = JsFuture::from(window.fetch_with_str_and_init(url, init))
        .await
        .map_err(|_| DownloadError::Site(PdfFailure::Network))?
        .dyn_into::<Response>()
        .map_err(|_| DownloadError::Site(PdfFailure::SiteError))?;
    if response.ok() {
        Ok(response)
    } else {
        Err(DownloadError::Site(failure_of_status(response.status())))
    }
}
