//! PRODUCT.md B5 on every contact route: for a user without the confidential permission, a
//! confidential contact answers exactly as a contact that never existed, byte for byte.

use crate::support::*;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use serde_json::json;

const NEVER: i64 = 987_654_321;

/// Every request of a contact route for contact `id`, with the same body and a fresh key.
fn requests(id: i64) -> Vec<(String, Request<Body>)> {
    let json_write = |method: Method, path: String, body: serde_json::Value| {
        let mut r = request(method.clone(), &path, Some(RILEY), Some(body.to_string()));
        r.headers_mut()
            .insert("idempotency-key", fresh_key().parse().unwrap());
        (
            format!("{method} {}", path.replace(&id.to_string(), "{id}")),
            r,
        )
    };
    let upload = Request::post(format!("/api/v1/contacts/{id}/attachments?filename=a.pdf"))
        .header(header::AUTHORIZATION, format!("Bearer {RILEY}"))
        .header(header::CONTENT_TYPE, "application/pdf")
        .header("idempotency-key", fresh_key())
        .body(Body::from(pdf(600)))
        .unwrap();
    vec![
        (
            "GET /api/v1/contacts/{id}".into(),
            request(
                Method::GET,
                &format!("/api/v1/contacts/{id}"),
                Some(RILEY),
                None,
            ),
        ),
        json_write(
            Method::PATCH,
            format!("/api/v1/contacts/{id}"),
            json!({"title": "Professor", "confirm_active_applications": true}),
        ),
        ("POST attachments".into(), upload),
        (
            "GET attachments".into(),
            request(
                Method::GET,
                &format!("/api/v1/contacts/{id}/attachments"),
                Some(RILEY),
                None,
            ),
        ),
        json_write(
            Method::PUT,
            format!("/api/v1/contacts/{id}/pools"),
            json!({"ids": []}),
        ),
        json_write(
            Method::PUT,
            format!("/api/v1/contacts/{id}/vacancies"),
            json!({"ids": []}),
        ),
        json_write(
            Method::POST,
            format!("/api/v1/contacts/{id}/notes"),
            json!({"text": "Hello"}),
        ),
        json_write(
            Method::POST,
            "/api/v1/links".into(),
            json!({"profile": {"ref": "x", "public_id": "alan-turing"}, "contact_id": id,
                   "same": true}),
        ),
        json_write(
            Method::POST,
            "/api/v1/links".into(),
            json!({"profile": {"ref": "x", "public_id": "alan-turing"}, "contact_id": id,
                   "same": false}),
        ),
    ]
}

// proves B5: every contact route answers a hidden confidential contact exactly as a missing
// one: same status, same headers that matter, same bytes.
#[tokio::test]
async fn a_hidden_contact_is_a_missing_contact_on_every_route() {
    let crm = TestCrm::demo();
    let edsger = crm.id_of("edsger-dijkstra");
    let before = crm.count("idempotency_keys");
    for ((route, hidden), (_, missing)) in requests(edsger).into_iter().zip(requests(NEVER)) {
        let hidden = crm.send(hidden).await;
        let missing = crm.send(missing).await;
        assert_eq!(
            hidden.status,
            StatusCode::NOT_FOUND,
            "{route}: {}",
            hidden.text()
        );
        assert_eq!(hidden.status, missing.status, "{route}");
        assert_eq!(hidden.body, missing.body, "{route}: {}", hidden.text());
        assert_eq!(
            hidden.header("content-type"),
            missing.header("content-type"),
            "{route}"
        );
        assert!(
            !hidden.text().contains(&edsger.to_string()),
            "{route} echoes the id"
        );
    }
    // Nothing was written, nothing stored for replay.
    assert_eq!(crm.count("idempotency_keys"), before);
    for table in ["notes", "attachments", "profile_links"] {
        assert_eq!(crm.count(table), 0, "{table}");
    }
    let updated: String = crm
        .sql()
        .query_row(
            "SELECT updated_at FROM contacts WHERE id = ?1",
            [edsger],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(updated, "2026-02-27T17:40:00Z");
}

// proves B5: lookup, the contact page, and attachment downloads agree.
#[tokio::test]
async fn lookups_pages_and_downloads_hide_it_too() {
    let crm = TestCrm::demo();
    let edsger = crm.id_of("edsger-dijkstra");
    let hidden = crm
        .lookup(
            RILEY,
            json!([{"ref": "x", "public_id": "edsger-dijkstra", "name": "Edsger Dijkstra",
                               "company": "University of Texas"}]),
        )
        .await;
    let missing = crm
        .lookup(
            RILEY,
            json!([{"ref": "x", "public_id": "nobody-at-all", "name": "Nobody At All",
                               "company": "Nowhere"}]),
        )
        .await;
    assert_eq!(
        (hidden.status, &hidden.body),
        (missing.status, &missing.body)
    );

    let upload = crm
        .upload(
            CASEY,
            edsger,
            &fresh_key(),
            "application/pdf",
            "Edsger.pdf",
            pdf(700),
        )
        .await;
    assert_eq!(upload.status, StatusCode::CREATED);
    let attachment = upload.json()["id"].as_i64().unwrap();
    let hidden = crm
        .get(&format!("/api/v1/attachments/{attachment}"), Some(RILEY))
        .await;
    let missing = crm
        .get(&format!("/api/v1/attachments/{NEVER}"), Some(RILEY))
        .await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);
    assert_eq!(
        (hidden.status, &hidden.body),
        (missing.status, &missing.body)
    );
    assert_eq!(
        crm.get(&format!("/api/v1/attachments/{attachment}"), Some(CASEY))
            .await
            .status,
        StatusCode::OK
    );

    let cookie = crm.sign_in("riley@example.com", "riley-demo").await;
    for (hidden, missing) in [
        (format!("/contacts/{edsger}"), format!("/contacts/{NEVER}")),
        (
            format!("/attachments/{attachment}"),
            format!("/attachments/{NEVER}"),
        ),
    ] {
        let hidden = crm.get_page(&hidden, Some(&cookie)).await;
        let missing = crm.get_page(&missing, Some(&cookie)).await;
        assert_eq!(hidden.status, StatusCode::NOT_FOUND);
        assert_eq!(
            (hidden.status, &hidden.body),
            (missing.status, &missing.body)
        );
    }
}

