//! Strategy `view_name`: the site names its components for its own analytics in
//! `data-view-name` (`people-search-result`, `search-entity-result-universal-template`,
//! `search-result-lockup-title`, `search-result-social-proof-insight`). A name holding "result"
//! is a result or a part of one; the part words say which parts are not whole results.

use crate::site::dom::Dom;

/// The elements [`accepts`] may accept: a name holding "result" in any case (as a word, the
/// exact rule says; the page's other named parts are not asked about: issue #20).
pub(super) const SELECTOR: &str = "[data-view-name*=\"result\" i]";

/// Words of a view name that mark a part of a result (its title, an insight, a button), or a
/// list of results, rather than one result.
const PART_WORDS: &[&str] = &[
    "title",
    "lockup",
    "insight",
    "proof",
    "social",
    "button",
    "action",
    "actions",
    "cta",
    "link",
    "image",
    "photo",
    "badge",
    "feedback",
    "filter",
    "filters",
    "results",
    "pagination",
];

/// Words of a view name that mark other people mentioned by a card (mutual connections).
const MENTION_WORDS: &[&str] = &["insight", "proof", "social", "mutual", "connections"];

pub(super) fn accepts<D: Dom>(dom: &D, node: &D::Node) -> bool {
    let words = words_of(dom, node);
    words.iter().any(|w| w == "result") && !words.iter().any(|w| PART_WORDS.contains(&w.as_str()))
}

/// A link the site marks as naming someone the card mentions, not the card's person.
pub(super) fn is_mention<D: Dom>(dom: &D, link: &D::Node) -> bool {
    words_of(dom, link)
        .iter()
        .any(|w| MENTION_WORDS.contains(&w.as_str()))
}

fn words_of<D: Dom>(dom: &D, node: &D::Node) -> Vec<String> {
    dom.attr(node, "data-view-name")
        .unwrap_or_default()
        .to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}
