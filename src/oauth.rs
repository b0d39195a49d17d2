//! Sign-in with OAuth 2.0 authorization code + PKCE (S256 only), the pure half (PRODUCT.md A1):
//! building the authorize URL, checking what comes back, reading token answers. The worker
//! supplies the randomness and the browser's auth flow.

use crate::base64::encode_url;
use crate::profile::percent_encode_segment;
use crate::settings::CrmUrl;
use crate::sha256;
use serde::{Deserialize, Serialize};

pub const AUTHORIZE_PATH: &str = "/oauth/authorize";
pub const TOKEN_PATH: &str = "/oauth/token";
pub const REVOKE_PATH: &str = "/oauth/revoke";
/// The client id the reference CRM registers for the extension when no policy names another.
pub const DEFAULT_CLIENT_ID: &str = "talent-bridge-extension";
/// An access token this close to expiry is refreshed before use.
pub const REFRESH_MARGIN_MS: f64 = 10_000.0;

/// One sign-in attempt: the secret verifier stays in the worker; only its hash travels.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PkceFlow {
    pub verifier: String,
    pub state: String,
    pub redirect_uri: String,
    pub client_id: String,
}

impl PkceFlow {
    /// `random` must be at least 64 bytes from a cryptographic source (`crypto.getRandomValues`).
    pub fn new(random: &[u8], redirect_uri: &str, client_id: &str) -> Option<Self> {
        let (verifier_bytes, state_bytes) = random.split_at_checked(48)?;
        if state_bytes.len() < 16 {
            return None;
        }
        Some(Self {
            // 48 random bytes → 64 characters, within RFC 7636's 43–128.
            verifier: encode_url(verifier_bytes),
            state: encode_url(state_bytes),
            redirect_uri: redirect_uri.to_string(),
            client_id: client_id.to_string(),
        })
    }

    pub fn challenge(&self) -> String {
        challenge(&self.verifier)
    }

    pub fn authorize_url(&self, crm: &CrmUrl) -> String {
        let q = percent_encode_segment;
        format!(
            "{}?response_type=code&client_id={}&redirect_uri={}&code_challenge={}&code_challenge_method=S256&state={}&scope=crm",
            crm.join(AUTHORIZE_PATH),
            q(&self.client_id),
            q(&self.redirect_uri),
            q(&self.challenge()),
            q(&self.state),
        )
    }

    /// The code from the redirect the auth flow ended on, once its state is ours.
    pub fn code_from_redirect(&self, redirect: &str) -> Result<String, SignInError> {
        if !redirect.starts_with(&self.redirect_uri) {
            return Err(SignInError::Malformed);
        }
        let query = redirect.split_once('?').map(|(_, q)| q).unwrap_or_default();
        let query = query.split('#').next().unwrap_or_default();
        let mut code = None;
        let mut state = None;
        let mut error = None;
        for pair in query.split('&') {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = crate::profile::percent_decode(&value.replace('+', " "));
            match name {
                "code" => code = value,
                "state" => state = value,
                "error" => error = value,
                _ => {}
            }
        }
        if let Some(error) = error {
            return Err(if error == "access_denied" {
                SignInError::Denied
            } else {
                SignInError::Refused
            });
        }
        if state.as_deref() != Some(self.state.as_str()) {
            return Err(SignInError::StateMismatch);
        }
        code.filter(|c| !c.is_empty()).ok_or(SignInError::Malformed)
    }

    /// The form body that trades the code for tokens.
    pub fn token_request(&self, code: &str) -> String {
        let q = percent_encode_segment;
        format!(
            "grant_type=authorization_code&code={}&redirect_uri={}&client_id={}&code_verifier={}",
            q(code),
            q(&self.redirect_uri),
            q(&self.client_id),
            q(&self.verifier)
        )
    }
}

/// `BASE64URL(SHA256(verifier))` (RFC 7636 §4.2).
pub fn challenge(verifier: &str) -> String {
    encode_url(&sha256::digest(verifier.as_bytes()))
}

