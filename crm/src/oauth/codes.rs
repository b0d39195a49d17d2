//! Authorization codes: issued on Allow (one sign-in family each), traded once for tokens.
//! Only their SHA-256 is stored.

use super::tokens::{self, IssuedTokens};
use super::{CODE_TTL_MS, Lifetimes, pkce};
use crate::auth::secret;
use crate::db::{DbError, Sql};
use crate::params;

/// What an Allow binds the code to.
#[derive(Clone, Debug)]
pub struct NewCode {
    pub client_id: String,
    pub user_id: i64,
    pub redirect_uri: String,
    pub scope: String,
    pub code_challenge: String,
}

/// The token request's half of the code grant.
#[derive(Clone, Debug)]
pub struct CodeExchange {
    pub code: String,
    pub client_id: String,
    pub redirect_uri: String,
    pub code_verifier: String,
}

/// Why a code or refresh token was refused: every one is `invalid_grant` on the wire, told
/// apart in the description (RFC 6749 §5.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InvalidGrant {
    UnknownCode,
    CodeExpired,
    /// A second presentation: the family it started is revoked.
    CodeReused,
    ClientMismatch,
    RedirectMismatch,
    VerifierMismatch,
    SignInRevoked,
    UnknownRefreshToken,
    RefreshTokenExpired,
    /// An already rotated refresh token: the family is revoked.
    RefreshTokenReused,
}

impl InvalidGrant {
    pub fn description(self) -> &'static str {
        match self {
            Self::UnknownCode => "The authorization code is not valid. Sign in again.",
            Self::CodeExpired => "The authorization code has expired. Sign in again.",
            Self::CodeReused => {
                "The authorization code was already used; the sign-in it started is revoked. \
                 Sign in again."
            }
            Self::ClientMismatch => "The code or token was issued to another client.",
            Self::RedirectMismatch => {
                "redirect_uri differs from the one the authorization request used."
            }
            Self::VerifierMismatch => "code_verifier does not match the code_challenge (S256).",
            Self::SignInRevoked => "This sign-in was revoked. Sign in again.",
            Self::UnknownRefreshToken => "The refresh token is not valid. Sign in again.",
            Self::RefreshTokenExpired => "The refresh token has expired. Sign in again.",
            Self::RefreshTokenReused => {
                "The refresh token was already used; every token of this sign-in is revoked. \
                 Sign in again."
            }
        }
    }
}

/// Starts a sign-in family and returns its code; remembers the consent. Dead families are
/// swept on the way (sign-ins are rare enough for that to be free).
pub fn issue(conn: &dyn Sql, new: &NewCode, now_ms: i64) -> Result<String, DbError> {
    let code = secret::random_hex().map_err(|e| DbError::TaskFailed(e.to_string()))?;
    let tx = conn.transaction()?;
    sweep(&tx, now_ms)?;
    tx.execute(
        "INSERT INTO oauth_grants (client_id, user_id, redirect_uri, scope, code_sha256,
             code_challenge, code_expires_at_ms, created_at_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            new.client_id,
            new.user_id,
            new.redirect_uri,
            new.scope,
            secret::digest(&code),
            new.code_challenge,
            now_ms.saturating_add(CODE_TTL_MS),
            now_ms
        ],
    )?;
    tx.execute(
        "INSERT INTO oauth_consents (user_id, client_id, scope, granted_at_ms)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (user_id, client_id) DO UPDATE SET scope = ?3, granted_at_ms = ?4",
        params![new.user_id, new.client_id, new.scope, now_ms],
    )?;
    tx.commit()?;
    Ok(code)
}

/// Whether this user allowed this client this scope before (and has not signed it out since).
pub fn has_consent(
    conn: &dyn Sql,
    user_id: i64,
    client_id: &str,
    scope: &str,
) -> Result<bool, DbError> {
    conn.exists(
        "SELECT 1 FROM oauth_consents WHERE user_id = ?1 AND client_id = ?2 AND scope = ?3",
        params![user_id, client_id, scope],
    )
}

