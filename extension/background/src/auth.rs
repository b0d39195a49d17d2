//! Sign-in with OAuth 2.0 + PKCE through the browser's auth window, and the tokens that come of
//! it (PRODUCT.md A1, S1). The access token lives in `storage.session` (trusted contexts only,
//! gone with the browser session), the refresh token in `storage.local` (restricted to trusted
//! contexts before any write). Neither ever leaves the worker, nor is in a content script's
//! reach (S6).

use crate::chrome::{log, t};
use crate::lock::{self, exclusive};
use crate::storage::{self, Area};
use serde::{Deserialize, Serialize};
use talent_bridge::oauth::{
    self, AccessToken, DEFAULT_CLIENT_ID, PkceFlow, REVOKE_PATH, SignInError, TOKEN_PATH,
    TokenResponse,
};
use talent_bridge::settings::CrmUrl;
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, Request, RequestInit, WorkerGlobalScope};

const ACCESS: &str = "oauth_access";
const REFRESH: &str = "oauth_refresh";

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "identity"], js_name = launchWebAuthFlow, catch)]
    async fn launch_web_auth_flow(details: &JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = ["chrome", "identity"], js_name = getRedirectURL, catch)]
    fn get_redirect_url() -> Result<String, JsValue>;
}

/// The refresh token, and for which CRM and client it was issued.
#[derive(Clone, Serialize, Deserialize)]
struct Refresh {
    crm: String,
    client_id: String,
    token: String,
}

#[derive(Clone, Serialize, Deserialize)]
struct Access {
    crm: String,
    token: AccessToken,
}

/// A usable access token for `crm`: the stored one while fresh, else a silent refresh. `None`
/// when the user is not signed in with OAuth (or the refresh was refused: signed out).
pub async fn access_token(crm: &CrmUrl) -> Option<String> {
    exclusive(&lock::TOKENS, || async {
        let now = js_sys::Date::now();
        // Both asked at once: without a fresh access token the refresh token is wanted at once.
        let access = storage::get::<Access>(Area::Session, ACCESS);
        let refresh = storage::get::<Refresh>(Area::Local, REFRESH);
        if let Some(access) = access.await
            && access.crm == crm.as_str()
            && access.token.is_fresh(now)
        {
            return Some(access.token.token);
        }
        let refresh = refresh.await?;
        if refresh.crm != crm.as_str() {
            return None;
        }
        let body = oauth::refresh_request(&refresh.token, &refresh.client_id);
        match token_call(crm, &body).await {
            Ok(answer) => Some(keep(crm, &refresh.client_id, &answer).await),
            Err(TokenError::Refused) => {
                // Expired, revoked, or replayed (the CRM then revoked the whole sign-in).
                log("refresh refused: signed out");
                forget().await;
                None
            }
            Err(TokenError::Unreachable) => None,
        }
    })
    .await
}

/// The CRM answered 401 to this access token: drop it, so the next call refreshes (or finds the
/// user signed out).
pub async fn access_refused() {
    let _ = storage::remove(Area::Session, &[ACCESS]).await;
}

