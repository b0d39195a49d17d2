//! Headline and location: the lines between the name and the first heading (DESIGN.md §7). The
//! headline is set in one style; the location follows in another (a grey in the current
//! layout), or is the last line when all share one style. What cannot be a headline or a
//! location — too long, several styles deep, a date range — is a section whose heading was
//! missed, and is left out: an empty field is better than one filled with job titles and dates
//! (issue #14).

use super::contact::is_contact_detail;
use super::experience::is_date_range;
use super::fields::{non_empty, words};
use super::headings::Section;
use super::layout::{Layout, Line};

/// The site caps a headline at 220 characters.
const MAX_HEADLINE_CHARS: usize = 220;
/// "City, Region, Country" in any language fits well within this.
const MAX_LOCATION_CHARS: usize = 100;
const MAX_LOCATION_LINES: usize = 2;

pub(super) fn headline_and_location(layout: &Layout) -> (Option<String>, Option<String>) {
    let lines: Vec<&Line> = layout
        .lines(Section::Top)
        .filter(|l| !is_contact_detail(&l.text))
        .collect();
    let Some(first) = lines.first() else {
        return (None, None);
    };
    let headline_len = lines
        .iter()
        .position(|l| !same_style(l, first))
        .unwrap_or(lines.len());
    let (mut headline, rest) = lines.split_at(headline_len);
    let location = match rest.first() {
        Some(start) => {
            let end = rest
                .iter()
                .position(|l| !same_style(l, start))
                .unwrap_or(rest.len());
            rest.get(..end).unwrap_or_default()
        }
        // One style throughout: the last line is the location (the wrapped French sample).
        None if headline.len() > 1 => {
            let (head, last) = headline.split_at(headline.len() - 1);
            headline = head;
            last
        }
        None => &[],
    };
    (plausible_headline(headline), plausible_location(location))
}

fn same_style(a: &Line, b: &Line) -> bool {
    (a.size - b.size).abs() < 0.2 && a.color == b.color
}

fn plausible_headline(lines: &[&Line]) -> Option<String> {
    let text = non_empty(words(lines.iter().map(|l| l.text.as_str())))?;
    let dated = lines.iter().any(|l| is_date_range(&l.text));
    (text.chars().count() <= MAX_HEADLINE_CHARS && !dated).then_some(text)
}

fn plausible_location(lines: &[&Line]) -> Option<String> {
    let text = non_empty(words(lines.iter().map(|l| l.text.as_str())))?;
    let dated = lines.iter().any(|l| is_date_range(&l.text));
    (lines.len() <= MAX_LOCATION_LINES && text.chars().count() <= MAX_LOCATION_CHARS && !dated)
        .then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::sections::Block;

    fn line(y: f32, size: f32, color: u32, text: &str) -> Line {
        Line {
            page: 1,
            x: 224.0,
            y,
            size,
            text: text.into(),
            bold: false,
            color,
        }
    }

    fn top(lines: Vec<Line>) -> Layout {
        Layout {
            name: Vec::new(),
            blocks: vec![Block {
                section: Section::Top,
                lines,
            }],
        }
    }

    #[test]
    fn headline_then_location_in_another_colour() {
        let layout = top(vec![
            line(87.0, 12.0, 0x191919, "Creative Problem-"),
            line(102.0, 12.0, 0x191919, "Solver"),
            line(117.0, 12.0, 0xb1b1b1, "Lisboa, Portugal"),
        ]);
        assert_eq!(
            headline_and_location(&layout),
            (
                Some("Creative Problem-Solver".into()),
                Some("Lisboa, Portugal".into())
            )
        );
    }

    #[test]
    fn what_a_missed_heading_leaves_in_the_top_block_fills_no_field() {
        // A headline and location, then a section whose heading was not recognised.
        let layout = top(vec![
            line(87.0, 12.0, 0x191919, "Kierownik Zespołu"),
            line(102.0, 12.0, 0xb1b1b1, "Kraków, Małopolskie, Polska"),
            line(140.0, 15.75, 0x191919, "Doświadczenie"),
            line(170.0, 12.0, 0x191919, "Allegro"),
            line(201.0, 10.5, 0x191919, "luty 2023 - Present (3 lata)"),
        ]);
        assert_eq!(
            headline_and_location(&layout),
            (
                Some("Kierownik Zespołu".into()),
                Some("Kraków, Małopolskie, Polska".into())
            )
        );
        // One style throughout, job titles and dates: neither field can be told apart.
        let mut lines = vec![line(87.0, 12.0, 0x191919, "Lead Engineer")];
        for i in 0..12u8 {
            let y = 100.0 + 30.0 * f32::from(i);
            lines.push(line(y, 12.0, 0x191919, "Acme Corporation International"));
            lines.push(line(
                y + 15.0,
                12.0,
                0x191919,
                "March 2020 - Present (5 years)",
            ));
        }
        assert_eq!(headline_and_location(&top(lines)), (None, None));
        // Longer than the site allows a headline to be.
        let long: Vec<Line> = (0..20u8)
            .map(|i| {
                line(
                    87.0 + 15.0 * f32::from(i),
                    12.0,
                    0x191919,
                    "Engineer Manager Lead",
                )
            })
            .collect();
        assert_eq!(headline_and_location(&top(long)).0, None);
    }
}
