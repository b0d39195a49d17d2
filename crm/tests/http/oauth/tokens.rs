//! The token endpoint: codes once, PKCE, rotation, replay, expiry, CORS.

use super::*;
use crate::support::*;
use axum::http::{Method, StatusCode};
use talent_bridge_crm::Config;

on_both_engines!(
    a_wrong_verifier_is_refused_and_spends_the_code,
    the_code_is_bound_to_its_redirect_and_client,
    a_reused_code_revokes_its_tokens,
    an_expired_code_is_refused,
    malformed_token_requests_are_refused,
    refresh_tokens_rotate,
    a_replayed_refresh_token_revokes_the_family,
    access_tokens_expire,
    refresh_tokens_expire,
    the_token_endpoint_answers_extension_origins,
);

/// A fresh code for Riley and the flow it belongs to.
async fn riley_code(crm: &TestCrm) -> (PkceFlow, String) {
    let cookie = crm.sign_in("riley@example.com", "riley-demo").await;
    let flow = flow();
    let code = crm.code_for(&flow, &cookie).await;
    (flow, code)
}

fn exchange(code: &str, redirect: &str, client: &str, verifier: &str) -> String {
    form(&[
        ("grant_type".into(), "authorization_code".into()),
        ("code".into(), code.into()),
        ("redirect_uri".into(), redirect.into()),
        ("client_id".into(), client.into()),
        ("code_verifier".into(), verifier.into()),
    ])
}

// proves A1: a stolen code is worthless without the verifier; a refused attempt spends it.
async fn a_wrong_verifier_is_refused_and_spends_the_code(engine: Engine) {
    let crm = TestCrm::demo_on(engine);
    let (flow, code) = riley_code(&crm).await;
    let other = super::flow();
    for verifier in [other.verifier.as_str(), &flow.challenge(), "short"] {
        let reply = crm
            .token(&exchange(&code, REDIRECT, CLIENT, verifier))
            .await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST);
        assert_eq!(reply.oauth_error(), "invalid_grant");
    }
    let reply = crm.token(&flow.token_request(&code)).await;
    assert_eq!(reply.oauth_error(), "invalid_grant", "the code is spent");
    assert_eq!(crm.count("oauth_tokens"), 0);
}

// proves A1: the code is bound to its redirect URI and client.
async fn the_code_is_bound_to_its_redirect_and_client(engine: Engine) {
    let crm = TestCrm::demo_on(engine);
    let (flow, code) = riley_code(&crm).await;
    let slashless = REDIRECT.trim_end_matches('/');
    let reply = crm
        .token(&exchange(&code, slashless, CLIENT, &flow.verifier))
        .await;
    assert_eq!(reply.oauth_error(), "invalid_grant");

    let (flow, code) = riley_code(&crm).await;
    let reply = crm
        .token(&exchange(&code, REDIRECT, "unknown-client", &flow.verifier))
        .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.oauth_error(), "invalid_client");
    // An unknown client never reached the code: it still works for its own client.
    assert_eq!(
        crm.token(&flow.token_request(&code)).await.status,
        StatusCode::OK
    );
}

// proves A1: a code works once; a second use revokes every token the first one gave.
async fn a_reused_code_revokes_its_tokens(engine: Engine) {
    let crm = TestCrm::demo_on(engine);
    let (flow, code) = riley_code(&crm).await;
    let first = crm.token(&flow.token_request(&code)).await;
    assert_eq!(first.status, StatusCode::OK);
    let tokens: TokenResponse = serde_json::from_slice(&first.body).unwrap();
    assert_eq!(crm.me_status(&tokens.access_token).await, StatusCode::OK);

    let again = crm.token(&flow.token_request(&code)).await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    assert_eq!(again.oauth_error(), "invalid_grant");
    assert_eq!(
        crm.me_status(&tokens.access_token).await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        crm.refresh(refresh_of(&tokens)).await.oauth_error(),
        "invalid_grant"
    );
}

// proves A1: a code lives 60 seconds.
async fn an_expired_code_is_refused(engine: Engine) {
    let crm = TestCrm::demo_on(engine);
    let (flow, code) = riley_code(&crm).await;
    let window = crm.number("SELECT code_expires_at_ms - created_at_ms FROM oauth_grants");
    assert_eq!(window, 60_000);
    crm.exec("UPDATE oauth_grants SET code_expires_at_ms = 1");
    let reply = crm.token(&flow.token_request(&code)).await;
    assert_eq!(reply.oauth_error(), "invalid_grant");
    assert!(
        reply.json()["error_description"]
            .as_str()
            .unwrap()
            .contains("expired")
    );
}