// proves B5: users with the permission see it, marked, and update it like any other.
#[tokio::test]
async fn users_with_the_permission_see_and_update_it() {
    let crm = TestCrm::demo();
    let edsger = crm.id_of("edsger-dijkstra");
    let card = crm
        .get(&format!("/api/v1/contacts/{edsger}"), Some(CASEY))
        .await
        .json();
    assert_eq!(card["confidential"], true);
    let reply = crm
        .patch(
            CASEY,
            edsger,
            &json!({"location": "Nuenen, Netherlands",
                                      "confirm_active_applications": true}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(reply.json()["location"], "Nuenen, Netherlands");
    assert_eq!(reply.json()["confidential"], true);
}

// proves B5, C5: a profile the team linked to a confidential contact looks, to a user who may
// not see it, exactly as the same profile unlinked: same request, same user, same bytes.
#[tokio::test]
async fn a_link_to_a_hidden_contact_is_no_link_at_all() {
    let crm = TestCrm::demo();
    let edsger = crm.id_of("edsger-dijkstra");
    // A namesake of a visible contact, with no key of its own in the CRM.
    let profile = json!({"ref": "g", "public_id": "grace-hopper-2",
                         "name": "Grace Hopper", "company": "US Navy"});
    let unlinked = crm.lookup(RILEY, json!([profile.clone()])).await;
    assert_eq!(unlinked.status, StatusCode::OK);
    assert!(
        !matches(&unlinked.json(), "g").is_empty(),
        "the unlinked profile has name matches: {}",
        unlinked.text()
    );

    let linked = crm
        .write(
            Method::POST,
            "/api/v1/links",
            CASEY,
            Some(&fresh_key()),
            &json!({"profile": profile.clone(), "contact_id": edsger, "same": true}),
        )
        .await;
    assert_eq!(linked.status, StatusCode::OK, "{}", linked.text());
    let casey = crm.lookup(CASEY, json!([profile.clone()])).await.json();
    assert_eq!(matches(&casey, "g")[0]["contact"]["id"], edsger);

    let hidden = crm.lookup(RILEY, json!([profile.clone()])).await;
    assert_eq!(
        (
            hidden.status,
            &hidden.headers.get("content-type"),
            &hidden.body
        ),
        (
            unlinked.status,
            &unlinked.headers.get("content-type"),
            &unlinked.body
        ),
        "{}",
        hidden.text()
    );
    // Exporting it still touches nothing: not the hidden contact, not a namesake, no duplicate.
    let check = crm.export_check(RILEY, profile, None).await.json();
    assert_eq!(check["refusal"]["code"], "not_exportable", "{check}");
}
