//! `/api/v1`: the JSON API the extension's service worker calls (DESIGN.md §4).

pub mod attachments;
pub mod catalog;
pub mod contacts;
pub mod export_check;
pub mod links;
pub mod lookup;
pub mod me;
pub mod memberships;
pub mod notes;
pub mod openapi;
pub mod usage;

use crate::error::AppError;
use serde::{Deserialize, Serialize};

/// The `Idempotency-Key` header every write carries (documented once, used by every write).
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Header)]
pub struct IdempotencyHeader {
    /// A unique value per change (a UUID), sent unchanged with every retry of it: a retry gets
    /// the first answer again and never writes twice (PRODUCT.md E7).
    #[serde(rename = "Idempotency-Key")]
    pub key: String,
}

/// The contact id of a path. Anything that is not an id is a contact that does not exist.
pub fn contact_id(raw: &str) -> Result<i64, AppError> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(AppError::no_such_contact)
}

/// The parsed request body serialised again: what an idempotency key is checked against, so
/// a retry with the same content but other formatting is still the same request.
pub fn json_body<T: Serialize>(value: &T) -> Result<Vec<u8>, AppError> {
    serde_json::to_vec(value).map_err(|e| {
        eprintln!("crm: error: a request does not serialise: {e}");
        AppError::internal()
    })
}
