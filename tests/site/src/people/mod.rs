//! The people the site knows: the named ones from `people.json` (ids other parts of the
//! project seed their CRM with) and generated fictional ones that fill search pages.

use serde::{Deserialize, Serialize};

mod career;
mod generated;

use generated::generated;
pub use generated::member_id_for;
use talent_bridge::case;

const PEOPLE_JSON: &str = include_str!("../../people.json");

/// How many generated "Test Person NN" there are.
pub const GENERATED: usize = 48;

/// Who may see a profile.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    #[default]
    Public,
    /// Renders the "Profile not found" page.
    Private,
    /// Out of network: shown as "LinkedIn Member" with no details.
    Limited,
}

/// One position of the experience section (`start`/`end` are `YYYY-MM`; no end = present).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Position {
    pub title: String,
    pub company: String,
    #[serde(default)]
    pub employment_type: String,
    pub start: String,
    #[serde(default)]
    pub end: Option<String>,
    #[serde(default)]
    pub location: String,
    #[serde(default)]
    pub description: String,
}

/// One entry of the education section (`start`/`end` are years).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Schooling {
    pub school: String,
    #[serde(default)]
    pub degree: String,
    #[serde(default)]
    pub field: String,
    #[serde(default)]
    pub start: String,
    #[serde(default)]
    pub end: String,
}

/// A member of the site.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Person {
    pub public_id: String,
    /// `ACoAA…`; derived from the public id when the file does not fix one.
    #[serde(default)]
    pub member_id: String,
    pub name: String,
    pub headline: String,
    pub title: String,
    pub company: String,
    pub school: String,
    pub location: String,
    /// Connection degree to the viewer: 1, 2 or 3 (0 for the viewer).
    pub degree: u8,
    #[serde(default)]
    pub pronouns: Option<String>,
    #[serde(default)]
    pub about: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub website: Option<String>,
    #[serde(default)]
    pub connections: u32,
    #[serde(default)]
    pub followers: u32,
    #[serde(default)]
    pub visibility: Visibility,
    /// The site offers no "Save to PDF" for this person.
    #[serde(default)]
    pub no_pdf: bool,
    #[serde(default)]
    pub experience: Vec<Position>,
    #[serde(default)]
    pub education: Vec<Schooling>,
    #[serde(default)]
    pub skills: Vec<String>,
    #[serde(default)]
    pub languages: Vec<String>,
}

impl Person {
    /// The profile URL the site prints in links: `https://www.linkedin.com/in/<slug>/`.
    pub fn profile_url(&self) -> String {
        format!(
            "https://www.linkedin.com/in/{}/",
            crate::url::encode(&self.public_id)
        )
    }

    /// `urn:li:fsd_profile:ACoAA…`
    pub fn urn(&self) -> String {
        format!("urn:li:fsd_profile:{}", self.member_id)
    }

    /// Email and phone show in contact info only to first-degree connections.
    pub fn shares_contact_info(&self) -> bool {
        self.degree <= 1
    }
}

#[derive(Deserialize)]
struct PeopleFile {
    viewer: String,
    people: Vec<Person>,
}

/// Everyone, in the site's stable order: named people (file order), then generated ones.
#[derive(Clone, Debug)]
pub struct People {
    all: Vec<Person>,
    viewer: usize,
}

impl People {
    pub fn load() -> Result<Self, String> {
        let file: PeopleFile =
            serde_json::from_str(PEOPLE_JSON).map_err(|e| format!("people.json: {e}"))?;
        let mut all = file.people;
        all.extend((1..=GENERATED).map(generated));
        for person in &mut all {
            if person.member_id.is_empty() {
                person.member_id = member_id_for(&person.public_id);
            }
        }
        let viewer = all
            .iter()
            .position(|p| p.public_id == file.viewer)
            .ok_or_else(|| format!("people.json: viewer {} is not listed", file.viewer))?;
        Ok(Self { all, viewer })
    }

    pub fn all(&self) -> &[Person] {
        &self.all
    }

    /// The signed-in member the site shows in its nav bar.
    pub fn viewer(&self) -> Option<&Person> {
        self.all.get(self.viewer)
    }

    pub fn is_viewer(&self, person: &Person) -> bool {
        self.viewer()
            .is_some_and(|v| v.public_id == person.public_id)
    }

