//! `GET /admin/usage`: every user's profile-PDF downloads, for the admin who sets the monthly
//! limit (issue #18 item 6; PRODUCT.md E6, A2). Signed-in admins only: anyone else signed in
//! gets a 403 page, and a visitor the sign-in page.

use super::html::{SIGN_OUT, escape, page, server_error};
use crate::app::AppState;
use crate::auth::SignedIn;
use crate::clock::now_ms;
use crate::usage_report::{UsageReport, UserUsage, report};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use talent_bridge::policy::SITE_MONTHLY_LIMIT;

#[utoipa::path(
    get,
    path = "/admin/usage",
    tag = "pages",
    responses(
        (status = 200, description = "Every user's downloads this month by kind, live \
            reservations, and the six months before", content_type = "text/html", body = String),
        (status = 303, description = "Not signed in: to /login, and back here after"),
        (status = 403, description = "Signed in, but not a CRM admin", content_type = "text/html",
            body = String),
    )
)]
pub async fn admin_usage(State(state): State<AppState>, SignedIn(user): SignedIn) -> Response {
    if !user.admin {
        return page(
            StatusCode::FORBIDDEN,
            "No access",
            "<h1>No access</h1><p>Only CRM admins see everyone's profile downloads. Ask your \
             CRM administrator. <a href=\"/\">Back to the start page</a>.</p>",
        );
    }
    match state.db.run(|sql| report(sql, now_ms())).await {
        Ok(report) => page(StatusCode::OK, "Profile downloads", &render(&report)),
        Err(e) => {
            eprintln!("crm: error: {e}");
            server_error()
        }
    }
}

fn render(report: &UsageReport) -> String {
    let months: String = report
        .previous
        .iter()
        .map(|m| format!("<th scope=\"col\">{m}</th>"))
        .collect();
    let rows: String = report.users.iter().map(row).collect();
    format!(
        "<nav><a href=\"/\">Start</a> · {SIGN_OUT}</nav>\
         <h1>Profile downloads</h1>\
         <p class=\"sub\">Months in UTC by the CRM's clock. This month is {month}.</p>\
         <p data-field=\"limit\">The site allows {SITE_MONTHLY_LIMIT} profile PDF downloads per \
         user per calendar month; “Left” counts against those {SITE_MONTHLY_LIMIT}. A lower \
         limit set by policy (<code>MonthlyLimit</code>) is applied by the extension.</p>\
         <div class=\"wide\"><table><thead>\
         <tr><th rowspan=\"2\" scope=\"col\">User</th>\
         <th colspan=\"6\" scope=\"colgroup\">This month ({month})</th>\
         <th colspan=\"{n}\" scope=\"colgroup\">Committed in the months before</th></tr>\
         <tr><th scope=\"col\">Created</th><th scope=\"col\">Updated</th>\
         <th scope=\"col\">Manual</th><th scope=\"col\">Export, kind not recorded</th>\
         <th scope=\"col\">Reserved now</th><th scope=\"col\">Left of {SITE_MONTHLY_LIMIT}</th>\
         {months}</tr></thead><tbody>{rows}</tbody></table></div>",
        month = report.month,
        n = report.previous.len(),
    )
}

fn row(user: &UserUsage) -> String {
    let counts = &user.this_month;
    let used = counts.total().saturating_add(user.reserved);
    let cells = [
        ("create", counts.create),
        ("update", counts.update),
        ("manual", counts.manual),
        ("export", counts.export),
        ("reserved", user.reserved),
        ("left", SITE_MONTHLY_LIMIT.saturating_sub(used)),
    ];
    let this_month: String = cells
        .iter()
        .map(|(column, n)| format!("<td data-col=\"{column}\">{n}</td>"))
        .collect();
    let before: String = user
        .previous
        .iter()
        .enumerate()
        .map(|(i, n)| format!("<td data-col=\"before-{}\">{n}</td>", i + 1))
        .collect();
    format!(
        "<tr data-user=\"{email}\"><th scope=\"row\">{name}<br>\
         <span class=\"sub\">{email}</span></th>{this_month}{before}</tr>",
        name = escape(&user.name),
        email = escape(&user.email),
    )
}
