//! Every API failure as `{ "error": { "code", "message" } }` with a message a person can act on.

use crate::db::DbError;
use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use talent_bridge::crm::{ApiError, Permission};

/// The refusal for an export that would touch a contact this user may not see (PRODUCT.md B5).
pub const NOT_EXPORTABLE: &str = "This person can't be exported. Ask your CRM admin.";

#[derive(Debug)]
pub struct AppError {
    pub status: StatusCode,
    pub body: ApiError,
}

impl AppError {
    pub fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        Self {
            status,
            body: ApiError::new(code, message),
        }
    }

    pub fn unauthorized() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "Sign in to the CRM again: this request carries no valid access token \
             (send `Authorization: Bearer <token>`).",
        )
    }

    pub fn forbidden(missing: Permission) -> Self {
        let name = match missing {
            Permission::View => "view contacts",
            Permission::Create => "create contacts",
            Permission::Edit => "edit contacts",
            Permission::Confidential => "see confidential contacts",
            Permission::Other => "do this",
        };
        Self::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            format!("Your CRM account may not {name}. Ask your CRM administrator for access."),
        )
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    /// A 400 with a code of its own, for a mistake the caller should tell apart.
    pub fn bad_request_code(code: &str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    /// A contact that does not exist, and one the user may not see (PRODUCT.md B5): the same
    /// answer, which never echoes the id.
    pub fn no_such_contact() -> Self {
        Self::not_found(
            "The CRM has no such contact. It may have been deleted or merged: look the person \
             up again.",
        )
    }

    /// An export that would touch a contact this user may not see (PRODUCT.md B5). Worded so
    /// it reveals nothing about why.
    pub fn not_exportable() -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_exportable", NOT_EXPORTABLE)
    }

    pub fn conflict(code: &str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, code, message)
    }

    pub fn internal() -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "The CRM failed to handle this request. Try again in a moment; if it keeps \
             failing, tell your CRM administrator.",
        )
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(self.body)).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

impl From<DbError> for AppError {
    fn from(e: DbError) -> Self {
        eprintln!("crm: error: {e}");
        Self::internal()
    }
}

impl From<JsonRejection> for AppError {
    fn from(rejection: JsonRejection) -> Self {
        match rejection.status() {
            StatusCode::UNSUPPORTED_MEDIA_TYPE => Self::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "Send the body as JSON with `Content-Type: application/json`.",
            ),
            StatusCode::PAYLOAD_TOO_LARGE => Self::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                format!(
                    "The request body is larger than {} KiB. Send fewer profiles per request.",
                    crate::app::MAX_BODY_BYTES / 1024
                ),
            ),
            // Unknown fields, wrong types and broken JSON are all the caller's bug: 400, with
            // serde's own words on where the body went wrong.
            _ => Self::bad_request(format!(
                "The request body is not valid: {}",
                rejection.body_text()
            )),
        }
    }
}

impl From<QueryRejection> for AppError {
    fn from(rejection: QueryRejection) -> Self {
        Self::bad_request(format!(
            "The query string is not valid: {}",
            rejection.body_text()
        ))
    }
}
