//! The update rule (PRODUCT.md E5, C3): updating an existing contact appends new data to every
//! field, except location, which is overwritten. The reference CRM applies it to a `PATCH`; the
//! extension runs the same function on the contact it has to preview exactly what an update will
//! change. One function for both, so the preview cannot promise what the CRM does not do.
//!
//! "Already there" is judged by what a person would call the same: case (Unicode, not just
//! ASCII) and runs of white space do not matter, and a value counts as present only as a whole
//! part (`Engineer` is not in `Senior Engineer`). Nothing the CRM holds is ever removed, so
//! merging the same write twice changes nothing the second time.

use crate::case;
use crate::crm::{ContactWrite, Position};
use serde::{Deserialize, Serialize};

/// Joins the parts of a one-line field: `Staff Engineer | Engineering Manager`.
pub const LINE_SEPARATOR: &str = " | ";
/// Joins the paragraphs of the summary.
pub const PARAGRAPH_SEPARATOR: &str = "\n\n";

/// A contact's fields as the CRM holds them. E-mail addresses and phone numbers are lists:
/// an update adds the profile's to those the CRM has (the first is the one cards show).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContactFields {
    pub full_name: Option<String>,
    pub headline: Option<String>,
    pub title: Option<String>,
    pub company: Option<String>,
    pub location: Option<String>,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub public_id: Option<String>,
    pub profile_url: Option<String>,
    pub member_urn: Option<String>,
    pub summary: Option<String>,
    pub skills: Vec<String>,
    pub positions: Vec<Position>,
    pub education: Vec<String>,
}

impl ContactFields {
    /// The fields of a contact created from `write`: the same cleaning as an update of an
    /// empty contact.
    pub fn from_write(write: &ContactWrite) -> Self {
        let mut fields = Self::default();
        apply(&mut fields, write);
        fields
    }
}

/// The fields, by the names the API and the UI use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    FullName,
    Headline,
    Title,
    Company,
    Location,
    Email,
    Phone,
    PublicId,
    ProfileUrl,
    MemberUrn,
    Summary,
    Skills,
    Positions,
    Education,
}

impl Field {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::FullName => "full_name",
            Self::Headline => "headline",
            Self::Title => "title",
            Self::Company => "company",
            Self::Location => "location",
            Self::Email => "email",
            Self::Phone => "phone",
            Self::PublicId => "public_id",
            Self::ProfileUrl => "profile_url",
            Self::MemberUrn => "member_urn",
            Self::Summary => "summary",
            Self::Skills => "skills",
            Self::Positions => "positions",
            Self::Education => "education",
        }
    }
}

/// How a field changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// It was empty and now has the profile's value.
    Filled,
    /// The profile's new parts were added after what the CRM had.
    Appended,
    /// The CRM's value was replaced (location only).
    Replaced,
}

/// One field an update changes, as the preview shows it. Lists read one item per line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: Field,
    pub kind: ChangeKind,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// The contact after an update, and what the update changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Merged {
    pub fields: ContactFields,
    pub changes: Vec<FieldChange>,
}

/// What updating `current` with `write` gives, without touching `current`.
pub fn merge(current: &ContactFields, write: &ContactWrite) -> Merged {
    let mut fields = current.clone();
    let changes = apply(&mut fields, write);
    Merged { fields, changes }
}

/// What an update will change, for the "out of date" preview. Empty: nothing new.
pub fn preview(current: &ContactFields, write: &ContactWrite) -> Vec<FieldChange> {
    merge(current, write).changes
}

