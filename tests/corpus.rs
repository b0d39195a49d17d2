//! Profile pages read end to end, through the same code path as `tb page`: the real pages of
//! `../shared/corpus` against their `EXPECTED.json`, and the small pages of
//! `tests/fixtures/pages` written for the cases the corpus lacks (own, limited, private, …).

// Test code: a missing file or a malformed expectation is a failed test, so helpers may unwrap
// and index like the tests themselves (clippy's in-test allowances do not reach helpers).
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use talent_bridge::case;
use talent_bridge::site::profile_page::inspect::page_report;
use talent_bridge::site::scraper_dom::ScraperDom;
use talent_bridge::site::{PageRead, dom::Dom, read_page};

const FIELDS: &[&str] = &[
    "kind",
    "visibility",
    "name",
    "headline",
    "location",
    "current_company",
    "public_id",
    "member_urn",
];

fn corpus_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.join("EXPECTED.json").is_file() {
        return Some(dir);
    }
    eprintln!(
        "SKIPPED: {} is absent; the real-page corpus tests did not run",
        dir.display()
    );
    None
}

struct CorpusPage {
    file: String,
    url: String,
    expected: Value,
    html: String,
}

fn corpus_pages(dir: &Path) -> Vec<CorpusPage> {
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("EXPECTED.json")).unwrap()).unwrap();
    expected["html"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| {
            let file = entry["file"].as_str().unwrap().to_string();
            let html =
                String::from_utf8_lossy(&std::fs::read(dir.join(&file)).unwrap()).into_owned();
            CorpusPage {
                url: entry["url"].as_str().unwrap().to_string(),
                expected: entry.clone(),
                html,
                file,
            }
        })
        .collect()
}

/// Every listed field equals the expected value (null: must be absent).
fn mismatches(file: &str, report: &Value, expected: &Value) -> Vec<String> {
    FIELDS
        .iter()
        .filter(|f| expected.get(**f).is_some() && report[**f] != expected[**f])
        .map(|f| format!("{file}: {f} = {} but expected {}", report[*f], expected[*f]))
        .collect()
}

// proves P3, P4: every real page of the corpus (2022, 2024, 2026 designs and a private page)
// reads exactly as EXPECTED.json says.
#[test]
fn corpus_pages_read_as_expected() {
    let Some(dir) = corpus_dir() else { return };
    let pages = corpus_pages(&dir);
    assert!(!pages.is_empty());
    let mut failures = Vec::new();
    for page in &pages {
        let report = page_report(&page.html, &page.url, false);
        assert!(
            report.get("unreadable").is_none(),
            "{}: {report}",
            page.file
        );
        failures.extend(mismatches(&page.file, &report, &page.expected));
    }
    let read = pages.len()
        - failures
            .iter()
            .map(|f| f.split(':').next())
            .collect::<BTreeSet<_>>()
            .len();
    eprintln!("corpus: {read}/{} pages read as expected", pages.len());
    assert!(failures.is_empty(), "{failures:#?}");
}

/// The ids of everyone a page mentions: member ids (`ACoAA…`) and `publicIdentifier`s.
fn ids_on_page(html: &str) -> BTreeSet<String> {
    let is_id_char = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    let take_id = |rest: &str| {
        rest.chars()
            .take_while(|c| is_id_char(*c))
            .collect::<String>()
    };
    let mut ids = BTreeSet::new();
    for (at, _) in html.match_indices("ACoAA") {
        ids.insert(take_id(&html[at..]));
    }
    for quote in [
        "\"publicIdentifier\":\"",
        "&quot;publicIdentifier&quot;:&quot;",
    ] {
        for (at, _) in html.match_indices(quote) {
            ids.insert(case::lower(&take_id(&html[at + quote.len()..])));
        }
    }
    ids.retain(|id| id.len() > 3);
    ids
}

fn strings_in(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| strings_in(v, out)),
        Value::Object(map) => map.values().for_each(|v| strings_in(v, out)),
        _ => {}
    }
}

