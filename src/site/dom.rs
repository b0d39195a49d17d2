//! The small view of a document that extraction needs. The content script implements it on the
//! live page (web-sys), tests and `tb` on `scraper`: one set of rules, run everywhere.

/// A read-only document. Selectors are plain CSS (no `:scope`, no `:has`): both the browser and
/// `scraper` must understand them the same way.
pub trait Dom {
    /// An element of the document; cheap to clone, equal only to itself.
    type Node: Clone + PartialEq;

    /// The document element (`<html>`).
    fn root(&self) -> Self::Node;
    /// Every element under `scope` (not `scope` itself) matching `selector`, in document order.
    /// An invalid selector matches nothing.
    fn select_all(&self, scope: &Self::Node, selector: &str) -> Vec<Self::Node>;
    /// The value of an attribute.
    fn attr(&self, node: &Self::Node, name: &str) -> Option<String>;
    /// The element's text content, as the DOM's `textContent` gives it (not trimmed).
    fn text(&self, node: &Self::Node) -> String;
    /// The lower-case tag name.
    fn tag(&self, node: &Self::Node) -> String;
    /// The element children, in order.
    fn children(&self, node: &Self::Node) -> Vec<Self::Node>;
    /// The parent element, if any.
    fn parent(&self, node: &Self::Node) -> Option<Self::Node>;

    /// The first element under `scope` matching `selector`.
    fn select_first(&self, scope: &Self::Node, selector: &str) -> Option<Self::Node> {
        self.select_all(scope, selector).into_iter().next()
    }
}
