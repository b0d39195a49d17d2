//! `Idempotency-Key` on every write (PRODUCT.md E7, C3): a retry never writes twice.

use crate::support::*;
use axum::http::{Method, StatusCode};
use serde_json::json;

on_both_engines!(
    a_retry_gets_the_first_answer_and_writes_nothing,
    formatting_does_not_make_another_request,
    the_same_key_with_another_body_is_refused,
    keys_are_per_user_and_per_route,
    writes_without_a_key_are_refused,
    refusals_are_not_stored,
    uploads_and_sets_replay_too,
);

fn new_contact(public_id: &str) -> serde_json::Value {
    json!({"full_name": "Alan Turing", "public_id": public_id, "company": "NPL",
           "creation_source": "Extension"})
}

// proves E7, C3: the same key and request replay the first answer byte for byte, once stored.
async fn a_retry_gets_the_first_answer_and_writes_nothing(engine: Engine) {
    let crm = TestCrm::demo_on(engine);
    let before = crm.count("contacts");
    let body = new_contact("alan-turing");
    let first = crm
        .write(Method::POST, "/api/v1/contacts", RILEY, Some("k-1"), &body)
        .await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());
    assert_eq!(first.header("idempotent-replayed"), None);
    let again = crm
        .write(Method::POST, "/api/v1/contacts", RILEY, Some("k-1"), &body)
        .await;
    assert_eq!(again.status, StatusCode::CREATED);
    assert_eq!(again.body, first.body, "byte for byte");
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    assert_eq!(crm.count("contacts"), before + 1, "no second record");

    // Kept in the database: a restart replays it too.
    let crm = crm.restart();
    let after_restart = crm
        .write(Method::POST, "/api/v1/contacts", RILEY, Some("k-1"), &body)
        .await;
    assert_eq!(after_restart.status, StatusCode::CREATED);
    assert_eq!(after_restart.body, first.body);
    assert_eq!(crm.count("contacts"), before + 1);
}

// proves E7: the same request with other formatting is the same request.
async fn formatting_does_not_make_another_request(engine: Engine) {
    let crm = TestCrm::demo_on(engine);
    let id = crm.id_of("grace-hopper");
    let path = format!("/api/v1/contacts/{id}/notes");
    let first = crm
        .write(
            Method::POST,
            &path,
            RILEY,
            Some("k-n"),
            &json!({"text": "Met at a conference."}),
        )
        .await;
    assert_eq!(first.status, StatusCode::CREATED);
    let request = axum::http::Request::post(&path)
        .header("authorization", format!("Bearer {RILEY}"))
        .header("content-type", "application/json")
        .header("idempotency-key", "k-n")
        .body(axum::body::Body::from(
            "{ \"text\" :\n \"Met at a conference.\" }",
        ))
        .unwrap();
    let again = crm.send(request).await;
    assert_eq!(again.status, StatusCode::CREATED);
    assert_eq!(again.body, first.body);
    assert_eq!(crm.count("notes"), 1);
}

