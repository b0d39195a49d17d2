//! Who the token belongs to, asked of the CRM once and kept for a few minutes in session
//! storage (permissions decide whether exporting is allowed, the user id keys the quota and
//! binds the outbox's jobs to their owner). The answer is kept for the token that asked: another
//! user's token, saved or set by policy, asks again.

use crate::crm_client::{self, CrmError};
use crate::storage::{self, Area};
use serde::{Deserialize, Serialize};
use talent_bridge::crm::Me;
use talent_bridge::settings::CrmUrl;

const KEY: &str = "me";
const TTL_MS: f64 = 5.0 * 60_000.0;

#[derive(Serialize, Deserialize)]
struct Cached {
    crm: String,
    /// A digest of the token that asked (the token itself stays where it is kept), in hex:
    /// storage takes JSON numbers, which hold no `u64` above 2^53, and a cache that could not be
    /// saved asked the CRM twice on every profile load.
    #[serde(default)]
    token: String,
    me: Me,
    expires_at: f64,
}

pub async fn me(crm: &CrmUrl, token: &str) -> Result<Me, CrmError> {
    let now = js_sys::Date::now();
    if let Some(cached) = storage::get::<Cached>(Area::Session, KEY).await
        && cached.crm == crm.as_str()
        && cached.token == digest(token)
        && cached.expires_at > now
    {
        return Ok(cached.me);
    }
    let me: Me = crm_client::get(crm, token, "/api/v1/me").await?;
    let cached = Cached {
        crm: crm.as_str().to_string(),
        token: digest(token),
        me: me.clone(),
        expires_at: now + TTL_MS,
    };
    if storage::set(Area::Session, KEY, &cached).await.is_err() {
        crate::chrome::log("who the user is could not be kept: the CRM is asked again");
    }
    Ok(me)
}

fn digest(token: &str) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    token.hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}
