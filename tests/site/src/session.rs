//! The site's session: `li_at` (HttpOnly) and `JSESSIONID` (`"ajax:<digits>"`, readable by
//! page scripts, which echo it in the `csrf-token` header). To keep tests short, a visit
//! without a session signs in on the spot unless the URL says `loggedout=1`.

use axum::http::{HeaderMap, HeaderValue, header};
use rand::RngExt;
use std::collections::HashMap;
use std::sync::Mutex;

/// One signed-in browser.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    pub li_at: String,
    /// Without the quotes the cookie carries.
    pub jsessionid: String,
}

/// What a request turned out to be.
#[derive(Clone, Debug)]
pub enum Visit {
    /// Came with a session we issued.
    SignedIn,
    /// Had none; we just started one (its cookies go on the response).
    JustSignedIn(Session),
    /// Had none and asked to stay logged out.
    LoggedOut,
}

#[derive(Debug, Default)]
pub struct Sessions {
    live: Mutex<HashMap<String, String>>,
}

impl Sessions {
    /// The session the request's cookies prove, if we issued it.
    pub fn current(&self, headers: &HeaderMap) -> Option<Session> {
        let li_at = cookie(headers, "li_at")?;
        let live = self.live.lock().unwrap_or_else(|e| e.into_inner());
        let jsessionid = live.get(&li_at)?.clone();
        Some(Session { li_at, jsessionid })
    }

    /// Resolves a page visit, signing in unless `stay_logged_out`.
    pub fn visit(&self, headers: &HeaderMap, stay_logged_out: bool) -> Visit {
        if self.current(headers).is_some() {
            return Visit::SignedIn;
        }
        if stay_logged_out {
            return Visit::LoggedOut;
        }
        Visit::JustSignedIn(self.start())
    }

    pub fn start(&self) -> Session {
        let mut rng = rand::rng();
        const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let tail: String = (0..140)
            .map(|_| {
                char::from(
                    B64.get(rng.random_range(0..B64.len()))
                        .copied()
                        .unwrap_or(b'A'),
                )
            })
            .collect();
        let li_at = format!("AQEDAR{tail}");
        let jsessionid = format!(
            "ajax:{:019}",
            rng.random_range(1_000_000_000_000_000_000u64..u64::MAX / 2)
        );
        self.live
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(li_at.clone(), jsessionid.clone());
        Session { li_at, jsessionid }
    }

    /// Forgets the request's session, if any.
    pub fn end(&self, headers: &HeaderMap) {
        if let Some(li_at) = cookie(headers, "li_at") {
            self.live
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .remove(&li_at);
        }
    }
}

/// A cookie's value from the request (quotes kept, as the browser sends them).
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// `Domain=.linkedin.com` when the browser came by that name (so country sub-domains share
/// the session, as on the real site); host-only otherwise (tests on 127.0.0.1).
fn domain_attr(host: &str) -> &'static str {
    let host = host
        .split(':')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    if host == "linkedin.com" || host.ends_with(".linkedin.com") {
        "; Domain=.linkedin.com"
    } else {
        ""
    }
}

/// The two `Set-Cookie` values that start `session`.
pub fn set_cookies(session: &Session, host: &str) -> Vec<HeaderValue> {
    let domain = domain_attr(host);
    [
        format!(
            "li_at={}; Path=/{domain}; Max-Age=31536000; Secure; HttpOnly; SameSite=None",
            session.li_at
        ),
        format!(
            "JSESSIONID=\"{}\"; Path=/{domain}; Max-Age=31536000; Secure; SameSite=None",
            session.jsessionid
        ),
    ]
    .into_iter()
    .filter_map(|v| HeaderValue::from_str(&v).ok())
    .collect()
}

/// The `Set-Cookie` values that drop both cookies.
pub fn clear_cookies(host: &str) -> Vec<HeaderValue> {
    let domain = domain_attr(host);
    ["li_at", "JSESSIONID"]
        .into_iter()
        .filter_map(|name| {
            HeaderValue::from_str(&format!(
                "{name}=deleted; Path=/{domain}; Max-Age=0; Secure; SameSite=None"
            ))
            .ok()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_cookie(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn a_visit_without_cookies_signs_in_unless_asked_not_to() {
        let sessions = Sessions::default();
        assert!(matches!(
            sessions.visit(&HeaderMap::new(), true),
            Visit::LoggedOut
        ));
        let Visit::JustSignedIn(session) = sessions.visit(&HeaderMap::new(), false) else {
            panic!("expected a new session");
        };
        assert!(session.jsessionid.starts_with("ajax:"));
        let headers = with_cookie(&format!(
            "lang=v=2; li_at={}; JSESSIONID=\"{}\"",
            session.li_at, session.jsessionid
        ));
        assert!(matches!(sessions.visit(&headers, true), Visit::SignedIn));
        assert_eq!(sessions.current(&headers), Some(session));
        sessions.end(&headers);
        assert!(matches!(sessions.visit(&headers, true), Visit::LoggedOut));
    }

    #[test]
    fn a_session_we_did_not_issue_is_no_session() {
        let sessions = Sessions::default();
        assert!(sessions.current(&with_cookie("li_at=forged")).is_none());
    }

    #[test]
    fn cookies_are_secure_and_only_li_at_is_http_only() {
        let session = Session {
            li_at: "AQ".into(),
            jsessionid: "ajax:1".into(),
        };
        let cookies: Vec<String> = set_cookies(&session, "www.linkedin.com")
            .iter()
            .map(|v| v.to_str().unwrap().to_string())
            .collect();
        assert!(cookies[0].starts_with("li_at=AQ;") && cookies[0].contains("HttpOnly"));
        assert!(cookies[1].starts_with("JSESSIONID=\"ajax:1\";"));
        assert!(!cookies[1].contains("HttpOnly"));
        assert!(
            cookies
                .iter()
                .all(|c| c.contains("Secure") && c.contains(".linkedin.com"))
        );
        let local = set_cookies(&session, "127.0.0.1:4443");
        assert!(
            local
                .iter()
                .all(|c| !c.to_str().unwrap().contains("Domain"))
        );
    }
}
