//! A person on the network site: the key that identifies them and what a page says about them.

use crate::case;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Hosts the site serves profiles from: the apex, `www`, mobile and the country sub-domains
/// (`de.linkedin.com`, `uk.linkedin.com`, …).
const SITE_DOMAIN: &str = "linkedin.com";

/// Every profile's path starts with this (`/in/<slug or member id>/…`).
pub const PROFILE_PATH: &str = "/in/";

/// Member ids (`/in/ACoAA…`) are opaque, case-sensitive and long; vanity slugs are at most 100
/// characters and compared without case.
const MEMBER_ID_PREFIX: &str = "ACoAA";
const MEMBER_ID_MIN_LEN: usize = 20;
const MAX_ID_LEN: usize = 200;

/// The canonical identity of a profile, read from any of the URL forms the site uses.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum ProfileKey {
    /// The vanity slug, percent-decoded and lower-cased (`costavasili`, `jürgen-müller`).
    PublicId(String),
    /// The opaque member id some links carry instead of the slug (`ACoAAAq_vXIB…`).
    MemberId(String),
}

impl ProfileKey {
    /// Reads the key from a profile URL: absolute or site-relative, any country sub-domain,
    /// any sub-page (`/details/experience/`), query or fragment. `None` for anything that is
    /// not a profile of the site.
    pub fn from_url(url: &str) -> Option<Self> {
        let path = site_path(url.trim())?;
        let rest = path.strip_prefix(PROFILE_PATH)?;
        let raw = rest.split('/').next().unwrap_or_default();
        Self::from_slug(raw)
    }

    /// Reads the key from the path segment after `/in/` (still percent-encoded or not).
    pub fn from_slug(raw: &str) -> Option<Self> {
        let decoded = percent_decode(raw.trim())?;
        let id = decoded.trim();
        if id.is_empty() || id.chars().count() > MAX_ID_LEN || !id.chars().all(is_slug_char) {
            return None;
        }
        if id.starts_with(MEMBER_ID_PREFIX) && id.len() >= MEMBER_ID_MIN_LEN {
            return Some(Self::MemberId(id.to_string()));
        }
        Some(Self::PublicId(case::lower(id)))
    }

    /// The vanity slug, when this key is one.
    pub fn public_id(&self) -> Option<&str> {
        match self {
            Self::PublicId(id) => Some(id),
            Self::MemberId(_) => None,
        }
    }

    /// The member id, when this key is one.
    pub fn member_id(&self) -> Option<&str> {
        match self {
            Self::MemberId(id) => Some(id),
            Self::PublicId(_) => None,
        }
    }

    /// The one URL the CRM stores for this person: `https://www.linkedin.com/in/<id>/`.
    pub fn canonical_url(&self) -> String {
        let id = match self {
            Self::PublicId(id) | Self::MemberId(id) => id,
        };
        format!(
            "https://www.{SITE_DOMAIN}/in/{}/",
            percent_encode_segment(id)
        )
    }

    /// The member URN that goes with a member id (`urn:li:fsd_profile:ACoAA…`).
    pub fn member_urn(&self) -> Option<String> {
        self.member_id()
            .map(|id| format!("urn:li:fsd_profile:{id}"))
    }
}

impl fmt::Display for ProfileKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::PublicId(id) | Self::MemberId(id) => f.write_str(id),
        }
    }
}

/// Whether the page shows the person's profile, or why it does not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    Public,
    /// Out of network: "LinkedIn Member", no name.
    Limited,
    /// Private or not found: nothing about the person can be read.
    Private,
}

/// What a profile page says about its subject. Every field is optional: a field the page does
/// not show with confidence stays `None`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileFacts {
    pub name: Option<String>,
    pub headline: Option<String>,
    pub location: Option<String>,
    pub current_company: Option<String>,
    pub current_title: Option<String>,
    pub member_urn: Option<String>,
    /// 1, 2 or 3 (3 stands for "3rd+").
    pub degree: Option<u8>,
}

/// A profile as read from a page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub key: ProfileKey,
    pub visibility: Visibility,
    /// The viewer's own profile.
    pub own: bool,
    pub facts: ProfileFacts,
    /// The top card offers the site's "Save to PDF" (or does not say it doesn't): what an
    /// export downloads (PRODUCT.md E1).
    #[serde(default)]
    pub pdf_offered: bool,
}