// proves E7: a used key with another request is refused, and writes nothing.
async fn the_same_key_with_another_body_is_refused(engine: Engine) {
    let crm = TestCrm::demo_on(engine);
    let first = crm
        .write(
            Method::POST,
            "/api/v1/contacts",
            RILEY,
            Some("k-2"),
            &new_contact("alan-turing"),
        )
        .await;
    assert_eq!(first.status, StatusCode::CREATED);
    let before = crm.count("contacts");
    let other = crm
        .write(
            Method::POST,
            "/api/v1/contacts",
            RILEY,
            Some("k-2"),
            &new_contact("hedy-lamarr"),
        )
        .await;
    assert_eq!(other.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(other.error_code(), "idempotency_mismatch");
    assert_eq!(crm.count("contacts"), before);
}

// proves E7: keys belong to one user and one route.
async fn keys_are_per_user_and_per_route(engine: Engine) {
    let crm = TestCrm::demo_on(engine);
    let note = json!({"text": "Strong candidate."});
    for (token, contact) in [
        (RILEY, "ada-lovelace"),
        (CASEY, "ada-lovelace"),
        (RILEY, "grace-hopper"),
    ] {
        let path = format!("/api/v1/contacts/{}/notes", crm.id_of(contact));
        let reply = crm
            .write(Method::POST, &path, token, Some("shared"), &note)
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{token} {contact}");
        assert_eq!(reply.header("idempotent-replayed"), None);
    }
    assert_eq!(crm.count("notes"), 3);
}

// proves E7: every write needs a key; without one nothing is written.
async fn writes_without_a_key_are_refused(engine: Engine) {
    let crm = TestCrm::demo_on(engine);
    let id = crm.id_of("ada-lovelace");
    let writes = [
        (
            Method::POST,
            "/api/v1/contacts".to_string(),
            new_contact("alan-turing"),
        ),
        (
            Method::PATCH,
            format!("/api/v1/contacts/{id}"),
            json!({"title": "X"}),
        ),
        (
            Method::PUT,
            format!("/api/v1/contacts/{id}/pools"),
            json!({"ids": []}),
        ),
        (
            Method::PUT,
            format!("/api/v1/contacts/{id}/vacancies"),
            json!({"ids": []}),
        ),
        (
            Method::POST,
            format!("/api/v1/contacts/{id}/notes"),
            json!({"text": "x"}),
        ),
        (
            Method::POST,
            "/api/v1/links".to_string(),
            json!({"profile": {"ref": "a", "public_id": "ada-lovelace"}, "contact_id": id,
                   "same": false}),
        ),
    ];
    for (method, path, body) in writes {
        let reply = crm.write(method.clone(), &path, RILEY, None, &body).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{method} {path}");
        assert_eq!(reply.error_code(), "idempotency_key_required");
    }
    let upload = axum::http::Request::post(format!("/api/v1/contacts/{id}/attachments"))
        .header("authorization", format!("Bearer {RILEY}"))
        .header("content-type", "application/pdf")
        .body(axum::body::Body::from(pdf(100)))
        .unwrap();
    assert_eq!(crm.send(upload).await.status, StatusCode::BAD_REQUEST);
    let bad_key = crm
        .write(
            Method::POST,
            "/api/v1/contacts",
            RILEY,
            Some("has space"),
            &new_contact("x-y"),
        )
        .await;
    assert_eq!(bad_key.status, StatusCode::BAD_REQUEST);
    for table in ["notes", "attachments", "profile_links", "idempotency_keys"] {
        assert_eq!(crm.count(table), 0, "{table}");
    }
    assert_eq!(crm.count("contacts"), 9);
}

// proves E5, E7: a refusal is not stored, so the confirmed retry (another body) goes through.
async fn refusals_are_not_stored(engine: Engine) {
    let crm = TestCrm::demo_on(engine);
    let id = crm.id_of("katherine-johnson");
    let path = format!("/api/v1/contacts/{id}");
    let refused = crm
        .write(
            Method::PATCH,
            &path,
            RILEY,
            Some("k-3"),
            &json!({"location": "Hampton"}),
        )
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    let confirmed = crm
        .write(
            Method::PATCH,
            &path,
            RILEY,
            Some("k-3"),
            &json!({"location": "Hampton", "confirm_active_applications": true}),
        )
        .await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.text());
}

// proves E7, C3: a retried upload and a retried pools change write once.
async fn uploads_and_sets_replay_too(engine: Engine) {
    let crm = TestCrm::demo_on(engine);
    let id = crm.id_of("grace-hopper");
    let bytes = pdf(4096);
    let first = crm
        .upload(
            RILEY,
            id,
            "k-up",
            "application/pdf",
            "Profile.pdf",
            bytes.clone(),
        )
        .await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());
    let again = crm
        .upload(
            RILEY,
            id,
            "k-up",
            "application/pdf",
            "Profile.pdf",
            bytes.clone(),
        )
        .await;
    assert_eq!((again.status, &again.body), (first.status, &first.body));
    assert_eq!(crm.count("attachments"), 1);
    let renamed = crm
        .upload(RILEY, id, "k-up", "application/pdf", "Other.pdf", bytes)
        .await;
    assert_eq!(renamed.status, StatusCode::UNPROCESSABLE_ENTITY);

    let path = format!("/api/v1/contacts/{id}/pools");
    let set = json!({"ids": []});
    let first = crm
        .write(Method::PUT, &path, RILEY, Some("k-pools"), &set)
        .await;
    assert_eq!(first.status, StatusCode::OK);
    let again = crm
        .write(Method::PUT, &path, RILEY, Some("k-pools"), &set)
        .await;
    assert_eq!(again.body, first.body);
}
