//! The CRM's own pages: sign-in and the contact record the badge links to.

use crate::support::*;
use axum::http::StatusCode;

fn contact_id(crm: &TestCrm, public_id: &str) -> i64 {
    crm.sql()
        .query_row(
            "SELECT id FROM contacts WHERE public_id = ?1",
            [public_id],
            |r| r.get(0),
        )
        .unwrap()
}

// proves B2: the badge's link leads to the record, behind the CRM's sign-in and back.
#[tokio::test]
async fn the_contact_page_needs_a_signed_in_user() {
    let crm = TestCrm::demo();
    let id = contact_id(&crm, "ada-lovelace");
    let path = format!("/contacts/{id}");
    let anonymous = crm.get_page(&path, None).await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    assert_eq!(
        anonymous.header("location"),
        Some(format!("/login?next=%2Fcontacts%2F{id}").as_str())
    );
    assert!(!anonymous.text().contains("Ada"));
    let stale = crm.get_page(&path, Some("tb_crm_session=forged")).await;
    assert_eq!(stale.status, StatusCode::SEE_OTHER);

    let form = crm
        .get_page(&format!("/login?next=%2Fcontacts%2F{id}"), None)
        .await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.text()
            .contains(&format!("name=\"next\" value=\"/contacts/{id}\""))
    );

    let login = crm.login("riley@example.com", "riley-demo", &path).await;
    assert_eq!(login.status, StatusCode::SEE_OTHER);
    assert_eq!(login.header("location"), Some(path.as_str()));
    let cookie = login.header("set-cookie").unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(
        cookie.contains("Secure"),
        "the CRM is served over https: {cookie}"
    );
    let cookie = cookie.split(';').next().unwrap();

    let page = crm.get_page(&path, Some(cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    for shown in [
        "Ada Lovelace",
        "Lead Engineer at Analytical Engines",
        "Analytical Engines",
        "London, England, United Kingdom",
        "ada@example.org",
        "+44 20 7946 0001",
        "Riley Recruiter",
        "Engineering leaders",
        "Staff Engineer",
        "Manual",
        "2026-03-02T10:15:00Z",
    ] {
        assert!(html.contains(shown), "{shown} missing");
    }
    assert!(!html.contains("data-crm=\"confidential\""));
    assert_eq!(page.header("cache-control"), Some("no-store"));
}

#[tokio::test]
async fn a_wrong_password_signs_nobody_in() {
    let crm = TestCrm::demo();
    for (email, password) in [
        ("riley@example.com", "wrong"),
        ("nobody@example.com", "riley-demo"),
    ] {
        let reply = crm.login(email, password, "/").await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
        assert!(reply.header("set-cookie").is_none());
        assert!(reply.text().contains("do not match an account"));
    }
}

#[tokio::test]
async fn sign_in_never_redirects_off_the_crm() {
    let crm = TestCrm::demo();
    for next in [
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
    ] {
        let reply = crm.login("val@example.com", "val-demo", next).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER);
        assert_eq!(reply.header("location"), Some("/"), "{next}");
    }
}

// proves B5: a confidential record is the same "not found" as a missing one for users without
// the permission, and shown, marked, to users with it.
#[tokio::test]
async fn confidential_records_are_hidden_from_users_without_the_permission() {
    let crm = TestCrm::demo();
    let id = contact_id(&crm, "edsger-dijkstra");
    let missing = crm
        .sql()
        .query_row("SELECT max(id) + 1 FROM contacts", [], |r| {
            r.get::<_, i64>(0)
        })
        .unwrap();
    for (email, password) in [
        ("val@example.com", "val-demo"),
        ("riley@example.com", "riley-demo"),
    ] {
        let cookie = crm.sign_in(email, password).await;
        let hidden = crm
            .get_page(&format!("/contacts/{id}"), Some(&cookie))
            .await;
        let absent = crm
            .get_page(&format!("/contacts/{missing}"), Some(&cookie))
            .await;
        assert_eq!(hidden.status, StatusCode::NOT_FOUND);
        assert_eq!(
            hidden.body, absent.body,
            "{email}: indistinguishable from a missing id"
        );
        assert!(!hidden.text().contains("Dijkstra"));
        let junk = crm.get_page("/contacts/not-a-number", Some(&cookie)).await;
        assert_eq!(junk.status, StatusCode::NOT_FOUND);
    }
    let cookie = crm.sign_in("casey@example.com", "casey-demo").await;
    let shown = crm
        .get_page(&format!("/contacts/{id}"), Some(&cookie))
        .await;
    assert_eq!(shown.status, StatusCode::OK);
    assert!(shown.text().contains("Edsger Dijkstra"));
    assert!(shown.text().contains("data-crm=\"confidential\""));
}

