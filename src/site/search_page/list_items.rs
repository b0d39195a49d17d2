//! Strategy `list_item`: results are list items, `<li>` in older designs and
//! `role="listitem"` in the 2025-12 server-driven one (whose list items are `div`s).

use crate::site::dom::Dom;

pub(super) const SELECTOR: &str = "li, [role=\"listitem\"]";

/// `tag`: the node's.
pub(super) fn accepts<D: Dom>(dom: &D, node: &D::Node, tag: &str) -> bool {
    tag == "li"
        || dom
            .attr(node, "role")
            .is_some_and(|r| r.trim().eq_ignore_ascii_case("listitem"))
}
