//! The server's clock, read in Rust and passed to SQL as parameters: both engines then store
//! the same text and numbers (SQLite's `strftime` and PostgreSQL's `now()` would not).

use std::time::{SystemTime, UNIX_EPOCH};

/// Unix milliseconds.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// Unix seconds.
pub fn now_secs() -> i64 {
    now_ms().div_euclid(1000)
}

/// Now as RFC 3339 UTC to the second (`2026-05-01T09:30:00Z`), as the tables store times.
pub fn now_text() -> String {
    text_secs(now_ms())
}

/// Now to the millisecond (`2026-05-01T09:30:00.123Z`): manual links, whose order matters
/// within a second.
pub fn now_text_ms() -> String {
    text_ms(now_ms())
}

/// `ms` (Unix milliseconds) as RFC 3339 UTC to the second.
pub fn text_secs(ms: i64) -> String {
    talent_bridge::quota::rfc3339(ms as f64)
}

/// `ms` as RFC 3339 UTC to the millisecond.
pub fn text_ms(ms: i64) -> String {
    let secs = text_secs(ms);
    let whole = secs.strip_suffix('Z').unwrap_or(&secs);
    format!("{whole}.{:03}Z", ms.rem_euclid(1000))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_as_the_tables_store_them() {
        assert_eq!(text_secs(0), "1970-01-01T00:00:00Z");
        assert_eq!(text_ms(1_767_225_599_999), "2025-12-31T23:59:59.999Z");
        assert_eq!(text_ms(1_767_225_600_007), "2026-01-01T00:00:00.007Z");
        assert_eq!(now_text_ms().len(), 24);
    }
}
