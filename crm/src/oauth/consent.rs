//! The consent page: "Talent Bridge wants to access the CRM as <name>", Allow or Deny. A real
//! form posting back to `/oauth/authorize` with the session's form token; no script.

use super::clients;
use super::request::Checked;
use crate::auth::User;
use crate::pages::html::{SIGN_OUT, escape, page_posting_to, server_error};
use axum::http::StatusCode;
use axum::response::Response;

pub fn page(checked: &Checked, user: &User, csrf: &str) -> Response {
    let Some(origin) = clients::origin(&checked.redirect_uri) else {
        return server_error();
    };
    let hidden = [
        ("response_type", Some("code")),
        ("client_id", Some(checked.client_id.as_str())),
        ("redirect_uri", Some(checked.redirect_uri.as_str())),
        ("code_challenge", Some(checked.code_challenge.as_str())),
        ("code_challenge_method", Some("S256")),
        ("state", checked.state.as_deref()),
        ("scope", Some(checked.scope.as_str())),
        ("csrf_token", Some(csrf)),
    ];
    let hidden: String = hidden
        .iter()
        .filter_map(|(name, value)| {
            value.map(|v| {
                format!(
                    "<input type=\"hidden\" name=\"{name}\" value=\"{}\">",
                    escape(v)
                )
            })
        })
        .collect();
    let permissions: Vec<&str> = user
        .permissions
        .to_list()
        .into_iter()
        .filter_map(crate::auth::Permissions::column_name)
        .collect();
    let permissions = if permissions.is_empty() {
        "none yet".to_string()
    } else {
        permissions.join(", ")
    };
    let heading = format!(
        "{} wants to access the CRM as {}",
        checked.client_name, user.name
    );
    let body = format!(
        "<h1 data-test=\"consent-title\">{heading}</h1>\
         <p class=\"sub\">Signed in as {email}. Not you? {SIGN_OUT}</p>\
         <p>It will look people up in the CRM and, when you export someone, add or update their \
         contact, with your permissions ({permissions}). It never sees your password, and you \
         can sign it out at any time.</p>\
         <form method=\"post\" action=\"/oauth/authorize\">{hidden}\
         <button type=\"submit\" name=\"decision\" value=\"allow\" data-test=\"allow\">Allow</button> \
         <button type=\"submit\" name=\"decision\" value=\"deny\" data-test=\"deny\">Deny</button>\
         </form>",
        heading = escape(&heading),
        email = escape(&user.email),
    );
    page_posting_to(StatusCode::OK, "Allow Talent Bridge?", &body, origin)
}
