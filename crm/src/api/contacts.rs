//! `POST /api/v1/contacts`, `GET|PATCH /api/v1/contacts/{id}`: create a contact from a profile
//! (PRODUCT.md E4), read it, update it by the append/overwrite rule (E5).

use super::{contact_id, json_body};
use crate::app::AppState;
use crate::auth::ApiUser;
use crate::contacts::{canonical_keys, insert_contact, load_card, update_contact, visible};
use crate::db::Sql;
use crate::error::AppError;
use crate::idempotency::{Answer, IdempotencyKey, Write, run_once};
use crate::matching::find_matches;
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use talent_bridge::crm::{
    ApiError, ContactCard, ContactWrite, EXTENSION_SOURCE, LookupQuery, Permission,
};

/// Longest value of one text field; a whole profile is far below the 256 KiB body limit.
const MAX_FIELD_CHARS: usize = 20_000;

#[utoipa::path(
    get,
    path = "/api/v1/contacts/{id}",
    tag = "contacts",
    params(("id" = i64, Path, description = "The contact's id")),
    responses(
        (status = 200, description = "The contact's card", body = ContactCard),
        (status = 401, description = "Missing, expired or revoked token", body = ApiError),
        (status = 403, description = "The user may not view contacts", body = ApiError),
        (status = 404, description = "No such contact, or not visible to this user (the same \
            answer)", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn get_contact(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<String>,
) -> Result<Json<ContactCard>, AppError> {
    user.require(Permission::View)?;
    let id = contact_id(&id)?;
    let see_confidential = user.0.permissions.confidential;
    let public_url = state.config.public_url.clone();
    let card = state
        .db
        .run(move |conn| load_card(conn, id, see_confidential, &public_url))
        .await?;
    card.map(Json).ok_or_else(AppError::no_such_contact)
}

#[utoipa::path(
    post,
    path = "/api/v1/contacts",
    tag = "contacts",
    request_body = ContactWrite,
    params(super::IdempotencyHeader),
    responses(
        (status = 201, description = "Created; the new contact's card", body = ContactCard),
        (status = 400, description = "Malformed body, no name, a key that is not the site's, \
            a creation source other than `Extension`, or no Idempotency-Key", body = ApiError),
        (status = 401, description = "Missing, expired or revoked token", body = ApiError),
        (status = 403, description = "The user may not create contacts", body = ApiError),
        (status = 404, description = "`not_exportable`: the keys belong to a contact this user \
            may not see", body = ApiError),
        (status = 409, description = "`exists`: the keys already match a contact; update it",
            body = ApiError),
        (status = 422, description = "The Idempotency-Key was used for another request",
            body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn create_contact(
    State(state): State<AppState>,
    user: ApiUser,
    key: IdempotencyKey,
    body: Result<Json<ContactWrite>, JsonRejection>,
) -> Result<Answer, AppError> {
    user.require(Permission::Create)?;
    let Json(write) = body?;
    // PRODUCT.md E4: the site's own CRM sync owns the site's name as a source.
    if write.creation_source.as_deref() != Some(EXTENSION_SOURCE) {
        return Err(AppError::bad_request(format!(
            "A contact created through this API has the creation source \"{EXTENSION_SOURCE}\"; \
             send `\"creation_source\": \"{EXTENSION_SOURCE}\"`."
        )));
    }
    if write
        .full_name
        .as_deref()
        .is_none_or(|n| n.trim().is_empty())
    {
        return Err(AppError::bad_request(
            "A new contact needs a name (`full_name`).",
        ));
    }
    check_lengths(&write)?;
    let keys = canonical_keys(&write).map_err(invalid_key)?;
    let body = json_body(&write)?;
    let request = Write::new(user.0.id, "POST /api/v1/contacts".into(), key, &[&body]);
    let user = user.0;
    let public_url = state.config.public_url.clone();
    run_once(&state, request, move |tx| {
        let profile = LookupQuery {
            public_id: keys.public_ids.first().cloned(),
            profile_url: keys.profile_urls.first().cloned(),
            member_urn: keys.member_urns.first().cloned(),
            ..LookupQuery::default()
        };
        let found = find_matches(tx, &profile, user.permissions.confidential)?;
        if found.linked_to_hidden {
            // PRODUCT.md B5: the team linked this profile to a contact this user may not see.
            return Err(AppError::not_exportable());
        }
        if found.certain().next().is_some() {
            return Err(AppError::conflict(
                "exists",
                "This person is already in the CRM. Update the existing contact instead.",
            ));
        }
        if found.hidden {
            // PRODUCT.md B5: never a duplicate of a contact this user may not see.
            return Err(AppError::not_exportable());
        }
        let id = insert_contact(tx, &write, &keys, user.id)?;
        eprintln!("crm: contact {id} created by user {}", user.id);
        let card = load_card(tx, id, true, &public_url)?.ok_or_else(AppError::internal)?;
        Answer::json(StatusCode::CREATED, &card)
    })
    .await
}

#[utoipa::path(
    patch,
    path = "/api/v1/contacts/{id}",
    tag = "contacts",
    request_body = ContactWrite,
    params(("id" = i64, Path, description = "The contact's id"), super::IdempotencyHeader),
    responses(
        (status = 200, description = "Updated: every field appended, location overwritten \
            (PRODUCT.md E5); the contact's card", body = ContactCard),
        (status = 400, description = "Malformed body, a key that is not the site's, or no \
            Idempotency-Key", body = ApiError),
        (status = 401, description = "Missing, expired or revoked token", body = ApiError),
        (status = 403, description = "The user may not edit contacts", body = ApiError),
        (status = 404, description = "No such contact, or not visible to this user",
            body = ApiError),
        (status = 409, description = "`active_applications`: confirm the update first",
            body = ApiError),
        (status = 422, description = "The Idempotency-Key was used for another request",
            body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn patch_contact(
    State(state): State<AppState>,
    user: ApiUser,
    key: IdempotencyKey,
    Path(id): Path<String>,
    body: Result<Json<ContactWrite>, JsonRejection>,
) -> Result<Answer, AppError> {
    user.require(Permission::Edit)?;
    let id = contact_id(&id)?;
    let Json(write) = body?;
    check_lengths(&write)?;
    let keys = canonical_keys(&write).map_err(invalid_key)?;
    let body = json_body(&write)?;
    let request = Write::new(
        user.0.id,
        format!("PATCH /api/v1/contacts/{id}"),
        key,
        &[&body],
    );
    let user = user.0;
    let public_url = state.config.public_url.clone();
    run_once(&state, request, move |tx| {
        if visible(tx, id, &user)?.is_none() {
            return Err(AppError::no_such_contact());
        }
        let active = active_applications(tx, id)?;
        if active > 0 && !write.confirm_active_applications {
            // PRODUCT.md E5: the recruiter is warned and confirms first.
            let plural = if active == 1 { "" } else { "s" };
            return Err(AppError::conflict(
                "active_applications",
                format!(
                    "This contact has {active} active application{plural}. Confirm the update \
                     to go ahead (`confirm_active_applications`)."
                ),
            ));
        }
        update_contact(tx, id, &write, &keys)?;
        eprintln!("crm: contact {id} updated by user {}", user.id);
        let card = load_card(tx, id, true, &public_url)?.ok_or_else(AppError::no_such_contact)?;
        Answer::json(StatusCode::OK, &card)
    })
    .await
}

fn active_applications(conn: &dyn Sql, id: i64) -> Result<i64, crate::db::DbError> {
    conn.query_row(
        "SELECT count(*) FROM applications WHERE contact_id = ?1 AND status = 'active'",
        crate::params![id],
        |row| row.get(0),
    )
}

fn invalid_key(key: crate::contacts::InvalidKey) -> AppError {
    AppError::bad_request(format!(
        "`{}` is not a profile key of the site; send the profile's own URL, public id or \
         member URN, or leave it out.",
        key.0
    ))
}

fn check_lengths(write: &ContactWrite) -> Result<(), AppError> {
    let texts = [
        &write.full_name,
        &write.headline,
        &write.title,
        &write.company,
        &write.location,
        &write.email,
        &write.phone,
        &write.summary,
    ];
    let too_long = texts
        .iter()
        .filter_map(|t| t.as_deref())
        .chain(write.skills.iter().map(String::as_str))
        .chain(write.education.iter().map(String::as_str))
        .any(|t| t.chars().count() > MAX_FIELD_CHARS);
    if too_long {
        return Err(AppError::bad_request(format!(
            "A field is longer than {MAX_FIELD_CHARS} characters; shorten it."
        )));
    }
    Ok(())
}
