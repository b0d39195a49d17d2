//! Pools, vacancies and notes of a contact (PRODUCT.md E2).

use crate::support::*;
use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

fn id_by(crm: &TestCrm, sql: &str, key: &str) -> i64 {
    crm.sql().query_row(sql, [key], |r| r.get(0)).unwrap()
}

fn pool(crm: &TestCrm, name: &str) -> i64 {
    id_by(crm, "SELECT id FROM pools WHERE name = ?1", name)
}

fn vacancy(crm: &TestCrm, crm_ref: &str) -> i64 {
    id_by(crm, "SELECT id FROM vacancies WHERE crm_ref = ?1", crm_ref)
}

async fn put(crm: &TestCrm, token: &str, id: i64, what: &str, ids: Value) -> Reply {
    let path = format!("/api/v1/contacts/{id}/{what}");
    crm.write(
        Method::PUT,
        &path,
        token,
        Some(&fresh_key()),
        &json!({"ids": ids}),
    )
    .await
}

// proves E2: the extension sets the full set of public pools and vacancies.
#[tokio::test]
async fn pools_and_vacancies_are_set_as_a_whole() {
    let crm = TestCrm::demo();
    let ada = crm.id_of("ada-lovelace");
    let (data, grads) = (pool(&crm, "Data & AI"), pool(&crm, "Graduates 2027"));
    let reply = put(&crm, RILEY, ada, "pools", json!([grads, data, data])).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let card = reply.json();
    assert_eq!(card["pools"], json!(["Data & AI", "Graduates 2027"]));
    assert_eq!(card["pool_ids"], json!([data, grads]));

    let (v102, v103) = (vacancy(&crm, "V-102"), vacancy(&crm, "V-103"));
    let card = put(&crm, RILEY, ada, "vacancies", json!([v103, v102]))
        .await
        .json();
    assert_eq!(
        card["vacancies"],
        json!(["Data Scientist", "Engineering Manager"])
    );
    assert_eq!(card["vacancy_ids"], json!([v102, v103]));
    let card = put(&crm, RILEY, ada, "vacancies", json!([])).await.json();
    assert_eq!(card["vacancies"], json!([]));
    let again = crm
        .get(&format!("/api/v1/contacts/{ada}"), Some(VAL))
        .await
        .json();
    assert_eq!(again["pools"], json!(["Data & AI", "Graduates 2027"]));
}

// proves E2: only public pools (and open public vacancies) can be set; private memberships the
// extension cannot see are kept.
#[tokio::test]
async fn private_and_unknown_ids_are_refused_and_private_memberships_kept() {
    let crm = TestCrm::demo();
    let ada = crm.id_of("ada-lovelace");
    let exec = pool(&crm, "Exec search");
    for ids in [
        json!([exec]),
        json!([999_999]),
        json!([pool(&crm, "Data & AI"), 424_242]),
    ] {
        let reply = put(&crm, RILEY, ada, "pools", ids.clone()).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{ids}");
        assert_eq!(reply.error_code(), "bad_request");
    }
    let unchanged = crm
        .get(&format!("/api/v1/contacts/{ada}"), Some(VAL))
        .await
        .json();
    assert_eq!(unchanged["pools"], json!(["Engineering leaders"]));

    crm.sql()
        .execute(
            "UPDATE vacancies SET status = 'closed' WHERE crm_ref = 'V-103'",
            [],
        )
        .unwrap();
    let closed = put(
        &crm,
        RILEY,
        ada,
        "vacancies",
        json!([vacancy(&crm, "V-103")]),
    )
    .await;
    assert_eq!(closed.status, StatusCode::BAD_REQUEST);

    // Edsger is in the private "Exec search" pool and a now-closed vacancy: an empty set
    // clears what the extension manages and keeps the rest; sending his card's ids back works.
    let edsger = crm.id_of("edsger-dijkstra");
    let card = put(&crm, CASEY, edsger, "pools", json!([])).await.json();
    assert_eq!(card["pools"], json!(["Exec search"]));
    let leaders = pool(&crm, "Engineering leaders");
    let card = put(&crm, CASEY, edsger, "pools", json!([exec, leaders]))
        .await
        .json();
    assert_eq!(card["pools"], json!(["Engineering leaders", "Exec search"]));
    let card = put(&crm, CASEY, edsger, "vacancies", json!([]))
        .await
        .json();
    assert_eq!(card["vacancies"], json!(["Engineering Manager"]));
}

