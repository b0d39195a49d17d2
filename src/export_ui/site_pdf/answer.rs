//! The link to the PDF in an action's JSON answer. The GraphQL action puts it at
//! `data.data.doSaveToPdfV2IdentityDashProfileActionsV2.result.downloadUrl` (the normalized
//! format wraps `data` once more); other clients look for a `downloadUrl` anywhere in `data` or
//! `included[]`, and so do we. The REST action answers `{"value": url}`. Only an `https:` link
//! on the site's own hosts is taken: the download carries the user's session.

use serde_json::Value;

/// The action's name in the GraphQL answer.
const ACTION_FIELD: &str = "doSaveToPdfV2IdentityDashProfileActionsV2";

/// How deep the search for `downloadUrl` goes, and how many values it looks at.
const MAX_DEPTH: usize = 24;
const MAX_NODES: usize = 20_000;

/// The link in an answer's body, or `None` (not JSON, or no usable link).
pub fn download_url(body: &str) -> Option<String> {
    let json: Value = serde_json::from_str(body).ok()?;
    let known = [
        json.pointer(&format!("/data/data/{ACTION_FIELD}/result/downloadUrl")),
        json.pointer(&format!("/data/{ACTION_FIELD}/result/downloadUrl")),
        json.get("value"),
    ];
    if let Some(url) = known.into_iter().flatten().find_map(site_link) {
        return Some(url);
    }
    let mut budget = MAX_NODES;
    ["data", "included"]
        .into_iter()
        .filter_map(|k| json.get(k))
        .find_map(|v| search(v, 0, &mut budget))
}

fn search(value: &Value, depth: usize, budget: &mut usize) -> Option<String> {
    if depth > MAX_DEPTH || *budget == 0 {
        return None;
    }
    *budget -= 1;
    match value {
        Value::Object(map) => map
            .get("downloadUrl")
            .and_then(site_link)
            .or_else(|| map.values().find_map(|v| search(v, depth + 1, budget))),
        Value::Array(items) => items.iter().find_map(|v| search(v, depth + 1, budget)),
        _ => None,
    }
}

/// `value` if it is an `https:` URL on `linkedin.com` or one of its sub-domains, without
/// credentials or a port.
fn site_link(value: &Value) -> Option<String> {
    let url = value.as_str()?.trim();
    on_site(url).then(|| url.to_string())
}

/// Whether `url` is an `https:` URL on `linkedin.com` or one of its sub-domains, without
/// credentials or a port.
pub fn on_site(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://") else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let on_site = host == "linkedin.com" || host.ends_with(".linkedin.com");
    let plain = host
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'));
    let clean = !url.chars().any(|c| c.is_whitespace() || c.is_control());
    on_site && plain && clean
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://www.linkedin.com/ambry/?x=AAE&m=profile-pdf";

    #[test]
    fn the_graphql_answer_where_the_site_puts_it() {
        let body = format!(
            r#"{{"data":{{"data":{{"{ACTION_FIELD}":{{"result":{{"downloadUrl":"{URL}"}}}}}}}},"included":[]}}"#
        );
        assert_eq!(download_url(&body).as_deref(), Some(URL));
        let flat =
            format!(r#"{{"data":{{"{ACTION_FIELD}":{{"result":{{"downloadUrl":"{URL}"}}}}}}}}"#);
        assert_eq!(download_url(&flat).as_deref(), Some(URL));
    }

    #[test]
    fn a_download_url_at_any_depth_of_included() {
        let body = format!(
            r#"{{"data":{{"data":{{"{ACTION_FIELD}":{{"*result":"urn:li:x"}}}}}},
               "included":[{{"$type":"a"}},{{"entity":{{"deep":[{{"downloadUrl":"{URL}"}}]}}}}]}}"#
        );
        assert_eq!(download_url(&body).as_deref(), Some(URL));
    }

    #[test]
    fn the_rest_answer() {
        let body = r#"{"value":"https://www.linkedin.com/dms/prv/document/abc"}"#;
        assert_eq!(
            download_url(body).as_deref(),
            Some("https://www.linkedin.com/dms/prv/document/abc")
        );
    }

    #[test]
    fn foreign_hosts_and_other_schemes_refused() {
        for bad in [
            "http://www.linkedin.com/ambry/x",
            "https://evil.example/ambry/x",
            "https://www.linkedin.com.evil.example/x",
            "https://evilinkedin.com/x",
            "https://user@www.linkedin.com/x",
            "https://www.linkedin.com:8443/x",
            "javascript:alert(1)",
            "data:application/pdf;base64,JVBERi0=",
            "/ambry/x",
            "https://www.linkedin.com/a b",
        ] {
            let body = format!(r#"{{"included":[{{"downloadUrl":"{bad}"}}],"value":"{bad}"}}"#);
            assert_eq!(download_url(&body), None, "{bad}");
        }
        // A refused link does not hide a good one elsewhere.
        let body = format!(
            r#"{{"included":[{{"downloadUrl":"https://evil.example/x"}},{{"downloadUrl":"{URL}"}}]}}"#
        );
        assert_eq!(download_url(&body).as_deref(), Some(URL));
    }

    #[test]
    fn no_link_in_other_answers() {
        for body in [
            "",
            "<!DOCTYPE html><html>",
            "null",
            "[]",
            r#"{"data":{"data":{}},"included":[]}"#,
            r#"{"downloadUrl":"https://www.linkedin.com/x"}"#,
            r#"{"value":42}"#,
        ] {
            assert_eq!(download_url(body), None, "{body}");
        }
    }

    #[test]
    fn deep_answers_end_within_the_bounds() {
        let mut deep = String::from(r#"{"included":"#);
        for _ in 0..200 {
            deep.push('[');
        }
        for _ in 0..200 {
            deep.push(']');
        }
        deep.push('}');
        assert_eq!(download_url(&deep), None);
    }
}
