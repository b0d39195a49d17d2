//! The people-search pages of the real-world corpus (`../shared/corpus`, `search` in
//! EXPECTED.json), read through the same code path as `tb page`: every expected card found,
//! every expected field right, no forbidden name (mutual connections, the viewer), no extra
//! card. Skipped, with a message, in a clone without the corpus.

use crate::corpus;
use crate::site::profile_page::inspect::page_report;
use serde_json::Value;

/// What one page's reading scored.
#[derive(Debug, Default)]
struct Tally {
    right: usize,
    wrong: Vec<String>,
    missing: Vec<String>,
    forbidden: Vec<String>,
    extra: Vec<String>,
}

/// The ids an expected card may be found by: its public id (or any of several), its member id.
fn expected_ids(card: &Value) -> Vec<String> {
    let mut ids: Vec<String> = match card.get("public_id") {
        Some(Value::String(id)) => vec![id.clone()],
        Some(Value::Object(o)) => o
            .get("any_of")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    if let Some(id) = card.pointer("/member_urn/id").and_then(Value::as_str) {
        ids.push(id.to_string());
    }
    ids
}

/// The ids a read card names its person by.
fn read_ids(card: &Value) -> Vec<String> {
    let mut ids = Vec::new();
    if let Some(id) = card.get("public_id").and_then(Value::as_str) {
        ids.push(id.to_string());
    }
    if let Some(urn) = card.get("member_urn").and_then(Value::as_str) {
        ids.push(urn.rsplit(':').next().unwrap_or(urn).to_string());
    }
    ids
}

fn score(entry: &corpus::Entry, html: &str) -> Tally {
    let report = page_report(html, &entry.url, false);
    let read: Vec<Value> = report
        .get("cards")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let expected: Vec<Value> = entry
        .expected
        .get("cards")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut tally = Tally::default();
    let mut matched = vec![false; read.len()];
    for want in &expected {
        let ids = expected_ids(want);
        let name = want.get("name").and_then(Value::as_str).unwrap_or("?");
        let Some(at) = read
            .iter()
            .position(|got| read_ids(got).iter().any(|id| ids.contains(id)))
        else {
            tally.missing.push(format!("card of {name}"));
            continue;
        };
        if let Some(seen) = matched.get_mut(at) {
            *seen = true;
        }
        let Some(got) = read.get(at) else { continue };
        tally.right += 1; // whom the card shows
        if let Some(Value::String(public_id)) = want.get("public_id")
            && got.get("public_id").and_then(Value::as_str) != Some(public_id)
        {
            tally
                .wrong
                .push(format!("{name}: public_id {}", got["public_id"]));
        }
        for field in ["name", "headline", "location"] {
            let (Some(want_value), Some(got_value)) = (want.get(field), got.get(field)) else {
                continue;
            };
            if want_value == got_value {
                tally.right += 1;
            } else if got_value.is_null() {
                tally.missing.push(format!("{name}: {field}"));
            } else {
                tally.wrong.push(format!(
                    "{name}: {field} = {got_value}, expected {want_value}"
                ));
            }
        }
    }
    let forbidden: Vec<&str> = entry
        .expected
        .get("forbidden")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    for (got, seen) in read.iter().zip(&matched) {
        let name = got.get("name").and_then(Value::as_str).unwrap_or_default();
        let values = [name.to_string()].into_iter().chain(read_ids(got));
        for value in values {
            if forbidden.iter().any(|f| f.eq_ignore_ascii_case(&value)) {
                tally.forbidden.push(value);
            }
        }
        if !seen {
            tally
                .extra
                .push(format!("{} ({name})", read_ids(got).join("/")));
        }
    }
    tally
}

// proves P3, P4: every card of the real people-search pages (2018 member-id links, 2025 hashed
// classes, 2025-12 server-driven design) is found with its name, public id, headline and
// location; no value is wrong, no mutual connection or viewer becomes a card or a name.
#[test]
fn corpus_search_pages_read_as_expected() {
    let Some(dir) = corpus::dir("the real people-search corpus tests") else {
        return;
    };
    let entries = corpus::entries(&dir, "search").unwrap_or_else(|e| panic!("{e}"));
    assert!(!entries.is_empty(), "EXPECTED.json lists search pages");
    let mut failures = Vec::new();
    for entry in &entries {
        let tally = score(entry, &entry.html());
        eprintln!(
            "{}: {} right, {} wrong, {} missing, {} forbidden, {} extra",
            entry.file,
            tally.right,
            tally.wrong.len(),
            tally.missing.len(),
            tally.forbidden.len(),
            tally.extra.len()
        );
        for (what, list) in [
            ("wrong", &tally.wrong),
            ("missing", &tally.missing),
            ("forbidden", &tally.forbidden),
            ("extra", &tally.extra),
        ] {
            failures.extend(list.iter().map(|f| format!("{}: {what}: {f}", entry.file)));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// The real page with its hooks taken away or its labels in another language: what a redesign
/// or another interface language does to it.
fn variants(html: &str) -> Vec<(&'static str, String)> {
    let no_roles = html.replace("role=\"listitem\"", "role=\"none\"");
    let no_keys = html.replace("componentkey=\"", "data-k=\"");
    let no_views = html.replace("data-view-name=\"", "data-v=\"");
    let no_items = html
        .replace("<li>", "<div>")
        .replace("<li ", "<div ")
        .replace("</li>", "</div>");
    let no_hooks = no_items
        .replace("role=\"listitem\"", "role=\"none\"")
        .replace("componentkey=\"", "data-k=\"")
        .replace("data-view-name=\"", "data-v=\"");
    let french = [
        ("• 2nd", "• 2e"),
        ("• 3rd+", "• 3e et +"),
        ("3rd+ degree connection", "Relation de 3e niveau et +"),
        ("2nd degree connection", "Relation de 2e niveau"),
        ("Status is offline", "Statut : hors ligne"),
        ("Current:", "Actuel :"),
        ("Past:", "Ancien :"),
        ("mutual connections", "relations en commun"),
    ]
    .iter()
    .fold(html.to_string(), |h, (en, fr)| h.replace(en, fr));
    vec![
        ("no list roles", no_roles),
        ("no componentkey", no_keys),
        ("no data-view-name", no_views),
        ("no li", no_items),
        ("no hooks at all", no_hooks),
        ("no classes", html.replace("class=\"", "data-c=\"")),
        ("French labels", french),
    ]
}

// proves P4, L2: the real pages read the same with any one structural hook gone, with all of
// them gone, without classes, and with the site's labels in French.
#[test]
fn corpus_search_pages_survive_lost_hooks_and_other_languages() {
    let Some(dir) = corpus::dir("the real people-search corpus tests") else {
        return;
    };
    let mut failures = Vec::new();
    for entry in corpus::entries(&dir, "search").unwrap_or_else(|e| panic!("{e}")) {
        for (variant, html) in variants(&entry.html()) {
            let tally = score(&entry, &html);
            let problems = [&tally.wrong, &tally.missing, &tally.forbidden, &tally.extra];
            failures.extend(
                problems
                    .iter()
                    .flat_map(|list| list.iter())
                    .map(|f| format!("{} ({variant}): {f}", entry.file)),
            );
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

// proves P4: the badge of each real card goes beside the name itself, and a card's count on
// the page matches EXPECTED.json's `card_count`.
#[test]
fn corpus_search_anchors_hold_the_names() {
    use crate::site::dom::Dom;
    use crate::site::profile_page::text::collapse_ws;
    use crate::site::scraper_dom::ScraperDom;
    use crate::site::search_page::read_search;
    let Some(dir) = corpus::dir("the real people-search corpus tests") else {
        return;
    };
    for entry in corpus::entries(&dir, "search").unwrap_or_else(|e| panic!("{e}")) {
        let dom = ScraperDom::parse(&entry.html());
        let results = read_search(&dom);
        let count = entry.expected.get("card_count").and_then(Value::as_u64);
        assert_eq!(Some(results.cards.len() as u64), count, "{}", entry.file);
        for card in &results.cards {
            let name = card.profile.facts.name.as_deref().unwrap_or_default();
            let shown = collapse_ws(&dom.text(&card.anchor));
            assert!(
                shown.contains(name) && shown.chars().count() <= name.chars().count() * 3,
                "{}: anchor {shown:?} for {name:?}",
                entry.file
            );
        }
    }
}
