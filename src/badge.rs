//! From the CRM's answer to what the badge shows (PRODUCT.md B1, B3).

use crate::crm::{ContactCard, LookupResult};
use crate::protocol::{BadgeState, BadgeView, FieldDifference, PersonQuery};

/// The badge for one person, given the CRM's matches for them.
pub fn badge_for(person: &PersonQuery, result: &LookupResult) -> BadgeView {
    match result.matches.as_slice() {
        [] => BadgeView::bare(BadgeState::NotInCrm),
        [only] => {
            let differences = differences(person, &only.contact);
            let state = if differences.is_empty() {
                BadgeState::InCrm
            } else {
                BadgeState::OutOfDate
            };
            BadgeView {
                contact: Some(only.contact.clone()),
                differences,
                ..BadgeView::bare(state)
            }
        }
        several => BadgeView {
            matches: several.to_vec(),
            ..BadgeView::bare(BadgeState::Multiple)
        },
    }
}

/// The fields whose CRM value differs from what the profile shows. A field the profile does not
/// show is never a difference: we only claim "out of date" on evidence.
pub fn differences(person: &PersonQuery, contact: &ContactCard) -> Vec<FieldDifference> {
    let pairs = [
        ("title", person.title.as_deref(), contact.title.as_deref()),
        (
            "company",
            person.company.as_deref(),
            contact.company.as_deref(),
        ),
        (
            "location",
            person.location.as_deref(),
            contact.location.as_deref(),
        ),
    ];
    pairs
        .into_iter()
        .filter_map(|(field, profile, crm)| {
            let profile = profile.map(str::trim).filter(|p| !p.is_empty())?;
            let same = crm.is_some_and(|c| fold(c) == fold(profile));
            (!same).then(|| FieldDifference {
                field: field.to_string(),
                crm: crm.map(str::to_string),
                profile: Some(profile.to_string()),
            })
        })
        .collect()
}

/// Case and white space do not make a record out of date.
fn fold(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crm::{ContactMatch, MatchKey};

    fn contact(id: i64, company: Option<&str>, location: Option<&str>) -> ContactMatch {
        ContactMatch {
            contact: ContactCard {
                id,
                full_name: "Ada Lovelace".into(),
                company: company.map(Into::into),
                location: location.map(Into::into),
                url: format!("http://crm/contacts/{id}"),
                ..ContactCard::default()
            },
            score: 1.0,
            matched_on: vec![MatchKey::PublicId],
        }
    }

    fn person(company: Option<&str>, location: Option<&str>) -> PersonQuery {
        PersonQuery {
            company: company.map(Into::into),
            location: location.map(Into::into),
            ..PersonQuery::default()
        }
    }

    fn result(matches: Vec<ContactMatch>) -> LookupResult {
        LookupResult {
            reference: "0".into(),
            matches,
        }
    }

    // proves B1: states follow the number of matches and the record's freshness.
    #[test]
    fn states_from_matches() {
        let p = person(Some("Analytical Engines"), Some("London"));
        assert_eq!(badge_for(&p, &result(vec![])).state, BadgeState::NotInCrm);
        let same = contact(1, Some("analytical  engines"), Some("London"));
        let view = badge_for(&p, &result(vec![same.clone()]));
        assert_eq!(view.state, BadgeState::InCrm);
        assert_eq!(view.contact.map(|c| c.id), Some(1));
        let moved = contact(1, Some("Analytical Engines"), Some("Paris"));
        let view = badge_for(&p, &result(vec![moved]));
        assert_eq!(view.state, BadgeState::OutOfDate);
        assert_eq!(view.differences.len(), 1);
        assert_eq!(view.differences[0].field, "location");
        assert_eq!(view.differences[0].crm.as_deref(), Some("Paris"));
        let view = badge_for(&p, &result(vec![same.clone(), contact(2, None, None)]));
        assert_eq!(view.state, BadgeState::Multiple);
        assert_eq!(view.matches.len(), 2);
    }

    #[test]
    fn unknown_profile_fields_are_not_differences() {
        let p = person(None, None);
        let view = badge_for(&p, &result(vec![contact(1, Some("X"), Some("Y"))]));
        assert_eq!(view.state, BadgeState::InCrm);
    }
}
