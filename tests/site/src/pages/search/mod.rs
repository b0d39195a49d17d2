//! People search results, 10 per page (or `count=N` on the first render), more appended lazily
//! from `/search/results/people/more` as the visitor scrolls, and pagination links that
//! navigate client-side. The cards take the structure of the design the site runs
//! (`Design`, one module each, shaped from the real captures); an upsell block sits among them.

mod hashed_2025;
mod member_id_2018;
mod next;
mod sdui;

use super::{Ctx, Page};
use crate::html::{self, El, Node, el};
use crate::people::{People, Person, Visibility};
use crate::stats::Counter;
use crate::url::{self, Query};
use crate::{Design, Site};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

pub const PAGE_SIZE: usize = 10;
const MAX_COUNT: usize = 50;

/// Which slice of the results a request asks for.
struct Slice {
    keywords: String,
    start: usize,
    count: usize,
}

impl Slice {
    fn from_page(query: &Query) -> Self {
        let page = query.number("page", 1).max(1);
        Self {
            keywords: query.get("keywords").unwrap_or_default().to_string(),
            start: (page - 1) * PAGE_SIZE,
            count: query.number("count", PAGE_SIZE).clamp(1, MAX_COUNT),
        }
    }

    fn from_more(query: &Query) -> Self {
        Self {
            keywords: query.get("keywords").unwrap_or_default().to_string(),
            start: query.number("start", 0),
            count: query.number("count", PAGE_SIZE).clamp(1, MAX_COUNT),
        }
    }

    fn more_url(&self, start: usize) -> String {
        format!(
            "/search/results/people/more?keywords={}&start={start}&count={PAGE_SIZE}",
            url::encode(&self.keywords)
        )
    }

    fn page_url(&self, page: usize) -> String {
        format!(
            "/search/results/people/?keywords={}&page={page}",
            url::encode(&self.keywords)
        )
    }
}

pub fn page(ctx: &Ctx<'_>) -> Page {
    let slice = Slice::from_page(ctx.query);
    let hits = ctx.site.people.search(&slice.keywords);
    let design = ctx.design();
    let (cards, next) = results(design, &ctx.site.people, &hits, &slice);
    let list = match design {
        Design::Current => sdui::list(cards),
        Design::Next => next::list(cards),
        Design::Hashed2025 => hashed_2025::list(cards),
        Design::MemberId2018 => member_id_2018::list(cards),
    };
    let heading = match design {
        Design::Next => el("h1", "small muted pad").text(format!("{} people found", hits.len())),
        _ => el("h2", "small muted pad").text(format!("About {} results", hits.len())),
    };
    let more = (next < hits.len()).then(|| {
        el("button", "btn btn-secondary wide")
            .attr("type", "button")
            .attr("data-more-results", slice.more_url(next))
            .text("Show more results")
    });
    let main = vec![
        el("div", "layout search-layout")
            .child(filters())
            .child(
                el("div", "card")
                    .child(heading)
                    .child(list)
                    .child_opt(more)
                    .child(pagination(&slice, hits.len())),
            )
            .into(),
    ];
    let title = if slice.keywords.is_empty() {
        "Search | LinkedIn".to_string()
    } else {
        format!("{} - Search | LinkedIn", slice.keywords)
    };
    Page::new(title, main)
}

/// What every design's card shows of a person, decided once.
pub struct CardParts<'a> {
    /// "LinkedIn Member" for people out of the viewer's network, who get no profile link.
    pub name: &'a str,
    pub limited: bool,
    pub degree: Option<&'static str>,
    pub headline: &'a str,
    pub location: &'a str,
    /// The site's verification mark beside the name (a link of its own, to nobody).
    pub verified: bool,
    /// "Current: Title at Company".
    pub insight: Option<String>,
    /// Connect, or Message for 1st degree.
    pub action: El,
    /// Mutual connections the card names: *other* people, with links to their profiles.
    pub mutuals: Vec<&'a Person>,
}

impl<'a> CardParts<'a> {
    fn of(person: &'a Person, people: &'a People) -> Self {
        let limited = person.visibility == Visibility::Limited;
        let name = if limited {
            super::profile::LIMITED_NAME
        } else {
            person.name.as_str()
        };
        let action = if person.degree == 1 && !limited {
            el("a", "btn btn-secondary")
                .attr(
                    "href",
                    format!("/messaging/compose/?recipient={}", person.member_id),
                )
                .attr("aria-label", format!("Message {name}"))
                .child(el("span", "btn-text").text("Message"))
        } else {
            el("button", "btn btn-secondary")
                .attr("type", "button")
                .attr("aria-label", format!("Invite {name} to connect"))
                .child(el("span", "btn-text").text("Connect"))
        };
        let mutuals = people
            .all()
            .iter()
            .filter(|p| {
                p.degree == 1
                    && p.public_id != person.public_id
                    && p.visibility == Visibility::Public
            })
            .take(2)
            .collect();
        Self {
            name,
            limited,
            degree: person.degree_label(),
            headline: &person.headline,
            location: &person.location,
            verified: !limited && person.connections.is_multiple_of(3),
            insight: (!limited && !person.title.is_empty())
                .then(|| format!("Current: {} at {}", person.title, person.company)),
            action,
            mutuals,
        }
    }
}

