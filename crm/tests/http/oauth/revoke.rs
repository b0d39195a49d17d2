//! RFC 7009 revocation: sign-out from the extension.

use super::*;
use crate::support::*;
use axum::http::StatusCode;

async fn revoke(crm: &TestCrm, body: &str) -> Reply {
    crm.post_form("/oauth/revoke", None, body).await
}

// proves A1: revoking the refresh token (sign-out) ends the whole sign-in.
#[tokio::test]
async fn revoking_the_refresh_token_ends_the_sign_in() {
    let crm = TestCrm::demo();
    let (_, first) = crm.riley_tokens().await;
    let second: TokenResponse =
        serde_json::from_slice(&crm.refresh(refresh_of(&first)).await.body).unwrap();
    let reply = revoke(
        &crm,
        &format!(
            "token={}&token_type_hint=refresh_token&client_id={CLIENT}",
            refresh_of(&second)
        ),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header("cache-control"), Some("no-store"));
    assert_eq!(
        crm.me_status(&first.access_token).await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        crm.me_status(&second.access_token).await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        crm.refresh(refresh_of(&second)).await.oauth_error(),
        "invalid_grant"
    );
    // Again, or an unknown token: still 200 (RFC 7009 §2.2).
    for body in [
        format!("token={}", refresh_of(&second)),
        "token=nothing".into(),
    ] {
        assert_eq!(revoke(&crm, &body).await.status, StatusCode::OK);
    }
}

// proves A1: revoking an access token ends that token only.
#[tokio::test]
async fn revoking_an_access_token_ends_only_it() {
    let crm = TestCrm::demo();
    let (_, tokens) = crm.riley_tokens().await;
    let reply = revoke(&crm, &format!("token={}", tokens.access_token)).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        crm.me_status(&tokens.access_token).await,
        StatusCode::UNAUTHORIZED
    );
    let renewed: TokenResponse =
        serde_json::from_slice(&crm.refresh(refresh_of(&tokens)).await.body).unwrap();
    assert_eq!(crm.me_status(&renewed.access_token).await, StatusCode::OK);
}

// proves A1, S1: only the client a token was issued to revokes it by name, a personal API
// token is never touched, and a request without a token is malformed.
#[tokio::test]
async fn revocation_leaves_other_tokens_alone() {
    let crm = TestCrm::demo();
    let (_, tokens) = crm.riley_tokens().await;
    let reply = revoke(
        &crm,
        &format!("token={}&client_id=acme", refresh_of(&tokens)),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(crm.me_status(&tokens.access_token).await, StatusCode::OK);
    assert_eq!(
        revoke(&crm, &format!("token={RILEY}")).await.status,
        StatusCode::OK
    );
    assert_eq!(crm.me_status(RILEY).await, StatusCode::OK);
    let reply = revoke(&crm, "").await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.oauth_error(), "invalid_request");
}
