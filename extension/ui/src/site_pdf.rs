//! Downloads the profile PDF with the page's own session (DESIGN.md §5): same-origin requests
//! from the content script carry the site's cookies, exactly as the site's "Save to PDF" does.
//! The worker could not: it has neither the cookies nor the page's origin.

use js_sys::{Reflect, Uint8Array};
use talent_bridge::export_ui::site_pdf::{action_path, csrf_token, failure_of_status, too_large};
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
    let site = |f| DownloadError::Site(f);
    let window = web_sys::window().ok_or(site(PdfFailure::SiteError))?;
    let cookies = window
        .document()
        .and_then(|d| d.dyn_into::<HtmlDocument>().ok())
        .and_then(|d| d.cookie().ok())
        .unwrap_or_default();
    let token = csrf_token(&cookies).ok_or(site(PdfFailure::SiteRefused))?;

    let headers = Headers::new().map_err(|_| site(PdfFailure::SiteError))?;
    headers
        .set("csrf-token", &token)
        .map_err(|_| site(PdfFailure::SiteError))?;
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_credentials(RequestCredentials::Include);
    init.set_headers(&headers);
    let action = fetch(&window, &action_path(key), &init).await?;
    let json = JsFuture::from(action.json().map_err(|_| site(PdfFailure::SiteError))?)
        .await
        .map_err(|_| site(PdfFailure::SiteError))?;
    let url = Reflect::get(&json, &JsValue::from_str("value"))
        .ok()
        .and_then(|v| v.as_string())
        .ok_or(site(PdfFailure::SiteError))?;

    let init = RequestInit::new();
    init.set_credentials(RequestCredentials::Include);
    let pdf = fetch(&window, &url, &init).await?;
    let announced = pdf
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|n| n.trim().parse::<u64>().ok());
    if announced.is_some_and(too_large) {
        return Err(DownloadError::TooLarge);
    }
    let buffer = JsFuture::from(
        pdf.array_buffer()
            .map_err(|_| site(PdfFailure::SiteError))?,
    )
    .await
    .map_err(|_| site(PdfFailure::Network))?;
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
