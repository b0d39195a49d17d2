//! `/api/v1/usage`: the user's monthly profile-PDF downloads, counted by the CRM for all of
//! the user's browsers (issue #18; rules in `crate::usage`). Idempotent by ticket, so these
//! writes need no `Idempotency-Key`.

use crate::app::AppState;
use crate::auth::ApiUser;
use crate::clock::now_ms;
use crate::error::AppError;
use crate::usage::{self, Reserved, limit_of, valid_ticket};
use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use talent_bridge::crm::{
    ApiError, ApiErrorBody, Usage, UsageKind, UsageRefusal, UsageReservation, UsageTicket,
};

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LimitQuery {
    /// The organisation's monthly limit (1 or more); the CRM applies at most 200.
    pub limit: Option<u32>,
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CommitQuery {
    /// The organisation's monthly limit (1 or more); the CRM applies at most 200.
    pub limit: Option<u32>,
    /// Why the PDF was downloaded, for a ticket whose kind was not given at reserve: a manual
    /// download is reported this way, by committing a ticket never reserved. A kind recorded
    /// before stays.
    pub kind: Option<UsageKind>,
}

#[utoipa::path(
    get,
    path = "/api/v1/usage",
    tag = "usage",
    params(LimitQuery),
    responses(
        (status = 200, description = "This month's downloads of the signed-in user", body = Usage),
        (status = 400, description = "A limit of 0", body = ApiError),
        (status = 401, description = "Missing, expired or revoked token", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn get_usage(
    State(state): State<AppState>,
    user: ApiUser,
    query: Result<Query<LimitQuery>, QueryRejection>,
) -> Result<Json<Usage>, AppError> {
    let limit = limit(query?.0.limit)?;
    let user_id = user.0.id;
    let usage = state
        .db
        .run(move |sql| usage::usage(sql, user_id, limit, now_ms()))
        .await?;
    Ok(Json(usage))
}

#[utoipa::path(
    post,
    path = "/api/v1/usage/reservations",
    tag = "usage",
    request_body = UsageReservation,
    responses(
        (status = 200, description = "The ticket as it stands: `reserved` holds one unit until \
            `expires_at` (ten minutes). A ticket already seen is answered as it stands, never \
            with a second unit", body = UsageTicket),
        (status = 400, description = "`bad_ticket`, a limit of 0, or a malformed body (an \
            unknown field, a `kind` other than `create`, `update` or `manual`)", body = ApiError),
        (status = 401, description = "Missing, expired or revoked token", body = ApiError),
        (status = 409, description = "`quota_exhausted`: every unit of the month is used or \
            held; nothing was stored, so a retry is decided afresh", body = UsageRefusal),
    ),
    security(("bearer" = []))
)]
pub async fn reserve(
    State(state): State<AppState>,
    user: ApiUser,
    body: Result<Json<UsageReservation>, JsonRejection>,
) -> Result<Response, AppError> {
    let Json(request) = body?;
    let ticket = ticket(request.ticket)?;
    let limit = limit(request.limit)?;
    let kind = request.kind;
    let user_id = user.0.id;
    let outcome = state
        .db
        .run(move |sql| usage::reserve(sql, user_id, &ticket, kind, limit, now_ms()))
        .await?;
    Ok(match outcome {
        Reserved::Ticket(ticket) => Json(ticket).into_response(),
        Reserved::Exhausted(usage) => exhausted(usage),
    })
}

#[utoipa::path(
    post,
    path = "/api/v1/usage/reservations/{ticket}/commit",
    tag = "usage",
    params(("ticket" = String, Path, description = "The export's ticket"), CommitQuery),
    responses(
        (status = 200, description = "Counted for good (also a lapsed or released \
            reservation, or a ticket never reserved: the PDF arrived, so the site counted it)",
            body = UsageTicket),
        (status = 400, description = "`bad_ticket`, a limit of 0 or an unknown kind",
            body = ApiError),
        (status = 401, description = "Missing, expired or revoked token", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn commit(
    State(state): State<AppState>,
    user: ApiUser,
    Path(raw): Path<String>,
    query: Result<Query<CommitQuery>, QueryRejection>,
) -> Result<Json<UsageTicket>, AppError> {
    let ticket = ticket(raw)?;
    let Query(query) = query?;
    let limit = limit(query.limit)?;
    let kind = query.kind;
    let user_id = user.0.id;
    let answer = state
        .db
        .run(move |sql| usage::commit(sql, user_id, &ticket, kind, limit, now_ms()))
        .await?;
    Ok(Json(answer))
}

#[utoipa::path(
    post,
    path = "/api/v1/usage/reservations/{ticket}/release",
    tag = "usage",
    params(("ticket" = String, Path, description = "The export's ticket"), LimitQuery),
    responses(
        (status = 200, description = "Released (a committed unit stays counted: `committed`)",
            body = UsageTicket),
        (status = 400, description = "`bad_ticket` or a limit of 0", body = ApiError),
        (status = 401, description = "Missing, expired or revoked token", body = ApiError),
        (status = 404, description = "`no_such_ticket`: never reserved", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn release(
    State(state): State<AppState>,
    user: ApiUser,
    Path(raw): Path<String>,
    query: Result<Query<LimitQuery>, QueryRejection>,
) -> Result<Json<UsageTicket>, AppError> {
    let ticket = ticket(raw)?;
    let limit = limit(query?.0.limit)?;
    let user_id = user.0.id;
    let answer = state
        .db
        .run(move |sql| usage::release(sql, user_id, &ticket, limit, now_ms()))
        .await?;
    answer.map(Json).ok_or_else(|| {
        AppError::new(
            StatusCode::NOT_FOUND,
            "no_such_ticket",
            "This export has no reservation in the CRM. Start the export again.",
        )
    })
}

fn ticket(raw: String) -> Result<String, AppError> {
    if valid_ticket(&raw) {
        Ok(raw)
    } else {
        Err(AppError::bad_request_code(
            "bad_ticket",
            "A ticket is 1 to 128 letters, digits, '.', '_', '~' or '-' (a UUID, say).",
        ))
    }
}

fn limit(asked: Option<u32>) -> Result<u32, AppError> {
    limit_of(asked).ok_or_else(|| {
        AppError::bad_request("The monthly limit must be 1 or more (the CRM applies at most 200).")
    })
}

fn exhausted(usage: Usage) -> Response {
    let next = usage::month_of(now_ms()).0.next();
    let refusal = UsageRefusal {
        error: ApiErrorBody {
            code: "quota_exhausted".into(),
            message: format!(
                "All {} profile downloads of this month are used. The count resets on 1 {} \
                 (UTC).",
                usage.limit,
                next.name()
            ),
        },
        usage,
    };
    (StatusCode::CONFLICT, Json(refusal)).into_response()
}