// proves P4: no value read from a corpus page carries the id of anyone but its subject — not
// the viewer whose "/me" record the page embeds, not search results, not mutual connections.
#[test]
fn corpus_never_reports_another_persons_id() {
    let Some(dir) = corpus_dir() else { return };
    for page in corpus_pages(&dir) {
        let subject: Vec<String> = [&page.expected["public_id"], &page.expected["member_urn"]]
            .iter()
            .filter_map(|v| v.as_str())
            .map(|v| case::lower(v.rsplit(':').next().unwrap_or(v)))
            .collect();
        let others: BTreeSet<String> = ids_on_page(&page.html)
            .into_iter()
            .filter(|id| !subject.contains(&case::lower(id)))
            .collect();
        let mut values = Vec::new();
        strings_in(&page_report(&page.html, &page.url, true), &mut values);
        for value in values {
            for other in &others {
                assert!(
                    !case::lower(&value).contains(&case::lower(other)),
                    "{}: {value} names {other}",
                    page.file
                );
            }
        }
    }
}

// proves P3, P4: the corpus traps — the pending-invitation 2026 card is 2nd degree, and the
// badge's anchor is the name heading (never the "could not be found" heading's text as a name).
#[test]
fn corpus_traps_degree_and_anchor() {
    let Some(dir) = corpus_dir() else { return };
    for page in corpus_pages(&dir) {
        let dom = ScraperDom::parse(&page.html);
        let PageRead::Profile { profile, anchor } = read_page(&dom, &page.url) else {
            panic!("{}: not read as a profile", page.file);
        };
        if let Some(name) = &profile.facts.name {
            let anchor = anchor.unwrap_or_else(|| panic!("{}: no anchor", page.file));
            assert_eq!(
                talent_bridge::site::profile_page::collapse_ws(&dom.text(&anchor)),
                *name,
                "{}",
                page.file
            );
        }
        if page.file.contains("costa-vasili") {
            assert_eq!(
                profile.facts.degree,
                Some(2),
                "pending invitation: the subject is 2nd degree"
            );
        }
    }
}

struct Fixture {
    file: &'static str,
    url: &'static str,
    expected: Value,
}

fn fixtures() -> Vec<Fixture> {
    vec![
        Fixture {
            file: "public_2026.html",
            url: "https://www.linkedin.com/in/priya-raman-7b/",
            expected: json!({
                "kind": "profile", "visibility": "public", "own": false, "name": "Priya Raman",
                "headline": "Head of Data at Northwind Traders", "location": "Leeds, England, United Kingdom",
                "current_company": "Northwind Traders", "public_id": "priya-raman-7b",
                "member_urn": "urn:li:fsd_profile:ACoAACpR1yaRaMaN0000000000000000000002",
            }),
        },
        Fixture {
            // The same page while the URL already names the next person (P2).
            file: "public_2026.html",
            url: "https://www.linkedin.com/in/next-person/",
            expected: json!({
                "kind": "profile", "visibility": null, "own": false, "name": null, "headline": null,
                "location": null, "current_company": null, "public_id": "next-person", "member_urn": null,
                "unreadable": "other_person",
            }),
        },
        Fixture {
            file: "own_2026.html",
            url: "https://www.linkedin.com/in/jordan-miller-qa/",
            expected: json!({
                "kind": "profile", "visibility": "public", "own": true, "name": "Jordan Miller",
                "headline": "Senior Recruiter at Contoso", "location": "Berlin, Germany", "current_company": "Contoso",
                "public_id": "jordan-miller-qa", "member_urn": "urn:li:fsd_profile:ACoAAB1xTuReOwNpRoFiLe0000000000000001",
            }),
        },
        Fixture {
            file: "limited_2026.html",
            url: "https://www.linkedin.com/in/ACoAADL1m1tEdMeMbEr000000000000000003/",
            expected: json!({
                "kind": "profile", "visibility": "limited", "own": false, "name": null,
                "headline": "Software Developer", "location": null, "current_company": null, "public_id": null,
                "member_urn": "urn:li:fsd_profile:ACoAADL1m1tEdMeMbEr000000000000000003",
            }),
        },
        Fixture {
            file: "private_2026.html",
            url: "https://www.linkedin.com/in/gone-person/",
            expected: json!({
                "kind": "profile", "visibility": "private", "own": false, "name": null, "headline": null,
                "location": null, "current_company": null, "public_id": "gone-person", "member_urn": null,
            }),
        },
        Fixture {
            file: "logged_out_public.html",
            url: "https://es.linkedin.com/in/maria-garcia-fab",
            expected: json!({
                "kind": "profile", "visibility": "public", "own": false, "name": "Maria Garcia",
                "headline": "Product Manager at Fabrikam", "location": "Madrid, Community of Madrid, Spain",
                "current_company": "Fabrikam", "public_id": "maria-garcia-fab", "member_urn": null,
            }),
        },
        Fixture {
            file: "viewer_json_2024.html",
            url: "https://www.linkedin.com/in/eduarda-silva-pt/",
            expected: json!({
                "kind": "profile", "visibility": "public", "own": false, "name": "Eduarda Silva",
                "headline": "Teacher at Escola Nova", "location": "Lisbon, Portugal", "current_company": "Escola Nova",
                "public_id": "eduarda-silva-pt", "member_urn": "urn:li:fsd_profile:ACoAAEdUaRdA5iLvA000000000000000000000005",
            }),
        },
        Fixture {
            // The viewer's record must not vouch for a card that shows someone else (P4).
            file: "viewer_json_2024.html",
            url: "https://www.linkedin.com/in/vera-viewer/",
            expected: json!({
                "kind": "profile", "visibility": null, "own": false, "name": null, "headline": null,
                "location": null, "current_company": null, "public_id": "vera-viewer", "member_urn": null,
                "unreadable": "unconfirmed",
            }),
        },
        Fixture {
            file: "public_2026.html",
            url: "https://www.linkedin.com/feed/",
            expected: json!({
                "kind": "other", "visibility": null, "own": false, "name": null, "headline": null,
                "location": null, "current_company": null, "public_id": null, "member_urn": null,
            }),
        },
    ]
}

