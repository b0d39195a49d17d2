//! Strategy `component_key`: the server-driven design (2025-12) gives a result's container and
//! each of its links to the person (photo, name, empty overlay links) one `componentkey`; a
//! mutual connection's link never carries it. An element whose own profile links share its key
//! is one card, whatever role it has.

use super::PROFILE_LINKS;
use crate::site::dom::Dom;
use crate::site::profile_page::links::profile_link;

/// The elements [`accepts`] may accept: a link is a card's part, never the card (half of a
/// search page's keyed elements are links, each read for nothing: issue #20).
pub(super) const SELECTOR: &str = "[componentkey]:not(a)";

/// `tag`: the node's.
pub(super) fn accepts<D: Dom>(dom: &D, node: &D::Node, tag: &str) -> bool {
    if tag == "a" {
        return false;
    }
    let Some(key) = key_of(dom, node) else {
        return false;
    };
    dom.select_all(node, PROFILE_LINKS).iter().any(|a| {
        key_of(dom, a).as_deref() == Some(key.as_str())
            && dom.attr(a, "href").and_then(|h| profile_link(&h)).is_some()
    })
}

/// An element's `componentkey`, when it has a non-empty one.
pub(super) fn key_of<D: Dom>(dom: &D, node: &D::Node) -> Option<String> {
    dom.attr(node, "componentkey")
        .map(|k| k.trim().to_string())
        .filter(|k| !k.is_empty())
}
