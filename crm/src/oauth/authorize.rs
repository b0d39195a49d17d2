//! `GET /oauth/authorize` and the consent form's `POST`: check the request (`request.rs`), sign
//! the person in to the CRM if needed, ask them, and send a one-time code (or a refusal) back
//! to the registered redirect URI.

use super::codes::{self, NewCode};
use super::request::{AuthorizeRequest, Checked, ConsentForm, authorize_path, check, error_page};
use super::{SCOPE, consent, now_ms};
use crate::app::AppState;
use crate::auth::{User, session};
use crate::db::DbError;
use crate::pages::html::server_error;
use crate::pages::lang::Lang;
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

#[utoipa::path(
    get,
    path = "/oauth/authorize",
    tag = "oauth",
    params(AuthorizeRequest),
    responses(
        (status = 200, description = "The consent page: Allow or Deny", content_type = "text/html",
            body = String),
        (status = 302, description = "To the redirect URI with `code` and `state`, or `error` \
            (invalid_request, unsupported_response_type, invalid_scope, login_required, \
            consent_required) and `state`"),
        (status = 303, description = "Not signed in to the CRM: to /login, and back here after"),
        (status = 400, description = "Unknown client, or a redirect URI it did not register: \
            a page, never a redirect", content_type = "text/html", body = String),
    )
)]
pub async fn authorize(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    query: Result<Query<AuthorizeRequest>, QueryRejection>,
) -> Response {
    let Ok(Query(request)) = query else {
        return error_page(
            StatusCode::BAD_REQUEST,
            "The sign-in request is malformed (a parameter is repeated or not text).",
        );
    };
    let checked = match check(&state, &request).await {
        Ok(Ok(checked)) => checked,
        Ok(Err(refusal)) => return refusal.into_response(),
        Err(e) => return failed(&e),
    };
    let user = match session::current_user(&state, &headers).await {
        Ok(user) => user,
        Err(e) => return failed(&e),
    };
    let Some(user) = user else {
        if checked.prompt_none {
            return checked.error("login_required", "Sign in to the CRM first.");
        }
        let here = uri.path_and_query().map_or("/", |pq| pq.as_str());
        return session::login_redirect(here).into_response();
    };
    if checked.prompt_none {
        let (user_id, client_id, scope) = (user.id, checked.client_id.clone(), SCOPE);
        return match state
            .db
            .run(move |conn| codes::has_consent(conn, user_id, &client_id, scope))
            .await
        {
            Ok(true) => allow(&state, &checked, &user).await,
            Ok(false) => checked.error(
                "consent_required",
                "The user has not allowed this client yet.",
            ),
            Err(e) => failed(&e),
        };
    }
    match session::csrf_token(&headers) {
        Some(csrf) => consent::page(&checked, &user, &csrf, Lang::of(&headers)),
        None => server_error(),
    }
}

#[utoipa::path(
    post,
    path = "/oauth/authorize",
    tag = "oauth",
    request_body(content = ConsentForm, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 302, description = "Allow: to the redirect URI with `code` (single use, 60 s) \
            and `state`; Deny: with `error=access_denied` and `state`"),
        (status = 303, description = "The CRM session ended: to /login, and back to the consent"),
        (status = 400, description = "A malformed form, an unknown client or redirect URI",
            content_type = "text/html", body = String),
        (status = 403, description = "The form token is not this session's (cross-site request)",
            content_type = "text/html", body = String),
    )
)]
pub async fn decide(
    State(state): State<AppState>,
    headers: HeaderMap,
    form: Result<Form<ConsentForm>, FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return error_page(
            StatusCode::BAD_REQUEST,
            "The consent form was not sent as expected. Start signing in again from Talent \
             Bridge.",
        );
    };
    let request = form.request();
    let checked = match check(&state, &request).await {
        Ok(Ok(checked)) => checked,
        Ok(Err(refusal)) => return refusal.into_response(),
        Err(e) => return failed(&e),
    };
    let user = match session::current_user(&state, &headers).await {
        Ok(user) => user,
        Err(e) => return failed(&e),
    };
    let Some(user) = user else {
        return session::login_redirect(&authorize_path(&request)).into_response();
    };
    if !session::csrf_matches(&headers, form.csrf_token.as_deref()) {
        eprintln!("crm: oauth: consent form with a wrong form token refused");
        return error_page(
            StatusCode::FORBIDDEN,
            "This answer did not come from the CRM's own consent page, so it was ignored. \
             Start signing in again from Talent Bridge.",
        );
    }
    match form.decision.as_deref() {
        Some("allow") => allow(&state, &checked, &user).await,
        Some("deny") => {
            eprintln!(
                "crm: oauth: user {} denied client {}",
                user.id, checked.client_id
            );
            checked.error("access_denied", "The user denied access.")
        }
        _ => error_page(
            StatusCode::BAD_REQUEST,
            "Choose Allow or Deny on the consent page.",
        ),
    }
}

/// Issues the code and sends it to the client.
async fn allow(state: &AppState, checked: &Checked, user: &User) -> Response {
    let new = NewCode {
        client_id: checked.client_id.clone(),
        user_id: user.id,
        redirect_uri: checked.redirect_uri.clone(),
        scope: checked.scope.clone(),
        code_challenge: checked.code_challenge.clone(),
    };
    match state
        .db
        .run(move |conn| codes::issue(conn, &new, now_ms()))
        .await
    {
        Ok(code) => {
            eprintln!(
                "crm: oauth: user {} allowed client {}",
                user.id, checked.client_id
            );
            checked.redirect(&[("code", code.as_str())])
        }
        Err(e) => failed(&e),
    }
}

fn failed(e: &DbError) -> Response {
    eprintln!("crm: error: {e}");
    server_error()
}
