//! `POST /api/v1/contacts`, `GET|PATCH /api/v1/contacts/{id}` (PRODUCT.md E4, E5, C3).

use crate::support::*;
use axum::http::StatusCode;
use serde_json::json;

on_both_engines!(
    creates_a_contact_from_a_profile,
    only_the_extension_source_is_accepted,
    creating_a_known_person_is_refused,
    an_update_appends_and_overwrites_the_location,
    active_applications_need_confirmation,
    an_update_teaches_the_crm_the_profile_keys,
    updates_need_edit,
);

fn alan() -> serde_json::Value {
    json!({
        "full_name": "Alan Turing",
        "headline": "Mathematician at NPL",
        "title": "Mathematician",
        "company": "National Physical Laboratory",
        "location": "London, England, United Kingdom",
        "email": "alan@example.org",
        "profile_url": "https://uk.linkedin.com/in/Alan-Turing/details/experience/",
        "summary": "Computing machinery and intelligence.",
        "skills": ["Cryptanalysis", "Logic"],
        "positions": [{"company": "NPL", "title": "Mathematician", "since": "1945"}],
        "education": ["King's College, Cambridge"],
        "creation_source": "Extension"
    })
}

// proves E4, C3: the extension creates a contact; its source is `Extension`, its keys are
// stored canonical, and lookup finds it at once.
async fn creates_a_contact_from_a_profile(engine: Engine) {
    let crm = TestCrm::demo_on(engine);
    let reply = crm.create(RILEY, &alan()).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let card = reply.json();
    assert_eq!(card["full_name"], "Alan Turing");
    assert_eq!(card["creation_source"], "Extension");
    assert_eq!(card["owner"], "Riley Recruiter");
    assert_eq!(card["confidential"], false);
    assert_eq!(card["active_applications"], 0);
    let id = card["id"].as_i64().unwrap();
    assert_eq!(card["url"], format!("{PUBLIC_URL}/contacts/{id}"));
    let (public_id, url): (String, String) = crm.store(|s| {
        s.query_row(
            "SELECT public_id, profile_url FROM contacts WHERE id = ?1",
            talent_bridge_crm::params![id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    });
    assert_eq!(public_id, "alan-turing");
    assert_eq!(url, "https://www.linkedin.com/in/alan-turing/");

    let got = crm.get(&format!("/api/v1/contacts/{id}"), Some(VAL)).await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.json(), card);
    let body = crm
        .lookup(VAL, json!([{"ref": "a", "public_id": "alan-turing"}]))
        .await
        .json();
    assert_eq!(matched_names(&body, "a"), ["Alan Turing"]);
}

// proves E4: never the site's name (or anything else) as the creation source.
async fn only_the_extension_source_is_accepted(engine: Engine) {
    let crm = TestCrm::demo_on(engine);
    let before = crm.count("contacts");
    for source in [json!("LinkedIn"), json!("extension"), json!(null)] {
        let mut body = alan();
        body["creation_source"] = source.clone();
        let reply = crm.create(RILEY, &body).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{source}");
        assert!(reply.text().contains("Extension"), "{}", reply.text());
    }
    let mut nameless = alan();
    nameless["full_name"] = json!("  ");
    assert_eq!(
        crm.create(RILEY, &nameless).await.status,
        StatusCode::BAD_REQUEST
    );
    let mut foreign = alan();
    foreign["profile_url"] = json!("https://evil.example/in/alan-turing/");
    assert_eq!(
        crm.create(RILEY, &foreign).await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(crm.count("contacts"), before);
}

// proves B5, C3: no duplicate of a contact that exists, visible or not.
async fn creating_a_known_person_is_refused(engine: Engine) {
    let crm = TestCrm::demo_on(engine);
    let before = crm.count("contacts");
    let mut ada = alan();
    ada["profile_url"] = json!("https://www.linkedin.com/in/ada-lovelace/");
    let exists = crm.create(RILEY, &ada).await;
    assert_eq!(exists.status, StatusCode::CONFLICT);
    assert_eq!(exists.error_code(), "exists");

    let mut edsger = alan();
    edsger["profile_url"] = json!("https://www.linkedin.com/in/edsger-dijkstra/");
    let hidden = crm.create(RILEY, &edsger).await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);
    assert_eq!(hidden.error_code(), "not_exportable");
    assert_eq!(
        hidden.json()["error"]["message"],
        "This person can't be exported. Ask your CRM admin."
    );
    let seen = crm.create(CASEY, &edsger).await;
    assert_eq!(seen.status, StatusCode::CONFLICT);
    assert_eq!(crm.count("contacts"), before);

    let denied = crm.create(VAL, &alan()).await;
    assert_eq!(denied.status, StatusCode::FORBIDDEN);
    assert_eq!(crm.count("contacts"), before);
}

// proves E5: every field is appended, the location overwritten, `updated_at` renewed.
async fn an_update_appends_and_overwrites_the_location(engine: Engine) {
    let crm = TestCrm::demo_on(engine);
    let id = crm.id_of("ada-lovelace");
    let reply = crm
        .patch(
            RILEY,
            id,
            &json!({
                "full_name": "Ada Lovelace",
                "title": "Chief Engineer",
                "company": "Analytical Engines",
                "location": "Paris, Île-de-France, France",
                "email": "countess@example.org",
                "skills": ["Mathematics"],
                "public_id": "ada-lovelace",
            }),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let card = reply.json();
    assert_eq!(card["title"], "Lead Engineer | Chief Engineer");
    assert_eq!(
        card["company"], "Analytical Engines",
        "already there: not appended"
    );
    assert_eq!(card["full_name"], "Ada Lovelace");
    assert_eq!(card["location"], "Paris, Île-de-France, France");
    // Emails are a list: the card shows the first, the contact page and matching all.
    assert_eq!(card["email"], "ada@example.org");
    assert_eq!(card["headline"], "Lead Engineer at Analytical Engines");
    assert!(
        card["updated_at"].as_str().unwrap() > "2026-03-02T10:15:00Z",
        "{}",
        card["updated_at"]
    );
    // The appended email matches too.
    let body = crm
        .lookup(VAL, json!([{"ref": "e", "email": "Countess@example.org"}]))
        .await
        .json();
    assert_eq!(matched_names(&body, "e"), ["Ada Lovelace"]);
    let cookie = crm.sign_in("riley@example.com", "riley-demo").await;
    let page = crm
        .get_page(&format!("/contacts/{id}"), Some(&cookie))
        .await
        .text();
    assert!(page.contains("countess@example.org") && page.contains("ada@example.org"));
    // The same update again changes nothing.
    let again = crm
        .patch(
            RILEY,
            id,
            &json!({"title": "Chief Engineer", "location": "Paris, Île-de-France, France"}),
        )
        .await
        .json();
    assert_eq!(again["title"], card["title"]);
}

// proves E5: an update of a contact with active applications needs confirming.
async fn active_applications_need_confirmation(engine: Engine) {
    let crm = TestCrm::demo_on(engine);
    let id = crm.id_of("katherine-johnson");
    let update = json!({"location": "Hampton, Virginia, United States",
                        "title": "Aerospace Technologist"});
    let refused = crm.patch(RILEY, id, &update).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert_eq!(refused.error_code(), "active_applications");
    assert!(
        refused.text().contains("1 active application"),
        "{}",
        refused.text()
    );
    let unchanged = crm
        .get(&format!("/api/v1/contacts/{id}"), Some(RILEY))
        .await
        .json();
    assert_eq!(
        unchanged["location"],
        "White Sulphur Springs, West Virginia, United States"
    );

    let mut confirmed = update.clone();
    confirmed["confirm_active_applications"] = json!(true);
    let reply = crm.patch(RILEY, id, &confirmed).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let card = reply.json();
    assert_eq!(card["location"], "Hampton, Virginia, United States");
    assert_eq!(
        card["title"],
        "Research Mathematician | Aerospace Technologist"
    );
    assert_eq!(card["active_applications"], 1);
}

// proves B3, E5: an update gives a key-less contact the profile's keys, and keeps a changed
// vanity URL as a further key, so the profile matches exactly from then on.
async fn an_update_teaches_the_crm_the_profile_keys(engine: Engine) {
    let crm = TestCrm::demo_on(engine);
    let dorothy = crm.id_named("Dorothy Vaughan");
    let reply = crm
        .patch(RILEY, dorothy, &json!({"public_id": "dorothy-vaughan"}))
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    let ada = crm.id_of("ada-lovelace");
    crm.patch(
        RILEY,
        ada,
        &json!({"profile_url": "https://www.linkedin.com/in/ada-king/"}),
    )
    .await;
    let body = crm
        .lookup(
            VAL,
            json!([{"ref": "d", "public_id": "dorothy-vaughan"},
                   {"ref": "new", "public_id": "ada-king"},
                   {"ref": "old", "public_id": "ada-lovelace"}]),
        )
        .await
        .json();
    assert_eq!(
        matches(&body, "d")[0]["matched_on"],
        json!(["public_id", "profile_url"])
    );
    assert_eq!(matched_names(&body, "new"), ["Ada Lovelace"]);
    assert_eq!(matched_names(&body, "old"), ["Ada Lovelace"]);
}

async fn updates_need_edit(engine: Engine) {
    let crm = TestCrm::demo_on(engine);
    let id = crm.id_of("ada-lovelace");
    let reply = crm.patch(VAL, id, &json!({"title": "X"})).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(reply.error_code(), "forbidden");
    let unknown = crm
        .patch(RILEY, id, &json!({"title": "X", "surprise": 1}))
        .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
}
