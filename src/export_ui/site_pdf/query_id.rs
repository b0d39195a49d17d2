//! The GraphQL action's query id (`voyagerIdentityDashProfileActionsV2.<32 hex>`): the site
//! changes the hash when it deploys. The worker finds it in what the site itself ships (the
//! page's inline scripts and data, its script bundles), keeps it with its source and date, and
//! falls back to an admin's policy value, then to the value built in here.

use serde::{Deserialize, Serialize};

/// The query's name; the hash follows the dot.
pub const QUERY_NAME: &str = "voyagerIdentityDashProfileActionsV2";

/// Seen in public client code of 2024–2026 (DESIGN.md, "Save to PDF"): the last resort.
pub const BUILT_IN: &str = "voyagerIdentityDashProfileActionsV2.ca80b3b293240baf5a00226d8d6d78a1";

/// How long a discovered id is trusted before the bundles are read again.
pub const FRESH_FOR_MS: f64 = 24.0 * 3600.0 * 1000.0;

/// At most this many script bundles are read in one discovery.
pub const MAX_BUNDLES: usize = 12;

/// A bundle larger than this is not read (the site's largest are well under it).
pub const MAX_BUNDLE_BYTES: usize = 8 * 1024 * 1024;

/// A query id of the right shape; nothing else is ever put into a request.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct QueryId(String);

impl QueryId {
    /// `voyagerIdentityDashProfileActionsV2.` and 32 lower-case hex digits, nothing around.
    pub fn parse(text: &str) -> Option<Self> {
        let hash = text.strip_prefix(QUERY_NAME)?.strip_prefix('.')?;
        let shaped =
            hash.len() == 32 && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        shaped.then(|| Self(text.to_string()))
    }

    pub fn built_in() -> Self {
        Self(BUILT_IN.to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for QueryId {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Self::parse(&s).ok_or_else(|| "not a Save-to-PDF query id".to_string())
    }
}

impl From<QueryId> for String {
    fn from(id: QueryId) -> String {
        id.0
    }
}

/// Every query id of the Save-to-PDF action in a text (a script, embedded data), in order,
/// without repeats. Other queries' ids and look-alikes with a longer hash are not taken.
pub fn find_all(text: &str) -> Vec<QueryId> {
    let mut found: Vec<QueryId> = Vec::new();
    let bytes = text.as_bytes();
    let hex = |b: &u8| matches!(b, b'0'..=b'9' | b'a'..=b'f');
    let mut from = 0;
    while let Some(at) = text[from..].find(QUERY_NAME).map(|i| from + i) {
        let dot = at + QUERY_NAME.len();
        let hash = bytes.get(dot + 1..dot + 33);
        let after = bytes.get(dot + 33);
        if bytes.get(dot) == Some(&b'.')
            && hash.is_some_and(|h| h.iter().all(hex))
            && !after.is_some_and(u8::is_ascii_hexdigit)
            // All ASCII, so these are char boundaries.
            && let Some(id) = QueryId::parse(&text[at..dot + 33])
            && !found.contains(&id)
        {
            found.push(id);
        }
        from = dot;
    }
    found
}

/// Where a query id came from, as the options page and the self-check show it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QueryIdSource {
    /// The page itself (an inline script or embedded data).
    Page,
    /// One of the site's script bundles.
    Bundle,
    /// The `SitePdfQueryId` policy.
    Policy,
    /// The value this version was built with.
    BuiltIn,
}

/// A discovered id as the worker keeps it (`chrome.storage.local`), per browser.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Discovered {
    pub id: QueryId,
    pub source: QueryIdSource,
    pub found_at_ms: u64,
}

impl Discovered {
    pub fn fresh(&self, now_ms: f64) -> bool {
        let age = now_ms - self.found_at_ms as f64;
        (0.0..FRESH_FOR_MS).contains(&age)
    }
}

/// A script bundle worth reading: `https://static.licdn.com/…` or the site's own
/// `https://www.linkedin.com/…`, ending in `.js` (query and fragment aside). The worker fetches
/// it without cookies; nothing the page names on any other host is fetched.
pub fn bundle_url(url: &str) -> Option<String> {
    let rest = url.trim().strip_prefix("https://")?;
    let (host, path) = rest.split_at(rest.find('/')?);
    if !matches!(host, "static.licdn.com" | "www.linkedin.com") {
        return None;
    }
    let path_only = path.split(['?', '#']).next().unwrap_or_default();
    let clean = path
        .chars()
        .all(|c| c.is_ascii_graphic() && !matches!(c, '\\' | '"' | '\'' | '<' | '>'));
    (clean && path_only.ends_with(".js") && !path_only.contains(".."))
        .then(|| format!("https://{host}{path}"))
}

