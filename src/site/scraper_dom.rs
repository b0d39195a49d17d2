//! `Dom` on a parsed HTML string, for tests and the `tb` inspector.

use super::dom::Dom;
use scraper::{ElementRef, Html, Selector};

/// A parsed document.
pub struct ScraperDom {
    html: Html,
}

/// An element of a [`ScraperDom`].
pub type ScraperNode = ego_tree::NodeId;

impl ScraperDom {
    pub fn parse(html: &str) -> Self {
        Self {
            html: Html::parse_document(html),
        }
    }

    fn element(&self, id: &ScraperNode) -> Option<ElementRef<'_>> {
        self.html.tree.get(*id).and_then(ElementRef::wrap)
    }
}

impl Dom for ScraperDom {
    type Node = ScraperNode;

    fn root(&self) -> Self::Node {
        self.html.root_element().id()
    }

    fn select_all(&self, scope: &Self::Node, selector: &str) -> Vec<Self::Node> {
        let (Ok(selector), Some(scope)) = (Selector::parse(selector), self.element(scope)) else {
            return Vec::new();
        };
        scope.select(&selector).map(|e| e.id()).collect()
    }

    fn matches(&self, node: &Self::Node, selector: &str) -> bool {
        let (Ok(selector), Some(element)) = (Selector::parse(selector), self.element(node)) else {
            return false;
        };
        selector.matches(&element)
    }

    fn attr(&self, node: &Self::Node, name: &str) -> Option<String> {
        self.element(node)?.value().attr(name).map(str::to_string)
    }

    fn text(&self, node: &Self::Node) -> String {
        self.element(node)
            .map(|e| e.text().collect())
            .unwrap_or_default()
    }

    fn tag(&self, node: &Self::Node) -> String {
        self.element(node)
            .map(|e| e.value().name().to_ascii_lowercase())
            .unwrap_or_default()
    }

    fn children(&self, node: &Self::Node) -> Vec<Self::Node> {
        self.element(node)
            .map(|e| {
                e.children()
                    .filter_map(ElementRef::wrap)
                    .map(|c| c.id())
                    .collect()
            })
            .unwrap_or_default()
    }

    fn parent(&self, node: &Self::Node) -> Option<Self::Node> {
        self.element(node)?
            .parent()
            .and_then(ElementRef::wrap)
            .map(|p| p.id())
    }
}
