//! The report `tb page` prints: a saved page read by the extension's own code path
//! (`PageKind::of_url`, then the profile or search reader), as one JSON object.

use super::explain::{Source, Sources};
use super::read_profile_explained;
use crate::profile::{Profile, ProfileKey};
use crate::site::scraper_dom::ScraperDom;
use crate::site::search_page::{SearchCard, read_search};
use crate::site::{PageKind, PageRead, Unreadable};
use serde_json::{Value, json};

/// Reads `html` as the page at `url`. With `explain`, adds which strategy produced each fact.
pub fn page_report(html: &str, url: &str, explain: bool) -> Value {
    let key = match PageKind::of_url(url) {
        PageKind::Profile(key) => key,
        PageKind::PeopleSearch => return search_report(&ScraperDom::parse(html), explain),
        PageKind::Other => {
            return with_explain(report("other", None, None), explain.then(|| json!({})));
        }
    };
    let dom = ScraperDom::parse(html);
    let explained = read_profile_explained(&dom, key);
    let sources = &explained.sources;
    match &explained.read {
        PageRead::Profile { profile, .. } => {
            let out = report("profile", Some(&profile.key), Some(profile));
            with_explain(out, explain.then(|| explain_profile(profile, sources)))
        }
        PageRead::UnreadableProfile { key, why } => {
            let out = with_field(report("profile", Some(key), None), "unreadable", json!(why));
            with_explain(out, explain.then(|| explain_unreadable(why, sources)))
        }
        PageRead::Search(_) | PageRead::Other => {
            with_explain(report("other", None, None), explain.then(|| json!({})))
        }
    }
}

/// A search page: the report's usual keys (empty), then one entry per result card read.
fn search_report(dom: &ScraperDom, explain: bool) -> Value {
    let results = read_search(dom);
    let cards: Vec<Value> = results
        .cards
        .iter()
        .map(|card| {
            let p = &card.profile;
            let out = with_field(
                report("search_card", Some(&p.key), Some(p)),
                "degree",
                json!(p.facts.degree),
            );
            with_explain(out, explain.then(|| explain_card(card)))
        })
        .collect();
    let mut out = with_field(report("search", None, None), "cards", json!(cards));
    if results.unreadable() {
        out = with_field(out, "unreadable", json!("no_card"));
    }
    let strategies = ["list_item", "component_key", "view_name", "link_group"];
    with_explain(out, explain.then(|| json!({ "cards": strategies })))
}

/// A card's facts with the strategy behind each, the strategies that found the card, and the
/// labels taken out of its name and lines.
fn explain_card<N>(card: &SearchCard<N>) -> Value {
    let (profile, s) = (&card.profile, &card.sources);
    let f = &profile.facts;
    let found_by: Vec<&str> = card.found_by.iter().map(|c| c.name()).collect();
    json!({
        "found_by": found_by,
        "dropped": card.dropped,
        "identity": entry(s.identity, json!(profile.key.to_string())),
        "visibility": entry(s.visibility, json!(profile.visibility)),
        "name": entry(s.name, json!(f.name)),
        "headline": entry(s.headline, json!(f.headline)),
        "location": entry(s.location, json!(f.location)),
        "member_urn": entry(s.member_urn, json!(f.member_urn)),
        "degree": entry(s.degree, json!(f.degree)),
    })
}

fn report(kind: &str, key: Option<&ProfileKey>, profile: Option<&Profile>) -> Value {
    let facts = profile.map(|p| &p.facts);
    let member_urn = facts
        .and_then(|f| f.member_urn.clone())
        .or_else(|| key.and_then(ProfileKey::member_urn));
    json!({
        "kind": kind,
        "visibility": profile.map(|p| p.visibility),
        "own": profile.is_some_and(|p| p.own),
        "name": facts.and_then(|f| f.name.clone()),
        "headline": facts.and_then(|f| f.headline.clone()),
        "location": facts.and_then(|f| f.location.clone()),
        "current_company": facts.and_then(|f| f.current_company.clone()),
        "public_id": key.and_then(ProfileKey::public_id),
        "member_urn": member_urn,
    })
}

fn with_explain(out: Value, explain: Option<Value>) -> Value {
    match explain {
        Some(explain) => with_field(out, "explain", explain),
        None => out,
    }
}

fn with_field(mut out: Value, key: &str, value: Value) -> Value {
    if let Some(object) = out.as_object_mut() {
        object.insert(key.to_string(), value);
    }
    out
}

fn entry(source: Option<Source>, value: Value) -> Value {
    json!({ "strategy": source.map(Source::name), "value": value })
}

fn explain_profile(profile: &Profile, s: &Sources) -> Value {
    let f = &profile.facts;
    json!({
        "visibility": entry(s.visibility, json!(profile.visibility)),
        "identity": entry(s.identity, json!(s.identity.map(|_| "confirmed"))),
        "own": entry(s.own, json!(profile.own)),
        "name": entry(s.name, json!(f.name)),
        "headline": entry(s.headline, json!(f.headline)),
        "location": entry(s.location, json!(f.location)),
        "current_company": entry(s.current_company, json!(f.current_company)),
        "current_title": entry(s.current_title, json!(f.current_title)),
        "member_urn": entry(s.member_urn, json!(f.member_urn)),
        "degree": entry(s.degree, json!(f.degree)),
    })
}

fn explain_unreadable(why: &Unreadable, s: &Sources) -> Value {
    let identity = matches!(why, Unreadable::OtherPerson).then_some("another person");
    json!({ "identity": entry(s.identity, json!(identity)) })
}
