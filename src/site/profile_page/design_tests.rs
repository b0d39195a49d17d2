//! The reader on the designs it has to survive besides the current one: guest (logged-out)
//! pages, pages saved before the app rendered, the 2018–2022 logged-in design, and names the
//! site's labels are read into. Synthetic pages, no class names to lean on.

use super::*;
use crate::site::scraper_dom::ScraperDom;

fn read(html: &str, url: &str) -> (PageRead<crate::site::scraper_dom::ScraperNode>, Sources) {
    let dom = ScraperDom::parse(html);
    let explained = read_profile_explained(&dom, ProfileKey::from_url(url).unwrap());
    (explained.read, explained.sources)
}

fn profile(html: &str, url: &str) -> (Profile, Sources) {
    match read(html, url) {
        (PageRead::Profile { profile, .. }, sources) => (profile, sources),
        (other, _) => panic!("not read as a profile: {other:?}"),
    }
}

const CAMILLE: &str = "https://fr.linkedin.com/in/camille-martin";

/// A guest page: the @graph names a second person ("Autres profils consultés").
fn guest_page(card: &str) -> String {
    format!(
        r#"<html><head><link rel="canonical" href="https://fr.linkedin.com/in/camille-martin">
        <script type="application/ld+json">{{"@context":"https://schema.org","@graph":[
        {{"@type":"Person","name":"Paul Autre","jobTitle":["Directeur"],"url":"https://fr.linkedin.com/in/paul-autre",
          "worksFor":[{{"@type":"Organization","name":"Autre SA"}}],"address":{{"addressLocality":"Lyon"}}}},
        {{"@type":"Person","name":"Camille Martin","url":"https://fr.linkedin.com/in/camille-martin",
          "jobTitle":["Ingénieure logicielle chez Acme"],"worksFor":[{{"@type":"Organization","name":"Acme"}}],
          "address":{{"@type":"PostalAddress","addressLocality":"Paris","addressCountry":"FR"}}}}]}}
        </script></head><body>{card}</body></html>"#
    )
}

// proves P3, P4: a guest page with no card is read from the Person of its @graph whose url is
// the URL's profile, never from the other person beside it.
#[test]
fn guest_graph_without_a_card_reads_only_the_urls_person() {
    let (p, sources) = profile(&guest_page("<main></main>"), CAMILLE);
    assert_eq!(p.facts.name.as_deref(), Some("Camille Martin"));
    assert_eq!(
        p.facts.headline.as_deref(),
        Some("Ingénieure logicielle chez Acme")
    );
    assert_eq!(p.facts.location.as_deref(), Some("Paris"));
    assert_eq!(p.facts.current_company.as_deref(), Some("Acme"));
    assert_eq!(sources.name, Some(Source::JsonLd));
    let (paul, _) = profile(
        &guest_page("<main></main>").replace("camille-martin\">", "paul-autre\">"),
        "https://fr.linkedin.com/in/paul-autre",
    );
    assert_eq!(paul.facts.name.as_deref(), Some("Paul Autre"));
}

// proves P4: the guest card's heading is tied to the URL by the JSON-LD Person at the URL's
// profile; the pronouns beside the heading stay out of the name.
#[test]
fn guest_card_confirmed_by_its_graph() {
    let card = r#"<main><section><h1>Camille Martin <span>(Elle/Elle)</span></h1>
        <h2>Ingénieure logicielle chez Acme</h2><div><span>Paris</span></div></section></main>"#;
    let (p, sources) = profile(&guest_page(card), CAMILLE);
    assert_eq!(p.facts.name.as_deref(), Some("Camille Martin"));
    assert_eq!(sources.identity, Some(Source::JsonLd));
    assert_eq!(
        p.facts.headline.as_deref(),
        Some("Ingénieure logicielle chez Acme")
    );
    assert_eq!(p.facts.location.as_deref(), Some("Paris"));
    assert_eq!(p.facts.current_company.as_deref(), Some("Acme"));
}

