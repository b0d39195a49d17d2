//! Class names are hashed from a per-start salt, so no code can lean on them (PRODUCT.md P4).

// Test helpers outside #[test] fns: a failed unwrap is a failed test here.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::*;
use std::collections::BTreeSet;
use talent_bridge_site::Design;

fn class_tokens(html: &scraper::Html) -> BTreeSet<String> {
    html.select(&sel("[class]"))
        .flat_map(|e| {
            e.value()
                .attr("class")
                .unwrap()
                .split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

fn is_hashed(token: &str) -> bool {
    let hex = token.strip_prefix('_').unwrap_or(token);
    hex.len() == 8
        && hex
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        && (token.starts_with('_') == hex.starts_with(|c: char| c.is_ascii_digit()))
}

#[tokio::test]
async fn class_names_change_with_every_start_and_are_all_hashed() {
    let (a, b) = (current(), current());
    let html_a = get(&a, "/in/ada-lovelace/").await.html();
    let html_b = get(&b, "/in/ada-lovelace/").await.html();
    let (ta, tb) = (class_tokens(&html_a), class_tokens(&html_b));
    assert!(ta.len() > 40, "{}", ta.len());
    assert!(ta.iter().chain(&tb).all(|t| is_hashed(t)), "{ta:?}");
    assert!(ta.is_disjoint(&tb));
    // Every element in the body carries a class, like the real site.
    let bare = html_a
        .select(&sel("body *:not([class]):not(path):not(svg *)"))
        .count();
    assert_eq!(bare, 0);
}

#[tokio::test]
async fn the_stylesheet_uses_the_same_hashed_names_as_the_markup() {
    let site = current();
    let html = get(&site, "/search/results/people/?keywords=x")
        .await
        .html();
    let css = get(&site, "/static/site.css").await.body;
    let tokens = class_tokens(&html);
    let styled = tokens
        .iter()
        .filter(|t| css.contains(&format!(".{t}{{")))
        .count();
    assert!(
        styled * 10 >= tokens.len() * 9,
        "{styled} of {}",
        tokens.len()
    );
    assert!(!css.contains(".card{") && !css.contains(".topcard{"));
    let href = first(&html, "link[rel=\"stylesheet\"]")
        .unwrap()
        .value()
        .attr("href")
        .unwrap()
        .to_string();
    let other = current();
    let other_href = first(
        &get(&other, "/feed/").await.html(),
        "link[rel=\"stylesheet\"]",
    )
    .unwrap()
    .value()
    .attr("href")
    .unwrap()
    .to_string();
    assert_ne!(href, other_href, "a new run busts the stylesheet cache");
}

#[tokio::test]
async fn stable_hooks_never_contain_class_names() {
    for design in [Design::Current, Design::Next] {
        let site = site(design, false);
        for path in [
            "/in/ada-lovelace/",
            "/in/riley-recruiter/",
            "/search/results/people/?keywords=a",
            "/feed/",
        ] {
            let html = get(&site, path).await.html();
            let tokens = class_tokens(&html);
            for el in html.select(&sel(
                "[componentkey], [aria-label], [role], [data-view-name]",
            )) {
                for attr in ["componentkey", "aria-label", "role", "data-view-name"] {
                    if let Some(value) = el.value().attr(attr) {
                        assert!(
                            !tokens.iter().any(|t| value.contains(t.as_str())),
                            "{path} {attr}={value}"
                        );
                    }
                }
            }
        }
    }
}

#[tokio::test]
async fn the_next_design_names_in_an_h1_with_other_hooks() {
    let site = site(Design::Next, false);
    let html = get(&site, "/in/ada-lovelace/").await.html();
    assert_eq!(count(&html, "[componentkey]"), 0);
    let mid = member_id(&site, "ada-lovelace");
    let card = first(
        &html,
        &format!("main section[data-member-urn=\"urn:li:fsd_profile:{mid}\"]"),
    )
    .unwrap();
    assert_eq!(
        card.select(&sel("h1")).next().map(text).as_deref(),
        Some("Ada Lovelace")
    );
    assert_eq!(card.select(&sel("h2")).count(), 0);
    let order: Vec<String> = html.select(&sel("main section h2")).map(text).collect();
    assert_eq!(order, ["Experience", "Education", "Skills", "About"]);
    assert_eq!(
        text(first(&html, "title").unwrap()),
        "Ada Lovelace | LinkedIn"
    );
    let own = get(&site, "/in/riley-recruiter/").await.html();
    assert!(first(&own, "button[aria-label=\"Edit intro\"]").is_some());
    let limited = get(&site, "/in/limited-member/").await.html();
    assert_eq!(
        first(&limited, "main h1").map(text).as_deref(),
        Some("LinkedIn Member")
    );
}
