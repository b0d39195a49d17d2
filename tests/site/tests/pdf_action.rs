//! "Save to PDF" over HTTP: the voyager action (session, CSRF, who may be saved), the
//! short-lived download link, the failure switch and the counters end-to-end tests read.

// Test helpers outside #[test] fns: a failed unwrap is a failed test here.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use axum::body::Body;
use common::*;
use std::sync::Arc;
use std::time::{Duration, Instant};
use talent_bridge_site::{Site, SiteConfig};

fn json(reply: &Reply) -> serde_json::Value {
    assert!(
        reply.header("content-type").starts_with("application/json"),
        "{} {}",
        reply.status,
        reply.header("content-type")
    );
    serde_json::from_str(&reply.body).unwrap()
}

async fn set_mode(site: &Arc<Site>, body: &str) -> Reply {
    request_with_body(
        site,
        "POST",
        "/_test/pdf-mode",
        &[("content-type", "application/json")],
        Body::from(body.to_string()),
    )
    .await
}

#[tokio::test]
async fn the_action_needs_the_csrf_header_equal_to_jsessionid() {
    let site = current();
    let browser = signed_in(&site).await;
    let path = pdf_action_path("ada-lovelace");
    let cookie = ("cookie", browser.cookie.as_str());
    let quoted = format!("\"{}\"", browser.csrf);
    for headers in [
        vec![cookie],
        vec![cookie, ("csrf-token", "ajax:0000000000000000000")],
        vec![cookie, ("csrf-token", quoted.as_str())],
        vec![cookie, ("csrf-token", "")],
    ] {
        let reply = request(&site, "POST", &path, &headers).await;
        assert_eq!(reply.status, 403, "{headers:?}");
        assert_eq!(json(&reply)["status"], 403);
    }
    // The header alone is not enough: it must match the cookie the request carries.
    let li_at_only = browser.cookie.split("; ").next().unwrap().to_string();
    let reply = request(
        &site,
        "POST",
        &path,
        &[("cookie", &li_at_only), ("csrf-token", &browser.csrf)],
    )
    .await;
    assert_eq!(reply.status, 403);
    assert_eq!(site.stats().pdf_actions, 0);
}

#[tokio::test]
async fn the_action_needs_a_session() {
    let site = current();
    let browser = signed_in(&site).await;
    let path = pdf_action_path("ada-lovelace");
    let none = request(&site, "POST", &path, &[("csrf-token", &browser.csrf)]).await;
    assert_eq!(none.status, 401);
    assert_eq!(json(&none)["status"], 401);
    let forged_cookie = format!("li_at=forged; JSESSIONID=\"{}\"", browser.csrf);
    let forged = request(
        &site,
        "POST",
        &path,
        &[("cookie", &forged_cookie), ("csrf-token", &browser.csrf)],
    )
    .await;
    assert_eq!(forged.status, 401);
    assert_eq!(site.stats().pdf_actions, 0);
}

#[tokio::test]
async fn the_action_answers_a_same_host_link_whose_pdf_is_the_same_every_time() {
    let site = current();
    let browser = signed_in(&site).await;
    let action = save_to_pdf(&site, &browser, "ada-lovelace").await;
    assert_eq!(action.status, 200);
    let url = json(&action)["value"].as_str().unwrap().to_string();
    assert!(
        url.starts_with("https://www.linkedin.com/dms/prv/document/")
            && url.ends_with("/Profile.pdf"),
        "{url}"
    );

    let first = download(&site, &browser, &link_path(&action)).await;
    assert_eq!(first.status, 200);
    assert_eq!(first.header("content-type"), "application/pdf");
    assert!(first.header("content-disposition").contains("Profile.pdf"));
    assert!(first.bytes.starts_with(b"%PDF-"));
    assert!(first.bytes.ends_with(b"%%EOF\n"));
    let again = download(&site, &browser, &link_path(&action)).await;
    assert_eq!(again.bytes, first.bytes, "any number of GETs, same bytes");
    let fresh = fetch_pdf(&site, &browser, "ada-lovelace").await;
    assert_eq!(fresh.bytes, first.bytes, "a new link, same bytes");
    let hook = get(&site, "/_test/pdf/ada-lovelace").await;
    assert_eq!(hook.bytes, first.bytes);
    assert_eq!(site.profile_pdf("ada-lovelace").unwrap(), first.bytes);

    let stats = site.stats();
    assert_eq!((stats.pdf_actions, stats.pdf_downloads), (2, 3));
    assert_eq!(stats.pdf_downloads_by_id["ada-lovelace"], 3);
}

#[tokio::test]
async fn the_link_is_on_the_host_the_browser_used_and_accepts_a_version_tag() {
    let site = current();
    let browser = signed_in(&site).await;
    let path = format!("{}&versionTag=2783710343", pdf_action_path("grace-hopper"));
    let reply = request(
        &site,
        "POST",
        &path,
        &[
            ("host", "127.0.0.1:4443"),
            ("cookie", &browser.cookie),
            ("csrf-token", &browser.csrf),
        ],
    )
    .await;
    assert_eq!(reply.status, 200);
    let url = json(&reply)["value"].as_str().unwrap().to_string();
    assert!(
        url.starts_with("https://127.0.0.1:4443/dms/prv/document/"),
        "{url}"
    );
}

