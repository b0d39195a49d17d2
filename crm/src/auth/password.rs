//! Passwords for the CRM's sign-in page, kept as argon2id PHC strings.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use std::fmt;

#[derive(Debug)]
pub struct PasswordError(String);

impl fmt::Display for PasswordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "password hashing failed: {}", self.0)
    }
}

impl std::error::Error for PasswordError {}

/// Checks a password against a stored PHC string. The sign-in page calls it exactly once per
/// attempt, inside the hashing pool (`auth::login`): for an unknown email with the stand-in
/// hash, so both answers cost and say the same. A trait so that an embedder (or a test) can
/// wrap it; the server always uses `Argon2Check`.
pub trait PasswordCheck: Send + Sync + fmt::Debug {
    fn verify(&self, password: &str, stored: &str) -> bool;
}

/// argon2id with the parameters the stored string names.
#[derive(Clone, Copy, Debug, Default)]
pub struct Argon2Check;

impl PasswordCheck for Argon2Check {
    fn verify(&self, password: &str, stored: &str) -> bool {
        verify(password, stored)
    }
}

/// A PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`) with a fresh random salt.
pub fn hash(password: &str) -> Result<String, PasswordError> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| PasswordError(e.to_string()))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| PasswordError(e.to_string()))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| PasswordError(e.to_string()))
}

/// Whether `password` matches the stored hash. A malformed hash never matches.
pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// What an unknown email is checked against: a hash made with the parameters every account's
/// hash is made with, so that verifying it costs the same. Nobody's password: the account does
/// not exist, whatever the result. Made once, at start.
pub fn stand_in_hash() -> Result<String, PasswordError> {
    let mut secret = [0u8; 32];
    getrandom::fill(&mut secret).map_err(|e| PasswordError(e.to_string()))?;
    let secret: String = secret.iter().map(|b| format!("{b:02x}")).collect();
    hash(&secret)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() {
        let stored = hash("riley-demo").unwrap();
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify("riley-demo", &stored));
        assert!(!verify("riley-demo ", &stored));
        assert!(!verify("riley-demo", "not a hash"));
    }

    #[test]
    fn the_stand_in_costs_what_an_account_costs() {
        let params = |phc: &str| phc.split('$').take(4).collect::<Vec<_>>().join("$");
        let account = hash("riley-demo").unwrap();
        let stand_in = stand_in_hash().unwrap();
        assert_eq!(params(&stand_in), params(&account));
        assert_ne!(stand_in, account);
    }
}