/// The path of a URL on the site, or `None` when the URL points elsewhere. Accepts
/// scheme-less forms (`www.linkedin.com/in/x`, as printed in the site's PDFs) and
/// site-relative paths (`/in/x/`).
pub fn site_path(url: &str) -> Option<&str> {
    let without_fragment = url.split('#').next().unwrap_or_default();
    let without_query = without_fragment.split('?').next().unwrap_or_default();
    if without_query.starts_with('/') && !without_query.starts_with("//") {
        return Some(without_query);
    }
    let after_scheme = match without_query.split_once("://") {
        Some((scheme, rest)) => {
            if !scheme.eq_ignore_ascii_case("https") && !scheme.eq_ignore_ascii_case("http") {
                return None;
            }
            rest
        }
        None => without_query.strip_prefix("//").unwrap_or(without_query),
    };
    let (authority, path) = match after_scheme.find('/') {
        Some(i) => after_scheme.split_at(i),
        None => (after_scheme, "/"),
    };
    is_site_host(authority).then_some(path)
}

/// `linkedin.com` or one of its sub-domains, with no user info and an optional port.
pub fn is_site_host(authority: &str) -> bool {
    if authority.contains('@') {
        return false;
    }
    let host = authority
        .split(':')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let host = host.strip_suffix('.').unwrap_or(&host);
    host == SITE_DOMAIN
        || host
            .strip_suffix(SITE_DOMAIN)
            .is_some_and(|sub| sub.ends_with('.') && sub.len() > 1)
}

fn is_slug_char(c: char) -> bool {
    // Slugs are letters (any script), digits, '-' and '_'; anything else means the segment is
    // not an id (a page name, an injected string).
    c.is_alphanumeric() || c == '-' || c == '_'
}

/// Decodes `%XX` escapes; `None` when they are malformed or do not form UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hi = bytes.get(i + 1).and_then(|c| (*c as char).to_digit(16))?;
            let lo = bytes.get(i + 2).and_then(|c| (*c as char).to_digit(16))?;
            out.push(u8::try_from(hi * 16 + lo).ok()?);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Percent-encodes everything but unreserved ASCII, so a slug fits in one path segment.
