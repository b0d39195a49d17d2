//! CORS for the extension only: its service worker calls the API and the OAuth token and
//! revocation endpoints from a `chrome-extension://<id>` origin. Any other origin gets no CORS headers, so a web page can
//! never read the API's answers with a user's token.

use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

const EXTENSION_SCHEME: &str = "chrome-extension://";
/// The worker's own OAuth calls. Never `/oauth/authorize`: that is a page for people.
const OAUTH_PATHS: &[&str] = &[
    talent_bridge::oauth::TOKEN_PATH,
    talent_bridge::oauth::REVOKE_PATH,
];
const ALLOW_METHODS: &str = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
const ALLOW_HEADERS: &str = "Authorization, Content-Type, Idempotency-Key";
/// Browsers cap this anyway (Chrome: 2 h); ten minutes keeps preflights rare.
const MAX_AGE_SECONDS: &str = "600";

pub async fn cors(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let on_api = path.starts_with("/api/") || OAUTH_PATHS.contains(&path);
    let Some(origin) = extension_origin(request.headers()).filter(|_| on_api) else {
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

/// The request's `Origin` when it is an extension's: `chrome-extension://` and an id of
/// letters and digits, nothing more.
fn extension_origin(headers: &HeaderMap) -> Option<HeaderValue> {
    let origin = headers.get(header::ORIGIN)?;
    let id = origin.to_str().ok()?.strip_prefix(EXTENSION_SCHEME)?;
    (!id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric()))
        .then(|| origin.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin(value: &str) -> Option<HeaderValue> {
        let mut h = HeaderMap::new();
        h.insert(header::ORIGIN, HeaderValue::from_str(value).unwrap());
        extension_origin(&h)
    }

    #[test]
    fn only_extension_origins_qualify() {
        assert!(origin("chrome-extension://abcdefghijklmnopabcdefghijklmnop").is_some());
        assert!(origin("https://www.linkedin.com").is_none());
        assert!(origin("chrome-extension://").is_none());
        assert!(origin("chrome-extension://abc/evil").is_none());
        assert!(origin("chrome-extension://abc.evil.example").is_none());
    }
}
