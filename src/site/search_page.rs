//! People search results (PRODUCT.md P1, B4): every result card, whom it shows and the element to
//! put that person's badge beside. Never leans on class names (P4).
//!
//! Strategy `search_page`: a card is a list item (`li` or `role="listitem"`) in `main` whose
//! links to profiles all name one person. The link's URL says who (its query may add the member
//! id), the link's text is the name, and the first text lines after the name are the headline
//! and the location. A card whose links or member ids name two people, and a "LinkedIn Member"
//! card without a link, get nothing: a card is read right or not at all.

use super::dom::Dom;
use super::profile_page::explain::{Source, Sources};
use super::profile_page::links::{
    ProfileLink, compose_member_id, member_id_of_urn, profile_link, urn_of,
};
use super::profile_page::outline::{self, Line, visible_text};
use super::profile_page::text::{collapse_ws, degree_of, is_pronouns, is_separator};
use super::profile_page::visibility::is_limited_name;
use crate::profile::{Profile, ProfileFacts, ProfileKey, Visibility};

/// Bounds the work on a page that kept loading results ("Show more results", scrolling).
const MAX_ITEMS: usize = 600;
const MAX_CARDS: usize = 300;
const MAX_NAME_CHARS: usize = 200;
const MAX_LINE_CHARS: usize = 500;
/// How far above a list item we look for page chrome or an enclosing card.
const MAX_CLIMB: usize = 40;

const ITEMS: &str = "li, [role=\"listitem\"]";
const PROFILE_LINKS: &str = "a[href*=\"/in/\"]";
const COMPOSE_LINKS: &str = "a[href*=\"/messaging/compose\"]";
const MEMBER_URN_ATTRS: [(&str, &str); 2] = [
    ("data-entity-urn", "[data-entity-urn]"),
    ("data-member-urn", "[data-member-urn]"),
];
const BLOCKS: &str = "div, p, h1, h2, h3, h4, h5, h6, section, article, ul, ol, li";
/// Parts of a page that list people without being results: navigation, side rails, footers.
const CHROME_TAGS: &[&str] = &["nav", "header", "footer", "aside"];
const CHROME_ROLES: &[&str] = &["navigation", "banner", "contentinfo", "complementary"];

/// One result card, read with confidence.
#[derive(Clone, Debug)]
pub struct SearchCard<N> {
    pub profile: Profile,
    /// The element holding the name: the badge goes beside it.
    pub anchor: N,
    pub sources: Sources,
}

/// What a search results page shows.
#[derive(Clone, Debug)]
pub struct SearchResults<N> {
    pub cards: Vec<SearchCard<N>>,
    /// The results area links to profiles (counted only when no card was read).
    pub links_profiles: bool,
}

impl<N> SearchResults<N> {
    /// Profiles are listed but no card could be read: the site may have changed its markup.
    pub fn unreadable(&self) -> bool {
        self.cards.is_empty() && self.links_profiles
    }
}

/// Reads every result card of a people search page.
pub fn read_search<D: Dom>(dom: &D) -> SearchResults<D::Node> {
    let root = dom.root();
    let scope = dom.select_first(&root, "main").unwrap_or(root);
    let mut cards: Vec<SearchCard<D::Node>> = Vec::new();
    let mut card_nodes: Vec<D::Node> = Vec::new();
    for item in dom.select_all(&scope, ITEMS).into_iter().take(MAX_ITEMS) {
        if cards.len() >= MAX_CARDS {
            break;
        }
        // Items come in document order: an enclosing card was seen (and kept) first.
        let around = ancestors_within(dom, &item, &scope);
        if around.iter().any(|a| card_nodes.contains(a))
            || std::iter::once(&item)
                .chain(&around)
                .any(|n| is_chrome(dom, n))
        {
            continue;
        }
        if let Some(card) = read_card(dom, &item) {
            card_nodes.push(item);
            cards.push(card);
        }
    }
    let links_profiles = cards.is_empty() && links_profiles(dom, &scope);
    SearchResults {
        cards,
        links_profiles,
    }
}