/// The presence indicator's hidden text, for the people whose photo shows one.
pub fn presence(person: &Person) -> Option<&'static str> {
    match person.public_id.len() % 3 {
        0 => None,
        _ if person.degree == 1 => Some("Status is online"),
        _ => Some("Status is offline"),
    }
}

/// The cards of one slice of the results in `design`, an upsell after the third of every ten,
/// and where the next slice starts.
fn results(design: Design, people: &People, hits: &[&Person], slice: &Slice) -> (Vec<Node>, usize) {
    let mut nodes = Vec::new();
    let mut end = slice.start;
    for person in hits.iter().skip(slice.start).take(slice.count) {
        let parts = CardParts::of(person, people);
        nodes.extend(match design {
            Design::Current => sdui::card(person, &parts),
            Design::Next => next::card(person, &parts),
            Design::Hashed2025 => hashed_2025::card(person, &parts),
            Design::MemberId2018 => member_id_2018::card(person, &parts),
        });
        if end % PAGE_SIZE == 2 {
            nodes.extend(upsell(design));
        }
        end += 1;
    }
    (nodes, end)
}

/// A promotion among the results: no person in it, no link to a profile.
fn upsell(design: Design) -> Vec<Node> {
    let offer = el("div", "card pad")
        .child(el("p", "strong").text("Find the right people faster"))
        .child(
            el("p", "small muted")
                .text("See everyone who matches your search with a free month of Premium."),
        )
        .child(
            el("a", "btn btn-secondary")
                .attr("data-view-name", "premium-upsell-link")
                .attr("href", "/premium/products/?upsellOrigin=search")
                .text("Try it for free"),
        );
    match design {
        Design::Current => vec![
            el("div", "pad")
                .attr("componentkey", super::parts::render_key())
                .child(offer)
                .into(),
        ],
        // Today's guess at the next design stays as it was: no promotions.
        Design::Next => Vec::new(),
        // The older designs keep an empty slot for a card or promotion not rendered yet.
        Design::Hashed2025 | Design::MemberId2018 => vec![
            el("li", "").child(el("div", "")).into(),
            el("li", "result").child(offer).into(),
        ],
    }
}

fn filters() -> El {
    let chip = |label: &str, pressed: bool| {
        el("button", if pressed { "chip chip-on" } else { "chip" })
            .attr("type", "button")
            .attr("aria-pressed", if pressed { "true" } else { "false" })
            .text(label)
    };
    el("section", "card row gap-8 pad")
        .attr("aria-label", "Search filters")
        .child(chip("People", true))
        .child(chip("Connections", false))
        .child(chip("Locations", false))
        .child(chip("Current company", false))
}

fn pagination(slice: &Slice, total: usize) -> El {
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let current = slice.start / PAGE_SIZE + 1;
    let mut list = el("ul", "row gap-4 pages");
    if current > 1 {
        list = list.child(
            el("li", "").child(
                el("a", "page-link")
                    .attr("href", slice.page_url(current - 1))
                    .attr("aria-label", "Previous")
                    .text("Previous"),
            ),
        );
    }
    for n in 1..=pages {
        let mut link = el(
            "a",
            if n == current {
                "page-link page-on"
            } else {
                "page-link"
            },
        )
        .attr("href", slice.page_url(n))
        .attr("aria-label", format!("Page {n}"));
        if n == current {
            link = link.attr("aria-current", "page");
        }
        list = list.child(el("li", "").child(link.text(n.to_string())));
    }
    if current < pages {
        list = list.child(
            el("li", "").child(
                el("a", "page-link")
                    .attr("href", slice.page_url(current + 1))
                    .attr("aria-label", "Next")
                    .text("Next"),
            ),
        );
    }
    el("nav", "pad")
        .attr("aria-label", "Pagination")
        .child(list)
}

/// `GET /search/results/people/more?keywords=&start=&count=`: the next cards as HTML
/// `<li>`s; `x-next-start` says where the following batch begins (absent at the end).
pub async fn more_results(State(site): State<Arc<Site>>, uri: Uri, headers: HeaderMap) -> Response {
    if site.sessions.current(&headers).is_none() {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    site.stats.bump(Counter::MoreResults);
    let query = Query::parse(uri.query());
    let slice = Slice::from_more(&query);
    let hits = site.people.search(&slice.keywords);
    let (cards, next) = results(site.config.design, &site.people, &hits, &slice);
    let mut response = html::render(&cards, &site.classes).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if next < hits.len()
        && let Ok(v) = HeaderValue::from_str(&slice.more_url(next))
    {
        headers.insert("x-next-page", v);
    }
    response
}