/// Updates `fields` with `write` by the rule of E5 and returns what changed, field by field in
/// a fixed order. Empty new values never change anything.
pub fn apply(fields: &mut ContactFields, write: &ContactWrite) -> Vec<FieldChange> {
    let mut changes = Vec::new();
    let mut note = |field, change: Change| {
        if let Some((kind, before, after)) = change {
            changes.push(FieldChange {
                field,
                kind,
                before,
                after,
            });
        }
    };
    let line = |slot: &mut Option<String>, new: &Option<String>| append_line(slot, new.as_deref());

    // The rule itself says "every field": the name too. A name the CRM holds is kept, and a
    // different one from the profile is added beside it for the recruiter to judge.
    note(
        Field::FullName,
        line(&mut fields.full_name, &write.full_name),
    );
    note(Field::Headline, line(&mut fields.headline, &write.headline));
    note(Field::Title, line(&mut fields.title, &write.title));
    note(Field::Company, line(&mut fields.company, &write.company));
    note(
        Field::Location,
        overwrite(&mut fields.location, write.location.as_deref()),
    );
    note(
        Field::Email,
        append_texts(&mut fields.emails, write.email.iter(), fold),
    );
    note(
        Field::Phone,
        append_texts(&mut fields.phones, write.phone.iter(), phone_key),
    );
    note(
        Field::PublicId,
        fill(&mut fields.public_id, write.public_id.as_deref()),
    );
    note(
        Field::ProfileUrl,
        fill(&mut fields.profile_url, write.profile_url.as_deref()),
    );
    note(
        Field::MemberUrn,
        fill(&mut fields.member_urn, write.member_urn.as_deref()),
    );
    note(
        Field::Summary,
        append_paragraphs(&mut fields.summary, write.summary.as_deref()),
    );
    note(
        Field::Skills,
        append_texts(&mut fields.skills, write.skills.iter(), fold),
    );
    note(
        Field::Positions,
        append_items(
            &mut fields.positions,
            write.positions.iter(),
            position_key,
            clean_position,
        ),
    );
    note(
        Field::Education,
        append_texts(&mut fields.education, write.education.iter(), fold),
    );
    changes
}

type Change = Option<(ChangeKind, Option<String>, Option<String>)>;

/// A one-line field: the new value's parts that the field does not hold yet are added after
/// it. Parts are what [`LINE_SEPARATOR`] joins, so a value merged in once is found again.
fn append_line(slot: &mut Option<String>, new: Option<&str>) -> Change {
    let mut known: Vec<String> = slot.as_deref().map(line_parts).unwrap_or_default();
    let mut added: Vec<&str> = Vec::new();
    for part in new.map(split_line).unwrap_or_default() {
        let key = fold(part);
        if !known.contains(&key) {
            known.push(key);
            added.push(part);
        }
    }
    if added.is_empty() {
        return None;
    }
    let addition = added.join(LINE_SEPARATOR);
    let before = slot.clone().filter(|s| !s.trim().is_empty());
    let (kind, after) = match &before {
        Some(old) => (
            ChangeKind::Appended,
            format!("{}{LINE_SEPARATOR}{addition}", old.trim_end()),
        ),
        None => (ChangeKind::Filled, addition),
    };
    *slot = Some(after.clone());
    Some((kind, before, Some(after)))
}

