//! `--lang fr|de` (issue #21, PRODUCT.md L2): the site's own interface text in French and
//! German as the real site shows it, no English interface string left, people's data as it is,
//! and the extension's reader still reading the pages right.

// Test helpers outside #[test] fns: a failed unwrap is a failed test here.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::*;
use scraper::Html;
use std::sync::Arc;
use talent_bridge::pdf::parse_profile_pdf;
use talent_bridge::site::profile_page::inspect::page_report;
use talent_bridge_site::lang::{ENGLISH, Lang};
use talent_bridge_site::{Design, Site, SiteConfig};

fn site_in(lang: Lang, design: Design) -> Arc<Site> {
    Site::new(SiteConfig {
        lang,
        design,
        ..SiteConfig::default()
    })
    .unwrap()
}

/// Profiles of every kind (2nd and 1st degree with contact info, 3rd, limited, own) and the
/// search page with its "more" batch.
const PAGES: &[&str] = &[
    "/in/ada-lovelace/",
    "/in/grace-hopper/overlay/contact-info/",
    "/in/alan-turing/",
    "/in/limited-member/",
    "/in/riley-recruiter/edit/intro/",
    "/search/results/people/?keywords=&count=25",
    "/search/results/people/more?keywords=&start=25&count=10",
];

/// The texts a page shows or speaks: every text node and every `aria-label`, `placeholder`
/// and `title`, whitespace collapsed.
fn interface_texts(html: &Html) -> Vec<String> {
    let collapse = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: Vec<String> = html
        .root_element()
        .descendants()
        .filter_map(|n| n.value().as_text().map(|t| collapse(t)))
        .filter(|t| !t.is_empty())
        .collect();
    for el in html.select(&sel("[aria-label], [placeholder]")) {
        for attr in ["aria-label", "placeholder"] {
            out.extend(el.value().attr(attr).map(collapse));
        }
    }
    out
}

