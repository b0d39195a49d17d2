//! A member → the "Save to PDF" document in the site's current layout (DESIGN.md §7): a
//! shaded sidebar (x≈22: Contact, Top Skills, Languages) beside the main column (x≈224: name
//! at 26 pt, headline, location, Summary, Experience, Education), "Page N of M" footers.

use super::document::{self, Meta};
use super::layout::{Color, Column, PageDraw, Para, Run, Style, flow};
use super::metrics::Font;
use crate::pages::parts::{TODAY, year_month};
use crate::people::{Person, Position, Schooling};

const LETTER: (f32, f32) = (612.0, 792.0);
const A4: (f32, f32) = (595.28, 841.89);

const SIDEBAR_X: f32 = 22.0;
const SIDEBAR_WIDTH: f32 = 168.0;
const SIDEBAR_SHADE: f32 = 204.0;
const MAIN_X: f32 = 224.0;
const RIGHT_MARGIN: f32 = 36.0;
const TOP_MARGIN: f32 = 40.0;
const BOTTOM_MARGIN: f32 = 54.0;

const INK: Color = Color(0.094, 0.094, 0.094);
const MUTED: Color = Color(0.4, 0.4, 0.4);
const SHADE: Color = Color(0.933, 0.945, 0.957);

const fn style(font: Font, size: f32, color: Color, leading: f32) -> Style {
    Style {
        font,
        size,
        color,
        leading,
    }
}

const NAME: Style = style(Font::Regular, 26.0, INK, 31.0);
const HEADLINE: Style = style(Font::Regular, 12.0, INK, 15.0);
const LOCATION: Style = style(Font::Regular, 10.5, MUTED, 14.0);
const SECTION: Style = style(Font::Bold, 15.75, INK, 20.0);
const SIDE_HEADING: Style = style(Font::Bold, 13.0, INK, 17.0);
const SIDE_TEXT: Style = style(Font::Regular, 10.5, INK, 14.0);
const COMPANY: Style = style(Font::Regular, 12.0, INK, 15.0);
const TITLE: Style = style(Font::Bold, 10.5, INK, 14.0);
const BODY: Style = style(Font::Regular, 10.5, INK, 14.0);
const DETAIL: Style = style(Font::Regular, 10.5, MUTED, 14.0);
const FOOTER: Style = style(Font::Regular, 9.0, MUTED, 11.0);

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The PDF the site serves for `person`; the same bytes every time.
pub fn render(person: &Person) -> Vec<u8> {
    let size = page_size(person);
    let frame = |x: f32, width: f32| Column {
        x,
        width,
        top: size.1 - TOP_MARGIN,
        bottom: BOTTOM_MARGIN,
    };
    let main_width = size.0 - MAIN_X - RIGHT_MARGIN;
    let mut pages: Vec<PageDraw> = Vec::new();
    // Sidebar first in each content stream, as in the real files (readers keep that order).
    flow(
        &mut pages,
        frame(SIDEBAR_X, SIDEBAR_WIDTH),
        0,
        &sidebar(person),
    );
    flow(
        &mut pages,
        frame(MAIN_X, main_width),
        0,
        &main_column(person),
    );

    let total = pages.len();
    for (index, page) in pages.iter_mut().enumerate() {
        page.fills.push(([0.0, 0.0, SIDEBAR_SHADE, size.1], SHADE));
        let footer = format!("Page {} of {total}", index + 1);
        let width = FOOTER.font.width(footer.as_bytes(), FOOTER.size);
        page.runs.push(Run {
            x: MAIN_X + (main_width - width) / 2.0,
            y: 24.0,
            style: FOOTER,
            text: footer.into_bytes(),
        });
    }
    document::write(
        &pages,
        size,
        &Meta {
            title: &person.name,
            id_seed: &person.public_id,
        },
    )
}

/// Letter for North American members, A4 for everyone else (the real file follows locale).
fn page_size(person: &Person) -> (f32, f32) {
    let american = ["United States", "Canada"]
        .iter()
        .any(|country| person.location.ends_with(country));
    if american { LETTER } else { A4 }
}

fn sidebar(person: &Person) -> Vec<Para> {
    let mut out = vec![Para::new("Contact", SIDE_HEADING).keep()];
    let mut first = true;
    let mut gap = || if std::mem::take(&mut first) { 6.0 } else { 4.0 };
    if let Some(email) = person.email.as_deref().filter(|e| !e.is_empty()) {
        out.push(
            Para::new(email, SIDE_TEXT)
                .space(gap())
                .link(format!("mailto:{email}")),
        );
    }
    if let Some(phone) = person.phone.as_deref().filter(|p| !p.is_empty()) {
        out.push(Para::new(format!("{phone} (Mobile)"), SIDE_TEXT).space(gap()));
    }
    let slug = crate::url::encode(&person.public_id);
    out.push(
        Para::new(format!("www.linkedin.com/in/{slug} (LinkedIn)"), SIDE_TEXT)
            .space(gap())
            .link(format!("https://www.linkedin.com/in/{slug}")),
    );
    if let Some(site) = person.website.as_deref().filter(|w| !w.is_empty()) {
        let printed = site
            .trim_start_matches("https://")
            .trim_start_matches("http://")
            .trim_end_matches('/');
        out.push(
            Para::new(format!("{printed} (Company)"), SIDE_TEXT)
                .space(gap())
                .link(site),
        );
    }
    if !person.skills.is_empty() {
        out.push(Para::new("Top Skills", SIDE_HEADING).space(20.0).keep());
        for (i, skill) in person.skills.iter().take(3).enumerate() {
            let space = if i == 0 { 6.0 } else { 0.0 };
            out.push(Para::new(skill.as_str(), SIDE_TEXT).space(space));
        }
    }
    if !person.languages.is_empty() {
        out.push(Para::new("Languages", SIDE_HEADING).space(20.0).keep());
        for (i, language) in person.languages.iter().enumerate() {
            let level = match i {
                0 => "Native or Bilingual",
                1 => "Full Professional",
                _ => "Limited Working",
            };
            let space = if i == 0 { 6.0 } else { 0.0 };
            out.push(Para::new(format!("{language} ({level})"), SIDE_TEXT).space(space));
        }
    }
    out
}