/// Runs the whole sign-in. Must be started from a user action (popup or options button).
pub async fn sign_in(crm: &CrmUrl, client_id: Option<&str>) -> Result<(), String> {
    let client_id = client_id.unwrap_or(DEFAULT_CLIENT_ID);
    let redirect = get_redirect_url().map_err(|_| t("signInFailed"))?;
    let mut random = [0u8; 64];
    let scope: WorkerGlobalScope = js_sys::global()
        .dyn_into()
        .map_err(|_| t("errorInternal"))?;
    scope
        .crypto()
        .and_then(|c| c.get_random_values_with_u8_array(&mut random).map(|_| ()))
        .map_err(|_| t("errorInternal"))?;
    let flow = PkceFlow::new(&random, &redirect, client_id).ok_or_else(|| t("errorInternal"))?;
    let details = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&details, &"url".into(), &flow.authorize_url(crm).into());
    let _ = js_sys::Reflect::set(&details, &"interactive".into(), &JsValue::TRUE);
    let landed = launch_web_auth_flow(&details)
        .await
        .ok()
        .and_then(|v| v.as_string())
        .ok_or_else(|| t("signInCancelled"))?;
    let code = flow.code_from_redirect(&landed).map_err(|e| match e {
        SignInError::Denied => t("signInDenied"),
        SignInError::Refused | SignInError::StateMismatch | SignInError::Malformed => {
            t("signInFailed")
        }
    })?;
    let answer = token_call(crm, &flow.token_request(&code))
        .await
        .map_err(|_| t("signInFailed"))?;
    exclusive(&lock::TOKENS, || keep(crm, client_id, &answer)).await;
    Ok(())
}

/// Revokes the sign-in at the CRM that issued it (best effort), whatever CRM is configured
/// now, and forgets both tokens.
pub async fn sign_out() {
    let refresh = storage::get::<Refresh>(Area::Local, REFRESH).await;
    if let Some(refresh) = refresh {
        match CrmUrl::parse(&refresh.crm) {
            Ok(issuer) => {
                let body = format!(
                    "token={}",
                    talent_bridge::profile::percent_encode_segment(&refresh.token)
                );
                if form_post(&issuer, REVOKE_PATH, &body).await.is_err() {
                    log("revocation could not reach the CRM");
                }
            }
            Err(_) => log("revocation: the stored sign-in names no CRM"),
        }
    }
    forget().await;
}

async fn forget() {
    let _ = storage::remove(Area::Session, &[ACCESS]).await;
    let _ = storage::remove(Area::Local, &[REFRESH]).await;
}

async fn keep(crm: &CrmUrl, client_id: &str, answer: &TokenResponse) -> String {
    let access = Access {
        crm: crm.as_str().to_string(),
        token: AccessToken::from_response(answer, js_sys::Date::now()),
    };
    if storage::set(Area::Session, ACCESS, &access).await.is_err() {
        log("access token could not be stored");
    }
    if let Some(token) = &answer.refresh_token {
        let refresh = Refresh {
            crm: crm.as_str().to_string(),
            client_id: client_id.to_string(),
            token: token.clone(),
        };
        if storage::set(Area::Local, REFRESH, &refresh).await.is_err() {
            log("refresh token could not be stored");
        }
    }
    answer.access_token.clone()
}

enum TokenError {
    /// The CRM said no (invalid_grant, invalid_client, …).
    Refused,
    Unreachable,
}

async fn token_call(crm: &CrmUrl, body: &str) -> Result<TokenResponse, TokenError> {
    let (status, text) = form_post(crm, TOKEN_PATH, body)
        .await
        .map_err(|_| TokenError::Unreachable)?;
    match status {
        200..=299 => serde_json::from_str(&text).map_err(|_| TokenError::Refused),
        400..=499 => Err(TokenError::Refused),
        _ => Err(TokenError::Unreachable),
    }
}

async fn form_post(crm: &CrmUrl, path: &str, body: &str) -> Result<(u16, String), JsValue> {
    let headers = Headers::new()?;
    headers.set("Content-Type", "application/x-www-form-urlencoded")?;
    headers.set("Accept", "application/json")?;
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(body));
    init.set_signal(Some(&web_sys::AbortSignal::timeout_with_u32(15_000)));
    let request = Request::new_with_str_and_init(&crm.join(path), &init)?;
    let scope: WorkerGlobalScope = js_sys::global().dyn_into()?;
    let response: web_sys::Response = JsFuture::from(scope.fetch_with_request(&request))
        .await?
        .dyn_into()?;
    let text = JsFuture::from(response.text()?)
        .await?
        .as_string()
        .unwrap_or_default();
    Ok((response.status(), text))
}
