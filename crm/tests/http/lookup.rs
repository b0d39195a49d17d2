//! `POST /api/v1/lookup` on the demo CRM.

use crate::support::*;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::json;

// proves C2, B3: an exact public id finds the contact, with the whole card the badge shows.
#[tokio::test]
async fn finds_a_contact_by_public_id_with_its_card() {
    let crm = TestCrm::demo();
    let reply = crm
        .lookup(RILEY, json!([{"ref": "p1", "public_id": "ada-lovelace"}]))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let body = reply.json();
    let found = matches(&body, "p1");
    assert_eq!(found.len(), 1);
    let m = &found[0];
    assert_eq!(m["score"], 1.0);
    assert_eq!(m["matched_on"], json!(["public_id", "profile_url"]));
    let card = &m["contact"];
    assert_eq!(card["full_name"], "Ada Lovelace");
    assert_eq!(card["headline"], "Lead Engineer at Analytical Engines");
    assert_eq!(card["title"], "Lead Engineer");
    assert_eq!(card["company"], "Analytical Engines");
    assert_eq!(card["location"], "London, England, United Kingdom");
    assert_eq!(card["email"], "ada@example.org");
    assert_eq!(card["phone"], "+44 20 7946 0001");
    assert_eq!(card["owner"], "Riley Recruiter");
    assert_eq!(card["pools"], json!(["Engineering leaders"]));
    assert_eq!(card["vacancies"], json!(["Staff Engineer"]));
    assert_eq!(card["confidential"], false);
    assert_eq!(card["updated_at"], "2026-03-02T10:15:00Z");
    let id = card["id"].as_i64().unwrap();
    assert_eq!(card["url"], format!("{PUBLIC_URL}/contacts/{id}"));
}

// proves C2, B3: any form of the profile URL (country sub-domain, sub-page, query) matches.
#[tokio::test]
async fn finds_a_contact_by_profile_url() {
    let crm = TestCrm::demo();
    let body = crm
        .lookup(
            RILEY,
            json!([
                {"ref": "a", "profile_url": "https://www.linkedin.com/in/grace-hopper/"},
                {"ref": "b", "profile_url": "https://de.linkedin.com/in/Grace-Hopper/details/experience/?x=1"},
            ]),
        )
        .await
        .json();
    for reference in ["a", "b"] {
        assert_eq!(matched_names(&body, reference), ["Grace Hopper"]);
        let on = &matches(&body, reference)[0]["matched_on"];
        assert!(
            on.as_array().unwrap().contains(&json!("profile_url")),
            "{on}"
        );
    }
}

// proves C2, B3: a contact the CRM knows only by member URN is found by it.
#[tokio::test]
async fn finds_a_contact_by_member_urn_only() {
    let crm = TestCrm::demo();
    let urn = "urn:li:fsd_profile:ACoAAB1234567890abcdefGHIJKLmnopQRSTuv";
    let body = crm
        .lookup(
            RILEY,
            json!([
                {"ref": "urn", "public_id": "barbara-liskov", "member_urn": urn},
                {"ref": "slug-only", "public_id": "barbara-liskov"},
            ]),
        )
        .await
        .json();
    assert_eq!(matched_names(&body, "urn"), ["Barbara Liskov"]);
    assert_eq!(
        matches(&body, "urn")[0]["matched_on"],
        json!(["member_urn"])
    );
    assert!(matches(&body, "slug-only").is_empty());
}

// proves B3, P3: public ids are unicode, compared percent-decoded and without case.
#[tokio::test]
async fn unicode_public_ids_match_in_any_form() {
    let crm = TestCrm::demo();
    let body = crm
        .lookup(
            RILEY,
            json!([
                {"ref": "plain", "public_id": "jürgen-müller"},
                {"ref": "upper", "public_id": "Jürgen-Müller"},
                {"ref": "encoded", "public_id": "j%C3%BCrgen-m%C3%BCller"},
                {"ref": "url", "profile_url": "https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BCller/"},
            ]),
        )
        .await
        .json();
    for reference in ["plain", "upper", "encoded", "url"] {
        assert_eq!(
            matched_names(&body, reference),
            ["Jürgen Müller"],
            "{reference}"
        );
    }
}

