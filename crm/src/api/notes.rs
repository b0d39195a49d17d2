//! `POST /api/v1/contacts/{id}/notes`: a note from the export panel (PRODUCT.md E2).

use super::{contact_id, json_body};
use crate::app::AppState;
use crate::auth::ApiUser;
use crate::contacts::{add_note, may_add_to, visible};
use crate::error::AppError;
use crate::idempotency::{Answer, IdempotencyKey, Write, run_once};
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use talent_bridge::crm::{ApiError, Note, NoteWrite, Permission};

const MAX_NOTE_CHARS: usize = 10_000;

#[utoipa::path(
    post,
    path = "/api/v1/contacts/{id}/notes",
    tag = "contacts",
    request_body = NoteWrite,
    params(("id" = i64, Path, description = "The contact's id"), super::IdempotencyHeader),
    responses(
        (status = 201, description = "The note, as stored", body = Note),
        (status = 400, description = "Empty or too long, or no Idempotency-Key", body = ApiError),
        (status = 401, description = "Missing, expired or revoked token", body = ApiError),
        (status = 403, description = "The user may not edit this contact", body = ApiError),
        (status = 404, description = "No such contact, or not visible to this user",
            body = ApiError),
        (status = 422, description = "The Idempotency-Key was used for another request",
            body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn add(
    State(state): State<AppState>,
    user: ApiUser,
    key: IdempotencyKey,
    Path(id): Path<String>,
    body: Result<Json<NoteWrite>, JsonRejection>,
) -> Result<Answer, AppError> {
    super::memberships::require_writer(&user)?;
    let id = contact_id(&id)?;
    let Json(note) = body?;
    let text = note.text.trim().to_string();
    if text.is_empty() || text.chars().count() > MAX_NOTE_CHARS {
        return Err(AppError::bad_request(format!(
            "A note has 1 to {MAX_NOTE_CHARS} characters."
        )));
    }
    let body = json_body(&note)?;
    let route = format!("POST /api/v1/contacts/{id}/notes");
    let request = Write::new(user.0.id, route, key, &[&body]);
    let user = user.0;
    run_once(&state, request, move |tx| {
        let Some(contact) = visible(tx, id, &user)? else {
            return Err(AppError::no_such_contact());
        };
        if !may_add_to(&user, &contact) {
            return Err(AppError::forbidden(Permission::Edit));
        }
        let note = add_note(tx, id, user.id, &text)?;
        Answer::json(StatusCode::CREATED, &note)
    })
    .await
}
