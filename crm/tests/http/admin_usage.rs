//! `/admin/usage` (issue #18 item 6): every user's profile-PDF downloads by kind, for the admin
//! who sets the monthly limit, and the `kind` of a usage ticket that feeds it.

use crate::support::*;
use axum::http::{Method, StatusCode};
use serde_json::json;
use talent_bridge::quota::YearMonth;
use talent_bridge_crm::clock::now_ms;
use talent_bridge_crm::params;
use talent_bridge_crm::usage::{month_of, months_before};
use talent_bridge_crm::usage_report::{KindCounts, report};

on_both_engines!(
    a_tickets_kind_is_stored_and_shown_to_the_admin,
    six_months_back_are_counted_across_the_new_year,
);

const ADMIN_EMAIL: &str = "casey@example.com";
const ADMIN_PASSWORD: &str = "casey-demo";

impl TestCrm {
    async fn reserve_kind(&self, ticket: &str, kind: Option<&str>) -> Reply {
        let mut body = json!({ "ticket": ticket });
        if let Some(kind) = kind {
            body["kind"] = kind.into();
        }
        self.post_json("/api/v1/usage/reservations", Some(RILEY), &body)
            .await
    }

    async fn commit_kind(&self, ticket: &str, kind: Option<&str>) -> Reply {
        let query = kind.map(|k| format!("?kind={k}")).unwrap_or_default();
        let path = format!("/api/v1/usage/reservations/{ticket}/commit{query}");
        self.send(request(Method::POST, &path, Some(RILEY), None))
            .await
    }

    /// The admin page as the demo admin sees it.
    async fn admin_page(&self) -> Reply {
        let cookie = self.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD).await;
        self.get_page("/admin/usage", Some(&cookie)).await
    }

    fn kind_of(&self, ticket: &str) -> String {
        self.store(|s| {
            s.query_row(
                "SELECT kind FROM usage_tickets WHERE ticket = ?1",
                params![ticket],
                |r| r.get(0),
            )
        })
    }

    fn add_committed(&self, email: &str, ticket: &str, month: &str, kind: &str) {
        self.store(|s| {
            s.execute(
                "INSERT INTO usage_tickets (user_id, ticket, month, state, reserved_at_ms,
                     expires_at_ms, updated_at_ms, kind)
                 SELECT id, ?2, ?3, 'committed', 0, 0, 0, ?4 FROM users WHERE email = ?1",
                params![email, ticket, month, kind],
            )
        });
    }
}

/// The cells of the user's row: (data-col, text), in order.
fn cells(html: &str, email: &str) -> Vec<(String, String)> {
    let start = html
        .find(&format!("<tr data-user=\"{email}\">"))
        .unwrap_or_else(|| panic!("no row for {email}"));
    let row = &html[start..];
    let row = &row[..row.find("</tr>").unwrap()];
    row.split("<td data-col=\"")
        .skip(1)
        .map(|cell| {
            let (column, rest) = cell.split_once("\">").unwrap();
            let value = rest.split("</td>").next().unwrap();
            (column.to_string(), value.to_string())
        })
        .collect()
}

fn cell(cells: &[(String, String)], column: &str) -> u32 {
    cells
        .iter()
        .find(|(c, _)| c == column)
        .unwrap_or_else(|| panic!("no {column} in {cells:?}"))
        .1
        .parse()
        .unwrap()
}

// proves E6 (issue #18 item 6): a kind given at reserve is stored and kept by the commit; a
// manual download is a commit with its kind; a reservation without one is "export, kind not
// recorded"; an unknown kind is refused with the API's error and stores nothing. The admin's
// page shows this month by kind, live reservations, what is left of 200 and the six months
// before, 0 where nothing was counted.
async fn a_tickets_kind_is_stored_and_shown_to_the_admin(engine: Engine) {
    let crm = TestCrm::demo_on(engine);
    let reserved = crm.reserve_kind("c-1", Some("create")).await;
    assert_eq!(reserved.status, StatusCode::OK, "{}", reserved.text());
    assert_eq!(reserved.json()["kind"], "create");
    let committed = crm.commit_kind("c-1", None).await;
    assert_eq!(committed.json()["kind"], "create", "the commit keeps it");
    assert_eq!(crm.kind_of("c-1"), "create");

    crm.reserve_kind("u-1", Some("update")).await;
    crm.commit_kind("u-1", Some("create")).await;
    assert_eq!(
        crm.kind_of("u-1"),
        "update",
        "the first kind recorded stays"
    );
    let manual = crm.commit_kind("m-1", Some("manual")).await;
    assert_eq!(manual.status, StatusCode::OK, "{}", manual.text());
    assert_eq!(crm.kind_of("m-1"), "manual");
    let plain = crm.reserve_kind("e-1", None).await;
    assert!(plain.json().get("kind").is_none(), "{}", plain.text());
    crm.commit_kind("e-1", None).await;
    assert_eq!(crm.kind_of("e-1"), "export");
    crm.reserve_kind("held", Some("create")).await;
    crm.reserve_kind("gone", Some("create")).await;
    crm.ticket_action(RILEY, "gone", "release").await;

    let unknown = crm.reserve_kind("x-1", Some("bulk")).await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    assert_eq!(unknown.error_code(), "bad_request");
    assert_eq!(
        crm.commit_kind("x-2", Some("export")).await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        crm.number("SELECT count(*) FROM usage_tickets WHERE ticket LIKE 'x-%'"),
        0,
        "a refused kind stores nothing"
    );

    let (month, _) = month_of(now_ms());
    for (ticket, back, kind) in [
        ("b1", 1, "create"),
        ("b1b", 1, "export"),
        ("b6", 6, "update"),
    ] {
        crm.add_committed(
            "riley@example.com",
            ticket,
            &months_before(month, back).to_string(),
            kind,
        );
    }
    crm.add_committed(
        "riley@example.com",
        "b7",
        &months_before(month, 7).to_string(),
        "create",
    );
    crm.add_committed("val@example.com", "v1", &month.to_string(), "manual");

    let page = crm.admin_page().await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text());
    let html = page.text();
    let riley = cells(&html, "riley@example.com");
    let this_month: Vec<u32> = ["create", "update", "manual", "export", "reserved", "left"]
        .iter()
        .map(|c| cell(&riley, c))
        .collect();
    assert_eq!(this_month, [1, 1, 1, 1, 1, 195]);
    let before: Vec<u32> = (1..=6)
        .map(|n| cell(&riley, &format!("before-{n}")))
        .collect();
    assert_eq!(before, [2, 0, 0, 0, 0, 1], "seven months back is not shown");
    assert!(html.contains(&format!(
        "<th scope=\"col\">{}</th>",
        months_before(month, 1)
    )));
    assert!(html.contains(&format!(
        "<th scope=\"col\">{}</th>",
        months_before(month, 6)
    )));
    assert_eq!(cell(&cells(&html, "val@example.com"), "manual"), 1);
    let casey = cells(&html, "casey@example.com");
    assert_eq!(casey.iter().filter(|(_, v)| v == "0").count(), 11);
    assert_eq!(cell(&casey, "left"), 200);
    assert!(html.contains("Export, kind not recorded"));
    assert!(html.contains("200 profile PDF downloads per user"));
}

