//! URL → handler. Pages (full or fragment) go through `pages::serve`; the rest are assets,
//! test hooks, the CSP report sink, the voyager API and the PDF download links.

use crate::Site;
use crate::pdf_mode::PdfModeRequest;
use crate::stats::Counter;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::{get, post};
use std::sync::Arc;

const SITE_JS: &str = include_str!("../static/site.js");
const HOSTILE_JS: &str = include_str!("../static/hostile.js");

/// The whole site.
pub fn router(site: Arc<Site>) -> Router {
    Router::new()
        .route("/static/site.js", get(script))
        .route("/static/hostile.js", get(hostile_script))
        .route("/static/site.css", get(stylesheet))
        .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
        .route("/_test/stats", get(test_stats))
        .route("/_test/reset", post(test_reset))
        .route("/_test/pdf-mode", get(pdf_mode).post(set_pdf_mode))
        .route("/_test/pdf/{id}", get(test_pdf))
        .route("/_test/last-pdf-sha256", get(last_pdf))
        .route("/security/csp", post(csp_report))
        .route(
            "/search/results/people/more",
            get(crate::pages::search::more_results),
        )
        .merge(crate::voyager::routes())
        .merge(crate::graphql::routes())
        .merge(crate::dms::routes())
        .fallback(crate::pages::serve)
        .with_state(site)
}

fn asset(body: String, content_type: &'static str) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    // Every start hashes class names anew: never let a browser keep an old stylesheet.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

async fn script() -> Response {
    asset(SITE_JS.to_string(), "text/javascript; charset=utf-8")
}

/// Served only in hostile mode (`--hostile`).
async fn hostile_script(State(site): State<Arc<Site>>) -> Response {
    if !site.config.hostile {
        return StatusCode::NOT_FOUND.into_response();
    }
    asset(HOSTILE_JS.to_string(), "text/javascript; charset=utf-8")
}

async fn stylesheet(State(site): State<Arc<Site>>) -> Response {
    asset(site.stylesheet.clone(), "text/css; charset=utf-8")
}

async fn test_stats(State(site): State<Arc<Site>>) -> Response {
    let mut response = Json(site.stats.snapshot()).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Zeroes the counters and puts the PDF switch back to the start mode, so one test's
/// failure mode never leaks into the next.
async fn test_reset(State(site): State<Arc<Site>>) -> StatusCode {
    site.stats.reset();
    site.pdf_switch.reset();
    site.pdf_query.reset();
    StatusCode::NO_CONTENT
}

async fn pdf_mode(State(site): State<Arc<Site>>) -> Response {
    Json(site.pdf_switch.get()).into_response()
}

/// Takes the JSON body whatever its `Content-Type` says, so a bare `curl -d` works too.
async fn set_pdf_mode(State(site): State<Arc<Site>>, body: Bytes) -> Response {
    match serde_json::from_slice::<PdfModeRequest>(&body) {
        Ok(request) => Json(site.pdf_switch.set(request)).into_response(),
        Err(e) => {
            let body = serde_json::json!({ "error": format!("expected {{\"mode\": \"normal|html_login|server_error|slow\", \"delay_ms\": N}}: {e}") });
            (StatusCode::BAD_REQUEST, Json(body)).into_response()
        }
    }
}

/// The SHA-256 of the last PDF body served, to compare with a CRM attachment.
async fn last_pdf(State(site): State<Arc<Site>>) -> Response {
    let mut response = Json(site.stats.last_pdf()).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A person's PDF outside the two-step flow and uncounted, for byte-for-byte comparisons.
async fn test_pdf(State(site): State<Arc<Site>>, Path(id): Path<String>) -> Response {
    match site.profile_pdf(&id) {
        Some(bytes) => crate::dms::pdf_response(bytes),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn csp_report(State(site): State<Arc<Site>>) -> StatusCode {
    site.stats.bump(Counter::CspReport);
    StatusCode::NO_CONTENT
}
