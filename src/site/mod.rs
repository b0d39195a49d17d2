//! Reading the network site: which kind of page a URL is, and what the page says.

pub mod dom;
pub mod profile_page;
#[cfg(not(target_arch = "wasm32"))]
pub mod scraper_dom;

use crate::profile::{Profile, ProfileKey, site_path};
use dom::Dom;
use serde::Serialize;

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
            Some(path) if path.starts_with("/search/results/people") => Self::PeopleSearch,
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
    Other,
}

/// Reads the page at `url` from `dom`.
pub fn read_page<D: Dom>(dom: &D, url: &str) -> PageRead<D::Node> {
    match PageKind::of_url(url) {
        PageKind::Profile(key) => profile_page::read_profile(dom, key),
        PageKind::PeopleSearch | PageKind::Other => PageRead::Other,
    }
}
