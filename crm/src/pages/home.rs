//! `GET /`: who is signed in, and where to go from here.

use super::html::{escape, page, sign_out};
use super::lang::Lang;
use super::words::Key;
use crate::auth::SignedIn;
use axum::http::StatusCode;
use axum::response::Response;

#[utoipa::path(
    get,
    path = "/",
    tag = "pages",
    responses(
        (status = 200, description = "Start page", content_type = "text/html", body = String),
        (status = 303, description = "Not signed in: to /login"),
    )
)]
pub async fn home(SignedIn(user): SignedIn, lang: Lang) -> Response {
    let admin = if user.admin {
        let link = format!(
            "<a href=\"/admin/usage\">{}</a>",
            lang.say(Key::HomeAdminLink)
        );
        format!(
            "<p>{}</p>",
            lang.fill(Key::HomeAdminsOnly, &[("link", &link)])
        )
    } else {
        String::new()
    };
    let signed_in = lang.fill(
        Key::HomeSignedInAs,
        &[
            ("name", &format!("<bdi>{}</bdi>", escape(&user.name))),
            ("email", &escape(&user.email)),
        ],
    );
    let api = "<a href=\"/api/v1/openapi.json\">openapi.json</a>";
    let body = format!(
        "<nav>{}</nav><h1>Talent CRM</h1><p>{signed_in}</p><p>{}</p>{admin}",
        sign_out(lang),
        lang.fill(Key::HomeContacts, &[("link", api)]),
    );
    page(lang, StatusCode::OK, lang.say(Key::Start), &body)
}