#[tokio::test]
async fn signing_out_ends_the_session() {
    let crm = TestCrm::demo();
    let cookie = crm.sign_in("val@example.com", "val-demo").await;
    assert_eq!(
        crm.get_page("/", Some(&cookie)).await.status,
        StatusCode::OK
    );
    // A link or an image on another page must not sign anyone out: POST only (C5).
    let get = crm.get_page("/logout", Some(&cookie)).await;
    assert_eq!(get.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(get.header("set-cookie").is_none());
    assert_eq!(
        crm.get_page("/", Some(&cookie)).await.status,
        StatusCode::OK,
        "GET /logout ended nothing"
    );
    let home = crm.get_page("/", Some(&cookie)).await.text();
    assert!(
        home.contains("<form class=\"inline\" method=\"post\" action=\"/logout\">"),
        "{home}"
    );
    assert!(!home.contains("href=\"/logout\""));
    let post = axum::http::Request::post("/logout")
        .header(axum::http::header::COOKIE, &cookie)
        .body(axum::body::Body::empty())
        .unwrap();
    let out = crm.send(post).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert!(out.header("set-cookie").unwrap().contains("Max-Age=0"));
    assert_eq!(
        crm.get_page("/", Some(&cookie)).await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn everything_shown_is_escaped() {
    let crm = TestCrm::demo();
    crm.sql()
        .execute(
            "INSERT INTO contacts (full_name, headline, company, creation_source)
             VALUES ('<script>alert(1)</script>', '\"><img src=x onerror=alert(2)>', 'A & B', 'Manual')",
            [],
        )
        .unwrap();
    let id: i64 = crm
        .sql()
        .query_row("SELECT max(id) FROM contacts", [], |r| r.get(0))
        .unwrap();
    let cookie = crm.sign_in("val@example.com", "val-demo").await;
    let html = crm
        .get_page(&format!("/contacts/{id}"), Some(&cookie))
        .await
        .text();
    assert!(!html.contains("<script>alert"));
    assert!(!html.contains("<img"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("A &amp; B"));
}

/// `GET path` as a browser that prefers `accept_language`.
async fn page_in(crm: &TestCrm, path: &str, cookie: Option<&str>, accept_language: &str) -> Reply {
    let mut builder =
        axum::http::Request::get(path).header(axum::http::header::ACCEPT_LANGUAGE, accept_language);
    if let Some(cookie) = cookie {
        builder = builder.header(axum::http::header::COOKIE, cookie);
    }
    crm.send(builder.body(axum::body::Body::empty()).unwrap())
        .await
}

fn says(reply: &Reply, lang: &str, words: &[&str]) {
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let html = reply.text();
    assert!(
        html.contains(&format!("<html lang=\"{lang}\">")),
        "not in {lang}: {html}"
    );
    for word in words {
        assert!(html.contains(word), "{word:?} missing from {html}");
    }
}

// proves L1 for the CRM's pages (issue #21 deliver 5): log-in, consent, contact and usage pages
// in the language the browser prefers most among ours, by its q-values; English otherwise.
#[tokio::test]
async fn the_pages_speak_the_language_the_browser_prefers() {
    use talent_bridge_crm::pages::lang::Lang;
    use talent_bridge_crm::pages::words::Key;
    let crm = TestCrm::demo();
    let french = "fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5";

    let login = page_in(&crm, "/login", None, french).await;
    says(
        &login,
        "fr",
        &[
            "Connectez-vous au CRM",
            "Mot de passe",
            ">Se connecter</button>",
        ],
    );

    let riley = crm.sign_in("riley@example.com", "riley-demo").await;
    let id = contact_id(&crm, "ada-lovelace");
    let contact = page_in(&crm, &format!("/contacts/{id}"), Some(&riley), french).await;
    says(
        &contact,
        "fr",
        &[
            "<dt>Téléphone</dt>",
            "<dt>Viviers</dt>",
            "Se déconnecter",
            "Ada Lovelace",
        ],
    );
    assert!(!contact.text().contains("<dt>Phone</dt>"));

    let flow = crate::oauth::flow();
    let consent = page_in(
        &crm,
        &crate::oauth::authorize_path(&flow),
        Some(&riley),
        french,
    )
    .await;
    says(
        &consent,
        "fr",
        &[
            "Autoriser Talent Bridge ?",
            ">Autoriser</button>",
            ">Refuser</button>",
        ],
    );

    let casey = crm.sign_in("casey@example.com", "casey-demo").await;
    let usage = page_in(&crm, "/admin/usage", Some(&casey), french).await;
    says(
        &usage,
        "fr",
        &["<h1>Téléchargements de profils</h1>", "Restants sur 200"],
    );

    // The weights decide, not the order; a language of none of ours is skipped; q=0 is "no".
    for (accept, lang, heading) in [
        ("en;q=0.3, de-AT", "de", "Beim CRM anmelden"),
        ("ja, nl;q=0.5, en;q=0.4", "nl", "Inloggen bij het CRM"),
        ("fr;q=0, it;q=0.2", "it", "Accedi al CRM"),
        ("ja, zh-CN;q=0.8", "en", "Sign in to the CRM"),
        ("", "en", "Sign in to the CRM"),
    ] {
        let reply = page_in(&crm, "/login", None, accept).await;
        says(&reply, lang, &[heading]);
    }
    // Every language of ours, by its own tag.
    for lang in Lang::ALL {
        let reply = page_in(&crm, "/login", None, lang.tag()).await;
        says(&reply, lang.tag(), &[lang.say(Key::SignInHeading)]);
    }
}
