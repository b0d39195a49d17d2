//! `GET /`: who is signed in, and where to go from here.

use super::html::{SIGN_OUT, escape, page};
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
pub async fn home(SignedIn(user): SignedIn) -> Response {
    let admin = if user.admin {
        "<p><a href=\"/admin/usage\">Profile downloads of every user</a> (admins only).</p>"
    } else {
        ""
    };
    let body = format!(
        "<nav>{SIGN_OUT}</nav><h1>Talent CRM</h1>\
         <p>Signed in as {} ({}).</p>\
         <p>Contacts open from the Talent Bridge badge. The API is described in \
         <a href=\"/api/v1/openapi.json\">openapi.json</a>.</p>{admin}",
        escape(&user.name),
        escape(&user.email)
    );
    page(StatusCode::OK, "Start", &body)
}
