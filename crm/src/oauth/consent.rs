//! The consent page: "Talent Bridge wants to access the CRM as <name>", Allow or Deny. A real
//! form posting back to `/oauth/authorize` with the session's form token; no script.

use super::clients;
use super::request::Checked;
use crate::auth::User;
use crate::pages::html::{escape, page_posting_to, server_error_in, sign_out};
use crate::pages::lang::Lang;
use crate::pages::words::Key;
use axum::http::StatusCode;
use axum::response::Response;

pub fn page(checked: &Checked, user: &User, csrf: &str, lang: Lang) -> Response {
    let Some(origin) = clients::origin(&checked.redirect_uri) else {
        return server_error_in(lang);
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
        lang.say(Key::NoPermissionsYet).to_string()
    } else {
        permissions.join(", ")
    };
    let heading = lang.fill(
        Key::ConsentHeading,
        &[
            ("client", &escape(&checked.client_name)),
            ("user", &escape(&user.name)),
        ],
    );
    let signed_in = lang.fill(Key::ConsentSignedInAs, &[("email", &escape(&user.email))]);
    let body = format!(
        "<h1 data-test=\"consent-title\">{heading}</h1>\
         <p class=\"sub\">{signed_in} {sign_out}</p>\
         <p>{explained}</p>\
         <form method=\"post\" action=\"/oauth/authorize\">{hidden}\
         <button type=\"submit\" name=\"decision\" value=\"allow\" data-test=\"allow\">{allow}</button> \
         <button type=\"submit\" name=\"decision\" value=\"deny\" data-test=\"deny\">{deny}</button>\
         </form>",
        sign_out = sign_out(lang),
        explained = lang.fill(Key::ConsentBody, &[("permissions", &escape(&permissions))]),
        allow = lang.say(Key::Allow),
        deny = lang.say(Key::Deny),
    );
    page_posting_to(
        lang,
        StatusCode::OK,
        lang.say(Key::ConsentTitle),
        &body,
        origin,
    )
}
