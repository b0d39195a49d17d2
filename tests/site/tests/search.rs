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

/// The name link of a current-design card (the other links to the person are empty overlays).
const NAME_LINK: &str = "main [role=\"listitem\"] a[data-view-name=\"search-result-lockup-title\"][href^=\"https://www.linkedin.com/in/\"]";

#[tokio::test]
async fn count_25_renders_25_list_items_with_the_named_people_first() {
    let site = current();
    let html = get(&site, "/search/results/people/?keywords=engineer&count=25")
        .await
        .html();
    assert_eq!(count(&html, "main [role=\"list\"] [role=\"listitem\"]"), 25);
    let links: Vec<String> = html
        .select(&sel(NAME_LINK))
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
async fn a_result_card_links_its_person_several_times_and_names_others_as_mutual_connections() {
    let site = current();
    let html = get(&site, "/search/results/people/?keywords=engineer")
        .await
        .html();
    assert_eq!(count(&html, "main [role=\"listitem\"]"), 10);
    let ada_url = "https://www.linkedin.com/in/ada-lovelace/";
    let ada = html
        .select(&sel("main [role=\"listitem\"]"))
        .find(|li| {
            li.select(&sel(&format!("a[href=\"{ada_url}\"]")))
                .next()
                .is_some()
        })
        .unwrap();
    // Every link to Ada (empty overlays, photo, name) carries the card's componentkey.
    let key = ada.value().attr("componentkey").unwrap();
    let own: Vec<_> = ada
        .select(&sel(&format!("a[href=\"{ada_url}\"]")))
        .collect();
    assert_eq!(own.len(), 5);
    let keyed = own
        .iter()
        .filter(|a| a.value().attr("componentkey") == Some(key))
        .count();
    assert_eq!(keyed, 4);
    // Name and degree in one paragraph; headline and location paragraphs after it.
    let line = ada
        .select(&sel("p"))
        .find(|p| {
            p.select(&sel("a[data-view-name=\"search-result-lockup-title\"]"))
                .next()
                .is_some()
        })
        .unwrap();
    assert_eq!(text(line), "Ada Lovelace • 2nd");
    let ps: Vec<String> = ada.select(&sel("p")).map(text).collect();
    assert_eq!(
        ps.get(1..3).unwrap(),
        [
            "Lead Engineer at Analytical Engines",
            "London, England, United Kingdom"
        ]
    );
    // Mutual connections: links to other people's profiles inside Ada's card.
    let others: Vec<&str> = ada
        .select(&sel(
            "a[data-view-name=\"search-result-social-proof-insight\"][href*=\"/in/\"]",
        ))
        .map(|a| a.value().attr("href").unwrap())
        .collect();
    assert_eq!(others.len(), 2);
    assert!(others.iter().all(|h| *h != ada_url));
    assert!(
        ada.select(&sel(
            "button[aria-label=\"Invite Ada Lovelace to connect\"]"
        ))
        .next()
        .is_some()
    );
    // Presence text hides in some photo links, never in the name link.
    let presence = html
        .select(&sel("main [role=\"listitem\"] a[tabindex] span"))
        .filter(|s| text(*s).starts_with("Status is "))
        .count();
    assert!(presence > 0);
    // An upsell among the cards: no link to anyone's profile.
    let list = first(&html, "main [role=\"list\"]").unwrap();
    let upsells: Vec<_> = list
        .children()
        .filter_map(scraper::ElementRef::wrap)
        .filter(|c| text(*c).contains("Premium"))
        .collect();
    assert_eq!(upsells.len(), 1);
    assert!(
        upsells[0]
            .select(&sel("a[href*=\"/in/\"]"))
            .next()
            .is_none()
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
    let page2_names: Vec<String> = page2.select(&sel(NAME_LINK)).map(text).collect();
    let more_names: Vec<String> = fragment
        .select(&sel(
            "[role=\"listitem\"] a[data-view-name=\"search-result-lockup-title\"]",
        ))
        .map(text)
        .collect();
    assert_eq!(more_names.len(), 10);
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
    // No link to the member; the only profile links are the mutual connections'.
    for a in last.select(&sel("a[href*=\"/in/\"]")) {
        assert_eq!(
            a.value().attr("data-view-name"),
            Some("search-result-social-proof-insight")
        );
        assert!(!a.value().attr("href").unwrap().contains("limited-member"));
    }
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
