//! URL → handler. Pages (full or fragment) go through `pages::serve`; the rest are assets,
//! test hooks, the CSP report sink and the voyager API.

use crate::Site;
use crate::stats::Counter;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::{get, post};
use std::sync::Arc;

const SITE_JS: &str = include_str!("../static/site.js");

/// The whole site.
pub fn router(site: Arc<Site>) -> Router {
    Router::new()
        .route("/static/site.js", get(script))
        .route("/static/site.css", get(stylesheet))
        .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
        .route("/_test/stats", get(test_stats))
        .route("/_test/reset", post(test_reset))
        .route("/security/csp", post(csp_report))
        .route(
            "/search/results/people/more",
            get(crate::pages::search::more_results),
        )
        .merge(crate::voyager::routes())
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

async fn test_reset(State(site): State<Arc<Site>>) -> StatusCode {
    site.stats.reset();
    StatusCode::NO_CONTENT
}

async fn csp_report(State(site): State<Arc<Site>>) -> StatusCode {
    site.stats.bump(Counter::CspReport);
    StatusCode::NO_CONTENT
}
