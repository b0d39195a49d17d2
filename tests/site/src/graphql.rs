//! The site's current "Save to PDF" (DESIGN.md §5, issue #15), as public client code of
//! 2024–2026 calls it: `POST /voyager/api/graphql?action=execute&queryId=
//! voyagerIdentityDashProfileActionsV2.<hash>` with `{"variables":{"profileUrn":…},"queryId":…}`,
//! the `csrf-token` header and the session cookies; the normalized answer carries the PDF link
//! at `data.data.doSaveToPdfV2IdentityDashProfileActionsV2.result.downloadUrl`.
//!
//! The hash is random per start and published only in a script bundle under
//! `https://static.licdn.com/aero-v1/sc/h/assets/…` (the host of the site's client code), served
//! without CORS headers, as static files are. `/_test/pdf-action` switches the action's
//! behaviour and rotates the hash (a deploy).

use crate::Site;
use crate::people::Visibility;
use crate::session::Session;
use crate::stats::Counter;
use crate::url::Query;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::{get, post};
use serde::{Deserialize, Serialize};
use std::sync::{Arc, Mutex};

/// The query's name; the random hash follows the dot.
pub const QUERY_NAME: &str = "voyagerIdentityDashProfileActionsV2";

/// The host and folder of the site's script bundles.
pub const BUNDLE_ORIGIN: &str = "https://static.licdn.com";
const BUNDLE_DIR: &str = "/aero-v1/sc/h/assets/";

/// How the GraphQL action answers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PdfAction {
    /// The GraphQL action and the older REST one both work.
    #[default]
    Both,
    /// Only the REST action (the GraphQL one is unknown: 404), and no id is published.
    Rest,
    /// The GraphQL action refuses (403) every PDF.
    Refused,
    /// 429 with `Retry-After`.
    RateLimited,
    /// 200 without a link.
    NoUrl,
    /// The action works, but no bundle names its id (discovery fails).
    Unpublished,
}

impl std::str::FromStr for PdfAction {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        serde_json::from_value(serde_json::Value::String(s.to_string())).map_err(|_| {
            format!(
                "unknown PDF action {s:?} (expected both, rest, refused, rate_limited, no_url or unpublished)"
            )
        })
    }
}

/// The current hash and bundle name, and the behaviour.
#[derive(Debug)]
pub struct PdfQuery {
    start: PdfAction,
    now: Mutex<(PdfAction, Published)>,
}

#[derive(Clone, Debug)]
struct Published {
    hash: String,
    bundle: String,
}

impl Published {
    fn fresh() -> Self {
        let hex = |n: usize| {
            (0..n)
                .map(|_| char::from_digit(rand::random::<u32>() % 16, 16).unwrap_or('0'))
                .collect::<String>()
        };
        Self {
            hash: hex(32),
            bundle: format!("{}.js", hex(12)),
        }
    }
}

/// What `POST /_test/pdf-action` takes: a mode, and/or `rotate` (a new hash and bundle).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PdfActionRequest {
    #[serde(default)]
    pub mode: Option<PdfAction>,
    #[serde(default)]
    pub rotate: bool,
}

impl PdfQuery {
    pub fn new(start: PdfAction) -> Self {
        Self {
            start,
            now: Mutex::new((start, Published::fresh())),
        }
    }

