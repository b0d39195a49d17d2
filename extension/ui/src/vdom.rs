//! A small builder for Yew elements, for the parts of the UI with many elements (the hover card,
//! the update preview). `html!` expands every element inline, a few hundred bytes of wasm each,
//! and every byte of the UI module is downloaded and compiled on a tab's first hover; one shared
//! function per step costs a call instead. Same virtual DOM, same reconciliation.

use std::rc::Rc;
use yew::html::onclick;
use yew::prelude::*;
use yew::virtual_dom::{AttributeOrProperty, Attributes, VTag, VText};

/// An element being built:
/// `Tag::new("li").attrs(&["data-tb", "data-contact-id"], &[Some("match"), Some(&id)])`.
pub struct Tag(VTag);

impl Tag {
    #[inline(never)]
    pub fn new(name: &'static str) -> Self {
        Self(VTag::new(name))
    }

    /// All the element's attributes at once: `keys` pair up with `values` in order, a `None`
    /// leaves its attribute out (`html!` builds the same `Dynamic` attributes, without the
    /// hashing a map of attributes needs).
    #[inline(never)]
    pub fn attrs(mut self, keys: &'static [&'static str], values: &[Option<&str>]) -> Self {
        let values = (0..keys.len())
            .map(|i| values.get(i).copied().flatten())
            .map(|v| v.map(|v| AttributeOrProperty::Attribute(v.to_string().into())))
            .collect();
        self.0.set_attributes(Attributes::Dynamic { keys, values });
        self
    }

    /// `class="…"` and nothing else.
    pub fn class(self, value: &'static str) -> Self {
        self.attrs(&["class"], &[Some(value)])
    }

    #[inline(never)]
    pub fn child(mut self, child: Html) -> Self {
        self.0.add_child(child);
        self
    }

    #[inline(never)]
    pub fn children(mut self, children: Vec<Html>) -> Self {
        self.0.add_children(children);
        self
    }

    #[inline(never)]
    pub fn text(self, text: String) -> Self {
        self.child(VText::new(text).into())
    }

    #[inline(never)]
    pub fn on_click(mut self, callback: Callback<MouseEvent>) -> Self {
        self.0
            .add_listener(Rc::new(onclick::Wrapper::new(callback)));
        self
    }

    pub fn build(self) -> Html {
        self.0.into()
    }
}
