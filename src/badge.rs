//! From the CRM's answer to what the badge and its hover card show (PRODUCT.md B1–B3, B5).

use crate::case;
use crate::crm::{ContactCard, ContactMatch, LookupResult, MatchKey};
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
            // The match rides along so the card can say why it matched (B3).
            BadgeView {
                contact: Some(only.contact.clone()),
                matches: vec![only.clone()],
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

/// A match the CRM found by evidence short of an exact key (email, phone, or the scored name
/// match): it is never updated unasked, so the card asks "is this the person?" (B3).
/// A badge in `state` has a hover card: one contact (`has_contact`), or several to pick from.
pub fn has_hover_card(state: BadgeState, has_contact: bool) -> bool {
    match state {
        BadgeState::InCrm | BadgeState::OutOfDate => has_contact,
        BadgeState::Multiple => true,
        _ => false,
    }
}

pub fn probable(m: &ContactMatch) -> bool {
    !m.matched_on.iter().any(|key| {
        matches!(
            key,
            MatchKey::ManualLink | MatchKey::PublicId | MatchKey::ProfileUrl | MatchKey::MemberUrn
        )
    })
}

/// The match behind a badge that shows one contact: the user may confirm or reject it.
pub fn single_probable(view: &BadgeView) -> Option<&ContactMatch> {
    match (view.state, view.matches.as_slice()) {
        (BadgeState::InCrm | BadgeState::OutOfDate, [only]) if probable(only) => Some(only),
        _ => None,
    }
}

/// One word of a `|`-separated list message (`cardLabels`, `matchKeys`, `fieldNames`): the
/// card looks each list up once per render instead of once per word. A missing part is empty.
pub fn list_part(list: &str, index: usize) -> &str {
    list.split('|')
        .nth(index)
        .map(str::trim)
        .unwrap_or_default()
}

/// Where a key the CRM matched on sits in the `matchKeys` message ("why it matched", B3).
pub fn match_key_index(key: MatchKey) -> usize {
    match key {
        MatchKey::ManualLink => 0,
        MatchKey::PublicId => 1,
        MatchKey::ProfileUrl => 2,
        MatchKey::MemberUrn => 3,
        MatchKey::Email => 4,
        MatchKey::Phone => 5,
        MatchKey::Name => 6,
        MatchKey::Company => 7,
        MatchKey::Location => 8,
        MatchKey::Other => 9,
    }
}

/// The score as a whole percentage, `0.9` → 90: integers only, so the wasm carries no float
/// formatting. Out-of-range or NaN scores read as 0 or 100.
pub fn score_percent(score: f64) -> u32 {
    // `as` saturates and maps NaN to 0.
    ((score * 100.0 + 0.5) as u32).min(100)
}

/// Where the hover card's labels sit in the `cardLabels` message.
pub const LABEL_EMAIL: usize = 0;
pub const LABEL_PHONE: usize = 1;
pub const LABEL_OWNER: usize = 2;
pub const LABEL_POOLS: usize = 3;
pub const LABEL_VACANCIES: usize = 4;
pub const LABEL_UPDATED: usize = 5;

/// What the hover card lists about a contact, as label positions in `cardLabels` and values;
/// empty values are left out (B2). The last update comes last, written by the browser.
pub fn card_facts(contact: &ContactCard) -> Vec<(usize, String)> {
    let join = |items: &[String]| items.join(", ");
    [
        (LABEL_EMAIL, contact.email.clone().unwrap_or_default()),
        (LABEL_PHONE, contact.phone.clone().unwrap_or_default()),
        (LABEL_OWNER, contact.owner.clone().unwrap_or_default()),
        (LABEL_POOLS, join(&contact.pools)),
        (LABEL_VACANCIES, join(&contact.vacancies)),
    ]
    .into_iter()
    .filter(|(_, value)| !value.trim().is_empty())
    .collect()
}

/// Where a contact field's name sits in the `fieldNames` message (differences, update preview).
pub fn field_index(field: &str) -> usize {
    match field {
        "full_name" => 0,
        "headline" => 1,
        "title" => 2,
        "company" => 3,
        "location" => 4,
        "email" => 5,
        "phone" => 6,
        _ => 7,
    }
}

/// Case and white space do not make a record out of date (a word-final `ς` is a `σ`, as
/// `case::lower` writes a capital sigma anywhere).
fn fold(s: &str) -> String {
    case::lower(&s.split_whitespace().collect::<Vec<_>>().join(" ")).replace('ς', "σ")
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
    // The content script loads the UI module on hover only for badges with a card.
    #[test]
    fn which_badges_have_a_hover_card() {
        for state in BadgeState::ALL {
            let expected = match state {
                BadgeState::InCrm | BadgeState::OutOfDate => (false, true),
                BadgeState::Multiple => (true, true),
                _ => (false, false),
            };
            let actual = (has_hover_card(state, false), has_hover_card(state, true));
            assert_eq!(actual, expected, "{state:?}");
        }
    }

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
        // Case alone, in any script, is no difference; a capital sigma and a final one are one.
        let greek = person(Some("ΜΗΧΑΝΈΣ ΑΝΑΛΥΣΗΣ"), Some("ΑΘΗΝΑ"));
        let view = badge_for(
            &greek,
            &result(vec![contact(1, Some("Μηχανές Αναλυσης"), Some("Αθηνα"))]),
        );
        assert_eq!(view.state, BadgeState::InCrm);
        let view = badge_for(&p, &result(vec![same.clone(), contact(2, None, None)]));
        assert_eq!(view.state, BadgeState::Multiple);
        assert_eq!(view.matches.len(), 2);
    }

    // proves B3: the single match rides along with its reasons; exact keys and manual links
    // are sure, email, phone and the scored name match are only probable.
    #[test]
    fn a_single_match_keeps_its_reasons_and_says_whether_it_is_probable() {
        let p = person(Some("Analytical Engines"), Some("London"));
        let exact = contact(1, Some("Analytical Engines"), Some("London"));
        let view = badge_for(&p, &result(vec![exact.clone()]));
        assert_eq!(view.matches, vec![exact.clone()]);
        assert!(single_probable(&view).is_none());

        let scored = ContactMatch {
            score: 0.9,
            matched_on: vec![MatchKey::Name, MatchKey::Company, MatchKey::Location],
            ..exact.clone()
        };
        let view = badge_for(&p, &result(vec![scored.clone()]));
        assert_eq!(view.state, BadgeState::InCrm);
        assert_eq!(single_probable(&view), Some(&scored));
        for keys in [vec![MatchKey::Email], vec![MatchKey::Phone, MatchKey::Name]] {
            let m = ContactMatch {
                matched_on: keys,
                ..exact.clone()
            };
            assert!(probable(&m));
        }
        for key in [
            MatchKey::ManualLink,
            MatchKey::ProfileUrl,
            MatchKey::MemberUrn,
        ] {
            let m = ContactMatch {
                matched_on: vec![MatchKey::Name, key],
                ..exact.clone()
            };
            assert!(!probable(&m), "{key:?}");
        }
        // Several matches are picked from the list, never confirmed one by one.
        let view = badge_for(&p, &result(vec![scored.clone(), scored]));
        assert!(single_probable(&view).is_none());
    }

    #[test]
    fn scores_read_as_whole_percentages() {
        for (score, percent) in [
            (1.0, 100),
            (0.9, 90),
            (0.755, 76),
            (0.0, 0),
            (-1.0, 0),
            (7.0, 100),
            (f64::NAN, 0),
        ] {
            assert_eq!(score_percent(score), percent, "{score}");
        }
        let words = "your team's link|profile id| profile URL |member id|email|phone|name|company|location|another key";
        assert_eq!(
            list_part(words, match_key_index(MatchKey::PublicId)),
            "profile id"
        );
        assert_eq!(
            list_part(words, match_key_index(MatchKey::ProfileUrl)),
            "profile URL"
        );
        assert_eq!(
            list_part(words, match_key_index(MatchKey::Other)),
            "another key"
        );
        assert_eq!(list_part("a|b", 5), "");
    }

    // proves B2: the card lists email, phone, owner, pools and vacancies, leaving out blanks.
    #[test]
    fn card_facts_leave_out_what_the_crm_does_not_have() {
        let card = ContactCard {
            email: Some("ada@example.org".into()),
            phone: Some(" ".into()),
            owner: Some("Riley Recruiter".into()),
            pools: vec!["Engineering leaders".into(), "Data & AI".into()],
            ..ContactCard::default()
        };
        assert_eq!(
            card_facts(&card),
            vec![
                (LABEL_EMAIL, "ada@example.org".to_string()),
                (LABEL_OWNER, "Riley Recruiter".to_string()),
                (LABEL_POOLS, "Engineering leaders, Data & AI".to_string()),
            ]
        );
        let names = "Name|Headline|Title|Company|Location|Email|Phone|Other";
        assert_eq!(list_part(names, field_index("location")), "Location");
        assert_eq!(list_part(names, field_index("summary")), "Other");
    }

    #[test]
    fn unknown_profile_fields_are_not_differences() {
        let p = person(None, None);
        let view = badge_for(&p, &result(vec![contact(1, Some("X"), Some("Y"))]));
        assert_eq!(view.state, BadgeState::InCrm);
    }
}
