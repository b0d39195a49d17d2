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
// refused ones included, until reset.
#[tokio::test]
async fn stats_count_lookup_requests_and_profiles() {
    let crm = TestCrm::demo();
    assert_eq!(
        stats(&crm).await,
        json!({"lookup_requests": 0, "lookup_profiles": 0})
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
        json!({"lookup_requests": 2, "lookup_profiles": 2})
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
        json!({"lookup_requests": 0, "lookup_profiles": 0})
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