    /// By vanity slug (decoded, any case) or by member id (exact), like `/in/<id>/`.
    pub fn find(&self, id: &str) -> Option<&Person> {
        if let Some(p) = self.all.iter().find(|p| p.member_id == id) {
            return Some(p);
        }
        let wanted = case::lower(id);
        self.all
            .iter()
            .find(|p| case::lower(&p.public_id) == wanted)
    }

    /// People search results: everyone but the viewer and private profiles; names that
    /// contain the keywords first, limited members last (as the real site sorts them).
    pub fn search(&self, keywords: &str) -> Vec<&Person> {
        let wanted = case::lower(keywords.trim());
        let mut hits: Vec<&Person> = self
            .all
            .iter()
            .filter(|p| !self.is_viewer(p) && p.visibility != Visibility::Private)
            .collect();
        hits.sort_by_key(|p| {
            let named = !wanted.is_empty() && case::lower(&p.name).contains(&wanted);
            (p.visibility == Visibility::Limited, !named)
        });
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_named_people_other_components_seed_are_there() {
        let people = People::load().unwrap();
        let ada = people.find("ada-lovelace").unwrap();
        assert_eq!(ada.name, "Ada Lovelace");
        assert_eq!(ada.headline, "Lead Engineer at Analytical Engines");
        assert_eq!(
            (ada.title.as_str(), ada.company.as_str()),
            ("Lead Engineer", "Analytical Engines")
        );
        assert_eq!(ada.school, "University of London");
        assert_eq!(ada.location, "London, England, United Kingdom");
        assert_eq!(ada.degree, 2);
        for id in [
            "grace-hopper",
            "katherine-johnson",
            "jürgen-müller",
            "margaret-hamilton",
            "edsger-dijkstra",
            "barbara-liskov",
            "alan-turing",
            "hedy-lamarr",
            "dorothy-vaughan",
            "riley-recruiter",
            "private-person",
            "limited-member",
        ] {
            assert!(people.find(id).is_some(), "{id}");
        }
        assert!(people.find("hedy-lamarr").unwrap().no_pdf);
        assert_eq!(
            people.find("barbara-liskov").unwrap().member_id,
            "ACoAAB1234567890abcdefGHIJKLmnopQRSTuv"
        );
        assert_eq!(people.viewer().unwrap().public_id, "riley-recruiter");
        assert!(people.all().len() >= 40 + 12);
    }

    #[test]
    fn member_ids_are_stable_unique_and_shaped_like_the_real_ones() {
        let people = People::load().unwrap();
        let mut ids: Vec<&str> = people.all().iter().map(|p| p.member_id.as_str()).collect();
        for p in people
            .all()
            .iter()
            .filter(|p| p.public_id != "barbara-liskov")
        {
            assert_eq!(p.member_id.len(), 39, "{}", p.member_id);
            assert!(p.member_id.starts_with("ACoAA"));
            assert!(
                p.member_id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            );
            assert_eq!(p.member_id, member_id_for(&p.public_id));
        }
        let count = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), count);
    }

    #[test]
    fn lookup_by_slug_ignores_case_and_by_member_id_is_exact() {
        let people = People::load().unwrap();
        assert_eq!(
            people.find("Ada-Lovelace").unwrap().public_id,
            "ada-lovelace"
        );
        assert_eq!(
            people.find("JÜRGEN-MÜLLER").unwrap().public_id,
            "jürgen-müller"
        );
        let member_id = people.find("grace-hopper").unwrap().member_id.clone();
        assert_eq!(people.find(&member_id).unwrap().public_id, "grace-hopper");
        assert!(people.find(&case::lower(&member_id)).is_none());
    }

    #[test]
    fn search_puts_named_people_first_and_leaves_out_the_viewer_and_private() {
        let people = People::load().unwrap();
        let hits = people.search("engineer");
        let first: Vec<&str> = hits.iter().take(10).map(|p| p.public_id.as_str()).collect();
        for id in [
            "ada-lovelace",
            "grace-hopper",
            "alan-turing",
            "katherine-johnson",
        ] {
            assert!(first.contains(&id), "{id} in {first:?}");
        }
        assert!(hits.iter().all(|p| p.public_id != "riley-recruiter"));
        assert!(hits.iter().all(|p| p.public_id != "private-person"));
        assert_eq!(hits.last().unwrap().public_id, "limited-member");
        assert_eq!(
            people.search("test person 07").first().unwrap().public_id,
            "test-person-07"
        );
    }
}
