//! The elements the strategies propose as cards, how they nest, and which of them are read as
//! cards: a candidate whose own text holds nothing but other candidates is a wrapper (a hook
//! around a list item), and the candidates inside it are read instead.

use super::card::{self, Reading};
use super::{
    CardStrategy, MAX_CLIMB, PROFILE_LINKS, SearchCard, component_keys, list_items, view_names,
};
use crate::profile::ProfileKey;
use crate::site::dom::Dom;
use crate::site::profile_page::links::profile_link;
use std::sync::LazyLock;

/// Bounds the work on a page that kept loading results.
const MAX_SCANNED: usize = 3000;
const MAX_CANDIDATES: usize = 600;

/// Parts of a page that list people without being results: navigation, side rails, footers.
const CHROME_TAGS: &[&str] = &["nav", "header", "footer", "aside"];
const CHROME_ROLES: &[&str] = &["navigation", "banner", "contentinfo", "complementary"];
/// Chrome that links to the signed-in viewer ("Me"), not to other people.
const VIEWER_CHROME: &str = "header, nav, [role=\"banner\"], [role=\"navigation\"]";

/// One proposed card.
struct Candidate<N> {
    node: N,
    strategies: Vec<CardStrategy>,
    /// The nearest candidate around this one.
    parent: Option<usize>,
}

/// Every candidate of the results area, in document order, with how they nest.
pub(super) struct Forest<N> {
    candidates: Vec<Candidate<N>>,
}

impl<N: Clone + PartialEq> Forest<N> {
    pub(super) fn collect<D: Dom<Node = N>>(dom: &D, scope: &N) -> Self {
        let selector = [
            list_items::SELECTOR,
            component_keys::SELECTOR,
            view_names::SELECTOR,
        ]
        .join(", ");
        let mut candidates: Vec<Candidate<N>> = Vec::new();
        // Open candidates around the current one: document order puts an ancestor first.
        let mut open: Vec<usize> = Vec::new();
        for node in dom
            .select_all(scope, &selector)
            .into_iter()
            .take(MAX_SCANNED)
        {
            if candidates.len() >= MAX_CANDIDATES {
                break;
            }
            let strategies = strategies_of(dom, &node);
            if strategies.is_empty() || dom.select_first(&node, PROFILE_LINKS).is_none() {
                continue;
            }
            if in_chrome(dom, &node, scope) {
                continue;
            }
            // The candidates are in document order, each one once: an open one that holds this
            // one is an ancestor.
            while let Some(&top) = open.last() {
                if candidates
                    .get(top)
                    .is_some_and(|c| dom.contains(&c.node, &node))
                {
                    break;
                }
                open.pop();
            }
            open.push(candidates.len());
            candidates.push(Candidate {
                node,
                strategies,
                parent: open.iter().rev().nth(1).copied(),
            });
        }
        Self { candidates }
    }

    /// Reads the outermost candidates, and the ones inside each wrapper.
    pub(super) fn read_cards<D: Dom<Node = N>>(
        &self,
        dom: &D,
        viewer: &[ProfileKey],
    ) -> Vec<SearchCard<N>> {
        let mut cards = Vec::new();
        for root in self.children_of(None) {
            self.visit(dom, root, &[], viewer, &mut cards, 0);
        }
        cards
    }

    fn children_of(&self, parent: Option<usize>) -> Vec<usize> {
        (0..self.candidates.len())
            .filter(|i| self.candidates.get(*i).is_some_and(|c| c.parent == parent))
            .collect()
    }

