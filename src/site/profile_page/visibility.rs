//! Private and limited profiles: a "Profile not found" page, or a card naming "LinkedIn Member".
//! Their headings are messages, never a person's name.

use super::explain::Source;
use super::outline::visible_text;
use crate::case;
use crate::site::dom::Dom;

/// What the site writes instead of a profile that is private or does not exist.
const NOT_FOUND_PHRASES: &[&str] = &[
    "profile not found",
    "could not be found",
    "couldn't be found",
    "couldn’t be found",
    "page not found",
    "page doesn't exist",
    "page doesn’t exist",
    "profile is not available",
    "profile isn't available",
    "profile isn’t available",
    "profile is unavailable",
];

/// The name the site shows for members out of the viewer's network, in its main languages.
const LIMITED_NAMES: &[&str] = &[
    "linkedin member",
    "membre de linkedin",
    "linkedin-mitglied",
    "miembro de linkedin",
    "membro do linkedin",
    "membro di linkedin",
    "linkedin-lid",
];

/// A not-found page: the heading to put the badge beside (if any) and what gave it away.
#[derive(Clone, Debug)]
pub struct NotFound<N> {
    pub heading: Option<N>,
    pub source: Source,
}

/// Whether `scope` is a "profile not found" page.
pub fn not_found<D: Dom>(dom: &D, scope: &D::Node) -> Option<NotFound<D::Node>> {
    let headings = [
        dom.select_first(scope, "h1"),
        dom.select_first(scope, "h1, h2"),
    ];
    for heading in headings.into_iter().flatten() {
        if is_not_found_message(&visible_text(dom, &heading)) {
            return Some(NotFound {
                heading: Some(heading),
                source: Source::NotFoundHeading,
            });
        }
    }
    dom.select_first(scope, "[data-test-id^=\"page-not-found\"]")
        .map(|_| NotFound {
            heading: dom.select_first(scope, "h1"),
            source: Source::NotFoundMarker,
        })
}

/// A heading that tells the profile is missing rather than naming anyone.
pub fn is_not_found_message(text: &str) -> bool {
    let lower = case::lower(text);
    NOT_FOUND_PHRASES.iter().any(|p| lower.contains(p))
}

/// The placeholder name of a limited (out-of-network) profile: the site's own name in a few
/// words ("LinkedIn Member", "Membre de LinkedIn", "LinkedIn-Mitglied", "Medlem av LinkedIn"),
/// in any language — no person is called "LinkedIn".
pub fn is_limited_name(name: &str) -> bool {
    const MAX_WORDS: usize = 4;
    let lower = case::lower(name.trim());
    if LIMITED_NAMES.contains(&lower.as_str()) {
        return true;
    }
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .collect();
    words.len() <= MAX_WORDS && words.contains(&"linkedin")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::scraper_dom::ScraperDom;

    fn not_found_in(html: &str) -> Option<Source> {
        let dom = ScraperDom::parse(html);
        let root = dom.root();
        not_found(&dom, &root).map(|n| n.source)
    }

    // proves P3: the 2024 not-found h1 "An exact match for <id> could not be found." marks a
    // private profile and is never taken for a name.
    #[test]
    fn could_not_be_found_heading_is_private_not_a_name() {
        let html = r#"<main><h1>An exact match for <strong> ivanahmadfatoni </strong> could not be found.</h1></main>"#;
        assert_eq!(not_found_in(html), Some(Source::NotFoundHeading));
        assert_eq!(
            not_found_in("<main><h2>Profile not found</h2></main>"),
            Some(Source::NotFoundHeading)
        );
        assert_eq!(not_found_in("<main><h1>Jane Doe</h1></main>"), None);
    }

    // proves P4: the page's data-test-id marks a not-found page whatever its wording.
    #[test]
    fn not_found_marker_attribute() {
        let html = r#"<main><h1>Ce profil est introuvable</h1><a data-test-id="page-not-found__primary-cta-button">x</a></main>"#;
        assert_eq!(not_found_in(html), Some(Source::NotFoundMarker));
    }

    // proves P3: "LinkedIn Member" is a limited profile's placeholder, not a name.
    #[test]
    fn linkedin_member_is_a_placeholder() {
        assert!(is_limited_name("LinkedIn Member"));
        assert!(is_limited_name(" linkedin member "));
        assert!(is_limited_name("LinkedIn-Mitglied"));
        assert!(is_limited_name("Medlem av LinkedIn"));
        assert!(is_limited_name("LinkedIn Üyesi"));
        assert!(!is_limited_name("Jane Member"));
        assert!(!is_limited_name(
            "Recruiter at LinkedIn for the EMEA region"
        ));
    }
}