/// `template` ("Invite {name} to connect") as a test on a whole text.
fn matches(template: &str, text: &str) -> bool {
    let parts: Vec<&str> = template
        .split('{')
        .map(|p| p.split_once('}').map_or(p, |(_, rest)| rest))
        .collect();
    if parts.len() == 1 {
        return text == template;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    text.starts_with(first)
        && text.ends_with(last)
        && text.len() > first.len() + last.len()
        && parts[1..parts.len() - 1].iter().all(|p| text.contains(p))
}

/// English pieces that sit inside longer texts (dates, degrees, counts).
const ENGLISH_INSIDE: &[&str] = &[
    "Present",
    " yrs",
    " mos",
    "· 1st",
    "· 2nd",
    "· 3rd",
    "• 2nd",
    "• 3rd",
    "degree connection",
    "Status is ",
    "LinkedIn Member",
    " followers",
    "mutual connection",
    "Current:",
    "results",
];

async fn texts_of(site: &Arc<Site>, path: &str) -> Vec<String> {
    let browser = signed_in(site).await;
    let reply = request(site, "GET", path, &[("cookie", &browser.cookie)]).await;
    assert_eq!(reply.status, 200, "{path}");
    interface_texts(&Html::parse_document(&reply.body))
}

// proves L2 (fixture side): in French and German not one English interface string is left,
// in any design's profile, contact dialog or search.
#[tokio::test]
async fn french_and_german_pages_carry_no_english_interface_string() {
    for lang in [Lang::Fr, Lang::De] {
        let english = ENGLISH.all();
        let ours = lang.words().all();
        assert_eq!(english.len(), ours.len());
        // Words the language shares with English ("Message", "Pagination") are not English;
        // only those may be the same in both tables.
        let shared: &[&str] = match lang {
            Lang::Fr => &["Message", "Mobile", "Pagination", "Page {n}"],
            _ => &["Jobs", "Website"],
        };
        let (same, differ): (Vec<_>, Vec<_>) = english.iter().zip(&ours).partition(|(e, o)| e == o);
        for (e, _) in same {
            assert!(shared.contains(e), "{lang:?}: {e:?} left in English");
        }
        let foreign: Vec<&str> = differ.into_iter().map(|(e, _)| *e).collect();
        for design in [Design::Current, Design::Hashed2025, Design::MemberId2018] {
            let site = site_in(lang, design);
            for path in PAGES {
                for text in texts_of(&site, path).await {
                    let found = foreign.iter().find(|e| matches(e, &text));
                    assert!(found.is_none(), "{lang:?} {design:?} {path}: {text:?}");
                    let inside = ENGLISH_INSIDE.iter().find(|e| text.contains(*e));
                    assert!(inside.is_none(), "{lang:?} {design:?} {path}: {text:?}");
                }
            }
        }
    }
}

// proves L2 (fixture side): the labels are the real site's French and German ones.
#[tokio::test]
async fn french_and_german_pages_carry_the_sites_own_words() {
    let cases: [(Lang, &[&str]); 2] = [
        (
            Lang::Fr,
            &[
                "· 2e",
                "Coordonnées",
                "Membre de LinkedIn",
                "Plus",
                "Plus d’actions",
                "Enregistrer au format PDF",
                "Se connecter",
                "Invitez Ada Lovelace à rejoindre votre réseau",
                "Expérience",
                "Formation",
                "Compétences",
                "Infos",
                // A narrow no-break space between the thousands (collapsed here).
                "18 342 abonnés · 500+ relations",
                "Afficher plus de résultats",
                "Page 2",
                "Le statut est : hors ligne",
                " • 2e",
                " • 3e et +",
                "Relation de 2e niveau",
            ],
        ),
        (
            Lang::De,
            &[
                "· 2.",
                "Kontaktinfo",
                "LinkedIn-Mitglied",
                "Mehr",
                "Weitere Aktionen",
                "Als PDF speichern",
                "Vernetzen",
                "Nachricht",
                "18.342 Follower:innen · 500+ Kontakte",
                "Berufserfahrung",
                "Ausbildung",
                "Kenntnisse",
                "Info",
                "Weitere Ergebnisse anzeigen",
                "Seite 2",
                "Status ist offline",
                " • 2.",
                " • 3.+",
                "Kontakt 2. Grades",
            ],
        ),
    ];
    let everyone = current().search("").len();
    for (lang, words) in cases {
        let count = match lang {
            Lang::Fr => format!("Environ {everyone} résultats"),
            _ => format!("Ungefähr {everyone} Ergebnisse"),
        };
        let mut texts = vec![];
        for design in [Design::Current, Design::Hashed2025] {
            let site = site_in(lang, design);
            for path in PAGES {
                texts.extend(texts_of(&site, path).await);
            }
        }
        for word in words {
            assert!(
                texts.iter().any(|t| t == word.trim() || t == *word),
                "{lang:?}: {word:?} missing"
            );
        }
        assert!(texts.contains(&count), "{lang:?}: {count:?} missing");
        // People's data stays as it is.
        assert!(texts.iter().any(|t| t == "Ada Lovelace"));
        assert!(texts.iter().any(|t| t == "London, England, United Kingdom"));
    }
}

// proves L2, P3: the extension's reader reads the French and German pages as the English ones.
#[tokio::test]
async fn the_reader_reads_french_and_german_pages_as_the_english_ones() {
    let english = site_in(Lang::En, Design::Current);
    for lang in [Lang::Fr, Lang::De] {
        let site = site_in(lang, Design::Current);
        for path in [
            "/in/ada-lovelace/",
            "/in/grace-hopper/",
            "/in/alan-turing/",
            "/in/limited-member/",
            "/in/riley-recruiter/",
            "/search/results/people/?keywords=&count=25",
        ] {
            let url = format!("https://www.linkedin.com{path}");
            let ours = page_report(&get(&site, path).await.body, &url, false);
            let theirs = page_report(&get(&english, path).await.body, &url, false);
            assert_eq!(ours, theirs, "{lang:?} {path}");
        }
    }
}

// proves L2, E3: "Save to PDF" on the French and German site gives the PDF in that language
// (headings, months, proficiency), and the extension's parser reads from it what it reads from
// the English one, the start dates of running positions in the PDF's own words.
#[tokio::test]
async fn french_and_german_sites_save_pdfs_in_their_language_that_read_as_the_english() {
    let english = site_in(Lang::En, Design::Current);
    for (lang, heading, months) in [
        (Lang::Fr, "Expérience", ["mars", "novembre", "avril"]),
        (Lang::De, "Berufserfahrung", ["März", "November", "April"]),
    ] {
        let site = site_in(lang, Design::Current);
        for (id, month) in ["ada-lovelace", "grace-hopper", "jürgen-müller"]
            .into_iter()
            .zip(months)
        {
            let ours = site.profile_pdf(id).unwrap();
            let latin1: Vec<u8> = heading.chars().map(|c| c as u8).collect();
            assert!(
                ours.windows(latin1.len()).any(|w| w == latin1.as_slice()),
                "{lang:?} {id}: no {heading}"
            );
            let read = parse_profile_pdf(&ours).unwrap();
            let mut want = parse_profile_pdf(&english.profile_pdf(id).unwrap()).unwrap();
            assert_ne!(read.languages, want.languages, "{lang:?} {id}: proficiency");
            assert_eq!(read.current_positions.len(), 1, "{lang:?} {id}");
            let since = read.current_positions[0].since.clone().unwrap_or_default();
            assert!(since.starts_with(month), "{lang:?} {id}: {since}");
            // Apart from the words of the interface, the same profile.
            want.languages = read.languages.clone();
            want.current_positions[0].since = Some(since);
            assert_eq!(read, want, "{lang:?} {id}");
        }
    }
}
