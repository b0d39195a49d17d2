//! Which line of a card is its name. A card opens with its person: the photo link, then the
//! name link (in some designs empty overlay links between them), with labels around them. The
//! name is the last link to that person in this opening run that shows a name (the photo link
//! may hold a hidden copy of the name or "Status is offline"); the first other line ends the run.
//!
//! Before the name there may be labels and headings, nothing else: a card that opens with other
//! text ("LinkedIn Member" without a link, a sentence naming mutual connections) has no name we
//! can trust — unless the text is the very name the profile link's picture is labelled with.

use super::name::{self, LinkName};
use super::{PROFILE_LINKS, view_names};
use crate::site::dom::Dom;
use crate::site::labels::strip_labels;
use crate::site::profile_page::explain::Source;
use crate::site::profile_page::links::{ProfileLink, profile_link};
use crate::site::profile_page::outline::Line;
use crate::site::profile_page::text::collapse_ws;
use crate::site::profile_page::visibility::is_limited_name;

/// The card's name, the link that says whom it is, and where the name's line is.
pub(super) struct NameRun<N> {
    pub link: N,
    pub subject: ProfileLink,
    pub name: LinkName<N>,
    /// The index of the name's line among the card's lines.
    pub line: usize,
    pub source: Source,
}

pub(super) enum Found<N> {
    Name(NameRun<N>),
    /// A "LinkedIn Member" without a link: nobody to badge.
    LimitedWithoutLink,
    /// Text before any name: not a card we can read with confidence.
    Unsure,
    /// No text but labels and headings (a wrapper, a placeholder, a photo).
    Nothing,
}

/// Finds the name among `lines` (the card's own lines, in order).
pub(super) fn find<D: Dom>(dom: &D, card: &D::Node, lines: &[Line<D::Node>]) -> Found<D::Node> {
    let mut run: Option<NameRun<D::Node>> = None;
    // Labels before the name (presence on the photo): dropped with the name's own.
    let mut before: Vec<String> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let link = line_link(dom, card, line);
        if let Some(current) = &run {
            match link {
                // Another link to the same person in the opening run: the name beside the photo.
                Some((a, subject)) if subject.key == current.subject.key && a != current.link => {
                    if let Some(name) = name_of(dom, &a, &subject)
                        && (!name.limited || current.name.limited)
                    {
                        run = Some(NameRun {
                            link: a,
                            subject,
                            name,
                            line: i,
                            source: Source::SearchCardName,
                        });
                    }
                    continue;
                }
                _ if line.label(dom).is_some() => continue,
                _ => break,
            }
        }
        let label = line.label(dom);
        if let Some((a, subject)) = link {
            match name_of(dom, &a, &subject) {
                Some(name) => {
                    run = Some(NameRun {
                        link: a,
                        subject,
                        name,
                        line: i,
                        source: Source::SearchCardName,
                    });
                }
                // A photo link holding only "Status is offline".
                None if label.is_some() => before.push(line.text.clone()),
                None => {}
            }
            continue;
        }
        if label.is_some() {
            before.push(line.text.clone());
            continue;
        }
        if is_limited_name(&strip_labels(&line.text).kept) {
            return match limited_by_silent_links(dom, card, line, i) {
                Some(limited) => Found::Name(limited),
                None => Found::LimitedWithoutLink,
            };
        }
        if let Some(confirmed) = named_by_picture(dom, card, line, i) {
            run = Some(confirmed);
            continue;
        }
        if line.heading.is_some() || line.anchor.is_some() {
            continue;
        }
        return Found::Unsure;
    }
    match run {
        Some(mut run) => {
            before.append(&mut run.name.dropped);
            run.name.dropped = before;
            Found::Name(run)
        }
        None => Found::Nothing,
    }
}

fn name_of<D: Dom>(dom: &D, a: &D::Node, subject: &ProfileLink) -> Option<LinkName<D::Node>> {
    if subject.sub_page || view_names::is_mention(dom, a) {
        return None;
    }
    name::of_link(dom, a)
}

/// The profile link a line is, or sits in: the line of a link, or a line that is one link and
/// labels ("<p><a>Ada Lovelace</a> • 2nd</p>"). A sentence naming people is neither.
fn line_link<D: Dom>(
    dom: &D,
    card: &D::Node,
    line: &Line<D::Node>,
) -> Option<(D::Node, ProfileLink)> {
    if let Some(anchor) = &line.anchor {
        let subject = profile_link(&anchor.href)?;
        let a = dom
            .closest(&line.node, "a")
            .filter(|a| dom.contains(card, a))
            .or_else(|| dom.select_first(&line.node, "a[href]"))?;
        return Some((a, subject));
    }
    let links = dom.select_all(&line.node, PROFILE_LINKS);
    let [a] = links.as_slice() else {
        return None;
    };
    let subject = profile_link(&dom.attr(a, "href")?)?;
    let name = name::of_link(dom, a)?;
    (strip_labels(&line.text).kept == name.text).then(|| (a.clone(), subject))
}

/// A "LinkedIn Member" line outside any link, in a card whose textless links (photo, overlays)
/// all go to one member: that member's card, without a name.
fn limited_by_silent_links<D: Dom>(
    dom: &D,
    card: &D::Node,
    line: &Line<D::Node>,
    at: usize,
) -> Option<NameRun<D::Node>> {
    let mut found: Option<(D::Node, ProfileLink)> = None;
    for a in dom.select_all(card, PROFILE_LINKS) {
        let Some(link) = dom.attr(&a, "href").and_then(|h| profile_link(&h)) else {
            continue;
        };
        if link.sub_page || view_names::is_mention(dom, &a) || name::of_link(dom, &a).is_some() {
            continue;
        }
        match &found {
            Some((_, first)) if first.key != link.key => return None,
            Some(_) => {}
            None => found = Some((a, link)),
        }
    }
    let (link, subject) = found?;
    Some(NameRun {
        link,
        subject,
        name: LinkName {
            node: line.node.clone(),
            text: collapse_ws(&line.text),
            limited: true,
            labels: Vec::new(),
            dropped: Vec::new(),
        },
        line: at,
        source: Source::SearchCardName,
    })
}

/// A plain line that is the name the card's profile link labels its picture with (`alt`,
/// `aria-label`): a design that prints the name outside the link.
fn named_by_picture<D: Dom>(
    dom: &D,
    card: &D::Node,
    line: &Line<D::Node>,
    at: usize,
) -> Option<NameRun<D::Node>> {
    let text = collapse_ws(&line.text);
    for a in dom.select_all(card, PROFILE_LINKS) {
        let Some(subject) = dom.attr(&a, "href").and_then(|h| profile_link(&h)) else {
            continue;
        };
        if subject.sub_page {
            continue;
        }
        let labelled = std::iter::once(a.clone())
            .chain(dom.select_all(&a, "img[alt], [aria-label]"))
            .filter_map(|n| dom.attr(&n, "alt").or_else(|| dom.attr(&n, "aria-label")))
            .any(|label| collapse_ws(&label) == text);
        if !labelled {
            continue;
        }
        return Some(NameRun {
            link: a,
            subject,
            name: LinkName {
                node: line.node.clone(),
                limited: is_limited_name(&text),
                text,
                labels: Vec::new(),
                dropped: Vec::new(),
            },
            line: at,
            source: Source::SearchCardLinkLabel,
        });
    }
    None
}
