//! Naming the sections whose headings are in words we do not know, by where they stand and
//! what they hold. The site prints them in a fixed order — sidebar: Contact, Top Skills,
//! Languages, then Certifications, Honors-Awards, Publications; main column: Summary,
//! Experience, Education — and each holds lines of its own kind: contact details, "Language
//! (Proficiency)" items, date ranges, "(2010 - 2014)" school years. A section that fits none
//! stays `Other`: better no field than a field filled from the wrong section.

use super::contact::is_contact_detail;
use super::experience::is_date_range;
use super::fields::items;
use super::headings::Section;
use super::layout::Line;
use super::sections::{Block, Column, Draft};

/// The blocks with every section named.
pub(super) fn name_unknown(drafts: Vec<Draft>, column: Column) -> Vec<Block> {
    match column {
        Column::Sidebar => sidebar(drafts),
        Column::Main => main(drafts),
    }
}

fn known(drafts: &[Draft], section: Section) -> bool {
    drafts.iter().any(|d| d.section == Some(section))
}

fn sidebar(drafts: Vec<Draft>) -> Vec<Block> {
    let mut has_contact = known(&drafts, Section::Contact);
    let mut has_skills = known(&drafts, Section::TopSkills);
    let mut has_languages = known(&drafts, Section::Languages);
    let mut out: Vec<Block> = Vec::new();
    for draft in drafts {
        let after_contact = out.last().is_some_and(|b| b.section == Section::Contact);
        let section = match draft.section {
            Some(section) => section,
            None if !has_contact && is_contact(&draft.lines) => {
                has_contact = true;
                Section::Contact
            }
            None if !has_languages && is_language_list(&draft.lines) => {
                has_languages = true;
                Section::Languages
            }
            // Top Skills, when shown, come right after Contact: at most three short items.
            None if !has_skills && after_contact && is_skill_list(&draft.lines) => {
                has_skills = true;
                Section::TopSkills
            }
            None => Section::Other,
        };
        out.push(Block {
            section,
            lines: draft.lines,
        });
    }
    out
}

fn main(drafts: Vec<Draft>) -> Vec<Block> {
    let experience = drafts
        .iter()
        .position(|d| d.section == Some(Section::Experience))
        .or_else(|| {
            drafts
                .iter()
                .position(|d| d.section.is_none() && d.lines.iter().any(|l| is_date_range(&l.text)))
        });
    let mut has_summary = known(&drafts, Section::Summary);
    let mut has_education = known(&drafts, Section::Education);
    let mut out = Vec::with_capacity(drafts.len());
    for (index, draft) in drafts.into_iter().enumerate() {
        let before_experience = experience.is_some_and(|e| index < e);
        let section = match draft.section {
            Some(section) => section,
            None if experience == Some(index) => Section::Experience,
            None if before_experience && !has_summary && !has_dates(&draft.lines) => {
                has_summary = true;
                Section::Summary
            }
            None if !before_experience
                && !has_education
                && (experience.is_some() || is_education(&draft.lines)) =>
            {
                has_education = true;
                Section::Education
            }
            None if experience.is_none() && !has_summary => {
                has_summary = true;
                Section::Summary
            }
            None => Section::Other,
        };
        out.push(Block {
            section,
            lines: draft.lines,
        });
    }
    out
}

fn has_dates(lines: &[Line]) -> bool {
    lines.iter().any(|l| is_date_range(&l.text))
}

/// An email, a phone number, a profile URL or a "(LinkedIn)" label.
fn is_contact(lines: &[Line]) -> bool {
    lines
        .iter()
        .any(|l| is_contact_detail(&l.text) || l.text.trim_end().ends_with("(LinkedIn)"))
}

/// Every item "Name (Proficiency)".
fn is_language_list(lines: &[Line]) -> bool {
    let items = items(lines.iter().collect());
    !items.is_empty()
        && items
            .iter()
            .all(|item| item.trim_end().ends_with(')') && item.contains('('))
}

fn is_skill_list(lines: &[Line]) -> bool {
    let items = items(lines.iter().collect());
    (1..=3).contains(&items.len()) && items.iter().all(|i| i.split_whitespace().count() <= 6)
}

/// A school's years: "… · (2010 - 2014)".
fn is_education(lines: &[Line]) -> bool {
    lines.iter().any(|l| {
        let text = l.text.trim_end();
        text.ends_with(')')
            && text.rfind('(').is_some_and(|open| {
                text.get(open..)
                    .is_some_and(|years| years.chars().filter(char::is_ascii_digit).count() >= 4)
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(section: Option<Section>, texts: &[&str]) -> Draft {
        let lines = texts
            .iter()
            .zip(0u8..)
            .map(|(text, i)| Line {
                page: 1,
                x: 22.0,
                y: 100.0 + 17.6 * f32::from(i),
                size: 10.5,
                text: (*text).into(),
                bold: false,
                color: 0,
            })
            .collect();
        Draft { section, lines }
    }

    fn sections(blocks: &[Block]) -> Vec<Section> {
        blocks.iter().map(|b| b.section).collect()
    }

    #[test]
    fn sidebar_sections_are_named_by_order_and_content() {
        let drafts = vec![
            block(Some(Section::Other), &[]),
            block(
                None,
                &[
                    "+48 600 100 200 (Komórka)",
                    "www.linkedin.com/in/x (LinkedIn)",
                ],
            ),
            block(None, &["Java", "Zarządzanie zespołem"]),
            block(None, &["Polski (Język ojczysty)", "Angielski (Biegła)"]),
            block(None, &["Oracle Certified Professional"]),
        ];
        assert_eq!(
            sections(&sidebar(drafts)),
            [
                Section::Other,
                Section::Contact,
                Section::TopSkills,
                Section::Languages,
                Section::Other
            ]
        );
    }

    #[test]
    fn without_top_skills_the_block_after_contact_may_be_languages() {
        let drafts = vec![
            block(None, &["a@b.pl"]),
            block(None, &["Polski (Język ojczysty)"]),
            block(None, &["PMP"]),
        ];
        assert_eq!(
            sections(&sidebar(drafts)),
            [Section::Contact, Section::Languages, Section::Other]
        );
    }

    #[test]
    fn main_sections_are_named_around_the_experience_dates() {
        let drafts = vec![
            block(Some(Section::Top), &["Headline", "Place"]),
            block(None, &["Prose about me."]),
            block(None, &["Acme", "Lead", "luty 2023 - Present (3 lata)"]),
            block(None, &["Uniwersytet", "Magister · (2012 - 2014)"]),
            block(None, &["Something else"]),
        ];
        assert_eq!(
            sections(&main(drafts)),
            [
                Section::Top,
                Section::Summary,
                Section::Experience,
                Section::Education,
                Section::Other
            ]
        );
        let students = vec![
            block(Some(Section::Top), &["Student"]),
            block(None, &["Uniwersytet", "Magister · (2022 - 2026)"]),
        ];
        assert_eq!(
            sections(&main(students)),
            [Section::Top, Section::Education]
        );
    }
}
