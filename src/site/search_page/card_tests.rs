//! Cards of the designs and languages the fixtures do not show: the 2025-12 server-driven shape
//! (written here after the real capture's structure, with other people and words), labels in the
//! site's languages, missing fields, placeholders, the viewer, designs without any hook.

use super::*;
use crate::profile::Visibility;
use crate::site::profile_page::explain::Source;
use crate::site::scraper_dom::{ScraperDom, ScraperNode};

fn read(html: &str) -> (ScraperDom, SearchResults<ScraperNode>) {
    let dom = ScraperDom::parse(html);
    let results = read_search(&dom);
    (dom, results)
}

fn page(cards: &str) -> String {
    format!(r#"<main><div role="list">{cards}</div></main>"#)
}

/// A card shaped like the 2025-12 design: one `componentkey` on the item and on each link to the
/// person (overlay, photo, overlay, name), name and degree in one paragraph, then the lines, an
/// insight and a sentence naming mutual connections.
fn sdui(slug: &str, name: &str, degree: &str, lines: &[&str], mutuals: &str) -> String {
    let key = format!("k-{slug}");
    let href = format!("https://www.linkedin.com/in/{slug}/");
    let overlay = format!(r#"<a componentkey="{key}" href="{href}" tabindex="0"></a>"#);
    let lines: String = lines.iter().map(|l| format!("<p>{l}</p>")).collect();
    format!(
        r##"<div data-view-name="people-search-result">{overlay}<div componentkey="{key}" role="listitem">{overlay}<div>
        <a componentkey="{key}" href="{href}"><figure aria-label="{name}" data-view-name="image"></figure></a>
        <div>{overlay}<p componentkey="p-{key}">{overlay}<a data-view-name="search-result-lockup-title" href="{href}">{name}</a><span> </span><a href="#"><span><span></span></span></a><span><span> {degree}</span></span></p>{lines}</div>
        <div data-view-name="relationship-building-button"><div componentkey="b-{key}"></div></div></div>
        <p>Current: Engineer at <strong>Acme</strong></p>
        <div componentkey="m-{key}"><p>{mutuals}</p></div></div></div><hr role="presentation"/>"##
    )
}

fn mutual(slug: &str, name: &str) -> String {
    format!(
        r#"<a data-view-name="search-result-social-proof-insight" href="https://www.linkedin.com/in/{slug}/"><strong>{name}</strong></a>"#
    )
}

/// The profile keys of the cards read from `html`, in order.
fn card_ids(html: &str) -> Vec<String> {
    read(html)
        .1
        .cards
        .iter()
        .map(|c| c.profile.key.to_string())
        .collect()
}

fn only(results: &SearchResults<ScraperNode>) -> &SearchCard<ScraperNode> {
    assert_eq!(results.cards.len(), 1, "{:#?}", results.cards);
    results.cards.first().unwrap()
}

// proves P3, P4: a 2025-12 card in French: one card for the person's four links, the name
// without "• 2e", headline and location, the insight and mutual connections left out, the
// public id percent-decoded; the mutual connection is never a card.
#[test]
fn server_driven_card_in_french() {
    let mutuals = format!(
        "{} et {} sont des relations en commun",
        mutual("biru-bist", "Biru Bist"),
        mutual("joy-keren", "Joy Keren")
    );
    let html = page(&sdui(
        "j%C3%A9r%C3%B4me-durand",
        "Jérôme Durand",
        "• 2e",
        &[
            "Ingénieur logiciel chez Exemple",
            "Lyon, Auvergne-Rhône-Alpes, France",
        ],
        &mutuals,
    ));
    let (dom, results) = read(&html);
    let card = only(&results);
    let facts = &card.profile.facts;
    assert_eq!(card.profile.key.to_string(), "jérôme-durand");
    assert_eq!(facts.name.as_deref(), Some("Jérôme Durand"));
    assert_eq!(facts.degree, Some(2));
    assert_eq!(
        facts.headline.as_deref(),
        Some("Ingénieur logiciel chez Exemple")
    );
    assert_eq!(
        facts.location.as_deref(),
        Some("Lyon, Auvergne-Rhône-Alpes, France")
    );
    assert_eq!(card.sources.location, Some(Source::SearchCardPlace));
    assert_eq!(dom.text(&card.anchor), "Jérôme Durand");
    for strategy in [
        CardStrategy::ListItem,
        CardStrategy::ComponentKey,
        CardStrategy::ViewName,
    ] {
        assert!(card.found_by.contains(&strategy), "{:?}", card.found_by);
    }
    assert!(card.dropped.iter().any(|d| d == "• 2e"));
}

// proves P3, L2: degree labels of every language the site offers, glued inside the name link
// (2018 shape) or beside it, never join the name; presence on the photo never becomes one.
#[test]
fn labels_in_the_sites_languages_never_join_the_name() {
    let labels = [
        ("2nd degree connection", "2nd", "Status is offline", 2),
        ("Relation de 2e niveau", "2e", "Statut : hors ligne", 2),
        ("Kontakt 3. Grades", "3.+", "Status: offline", 3),
        ("Contacto de 2.º grado", "2.º", "Estado: desconectado", 2),
        ("Conexão de 2º grau", "2º", "Status: offline", 2),
        ("2e-graads connectie", "2e", "Status: offline", 2),
        ("Collegamento di 3° grado", "3°+", "Stato: non in linea", 3),
    ];
    for (twin, short, presence, degree) in labels {
        let html = page(&format!(
            r#"<li><a href="/in/ACoAAB1234567890abcdefGHIJKLmnopQRSTuv/"><figure><img alt="Ana Lima"></figure><span>{presence}</span></a>
            <div><a href="/in/ACoAAB1234567890abcdefGHIJKLmnopQRSTuv/"><h3><span><span>Ana Lima</span><span><span>{twin}</span><span>{short}</span></span></span></h3></a>
            <p>Engenheira de dados na Exemplo</p><p>Lisboa, Portugal</p></div></li>"#
        ));
        let (_, results) = read(&html);
        let card = only(&results);
        assert_eq!(
            card.profile.facts.name.as_deref(),
            Some("Ana Lima"),
            "{twin}"
        );
        assert_eq!(card.profile.facts.degree, Some(degree), "{twin}");
        assert_eq!(
            card.profile.facts.location.as_deref(),
            Some("Lisboa, Portugal")
        );
        assert!(card.dropped.iter().any(|d| d == presence), "{presence}");
    }
}

// proves P3: a screen-reader twin in another language ("Profil von … anzeigen") beside the name,
// and a verification label, are not the name.
#[test]
fn view_profile_twins_and_verification_in_any_language() {
    for twin in [
        "Profil von Lena Schmidt anzeigen",
        "Voir le profil de Lena Schmidt",
        "Bekijk het profiel van Lena Schmidt",
    ] {
        let html = page(&format!(
            r#"<li><a href="/in/lena-schmidt/"><span>Lena Schmidt</span><span>{twin}</span><span>Verifiziert</span></a>
            <p>Leiterin Vertrieb bei Beispiel GmbH</p><p>Berlin und Umgebung</p></li>"#
        ));
        let (_, results) = read(&html);
        let card = only(&results);
        assert_eq!(card.profile.facts.name.as_deref(), Some("Lena Schmidt"));
        assert_eq!(
            card.profile.facts.location.as_deref(),
            Some("Berlin und Umgebung")
        );
    }
}

// proves P3: fields are told apart by what they are: a card without a headline keeps its
// location as the location, one without a location keeps its headline, and a lone line that
// could be either is left out rather than guessed.
#[test]
fn a_missing_field_never_shifts_the_others() {
    let card = |slug: &str, lines: &[&str]| sdui(slug, "Kari Nordmann", "• 3rd+", lines, "");
    let html = page(
        &[
            card("no-headline", &["Oslo, Norway"]),
            card("no-location", &["Product Manager at Fabrikam"]),
            card("either", &["Berlin"]),
            card("both", &["Data Analyst", "Greater Seattle Area"]),
        ]
        .concat(),
    );
    let (_, results) = read(&html);
    let fields = |slug: &str| {
        let card = results
            .cards
            .iter()
            .find(|c| c.profile.key.to_string() == slug)
            .unwrap();
        let f = &card.profile.facts;
        (f.headline.clone(), f.location.clone(), f.degree)
    };
    assert_eq!(
        fields("no-headline"),
        (None, Some("Oslo, Norway".into()), Some(3))
    );
    assert_eq!(
        fields("no-location"),
        (Some("Product Manager at Fabrikam".into()), None, Some(3))
    );
    assert_eq!(fields("either"), (None, None, Some(3)));
    assert_eq!(
        fields("both"),
        (
            Some("Data Analyst".into()),
            Some("Greater Seattle Area".into()),
            Some(3)
        )
    );
}

// proves P1, P3: "LinkedIn Member" in any language gets a card only with an id, and never a
// name; without a link, its mutual connections are not read as the card.
#[test]
fn linkedin_members_in_any_language() {
    let html = page(&format!(
        r#"<li><a href="/in/ACoAADL1m1tEdMeMbEr000000000000000003/"><span aria-hidden="true">Membre de LinkedIn</span></a><p>Consultant</p><p>Paris</p></li>
        <li><span>LinkedIn-Mitglied</span><p>Berater</p><p>München, Bayern, Deutschland</p><p>{} ist ein gemeinsamer Kontakt</p></li>
        <li><div><span>Miembro de LinkedIn</span></div><ul><li>{}</li></ul></li>"#,
        mutual("biru-bist", "Biru Bist"),
        mutual("joy-keren", "Joy Keren")
    ));
    let (_, results) = read(&html);
    let card = only(&results);
    assert_eq!(card.profile.visibility, Visibility::Limited);
    assert_eq!(card.profile.facts.name, None);
    assert_eq!(
        card.profile.facts.member_urn.as_deref(),
        Some("urn:li:fsd_profile:ACoAADL1m1tEdMeMbEr000000000000000003")
    );
}

// proves P4: lazily rendered placeholders (empty items) are skipped, and a person's list of
// mutual connections inside the card is part of it, never cards of their own.
#[test]
fn placeholders_and_mutual_lists_are_not_cards() {
    let html = page(&format!(
        r#"<li></li><li><div></div></li>
        <li><a href="/in/kari/">Kari Nordmann</a><p>Engineer at Acme</p><p>Oslo, Norway</p>
          <ul><li>{}</li><li>{}</li></ul></li><li></li>"#,
        mutual("biru-bist", "Biru Bist"),
        mutual("joy-keren", "Joy Keren")
    ));
    let (_, results) = read(&html);
    let card = only(&results);
    assert_eq!(card.profile.facts.name.as_deref(), Some("Kari Nordmann"));
}

// proves P3: the viewer, whom the page's own navigation links to, is never a result card.
#[test]
fn the_viewers_own_card_is_not_a_result() {
    let html = format!(
        r#"<header><nav><a href="/in/riley-recruiter/">Me</a></nav></header>{}"#,
        page(
            &[
                sdui(
                    "riley-recruiter",
                    "Riley Recruiter",
                    "",
                    &["Recruiter", "Oslo, Norway"],
                    ""
                ),
                sdui(
                    "kari",
                    "Kari Nordmann",
                    "• 2nd",
                    &["Engineer", "Oslo, Norway"],
                    ""
                ),
            ]
            .concat()
        )
    );
    let (_, results) = read(&html);
    assert_eq!(only(&results).profile.key.to_string(), "kari");
}

// proves P4: with every structural hook gone (no list roles, no componentkey, no view names,
// no list items), the region around each person's links is still read, mutual connections
// still left out.
#[test]
fn a_design_without_hooks_is_read_by_its_links() {
    let strip = |html: String| {
        html.replace("role=\"listitem\"", "")
            .replace("data-view-name=", "data-x=")
            .replace("componentkey=", "data-y=")
    };
    let mutuals = format!(
        "{} is a mutual connection",
        mutual("biru-bist", "Biru Bist")
    );
    let html = strip(page(
        &[
            sdui(
                "kari",
                "Kari Nordmann",
                "• 2nd",
                &["Engineer at Acme", "Oslo, Norway"],
                &mutuals,
            ),
            sdui(
                "ola",
                "Ola Nordmann",
                "• 3rd+",
                &["Designer", "Bergen, Norway"],
                &mutuals,
            ),
        ]
        .concat(),
    ));
    let (_, results) = read(&html);
    let keys: Vec<String> = results
        .cards
        .iter()
        .map(|c| c.profile.key.to_string())
        .collect();
    assert_eq!(keys, vec!["kari", "ola"]);
    assert!(
        results
            .cards
            .iter()
            .all(|c| c.found_by == vec![CardStrategy::LinkGroup])
    );
    assert_eq!(
        results
            .cards
            .first()
            .unwrap()
            .profile
            .facts
            .headline
            .as_deref(),
        Some("Engineer at Acme")
    );
}

// `tb page --explain` on a search page: each card says which strategies found it and which
// labels were taken out of it.
#[test]
fn explain_names_strategies_and_dropped_labels() {
    use crate::site::profile_page::inspect::page_report;
    let html = page(&sdui(
        "kari",
        "Kari Nordmann",
        "• 2nd",
        &["Engineer", "Oslo, Norway"],
        "",
    ));
    let report = page_report(
        &html,
        "https://www.linkedin.com/search/results/people/",
        true,
    );
    let explain = &report["cards"][0]["explain"];
    assert_eq!(
        explain["found_by"],
        serde_json::json!(["list_item", "component_key", "view_name"])
    );
    assert!(
        explain["dropped"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d == "• 2nd")
    );
    assert_eq!(explain["location"]["strategy"], "search_card_place");
}

// proves P4: a link to someone else above the card's own picture and name makes the card
// ambiguous: nothing is read rather than the wrong person.
#[test]
fn another_persons_link_above_the_name_makes_the_card_ambiguous() {
    let html = page(
        r#"<li><p><a href="/in/bea-other/">Bea Other</a></p><a href="/in/kari/"><img alt="Kari Nordmann"></a>
        <a href="/in/kari/">Kari Nordmann</a><p>Engineer at Acme</p><p>Oslo, Norway</p></li>"#,
    );
    let (_, results) = read(&html);
    assert!(results.cards.is_empty(), "{:#?}", results.cards);
}

// proves P1, P3: a "LinkedIn Member" whose name is plain text but whose picture and overlay
// links carry a member id gets a card by that id, without a name.
#[test]
fn a_linkedin_member_named_outside_its_links_keeps_its_id() {
    let html = page(
        r#"<div role="listitem"><a href="/in/ACoAADL1m1tEdMeMbEr000000000000000003/"></a>
        <a href="/in/ACoAADL1m1tEdMeMbEr000000000000000003/"><figure aria-label="LinkedIn Member"></figure></a>
        <p>LinkedIn Member<span> • 3rd+</span></p><p>Consultant</p><p>Lisbon, Portugal</p></div>"#,
    );
    let (_, results) = read(&html);
    let card = only(&results);
    assert_eq!(card.profile.visibility, Visibility::Limited);
    assert_eq!(card.profile.facts.name, None);
    assert_eq!(card.profile.facts.headline, None);
    assert_eq!(
        card.profile.key.to_string(),
        "ACoAADL1m1tEdMeMbEr000000000000000003"
    );
}

// proves P4: a side rail of people is chrome however its role is spelled, and a role that only
// names a chrome role among others is not chrome (the rule the one-selector climb keeps, issue
// #20): its cards are read.
#[test]
fn chrome_roles_in_any_spelling() {
    let card = |slug: &str, name: &str| {
        format!(
            r#"<li><a href="https://www.linkedin.com/in/{slug}/"><span>{name}</span></a><p>Engineer at Acme</p><p>London</p></li>"#
        )
    };
    let html = format!(
        r#"<main><ul>{}</ul><div role=" Complementary "><ul>{}</ul></div><section role="navigation region"><ul>{}</ul></section></main>"#,
        card("ada-lovelace", "Ada Lovelace"),
        card("alan-turing", "Alan Turing"),
        card("grace-hopper", "Grace Hopper"),
    );
    let ids = card_ids(&html);
    assert_eq!(ids, ["ada-lovelace", "grace-hopper"]);
}

// proves issue #20, B4: the candidates are found by one selector per strategy, a superset of
// what each strategy's exact rule accepts; a list item's role in another case or with spaces
// around is still a list item (the old `[role="listitem"]` scan missed it), a role list that
// also names something else is not.
#[test]
fn list_item_roles_in_any_spelling() {
    let card = |role: &str, slug: &str, name: &str| {
        format!(
            r#"<div role="{role}"><a href="https://www.linkedin.com/in/{slug}/"><span>{name}</span></a><p>Engineer at Acme</p><p>London</p></div>"#
        )
    };
    let html = format!(
        r#"<main><div role="list">{}{}{}</div></main>"#,
        card(" ListItem ", "ada-lovelace", "Ada Lovelace"),
        card("listitem", "alan-turing", "Alan Turing"),
        card("listitem option", "grace-hopper", "Grace Hopper"),
    );
    let ids = card_ids(&html);
    assert_eq!(ids, ["ada-lovelace", "alan-turing"]);
}
