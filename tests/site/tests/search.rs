//! People search: list items, paging, lazy loading (PRODUCT.md P1, B4).

// Test helpers outside #[test] fns: a failed unwrap is a failed test here.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::*;
use talent_bridge_site::Design;

#[tokio::test]
async fn count_25_renders_25_list_items_with_the_named_people_first() {
    let site = current();
    let html = get(&site, "/search/results/people/?keywords=engineer&count=25")
        .await
        .html();
    assert_eq!(
        count(&html, "main [role=\"list\"] > [role=\"listitem\"]"),
        25
    );
    let links: Vec<String> = html
        .select(&sel(
            "main [role=\"listitem\"] a[href^=\"https://www.linkedin.com/in/\"]:not([aria-hidden])",
        ))
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(links.len(), 25);
    for id in [
        "ada-lovelace",
        "grace-hopper",
        "alan-turing",
        "katherine-johnson",
        "margaret-hamilton",
    ] {
        let url = format!("https://www.linkedin.com/in/{id}/");
        assert!(links.iter().take(10).any(|l| *l == url), "{id}");
    }
    assert!(
        !links
            .iter()
            .any(|l| l.contains("riley-recruiter") || l.contains("private-person"))
    );
}

#[tokio::test]
async fn a_result_card_has_the_name_link_degree_headline_location_and_connect() {
    let site = current();
    let html = get(&site, "/search/results/people/?keywords=engineer")
        .await
        .html();
    assert_eq!(count(&html, "main [role=\"listitem\"]"), 10);
    let ada = html
        .select(&sel("main [role=\"listitem\"]"))
        .find(|li| {
            li.select(&sel(
                "a[href=\"https://www.linkedin.com/in/ada-lovelace/\"]",
            ))
            .next()
            .is_some()
        })
        .unwrap();
    let link = ada
        .select(&sel(
            "a[href=\"https://www.linkedin.com/in/ada-lovelace/\"]:not([aria-hidden])",
        ))
        .next()
        .unwrap();
    let shown = link
        .select(&sel("span[aria-hidden=\"true\"]"))
        .next()
        .unwrap();
    assert_eq!(text(shown), "Ada Lovelace");
    assert!(text(link).contains("View Ada Lovelace’s profile"));
    assert!(text(ada).contains("• 2nd"));
    let ps: Vec<String> = ada.select(&sel("p")).map(text).collect();
    assert_eq!(
        ps,
        [
            "Lead Engineer at Analytical Engines",
            "London, England, United Kingdom"
        ]
    );
    assert!(
        ada.select(&sel(
            "button[aria-label=\"Invite Ada Lovelace to connect\"]"
        ))
        .next()
        .is_some()
    );
    assert_eq!(
        text(first(&html, "title").unwrap()),
        "engineer - Search | LinkedIn"
    );
}

#[tokio::test]
async fn pages_and_the_more_endpoint_continue_where_the_list_ends() {
    let site = current();
    let page1 = get(&site, "/search/results/people/?keywords=engineer")
        .await
        .html();
    let more = first(&page1, "main button[data-more-results]").unwrap();
    let more_url = more.value().attr("data-more-results").unwrap().to_string();
    assert_eq!(
        more_url,
        "/search/results/people/more?keywords=engineer&start=10&count=10"
    );
    assert!(
        first(
            &page1,
            "nav[aria-label=\"Pagination\"] a[aria-label=\"Page 2\"]"
        )
        .is_some()
    );

    // The more endpoint needs the session cookie the first page set.
    let warm = get(&site, "/feed/").await;
    let cookie = warm
        .set_cookies()
        .iter()
        .map(|c| c.split(';').next().unwrap().to_string())
        .collect::<Vec<_>>()
        .join("; ");
    assert_eq!(get(&site, &more_url).await.status, 401);
    let batch = request(&site, "GET", &more_url, &[("cookie", &cookie)]).await;
    assert_eq!(batch.status, 200);
    let fragment = scraper::Html::parse_fragment(&batch.body);
    assert_eq!(count(&fragment, "[role=\"listitem\"]"), 10);
    assert_eq!(
        batch.header("x-next-page"),
        "/search/results/people/more?keywords=engineer&start=20&count=10"
    );

    let page2 = get(&site, "/search/results/people/?keywords=engineer&page=2")
        .await
        .html();
    let page2_names: Vec<String> = page2
        .select(&sel("main [role=\"listitem\"] span[aria-hidden=\"true\"]"))
        .map(text)
        .collect();
    let more_names: Vec<String> = fragment
        .select(&sel("[role=\"listitem\"] span[aria-hidden=\"true\"]"))
        .map(text)
        .collect();
    assert_eq!(page2_names, more_names);
    assert_eq!(site.stats().more_results_loads, 1);
}

#[tokio::test]
async fn the_last_page_ends_with_a_limited_member_without_a_profile_link() {
    let site = current();
    let html = get(&site, "/search/results/people/?keywords=engineer&page=6")
        .await
        .html();
    let items: Vec<_> = html.select(&sel("main [role=\"listitem\"]")).collect();
    let last = items.last().unwrap();
    assert!(text(*last).starts_with("LinkedIn Member"));
    assert!(last.select(&sel("a[href*=\"/in/\"]")).next().is_none());
    assert!(first(&html, "main button[data-more-results]").is_none());
}

#[tokio::test]
async fn the_next_design_lists_people_differently() {
    let site = site(Design::Next, false);
    let html = get(&site, "/search/results/people/?keywords=engineer&count=25")
        .await
        .html();
    assert_eq!(count(&html, "main [role=\"listitem\"]"), 0);
    assert_eq!(
        count(
            &html,
            "main ul[data-view-name=\"people-search-results\"] > li"
        ),
        25
    );
    let first_link = first(&html, "main li a[href^=\"/in/\"]").unwrap();
    assert!(
        first_link
            .value()
            .attr("href")
            .unwrap()
            .contains("?miniProfileUrn=")
    );
}
