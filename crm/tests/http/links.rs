//! `POST /api/v1/links`: manual links and "not this person" (PRODUCT.md B3).

use crate::support::*;
use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

async fn link(crm: &TestCrm, token: &str, profile: Value, contact_id: i64, same: bool) -> Reply {
    let body = json!({"profile": profile, "contact_id": contact_id, "same": same});
    crm.write(
        Method::POST,
        "/api/v1/links",
        token,
        Some(&fresh_key()),
        &body,
    )
    .await
}

fn old_margaret(crm: &TestCrm) -> i64 {
    crm.sql()
        .query_row(
            "SELECT id FROM contacts WHERE public_id = 'margaret-hamilton' AND email IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

// proves B3: a manual link wins over every other match, for the whole team.
#[tokio::test]
async fn a_manual_link_wins_over_every_other_match() {
    let crm = TestCrm::demo();
    let old = old_margaret(&crm);
    let profile = json!({"ref": "m", "public_id": "margaret-hamilton"});
    let reply = link(&crm, RILEY, profile.clone(), old, true).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    // The answer is the profile's lookup result as it now stands.
    let result = reply.json();
    assert_eq!(result["ref"], "m");
    assert_eq!(result["matches"].as_array().unwrap().len(), 1);

    let body = crm
        .lookup(
            VAL,
            json!([{"ref": "m", "public_id": "margaret-hamilton", "name": "Margaret Hamilton",
                    "company": "MIT Instrumentation Lab", "email": "margaret@example.org"}]),
        )
        .await
        .json();
    let found = matches(&body, "m");
    assert_eq!(found.len(), 1, "only the linked contact: {body}");
    assert_eq!(found[0]["contact"]["id"], old);
    assert_eq!(found[0]["score"], 1.0);
    assert_eq!(found[0]["matched_on"][0], "manual_link");
    assert_eq!(
        found[0]["matched_on"],
        json!(["manual_link", "public_id", "profile_url"])
    );
}

// proves B3: a profile the CRM has no key for can be linked to a contact by hand.
#[tokio::test]
async fn a_profile_without_keys_in_the_crm_can_be_linked() {
    let crm = TestCrm::demo();
    let dorothy = crm.id_named("Dorothy Vaughan");
    let profile =
        json!({"ref": "d", "profile_url": "https://www.linkedin.com/in/dorothy-vaughan/"});
    assert_eq!(
        link(&crm, RILEY, profile, dorothy, true).await.status,
        StatusCode::OK
    );
    let body = crm
        .lookup(VAL, json!([{"ref": "d", "public_id": "dorothy-vaughan"}]))
        .await
        .json();
    assert_eq!(matched_names(&body, "d"), ["Dorothy Vaughan"]);
    assert_eq!(matches(&body, "d")[0]["matched_on"], json!(["manual_link"]));
}

// proves B3: "not this person" keeps the contact out of the profile's matches, for everyone,
// by every key and stage, across a restart; a new contact can then be made for the profile.
#[tokio::test]
async fn not_this_person_sticks() {
    let crm = TestCrm::demo();
    let ada = crm.id_of("ada-lovelace");
    let profile = json!({"ref": "a", "public_id": "ada-lovelace"});
    let reply = link(&crm, RILEY, profile, ada, false).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert!(reply.json()["matches"].as_array().unwrap().is_empty());

    let query = json!([{"ref": "a", "public_id": "ada-lovelace", "name": "Ada Lovelace",
                        "company": "Analytical Engines", "email": "ada@example.org"}]);
    for token in [VAL, CASEY] {
        let body = crm.lookup(token, query.clone()).await.json();
        assert!(matches(&body, "a").is_empty(), "{token}: {body}");
    }
    let crm = crm.restart();
    let body = crm.lookup(VAL, query.clone()).await.json();
    assert!(matches(&body, "a").is_empty(), "after a restart: {body}");
    // Others still find Ada by her email: the unlink is about this profile only.
    let body = crm
        .lookup(VAL, json!([{"ref": "e", "email": "ada@example.org"}]))
        .await
        .json();
    assert_eq!(matched_names(&body, "e"), ["Ada Lovelace"]);

    let check = crm
        .export_check(
            RILEY,
            json!({"ref": "a", "public_id": "ada-lovelace"}),
            None,
        )
        .await
        .json();
    assert_eq!(check["action"], "create", "{check}");
    let created = crm
        .create(
            RILEY,
            &json!({"full_name": "Ada Lovelace", "public_id": "ada-lovelace",
                    "company": "Babbage & Co", "creation_source": "Extension"}),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    let body = crm.lookup(VAL, query).await.json();
    let found = matches(&body, "a");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["contact"]["company"], "Babbage & Co");
}

// proves B3: linking again after "not this person" brings the contact back.
#[tokio::test]
async fn a_link_undoes_an_unlink() {
    let crm = TestCrm::demo();
    let grace = crm.id_of("grace-hopper");
    let profile = json!({"ref": "g", "public_id": "grace-hopper"});
    link(&crm, RILEY, profile.clone(), grace, false).await;
    let reply = link(&crm, RILEY, profile, grace, true).await;
    assert_eq!(reply.json()["matches"][0]["contact"]["id"], grace);
}

#[tokio::test]
async fn links_need_edit_and_a_profile_key() {
    let crm = TestCrm::demo();
    let grace = crm.id_of("grace-hopper");
    let profile = json!({"ref": "g", "public_id": "grace-hopper"});
    let denied = link(&crm, VAL, profile, grace, false).await;
    assert_eq!(denied.status, StatusCode::FORBIDDEN);
    assert_eq!(denied.error_code(), "forbidden");
    let keyless = link(
        &crm,
        RILEY,
        json!({"ref": "g", "name": "Grace Hopper"}),
        grace,
        true,
    )
    .await;
    assert_eq!(keyless.status, StatusCode::BAD_REQUEST);
    assert_eq!(crm.count("profile_links"), 0);
}