// proves E6 (issue #18 item 6): the six columns are the UTC months before the server's month,
// across a year boundary, read from either engine.
async fn six_months_back_are_counted_across_the_new_year(engine: Engine) {
    let crm = TestCrm::demo_on(engine);
    for (ticket, month, kind) in [
        ("jan-a", "2027-01", "create"),
        ("jan-b", "2027-01", "manual"),
        ("dec-a", "2026-12", "update"),
        ("dec-b", "2026-12", "export"),
        ("jul", "2026-07", "create"),
        ("jun", "2026-06", "create"),
        ("feb", "2027-02", "create"),
    ] {
        crm.add_committed("riley@example.com", ticket, month, kind);
    }
    let mid_january = YearMonth {
        year: 2027,
        month: 1,
    }
    .start_ms() as i64
        + 14 * 86_400_000;
    let report = crm.store(|s| report(s, mid_january));
    assert_eq!(report.month.to_string(), "2027-01");
    let months: Vec<String> = report.previous.iter().map(ToString::to_string).collect();
    assert_eq!(
        months,
        [
            "2026-12", "2026-11", "2026-10", "2026-09", "2026-08", "2026-07"
        ]
    );
    let riley = report
        .users
        .iter()
        .find(|u| u.email == "riley@example.com")
        .unwrap();
    assert_eq!(
        riley.this_month,
        KindCounts {
            create: 1,
            update: 0,
            manual: 1,
            export: 0
        }
    );
    assert_eq!(riley.previous, [2, 0, 0, 0, 0, 1]);
}

// proves A2, C5 (issue #18 item 6): a signed-in user who is not an admin gets a 403 page that
// shows nobody's usage, and no link to it on the start page; the admin gets the link.
#[tokio::test]
async fn a_non_admin_gets_403() {
    let crm = TestCrm::demo();
    crm.reserve_kind("c-1", Some("create")).await;
    let cookie = crm.sign_in("riley@example.com", "riley-demo").await;
    let refused = crm.get_page("/admin/usage", Some(&cookie)).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let html = refused.text();
    assert!(html.contains("No access"), "{html}");
    assert!(!html.contains("val@example.com") && !html.contains("data-user"));
    let home = crm.get_page("/", Some(&cookie)).await;
    assert!(!home.text().contains("/admin/usage"));

    let admin = crm.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let home = crm.get_page("/", Some(&admin)).await;
    assert!(home.text().contains("<a href=\"/admin/usage\">"));
}

// proves C5: signed out, the page sends to the sign-in page and back, showing nothing.
#[tokio::test]
async fn signed_out_is_sent_to_the_login_page() {
    let crm = TestCrm::demo();
    for cookie in [None, Some("tb_crm_session=forged")] {
        let reply = crm.get_page("/admin/usage", cookie).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER);
        assert_eq!(
            reply.header("location"),
            Some("/login?next=%2Fadmin%2Fusage")
        );
        assert!(!reply.text().contains("riley@example.com"));
    }
}

// proves C5, S5: a user's name and email are text on the admin's page, never markup; the page
// carries the pages' security headers.
#[tokio::test]
async fn names_on_the_page_are_escaped() {
    let crm = TestCrm::demo();
    crm.exec(
        "UPDATE users SET name = '<script>alert(1)</script>', email = 'r\"@example.com'
         WHERE email = 'riley@example.com'",
    );
    let page = crm.admin_page().await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert!(!html.contains("<script>"));
    assert!(html.contains("<tr data-user=\"r&quot;@example.com\">"));
    let csp = page.header("content-security-policy").unwrap();
    assert!(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"));
    assert_eq!(page.header("cache-control"), Some("no-store"));
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
}
