//! `GET|POST /login` and `/logout`: the CRM's own sign-in, by email and password, starting a
//! cookie session (the contact page and, later, the OAuth consent page need one).

use super::html::{escape, page, server_error};
use crate::app::AppState;
use crate::auth::{password, session};
use crate::db::DbError;
use axum::extract::rejection::FormRejection;
use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use rusqlite::{OptionalExtension, params};
use serde::Deserialize;

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NextPage {
    /// A path on this CRM to return to after signing in.
    pub next: Option<String>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct LoginForm {
    pub email: String,
    pub password: String,
    #[serde(default)]
    pub next: Option<String>,
}

#[utoipa::path(
    get,
    path = "/login",
    tag = "pages",
    params(NextPage),
    responses(
        (status = 200, description = "The sign-in form", content_type = "text/html", body = String),
        (status = 303, description = "Already signed in: on to `next`"),
    )
)]
pub async fn login_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<NextPage>,
) -> Response {
    let next = session::safe_next(query.next.as_deref());
    match session::current_user(&state, &headers).await {
        Ok(Some(_)) => Redirect::to(next).into_response(),
        Ok(None) => form(StatusCode::OK, next, "", None),
        Err(e) => {
            eprintln!("crm: error: {e}");
            server_error()
        }
    }
}

#[utoipa::path(
    post,
    path = "/login",
    tag = "pages",
    request_body(content = LoginForm, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 303, description = "Signed in: session cookie set, on to `next`"),
        (status = 401, description = "Wrong email or password: the form again",
            content_type = "text/html", body = String),
    )
)]
pub async fn login_submit(
    State(state): State<AppState>,
    form_data: Result<Form<LoginForm>, FormRejection>,
) -> Response {
    let Ok(Form(login)) = form_data else {
        return form(
            StatusCode::BAD_REQUEST,
            "/",
            "",
            Some("Fill in both email and password."),
        );
    };
    let next = session::safe_next(login.next.as_deref()).to_owned();
    match sign_in(&state, &login.email, login.password).await {
        Ok(Some(session_id)) => {
            let mut response = Redirect::to(&next).into_response();
            if let Some(cookie) = session::set_cookie(&session_id, state.config.https()) {
                response.headers_mut().insert(header::SET_COOKIE, cookie);
            }
            response
        }
        Ok(None) => form(
            StatusCode::UNAUTHORIZED,
            &next,
            &login.email,
            Some("That email and password do not match an account. Check both and try again."),
        ),
        Err(e) => {
            eprintln!("crm: error: {e}");
            server_error()
        }
    }
}

#[utoipa::path(
    method(get, post),
    path = "/logout",
    tag = "pages",
    responses((status = 303, description = "Session ended: to /login"))
)]
pub async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Err(e) = session::end(&state, &headers).await {
        eprintln!("crm: error: {e}");
    }
    let mut response = Redirect::to("/login").into_response();
    response
        .headers_mut()
        .insert(header::SET_COOKIE, session::clear_cookie());
    response
}

/// Checks the password and starts a session; `None` when they do not match an account.
async fn sign_in(state: &AppState, email: &str, pass: String) -> Result<Option<String>, DbError> {
    let email = email.trim().to_owned();
    let account = state
        .db
        .run(move |conn| {
            Ok(conn
                .query_row(
                    "SELECT id, password_hash FROM users WHERE email = ?1",
                    params![email],
                    |row| Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?)),
                )
                .optional()?)
        })
        .await?;
    // Argon2 is deliberately slow: run it off the async threads and off the database lock.
    let user_id = tokio::task::spawn_blocking(move || match account {
        Some((id, stored)) => password::verify(&pass, &stored).then_some(id),
        None => {
            password::verify_nobody(&pass);
            None
        }
    })
    .await
    .map_err(|e| DbError::TaskFailed(e.to_string()))?;
    let Some(user_id) = user_id else {
        eprintln!("crm: sign-in refused");
        return Ok(None);
    };
    let session_id = state
        .db
        .run(move |conn| session::start(conn, user_id))
        .await?;
    eprintln!("crm: user {user_id} signed in");
    Ok(Some(session_id))
}

fn form(status: StatusCode, next: &str, email: &str, error: Option<&str>) -> Response {
    let error = error.map(|e| format!("<p class=\"error\" role=\"alert\">{}</p>", escape(e)));
    let body = format!(
        "<h1>Sign in to the CRM</h1>{}\
         <form method=\"post\" action=\"/login\">\
         <input type=\"hidden\" name=\"next\" value=\"{}\">\
         <label>Email<input type=\"email\" name=\"email\" value=\"{}\" required \
         autocomplete=\"username\" autofocus></label>\
         <label>Password<input type=\"password\" name=\"password\" required \
         autocomplete=\"current-password\"></label>\
         <button type=\"submit\">Sign in</button></form>",
        error.unwrap_or_default(),
        escape(next),
        escape(email)
    );
    page(status, "Sign in", &body)
}
