//! CORS: open to the extension's origin, closed to every other.

use crate::support::*;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use talent_bridge::case;

fn preflight(origin: &str) -> Request<Body> {
    Request::options("/api/v1/lookup")
        .header(header::ORIGIN, origin)
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, "POST")
        .header(
            header::ACCESS_CONTROL_REQUEST_HEADERS,
            "authorization, content-type, idempotency-key",
        )
        .body(Body::empty())
        .unwrap()
}

// proves S1: the service worker (extension origin) may call the API cross-origin.
#[tokio::test]
async fn the_extension_origin_passes_preflight() {
    let crm = TestCrm::demo();
    let reply = crm.send(preflight(EXTENSION_ORIGIN)).await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT);
    assert_eq!(
        reply.header("access-control-allow-origin"),
        Some(EXTENSION_ORIGIN)
    );
    let methods = reply.header("access-control-allow-methods").unwrap();
    for method in ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] {
        assert!(methods.contains(method), "{methods}");
    }
    let headers = case::lower(reply.header("access-control-allow-headers").unwrap());
    for name in ["authorization", "content-type", "idempotency-key"] {
        assert!(headers.contains(name), "{headers}");
    }
}

// proves S1: the extension can read answers, errors included.
#[tokio::test]
async fn extension_requests_get_the_origin_echoed() {
    let crm = TestCrm::demo();
    for token in [Some(VAL), None] {
        let mut request = request(axum::http::Method::GET, "/api/v1/me", token, None);
        request
            .headers_mut()
            .insert(header::ORIGIN, EXTENSION_ORIGIN.parse().unwrap());
        let reply = crm.send(request).await;
        assert_eq!(
            reply.header("access-control-allow-origin"),
            Some(EXTENSION_ORIGIN)
        );
        assert_eq!(reply.header("vary"), Some("Origin"));
        // The CRM's clock and its retry time are readable (issue #18, E7).
        assert_eq!(
            reply.header("access-control-expose-headers"),
            Some("Date, Retry-After")
        );
    }
}

// proves S1: a web page (the network site included) can never read the API with a token.
#[tokio::test]
async fn other_origins_get_no_cors() {
    let crm = TestCrm::demo();
    for origin in [
        "https://www.linkedin.com",
        "https://evil.example",
        "null",
        "chrome-extension://",
        OTHER_EXTENSION_ORIGIN,
        "chrome-extension://gnkhiiocdompgpmpfknahhechpbajkmk.evil.example",
    ] {
        let reply = crm.send(preflight(origin)).await;
        assert_ne!(reply.status, StatusCode::NO_CONTENT, "{origin}");
        assert!(
            reply.header("access-control-allow-origin").is_none(),
            "{origin}"
        );
        let mut request = request(axum::http::Method::GET, "/api/v1/me", Some(VAL), None);
        request
            .headers_mut()
            .insert(header::ORIGIN, origin.parse().unwrap());
        let reply = crm.send(request).await;
        assert!(
            reply.header("access-control-allow-origin").is_none(),
            "{origin}"
        );
    }
}

// proves C5: another extension's id is refused until the admin allows it (`--allow-extension`),
// and allowing it keeps ours.
#[tokio::test]
async fn another_extension_needs_to_be_allowed() {
    let crm = TestCrm::demo();
    let refused = crm.send(preflight(OTHER_EXTENSION_ORIGIN)).await;
    assert_ne!(refused.status, StatusCode::NO_CONTENT);
    assert!(refused.header("access-control-allow-origin").is_none());

    let config = talent_bridge_crm::Config {
        allowed_extensions: vec![
            talent_bridge_crm::cors::ExtensionId::ours(),
            "abcdefghijklmnopabcdefghijklmnop".parse().unwrap(),
        ],
        ..talent_bridge_crm::Config::new(PUBLIC_URL)
    };
    let router = open_router_with(&crm.path, config);
    let crm = crm.serving(router);
    for origin in [OTHER_EXTENSION_ORIGIN, EXTENSION_ORIGIN] {
        let reply = crm.send(preflight(origin)).await;
        assert_eq!(reply.status, StatusCode::NO_CONTENT, "{origin}");
        assert_eq!(reply.header("access-control-allow-origin"), Some(origin));
    }
}
