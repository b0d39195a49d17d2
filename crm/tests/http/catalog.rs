//! `GET /api/v1/pools` and `GET /api/v1/vacancies`.

use crate::support::*;
use axum::http::StatusCode;
use serde_json::Value;

fn names(body: &Value, list: &str) -> Vec<String> {
    body[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect()
}

// proves E2: only public pools are offered, searched by name.
#[tokio::test]
async fn pools_are_public_ones_searched_by_name() {
    let crm = TestCrm::demo();
    let all = crm.get("/api/v1/pools", Some(VAL)).await.json();
    assert_eq!(
        names(&all, "pools"),
        ["Data & AI", "Engineering leaders", "Graduates 2027"]
    );
    let eng = crm.get("/api/v1/pools?q=ENGIN", Some(VAL)).await.json();
    assert_eq!(names(&eng, "pools"), ["Engineering leaders"]);
    let exec = crm.get("/api/v1/pools?q=exec", Some(VAL)).await.json();
    assert!(
        names(&exec, "pools").is_empty(),
        "a private pool is never offered"
    );
    let wildcard = crm.get("/api/v1/pools?q=%25", Some(VAL)).await.json();
    assert!(names(&wildcard, "pools").is_empty(), "% is literal");
}

// proves E2: vacancies are searched by name or CRM id, never by ATS id.
#[tokio::test]
async fn vacancies_are_searched_by_name_or_crm_id_not_ats_id() {
    let crm = TestCrm::demo();
    let all = crm.get("/api/v1/vacancies", Some(VAL)).await.json();
    assert_eq!(
        names(&all, "vacancies"),
        ["Data Scientist", "Engineering Manager", "Staff Engineer"]
    );
    let by_id = crm.get("/api/v1/vacancies?q=v-101", Some(VAL)).await.json();
    assert_eq!(names(&by_id, "vacancies"), ["Staff Engineer"]);
    assert_eq!(by_id["vacancies"][0]["crm_id"], "V-101");
    let by_name = crm
        .get("/api/v1/vacancies?q=manager", Some(VAL))
        .await
        .json();
    assert_eq!(names(&by_name, "vacancies"), ["Engineering Manager"]);
    let by_ats = crm
        .get("/api/v1/vacancies?q=ATS-9001", Some(VAL))
        .await
        .json();
    assert!(names(&by_ats, "vacancies").is_empty());
    let too_long = crm
        .get(
            &format!("/api/v1/vacancies?q={}", "x".repeat(300)),
            Some(VAL),
        )
        .await;
    assert_eq!(too_long.status, StatusCode::BAD_REQUEST);
    assert_eq!(too_long.error_code(), "bad_request");
}