/// The parts of a one-line value, trimmed, empty ones dropped.
fn split_line(value: &str) -> Vec<&str> {
    value
        .split('|')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// The folded parts the CRM's value already holds. Also split at `;`, the separator CRMs (and
/// earlier versions of the reference CRM) append with, so `A; B` is known to hold `B`; the
/// whole `|`-parts stay in too, so a new value containing `;` is found again once merged.
fn line_parts(value: &str) -> Vec<String> {
    let mut parts: Vec<String> = split_line(value).into_iter().map(fold).collect();
    parts.extend(
        value
            .split(['|', ';'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(fold),
    );
    parts
}

/// The summary: a new text not already contained in it becomes a further paragraph. Containment
/// (not whole parts) is enough here: a summary found inside the one the CRM holds adds nothing.
fn append_paragraphs(slot: &mut Option<String>, new: Option<&str>) -> Change {
    let new = new.map(str::trim).filter(|n| !n.is_empty())?;
    let before = slot.clone().filter(|s| !s.trim().is_empty());
    let after = match &before {
        Some(old) if fold(old).contains(&fold(new)) => return None,
        Some(old) => format!("{}{PARAGRAPH_SEPARATOR}{new}", old.trim_end()),
        None => new.to_string(),
    };
    let kind = if before.is_some() {
        ChangeKind::Appended
    } else {
        ChangeKind::Filled
    };
    *slot = Some(after.clone());
    Some((kind, before, Some(after)))
}

/// Location: the profile's says where the person is now, so it replaces the CRM's (E5).
fn overwrite(slot: &mut Option<String>, new: Option<&str>) -> Change {
    let new = new.map(str::trim).filter(|n| !n.is_empty())?;
    let before = slot.clone().filter(|s| !s.trim().is_empty());
    let kind = match &before {
        Some(old) if fold(old) == fold(new) => return None,
        Some(_) => ChangeKind::Replaced,
        None => ChangeKind::Filled,
    };
    *slot = Some(new.to_string());
    Some((kind, before, Some(new.to_string())))
}

/// Identity keys (public id, profile URL, member URN): set once, never overwritten, because
/// lookups find the contact by them and a second value would be a different person.
fn fill(slot: &mut Option<String>, new: Option<&str>) -> Change {
    let new = new.map(str::trim).filter(|n| !n.is_empty())?;
    if slot.as_deref().is_some_and(|s| !s.trim().is_empty()) {
        return None;
    }
    *slot = Some(new.to_string());
    Some((ChangeKind::Filled, None, Some(new.to_string())))
}

/// A list: new items whose key is not in it yet are added at the end, in the write's order.
/// Items already in the list are kept as they are, duplicates and all.
fn append_items<'a, T: Render + 'a, K: PartialEq>(
    list: &mut Vec<T>,
    new: impl Iterator<Item = &'a T>,
    key: impl Fn(&T) -> K,
    clean: impl Fn(&T) -> T,
) -> Change {
    let before = render(list);
    let mut keys: Vec<K> = list.iter().map(&key).collect();
    let was_empty = list.is_empty();
    let mut changed = false;
    for item in new.map(clean).filter(|i| !i.is_blank()) {
        let k = key(&item);
        if !keys.contains(&k) {
            keys.push(k);
            list.push(item);
            changed = true;
        }
    }
    if !changed {
        return None;
    }
    let kind = if was_empty {
        ChangeKind::Filled
    } else {
        ChangeKind::Appended
    };
    Some((kind, before, render(list)))
}

/// A list of texts compared by `key`; new items are trimmed, old ones kept as they are.
fn append_texts<'a>(
    list: &mut Vec<String>,
    new: impl Iterator<Item = &'a String>,
    key: fn(&str) -> String,
) -> Change {
    append_items(list, new, |s| key(s), |s| s.trim().to_string())
}

/// How a list item reads in the preview, and whether it says anything at all.
trait Render {
    fn render(&self) -> String;
    fn is_blank(&self) -> bool;
}

impl Render for String {
    fn render(&self) -> String {
        self.trim().to_string()
    }

    fn is_blank(&self) -> bool {
        self.trim().is_empty()
    }
}

impl Render for Position {
    fn render(&self) -> String {
        let mut out = [self.title.trim(), self.company.trim()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        if let Some(since) = self
            .since
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            out.push_str(&format!(" (since {since})"));
        }
        out
    }

    fn is_blank(&self) -> bool {
        self.title.trim().is_empty() && self.company.trim().is_empty()
    }
}

fn render<T: Render>(list: &[T]) -> Option<String> {
    (!list.is_empty()).then(|| {
        list.iter()
            .map(Render::render)
            .collect::<Vec<_>>()
            .join("\n")
    })
}

/// Trims what the write brings; what the CRM holds is left exactly as it is.
fn clean_position(p: &Position) -> Position {
    Position {
        company: p.company.trim().to_string(),
        title: p.title.trim().to_string(),
        since: p
            .since
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string),
    }
}

/// The same job is the same title at the same company; when it started does not make it new.
fn position_key(p: &Position) -> (String, String) {
    (fold(&p.company), fold(&p.title))
}

/// `+49 170 1234567` and `+491701234567` are one number: compare the digits (and a leading
/// `+`); a value without digits is compared as text.
fn phone_key(phone: &str) -> String {
    let trimmed = phone.trim();
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() {
        fold(phone)
    } else if trimmed.starts_with('+') {
        format!("+{digits}")
    } else {
        digits
    }
}

/// Case and white space folded away, Unicode-wide: `MÜLLER` = `müller`, `STRASSE` = `Straße`,
/// `ΟΔΥΣΣΕΥΣ` = `οδυσσευς` (final sigma). Accents stay significant: `Jose` is not `José`.
pub fn fold(s: &str) -> String {
    case::lower(&s.split_whitespace().collect::<Vec<_>>().join(" "))
        .replace('ß', "ss")
        .replace('ς', "σ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn s(v: &str) -> Option<String> {
        Some(v.to_string())
    }

    fn pos(title: &str, company: &str) -> Position {
        Position {
            company: company.into(),
            title: title.into(),
            since: None,
        }
    }

    /// One-line fields, each case: (in the CRM, in the write, expected after, change kind).
    #[test]
    fn one_line_fields_append_what_is_new() {
        // proves E5: updating appends new data to every field
        type Case<'a> = (
            Option<&'a str>,
            Option<&'a str>,
            Option<&'a str>,
            Option<ChangeKind>,
        );
        let cases: &[Case] = &[
            (
                None,
                Some("Staff Engineer"),
                Some("Staff Engineer"),
                Some(ChangeKind::Filled),
            ),
            (
                Some(""),
                Some("Staff Engineer"),
                Some("Staff Engineer"),
                Some(ChangeKind::Filled),
            ),
            (
                Some("Engineer"),
                Some("Staff Engineer"),
                Some("Engineer | Staff Engineer"),
                Some(ChangeKind::Appended),
            ),
            (
                Some("Staff Engineer"),
                Some("  staff   ENGINEER "),
                Some("Staff Engineer"),
                None,
            ),
            (
                Some("Staff Engineer"),
                Some("Engineer"),
                Some("Staff Engineer | Engineer"),
                Some(ChangeKind::Appended),
            ),
            (Some("A | B"), Some("b"), Some("A | B"), None),
            (Some("A; B"), Some("b"), Some("A; B"), None),
            (
                Some("A"),
                Some("B; C"),
                Some("A | B; C"),
                Some(ChangeKind::Appended),
            ),
            (Some("A | B; C"), Some("b; c"), Some("A | B; C"), None),
            (
                Some("A | B"),
                Some("B | C | c"),
                Some("A | B | C"),
                Some(ChangeKind::Appended),
            ),
            (None, Some("A|B"), Some("A | B"), Some(ChangeKind::Filled)),
            (Some("Engineer"), None, Some("Engineer"), None),
            (Some("Engineer"), Some("   "), Some("Engineer"), None),
            (Some("Engineer"), Some(" | "), Some("Engineer"), None),
            (None, None, None, None),
        ];
        for (i, (old, new, after, kind)) in cases.iter().enumerate() {
            for field in [
                Field::Title,
                Field::Company,
                Field::Headline,
                Field::FullName,
            ] {
                let mut current = ContactFields::default();
                let mut write = ContactWrite::default();
                let (slot, input) = match field {
                    Field::Title => (&mut current.title, &mut write.title),
                    Field::Company => (&mut current.company, &mut write.company),
                    Field::Headline => (&mut current.headline, &mut write.headline),
                    _ => (&mut current.full_name, &mut write.full_name),
                };
                *slot = old.map(str::to_string);
                *input = new.map(str::to_string);
                let merged = merge(&current, &write);
                let got = match field {
                    Field::Title => &merged.fields.title,
                    Field::Company => &merged.fields.company,
                    Field::Headline => &merged.fields.headline,
                    _ => &merged.fields.full_name,
                };
                let expected = if kind.is_some() {
                    after.map(str::to_string)
                } else {
                    old.map(str::to_string)
                };
                assert_eq!(got, &expected, "case {i} {field:?}");
                let change = merged.changes.first();
                assert_eq!(change.map(|c| c.kind), *kind, "case {i} {field:?}");
                if let Some(c) = change {
                    assert_eq!(c.field, field);
                    assert_eq!(c.after.as_deref(), *after);
                    assert_eq!(c.before, old.filter(|o| !o.is_empty()).map(str::to_string));
                }
            }
        }
    }

    #[test]
    fn location_is_overwritten() {
        // proves E5: except location, which is overwritten
        let current = ContactFields {
            location: s("Berlin, Germany"),
            ..ContactFields::default()
        };
        let write = ContactWrite {
            location: s(" London, United Kingdom "),
            ..ContactWrite::default()
        };
        let merged = merge(&current, &write);
        assert_eq!(merged.fields.location, s("London, United Kingdom"));
        assert_eq!(
            merged.changes,
            [FieldChange {
                field: Field::Location,
                kind: ChangeKind::Replaced,
                before: s("Berlin, Germany"),
                after: s("London, United Kingdom"),
            }]
        );
        // The same place in other case or spacing is no change; an empty one never erases.
        for same in ["berlin,   GERMANY", "", "   "] {
            let write = ContactWrite {
                location: s(same),
                ..ContactWrite::default()
            };
            assert_eq!(merge(&current, &write).fields, current, "{same:?}");
        }
        let empty = merge(&ContactFields::default(), &write);
        assert_eq!(empty.changes[0].kind, ChangeKind::Filled);
    }

    #[test]
    fn summary_gains_a_paragraph_unless_it_already_holds_the_text() {
        // proves E5: the summary is appended to, as a new paragraph
        let current = ContactFields {
            summary: s("Builds compilers.\n\nLoves   Rust."),
            ..ContactFields::default()
        };
        let write = |text: &str| ContactWrite {
            summary: s(text),
            ..ContactWrite::default()
        };
        let merged = merge(&current, &write("Now leads a team."));
        assert_eq!(
            merged.fields.summary,
            s("Builds compilers.\n\nLoves   Rust.\n\nNow leads a team.")
        );
        assert_eq!(merged.changes[0].kind, ChangeKind::Appended);
        for known in ["loves rust.", "Builds compilers. Loves Rust.", "  "] {
            assert!(preview(&current, &write(known)).is_empty(), "{known:?}");
        }
        let filled = merge(&ContactFields::default(), &write(" Hello "));
        assert_eq!(filled.fields.summary, s("Hello"));
    }

    #[test]
    fn lists_gain_missing_items_in_order() {
        // proves E5: skills, education, positions, e-mails and phones are appended to
        let current = ContactFields {
            skills: vec!["Rust".into(), "SQL".into()],
            education: vec!["ETH Zürich".into()],
            positions: vec![pos("Engineer", "Acme")],
            emails: vec!["Ada@Example.com".into()],
            phones: vec!["+49 170 1234567".into()],
            ..ContactFields::default()
        };
        let write = ContactWrite {
            skills: vec![
                "rust".into(),
                "Go".into(),
                " go ".into(),
                "".into(),
                "Kubernetes".into(),
            ],
            education: vec!["eth zürich".into(), "MIT".into()],
            positions: vec![
                Position {
                    since: s("2020"),
                    ..pos("ENGINEER", "acme")
                },
                pos("Staff Engineer", "Acme"),
                pos(" ", " "),
            ],
            email: s("ada@example.COM"),
            phone: s("+491701234567"),
            ..ContactWrite::default()
        };
        let merged = merge(&current, &write);
        let f = &merged.fields;
        assert_eq!(f.skills, ["Rust", "SQL", "Go", "Kubernetes"]);
        assert_eq!(f.education, ["ETH Zürich", "MIT"]);
        assert_eq!(
            f.positions,
            [pos("Engineer", "Acme"), pos("Staff Engineer", "Acme")]
        );
        assert_eq!(f.emails, ["Ada@Example.com"]);
        assert_eq!(f.phones, ["+49 170 1234567"]);
        let fields: Vec<Field> = merged.changes.iter().map(|c| c.field).collect();
        assert_eq!(fields, [Field::Skills, Field::Positions, Field::Education]);
        let skills = &merged.changes[0];
        assert_eq!(skills.before, s("Rust\nSQL"));
        assert_eq!(skills.after, s("Rust\nSQL\nGo\nKubernetes"));
        assert_eq!(
            merged.changes[1].after,
            s("Engineer, Acme\nStaff Engineer, Acme")
        );

        let other = ContactWrite {
            email: s(" ada@work.example "),
            phone: s("0171 555"),
            ..ContactWrite::default()
        };
        let merged = merge(&current, &other);
        assert_eq!(
            merged.fields.emails,
            ["Ada@Example.com", "ada@work.example"]
        );
        assert_eq!(merged.fields.phones, ["+49 170 1234567", "0171 555"]);
        assert!(
            merged
                .changes
                .iter()
                .all(|c| c.kind == ChangeKind::Appended)
        );
    }

    #[test]
    fn identity_keys_are_filled_but_never_overwritten() {
        // proves E5 and B3: a contact's lookup keys are never replaced by another person's
        let current = ContactFields {
            public_id: s("ada-lovelace"),
            ..ContactFields::default()
        };
        let write = ContactWrite {
            public_id: s("someone-else"),
            profile_url: s("https://www.linkedin.com/in/ada-lovelace/"),
            member_urn: s("  "),
            ..ContactWrite::default()
        };
        let merged = merge(&current, &write);
        assert_eq!(merged.fields.public_id, s("ada-lovelace"));
        assert_eq!(
            merged.fields.profile_url,
            s("https://www.linkedin.com/in/ada-lovelace/")
        );
        assert_eq!(merged.fields.member_urn, None);
        assert_eq!(
            merged.changes,
            [FieldChange {
                field: Field::ProfileUrl,
                kind: ChangeKind::Filled,
                before: None,
                after: s("https://www.linkedin.com/in/ada-lovelace/"),
            }]
        );
    }

    #[test]
    fn case_folding_is_unicode_wide() {
        // proves E5: the same value in other case is not new data, in any script
        let pairs = [
            ("MÜLLER GmbH", "müller gmbh"),
            ("ООО «ЯНДЕКС»", "ооо «яндекс»"),
            ("ΟΔΥΣΣΕΥΣ", "Οδυσσευς"),
            ("Straße AG", "STRASSE AG"),
            ("İstanbul Teknik", "i̇stanbul teknik"),
            ("Ärzte\u{a0}ohne  Grenzen", "ärzte ohne grenzen"),
        ];
        for (crm, profile) in pairs {
            let current = ContactFields {
                company: s(crm),
                skills: vec![crm.into()],
                ..ContactFields::default()
            };
            let write = ContactWrite {
                company: s(profile),
                skills: vec![profile.into()],
                ..ContactWrite::default()
            };
            assert!(preview(&current, &write).is_empty(), "{crm} vs {profile}");
        }
        // Accents are part of the name: José is not Jose.
        let current = ContactFields {
            full_name: s("José Núñez"),
            ..ContactFields::default()
        };
        let write = ContactWrite {
            full_name: s("Jose Nunez"),
            ..ContactWrite::default()
        };
        assert_eq!(
            merge(&current, &write).fields.full_name,
            s("José Núñez | Jose Nunez")
        );
    }

    #[test]
    fn nothing_the_crm_holds_is_removed_by_an_empty_write() {
        let current = full_contact();
        let merged = merge(&current, &ContactWrite::default());
        assert_eq!(merged.fields, current);
        assert!(merged.changes.is_empty());
    }

    #[test]
    fn a_created_contact_holds_the_cleaned_write() {
        // proves C3: create and update clean values the same way
        let write = ContactWrite {
            full_name: s("  Ada Lovelace "),
            title: s("A | a | B"),
            email: s(" ada@example.com "),
            skills: vec!["Rust".into(), "rust".into()],
            ..ContactWrite::default()
        };
        let fields = ContactFields::from_write(&write);
        assert_eq!(fields.full_name, s("Ada Lovelace"));
        assert_eq!(fields.title, s("A | B"));
        assert_eq!(fields.emails, ["ada@example.com"]);
        assert_eq!(fields.skills, ["Rust"]);
        assert!(preview(&fields, &write).is_empty());
    }

    #[test]
    fn changes_serialize_for_the_preview() {
        let change = FieldChange {
            field: Field::FullName,
            kind: ChangeKind::Appended,
            before: s("A"),
            after: s("A | B"),
        };
        let json = serde_json::to_value(&change).unwrap();
        assert_eq!(json["field"], "full_name");
        assert_eq!(json["kind"], "appended");
        assert_eq!(Field::FullName.as_str(), "full_name");
        let stored: ContactFields = serde_json::from_str(r#"{"title":"x","new":1}"#).unwrap();
        assert_eq!(stored.title, s("x"));
    }

    fn full_contact() -> ContactFields {
        ContactFields {
            full_name: s("Ada Lovelace"),
            headline: s("Analyst"),
            title: s("Engineer"),
            company: s("Acme"),
            location: s("London"),
            emails: vec!["ada@example.com".into()],
            phones: vec!["+44 20 1234".into()],
            public_id: s("ada"),
            profile_url: s("https://www.linkedin.com/in/ada/"),
            member_urn: s("urn:li:fsd_profile:ACoAAA"),
            summary: s("Hello."),
            skills: vec!["Math".into()],
            positions: vec![pos("Engineer", "Acme")],
            education: vec!["Home".into()],
        }
    }

    fn text() -> impl Strategy<Value = Option<String>> {
        proptest::option::of(prop_oneof![
            Just(String::new()),
            Just("  ".to_string()),
            "[a-cA-CäÄß |;]{0,12}",
            "(Rust|rust| RUST |Go|Straße|STRASSE|A \\| B)",
        ])
    }

    fn items() -> impl Strategy<Value = Vec<String>> {
        proptest::collection::vec("[a-cA-Cé ]{0,6}", 0..5)
    }

    fn write_strategy() -> impl Strategy<Value = ContactWrite> {
        (
            (text(), text(), text(), text(), text()),
            (text(), text(), text(), text(), text(), text()),
            (
                items(),
                items(),
                proptest::collection::vec(("[a-bA-B ]{0,3}", "[a-bA-B]{0,3}"), 0..4),
            ),
        )
            .prop_map(
                |(
                    (full_name, headline, title, company, location),
                    (email, phone, public_id, profile_url, member_urn, summary),
                    (skills, education, positions),
                )| ContactWrite {
                    full_name,
                    headline,
                    title,
                    company,
                    location,
                    email,
                    phone,
                    public_id,
                    profile_url,
                    member_urn,
                    summary,
                    skills,
                    education,
                    positions: positions
                        .into_iter()
                        .map(|(title, company)| pos(&title, &company))
                        .collect(),
                    ..ContactWrite::default()
                },
            )
    }

    proptest! {
        #[test]
        fn merging_the_same_write_twice_changes_nothing_the_second_time(
            first in write_strategy(),
            second in write_strategy(),
        ) {
            // proves E5: an update retried (or previewed again) changes nothing more
            let start = ContactFields::from_write(&first);
            prop_assert!(preview(&start, &first).is_empty());
            let once = merge(&start, &second);
            let twice = merge(&once.fields, &second);
            prop_assert!(twice.changes.is_empty(), "{:?}", twice.changes);
            prop_assert_eq!(&twice.fields, &once.fields);
            // What the preview promised is what the merge did.
            prop_assert_eq!(preview(&start, &second), once.changes.clone());
        }

        #[test]
        fn an_update_never_loses_what_the_crm_held(
            first in write_strategy(),
            second in write_strategy(),
        ) {
            // proves E5: append, never remove (location aside)
            let start = ContactFields::from_write(&first);
            let merged = merge(&start, &second).fields;
            for (old, new) in [
                (&start.full_name, &merged.full_name),
                (&start.headline, &merged.headline),
                (&start.title, &merged.title),
                (&start.company, &merged.company),
                (&start.summary, &merged.summary),
                (&start.public_id, &merged.public_id),
                (&start.profile_url, &merged.profile_url),
                (&start.member_urn, &merged.member_urn),
            ] {
                if let Some(old) = old {
                    let new = new.as_deref().unwrap_or_default();
                    prop_assert!(new.starts_with(old.trim_end()), "{:?} lost from {:?}", old, new);
                }
            }
            for (old, new) in [
                (&start.skills, &merged.skills),
                (&start.education, &merged.education),
                (&start.emails, &merged.emails),
                (&start.phones, &merged.phones),
            ] {
                prop_assert_eq!(&new[..old.len()], &old[..]);
            }
            prop_assert_eq!(&merged.positions[..start.positions.len()], &start.positions[..]);
        }
    }
}
