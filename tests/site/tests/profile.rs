//! Profile pages in the current design: the markup contract extraction relies on
//! (PRODUCT.md P1, P3, P4).

// Test helpers outside #[test] fns: a failed unwrap is a failed test here.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::*;

#[tokio::test]
async fn a_profile_has_the_componentkey_top_card_with_the_name_in_an_h2_link() {
    // proves P3 (fixture side): name, headline, location, company, degree, member id
    let site = current();
    let reply = get(&site, "/in/ada-lovelace/").await;
    assert_eq!(reply.status, 200);
    let html = reply.html();
    let mid = member_id(&site, "ada-lovelace");
    let card_css =
        format!("main section[componentkey=\"com.linkedin.sdui.profile.card.ref{mid}Topcard\"]");
    let card = first(&html, &card_css).expect("top card");
    let h2 = card
        .select(&sel(
            "a[href=\"https://www.linkedin.com/in/ada-lovelace/\"] h2",
        ))
        .next()
        .expect("name link");
    assert_eq!(text(h2), "Ada Lovelace");
    let ps = paragraphs(&html, &card_css);
    for expected in [
        "· 2nd",
        "Lead Engineer at Analytical Engines",
        "Analytical Engines · University of London",
        "London, England, United Kingdom",
        "Contact info",
    ] {
        assert!(ps.iter().any(|p| p == expected), "{expected:?} in {ps:?}");
    }
    assert!(first(&html, &format!("{card_css} [aria-label=\"Profile photo\"]")).is_some());
    assert!(first(&html, &format!("{card_css} [aria-label=\"Cover photo\"]")).is_some());
    assert!(
        first(
            &html,
            "button[aria-label=\"Invite Ada Lovelace to connect\"]"
        )
        .is_some()
    );
    assert!(first(&html, "a[aria-label=\"Message Ada Lovelace\"]").is_some());
    assert!(first(&html, "[aria-label=\"Edit intro\"]").is_none());
    assert_eq!(
        text(first(&html, "title").unwrap()),
        "Ada Lovelace | LinkedIn"
    );
    let og = first(&html, "meta[property=\"og:url\"]").unwrap();
    assert_eq!(
        og.value().attr("content"),
        Some("https://www.linkedin.com/in/ada-lovelace/")
    );
    for section in [
        "About",
        "ExperienceTopLevelSection",
        "EducationTopLevelSection",
    ] {
        let css = format!(
            "main section[componentkey=\"com.linkedin.sdui.profile.card.ref{mid}{section}\"]"
        );
        assert!(first(&html, &css).is_some(), "{section}");
    }
}

#[tokio::test]
async fn the_viewer_shows_in_the_nav_bar_outside_main() {
    let site = current();
    let html = get(&site, "/in/ada-lovelace/").await.html();
    let nav = first(&html, "body > header").expect("global nav");
    assert!(text(nav).contains("Riley Recruiter"));
    assert!(
        nav.select(&sel(
            "a[href=\"https://www.linkedin.com/in/riley-recruiter/\"]"
        ))
        .next()
        .is_some()
    );
    assert!(nav.select(&sel("a[href=\"/feed/\"]")).next().is_some());
    assert!(
        nav.select(&sel(
            "a[href=\"/search/results/people/?keywords=engineer\"]"
        ))
        .next()
        .is_some()
    );
    let main = first(&html, "main").unwrap();
    assert!(
        main.select(&sel("[aria-label=\"Profile photo\"]"))
            .next()
            .is_some()
    );
    let blob = first(&html, "code#bpr-guid-1").expect("data blob");
    assert!(text(blob).contains("riley-recruiter"));
}

#[tokio::test]
async fn any_sub_path_or_query_renders_the_same_top_card() {
    // proves P1 (fixture side)
    let site = current();
    let mid = member_id(&site, "ada-lovelace");
    for path in [
        "/in/ada-lovelace",
        "/in/ada-lovelace/details/experience/",
        "/in/ada-lovelace/overlay/contact-info/",
        "/in/ada-lovelace/en",
        "/in/ada-lovelace/?trk=people-guest&originalSubdomain=uk",
        "/in/Ada-Lovelace/",
    ] {
        let html = get(&site, path).await.html();
        let css =
            format!("section[componentkey=\"com.linkedin.sdui.profile.card.ref{mid}Topcard\"] h2");
        assert_eq!(
            first(&html, &css).map(text).as_deref(),
            Some("Ada Lovelace"),
            "{path}"
        );
    }
    let overlay = get(&site, "/in/grace-hopper/overlay/contact-info/")
        .await
        .html();
    let dialog = first(
        &overlay,
        "main [role=\"dialog\"][aria-label=\"Contact info\"]",
    )
    .unwrap();
    assert!(
        dialog
            .select(&sel("a[href=\"mailto:grace.hopper@example.com\"]"))
            .next()
            .is_some()
    );
    // Second-degree people don't share their email.
    let ada = get(&site, "/in/ada-lovelace/overlay/contact-info/")
        .await
        .body;
    assert!(!ada.contains("mailto:"));
}

#[tokio::test]
async fn the_own_profile_has_edit_markers_and_no_degree() {
    // proves P3 own-profile markers (fixture side)
    let site = current();
    let html = get(&site, "/in/riley-recruiter/").await.html();
    let mid = member_id(&site, "riley-recruiter");
    let card_css =
        format!("section[componentkey=\"com.linkedin.sdui.profile.card.ref{mid}Topcard\"]");
    assert_eq!(
        first(&html, &format!("{card_css} h2")).map(text).as_deref(),
        Some("Riley Recruiter")
    );
    let edit = first(&html, "a[aria-label=\"Edit intro\"]").unwrap();
    assert_eq!(
        edit.value().attr("href"),
        Some("/in/riley-recruiter/edit/intro/")
    );
    assert!(first(&html, "button[aria-label=\"Add profile section\"]").is_some());
    let ps = paragraphs(&html, &card_css);
    assert!(ps.iter().all(|p| !p.starts_with("· ")), "{ps:?}");
    assert!(first(&html, "[aria-label^=\"Invite \"]").is_none());
}

