//! `Idempotency-Key` on every write (PRODUCT.md E7, C3): the extension's outbox retries a write
//! until it gets an answer, so the CRM must make the second try a no-op. The first successful
//! answer is stored, in the same transaction as the write itself, and replayed byte for byte for
//! the same user, route and key; the same key with another request is refused (422).
//!
//! Refusals are not stored: a refused write changed nothing, so a retry is decided afresh (after
//! the admin granted a permission, say).

use crate::app::AppState;
use crate::db::{DbError, Sql};
use crate::error::AppError;
use crate::params;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use sha2::{Digest, Sha256};

pub const HEADER: &str = "idempotency-key";
/// Set on a replayed answer; the status and body are the first answer's.
pub const REPLAYED_HEADER: &str = "idempotent-replayed";
const MAX_KEY_LEN: usize = 255;
/// How long keys are kept: longer than the extension's outbox keeps retrying.
const KEEP_SECONDS: i64 = 30 * 24 * 60 * 60;

/// The request's `Idempotency-Key`: 1 to 255 visible ASCII characters (a UUID, typically).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdempotencyKey(pub String);

impl FromRequestParts<AppState> for IdempotencyKey {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Self, AppError> {
        let Some(value) = parts.headers.get(HEADER) else {
            return Err(AppError::bad_request_code(
                "idempotency_key_required",
                "Every write needs an `Idempotency-Key` header: a new unique value for each \
                 change, sent again unchanged with every retry of it.",
            ));
        };
        let key = value.to_str().unwrap_or_default().trim();
        if key.is_empty() || key.len() > MAX_KEY_LEN || !key.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(AppError::bad_request(format!(
                "The `Idempotency-Key` header must be 1 to {MAX_KEY_LEN} visible ASCII \
                 characters (a UUID, for instance)."
            )));
        }
        Ok(Self(key.to_string()))
    }
}

/// A write's answer as stored and sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    pub status: StatusCode,
    pub body: Vec<u8>,
    pub replayed: bool,
}

impl Answer {
    /// `value` as the JSON body of a `status` answer.
    pub fn json<T: Serialize>(status: StatusCode, value: &T) -> Result<Self, AppError> {
        let body = serde_json::to_vec(value).map_err(|e| {
            eprintln!("crm: error: an answer does not serialise: {e}");
            AppError::internal()
        })?;
        Ok(Self {
            status,
            body,
            replayed: false,
        })
    }
}

impl IntoResponse for Answer {
    fn into_response(self) -> Response {
        let mut response = (
            self.status,
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            self.body,
        )
            .into_response();
        if self.replayed {
            response
                .headers_mut()
                .insert(REPLAYED_HEADER, HeaderValue::from_static("true"));
        }
        response
    }
}

/// One write: who makes it, where, with which key, and a digest of what it asks.
#[derive(Clone, Debug)]
pub struct Write {
    pub user_id: i64,
    /// Method and path, `POST /api/v1/contacts/7/notes`.
    pub route: String,
    pub key: IdempotencyKey,
    pub request_sha256: Vec<u8>,
}

impl Write {
    /// `request` is every part of the request that decides its effect (the parsed body
    /// re-serialised, so formatting does not matter; a query parameter; an upload's bytes).
    pub fn new(user_id: i64, route: String, key: IdempotencyKey, request: &[&[u8]]) -> Self {
        let mut digest = Sha256::new();
        for part in request {
            digest.update((part.len() as u64).to_be_bytes());
            digest.update(part);
        }
        Self {
            user_id,
            route,
            key,
            request_sha256: digest.finalize().to_vec(),
        }
    }
}

/// Runs `work` at most once per user, route and key, in one transaction with the record of its
/// answer. A repeat gets the stored answer again; a different request under a used key, 422.
pub async fn run_once<F>(state: &AppState, write: Write, work: F) -> Result<Answer, AppError>
where
    F: FnOnce(&dyn Sql) -> Result<Answer, AppError> + Send + 'static,
{
    state
        .db
        .run(move |conn| {
            // The write lock first: a second instance with the same key waits here, then
            // finds the first one's answer.
            let tx = conn.transaction()?;
            if let Some(stored) = stored_answer(&tx, &write)? {
                return Ok(stored);
            }
            let answer = match work(&tx) {
                Ok(answer) => answer,
                // Dropping the transaction rolls the refused write back.
                Err(refusal) => return Ok(Err(refusal)),
            };
            let now = crate::clock::now_secs();
            tx.execute(
                "INSERT INTO idempotency_keys (user_id, route, key, request_sha256, status, body,
                     created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    write.user_id,
                    write.route,
                    write.key.0,
                    write.request_sha256,
                    answer.status.as_u16(),
                    answer.body,
                    now,
                ],
            )?;
            tx.execute(
                "DELETE FROM idempotency_keys WHERE created_at < ?1",
                params![now.saturating_sub(KEEP_SECONDS)],
            )?;
            tx.commit()?;
            Ok(Ok(answer))
        })
        .await?
}

/// The stored answer for this write's key: replayed when the request is the same, refused
/// when it is not.
fn stored_answer(tx: &dyn Sql, write: &Write) -> Result<Option<Result<Answer, AppError>>, DbError> {
    let row: Option<(Vec<u8>, u16, Vec<u8>)> = tx.query_opt(
        "SELECT request_sha256, status, body FROM idempotency_keys
         WHERE user_id = ?1 AND route = ?2 AND key = ?3",
        params![write.user_id, write.route, write.key.0],
        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
    )?;
    let Some((request_sha256, status, body)) = row else {
        return Ok(None);
    };
    if request_sha256 != write.request_sha256 {
        return Ok(Some(Err(AppError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "idempotency_mismatch",
            "This Idempotency-Key was already used for a different request. Send a new key \
             for a new change, and the same request for a retry.",
        ))));
    }
    let status = StatusCode::from_u16(status).map_err(|e| DbError::TaskFailed(e.to_string()))?;
    Ok(Some(Ok(Answer {
        status,
        body,
        replayed: true,
    })))
}
