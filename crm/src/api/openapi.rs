//! The OpenAPI document: the top-level description here, every path from the handlers'
//! `#[utoipa::path]` as they are registered in `app::documented_routes`.

use crate::app::AppState;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use talent_bridge::crm::{ApiError, ApiErrorBody};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Talent Bridge CRM API",
        version = "1",
        description = "The contract between the Talent Bridge extension and a talent CRM. \
            Every /api/v1 route but this document needs `Authorization: Bearer <token>`; errors \
            are `{\"error\": {\"code\", \"message\"}}`; request bodies refuse unknown fields."
    ),
    modifiers(&BearerAuth),
    components(schemas(ApiError, ApiErrorBody)),
    tags(
        (name = "account", description = "Who is signed in"),
        (name = "contacts", description = "Contacts and matching"),
        (name = "catalog", description = "Public pools and vacancies"),
        (name = "usage", description = "The user's monthly profile-PDF downloads: reserve, \
            commit, release by ticket (idempotent), months in UTC, at most 200"),
        (name = "meta", description = "This document"),
        (name = "pages", description = "The CRM's own HTML pages (cookie session)"),
        (name = "oauth", description = "Sign-in for the extension: OAuth 2.0 authorization \
            code with PKCE (S256), rotating refresh tokens, revocation (RFC 7009)"),
    )
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// Public, unlike the rest of `/api`: the contract is no secret, and tools fetch it without a
/// token.
#[utoipa::path(
    get,
    path = "/api/v1/openapi.json",
    tag = "meta",
    responses((status = 200, description = "This OpenAPI document", content_type = "application/json"))
)]
pub async fn openapi_json(State(state): State<AppState>) -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        state.openapi.as_str().to_owned(),
    )
}
