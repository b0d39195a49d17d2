//! The whole server as one axum `Router`: API routes (documented in OpenAPI as they are
//! registered), the CRM's pages, optional test hooks, and the layers around them.

use crate::auth::login::{LoginGuard, LoginLimits};
use crate::auth::password::{Argon2Check, PasswordCheck};
use crate::db::Db;
use crate::test_hooks::{self, Stats};
use crate::{access_log, api, cors, oauth, pages, security_headers};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{StatusCode, Uri};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;
use utoipa::OpenApi;
use utoipa::openapi::server::Server;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Request bodies above this are refused with 413. A full lookup batch of 100 profiles with
/// every field filled is far below it.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

#[derive(Clone, Debug)]
pub struct Config {
    /// Where people reach this CRM (`https://crm.example.com`); contact links start with it.
    pub public_url: String,
    /// Serve `/_test/*` (counters for end-to-end tests). Never in production.
    pub test_hooks: bool,
    /// Seconds an OAuth access token lives (`--access-token-ttl`).
    pub access_token_ttl_secs: u64,
    /// Seconds an OAuth refresh token lives unused (`--refresh-token-ttl`); each refresh
    /// issues a new one.
    pub refresh_token_ttl_secs: u64,
    /// Extensions whose service worker may read the API's answers (CORS): ours, and any
    /// `--allow-extension ID`.
    pub allowed_extensions: Vec<cors::ExtensionId>,
    /// The sign-in's pool and lock-outs (`--login-…`).
    pub login: LoginLimits,
    /// What checks passwords. Always argon2 in the server; a library user may wrap it.
    pub password_check: Arc<dyn PasswordCheck>,
}

impl Config {
    /// Served at `public_url`, test hooks off, default token lifetimes.
    pub fn new(public_url: impl Into<String>) -> Self {
        let lifetimes = oauth::Lifetimes::default();
        Self {
            public_url: public_url.into(),
            test_hooks: false,
            access_token_ttl_secs: lifetimes.access_secs,
            refresh_token_ttl_secs: lifetimes.refresh_secs,
            allowed_extensions: vec![cors::ExtensionId::ours()],
            login: LoginLimits::default(),
            password_check: Arc::new(Argon2Check),
        }
    }

    /// Whether cookies must be `Secure` (the CRM is reached over HTTPS).
    pub fn https(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub stats: Arc<Stats>,
    pub login: Arc<LoginGuard>,
    /// The OpenAPI document generated from the routes below, serialised once.
    pub openapi: Arc<String>,
}

/// Every documented route. Registering a handler here is what puts it in the OpenAPI
/// document: the two cannot drift apart.
fn documented_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(api::openapi::ApiDoc::openapi())
        .routes(routes!(api::me::me))
        .routes(routes!(api::lookup::lookup))
        .routes(routes!(api::catalog::pools))
        .routes(routes!(api::catalog::vacancies))
        .routes(routes!(api::export_check::export_check))
        .routes(routes!(api::contacts::create_contact))
        .routes(routes!(
            api::contacts::get_contact,
            api::contacts::patch_contact
        ))
        .routes(routes!(
            api::memberships::put_pools,
            api::memberships::patch_pools
        ))
        .routes(routes!(
            api::memberships::put_vacancies,
            api::memberships::patch_vacancies
        ))
        .routes(routes!(api::notes::add))
        .routes(routes!(api::links::link))
        .routes(routes!(api::attachments::download))
        .routes(routes!(api::usage::get_usage))
        .routes(routes!(api::usage::reserve))
        .routes(routes!(api::usage::commit))
        .routes(routes!(api::usage::release))
        .routes(routes!(api::openapi::openapi_json))
        .routes(routes!(pages::home::home))
        .routes(routes!(
            pages::login::login_form,
            pages::login::login_submit
        ))
        .routes(routes!(pages::login::logout))
        .routes(routes!(pages::contact::contact_page))
        .routes(routes!(pages::attachment::attachment_download))
        .routes(routes!(pages::admin_usage::admin_usage))
        .routes(routes!(
            oauth::authorize::authorize,
            oauth::authorize::decide
        ))
        .routes(routes!(oauth::token_endpoint::token))
        .routes(routes!(oauth::token_endpoint::revoke))
        .merge(uploads())
}

/// The one path whose POST body is a file: its own body limit, above the JSON routes' one (a
/// route's limit overrides the router's).
fn uploads() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api::attachments::upload, api::attachments::list))
        .layer(DefaultBodyLimit::max(
            api::attachments::MAX_ATTACHMENT_BYTES,
        ))
}

/// The server, ready to serve.
pub fn router(db: Db, config: Config) -> Router {
    let (routes, mut openapi) = documented_routes().split_for_parts();
    openapi.servers = Some(vec![Server::new(config.public_url.trim_end_matches('/'))]);
    let openapi = match openapi.to_json() {
        Ok(json) => json,
        Err(e) => {
            eprintln!("crm: error: the OpenAPI document does not serialise: {e}");
            String::from("{}")
        }
    };
    let test_hooks = config.test_hooks;
    let login = Arc::new(LoginGuard::new(config.login, config.password_check.clone()));
    let state = AppState {
        db,
        config: Arc::new(config),
        stats: Arc::new(Stats::default()),
        login,
        openapi: Arc::new(openapi),
    };
    let routes = if test_hooks {
        routes.merge(test_hooks::router())
    } else {
        routes
    };
    routes
        .fallback(no_route)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            test_hooks::count_requests,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), cors::cors))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security_headers::add,
        ))
        .layer(middleware::from_fn(access_log::log_request))
        .with_state(state)
}

async fn no_route(uri: Uri) -> Response {
    if uri.path().starts_with("/api/") {
        crate::error::AppError::not_found(format!(
            "There is no API route {}. This CRM speaks {}; check the extension's CRM URL.",
            uri.path(),
            talent_bridge::crm::API_PREFIX
        ))
        .into_response()
    } else {
        pages::html::not_found()
    }
}

async fn method_not_allowed(uri: Uri) -> Response {
    crate::error::AppError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        format!("{} does not accept this HTTP method.", uri.path()),
    )
    .into_response()
}
