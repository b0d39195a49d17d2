//! The log-in form's anti-forgery token (log-in CSRF: another site signing the browser in to
//! the attacker's account). The form page sets a random pre-session cookie, HttpOnly and
//! SameSite=Strict, and the form carries a token derived from it; a sign-in is only accepted
//! with both, and another site can neither read the token nor make the browser send the cookie.

use crate::auth::secret;
use crate::auth::session::cookie;
use axum::http::{HeaderMap, HeaderValue};

pub const COOKIE_NAME: &str = "tb_crm_login";
const PURPOSE: &str = "talent-bridge-crm log-in form v1";

/// The pre-session cookie's value, and whether it is new (to be set on the answer).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormCookie {
    pub value: String,
    pub new: bool,
}

impl FormCookie {
    /// The request's own cookie when it is one of ours, else a new one.
    pub fn for_request(headers: &HeaderMap) -> Option<Self> {
        match presented(headers) {
            Some(value) => Some(Self {
                value: value.to_string(),
                new: false,
            }),
            None => Some(Self {
                value: secret::random_hex().ok()?,
                new: true,
            }),
        }
    }

    /// The token the form carries.
    pub fn token(&self) -> String {
        secret::derive(PURPOSE, &self.value)
    }

    /// `Set-Cookie` for it: for this session of the browser, sent only to `/login`.
    pub fn set_cookie(&self, secure: bool) -> Option<HeaderValue> {
        let secure = if secure { "; Secure" } else { "" };
        HeaderValue::from_str(&format!(
            "{COOKIE_NAME}={}; Path=/login; HttpOnly; SameSite=Strict{secure}",
            self.value
        ))
        .ok()
    }
}

/// Whether `token` is the one of the request's pre-session cookie.
pub fn matches(headers: &HeaderMap, token: Option<&str>) -> bool {
    match (presented(headers), token) {
        (Some(value), Some(token)) => {
            secret::same(secret::derive(PURPOSE, value).as_bytes(), token.as_bytes())
        }
        _ => false,
    }
}

/// The request's pre-session cookie, when it has the shape of one we set.
fn presented(headers: &HeaderMap) -> Option<&str> {
    cookie(headers, COOKIE_NAME)
        .filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::header;

    fn with_cookie(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::COOKIE, HeaderValue::from_str(value).unwrap());
        h
    }

    #[test]
    fn the_token_belongs_to_its_cookie() {
        let fresh = FormCookie::for_request(&HeaderMap::new()).unwrap();
        assert!(fresh.new);
        let headers = with_cookie(&format!("{COOKIE_NAME}={}", fresh.value));
        let again = FormCookie::for_request(&headers).unwrap();
        assert_eq!(
            (again.value.as_str(), again.new),
            (fresh.value.as_str(), false)
        );
        assert!(matches(&headers, Some(&fresh.token())));
        assert!(
            !matches(&headers, Some(&fresh.value)),
            "the cookie is not the token"
        );
        assert!(!matches(&headers, None));
        assert!(!matches(&HeaderMap::new(), Some(&fresh.token())));
        let other = FormCookie::for_request(&HeaderMap::new()).unwrap();
        assert!(!matches(&headers, Some(&other.token())));
        let forged = with_cookie(&format!("{COOKIE_NAME}=abc"));
        assert!(!matches(&forged, Some(&secret::derive(PURPOSE, "abc"))));
    }
}