pub fn percent_encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn public(id: &str) -> Option<ProfileKey> {
        Some(ProfileKey::PublicId(id.to_string()))
    }

    const MEMBER: &str = "ACoAAAq_vXIB7ddQiLbkdzTDNjlHLlc3eQ7DOR4";

    // proves P1: every profile URL form the site uses reads as the same canonical key.
    #[test]
    fn profile_key_from_every_url_form() {
        let table: Vec<(&str, Option<ProfileKey>)> = vec![
            (
                "https://www.linkedin.com/in/costavasili/",
                public("costavasili"),
            ),
            (
                "https://www.linkedin.com/in/costavasili",
                public("costavasili"),
            ),
            (
                "https://linkedin.com/in/costavasili/",
                public("costavasili"),
            ),
            (
                "http://www.linkedin.com/in/costavasili",
                public("costavasili"),
            ),
            (
                "https://de.linkedin.com/in/costavasili/",
                public("costavasili"),
            ),
            (
                "https://uk.linkedin.com/in/costavasili/?originalSubdomain=uk",
                public("costavasili"),
            ),
            (
                "https://www.linkedin.com/in/costavasili/details/experience/",
                public("costavasili"),
            ),
            (
                "https://www.linkedin.com/in/costavasili/overlay/contact-info/",
                public("costavasili"),
            ),
            (
                "https://www.linkedin.com/in/costavasili/?locale=de_DE",
                public("costavasili"),
            ),
            (
                "https://www.linkedin.com/in/costavasili/#experience",
                public("costavasili"),
            ),
            (
                "https://www.linkedin.com/in/costavasili/en",
                public("costavasili"),
            ),
            (
                "https://www.linkedin.com/in/CostaVasili/",
                public("costavasili"),
            ),
            (
                "HTTPS://WWW.LINKEDIN.COM/in/costavasili/",
                public("costavasili"),
            ),
            (
                "https://www.linkedin.com:443/in/costavasili/",
                public("costavasili"),
            ),
            (
                "https://www.linkedin.com./in/costavasili/",
                public("costavasili"),
            ),
            ("www.linkedin.com/in/cmpsoares", public("cmpsoares")),
            ("linkedin.com/in/cmpsoares", public("cmpsoares")),
            ("/in/costavasili/", public("costavasili")),
            (
                "  https://www.linkedin.com/in/costavasili/  ",
                public("costavasili"),
            ),
            (
                "https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BCller/",
                public("jürgen-müller"),
            ),
            (
                "https://www.linkedin.com/in/j%c3%bcrgen-m%c3%bcller/",
                public("jürgen-müller"),
            ),
            (
                "https://www.linkedin.com/in/J%C3%9CRGEN-M%C3%9CLLER/",
                public("jürgen-müller"),
            ),
            (
                "https://www.linkedin.com/in/jürgen-müller/",
                public("jürgen-müller"),
            ),
            (
                "https://ru.linkedin.com/in/%D0%B8%D0%B2%D0%B0%D0%BD/",
                public("иван"),
            ),
            (
                "https://www.linkedin.com/in/eduardo-alvarez-nowak/",
                public("eduardo-alvarez-nowak"),
            ),
            (
                "https://www.linkedin.com/in/a_b-1234567/",
                public("a_b-1234567"),
            ),
            (
                "https://www.linkedin.com/in/ACoAAAq_vXIB7ddQiLbkdzTDNjlHLlc3eQ7DOR4",
                Some(ProfileKey::MemberId(MEMBER.to_string())),
            ),
            (
                "https://www.linkedin.com/in/ACoAAAq_vXIB7ddQiLbkdzTDNjlHLlc3eQ7DOR4/?miniProfileUrn=x",
                Some(ProfileKey::MemberId(MEMBER.to_string())),
            ),
            (
                "https://m.linkedin.com/in/costavasili",
                public("costavasili"),
            ),
            // Not profiles, or not the site.
            ("https://www.linkedin.com/feed/", None),
            ("https://www.linkedin.com/company/ethnolink/", None),
            (
                "https://www.linkedin.com/search/results/people/?keywords=x",
                None,
            ),
            ("https://www.linkedin.com/in/", None),
            ("https://www.linkedin.com/in//", None),
            ("https://evil.example/in/costavasili/", None),
            (
                "https://www.linkedin.com.evil.example/in/costavasili/",
                None,
            ),
            ("https://notlinkedin.com/in/costavasili/", None),
            (
                "https://www.linkedin.com@evil.example/in/costavasili/",
                None,
            ),
            ("javascript:alert(1)//www.linkedin.com/in/x", None),
            ("https://www.linkedin.com/in/%E0%A4/", None),
            ("https://www.linkedin.com/in/%zz/", None),
            ("https://www.linkedin.com/in/%3Cscript%3E/", None),
            ("//www.linkedin.com/in/costavasili/", public("costavasili")),
        ];
        assert!(table.len() >= 20);
        for (url, want) in table {
            assert_eq!(ProfileKey::from_url(url), want, "{url}");
        }
    }

    #[test]
    fn canonical_url_round_trips() {
        for url in [
            "https://de.linkedin.com/in/J%C3%BCrgen-M%C3%BCller/details/skills/?x=1",
            "https://www.linkedin.com/in/ACoAAAq_vXIB7ddQiLbkdzTDNjlHLlc3eQ7DOR4",
            "https://www.linkedin.com/in/costavasili/",
        ] {
            let key = ProfileKey::from_url(url).unwrap();
            let canonical = key.canonical_url();
            assert!(canonical.starts_with("https://www.linkedin.com/in/"));
            assert_eq!(ProfileKey::from_url(&canonical), Some(key));
        }
        assert_eq!(
            ProfileKey::PublicId("jürgen-müller".into()).canonical_url(),
            "https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BCller/"
        );
    }

    #[test]
    fn member_urn_only_for_member_ids() {
        let key = ProfileKey::MemberId(MEMBER.into());
        assert_eq!(
            key.member_urn().as_deref(),
            Some("urn:li:fsd_profile:ACoAAAq_vXIB7ddQiLbkdzTDNjlHLlc3eQ7DOR4")
        );
        assert_eq!(ProfileKey::PublicId("x".into()).member_urn(), None);
    }

    #[test]
    fn overlong_slug_is_refused() {
        let long = "a".repeat(MAX_ID_LEN + 1);
        assert_eq!(ProfileKey::from_slug(&long), None);
    }
}
