//! The admins' self-check (issue #4, item 6): a short log of the page shapes the extension could
//! not read for a few seconds — "the site may have changed". The worker keeps it in
//! `chrome.storage.local` under [`SITE_CHECK_KEY`]; the options page shows it. It holds URL
//! patterns (`/in/*/`) and strategy names only: no ids, no names, nothing personal.

use serde::{Deserialize, Serialize};

/// The `chrome.storage.local` key of the [`SiteCheckLog`].
pub const SITE_CHECK_KEY: &str = "site_check";
/// The log keeps the most recently seen entries.
pub const MAX_ENTRIES: usize = 50;

/// `{ "entries": [ { "pattern", "failed", "count", "first_seen_ms", "last_seen_ms" } ] }`,
/// oldest first.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SiteCheckLog {
    #[serde(default)]
    pub entries: Vec<UnreadableEntry>,
}

/// One page shape that could not be read, and how often.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnreadableEntry {
    /// The URL with every id left out: `/in/*/`, `/in/*/details/experience/`,
    /// `/search/results/people/`.
    pub pattern: String,
    /// The extraction strategies that failed, in the order they were tried.
    pub failed: Vec<String>,
    pub count: u32,
    /// Milliseconds since the Unix epoch.
    pub first_seen_ms: f64,
    pub last_seen_ms: f64,
}

impl SiteCheckLog {
    /// Counts one more unreadable visit. Entries with the same pattern and failed strategies
    /// are one entry; the least recently seen go beyond [`MAX_ENTRIES`]. A pattern that is not
    /// a bare URL shape is refused (`false`): the log must never hold an id or a name.
    pub fn record(&mut self, pattern: &str, failed: &[String], now_ms: f64) -> bool {
        let shape = |s: &str| {
            s.chars()
                .all(|c| c.is_ascii_lowercase() || matches!(c, '-' | '_' | '*' | '/'))
        };
        let profile_id_left_out = !pattern.starts_with("/in/") || pattern.starts_with("/in/*/");
        if !pattern.starts_with('/')
            || !profile_id_left_out
            || !shape(pattern)
            || !failed.iter().all(|f| shape(f))
        {
            return false;
        }
        let same = |e: &UnreadableEntry| e.pattern == pattern && e.failed == failed;
        let entry = match self.entries.iter().position(same) {
            Some(i) => {
                let mut entry = self.entries.remove(i);
                entry.count = entry.count.saturating_add(1);
                entry.last_seen_ms = now_ms;
                entry
            }
            None => UnreadableEntry {
                pattern: pattern.to_string(),
                failed: failed.to_vec(),
                count: 1,
                first_seen_ms: now_ms,
                last_seen_ms: now_ms,
            },
        };
        self.entries.push(entry);
        let excess = self.entries.len().saturating_sub(MAX_ENTRIES);
        self.entries.drain(..excess);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strategies(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    // proves issue #4 item 6: repeated failures of one page shape are one entry with a count
    // and the times first and last seen; the most recent one comes last.
    #[test]
    fn repeated_failures_count_in_one_entry() {
        let mut log = SiteCheckLog::default();
        let identity = strategies(&["identity"]);
        assert!(log.record("/in/*/", &identity, 1.0));
        assert!(log.record(
            "/search/results/people/",
            &strategies(&["search_page"]),
            2.0
        ));
        assert!(log.record("/in/*/", &identity, 3.0));
        assert_eq!(log.entries.len(), 2);
        let last = log.entries.last().unwrap();
        assert_eq!(
            (
                last.pattern.as_str(),
                last.count,
                last.first_seen_ms,
                last.last_seen_ms
            ),
            ("/in/*/", 2, 1.0, 3.0)
        );
    }

    // proves issue #4 item 6: the log is bounded to the last 50 shapes.
    #[test]
    fn the_log_keeps_the_last_fifty() {
        let mut log = SiteCheckLog::default();
        for i in 0..60 {
            let name = format!("strategy-{}", "x".repeat(i));
            log.record("/in/*/", &[name], f64::from(u32::try_from(i).unwrap()));
        }
        assert_eq!(log.entries.len(), MAX_ENTRIES);
        assert_eq!(log.entries[0].first_seen_ms, 10.0);
    }

    // proves issue #4 item 6: nothing that could be an id or a name is ever stored.
    #[test]
    fn ids_and_names_are_refused() {
        let mut log = SiteCheckLog::default();
        assert!(!log.record("/in/ada-lovelace/", &[], 1.0));
        assert!(!log.record("/in/ada-lovelace-42/", &[], 1.0));
        assert!(!log.record("/in/ACoAAB1234/", &[], 1.0));
        assert!(!log.record("/in/*/", &strategies(&["Ada Lovelace"]), 1.0));
        assert!(!log.record("https://www.linkedin.com/in/*/", &[], 1.0));
        assert!(log.entries.is_empty());
    }

    // The storage format the options page reads.
    #[test]
    fn storage_format() {
        let mut log = SiteCheckLog::default();
        log.record("/in/*/", &strategies(&["identity"]), 5.0);
        assert_eq!(
            serde_json::to_value(&log).unwrap(),
            serde_json::json!({ "entries": [{
                "pattern": "/in/*/", "failed": ["identity"], "count": 1,
                "first_seen_ms": 5.0, "last_seen_ms": 5.0
            }] })
        );
    }
}
