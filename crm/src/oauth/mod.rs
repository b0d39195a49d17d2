//! OAuth 2.0 sign-in for the extension (PRODUCT.md A1, S1): authorization code with PKCE (S256
//! only, RFC 7636) for registered public clients, exact redirect-URI matching, short-lived
//! access tokens, rotating refresh tokens with reuse detection, revocation (RFC 7009). The
//! client half is `talent_bridge::oauth`.
//!
//! A sign-in is a *family* (`oauth_grants`): the one-time code a consent gave, and every access
//! and refresh token issued from it (`oauth_tokens`). Presenting a used code or an already
//! rotated refresh token means someone else holds a copy: the whole family is revoked.

pub mod authorize;
pub mod clients;
pub mod codes;
mod consent;
pub mod error;
pub mod pkce;
pub mod request;
pub mod token_endpoint;
pub mod tokens;

use std::time::{SystemTime, UNIX_EPOCH};

/// The one scope there is: the CRM API with the user's own permissions.
pub const SCOPE: &str = "crm";
/// How long a code waits to be traded for tokens (RFC 6749 §4.1.2: at most ten minutes).
pub const CODE_TTL_MS: i64 = 60_000;
pub const DEFAULT_ACCESS_TOKEN_TTL_SECS: u64 = 15 * 60;
pub const DEFAULT_REFRESH_TOKEN_TTL_SECS: u64 = 30 * 24 * 60 * 60;

/// How long tokens live (`crm serve --access-token-ttl`, `--refresh-token-ttl`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lifetimes {
    pub access_secs: u64,
    pub refresh_secs: u64,
}

impl Default for Lifetimes {
    fn default() -> Self {
        Self {
            access_secs: DEFAULT_ACCESS_TOKEN_TTL_SECS,
            refresh_secs: DEFAULT_REFRESH_TOKEN_TTL_SECS,
        }
    }
}

/// Unix milliseconds: expiry is checked to the millisecond, so a 1-second token lives one
/// second, not anything between zero and two.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// `seconds` as milliseconds, saturating (a lifetime is never allowed to wrap around).
pub fn secs_to_ms(seconds: u64) -> i64 {
    i64::try_from(seconds)
        .unwrap_or(i64::MAX)
        .saturating_mul(1000)
}
