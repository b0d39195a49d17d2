//! The authorization request: exact redirect URIs, PKCE S256 only, no open redirect.

use super::*;
use crate::support::*;
use axum::http::StatusCode;
use talent_bridge::profile::percent_encode_segment as enc;

/// An authorization request with these parameters (already encoded where needed).
fn authorize(params: &[(&str, &str)]) -> String {
    let query: Vec<String> = params
        .iter()
        .map(|(k, v)| format!("{k}={}", enc(v)))
        .collect();
    format!("/oauth/authorize?{}", query.join("&"))
}

fn good_params<'a>(flow: &'a PkceFlow, challenge: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("response_type", "code"),
        ("client_id", CLIENT),
        ("redirect_uri", REDIRECT),
        ("code_challenge", challenge),
        ("code_challenge_method", "S256"),
        ("state", flow.state.as_str()),
        ("scope", "crm"),
    ]
}

fn with<'a>(
    params: &[(&'a str, &'a str)],
    name: &'a str,
    value: Option<&'a str>,
) -> Vec<(&'a str, &'a str)> {
    let mut out: Vec<_> = params.iter().copied().filter(|(k, _)| *k != name).collect();
    if let Some(value) = value {
        out.push((name, value));
    }
    out
}

// proves A1, S1: a code only ever goes to a redirect URI registered byte for byte: any other,
// however close, gets a page and never a redirect, signed in or not.
#[tokio::test]
async fn redirect_uris_must_match_exactly_and_never_redirect_elsewhere() {
    let crm = TestCrm::demo();
    let cookie = crm.sign_in("riley@example.com", "riley-demo").await;
    let flow = flow();
    let challenge = flow.challenge();
    let good = good_params(&flow, &challenge);
    for redirect in [
        "https://gnkhiiocdompgpmpfknahhechpbajkmk.chromiumapp.org",
        "https://gnkhiiocdompgpmpfknahhechpbajkmk.chromiumapp.org//",
        "https://gnkhiiocdompgpmpfknahhechpbajkmk.chromiumapp.org/callback",
        "https://gnkhiiocdompgpmpfknahhechpbajkmk.chromiumapp.org/?x=1",
        "https://gnkhiiocdompgpmpfknahhechpbajkmk.chromiumapp.org/#x",
        "https://GNKHIIOCDOMPGPMPFKNAHHECHPBAJKMK.chromiumapp.org/",
        "http://gnkhiiocdompgpmpfknahhechpbajkmk.chromiumapp.org/",
        "https://gnkhiiocdompgpmpfknahhechpbajkmk.chromiumapp.org.evil.example/",
        "https://evil.example/https://gnkhiiocdompgpmpfknahhechpbajkmk.chromiumapp.org/",
        "https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/",
        "//evil.example/",
        "",
    ] {
        for session in [None, Some(cookie.as_str())] {
            let path = authorize(&with(&good, "redirect_uri", Some(redirect)));
            let reply = crm.get_page(&path, session).await;
            assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{redirect:?}");
            assert!(reply.header("location").is_none(), "{redirect:?}");
            assert!(reply.text().contains("data-test=\"oauth-error\""));
        }
    }
    let missing = crm
        .get_page(
            &authorize(&with(&good, "redirect_uri", None)),
            Some(&cookie),
        )
        .await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST);
    assert!(missing.header("location").is_none());
    for client in ["other-extension", "", "TALENT-BRIDGE-EXTENSION"] {
        let reply = crm
            .get_page(
                &authorize(&with(&good, "client_id", Some(client))),
                Some(&cookie),
            )
            .await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{client:?}");
        assert!(reply.header("location").is_none());
    }
    let ok = crm.get_page(&authorize(&good), Some(&cookie)).await;
    assert_eq!(ok.status, StatusCode::OK);

    // The consent form is checked the same way: a tampered redirect URI gets no code.
    let mut fields = crm.consent_fields(&flow, &cookie).await;
    for (name, value) in fields.iter_mut() {
        if name == "redirect_uri" {
            *value = "https://evil.example/".into();
        }
    }
    let reply = crm.decide(&cookie, &fields, "allow").await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(reply.header("location").is_none());
    assert_eq!(crm.count("oauth_grants"), 0);
}

