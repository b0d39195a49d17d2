//! Bearer tokens on `/api` routes: `Authorization: Bearer <token>` → the user it belongs to.
//! Personal API tokens and OAuth access tokens are both accepted.

use super::secret;
use super::user::{self, User};
use crate::app::AppState;
use crate::db::{DbError, Sql};
use crate::error::AppError;
use crate::params;
use axum::extract::FromRequestParts;
use axum::http::{HeaderMap, header, request::Parts};
use talent_bridge::crm::Permission;

/// Longer than any token this server or an OAuth server would issue: refuse before hashing.
const MAX_TOKEN_LEN: usize = 512;

/// The user an API request acts for. Extracting it answers 401 when the token is missing,
/// unknown, expired or revoked.
#[derive(Clone, Debug)]
pub struct ApiUser(pub User);

impl ApiUser {
    /// 403 unless the user holds `permission`.
    pub fn require(&self, permission: Permission) -> Result<(), AppError> {
        if self.0.permissions.has(permission) {
            Ok(())
        } else {
            Err(AppError::forbidden(permission))
        }
    }
}

impl FromRequestParts<AppState> for ApiUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let token = bearer_token(&parts.headers).ok_or_else(AppError::unauthorized)?;
        let digest = secret::digest(token);
        let user = state
            .db
            .run(move |conn| user_for_token(conn, &digest))
            .await?;
        user.map(ApiUser).ok_or_else(AppError::unauthorized)
    }
}

/// The token of an `Authorization: Bearer …` header (scheme case-insensitive, RFC 6750).
pub fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty() && token.len() <= MAX_TOKEN_LEN)
        .then_some(token)
}

/// A personal API token, else a live OAuth access token (PRODUCT.md A1).
fn user_for_token(conn: &dyn Sql, digest: &[u8]) -> Result<Option<User>, DbError> {
    let personal: Option<i64> = conn.query_opt(
        "SELECT user_id FROM api_tokens
         WHERE token_sha256 = ?1 AND revoked_at IS NULL
           AND (expires_at IS NULL OR expires_at > ?2)",
        params![digest, crate::clock::now_secs()],
        |row| row.get(0),
    )?;
    let user_id = match personal {
        Some(id) => Some(id),
        None => crate::oauth::tokens::user_for_access_token(conn, digest, crate::oauth::now_ms())?,
    };
    match user_id {
        Some(id) => user::load(conn, id),
        None => Ok(None),
    }
}

/// Stores a token for `user_id` (by digest). Issuing the same token twice is a no-op.
pub fn issue(conn: &dyn Sql, user_id: i64, token: &str, label: &str) -> Result<(), DbError> {
    conn.execute(
        "INSERT INTO api_tokens (token_sha256, user_id, label, created_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (token_sha256) DO NOTHING",
        params![
            secret::digest(token),
            user_id,
            label,
            crate::clock::now_text()
        ],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::AUTHORIZATION, HeaderValue::from_str(value).unwrap());
        h
    }

    #[test]
    fn reads_bearer_tokens_only() {
        assert_eq!(bearer_token(&headers("Bearer abc")), Some("abc"));
        assert_eq!(bearer_token(&headers("bearer  abc ")), Some("abc"));
        assert_eq!(bearer_token(&headers("Basic abc")), None);
        assert_eq!(bearer_token(&headers("Bearer ")), None);
        assert_eq!(
            bearer_token(&headers(&format!("Bearer {}", "a".repeat(600)))),
            None
        );
        assert_eq!(bearer_token(&HeaderMap::new()), None);
    }
}
