//! `POST /api/v1/lookup`: which of these people are in the CRM (PRODUCT.md B3, B4, B5, C2).

use crate::app::AppState;
use crate::auth::ApiUser;
use crate::contacts::load_card;
use crate::db::{DbError, Sql, TxMode};
use crate::error::AppError;
use crate::matching::find_matches;
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use std::collections::HashMap;
use std::sync::atomic::Ordering;
use talent_bridge::crm::{
    ApiError, ContactCard, ContactMatch, LookupQuery, LookupRequest, LookupResponse, LookupResult,
    MAX_LOOKUP_BATCH, Permission,
};

#[utoipa::path(
    post,
    path = "/api/v1/lookup",
    tag = "contacts",
    request_body = LookupRequest,
    responses(
        (status = 200, description = "One result per query, in the order sent; a result without \
            matches means not in the CRM, or not visible to this user", body = LookupResponse),
        (status = 400, description = "Malformed body, unknown field, or more than 100 profiles",
            body = ApiError),
        (status = 401, description = "Missing, expired or revoked token", body = ApiError),
        (status = 403, description = "The user may not view contacts", body = ApiError),
        (status = 413, description = "Body too large", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn lookup(
    State(state): State<AppState>,
    user: ApiUser,
    body: Result<Json<LookupRequest>, JsonRejection>,
) -> Result<Json<LookupResponse>, AppError> {
    user.require(Permission::View)?;
    let Json(request) = body?;
    let count = request.profiles.len();
    if count > MAX_LOOKUP_BATCH {
        return Err(AppError::bad_request(format!(
            "A lookup carries at most {MAX_LOOKUP_BATCH} profiles; this one has {count}. \
             Split it into several requests."
        )));
    }
    state
        .stats
        .lookup_profiles
        .fetch_add(count as u64, Ordering::Relaxed);
    let see_confidential = user.0.permissions.confidential;
    let public_url = state.config.public_url.clone();
    let results = state
        .db
        .run(move |conn| answer(conn, &request.profiles, see_confidential, &public_url))
        .await?;
    Ok(Json(LookupResponse { results }))
}

/// The results for a whole batch, read in one transaction so they agree with each other.
fn answer(
    conn: &dyn Sql,
    queries: &[LookupQuery],
    see_confidential: bool,
    public_url: &str,
) -> Result<Vec<LookupResult>, DbError> {
    let tx = conn.transaction_for(TxMode::Read)?;
    // A search page may show one person twice: load each card once per batch.
    let mut cards = HashMap::new();
    let results = queries
        .iter()
        .map(|query| result_for(&tx, query, see_confidential, public_url, &mut cards))
        .collect::<Result<_, _>>()?;
    tx.commit()?;
    Ok(results)
}

/// The matches of one query, best first (see `matching::find_matches`), with their cards.
pub fn result_for(
    conn: &dyn Sql,
    query: &LookupQuery,
    see_confidential: bool,
    public_url: &str,
    cards: &mut HashMap<i64, ContactCard>,
) -> Result<LookupResult, DbError> {
    let mut matches = Vec::new();
    for found in find_matches(conn, query, see_confidential)?.matches {
        let card = match cards.get(&found.contact_id) {
            Some(card) => card.clone(),
            None => match load_card(conn, found.contact_id, see_confidential, public_url)? {
                Some(card) => {
                    cards.insert(card.id, card.clone());
                    card
                }
                None => continue,
            },
        };
        matches.push(ContactMatch {
            contact: card,
            score: found.score,
            matched_on: found.matched_on,
        });
    }
    Ok(LookupResult {
        reference: query.reference.clone(),
        matches,
    })
}
