//! `/api/v1/usage` (issue #18): the month's profile-PDF downloads, reserved, committed and
//! released by ticket, on both engines.

use crate::support::*;
use axum::http::{Method, StatusCode};
use serde_json::{Value, json};
use talent_bridge_crm::clock::now_ms;
use talent_bridge_crm::usage::month_of;

on_both_engines!(
    a_ticket_is_reserved_committed_and_released_once,
    the_limit_is_at_most_200_and_a_full_month_is_refused,
    a_lapsed_reservation_frees_its_unit,
);

impl TestCrm {
    pub async fn reserve(&self, token: &str, ticket: &str, limit: Option<u32>) -> Reply {
        let mut body = json!({ "ticket": ticket });
        if let Some(limit) = limit {
            body["limit"] = limit.into();
        }
        self.post_json("/api/v1/usage/reservations", Some(token), &body)
            .await
    }

    pub async fn ticket_action(&self, token: &str, ticket: &str, action: &str) -> Reply {
        let path = format!("/api/v1/usage/reservations/{ticket}/{action}");
        self.send(request(Method::POST, &path, Some(token), None))
            .await
    }

    pub async fn usage(&self, token: &str) -> Value {
        let reply = self.get("/api/v1/usage", Some(token)).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
        reply.json()
    }
}

/// (state, used, committed, reserved) of a usage answer.
fn summary(reply: &Reply) -> (String, u64, u64, u64) {
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let json = reply.json();
    (
        json["state"].as_str().unwrap().to_string(),
        json["usage"]["used"].as_u64().unwrap(),
        json["usage"]["committed"].as_u64().unwrap(),
        json["usage"]["reserved"].as_u64().unwrap(),
    )
}

// proves E6 (issue #18): one unit per ticket whatever is asked twice; a commit counts for good,
// a release gives a reservation back; months are UTC by the server's clock.
async fn a_ticket_is_reserved_committed_and_released_once(engine: Engine) {
    let crm = TestCrm::demo_on(engine);
    let first = crm.reserve(RILEY, "t-1", None).await;
    assert_eq!(summary(&first), ("reserved".into(), 1, 0, 1));
    assert!(first.json()["expires_at"].as_str().unwrap().ends_with('Z'));
    let again = crm.reserve(RILEY, "t-1", None).await;
    assert_eq!(
        summary(&again),
        ("reserved".into(), 1, 0, 1),
        "never two units"
    );

    let committed = crm.ticket_action(RILEY, "t-1", "commit").await;
    assert_eq!(summary(&committed), ("committed".into(), 1, 1, 0));
    assert_eq!(committed.json()["expires_at"], Value::Null);
    let again = crm.ticket_action(RILEY, "t-1", "commit").await;
    assert_eq!(summary(&again), ("committed".into(), 1, 1, 0));
    let late_release = crm.ticket_action(RILEY, "t-1", "release").await;
    assert_eq!(summary(&late_release), ("committed".into(), 1, 1, 0));
    let reserved_again = crm.reserve(RILEY, "t-1", None).await;
    assert_eq!(summary(&reserved_again), ("committed".into(), 1, 1, 0));

    crm.reserve(RILEY, "t-2", None).await;
    let released = crm.ticket_action(RILEY, "t-2", "release").await;
    assert_eq!(summary(&released), ("released".into(), 1, 1, 0));
    let again = crm.ticket_action(RILEY, "t-2", "release").await;
    assert_eq!(summary(&again), ("released".into(), 1, 1, 0));
    let unknown = crm.ticket_action(RILEY, "never-reserved", "release").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown.error_code(), "no_such_ticket");

    let (month, resets_at) = month_of(now_ms());
    let usage = crm.usage(RILEY).await;
    assert_eq!(
        usage,
        json!({"month": month.to_string(), "used": 1, "committed": 1, "reserved": 0,
               "limit": 200, "remaining": 199, "resets_at": resets_at, "manual": 0})
    );
    assert_eq!(
        crm.usage(VAL).await["used"],
        0,
        "each user counts their own"
    );
    assert_eq!(crm.count("usage_tickets"), 2);
    let anonymous = crm.get("/api/v1/usage", None).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
}

// proves E6 (issue #18): limit = min(asked, 200); a full month is refused with the usage, and
// the refusal stores nothing.
async fn the_limit_is_at_most_200_and_a_full_month_is_refused(engine: Engine) {
    let crm = TestCrm::demo_on(engine);
    assert_eq!(
        crm.reserve(RILEY, "a", Some(500)).await.json()["usage"]["limit"],
        200
    );
    assert_eq!(summary(&crm.reserve(RILEY, "b", Some(2)).await).1, 2);
    let refused = crm.reserve(RILEY, "c", Some(2)).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert_eq!(refused.error_code(), "quota_exhausted");
    let json = refused.json();
    let (month, resets_at) = month_of(now_ms());
    assert_eq!(json["usage"]["used"], 2);
    assert_eq!(json["usage"]["limit"], 2);
    assert_eq!(json["usage"]["remaining"], 0);
    assert_eq!(json["usage"]["month"], month.to_string());
    assert_eq!(json["usage"]["resets_at"], resets_at);
    assert!(
        json["error"]["message"]
            .as_str()
            .unwrap()
            .contains(month.next().name()),
        "{json}"
    );
    assert_eq!(crm.count("usage_tickets"), 2, "a refusal stores nothing");
    assert_eq!(
        crm.get("/api/v1/usage?limit=2", Some(RILEY)).await.json()["remaining"],
        0
    );

    let zero = crm.reserve(RILEY, "d", Some(0)).await;
    assert_eq!(zero.status, StatusCode::BAD_REQUEST);
    for bad in ["", "a/b", &"x".repeat(129)] {
        let reply = crm.reserve(RILEY, bad, None).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{bad:?}");
        assert_eq!(reply.error_code(), "bad_ticket");
    }
    let surprise = crm
        .post_json(
            "/api/v1/usage/reservations",
            Some(RILEY),
            &json!({"ticket": "e", "units": 5}),
        )
        .await;
    assert_eq!(surprise.status, StatusCode::BAD_REQUEST);
}

// proves E6 (issue #18): a reservation neither committed nor released in time stops holding
// its unit and answers `expired`; committing it still counts (the site served the PDF).
async fn a_lapsed_reservation_frees_its_unit(engine: Engine) {
    let crm = TestCrm::demo_on(engine);
    assert_eq!(summary(&crm.reserve(RILEY, "slow", Some(1)).await).1, 1);
    assert_eq!(
        crm.reserve(RILEY, "next", Some(1)).await.status,
        StatusCode::CONFLICT
    );
    crm.exec("UPDATE usage_tickets SET expires_at_ms = 1 WHERE ticket = 'slow'");
    assert_eq!(
        summary(&crm.reserve(RILEY, "slow", Some(1)).await),
        ("expired".into(), 0, 0, 0)
    );
    assert_eq!(
        summary(&crm.reserve(RILEY, "next", Some(1)).await),
        ("reserved".into(), 1, 0, 1)
    );
    let counted = crm.ticket_action(RILEY, "slow", "commit").await;
    assert_eq!(summary(&counted), ("committed".into(), 2, 1, 1));
}
