//! From the laid-out sections to the profile's fields.

use super::experience::current_positions;
use super::headings::{Section, is_phone_label};
use super::layout::{Layout, Line};
use super::runs::Link;
use crate::crm::Position;

/// Everything read from the text and the links.
#[derive(Debug, Default)]
pub(crate) struct Fields {
    pub(crate) name: Option<String>,
    pub(crate) headline: Option<String>,
    pub(crate) location: Option<String>,
    pub(crate) email: Option<String>,
    pub(crate) phone: Option<String>,
    pub(crate) profile_url: Option<String>,
    pub(crate) top_skills: Option<Vec<String>>,
    pub(crate) languages: Vec<String>,
    pub(crate) summary: Option<String>,
    pub(crate) current_positions: Vec<Position>,
    pub(crate) education: Vec<String>,
}

pub(crate) fn read(layout: &Layout, links: &[Link]) -> Fields {
    let contact = contact_items(layout.lines(Section::Contact));
    let (headline, location) = headline_and_location(layout);
    Fields {
        name: non_empty(words(layout.name.iter().map(|l| l.text.as_str()))),
        headline,
        location,
        email: email(layout, links, &contact),
        phone: contact
            .iter()
            .find(|item| item.label.as_deref().is_some_and(is_phone_label))
            .or_else(|| contact.iter().find(|item| looks_like_phone(&item.value)))
            .map(|item| item.value.clone()),
        profile_url: profile_url(links, &contact),
        top_skills: layout
            .has(Section::TopSkills)
            .then(|| items(layout.lines(Section::TopSkills).collect())),
        languages: items(layout.lines(Section::Languages).collect()),
        summary: summary(layout.lines(Section::Summary).collect()),
        current_positions: current_positions(layout.lines(Section::Experience).collect()),
        education: education(layout.lines(Section::Education).collect()),
    }
}

pub(super) fn non_empty(text: String) -> Option<String> {
    let text = text.trim().to_string();
    (!text.is_empty()).then_some(text)
}

/// Joins wrapped pieces of one text with single spaces.
pub(super) fn words<'a>(pieces: impl Iterator<Item = &'a str>) -> String {
    pieces
        .flat_map(str::split_whitespace)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Headline lines then the location (the last line) sit between the name and the first heading.
/// The location is printed in another colour where the layout colours it; contact details printed
/// there (the 2017 layout's email) are neither.
fn headline_and_location(layout: &Layout) -> (Option<String>, Option<String>) {
    let lines: Vec<&Line> = layout
        .lines(Section::Top)
        .filter(|l| !is_contact_detail(&l.text))
        .collect();
    let Some((last, rest)) = lines.split_last() else {
        return (None, None);
    };
    if rest.is_empty() {
        return (non_empty(last.text.clone()), None);
    }
    let first_color = lines.first().map(|l| l.color);
    let split = if first_color == Some(last.color) {
        lines.len() - 1
    } else {
        lines
            .iter()
            .rposition(|l| l.color != last.color)
            .map_or(lines.len() - 1, |i| i + 1)
    };
    let (headline, location) = lines.split_at(split);
    (
        non_empty(words(headline.iter().map(|l| l.text.as_str()))),
        non_empty(words(location.iter().map(|l| l.text.as_str()))),
    )
}

fn is_contact_detail(text: &str) -> bool {
    let lower = text.to_lowercase();
    as_email(text).is_some()
        || lower.contains("linkedin.com")
        || lower.starts_with("http")
        || lower.starts_with("www.")
        || looks_like_phone(text)
}

/// One entry of the Contact section: a value, maybe wrapped over lines, and its "(Label)".
#[derive(Debug)]
struct ContactItem {
    value: String,
    label: Option<String>,
}

fn contact_items<'a>(lines: impl Iterator<Item = &'a Line>) -> Vec<ContactItem> {
    let mut items = Vec::new();
    let mut pending: Vec<&str> = Vec::new();
    for line in lines {
        let text = line.text.trim();
        let label = text
            .strip_suffix(')')
            .and_then(|t| t.rfind('(').map(|open| (t, open)));
        if let Some((body, open)) = label {
            let value = body.get(..open).unwrap_or_default().trim();
            if !value.is_empty() {
                pending.push(value);
            }
            let label = body.get(open + 1..).unwrap_or_default().trim().to_string();
            items.push(ContactItem {
                value: join_pieces(&pending),
                label: Some(label),
            });
            pending.clear();
        } else if pending.is_empty() && (as_email(text).is_some() || looks_like_phone(text)) {
            items.push(ContactItem {
                value: text.to_string(),
                label: None,
            });
        } else {
            pending.push(text);
        }
    }
    if !pending.is_empty() {
        items.push(ContactItem {
            value: join_pieces(&pending),
            label: None,
        });
    }
    items
}

