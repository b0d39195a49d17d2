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

    /// Whether the browser shows the element to the user (connected, not `display:none`,
    /// `visibility:hidden` or fully transparent, not of zero size). Documents without layout (a
    /// parsed file, a snapshot) say `true` unless they were told otherwise.
    fn rendered(&self, _node: &Self::Node) -> bool {
        true
    }

    /// Whether `node` itself matches `selector`. An invalid selector matches nothing. The default
    /// asks the parent; a document that can answer in one call should.
    fn matches(&self, node: &Self::Node, selector: &str) -> bool {
        self.parent(node)
            .is_some_and(|parent| self.select_all(&parent, selector).contains(node))
    }

    /// Whether `node` is `ancestor` or lies inside it (`Node.contains`). The default climbs from
    /// `node`; a document that can answer in one call should (issue #20: the climb was a third of
    /// what a search page's reading asked of the live page).
    fn contains(&self, ancestor: &Self::Node, node: &Self::Node) -> bool {
        std::iter::successors(Some(node.clone()), |n| self.parent(n)).any(|n| n == *ancestor)
    }

    /// The nearest of `node` and its ancestors that matches `selector` (`Element.closest`).
    fn closest(&self, node: &Self::Node, selector: &str) -> Option<Self::Node> {
        std::iter::successors(Some(node.clone()), |n| self.parent(n))
            .find(|n| self.matches(n, selector))
    }

    /// The first element under `scope` matching `selector`.
    fn select_first(&self, scope: &Self::Node, selector: &str) -> Option<Self::Node> {
        self.select_all(scope, selector).into_iter().next()
    }

    /// The element's content in order: its element children and the text between them (the
    /// element's own text nodes, adjacent ones joined). The trait has no text nodes, so the
    /// default finds the text between children by position in `text`; an implementation that
    /// sees text nodes may say it exactly.
    fn content(&self, node: &Self::Node) -> Vec<Content<Self::Node>> {
        let full = self.text(node);
        let mut out = Vec::new();
        let mut cursor = 0;
        for child in self.children(node) {
            let child_text = self.text(&child);
            let rest = full.get(cursor..).unwrap_or_default();
            let Some(pos) = rest.find(&child_text) else {
                continue;
            };
            push_text(&mut out, rest.get(..pos).unwrap_or_default());
            out.push(Content::Element(child));
            cursor += pos + child_text.len();
        }
        push_text(&mut out, full.get(cursor..).unwrap_or_default());
        out
    }
}

/// A piece of an element's content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Content<N> {
    Element(N),
    /// Text of the element's own, between (or around) its children; never empty.
    Text(String),
}

fn push_text<N>(out: &mut Vec<Content<N>>, text: &str) {
    if !text.is_empty() {
        out.push(Content::Text(text.to_string()));
    }
}
