//! `/_test/*` counters, and their absence without `--test-hooks`.

use crate::support::*;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::json;

async fn stats(crm: &TestCrm) -> serde_json::Value {
    let reply = crm.get("/_test/stats", None).await;
    assert_eq!(reply.status, StatusCode::OK);
    reply.json()
}

// proves B4 (the tool e2e tests use to prove it): lookups and their profiles are counted,
// refused ones included, and who-am-I questions, until reset.
#[tokio::test]
async fn stats_count_lookup_requests_and_profiles() {
    let crm = TestCrm::demo();
    assert_eq!(
        stats(&crm).await,
        json!({"lookup_requests": 0, "lookup_profiles": 0, "me_requests": 0})
    );
    crm.lookup(
        VAL,
        json!([{"ref": "0", "public_id": "a"}, {"ref": "1", "public_id": "b"}]),
    )
    .await;
    crm.lookup("wrong-token", json!([{"ref": "0", "public_id": "a"}]))
        .await;
    crm.get("/api/v1/me", Some(VAL)).await;
    assert_eq!(
        stats(&crm).await,
        json!({"lookup_requests": 2, "lookup_profiles": 2, "me_requests": 1})
    );
    let reset = crm
        .send(
            Request::post("/_test/reset-stats")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(reset.status, StatusCode::NO_CONTENT);
    assert_eq!(
        stats(&crm).await,
        json!({"lookup_requests": 0, "lookup_profiles": 0, "me_requests": 0})
    );
}

#[tokio::test]
async fn hooks_do_not_exist_without_the_switch() {
    let crm = TestCrm::with_hooks(false);
    assert_eq!(
        crm.get("/_test/stats", None).await.status,
        StatusCode::NOT_FOUND
    );
    let reset = crm
        .send(
            Request::post("/_test/reset-stats")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(reset.status, StatusCode::NOT_FOUND);
}

// The two failures e2e tests inject: a write answered 500 and not done, and a write done whose
// answer is lost (503). Each is armed for one write to a path ending so, then disarms.
#[tokio::test]
async fn a_failing_write_is_not_done_and_a_lost_answer_is() {
    let crm = TestCrm::demo();
    let id = crm.id_of("ada-lovelace");
    let notes = |crm: &TestCrm| -> i64 {
        crm.sql()
            .query_row(
                "SELECT count(*) FROM notes WHERE contact_id = ?1",
                [id],
                |r| r.get(0),
            )
            .unwrap()
    };
    let before = notes(&crm);
    let arm = |hook: &'static str| {
        Request::post(format!("/_test/{hook}"))
            .header("content-type", "application/json")
            .body(Body::from(json!({"path_suffix": "/notes"}).to_string()))
            .unwrap()
    };
    let path = format!("/api/v1/contacts/{id}/notes");
    let note = json!({"text": "Called back"});
    assert_eq!(
        crm.send(arm("fail-next-write")).await.status,
        StatusCode::NO_CONTENT
    );
    let failed = crm
        .write(axum::http::Method::POST, &path, RILEY, Some("k1"), &note)
        .await;
    assert_eq!(failed.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(notes(&crm), before, "a failed write is not done");
    let ok = crm
        .write(axum::http::Method::POST, &path, RILEY, Some("k1"), &note)
        .await;
    assert_eq!(ok.status, StatusCode::CREATED, "disarmed after one write");
    assert_eq!(notes(&crm), before + 1);

    assert_eq!(
        crm.send(arm("lose-next-answer")).await.status,
        StatusCode::NO_CONTENT
    );
    let lost = crm
        .write(axum::http::Method::POST, &path, RILEY, Some("k2"), &note)
        .await;
    assert_eq!(lost.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(notes(&crm), before + 2, "a lost answer's write is done");
    let replay = crm
        .write(axum::http::Method::POST, &path, RILEY, Some("k2"), &note)
        .await;
    assert_eq!(replay.status, StatusCode::CREATED);
    assert_eq!(notes(&crm), before + 2, "and its retry is not done twice");

    let off = TestCrm::with_hooks(false);
    assert_eq!(
        off.send(arm("fail-next-write")).await.status,
        StatusCode::NOT_FOUND
    );
}
