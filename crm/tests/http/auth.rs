//! Bearer tokens on every API route.

use crate::support::*;
use axum::http::{Method, StatusCode, header};
use serde_json::json;

/// Every `/api/v1` route that needs a token, with a body that would otherwise be accepted.
fn api_routes() -> Vec<(Method, &'static str, Option<String>)> {
    vec![
        (Method::GET, "/api/v1/me", None),
        (
            Method::POST,
            "/api/v1/lookup",
            Some(json!({"profiles": []}).to_string()),
        ),
        (Method::GET, "/api/v1/pools?q=eng", None),
        (Method::GET, "/api/v1/vacancies", None),
    ]
}

// proves C1: every API route refuses a request without a valid bearer token, with the JSON
// error shape and a message a person can act on.
#[tokio::test]
async fn every_api_route_needs_a_valid_token() {
    let crm = TestCrm::demo();
    for (method, path, body) in api_routes() {
        for token in [None, Some("not-a-token"), Some("")] {
            let reply = crm
                .send(request(method.clone(), path, token, body.clone()))
                .await;
            assert_eq!(
                reply.status,
                StatusCode::UNAUTHORIZED,
                "{method} {path} {token:?}"
            );
            assert_eq!(reply.error_code(), "unauthorized");
            assert_eq!(reply.header("www-authenticate"), Some("Bearer"));
        }
        let mut basic = request(method.clone(), path, None, body.clone());
        basic
            .headers_mut()
            .insert(header::AUTHORIZATION, "Basic dGItZGVtbzp4".parse().unwrap());
        assert_eq!(
            crm.send(basic).await.status,
            StatusCode::UNAUTHORIZED,
            "{path} basic"
        );
        let ok = crm
            .send(request(method.clone(), path, Some(RILEY), body.clone()))
            .await;
        assert_eq!(ok.status, StatusCode::OK, "{method} {path}: {}", ok.text());
    }
}

#[tokio::test]
async fn me_tells_who_and_what_they_may_do() {
    let crm = TestCrm::demo();
    let riley = crm.get("/api/v1/me", Some(RILEY)).await.json();
    assert_eq!(riley["user"]["name"], "Riley Recruiter");
    assert_eq!(riley["user"]["email"], "riley@example.com");
    assert_eq!(riley["permissions"], json!(["view", "create", "edit"]));
    let val = crm.get("/api/v1/me", Some(VAL)).await.json();
    assert_eq!(val["permissions"], json!(["view"]));
    let casey = crm.get("/api/v1/me", Some(CASEY)).await.json();
    assert_eq!(
        casey["permissions"],
        json!(["view", "create", "edit", "confidential"])
    );
}

#[tokio::test]
async fn revoked_and_expired_tokens_are_refused() {
    let crm = TestCrm::demo();
    let sql = crm.sql();
    sql.execute(
        "UPDATE api_tokens SET revoked_at = '2026-01-01T00:00:00Z'
         WHERE user_id = (SELECT id FROM users WHERE email = 'val@example.com')",
        [],
    )
    .unwrap();
    sql.execute(
        "UPDATE api_tokens SET expires_at = unixepoch() - 1
         WHERE user_id = (SELECT id FROM users WHERE email = 'casey@example.com')",
        [],
    )
    .unwrap();
    assert_eq!(
        crm.get("/api/v1/me", Some(VAL)).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        crm.get("/api/v1/me", Some(CASEY)).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        crm.get("/api/v1/me", Some(RILEY)).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_user_without_view_permission_cannot_look_up() {
    let crm = TestCrm::demo();
    crm.sql()
        .execute(
            "DELETE FROM user_permissions WHERE permission = 'view'
             AND user_id = (SELECT id FROM users WHERE email = 'val@example.com')",
            [],
        )
        .unwrap();
    let reply = crm
        .lookup(VAL, json!([{"ref": "0", "public_id": "ada-lovelace"}]))
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(reply.error_code(), "forbidden");
}