    /// Reads candidate `at`; `around` are the strategies of wrappers holding only it.
    fn visit<D: Dom<Node = N>>(
        &self,
        dom: &D,
        at: usize,
        around: &[CardStrategy],
        viewer: &[ProfileKey],
        cards: &mut Vec<SearchCard<N>>,
        depth: usize,
    ) {
        let Some(candidate) = self.candidates.get(at) else {
            return;
        };
        if depth > MAX_CLIMB {
            return;
        }
        let inner = self.children_of(Some(at));
        let inner_nodes: Vec<N> = inner
            .iter()
            .filter_map(|i| self.candidates.get(*i).map(|c| c.node.clone()))
            .collect();
        let mut strategies = candidate.strategies.clone();
        strategies.extend(around.iter().filter(|s| !candidate.strategies.contains(s)));
        match card::read(dom, &candidate.node, &inner_nodes, viewer) {
            Reading::Card(mut card) => {
                card.found_by = strategies;
                cards.push(*card);
            }
            Reading::Wrapper => {
                // A wrapper around one candidate is the same card found by another hook.
                let pass: &[CardStrategy] = if inner.len() == 1 { &strategies } else { &[] };
                for child in inner {
                    self.visit(dom, child, pass, viewer, cards, depth + 1);
                }
            }
            Reading::Nothing => {}
        }
    }
}

fn strategies_of<D: Dom>(dom: &D, node: &D::Node) -> Vec<CardStrategy> {
    let mut found = Vec::new();
    // Asked once for both strategies that look at it.
    let tag = dom.tag(node);
    if list_items::accepts(dom, node, &tag) {
        found.push(CardStrategy::ListItem);
    }
    if component_keys::accepts(dom, node, &tag) {
        found.push(CardStrategy::ComponentKey);
    }
    if view_names::accepts(dom, node) {
        found.push(CardStrategy::ViewName);
    }
    found
}

/// Whether `node`, or an element above it inside `scope`, is page chrome: the chrome's tags
/// and roles as one selector (a role may be spelled in any case, with spaces around), so the
/// browser climbs, where asking each element above took three calls (issue #20).
pub(super) fn in_chrome<D: Dom>(dom: &D, node: &D::Node, scope: &D::Node) -> bool {
    static MAYBE: LazyLock<String> = LazyLock::new(|| {
        let roles = CHROME_ROLES.iter().map(|r| format!("[role~=\"{r}\" i]"));
        CHROME_TAGS
            .iter()
            .map(|t| t.to_string())
            .chain(roles)
            .collect::<Vec<_>>()
            .join(", ")
    });
    let mut at = dom.closest(node, &MAYBE);
    // Each turn climbs past one element the selector found and the exact rule did not.
    for _ in 0..MAX_CLIMB {
        let Some(found) = at else {
            return false;
        };
        if found == *scope || !dom.contains(scope, &found) {
            return false;
        }
        if is_chrome(dom, &found) {
            return true;
        }
        at = dom.parent(&found).and_then(|p| dom.closest(&p, &MAYBE));
    }
    false
}

fn is_chrome<D: Dom>(dom: &D, node: &D::Node) -> bool {
    CHROME_TAGS.contains(&dom.tag(node).as_str())
        || dom
            .attr(node, "role")
            .is_some_and(|r| CHROME_ROLES.contains(&r.trim().to_ascii_lowercase().as_str()))
}

/// Whom the page's own navigation links to: the signed-in viewer, whose card is never a result.
pub(super) fn viewer_keys<D: Dom>(dom: &D, root: &D::Node) -> Vec<ProfileKey> {
    let mut keys = Vec::new();
    for chrome in dom.select_all(root, VIEWER_CHROME) {
        for a in dom.select_all(&chrome, PROFILE_LINKS) {
            if let Some(link) = dom.attr(&a, "href").and_then(|h| profile_link(&h))
                && !keys.contains(&link.key)
            {
                keys.push(link.key);
            }
        }
    }
    keys
}

/// Whether the results area links to profiles outside the page chrome.
pub(super) fn links_profiles<D: Dom>(dom: &D, scope: &D::Node) -> bool {
    dom.select_all(scope, PROFILE_LINKS).iter().any(|a| {
        dom.attr(a, "href").and_then(|h| profile_link(&h)).is_some() && !in_chrome(dom, a, scope)
    })
}
