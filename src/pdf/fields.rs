//! From the laid-out sections to the profile's fields.

use super::contact::{contact_items, email, phone, profile_url};
use super::experience::current_positions;
use super::headings::Section;
use super::layout::{Layout, Line};
use super::runs::Link;
use super::top::headline_and_location;
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
        phone: phone(&contact),
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

/// Joins the wrapped lines of one text with single spaces — none after a line that ends in a
/// hyphen inside a word: the site breaks "Problem-Solver" after its hyphen, and the word is
/// whole again only without the space (issue #14).
pub(super) fn words<'a>(pieces: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for piece in pieces {
        let piece = piece.split_whitespace().collect::<Vec<_>>().join(" ");
        if piece.is_empty() {
            continue;
        }
        if !out.is_empty() && !ends_in_word_hyphen(&out) {
            out.push(' ');
        }
        out.push_str(&piece);
    }
    out
}

/// "Problem-" (a hyphen right after a letter), not "Engineer -" nor a lone "-".
fn ends_in_word_hyphen(text: &str) -> bool {
    let mut chars = text.chars().rev();
    matches!(chars.next(), Some('-' | '\u{2010}'))
        && chars.next().is_some_and(char::is_alphanumeric)
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
/// item; when every gap is alike, nothing wrapped — unless an item's "(Proficiency)" is still
/// open at the end of its line.
pub(super) fn items(lines: Vec<&Line>) -> Vec<String> {
    let gaps = gaps(&lines);
    let widest = gaps
        .iter()
        .flatten()
        .copied()
        .reduce(f32::max)
        .unwrap_or(0.0);
    let mut out: Vec<String> = Vec::new();
    for (line, gap) in lines.iter().zip(gaps) {
        let open = out
            .last()
            .is_some_and(|item| item.matches('(').count() > item.matches(')').count());
        let wrapped = gap.is_some_and(|g| g < 0.85 * widest || open);
        match out.last_mut() {
            Some(item) if wrapped => *item = words([item.as_str(), &line.text].into_iter()),
            _ => out.push(line.text.clone()),
        }
    }
    out
}

/// Lines joined into paragraphs; a gap much wider than the line spacing starts a new one. The
/// line spacing is the closest two lines stand, but never more than a line's height: a
/// summary of one-line paragraphs has no closer pair.
fn summary(lines: Vec<&Line>) -> Option<String> {
    let gaps = gaps(&lines);
    let closest = gaps.iter().flatten().copied().reduce(f32::min);
    let mut text = String::new();
    for (line, gap) in lines.iter().zip(gaps) {
        if !text.is_empty() {
            let spacing = closest.unwrap_or(f32::MAX).min(1.6 * line.size);
            let paragraph = gap.is_some_and(|g| g > 1.5 * spacing);
            if paragraph {
                text.push('\n');
            } else if !ends_in_word_hyphen(&text) {
                text.push(' ');
            }
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

    fn line(y: f32, text: &str) -> Line {
        Line {
            page: 1,
            x: 22.0,
            y,
            size: 10.5,
            text: text.into(),
            bold: false,
            color: 0,
        }
    }

    #[test]
    fn a_line_ending_in_a_words_hyphen_joins_without_a_space() {
        let joined = |pieces: &[&str]| words(pieces.iter().copied());
        assert_eq!(
            joined(&["Creative Problem-", "Solver"]),
            "Creative Problem-Solver"
        );
        assert_eq!(joined(&["Engineer -", "Builder"]), "Engineer - Builder");
        assert_eq!(joined(&["Jean-", "Pierre Dupont"]), "Jean-Pierre Dupont");
        assert_eq!(joined(&["a  b", " c "]), "a b c");
    }

    #[test]
    fn an_item_with_its_proficiency_still_open_goes_on_on_the_next_line() {
        let lines = [
            line(100.0, "Deutsch (Muttersprache oder"),
            line(114.0, "zweisprachig)"),
        ];
        assert_eq!(
            items(lines.iter().collect()),
            ["Deutsch (Muttersprache oder zweisprachig)"]
        );
        let skills = [line(100.0, "Kubernetes"), line(114.0, "Go")];
        assert_eq!(items(skills.iter().collect()), ["Kubernetes", "Go"]);
    }

    #[test]
    fn one_line_paragraphs_stay_paragraphs() {
        let lines = [
            line(100.0, "First."),
            line(128.0, "Second."),
            line(156.0, "Third."),
        ];
        assert_eq!(
            summary(lines.iter().collect()).as_deref(),
            Some("First.\nSecond.\nThird.")
        );
        let wrapped = [
            line(100.0, "One long"),
            line(114.0, "sentence."),
            line(142.0, "Next."),
        ];
        assert_eq!(
            summary(wrapped.iter().collect()).as_deref(),
            Some("One long sentence.\nNext.")
        );
    }
}
