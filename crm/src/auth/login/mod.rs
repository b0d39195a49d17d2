//! Signing in to the CRM's pages with an email and a password, made safe to expose (C5): a
//! bounded pool for the password checks, failures counted per account and per client address
//! with exponential lock-out, and one path for unknown emails and wrong passwords (the same
//! check, called once, against a stand-in hash; the same answer).

pub mod form_token;
pub mod lockout;
pub mod pool;

use crate::auth::password::{self, PasswordCheck};
use crate::auth::session;
use crate::db::{Db, DbError};
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use lockout::{Lockouts, Policy};
use pool::HashPool;
use std::convert::Infallible;
use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};
use talent_bridge::case;

/// Longest email kept as a lock-out key (RFC 5321's limit on a path).
const MAX_EMAIL_KEY: usize = 320;

/// The server options of the sign-in (`crm serve --login-…`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoginLimits {
    /// Password checks in flight at most (`--login-hash-pool`).
    pub hash_pool: usize,
    /// How long an attempt waits for a free slot before it is answered 429.
    pub hash_wait: Duration,
    /// Failures in a row on one account before it is locked (`--login-account-failures`).
    pub account_failures: u32,
    /// Failures in a row from one address before it is locked (`--login-address-failures`).
    pub address_failures: u32,
    /// The first lock; each further failure doubles it (`--login-lockout`).
    pub lockout: Duration,
    /// The longest lock (`--login-lockout-max`).
    pub lockout_max: Duration,
}

pub const DEFAULT_HASH_POOL: usize = 4;
pub const DEFAULT_ACCOUNT_FAILURES: u32 = 5;
pub const DEFAULT_ADDRESS_FAILURES: u32 = 20;
pub const DEFAULT_LOCKOUT_SECS: u64 = 60;
pub const DEFAULT_LOCKOUT_MAX_SECS: u64 = 15 * 60;

impl Default for LoginLimits {
    fn default() -> Self {
        Self {
            hash_pool: DEFAULT_HASH_POOL,
            // A check takes tens of milliseconds: a quarter second is several turns of the pool.
            hash_wait: Duration::from_millis(250),
            account_failures: DEFAULT_ACCOUNT_FAILURES,
            address_failures: DEFAULT_ADDRESS_FAILURES,
            lockout: Duration::from_secs(DEFAULT_LOCKOUT_SECS),
            lockout_max: Duration::from_secs(DEFAULT_LOCKOUT_MAX_SECS),
        }
    }
}

/// Where an attempt comes from, as far as lock-outs go: the peer's address (an IPv6 address by
/// its /64, which one subscriber usually holds whole). Unknown when the server was not started
/// with connection info; all such attempts then share one count, which fails safe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ClientAddress(Option<IpAddr>);

impl ClientAddress {
    pub fn of(ip: IpAddr) -> Self {
        Self(Some(match ip.to_canonical() {
            IpAddr::V6(v6) => {
                let [a, b, c, d, ..] = v6.segments();
                IpAddr::V6(Ipv6Addr::new(a, b, c, d, 0, 0, 0, 0))
            }
            v4 => v4,
        }))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        Ok(parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(Self(None), |ConnectInfo(addr)| Self::of(addr.ip())))
    }
}

/// What became of an attempt.
#[derive(Debug, PartialEq, Eq)]
pub enum Attempt {
    /// A session started for the user: the cookie's secret.
    SignedIn { user_id: i64, session: String },
    /// No account with this email and password (one answer for both cases).
    Refused,
    /// Locked out, or the pool is full: try again after this long.
    TooMany { retry_after: Duration },
}

#[derive(Debug)]
pub struct LoginGuard {
    pool: HashPool,
    accounts: Lockouts<String>,
    addresses: Lockouts<ClientAddress>,
    /// What unknown emails are checked against (see `password::stand_in_hash`).
    stand_in: String,
}

impl LoginGuard {
    pub fn new(limits: LoginLimits, check: Arc<dyn PasswordCheck>) -> Self {
        let stand_in = password::stand_in_hash().unwrap_or_else(|e| {
            // Only a broken random source gets here; a malformed stand-in never matches.
            eprintln!("crm: error: {e}");
            String::new()
        });
        let policy = |limit| Policy {
            limit,
            base: limits.lockout,
            max: limits.lockout_max,
        };
        Self {
            pool: HashPool::new(limits.hash_pool, limits.hash_wait, check),
            accounts: Lockouts::new(policy(limits.account_failures)),
            addresses: Lockouts::new(policy(limits.address_failures)),
            stand_in,
        }
    }

    /// One sign-in attempt. A locked account or address, or a full pool, is answered before
    /// anything is read or hashed.
    pub async fn attempt(
        &self,
        db: &Db,
        email: &str,
        password: String,
        from: ClientAddress,
    ) -> Result<Attempt, DbError> {
        let email = email.trim().to_owned();
        let account_key: String = case::lower(&email).chars().take(MAX_EMAIL_KEY).collect();
        if let Some(wait) = self.locked_for(&account_key, from) {
            return Ok(too_many(wait));
        }
        let Some(slot) = self.pool.slot().await else {
            return Ok(too_many(Duration::from_secs(1)));
        };
        // Attempts that waited for the slot together may have locked the key meanwhile.
        if let Some(wait) = self.locked_for(&account_key, from) {
            return Ok(too_many(wait));
        }
        let account = db
            .run(move |conn| {
                // The email compares without ASCII case, as the unique index does (SQLite's
                // NOCASE; PostgreSQL's lower() on a "C" column).
                conn.query_opt(
                    "SELECT id, password_hash FROM users WHERE lower(email) = ?1",
                    crate::params![email.to_ascii_lowercase()],
                    |row| Ok((row.get::<i64>(0)?, row.get::<String>(1)?)),
                )
            })
            .await?;
        let (user_id, stored) = match account {
            Some((id, stored)) => (Some(id), stored),
            None => (None, self.stand_in.clone()),
        };
        let matches = self
            .pool
            .verify(slot, password, stored)
            .await
            .ok_or_else(|| DbError::TaskFailed("the password check did not finish".into()))?;
        let now = Instant::now();
        let Some(user_id) = user_id.filter(|_| matches) else {
            self.accounts.failed(account_key, now);
            self.addresses.failed(from, now);
            eprintln!("crm: sign-in refused");
            return Ok(Attempt::Refused);
        };
        self.accounts.succeeded(&account_key);
        let session = db.run(move |conn| session::start(conn, user_id)).await?;
        eprintln!("crm: user {user_id} signed in");
        Ok(Attempt::SignedIn { user_id, session })
    }

    fn locked_for(&self, account: &String, from: ClientAddress) -> Option<Duration> {
        let now = Instant::now();
        let account = self.accounts.locked_for(account, now);
        let address = self.addresses.locked_for(&from, now);
        account.max(address)
    }
}

fn too_many(wait: Duration) -> Attempt {
    // Whole seconds, rounded up: `Retry-After: 0` would invite an immediate retry.
    let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    Attempt::TooMany {
        retry_after: Duration::from_secs(secs.max(1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_count_per_host_and_per_ipv6_64() {
        let ip = |s: &str| ClientAddress::of(s.parse().unwrap());
        assert_eq!(ip("2001:db8:1:2:aaaa::1"), ip("2001:db8:1:2:bbbb::2"));
        assert_ne!(ip("2001:db8:1:2::1"), ip("2001:db8:1:3::1"));
        assert_eq!(ip("::ffff:192.0.2.7"), ip("192.0.2.7"));
        assert_ne!(ip("192.0.2.7"), ip("192.0.2.8"));
    }
}
