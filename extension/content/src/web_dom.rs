//! The core's `Dom` trait on the live document.

use talent_bridge::site::dom::Dom;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

pub struct WebDom {
    root: Element,
}

impl WebDom {
    pub fn of(document: &Document) -> Option<Self> {
        document.document_element().map(|root| Self { root })
    }
}

impl Dom for WebDom {
    type Node = Element;

    fn root(&self) -> Element {
        self.root.clone()
    }

    fn select_all(&self, scope: &Element, selector: &str) -> Vec<Element> {
        let Ok(list) = scope.query_selector_all(selector) else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|node| node.dyn_into::<Element>().ok())
            .collect()
    }

    fn attr(&self, node: &Element, name: &str) -> Option<String> {
        node.get_attribute(name)
    }

    fn text(&self, node: &Element) -> String {
        node.text_content().unwrap_or_default()
    }

    fn tag(&self, node: &Element) -> String {
        node.tag_name().to_ascii_lowercase()
    }

    fn children(&self, node: &Element) -> Vec<Element> {
        let children = node.children();
        (0..children.length())
            .filter_map(|i| children.item(i))
            .collect()
    }

    fn parent(&self, node: &Element) -> Option<Element> {
        node.parent_element()
    }
}