#[tokio::test]
async fn people_without_a_pdf_are_refused_like_the_real_site() {
    let site = current();
    let browser = signed_in(&site).await;
    for (id, status) in [
        ("hedy-lamarr", 403),
        ("test-person-17", 403),
        ("limited-member", 403),
        ("private-person", 404),
        ("nobody-at-all", 404),
    ] {
        let reply = save_to_pdf(&site, &browser, id).await;
        assert_eq!(reply.status, status, "{id}");
        assert_eq!(json(&reply)["status"], status, "{id}");
    }
    let wrong_action = request(
        &site,
        "POST",
        "/voyager/api/identity/profiles/ada-lovelace/profileActions?action=block",
        &[("cookie", &browser.cookie), ("csrf-token", &browser.csrf)],
    )
    .await;
    assert_eq!(wrong_action.status, 400);
    assert_eq!(site.stats().pdf_actions, 0);
}

#[tokio::test]
async fn a_percent_encoded_unicode_slug_and_a_member_id_both_work() {
    let site = current();
    let browser = signed_in(&site).await;
    let juergen = fetch_pdf(&site, &browser, "j%C3%BCrgen-m%C3%BCller").await;
    assert_eq!(juergen.status, 200);
    assert!(contains(&juergen.bytes, b"(J\xfcrgen M\xfcller) Tj"));
    let liskov = fetch_pdf(&site, &browser, "ACoAAB1234567890abcdefGHIJKLmnopQRSTuv").await;
    assert_eq!(liskov.status, 200);
    assert_eq!(liskov.bytes, site.profile_pdf("barbara-liskov").unwrap());
    let by_id = site.stats().pdf_downloads_by_id;
    assert_eq!(by_id["jürgen-müller"], 1);
    assert_eq!(by_id["barbara-liskov"], 1);
}

#[tokio::test]
async fn the_pdf_link_needs_cookies_a_live_token_and_expires() {
    let site = current();
    let browser = signed_in(&site).await;
    let action = save_to_pdf(&site, &browser, "ada-lovelace").await;
    let path = link_path(&action);
    let anonymous = get(&site, &path).await;
    assert!(anonymous.status.is_redirection());
    assert!(
        anonymous
            .header("location")
            .starts_with("/authwall?sessionRedirect=")
    );
    let unknown = download(&site, &browser, "/dms/prv/document/D4E2DAQnope/Profile.pdf").await;
    assert_eq!(unknown.status, 404);

    let short = Site::new(SiteConfig {
        pdf_link_ttl: Some(Duration::ZERO),
        ..SiteConfig::default()
    })
    .unwrap();
    let browser = signed_in(&short).await;
    let action = save_to_pdf(&short, &browser, "ada-lovelace").await;
    assert_eq!(action.status, 200);
    let expired = download(&short, &browser, &link_path(&action)).await;
    assert_eq!(expired.status, 404);
    assert_eq!(short.stats().pdf_downloads, 0);
}

