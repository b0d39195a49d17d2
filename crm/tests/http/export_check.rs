//! `POST /api/v1/export-check`: create, update, or why not, before any PDF is downloaded
//! (PRODUCT.md B5, E1, E3).

use crate::support::*;
use axum::http::StatusCode;
use serde_json::{Value, json};

async fn check(crm: &TestCrm, token: &str, profile: Value, contact_id: Option<i64>) -> Value {
    let reply = crm.export_check(token, profile, contact_id).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    reply.json()
}

fn refusal(check: &Value) -> (&str, &str) {
    assert!(check["action"].is_null(), "{check}");
    (
        check["refusal"]["code"].as_str().unwrap(),
        check["refusal"]["message"].as_str().unwrap(),
    )
}

fn profile(public_id: &str) -> Value {
    json!({"ref": "p", "public_id": public_id})
}

// proves E3: a person the CRM does not have is created.
#[tokio::test]
async fn a_new_person_is_created() {
    let crm = TestCrm::demo();
    let c = check(&crm, RILEY, profile("alan-turing"), None).await;
    assert_eq!(c["action"], "create");
    assert!(c["contact"].is_null() && c["refusal"].is_null());
}

// proves E3, E5: a person the CRM has is updated, with the contact (and its applications).
#[tokio::test]
async fn a_known_person_is_updated() {
    let crm = TestCrm::demo();
    let c = check(&crm, RILEY, profile("ada-lovelace"), None).await;
    assert_eq!(c["action"], "update");
    assert_eq!(c["contact"]["full_name"], "Ada Lovelace");
    let c = check(&crm, RILEY, profile("katherine-johnson"), None).await;
    assert_eq!(c["action"], "update");
    assert_eq!(c["contact"]["active_applications"], 1);
}

// proves B3, E3: several matches: the user picks one, then it is updated.
#[tokio::test]
async fn several_matches_need_a_pick() {
    let crm = TestCrm::demo();
    let c = check(&crm, RILEY, profile("margaret-hamilton"), None).await;
    let (code, message) = refusal(&c);
    assert_eq!(code, "several_matches");
    assert!(message.contains("2 contacts"), "{message}");
    let picked = crm.id_of("margaret-hamilton");
    let c = check(&crm, RILEY, profile("margaret-hamilton"), Some(picked)).await;
    assert_eq!(c["action"], "update");
    assert_eq!(c["contact"]["id"], picked);
}

// proves B3: a probable match (by name) is never updated unasked.
#[tokio::test]
async fn a_probable_match_needs_a_pick() {
    let crm = TestCrm::demo();
    let dorothy = json!({"ref": "d", "public_id": "dorothy-vaughan", "name": "Dorothy Vaughan",
                         "company": "NASA", "location": "Hampton, Virginia, United States"});
    let c = check(&crm, RILEY, dorothy.clone(), None).await;
    assert_eq!(refusal(&c).0, "several_matches");
    let picked = crm.id_named("Dorothy Vaughan");
    let c = check(&crm, RILEY, dorothy, Some(picked)).await;
    assert_eq!(c["action"], "update");
}

// proves B5: a confidential contact the user may not see stops the export with a neutral
// message, by key or by pick; a user with the permission updates it.
#[tokio::test]
async fn a_hidden_confidential_contact_is_not_exportable() {
    let crm = TestCrm::demo();
    let edsger = crm.id_of("edsger-dijkstra");
    let by_key = check(&crm, RILEY, profile("edsger-dijkstra"), None).await;
    let by_pick = check(&crm, RILEY, profile("alan-turing"), Some(edsger)).await;
    let missing = check(&crm, RILEY, profile("alan-turing"), Some(987_654)).await;
    for c in [&by_key, &by_pick, &missing] {
        assert_eq!(
            refusal(c),
            (
                "not_exportable",
                "This person can't be exported. Ask your CRM admin."
            )
        );
    }
    assert_eq!(by_pick, missing, "a hidden pick reads as a missing one");
    let c = check(&crm, CASEY, profile("edsger-dijkstra"), None).await;
    assert_eq!(c["action"], "update");
    assert_eq!(c["contact"]["confidential"], true);
}

// proves E1: a viewer may neither create nor update.
#[tokio::test]
async fn a_viewer_is_forbidden() {
    let crm = TestCrm::demo();
    let c = check(&crm, VAL, profile("alan-turing"), None).await;
    assert_eq!(
        refusal(&c),
        (
            "forbidden",
            "You don't have permission to add contacts to the CRM. Ask your CRM admin."
        )
    );
    let c = check(&crm, VAL, profile("ada-lovelace"), None).await;
    assert_eq!(refusal(&c).0, "forbidden");
    assert!(refusal(&c).1.contains("update contacts"));
}

// proves B3: a manual link decides the export too.
#[tokio::test]
async fn a_manual_link_picks_the_contact() {
    let crm = TestCrm::demo();
    let picked = crm.id_of("margaret-hamilton");
    crm.write(
        axum::http::Method::POST,
        "/api/v1/links",
        RILEY,
        Some(&fresh_key()),
        &json!({"profile": profile("margaret-hamilton"), "contact_id": picked, "same": true}),
    )
    .await;
    let c = check(&crm, RILEY, profile("margaret-hamilton"), None).await;
    assert_eq!(c["action"], "update");
    assert_eq!(c["contact"]["id"], picked);
}
