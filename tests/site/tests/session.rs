//! Session cookies, the log-in wall, the CSP header, fragments and the test hooks.

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
async fn a_first_visit_signs_in_with_li_at_and_a_readable_jsessionid() {
    let site = current();
    let reply = get(&site, "/in/ada-lovelace/").await;
    let cookies = reply.set_cookies();
    let li_at = cookies.iter().find(|c| c.starts_with("li_at=")).unwrap();
    assert!(
        li_at.contains("HttpOnly")
            && li_at.contains("Secure")
            && li_at.contains("Domain=.linkedin.com")
    );
    let jsessionid = cookies
        .iter()
        .find(|c| c.starts_with("JSESSIONID="))
        .unwrap();
    assert!(jsessionid.starts_with("JSESSIONID=\"ajax:"));
    assert!(jsessionid.contains("Secure") && !jsessionid.contains("HttpOnly"));

    let cookie = cookies
        .iter()
        .map(|c| c.split(';').next().unwrap())
        .collect::<Vec<_>>()
        .join("; ");
    let again = request(
        &site,
        "GET",
        "/in/grace-hopper/?loggedout=1",
        &[("cookie", &cookie)],
    )
    .await;
    assert_eq!(again.status, 200);
    assert!(again.set_cookies().is_empty());
    assert_eq!(site.stats().sign_ins, 1);
}

#[tokio::test]
async fn loggedout_visits_go_to_the_authwall_and_logout_clears_the_cookies() {
    let site = current();
    let reply = get(&site, "/in/ada-lovelace/?loggedout=1").await;
    assert!(reply.status.is_redirection());
    assert_eq!(
        reply.header("location"),
        "/authwall?sessionRedirect=%2Fin%2Fada-lovelace%2F"
    );
    let wall = get(&site, "/authwall?sessionRedirect=%2Fin%2Fada-lovelace%2F").await;
    assert_eq!(wall.status, 200);
    assert!(wall.set_cookies().is_empty());
    let html = wall.html();
    assert_eq!(
        first(&html, "main h1").map(text).as_deref(),
        Some("Sign in")
    );
    assert!(!text(first(&html, "body > header").unwrap()).contains("Riley"));

    let signed_in = get(&site, "/feed/").await;
    let cookie = signed_in
        .set_cookies()
        .iter()
        .map(|c| c.split(';').next().unwrap().to_string())
        .collect::<Vec<_>>()
        .join("; ");
    let out = request(&site, "GET", "/authwall?logout=1", &[("cookie", &cookie)]).await;
    let cleared = out.set_cookies();
    assert_eq!(cleared.len(), 2);
    assert!(cleared.iter().all(|c| c.contains("Max-Age=0")));
    let after = request(&site, "GET", "/feed/?loggedout=1", &[("cookie", &cookie)]).await;
    assert!(
        after.status.is_redirection(),
        "the old li_at no longer counts"
    );
}

#[tokio::test]
async fn every_html_page_carries_the_sites_csp() {
    let usual = current();
    for path in [
        "/feed/",
        "/in/ada-lovelace/",
        "/search/results/people/?keywords=x",
        "/authwall",
    ] {
        let csp = get(&usual, path)
            .await
            .header("content-security-policy")
            .to_string();
        assert!(
            csp.contains("script-src 'report-sample' 'unsafe-inline' 'unsafe-eval' 'self'"),
            "{path}: {csp}"
        );
    }
    let strict = site(Design::Current, true);
    let csp = get(&strict, "/in/ada-lovelace/")
        .await
        .header("content-security-policy")
        .to_string();
    assert!(
        csp.starts_with("script-src 'self' static.licdn.com;"),
        "{csp}"
    );
    assert!(!csp.contains("unsafe-eval"));
}

#[tokio::test]
async fn pages_have_no_inline_scripts_so_the_strict_csp_still_runs_the_site() {
    let site = current();
    let html = get(&site, "/in/ada-lovelace/").await.html();
    let sources: Vec<&str> = html
        .select(&sel("script"))
        .map(|s| s.value().attr("src").unwrap_or("inline"))
        .collect();
    // The site's own script, and the client bundle on its static host that names the query ids.
    assert_eq!(sources.len(), 2, "{sources:?}");
    assert!(sources[0].starts_with("/static/site.js"));
    assert!(sources[1].starts_with("https://static.licdn.com/aero-v1/sc/h/assets/"));
    let js = get(&site, "/static/site.js").await;
    assert!(js.header("content-type").starts_with("text/javascript"));
    assert!(js.body.contains("x-fragment"));
}

#[tokio::test]
async fn a_fragment_request_returns_only_main_and_the_title() {
    // proves P2 (fixture side): client-side navigation swaps <main> only
    let site = current();
    let reply = request(
        &site,
        "GET",
        "/in/katherine-johnson/",
        &[("x-fragment", "1")],
    )
    .await;
    assert_eq!(reply.status, 200);
    assert!(reply.header("content-type").starts_with("application/json"));
    let json: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(json["title"], "Katherine Johnson | LinkedIn");
    assert_eq!(json["url"], "/in/katherine-johnson/");
    let main = json["main"].as_str().unwrap();
    assert!(!main.contains("<html") && !main.contains("<header") && !main.contains("<main"));
    let fragment = scraper::Html::parse_fragment(main);
    assert_eq!(
        first(&fragment, "section[componentkey$=\"Topcard\"] h2")
            .map(text)
            .as_deref(),
        Some("Katherine Johnson")
    );
    assert!(!reply.header("content-security-policy").is_empty());

    let stats = site.stats();
    assert_eq!((stats.fragment_loads, stats.page_loads), (1, 0));
    let loggedout = request(
        &site,
        "GET",
        "/in/ada-lovelace/?loggedout=1",
        &[("x-fragment", "1")],
    )
    .await;
    assert_eq!(loggedout.status, 401);
    assert!(loggedout.body.contains("/authwall"));
}

#[tokio::test]
async fn test_hooks_count_and_reset() {
    let site = current();
    get(&site, "/feed/").await;
    get(&site, "/in/ada-lovelace/").await;
    let stats: serde_json::Value =
        serde_json::from_str(&get(&site, "/_test/stats").await.body).unwrap();
    assert_eq!(stats["page_loads"], 2);
    assert_eq!(stats["pdf_downloads"], 0);
    assert_eq!(
        request(&site, "POST", "/_test/reset", &[]).await.status,
        204
    );
    assert_eq!(site.stats().page_loads, 0);
}