#[tokio::test]
async fn html_login_mode_answers_the_log_in_page_with_200_and_counts_nothing() {
    let site = current();
    let browser = signed_in(&site).await;
    let set = set_mode(&site, r#"{"mode": "html_login"}"#).await;
    assert_eq!(set.status, 200);
    assert_eq!(json(&set)["mode"], "html_login");
    let reply = fetch_pdf(&site, &browser, "ada-lovelace").await;
    assert_eq!(reply.status, 200);
    assert!(reply.header("content-type").starts_with("text/html"));
    assert!(!reply.bytes.starts_with(b"%PDF"));
    assert!(reply.body.contains("LinkedIn Login, Sign in | LinkedIn"));
    let stats = site.stats();
    assert_eq!((stats.pdf_actions, stats.pdf_downloads), (1, 0));
    assert!(stats.pdf_downloads_by_id.is_empty());
}

#[tokio::test]
async fn server_error_mode_answers_500() {
    let site = current();
    let browser = signed_in(&site).await;
    assert_eq!(
        set_mode(&site, r#"{"mode": "server_error"}"#).await.status,
        200
    );
    let reply = fetch_pdf(&site, &browser, "ada-lovelace").await;
    assert_eq!(reply.status, 500);
    assert_eq!(site.stats().pdf_downloads, 0);
}

#[tokio::test]
async fn slow_mode_waits_then_serves_the_pdf() {
    let site = current();
    let browser = signed_in(&site).await;
    let set = set_mode(&site, r#"{"mode": "slow", "delay_ms": 300}"#).await;
    assert_eq!(json(&set)["delay_ms"], 300);
    let started = Instant::now();
    let reply = fetch_pdf(&site, &browser, "ada-lovelace").await;
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(reply.status, 200);
    assert!(reply.bytes.starts_with(b"%PDF-"));
    assert_eq!(site.stats().pdf_downloads, 1);
}

#[tokio::test]
async fn the_mode_switch_reads_back_refuses_nonsense_and_reset_restores_it() {
    let site = current();
    assert_eq!(json(&get(&site, "/_test/pdf-mode").await)["mode"], "normal");
    let no_content_type = request_with_body(
        &site,
        "POST",
        "/_test/pdf-mode",
        &[],
        Body::from(r#"{"mode": "slow"}"#),
    )
    .await;
    assert_eq!(json(&no_content_type)["mode"], "slow");
    for bad in [r#"{"mode": "flaky"}"#, r#"{"delay_ms": 5}"#, "not json"] {
        assert_eq!(set_mode(&site, bad).await.status, 400, "{bad}");
    }
    set_mode(&site, r#"{"mode": "server_error"}"#).await;
    assert_eq!(
        json(&get(&site, "/_test/pdf-mode").await)["mode"],
        "server_error"
    );
    request(&site, "POST", "/_test/reset", &[]).await;
    let after = json(&get(&site, "/_test/pdf-mode").await);
    assert_eq!(
        (after["mode"].as_str(), after["delay_ms"].as_u64()),
        (Some("normal"), Some(5000))
    );
}

#[tokio::test]
async fn the_start_mode_comes_from_the_config() {
    let site = Site::new(SiteConfig {
        pdf: talent_bridge_site::PdfBehaviour {
            mode: talent_bridge_site::PdfMode::ServerError,
            delay_ms: 10,
        },
        ..SiteConfig::default()
    })
    .unwrap();
    let browser = signed_in(&site).await;
    assert_eq!(fetch_pdf(&site, &browser, "ada-lovelace").await.status, 500);
    set_mode(&site, r#"{"mode": "normal"}"#).await;
    assert_eq!(fetch_pdf(&site, &browser, "ada-lovelace").await.status, 200);
    request(&site, "POST", "/_test/reset", &[]).await;
    assert_eq!(fetch_pdf(&site, &browser, "ada-lovelace").await.status, 500);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn counters_are_exact_under_concurrent_downloads_and_reset_zeroes_them() {
    let site = current();
    let browser = Arc::new(signed_in(&site).await);
    let ada = link_path(&save_to_pdf(&site, &browser, "ada-lovelace").await);
    let grace = link_path(&save_to_pdf(&site, &browser, "grace-hopper").await);
    let tasks: Vec<_> = (0..24)
        .map(|i| {
            let (site, browser) = (site.clone(), browser.clone());
            let path = if i % 3 == 0 {
                grace.clone()
            } else {
                ada.clone()
            };
            tokio::spawn(async move { download(&site, &browser, &path).await.status })
        })
        .collect();
    for task in tasks {
        assert_eq!(task.await.unwrap(), 200);
    }
    // HEAD sends no body and counts nothing.
    let head = request(&site, "HEAD", &ada, &[("cookie", &browser.cookie)]).await;
    assert_eq!(head.status, 200);

    let stats: serde_json::Value =
        serde_json::from_str(&get(&site, "/_test/stats").await.body).unwrap();
    assert_eq!(stats["pdf_actions"], 2);
    assert_eq!(stats["pdf_downloads"], 24);
    assert_eq!(stats["pdf_downloads_by_id"]["ada-lovelace"], 16);
    assert_eq!(stats["pdf_downloads_by_id"]["grace-hopper"], 8);
    assert_eq!(
        request(&site, "POST", "/_test/reset", &[]).await.status,
        204
    );
    let stats = site.stats();
    assert_eq!((stats.pdf_actions, stats.pdf_downloads), (0, 0));
    assert!(stats.pdf_downloads_by_id.is_empty());
}

#[tokio::test]
async fn the_test_pdf_hook_counts_nothing_and_knows_unknown_ids() {
    let site = current();
    let reply = get(&site, "/_test/pdf/j%C3%BCrgen-m%C3%BCller").await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("content-type"), "application/pdf");
    assert_eq!(get(&site, "/_test/pdf/nobody-at-all").await.status, 404);
    assert_eq!(site.stats().pdf_downloads, 0);
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test]
async fn the_last_pdf_hook_tells_the_sha256_of_the_last_body_served() {
    let site = current();
    let empty = json(&get(&site, "/_test/last-pdf-sha256").await);
    assert!(empty["sha256"].is_null() && empty["public_id"].is_null());
    let browser = signed_in(&site).await;
    fetch_pdf(&site, &browser, "grace-hopper").await;
    let served = fetch_pdf(&site, &browser, "ada-lovelace").await;
    let last = json(&get(&site, "/_test/last-pdf-sha256").await);
    assert_eq!(last["public_id"], "ada-lovelace");
    assert_eq!(last["size"], served.bytes.len());
    let sha = last["sha256"].as_str().unwrap().to_string();
    assert_eq!(sha.len(), 64);
    assert!(
        sha.chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
    );
    // Cross-check with coreutils where it exists.
    if let Ok(mut child) = std::process::Command::new("sha256sum")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
    {
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(&served.bytes)
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(String::from_utf8_lossy(&out.stdout).starts_with(&sha));
    }
    request(&site, "POST", "/_test/reset", &[]).await;
    assert!(json(&get(&site, "/_test/last-pdf-sha256").await)["sha256"].is_null());
}
