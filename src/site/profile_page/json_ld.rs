//! The schema.org `Person` that logged-out profile pages carry as JSON-LD. Used only when its
//! `url`/`sameAs` is the URL's profile.

use super::explain::{Fill, Source};
use crate::profile::ProfileKey;
use crate::site::dom::Dom;
use serde_json::{Map, Value};

const MAX_DEPTH: usize = 16;

/// What the JSON-LD says about the URL's person.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JsonLdPerson {
    pub name: Option<String>,
    pub job_title: Option<String>,
    pub works_for: Option<String>,
    pub locality: Option<String>,
}

impl JsonLdPerson {
    /// The fields a card did not show.
    pub fn fill(self, mut fill: Fill<'_>) {
        let found = |v: Option<String>| v.map(|v| (v, Source::JsonLd));
        fill.location(found(self.locality));
        fill.current_company(found(self.works_for));
        fill.current_title(found(self.job_title));
    }
}

/// The `Person` for `key`, if the page has one.
pub fn person<D: Dom>(dom: &D, root: &D::Node, key: &ProfileKey) -> Option<JsonLdPerson> {
    dom.select_all(root, "script[type=\"application/ld+json\"]")
        .into_iter()
        .find_map(|script| {
            let value = serde_json::from_str::<Value>(dom.text(&script).trim()).ok()?;
            find_person(&value, key, 0)
        })
}

fn find_person(value: &Value, key: &ProfileKey, depth: usize) -> Option<JsonLdPerson> {
    if depth > MAX_DEPTH {
        return None;
    }
    match value {
        Value::Object(object) => {
            if is_person(object) && names_profile(object, key) {
                return Some(read_person(object));
            }
            object.values().find_map(|v| find_person(v, key, depth + 1))
        }
        Value::Array(items) => items.iter().find_map(|v| find_person(v, key, depth + 1)),
        _ => None,
    }
}

fn is_person(object: &Map<String, Value>) -> bool {
    strings(object.get("@type")).any(|t| t == "Person")
}

fn names_profile(object: &Map<String, Value>, key: &ProfileKey) -> bool {
    strings(object.get("url"))
        .chain(strings(object.get("sameAs")))
        .any(|url| ProfileKey::from_url(url).as_ref() == Some(key))
}

fn read_person(object: &Map<String, Value>) -> JsonLdPerson {
    let first = |v: Option<&Value>| {
        strings(v)
            .map(str::trim)
            .find(|s| !s.is_empty())
            .map(str::to_string)
    };
    let works_for = match object.get("worksFor") {
        Some(Value::Array(items)) => items.iter().find_map(|o| first(o.get("name"))),
        Some(other) => first(other.get("name")),
        None => None,
    };
    JsonLdPerson {
        name: first(object.get("name")),
        job_title: first(object.get("jobTitle")),
        works_for,
        locality: object
            .get("address")
            .and_then(|a| first(a.get("addressLocality"))),
    }
}

/// A string, or the strings of an array.
fn strings(value: Option<&Value>) -> impl Iterator<Item = &str> {
    let (one, many) = match value {
        Some(Value::String(s)) => (Some(s.as_str()), None),
        Some(Value::Array(items)) => (None, Some(items.iter().filter_map(Value::as_str))),
        _ => (None, None),
    };
    one.into_iter().chain(many.into_iter().flatten())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::scraper_dom::ScraperDom;

    const PAGE: &str = r#"<head><script type="application/ld+json">{"@context":"http://schema.org","@graph":[
        {"@type":"Person","name":"Someone Else","url":"https://www.linkedin.com/in/someone-else"},
        {"@type":"Person","name":"Jane Doe","url":"https://de.linkedin.com/in/jane-doe",
         "jobTitle":["Engineer","Speaker"],"worksFor":[{"@type":"Organization","name":"Acme"}],
         "address":{"@type":"PostalAddress","addressLocality":"Berlin, Germany"}}]}</script></head>"#;

    // proves P4: JSON-LD is used only for the Person whose url is the URL's profile.
    #[test]
    fn only_the_person_at_the_urls_profile() {
        let dom = ScraperDom::parse(PAGE);
        let key = ProfileKey::from_url("https://www.linkedin.com/in/jane-doe/").unwrap();
        let person = person(&dom, &dom.root(), &key).unwrap();
        assert_eq!(person.name.as_deref(), Some("Jane Doe"));
        assert_eq!(person.job_title.as_deref(), Some("Engineer"));
        assert_eq!(person.works_for.as_deref(), Some("Acme"));
        assert_eq!(person.locality.as_deref(), Some("Berlin, Germany"));
        let nobody = ProfileKey::from_url("https://www.linkedin.com/in/nobody/").unwrap();
        assert_eq!(super::person(&dom, &dom.root(), &nobody), None);
    }
}
