//! Headline, location, current company and title from the top card's lines. The layout every
//! design shares: the name, then the headline; the location sits just before "Contact info";
//! the "Company · School" line (2026) sits between them. Links and controls are never fields.

use super::explain::{Fill, Found, Source};
use super::hygiene::{clean_field, is_field_label};
use super::outline::{Line, visible_text};
use super::text::{split_company_school, title_before_company};
use crate::case;
use crate::site::dom::Dom;

/// The text fields of a top card.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CardFields {
    pub headline: Found,
    pub location: Found,
    pub current_company: Found,
    pub current_title: Found,
}

impl CardFields {
    pub fn fill(self, mut fill: Fill<'_>) {
        fill.headline(self.headline);
        fill.location(self.location);
        fill.current_company(self.current_company);
        fill.current_title(self.current_title);
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Content,
    ContactInfo,
    Link,
    /// Degree labels, separators, pronouns, the name repeated.
    Aside,
}

/// Reads the fields from `lines` (the card's), after the name heading at `heading`.
pub fn read<D: Dom>(
    dom: &D,
    card: &D::Node,
    lines: &[Line<D::Node>],
    heading: usize,
) -> CardFields {
    let name = lines
        .get(heading)
        .map(|l| l.text.as_str())
        .unwrap_or_default();
    let kinds: Vec<(usize, Kind)> = lines
        .iter()
        .enumerate()
        .skip(heading + 1)
        .map(|(i, line)| (i, kind(line, name)))
        .collect();
    let contact = kinds
        .iter()
        .find(|(_, k)| *k == Kind::ContactInfo)
        .map(|(i, _)| *i);
    let before_contact = |i: &usize| contact.is_none_or(|c| *i < c);
    let content: Vec<usize> = kinds
        .iter()
        .filter(|(i, k)| *k == Kind::Content && before_contact(i))
        .map(|(i, _)| *i)
        .collect();

    let headline_at = content.first().copied();
    let location_at = contact
        .and(content.last().copied())
        .filter(|i| Some(*i) != headline_at);
    let text_at = |i: usize| lines.get(i).and_then(|l| clean_field(&l.text));

    let mut fields = CardFields {
        headline: headline_at
            .and_then(text_at)
            .map(|t| (t, Source::TopCardLine)),
        location: location_at
            .and_then(text_at)
            .map(|t| (t, Source::LineBeforeContactInfo)),
        ..CardFields::default()
    };
    fields.current_company = company_label(dom, card)
        .map(|c| (c, Source::CurrentCompanyLabel))
        .or_else(|| {
            let (from, to) = (headline_at?, location_at?);
            let line = content
                .iter()
                .find(|i| **i > from && **i < to)
                .and_then(|i| text_at(*i))?;
            company_of_line(&line, fields.headline.as_ref().map(|(h, _)| h.as_str()))
                .map(|c| (c, Source::CompanySchoolLine))
        });
    fields.current_title = match (&fields.headline, &fields.current_company) {
        (Some((headline, _)), Some((company, _))) => {
            title_before_company(headline, company).map(|t| (t, Source::HeadlineAtCompany))
        }
        _ => None,
    };
    fields
}

/// The "Contact info" link's words in the site's main languages, for designs whose link has
/// no telling address (2026: `href="#"`).
const CONTACT_INFO: &[&str] = &[
    "contact info",
    "kontaktinfo",
    "kontaktinformationen",
    "coordonnées",
    "información de contacto",
    "informações de contato",
    "informazioni di contatto",
    "contactgegevens",
];

fn kind<N>(line: &Line<N>, name: &str) -> Kind {
    if let Some(anchor) = &line.anchor {
        let contact = anchor.href.contains("contact-info")
            || anchor
                .id
                .as_deref()
                .is_some_and(|id| id.contains("contact-info"))
            || CONTACT_INFO.contains(&case::lower(&line.text).as_str());
        return if contact {
            Kind::ContactInfo
        } else {
            Kind::Link
        };
    }
    let text = line.text.as_str();
    if is_field_label(text) || text == name {
        return Kind::Aside;
    }
    Kind::Content
}

/// "Ethnolink · Monash University" names the company first. A line with one part could be a
/// school as well as a company: it counts only when the headline names it too.
fn company_of_line(line: &str, headline: Option<&str>) -> Option<String> {
    if let Some((company, _school)) = split_company_school(line) {
        return Some(company);
    }
    let named_in_headline = headline.is_some_and(|h| case::lower(h).contains(&case::lower(line)));
    named_in_headline.then(|| line.to_string())
}

/// `aria-label="Current company"` (2022) or `"Current company: X. Click to skip…"` (2024).
fn company_label<D: Dom>(dom: &D, card: &D::Node) -> Option<String> {
    dom.select_all(card, "[aria-label]")
        .into_iter()
        .find_map(|node| {
            let label = dom.attr(&node, "aria-label")?;
            let rest = strip_prefix_ignore_case(label.trim(), "current company")?;
            // "Current company and education" (the next design) labels a list of both: its
            // text is not the company, and neither is the rest of its label.
            if !(rest.trim().is_empty() || rest.trim_start().starts_with(':')) {
                return None;
            }
            let shown = visible_text(dom, &node);
            if !shown.is_empty() && (rest.trim().is_empty() || rest.contains(&shown)) {
                return Some(shown);
            }
            let named = rest.trim_start_matches([':', ' ']);
            let named = named.split(". Click").next().unwrap_or(named).trim();
            (!named.is_empty()).then(|| named.to_string())
        })
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| s.get(prefix.len()..))
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::profile_page::outline::lines;
    use crate::site::scraper_dom::ScraperDom;