// proves B3: several contacts matching one person are all returned, newest first.
#[tokio::test]
async fn duplicates_are_all_returned() {
    let crm = TestCrm::demo();
    let body = crm
        .lookup(
            RILEY,
            json!([{"ref": "m", "public_id": "margaret-hamilton"}]),
        )
        .await
        .json();
    let found = matches(&body, "m");
    assert_eq!(found.len(), 2);
    assert_eq!(found[0]["contact"]["email"], "margaret@example.org");
    assert_eq!(found[1]["contact"]["email"], serde_json::Value::Null);
    for m in found {
        assert_eq!(m["contact"]["full_name"], "Margaret Hamilton");
        assert_eq!(m["score"], 1.0);
        assert!(
            m["matched_on"]
                .as_array()
                .unwrap()
                .contains(&json!("public_id"))
        );
    }
}

// proves B4: one request answers a whole page, one result per query in the order sent.
#[tokio::test]
async fn a_batch_answers_every_query_in_order() {
    let crm = TestCrm::demo();
    let ids = [
        "alan-turing",
        "ada-lovelace",
        "hedy-lamarr",
        "katherine-johnson",
        "riley-recruiter",
        "ada-lovelace",
    ];
    let queries: Vec<_> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| json!({"ref": i.to_string(), "public_id": id}))
        .collect();
    let body = crm.lookup(RILEY, json!(queries)).await.json();
    let refs: Vec<_> = body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["ref"].clone())
        .collect();
    assert_eq!(
        refs,
        json!(["0", "1", "2", "3", "4", "5"])
            .as_array()
            .unwrap()
            .clone()
    );
    // Not in the CRM (PRODUCT.md B1 "Not in CRM").
    for absent in ["0", "2", "4"] {
        assert!(matches(&body, absent).is_empty(), "{absent}");
    }
    assert_eq!(matched_names(&body, "1"), ["Ada Lovelace"]);
    assert_eq!(matched_names(&body, "5"), ["Ada Lovelace"]);
    // Out of date in the CRM, with an active application (PRODUCT.md B1, E5).
    let katherine = &matches(&body, "3")[0]["contact"];
    assert_eq!(
        katherine["location"],
        "White Sulphur Springs, West Virginia, United States"
    );
    assert_eq!(katherine["active_applications"], 1);
    assert_eq!(katherine["vacancies"], json!(["Data Scientist"]));
}

// proves B5, C2: a confidential contact does not exist for users without the permission,
// whatever key they use; users with it see it, marked confidential.
#[tokio::test]
async fn confidential_contacts_are_hidden_without_the_permission() {
    let crm = TestCrm::demo();
    let queries = json!([
        {"ref": "id", "public_id": "edsger-dijkstra"},
        {"ref": "url", "profile_url": "https://www.linkedin.com/in/edsger-dijkstra/"},
    ]);
    for token in [VAL, RILEY] {
        let reply = crm.lookup(token, queries.clone()).await;
        assert_eq!(reply.status, StatusCode::OK);
        assert!(
            !reply.text().contains("Dijkstra"),
            "{token}: {}",
            reply.text()
        );
        let body = reply.json();
        assert!(matches(&body, "id").is_empty());
        assert!(matches(&body, "url").is_empty());
    }
    let body = crm.lookup(CASEY, queries).await.json();
    for reference in ["id", "url"] {
        let found = matches(&body, reference);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0]["contact"]["full_name"], "Edsger Dijkstra");
        assert_eq!(found[0]["contact"]["confidential"], true);
        assert_eq!(found[0]["contact"]["owner"], "Casey Confidential");
    }
}

// proves B5: a confidential duplicate is left out while the visible one stays.
#[tokio::test]
async fn a_confidential_duplicate_is_left_out_alone() {
    let crm = TestCrm::demo();
    crm.sql()
        .execute(
            "UPDATE contacts SET confidential = 1
             WHERE public_id = 'margaret-hamilton' AND email IS NULL",
            [],
        )
        .unwrap();
    let query = json!([{"ref": "m", "public_id": "margaret-hamilton"}]);
    assert_eq!(
        matches(&crm.lookup(VAL, query.clone()).await.json(), "m").len(),
        1
    );
    assert_eq!(
        matches(&crm.lookup(CASEY, query).await.json(), "m").len(),
        2
    );
}

