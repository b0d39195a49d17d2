//! What an answer of the site's "Save to PDF" actions means, when it is not a link to a PDF.
//! Every failure has a name without personal data, for the admins' self-check.

use serde::{Deserialize, Serialize};

/// Which of the two actions answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Graphql,
    Rest,
}

impl Action {
    /// The action's URL shape, as the self-check lists it (no id in it).
    pub fn pattern(self) -> &'static str {
        match self {
            Self::Graphql => "/voyager/api/graphql",
            Self::Rest => "/voyager/api/identity/profiles/*/profileactions",
        }
    }
}

/// Why an action gave no PDF link.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionFailure {
    /// 401, a CSRF refusal, or the log-in wall instead of an answer: signed out of the site.
    AuthWall,
    /// 403: the site refuses this member's PDF.
    OptedOut,
    /// 400, 404, 405 or 410: the action (or this query id of it) is not known any more.
    Gone,
    /// 429 (or the site's own 999): too many requests; `Retry-After` in seconds when given.
    RateLimited,
    /// A page (HTML) where JSON was expected.
    NotJson,
    /// JSON without a usable link.
    NoUrl,
    /// 5xx.
    ServerError,
    /// No answer at all.
    Network,
}

impl ActionFailure {
    /// Every reason, for exhaustive tests.
    pub const ALL: [Self; 8] = [
        Self::AuthWall,
        Self::OptedOut,
        Self::Gone,
        Self::RateLimited,
        Self::NotJson,
        Self::NoUrl,
        Self::ServerError,
        Self::Network,
    ];

    /// The name the self-check records.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::AuthWall => "auth_wall",
            Self::OptedOut => "opted_out",
            Self::Gone => "gone",
            Self::RateLimited => "rate_limited",
            Self::NotJson => "not_json",
            Self::NoUrl => "no_url",
            Self::ServerError => "server_error",
            Self::Network => "network",
        }
    }
}

/// An answer of the site, as the content script saw it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SiteAnswer {
    /// 0: no answer (network error, blocked).
    pub status: u16,
    pub content_type: String,
    /// The path the answer finally came from (after redirects).
    pub final_path: String,
    /// The first bytes of the body, as text (a few KB are enough to classify).
    pub body_start: String,
}

/// What a non-link answer means. A 2xx answer lands here only when it held no link.
pub fn classify(answer: &SiteAnswer) -> ActionFailure {
    let path = answer.final_path.to_ascii_lowercase();
    let walled = ["/login", "/authwall", "/checkpoint", "/uas/login"]
        .iter()
        .any(|wall| path.starts_with(wall));
    let body = answer.body_start.trim_start();
    let html = answer.content_type.to_ascii_lowercase().contains("html") || body.starts_with('<');
    match answer.status {
        0 => ActionFailure::Network,
        _ if walled => ActionFailure::AuthWall,
        401 => ActionFailure::AuthWall,
        403 if body.to_ascii_lowercase().contains("csrf") => ActionFailure::AuthWall,
        403 => ActionFailure::OptedOut,
        400 | 404 | 405 | 410 => ActionFailure::Gone,
        429 | 999 => ActionFailure::RateLimited,
        500..=599 => ActionFailure::ServerError,
        200..=299 if html => ActionFailure::NotJson,
        200..=299 => ActionFailure::NoUrl,
        _ => ActionFailure::ServerError,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, content_type: &str, path: &str, body: &str) -> SiteAnswer {
        SiteAnswer {
            status,
            content_type: content_type.into(),
            final_path: path.into(),
            body_start: body.into(),
        }
    }

    const JSON: &str = "application/json";
    const GQL: &str = "/voyager/api/graphql";

    #[test]
    fn each_answer_its_reason() {
        let cases = [
            (answer(0, "", "", ""), ActionFailure::Network),
            (answer(401, JSON, GQL, "{}"), ActionFailure::AuthWall),
            (
                answer(403, JSON, GQL, r#"{"message":"CSRF check failed."}"#),
                ActionFailure::AuthWall,
            ),
            (
                answer(200, "text/html", "/authwall", "<!doctype html>"),
                ActionFailure::AuthWall,
            ),
            (
                answer(200, "text/html", "/login", "<html>"),
                ActionFailure::AuthWall,
            ),
            (
                answer(403, JSON, GQL, r#"{"status":403}"#),
                ActionFailure::OptedOut,
            ),
            (answer(400, JSON, GQL, "{}"), ActionFailure::Gone),
            (answer(404, "text/html", GQL, "<html>"), ActionFailure::Gone),
            (answer(410, JSON, GQL, ""), ActionFailure::Gone),
            (answer(429, JSON, GQL, ""), ActionFailure::RateLimited),
            (
                answer(999, "text/html", GQL, ""),
                ActionFailure::RateLimited,
            ),
            (answer(503, JSON, GQL, ""), ActionFailure::ServerError),
            (
                answer(200, "text/html; charset=utf-8", GQL, "<!DOCTYPE html>"),
                ActionFailure::NotJson,
            ),
            (answer(200, "", GQL, "  <html>"), ActionFailure::NotJson),
            (
                answer(200, JSON, GQL, r#"{"data":{}}"#),
                ActionFailure::NoUrl,
            ),
            (answer(302, "", GQL, ""), ActionFailure::ServerError),
        ];
        for (answer, expected) in cases {
            assert_eq!(classify(&answer), expected, "{answer:?}");
        }
    }

    #[test]
    fn names_are_bare_words() {
        for f in ActionFailure::ALL {
            assert!(
                f.as_str()
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '_')
            );
        }
        assert!(Action::Rest.pattern().starts_with("/voyager/"));
    }
}
