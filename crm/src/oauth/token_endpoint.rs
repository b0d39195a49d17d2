//! `POST /oauth/token` (the code and refresh grants) and `POST /oauth/revoke` (RFC 7009): form
//! bodies in, JSON out, called by the extension's service worker (CORS like the API).

use super::codes::{self, CodeExchange};
use super::error::{OAuthError, OAuthRefusal, no_store};
use super::{Lifetimes, clients, now_ms, tokens};
use crate::app::AppState;
use axum::Json;
use axum::extract::rejection::FormRejection;
use axum::extract::{Form, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

/// The token request (RFC 6749 §4.1.3, §6). Unknown parameters are ignored, as the RFC asks.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct TokenRequest {
    /// `authorization_code` or `refresh_token`.
    pub grant_type: Option<String>,
    /// authorization_code: the code from the redirect.
    pub code: Option<String>,
    /// authorization_code: exactly the authorization request's.
    pub redirect_uri: Option<String>,
    pub client_id: Option<String>,
    /// authorization_code: the PKCE verifier (43–128 characters).
    pub code_verifier: Option<String>,
    /// refresh_token: the current refresh token (it is spent by this request).
    pub refresh_token: Option<String>,
}

/// RFC 6749 §5.1; read by `talent_bridge::oauth::TokenResponse`.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct TokenAnswer {
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds the access token lives.
    pub expires_in: u64,
    /// A new one on every refresh; the one presented is spent.
    pub refresh_token: String,
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct RevokeRequest {
    pub token: Option<String>,
    /// `access_token` or `refresh_token`: not needed, every token is found by itself.
    pub token_type_hint: Option<String>,
    /// When given, only this client's tokens are revoked.
    pub client_id: Option<String>,
}

#[utoipa::path(
    post,
    path = "/oauth/token",
    tag = "oauth",
    request_body(content = TokenRequest, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 200, description = "New tokens", body = TokenAnswer),
        (status = 400, description = "invalid_request, invalid_grant (a reused code or refresh \
            token also revokes its sign-in) or unsupported_grant_type", body = OAuthError),
        (status = 401, description = "invalid_client: the client id is not registered",
            body = OAuthError),
    )
)]
pub async fn token(
    State(state): State<AppState>,
    form: Result<Form<TokenRequest>, FormRejection>,
) -> Response {
    match grant(&state, form).await {
        Ok(answer) => no_store(Json(answer).into_response()),
        Err(refusal) => refusal.into_response(),
    }
}

async fn grant(
    state: &AppState,
    form: Result<Form<TokenRequest>, FormRejection>,
) -> Result<TokenAnswer, OAuthRefusal> {
    let Form(request) = form.map_err(|rejection| {
        OAuthRefusal::invalid_request(format!(
            "Send the parameters once each as application/x-www-form-urlencoded: {}",
            rejection.body_text()
        ))
    })?;
    let lifetimes = Lifetimes {
        access_secs: state.config.access_token_ttl_secs,
        refresh_secs: state.config.refresh_token_ttl_secs,
    };
    let grant_type = required(request.grant_type.as_deref(), "grant_type")?;
    if !matches!(grant_type, "authorization_code" | "refresh_token") {
        return Err(OAuthRefusal::unsupported_grant_type());
    }
    let client_id = required(request.client_id.as_deref(), "client_id")?.to_string();
    let outcome = if grant_type == "authorization_code" {
        let exchange = CodeExchange {
            code: required(request.code.as_deref(), "code")?.to_string(),
            client_id: client_id.clone(),
            redirect_uri: required(request.redirect_uri.as_deref(), "redirect_uri")?.to_string(),
            code_verifier: required(request.code_verifier.as_deref(), "code_verifier")?.to_string(),
        };
        state
            .db
            .run(move |conn| {
                if !clients::exists(conn, &exchange.client_id)? {
                    return Ok(None);
                }
                codes::exchange(conn, &exchange, lifetimes, now_ms()).map(Some)
            })
            .await?
    } else {
        let refresh_token =
            required(request.refresh_token.as_deref(), "refresh_token")?.to_string();
        state
            .db
            .run(move |conn| {
                if !clients::exists(conn, &client_id)? {
                    return Ok(None);
                }
                tokens::refresh(conn, &refresh_token, &client_id, lifetimes, now_ms()).map(Some)
            })
            .await?
    };
    let issued = outcome
        .ok_or_else(OAuthRefusal::invalid_client)?
        .map_err(OAuthRefusal::invalid_grant)?;
    Ok(TokenAnswer {
        access_token: issued.access_token,
        token_type: "Bearer".to_string(),
        expires_in: issued.expires_in,
        refresh_token: issued.refresh_token,
    })
}

#[utoipa::path(
    post,
    path = "/oauth/revoke",
    tag = "oauth",
    request_body(content = RevokeRequest, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 200, description = "Revoked, or nothing to revoke (RFC 7009 §2.2): a refresh \
            token ends its whole sign-in, an access token only itself"),
        (status = 400, description = "invalid_request: no token parameter", body = OAuthError),
    )
)]
pub async fn revoke(
    State(state): State<AppState>,
    form: Result<Form<RevokeRequest>, FormRejection>,
) -> Response {
    let outcome = async {
        let Form(request) = form.map_err(|rejection| {
            OAuthRefusal::invalid_request(format!(
                "Send token as application/x-www-form-urlencoded: {}",
                rejection.body_text()
            ))
        })?;
        let token = required(request.token.as_deref(), "token")?.to_string();
        let client_id = request.client_id.filter(|c| !c.is_empty());
        state
            .db
            .run(move |conn| tokens::revoke(conn, &token, client_id.as_deref(), now_ms()))
            .await?;
        Ok::<_, OAuthRefusal>(())
    }
    .await;
    match outcome {
        Ok(()) => no_store(StatusCode::OK.into_response()),
        Err(refusal) => refusal.into_response(),
    }
}

fn required<'a>(value: Option<&'a str>, name: &str) -> Result<&'a str, OAuthRefusal> {
    value
        .filter(|v| !v.is_empty())
        .ok_or_else(|| OAuthRefusal::invalid_request(format!("{name} is required.")))
}
