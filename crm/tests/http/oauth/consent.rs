//! The person's side: log in, consent, Allow or Deny, and the form's protection.

use super::*;
use crate::support::*;
use axum::http::StatusCode;

// proves A1: the whole sign-in as the extension drives it: the CRM's log-in page (coming back
// with the query intact), the consent page, a code at the redirect URI, tokens that work.
#[tokio::test]
async fn log_in_consent_allow_code_and_tokens() {
    let crm = TestCrm::demo();
    let flow = flow();
    let path = authorize_path(&flow);

    let anonymous = crm.get_page(&path, None).await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    let login_url = anonymous.header("location").unwrap().to_string();
    assert!(login_url.starts_with("/login?next="), "{login_url}");
    let login_page = crm.get_page(&login_url, None).await;
    assert_eq!(login_page.status, StatusCode::OK);
    let next = hidden_fields(&login_page.text())
        .into_iter()
        .find(|(name, _)| name == "next")
        .unwrap()
        .1;
    assert_eq!(next, path, "the authorization request survives the log-in");
    let login = crm.login("riley@example.com", "riley-demo", &next).await;
    assert_eq!(login.status, StatusCode::SEE_OTHER);
    assert_eq!(login.header("location"), Some(path.as_str()));
    let cookie = login
        .header("set-cookie")
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();

    let consent = crm.get_page(&path, Some(&cookie)).await;
    assert_eq!(consent.status, StatusCode::OK);
    let html = consent.text();
    assert!(
        html.contains("Talent Bridge wants to access the CRM as Riley Recruiter"),
        "{html}"
    );
    assert!(html.contains(
        "<button type=\"submit\" name=\"decision\" value=\"allow\" data-test=\"allow\">"
    ));
    assert!(html.contains("data-test=\"deny\""));
    assert!(html.contains("<form method=\"post\" action=\"/oauth/authorize\">"));
    let csp = consent.header("content-security-policy").unwrap();
    assert!(
        csp.contains(
            "form-action 'self' https://gnkhiiocdompgpmpfknahhechpbajkmk.chromiumapp.org;"
        ),
        "the form may end at the redirect URI: {csp}"
    );
    assert!(
        csp.contains("frame-ancestors 'none'"),
        "no clickjacking: {csp}"
    );
    assert_eq!(consent.header("cache-control"), Some("no-store"));

    let fields = hidden_fields(&html);
    let allowed = crm.decide(&cookie, &fields, "allow").await;
    assert_eq!(allowed.status, StatusCode::FOUND);
    let location = allowed.header("location").unwrap();
    assert!(
        location.starts_with(&format!("{REDIRECT}?code=")),
        "{location}"
    );
    assert_eq!(
        allowed.location_param("state").as_deref(),
        Some(flow.state.as_str())
    );
    let code = flow.code_from_redirect(location).unwrap();

    let reply = crm.token(&flow.token_request(&code)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(reply.header("cache-control"), Some("no-store"));
    assert_eq!(reply.header("pragma"), Some("no-cache"));
    let tokens: TokenResponse = serde_json::from_slice(&reply.body).unwrap();
    assert_eq!(tokens.token_type, "Bearer");
    assert_eq!(tokens.expires_in, 900);
    let refresh = refresh_of(&tokens);
    assert_ne!(tokens.access_token, refresh);

    let me = crm.get("/api/v1/me", Some(&tokens.access_token)).await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.json()["user"]["name"], "Riley Recruiter");
    assert_eq!(
        crm.me_status(refresh).await,
        StatusCode::UNAUTHORIZED,
        "a refresh token is no access token"
    );

    // Only digests are stored: not the code, not the tokens.
    let mut stored = std::fs::read(&crm.path).unwrap();
    stored.extend(std::fs::read(crm.path.with_extension("db-wal")).unwrap_or_default());
    for secret in [code.as_str(), tokens.access_token.as_str(), refresh] {
        assert!(
            !stored.windows(secret.len()).any(|w| w == secret.as_bytes()),
            "a secret is stored in clear"
        );
    }
    assert_eq!(crm.count("oauth_grants"), 1);
    assert_eq!(crm.count("oauth_tokens"), 2);
}