// proves A1: malformed token requests get RFC 6749 §5.2 errors.
async fn malformed_token_requests_are_refused(engine: Engine) {
    let crm = TestCrm::demo_on(engine);
    for (body, error) in [
        ("", "invalid_request"),
        (
            "grant_type=password&username=a&password=b",
            "unsupported_grant_type",
        ),
        (
            "grant_type=client_credentials&client_id=talent-bridge-extension",
            "unsupported_grant_type",
        ),
        (
            "grant_type=authorization_code&client_id=talent-bridge-extension",
            "invalid_request",
        ),
        (
            "grant_type=refresh_token&client_id=talent-bridge-extension",
            "invalid_request",
        ),
        (
            "grant_type=refresh_token&refresh_token=x",
            "invalid_request",
        ),
        (
            "grant_type=refresh_token&grant_type=refresh_token&refresh_token=x",
            "invalid_request",
        ),
        (
            "grant_type=refresh_token&refresh_token=nope&client_id=talent-bridge-extension",
            "invalid_grant",
        ),
    ] {
        let reply = crm.token(body).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(reply.oauth_error(), error, "{body}");
        assert_eq!(reply.header("cache-control"), Some("no-store"));
    }
    let json = crm
        .post_json(
            "/oauth/token",
            None,
            &serde_json::json!({"grant_type": "refresh_token"}),
        )
        .await;
    assert_eq!(json.status, StatusCode::BAD_REQUEST);
    assert_eq!(json.oauth_error(), "invalid_request");
}

// proves A1: every refresh gives a new refresh token and spends the old one.
async fn refresh_tokens_rotate(engine: Engine) {
    let crm = TestCrm::demo_on(engine);
    let (_, first) = crm.riley_tokens().await;
    let mut seen = vec![first.access_token.clone(), refresh_of(&first).to_string()];
    let mut current = first;
    for _ in 0..3 {
        let reply = crm.refresh(refresh_of(&current)).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
        assert_eq!(reply.header("cache-control"), Some("no-store"));
        let next: TokenResponse = serde_json::from_slice(&reply.body).unwrap();
        assert_eq!(next.token_type, "Bearer");
        assert!(!seen.contains(&next.access_token));
        assert!(!seen.contains(&refresh_of(&next).to_string()));
        assert_eq!(crm.me_status(&next.access_token).await, StatusCode::OK);
        seen.push(next.access_token.clone());
        seen.push(refresh_of(&next).to_string());
        current = next;
    }
    let other = TestCrm::demo_on(engine);
    let reply = other.refresh(refresh_of(&current)).await;
    assert_eq!(
        reply.oauth_error(),
        "invalid_grant",
        "tokens belong to their CRM"
    );
    let wrong_client = crm
        .token(&talent_bridge::oauth::refresh_request(
            refresh_of(&current),
            "acme",
        ))
        .await;
    assert_eq!(wrong_client.status, StatusCode::UNAUTHORIZED);
}

// proves A1: replaying a rotated refresh token revokes the whole sign-in: the newest refresh
// token and every access token stop working; other sign-ins are untouched.
async fn a_replayed_refresh_token_revokes_the_family(engine: Engine) {
    let crm = TestCrm::demo_on(engine);
    let (_, first) = crm.riley_tokens().await;
    let (_, bystander) = crm.riley_tokens().await;
    let second: TokenResponse =
        serde_json::from_slice(&crm.refresh(refresh_of(&first)).await.body).unwrap();
    let third: TokenResponse =
        serde_json::from_slice(&crm.refresh(refresh_of(&second)).await.body).unwrap();
    for access in [
        &first.access_token,
        &second.access_token,
        &third.access_token,
    ] {
        assert_eq!(crm.me_status(access).await, StatusCode::OK);
    }

    let replay = crm.refresh(refresh_of(&first)).await;
    assert_eq!(replay.status, StatusCode::BAD_REQUEST);
    assert_eq!(replay.json()["error"], "invalid_grant");
    assert_eq!(replay.oauth_error(), "invalid_grant");

    for access in [
        &first.access_token,
        &second.access_token,
        &third.access_token,
    ] {
        let reply = crm.get("/api/v1/me", Some(access)).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
        assert_eq!(reply.error_code(), "unauthorized");
    }
    assert_eq!(
        crm.refresh(refresh_of(&third)).await.oauth_error(),
        "invalid_grant"
    );
    assert_eq!(crm.me_status(&bystander.access_token).await, StatusCode::OK);
    assert_eq!(
        crm.refresh(refresh_of(&bystander)).await.status,
        StatusCode::OK
    );
    // Personal API tokens are another matter.
    assert_eq!(crm.me_status(RILEY).await, StatusCode::OK);
}

