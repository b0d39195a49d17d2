//! Reading the network site: which kind of page a URL is, and what the page says.

#[cfg(test)]
pub(crate) mod counted_dom;
pub mod dom;
pub mod labels;
pub mod profile_page;
#[cfg(not(target_arch = "wasm32"))]
pub mod scraper_dom;
pub mod search_page;
pub mod self_check;

use crate::profile::{PROFILE_PATH, Profile, ProfileKey, site_path};
use dom::Dom;
use search_page::{SearchCard, SearchResults};
use serde::Serialize;

/// People-search results (`/search/results/people/?keywords=…`).
const PEOPLE_SEARCH_PATH: &str = "/search/results/people";

/// The path prefixes of every page the content script reads: a URL whose `PageKind` is not
/// `Other` has a path (`location.pathname`) starting with one of them. The extension's URL
/// watcher (`loader.js`) is generated from this list at build time (`tb served-paths`), so that a
/// tab on the feed, jobs or messaging never instantiates the reader (issue #20).
pub const SERVED_PATHS: [&str; 2] = [PROFILE_PATH, PEOPLE_SEARCH_PATH];

/// Whether the URL watcher wakes the reader for this path: a prefix test, as `loader.js` does it.
pub fn watched_path(path: &str) -> bool {
    SERVED_PATHS.iter().any(|prefix| path.starts_with(prefix))
}

/// What a URL on the site shows, decided from the URL alone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PageKind {
    Profile(ProfileKey),
    PeopleSearch,
    /// The feed, jobs, companies, the log-in wall, any other site page, or another site.
    Other,
}

impl PageKind {
    pub fn of_url(url: &str) -> Self {
        if let Some(key) = ProfileKey::from_url(url) {
            return Self::Profile(key);
        }
        match site_path(url.trim()) {
            Some(path) if path.starts_with(PEOPLE_SEARCH_PATH) => Self::PeopleSearch,
            _ => Self::Other,
        }
    }
}

/// Why a profile page could not be read with confidence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unreadable {
    /// The page has not rendered the top card yet (or the site changed its markup).
    NoTopCard,
    /// The top card names nobody we can trust to be the URL's person.
    NoName,
    /// The top card shows someone other than the URL's person (the page has not caught up with
    /// a client-side navigation yet).
    OtherPerson,
    /// Nothing on the page ties the top card to the URL's person.
    Unconfirmed,
}

/// What a page says, with the element to put the badge beside.
#[derive(Clone, Debug)]
pub enum PageRead<N> {
    Profile {
        profile: Profile,
        anchor: Option<N>,
    },
    /// A profile URL whose page cannot be read with confidence.
    UnreadableProfile {
        key: ProfileKey,
        why: Unreadable,
    },
    /// People search results: every card read with confidence, each with its badge's place.
    Search(SearchResults<N>),
    Other,
}

impl<N> PageRead<N> {
    /// The same reading with each name's element turned into `at(element, person)`: a reader
    /// that keeps people by who they are, not by element (the side panel, `side_panel.rs`).
    pub fn map_anchors<M>(self, mut at: impl FnMut(N, &ProfileKey) -> M) -> PageRead<M> {
        match self {
            Self::Profile { profile, anchor } => PageRead::Profile {
                anchor: anchor.map(|a| at(a, &profile.key)),
                profile,
            },
            Self::UnreadableProfile { key, why } => PageRead::UnreadableProfile { key, why },
            Self::Search(results) => PageRead::Search(SearchResults {
                cards: results
                    .cards
                    .into_iter()
                    .map(|c| SearchCard {
                        anchor: at(c.anchor, &c.profile.key),
                        card: at(c.card, &c.profile.key),
                        profile: c.profile,
                        sources: c.sources,
                        found_by: c.found_by,
                        dropped: c.dropped,
                    })
                    .collect(),
                links_profiles: results.links_profiles,
            }),
            Self::Other => PageRead::Other,
        }
    }

    /// The extraction strategies that failed, when the page is one we should read and cannot:
    /// what the admins' self-check records ("the site may have changed"). `None` when the
    /// page was read, or is not ours to read.
    pub fn failed_strategies(&self) -> Option<Vec<&'static str>> {
        match self {
            Self::UnreadableProfile { why, .. } => Some(why.failed_strategies().to_vec()),
            Self::Search(results) if results.unreadable() => Some(vec!["search_page"]),
            _ => None,
        }
    }
}

impl Unreadable {
    /// The strategies tried, in order, before the reader gave up.
    pub fn failed_strategies(&self) -> &'static [&'static str] {
        match self {
            Self::NoTopCard => &["top_card", "json_ld", "og_meta", "document_title"],
            Self::NoName => &["name_heading", "json_ld", "og_meta", "document_title"],
            Self::OtherPerson => &["identity"],
            Self::Unconfirmed => &[
                "identity",
                "profile_json",
                "json_ld",
                "og_meta",
                "document_title",
            ],
        }
    }
}

/// Reads the page at `url` from `dom`.
pub fn read_page<D: Dom>(dom: &D, url: &str) -> PageRead<D::Node> {
    match PageKind::of_url(url) {
        PageKind::Profile(key) => profile_page::read_profile(dom, key),
        PageKind::PeopleSearch => PageRead::Search(search_page::read_search(dom)),
        PageKind::Other => PageRead::Other,
    }
}

