//! The name a profile link shows. The link may also hold a screen-reader twin ("View Ada’s
//! profile"), a degree ("2nd degree connection", "• 3rd+"), presence ("Status is offline") or a
//! verification label, in any language: the name is what is left when those are taken out.
//!
//! When part of the link is `aria-hidden`, that part is what the eye sees and the rest is the
//! screen reader's twin. A piece that holds another piece's words and more is a phrase about
//! the name ("Voir le profil de Ada Lovelace"), whatever its language.

use crate::site::dom::{Content, Dom};
use crate::site::labels::{Label, label_of, strip_labels};
use crate::site::profile_page::outline::{self, Sight, is_block_tag};
use crate::site::profile_page::text::collapse_ws;
use crate::site::profile_page::visibility::is_limited_name;

const MAX_NAME_CHARS: usize = 200;
const MAX_DEPTH: usize = 32;
const MAX_PIECES: usize = 200;
const BLOCKS: &str = "div, p, h1, h2, h3, h4, h5, h6, section, article, ul, ol, li";

/// A name and the element that holds it.
#[derive(Clone, Debug)]
pub(super) struct LinkName<N> {
    pub node: N,
    pub text: String,
    /// "LinkedIn Member" (in any language): a placeholder, never a name.
    pub limited: bool,
    pub labels: Vec<Label>,
    pub dropped: Vec<String>,
}

/// A run of text and the element it sits in.
struct Piece<N> {
    node: N,
    text: String,
    /// Inside an `aria-hidden` part: what the eye sees.
    visual: bool,
    /// Its element is a block: a reader sees it apart from its neighbours.
    block: bool,
}

/// The name `link` shows, or `None` when nothing in it is a name (a photo, an icon, only
/// labels).
pub(super) fn of_link<D: Dom>(dom: &D, link: &D::Node) -> Option<LinkName<D::Node>> {
    // A link wrapping a whole card (photo, name, headline): only its first line is the name.
    let scope = match dom.select_first(link, BLOCKS) {
        Some(_) => outline::lines_for(dom, link, Sight::Eye)
            .into_iter()
            .find(|line| label_of(&line.text).is_none())
            .map(|line| line.node)?,
        None => link.clone(),
    };
    let mut pieces = Vec::new();
    collect(dom, &scope, false, &mut pieces, 0);
    // With a visual part, the rest is its screen-reader twin ("View Ada’s profile") — unless the
    // visual part is only a label ("• 2nd"), and the name is what the twin holds.
    let (visual, twins): (Vec<_>, Vec<_>) = pieces
        .iter()
        .partition(|p| p.visual || p.text.trim().is_empty());
    if twins.iter().any(|p| !p.text.trim().is_empty())
        && let Some(mut name) = name_of_pieces(dom, &scope, &visual)
    {
        let mut dropped: Vec<String> = twins.iter().map(|p| collapse_ws(&p.text)).collect();
        dropped.append(&mut name.dropped);
        name.dropped = dropped;
        return Some(name);
    }
    let all: Vec<&Piece<D::Node>> = pieces.iter().collect();
    name_of_pieces(dom, &scope, &all)
}

/// The name the pieces spell once labels and phrases about the name are taken out.
fn name_of_pieces<D: Dom>(
    dom: &D,
    scope: &D::Node,
    pieces: &[&Piece<D::Node>],
) -> Option<LinkName<D::Node>> {
    let mut name = LinkName {
        node: scope.clone(),
        text: String::new(),
        limited: false,
        labels: Vec::new(),
        dropped: Vec::new(),
    };
    let mut kept: Vec<&Piece<D::Node>> = Vec::new();
    for piece in pieces {
        let text = collapse_ws(&piece.text);
        if text.is_empty() {
            // White space between pieces still separates words.
            kept.push(piece);
            continue;
        }
        match label_of(&text) {
            Some(label) => {
                name.labels.push(label);
                name.dropped.push(text);
            }
            None => kept.push(piece),
        }
    }
    let kept = drop_phrases_about_others(kept, &mut name.dropped);
    let joined: String = kept
        .iter()
        .map(|p| {
            if p.block {
                format!(" {} ", p.text)
            } else {
                p.text.clone()
            }
        })
        .collect();
    let stripped = strip_labels(&collapse_ws(&joined));
    name.labels.extend(stripped.labels);
    name.dropped.extend(stripped.dropped);
    name.text = stripped.kept;
    let chars = name.text.chars().count();
    if chars == 0 || chars > MAX_NAME_CHARS || !name.text.chars().any(char::is_alphabetic) {
        return None;
    }
    name.limited = is_limited_name(&name.text);
    name.node = holder(dom, scope, &kept);
    Some(name)
}

fn collect<D: Dom>(
    dom: &D,
    node: &D::Node,
    visual: bool,
    out: &mut Vec<Piece<D::Node>>,
    depth: usize,
) {
    if depth > MAX_DEPTH || out.len() >= MAX_PIECES {
        return;
    }
    let block = is_block_tag(&dom.tag(node));
    for content in dom.content(node) {
        match content {
            Content::Text(text) => out.push(Piece {
                node: node.clone(),
                text,
                visual,
                block,
            }),
            Content::Element(child) => {
                let screen_reader_hidden = dom
                    .attr(&child, "aria-hidden")
                    .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"));
                // `aria-hidden` hides from screen readers, not from the eye: its text counts.
                if outline::hidden_from(dom, &child, Sight::Eye) {
                    continue;
                }
                collect(dom, &child, visual || screen_reader_hidden, out, depth + 1);
            }
        }
    }
}

/// Drops pieces that hold another piece's words and more: "View Ada Lovelace’s profile" beside
/// "Ada Lovelace", in any language.
fn drop_phrases_about_others<'p, N>(
    kept: Vec<&'p Piece<N>>,
    dropped: &mut Vec<String>,
) -> Vec<&'p Piece<N>> {
    let texts: Vec<String> = kept.iter().map(|p| collapse_ws(&p.text)).collect();
    let words = |t: &str| t.split_whitespace().count();
    let is_phrase = |text: &str| {
        texts.iter().any(|other| {
            words(other) >= 2 && words(text) >= words(other) + 2 && holds_words(text, other)
        })
    };
    kept.into_iter()
        .zip(&texts)
        .filter_map(|(piece, text)| {
            if is_phrase(text) {
                dropped.push(text.clone());
                None
            } else {
                Some(piece)
            }
        })
        .collect()
}

/// Whether `text` contains all of `words` as whole words, in order.
fn holds_words(text: &str, words: &str) -> bool {
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    text.match_indices(words).any(|(at, found)| {
        boundary(text.get(..at).and_then(|s| s.chars().next_back()))
            && boundary(text.get(at + found.len()..).and_then(|s| s.chars().next()))
    })
}

/// The smallest element holding every kept piece with text.
fn holder<D: Dom>(dom: &D, scope: &D::Node, kept: &[&Piece<D::Node>]) -> D::Node {
    let nodes: Vec<&D::Node> = kept
        .iter()
        .filter(|p| !p.text.trim().is_empty())
        .map(|p| &p.node)
        .collect();
    let Some(first) = nodes.first() else {
        return scope.clone();
    };
    std::iter::successors(Some((*first).clone()), |n| {
        (n != scope).then(|| dom.parent(n)).flatten()
    })
    .take(MAX_DEPTH + 1)
    .find(|candidate| nodes.iter().all(|n| dom.contains(candidate, n)))
    .unwrap_or_else(|| scope.clone())
}
