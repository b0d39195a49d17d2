//! The OpenAPI document is generated from the handlers and lists every route.

use crate::support::*;
use axum::http::{Method, StatusCode};
use std::collections::BTreeSet;

/// Every route the server has (test hooks aside). A route added without `#[utoipa::path]` and
/// registration in `app::documented_routes` would be missing from the document.
const ROUTES: &[(&str, &str)] = &[
    ("get", "/"),
    ("get", "/api/v1/me"),
    ("post", "/api/v1/lookup"),
    ("get", "/api/v1/pools"),
    ("get", "/api/v1/vacancies"),
    ("get", "/api/v1/openapi.json"),
    ("post", "/api/v1/export-check"),
    ("post", "/api/v1/contacts"),
    ("get", "/api/v1/contacts/{id}"),
    ("patch", "/api/v1/contacts/{id}"),
    ("post", "/api/v1/contacts/{id}/attachments"),
    ("get", "/api/v1/contacts/{id}/attachments"),
    ("put", "/api/v1/contacts/{id}/pools"),
    ("patch", "/api/v1/contacts/{id}/pools"),
    ("put", "/api/v1/contacts/{id}/vacancies"),
    ("patch", "/api/v1/contacts/{id}/vacancies"),
    ("post", "/api/v1/contacts/{id}/notes"),
    ("post", "/api/v1/links"),
    ("get", "/api/v1/attachments/{id}"),
    ("get", "/api/v1/usage"),
    ("post", "/api/v1/usage/reservations"),
    ("post", "/api/v1/usage/reservations/{ticket}/commit"),
    ("post", "/api/v1/usage/reservations/{ticket}/release"),
    ("get", "/contacts/{id}"),
    ("get", "/attachments/{id}"),
    ("get", "/admin/usage"),
    ("get", "/login"),
    ("post", "/login"),
    ("post", "/logout"),
    ("get", "/oauth/authorize"),
    ("post", "/oauth/authorize"),
    ("post", "/oauth/token"),
    ("post", "/oauth/revoke"),
];

// proves C1: vendors get a machine-readable contract that matches the server.
#[tokio::test]
async fn the_document_lists_every_route_and_every_listed_route_is_served() {
    let crm = TestCrm::demo();
    let reply = crm.get("/api/v1/openapi.json", None).await;
    assert_eq!(reply.status, StatusCode::OK, "the contract is public");
    assert!(
        reply
            .header("content-type")
            .unwrap()
            .starts_with("application/json")
    );
    let doc = reply.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    assert_eq!(doc["servers"][0]["url"], PUBLIC_URL);

    let mut documented = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            if ["get", "post", "put", "patch", "delete"].contains(&method.as_str()) {
                documented.insert((method.clone(), path.clone()));
            }
        }
    }
    let expected: BTreeSet<_> = ROUTES
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    assert_eq!(documented, expected);

    for (method, path) in &documented {
        let uri = path.replace("{id}", "1").replace("{ticket}", "t-1");
        let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
        let reply = crm.send(request(method.clone(), &uri, None, None)).await;
        assert!(
            ![StatusCode::NOT_FOUND, StatusCode::METHOD_NOT_ALLOWED].contains(&reply.status),
            "{method} {uri} is documented but not served: {}",
            reply.status
        );
    }
}

#[tokio::test]
async fn api_operations_declare_bearer_auth_and_contract_schemas() {
    let crm = TestCrm::demo();
    let doc = crm.get("/api/v1/openapi.json", None).await.json();
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
    for (method, path) in ROUTES.iter().filter(|(_, p)| p.starts_with("/api/")) {
        let security = &doc["paths"][path][method]["security"];
        if *path == "/api/v1/openapi.json" {
            assert!(security.is_null(), "{path}");
        } else {
            assert_eq!(
                security[0]["bearer"],
                serde_json::json!([]),
                "{method} {path}"
            );
        }
    }
    for schema in [
        "LookupRequest",
        "LookupQuery",
        "LookupResponse",
        "ContactCard",
        "Me",
        "ApiError",
        "PoolList",
        "VacancyList",
        "ExportCheckRequest",
        "ExportCheck",
        "ContactWrite",
        "Attachment",
        "IdSet",
        "NoteWrite",
        "Note",
        "LinkWrite",
        "UsageReservation",
        "UsageKind",
        "Usage",
        "UsageTicket",
        "UsageRefusal",
    ] {
        assert!(doc["components"]["schemas"][schema].is_object(), "{schema}");
    }
    assert_eq!(
        doc["paths"]["/api/v1/lookup"]["post"]["requestBody"]["content"]["application/json"]["schema"]
            ["$ref"],
        "#/components/schemas/LookupRequest"
    );
}

// proves A1, C1: the OAuth endpoints are part of the contract, with the token answer's shape.
#[tokio::test]
async fn oauth_routes_document_their_forms_and_answers() {
    let crm = TestCrm::demo();
    let doc = crm.get("/api/v1/openapi.json", None).await.json();
    for (method, path) in ROUTES.iter().filter(|(_, p)| p.starts_with("/oauth/")) {
        let operation = &doc["paths"][path][method];
        assert_eq!(operation["tags"][0], "oauth", "{method} {path}");
        assert!(
            operation["security"].is_null(),
            "{method} {path}: no bearer token"
        );
        if *method == "post" {
            assert!(
                operation["requestBody"]["content"]["application/x-www-form-urlencoded"]
                    .is_object(),
                "{method} {path}"
            );
        }
    }
    let token = &doc["components"]["schemas"]["TokenAnswer"]["properties"];
    for field in ["access_token", "token_type", "expires_in", "refresh_token"] {
        assert!(token[field].is_object(), "{field}");
    }
    assert!(doc["components"]["schemas"]["OAuthError"].is_object());
}

// proves C3, E7: every write documents the Idempotency-Key header it requires.
#[tokio::test]
async fn every_write_documents_its_idempotency_key() {
    let crm = TestCrm::demo();
    let doc = crm.get("/api/v1/openapi.json", None).await.json();
    let writes = ROUTES
        .iter()
        .filter(|(m, p)| *m != "get" && p.starts_with("/api/") && !p.ends_with("/lookup"))
        .filter(|(_, p)| *p != "/api/v1/export-check")
        // Idempotent by ticket, not by key.
        .filter(|(_, p)| !p.starts_with("/api/v1/usage"));
    let mut count = 0;
    for (method, path) in writes {
        let params = doc["paths"][path][method]["parameters"].as_array().unwrap();
        let header = params
            .iter()
            .find(|p| p["name"] == "Idempotency-Key")
            .unwrap_or_else(|| panic!("{method} {path}: no Idempotency-Key"));
        assert_eq!(header["in"], "header");
        assert_eq!(header["required"], true, "{method} {path}");
        count += 1;
    }
    assert_eq!(count, 9);
}
