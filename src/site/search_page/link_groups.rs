//! Strategy `link_group`, for a design none of the structural hooks fits: around each person's
//! links, the largest region that links to nobody else is that person's card (a result's mutual
//! connections end the region before the card's insights do). Such a region counts only when it
//! reads as a card with a headline or a location besides the name: a bare list of names is
//! navigation, not results.

use super::candidates::in_chrome;
use super::card::{self, Reading};
use super::{CardStrategy, MAX_CARDS, PROFILE_LINKS, SearchCard, ancestors_within};
use crate::profile::ProfileKey;
use crate::site::dom::Dom;
use crate::site::profile_page::links::profile_link;

/// Bounds the work on a page full of links.
const MAX_LINKS: usize = 600;

pub(super) fn read<D: Dom>(
    dom: &D,
    scope: &D::Node,
    viewer: &[ProfileKey],
) -> Vec<SearchCard<D::Node>> {
    let mut seen: Vec<ProfileKey> = Vec::new();
    let mut cards: Vec<SearchCard<D::Node>> = Vec::new();
    for a in dom
        .select_all(scope, PROFILE_LINKS)
        .into_iter()
        .take(MAX_LINKS)
    {
        if cards.len() >= MAX_CARDS {
            break;
        }
        let Some(link) = dom.attr(&a, "href").and_then(|h| profile_link(&h)) else {
            continue;
        };
        if link.sub_page || seen.contains(&link.key) {
            continue;
        }
        if dom.parent(&a).is_some_and(|p| in_chrome(dom, &p, scope)) {
            continue;
        }
        let around = ancestors_within(dom, &a, scope);
        let Some(region) = around
            .iter()
            .take_while(|n| links_only_to(dom, n, &link.key))
            .last()
        else {
            continue;
        };
        if let Reading::Card(mut card) = card::read(dom, region, &[], viewer)
            && (card.profile.facts.headline.is_some() || card.profile.facts.location.is_some())
        {
            card.found_by = vec![CardStrategy::LinkGroup];
            cards.push(*card);
            // One card per person: the person's other links (photo, overlays) are the same card.
            seen.push(link.key);
        }
    }
    cards
}

/// Whether every profile link under `node` is to `key`.
fn links_only_to<D: Dom>(dom: &D, node: &D::Node, key: &ProfileKey) -> bool {
    dom.select_all(node, PROFILE_LINKS).iter().all(|a| {
        dom.attr(a, "href")
            .and_then(|h| profile_link(&h))
            .is_none_or(|l| l.key == *key)
    })
}