/// Trades a code for the family's first tokens. The code is spent by any presentation, even a
/// refused one; a second presentation revokes everything issued from it (RFC 6749 §4.1.2).
pub fn exchange(
    conn: &dyn Sql,
    request: &CodeExchange,
    lifetimes: Lifetimes,
    now_ms: i64,
) -> Result<Result<IssuedTokens, InvalidGrant>, DbError> {
    let tx = conn.transaction()?;
    let outcome = exchange_in(&tx, request, lifetimes, now_ms)?;
    // Committed whatever the outcome: a spent code and a revoked family must stay so.
    tx.commit()?;
    Ok(outcome)
}

fn exchange_in(
    tx: &dyn Sql,
    request: &CodeExchange,
    lifetimes: Lifetimes,
    now_ms: i64,
) -> Result<Result<IssuedTokens, InvalidGrant>, DbError> {
    let row = tx.query_opt(
        "SELECT id, client_id, redirect_uri, code_challenge, code_expires_at_ms,
                code_used_at_ms, revoked_at_ms
         FROM oauth_grants WHERE code_sha256 = ?1",
        params![secret::digest(&request.code)],
        |row| {
            Ok(GrantRow {
                id: row.get(0)?,
                client_id: row.get(1)?,
                redirect_uri: row.get(2)?,
                code_challenge: row.get(3)?,
                code_expires_at_ms: row.get(4)?,
                code_used_at_ms: row.get(5)?,
                revoked_at_ms: row.get(6)?,
            })
        },
    )?;
    let Some(grant) = row else {
        return Ok(Err(InvalidGrant::UnknownCode));
    };
    if grant.code_used_at_ms.is_some() {
        if tokens::revoke_family(tx, grant.id, "code_reused", now_ms)? {
            eprintln!("crm: oauth: code of sign-in {} reused: revoked", grant.id);
        }
        return Ok(Err(InvalidGrant::CodeReused));
    }
    tx.execute(
        "UPDATE oauth_grants SET code_used_at_ms = ?2 WHERE id = ?1",
        params![grant.id, now_ms],
    )?;
    let refusal = if grant.revoked_at_ms.is_some() {
        Some(InvalidGrant::SignInRevoked)
    } else if grant.code_expires_at_ms <= now_ms {
        Some(InvalidGrant::CodeExpired)
    } else if grant.client_id != request.client_id {
        Some(InvalidGrant::ClientMismatch)
    } else if grant.redirect_uri != request.redirect_uri {
        Some(InvalidGrant::RedirectMismatch)
    } else if !pkce::verifies(&request.code_verifier, &grant.code_challenge) {
        Some(InvalidGrant::VerifierMismatch)
    } else {
        None
    };
    if let Some(refusal) = refusal {
        return Ok(Err(refusal));
    }
    tokens::issue_pair(tx, grant.id, lifetimes, now_ms).map(Ok)
}

struct GrantRow {
    id: i64,
    client_id: String,
    redirect_uri: String,
    code_challenge: String,
    code_expires_at_ms: i64,
    code_used_at_ms: Option<i64>,
    revoked_at_ms: Option<i64>,
}

/// Drops expired tokens, then families left with no code to trade and no live token. A
/// rotated refresh token is kept until it would have expired, so its replay is still caught.
fn sweep(tx: &dyn Sql, now_ms: i64) -> Result<(), DbError> {
    tx.execute(
        "DELETE FROM oauth_tokens WHERE expires_at_ms <= ?1",
        params![now_ms],
    )?;
    tx.execute(
        "DELETE FROM oauth_grants WHERE code_expires_at_ms <= ?1
         AND NOT EXISTS (SELECT 1 FROM oauth_tokens t WHERE t.grant_id = oauth_grants.id)",
        params![now_ms],
    )?;
    Ok(())
}
