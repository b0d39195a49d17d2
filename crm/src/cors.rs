//! CORS for the extension only: its service worker calls the API and the OAuth token and
//! revocation endpoints from a `chrome-extension://<id>` origin. Only the ids this server was
//! told about qualify (ours, fixed by the manifest's `key`, and any `--allow-extension ID`):
//! every other origin, another extension's included, gets no CORS headers, so neither a web
//! page nor an extension of someone else's can read the API's answers with a user's token.

use crate::app::AppState;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::fmt;
use std::str::FromStr;

/// Talent Bridge's own id, fixed by the manifest's `key` (README: "Load the extension").
pub const OUR_EXTENSION_ID: &str = "gnkhiiocdompgpmpfknahhechpbajkmk";

/// A Chrome extension id: 32 letters `a`–`p` (a hash of the extension's key, one letter per
/// half-byte).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExtensionId(String);

impl ExtensionId {
    pub fn ours() -> Self {
        Self(OUR_EXTENSION_ID.to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for ExtensionId {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        if s.len() == 32 && s.bytes().all(|b| (b'a'..=b'p').contains(&b)) {
            Ok(Self(s.to_string()))
        } else {
            Err(format!(
                "not a Chrome extension id (32 letters a to p, as chrome://extensions shows it): {s:?}"
            ))
        }
    }
}

impl fmt::Display for ExtensionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

const EXTENSION_SCHEME: &str = "chrome-extension://";
/// The worker's own OAuth calls. Never `/oauth/authorize`: that is a page for people.
const OAUTH_PATHS: &[&str] = &[
    talent_bridge::oauth::TOKEN_PATH,
    talent_bridge::oauth::REVOKE_PATH,
];
const ALLOW_METHODS: &str = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
const ALLOW_HEADERS: &str = "Authorization, Content-Type, Idempotency-Key";
/// Answer headers the extension reads beyond the CORS-safelisted ones: when to retry, and the
/// CRM's clock, which the extension's monthly ledger goes by (issue #18).
const EXPOSE_HEADERS: &str = "Date, Retry-After";
/// Browsers cap this anyway (Chrome: 2 h); ten minutes keeps preflights rare.
const MAX_AGE_SECONDS: &str = "600";

pub async fn cors(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let on_api = path.starts_with("/api/") || OAUTH_PATHS.contains(&path);
    let allowed = &state.config.allowed_extensions;
    let Some(origin) = extension_origin(request.headers(), allowed).filter(|_| on_api) else {
        return next.run(request).await;
    };
    let preflight = request.method() == Method::OPTIONS
        && request
            .headers()
            .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    let mut response = if preflight {
        StatusCode::NO_CONTENT.into_response()
    } else {
        next.run(request).await
    };
    let headers = response.headers_mut();
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    headers.append(header::VARY, HeaderValue::from_static("Origin"));
    if !preflight {
        headers.insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static(EXPOSE_HEADERS),
        );
    }
    if preflight {
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static(ALLOW_METHODS),
        );
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static(ALLOW_HEADERS),
        );
        headers.insert(
            header::ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from_static(MAX_AGE_SECONDS),
        );
    }
    response
}

/// The request's `Origin` when it is exactly `chrome-extension://<id>` for one of `allowed`.
fn extension_origin(headers: &HeaderMap, allowed: &[ExtensionId]) -> Option<HeaderValue> {
    let origin = headers.get(header::ORIGIN)?;
    let id = origin.to_str().ok()?.strip_prefix(EXTENSION_SCHEME)?;
    allowed
        .iter()
        .any(|known| known.as_str() == id)
        .then(|| origin.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin(value: &str) -> Option<HeaderValue> {
        let mut h = HeaderMap::new();
        h.insert(header::ORIGIN, HeaderValue::from_str(value).unwrap());
        extension_origin(&h, &[ExtensionId::ours()])
    }

    #[test]
    fn only_allowed_extension_origins_qualify() {
        assert!(origin("chrome-extension://gnkhiiocdompgpmpfknahhechpbajkmk").is_some());
        assert!(origin("chrome-extension://abcdefghijklmnopabcdefghijklmnop").is_none());
        assert!(origin("chrome-extension://gnkhiiocdompgpmpfknahhechpbajkmk/").is_none());
        assert!(origin("chrome-extension://GNKHIIOCDOMPGPMPFKNAHHECHPBAJKMK").is_none());
        assert!(origin("https://www.linkedin.com").is_none());
        assert!(origin("chrome-extension://").is_none());
    }

    #[test]
    fn extension_ids_are_what_chrome_makes() {
        assert!(
            "abcdefghijklmnopabcdefghijklmnop"
                .parse::<ExtensionId>()
                .is_ok()
        );
        for bad in [
            "",
            "abc",
            "abcdefghijklmnopabcdefghijklmnoq",
            "abcdefghijklmnopabcdefghijklmnopa",
        ] {
            assert!(bad.parse::<ExtensionId>().is_err(), "{bad}");
        }
        assert!(
            crate::oauth::clients::EXTENSION_REDIRECT_URI.contains(OUR_EXTENSION_ID),
            "one id for CORS and the OAuth redirect"
        );
    }
}
