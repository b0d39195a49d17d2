//! The scored match on name, company, location and title (PRODUCT.md B3), for people the CRM
//! holds without any of the profile's keys.
//!
//! score = 0.9 × (0.50·name + 0.30·company + 0.12·location + 0.08·title)
//!
//! Each part is 0 to 1; a part one side does not know counts ½. The 0.9 keeps every scored
//! match below an email or phone match (0.95) and an exact key (1.0). The threshold, 0.75, needs
//! the name and the company to agree: the same name at another company scores at most
//! 0.9 × (0.5 + 0.12 + 0.08) = 0.63, however well the rest agrees; a name alone scores 0.675.

use super::company::{companies_of, company_similarity, company_words};
use super::fold::{PART_SEPARATORS, words};
use super::location::{location_parts, location_similarity};
use super::names::{name_similarity, name_words, names_of};
use talent_bridge::crm::{LookupQuery, MatchKey};

/// An exact key: public id, profile URL, member URN, or a manual link.
pub const EXACT: f64 = 1.0;
/// The same email or phone number.
pub const CONTACT_POINT: f64 = 0.95;
/// The lowest score a scored match is returned with.
pub const THRESHOLD: f64 = 0.75;

const CEILING: f64 = 0.9;
const NAME: f64 = 0.50;
const COMPANY: f64 = 0.30;
const LOCATION: f64 = 0.12;
const TITLE: f64 = 0.08;
const UNKNOWN: f64 = 0.5;

/// What a scored match compares, in comparable form. A contact's fields may hold several
/// values (updates append after `;` or `|`); the best-agreeing one counts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Person {
    pub names: Vec<Vec<String>>,
    pub companies: Vec<Vec<String>>,
    pub location: Vec<Vec<String>>,
    pub titles: Vec<Vec<String>>,
}

impl Person {
    /// The person a lookup describes (one name, company, location and title).
    pub fn from_query(query: &LookupQuery) -> Self {
        let one = |words: Vec<String>| {
            if words.is_empty() {
                Vec::new()
            } else {
                vec![words]
            }
        };
        Self {
            names: one(query.name.as_deref().map(name_words).unwrap_or_default()),
            companies: one(query
                .company
                .as_deref()
                .map(company_words)
                .unwrap_or_default()),
            location: query
                .location
                .as_deref()
                .map(location_parts)
                .unwrap_or_default(),
            titles: one(query.title.as_deref().map(words).unwrap_or_default()),
        }
    }

    /// A contact as the CRM stores it.
    pub fn from_contact(
        full_name: &str,
        company: Option<&str>,
        location: Option<&str>,
        title: Option<&str>,
    ) -> Self {
        Self {
            names: names_of(full_name),
            companies: company.map(companies_of).unwrap_or_default(),
            location: location.map(location_parts).unwrap_or_default(),
            titles: title
                .map(|t| {
                    t.split(PART_SEPARATORS)
                        .map(words)
                        .filter(|w| !w.is_empty())
                        .collect()
                })
                .unwrap_or_default(),
        }
    }
}

/// A scored match at or above the threshold.
#[derive(Clone, Debug, PartialEq)]
pub struct Scored {
    pub score: f64,
    /// `name`, then `company` and `location` when they agree.
    pub matched_on: Vec<MatchKey>,
}

/// How well `contact` matches the person a lookup describes; `None` below the threshold.
pub fn score(query: &Person, contact: &Person) -> Option<Scored> {
    let name = best(&query.names, &contact.names, name_similarity)?;
    if name == 0.0 {
        return None;
    }
    let company = best(&query.companies, &contact.companies, company_similarity);
    let location = (!query.location.is_empty() && !contact.location.is_empty())
        .then(|| location_similarity(&query.location, &contact.location));
    let title = best(&query.titles, &contact.titles, title_similarity);
    let raw = NAME * name
        + COMPANY * company.unwrap_or(UNKNOWN)
        + LOCATION * location.unwrap_or(UNKNOWN)
        + TITLE * title.unwrap_or(UNKNOWN);
    let score = CEILING * raw;
    if score < THRESHOLD {
        return None;
    }
    let mut matched_on = vec![MatchKey::Name];
    if company == Some(1.0) {
        matched_on.push(MatchKey::Company);
    }
    if location == Some(1.0) {
        matched_on.push(MatchKey::Location);
    }
    Some(Scored {
        score: (score * 1000.0).round() / 1000.0,
        matched_on,
    })
}

/// The best similarity between any value of `a` and any of `b`; `None` when a side has none.
fn best(
    a: &[Vec<String>],
    b: &[Vec<String>],
    sim: impl Fn(&[String], &[String]) -> f64,
) -> Option<f64> {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    Some(
        a.iter()
            .flat_map(|x| b.iter().map(|y| sim(x, y)))
            .fold(0.0, f64::max),
    )
}

/// 1 when one title's words are all in the other ("Engineer" and "Lead Engineer"), else 0.
fn title_similarity(a: &[String], b: &[String]) -> f64 {
    let within = |x: &[String], y: &[String]| x.iter().all(|w| y.contains(w));
    if within(a, b) || within(b, a) {
        1.0
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(name: &str, company: &str, location: &str, title: &str) -> Person {
        let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
        Person::from_query(&LookupQuery {
            name: some(name),
            company: some(company),
            location: some(location),
            title: some(title),
            ..LookupQuery::default()
        })
    }

    fn contact() -> Person {
        Person::from_contact(
            "Dorothy Vaughan",
            Some("NASA"),
            Some("Hampton, Virginia, United States"),
            Some("Mathematician"),
        )
    }

    // proves B3: the threshold needs name and company; nothing else makes up for another company.
    #[test]
    fn the_formula_keeps_namesakes_apart() {
        let s = |q: Person| score(&q, &contact()).map(|s| s.score);
        assert_eq!(
            s(query("Dorothy Vaughan", "NASA", "Hampton", "Mathematician")),
            Some(0.9)
        );
        assert!(s(query("Dorothy Vaughan", "NASA", "", "")).is_some());
        assert!(
            s(query("Dorothy Vaughan", "NASA", "Boston", "")).is_some(),
            "moved"
        );
        assert_eq!(
            s(query(
                "Dorothy Vaughan",
                "Boeing",
                "Hampton",
                "Mathematician"
            )),
            None
        );
        assert_eq!(
            s(query("Dorothy Vaughan", "", "Hampton", "")),
            None,
            "no company"
        );
        assert_eq!(
            s(query("Dorothy Vaughan", "", "", "")),
            None,
            "a name alone"
        );
        assert_eq!(
            s(query("Dorothy Smith", "NASA", "Hampton", "Mathematician")),
            None
        );
    }

    #[test]
    fn matched_on_names_what_agreed() {
        let scored = score(
            &query("Vaughan, Dorothy", "NASA Inc", "Hampton, VA", ""),
            &contact(),
        );
        let on = scored.map(|s| s.matched_on).unwrap_or_default();
        assert_eq!(on, [MatchKey::Name, MatchKey::Company, MatchKey::Location]);
    }
}
