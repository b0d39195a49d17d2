//! People search results: a `role="list"` of `role="listitem"` cards, 10 per page (or
//! `count=N` on the first render), more appended lazily from `/search/results/people/more`
//! as the visitor scrolls, and pagination links that navigate client-side.

use super::parts::{avatar, render_key, visually_hidden};
use super::{Ctx, Page};
use crate::html::{self, El, Node, el};
use crate::people::{Person, Visibility};
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
    let shown: Vec<&Person> = hits
        .iter()
        .skip(slice.start)
        .take(slice.count)
        .copied()
        .collect();
    let next = slice.start + shown.len();
    let design = ctx.design();

    let cards = shown.iter().map(|p| card(design, p));
    let list = match design {
        Design::Current => el("ul", "results").attr("role", "list").kids(cards),
        Design::Next => el("ul", "results")
            .attr("data-view-name", "people-search-results")
            .kids(cards),
    };
    let heading = match design {
        Design::Current => {
            el("h2", "small muted pad").text(format!("About {} results", hits.len()))
        }
        Design::Next => el("h1", "small muted pad").text(format!("{} people found", hits.len())),
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

fn card(design: Design, person: &Person) -> Node {
    match design {
        Design::Current => card_current(person),
        Design::Next => card_next(person),
    }
}

fn card_current(person: &Person) -> Node {
    let limited = person.visibility == Visibility::Limited;
    let name = if limited {
        super::profile::LIMITED_NAME
    } else {
        person.name.as_str()
    };
    let title = if limited {
        el("span", "strong").child(
            el("span", "")
                .attr("dir", "ltr")
                .child(el("span", "").attr("aria-hidden", "true").text(name)),
        )
    } else {
        el("span", "strong").child(
            el("a", "name-link")
                .attr("href", person.profile_url())
                .child(
                    el("span", "")
                        .attr("dir", "ltr")
                        .child(el("span", "").attr("aria-hidden", "true").text(name))
                        .child(visually_hidden(format!("View {name}’s profile"))),
                ),
        )
    };
    let degree = person.degree_label().map(|d| {
        el("span", "small muted")
            .child(
                el("span", "")
                    .attr("aria-hidden", "true")
                    .text(format!("• {d}")),
            )
            .child(visually_hidden(format!("{d} degree connection")))
    });
    let photo: Node = if limited {
        avatar("limited", "photo-56").into()
    } else {
        el("a", "")
            .attr("href", person.profile_url())
            .attr("tabindex", "-1")
            .attr("aria-hidden", "true")
            .child(avatar(&person.public_id, "photo-56"))
            .into()
    };
    let action = if person.degree == 1 {
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
    el("li", "result")
        .attr("role", "listitem")
        .child(
            el("div", "row gap-12 result-inner")
                .attr("componentkey", render_key())
                .child(photo)
                .child(
                    el("div", "col grow")
                        .child(
                            el("div", "row gap-4 baseline")
                                .child(title)
                                .child_opt(degree),
                        )
                        .child(el("p", "small").text(&person.headline))
                        .child(el("p", "small muted").text(&person.location)),
                )
                .child(el("div", "").child(action)),
        )
        .into()
}

fn card_next(person: &Person) -> Node {
    let limited = person.visibility == Visibility::Limited;
    let name = if limited {
        super::profile::LIMITED_NAME
    } else {
        person.name.as_str()
    };
    let title = if limited {
        el("span", "strong").attr("dir", "ltr").text(name)
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
            .child(el("span", "").attr("dir", "ltr").text(name))
    };
    el("li", "result")
        .child(
            el("div", "row gap-12 result-inner")
                .attr("data-view-name", "search-entity-result")
                .attr("data-entity-urn", person.urn())
                .child(avatar(&person.public_id, "photo-56"))
                .child(
                    el("div", "col grow")
                        .child(
                            el("div", "row gap-4 baseline").child(title).child_opt(
                                person
                                    .degree_label()
                                    .map(|d| el("span", "small muted").text(format!("• {d}"))),
                            ),
                        )
                        .child(el("div", "small").text(&person.headline))
                        .child(el("div", "small muted").text(&person.location)),
                )
                .child(pill_connect(name)),
        )
        .into()
}

fn pill_connect(name: &str) -> El {
    el("button", "btn btn-secondary")
        .attr("type", "button")
        .attr("aria-label", format!("Connect with {name}"))
        .text("Connect")
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
    let cards: Vec<Node> = hits
        .iter()
        .skip(slice.start)
        .take(slice.count)
        .map(|p| card(site.config.design, p))
        .collect();
    let next = slice.start + cards.len();
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