/// The elements between `node` and `scope` (excluding both), nearest first.
fn ancestors_within<D: Dom>(dom: &D, node: &D::Node, scope: &D::Node) -> Vec<D::Node> {
    std::iter::successors(dom.parent(node), |n| dom.parent(n))
        .take_while(|n| n != scope)
        .take(MAX_CLIMB)
        .collect()
}

fn is_chrome<D: Dom>(dom: &D, node: &D::Node) -> bool {
    CHROME_TAGS.contains(&dom.tag(node).as_str())
        || dom
            .attr(node, "role")
            .is_some_and(|r| CHROME_ROLES.contains(&r.trim().to_ascii_lowercase().as_str()))
}

fn links_profiles<D: Dom>(dom: &D, scope: &D::Node) -> bool {
    dom.select_all(scope, PROFILE_LINKS).iter().any(|a| {
        dom.attr(a, "href").and_then(|h| profile_link(&h)).is_some()
            && !ancestors_within(dom, a, scope)
                .iter()
                .any(|n| is_chrome(dom, n))
    })
}

/// The ids a link names its person by.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Ids {
    public_id: Option<String>,
    member_id: Option<String>,
}

impl Ids {
    fn of(link: &ProfileLink) -> Self {
        Self {
            public_id: link.key.public_id().map(str::to_string),
            member_id: link
                .key
                .member_id()
                .map(str::to_string)
                .or_else(|| link.member_id.clone()),
        }
    }

    /// Folds `other` in; `false` when it names someone else.
    fn merge(&mut self, other: Ids) -> bool {
        for (mine, theirs) in [
            (&mut self.public_id, other.public_id),
            (&mut self.member_id, other.member_id),
        ] {
            match (mine.as_ref(), theirs) {
                (Some(a), Some(b)) if *a != b => return false,
                (None, Some(b)) => *mine = Some(b),
                _ => {}
            }
        }
        true
    }
}

/// Reads one list item as a result card, or `None` when it is not one (or is ambiguous).
fn read_card<D: Dom>(dom: &D, item: &D::Node) -> Option<SearchCard<D::Node>> {
    let links: Vec<(D::Node, ProfileLink)> = dom
        .select_all(item, PROFILE_LINKS)
        .into_iter()
        .filter_map(|a| {
            let link = profile_link(&dom.attr(&a, "href")?)?;
            Some((a, link))
        })
        .collect();
    let (name_link, subject, name) = links.iter().find_map(|(a, link)| {
        if outline::is_hidden(dom, a) {
            return None;
        }
        let name = name_of_link(dom, a)?;
        Some((a, link, name))
    })?;
    let mut sources = Sources {
        identity: Some(Source::SearchCardLink),
        ..Sources::default()
    };

    // Every profile link and member id in the card must name the same person.
    let mut ids = Ids::of(subject);
    if !links.iter().all(|(_, link)| ids.merge(Ids::of(link))) {
        return None;
    }
    let mut member_source = subject
        .key
        .member_id()
        .map(|_| Source::Url)
        .or(subject.member_id.as_ref().map(|_| Source::ProfileUrnLink));
    for (member, source) in card_member_ids(dom, item) {
        if !ids.merge(Ids {
            public_id: None,
            member_id: Some(member),
        }) {
            return None;
        }
        member_source = member_source.or(Some(source));
    }

    let limited = is_limited_name(&name.text);
    sources.visibility = Some(if limited {
        Source::LimitedMemberName
    } else {
        Source::SearchCardName
    });
    let mut facts = ProfileFacts {
        member_urn: ids.member_id.as_deref().map(urn_of),
        ..ProfileFacts::default()
    };
    sources.member_urn = facts.member_urn.as_ref().and(member_source);
    if !limited {
        facts.name = Some(name.text.clone());
        sources.name = Some(Source::SearchCardName);
    }
    let lines = outline::lines(dom, item);
    let after = lines_after_name(dom, &lines, name_link, &name.node);
    let (texts, degree) = text_lines(after, &name.text);
    facts.degree = degree;
    sources.degree = degree.map(|_| Source::DegreeLabel);
    if !limited {
        let mut texts = texts.into_iter();
        facts.headline = texts.next();
        facts.location = texts.next();
        sources.headline = facts.headline.as_ref().map(|_| Source::SearchCardLine);
        sources.location = facts.location.as_ref().map(|_| Source::SearchCardLine);
    }

    // The vanity id is what the CRM stores first; a member-id link keeps its member id as URN.
    let key = match (&ids.public_id, &subject.key) {
        (Some(public), ProfileKey::MemberId(_)) => ProfileKey::PublicId(public.clone()),
        _ => subject.key.clone(),
    };
    Some(SearchCard {
        profile: Profile {
            key,
            visibility: if limited {
                Visibility::Limited
            } else {
                Visibility::Public
            },
            own: false,
            facts,
            pdf_offered: false,
        },
        anchor: name.node,
        sources,
    })
}

