//! The site's own "Save to PDF", as its client code calls it (DESIGN.md §5): the content script
//! sends the requests with the page's session; the rules for them are here.
//!
//! Two actions, newest first ([`chain`] decides which runs when):
//! - the GraphQL profile action (`POST /voyager/api/graphql?action=execute&queryId=…`, body
//!   with the member URN), whose query id changes when the site deploys ([`query_id`]);
//! - the older REST action (`POST /voyager/api/identity/profiles/{id}/profileActions?action=saveToPdf`),
//!   which needs only the public id.
//!
//! Both answer with JSON naming a short-lived link ([`answer`]); a same-origin `GET` of it is
//! the PDF. What a failed answer means is [`failure`]'s.

pub mod answer;
pub mod chain;
pub mod failure;
pub mod query_id;

use crate::pdf::MAX_PDF_BYTES;
use crate::profile::{ProfileKey, percent_encode_segment};

pub use answer::{download_url, on_site};
pub use chain::{Chain, Next};
pub use failure::{Action, ActionFailure, SiteAnswer};
pub use query_id::{QueryId, QueryIdSource};

/// The REST action: `POST` here with the session cookies and the CSRF header; the answer is
/// JSON `{"value": "<url of the PDF>"}`.
pub fn action_path(key: &ProfileKey) -> String {
    let id = match key {
        ProfileKey::PublicId(id) | ProfileKey::MemberId(id) => id,
    };
    format!(
        "/voyager/api/identity/profiles/{}/profileActions?action=saveToPdf",
        percent_encode_segment(id)
    )
}

/// The GraphQL action's address for a query id (already checked by [`QueryId::parse`]).
pub fn graphql_path(query_id: &QueryId) -> String {
    format!(
        "/voyager/api/graphql?action=execute&queryId={}",
        query_id.as_str()
    )
}

/// The GraphQL action's JSON body: the member URN and the query id again, as the site's own
/// client sends them.
pub fn graphql_body(query_id: &QueryId, member_urn: &str) -> String {
    serde_json::json!({
        "variables": { "profileUrn": member_urn },
        "queryId": query_id.as_str(),
        "includeWebMetadata": true,
    })
    .to_string()
}

/// The headers the GraphQL action is sent with, besides `csrf-token` and the cookies.
pub const GRAPHQL_HEADERS: [(&str, &str); 3] = [
    ("accept", "application/vnd.linkedin.normalized+json+2.1"),
    ("content-type", "application/json; charset=UTF-8"),
    ("x-restli-protocol-version", "2.0.0"),
];

/// The member URN the GraphQL action takes (`urn:li:fsd_profile:ACoAA…`), if `urn` is one:
/// the page's own value, checked so that nothing else is ever sent in its place.
pub fn member_urn(urn: Option<&str>) -> Option<String> {
    let id = urn?.trim().strip_prefix("urn:li:fsd_profile:")?;
    let shaped = (10..=80).contains(&id.len())
        && id.starts_with("ACo")
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    shaped.then(|| format!("urn:li:fsd_profile:{id}"))
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
    fn graphql_request_as_the_sites_client_sends_it() {
        let id =
            QueryId::parse("voyagerIdentityDashProfileActionsV2.0123456789abcdef0123456789abcdef")
                .unwrap();
        assert_eq!(
            graphql_path(&id),
            "/voyager/api/graphql?action=execute&queryId=voyagerIdentityDashProfileActionsV2.0123456789abcdef0123456789abcdef"
        );
        let body: serde_json::Value =
            serde_json::from_str(&graphql_body(&id, "urn:li:fsd_profile:ACoAAB1234")).unwrap();
        assert_eq!(
            body["variables"]["profileUrn"],
            "urn:li:fsd_profile:ACoAAB1234"
        );
        assert_eq!(body["queryId"], id.as_str());
        assert_eq!(body["includeWebMetadata"], true);
    }

    #[test]
    fn only_a_member_urn_goes_into_the_body() {
        assert_eq!(
            member_urn(Some(" urn:li:fsd_profile:ACoAAAq_vXIB7ddQiLbk-zTD ")).as_deref(),
            Some("urn:li:fsd_profile:ACoAAAq_vXIB7ddQiLbk-zTD")
        );
        for bad in [
            None,
            Some(""),
            Some("urn:li:member:12345678901"),
            Some("urn:li:fsd_profile:ACoA\"}, \"x\": {"),
            Some("urn:li:fsd_profile:jane-doe-1234"),
            Some("urn:li:fsd_profile:ACo"),
        ] {
            assert_eq!(member_urn(bad), None, "{bad:?}");
        }
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
    fn too_large_is_the_workers_limit() {
        assert!(too_large(6_000_000));
        assert!(!too_large(100_000));
    }
}
