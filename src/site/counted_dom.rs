//! Test support: a document that counts what the readers ask of it. Each question is a call
//! across the wasm boundary on the live page, its largest cost on a search page (issue #20).

use super::dom::{Content, Dom};
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

thread_local! {
    static COMPARED: Cell<usize> = const { Cell::new(0) };
}

/// A node whose comparisons are counted too (on the live page each is a call, `Object.is`).
#[derive(Clone, Debug)]
pub struct Node<N>(pub N);

impl<N: PartialEq> PartialEq for Node<N> {
    fn eq(&self, other: &Self) -> bool {
        COMPARED.with(|c| c.set(c.get() + 1));
        self.0 == other.0
    }
}

pub struct Counted<'a, D> {
    pub dom: &'a D,
    asked: RefCell<BTreeMap<&'static str, usize>>,
    /// Selectors `select_first` says the scope itself matches: a test's way to make a reader
    /// take its long way round.
    always: Vec<&'a str>,
}

impl<'a, D: Dom> Counted<'a, D> {
    pub fn new(dom: &'a D) -> Self {
        COMPARED.with(|c| c.set(0));
        Self {
            dom,
            asked: RefCell::default(),
            always: Vec::new(),
        }
    }

    /// This document, but `select_first` with any of `selectors` finds its scope.
    pub fn finding_always(dom: &'a D, selectors: &[&'a str]) -> Self {
        Self {
            always: selectors.to_vec(),
            ..Self::new(dom)
        }
    }

    fn ask(&self, what: &'static str) {
        *self.asked.borrow_mut().entry(what).or_default() += 1;
    }

    /// How often each question was asked.
    pub fn asked(&self) -> BTreeMap<&'static str, usize> {
        let mut asked = self.asked.borrow().clone();
        asked.insert("compare", COMPARED.with(Cell::get));
        asked
    }

    /// All questions asked, comparisons included.
    pub fn total(&self) -> usize {
        self.asked().values().sum()
    }
}

impl<D: Dom> Dom for Counted<'_, D> {
    type Node = Node<D::Node>;
    fn root(&self) -> Self::Node {
        self.ask("root");
        Node(self.dom.root())
    }
    fn select_all(&self, scope: &Self::Node, selector: &str) -> Vec<Self::Node> {
        self.ask("select_all");
        self.dom
            .select_all(&scope.0, selector)
            .into_iter()
            .map(Node)
            .collect()
    }
    fn select_first(&self, scope: &Self::Node, selector: &str) -> Option<Self::Node> {
        self.ask("select_first");
        if self.always.contains(&selector) {
            return Some(scope.clone());
        }
        self.dom.select_first(&scope.0, selector).map(Node)
    }
    fn matches(&self, node: &Self::Node, selector: &str) -> bool {
        self.ask("matches");
        self.dom.matches(&node.0, selector)
    }
    fn attr(&self, node: &Self::Node, name: &str) -> Option<String> {
        self.ask("attr");
        self.dom.attr(&node.0, name)
    }
    fn text(&self, node: &Self::Node) -> String {
        self.ask("text");
        self.dom.text(&node.0)
    }
    fn tag(&self, node: &Self::Node) -> String {
        self.ask("tag");
        self.dom.tag(&node.0)
    }
    fn children(&self, node: &Self::Node) -> Vec<Self::Node> {
        self.ask("children");
        self.dom.children(&node.0).into_iter().map(Node).collect()
    }
    fn parent(&self, node: &Self::Node) -> Option<Self::Node> {
        self.ask("parent");
        self.dom.parent(&node.0).map(Node)
    }
    fn contains(&self, ancestor: &Self::Node, node: &Self::Node) -> bool {
        self.ask("contains");
        self.dom.contains(&ancestor.0, &node.0)
    }
    fn closest(&self, node: &Self::Node, selector: &str) -> Option<Self::Node> {
        self.ask("closest");
        self.dom.closest(&node.0, selector).map(Node)
    }
    fn rendered(&self, node: &Self::Node) -> bool {
        self.ask("rendered");
        self.dom.rendered(&node.0)
    }
    fn content(&self, node: &Self::Node) -> Vec<Content<Self::Node>> {
        self.ask("content");
        self.dom
            .content(&node.0)
            .into_iter()
            .map(|piece| match piece {
                Content::Text(text) => Content::Text(text),
                Content::Element(e) => Content::Element(Node(e)),
            })
            .collect()
    }
}
