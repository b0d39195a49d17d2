//! Splitting a column into sections at its headings. A heading is found by its layout, not its
//! words: a short line in the column's heading size — the largest size below the name's that
//! stands clearly above the column's body text. Its words name the section when we know them
//! (`headings`); otherwise where it stands and what follows it do (`classify`). So a PDF saved
//! in an interface language we have no words for still splits into its sections (issue #14).

use super::classify::name_unknown;
use super::headings::{Section, heading};
use super::layout::Line;

/// A heading size is at least this much larger than the body text (the current layout:
/// 15.75 / 10.5–12 in the main column, 13 / 10.5 in the sidebar; 16 / 12 in 2017), while the
/// company lines (12 / 10.5) and the 2017 headline (13 / 12) stay below it.
const HEADING_RATIO: f32 = 1.15;
/// Sizes closer than this are one size.
const SAME_SIZE: f32 = 0.15;

/// Which column a block is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Column {
    Sidebar,
    Main,
}

/// The lines under one heading, in reading order.
#[derive(Clone, Debug)]
pub(crate) struct Block {
    pub(crate) section: Section,
    pub(crate) lines: Vec<Line>,
}

/// A block before it is named: `None` for a heading whose words we do not know.
pub(super) struct Draft {
    pub(super) section: Option<Section>,
    pub(super) lines: Vec<Line>,
}

/// Splits `lines` (one column, reading order) into sections. The first block holds what comes
/// before the first heading (`Top` in the main column: headline and location).
pub(crate) fn split(lines: Vec<Line>, name_size: f32, column: Column) -> Vec<Block> {
    let body = most_common_size(lines.iter().filter(|l| l.size < name_size - 0.5));
    let size = heading_size(&lines, name_size, column);
    let mut drafts = vec![Draft {
        section: Some(match column {
            Column::Main => Section::Top,
            Column::Sidebar => Section::Other,
        }),
        lines: Vec::new(),
    }];
    let mut heading_text: Option<(String, Line)> = None;
    for line in lines {
        let as_large_as_name = line.size >= name_size - 0.5;
        let is_heading = match size {
            Some(size) => (line.size - size).abs() < SAME_SIZE && is_short(&line.text),
            // No size stands out: fall back to known words in emphasised text.
            None => (line.bold || line.size > body + 0.4) && heading(&line.text).is_some(),
        };
        if is_heading {
            heading_text = Some(match heading_text.take() {
                // A heading wrapped over two lines is one heading.
                Some((text, last)) if continues(&last, &line) => {
                    (format!("{text} {}", line.text), line)
                }
                Some((text, _)) => {
                    drafts.push(draft(&text));
                    (line.text.clone(), line)
                }
                None => (line.text.clone(), line),
            });
            continue;
        }
        if let Some((text, _)) = heading_text.take() {
            drafts.push(draft(&text));
        }
        if as_large_as_name {
            // The 2017 layout's closing contact card repeats the name: it ends the section.
            drafts.push(Draft {
                section: Some(Section::Other),
                lines: Vec::new(),
            });
        } else if let Some(block) = drafts.last_mut() {
            block.lines.push(line);
        }
    }
    if let Some((text, _)) = heading_text {
        drafts.push(draft(&text));
    }
    name_unknown(drafts, column)
}

fn draft(heading_text: &str) -> Draft {
    Draft {
        section: heading(heading_text),
        lines: Vec::new(),
    }
}

/// `line` carries on the heading `last` (same page, the next line down).
fn continues(last: &Line, line: &Line) -> bool {
    last.page == line.page && line.y > last.y && line.y - last.y <= 1.6 * line.size
}

/// A heading names a section in a few words.
fn is_short(text: &str) -> bool {
    text.split_whitespace().count() <= 6 && text.chars().count() <= 60
}

