//! Security headers on every kind of answer (C5): API data, API errors, pages, the sign-in
//! form, the OpenAPI document, a preflight.

use crate::support::*;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};

// proves C5: nothing is sniffed, framed, cached or sent on as a referrer, and HTTPS is sticky.
#[tokio::test]
async fn every_answer_carries_the_security_headers() {
    let crm = TestCrm::demo();
    let cookie = crm.sign_in("riley@example.com", "riley-demo").await;
    let ada = crm.id_of("ada-lovelace");
    let preflight = Request::options("/api/v1/lookup")
        .header(header::ORIGIN, EXTENSION_ORIGIN)
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, "POST")
        .body(Body::empty())
        .unwrap();
    let replies = [
        ("GET /api/v1/me", crm.get("/api/v1/me", Some(RILEY)).await),
        (
            "GET /api/v1/contacts/{id}",
            crm.get(&format!("/api/v1/contacts/{ada}"), Some(RILEY))
                .await,
        ),
        ("401", crm.get("/api/v1/me", None).await),
        ("404 API", crm.get("/api/v1/nothing", Some(RILEY)).await),
        ("GET /login", crm.get_page("/login", None).await),
        (
            "GET /contacts/{id}",
            crm.get_page(&format!("/contacts/{ada}"), Some(&cookie))
                .await,
        ),
        ("404 page", crm.get_page("/nothing", None).await),
        (
            "GET /api/v1/openapi.json",
            crm.get("/api/v1/openapi.json", None).await,
        ),
        ("preflight", crm.send(preflight).await),
    ];
    for (what, reply) in replies {
        assert_ne!(reply.status, StatusCode::INTERNAL_SERVER_ERROR, "{what}");
        for (name, value) in [
            ("x-content-type-options", "nosniff"),
            ("referrer-policy", "no-referrer"),
            ("x-frame-options", "DENY"),
            ("cache-control", "no-store"),
            ("strict-transport-security", "max-age=31536000"),
        ] {
            assert_eq!(reply.header(name), Some(value), "{what}: {name}");
        }
        if reply
            .header("content-type")
            .is_some_and(|t| t.starts_with("text/html"))
        {
            let csp = reply.header("content-security-policy").unwrap_or_default();
            assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
        }
    }
}

// proves C5: HSTS only when the CRM is reached over HTTPS (on loopback it would pin nothing).
#[tokio::test]
async fn no_hsts_over_plain_http() {
    let crm = TestCrm::demo();
    let router = open_router_with(
        &crm.path,
        talent_bridge_crm::Config::new("http://127.0.0.1:8080"),
    );
    let crm = crm.serving(router);
    let reply = crm.get("/api/v1/me", Some(RILEY)).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header("strict-transport-security"), None);
    assert_eq!(reply.header("x-content-type-options"), Some("nosniff"));
}