// proves A1: Deny sends the refusal back with the state, and no code exists.
#[tokio::test]
async fn deny_sends_access_denied() {
    let crm = TestCrm::demo();
    let cookie = crm.sign_in("val@example.com", "val-demo").await;
    let flow = flow();
    let fields = crm.consent_fields(&flow, &cookie).await;
    let reply = crm.decide(&cookie, &fields, "deny").await;
    assert_eq!(reply.status, StatusCode::FOUND);
    assert!(reply.header("location").unwrap().starts_with(REDIRECT));
    assert_eq!(
        reply.location_param("error").as_deref(),
        Some("access_denied")
    );
    assert_eq!(
        reply.location_param("state").as_deref(),
        Some(flow.state.as_str())
    );
    assert_eq!(reply.location_param("code"), None);
    assert_eq!(
        flow.code_from_redirect(reply.header("location").unwrap()),
        Err(talent_bridge::oauth::SignInError::Denied)
    );
    assert_eq!(crm.count("oauth_grants"), 0);
}

// proves A1, S1: another site cannot answer the consent form for a signed-in user: the form
// token is the session's own, and a form without a session goes back to the log-in.
#[tokio::test]
async fn the_consent_form_is_protected_against_forgery() {
    let crm = TestCrm::demo();
    let riley = crm.sign_in("riley@example.com", "riley-demo").await;
    let val = crm.sign_in("val@example.com", "val-demo").await;
    let flow = flow();
    let fields = crm.consent_fields(&flow, &riley).await;
    let val_fields = crm.consent_fields(&flow, &val).await;
    let without = |fields: &[(String, String)]| -> Vec<(String, String)> {
        fields
            .iter()
            .filter(|(k, _)| k != "csrf_token")
            .cloned()
            .collect()
    };
    let token_of = |fields: &[(String, String)]| {
        fields
            .iter()
            .find(|(k, _)| k == "csrf_token")
            .unwrap()
            .1
            .clone()
    };
    assert_ne!(token_of(&fields), token_of(&val_fields));

    let mut forged = without(&fields);
    forged.push(("csrf_token".into(), "0".repeat(64)));
    let mut borrowed = without(&fields);
    borrowed.push(("csrf_token".into(), token_of(&val_fields)));
    for attempt in [without(&fields), forged, borrowed] {
        for decision in ["allow", "deny"] {
            let reply = crm.decide(&riley, &attempt, decision).await;
            assert_eq!(reply.status, StatusCode::FORBIDDEN, "{decision}");
            assert!(reply.header("location").is_none());
        }
    }
    let mut no_session = fields.clone();
    no_session.push(("decision".into(), "allow".into()));
    let reply = crm
        .post_form("/oauth/authorize", None, &form(&no_session))
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    let login = reply.header("location").unwrap();
    assert!(
        login.starts_with("/login?next=%2Foauth%2Fauthorize%3F"),
        "{login}"
    );
    assert_eq!(crm.count("oauth_grants"), 0, "no code was issued");

    let reply = crm.decide(&riley, &fields, "maybe").await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        crm.decide(&riley, &fields, "allow").await.status,
        StatusCode::FOUND
    );
}

// proves A1: `prompt=none` never shows a page: a code when the user allowed this client
// before, else login_required or consent_required; signing out forgets the consent.
#[tokio::test]
async fn prompt_none_signs_in_quietly_only_after_consent() {
    let crm = TestCrm::demo();
    let quiet = |flow: &PkceFlow| format!("{}&prompt=none", authorize_path(flow));
    let flow = flow();
    let reply = crm.get_page(&quiet(&flow), None).await;
    assert_eq!(reply.status, StatusCode::FOUND);
    assert_eq!(
        reply.location_param("error").as_deref(),
        Some("login_required")
    );

    let cookie = crm.sign_in("riley@example.com", "riley-demo").await;
    let reply = crm.get_page(&quiet(&flow), Some(&cookie)).await;
    assert_eq!(
        reply.location_param("error").as_deref(),
        Some("consent_required")
    );

    let (_, first) = crm.riley_tokens().await;
    let flow = super::flow();
    let reply = crm.get_page(&quiet(&flow), Some(&cookie)).await;
    assert_eq!(reply.status, StatusCode::FOUND);
    let code = flow
        .code_from_redirect(reply.header("location").unwrap())
        .unwrap();
    let reply = crm.token(&flow.token_request(&code)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());

    let revoked = crm
        .post_form(
            "/oauth/revoke",
            None,
            &format!("token={}", refresh_of(&first)),
        )
        .await;
    assert_eq!(revoked.status, StatusCode::OK);
    let flow = super::flow();
    let reply = crm.get_page(&quiet(&flow), Some(&cookie)).await;
    assert_eq!(
        reply.location_param("error").as_deref(),
        Some("consent_required")
    );
}