/// The form body that trades a refresh token for new tokens.
pub fn refresh_request(refresh_token: &str, client_id: &str) -> String {
    format!(
        "grant_type=refresh_token&refresh_token={}&client_id={}",
        percent_encode_segment(refresh_token),
        percent_encode_segment(client_id)
    )
}

/// The token endpoint's answer (RFC 6749 §5.1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenResponse {
    pub access_token: String,
    pub token_type: String,
    /// Seconds.
    pub expires_in: u64,
    #[serde(default)]
    pub refresh_token: Option<String>,
}

/// The access token as the worker keeps it (session storage).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccessToken {
    pub token: String,
    pub expires_at_ms: f64,
}

impl AccessToken {
    pub fn from_response(response: &TokenResponse, now_ms: f64) -> Self {
        Self {
            token: response.access_token.clone(),
            expires_at_ms: now_ms + response.expires_in as f64 * 1000.0,
        }
    }

    pub fn is_fresh(&self, now_ms: f64) -> bool {
        self.expires_at_ms - REFRESH_MARGIN_MS > now_ms
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignInError {
    /// The user said no on the CRM's consent page.
    Denied,
    /// The CRM refused (unknown client, wrong redirect, …).
    Refused,
    /// The answer was not for this sign-in (possible forgery): ignored.
    StateMismatch,
    Malformed,
}

#[cfg(test)]
mod tests {
    use super::*;

    const REDIRECT: &str = "https://gnkhiiocdompgpmpfknahhechpbajkmk.chromiumapp.org/";

    fn flow() -> PkceFlow {
        let random: Vec<u8> = (0..64u8).collect();
        PkceFlow::new(&random, REDIRECT, DEFAULT_CLIENT_ID).unwrap()
    }

    // proves A1: the challenge is S256 of the verifier (RFC 7636 appendix B vector).
    #[test]
    fn challenge_matches_the_rfc_example() {
        assert_eq!(
            challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
        let f = flow();
        assert_eq!(f.verifier.len(), 64);
        assert!(f.authorize_url(&CrmUrl::parse("http://127.0.0.1:9/").unwrap()).starts_with(
            "http://127.0.0.1:9/oauth/authorize?response_type=code&client_id=talent-bridge-extension&redirect_uri=https%3A%2F%2Fgnkhiiocdompgpmpfknahhechpbajkmk.chromiumapp.org%2F&code_challenge="
        ));
        assert!(PkceFlow::new(&[0; 10], REDIRECT, "x").is_none());
    }

    #[test]
    fn redirect_is_checked_before_its_code_is_used() {
        let f = flow();
        let ok = format!("{REDIRECT}?code=abc&state={}", f.state);
        assert_eq!(f.code_from_redirect(&ok), Ok("abc".into()));
        let forged = format!("{REDIRECT}?code=abc&state=other");
        assert_eq!(
            f.code_from_redirect(&forged),
            Err(SignInError::StateMismatch)
        );
        let denied = format!("{REDIRECT}?error=access_denied&state={}", f.state);
        assert_eq!(f.code_from_redirect(&denied), Err(SignInError::Denied));
        assert_eq!(
            f.code_from_redirect("https://evil.example/?code=abc"),
            Err(SignInError::Malformed)
        );
        let empty = format!("{REDIRECT}?code=&state={}", f.state);
        assert_eq!(f.code_from_redirect(&empty), Err(SignInError::Malformed));
    }

    #[test]
    fn access_tokens_refresh_before_they_expire() {
        let response = TokenResponse {
            access_token: "a".into(),
            token_type: "Bearer".into(),
            expires_in: 60,
            refresh_token: Some("r".into()),
        };
        let token = AccessToken::from_response(&response, 1_000.0);
        assert!(token.is_fresh(1_000.0));
        assert!(!token.is_fresh(1_000.0 + 55_000.0));
        assert!(refresh_request("r/+", "c").contains("refresh_token=r%2F%2B"));
    }
}
