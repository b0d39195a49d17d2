//! Headers every answer carries, whatever the route: no MIME sniffing, no referrer leaving the
//! CRM, no framing, nothing cached (the API's answers and the pages carry personal data), and
//! HSTS when the CRM is served over HTTPS. A handler's own value wins (a download's caching).

use crate::app::AppState;
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

/// A year, the usual HSTS lifetime; only sent when `public_url` is `https://`.
const HSTS: &str = "max-age=31536000";

pub async fn add(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let mut default = |name: HeaderName, value: &'static str| {
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    };
    default(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    default(header::REFERRER_POLICY, "no-referrer");
    default(header::X_FRAME_OPTIONS, "DENY");
    default(header::CACHE_CONTROL, "no-store");
    if state.config.https() {
        default(header::STRICT_TRANSPORT_SECURITY, HSTS);
    }
    response
}
