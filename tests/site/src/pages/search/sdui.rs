//! The current design's search (the real site's server-driven design of 2025-12, facts from
//! `../shared/corpus/html/search_2025-12_sdui.html`): a `role="list"` of wrappers hooked
//! `data-view-name="people-search-result"`, each an empty overlay link and the
//! `role="listitem"` card, separated by `hr`s. Inside a card every link to the person (the
//! empty overlays, the photo, the name) carries the card's `componentkey`; the name link and
//! "• 2nd" share one paragraph; headline and location are plain paragraphs; mutual
//! connections are links to *other* people's profiles.

use super::CardParts;
use crate::html::{El, Node, el};
use crate::lang::Words;
use crate::pages::parts::{avatar, render_key, visually_hidden};
use crate::people::Person;

pub fn list(cards: Vec<Node>) -> El {
    el("div", "results").attr("role", "list").kids(cards)
}

/// One result: the wrapper around the card, and the separator after it.
pub fn card(person: &Person, parts: &CardParts<'_>) -> Vec<Node> {
    let key = render_key();
    let overlay = |person: &Person| {
        el("a", "overlay-link")
            .attr("componentkey", key.clone())
            .attr("href", person.profile_url())
            .attr("tabindex", "0")
    };
    let (photo, name_line): (Node, El) = if parts.limited {
        // Out of network: no link to the person anywhere, the name is the site's label.
        (
            el("div", "").child(avatar("limited", "photo-56")).into(),
            el("p", "strong")
                .attr("componentkey", render_key())
                .text(parts.name),
        )
    } else {
        let photo = overlay(person)
            .child(
                avatar(&person.public_id, "photo-56")
                    .attr("aria-label", parts.name)
                    .attr("data-view-name", "image"),
            )
            .child_opt(parts.presence.map(visually_hidden));
        let mut line = el("p", "strong")
            .attr("componentkey", render_key())
            .child(overlay(person))
            .child(
                el("a", "name-link")
                    .attr("data-view-name", "search-result-lockup-title")
                    .attr("href", person.profile_url())
                    .text(parts.name),
            )
            .child(el("span", "").text(" "));
        if parts.verified {
            line = line.child(
                el("a", "")
                    .attr("data-view-name", "search-result-lockup-title")
                    .attr("href", "#")
                    .child(el("span", "").child(el("span", "verified-mark"))),
            );
        }
        (photo.into(), line)
    };
    let name_line = name_line.child_opt(
        parts
            .degree
            .map(|d| el("span", "small muted").child(el("span", "").text(format!(" • {d}")))),
    );
    let mut body = el("div", "col grow");
    if !parts.limited {
        body = body.child(overlay(person));
    }
    body = body
        .child(name_line)
        .child_opt((!parts.headline.is_empty()).then(|| el("p", "small").text(parts.headline)))
        .child_opt(
            (!parts.location.is_empty()).then(|| el("p", "small muted").text(parts.location)),
        );
    let mut item = el("div", "result")
        .attr("componentkey", key.clone())
        .attr("role", "listitem");
    if !parts.limited {
        item = item.child(overlay(person));
    }
    item = item
        .child(
            el("div", "row gap-12 result-inner")
                .child(photo)
                .child(body)
                .child(
                    el("div", "").child(
                        el("div", "")
                            .attr("data-display-contents", "true")
                            .attr("data-view-name", "relationship-building-button")
                            .child(
                                el("div", "")
                                    .attr("componentkey", render_key())
                                    .child(parts.action.clone()),
                            ),
                    ),
                ),
        )
        .child_opt(
            parts
                .insight
                .as_ref()
                .map(|line| el("p", "small pad-x").text(line)),
        );
    if !parts.mutuals.is_empty() {
        item = item.child(social_proof(parts.words, &parts.mutuals));
    }
    let mut wrapper = el("div", "")
        .attr("data-display-contents", "true")
        .attr("data-view-name", "people-search-result")
        .attr(
            "data-view-tracking-scope",
            format!(r#"[{{"topicName":"SearchResultServed","id":"{key}"}}]"#),
        );
    if !parts.limited {
        wrapper = wrapper.child(overlay(person));
    }
    vec![
        wrapper.child(item).into(),
        el("hr", "rule").attr("role", "presentation").into(),
    ]
}

/// "A, B and N other mutual connections": photos, then links to those *other* people.
fn social_proof(w: &Words, mutuals: &[&Person]) -> El {
    let photos = el("ul", "row")
        .attr("role", "presentation")
        .kids(mutuals.iter().map(|p| {
            el("li", "").child(avatar(&p.public_id, "photo-24").attr("data-view-name", "image"))
        }));
    let mut line = el("p", "small muted").attr("componentkey", render_key());
    for (i, p) in mutuals.iter().enumerate() {
        if i > 0 {
            line = line.text(", ");
        }
        line = line.child(
            el("a", "")
                .attr("data-view-name", "search-result-social-proof-insight")
                .attr("href", p.profile_url())
                .child(el("strong", "").text(&p.name)),
        );
    }
    line = line.text(w.and).child(
        el("a", "")
            .attr("data-view-name", "search-result-social-proof-insight")
            .attr("href", "#")
            .child(el("strong", "").text(w.other_mutual_connections)),
    );
    el("div", "row gap-4 pad-x")
        .attr("componentkey", render_key())
        .child(photos)
        .child(line)
}