/// A URL wrapped over lines is glued back without spaces; other text gets one space per break.
fn join_pieces(pieces: &[&str]) -> String {
    if pieces.iter().all(|p| !p.contains(' ')) {
        pieces.concat()
    } else {
        words(pieces.iter().copied())
    }
}

fn looks_like_phone(text: &str) -> bool {
    let digits = text.chars().filter(char::is_ascii_digit).count();
    (7..=20).contains(&digits)
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || " +-().\u{2010}\u{2011}/".contains(c))
}

/// An email address alone on its text (surrounding punctuation trimmed).
fn as_email(text: &str) -> Option<String> {
    let candidate = text
        .trim()
        .trim_matches(|c: char| matches!(c, '<' | '>' | '(' | ')' | ',' | ';' | '.'));
    let (local, domain) = candidate.split_once('@')?;
    let valid = !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !candidate.contains(char::is_whitespace)
        && !domain.contains('@')
        && !candidate.contains('/');
    valid.then(|| candidate.to_string())
}

/// The `mailto:` link first (the printed address can wrap), then the Contact section, then the
/// top of the profile (the 2017 layout prints it under the headline).
fn email(layout: &Layout, links: &[Link], contact: &[ContactItem]) -> Option<String> {
    links
        .iter()
        .filter_map(|l| {
            let rest = l
                .uri
                .get(..7)?
                .eq_ignore_ascii_case("mailto:")
                .then(|| l.uri.get(7..))??;
            let address = rest.split('?').next()?;
            as_email(&percent_decode(address))
        })
        .chain(contact.iter().filter_map(|item| as_email(&item.value)))
        .chain(layout.lines(Section::Top).filter_map(|l| as_email(&l.text)))
        .next()
}