/// The ids to try, best first, without repeats: the discovered one, the policy's, the built-in.
pub fn candidates(
    discovered: Option<&Discovered>,
    policy: Option<&QueryId>,
) -> Vec<(QueryId, QueryIdSource)> {
    let mut list: Vec<(QueryId, QueryIdSource)> = Vec::new();
    let mut push = |id: &QueryId, source| {
        if !list.iter().any(|(known, _)| known == id) {
            list.push((id.clone(), source));
        }
    };
    if let Some(d) = discovered {
        push(&d.id, d.source);
    }
    if let Some(p) = policy {
        push(p, QueryIdSource::Policy);
    }
    push(&QueryId::built_in(), QueryIdSource::BuiltIn);
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "voyagerIdentityDashProfileActionsV2.0123456789abcdef0123456789abcdef";
    const B: &str = "voyagerIdentityDashProfileActionsV2.fedcba9876543210fedcba9876543210";

    #[test]
    fn only_the_exact_shape_is_a_query_id() {
        assert!(QueryId::parse(A).is_some());
        assert!(QueryId::parse(BUILT_IN).is_some());
        for bad in [
            "",
            "voyagerIdentityDashProfileActionsV2.",
            "voyagerIdentityDashProfileActionsV2.0123456789ABCDEF0123456789ABCDEF",
            "voyagerIdentityDashProfileActionsV2.0123456789abcdef0123456789abcde",
            "voyagerIdentityDashProfileActionsV2.0123456789abcdef0123456789abcdef0",
            "voyagerIdentityDashProfiles.0123456789abcdef0123456789abcdef",
            " voyagerIdentityDashProfileActionsV2.0123456789abcdef0123456789abcdef",
            "voyagerIdentityDashProfileActionsV2.0123456789abcdef0123456789abcdef&x=1",
        ] {
            assert_eq!(QueryId::parse(bad), None, "{bad:?}");
        }
        assert!(serde_json::from_str::<QueryId>("\"x\"").is_err());
    }

    #[test]
    fn found_in_minified_code_and_embedded_json() {
        let script = format!(
            r#"var a={{saveToPdf:"{A}",other:"voyagerIdentityDashProfiles.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}};x("{A}");y('{B}')"#
        );
        let found: Vec<String> = find_all(&script).into_iter().map(String::from).collect();
        assert_eq!(found, [A, B]);
        let json = format!(r#"{{"queryId":"{B}","variables":{{}}}}"#);
        assert_eq!(find_all(&json), [QueryId::parse(B).unwrap()]);
        // A longer hash is another thing, not this id with junk after it.
        assert!(find_all(&format!("{A}0")).is_empty());
        assert!(find_all("voyagerIdentityDashProfileActionsV2").is_empty());
        assert!(find_all("").is_empty());
        assert!(find_all("voyagerIdentityDashProfileActionsV2.ü").is_empty());
    }

    #[test]
    fn bundles_only_on_the_sites_static_hosts() {
        assert_eq!(
            bundle_url("https://static.licdn.com/aero-v1/sc/h/assets/Cwg99oml.js").as_deref(),
            Some("https://static.licdn.com/aero-v1/sc/h/assets/Cwg99oml.js")
        );
        assert!(bundle_url("https://www.linkedin.com/static/app.js?v=2").is_some());
        for bad in [
            "http://static.licdn.com/a.js",
            "https://static.licdn.com.evil.example/a.js",
            "https://evil.example/static.licdn.com/a.js",
            "https://static.licdn.com/a.css",
            "https://static.licdn.com/../a.js",
            "https://static.licdn.com",
            "https://user@static.licdn.com/a.js",
            "javascript:alert(1)//static.licdn.com/a.js",
        ] {
            assert_eq!(bundle_url(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn candidates_discovered_then_policy_then_built_in_without_repeats() {
        let found = Discovered {
            id: QueryId::parse(A).unwrap(),
            source: QueryIdSource::Bundle,
            found_at_ms: 0,
        };
        let policy = QueryId::parse(B).unwrap();
        let sources: Vec<QueryIdSource> = candidates(Some(&found), Some(&policy))
            .into_iter()
            .map(|(_, s)| s)
            .collect();
        assert_eq!(
            sources,
            [
                QueryIdSource::Bundle,
                QueryIdSource::Policy,
                QueryIdSource::BuiltIn
            ]
        );
        let same = QueryId::built_in();
        assert_eq!(candidates(None, Some(&same)).len(), 1);
        assert_eq!(
            candidates(None, None),
            [(QueryId::built_in(), QueryIdSource::BuiltIn)]
        );
    }

    #[test]
    fn a_discovered_id_is_fresh_for_a_day() {
        let d = Discovered {
            id: QueryId::built_in(),
            source: QueryIdSource::Page,
            found_at_ms: 1_000,
        };
        assert!(d.fresh(1_000.0));
        assert!(d.fresh(1_000.0 + FRESH_FOR_MS - 1.0));
        assert!(!d.fresh(1_000.0 + FRESH_FOR_MS));
        // A clock that went back is not trusted either.
        assert!(!d.fresh(0.0));
    }
}
