//! The site's internal API (`/voyager/api/…`), as public client code calls it. The first
//! step of "Save to PDF" lands here (DESIGN.md §5): `POST …/profileActions?action=saveToPdf`
//! with `csrf-token` = the `JSESSIONID` cookie (quotes stripped) and the session cookies →
//! `{"value": "<absolute URL of a short-lived PDF link>"}`; `dms.rs` serves the link.

use crate::Site;
use crate::people::Visibility;
use crate::session::{Session, cookie};
use crate::stats::Counter;
use crate::url::Query;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::post;
use std::sync::Arc;

pub fn routes() -> Router<Arc<Site>> {
    Router::new().route(
        "/voyager/api/identity/profiles/{public_id}/profileActions",
        post(profile_actions),
    )
}

/// `{publicId}` is the vanity slug (axum has percent-decoded it) or the member id;
/// `versionTag=` is accepted and ignored, as the real endpoint's callers send it.
async fn profile_actions(
    State(site): State<Arc<Site>>,
    Path(public_id): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let Some(session) = site.sessions.current(&headers) else {
        return error(StatusCode::UNAUTHORIZED, "Not signed in.");
    };
    if !csrf_matches(&headers, &session) {
        return error(StatusCode::FORBIDDEN, "CSRF check failed.");
    }
    let query = Query::parse(uri.query());
    if query.get("action") != Some("saveToPdf") {
        return error(StatusCode::BAD_REQUEST, "Unknown profile action.");
    }
    // Private and unknown members are "not found"; limited ones and those whose PDF the
    // site does not offer are visible but refused.
    let person = match site.people.find(&public_id) {
        Some(p) if p.visibility != Visibility::Private => p,
        _ => return error(StatusCode::NOT_FOUND, "Profile not found."),
    };
    if person.visibility == Visibility::Limited || person.no_pdf {
        return error(
            StatusCode::FORBIDDEN,
            "This profile cannot be saved to PDF.",
        );
    }
    let token = site.links.issue(&person.public_id);
    site.stats.bump(Counter::PdfAction);
    let host = crate::pages::request_host(&uri, &headers);
    let host = if host.is_empty() {
        "www.linkedin.com".to_string()
    } else {
        host
    };
    let url = format!("https://{host}{}", crate::dms::path(&token));
    Json(serde_json::json!({ "value": url })).into_response()
}

/// The header must equal the `JSESSIONID` cookie without its quotes, and that cookie must
/// be the one issued with this `li_at`.
pub fn csrf_matches(headers: &HeaderMap, session: &Session) -> bool {
    let Some(token) = headers.get("csrf-token").and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let Some(jsessionid) = cookie(headers, "JSESSIONID") else {
        return false;
    };
    let jsessionid = jsessionid.trim_matches('"');
    !token.is_empty() && token == jsessionid && jsessionid == session.jsessionid
}

/// Errors shaped like the real API's (Rest.li exceptions).
pub fn error(status: StatusCode, message: &str) -> Response {
    let body = serde_json::json!({
        "exceptionClass": "com.linkedin.restli.server.RestLiServiceException",
        "message": message,
        "status": status.as_u16(),
    });
    (status, Json(body)).into_response()
}
