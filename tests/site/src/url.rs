//! Percent-coding and query strings, written here rather than shared with the extension's
//! core so a bug on one side can't hide the same bug on the other.

/// Decodes `%XX` escapes (and `+` as space when `plus_is_space`); `None` when malformed or
/// not UTF-8.
pub fn decode(s: &str, plus_is_space: bool) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'%' => {
                let hi = hex_value(*bytes.get(i + 1)?)?;
                let lo = hex_value(*bytes.get(i + 2)?)?;
                out.push(hi << 4 | lo);
                i += 3;
            }
            b'+' if plus_is_space => {
                out.push(b' ');
                i += 1;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

fn hex_value(b: u8) -> Option<u8> {
    char::from(b)
        .to_digit(16)
        .and_then(|d| u8::try_from(d).ok())
}

/// Encodes everything but unreserved characters, for a path segment or a query value.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A parsed query string: the first value of a name wins.
#[derive(Clone, Debug, Default)]
pub struct Query(Vec<(String, String)>);

impl Query {
    pub fn parse(raw: Option<&str>) -> Self {
        let pairs = raw
            .unwrap_or_default()
            .split('&')
            .filter(|p| !p.is_empty())
            .filter_map(|pair| {
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                Some((decode(k, true)?, decode(v, true)?))
            })
            .collect();
        Self(pairs)
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// A flag like `loggedout=1`.
    pub fn flag(&self, name: &str) -> bool {
        matches!(self.get(name), Some("1" | "true"))
    }

    /// A positive number, or `default` when absent or unreadable.
    pub fn number(&self, name: &str, default: usize) -> usize {
        self.get(name)
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(default)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_percent_encoded_unicode() {
        assert_eq!(
            decode("j%C3%BCrgen-m%C3%BCller", false).as_deref(),
            Some("jürgen-müller")
        );
        assert_eq!(decode("a+b", true).as_deref(), Some("a b"));
        assert_eq!(decode("a+b", false).as_deref(), Some("a+b"));
        assert_eq!(decode("%zz", false), None);
        assert_eq!(decode("%C3", false), None);
    }

    #[test]
    fn encodes_round_trip() {
        assert_eq!(encode("jürgen-müller"), "j%C3%BCrgen-m%C3%BCller");
        assert_eq!(
            decode(&encode("a b/ü?&"), false).as_deref(),
            Some("a b/ü?&")
        );
    }

    #[test]
    fn queries_read_first_values_flags_and_numbers() {
        let q = Query::parse(Some(
            "keywords=data+science&page=2&page=3&loggedout=1&count=x",
        ));
        assert_eq!(q.get("keywords"), Some("data science"));
        assert_eq!(q.number("page", 1), 2);
        assert_eq!(q.number("count", 10), 10);
        assert!(q.flag("loggedout"));
        assert!(!q.flag("missing"));
    }
}
