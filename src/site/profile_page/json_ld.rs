//! The schema.org `Person` that logged-out (guest) profile pages carry as JSON-LD, alone or in
//! an `@graph` beside other people ("People also viewed"). Used only when its `url`/`sameAs`/
//! `@id` is the URL's profile, and only on a page whose canonical link, when it has one, is the
//! URL's profile too: the canonical link is the server's word on whose page this is.

use super::explain::{Fill, Source};
use super::hygiene::{clean_field, clean_name};
use crate::profile::ProfileKey;
use crate::site::dom::Dom;
use serde_json::{Map, Value};

const MAX_DEPTH: usize = 16;
/// The site caps headlines at 220 characters; a longer description is the "About" text.
const MAX_HEADLINE_CHARS: usize = 220;

/// What the JSON-LD says about the URL's person.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JsonLdPerson {
    pub name: Option<String>,
    pub headline: Option<String>,
    pub job_title: Option<String>,
    pub works_for: Option<String>,
    pub locality: Option<String>,
}

impl JsonLdPerson {
    /// The fields a card did not show.
    pub fn fill(self, mut fill: Fill<'_>) {
        let found = |v: Option<String>| v.map(|v| (v, Source::JsonLd));
        fill.headline(found(self.headline));
        fill.location(found(self.locality));
        fill.current_company(found(self.works_for));
        fill.current_title(found(self.job_title));
    }
}

/// The `Person` for `key`, if the page has one and does not say it is someone else's.
pub fn person<D: Dom>(dom: &D, root: &D::Node, key: &ProfileKey) -> Option<JsonLdPerson> {
    if canonical_is_another(dom, root, key) {
        return None;
    }
    dom.select_all(root, "script[type=\"application/ld+json\"]")
        .into_iter()
        .find_map(|script| {
            let value = serde_json::from_str::<Value>(dom.text(&script).trim()).ok()?;
            find_person(&value, key, 0)
        })
}

/// A canonical link to another profile: the page (or a head left over from the previous page of
/// a single-page app) is not the URL's person's, whatever its JSON-LD says.
fn canonical_is_another<D: Dom>(dom: &D, root: &D::Node, key: &ProfileKey) -> bool {
    dom.select_all(root, "link[rel=\"canonical\"]")
        .into_iter()
        .filter_map(|link| dom.attr(&link, "href"))
        .filter_map(|href| ProfileKey::from_url(&href))
        .any(|canonical| canonical != *key)
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
    strings(object.get("@type")).any(|t| t == "Person" || t.ends_with("/Person"))
}

fn names_profile(object: &Map<String, Value>, key: &ProfileKey) -> bool {
    strings(object.get("url"))
        .chain(strings(object.get("sameAs")))
        .chain(strings(object.get("@id")))
        .any(|url| ProfileKey::from_url(url).as_ref() == Some(key))
}

fn read_person(object: &Map<String, Value>) -> JsonLdPerson {
    let first = |v: Option<&Value>| strings(v).find_map(clean_field);
    let works_for = match object.get("worksFor") {
        Some(Value::Array(items)) => items.iter().find_map(|o| first(o.get("name"))),
        Some(other) => first(other.get("name")),
        None => None,
    };
    let job_title = first(object.get("jobTitle"));
    let description = first(object.get("description"))
        .filter(|d| d.chars().count() <= MAX_HEADLINE_CHARS && !d.contains('\n'));
    JsonLdPerson {
        name: strings(object.get("name")).find_map(clean_name),
        headline: job_title.clone().or(description),
        job_title,
        works_for,
        locality: object.get("address").and_then(locality),
    }
}

/// "Berlin, Germany"; a place named only by region or country is still a place.
fn locality(address: &Value) -> Option<String> {
    let part = |name: &str| match address.get(name) {
        Some(Value::Object(o)) => strings(o.get("name")).find_map(clean_field),
        other => strings(other).find_map(clean_field),
    };
    if let Some(locality) = part("addressLocality") {
        return Some(locality);
    }
    let parts: Vec<String> = ["addressRegion", "addressCountry"]
        .into_iter()
        .filter_map(part)
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
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

    const GUEST: &str = r#"<head><link rel="canonical" href="https://fr.linkedin.com/in/camille-martin">
        <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
        {"@type":"WebPage","url":"https://fr.linkedin.com/in/camille-martin"},
        {"@type":"Person","name":"Paul Autre","jobTitle":"Directeur","url":"https://fr.linkedin.com/in/paul-autre",
         "address":{"addressLocality":"Lyon"}},
        {"@type":"Person","name":"Camille Martin (Elle/Elle)","sameAs":"https://fr.linkedin.com/in/camille-martin",
         "description":"Ingénieure logicielle chez Acme","worksFor":{"@type":"Organization","name":"Acme"},
         "address":{"@type":"PostalAddress","addressCountry":{"name":"France"},"addressRegion":"Île-de-France"}}]}
        </script></head>"#;

    // proves P3, P4: in an @graph of two people, only the one at the URL's profile is read, its
    // headline from the description, its place from the region and country, its pronouns dropped.
    #[test]
    fn guest_graph_with_two_people() {
        let dom = ScraperDom::parse(GUEST);
        let key = ProfileKey::from_url("https://www.linkedin.com/in/camille-martin").unwrap();
        let person = person(&dom, &dom.root(), &key).unwrap();
        assert_eq!(person.name.as_deref(), Some("Camille Martin"));
        assert_eq!(
            person.headline.as_deref(),
            Some("Ingénieure logicielle chez Acme")
        );
        assert_eq!(person.works_for.as_deref(), Some("Acme"));
        assert_eq!(person.locality.as_deref(), Some("Île-de-France, France"));
        assert_eq!(person.job_title, None);
    }

    // proves P4: a canonical link to another profile is the page's word that it is not the
    // URL's person's, even when a Person in its JSON-LD has the URL's address.
    #[test]
    fn canonical_of_another_profile_refuses_the_page() {
        let dom = ScraperDom::parse(GUEST);
        let other = ProfileKey::from_url("https://www.linkedin.com/in/paul-autre/").unwrap();
        assert_eq!(super::person(&dom, &dom.root(), &other), None);
    }
}
