//! `GET /admin/usage`: every user's profile-PDF downloads, for the admin who sets the monthly
//! limit (issue #18 item 6; PRODUCT.md E6, A2). Signed-in admins only: anyone else signed in
//! gets a 403 page, and a visitor the sign-in page.

use super::html::{escape, page, server_error_in, sign_out};
use super::lang::Lang;
use super::words::Key;
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
pub async fn admin_usage(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    lang: Lang,
) -> Response {
    if !user.admin {
        let title = lang.say(Key::NoAccess);
        let body = format!(
            "<h1>{title}</h1><p>{} <a href=\"/\">{}</a>.</p>",
            lang.say(Key::NoAccessUsage),
            lang.say(Key::BackToStart)
        );
        return page(lang, StatusCode::FORBIDDEN, title, &body);
    }
    match state.db.run(|sql| report(sql, now_ms())).await {
        Ok(report) => page(
            lang,
            StatusCode::OK,
            lang.say(Key::UsageTitle),
            &render(&report, lang),
        ),
        Err(e) => {
            eprintln!("crm: error: {e}");
            server_error_in(lang)
        }
    }
}

fn render(report: &UsageReport, lang: Lang) -> String {
    let months: String = report
        .previous
        .iter()
        .map(|m| format!("<th scope=\"col\">{m}</th>"))
        .collect();
    let rows: String = report.users.iter().map(row).collect();
    let month = escape(&report.month.to_string());
    let limit = SITE_MONTHLY_LIMIT.to_string();
    let head = |key| lang.say(key);
    format!(
        "<nav><a href=\"/\">{start}</a> · {sign_out}</nav>\
         <h1>{title}</h1>\
         <p class=\"sub\">{months_note}</p>\
         <p data-field=\"limit\">{limit_note}</p>\
         <div class=\"wide\"><table><thead>\
         <tr><th rowspan=\"2\" scope=\"col\">{user}</th>\
         <th colspan=\"6\" scope=\"colgroup\">{this_month}</th>\
         <th colspan=\"{n}\" scope=\"colgroup\">{before}</th></tr>\
         <tr><th scope=\"col\">{created}</th><th scope=\"col\">{updated}</th>\
         <th scope=\"col\">{manual}</th><th scope=\"col\">{export}</th>\
         <th scope=\"col\">{reserved}</th><th scope=\"col\">{left}</th>\
         {months}</tr></thead><tbody>{rows}</tbody></table></div>",
        start = head(Key::Start),
        sign_out = sign_out(lang),
        title = head(Key::UsageTitle),
        months_note = lang.fill(Key::UsageMonths, &[("month", &month)]),
        limit_note = lang.fill(Key::UsageLimit, &[("limit", &limit)]),
        user = head(Key::UsageUser),
        this_month = lang.fill(Key::UsageThisMonth, &[("month", &month)]),
        before = head(Key::UsageBefore),
        created = head(Key::UsageCreated),
        updated = head(Key::UsageUpdated),
        manual = head(Key::UsageManual),
        export = head(Key::UsageExport),
        reserved = head(Key::UsageReserved),
        left = lang.fill(Key::UsageLeft, &[("limit", &limit)]),
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
        "<tr data-user=\"{email}\"><th scope=\"row\"><bdi>{name}</bdi><br>\
         <span class=\"sub\">{email}</span></th>{this_month}{before}</tr>",
        name = escape(&user.name),
        email = escape(&user.email),
    )
}
