//! The site's internal API (`/voyager/api/…`), as public client code calls it. The two-step
//! "Save to PDF" action lands here (DESIGN.md §5): `POST …/profileActions?action=saveToPdf`
//! with `csrf-token` = the `JSESSIONID` cookie (quotes stripped) → `{"value": "<pdf url>"}`.

use crate::Site;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Json, Response};
use axum::routing::post;
use std::sync::Arc;

pub fn routes() -> Router<Arc<Site>> {
    Router::new().route(
        "/voyager/api/identity/profiles/{public_id}/profileActions",
        post(profile_actions),
    )
}

/// Not built yet: answers 501 so a caller can tell "missing" from "refused".
async fn profile_actions(
    State(_site): State<Arc<Site>>,
    Path(public_id): Path<String>,
) -> Response {
    let body = serde_json::json!({
        "status": 501,
        "message": format!("profileActions for {public_id} is not implemented in the fixture site yet"),
    });
    (StatusCode::NOT_IMPLEMENTED, Json(body)).into_response()
}
