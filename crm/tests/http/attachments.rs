//! The profile PDF on a contact (PRODUCT.md E3, C3): stored durably, byte for byte, with its
//! SHA-256; at most 5 MiB; a PDF only.

use crate::support::*;
use axum::http::StatusCode;
use sha2::{Digest, Sha256};

const MIB: usize = 1024 * 1024;

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

// proves C3, E3: what goes in comes out, byte for byte, with its SHA-256, through the API and
// the contact page; and it survives a restart of the server on the same file.
#[tokio::test]
async fn an_attachment_round_trips_and_survives_a_restart() {
    let crm = TestCrm::demo();
    let id = crm.id_of("grace-hopper");
    let bytes = pdf(200_000);
    let reply = crm
        .upload(
            RILEY,
            id,
            &fresh_key(),
            "application/pdf",
            "Grace Hopper.pdf",
            bytes.clone(),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let attachment = reply.json();
    assert_eq!(attachment["filename"], "Grace Hopper.pdf");
    assert_eq!(attachment["size"], bytes.len());
    assert_eq!(attachment["sha256"], sha256(&bytes));
    let attachment_id = attachment["id"].as_i64().unwrap();
    assert_eq!(
        attachment["url"],
        format!("{PUBLIC_URL}/attachments/{attachment_id}")
    );

    let crm = crm.restart();
    let listed = crm
        .get(&format!("/api/v1/contacts/{id}/attachments"), Some(VAL))
        .await
        .json();
    assert_eq!(listed["attachments"], serde_json::json!([attachment]));
    let api = crm
        .get(&format!("/api/v1/attachments/{attachment_id}"), Some(VAL))
        .await;
    assert_eq!(api.status, StatusCode::OK);
    assert_eq!(api.header("content-type"), Some("application/pdf"));
    assert!(
        api.header("content-disposition")
            .unwrap()
            .starts_with("attachment;")
    );
    assert_eq!(api.body.as_ref(), bytes.as_slice(), "byte for byte");
    assert_eq!(sha256(&api.body), sha256(&bytes));

    let page_path = format!("/attachments/{attachment_id}");
    assert_eq!(
        crm.get_page(&page_path, None).await.status,
        StatusCode::SEE_OTHER
    );
    let cookie = crm.sign_in("val@example.com", "val-demo").await;
    let page = crm.get_page(&page_path, Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.body.as_ref(), bytes.as_slice());
}

// proves E3: at most 5 MiB; the JSON routes keep their own 256 KiB limit.
#[tokio::test]
async fn size_limits() {
    let crm = TestCrm::demo();
    let id = crm.id_of("grace-hopper");
    let at_limit = crm
        .upload(
            RILEY,
            id,
            &fresh_key(),
            "application/pdf",
            "Big.pdf",
            pdf(5 * MIB),
        )
        .await;
    assert_eq!(at_limit.status, StatusCode::CREATED, "{}", at_limit.text());
    let over = crm
        .upload(
            RILEY,
            id,
            &fresh_key(),
            "application/pdf",
            "Huge.pdf",
            pdf(5 * MIB + 1),
        )
        .await;
    assert_eq!(over.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(over.error_code(), "payload_too_large");
    assert_eq!(crm.count("attachments"), 1);

    let note = serde_json::json!({"text": "x".repeat(300 * 1024)});
    let big_json = crm
        .write(
            axum::http::Method::POST,
            &format!("/api/v1/contacts/{id}/notes"),
            RILEY,
            Some(&fresh_key()),
            &note,
        )
        .await;
    assert_eq!(big_json.status, StatusCode::PAYLOAD_TOO_LARGE);
}

// proves E3: only a PDF, sent as one.
#[tokio::test]
async fn only_pdfs_are_accepted() {
    let crm = TestCrm::demo();
    let id = crm.id_of("grace-hopper");
    let as_text = crm
        .upload(
            RILEY,
            id,
            &fresh_key(),
            "text/plain",
            "Profile.pdf",
            pdf(1000),
        )
        .await;
    assert_eq!(as_text.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(as_text.error_code(), "unsupported_media_type");
    let html = b"<!doctype html><title>Sign in</title>".to_vec();
    let not_pdf = crm
        .upload(
            RILEY,
            id,
            &fresh_key(),
            "application/pdf",
            "Profile.pdf",
            html,
        )
        .await;
    assert_eq!(not_pdf.status, StatusCode::BAD_REQUEST);
    assert_eq!(not_pdf.error_code(), "not_a_pdf");
    let viewer = crm
        .upload(
            VAL,
            id,
            &fresh_key(),
            "application/pdf",
            "Profile.pdf",
            pdf(1000),
        )
        .await;
    assert_eq!(viewer.status, StatusCode::FORBIDDEN);
    assert_eq!(crm.count("attachments"), 0);
}

// proves C1, E4: the contact page shows the source, the attachments (name, size, SHA-256, a
// download link), the notes and the applications.
#[tokio::test]
async fn the_contact_page_shows_what_the_extension_added() {
    let crm = TestCrm::demo();
    let id = crm.id_of("katherine-johnson");
    let bytes = pdf(3000);
    let attachment = crm
        .upload(
            RILEY,
            id,
            &fresh_key(),
            "application/pdf",
            "Katherine <CV>.pdf",
            bytes.clone(),
        )
        .await
        .json();
    crm.write(
        axum::http::Method::POST,
        &format!("/api/v1/contacts/{id}/notes"),
        RILEY,
        Some(&fresh_key()),
        &serde_json::json!({"text": "Prefers <remote> work."}),
    )
    .await;
    let cookie = crm.sign_in("riley@example.com", "riley-demo").await;
    let html = crm
        .get_page(&format!("/contacts/{id}"), Some(&cookie))
        .await
        .text();
    let attachment_id = attachment["id"].as_i64().unwrap();
    for shown in [
        format!("href=\"/attachments/{attachment_id}\""),
        "Katherine &lt;CV&gt;.pdf".to_string(),
        "3000 bytes".to_string(),
        sha256(&bytes),
        "Prefers &lt;remote&gt; work.".to_string(),
        "Data Scientist (active)".to_string(),
        "<dd data-field=\"source\">Manual</dd>".to_string(),
    ] {
        assert!(html.contains(&shown), "{shown} missing from the page");
    }
    let created = crm
        .create(
            RILEY,
            &serde_json::json!({"full_name": "Hedy Lamarr", "public_id": "hedy-lamarr",
                                "creation_source": "Extension"}),
        )
        .await
        .json();
    let html = crm
        .get_page(&format!("/contacts/{}", created["id"]), Some(&cookie))
        .await
        .text();
    assert!(html.contains("<dd data-field=\"source\">Extension</dd>"));
}
