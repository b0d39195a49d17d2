//! Sign-in sessions for the CRM's own pages (the contact record the badge links to): an
//! HttpOnly cookie holding a random id, stored server-side as its SHA-256.

use super::secret;
use super::user::{self, User};
use crate::app::AppState;
use crate::db::{DbError, Sql};
use crate::params;
use axum::extract::FromRequestParts;
use axum::http::{HeaderMap, HeaderValue, header, request::Parts};
use axum::response::{IntoResponse, Redirect, Response};
use talent_bridge::profile::percent_encode_segment;

pub const COOKIE_NAME: &str = "tb_crm_session";
/// A working day: long enough not to nag, short enough that a forgotten laptop times out.
pub const SESSION_SECONDS: i64 = 12 * 60 * 60;
const CSRF_PURPOSE: &str = "talent-bridge-crm form token v1";

/// A person signed in to the CRM's pages. Extracting it redirects to the sign-in page (and back
/// afterwards) when there is no live session.
#[derive(Clone, Debug)]
pub struct SignedIn(pub User);

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        match current_user(state, &parts.headers).await {
            Ok(Some(user)) => Ok(SignedIn(user)),
            Ok(None) => {
                let here = parts.uri.path_and_query().map_or("/", |pq| pq.as_str());
                Err(login_redirect(here).into_response())
            }
            Err(e) => {
                eprintln!("crm: error: {e}");
                Err(crate::pages::html::server_error())
            }
        }
    }
}

/// The user of the session cookie in `headers`, if it is live.
pub async fn current_user(state: &AppState, headers: &HeaderMap) -> Result<Option<User>, DbError> {
    let Some(id) = cookie(headers, COOKIE_NAME) else {
        return Ok(None);
    };
    let digest = secret::digest(id);
    state
        .db
        .run(move |conn| user_for_session(conn, &digest))
        .await
}

/// `/login?next=<here>`: the sign-in page, coming back here afterwards.
pub fn login_redirect(here: &str) -> Redirect {
    Redirect::to(&format!("/login?next={}", percent_encode_segment(here)))
}

/// Where to go after signing in: only a path on this server, never another site (an open
/// redirect would let a link to the CRM send a signed-in recruiter anywhere).
pub fn safe_next(next: Option<&str>) -> &str {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n.contains('\\')
                && !n.chars().any(char::is_control) =>
        {
            n
        }
        _ => "/",
    }
}

/// Starts a session for `user_id`; returns the cookie's secret value.
pub fn start(conn: &dyn Sql, user_id: i64) -> Result<String, DbError> {
    let id = secret::random_hex().map_err(|e| DbError::TaskFailed(e.to_string()))?;
    let now = crate::clock::now_secs();
    // Expired sessions are swept on the way: sign-ins are rare enough for that to be free.
    conn.execute("DELETE FROM sessions WHERE expires_at <= ?1", params![now])?;
    conn.execute(
        "INSERT INTO sessions (id_sha256, user_id, expires_at, created_at)
         VALUES (?1, ?2, ?3, ?4)",
        params![
            secret::digest(&id),
            user_id,
            now.saturating_add(SESSION_SECONDS),
            crate::clock::now_text()
        ],
    )?;
    Ok(id)
}

/// Ends the session of the cookie in `headers`, if any.
pub async fn end(state: &AppState, headers: &HeaderMap) -> Result<(), DbError> {
    let Some(id) = cookie(headers, COOKIE_NAME) else {
        return Ok(());
    };
    let digest = secret::digest(id);
    state
        .db
        .run(move |conn| {
            conn.execute("DELETE FROM sessions WHERE id_sha256 = ?1", params![digest])?;
            Ok(())
        })
        .await
}

/// The anti-forgery token of forms that act for the session's user (the OAuth consent page):
/// derived from the session cookie, which pages cannot read, so another site cannot forge it.
pub fn csrf_token(headers: &HeaderMap) -> Option<String> {
    cookie(headers, COOKIE_NAME).map(|id| secret::derive(CSRF_PURPOSE, id))
}

/// Whether a form's `csrf_token` is this session's.
pub fn csrf_matches(headers: &HeaderMap, presented: Option<&str>) -> bool {
    match (csrf_token(headers), presented) {
        (Some(expected), Some(presented)) => {
            secret::same(expected.as_bytes(), presented.as_bytes())
        }
        _ => false,
    }
}

/// `Set-Cookie` for a new session. `Secure` when the CRM is served over HTTPS.
pub fn set_cookie(id: &str, secure: bool) -> Option<HeaderValue> {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{COOKIE_NAME}={id}; Path=/; HttpOnly; SameSite=Lax; Max-Age={SESSION_SECONDS}{secure}"
    ))
    .ok()
}

/// `Set-Cookie` that removes the session cookie.
pub fn clear_cookie() -> HeaderValue {
    HeaderValue::from_static("tb_crm_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0")
}

fn user_for_session(conn: &dyn Sql, digest: &[u8]) -> Result<Option<User>, DbError> {
    let user_id: Option<i64> = conn.query_opt(
        "SELECT user_id FROM sessions WHERE id_sha256 = ?1 AND expires_at > ?2",
        params![digest, crate::clock::now_secs()],
        |row| row.get(0),
    )?;
    match user_id {
        Some(id) => user::load(conn, id),
        None => Ok(None),
    }
}

/// The value of cookie `name` among the request's `Cookie` headers.
pub(crate) fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_stays_on_this_server() {
        assert_eq!(safe_next(Some("/contacts/3")), "/contacts/3");
        assert_eq!(safe_next(Some("/contacts/3?tab=a")), "/contacts/3?tab=a");
        assert_eq!(safe_next(Some("//evil.example/")), "/");
        assert_eq!(safe_next(Some("https://evil.example/")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn finds_the_session_cookie_among_others() {
        let mut h = HeaderMap::new();
        h.append(
            header::COOKIE,
            HeaderValue::from_static("a=1; tb_crm_session=xyz; b=2"),
        );
        assert_eq!(cookie(&h, COOKIE_NAME), Some("xyz"));
        assert_eq!(cookie(&h, "missing"), None);
    }

    #[test]
    fn form_tokens_belong_to_their_session() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("tb_crm_session=xyz"),
        );
        let token = csrf_token(&h).unwrap();
        assert_ne!(token, "xyz");
        assert!(csrf_matches(&h, Some(&token)));
        assert!(!csrf_matches(&h, Some("forged")));
        assert!(!csrf_matches(&h, None));
        assert!(!csrf_matches(&HeaderMap::new(), Some(&token)));
    }
}
