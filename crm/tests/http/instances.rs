//! Two CRM instances on one database (issue #23): what a team behind a load balancer runs.
//! Writes take the database's write lock (SQLite's `BEGIN IMMEDIATE`, PostgreSQL's advisory
//! lock), so every check-then-write stays exact whichever instance a request reaches.

use crate::support::*;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use serde_json::json;
use talent_bridge_crm::Config;
use talent_bridge_crm::clock::now_ms;
use talent_bridge_crm::params;
use talent_bridge_crm::usage::month_of;

on_both_engines!(
    same_key_writes_on_two_instances_store_one,
    ten_reservations_at_199_used_take_the_last_unit_once,
);

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

fn reserve(ticket: &str) -> Request<Body> {
    request(
        Method::POST,
        "/api/v1/usage/reservations",
        Some(RILEY),
        Some(json!({ "ticket": ticket }).to_string()),
    )
}

// proves issue #18 across instances: with 199 of 200 used, ten reservations at once, five to
// each instance, take the last unit once; the other nine are refused.
async fn ten_reservations_at_199_used_take_the_last_unit_once(engine: Engine) {
    let crm = TestCrm::demo_on(engine);
    let other = crm.router_with(Config::new(PUBLIC_URL));
    let month = month_of(now_ms()).0.to_string();
    crm.store(|s| {
        let tx = s.transaction()?;
        let riley: i64 = tx.query_row(
            "SELECT id FROM users WHERE email = 'riley@example.com'",
            params![],
            |r| r.get(0),
        )?;
        for i in 0..199 {
            tx.execute(
                "INSERT INTO usage_tickets (user_id, ticket, month, state, reserved_at_ms,
                     expires_at_ms, updated_at_ms)
                 VALUES (?1, ?2, ?3, 'committed', 0, 0, 0)",
                params![riley, format!("done-{i}"), month],
            )?;
        }
        tx.commit()
    });
    // Every connection of both pools open first, so the ten meet in the database together.
    let mut warm = tokio::task::JoinSet::new();
    for i in 0..16 {
        let router = if i % 2 == 0 { &crm.router } else { &other }.clone();
        warm.spawn(async move {
            send_to(
                &router,
                request(Method::GET, "/api/v1/usage", Some(RILEY), None),
            )
            .await
        });
    }
    warm.join_all().await;
    for round in 0..4 {
        let mut requests = tokio::task::JoinSet::new();
        for i in 0..10 {
            let router = if i % 2 == 0 { &crm.router } else { &other }.clone();
            let ticket = format!("race-{round}-{i}");
            requests.spawn(async move { send_to(&router, reserve(&ticket)).await });
        }
        let replies = requests.join_all().await;
        let won: Vec<_> = replies
            .iter()
            .filter(|r| r.status == StatusCode::OK)
            .collect();
        let refused = replies
            .iter()
            .filter(|r| r.status == StatusCode::CONFLICT)
            .count();
        assert_eq!(
            (won.len(), refused),
            (1, 9),
            "round {round}: one takes the last unit"
        );
        assert_eq!(won[0].json()["state"], "reserved");
        assert_eq!(won[0].json()["usage"]["used"], 200);
        let usage = crm.get("/api/v1/usage", Some(RILEY)).await.json();
        assert_eq!(
            (usage["used"].as_u64(), usage["reserved"].as_u64()),
            (Some(200), Some(1))
        );
        assert_eq!(
            crm.number("SELECT count(*) FROM usage_tickets WHERE ticket LIKE 'race-%'"),
            1
        );
        // The next round starts at 199 again.
        crm.exec("DELETE FROM usage_tickets WHERE ticket LIKE 'race-%'");
    }
}
