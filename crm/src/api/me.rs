//! `GET /api/v1/me`: who the token belongs to and what they may do.

use crate::auth::ApiUser;
use crate::error::AppError;
use axum::Json;
use talent_bridge::crm::{ApiError, Me};

#[utoipa::path(
    get,
    path = "/api/v1/me",
    tag = "account",
    responses(
        (status = 200, description = "The signed-in user and their permissions", body = Me),
        (status = 401, description = "Missing, expired or revoked token", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn me(user: ApiUser) -> Result<Json<Me>, AppError> {
    let ApiUser(user) = user;
    Ok(Json(Me {
        user: user.to_crm_user(),
        permissions: user.permissions.to_list(),
    }))
}