// proves A1: PKCE is S256 only: `plain`, no method, no or malformed challenge are refused
// back at the (registered) redirect URI with invalid_request and the state.
#[tokio::test]
async fn pkce_must_be_s256() {
    let crm = TestCrm::demo();
    let cookie = crm.sign_in("riley@example.com", "riley-demo").await;
    let flow = flow();
    let challenge = flow.challenge();
    let good = good_params(&flow, &challenge);
    let plain = with(
        &with(&good, "code_challenge", Some(flow.verifier.as_str())),
        "code_challenge_method",
        Some("plain"),
    );
    let cases = [
        (plain, "invalid_request"),
        (
            with(&good, "code_challenge_method", Some("plain")),
            "invalid_request",
        ),
        (
            with(&good, "code_challenge_method", Some("s256")),
            "invalid_request",
        ),
        (
            with(&good, "code_challenge_method", None),
            "invalid_request",
        ),
        (with(&good, "code_challenge", None), "invalid_request"),
        (
            with(&good, "code_challenge", Some("too-short")),
            "invalid_request",
        ),
        (
            with(&good, "response_type", Some("token")),
            "unsupported_response_type",
        ),
        (with(&good, "response_type", None), "invalid_request"),
        (with(&good, "scope", Some("crm admin")), "invalid_scope"),
    ];
    for (params, error) in cases {
        for session in [None, Some(cookie.as_str())] {
            let reply = crm.get_page(&authorize(&params), session).await;
            assert_eq!(reply.status, StatusCode::FOUND, "{params:?}");
            assert!(reply.header("location").unwrap().starts_with(REDIRECT));
            assert_eq!(
                reply.location_param("error").as_deref(),
                Some(error),
                "{params:?}"
            );
            assert_eq!(
                reply.location_param("state").as_deref(),
                Some(flow.state.as_str())
            );
            assert_eq!(reply.location_param("code"), None);
        }
    }
    // Without a scope the default applies; without a state none is sent back.
    let reply = crm
        .get_page(&authorize(&with(&good, "scope", None)), Some(&cookie))
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    let stateless = with(&with(&good, "state", None), "code_challenge_method", None);
    let reply = crm.get_page(&authorize(&stateless), None).await;
    assert_eq!(reply.location_param("state"), None);
    let repeated = format!("{}&client_id=x", authorize(&good));
    let reply = crm.get_page(&repeated, Some(&cookie)).await;
    assert_eq!(
        reply.status,
        StatusCode::BAD_REQUEST,
        "a repeated parameter"
    );
    assert!(reply.header("location").is_none());
}

// proves A1, A2: a client registered for another extension id (as `--oauth-client` does)
// signs in to its own redirect URI only.
#[tokio::test]
async fn another_registered_client_uses_its_own_redirect() {
    let crm = TestCrm::demo();
    let other = "https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/";
    let registration: talent_bridge_crm::oauth::clients::ClientRegistration =
        format!("acme-extension={other}").parse().unwrap();
    talent_bridge_crm::oauth::clients::register(&crm.sql(), &registration, "Talent Bridge")
        .unwrap();
    let cookie = crm.sign_in("casey@example.com", "casey-demo").await;
    let flow = flow_for("acme-extension", other);
    let code = crm.code_for(&flow, &cookie).await;
    let reply = crm.token(&flow.token_request(&code)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let tokens: TokenResponse = serde_json::from_slice(&reply.body).unwrap();
    let me = crm
        .get("/api/v1/me", Some(&tokens.access_token))
        .await
        .json();
    assert_eq!(me["user"]["name"], "Casey Confidential");

    // Neither client may use the other's redirect URI.
    let crossed = flow_for("acme-extension", REDIRECT);
    let reply = crm.get_page(&authorize_path(&crossed), Some(&cookie)).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    let crossed = flow_for(CLIENT, other);
    let reply = crm.get_page(&authorize_path(&crossed), Some(&cookie)).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
}