// proves P4: a guest page whose canonical link is another profile is not read for the URL.
#[test]
fn guest_page_of_another_canonical_is_unreadable() {
    let html = guest_page("<main></main>");
    let url = "https://www.linkedin.com/in/paul-autre/";
    assert!(matches!(
        read(&html, url).0,
        PageRead::UnreadableProfile { .. }
    ));
}

const VIEWER: &str = "ACoAAVieWeR000000000000000000000000000004";
const SUBJECT: &str = "ACoAAJoNaS000000000000000000000000000007";

/// A page saved before the app rendered: the viewer's "/me" record comes first.
fn pre_render_page(url_person: &str) -> String {
    format!(
        r#"<html><body><div id="app-shell"></div>
        <script type="application/json" id="bpr-1">{{"data":{{"*miniProfile":"urn:li:fs_miniProfile:{VIEWER}","$type":"com.linkedin.voyager.common.Me"}},
          "included":[{{"entityUrn":"urn:li:fs_miniProfile:{VIEWER}","publicIdentifier":"vera-viewer","firstName":"Vera","lastName":"Viewer","headline":"Recruiter"}}]}}</script>
        <code style="display:none">{{"included":[
          {{"entityUrn":"urn:li:fsd_profile:{VIEWER}","publicIdentifier":"vera-viewer","firstName":"Vera","lastName":"Viewer","headline":"Recruiter"}},
          {{"entityUrn":"urn:li:fsd_profile:{SUBJECT}","publicIdentifier":"{url_person}","firstName":"Jonas","lastName":"Weber Er/Ihm",
            "headline":"Entwickler bei Beispiel GmbH","locationName":"München, Bayern, Deutschland"}}]}}</code>
        </body></html>"#
    )
}

// proves P4: before the app renders, only the embedded record whose public id is the URL's is
// read — never the viewer's, which comes first.
#[test]
fn pre_render_page_reads_the_urls_record_not_the_viewers() {
    let (p, sources) = profile(
        &pre_render_page("jonas-weber"),
        "https://de.linkedin.com/in/jonas-weber/",
    );
    assert_eq!(p.facts.name.as_deref(), Some("Jonas Weber"));
    assert_eq!(
        p.facts.headline.as_deref(),
        Some("Entwickler bei Beispiel GmbH")
    );
    assert_eq!(
        p.facts.location.as_deref(),
        Some("München, Bayern, Deutschland")
    );
    let urn = format!("urn:li:fsd_profile:{SUBJECT}");
    assert_eq!(p.facts.member_urn.as_deref(), Some(urn.as_str()));
    assert_eq!(sources.name, Some(Source::ProfileJson));
}

// proves P4: a pre-render page with no record of the URL's person is unreadable, though it
// holds the viewer's and another person's.
#[test]
fn pre_render_page_without_the_urls_record_is_unreadable() {
    let html = pre_render_page("someone-else");
    let url = "https://www.linkedin.com/in/jonas-weber/";
    assert!(matches!(
        read(&html, url).0,
        PageRead::UnreadableProfile { .. }
    ));
}

// proves P3, P4: the 2018–2022 logged-in design, read by its structure (h1, the line under it,
// the place before "Contact info") and tied to the URL by its embedded record.
#[test]
fn ember_design_read_by_structure_and_json() {
    let html = format!(
        r#"<html><body><code>{{"included":[{{"entityUrn":"urn:li:fs_profile:{SUBJECT}",
          "publicIdentifier":"jonas-weber","firstName":"Jonas","lastName":"Weber"}}]}}</code>
        <main><section id="ember42"><div><div>
          <ul><li><h1>Jonas Weber</h1></li><li><span>Er/Ihm</span></li>
              <li><span aria-hidden="true">· 2.</span><span>Kontakt 2. Grades</span></li></ul>
          <h2>Entwickler bei Beispiel GmbH</h2>
          <ul><li>München, Bayern, Deutschland</li>
              <li><a href="/in/jonas-weber/detail/contact-info/">Kontaktinfo</a></li></ul>
        </div></div></section></main></body></html>"#
    );
    let url = "https://www.linkedin.com/in/jonas-weber/";
    let (_, sources) = profile(&html, url);
    assert_eq!(sources.identity, Some(Source::ProfileSubPageLink));
    // Without the contact link's address, the embedded record at the URL's id ties the card.
    let html = html.replace("/in/jonas-weber/detail/contact-info/", "#");
    let (p, sources) = profile(&html, url);
    assert_eq!(p.facts.name.as_deref(), Some("Jonas Weber"));
    assert_eq!(
        p.facts.headline.as_deref(),
        Some("Entwickler bei Beispiel GmbH")
    );
    assert_eq!(
        p.facts.location.as_deref(),
        Some("München, Bayern, Deutschland")
    );
    assert_eq!(sources.identity, Some(Source::ProfileJson));
}

