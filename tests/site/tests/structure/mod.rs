//! A search page's *structure*, as facts that hold for its person cards: which element is the
//! card and what wraps it, where the links to the card's own person and to other people sit,
//! where the name, degree, headline, location, presence and hidden labels are, which paragraph
//! name and degree share, and in what order the fields come. Class names and every text are
//! left out: only tags, roles, hook values (`data-view-name`, `aria-hidden`…) and attribute
//! *names*, so the real capture and the fixture can be compared without copying either.

use scraper::{ElementRef, Html, Selector};
use std::collections::BTreeSet;

/// One person card as the signature needs it: its root, and what the page says about it.
pub struct Card<'a> {
    pub root: ElementRef<'a>,
    /// The ids its own links may carry (public id and/or member id, decoded).
    pub ids: Vec<String>,
    pub name: String,
    pub headline: String,
    pub location: String,
}

/// Facts of one card, or of the page around the cards.
pub type Facts = BTreeSet<String>;

/// Attributes whose *values* are part of the structure (hooks and roles); of the others, only
/// the name is. `class`, `style` and `id` are render noise (hashed, per-render counters).
const VALUE_ATTRS: &[&str] = &[
    "role",
    "data-view-name",
    "aria-hidden",
    "dir",
    "type",
    "tabindex",
];
const SKIPPED_ATTRS: &[&str] = &["class", "style", "id"];

pub fn select<'a>(html: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    let selector = Selector::parse(css).unwrap_or_else(|e| panic!("selector {css}: {e:?}"));
    html.select(&selector).collect()
}

/// The `/in/<id>/` of a link, decoded; `None` for any other address.
pub fn profile_id(href: &str) -> Option<String> {
    let path = href
        .strip_prefix("https://www.linkedin.com")
        .unwrap_or(href);
    let rest = path.strip_prefix("/in/")?;
    let id = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if id.is_empty() {
        return None;
    }
    talent_bridge::profile::percent_decode(id)
}

/// One element as a step of a path: tag, role and hooks with their values, other attribute
/// names; `href` says what it points at, `componentkey` whether it is the card's own.
fn step(el: ElementRef<'_>, card: &Card<'_>) -> String {
    let value = el.value();
    let mut parts: Vec<String> = Vec::new();
    let card_key = card.root.value().attr("componentkey");
    for (name, v) in value.attrs() {
        if SKIPPED_ATTRS.contains(&name) {
            continue;
        }
        // Ember's `data-ember-action-1996`: the number is a per-render counter.
        let name = name.trim_end_matches(|c: char| c.is_ascii_digit() || c == '-');
        let part = match name {
            "href" => format!("href={}", href_kind(v, card)),
            "componentkey" if Some(v) == card_key && el != card.root => {
                "componentkey=card's".to_string()
            }
            n if VALUE_ATTRS.contains(&n) => format!("{n}={v}"),
            n => n.to_string(),
        };
        parts.push(part);
    }
    parts.sort();
    parts.dedup();
    if parts.is_empty() {
        value.name().to_string()
    } else {
        format!("{}[{}]", value.name(), parts.join(" "))
    }
}

