//! The Experience section: entries (company, title, start) from their header lines and date
//! line, and which of them are current.

use super::fields::words;
use super::headings::{is_present, month};
use super::layout::Line;
use crate::crm::Position;

/// A position as its header and date line print it.
struct Entry {
    company: String,
    title: String,
    start: String,
    current: bool,
}

/// "November 2020 - Present (2 years 8 months)" → ("November 2020", current).
fn date_range(text: &str) -> Option<(String, bool)> {
    let core = match text.trim().strip_suffix(')') {
        Some(t) => t.get(..t.rfind('(')?)?.trim(),
        None => text.trim(),
    };
    let (start, end) = [" - ", " – ", " — ", "–", " -"]
        .iter()
        .find_map(|sep| core.split_once(sep))?;
    let (start, end) = (start.trim(), end.trim());
    let short = |s: &str| s.split_whitespace().count() <= 3;
    let current = is_present(end);
    (short(start) && year(start).is_some() && short(end) && (current || year(end).is_some()))
        .then(|| (start.to_string(), current))
}

fn year(text: &str) -> Option<u32> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<u32>().ok())
        .find(|y| (1900..=2100).contains(y))
}

/// "3 years 10 months" under a company that lists several positions.
fn is_duration(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.len() <= 6
        && words.iter().any(|w| w.chars().all(|c| c.is_ascii_digit()))
        && year(text).is_none()
        && words
            .iter()
            .all(|w| w.chars().all(|c| c.is_ascii_digit()) || w.chars().all(char::is_alphabetic))
}

/// " at " in the 2017 layout's "Title at Company", in each language.
const TITLE_COMPANY_SEPARATORS: &[&str] = &[
    " at ", " chez ", " bei ", " en ", " em ", " na ", " no ", " в ", " presso ", " bij ",
];

fn entries(lines: &[&Line]) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut group_company: Option<String> = None;
    for (d, date_line) in lines.iter().enumerate() {
        let Some((start, current)) = date_range(&date_line.text) else {
            continue;
        };
        let emphasised = |l: &Line| l.size > date_line.size + 0.2 || (l.bold && !date_line.bold);
        let mut header: Vec<&Line> = Vec::new();
        let mut i = d;
        while let Some(above) = i.checked_sub(1).and_then(|j| lines.get(j)) {
            i -= 1;
            if emphasised(above) {
                header.push(above);
            } else if is_duration(&above.text)
                && i.checked_sub(1)
                    .and_then(|j| lines.get(j))
                    .is_some_and(|l| emphasised(l))
            {
                continue;
            } else {
                break;
            }
        }
        header.reverse();
        let Some(largest) = header.iter().map(|l| l.size).reduce(f32::max) else {
            continue;
        };
        let (top, rest): (Vec<&Line>, Vec<&Line>) =
            header.iter().partition(|l| l.size > largest - 0.2);
        let (company, title) = if rest.is_empty() {
            let text = words(top.iter().map(|l| l.text.as_str()));
            match TITLE_COMPANY_SEPARATORS
                .iter()
                .find_map(|sep| text.rsplit_once(sep))
            {
                Some((title, company)) => (company.trim().to_string(), title.trim().to_string()),
                None => (group_company.clone().unwrap_or_default(), text),
            }
        } else {
            let company = words(top.iter().map(|l| l.text.as_str()));
            group_company = Some(company.clone());
            (company, words(rest.iter().map(|l| l.text.as_str())))
        };
        if !title.is_empty() {
            out.push(Entry {
                company,
                title,
                start,
                current,
            });
        }
    }
    out
}

/// The positions still running ("Present"). Of several, the ones started last: those are what
/// the profile shows as the current job; older open-ended ones are side roles (the 2017 sample
/// keeps "WordPress Plugins Developer … 2003 - Present" beside its 2014 main job).
pub(super) fn current_positions(lines: Vec<&Line>) -> Vec<Position> {
    let current: Vec<Entry> = entries(&lines).into_iter().filter(|e| e.current).collect();
    let started = |e: &Entry| {
        let month = e.start.split_whitespace().find_map(month).unwrap_or(0);
        year(&e.start).map(|y| (y, month))
    };
    let latest = current.iter().filter_map(started).max();
    current
        .into_iter()
        .filter(|e| latest.is_none() || started(e) == latest)
        .map(|e| Position {
            company: e.company,
            title: e.title,
            since: Some(e.start),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_ranges_in_the_site_formats() {
        assert_eq!(
            date_range("November 2020 - Present (2 years 8 months)"),
            Some(("November 2020".into(), true))
        );
        assert_eq!(
            date_range("September 2014 - Present"),
            Some(("September 2014".into(), true))
        );
        assert_eq!(
            date_range("mai 2018 - janvier 2019 (9 mois)"),
            Some(("mai 2018".into(), false))
        );
        assert_eq!(date_range("Lisbon, Portugal"), None);
        assert_eq!(date_range("- Infrastructure Management: Ansible"), None);
        assert!(is_duration("3 years 10 months"));
        assert!(!is_duration("Lisbon Area, Portugal"));
    }
}
