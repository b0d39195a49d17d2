//! `POST /api/v1/export-check`: may this user export this person, and would the export create a
//! contact or update one? Asked before the PDF is downloaded, so a refusal spends no quota
//! (PRODUCT.md B5, E1, E3). A read: nothing is written.

use crate::app::AppState;
use crate::auth::{ApiUser, User};
use crate::contacts::load_card;
use crate::db::{DbError, Sql};
use crate::error::{AppError, NOT_EXPORTABLE};
use crate::matching::find_matches;
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use talent_bridge::crm::{
    ApiError, ApiErrorBody, ContactCard, ExportAction, ExportCheck, ExportCheckRequest, Permission,
};

const NO_CREATE: &str = "You don't have permission to add contacts to the CRM. Ask your CRM admin.";
const NO_EDIT: &str =
    "You don't have permission to update contacts in the CRM. Ask your CRM admin.";

#[utoipa::path(
    post,
    path = "/api/v1/export-check",
    tag = "contacts",
    request_body = ExportCheckRequest,
    responses(
        (status = 200, description = "What the export would do (`create` or `update` with the \
            contact), or why it is refused: `not_exportable`, `forbidden`, `several_matches`",
            body = ExportCheck),
        (status = 400, description = "Malformed body or unknown field", body = ApiError),
        (status = 401, description = "Missing, expired or revoked token", body = ApiError),
        (status = 403, description = "The user may not view contacts", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn export_check(
    State(state): State<AppState>,
    user: ApiUser,
    body: Result<Json<ExportCheckRequest>, JsonRejection>,
) -> Result<Json<ExportCheck>, AppError> {
    user.require(Permission::View)?;
    let Json(request) = body?;
    let public_url = state.config.public_url.clone();
    let user = user.0;
    let check = state
        .db
        .run(move |conn| decide(conn, &request, &user, &public_url))
        .await?;
    Ok(Json(check))
}

/// The decision. With a picked contact: update it, if this user may see and edit it. Without:
/// the profile's exact keys and manual links decide; a probable match (email, phone, name) is
/// never updated unasked, the user picks it first; nothing at all means a new contact.
fn decide(
    conn: &dyn Sql,
    request: &ExportCheckRequest,
    user: &User,
    public_url: &str,
) -> Result<ExportCheck, DbError> {
    let see = user.permissions.confidential;
    if let Some(id) = request.contact_id {
        return Ok(match load_card(conn, id, see, public_url)? {
            Some(card) => update(user, card),
            None => refusal("not_exportable", NOT_EXPORTABLE),
        });
    }
    let found = find_matches(conn, &request.profile, see)?;
    if found.linked_to_hidden {
        // The team says this is a contact the user may not see: touching anything else would
        // write the wrong record or a duplicate (B5).
        return Ok(refusal("not_exportable", NOT_EXPORTABLE));
    }
    let certain: Vec<i64> = found.certain().map(|m| m.contact_id).collect();
    match certain.as_slice() {
        [only] => Ok(match load_card(conn, *only, see, public_url)? {
            Some(card) => update(user, card),
            None => refusal("not_exportable", NOT_EXPORTABLE),
        }),
        [] if found.hidden => Ok(refusal("not_exportable", NOT_EXPORTABLE)),
        [] if !found.matches.is_empty() => Ok(refusal(
            "several_matches",
            "The CRM may already have this person. Pick the contact to update, or mark the \
             match as not this person to create a new one.",
        )),
        [] if user.permissions.create => Ok(ExportCheck {
            action: Some(ExportAction::Create),
            contact: None,
            refusal: None,
        }),
        [] => Ok(refusal("forbidden", NO_CREATE)),
        several => Ok(refusal(
            "several_matches",
            &format!(
                "The CRM has {} contacts for this person. Pick the one to update.",
                several.len()
            ),
        )),
    }
}

fn update(user: &User, card: ContactCard) -> ExportCheck {
    if !user.permissions.edit {
        return refusal("forbidden", NO_EDIT);
    }
    ExportCheck {
        action: Some(ExportAction::Update),
        contact: Some(card),
        refusal: None,
    }
}

fn refusal(code: &str, message: &str) -> ExportCheck {
    ExportCheck {
        action: None,
        contact: None,
        refusal: Some(ApiErrorBody {
            code: code.to_string(),
            message: message.to_string(),
        }),
    }
}
