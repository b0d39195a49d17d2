//! Two CRM instances on one database (issue #23): what a team behind a load balancer runs.
//! Writes take the database's write lock (SQLite's `BEGIN IMMEDIATE`, PostgreSQL's advisory
//! lock), so every check-then-write stays exact whichever instance a request reaches.

use crate::support::*;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use serde_json::json;
use talent_bridge_crm::Config;

on_both_engines!(same_key_writes_on_two_instances_store_one);

fn create(key: &str, public_id: &str) -> Request<Body> {
    let body = json!({"full_name": "Alan Turing", "public_id": public_id,
                      "creation_source": "Extension"});
    let mut request = request(
        Method::POST,
        "/api/v1/contacts",
        Some(RILEY),
        Some(body.to_string()),
    );
    request
        .headers_mut()
        .insert("idempotency-key", key.parse().unwrap());
    request
}

// proves E7 across instances: the same write sent to both at once is stored once, and both
// get the same answer (the second waits for the first, then replays it).
async fn same_key_writes_on_two_instances_store_one(engine: Engine) {
    let crm = TestCrm::demo_on(engine);
    let other = crm.router_with(Config::new(PUBLIC_URL));
    let before = crm.count("contacts");
    const ROUNDS: i64 = 8;
    for round in 0..ROUNDS {
        let key = format!("twin-key-{round}");
        let public_id = format!("twin-{round}");
        let (a, b) = tokio::join!(
            send_to(&crm.router, create(&key, &public_id)),
            send_to(&other, create(&key, &public_id)),
        );
        assert_eq!(a.status, StatusCode::CREATED, "{}", a.text());
        assert_eq!(b.status, StatusCode::CREATED, "{}", b.text());
        assert_eq!(a.body, b.body, "the same answer, byte for byte");
        let replayed = [&a, &b]
            .iter()
            .filter(|r| r.header("idempotent-replayed") == Some("true"))
            .count();
        assert_eq!(replayed, 1, "one stored, one replayed");
    }
    assert_eq!(crm.count("contacts"), before + ROUNDS);
    assert_eq!(
        crm.number("SELECT count(*) FROM idempotency_keys WHERE key LIKE 'twin-key-%'"),
        ROUNDS
    );
}
