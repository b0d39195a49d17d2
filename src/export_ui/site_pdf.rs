//! The site's own "Save to PDF", as its client code calls it (DESIGN.md §5): the content script
//! sends the requests with the page's session; the rules for them are here.

use crate::pdf::MAX_PDF_BYTES;
use crate::profile::{ProfileKey, percent_encode_segment};
use crate::protocol::PdfFailure;

/// First step: `POST` here with the session cookies and the CSRF header; the answer is JSON
/// `{"value": "<url of the PDF>"}`.
pub fn action_path(key: &ProfileKey) -> String {
    let id = match key {
        ProfileKey::PublicId(id) | ProfileKey::MemberId(id) => id,
    };
    format!(
        "/voyager/api/identity/profiles/{}/profileActions?action=saveToPdf",
        percent_encode_segment(id)
    )
}

/// The `csrf-token` header the site expects: the `JSESSIONID` cookie without its quotes.
/// `None` without a session (signed out of the site).
pub fn csrf_token(cookies: &str) -> Option<String> {
    cookies
        .split(';')
        .filter_map(|pair| pair.split_once('='))
        .find(|(name, _)| name.trim() == "JSESSIONID")
        .map(|(_, value)| value.trim().trim_matches('"').to_string())
        .filter(|token| !token.is_empty())
}

/// What an error status from the site means for the user.
pub fn failure_of_status(status: u16) -> PdfFailure {
    match status {
        401 | 403 => PdfFailure::SiteRefused,
        _ => PdfFailure::SiteError,
    }
}

/// A PDF too large for the worker to accept: not worth reading into memory, let alone sending.
pub fn too_large(bytes: u64) -> bool {
    usize::try_from(bytes).map_or(true, |n| n > MAX_PDF_BYTES)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_path_encodes_the_id() {
        assert_eq!(
            action_path(&ProfileKey::PublicId("jürgen-müller".into())),
            "/voyager/api/identity/profiles/j%C3%BCrgen-m%C3%BCller/profileActions?action=saveToPdf"
        );
        assert_eq!(
            action_path(&ProfileKey::MemberId("ACoAAB1234".into())),
            "/voyager/api/identity/profiles/ACoAAB1234/profileActions?action=saveToPdf"
        );
    }

    #[test]
    fn csrf_token_is_the_session_cookie_unquoted() {
        let cookies =
            r#"lang=v=2&lang=en-us; JSESSIONID="ajax:1776944443004346305"; bcookie="v=2""#;
        assert_eq!(
            csrf_token(cookies).as_deref(),
            Some("ajax:1776944443004346305")
        );
        assert_eq!(csrf_token("JSESSIONID=ajax:1").as_deref(), Some("ajax:1"));
        assert_eq!(csrf_token("XJSESSIONID=\"a\"; lang=en"), None);
        assert_eq!(csrf_token("JSESSIONID=\"\""), None);
        assert_eq!(csrf_token(""), None);
    }

    #[test]
    fn refused_and_failed_statuses() {
        assert_eq!(failure_of_status(401), PdfFailure::SiteRefused);
        assert_eq!(failure_of_status(403), PdfFailure::SiteRefused);
        assert_eq!(failure_of_status(500), PdfFailure::SiteError);
        assert!(too_large(6_000_000));
        assert!(!too_large(100_000));
    }
}
