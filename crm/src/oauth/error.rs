//! Token and revocation errors as RFC 6749 §5.2 has them: `{"error", "error_description"}`,
//! not the API's `{"error": {"code", "message"}}`, because OAuth clients read this shape.

use super::codes::InvalidGrant;
use crate::db::DbError;
use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct OAuthError {
    /// `invalid_request`, `invalid_client`, `invalid_grant`, `unsupported_grant_type`,
    /// `server_error`.
    pub error: String,
    pub error_description: String,
}

#[derive(Debug)]
pub struct OAuthRefusal {
    pub status: StatusCode,
    pub body: OAuthError,
}

impl OAuthRefusal {
    fn new(status: StatusCode, error: &str, description: impl Into<String>) -> Self {
        Self {
            status,
            body: OAuthError {
                error: error.to_string(),
                error_description: description.into(),
            },
        }
    }

    pub fn invalid_request(description: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "invalid_request", description)
    }

    /// A client id that is not registered. 401, as RFC 6749 §5.2 allows for a failed client
    /// authentication.
    pub fn invalid_client() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "Unknown client_id: this CRM has no such OAuth client registered. Check the \
             extension's OAuth client id.",
        )
    }

    pub fn invalid_grant(why: InvalidGrant) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "invalid_grant", why.description())
    }

    pub fn unsupported_grant_type() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "grant_type must be authorization_code or refresh_token.",
        )
    }

    pub fn server_error() -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "server_error",
            "The CRM failed to handle this request. Try again in a moment.",
        )
    }
}

impl From<DbError> for OAuthRefusal {
    fn from(e: DbError) -> Self {
        eprintln!("crm: error: {e}");
        Self::server_error()
    }
}

impl IntoResponse for OAuthRefusal {
    fn into_response(self) -> Response {
        no_store((self.status, Json(self.body)).into_response())
    }
}

/// RFC 6749 §5.1: answers carrying tokens (and their errors) are never cached.
pub fn no_store(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    response
}
