//! The authorization request (RFC 6749 §4.1.1, RFC 7636 §4.3) and its checks: the client and
//! its exact redirect URI first (a page when either fails: the CRM is no open redirect), then
//! response type, PKCE and scope (sent back to the client).

use super::clients::{self, Registered};
use super::{SCOPE, pkce};
use crate::app::AppState;
use crate::db::DbError;
use crate::pages::html::{escape, page, server_error};
use crate::pages::lang::Lang;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use talent_bridge::profile::percent_encode_segment;

/// The authorization request (RFC 6749 §4.1.1, RFC 7636 §4.3).
#[derive(Clone, Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuthorizeRequest {
    /// `code`.
    pub response_type: Option<String>,
    pub client_id: Option<String>,
    /// Exactly one the client registered.
    pub redirect_uri: Option<String>,
    /// `BASE64URL(SHA256(code_verifier))`, 43 characters.
    pub code_challenge: Option<String>,
    /// `S256` (`plain` is refused).
    pub code_challenge_method: Option<String>,
    /// Returned unchanged with the code or the error.
    pub state: Option<String>,
    /// `crm` (the default).
    pub scope: Option<String>,
    /// `none`: never show a page. A signed-in user who allowed this client before gets a code
    /// at once; otherwise the error is `login_required` or `consent_required`.
    pub prompt: Option<String>,
}

/// The consent page's form: the request again, the session's form token and the answer.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct ConsentForm {
    pub response_type: Option<String>,
    pub client_id: Option<String>,
    pub redirect_uri: Option<String>,
    pub code_challenge: Option<String>,
    pub code_challenge_method: Option<String>,
    pub state: Option<String>,
    pub scope: Option<String>,
    /// The session's anti-forgery token, from the consent page.
    pub csrf_token: Option<String>,
    /// `allow` or `deny`.
    pub decision: Option<String>,
}

impl ConsentForm {
    pub(super) fn request(&self) -> AuthorizeRequest {
        AuthorizeRequest {
            response_type: self.response_type.clone(),
            client_id: self.client_id.clone(),
            redirect_uri: self.redirect_uri.clone(),
            code_challenge: self.code_challenge.clone(),
            code_challenge_method: self.code_challenge_method.clone(),
            state: self.state.clone(),
            scope: self.scope.clone(),
            prompt: None,
        }
    }
}

/// A request that passed every check: safe to answer at its redirect URI.
#[derive(Clone, Debug)]
pub struct Checked {
    pub client_id: String,
    pub client_name: String,
    pub redirect_uri: String,
    pub code_challenge: String,
    pub state: Option<String>,
    pub scope: String,
    pub prompt_none: bool,
}

impl Checked {
    /// 302 to the redirect URI with `params` and the state added to its query.
    pub(super) fn redirect(&self, params: &[(&str, &str)]) -> Response {
        let state = self.state.as_deref().map(|s| ("state", s));
        let added: Vec<String> = params
            .iter()
            .copied()
            .chain(state)
            .map(|(name, value)| format!("{name}={}", percent_encode_segment(value)))
            .collect();
        let base = &self.redirect_uri;
        let separator = if !base.contains('?') {
            "?"
        } else if base.ends_with(['?', '&']) {
            ""
        } else {
            "&"
        };
        let url = format!("{base}{separator}{}", added.join("&"));
        let Ok(location) = HeaderValue::from_str(&url) else {
            return server_error();
        };
        let mut response = StatusCode::FOUND.into_response();
        let headers = response.headers_mut();
        headers.insert(header::LOCATION, location);
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        response
    }

    pub(super) fn error(&self, error: &str, description: &str) -> Response {
        self.redirect(&[("error", error), ("error_description", description)])
    }
}

/// Why a request is refused.
pub(super) enum Refusal {
    /// The client or redirect URI cannot be trusted: an HTML page, never a redirect.
    Page(String),
    /// A registered client and redirect: the error goes back to the client.
    Redirect(Box<Checked>, &'static str, &'static str),
}

impl Refusal {
    pub(super) fn into_response(self) -> Response {
        match self {
            Self::Page(message) => error_page(StatusCode::BAD_REQUEST, &message),
            Self::Redirect(checked, error, description) => checked.error(error, description),
        }
    }
}

