//! `/_test/*`, served only with `--test-hooks`: counters that let end-to-end tests prove the
//! extension sends one lookup request per page (PRODUCT.md B4), a lost answer: the next
//! write to a path is done, but its answer is a 503, as when a proxy drops it after the CRM
//! committed (PRODUCT.md E7: the retry must not do it twice, nor be refused), and a failing
//! write: the next write to a path is answered 500 without being done.

use crate::app::AppState;
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

const LOOKUP_PATH: &str = "/api/v1/lookup";
const ME_PATH: &str = "/api/v1/me";

/// API traffic since start (or the last reset).
#[derive(Debug, Default)]
pub struct Stats {
    /// Every `POST /api/v1/lookup`, answered or refused.
    pub lookup_requests: AtomicU64,
    /// Profiles in the lookups that were answered.
    pub lookup_profiles: AtomicU64,
    /// Every `GET /api/v1/me`: how often the extension asks who its user is.
    pub me_requests: AtomicU64,
    /// Armed by `POST /_test/lose-next-answer`: the end of the path whose next successful write
    /// gets a 503 instead of its answer. Nothing arms it without `--test-hooks`.
    pub lose_answer: Mutex<Option<String>>,
    /// Armed by `POST /_test/fail-next-write`: the end of the path whose next write is answered
    /// 500 and not done.
    pub fail_write: Mutex<Option<String>>,
}

#[derive(Debug, Deserialize)]
struct LoseAnswer {
    path_suffix: String,
}

#[derive(Debug, Serialize)]
struct StatsView {
    lookup_requests: u64,
    lookup_profiles: u64,
    me_requests: u64,
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/_test/stats", get(stats))
        .route("/_test/reset-stats", post(reset_stats))
        .route("/_test/lose-next-answer", post(lose_next_answer))
        .route("/_test/fail-next-write", post(fail_next_write))
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
    if request.method() == Method::GET && request.uri().path() == ME_PATH {
        state.stats.me_requests.fetch_add(1, Ordering::Relaxed);
    }
    let write = matches!(
        *request.method(),
        Method::POST | Method::PUT | Method::PATCH
    );
    let path = request.uri().path().to_string();
    if write && take_if_armed(&state.stats.fail_write, &path) {
        return crate::error::AppError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "The CRM failed (test hook).",
        )
        .into_response();
    }
    let response = next.run(request).await;
    if write && response.status().is_success() && take_if_armed(&state.stats.lose_answer, &path) {
        return crate::error::AppError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "answer_lost",
            "The answer was lost (test hook).",
        )
        .into_response();
    }
    response
}

/// Whether `path` ends with the armed suffix; disarms it if so.
fn take_if_armed(armed: &Mutex<Option<String>>, path: &str) -> bool {
    let mut armed = armed
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let hit = armed
        .as_deref()
        .is_some_and(|suffix| path.ends_with(suffix));
    if hit {
        *armed = None;
    }
    hit
}

async fn fail_next_write(State(state): State<AppState>, Json(arm): Json<LoseAnswer>) -> StatusCode {
    *state
        .stats
        .fail_write
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(arm.path_suffix);
    StatusCode::NO_CONTENT
}

async fn lose_next_answer(
    State(state): State<AppState>,
    Json(arm): Json<LoseAnswer>,
) -> StatusCode {
    *state
        .stats
        .lose_answer
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(arm.path_suffix);
    StatusCode::NO_CONTENT
}

async fn stats(State(state): State<AppState>) -> Json<StatsView> {
    Json(StatsView {
        lookup_requests: state.stats.lookup_requests.load(Ordering::Relaxed),
        lookup_profiles: state.stats.lookup_profiles.load(Ordering::Relaxed),
        me_requests: state.stats.me_requests.load(Ordering::Relaxed),
    })
}

async fn reset_stats(State(state): State<AppState>) -> StatusCode {
    state.stats.lookup_requests.store(0, Ordering::Relaxed);
    state.stats.lookup_profiles.store(0, Ordering::Relaxed);
    state.stats.me_requests.store(0, Ordering::Relaxed);
    StatusCode::NO_CONTENT
}
