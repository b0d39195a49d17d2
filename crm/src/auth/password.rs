//! Passwords for the CRM's sign-in page, kept as argon2id PHC strings.

use super::secret;
use argon2::password_hash::{PasswordHash, PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use std::cell::RefCell;
use std::fmt;

/// The most working memory a stored hash may ask for (argon2's `m`, in 1 KiB blocks): 256 MiB.
/// Ours ask 19 MiB; a hash asking more is refused rather than allocated.
const MAX_BLOCKS: usize = 256 * 1024;

thread_local! {
    /// argon2's working memory, kept by each thread that checks passwords and reused by every
    /// check on it. Allocated per check, the freed 19 MiB was not reused by the allocator: one
    /// thread doing 5 checks in a row held 99 MiB resident, with this 21 MiB (issue #22).
    static MEMORY: RefCell<Vec<Block>> = const { RefCell::new(Vec::new()) };
}

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

/// Whether `password` matches the stored hash. A malformed hash never matches. Runs in this
/// thread's reusable working memory (see `MEMORY`).
pub fn verify(password: &str, stored: &str) -> bool {
    MEMORY.with(|memory| match memory.try_borrow_mut() {
        Ok(mut memory) => verify_in(password, stored, &mut memory),
        Err(_) => verify_in(password, stored, &mut Vec::new()),
    })
}

/// What `argon2::PasswordVerifier` does, but in `memory` (grown to the hash's size once)
/// instead of a fresh allocation per check.
fn verify_in(password: &str, stored: &str, memory: &mut Vec<Block>) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        return false;
    };
    let Ok(algorithm) = Algorithm::try_from(parsed.algorithm) else {
        return false;
    };
    let version = match parsed.version {
        Some(v) => Version::try_from(v),
        None => Ok(Version::default()),
    };
    let (Ok(version), Ok(params)) = (version, Params::try_from(&parsed)) else {
        return false;
    };
    let blocks = params.block_count();
    if blocks > MAX_BLOCKS {
        return false;
    }
    if memory.len() < blocks {
        memory.resize(blocks, Block::default());
    }
    let mut salt_bytes = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_bytes) else {
        return false;
    };
    let mut computed = vec![0u8; expected.len()];
    Argon2::new(algorithm, version, params)
        .hash_password_into_with_memory(password.as_bytes(), salt, &mut computed, &mut **memory)
        .is_ok()
        && secret::same(&computed, expected.as_bytes())
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
    fn verifies_as_the_argon2_crate_does() {
        use argon2::password_hash::PasswordVerifier;
        let stored = hash("riley-demo").unwrap();
        let parsed = PasswordHash::new(&stored).unwrap();
        for attempt in ["riley-demo", "riley-demo ", "", "x"] {
            let theirs = Argon2::default()
                .verify_password(attempt.as_bytes(), &parsed)
                .is_ok();
            assert_eq!(verify(attempt, &stored), theirs, "{attempt:?}");
        }
        // argon2i and other parameters than ours verify too (a hash from another tool).
        let params = Params::new(1024, 1, 1, None).unwrap();
        let salt = SaltString::encode_b64(&[7; 16]).unwrap();
        let other = Argon2::new(Algorithm::Argon2i, Version::V0x10, params)
            .hash_password(b"pw", &salt)
            .unwrap()
            .to_string();
        assert!(verify("pw", &other));
        assert!(!verify("pv", &other));
        let greedy = stored.replace("m=19456", "m=4194304");
        assert!(!verify("riley-demo", &greedy), "a hash may not ask 4 GiB");
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