/// Client and exact redirect URI first (a page when either fails), then the rest (sent back).
pub(super) async fn check(
    state: &AppState,
    request: &AuthorizeRequest,
) -> Result<Result<Checked, Refusal>, DbError> {
    let (Some(client_id), Some(redirect_uri)) = (
        request.client_id.clone().filter(|c| !c.is_empty()),
        request.redirect_uri.clone().filter(|r| !r.is_empty()),
    ) else {
        return Ok(Err(Refusal::Page(
            "The sign-in request names no client or no redirect URI.".into(),
        )));
    };
    let registered = {
        let (client_id, redirect_uri) = (client_id.clone(), redirect_uri.clone());
        state
            .db
            .run(move |conn| clients::lookup(conn, &client_id, &redirect_uri))
            .await?
    };
    let client_name = match registered {
        Registered::Yes { name } => name,
        Registered::UnknownClient => {
            eprintln!("crm: oauth: authorization request from an unknown client refused");
            return Ok(Err(Refusal::Page(format!(
                "This CRM has no OAuth client \u{201c}{client_id}\u{201d}. Ask your CRM \
                 administrator to register it, or check the client id in Talent Bridge's \
                 settings."
            ))));
        }
        Registered::UnknownRedirect => {
            eprintln!("crm: oauth: authorization request with an unregistered redirect refused");
            return Ok(Err(Refusal::Page(format!(
                "The redirect URI is not one registered for \u{201c}{client_id}\u{201d}, so \
                 this CRM will not send a sign-in there. Ask your CRM administrator to \
                 register the extension's exact redirect URI."
            ))));
        }
    };
    let checked = Checked {
        client_id,
        client_name,
        redirect_uri,
        code_challenge: request.code_challenge.clone().unwrap_or_default(),
        state: request.state.clone().filter(|s| !s.is_empty()),
        scope: SCOPE.to_string(),
        prompt_none: request.prompt.as_deref() == Some("none"),
    };
    let problem = problem(request, &checked.code_challenge);
    Ok(match problem {
        Some((error, description)) => Err(Refusal::Redirect(Box::new(checked), error, description)),
        None => Ok(checked),
    })
}

/// What is wrong with a request from a registered client, as (error, description).
fn problem(request: &AuthorizeRequest, challenge: &str) -> Option<(&'static str, &'static str)> {
    match request.response_type.as_deref() {
        Some("code") => {}
        None | Some("") => return Some(("invalid_request", "response_type is required.")),
        Some(_) => {
            return Some((
                "unsupported_response_type",
                "Only response_type=code is supported.",
            ));
        }
    }
    if request.code_challenge_method.as_deref() != Some("S256") {
        return Some((
            "invalid_request",
            "PKCE is required with code_challenge_method=S256.",
        ));
    }
    if !pkce::valid_challenge(challenge) {
        return Some((
            "invalid_request",
            "code_challenge must be BASE64URL(SHA256(code_verifier)), 43 characters.",
        ));
    }
    let scope = request.scope.as_deref().unwrap_or(SCOPE);
    if !scope
        .split(' ')
        .filter(|s| !s.is_empty())
        .all(|s| s == SCOPE)
    {
        return Some(("invalid_scope", "The only scope is crm."));
    }
    None
}

/// The GET request a consent form came from, to return to after signing in again.
pub(super) fn authorize_path(request: &AuthorizeRequest) -> String {
    let fields = [
        ("response_type", &request.response_type),
        ("client_id", &request.client_id),
        ("redirect_uri", &request.redirect_uri),
        ("code_challenge", &request.code_challenge),
        ("code_challenge_method", &request.code_challenge_method),
        ("state", &request.state),
        ("scope", &request.scope),
    ];
    let query: Vec<String> = fields
        .iter()
        .filter_map(|(name, value)| {
            value
                .as_deref()
                .map(|v| format!("{name}={}", percent_encode_segment(v)))
        })
        .collect();
    format!(
        "{}?{}",
        talent_bridge::oauth::AUTHORIZE_PATH,
        query.join("&")
    )
}

pub(super) fn error_page(status: StatusCode, message: &str) -> Response {
    // The OAuth errors speak to the client's developer as much as to the user: English.
    page(
        Lang::En,
        status,
        "Sign-in refused",
        &format!(
            "<h1>Sign-in refused</h1><p class=\"error\" role=\"alert\" data-test=\"oauth-error\">{}</p>",
            escape(message)
        ),
    )
}
