//! `PUT /api/v1/contacts/{id}/pools` and `…/vacancies`: the full set of public pools or open
//! public vacancies the contact is in (PRODUCT.md E2), changeable without a new export.

use super::{contact_id, json_body};
use crate::app::AppState;
use crate::auth::ApiUser;
use crate::contacts::{Catalog, load_card, may_add_to, set_memberships, visible};
use crate::error::AppError;
use crate::idempotency::{Answer, IdempotencyKey, Write, run_once};
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use talent_bridge::crm::{ApiError, ContactCard, IdSet, Permission};

/// More than any picker offers; keeps one request's work bounded.
const MAX_IDS: usize = 200;

/// Writes to a contact other than its fields need `edit`, or `create` for the user's own new
/// contact (checked per contact by `may_add_to`).
pub fn require_writer(user: &ApiUser) -> Result<(), AppError> {
    let p = user.0.permissions;
    if p.edit || p.create {
        Ok(())
    } else {
        Err(AppError::forbidden(Permission::Edit))
    }
}

#[utoipa::path(
    put,
    path = "/api/v1/contacts/{id}/pools",
    tag = "contacts",
    request_body = IdSet,
    params(("id" = i64, Path, description = "The contact's id"), super::IdempotencyHeader),
    responses(
        (status = 200, description = "The contact's card with its pools", body = ContactCard),
        (status = 400, description = "An id that is not a public pool, or no Idempotency-Key",
            body = ApiError),
        (status = 401, description = "Missing, expired or revoked token", body = ApiError),
        (status = 403, description = "The user may not edit this contact", body = ApiError),
        (status = 404, description = "No such contact, or not visible to this user",
            body = ApiError),
        (status = 422, description = "The Idempotency-Key was used for another request",
            body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn put_pools(
    State(state): State<AppState>,
    user: ApiUser,
    key: IdempotencyKey,
    Path(id): Path<String>,
    body: Result<Json<IdSet>, JsonRejection>,
) -> Result<Answer, AppError> {
    put(state, user, key, &id, body, Catalog::Pools).await
}

#[utoipa::path(
    put,
    path = "/api/v1/contacts/{id}/vacancies",
    tag = "contacts",
    request_body = IdSet,
    params(("id" = i64, Path, description = "The contact's id"), super::IdempotencyHeader),
    responses(
        (status = 200, description = "The contact's card with its vacancies", body = ContactCard),
        (status = 400, description = "An id that is not an open public vacancy, or no \
            Idempotency-Key", body = ApiError),
        (status = 401, description = "Missing, expired or revoked token", body = ApiError),
        (status = 403, description = "The user may not edit this contact", body = ApiError),
        (status = 404, description = "No such contact, or not visible to this user",
            body = ApiError),
        (status = 422, description = "The Idempotency-Key was used for another request",
            body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn put_vacancies(
    State(state): State<AppState>,
    user: ApiUser,
    key: IdempotencyKey,
    Path(id): Path<String>,
    body: Result<Json<IdSet>, JsonRejection>,
) -> Result<Answer, AppError> {
    put(state, user, key, &id, body, Catalog::Vacancies).await
}

async fn put(
    state: AppState,
    user: ApiUser,
    key: IdempotencyKey,
    id: &str,
    body: Result<Json<IdSet>, JsonRejection>,
    catalog: Catalog,
) -> Result<Answer, AppError> {
    require_writer(&user)?;
    let id = contact_id(id)?;
    let Json(set) = body?;
    if set.ids.len() > MAX_IDS {
        return Err(AppError::bad_request(format!(
            "A set has at most {MAX_IDS} ids."
        )));
    }
    let (segment, what, search) = match catalog {
        Catalog::Pools => ("pools", "public pools", "/api/v1/pools"),
        Catalog::Vacancies => ("vacancies", "open public vacancies", "/api/v1/vacancies"),
    };
    let body = json_body(&set)?;
    let route = format!("PUT /api/v1/contacts/{id}/{segment}");
    let request = Write::new(user.0.id, route, key, &[&body]);
    let user = user.0;
    let public_url = state.config.public_url.clone();
    run_once(&state, request, move |tx| {
        let Some(contact) = visible(tx, id, &user)? else {
            return Err(AppError::no_such_contact());
        };
        if !may_add_to(&user, &contact) {
            return Err(AppError::forbidden(Permission::Edit));
        }
        if let Err(unknown) = set_memberships(tx, id, catalog, &set.ids)? {
            let ids: Vec<String> = unknown.0.iter().map(i64::to_string).collect();
            return Err(AppError::bad_request(format!(
                "Not among the {what}: {}. Search them with GET {search}.",
                ids.join(", ")
            )));
        }
        let card = load_card(tx, id, true, &public_url)?.ok_or_else(AppError::no_such_contact)?;
        Answer::json(StatusCode::OK, &card)
    })
    .await
}