#[tokio::test]
async fn private_and_unknown_profiles_render_profile_not_found() {
    // proves P3 private (fixture side)
    let site = current();
    for id in ["private-person", "no-such-person-42"] {
        let reply = get(&site, &format!("/in/{id}/")).await;
        assert_eq!(reply.status, 200, "{id}");
        let html = reply.html();
        let h1 = first(&html, "main h1").unwrap();
        assert_eq!(
            text(h1),
            format!("An exact match for {id} could not be found.")
        );
        assert_eq!(
            text(first(&html, "title").unwrap()),
            "Profile Not Found | LinkedIn"
        );
        assert_eq!(count(&html, "main [componentkey$=\"Topcard\"]"), 0);
        assert_eq!(count(&html, "main h2"), 0);
        assert!(!reply.body.contains("Pat Private"));
    }
}

#[tokio::test]
async fn a_limited_profile_shows_linkedin_member_and_no_details() {
    // proves P3 limited (fixture side)
    let site = current();
    let reply = get(&site, "/in/limited-member/").await;
    let html = reply.html();
    let mid = member_id(&site, "limited-member");
    let card_css =
        format!("section[componentkey=\"com.linkedin.sdui.profile.card.ref{mid}Topcard\"]");
    assert_eq!(
        first(&html, &format!("{card_css} h2")).map(text).as_deref(),
        Some("LinkedIn Member")
    );
    let ps = paragraphs(&html, &card_css);
    assert!(
        ps.iter()
            .all(|p| !p.contains("Lisbon") && !p.contains("Consultant")),
        "{ps:?}"
    );
    assert!(!reply.body.contains("Lee Limited"));
    assert_eq!(
        text(first(&html, "title").unwrap()),
        "LinkedIn Member | LinkedIn"
    );
}

#[tokio::test]
async fn a_percent_encoded_unicode_id_finds_the_person() {
    let site = current();
    let html = get(&site, "/in/j%C3%BCrgen-m%C3%BCller/").await.html();
    let link = first(&html, "main section[componentkey$=\"Topcard\"] a:has(h2)").unwrap();
    assert_eq!(
        link.value().attr("href"),
        Some("https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BCller/")
    );
    assert_eq!(text(link), "Jürgen Müller");
    assert!(
        paragraphs(&html, "main section[componentkey$=\"Topcard\"]")
            .contains(&"Berlin, Germany".to_string())
    );
}

#[tokio::test]
async fn a_member_id_url_renders_the_same_person_linking_to_the_vanity_url() {
    let site = current();
    let html = get(&site, "/in/ACoAAB1234567890abcdefGHIJKLmnopQRSTuv/")
        .await
        .html();
    let css = "section[componentkey=\"com.linkedin.sdui.profile.card.refACoAAB1234567890abcdefGHIJKLmnopQRSTuvTopcard\"]";
    let link = first(&html, &format!("{css} a:has(h2)")).unwrap();
    assert_eq!(text(link), "Barbara Liskov");
    assert_eq!(
        link.value().attr("href"),
        Some("https://www.linkedin.com/in/barbara-liskov/")
    );
    let generated = member_id(&site, "grace-hopper");
    let html = get(&site, &format!("/in/{generated}/")).await.html();
    assert_eq!(
        first(&html, "main h2").map(text).as_deref(),
        Some("Grace Hopper")
    );
}

#[tokio::test]
async fn the_pdf_menu_item_is_missing_where_the_site_offers_no_pdf() {
    let site = current();
    let ada = get(&site, "/in/ada-lovelace/").await.html();
    let item = first(&ada, "[role=\"menuitem\"][aria-label=\"Save to PDF\"]").unwrap();
    assert_eq!(item.value().attr("data-public-id"), Some("ada-lovelace"));
    let hedy = get(&site, "/in/hedy-lamarr/").await.html();
    assert!(first(&hedy, "[aria-label=\"Save to PDF\"]").is_none());
    assert_eq!(
        first(&hedy, "main h2").map(text).as_deref(),
        Some("Hedy Lamarr")
    );
}

#[tokio::test]
async fn pages_without_a_profile_have_no_top_card() {
    // proves P5 (fixture side)
    let site = current();
    for path in [
        "/feed/",
        "/jobs/",
        "/company/contoso/",
        "/authwall",
        "/messaging/",
    ] {
        let reply = get(&site, path).await;
        assert_eq!(reply.status, 200, "{path}");
        assert_eq!(
            count(&reply.html(), "[componentkey$=\"Topcard\"]"),
            0,
            "{path}"
        );
    }
    let feed = get(&site, "/feed/").await.html();
    assert_eq!(text(first(&feed, "title").unwrap()), "Feed | LinkedIn");
    assert!(
        count(
            &feed,
            "main [role=\"article\"] a[href=\"https://www.linkedin.com/in/grace-hopper/\"]"
        ) >= 1
    );
    let root = get(&site, "/").await;
    assert!(root.status.is_redirection());
    assert_eq!(root.header("location"), "/feed/");
    assert_eq!(get(&site, "/nothing/here").await.status, 404);
}
