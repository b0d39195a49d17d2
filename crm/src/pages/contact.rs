//! `GET /contacts/{id}`: the contact's record, the page the badge links to (PRODUCT.md B2).
//! Needs a signed-in CRM user; a confidential contact is shown only to users allowed to see it,
//! everyone else gets the very page a missing id gets (PRODUCT.md B5). It shows where the
//! contact came from (E4), the attachments with their SHA-256, notes and applications (C1).

use super::html::{escape, not_found_in, page, server_error_in, sign_out};
use super::lang::Lang;
use super::words::Key;
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
    lang: Lang,
    Path(id): Path<String>,
) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return not_found_in(lang);
    };
    if !user.permissions.view {
        let title = lang.say(Key::NoAccess);
        let body = format!("<h1>{title}</h1><p>{}</p>", lang.say(Key::NoAccessContacts));
        return page(lang, StatusCode::FORBIDDEN, title, &body);
    }
    let see_confidential = user.permissions.confidential;
    let public_url = state.config.public_url.clone();
    let record = state
        .db
        .run(move |conn| load_record(conn, id, see_confidential, &public_url))
        .await;
    match record {
        Ok(Some(record)) => page(
            lang,
            StatusCode::OK,
            &record.card.full_name,
            &render(&record, lang),
        ),
        Ok(None) => not_found_in(lang),
        Err(e) => {
            eprintln!("crm: error: {e}");
            server_error_in(lang)
        }
    }
}

fn render(record: &ContactRecord, lang: Lang) -> String {
    let card = &record.card;
    let marker = if card.confidential {
        format!(
            " <span class=\"confidential\" data-crm=\"confidential\">{}</span>",
            lang.say(Key::Confidential)
        )
    } else {
        String::new()
    };
    // The contact's own words may be Arabic or Hebrew: each in its own direction (issue #21).
    let headline = card
        .headline
        .as_deref()
        .map(|h| format!("<p class=\"sub\" dir=\"auto\">{}</p>", escape(h)))
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
    // (field, label, value): the field names the row for machines, in English always.
    let rows = [
        ("title", Key::Title, card.title.as_deref().map(escape)),
        ("company", Key::Company, card.company.as_deref().map(escape)),
        (
            "location",
            Key::Location,
            card.location.as_deref().map(escape),
        ),
        ("email", Key::Email, email),
        ("phone", Key::Phone, phone),
        ("profile", Key::Profile, profile),
        ("owner", Key::Owner, card.owner.as_deref().map(escape)),
        ("pools", Key::Pools, list(&card.pools)),
        ("vacancies", Key::Vacancies, list(&card.vacancies)),
        ("applications", Key::Applications, list(&applications)),
        ("source", Key::Source, Some(escape(&record.creation_source))),
        ("created", Key::Created, Some(escape(&record.created_at))),
        ("updated", Key::Updated, Some(escape(&card.updated_at))),
    ];
    let rows: String = rows
        .iter()
        .map(|(field, label, value)| {
            let value = value
                .clone()
                .unwrap_or_else(|| "<span class=\"sub\">—</span>".into());
            // The contact's own words in their own direction; the CRM's (source, dates) are ours.
            let dir = if matches!(*field, "source" | "created" | "updated") {
                ""
            } else {
                " dir=\"auto\""
            };
            format!(
                "<dt>{}</dt><dd data-field=\"{field}\"{dir}>{value}</dd>",
                lang.say(*label)
            )
        })
        .collect();
    format!(
        "<nav><a href=\"/\">{start}</a> · {sign_out}</nav>\
         <h1><bdi>{}</bdi>{marker}</h1>{headline}<dl>{rows}</dl>{}",
        escape(&card.full_name),
        super::contact_sections::sections(record, lang),
        start = lang.say(Key::Start),
        sign_out = sign_out(lang),
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