fn fixture_html(file: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/pages")
            .join(file),
    )
    .unwrap()
}

// proves P2, P3, P4: own, limited, private, logged-out, 2026-shaped and viewer-JSON pages read
// exactly as expected, every key of the report included.
#[test]
fn fixture_pages_read_as_expected() {
    for fixture in fixtures() {
        let report = page_report(&fixture_html(fixture.file), fixture.url, false);
        assert_eq!(
            report, fixture.expected,
            "{} at {}",
            fixture.file, fixture.url
        );
    }
}

// proves P3: the 2026-shaped fixture's degree is 2nd despite the "· 1st" label, and its title
// follows from "<title> at <company>".
#[test]
fn fixture_degree_and_title() {
    let report = page_report(
        &fixture_html("public_2026.html"),
        "https://www.linkedin.com/in/priya-raman-7b/",
        true,
    );
    assert_eq!(
        report["explain"]["degree"],
        json!({ "strategy": "pending_invitation", "value": 2 })
    );
    assert_eq!(
        report["explain"]["current_title"]["value"],
        json!("Head of Data")
    );
    assert_eq!(
        report["explain"]["member_urn"]["strategy"],
        json!("component_key")
    );
    let own = page_report(
        &fixture_html("own_2026.html"),
        "https://www.linkedin.com/in/jordan-miller-qa/",
        true,
    );
    assert_eq!(own["explain"]["own"]["strategy"], json!("edit_intro_link"));
    assert_eq!(own["explain"]["degree"]["value"], Value::Null);
}

fn tb(args: &[&str]) -> (i32, Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_tb"))
        .args(args)
        .output()
        .unwrap();
    let json = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out.status.code().unwrap_or(-1), json)
}

// The inspector's contract: one JSON object, exit 0 when read, 1 when the file cannot be read,
// 2 on a usage error. (`tb pdf`'s own exit codes are proven in tests/pdf_corpus.rs.)
#[test]
fn tb_page_report_and_exit_codes() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages/public_2026.html");
    let file = file.to_str().unwrap();
    let url = "https://www.linkedin.com/in/priya-raman-7b/";
    let (code, report) = tb(&["page", file, "--url", url]);
    assert_eq!(code, 0);
    assert_eq!(
        report,
        page_report(&fixture_html("public_2026.html"), url, false)
    );
    let (code, report) = tb(&["page", "--explain", file, "--url", url]);
    assert_eq!(code, 0);
    assert!(report["explain"]["name"]["strategy"].is_string());
    assert_eq!(tb(&["page", "/nonexistent/page.html", "--url", url]).0, 1);
    assert_eq!(tb(&["page", file]).0, 2);
    assert_eq!(tb(&["page", file, "--url", url, "--bogus"]).0, 2);
    // An HTML page is not a PDF: unreadable, not a usage error.
    assert_eq!(tb(&["pdf", file]).0, 1);
    assert_eq!(tb(&[]).0, 2);
}
