//! The JSON records the 2018–2024 designs embed in `<code>` elements or
//! `<script type="application/json">` (normalized `included[]` entities); a page saved before the
//! app rendered has nothing else. They describe many people (the signed-in viewer, search
//! results, stale records), so a record is only ever used when its public id or member id is the
//! URL's (PRODUCT.md P4): "the first publicIdentifier" on a page is often the viewer's.

use super::hygiene::{clean_field, clean_name};
use super::links::member_id_of_urn;
use crate::case;
use crate::site::dom::Dom;
use serde_json::{Map, Value};

/// Larger blobs are not profile data; parsing them would only cost time in the page.
const MAX_BLOB_BYTES: usize = 4 << 20;
const MAX_DEPTH: usize = 64;

/// One person-shaped record.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Record {
    public_id: Option<String>,
    member_id: Option<String>,
    name: Option<String>,
    headline: Option<String>,
    location: Option<String>,
}

/// What the embedded records say about the URL's person.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JsonSubject {
    pub member_id: Option<String>,
    pub name: Option<String>,
    pub headline: Option<String>,
    pub location: Option<String>,
}

/// The signed-in viewer, from the embedded "/me" record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Viewer {
    pub member_id: String,
    pub public_id: Option<String>,
}

/// Every person-shaped record embedded in the page.
#[derive(Clone, Debug, Default)]
pub struct EmbeddedPeople {
    records: Vec<Record>,
    viewer_member: Option<String>,
}

impl EmbeddedPeople {
    /// Reads the `<code>` and JSON `<script>` blobs under `root`.
    pub fn scan<D: Dom>(dom: &D, root: &D::Node) -> Self {
        let mut people = Self::default();
        let blobs = dom.select_all(root, "code, script[type=\"application/json\"]");
        for code in blobs {
            let text = dom.text(&code);
            let text = text.trim();
            if !text.starts_with('{') || text.len() > MAX_BLOB_BYTES {
                continue;
            }
            if let Ok(value) = serde_json::from_str::<Value>(text) {
                people.visit(&value, 0);
            }
        }
        people
    }

    fn visit(&mut self, value: &Value, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        match value {
            Value::Object(object) => {
                self.take(object);
                object.values().for_each(|v| self.visit(v, depth + 1));
            }
            Value::Array(items) => items.iter().for_each(|v| self.visit(v, depth + 1)),
            _ => {}
        }
    }

    fn take(&mut self, object: &Map<String, Value>) {
        let string = |key: &str| {
            object
                .get(key)
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|s| !s.is_empty())
        };
        if string("$type").is_some_and(|t| t.ends_with(".Me")) {
            self.viewer_member = string("*miniProfile")
                .and_then(member_id_of_urn)
                .or(self.viewer_member.take());
        }
        let public_id = string("publicIdentifier").map(case::lower);
        let member_id = string("entityUrn").and_then(member_id_of_urn);
        if public_id.is_none() && member_id.is_none() {
            return;
        }
        let name = match (string("firstName"), string("lastName")) {
            (Some(first), Some(last)) => clean_name(&format!("{first} {last}")),
            (Some(only), None) | (None, Some(only)) => clean_name(only),
            (None, None) => None,
        };
        let headline = string("headline").and_then(clean_field);
        let location = string("locationName")
            .or_else(|| string("geoLocationName"))
            .and_then(clean_field);
        self.records.push(Record {
            public_id,
            member_id,
            name,
            headline,
            location,
        });
    }

    /// What the records naming the URL's person agree on. A record that names the person by one
    /// id and someone else by the other is ignored; facts the records disagree on are dropped.
    pub fn subject(&self, public_id: Option<&str>, member_id: Option<&str>) -> Option<JsonSubject> {
        let mut matching = self.naming(public_id, member_id);
        // The 2018–2022 profile entity carries only the member id, beside a mini-profile that
        // gives both: once the records at the public id agree on a member id, it is the subject's.
        if member_id.is_none()
            && let Some(member) = agreed(matching.iter().map(|r| &r.member_id))
        {
            matching = self.naming(public_id, Some(&member));
        }
        if matching.is_empty() {
            return None;
        }
        Some(JsonSubject {
            member_id: agreed(matching.iter().map(|r| &r.member_id)),
            name: agreed(matching.iter().map(|r| &r.name)),
            headline: agreed(matching.iter().map(|r| &r.headline)),
            location: agreed(matching.iter().map(|r| &r.location)),
        })
    }

    /// The records naming the person by one of the ids, and no one else by the other.
    fn naming(&self, public_id: Option<&str>, member_id: Option<&str>) -> Vec<&Record> {
        let differs = |mine: &Option<String>, known: Option<&str>| matches!((mine.as_deref(), known), (Some(a), Some(b)) if a != b);
        let names_subject = |r: &&Record| {
            let named = (public_id.is_some() && r.public_id.as_deref() == public_id)
                || (member_id.is_some() && r.member_id.as_deref() == member_id);
            named && !differs(&r.public_id, public_id) && !differs(&r.member_id, member_id)
        };
        self.records.iter().filter(names_subject).collect()
    }

    /// The signed-in viewer, when the page embeds their "/me" record.
    pub fn viewer(&self) -> Option<Viewer> {
        let member_id = self.viewer_member.clone()?;
        let public_id = self
            .records
            .iter()
            .filter(|r| r.member_id.as_deref() == Some(member_id.as_str()))
            .find_map(|r| r.public_id.clone());
        Some(Viewer {
            member_id,
            public_id,
        })
    }
}