// proves B4, C2: a lookup carries at most MAX_LOOKUP_BATCH profiles.
#[tokio::test]
async fn batches_over_the_limit_are_refused() {
    let crm = TestCrm::demo();
    let max = talent_bridge::crm::MAX_LOOKUP_BATCH;
    let batch = |n: usize| {
        json!(
            (0..n)
                .map(|i| json!({"ref": i.to_string(), "public_id": "ada-lovelace"}))
                .collect::<Vec<_>>()
        )
    };
    let full = crm.lookup(VAL, batch(max)).await;
    assert_eq!(full.status, StatusCode::OK);
    assert_eq!(full.json()["results"].as_array().unwrap().len(), max);
    let over = crm.lookup(VAL, batch(max + 1)).await;
    assert_eq!(over.status, StatusCode::BAD_REQUEST);
    assert_eq!(over.error_code(), "bad_request");
    assert!(
        over.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("at most 100")
    );
}

// proves C2: requests are strict; the errors say what is wrong.
#[tokio::test]
async fn malformed_requests_are_refused_with_json_errors() {
    let crm = TestCrm::demo();
    let unknown_in_query = crm
        .lookup(VAL, json!([{"ref": "0", "public_id": "x", "surprise": 1}]))
        .await;
    assert_eq!(unknown_in_query.status, StatusCode::BAD_REQUEST);
    assert_eq!(unknown_in_query.error_code(), "bad_request");
    assert!(
        unknown_in_query.text().contains("surprise"),
        "{}",
        unknown_in_query.text()
    );

    let unknown_top = crm
        .post_json(
            "/api/v1/lookup",
            Some(VAL),
            &json!({"profiles": [], "extra": true}),
        )
        .await;
    assert_eq!(unknown_top.status, StatusCode::BAD_REQUEST);
    assert_eq!(unknown_top.error_code(), "bad_request");

    let missing_ref = crm.lookup(VAL, json!([{"public_id": "x"}])).await;
    assert_eq!(missing_ref.status, StatusCode::BAD_REQUEST);

    let broken = Request::post("/api/v1/lookup")
        .header(header::AUTHORIZATION, format!("Bearer {VAL}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from("{\"profiles\": ["))
        .unwrap();
    let broken = crm.send(broken).await;
    assert_eq!(broken.status, StatusCode::BAD_REQUEST);
    assert_eq!(broken.error_code(), "bad_request");

    let not_json = Request::post("/api/v1/lookup")
        .header(header::AUTHORIZATION, format!("Bearer {VAL}"))
        .body(Body::from("profiles=1"))
        .unwrap();
    let not_json = crm.send(not_json).await;
    assert_eq!(not_json.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(not_json.error_code(), "unsupported_media_type");

    let huge = json!({"profiles": [{"ref": "x".repeat(300 * 1024)}]});
    let too_large = crm.post_json("/api/v1/lookup", Some(VAL), &huge).await;
    assert_eq!(too_large.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(too_large.error_code(), "payload_too_large");
}

#[tokio::test]
async fn queries_without_usable_keys_match_nothing() {
    let crm = TestCrm::demo();
    let body = crm
        .lookup(
            CASEY,
            json!([
                {"ref": "empty"},
                {"ref": "name-only", "name": "Ada Lovelace"},
                {"ref": "other-site", "profile_url": "https://evil.example/in/ada-lovelace/"},
                {"ref": "slash", "public_id": "ada-lovelace/x"},
            ]),
        )
        .await
        .json();
    for reference in ["empty", "name-only", "other-site", "slash"] {
        assert!(matches(&body, reference).is_empty(), "{reference}");
    }
}

#[tokio::test]
async fn unknown_api_routes_and_methods_answer_json() {
    let crm = TestCrm::demo();
    let missing = crm.get("/api/v1/nothing", Some(VAL)).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.error_code(), "not_found");
    let wrong_method = crm.get("/api/v1/lookup", Some(VAL)).await;
    assert_eq!(wrong_method.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(wrong_method.error_code(), "method_not_allowed");
}