/// The shape of a profile or search URL with every id left out (`/in/*/details/experience/`,
/// `/search/results/people/`): what a diagnostic may say about a page without naming anyone.
pub fn url_pattern(url: &str) -> Option<String> {
    const MAX_SEGMENTS: usize = 4;
    const MAX_WORD: usize = 40;
    let path = site_path(url.trim())?;
    let (prefix, rest) = match PageKind::of_url(url) {
        PageKind::Profile(_) => {
            let after_id = path
                .strip_prefix(PROFILE_PATH)?
                .split_once('/')
                .map(|(_, r)| r);
            ("/in/*/", after_id.unwrap_or(""))
        }
        PageKind::PeopleSearch => ("/search/results/people/", ""),
        PageKind::Other => return None,
    };
    let mut pattern = prefix.to_string();
    for segment in rest.split('/').filter(|s| !s.is_empty()).take(MAX_SEGMENTS) {
        // Page names are lower-case words ("details", "contact-info"); anything else may be an id.
        let word = segment.len() <= MAX_WORD
            && segment.chars().all(|c| c.is_ascii_lowercase() || c == '-');
        pattern.push_str(if word { segment } else { "*" });
        pattern.push('/');
    }
    Some(pattern)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::scraper_dom::ScraperDom;

    /// The path of `url` as the browser's `location.pathname` gives it to the watcher.
    fn watcher_sees(url: &str) -> bool {
        site_path(url).is_some_and(watched_path)
    }

    // proves issue #20: the URL watcher wakes the reader on every profile and search page, and
    // sleeps on the site's other pages.
    #[test]
    fn watcher_wakes_on_served_pages_only() {
        for url in [
            "https://www.linkedin.com/in/ada-lovelace/",
            "https://de.linkedin.com/in/j%C3%BCrgen-m%C3%BCller/details/experience/?locale=de_DE",
            "https://www.linkedin.com/in/ACoAAB1234567890abcdefGHIJKLmnopQRSTuv",
            "https://www.linkedin.com/search/results/people/?keywords=ada",
            "https://www.linkedin.com/search/results/people",
        ] {
            assert_ne!(PageKind::of_url(url), PageKind::Other, "{url}");
            assert!(watcher_sees(url), "{url}");
        }
        for url in [
            "https://www.linkedin.com/feed/",
            "https://www.linkedin.com/jobs/view/123/",
            "https://www.linkedin.com/messaging/thread/2-abc/",
            "https://www.linkedin.com/company/example/",
            "https://www.linkedin.com/search/results/all/?keywords=ada",
            "https://www.linkedin.com/mynetwork/",
            "https://www.linkedin.com/",
        ] {
            assert_eq!(PageKind::of_url(url), PageKind::Other, "{url}");
            assert!(!watcher_sees(url), "{url}");
        }
    }

    proptest::proptest! {
        // proves issue #20: the watcher's prefixes cover every URL the reader serves, so a
        // profile or search page never stays without a badge because the watcher slept.
        #[test]
        fn watcher_covers_every_served_url(
            host in proptest::sample::select(vec!["www.linkedin.com", "linkedin.com", "fr.linkedin.com", "m.linkedin.com"]),
            segments in proptest::collection::vec(
                proptest::sample::select(vec!["in", "search", "results", "people", "all", "feed", "ada", "ACoAAB1234567890abcdefGH", "j%C3%BCrgen", "details", "", "%20"]),
                0..5,
            ),
            tail in proptest::sample::select(vec!["", "/", "?keywords=x", "#top", "/?a=/in/b"]),
        ) {
            let url = format!("https://{host}/{}{tail}", segments.join("/"));
            if PageKind::of_url(&url) != PageKind::Other {
                proptest::prop_assert!(watcher_sees(&url), "{}", url);
            }
        }
    }

    // proves P4 (self-check): a diagnostic names the page's shape, never the person in it.
    #[test]
    fn url_patterns_leave_ids_out() {
        let cases = [
            ("https://www.linkedin.com/in/ada-lovelace/", "/in/*/"),
            (
                "https://de.linkedin.com/in/j%C3%BCrgen-m%C3%BCller/details/experience/?locale=de_DE",
                "/in/*/details/experience/",
            ),
            (
                "https://www.linkedin.com/in/ACoAAB1234567890abcdefGHIJKLmnopQRSTuv/overlay/contact-info",
                "/in/*/overlay/contact-info/",
            ),
            (
                "https://www.linkedin.com/in/ada/recent-activity/ACoAAB1234567890abc/",
                "/in/*/recent-activity/*/",
            ),
            (
                "https://www.linkedin.com/search/results/people/?keywords=ada%20lovelace",
                "/search/results/people/",
            ),
        ];
        for (url, pattern) in cases {
            assert_eq!(url_pattern(url).as_deref(), Some(pattern), "{url}");
        }
        assert_eq!(url_pattern("https://www.linkedin.com/feed/"), None);
        assert_eq!(url_pattern("https://example.com/in/ada/"), None);
    }

    // proves P4 (self-check): an unreadable profile names the strategies that failed; a page
    // that was read, or is not ours, names none.
    #[test]
    fn failed_strategies_of_unreadable_pages() {
        let dom = ScraperDom::parse("<main><div aria-busy=\"true\"></div></main>");
        let read = read_page(&dom, "https://www.linkedin.com/in/ada-lovelace/");
        assert_eq!(
            read.failed_strategies(),
            Some(vec!["top_card", "json_ld", "og_meta", "document_title"])
        );
        let feed = read_page(&dom, "https://www.linkedin.com/feed/");
        assert_eq!(feed.failed_strategies(), None);
        let dom = ScraperDom::parse("<main><div><a href=\"/in/kari/\">Kari</a></div></main>");
        let search = read_page(&dom, "https://www.linkedin.com/search/results/people/");
        assert_eq!(search.failed_strategies(), Some(vec!["search_page"]));
    }
}