fn href_kind(href: &str, card: &Card<'_>) -> &'static str {
    match profile_id(href) {
        Some(id) if card.ids.contains(&id) => "person",
        Some(_) => "other-person",
        None if href == "#" => "#",
        None if href.contains("/search/") => "search",
        None => "other",
    }
}

/// The path from the card's root down to `el` (the root itself excluded).
fn path(el: ElementRef<'_>, card: &Card<'_>) -> String {
    let mut steps = Vec::new();
    let mut at = Some(el);
    while let Some(node) = at {
        if node == card.root {
            break;
        }
        steps.push(step(node, card));
        at = node.parent().and_then(ElementRef::wrap);
    }
    steps.reverse();
    steps.join(" > ")
}

/// The text an element holds itself (not its children's), whitespace-normalised.
fn own_text(el: ElementRef<'_>) -> String {
    el.children()
        .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_degree(text: &str) -> bool {
    let t = text.trim_start_matches('•').trim();
    matches!(t, "1st" | "2nd" | "3rd" | "3rd+")
}

/// The facts of one card.
pub fn card_facts(card: &Card<'_>) -> Facts {
    let mut facts = Facts::new();
    facts.insert(format!("card is {}", step(card.root, card)));
    let all: Vec<ElementRef<'_>> = card
        .root
        .descendants()
        .filter_map(ElementRef::wrap)
        .collect();
    let (mut own, mut others) = (0, 0);
    for a in all.iter().filter(|e| e.value().name() == "a") {
        match a.value().attr("href").map(|h| href_kind(h, card)) {
            Some("person") => {
                own += 1;
                facts.insert(format!("link to the person at {}", path(*a, card)));
            }
            Some("other-person") => {
                others += 1;
                facts.insert(format!("link to another person at {}", path(*a, card)));
            }
            _ => {}
        }
    }
    facts.insert(format!("links to the card's person: {own}"));
    facts.insert(format!(
        "links to other people: {}",
        if others > 0 { "some" } else { "none" }
    ));
    let named = all.iter().copied().filter(|e| own_text(*e) == card.name);
    let name_link = named.clone().find(|e| {
        e.value().name() == "a"
            || e.ancestors()
                .filter_map(ElementRef::wrap)
                .any(|a| a.value().name() == "a")
    });
    for e in named {
        facts.insert(format!("name at {}", path(e, card)));
    }
    let degree = all.iter().copied().find(|e| is_degree(&own_text(*e)));
    for e in all.iter().filter(|e| is_degree(&own_text(**e))) {
        facts.insert(format!("degree at {}", path(*e, card)));
    }
    let headline = all.iter().copied().find(|e| own_text(*e) == card.headline);
    let location = all
        .iter()
        .copied()
        .find(|e| own_text(*e) == card.location && Some(*e) != headline);
    for (label, e) in [("headline", headline), ("location", location)] {
        if let Some(e) = e {
            facts.insert(format!("{label} at {}", path(e, card)));
        }
    }
    for e in &all {
        let text = own_text(*e);
        if text.starts_with("Status is ") {
            facts.insert(format!("presence text at {}", path(*e, card)));
        }
        if text.starts_with("View ") && text.ends_with("profile") {
            facts.insert(format!("\"View …'s profile\" at {}", path(*e, card)));
        }
        if text.ends_with("degree connection") {
            facts.insert(format!("degree label at {}", path(*e, card)));
        }
    }
    if let (Some(n), Some(d)) = (name_link, degree) {
        let shared = n
            .ancestors()
            .filter_map(ElementRef::wrap)
            .find(|a| d.ancestors().any(|x| x.id() == a.id()));
        if let Some(shared) = shared {
            facts.insert(format!(
                "name and degree share {}",
                if shared == card.root {
                    "the card".to_string()
                } else {
                    step(shared, card)
                }
            ));
        }
    }
    let mut order: Vec<(usize, &str)> = [
        ("name", name_link),
        ("degree", degree),
        ("headline", headline),
        ("location", location),
    ]
    .into_iter()
    .filter_map(|(what, e)| e.map(|e| (position(&all, e), what)))
    .collect();
    order.sort();
    let order: Vec<&str> = order.into_iter().map(|(_, what)| what).collect();
    facts.insert(format!("order: {}", order.join(" < ")));
    facts
}

fn position(all: &[ElementRef<'_>], e: ElementRef<'_>) -> usize {
    all.iter().position(|x| *x == e).unwrap_or(usize::MAX)
}

/// The facts of the list around the cards: the path from the nearest list to each card, and
/// what else sits in that list between the cards.
pub fn page_facts(cards: &[Card<'_>]) -> Facts {
    let mut facts = Facts::new();
    for card in cards {
        let mut wrappers = Vec::new();
        let mut at = card.root;
        let mut list = None;
        while let Some(parent) = at.parent().and_then(ElementRef::wrap) {
            let v = parent.value();
            if v.attr("role") == Some("list") || v.name() == "ul" || v.name() == "ol" {
                list = Some((parent, at));
                break;
            }
            wrappers.push(step(parent, card));
            at = parent;
        }
        let Some((list, item)) = list else {
            facts.insert("cards outside any list".to_string());
            continue;
        };
        wrappers.reverse();
        let mut chain = vec![step(list, card)];
        chain.extend(wrappers);
        chain.push(step(card.root, card));
        facts.insert(format!("list: {}", chain.join(" > ")));
        for sibling in list.children().filter_map(ElementRef::wrap) {
            if sibling == item
                || cards.iter().any(|c| {
                    c.root == sibling || sibling.descendants().any(|d| d.id() == c.root.id())
                })
            {
                continue;
            }
            let kind = if sibling.text().all(|t| t.trim().is_empty()) {
                "empty"
            } else {
                "with text"
            };
            facts.insert(format!("between cards: {} ({kind})", step(sibling, card)));
        }
    }
    facts
}
