//! Strategy `list_item`: results are list items, `<li>` in older designs and
//! `role="listitem"` in the 2025-12 server-driven one (whose list items are `div`s).

use crate::site::dom::Dom;

/// The elements [`accepts`] may accept (the role in any case, spaces around; a role list
/// naming it too, which the exact rule then refuses).
pub(super) const SELECTOR: &str = "li, [role~=\"listitem\" i]";

/// `tag`: the node's.
pub(super) fn accepts<D: Dom>(dom: &D, node: &D::Node, tag: &str) -> bool {
    tag == "li"
        || dom
            .attr(node, "role")
            .is_some_and(|r| r.trim().eq_ignore_ascii_case("listitem"))
}
