//! The configuration in force: the admin's policy first, then what the user entered
//! (PRODUCT.md A2, A4).

use crate::storage::{self, Area};
use serde::{Deserialize, Serialize};
use talent_bridge::policy::{DisplayMode, Policy, PolicyProblem};
use talent_bridge::protocol::SettingSource;
use talent_bridge::settings::CrmUrl;

const USER_SETTINGS: &str = "settings";

/// What the user entered in the options page. The token never leaves the worker.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct UserSettings {
    #[serde(default)]
    pub crm_url: Option<String>,
    #[serde(default)]
    pub api_token: Option<String>,
    /// Page or side panel only (PRODUCT.md Q2), unless a policy locks it.
    #[serde(default)]
    pub display_mode: Option<DisplayMode>,
    /// "Dim people already in the CRM on search results" (PRODUCT.md Q3; off by default).
    #[serde(default)]
    pub dim_in_crm: bool,
}

pub struct Config {
    pub crm_url: Option<CrmUrl>,
    pub crm_url_source: SettingSource,
    pub token: Option<String>,
    pub problems: Vec<PolicyProblem>,
}

impl Config {
    /// The CRM to call and the token to call it with, when both are known.
    pub fn crm(&self) -> Option<(&CrmUrl, &str)> {
        Some((self.crm_url.as_ref()?, self.token.as_deref()?))
    }
}

thread_local! {
    /// The policy as last read, until `chrome.storage.onChanged` says the admin changed it
    /// (the worker starts with none: a stopped worker reads it afresh).
    static POLICY: std::cell::RefCell<Option<(Policy, Vec<PolicyProblem>)>> =
        const { std::cell::RefCell::new(None) };
}

/// The organisation's policy in force, read once and kept until it changes.
pub async fn policy() -> (Policy, Vec<PolicyProblem>) {
    if let Some(cached) = POLICY.with(|p| p.borrow().clone()) {
        return cached;
    }
    let raw = storage::get_raw(Area::Managed, None).await;
    let value = raw
        .and_then(|v| serde_wasm_bindgen::from_value::<serde_json::Value>(v).ok())
        .unwrap_or(serde_json::Value::Null);
    let read = Policy::from_managed(&value);
    POLICY.with(|p| *p.borrow_mut() = Some(read.clone()));
    read
}

/// The managed storage changed: the next read takes the new policy.
pub fn forget_policy() {
    POLICY.with(|p| *p.borrow_mut() = None);
}

thread_local! {
    /// What the user entered, as last read, until `chrome.storage.onChanged` says it changed:
    /// every message of a profile load asks for it, each time a trip to storage. The count says
    /// whether it changed while a read was on its way (then that read is not kept).
    static USER: std::cell::RefCell<(u32, Option<UserSettings>)> =
        const { std::cell::RefCell::new((0, None)) };
}

pub async fn user() -> UserSettings {
    let (changes, kept) = USER.with(|u| u.borrow().clone());
    if let Some(kept) = kept {
        return kept;
    }
    let read: UserSettings = storage::get(Area::Local, USER_SETTINGS)
        .await
        .unwrap_or_default();
    USER.with(|u| {
        let mut u = u.borrow_mut();
        if u.0 == changes {
            u.1 = Some(read.clone());
        }
    });
    read
}

/// `storage.local` changed `keys`: the user's settings among them are read afresh.
pub fn forget_user(keys: &[String]) {
    if keys.iter().any(|k| k == USER_SETTINGS) {
        USER.with(|u| {
            let mut u = u.borrow_mut();
            u.0 = u.0.wrapping_add(1);
            u.1 = None;
        });
    }
}

pub async fn save_user(settings: &UserSettings) -> Result<(), wasm_bindgen::JsValue> {
    storage::set(Area::Local, USER_SETTINGS, settings).await
}

/// The display mode in force, and whether the policy locks it.
pub async fn display_mode() -> (DisplayMode, bool) {
    let (policy, _) = policy().await;
    policy.display_mode(user().await.display_mode)
}

/// The configured CRM (policy first, then the user's), without touching tokens.
pub async fn crm_url() -> Option<CrmUrl> {
    let (policy, _) = policy().await;
    match policy.crm_url {
        Some(url) => Some(url),
        None => user()
            .await
            .crm_url
            .as_deref()
            .and_then(|u| CrmUrl::parse(u).ok()),
    }
}

pub async fn current() -> Config {
    let (policy, problems) = policy().await;
    let user = user().await;
    let (crm_url, crm_url_source) =
        match (policy.crm_url, user.crm_url.as_deref().map(CrmUrl::parse)) {
            (Some(url), _) => (Some(url), SettingSource::Policy),
            (None, Some(Ok(url))) => (Some(url), SettingSource::User),
            (None, _) => (None, SettingSource::Unset),
        };
    // An OAuth sign-in wins; a personal API token serves CRMs without OAuth.
    let oauth = match &crm_url {
        Some(url) => crate::auth::access_token(url).await,
        None => None,
    };
    let token = oauth.or(user.api_token.filter(|t| !t.is_empty()));
    Config {
        crm_url,
        crm_url_source,
        token,
        problems,
    }
}
