//! A small builder for Yew elements, for the parts of the UI with many elements (the hover card,
//! the update preview). `html!` expands every element inline, a few hundred bytes of wasm each,
//! and every byte of the UI module is downloaded and compiled on a tab's first hover; one shared
//! function per step costs a call instead. Same virtual DOM, same reconciliation.

use std::rc::Rc;
use talent_bridge_web::t_with;
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

/// `key`'s sentence with its argument at `foreign` (a name from the page or the CRM) in a `<bdi>`:
/// an Arabic or Hebrew name keeps its own direction and cannot carry our words around it along
/// (issue #21). The text is the same as `t_with`'s.
pub fn sentence(key: &str, args: &[&str], foreign: usize) -> Html {
    // A private-use character no catalogue holds marks where the name goes.
    const MARK: &str = "\u{E000}";
    let name = args.get(foreign).copied().unwrap_or_default();
    // A name read from the page may hold an override left open (the CRM's are balanced already).
    let name = talent_bridge::bidi::balanced(name);
    let marked: Vec<&str> = (0..args.len())
        .map(|i| {
            if i == foreign {
                MARK
            } else {
                args.get(i).copied().unwrap_or_default()
            }
        })
        .collect();
    let text = t_with(key, &marked);
    match text.split_once(MARK) {
        Some((before, after)) => Tag::new("span")
            .text(before.to_string())
            .child(bdi(name.into_owned()))
            .text(after.to_string())
            .build(),
        None => VText::new(text).into(),
    }
}

/// Text from the page or the CRM, isolated from what stands around it (`dir="auto"`).
pub fn bdi(text: String) -> Html {
    Tag::new("bdi")
        .attrs(&["dir"], &[Some("auto")])
        .text(text)
        .build()
}