/// A name and the element that holds it.
struct Name<N> {
    node: N,
    text: String,
}

/// The name a profile link shows: its `aria-hidden` visual text when it has one (the rest is a
/// screen-reader phrase like "View Ada Lovelace’s profile"), else its first line.
fn name_of_link<D: Dom>(dom: &D, link: &D::Node) -> Option<Name<D::Node>> {
    let visual = dom
        .select_all(link, "[aria-hidden=\"true\"]")
        .into_iter()
        .map(|node| {
            let text = collapse_ws(&dom.text(&node));
            Name { node, text }
        })
        .find(|n| !n.text.is_empty());
    let name = match visual {
        Some(name) => name,
        // A link wrapping a whole card (photo, name, headline): only its first line is the name.
        None if dom.select_first(link, BLOCKS).is_some() => {
            let line = outline::lines(dom, link).into_iter().next()?;
            Name {
                node: line.node,
                text: line.text,
            }
        }
        None => Name {
            node: link.clone(),
            text: visible_text(dom, link),
        },
    };
    let chars = name.text.chars().count();
    (chars > 0 && chars <= MAX_NAME_CHARS).then_some(name)
}

/// Member ids the card names besides its links: "Message" links and URN attributes.
fn card_member_ids<D: Dom>(dom: &D, item: &D::Node) -> Vec<(String, Source)> {
    let mut found = Vec::new();
    for a in dom.select_all(item, COMPOSE_LINKS) {
        if let Some(member) = dom.attr(&a, "href").and_then(|h| compose_member_id(&h)) {
            found.push((member, Source::ComposeLink));
        }
    }
    for (attr, selector) in MEMBER_URN_ATTRS {
        let nodes = std::iter::once(item.clone()).chain(dom.select_all(item, selector));
        for node in nodes {
            if let Some(member) = dom.attr(&node, attr).and_then(|v| member_id_of_urn(&v)) {
                found.push((member, Source::MemberUrnAttribute));
            }
        }
    }
    found
}

/// The lines after the one holding the name (the name link's line), or none if it is not found.
fn lines_after_name<'l, D: Dom>(
    dom: &D,
    lines: &'l [Line<D::Node>],
    name_link: &D::Node,
    name_node: &D::Node,
) -> &'l [Line<D::Node>] {
    let href = dom.attr(name_link, "href");
    let at = lines.iter().position(|l| {
        l.node == *name_link
            || l.node == *name_node
            || (l.anchor.is_some() && l.anchor.as_ref().map(|a| &a.href) == href.as_ref())
    });
    match at {
        Some(i) => lines.get(i + 1..).unwrap_or_default(),
        None => &[],
    }
}

/// The text lines after the name (degree labels, separators, pronouns and links left out) and
/// the degree label's value.
fn text_lines<N>(lines: &[Line<N>], name: &str) -> (Vec<String>, Option<u8>) {
    let mut degree = None;
    let mut texts = Vec::new();
    for line in lines {
        if let Some(d) = degree_of(&line.text) {
            degree = degree.or(Some(d));
            continue;
        }
        if line.anchor.is_some()
            || is_separator(&line.text)
            || is_pronouns(&line.text)
            || line.text == name
            || line.text.chars().count() > MAX_LINE_CHARS
        {
            continue;
        }
        texts.push(line.text.clone());
        if texts.len() == 2 {
            break;
        }
    }
    (texts, degree)
}

#[cfg(test)]
mod tests;
