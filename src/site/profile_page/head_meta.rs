//! The document head: `og:` meta and the title. Last in the order of trust (PRODUCT.md P4): a
//! single-page app may leave them describing an earlier page, so they count only when they name
//! the URL's profile (`og:url`, `<link rel="canonical">`).

use super::text::collapse_ws;
use crate::profile::ProfileKey;
use crate::site::dom::Dom;

/// Names the head gives the URL's person.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HeadNames {
    /// From `profile:first_name`/`last_name` or `og:title`, when `og:url` is the URL's profile.
    pub og: Option<String>,
    /// From the title, when the canonical link is the URL's profile.
    pub title: Option<String>,
}

/// Reads the head of the document under `root`.
pub fn names<D: Dom>(dom: &D, root: &D::Node, key: &ProfileKey) -> HeadNames {
    let meta = |property: &str| {
        dom.select_first(root, &format!("meta[property=\"{property}\"]"))
            .and_then(|m| dom.attr(&m, "content"))
            .map(|c| collapse_ws(&c))
            .filter(|c| !c.is_empty())
    };
    let names_key =
        |url: Option<String>| url.and_then(|u| ProfileKey::from_url(&u)).as_ref() == Some(key);

    let og = names_key(meta("og:url")).then(|| {
        match (meta("profile:first_name"), meta("profile:last_name")) {
            (Some(first), Some(last)) => Some(format!("{first} {last}")),
            _ => meta("og:title").and_then(|t| name_in_title(&t)),
        }
    });
    let canonical = dom
        .select_first(root, "link[rel=\"canonical\"]")
        .and_then(|l| dom.attr(&l, "href"));
    let title = names_key(canonical).then(|| {
        dom.select_first(root, "head > title")
            .and_then(|t| name_in_title(&dom.text(&t)))
    });
    HeadNames {
        og: og.flatten(),
        title: title.flatten(),
    }
}

/// "(3) Jane Doe - Acme | LinkedIn" → "Jane Doe".
pub fn name_in_title(title: &str) -> Option<String> {
    let title = collapse_ws(title);
    let without_count = match title
        .strip_prefix('(')
        .and_then(|rest| rest.split_once(") "))
    {
        Some((count, rest)) if count.chars().all(|c| c.is_ascii_digit() || c == '+') => rest,
        _ => title.as_str(),
    };
    let without_site = without_count
        .rsplit_once(" | ")
        .map_or(without_count, |(head, _)| head);
    let name = without_site.split(" - ").next().unwrap_or_default().trim();
    (!name.is_empty() && !name.eq_ignore_ascii_case("linkedin")).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::scraper_dom::ScraperDom;

    #[test]
    fn names_in_titles() {
        assert_eq!(
            name_in_title("(1) Austin O'Boyle | LinkedIn").as_deref(),
            Some("Austin O'Boyle")
        );
        assert_eq!(
            name_in_title("Jane Doe - Acme | LinkedIn").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(name_in_title("LinkedIn"), None);
    }

    // proves P4: a head left over from an earlier page (og:url of someone else) is not used.
    #[test]
    fn head_of_another_profile_is_ignored() {
        let html = r#"<head><title>Jane Doe | LinkedIn</title>
            <link rel="canonical" href="https://www.linkedin.com/in/jane-doe">
            <meta property="og:url" content="https://www.linkedin.com/in/jane-doe">
            <meta property="og:title" content="Jane Doe - Acme | LinkedIn"></head>"#;
        let dom = ScraperDom::parse(html);
        let jane = ProfileKey::from_url("https://www.linkedin.com/in/jane-doe/").unwrap();
        let got = names(&dom, &dom.root(), &jane);
        assert_eq!(got.og.as_deref(), Some("Jane Doe"));
        assert_eq!(got.title.as_deref(), Some("Jane Doe"));
        let john = ProfileKey::from_url("https://www.linkedin.com/in/john/").unwrap();
        assert_eq!(names(&dom, &dom.root(), &john), HeadNames::default());
    }
}