fn main_column(person: &Person) -> Vec<Para> {
    let mut out = vec![
        Para::new(person.name.as_str(), NAME).keep(),
        Para::new(person.headline.as_str(), HEADLINE)
            .space(4.0)
            .keep(),
        Para::new(person.location.as_str(), LOCATION).space(4.0),
    ];
    if !person.about.is_empty() {
        out.push(Para::new("Summary", SECTION).space(24.0).keep());
        out.push(Para::new(person.about.as_str(), BODY).space(6.0));
    }
    if !person.experience.is_empty() {
        out.push(Para::new("Experience", SECTION).space(24.0).keep());
        for (i, job) in person.experience.iter().enumerate() {
            out.extend(position(job, if i == 0 { 8.0 } else { 16.0 }));
        }
    }
    if !person.education.is_empty() {
        out.push(Para::new("Education", SECTION).space(24.0).keep());
        for (i, school) in person.education.iter().enumerate() {
            out.extend(schooling(school, if i == 0 { 8.0 } else { 12.0 }));
        }
    }
    out
}

fn position(job: &Position, space: f32) -> Vec<Para> {
    let mut out = vec![
        Para::new(job.company.as_str(), COMPANY).space(space).keep(),
        Para::new(job.title.as_str(), TITLE).space(2.0).keep(),
        Para::new(date_range(&job.start, job.end.as_deref()), DETAIL),
    ];
    if !job.location.is_empty() {
        if let Some(dates) = out.last_mut() {
            dates.keep_with_next = true;
        }
        out.push(Para::new(job.location.as_str(), DETAIL));
    }
    if !job.description.is_empty() {
        if let Some(last) = out.last_mut() {
            last.keep_with_next = true;
        }
        out.push(Para::new(job.description.as_str(), BODY).space(6.0));
    }
    out
}

fn schooling(school: &Schooling, space: f32) -> Vec<Para> {
    let degree = [school.degree.as_str(), school.field.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let years = match (school.start.as_str(), school.end.as_str()) {
        ("", "") => String::new(),
        (start, "") | ("", start) => format!("({start})"),
        (start, end) => format!("({start} - {end})"),
    };
    let line = match (degree.is_empty(), years.is_empty()) {
        (_, true) => degree,
        (true, false) => format!("· {years}"),
        (false, false) => format!("{degree} · {years}"),
    };
    let mut out = vec![Para::new(school.school.as_str(), COMPANY).space(space)];
    if !line.is_empty() {
        if let Some(first) = out.first_mut() {
            first.keep_with_next = true;
        }
        out.push(Para::new(line, BODY).space(2.0));
    }
    out
}

/// `November 2020 - Present (5 years 8 months)`: months counted inclusively to the site's
/// fixed "today", like the profile page's `· 5 yrs 8 mos`.
pub fn date_range(start: &str, end: Option<&str>) -> String {
    let label = |s: &str| match year_month(s) {
        Some((y, m)) => {
            let month = usize::try_from(m - 1).ok().and_then(|i| MONTHS.get(i));
            month.map_or_else(|| y.to_string(), |name| format!("{name} {y}"))
        }
        None => s.to_string(),
    };
    let to = end.and_then(year_month).unwrap_or(TODAY);
    let end_label = end.map_or_else(|| "Present".to_string(), label);
    let Some((y, m)) = year_month(start) else {
        return format!("{} - {end_label}", label(start));
    };
    let months = ((to.0 - y) * 12 + (to.1 - m) + 1).max(1);
    let (years, rest) = (months / 12, months % 12);
    let plural = |n: i32, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let span = match (years, rest) {
        (0, r) => plural(r, "month"),
        (y, 0) => plural(y, "year"),
        (y, r) => format!("{} {}", plural(y, "year"), plural(r, "month")),
    };
    format!("{} - {end_label} ({span})", label(start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_ranges_read_like_the_real_pdf() {
        assert_eq!(
            date_range("2020-11", None),
            "November 2020 - Present (5 years 8 months)"
        );
        assert_eq!(
            date_range("2015-01", Some("2019-02")),
            "January 2015 - February 2019 (4 years 2 months)"
        );
        assert_eq!(
            date_range("2019-01", Some("2019-01")),
            "January 2019 - January 2019 (1 month)"
        );
        assert_eq!(
            date_range("2018-01", Some("2019-12")),
            "January 2018 - December 2019 (2 years)"
        );
    }
}
