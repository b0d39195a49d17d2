//! The reader as a whole: which reading a page gets, and why.

use super::*;
use crate::site::scraper_dom::{ScraperDom, ScraperNode};

fn read(html: &str, url: &str) -> (PageRead<ScraperNode>, Sources) {
    let dom = ScraperDom::parse(html);
    let explained = read_profile_explained(&dom, ProfileKey::from_url(url).unwrap());
    (explained.read, explained.sources)
}

fn profile(html: &str, url: &str) -> Profile {
    match read(html, url).0 {
        PageRead::Profile { profile, .. } => profile,
        other => panic!("not read as a profile: {other:?}"),
    }
}

fn unreadable(html: &str, url: &str) -> Unreadable {
    match read(html, url).0 {
        PageRead::UnreadableProfile { why, .. } => why,
        other => panic!("read although it should not be: {other:?}"),
    }
}

const JANE: &str = "https://www.linkedin.com/in/jane-doe/";

// proves P3: "Profile not found" is private, and its heading is never a name.
#[test]
fn not_found_heading_never_becomes_a_name() {
    let p = profile(
        "<main><section><h1>Profile not found</h1></section></main>",
        JANE,
    );
    assert_eq!(p.visibility, Visibility::Private);
    assert_eq!(p.facts, ProfileFacts::default());
}

// proves P4: a card that names nobody, with nothing else on the page naming the URL's person,
// is unreadable rather than guessed.
#[test]
fn card_naming_nobody_is_unconfirmed() {
    let html = "<main><section><h1>Jane Doe</h1><div>Engineer</div></section></main>";
    assert_eq!(unreadable(html, JANE), Unreadable::Unconfirmed);
}

// proves P4: the head of the URL's own profile vouches for an unlinked card with the same name.
#[test]
fn og_meta_of_the_urls_profile_confirms_an_unlinked_card() {
    let html = r#"<head><meta property="og:url" content="https://www.linkedin.com/in/jane-doe">
        <meta property="og:title" content="Jane Doe - Acme | LinkedIn"></head>
        <body><main><section><h1>Jane Doe</h1><div>Engineer</div></section></main></body>"#;
    let (read, sources) = read(html, JANE);
    assert!(matches!(read, PageRead::Profile { .. }));
    assert_eq!(sources.identity, Some(Source::OgMeta));
}

// proves P3: a "LinkedIn Member" card nothing ties to the URL keeps only what the URL says.
#[test]
fn unconfirmed_limited_card_keeps_only_the_url_facts() {
    let url = "https://www.linkedin.com/in/ACoAADL1m1tEdMeMbEr000000000000000003/";
    let p = profile(
        "<main><section><h1>LinkedIn Member</h1><div>Developer</div></section></main>",
        url,
    );
    assert_eq!(p.visibility, Visibility::Limited);
    assert_eq!(p.facts.name, None);
    assert_eq!(p.facts.headline, None);
    assert_eq!(
        p.facts.member_urn.as_deref(),
        Some("urn:li:fsd_profile:ACoAADL1m1tEdMeMbEr000000000000000003")
    );
}

// proves P2: before the top card has rendered, the page is unreadable (and read again later).
#[test]
fn page_without_a_top_card_is_unreadable() {
    assert_eq!(
        unreadable("<main><div>Loading…</div></main>", JANE),
        Unreadable::NoTopCard
    );
}

// proves P4: a server-rendered page with no card still names the person through JSON-LD at
// the URL's profile, without an anchor.
#[test]
fn json_ld_names_a_page_without_a_card() {
    let html = r#"<head><script type="application/ld+json">{"@type":"Person","name":"Jane Doe",
        "url":"https://www.linkedin.com/in/jane-doe"}</script></head><body><main></main></body>"#;
    let (read, sources) = read(html, JANE);
    let PageRead::Profile { profile, anchor } = read else {
        panic!("not read")
    };
    assert_eq!(profile.facts.name.as_deref(), Some("Jane Doe"));
    assert!(anchor.is_none());
    assert_eq!(sources.name, Some(Source::JsonLd));
}

// proves P4: a member id that is the signed-in viewer's is never handed out as the subject's.
#[test]
fn viewer_member_id_is_never_the_subjects() {
    const VIEWER: &str = "ACoAAVieWeR000000000000000000000000000004";
    let html = format!(
        r#"<body><code>{{"data":{{"*miniProfile":"urn:li:fs_miniProfile:{VIEWER}","$type":"com.linkedin.voyager.common.Me"}},
        "included":[{{"entityUrn":"urn:li:fs_miniProfile:{VIEWER}","publicIdentifier":"vera-viewer"}}]}}</code>
        <main><section componentkey="com.linkedin.sdui.profile.card.ref{VIEWER}Topcard">
        <a href="/in/jane-doe/"><h2>Jane Doe</h2></a><p>Engineer</p></section></main></body>"#
    );
    let p = profile(&html, JANE);
    assert!(!p.own);
    assert_eq!(p.facts.member_urn, None);
}

// proves P3: the badge anchor is the name heading.
#[test]
fn anchor_is_the_name_heading() {
    let dom = ScraperDom::parse(
        r#"<main><section><a href="/in/jane-doe/"><h2>Jane Doe</h2></a></section></main>"#,
    );
    let PageRead::Profile {
        anchor: Some(anchor),
        ..
    } = read_profile(&dom, ProfileKey::from_url(JANE).unwrap())
    else {
        panic!("no anchor")
    };
    assert_eq!(dom.tag(&anchor), "h2");
}

fn fixture(file: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pages")
        .join(file);
    std::fs::read_to_string(path).unwrap()
}

// proves E1: a rendered "More actions" menu decides whether the site offers a PDF; a card whose
// menu is not rendered (the real site renders it on opening) is taken as offering one.
#[test]
fn pdf_offered_on_fixture_pages() {
    let noor = "https://www.linkedin.com/in/noor-haddad/";
    let with_item = profile(&fixture("pdf_menu_2026.html"), noor);
    assert_eq!(with_item.facts.name.as_deref(), Some("Noor Haddad"));
    assert!(with_item.pdf_offered);
    let without_item = profile(&fixture("no_pdf_2026.html"), noor);
    assert_eq!(without_item.visibility, Visibility::Public);
    assert!(!without_item.pdf_offered);
    let unrendered = profile(
        &fixture("public_2026.html"),
        "https://www.linkedin.com/in/priya-raman-7b/",
    );
    assert!(unrendered.pdf_offered);
}

// proves E1: pages with nothing to export never claim a PDF.
#[test]
fn private_pages_offer_no_pdf() {
    let private = profile(&fixture("private_2026.html"), JANE);
    assert_eq!(private.visibility, Visibility::Private);
    assert!(!private.pdf_offered);
}