// proves A1: with a 1-second lifetime the access token is refused after a second (401 JSON as
// for any bad token), and the refresh token still gets a new one.
async fn access_tokens_expire(engine: Engine) {
    let crm = TestCrm::demo_on(engine);
    let config = Config {
        access_token_ttl_secs: 1,
        ..Config::new(PUBLIC_URL)
    };
    let router = crm.router_with(config);
    let crm = crm.serving(router);
    let (_, tokens) = crm.riley_tokens().await;
    assert_eq!(tokens.expires_in, 1);
    assert_eq!(crm.me_status(&tokens.access_token).await, StatusCode::OK);
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let expired = crm.get("/api/v1/me", Some(&tokens.access_token)).await;
    assert_eq!(expired.status, StatusCode::UNAUTHORIZED);
    assert_eq!(expired.error_code(), "unauthorized");
    assert_eq!(expired.header("www-authenticate"), Some("Bearer"));

    let renewed: TokenResponse =
        serde_json::from_slice(&crm.refresh(refresh_of(&tokens)).await.body).unwrap();
    assert_eq!(crm.me_status(&renewed.access_token).await, StatusCode::OK);
}

// proves A1: an unused refresh token expires too.
async fn refresh_tokens_expire(engine: Engine) {
    let crm = TestCrm::demo_on(engine);
    let (_, tokens) = crm.riley_tokens().await;
    let days = crm.number(
        "SELECT (expires_at_ms - created_at_ms) / 86400000 FROM oauth_tokens
         WHERE kind = 'refresh'",
    );
    assert_eq!(days, 30);
    crm.exec("UPDATE oauth_tokens SET expires_at_ms = 1 WHERE kind = 'refresh'");
    assert_eq!(
        crm.refresh(refresh_of(&tokens)).await.oauth_error(),
        "invalid_grant"
    );
}

// proves S1: the extension's worker may call the token endpoint cross-origin; web pages get no
// CORS, and the authorize page (for people) none either.
async fn the_token_endpoint_answers_extension_origins(engine: Engine) {
    let crm = TestCrm::demo_on(engine);
    let preflight = |origin: &str, path: &str| {
        axum::http::Request::options(path)
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "content-type")
            .body(axum::body::Body::empty())
            .unwrap()
    };
    for path in ["/oauth/token", "/oauth/revoke"] {
        let reply = crm.send(preflight(EXTENSION_ORIGIN, path)).await;
        assert_eq!(reply.status, StatusCode::NO_CONTENT, "{path}");
        assert_eq!(
            reply.header("access-control-allow-origin"),
            Some(EXTENSION_ORIGIN)
        );
        assert!(
            reply
                .header("access-control-allow-methods")
                .unwrap()
                .contains("POST")
        );
        let page = crm.send(preflight("https://evil.example", path)).await;
        assert!(
            page.header("access-control-allow-origin").is_none(),
            "{path}"
        );
    }
    let (_, tokens) = crm.riley_tokens().await;
    for (origin, allowed) in [
        (EXTENSION_ORIGIN, true),
        ("https://www.linkedin.com", false),
    ] {
        let request = axum::http::Request::post("/oauth/token")
            .header("origin", origin)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(axum::body::Body::from(
                talent_bridge::oauth::refresh_request("not-a-token", CLIENT),
            ))
            .unwrap();
        let reply = crm.send(request).await;
        assert_eq!(reply.oauth_error(), "invalid_grant");
        assert_eq!(
            reply.header("access-control-allow-origin").is_some(),
            allowed,
            "{origin}"
        );
    }
    let authorize = crm
        .send(preflight(EXTENSION_ORIGIN, "/oauth/authorize"))
        .await;
    assert!(authorize.header("access-control-allow-origin").is_none());
    let mut me = request(Method::GET, "/api/v1/me", Some(&tokens.access_token), None);
    me.headers_mut()
        .insert("origin", EXTENSION_ORIGIN.parse().unwrap());
    let reply = crm.send(me).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.header("access-control-allow-origin"),
        Some(EXTENSION_ORIGIN)
    );
}
