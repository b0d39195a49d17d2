//! The home feed: the viewer's own summary card on the left (inside `<main>`, no top card)
//! and a few posts whose authors link to their profiles.

use super::parts::{avatar, pill, visually_hidden};
use super::{Ctx, Page};
use crate::html::{El, el};
use crate::lang::Words;
use crate::people::Person;

const POSTS: &[(&str, &str, &str)] = &[
    (
        "grace-hopper",
        "3h",
        "A ship in port is safe, but that's not what ships are built for. We're hiring compiler engineers.",
    ),
    (
        "ada-lovelace",
        "5h",
        "Shipped note G today. The engine weaves algebraic patterns just as the Jacquard loom weaves flowers and leaves.",
    ),
    (
        "test-person-03",
        "1d",
        "Three things I learned migrating our data platform in a weekend (thread).",
    ),
    (
        "katherine-johnson",
        "2d",
        "Tell me where you want the spacecraft to land and I'll tell you when to launch.",
    ),
    (
        "alan-turing",
        "4d",
        "We can only see a short distance ahead, but we can see plenty there that needs to be done.",
    ),
];

pub fn page(ctx: &Ctx<'_>) -> Page {
    let people = &ctx.site.people;
    let rail = people.viewer().map(identity_card);
    let posts = POSTS.iter().enumerate().filter_map(|(i, (id, age, text))| {
        people.find(id).map(|author| {
            post(
                ctx.words(),
                author,
                age,
                text,
                7_210_000_000_000_000_000 + i as u64 * 7919,
            )
        })
    });
    let center = el("div", "col gap-8 feed-column")
        .child(
            el("div", "card row gap-8 pad")
                .child(
                    people
                        .viewer()
                        .map(|v| avatar(&v.public_id, "photo-48"))
                        .unwrap_or_else(|| el("span", "")),
                )
                .child(pill("btn btn-secondary grow", "Start a post", None)),
        )
        .kids(posts);
    let main = vec![
        el("div", "layout feed-layout")
            .child_opt(rail)
            .child(center)
            .into(),
    ];
    let mut page = Page::new("Feed | LinkedIn", main);
    page.og = vec![
        ("og:title", "LinkedIn".into()),
        ("og:url", "https://www.linkedin.com/feed/".into()),
    ];
    page
}

/// The viewer's own card: their name in an `h3` and a link to their profile.
fn identity_card(viewer: &Person) -> El {
    el("aside", "rail-left")
        .attr("aria-label", "Profile summary")
        .child(
            el("div", "card identity")
                .child(
                    el("a", "col center")
                        .attr("href", viewer.profile_url())
                        .child(avatar(&viewer.public_id, "photo-72"))
                        .child(el("h3", "strong").text(&viewer.name)),
                )
                .child(el("p", "small muted center-text").text(&viewer.headline))
                .child(el("p", "small pad").text("Profile viewers 42")),
        )
}

fn post(w: &Words, author: &Person, age: &str, body: &str, activity: u64) -> El {
    let url = author.profile_url();
    let degree = w
        .degree(author.degree)
        .map(|d| format!(" · {d}"))
        .unwrap_or_default();
    el("div", "card post")
        .attr("role", "article")
        .attr("componentkey", format!("urn:li:activity:{activity}"))
        .attr("aria-label", format!("Post by {}", author.name))
        .child(
            el("div", "row gap-8")
                .child(
                    el("a", "")
                        .attr("href", url.clone())
                        .attr("aria-label", format!("View {}’s profile", author.name))
                        .child(avatar(&author.public_id, "photo-48")),
                )
                .child(
                    el("div", "col")
                        .child(
                            el("a", "strong name-link").attr("href", url).child(
                                el("span", "")
                                    .child(
                                        el("span", "")
                                            .attr("aria-hidden", "true")
                                            .text(&author.name),
                                    )
                                    .child(visually_hidden(format!(
                                        "View {}’s profile",
                                        author.name
                                    ))),
                            ),
                        )
                        .child(el("p", "small muted").text(format!("{}{degree}", author.headline)))
                        .child(el("p", "small muted").text(format!("{age} · Edited"))),
                ),
        )
        .child(el("div", "prose").child(el("p", "").text(body)))
        .child(
            el("div", "row gap-8 post-actions")
                .child(pill("btn btn-tertiary", "Like", Some("React Like".into())))
                .child(pill("btn btn-tertiary", "Comment", None))
                .child(pill("btn btn-tertiary", "Repost", None))
                .child(pill("btn btn-tertiary", "Send", None)),
        )
}
