//! A card's headline, location and degree. They are the lines after the name in the name's
//! block (the smallest element around the name that holds more text; insights, mutual
//! connections and actions sit outside it), each taken for what it is: labels out, insights and
//! counts out, then headline and location told apart by their shape (`place`). When a line could
//! be either, it is left out: a wrong value is worse than none.

use super::PROFILE_LINKS;
use super::insights::{is_count, is_insight};
use super::name_run::NameRun;
use super::place::{Shape, shape};
use crate::profile::ProfileKey;
use crate::site::dom::Dom;
use crate::site::labels::Label;
use crate::site::profile_page::explain::Source;
use crate::site::profile_page::links::profile_link;
use crate::site::profile_page::outline::Line;

const MAX_LINE_CHARS: usize = 500;
/// Headline and location come first; more lines are insights the site added.
const MAX_TEXTS: usize = 2;
const MAX_CLIMB: usize = 24;

/// What the card's lines say besides the name.
#[derive(Clone, Debug, Default)]
pub(super) struct Fields {
    pub headline: Option<(String, Source)>,
    pub location: Option<(String, Source)>,
    pub degree: Option<u8>,
    /// A "• You" label: the card is the viewer's own.
    pub viewer: bool,
    pub dropped: Vec<String>,
}

pub(super) fn read<D: Dom>(
    dom: &D,
    card: &D::Node,
    lines: &[Line<D::Node>],
    run: &NameRun<D::Node>,
) -> Fields {
    let mut fields = Fields {
        viewer: run.name.labels.contains(&Label::You),
        ..Fields::default()
    };
    let mut degrees: Vec<u8> = run
        .name
        .labels
        .iter()
        .filter_map(|l| match l {
            Label::Degree(d) => Some(*d),
            _ => None,
        })
        .collect();
    let after = lines.get(run.line + 1..).unwrap_or_default();
    let block = name_block(dom, card, after, run);
    let mut texts = Vec::new();
    for line in after {
        let label = line.label(dom);
        let Some(block) = &block else {
            // No text after the name: the labels right after it are still the name's.
            match label {
                Some(Label::Degree(d)) => degrees.push(d),
                Some(Label::You) => fields.viewer = true,
                Some(_) => {}
                None => break,
            }
            continue;
        };
        if !dom.contains(block, &line.node) {
            continue;
        }
        if let Some(label) = label {
            match label {
                Label::Degree(d) => degrees.push(d),
                Label::You => fields.viewer = true,
                _ => {}
            }
            fields.dropped.push(line.text.clone());
            continue;
        }
        if !is_field_line(dom, line, run) {
            continue;
        }
        // A label we do not know yet still opens with the site's separator ("• …"): not a field.
        if is_insight(dom, line) || is_count(&line.text) || opens_with_separator(&line.text) {
            fields.dropped.push(line.text.clone());
            continue;
        }
        if texts.len() < MAX_TEXTS {
            texts.push(line.text.clone());
        }
    }
    degrees.sort_unstable();
    degrees.dedup();
    // Two different degrees on one card: say nothing rather than guess.
    fields.degree = match degrees.as_slice() {
        [one] => Some(*one),
        _ => None,
    };
    let (headline, location) = classify(&texts);
    fields.headline = headline.map(|h| (h, Source::SearchCardLine));
    fields.location = location;
    fields
}

fn opens_with_separator(text: &str) -> bool {
    text.trim_start().starts_with(['•', '·'])
}

/// Headline first, location second, as every design orders them, unless their shape says
/// otherwise.
fn classify(texts: &[String]) -> (Option<String>, Option<(String, Source)>) {
    let place = |t: &String| (t.clone(), Source::SearchCardPlace);
    match texts {
        [] => (None, None),
        [one] => match shape(one) {
            Shape::Place => (None, Some(place(one))),
            Shape::NotPlace => (Some(one.clone()), None),
            Shape::Either => (None, None),
        },
        [first, second, ..] => match (shape(first), shape(second)) {
            // A place first: the headline is missing, and what follows is no headline either
            // (every design puts the headline above the location).
            (Shape::Place, _) => (None, Some(place(first))),
            (_, Shape::NotPlace) => (Some(first.clone()), None),
            (_, _) => (Some(first.clone()), Some(place(second))),
        },
    }
}

/// A line that can be a field: text of the card's own, not a link to elsewhere (unless it is
/// the name link's own next line) and not a sentence about other people.
fn is_field_line<D: Dom>(dom: &D, line: &Line<D::Node>, run: &NameRun<D::Node>) -> bool {
    if line.text.chars().count() > MAX_LINE_CHARS || line.text == run.name.text {
        return false;
    }
    if line.anchor.is_some() && !dom.contains(&run.link, &line.node) {
        return false;
    }
    !mentions_someone_else(dom, &line.node, &run.subject.key)
}

fn mentions_someone_else<D: Dom>(dom: &D, node: &D::Node, subject: &ProfileKey) -> bool {
    dom.select_all(node, PROFILE_LINKS).iter().any(|a| {
        dom.attr(a, "href")
            .and_then(|h| profile_link(&h))
            .is_some_and(|l| l.key != *subject)
    })
}

/// The smallest element around the name link that also holds a line of text after it.
fn name_block<D: Dom>(
    dom: &D,
    card: &D::Node,
    after: &[Line<D::Node>],
    run: &NameRun<D::Node>,
) -> Option<D::Node> {
    let texts: Vec<&Line<D::Node>> = after
        .iter()
        .filter(|l| l.label(dom).is_none() && is_field_line(dom, l, run))
        .collect();
    if texts.is_empty() {
        return None;
    }
    let start = if dom.contains(&run.link, &run.name.node) {
        run.link.clone()
    } else {
        run.name.node.clone()
    };
    std::iter::successors(Some(start), |n| {
        (n != card).then(|| dom.parent(n)).flatten()
    })
    .take(MAX_CLIMB)
    .find(|block| texts.iter().any(|l| dom.contains(block, &l.node)))
}