    fn fields_of(card_html: &str) -> CardFields {
        let dom = ScraperDom::parse(&format!("<main><section>{card_html}</section></main>"));
        let card = dom.select_first(&dom.root(), "section").unwrap();
        let lines = lines(&dom, &card);
        let heading = lines.iter().position(|l| l.heading.is_some()).unwrap();
        read(&dom, &card, &lines, heading)
    }

    fn value(found: &Found) -> Option<&str> {
        found.as_ref().map(|(v, _)| v.as_str())
    }

    // proves P3/P4: 2026 layout — degree labels before the headline, "Company · School", the
    // location before "Contact info", a lone "·" separator, all in unclassed <p>.
    #[test]
    fn layout_2026_degree_company_school_location() {
        let f = fields_of(
            r##"<a href="/in/jane/"><h2>Jane Doe</h2></a><div><p>· 1st</p></div><p>· 2nd</p>
            <p>Founder | Acme</p><p>Acme · Monash University</p>
            <div><p>Melbourne, Victoria, Australia</p><p>·</p><p><a href="#">Contact info</a></p></div>
            <p>500 followers</p>"##,
        );
        assert_eq!(value(&f.headline), Some("Founder | Acme"));
        assert_eq!(value(&f.location), Some("Melbourne, Victoria, Australia"));
        assert_eq!(
            f.current_company,
            Some(("Acme".into(), Source::CompanySchoolLine))
        );
        assert_eq!(f.current_title, None);
    }

    // proves P4: a lone organisation line is a company only when the headline names it
    // (it could be a school).
    #[test]
    fn lone_organisation_line_needs_the_headline() {
        let card = |headline: &str| {
            format!(
                r##"<h2>Jane</h2><p>{headline}</p><p>Monash University</p><p>Melbourne</p><p><a href="#">Contact info</a></p>"##
            )
        };
        assert_eq!(value(&fields_of(&card("Engineer")).current_company), None);
        assert_eq!(
            value(&fields_of(&card("Lecturer at Monash University")).current_company),
            Some("Monash University")
        );
    }

    // proves P4: the 2024 company comes from its aria-label, not from a class; the title follows
    // from "<title> at <company>".
    #[test]
    fn company_from_current_company_aria_label() {
        let f = fields_of(
            r#"<a href="/in/jane/overlay/about-this-profile/"><h1>Jane</h1></a><div>Tech Lead at Novare Potential</div>
            <ul><li><button aria-label="Current company: Novare Potential. Click to skip to experience card"><span><div>Novare Potential</div></span></button></li></ul>
            <div><span>Greater Stockholm Metropolitan Area</span><span><a href="/in/jane/overlay/contact-info/">Contact info</a></span></div>"#,
        );
        assert_eq!(
            f.current_company,
            Some(("Novare Potential".into(), Source::CurrentCompanyLabel))
        );
        assert_eq!(
            value(&f.location),
            Some("Greater Stockholm Metropolitan Area")
        );
        assert_eq!(
            f.current_title,
            Some(("Tech Lead".into(), Source::HeadlineAtCompany))
        );
    }

    // proves P4: a label that only starts like "Current company" is not the company's label (the
    // next design's "Current company and education" list); the company comes from its line.
    #[test]
    fn company_and_education_label_is_not_a_company() {
        let f = fields_of(
            r#"<h1>Jane</h1><div>Engineer at Acme</div>
            <ul aria-label="Current company and education"><li><span>Acme</span></li><li><span>Oxford</span></li></ul>
            <div><span>Oslo</span><span><a href="/in/jane/overlay/contact-info/">Contact info</a></span></div>"#,
        );
        assert_eq!(
            f.current_company,
            Some(("Acme".into(), Source::CompanySchoolLine))
        );
        assert_eq!(value(&f.location), Some("Oslo"));
    }

    // proves P3: without "Contact info" there is no structural anchor for the location, so none
    // is guessed; a headline alone is never also the location.
    #[test]
    fn no_contact_info_means_no_guessed_location() {
        let f = fields_of("<h1>Jane</h1><div>Engineer</div><div>Somewhere</div>");
        assert_eq!(value(&f.headline), Some("Engineer"));
        assert_eq!(f.location, None);
        let f = fields_of(
            r#"<h1>Jane</h1><div>Engineer</div><a href="/in/jane/overlay/contact-info/">Contact info</a>"#,
        );
        assert_eq!(value(&f.headline), Some("Engineer"));
        assert_eq!(f.location, None);
    }

    #[test]
    fn pronouns_beside_the_name_are_not_the_headline() {
        let f = fields_of("<h1>Jane</h1><span>She/Her</span><div>Engineer</div>");
        assert_eq!(value(&f.headline), Some("Engineer"));
    }
}
