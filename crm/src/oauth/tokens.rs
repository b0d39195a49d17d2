//! Access and refresh tokens of a sign-in family: issuing a pair, rotating on refresh with
//! reuse detection, revoking, and finding the user of an access token. Only SHA-256 digests
//! are stored; the prefixes make a leaked token easy to recognise (and to scan for).

use super::codes::InvalidGrant;
use super::{Lifetimes, secs_to_ms};
use crate::auth::secret;
use crate::db::{DbError, Sql};
use crate::params;

const ACCESS_PREFIX: &str = "tbat_";
const REFRESH_PREFIX: &str = "tbrt_";

/// What the token endpoint hands out (the secrets exist only here and in its answer).
#[derive(Clone, Debug)]
pub struct IssuedTokens {
    pub access_token: String,
    pub refresh_token: String,
    pub expires_in: u64,
}

/// A new access and refresh token in family `grant_id`.
pub fn issue_pair(
    tx: &dyn Sql,
    grant_id: i64,
    lifetimes: Lifetimes,
    now_ms: i64,
) -> Result<IssuedTokens, DbError> {
    let access_token = new_token(ACCESS_PREFIX)?;
    let refresh_token = new_token(REFRESH_PREFIX)?;
    for (kind, token, ttl) in [
        ("access", &access_token, lifetimes.access_secs),
        ("refresh", &refresh_token, lifetimes.refresh_secs),
    ] {
        tx.execute(
            "INSERT INTO oauth_tokens (grant_id, kind, token_sha256, created_at_ms, expires_at_ms)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                grant_id,
                kind,
                secret::digest(token),
                now_ms,
                now_ms.saturating_add(secs_to_ms(ttl))
            ],
        )?;
    }
    Ok(IssuedTokens {
        access_token,
        refresh_token,
        expires_in: lifetimes.access_secs,
    })
}

/// Trades a refresh token for a new pair; the presented one is spent. Presenting a spent one
/// again means two parties hold it: the family is revoked, the newest tokens included.
pub fn refresh(
    conn: &dyn Sql,
    refresh_token: &str,
    client_id: &str,
    lifetimes: Lifetimes,
    now_ms: i64,
) -> Result<Result<IssuedTokens, InvalidGrant>, DbError> {
    let tx = conn.transaction()?;
    let outcome = refresh_in(&tx, refresh_token, client_id, lifetimes, now_ms)?;
    tx.commit()?;
    Ok(outcome)
}

fn refresh_in(
    tx: &dyn Sql,
    refresh_token: &str,
    client_id: &str,
    lifetimes: Lifetimes,
    now_ms: i64,
) -> Result<Result<IssuedTokens, InvalidGrant>, DbError> {
    let row = tx.query_opt(
        "SELECT t.id, t.grant_id, t.expires_at_ms, t.rotated_at_ms, g.client_id,
                g.revoked_at_ms
         FROM oauth_tokens t JOIN oauth_grants g ON g.id = t.grant_id
         WHERE t.token_sha256 = ?1 AND t.kind = 'refresh'",
        params![secret::digest(refresh_token)],
        |row| {
            Ok((
                row.get::<i64>(0)?,
                row.get::<i64>(1)?,
                row.get::<i64>(2)?,
                row.get::<Option<i64>>(3)?,
                row.get::<String>(4)?,
                row.get::<Option<i64>>(5)?,
            ))
        },
    )?;
    let Some((token_id, grant_id, expires_at_ms, rotated_at_ms, owner, revoked_at_ms)) = row else {
        return Ok(Err(InvalidGrant::UnknownRefreshToken));
    };
    if revoked_at_ms.is_some() {
        return Ok(Err(InvalidGrant::SignInRevoked));
    }
    // Before the client check: a replayed token has leaked, whoever presents it.
    if rotated_at_ms.is_some() {
        revoke_family(tx, grant_id, "refresh_reused", now_ms)?;
        eprintln!("crm: oauth: refresh token of sign-in {grant_id} replayed: revoked");
        return Ok(Err(InvalidGrant::RefreshTokenReused));
    }
    if owner != client_id {
        return Ok(Err(InvalidGrant::ClientMismatch));
    }
    if expires_at_ms <= now_ms {
        return Ok(Err(InvalidGrant::RefreshTokenExpired));
    }
    tx.execute(
        "UPDATE oauth_tokens SET rotated_at_ms = ?2 WHERE id = ?1",
        params![token_id, now_ms],
    )?;
    issue_pair(tx, grant_id, lifetimes, now_ms).map(Ok)
}

/// RFC 7009: a refresh token ends its whole sign-in, an access token only itself. Unknown
/// tokens, and tokens of another client when one is named, are left alone without a word.
pub fn revoke(
    conn: &dyn Sql,
    token: &str,
    client_id: Option<&str>,
    now_ms: i64,
) -> Result<(), DbError> {
    let tx = conn.transaction()?;
    let row = tx.query_opt(
        "SELECT t.id, t.kind, t.grant_id, g.client_id
         FROM oauth_tokens t JOIN oauth_grants g ON g.id = t.grant_id
         WHERE t.token_sha256 = ?1",
        params![secret::digest(token)],
        |row| {
            Ok((
                row.get::<i64>(0)?,
                row.get::<String>(1)?,
                row.get::<i64>(2)?,
                row.get::<String>(3)?,
            ))
        },
    )?;
    if let Some((token_id, kind, grant_id, owner)) = row
        && client_id.is_none_or(|c| c == owner)
    {
        if kind == "refresh" {
            if revoke_family(&tx, grant_id, "revoked", now_ms)? {
                eprintln!("crm: oauth: sign-in {grant_id} revoked");
            }
        } else {
            tx.execute(
                "UPDATE oauth_tokens SET revoked_at_ms = ?2
                 WHERE id = ?1 AND revoked_at_ms IS NULL",
                params![token_id, now_ms],
            )?;
        }
    }
    tx.commit()?;
    Ok(())
}

/// Revokes every token of the family and forgets the consent behind it, so `prompt=none`
/// cannot quietly sign the client in again. True when the family was live.
pub fn revoke_family(
    tx: &dyn Sql,
    grant_id: i64,
    reason: &str,
    now_ms: i64,
) -> Result<bool, DbError> {
    let changed = tx.execute(
        "UPDATE oauth_grants SET revoked_at_ms = ?2, revoked_reason = ?3
         WHERE id = ?1 AND revoked_at_ms IS NULL",
        params![grant_id, now_ms, reason],
    )?;
    tx.execute(
        "DELETE FROM oauth_consents WHERE (user_id, client_id) IN
             (SELECT user_id, client_id FROM oauth_grants WHERE id = ?1)",
        params![grant_id],
    )?;
    Ok(changed > 0)
}

/// The user of a live access token (`digest` is its SHA-256).
pub fn user_for_access_token(
    conn: &dyn Sql,
    digest: &[u8],
    now_ms: i64,
) -> Result<Option<i64>, DbError> {
    conn.query_opt(
        "SELECT g.user_id FROM oauth_tokens t JOIN oauth_grants g ON g.id = t.grant_id
         WHERE t.token_sha256 = ?1 AND t.kind = 'access' AND t.revoked_at_ms IS NULL
           AND t.expires_at_ms > ?2 AND g.revoked_at_ms IS NULL",
        params![digest, now_ms],
        |row| row.get(0),
    )
}

fn new_token(prefix: &str) -> Result<String, DbError> {
    let random = secret::random_hex().map_err(|e| DbError::TaskFailed(e.to_string()))?;
    Ok(format!("{prefix}{random}"))
}