    fn get(&self) -> (PdfAction, Published) {
        self.now.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub fn mode(&self) -> PdfAction {
        self.get().0
    }

    /// `voyagerIdentityDashProfileActionsV2.<hash>` as it is now.
    pub fn query_id(&self) -> String {
        format!("{QUERY_NAME}.{}", self.get().1.hash)
    }

    /// The address of the bundle that names the id now.
    pub fn bundle_url(&self) -> String {
        format!("{BUNDLE_ORIGIN}{BUNDLE_DIR}{}", self.get().1.bundle)
    }

    pub fn set(&self, request: &PdfActionRequest) -> serde_json::Value {
        let mut now = self.now.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(mode) = request.mode {
            now.0 = mode;
        }
        if request.rotate {
            now.1 = Published::fresh();
        }
        serde_json::json!({ "mode": now.0, "query_id": format!("{QUERY_NAME}.{}", now.1.hash) })
    }

    /// Back to the start's behaviour (the hash stays: a deploy is not undone).
    pub fn reset(&self) {
        self.now.lock().unwrap_or_else(|e| e.into_inner()).0 = self.start;
    }
}

pub fn routes() -> Router<Arc<Site>> {
    Router::new()
        .route("/voyager/api/graphql", post(graphql))
        .route("/aero-v1/sc/h/assets/{name}", get(bundle))
        .route("/_test/pdf-action", post(set_pdf_action))
}

/// A minified-looking client module naming its queries; the Save-to-PDF id only while the
/// GraphQL action exists.
async fn bundle(
    State(site): State<Arc<Site>>,
    Path(name): Path<String>,
    headers: HeaderMap,
) -> Response {
    let (mode, published) = site.pdf_query.get();
    if name != published.bundle {
        return StatusCode::NOT_FOUND.into_response();
    }
    // The page's own `<script>` load is not a read of the text by anyone.
    let by_script = headers
        .get("sec-fetch-dest")
        .is_some_and(|v| v.as_bytes() == b"script");
    if !by_script {
        site.stats.bump(Counter::BundleRead);
    }
    let save = if matches!(mode, PdfAction::Rest | PdfAction::Unpublished) {
        String::new()
    } else {
        format!("saveToPdf:\"{QUERY_NAME}.{}\",", published.hash)
    };
    let body = format!(
        "(function(){{var q={{{save}topCard:\"voyagerIdentityDashProfiles.{}\"}};\
         (self.__tbFixtureQueries=self.__tbFixtureQueries||[]).push(q)}})();\n",
        "0".repeat(32)
    );
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/javascript; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

async fn set_pdf_action(State(site): State<Arc<Site>>, body: Bytes) -> Response {
    match serde_json::from_slice::<PdfActionRequest>(&body) {
        Ok(request) => Json(site.pdf_query.set(&request)).into_response(),
        Err(e) => {
            let body = serde_json::json!({ "error": format!("expected {{\"mode\": \"both|rest|refused|rate_limited|no_url|unpublished\", \"rotate\": true}}: {e}") });
            (StatusCode::BAD_REQUEST, Json(body)).into_response()
        }
    }
}

#[derive(Deserialize)]
struct Body {
    variables: Variables,
    #[serde(rename = "queryId")]
    query_id: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Variables {
    profile_urn: String,
}

async fn graphql(
    State(site): State<Arc<Site>>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let mode = site.pdf_query.mode();
    if mode == PdfAction::Rest {
        return error(StatusCode::NOT_FOUND, "Not found.");
    }
    let Some(session) = site.sessions.current(&headers) else {
        return error(StatusCode::UNAUTHORIZED, "Not signed in.");
    };
    if !crate::voyager::csrf_matches(&headers, &session as &Session) {
        return error(StatusCode::FORBIDDEN, "CSRF check failed.");
    }
    let query = Query::parse(uri.query());
    let current = site.pdf_query.query_id();
    let body: Option<Body> = serde_json::from_slice(&body).ok();
    let Some(body) = body.filter(|b| {
        query.get("action") == Some("execute") && query.get("queryId") == Some(&b.query_id)
    }) else {
        return error(StatusCode::BAD_REQUEST, "Malformed request.");
    };
    if body.query_id != current {
        // What a persisted-query server says about a hash it does not know.
        return error(StatusCode::BAD_REQUEST, "Unknown queryId.");
    }
    match mode {
        PdfAction::Refused => {
            return error(
                StatusCode::FORBIDDEN,
                "This profile cannot be saved to PDF.",
            );
        }
        PdfAction::RateLimited => {
            let mut response = error(StatusCode::TOO_MANY_REQUESTS, "Too many requests.");
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
            return response;
        }
        _ => {}
    }
    let member = body
        .variables
        .profile_urn
        .strip_prefix("urn:li:fsd_profile:")
        .unwrap_or_default();
    let person = match site.people.find(member) {
        Some(p) if p.member_id == member && p.visibility != Visibility::Private => p,
        _ => return error(StatusCode::NOT_FOUND, "Profile not found."),
    };
    if person.visibility == Visibility::Limited || person.no_pdf {
        return error(
            StatusCode::FORBIDDEN,
            "This profile cannot be saved to PDF.",
        );
    }
    let result = if mode == PdfAction::NoUrl {
        serde_json::json!({})
    } else {
        let token = site.links.issue(&person.public_id);
        site.stats.bump(Counter::PdfAction);
        site.stats.bump(Counter::GraphqlAction);
        let host = crate::pages::request_host(&uri, &headers);
        let host = if host.is_empty() {
            "www.linkedin.com".to_string()
        } else {
            host
        };
        serde_json::json!({
            "downloadUrl": format!("https://{host}{}", crate::dms::path(&token)),
            "$type": "com.linkedin.voyager.dash.identity.profile.actions.SaveToPdfResult",
        })
    };
    let answer = serde_json::json!({
        "data": {
            "data": {
                "doSaveToPdfV2IdentityDashProfileActionsV2": {
                    "result": result,
                    "$type": "com.linkedin.restli.common.ActionResponse",
                },
            },
        },
        "included": [],
    });
    let mut response = Json(answer).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/vnd.linkedin.normalized+json+2.1"),
    );
    response
}

fn error(status: StatusCode, message: &str) -> Response {
    crate::voyager::error(status, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_parse_and_rotation_changes_hash_and_bundle() {
        assert_eq!("rest".parse::<PdfAction>(), Ok(PdfAction::Rest));
        assert_eq!("no_url".parse::<PdfAction>(), Ok(PdfAction::NoUrl));
        assert!("x".parse::<PdfAction>().is_err());
        let query = PdfQuery::new(PdfAction::Both);
        let (id, bundle) = (query.query_id(), query.bundle_url());
        assert!(id.starts_with("voyagerIdentityDashProfileActionsV2."));
        assert_eq!(id.len(), QUERY_NAME.len() + 33);
        query.set(&PdfActionRequest {
            mode: Some(PdfAction::Refused),
            rotate: true,
        });
        assert_ne!(query.query_id(), id);
        assert_ne!(query.bundle_url(), bundle);
        assert_eq!(query.mode(), PdfAction::Refused);
        query.reset();
        assert_eq!(query.mode(), PdfAction::Both);
    }
}