/// The profile URL as printed in the Contact section, with the path taken from the link
/// annotation (the printed one wraps, sometimes percent-encoded over three lines); the link
/// alone when nothing is printed (the 2017 layout).
fn profile_url(links: &[Link], contact: &[ContactItem]) -> Option<String> {
    let link = links
        .iter()
        .map(|l| l.uri.as_str())
        .find(|uri| uri.contains("linkedin.com/in/"))
        .map(|uri| {
            let end = uri.find(['?', '#']).unwrap_or(uri.len());
            uri.get(..end).unwrap_or(uri).trim_end_matches('/')
        });
    let printed = contact
        .iter()
        .map(|item| item.value.as_str())
        .find(|value| value.contains("linkedin.com/in/"));
    match (printed, link) {
        (Some(printed), Some(link)) => {
            let prefix_end = printed.find("/in/")? + 4;
            let slug_start = link.find("/in/")? + 4;
            Some(format!(
                "{}{}",
                printed.get(..prefix_end)?,
                link.get(slug_start..)?
            ))
        }
        (Some(printed), None) => Some(printed.trim_end_matches('/').to_string()),
        (None, Some(link)) => Some(link.to_string()),
        (None, None) => None,
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b, hex) {
            (b'%', Some(value)) => {
                out.push(value);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Vertical gaps between consecutive lines of one page.
fn gaps(lines: &[&Line]) -> Vec<Option<f32>> {
    let mut out = vec![None];
    for pair in lines.windows(2) {
        if let [a, b] = pair {
            out.push((a.page == b.page && b.y > a.y).then_some(b.y - a.y));
        }
    }
    out
}

/// One entry per item of a sidebar list. Items are spaced wider than the lines of a wrapped
/// item; when every gap is alike, nothing wrapped.
fn items(lines: Vec<&Line>) -> Vec<String> {
    let gaps = gaps(&lines);
    let widest = gaps
        .iter()
        .flatten()
        .copied()
        .reduce(f32::max)
        .unwrap_or(0.0);
    let mut out: Vec<String> = Vec::new();
    for (line, gap) in lines.iter().zip(gaps) {
        let wrapped = gap.is_some_and(|g| g < 0.85 * widest);
        match out.last_mut() {
            Some(item) if wrapped => {
                item.push(' ');
                item.push_str(&line.text);
            }
            _ => out.push(line.text.clone()),
        }
    }
    out
}

/// Lines joined into paragraphs; a gap much wider than the line spacing starts a new one.
fn summary(lines: Vec<&Line>) -> Option<String> {
    let gaps = gaps(&lines);
    let spacing = gaps
        .iter()
        .flatten()
        .copied()
        .reduce(f32::min)
        .unwrap_or(0.0);
    let mut text = String::new();
    for (line, gap) in lines.iter().zip(gaps) {
        if !text.is_empty() {
            let paragraph = gap.is_some_and(|g| g > 1.5 * spacing);
            text.push(if paragraph { '\n' } else { ' ' });
        }
        text.push_str(line.text.trim());
    }
    non_empty(text)
}

/// One string per school: the school (emphasised, maybe wrapped) and the degree lines under it.
fn education(lines: Vec<&Line>) -> Vec<String> {
    let smallest = lines.iter().map(|l| l.size).reduce(f32::min).unwrap_or(0.0);
    let all_bold = lines.iter().all(|l| l.bold);
    let is_school = |l: &Line| l.size > smallest + 0.2 || (l.bold && !all_bold);
    let mut out: Vec<(Vec<&str>, Vec<&str>)> = Vec::new();
    for line in &lines {
        let school = is_school(line);
        match out.last_mut() {
            Some((name, degree)) if school && degree.is_empty() => name.push(&line.text),
            Some((_, degree)) if !school => degree.push(&line.text),
            _ if school => out.push((vec![line.text.as_str()], Vec::new())),
            _ => out.push((Vec::new(), vec![line.text.as_str()])),
        }
    }
    out.into_iter()
        .filter_map(|(school, degree)| {
            let school = words(school.into_iter());
            let degree = words(degree.into_iter());
            match (school.is_empty(), degree.is_empty()) {
                (false, false) => Some(format!("{school} · {degree}")),
                (false, true) => Some(school),
                (true, false) => Some(degree),
                (true, true) => None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contact_values_wrap_and_carry_labels() {
        let line = |y: f32, text: &str| Line {
            page: 1,
            x: 21.6,
            y,
            size: 11.0,
            text: text.into(),
            bold: false,
            color: 0xffffff,
        };
        let lines = [
            line(73.0, "+44 20 8638 8170 (Work)"),
            line(86.0, "carlos@cmpsoares.com"),
            line(110.0, "stackexchange.com/"),
            line(123.0, "users/3911310/cmpsoares (Other)"),
        ];
        let items = contact_items(lines.iter());
        assert_eq!(items.len(), 3);
        assert_eq!(items[0].value, "+44 20 8638 8170");
        assert_eq!(items[2].value, "stackexchange.com/users/3911310/cmpsoares");
        assert_eq!(items[2].label.as_deref(), Some("Other"));
    }
}
