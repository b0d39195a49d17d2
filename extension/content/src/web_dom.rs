//! The core's `Dom` trait on the live document.

use js_sys::JsString;
use talent_bridge::site::dom::{Content, Dom};
use talent_bridge_web::Kept;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, Node};

pub struct WebDom {
    root: Element,
    layout: Layout,
    /// The selectors and attribute names asked so far, as JS strings: the reader asks the same
    /// few dozen of every element of a search page, and each `&str` handed to the browser is
    /// decoded anew (a search page's largest boundary cost after the calls themselves, issue #20).
    names: Kept<JsString>,
}

/// How many of them are kept (a reading asks about 30; a selector built per element is not kept).
const MAX_NAMES: usize = 64;

#[wasm_bindgen]
extern "C" {
    /// An element, asked with names already made JS strings.
    type Asked;
    #[wasm_bindgen(method, js_name = querySelector, catch)]
    fn query_selector_named(this: &Asked, selectors: &JsString)
    -> Result<Option<Element>, JsValue>;
    #[wasm_bindgen(method, js_name = querySelectorAll, catch)]
    fn query_selector_all_named(
        this: &Asked,
        selectors: &JsString,
    ) -> Result<web_sys::NodeList, JsValue>;
    #[wasm_bindgen(method, js_name = matches, catch)]
    fn matches_named(this: &Asked, selectors: &JsString) -> Result<bool, JsValue>;
    #[wasm_bindgen(method, js_name = closest, catch)]
    fn closest_named(this: &Asked, selectors: &JsString) -> Result<Option<Element>, JsValue>;
    #[wasm_bindgen(method, js_name = getAttribute)]
    fn get_attribute_named(this: &Asked, name: &JsString) -> Option<String>;
    /// The elements of a list (`NodeList`, `HTMLCollection`) in one call, where `item` asked
    /// for each was one call each.
    #[wasm_bindgen(js_namespace = Array, js_name = from)]
    fn elements_of(list: &JsValue) -> Vec<Element>;
    #[wasm_bindgen(js_namespace = Array, js_name = from)]
    fn nodes_of(list: &JsValue) -> Vec<Node>;
}

/// Where the document's "is it shown" answer comes from.
enum Layout {
    /// The live page: the browser's own layout.
    Live,
    /// A snapshot parsed in a frame (no layout): `frames.js` marked the profile links the user
    /// does not see with `data-tb-hidden` before it sent the page.
    #[cfg(feature = "frame")]
    Marked,
}

impl WebDom {
    pub fn of(document: &Document) -> Option<Self> {
        document.document_element().map(|root| Self {
            root,
            layout: Layout::Live,
            names: Kept::new(MAX_NAMES),
        })
    }

    /// `name` as a JS string, made once per reading.
    #[inline(never)]
    fn named(&self, name: &str) -> JsString {
        self.names.get(name, || JsString::from(name))
    }

    /// A snapshot whose hidden links are marked (frame mode's reader).
    #[cfg(feature = "frame")]
    pub fn marked(document: &Document) -> Option<Self> {
        document.document_element().map(|root| Self {
            root,
            layout: Layout::Marked,
            names: Kept::new(MAX_NAMES),
        })
    }
}

#[cfg(feature = "frame")]
const HIDDEN_MARK: &str = "[data-tb-hidden]";

/// `el.checkVisibility({checkOpacity, checkVisibilityCSS})` and a size: what the user sees.
fn live_rendered(el: &Element) -> bool {
    if !el.is_connected() {
        return false;
    }
    let options = js_sys::Object::new();
    for key in ["checkOpacity", "checkVisibilityCSS"] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &true.into());
    }
    let visible = js_sys::Reflect::get(el, &"checkVisibility".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call1(el, &options).ok())
        .and_then(|v| v.as_bool())
        .unwrap_or(true);
    let rect = el.get_bounding_client_rect();
    visible && rect.width() > 0.0 && rect.height() > 0.0 && !clipped_away(el)
}

