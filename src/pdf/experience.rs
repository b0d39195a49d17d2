//! The Experience section: entries (company, title, start) from their header lines and date
//! line, and which of them are current. The current layout prints a company line above each
//! role's title, or once above several roles at one company (company, total duration, then
//! each role with its dates — a group may go on at the top of the next page); the 2017 layout
//! prints "Title at Company" on one line.

use super::fields::words;
use super::headings::is_present;
use super::layout::Line;
use super::months::month;
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

/// A "start - end" line of a position.
pub(super) fn is_date_range(text: &str) -> bool {
    date_range(text).is_some()
}

fn year(text: &str) -> Option<u32> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<u32>().ok())
        .find(|y| (1900..=2100).contains(y))
}

/// "3 years 10 months", "3 lata 10 miesięcy", "3년 10개월": the total under a company that
/// lists several positions — numbers, each with or without a unit word, and no year.
fn is_duration(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let is_number = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
    let is_word = |w: &str| w.chars().all(char::is_alphabetic);
    // "3년": digits with the unit written on.
    let is_count = |w: &str| {
        let unit = w.trim_start_matches(|c: char| c.is_ascii_digit());
        unit.len() < w.len() && is_word(unit)
    };
    !words.is_empty()
        && words.len() <= 6
        && words.iter().any(|w| is_number(w) || is_count(w))
        && year(text).is_none()
        && words
            .iter()
            .all(|w| is_number(w) || is_word(w) || is_count(w))
}

/// " at " in the 2017 layout's "Title at Company", in each language.
const TITLE_COMPANY_SEPARATORS: &[&str] = &[
    " at ", " chez ", " bei ", " en ", " em ", " na ", " no ", " в ", " presso ", " bij ",
];

/// The header lines above a date line: the title (and the company line above it, past a
/// group's total duration), top down.
fn header<'a>(lines: &[&'a Line], date: usize) -> Vec<&'a Line> {
    let Some(date_line) = lines.get(date) else {
        return Vec::new();
    };
    let emphasised = |l: &Line| l.size > date_line.size + 0.2 || (l.bold && !date_line.bold);
    let mut header: Vec<&Line> = Vec::new();
    let mut i = date;
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
    header
}

/// The header split into its company lines (the larger) and title lines; no company lines
/// when the header is all one size.
fn company_and_title<'a>(header: &[&'a Line]) -> (Vec<&'a Line>, Vec<&'a Line>) {
    let largest = header
        .iter()
        .map(|l| l.size)
        .reduce(f32::max)
        .unwrap_or(0.0);
    let (company, title): (Vec<&Line>, Vec<&Line>) =
        header.iter().partition(|l| l.size > largest - 0.2);
    if title.is_empty() {
        (Vec::new(), company)
    } else {
        (company, title)
    }
}

fn entries(lines: &[&Line]) -> Vec<Entry> {
    let dated: Vec<(usize, (String, bool))> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| date_range(&l.text).map(|range| (i, range)))
        .collect();
    let headers: Vec<(Vec<&Line>, Vec<&Line>)> = dated
        .iter()
        .map(|(i, _)| company_and_title(&header(lines, *i)))
        .collect();
    // Company lines anywhere: the current layout, where a title-only header is a further role
    // of the company above. Never: the 2017 layout's "Title at Company".
    let current_layout = headers.iter().any(|(company, _)| !company.is_empty());
    let mut out = Vec::new();
    let mut group_company: Option<String> = None;
    for ((_, (start, current)), (company, title)) in dated.into_iter().zip(headers) {
        let title_text = words(title.iter().map(|l| l.text.as_str()));
        if title_text.is_empty() {
            continue;
        }
        let (company, title) = if !company.is_empty() {
            let company = words(company.iter().map(|l| l.text.as_str()));
            group_company = Some(company.clone());
            (company, title_text)
        } else if current_layout {
            (group_company.clone().unwrap_or_default(), title_text)
        } else {
            match TITLE_COMPANY_SEPARATORS
                .iter()
                .find_map(|sep| title_text.rsplit_once(sep))
            {
                Some((title, company)) => (company.trim().to_string(), title.trim().to_string()),
                None => (String::new(), title_text),
            }
        };
        out.push(Entry {
            company,
            title,
            start,
            current,
        });
    }
    out
}

/// When a position started, as (year, month); the month from its name in any listed language,
/// else from a number beside the year ("2020년 11월").
fn started(entry: &Entry) -> Option<(u32, u32)> {
    let year = year(&entry.start)?;
    let month = entry
        .start
        .split_whitespace()
        .find_map(month)
        .or_else(|| {
            entry
                .start
                .split(|c: char| !c.is_ascii_digit())
                .filter(|n| (1..=2).contains(&n.len()))
                .find_map(|n| n.parse::<u32>().ok().filter(|m| (1..=12).contains(m)))
        })
        .unwrap_or(0);
    Some((year, month))
}

/// The positions still running ("Present") at the company of the one started last: every role
/// of that company's group that runs on, in the order printed. Open-ended roles elsewhere that
/// started earlier are side roles (the 2017 sample keeps "WordPress Plugins Developer … 2003 -
/// Present" beside its 2014 main job).
pub(super) fn current_positions(lines: Vec<&Line>) -> Vec<Position> {
    let current: Vec<Entry> = entries(&lines).into_iter().filter(|e| e.current).collect();
    let latest = current.iter().filter_map(started).max();
    let companies: Vec<String> = current
        .iter()
        .filter(|e| latest.is_none() || started(e) == latest)
        .map(|e| e.company.clone())
        .collect();
    current
        .into_iter()
        .filter(|e| companies.contains(&e.company))
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
        assert!(is_duration("3 lata 10 miesięcy"));
        assert!(is_duration("3년 10개월"));
        assert!(is_duration("8 yıl 4 ay"));
        assert!(!is_duration("Lisbon Area, Portugal"));
        assert!(!is_duration("2020년 11월"));
        assert!(!is_duration("Team: 24x7"));
    }

    #[test]
    fn every_running_role_of_the_company_started_last_is_current() {
        let line = |y: f32, size: f32, text: &str| Line {
            page: if y < 700.0 { 1 } else { 2 },
            x: 224.0,
            y: y % 700.0,
            size,
            text: text.into(),
            bold: false,
            color: 0x191919,
        };
        let lines = [
            line(100.0, 12.0, "Side Co"),
            line(116.0, 11.5, "Advisor"),
            line(130.0, 10.5, "January 2015 - Present (11 years)"),
            // The group starts at the bottom of page 1 and goes on at the top of page 2.
            line(680.0, 12.0, "Acme"),
            line(695.0, 10.5, "6 years 6 months"),
            line(755.0, 11.5, "Desarrolladora en plataformas"),
            line(770.0, 10.5, "February 2023 - Present (3 years 5 months)"),
            line(790.0, 10.5, "Builds the platform."),
            line(810.0, 11.5, "Engineer"),
            line(825.0, 10.5, "May 2021 - Present (5 years 2 months)"),
            line(845.0, 11.5, "Intern"),
            line(860.0, 10.5, "January 2020 - April 2021 (1 year 4 months)"),
        ];
        let position = |title: &str, since: &str| Position {
            company: "Acme".into(),
            title: title.into(),
            since: Some(since.into()),
        };
        assert_eq!(
            current_positions(lines.iter().collect()),
            [
                position("Desarrolladora en plataformas", "February 2023"),
                position("Engineer", "May 2021"),
            ]
        );
    }
}
