//! `PUT /api/v1/contacts/{id}/pools` and `…/vacancies`: the full set of public pools or open
//! public vacancies the contact is in (PRODUCT.md E2), changeable without a new export;
//! `PATCH` of the same: what to add and what to remove, the rest as it is (the export's way).

use super::{contact_id, json_body};
use crate::app::AppState;
use crate::auth::ApiUser;
use crate::contacts::{
    Catalog, change_memberships, load_card, may_add_to, set_memberships, visible,
};
use crate::error::AppError;
use crate::idempotency::{Answer, IdempotencyKey, Write, run_once};
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use talent_bridge::crm::{ApiError, ContactCard, IdChanges, IdSet, Permission};

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

#[utoipa::path(
    patch,
    path = "/api/v1/contacts/{id}/pools",
    tag = "contacts",
    request_body = IdChanges,
    params(("id" = i64, Path, description = "The contact's id"), super::IdempotencyHeader),
    responses(
        (status = 200, description = "The contact's card with its pools", body = ContactCard),
        (status = 400, description = "An id to add that is not a public pool, an id both to \
            add and to remove, or no Idempotency-Key", body = ApiError),
        (status = 401, description = "Missing, expired or revoked token", body = ApiError),
        (status = 403, description = "The user may not edit this contact", body = ApiError),
        (status = 404, description = "No such contact, or not visible to this user",
            body = ApiError),
        (status = 422, description = "The Idempotency-Key was used for another request",
            body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn patch_pools(
    State(state): State<AppState>,
    user: ApiUser,
    key: IdempotencyKey,
    Path(id): Path<String>,
    body: Result<Json<IdChanges>, JsonRejection>,
) -> Result<Answer, AppError> {
    let Json(changes) = body?;
    write(
        state,
        user,
        key,
        &id,
        Change::Delta(changes),
        Catalog::Pools,
    )
    .await
}

#[utoipa::path(
    patch,
    path = "/api/v1/contacts/{id}/vacancies",
    tag = "contacts",
    request_body = IdChanges,
    params(("id" = i64, Path, description = "The contact's id"), super::IdempotencyHeader),
    responses(
        (status = 200, description = "The contact's card with its vacancies", body = ContactCard),
        (status = 400, description = "An id to add that is not an open public vacancy, an id \
            both to add and to remove, or no Idempotency-Key", body = ApiError),
        (status = 401, description = "Missing, expired or revoked token", body = ApiError),
        (status = 403, description = "The user may not edit this contact", body = ApiError),
        (status = 404, description = "No such contact, or not visible to this user",
            body = ApiError),
        (status = 422, description = "The Idempotency-Key was used for another request",
            body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn patch_vacancies(
    State(state): State<AppState>,
    user: ApiUser,
    key: IdempotencyKey,
    Path(id): Path<String>,
    body: Result<Json<IdChanges>, JsonRejection>,
) -> Result<Answer, AppError> {
    let Json(changes) = body?;
    write(
        state,
        user,
        key,
        &id,
        Change::Delta(changes),
        Catalog::Vacancies,
    )
    .await
}

/// A whole set (`PUT`) or what to add and remove (`PATCH`).
enum Change {
    Set(IdSet),
    Delta(IdChanges),
}

async fn put(
    state: AppState,
    user: ApiUser,
    key: IdempotencyKey,
    id: &str,
    body: Result<Json<IdSet>, JsonRejection>,
    catalog: Catalog,
) -> Result<Answer, AppError> {
    let Json(set) = body?;
    write(state, user, key, id, Change::Set(set), catalog).await
}

async fn write(
    state: AppState,
    user: ApiUser,
    key: IdempotencyKey,
    id: &str,
    change: Change,
    catalog: Catalog,
) -> Result<Answer, AppError> {
    require_writer(&user)?;
    let id = contact_id(id)?;
    let (ids, removed) = match &change {
        Change::Set(set) => (set.ids.len(), 0),
        Change::Delta(delta) => (delta.add.len(), delta.remove.len()),
    };
    if ids > MAX_IDS || removed > MAX_IDS {
        return Err(AppError::bad_request(format!(
            "A set has at most {MAX_IDS} ids."
        )));
    }
    if let Change::Delta(delta) = &change
        && let Some(both) = delta.add.iter().find(|id| delta.remove.contains(id))
    {
        return Err(AppError::bad_request(format!(
            "Id {both} is both to add and to remove."
        )));
    }
    let (segment, what, search) = match catalog {
        Catalog::Pools => ("pools", "public pools", "/api/v1/pools"),
        Catalog::Vacancies => ("vacancies", "open public vacancies", "/api/v1/vacancies"),
    };
    let (method, body) = match &change {
        Change::Set(set) => ("PUT", json_body(set)?),
        Change::Delta(delta) => ("PATCH", json_body(delta)?),
    };
    let route = format!("{method} /api/v1/contacts/{id}/{segment}");
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
        let applied = match &change {
            Change::Set(set) => set_memberships(tx, id, catalog, &set.ids)?,
            Change::Delta(delta) => change_memberships(tx, id, catalog, &delta.add, &delta.remove)?,
        };
        if let Err(unknown) = applied {
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
