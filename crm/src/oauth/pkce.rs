//! PKCE, S256 only (RFC 7636): the code is bound to `BASE64URL(SHA256(code_verifier))`, so a
//! stolen code is worthless without the verifier that never left the extension's worker.

use crate::auth::secret;

/// An S256 challenge: 32 bytes in unpadded base64url, exactly 43 characters.
pub fn valid_challenge(challenge: &str) -> bool {
    challenge.len() == 43 && challenge.bytes().all(is_base64url)
}

/// RFC 7636 §4.1: 43–128 unreserved characters.
pub fn valid_verifier(verifier: &str) -> bool {
    (43..=128).contains(&verifier.len())
        && verifier
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'))
}

/// Whether `verifier` is the one `challenge` was made from (the core's own S256).
pub fn verifies(verifier: &str, challenge: &str) -> bool {
    valid_verifier(verifier)
        && secret::same(
            talent_bridge::oauth::challenge(verifier).as_bytes(),
            challenge.as_bytes(),
        )
}

fn is_base64url(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    // proves A1: the RFC 7636 appendix B pair verifies, anything else does not.
    #[test]
    fn the_rfc_example_verifies() {
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        let challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
        assert!(valid_challenge(challenge));
        assert!(verifies(verifier, challenge));
        assert!(!verifies(&verifier.replace('d', "e"), challenge));
        assert!(!verifies(challenge, challenge));
        assert!(!verifies(
            "short",
            &talent_bridge::oauth::challenge("short")
        ));
        assert!(!valid_challenge("plain-text-challenge"));
        assert!(!valid_challenge(&"a".repeat(44)));
        assert!(!valid_challenge(&format!("{}=", "a".repeat(42))));
    }
}