// proves E2: a note from the export panel is stored and shown with its author.
#[tokio::test]
async fn notes_are_added() {
    let crm = TestCrm::demo();
    let grace = crm.id_of("grace-hopper");
    let path = format!("/api/v1/contacts/{grace}/notes");
    let reply = crm
        .write(
            Method::POST,
            &path,
            RILEY,
            Some(&fresh_key()),
            &json!({"text": "  Call in May.  "}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let note = reply.json();
    assert_eq!(note["text"], "Call in May.");
    assert!(note["id"].as_i64().unwrap() > 0);
    assert!(note["created_at"].as_str().unwrap().ends_with('Z'));
    for bad in [json!({"text": "   "}), json!({"text": "x", "pinned": true})] {
        let reply = crm
            .write(Method::POST, &path, RILEY, Some(&fresh_key()), &bad)
            .await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{bad}");
    }
    let denied = crm
        .write(
            Method::POST,
            &path,
            VAL,
            Some(&fresh_key()),
            &json!({"text": "x"}),
        )
        .await;
    assert_eq!(denied.status, StatusCode::FORBIDDEN);
    assert_eq!(crm.count("notes"), 1);
    let cookie = crm.sign_in("riley@example.com", "riley-demo").await;
    let html = crm
        .get_page(&format!("/contacts/{grace}"), Some(&cookie))
        .await
        .text();
    assert!(html.contains("Call in May.") && html.contains("Riley Recruiter ·"));
}

// proves E1, E3: a user who may create but not edit can finish the contact they just made
// (PDF, pools, note), and nobody else's.
#[tokio::test]
async fn a_creator_without_edit_finishes_their_own_contact() {
    let crm = TestCrm::demo();
    {
        let sql = crm.sql();
        sql.execute(
            "INSERT INTO users (name, email, password_hash) VALUES ('Cora', 'cora@example.com', 'x')",
            [],
        )
        .unwrap();
        let cora = sql.last_insert_rowid();
        for p in ["view", "create"] {
            sql.execute(
                "INSERT INTO user_permissions (user_id, permission) VALUES (?1, ?2)",
                rusqlite::params![cora, p],
            )
            .unwrap();
        }
        talent_bridge_crm::auth::token::issue(&sql, cora, "tb-test-cora", "test").unwrap();
    }
    let cora = "tb-test-cora";
    let check = crm
        .export_check(cora, json!({"ref": "h", "public_id": "hedy-lamarr"}), None)
        .await
        .json();
    assert_eq!(check["action"], "create");
    let card = crm
        .create(
            cora,
            &json!({"full_name": "Hedy Lamarr", "public_id": "hedy-lamarr",
                    "creation_source": "Extension"}),
        )
        .await
        .json();
    let id = card["id"].as_i64().unwrap();
    let upload = crm
        .upload(
            cora,
            id,
            &fresh_key(),
            "application/pdf",
            "Profile.pdf",
            pdf(500),
        )
        .await;
    assert_eq!(upload.status, StatusCode::CREATED);
    let pools = put(&crm, cora, id, "pools", json!([pool(&crm, "Data & AI")])).await;
    assert_eq!(pools.status, StatusCode::OK);
    let ada = crm.id_of("ada-lovelace");
    let other = put(&crm, cora, ada, "pools", json!([])).await;
    assert_eq!(other.status, StatusCode::FORBIDDEN);
    assert_eq!(
        crm.patch(cora, id, &json!({"title": "x"})).await.status,
        StatusCode::FORBIDDEN
    );
}

async fn patch(crm: &TestCrm, token: &str, key: &str, id: i64, what: &str, body: Value) -> Reply {
    let path = format!("/api/v1/contacts/{id}/{what}");
    crm.write(Method::PATCH, &path, token, Some(key), &body)
        .await
}

// proves E2, E7 (issue #17): the export adds what the user picked and removes nothing: what
// another recruiter added meanwhile survives, and its retry is the same request, answered
// again rather than refused.
#[tokio::test]
async fn changes_add_and_remove_and_keep_everything_else() {
    let crm = TestCrm::demo();
    let ada = crm.id_of("ada-lovelace");
    let (leaders, data, grads) = (
        pool(&crm, "Engineering leaders"),
        pool(&crm, "Data & AI"),
        pool(&crm, "Graduates 2027"),
    );
    // Riley's export adds Graduates; before it lands, Casey adds Data & AI.
    let riley_key = fresh_key();
    let riley_adds = || {
        patch(
            &crm,
            RILEY,
            &riley_key,
            ada,
            "pools",
            json!({"add": [grads]}),
        )
    };
    let casey = patch(
        &crm,
        CASEY,
        &fresh_key(),
        ada,
        "pools",
        json!({"add": [data]}),
    )
    .await;
    assert_eq!(casey.status, StatusCode::OK, "{}", casey.text());
    let riley = riley_adds().await;
    assert_eq!(riley.status, StatusCode::OK, "{}", riley.text());
    let everyone = json!(["Data & AI", "Engineering leaders", "Graduates 2027"]);
    assert_eq!(riley.json()["pools"], everyone);
    // Riley's retry (its answer was lost): the same request, answered again, nothing changed.
    let retry = riley_adds().await;
    assert_eq!(retry.status, StatusCode::OK, "{}", retry.text());
    let card = crm
        .get(&format!("/api/v1/contacts/{ada}"), Some(VAL))
        .await
        .json();
    assert_eq!(card["pools"], everyone);

    // Removing takes out only what is named; an id she is not in is nothing to remove.
    let removed = patch(
        &crm,
        RILEY,
        &fresh_key(),
        ada,
        "pools",
        json!({"remove": [leaders, 999_999]}),
    )
    .await;
    assert_eq!(removed.status, StatusCode::OK, "{}", removed.text());
    assert_eq!(
        removed.json()["pools"],
        json!(["Data & AI", "Graduates 2027"])
    );

    // Vacancies alike: hers stay, the two are added once each.
    let (v101, v102, v103) = (
        vacancy(&crm, "V-101"),
        vacancy(&crm, "V-102"),
        vacancy(&crm, "V-103"),
    );
    let card = patch(
        &crm,
        RILEY,
        &fresh_key(),
        ada,
        "vacancies",
        json!({"add": [v103, v102, v103]}),
    )
    .await
    .json();
    let mut ids: Vec<i64> = serde_json::from_value(card["vacancy_ids"].clone()).unwrap();
    ids.sort_unstable();
    assert_eq!(ids, [v101, v102, v103]);
}

// proves E2 (issue #17): a change refuses what a set refuses, and what contradicts itself; a
// private membership cannot be removed by it.
#[tokio::test]
async fn changes_refuse_unknown_ids_and_keep_private_memberships() {
    let crm = TestCrm::demo();
    let ada = crm.id_of("ada-lovelace");
    let exec = pool(&crm, "Exec search");
    let data = pool(&crm, "Data & AI");
    for body in [
        json!({"add": [exec]}),
        json!({"add": [999_999]}),
        json!({"add": [data], "remove": [data]}),
        json!({"add": [data], "keep": []}),
    ] {
        let reply = patch(&crm, RILEY, &fresh_key(), ada, "pools", body.clone()).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{body}");
    }
    let unchanged = crm
        .get(&format!("/api/v1/contacts/{ada}"), Some(VAL))
        .await
        .json();
    assert_eq!(unchanged["pools"], json!(["Engineering leaders"]));

    let edsger = crm.id_of("edsger-dijkstra");
    let card = patch(
        &crm,
        CASEY,
        &fresh_key(),
        edsger,
        "pools",
        json!({"remove": [exec]}),
    )
    .await
    .json();
    let pools = card["pools"].as_array().unwrap();
    assert!(pools.contains(&json!("Exec search")), "{card}");
    // A viewer changes nothing.
    let viewer = patch(
        &crm,
        VAL,
        &fresh_key(),
        ada,
        "pools",
        json!({"add": [data]}),
    )
    .await;
    assert_eq!(viewer.status, StatusCode::FORBIDDEN);
}
