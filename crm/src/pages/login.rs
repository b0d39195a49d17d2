//! `GET|POST /login` and `POST /logout`: the CRM's own sign-in, by email and password, starting
//! a cookie session (the contact page and the OAuth consent page need one). What makes it safe
//! to expose (pool, lock-outs, one path for unknown emails) is `auth::login`.

use super::html::{escape, page, server_error_in};
use super::lang::Lang;
use super::words::Key;
use crate::app::AppState;
use crate::auth::login::form_token::{self, FormCookie};
use crate::auth::login::{Attempt, ClientAddress};
use crate::auth::session;
use axum::extract::rejection::FormRejection;
use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
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
    /// The token of the form page, bound to its `tb_crm_login` cookie (log-in CSRF).
    #[serde(default)]
    pub csrf_token: Option<String>,
}

#[utoipa::path(
    get,
    path = "/login",
    tag = "pages",
    params(NextPage),
    responses(
        (status = 200, description = "The sign-in form; sets the `tb_crm_login` cookie its \
            token is bound to", content_type = "text/html", body = String),
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
        Ok(None) => form(&state, &headers, StatusCode::OK, next, None),
        Err(e) => {
            eprintln!("crm: error: {e}");
            server_error_in(Lang::of(&headers))
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
        (status = 400, description = "Email or password missing: the form again",
            content_type = "text/html", body = String),
        (status = 401, description = "No account with this email and password (one answer for \
            an unknown email and a wrong password): the form again",
            content_type = "text/html", body = String),
        (status = 403, description = "The form's token is missing or not the one of its \
            `tb_crm_login` cookie (log-in CSRF): the form again, with a new token",
            content_type = "text/html", body = String),
        (status = 429, description = "Too many failed sign-ins for this account or from this \
            address, or every password check is busy: wait `Retry-After` seconds",
            content_type = "text/html", body = String,
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
pub async fn login_submit(
    State(state): State<AppState>,
    from: ClientAddress,
    headers: HeaderMap,
    form_data: Result<Form<LoginForm>, FormRejection>,
) -> Response {
    let lang = Lang::of(&headers);
    let Ok(Form(login)) = form_data else {
        let missing = lang.say(Key::Missing);
        return form(
            &state,
            &headers,
            StatusCode::BAD_REQUEST,
            "/",
            Some(missing),
        );
    };
    let next = session::safe_next(login.next.as_deref()).to_owned();
    if !form_token::matches(&headers, login.csrf_token.as_deref()) {
        let forged = lang.say(Key::Forged);
        return form(&state, &headers, StatusCode::FORBIDDEN, &next, Some(forged));
    }
    let attempt = state
        .login
        .attempt(&state.db, &login.email, login.password, from)
        .await;
    match attempt {
        Ok(Attempt::SignedIn { session, .. }) => {
            let mut response = Redirect::to(&next).into_response();
            if let Some(cookie) = session::set_cookie(&session, state.config.https()) {
                response.headers_mut().insert(header::SET_COOKIE, cookie);
            }
            response
        }
        Ok(Attempt::Refused) => form(
            &state,
            &headers,
            StatusCode::UNAUTHORIZED,
            &next,
            Some(lang.say(Key::Refused)),
        ),
        Ok(Attempt::TooMany { retry_after }) => {
            let secs = retry_after.as_secs();
            let wait = if secs <= 1 {
                lang.say(Key::WaitSecond).to_string()
            } else if secs < 120 {
                lang.fill(Key::WaitSeconds, &[("n", &secs.to_string())])
            } else {
                let minutes = secs.div_ceil(60).to_string();
                lang.fill(Key::WaitMinutes, &[("n", &minutes)])
            };
            let message = lang.fill(Key::TooMany, &[("wait", &wait)]);
            let mut response = form(
                &state,
                &headers,
                StatusCode::TOO_MANY_REQUESTS,
                &next,
                Some(&message),
            );
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
            response
        }
        Err(e) => {
            eprintln!("crm: error: {e}");
            server_error_in(lang)
        }
    }
}

#[utoipa::path(
    post,
    path = "/logout",
    tag = "pages",
    responses(
        (status = 303, description = "Session ended: to /login"),
        (status = 405, description = "Not a POST: signing out changes state, so a link or an \
            image on another page cannot do it"),
    )
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

/// The sign-in form, with the token of the request's `tb_crm_login` cookie (a new cookie when
/// it has none). The email typed is not shown again: an unknown email and a wrong password
/// get the very same page.
fn form(
    state: &AppState,
    headers: &HeaderMap,
    status: StatusCode,
    next: &str,
    error: Option<&str>,
) -> Response {
    let lang = Lang::of(headers);
    let Some(cookie) = FormCookie::for_request(headers) else {
        return server_error_in(lang);
    };
    let error = error.map(|e| format!("<p class=\"error\" role=\"alert\">{}</p>", escape(e)));
    let body = format!(
        "<h1>{heading}</h1>{}\
         <form method=\"post\" action=\"/login\">\
         <input type=\"hidden\" name=\"next\" value=\"{}\">\
         <input type=\"hidden\" name=\"csrf_token\" value=\"{}\">\
         <label>{email}<input type=\"email\" name=\"email\" required \
         autocomplete=\"username\" autofocus></label>\
         <label>{password}<input type=\"password\" name=\"password\" required \
         autocomplete=\"current-password\"></label>\
         <button type=\"submit\">{sign_in}</button></form>",
        error.unwrap_or_default(),
        escape(next),
        escape(&cookie.token()),
        heading = lang.say(Key::SignInHeading),
        email = lang.say(Key::Email),
        password = lang.say(Key::Password),
        sign_in = lang.say(Key::SignIn),
    );
    let mut response = page(lang, status, lang.say(Key::SignInTitle), &body);
    if cookie.new
        && let Some(set) = cookie.set_cookie(state.config.https())
    {
        response.headers_mut().append(header::SET_COOKIE, set);
    }
    response
}
