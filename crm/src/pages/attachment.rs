//! `GET /attachments/{id}`: an attachment, downloaded from the contact page by a signed-in user.
//! A file of a confidential contact is missing for users who may not see it (PRODUCT.md B5).

use super::html::{not_found, server_error};
use crate::app::AppState;
use crate::auth::SignedIn;
use crate::contacts::load_attachment;
use crate::download::file_response;
use axum::extract::{Path, State};
use axum::response::Response;

#[utoipa::path(
    get,
    path = "/attachments/{id}",
    tag = "pages",
    params(("id" = i64, Path, description = "The attachment's id")),
    responses(
        (status = 200, description = "The file, as a download", content_type = "application/pdf",
            body = Vec<u8>),
        (status = 303, description = "Not signed in: to /login, and back here after"),
        (status = 404, description = "No such attachment, or not visible to this user",
            content_type = "text/html", body = String),
    )
)]
pub async fn attachment_download(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path(id): Path<String>,
) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return not_found();
    };
    if !user.permissions.view {
        return not_found();
    }
    let see = user.permissions.confidential;
    match state
        .db
        .run(move |conn| load_attachment(conn, id, see))
        .await
    {
        Ok(Some(file)) => file_response(file),
        Ok(None) => not_found(),
        Err(e) => {
            eprintln!("crm: error: {e}");
            server_error()
        }
    }
}
