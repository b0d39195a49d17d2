//! `POST /api/v1/contacts/{id}/attachments?filename=`: the profile PDF (PRODUCT.md E3, C3);
//! `GET` on the same path lists a contact's attachments, and `GET /api/v1/attachments/{id}`
//! reads one back with a token.

use super::contact_id;
use crate::app::AppState;
use crate::auth::ApiUser;
use crate::contacts::{list_attachments, load_attachment, may_add_to, store_attachment, visible};
use crate::download::file_response;
use crate::error::AppError;
use crate::idempotency::{Answer, IdempotencyKey, Write, run_once};
use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use serde::{Deserialize, Serialize};
use talent_bridge::crm::{ApiError, Attachment, Permission};

/// The largest PDF accepted: PRODUCT.md E3's 5 MB, in MiB.
pub const MAX_ATTACHMENT_BYTES: usize = 5 * 1024 * 1024;
const PDF_MAGIC: &[u8] = b"%PDF-";
const PDF_TYPE: &str = "application/pdf";
const DEFAULT_NAME: &str = "Profile.pdf";
const MAX_NAME_CHARS: usize = 200;

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UploadQuery {
    /// The file's name as the contact page shows it (default `Profile.pdf`).
    #[serde(default)]
    pub filename: Option<String>,
}

#[utoipa::path(
    post,
    path = "/api/v1/contacts/{id}/attachments",
    tag = "contacts",
    request_body(content = Vec<u8>, content_type = "application/pdf",
        description = "The PDF itself, at most 5 MiB"),
    params(("id" = i64, Path, description = "The contact's id"), UploadQuery,
        super::IdempotencyHeader),
    responses(
        (status = 201, description = "Stored durably; its size and SHA-256", body = Attachment),
        (status = 400, description = "The body is not a PDF (no `%PDF-` header), or no \
            Idempotency-Key", body = ApiError),
        (status = 401, description = "Missing, expired or revoked token", body = ApiError),
        (status = 403, description = "The user may not edit this contact", body = ApiError),
        (status = 404, description = "No such contact, or not visible to this user",
            body = ApiError),
        (status = 413, description = "Larger than 5 MiB", body = ApiError),
        (status = 415, description = "Not sent as `application/pdf`", body = ApiError),
        (status = 422, description = "The Idempotency-Key was used for another request",
            body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn upload(
    State(state): State<AppState>,
    user: ApiUser,
    key: IdempotencyKey,
    Path(id): Path<String>,
    query: Result<Query<UploadQuery>, QueryRejection>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Answer, AppError> {
    super::memberships::require_writer(&user)?;
    let id = contact_id(&id)?;
    let filename = clean_filename(query?.0.filename.as_deref());
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase());
    if content_type.as_deref() != Some(PDF_TYPE) {
        return Err(AppError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "Send the PDF itself as the body, with `Content-Type: application/pdf`.",
        ));
    }
    let bytes = body.map_err(too_large)?;
    if bytes.len() > MAX_ATTACHMENT_BYTES {
        return Err(too_large_error());
    }
    if !bytes.starts_with(PDF_MAGIC) {
        return Err(AppError::bad_request_code(
            "not_a_pdf",
            "The file is not a PDF (it does not start with `%PDF-`). Download the profile's \
             PDF again.",
        ));
    }
    let route = format!("POST /api/v1/contacts/{id}/attachments");
    let request = Write::new(user.0.id, route, key, &[filename.as_bytes(), &bytes]);
    let user = user.0;
    let public_url = state.config.public_url.clone();
    run_once(&state, request, move |tx| {
        let Some(contact) = visible(tx, id, &user)? else {
            return Err(AppError::no_such_contact());
        };
        if !may_add_to(&user, &contact) {
            return Err(AppError::forbidden(Permission::Edit));
        }
        let attachment =
            store_attachment(tx, id, user.id, &filename, PDF_TYPE, &bytes, &public_url)?;
        eprintln!(
            "crm: attachment {} ({} bytes) added to contact {id}",
            attachment.id, attachment.size
        );
        Answer::json(StatusCode::CREATED, &attachment)
    })
    .await
}

/// `GET /api/v1/contacts/{id}/attachments`: newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AttachmentList {
    pub attachments: Vec<Attachment>,
}

#[utoipa::path(
    get,
    path = "/api/v1/contacts/{id}/attachments",
    tag = "contacts",
    params(("id" = i64, Path, description = "The contact's id")),
    responses(
        (status = 200, description = "The contact's attachments, newest first, without their \
            content", body = AttachmentList),
        (status = 401, description = "Missing, expired or revoked token", body = ApiError),
        (status = 403, description = "The user may not view contacts", body = ApiError),
        (status = 404, description = "No such contact, or not visible to this user",
            body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn list(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<String>,
) -> Result<Json<AttachmentList>, AppError> {
    user.require(Permission::View)?;
    let id = contact_id(&id)?;
    let public_url = state.config.public_url.clone();
    let user = user.0;
    let attachments = state
        .db
        .run(move |conn| match visible(conn, id, &user)? {
            Some(_) => Ok(Some(list_attachments(conn, id, &public_url)?)),
            None => Ok(None),
        })
        .await?;
    attachments
        .map(|attachments| Json(AttachmentList { attachments }))
        .ok_or_else(AppError::no_such_contact)
}

#[utoipa::path(
    get,
    path = "/api/v1/attachments/{id}",
    tag = "contacts",
    params(("id" = i64, Path, description = "The attachment's id")),
    responses(
        (status = 200, description = "The file, as a download", content_type = "application/pdf",
            body = Vec<u8>),
        (status = 401, description = "Missing, expired or revoked token", body = ApiError),
        (status = 403, description = "The user may not view contacts", body = ApiError),
        (status = 404, description = "No such attachment, or its contact is not visible to \
            this user", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn download(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    user.require(Permission::View)?;
    let missing = || AppError::not_found("The CRM has no such attachment.");
    let id: i64 = id.parse().map_err(|_| missing())?;
    let see = user.0.permissions.confidential;
    let file = state
        .db
        .run(move |conn| load_attachment(conn, id, see))
        .await?;
    file.map(file_response).ok_or_else(missing)
}

/// A name safe to store and show: no path, no control characters, not too long.
fn clean_filename(raw: Option<&str>) -> String {
    let name: String = raw
        .unwrap_or_default()
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_NAME_CHARS)
        .collect();
    let name = name.trim();
    if name.is_empty() || name.starts_with('.') {
        DEFAULT_NAME.to_string()
    } else {
        name.to_string()
    }
}

fn too_large(rejection: BytesRejection) -> AppError {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        too_large_error()
    } else {
        AppError::bad_request(format!("The upload failed: {}", rejection.body_text()))
    }
}

fn too_large_error() -> AppError {
    AppError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "payload_too_large",
        format!(
            "The PDF is larger than {} MiB; the CRM does not take it.",
            MAX_ATTACHMENT_BYTES / 1024 / 1024
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filenames_lose_paths_and_control_characters() {
        assert_eq!(clean_filename(None), "Profile.pdf");
        assert_eq!(clean_filename(Some("../../etc/passwd")), "passwd");
        assert_eq!(
            clean_filename(Some("C:\\x\\Ada Lovelace.pdf")),
            "Ada Lovelace.pdf"
        );
        assert_eq!(clean_filename(Some("a\nb.pdf")), "ab.pdf");
        assert_eq!(clean_filename(Some(".hidden")), "Profile.pdf");
    }
}
