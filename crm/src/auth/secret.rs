//! Random secrets (tokens, session ids) and the SHA-256 form they are stored in.

use sha2::{Digest, Sha256};

/// 32 random bytes from the operating system, hex-encoded.
pub fn random_hex() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(hex(&bytes))
}

/// What the database keeps of a secret: its SHA-256, so a leaked file grants no access.
pub fn digest(secret: &str) -> Vec<u8> {
    Sha256::digest(secret.as_bytes()).to_vec()
}

/// A secret of its own for `purpose`, derived from `secret`: knowing it tells nothing of
/// `secret`, and it differs from the digest the database keeps.
pub fn derive(purpose: &str, secret: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(purpose.as_bytes());
    hasher.update([0u8]);
    hasher.update(secret.as_bytes());
    hex(&hasher.finalize())
}

/// Whether two secrets are equal, in a time that does not depend on where they differ.
pub fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_differ_and_digests_are_stable() {
        let a = random_hex().unwrap();
        assert_eq!(a.len(), 64);
        assert_ne!(a, random_hex().unwrap());
        assert_eq!(digest("tb-demo-riley"), digest("tb-demo-riley"));
        assert_eq!(digest("x").len(), 32);
    }

    #[test]
    fn derived_secrets_are_stable_and_compared_whole() {
        let csrf = derive("csrf", "abc");
        assert_eq!(csrf, derive("csrf", "abc"));
        assert_ne!(csrf, derive("other", "abc"));
        assert_ne!(csrf, derive("csrf", "abd"));
        assert!(same(b"abc", b"abc"));
        assert!(!same(b"abc", b"abd"));
        assert!(!same(b"abc", b"abcd"));
    }
}