// proves P3, L2: labels read into the name heading — degree, presence, verification,
// pronouns — in several languages, are never part of the name or the headline.
#[test]
fn label_polluted_names_in_several_languages() {
    let cases = [
        (
            "Ada Lovelace",
            "<span>She/Her</span> <span>· 2nd</span>",
            "Status is offline",
        ),
        (
            "Jean Dupont",
            "<span>• Relation de 2e niveau</span>",
            "Il/Lui",
        ),
        (
            "Lucía Pérez",
            "<span>Verificada</span> <span>· 3er</span>",
            "Ella/Ella",
        ),
        ("Jonas Weber", "<span>Er/Ihm</span>", "Verifiziert"),
    ];
    for (name, glued, line) in cases {
        let html = format!(
            r#"<html><head><meta property="og:url" content="https://www.linkedin.com/in/the-person">
            <meta property="og:title" content="{name} | LinkedIn"></head><body><main><section>
            <h1>{name} {glued}</h1><p>{line}</p><p>Engineer at Acme</p></section></main></body></html>"#
        );
        let (p, _) = profile(&html, "https://www.linkedin.com/in/the-person/");
        assert_eq!(p.facts.name.as_deref(), Some(name), "{glued}");
        assert_eq!(
            p.facts.headline.as_deref(),
            Some("Engineer at Acme"),
            "{line}"
        );
    }
}

// proves P4: the 2019–2021 design names the person in a list item above the `h2` headline; the
// embedded record at the URL's id vouches for that line, and the h2 stays the headline.
#[test]
fn ember_name_in_a_list_item_vouched_for_by_the_record() {
    let html = format!(
        r##"<html><body><code>{{"included":[{{"entityUrn":"urn:li:fs_miniProfile:{SUBJECT}",
          "publicIdentifier":"jonas-weber","firstName":"Jonas","lastName":"Weber"}}]}}</code>
        <main><section><div>
          <ul><li>Jonas Weber</li><li><span>· 2nd</span></li></ul>
          <h2>Entwickler bei Beispiel GmbH</h2>
          <ul><li>München, Bayern, Deutschland</li><li><a href="#">Kontaktinfo</a></li></ul>
        </div></section></main></body></html>"##
    );
    let (p, sources) = profile(&html, "https://www.linkedin.com/in/jonas-weber/");
    assert_eq!(p.facts.name.as_deref(), Some("Jonas Weber"));
    assert_eq!(
        p.facts.headline.as_deref(),
        Some("Entwickler bei Beispiel GmbH")
    );
    assert_eq!(sources.identity, Some(Source::ProfileJson));
    // Without a record at the URL's id, nothing vouches for any line: unreadable.
    let other = html.replace("jonas-weber", "someone-else");
    assert!(matches!(
        read(&other, "https://www.linkedin.com/in/jonas-weber/").0,
        PageRead::UnreadableProfile { .. }
    ));
}

// proves P3: the viewer's own page saved before the app rendered is their own profile.
#[test]
fn pre_render_page_of_the_viewer_is_their_own() {
    let html = pre_render_page("jonas-weber");
    let (p, sources) = profile(&html, "https://www.linkedin.com/in/vera-viewer/");
    assert_eq!(p.facts.name.as_deref(), Some("Vera Viewer"));
    assert!(p.own);
    assert_eq!(sources.own, Some(Source::ViewerJson));
    let (jonas, _) = profile(&html, "https://www.linkedin.com/in/jonas-weber/");
    assert!(!jonas.own);
}