/// The one value all present values share; `None` when there is none or they disagree.
fn agreed<'a>(values: impl Iterator<Item = &'a Option<String>>) -> Option<String> {
    let mut present = values.flatten();
    let first = present.next()?;
    present.all(|v| v == first).then(|| first.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::scraper_dom::ScraperDom;

    const VIEWER: &str = "ACoAADxr9WMBZUQn2wCbSSTWwY5si5p8lxqP_rw";
    const SUBJECT: &str = "ACoAABS9BdoBSJFfAvbRCM0dr7lB5Eggww93Ld0";

    fn page() -> ScraperDom {
        ScraperDom::parse(&format!(
            r#"<body>
            <code style="display: none">{{"data":{{"*miniProfile":"urn:li:fs_miniProfile:{VIEWER}","$type":"com.linkedin.voyager.common.Me"}},
              "included":[{{"entityUrn":"urn:li:fs_miniProfile:{VIEWER}","publicIdentifier":"the-viewer","firstName":"Vera","lastName":"Viewer"}}]}}</code>
            <code style="display: none">{{"included":[
              {{"entityUrn":"urn:li:fsd_profile:{VIEWER}","publicIdentifier":"the-viewer","firstName":"Vera","lastName":"Viewer","headline":"Student"}},
              {{"entityUrn":"urn:li:fsd_profile:{SUBJECT}","publicIdentifier":"eduardo","firstName":"Eduardo","lastName":"Alvarez","headline":"Tech Lead"}}]}}</code>
            <code>urn:li:page:d_flagship3_profile_view_base</code></body>"#
        ))
    }

    // proves P4: the first publicIdentifier on the page is the viewer's; only the record whose
    // id is the URL's is used.
    #[test]
    fn viewer_record_first_is_never_the_subject() {
        let dom = page();
        let people = EmbeddedPeople::scan(&dom, &dom.root());
        let subject = people.subject(Some("eduardo"), None).unwrap();
        assert_eq!(subject.member_id.as_deref(), Some(SUBJECT));
        assert_eq!(subject.name.as_deref(), Some("Eduardo Alvarez"));
        assert_eq!(subject.headline.as_deref(), Some("Tech Lead"));
        assert_eq!(people.subject(Some("someone-else"), None), None);
    }

    // proves P3: the "/me" record names the viewer, for telling the viewer's own profile.
    #[test]
    fn viewer_from_me_record() {
        let dom = page();
        let people = EmbeddedPeople::scan(&dom, &dom.root());
        assert_eq!(
            people.viewer(),
            Some(Viewer {
                member_id: VIEWER.into(),
                public_id: Some("the-viewer".into())
            })
        );
    }

    // proves P4: a record naming the URL's public id with another member id is not trusted.
    #[test]
    fn record_with_mismatched_ids_is_ignored() {
        let dom = page();
        let people = EmbeddedPeople::scan(&dom, &dom.root());
        assert_eq!(people.subject(Some("eduardo"), Some(VIEWER)), None);
    }

    // proves P4: the member-id-only profile entity (2018–2022) is the subject's through the
    // mini-profile at the URL's public id, and never the viewer's.
    #[test]
    fn profile_entity_joined_through_the_mini_profile() {
        let dom = ScraperDom::parse(&format!(
            r#"<code>{{"included":[
              {{"entityUrn":"urn:li:fs_miniProfile:{SUBJECT}","publicIdentifier":"eduardo","firstName":"Eduardo","lastName":"Alvarez"}},
              {{"entityUrn":"urn:li:fs_profile:{SUBJECT}","locationName":"Madrid, España","headline":"Tech Lead"}},
              {{"entityUrn":"urn:li:fs_profile:{VIEWER}","locationName":"Lisboa","headline":"Student"}}]}}</code>"#
        ));
        let people = EmbeddedPeople::scan(&dom, &dom.root());
        let subject = people.subject(Some("eduardo"), None).unwrap();
        assert_eq!(subject.location.as_deref(), Some("Madrid, España"));
        assert_eq!(subject.headline.as_deref(), Some("Tech Lead"));
        assert_eq!(subject.member_id.as_deref(), Some(SUBJECT));
    }
}
