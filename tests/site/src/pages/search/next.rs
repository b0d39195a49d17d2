//! The next design's search (a plausible redesign, issue #4): plain `li`s without roles around
//! a `data-view-name="search-entity-result"` hook, relative name links with `?miniProfileUrn=`.

use super::CardParts;
use crate::html::{El, Node, el};
use crate::pages::parts::avatar;
use crate::people::Person;
use crate::url;

pub fn list(cards: Vec<Node>) -> El {
    el("ul", "results")
        .attr("data-view-name", "people-search-results")
        .kids(cards)
}

pub fn card(person: &Person, parts: &CardParts<'_>) -> Vec<Node> {
    let title = if parts.limited {
        el("span", "strong").attr("dir", "ltr").text(parts.name)
    } else {
        el("a", "name-link strong")
            .attr(
                "href",
                format!(
                    "/in/{}/?miniProfileUrn={}",
                    url::encode(&person.public_id),
                    url::encode(&format!("urn:li:fs_miniProfile:{}", person.member_id))
                ),
            )
            .child(el("span", "").attr("dir", "ltr").text(parts.name))
    };
    let card = el("li", "result").child(
        el("div", "row gap-12 result-inner")
            .attr("data-view-name", "search-entity-result")
            .attr("data-entity-urn", person.urn())
            .child(avatar(&person.public_id, "photo-56"))
            .child(
                el("div", "col grow")
                    .child(
                        el("div", "row gap-4 baseline").child(title).child_opt(
                            parts
                                .degree
                                .map(|d| el("span", "small muted").text(format!("• {d}"))),
                        ),
                    )
                    .child(el("div", "small").text(parts.headline))
                    .child(el("div", "small muted").text(parts.location)),
            )
            .child(
                el("button", "btn btn-secondary")
                    .attr("type", "button")
                    .attr("aria-label", format!("Connect with {}", parts.name))
                    .text("Connect"),
            ),
    );
    vec![card.into()]
}
