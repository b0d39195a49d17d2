//! `GET /contacts/{id}`: the contact's record, the page the badge links to (PRODUCT.md B2).
//! Needs a signed-in CRM user; a confidential contact is shown only to users allowed to see it,
//! everyone else gets the very page a missing id gets (PRODUCT.md B5). It shows where the
//! contact came from (E4), the attachments with their SHA-256, notes and applications (C1).

use super::html::{SIGN_OUT, escape, not_found, page, server_error};
use crate::app::AppState;
use crate::auth::SignedIn;
use crate::contacts::{ContactRecord, load_record};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

#[utoipa::path(
    get,
    path = "/contacts/{id}",
    tag = "pages",
    params(("id" = i64, Path, description = "The contact's id")),
    responses(
        (status = 200, description = "The contact's record", content_type = "text/html", body = String),
        (status = 303, description = "Not signed in: to /login, and back here after"),
        (status = 404, description = "No such contact, or not visible to this user",
            content_type = "text/html", body = String),
    )
)]
pub async fn contact_page(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path(id): Path<String>,
) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return not_found();
    };
    if !user.permissions.view {
        return page(
            StatusCode::FORBIDDEN,
            "No access",
            "<h1>No access</h1><p>Your CRM account may not view contacts. Ask your CRM \
             administrator for access.</p>",
        );
    }
    let see_confidential = user.permissions.confidential;
    let public_url = state.config.public_url.clone();
    let record = state
        .db
        .run(move |conn| load_record(conn, id, see_confidential, &public_url))
        .await;
    match record {
        Ok(Some(record)) => page(StatusCode::OK, &record.card.full_name, &render(&record)),
        Ok(None) => not_found(),
        Err(e) => {
            eprintln!("crm: error: {e}");
            server_error()
        }
    }
}

fn render(record: &ContactRecord) -> String {
    let card = &record.card;
    let marker = if card.confidential {
        " <span class=\"confidential\" data-crm=\"confidential\">Confidential</span>"
    } else {
        ""
    };
    let headline = card
        .headline
        .as_deref()
        .map(|h| format!("<p class=\"sub\">{}</p>", escape(h)))
        .unwrap_or_default();
    // Every email and phone the CRM holds (updates add the profile's, PRODUCT.md E5).
    let emails: Vec<String> = record
        .profile
        .emails
        .iter()
        .map(|e| format!("<a href=\"mailto:{0}\">{0}</a>", escape(e)))
        .collect();
    let email = (!emails.is_empty()).then(|| emails.join(", "));
    let phone = (!record.profile.phones.is_empty()).then(|| {
        record
            .profile
            .phones
            .iter()
            .map(|p| escape(p))
            .collect::<Vec<_>>()
            .join(", ")
    });
    let profile = record
        .profile_url
        .as_deref()
        .filter(|u| u.starts_with("https://"))
        .map(|u| format!("<a href=\"{0}\" rel=\"noreferrer\">{0}</a>", escape(u)));
    let applications = record
        .applications
        .iter()
        .map(|(vacancy, status)| format!("{} ({})", vacancy, status))
        .collect::<Vec<_>>();
    let rows = [
        ("Title", card.title.as_deref().map(escape)),
        ("Company", card.company.as_deref().map(escape)),
        ("Location", card.location.as_deref().map(escape)),
        ("Email", email),
        ("Phone", phone),
        ("Profile", profile),
        ("Owner", card.owner.as_deref().map(escape)),
        ("Pools", list(&card.pools)),
        ("Vacancies", list(&card.vacancies)),
        ("Applications", list(&applications)),
        ("Source", Some(escape(&record.creation_source))),
        ("Created", Some(escape(&record.created_at))),
        ("Updated", Some(escape(&card.updated_at))),
    ];
    let rows: String = rows
        .iter()
        .map(|(label, value)| {
            let value = value
                .clone()
                .unwrap_or_else(|| "<span class=\"sub\">—</span>".into());
            format!(
                "<dt>{label}</dt><dd data-field=\"{}\">{value}</dd>",
                label.to_lowercase()
            )
        })
        .collect();
    format!(
        "<nav><a href=\"/\">Start</a> · {SIGN_OUT}</nav>\
         <h1>{}{marker}</h1>{headline}<dl>{rows}</dl>{}",
        escape(&card.full_name),
        super::contact_sections::sections(record)
    )
}

fn list(items: &[String]) -> Option<String> {
    (!items.is_empty()).then(|| {
        items
            .iter()
            .map(|i| escape(i))
            .collect::<Vec<_>>()
            .join(", ")
    })
}
