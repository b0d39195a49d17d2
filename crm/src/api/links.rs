//! `POST /api/v1/links`: a recruiter says a profile is (`same: true`) or is not (`same: false`)
//! a contact, for the whole team (PRODUCT.md B3: wrong matches are correctable).

use super::json_body;
use super::lookup::result_for;
use crate::app::AppState;
use crate::auth::ApiUser;
use crate::contacts::visible;
use crate::error::AppError;
use crate::idempotency::{Answer, IdempotencyKey, Write, run_once};
use crate::matching::{MatchKeys, store_link};
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use std::collections::HashMap;
use talent_bridge::crm::{ApiError, LinkWrite, LookupResult, Permission};

#[utoipa::path(
    post,
    path = "/api/v1/links",
    tag = "contacts",
    request_body = LinkWrite,
    params(super::IdempotencyHeader),
    responses(
        (status = 200, description = "Stored; the profile's matches as a lookup now answers \
            them (`ref` echoed)", body = LookupResult),
        (status = 400, description = "Malformed body, a profile without a public id, URL or \
            member URN, or no Idempotency-Key", body = ApiError),
        (status = 401, description = "Missing, expired or revoked token", body = ApiError),
        (status = 403, description = "The user may not edit contacts", body = ApiError),
        (status = 404, description = "No such contact, or not visible to this user",
            body = ApiError),
        (status = 422, description = "The Idempotency-Key was used for another request",
            body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn link(
    State(state): State<AppState>,
    user: ApiUser,
    key: IdempotencyKey,
    body: Result<Json<LinkWrite>, JsonRejection>,
) -> Result<Answer, AppError> {
    user.require(Permission::Edit)?;
    let Json(link) = body?;
    let keys = MatchKeys::from_query(&link.profile);
    if keys.is_empty() {
        return Err(AppError::bad_request(
            "A link needs the profile's public id, profile URL or member URN.",
        ));
    }
    let body = json_body(&link)?;
    let request = Write::new(user.0.id, "POST /api/v1/links".into(), key, &[&body]);
    let user = user.0;
    let public_url = state.config.public_url.clone();
    run_once(&state, request, move |tx| {
        if visible(tx, link.contact_id, &user)?.is_none() {
            return Err(AppError::no_such_contact());
        }
        store_link(tx, &keys, link.contact_id, link.same, user.id)?;
        eprintln!(
            "crm: contact {} {} by user {}",
            link.contact_id,
            if link.same { "linked" } else { "unlinked" },
            user.id
        );
        let see = user.permissions.confidential;
        let result = result_for(tx, &link.profile, see, &public_url, &mut HashMap::new())?;
        Answer::json(StatusCode::OK, &result)
    })
    .await
}