/// Inside an ancestor of zero width or height that clips its content (`overflow` other than
/// `visible`): laid out, but nothing of it can be seen.
fn clipped_away(el: &Element) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    std::iter::successors(el.parent_element(), |e| e.parent_element())
        .take(MAX_CLIP_CLIMB)
        .any(|ancestor| {
            let rect = ancestor.get_bounding_client_rect();
            (rect.width() == 0.0 || rect.height() == 0.0)
                && window
                    .get_computed_style(&ancestor)
                    .ok()
                    .flatten()
                    .and_then(|style| style.get_property_value("overflow").ok())
                    .is_some_and(|o| o.split_whitespace().any(|v| v != "visible"))
        })
}

/// How far up a clipping ancestor is looked for (a card's name sits a few levels deep).
const MAX_CLIP_CLIMB: usize = 16;

impl Dom for WebDom {
    type Node = Element;

    fn root(&self) -> Element {
        self.root.clone()
    }

    fn select_all(&self, scope: &Element, selector: &str) -> Vec<Element> {
        let Ok(list) = scope
            .unchecked_ref::<Asked>()
            .query_selector_all_named(&self.named(selector))
        else {
            return Vec::new();
        };
        // `querySelectorAll` finds elements only.
        elements_of(&list)
    }

    /// `querySelector`: the first match only, where the default builds the whole list.
    fn select_first(&self, scope: &Element, selector: &str) -> Option<Element> {
        scope
            .unchecked_ref::<Asked>()
            .query_selector_named(&self.named(selector))
            .ok()
            .flatten()
    }

    fn matches(&self, node: &Element, selector: &str) -> bool {
        node.unchecked_ref::<Asked>()
            .matches_named(&self.named(selector))
            .unwrap_or(false)
    }

    fn contains(&self, ancestor: &Element, node: &Element) -> bool {
        ancestor.contains(Some(node))
    }

    fn closest(&self, node: &Element, selector: &str) -> Option<Element> {
        node.unchecked_ref::<Asked>()
            .closest_named(&self.named(selector))
            .ok()
            .flatten()
    }

    fn attr(&self, node: &Element, name: &str) -> Option<String> {
        node.unchecked_ref::<Asked>()
            .get_attribute_named(&self.named(name))
    }

    fn text(&self, node: &Element) -> String {
        node.text_content().unwrap_or_default()
    }

    fn tag(&self, node: &Element) -> String {
        node.tag_name().to_ascii_lowercase()
    }

    fn children(&self, node: &Element) -> Vec<Element> {
        elements_of(&node.children())
    }

    fn parent(&self, node: &Element) -> Option<Element> {
        node.parent_element()
    }

    /// From the child nodes themselves: one call per child, where the trait's default copies the
    /// text of every child's whole subtree at every level (the reader's largest cost, issue #20).
    fn content(&self, node: &Element) -> Vec<Content<Element>> {
        let mut out = Vec::new();
        let mut text = String::new();
        for child in nodes_of(&node.child_nodes()) {
            match child.node_type() {
                Node::TEXT_NODE | Node::CDATA_SECTION_NODE => {
                    text.push_str(&child.node_value().unwrap_or_default());
                }
                Node::ELEMENT_NODE => {
                    if !text.is_empty() {
                        out.push(Content::Text(std::mem::take(&mut text)));
                    }
                    // An element node is an `Element`: no `instanceof` asked of each.
                    out.push(Content::Element(child.unchecked_into()));
                }
                // Comments and processing instructions are no part of `textContent`.
                _ => {}
            }
        }
        if !text.is_empty() {
            out.push(Content::Text(text));
        }
        out
    }

    fn rendered(&self, node: &Element) -> bool {
        match self.layout {
            Layout::Live => live_rendered(node),
            #[cfg(feature = "frame")]
            Layout::Marked => {
                // The anchor, or the name link it holds, was marked.
                let link = node.query_selector("a[href]").ok().flatten();
                node.closest(HIDDEN_MARK).ok().flatten().is_none()
                    && !link.is_some_and(|a| a.matches(HIDDEN_MARK).unwrap_or(false))
            }
        }
    }
}