/// The size of the column's headings, if some size stands out as one. The main column's first
/// line (the headline, right under the name) is left out: it is never a heading.
fn heading_size(lines: &[Line], name_size: f32, column: Column) -> Option<f32> {
    let skip = usize::from(column == Column::Main);
    let candidates: Vec<&Line> = lines
        .iter()
        .skip(skip)
        .filter(|l| l.size < name_size - 0.5)
        .collect();
    let body = most_common_size(candidates.iter().copied());
    let mut sizes: Vec<f32> = Vec::new();
    for line in &candidates {
        if line.size >= body * HEADING_RATIO
            && !sizes.iter().any(|s| (s - line.size).abs() < SAME_SIZE)
        {
            sizes.push(line.size);
        }
    }
    sizes.sort_by(|a, b| b.partial_cmp(a).unwrap_or(std::cmp::Ordering::Equal));
    sizes.into_iter().find(|&size| {
        let at: Vec<&&Line> = candidates
            .iter()
            .filter(|l| (l.size - size).abs() < SAME_SIZE)
            .collect();
        let short = at.iter().filter(|l| is_short(&l.text)).count();
        // Four in five lines of that size read like headings.
        short * 5 >= at.len() * 4
    })
}

/// The size most of the text is set in (weighted by characters).
pub(super) fn most_common_size<'a>(lines: impl Iterator<Item = &'a Line>) -> f32 {
    let mut sizes: Vec<(i32, usize)> = Vec::new();
    for line in lines {
        let key = (line.size * 4.0).round() as i32;
        let weight = line.text.chars().count();
        match sizes.iter_mut().find(|(k, _)| *k == key) {
            Some((_, total)) => *total += weight,
            None => sizes.push((key, weight)),
        }
    }
    sizes
        .iter()
        .max_by_key(|(_, total)| *total)
        .map_or(0.0, |(key, _)| *key as f32 / 4.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(y: f32, size: f32, text: &str) -> Line {
        Line {
            page: 1,
            x: 224.0,
            y,
            size,
            text: text.into(),
            bold: false,
            color: 0x191919,
        }
    }

    #[test]
    fn headings_in_an_unknown_language_are_found_by_size() {
        let lines = vec![
            line(87.0, 12.0, "Teknisk chef · Volvo"),
            line(102.0, 10.5, "Göteborg, Sverige"),
            line(140.0, 15.75, "Sammanfattning"),
            line(165.0, 10.5, "Bygger system som håller."),
            line(200.0, 15.75, "Erfarenhet"),
            line(230.0, 12.0, "Volvo Cars"),
            line(246.0, 10.5, "Teknisk chef"),
            line(261.0, 10.5, "mars 2021 - Present (5 år 4 månader)"),
            line(300.0, 15.75, "Utbildning"),
            line(325.0, 12.0, "Chalmers"),
            line(343.0, 10.5, "Master, Datateknik · (2010 - 2014)"),
        ];
        let blocks = split(lines, 26.0, Column::Main);
        let sections: Vec<Section> = blocks.iter().map(|b| b.section).collect();
        assert_eq!(
            sections,
            [
                Section::Top,
                Section::Summary,
                Section::Experience,
                Section::Education
            ]
        );
        assert_eq!(blocks[0].lines.len(), 2);
        assert_eq!(blocks[2].lines.len(), 3);
    }

    #[test]
    fn known_words_in_body_text_start_no_section_and_a_wrapped_heading_is_one() {
        let side = |y: f32, size: f32, text: &str| Line {
            x: 22.0,
            ..line(y, size, text)
        };
        let lines = vec![
            side(54.0, 13.0, "Contact"),
            side(74.0, 10.5, "www.linkedin.com/in/x (LinkedIn)"),
            side(110.0, 13.0, "Top Skills"),
            side(130.0, 10.5, "Experience"),
            side(147.6, 10.5, "Education"),
            side(185.0, 13.0, "Licenses &"),
            side(200.0, 13.0, "Certifications"),
            side(220.0, 10.5, "PMP"),
        ];
        let blocks = split(lines, 26.0, Column::Sidebar);
        let sections: Vec<Section> = blocks.iter().map(|b| b.section).collect();
        assert_eq!(
            sections,
            [
                Section::Other,
                Section::Contact,
                Section::TopSkills,
                Section::Certifications
            ]
        );
        assert_eq!(blocks[2].lines.len(), 2);
    }

    #[test]
    fn a_column_without_a_standout_size_has_no_headings() {
        let lines = vec![
            line(87.0, 12.0, "Headline"),
            line(102.0, 12.0, "Lisbon, Portugal"),
        ];
        assert_eq!(heading_size(&lines, 26.0, Column::Main), None);
        let blocks = split(lines, 26.0, Column::Main);
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].lines.len(), 2);
    }
}
