//! A member → the "Save to PDF" document in the site's current layout (DESIGN.md §7): a
//! shaded sidebar (x≈22: Contact, Top Skills, Languages) beside the main column (x≈224: name
//! at 26 pt, headline, location, Summary, Experience, Education), "Page N of M" footers. The
//! words are those of an interface language (`interface`), English unless a test asks.

use super::document::{self, Meta};
use super::experience::experience;
use super::interface::{ENGLISH, Interface};
use super::layout::{Column, PageDraw, Para, Run, flow};
use super::styles::{FIXTURE, Look, SHADE};
use super::translations;
use crate::lang::Lang;
use crate::people::{Person, Schooling};

const LETTER: (f32, f32) = (612.0, 792.0);
const A4: (f32, f32) = (595.28, 841.89);

const SIDEBAR_X: f32 = 22.0;
pub(super) const SIDEBAR_WIDTH: f32 = 168.0;
const SIDEBAR_SHADE: f32 = 204.0;
const MAIN_X: f32 = 224.0;
const RIGHT_MARGIN: f32 = 36.0;
const TOP_MARGIN: f32 = 40.0;
const BOTTOM_MARGIN: f32 = 54.0;
/// Sidebar list items sit this much further apart than the lines of one wrapped item, as in
/// the real files (17.6 pt between items, 12.6 pt within one).
const ITEM_GAP: f32 = 3.6;

/// How to render: the interface language and look, and what tests need beyond a site member's
/// data.
#[derive(Clone, Debug)]
pub struct Options {
    pub interface: &'static Interface,
    pub look: &'static Look,
    /// Start a new page before this position (an index into the person's experience). For the
    /// first role of a company with several, the page breaks between the company's lines and
    /// the role, so the group goes on at the top of the next page.
    pub page_break_before_role: Option<usize>,
    /// Printed under their own heading after Languages (the site's members list none).
    pub certifications: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            interface: &ENGLISH,
            look: &FIXTURE,
            page_break_before_role: None,
            certifications: Vec::new(),
        }
    }
}

/// The main column's width on the page `person`'s PDF uses.
#[cfg(test)]
pub fn main_width(person: &Person) -> f32 {
    page_size(person).0 - MAIN_X - RIGHT_MARGIN
}

/// The PDF the site serves for `person` to a viewer using the site in `lang` (the real site
/// prints its headings, months and labels in the viewer's language); the same bytes every time.
pub fn in_language(person: &Person, lang: Lang) -> Vec<u8> {
    let options = Options {
        interface: translations::interface(lang.code()),
        ..Options::default()
    };
    render_with(person, &options)
}

/// The PDF for `person` as `options` ask.
pub fn render_with(person: &Person, options: &Options) -> Vec<u8> {
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
        &sidebar(person, options),
    );
    flow(
        &mut pages,
        frame(MAIN_X, main_width),
        0,
        &main_column(person, options),
    );

    let total = pages.len();
    let footer_style = options.look.footer;
    for (index, page) in pages.iter_mut().enumerate() {
        page.fills.push(([0.0, 0.0, SIDEBAR_SHADE, size.1], SHADE));
        let footer = format!("Page {} of {total}", index + 1);
        let width = footer_style.font.width(&footer, footer_style.size);
        page.runs.push(Run {
            x: MAIN_X + (main_width - width) / 2.0,
            y: 24.0,
            style: footer_style,
            text: footer,
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

fn sidebar(person: &Person, options: &Options) -> Vec<Para> {
    let words = options.interface;
    let look = options.look;
    let mut out = vec![Para::new(words.contact, look.side_heading).keep()];
    let mut first = true;
    let mut gap = || if std::mem::take(&mut first) { 6.0 } else { 4.0 };
    if let Some(email) = person.email.as_deref().filter(|e| !e.is_empty()) {
        out.push(
            Para::new(email, look.side_text)
                .space(gap())
                .link(format!("mailto:{email}")),
        );
    }
    if let Some(phone) = person.phone.as_deref().filter(|p| !p.is_empty()) {
        out.push(Para::new(format!("{phone} ({})", words.mobile), look.side_text).space(gap()));
    }
    let slug = crate::url::encode(&person.public_id);
    out.push(
        Para::new(
            format!("www.linkedin.com/in/{slug} (LinkedIn)"),
            look.side_text,
        )
        .space(gap())
        .link(format!("https://www.linkedin.com/in/{slug}")),
    );
    if let Some(site) = person.website.as_deref().filter(|w| !w.is_empty()) {
        let printed = site
            .trim_start_matches("https://")
            .trim_start_matches("http://")
            .trim_end_matches('/');
        out.push(
            Para::new(
                format!("{printed} ({})", words.company_site),
                look.side_text,
            )
            .space(gap())
            .link(site),
        );
    }
    let skills: Vec<String> = person.skills.iter().take(3).cloned().collect();
    out.extend(side_list(look, words.top_skills, &skills));
    let languages: Vec<String> = person
        .languages
        .iter()
        .enumerate()
        .map(|(i, language)| {
            let level = words.proficiency.get(i).or(words.proficiency.last());
            format!("{language} ({})", level.copied().unwrap_or_default())
        })
        .collect();
    out.extend(side_list(look, words.languages, &languages));
    out.extend(side_list(
        look,
        words.certifications,
        &options.certifications,
    ));
    out
}

/// A sidebar heading and its items; nothing when there are none.
fn side_list(look: &Look, heading: &str, items: &[String]) -> Vec<Para> {
    if items.is_empty() {
        return Vec::new();
    }
    let mut out = vec![Para::new(heading, look.side_heading).space(20.0).keep()];
    for (i, item) in items.iter().enumerate() {
        let space = if i == 0 { 6.0 } else { ITEM_GAP };
        out.push(Para::new(item.as_str(), look.side_text).space(space));
    }
    out
}

fn main_column(person: &Person, options: &Options) -> Vec<Para> {
    let words = options.interface;
    let look = options.look;
    let mut out = vec![
        Para::new(person.name.as_str(), look.name).keep(),
        Para::new(person.headline.as_str(), look.headline)
            .space(4.0)
            .keep(),
        Para::new(person.location.as_str(), look.location).space(4.0),
    ];
    if !person.about.is_empty() {
        out.push(Para::new(words.summary, look.section).space(24.0).keep());
        out.push(Para::new(person.about.as_str(), look.summary).space(6.0));
    }
    if !person.experience.is_empty() {
        out.push(Para::new(words.experience, look.section).space(24.0).keep());
        out.extend(experience(
            &person.experience,
            words,
            look,
            options.page_break_before_role,
        ));
    }
    if !person.education.is_empty() {
        out.push(Para::new(words.education, look.section).space(24.0).keep());
        for (i, school) in person.education.iter().enumerate() {
            out.extend(schooling(look, school, if i == 0 { 8.0 } else { 12.0 }));
        }
    }
    out
}

fn schooling(look: &Look, school: &Schooling, space: f32) -> Vec<Para> {
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
    let mut out = vec![Para::new(school.school.as_str(), look.company).space(space)];
    if !line.is_empty() {
        if let Some(first) = out.first_mut() {
            first.keep_with_next = true;
        }
        out.push(Para::new(line, look.body).space(2.0));
    }
    out
}
