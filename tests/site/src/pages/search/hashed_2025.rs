//! The 2024–25 search design with hashed classes (facts from
//! `../shared/corpus/html/search_2025_hashed-classes.html`): `ul[role="list"] > li`, each around
//! a `data-view-name="search-entity-result-universal-template"` hook carrying the member URN.
//! The photo link holds the presence indicator's hidden text ("Status is offline"); the name
//! link holds the name (`aria-hidden`) and a hidden "View …'s profile"; the degree comes twice
//! ("• 2nd" shown, "2nd degree connection" hidden), once beside the name and once after it.

use super::CardParts;
use crate::html::{El, Node, el};
use crate::lang::{Words, fill};
use crate::pages::parts::{avatar, visually_hidden};
use crate::people::Person;
use crate::url;

pub fn list(cards: Vec<Node>) -> El {
    el("ul", "results").attr("role", "list").kids(cards)
}

/// "View Ada Lovelace’s profile"; a name ending in "s" takes the apostrophe alone.
fn view_profile(w: &Words, name: &str) -> String {
    let template = if name.ends_with('s') {
        w.view_profile_of.replace("’s", "’")
    } else {
        w.view_profile_of.to_string()
    };
    fill(&template, "name", name)
}

fn degree(label: &str, spoken: &str) -> El {
    el("span", "small muted")
        .child(
            el("span", "")
                .attr("aria-hidden", "true")
                .text(format!("• {label}")),
        )
        .child(visually_hidden(spoken))
}

pub fn card(person: &Person, parts: &CardParts<'_>) -> Vec<Node> {
    let href = format!(
        "{}?miniProfileUrn={}",
        person.profile_url(),
        url::encode(&format!("urn:li:fs_miniProfile:{}", person.member_id))
    );
    let link = |style: &'static str| {
        el("a", style)
            .attr("data-test-app-aware-link", "")
            .attr("href", href.clone())
    };
    // The picture, or (as for members without one) their initials' box.
    let picture = el("div", "").child(
        el("div", "").child(
            el("div", "")
                .child(avatar(&person.public_id, "photo-56"))
                .child_opt(
                    parts
                        .presence
                        .map(|p| el("div", "").child(visually_hidden(p))),
                ),
        ),
    );
    let photo: El = if parts.limited {
        el("div", "").child(avatar("limited", "photo-56"))
    } else {
        link("")
            .attr("aria-hidden", "false")
            .attr("tabindex", "0")
            .child(picture)
    };
    let title: El = if parts.limited {
        el("span", "strong")
            .attr("dir", "ltr")
            .child(el("span", "").attr("aria-hidden", "true").text(parts.name))
    } else {
        link("name-link strong").child(
            el("span", "")
                .attr("dir", "ltr")
                .child(el("span", "").attr("aria-hidden", "true").text(parts.name))
                .child(visually_hidden(view_profile(parts.words, parts.name))),
        )
    };
    let spoken = parts.degree.zip(parts.degree_connection);
    let beside = spoken.map(|(d, s)| el("span", "").child(el("div", "").child(degree(d, s))));
    let after = spoken.map(|(d, s)| {
        el("span", "small muted")
            .attr("aria-hidden", "true")
            .child(el("div", "").child(degree(d, s)))
    });
    let info = el("div", "col grow").child(
        el("div", "")
            .child(
                el("div", "").child(
                    el("div", "row gap-4 baseline")
                        .child(el("span", "").child(el("span", "").child(title).child_opt(beside)))
                        .child_opt(after),
                ),
            )
            .child_opt(
                (!parts.headline.is_empty()).then(|| el("div", "small").text(parts.headline)),
            )
            .child_opt(
                (!parts.location.is_empty()).then(|| el("div", "small muted").text(parts.location)),
            ),
    );
    let hook = el("div", "")
        .attr(
            "data-chameleon-result-urn",
            format!("urn:li:member:{}", member_number(person)),
        )
        .attr("data-view-name", "search-entity-result-universal-template")
        .child(
            el("div", "").child(
                el("div", "row gap-12 result-inner")
                    .child(el("div", "").child(el("div", "").child(photo)))
                    .child(info)
                    .child(el("div", "").child(el("div", "").child(parts.action.clone()))),
            ),
        );
    vec![el("li", "result").child(hook).into()]
}

/// The numeric member id the hook carries (its own numbering, not the `ACoA…` id).
fn member_number(person: &Person) -> u64 {
    person.member_id.bytes().fold(7u64, |acc, b| {
        acc.wrapping_mul(131).wrapping_add(u64::from(b))
    }) % 1_000_000_000
}
