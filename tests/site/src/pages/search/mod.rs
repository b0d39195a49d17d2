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
use crate::lang::{Words, fill};
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
    let w = ctx.words();
    let slice = Slice::from_page(ctx.query);
    let hits = ctx.site.people.search(&slice.keywords);
    let design = ctx.design();
    let (cards, next) = results(w, design, &ctx.site.people, &hits, &slice);
    let list = match design {
        Design::Current => sdui::list(cards),
        Design::Next => next::list(cards),
        Design::Hashed2025 => hashed_2025::list(cards),
        Design::MemberId2018 => member_id_2018::list(cards),
    };
    let heading = match design {
        Design::Next => el("h1", "small muted pad").text(format!("{} people found", hits.len())),
        _ => el("h2", "small muted pad").text(fill(w.about_results, "n", hits.len())),
    };
    let more = (next < hits.len()).then(|| {
        el("button", "btn btn-secondary wide")
            .attr("type", "button")
            .attr("data-more-results", slice.more_url(next))
            .text(w.show_more_results)
    });
    let main = vec![
        el("div", "layout search-layout")
            .child(filters(w))
            .child(
                el("div", "card")
                    .child(heading)
                    .child(list)
                    .child_opt(more)
                    .child(pagination(w, &slice, hits.len())),
            )
            .into(),
    ];
    let title = if slice.keywords.is_empty() {
        format!("{} | LinkedIn", w.search_title)
    } else {
        format!("{} - {} | LinkedIn", slice.keywords, w.search_title)
    };
    Page::new(title, main)
}

/// What every design's card shows of a person, decided once.
pub struct CardParts<'a> {
    /// "LinkedIn Member" for people out of the viewer's network, who get no profile link.
    pub name: &'a str,
    pub limited: bool,
    pub degree: Option<&'static str>,
    /// "2nd degree connection": the degree as screen readers hear it.
    pub degree_connection: Option<&'static str>,
    /// The presence indicator's hidden text, for the people whose photo shows one.
    pub presence: Option<&'static str>,
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
    pub words: &'static Words,
}

impl<'a> CardParts<'a> {
    fn of(w: &'static Words, person: &'a Person, people: &'a People) -> Self {
        let limited = person.visibility == Visibility::Limited;
        let name = if limited {
            w.limited_name
        } else {
            person.name.as_str()
        };
        let action = if person.degree == 1 && !limited {
            el("a", "btn btn-secondary")
                .attr(
                    "href",
                    format!("/messaging/compose/?recipient={}", person.member_id),
                )
                .attr("aria-label", fill(w.message_to, "name", name))
                .child(el("span", "btn-text").text(w.message))
        } else {
            el("button", "btn btn-secondary")
                .attr("type", "button")
                .attr("aria-label", fill(w.invite_to_connect, "name", name))
                .child(el("span", "btn-text").text(w.connect))
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
            degree: w.degree(person.degree),
            degree_connection: w.degree_connection(person.degree),
            presence: presence(w, person),
            headline: &person.headline,
            location: &person.location,
            verified: !limited && person.connections.is_multiple_of(3),
            insight: (!limited && !person.title.is_empty()).then(|| {
                fill(
                    &fill(w.current_at, "title", &person.title),
                    "company",
                    &person.company,
                )
            }),
            action,
            mutuals,
            words: w,
        }
    }
}

/// The presence indicator's hidden text, for the people whose photo shows one.
fn presence(w: &Words, person: &Person) -> Option<&'static str> {
    match person.public_id.len() % 3 {
        0 => None,
        _ if person.degree == 1 => Some(w.status_online),
        _ => Some(w.status_offline),
    }
}

/// The cards of one slice of the results in `design`, an upsell after the third of every ten,
/// and where the next slice starts.
fn results(
    w: &'static Words,
    design: Design,
    people: &People,
    hits: &[&Person],
    slice: &Slice,
) -> (Vec<Node>, usize) {
    let mut nodes = Vec::new();
    let mut end = slice.start;
    for person in hits.iter().skip(slice.start).take(slice.count) {
        let parts = CardParts::of(w, person, people);
        nodes.extend(match design {
            Design::Current => sdui::card(person, &parts),
            Design::Next => next::card(person, &parts),
            Design::Hashed2025 => hashed_2025::card(person, &parts),
            Design::MemberId2018 => member_id_2018::card(person, &parts),
        });
        if end % PAGE_SIZE == 2 {
            nodes.extend(upsell(w, design));
        }
        end += 1;
    }
    (nodes, end)
}

/// A promotion among the results: no person in it, no link to a profile.
fn upsell(w: &Words, design: Design) -> Vec<Node> {
    let offer = el("div", "card pad")
        .child(el("p", "strong").text(w.upsell_title))
        .child(el("p", "small muted").text(w.upsell_text))
        .child(
            el("a", "btn btn-secondary")
                .attr("data-view-name", "premium-upsell-link")
                .attr("href", "/premium/products/?upsellOrigin=search")
                .text(w.upsell_button),
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

fn filters(w: &Words) -> El {
    let chip = |label: &str, pressed: bool| {
        el("button", if pressed { "chip chip-on" } else { "chip" })
            .attr("type", "button")
            .attr("aria-pressed", if pressed { "true" } else { "false" })
            .text(label)
    };
    el("section", "card row gap-8 pad")
        .attr("aria-label", w.search_filters)
        .child(chip(w.filter_people, true))
        .child(chip(w.filter_connections, false))
        .child(chip(w.filter_locations, false))
        .child(chip(w.filter_current_company, false))
}

fn pagination(w: &Words, slice: &Slice, total: usize) -> El {
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let current = slice.start / PAGE_SIZE + 1;
    let mut list = el("ul", "row gap-4 pages");
    if current > 1 {
        list = list.child(
            el("li", "").child(
                el("a", "page-link")
                    .attr("href", slice.page_url(current - 1))
                    .attr("aria-label", w.previous)
                    .text(w.previous),
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
        .attr("aria-label", fill(w.page_n, "n", n));
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
                    .attr("aria-label", w.next)
                    .text(w.next),
            ),
        );
    }
    el("nav", "pad")
        .attr("aria-label", w.pagination)
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
    let (cards, next) = results(
        site.words(),
        site.config.design,
        &site.people,
        &hits,
        &slice,
    );
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
