//! People search results (PRODUCT.md P1, P3, P4, B4): every result card, whom it shows, what it
//! says about them, and the element to put that person's badge beside. Never leans on class
//! names.
//!
//! Cards are found by structure, one strategy per file: list items (`list_items`),
//! `componentkey` groups (`component_keys`), `data-view-name` hooks (`view_names`), and, when
//! none of those finds a card, the region around the links to one person (`link_groups`).
//! Candidates nest (a hook around a list item around …): one whose own text is nothing but
//! other candidates is a wrapper, and the candidates inside it are read instead; any other is
//! read as one card (`card`), and everything inside it (mutual connections, insights, "people
//! also viewed") is part of it, never a card of its own.
//!
//! A card is read right or not at all: whom it shows comes from the link its name uses; another
//! person's link before the name, or a member id naming someone else, makes it ambiguous; a
//! "LinkedIn Member" without a link, an empty placeholder, and the viewer get nothing. Each
//! field is taken for what it is (`fields`, `place`): when unsure, it stays empty.

mod candidates;
mod card;
mod component_keys;
mod fields;
mod identity;
mod insights;
mod link_groups;
mod list_items;
mod name;
mod name_run;
mod place;
mod view_names;

use super::dom::Dom;
use super::profile_page::explain::Sources;
use crate::profile::Profile;
use serde::Serialize;

/// Bounds the work on a page that kept loading results ("Show more results", scrolling).
const MAX_CARDS: usize = 300;
/// How far above an element we look for page chrome or an enclosing card.
const MAX_CLIMB: usize = 40;

/// Links to people's profiles.
pub const PROFILE_LINKS: &str = "a[href*=\"/in/\"]";

/// The structural hook that found a card.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CardStrategy {
    /// `li` or `role="listitem"`.
    ListItem,
    /// An element whose `componentkey` its own profile links carry too.
    ComponentKey,
    /// A `data-view-name` naming a search result.
    ViewName,
    /// The region around the links to one person (used when no other strategy finds a card).
    LinkGroup,
}

impl CardStrategy {
    /// The snake_case name `tb --explain` prints.
    pub fn name(self) -> &'static str {
        match self {
            Self::ListItem => "list_item",
            Self::ComponentKey => "component_key",
            Self::ViewName => "view_name",
            Self::LinkGroup => "link_group",
        }
    }
}

/// One result card, read with confidence.
#[derive(Clone, Debug)]
pub struct SearchCard<N> {
    pub profile: Profile,
    /// The element holding the name: the badge goes beside it.
    pub anchor: N,
    /// The card itself: what the user's "dim people already in the CRM" covers (PRODUCT.md Q3).
    pub card: N,
    pub sources: Sources,
    /// The strategies that found the card (several when they agree on it).
    pub found_by: Vec<CardStrategy>,
    /// Labels taken out of the name and the card's lines ("• 2nd", "Status is offline",
    /// "View Ada’s profile", "Current: …"), for `tb --explain`. Page text: never logged.
    pub dropped: Vec<String>,
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
    let scope = dom
        .select_first(&root, "main")
        .or_else(|| dom.select_first(&root, "[role=\"main\"]"))
        .unwrap_or_else(|| root.clone());
    let viewer = candidates::viewer_keys(dom, &root);
    let forest = candidates::Forest::collect(dom, &scope);
    let mut cards = forest.read_cards(dom, &viewer);
    if cards.is_empty() {
        cards = link_groups::read(dom, &scope, &viewer);
    }
    dedupe(&mut cards);
    // The page may carry cards nobody sees; we look up only the people it shows (S5).
    cards.retain(|card| shown_to_user(dom, &card.anchor));
    cards.truncate(MAX_CARDS);
    let links_profiles = cards.is_empty() && candidates::links_profiles(dom, &scope);
    SearchResults {
        cards,
        links_profiles,
    }
}

/// A card's name is shown to the user: rendered, and its link not hidden from assistive
/// technology (`aria-hidden="true"` on the link or above it: the site hides its duplicate photo
/// links that way, never the name's own link). The name's text itself may sit in an
/// `aria-hidden` span beside a visually hidden "View …'s profile": that is not hiding.
pub fn shown_to_user<D: Dom>(dom: &D, anchor: &D::Node) -> bool {
    if !dom.rendered(anchor) {
        return false;
    }
    let link = dom
        .closest(anchor, "a")
        .or_else(|| dom.select_first(anchor, "a[href]"));
    let Some(link) = link else {
        return true;
    };
    dom.closest(&link, "[aria-hidden=\"true\"]").is_none()
}

/// One card per name element: two strategies reaching the same card keep the first reading.
fn dedupe<N: PartialEq>(cards: &mut Vec<SearchCard<N>>) {
    let mut kept: Vec<SearchCard<N>> = Vec::with_capacity(cards.len());
    for card in cards.drain(..) {
        match kept.iter_mut().find(|k| k.anchor == card.anchor) {
            Some(same) => {
                for strategy in card.found_by {
                    if !same.found_by.contains(&strategy) {
                        same.found_by.push(strategy);
                    }
                }
            }
            None => kept.push(card),
        }
    }
    *cards = kept;
}

/// The elements above `node` up to `scope` (excluding both), nearest first.
fn ancestors_within<D: Dom>(dom: &D, node: &D::Node, scope: &D::Node) -> Vec<D::Node> {
    std::iter::successors(dom.parent(node), |n| dom.parent(n))
        .take_while(|n| n != scope)
        .take(MAX_CLIMB)
        .collect()
}

#[cfg(test)]
mod card_tests;
#[cfg(test)]
mod corpus_tests;
#[cfg(test)]
mod tests;
