//! OAuth 2.0 + PKCE sign-in for the extension (PRODUCT.md A1, S1), driven with the core's own
//! client half (`talent_bridge::oauth`) against the real router.

mod authorize;
mod consent;
mod revoke;
mod tokens;

use crate::support::*;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use talent_bridge::oauth::{PkceFlow, TokenResponse};
use talent_bridge::settings::CrmUrl;

pub const CLIENT: &str = "talent-bridge-extension";
pub const REDIRECT: &str = "https://gnkhiiocdompgpmpfknahhechpbajkmk.chromiumapp.org/";

/// A new sign-in attempt with its own verifier and state.
pub fn flow() -> PkceFlow {
    flow_for(CLIENT, REDIRECT)
}

pub fn flow_for(client_id: &str, redirect_uri: &str) -> PkceFlow {
    use std::sync::atomic::{AtomicU8, Ordering};
    static SEED: AtomicU8 = AtomicU8::new(1);
    let seed = SEED.fetch_add(1, Ordering::Relaxed);
    let random: Vec<u8> = (0..64u8)
        .map(|i| i.wrapping_mul(31).wrapping_add(seed.wrapping_mul(7)))
        .collect();
    PkceFlow::new(&random, redirect_uri, client_id).unwrap()
}

/// The path and query of the flow's authorize URL, as the extension builds it.
pub fn authorize_path(flow: &PkceFlow) -> String {
    let crm = CrmUrl::parse(PUBLIC_URL).unwrap();
    flow.authorize_url(&crm)
        .strip_prefix(PUBLIC_URL)
        .unwrap()
        .to_string()
}

/// `name=value` pairs of the page's hidden inputs, unescaped.
pub fn hidden_fields(html: &str) -> Vec<(String, String)> {
    html.split("<input type=\"hidden\" ")
        .skip(1)
        .map(|rest| {
            let name = between(rest, "name=\"", "\"");
            let value = between(rest, "value=\"", "\"");
            (name, unescape(&value))
        })
        .collect()
}

fn between(text: &str, start: &str, end: &str) -> String {
    let from = text.find(start).unwrap() + start.len();
    let len = text[from..].find(end).unwrap();
    text[from..from + len].to_string()
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

pub fn form(fields: &[(String, String)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{k}={}", talent_bridge::profile::percent_encode_segment(v)))
        .collect::<Vec<_>>()
        .join("&")
}

impl TestCrm {
    /// `POST path` with a form body (and a session cookie).
    pub async fn post_form(&self, path: &str, cookie: Option<&str>, body: &str) -> Reply {
        let mut builder =
            Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(cookie) = cookie {
            builder = builder.header(header::COOKIE, cookie);
        }
        self.send(builder.body(Body::from(body.to_string())).unwrap())
            .await
    }

    /// The consent page's form fields for this flow, the signed-in user's.
    pub async fn consent_fields(&self, flow: &PkceFlow, cookie: &str) -> Vec<(String, String)> {
        let page = self.get_page(&authorize_path(flow), Some(cookie)).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.text());
        hidden_fields(&page.text())
    }

    /// Answers the consent form.
    pub async fn decide(&self, cookie: &str, fields: &[(String, String)], decision: &str) -> Reply {
        let mut fields = fields.to_vec();
        fields.push(("decision".into(), decision.into()));
        self.post_form("/oauth/authorize", Some(cookie), &form(&fields))
            .await
    }

    /// Signs `cookie`'s user through consent (Allow); returns the code from the redirect.
    pub async fn code_for(&self, flow: &PkceFlow, cookie: &str) -> String {
        let fields = self.consent_fields(flow, cookie).await;
        let reply = self.decide(cookie, &fields, "allow").await;
        assert_eq!(reply.status, StatusCode::FOUND, "{}", reply.text());
        flow.code_from_redirect(reply.header("location").unwrap())
            .unwrap()
    }

    /// `POST /oauth/token` with this form body.
    pub async fn token(&self, body: &str) -> Reply {
        self.post_form("/oauth/token", None, body).await
    }

    /// Riley signs in from scratch: tokens of a new family.
    pub async fn riley_tokens(&self) -> (PkceFlow, TokenResponse) {
        let cookie = self.sign_in("riley@example.com", "riley-demo").await;
        let flow = flow();
        let code = self.code_for(&flow, &cookie).await;
        let reply = self.token(&flow.token_request(&code)).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
        (flow, serde_json::from_slice(&reply.body).unwrap())
    }

    /// `POST /oauth/token` with the refresh grant.
    pub async fn refresh(&self, refresh_token: &str) -> Reply {
        self.token(&talent_bridge::oauth::refresh_request(
            refresh_token,
            CLIENT,
        ))
        .await
    }

    /// The status of `GET /api/v1/me` with this bearer token.
    pub async fn me_status(&self, token: &str) -> StatusCode {
        self.get("/api/v1/me", Some(token)).await.status
    }
}

impl Reply {
    /// The RFC 6749 §5.2 error code of a token endpoint answer.
    pub fn oauth_error(&self) -> String {
        let json = self.json();
        assert!(
            !json["error_description"]
                .as_str()
                .unwrap_or_default()
                .is_empty(),
            "{json}"
        );
        json["error"].as_str().unwrap().to_string()
    }

    /// The query parameter `name` of the `Location` header.
    pub fn location_param(&self, name: &str) -> Option<String> {
        let location = self.header("location")?;
        let query = location.split_once('?')?.1;
        query.split('&').find_map(|pair| {
            let (k, v) = pair.split_once('=')?;
            (k == name).then(|| talent_bridge::profile::percent_decode(v).unwrap())
        })
    }
}

pub fn refresh_of(tokens: &TokenResponse) -> &str {
    tokens.refresh_token.as_deref().unwrap()
}
