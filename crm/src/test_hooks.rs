//! `/_test/*`, served only with `--test-hooks`: counters that let end-to-end tests prove the
//! extension sends one lookup request per page (PRODUCT.md B4).

use crate::app::AppState;
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Serialize;
use std::sync::atomic::{AtomicU64, Ordering};

const LOOKUP_PATH: &str = "/api/v1/lookup";

/// API traffic since start (or the last reset).
#[derive(Debug, Default)]
pub struct Stats {
    /// Every `POST /api/v1/lookup`, answered or refused.
    pub lookup_requests: AtomicU64,
    /// Profiles in the lookups that were answered.
    pub lookup_profiles: AtomicU64,
}

#[derive(Debug, Serialize)]
struct StatsView {
    lookup_requests: u64,
    lookup_profiles: u64,
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/_test/stats", get(stats))
        .route("/_test/reset-stats", post(reset_stats))
}

/// Counts lookup requests before anything can refuse them, so a signed-out or malformed call
/// from the extension shows up too.
pub async fn count_requests(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if request.method() == Method::POST && request.uri().path() == LOOKUP_PATH {
        state.stats.lookup_requests.fetch_add(1, Ordering::Relaxed);
    }
    next.run(request).await
}

async fn stats(State(state): State<AppState>) -> Json<StatsView> {
    Json(StatsView {
        lookup_requests: state.stats.lookup_requests.load(Ordering::Relaxed),
        lookup_profiles: state.stats.lookup_profiles.load(Ordering::Relaxed),
    })
}

async fn reset_stats(State(state): State<AppState>) -> StatusCode {
    state.stats.lookup_requests.store(0, Ordering::Relaxed);
    state.stats.lookup_profiles.store(0, Ordering::Relaxed);
    StatusCode::NO_CONTENT
}
