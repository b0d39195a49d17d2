//! The 2018 search design (facts from `../shared/corpus/html/search_2018_member-id-links.html`):
//! a plain `ul > li` per result, no roles, and every link to the person by member id only
//! (`/in/ACoA…/`, relative): the photo's and the name's, whose `h3` holds the name, then
//! "2nd degree connection" (hidden) and "2nd". Shared connections link to a search, not to
//! the people.

use super::CardParts;
use crate::html::{El, Node, el};
use crate::pages::parts::{avatar, visually_hidden};
use crate::people::Person;
use crate::url;

pub fn list(cards: Vec<Node>) -> El {
    el("ul", "results").kids(cards)
}

pub fn card(person: &Person, parts: &CardParts<'_>) -> Vec<Node> {
    let href = format!("/in/{}/", person.member_id);
    let link = || {
        el("a", "name-link")
            .attr("data-control-id", control_id(person))
            .attr("data-control-name", "search_result")
            .attr("href", href.clone())
    };
    let heading = el("h3", "strong").child(
        el("span", "")
            .child(el("span", "").text(parts.name))
            .child_opt(
                parts
                    .degree
                    .zip(parts.degree_connection)
                    .map(|(d, spoken)| {
                        el("span", "small muted")
                            .child(visually_hidden(spoken))
                            .child(el("span", "").text(d))
                    }),
            ),
    );
    let (photo, title) = if parts.limited {
        (
            el("div", "").child(el("figure", "").child(avatar("limited", "photo-56"))),
            el("div", "").child(heading),
        )
    } else {
        (
            el("div", "")
                .child(link().child(el("figure", "").child(avatar(&person.public_id, "photo-56")))),
            link().child(heading),
        )
    };
    let info = el("div", "col grow")
        .child(title)
        .child_opt((!parts.headline.is_empty()).then(|| el("p", "small").text(parts.headline)))
        .child_opt(
            (!parts.location.is_empty()).then(|| el("p", "small muted").text(parts.location)),
        )
        .child_opt(
            parts
                .insight
                .as_ref()
                .map(|line| el("p", "small muted").text(line)),
        )
        .child_opt((!parts.limited).then(|| {
            el("div", "").child(
                el("a", "small muted")
                    .attr("data-control-name", "shared_connections")
                    .attr(
                        "href",
                        format!(
                            "/search/results/people/?facetConnectionOf={}",
                            url::encode(&person.member_id)
                        ),
                    )
                    .child(el("span", "").text("8 shared connections")),
            )
        }));
    let item = el("li", "result").child(
        el("div", "").child(
            el("div", "row gap-12 result-inner")
                .child(photo)
                .child(info)
                .child(el("div", "").child(el("div", "").child(parts.action.clone())))
                .child(el("div", "").child(el("div", ""))),
        ),
    );
    vec![item.into()]
}

/// The link's tracking id: the site's own counter, one per person here.
fn control_id(person: &Person) -> String {
    let n = person.member_id.bytes().fold(3u32, |acc, b| {
        acc.wrapping_mul(33).wrapping_add(u32::from(b))
    });
    format!("{n:08x}")
}
