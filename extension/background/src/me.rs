//! Who the token belongs to, asked of the CRM once and kept for a few minutes in session
//! storage (permissions decide whether exporting is allowed, the user id keys the quota).

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
    me: Me,
    expires_at: f64,
}

pub async fn me(crm: &CrmUrl, token: &str) -> Result<Me, CrmError> {
    let now = js_sys::Date::now();
    if let Some(cached) = storage::get::<Cached>(Area::Session, KEY).await
        && cached.crm == crm.as_str()
        && cached.expires_at > now
    {
        return Ok(cached.me);
    }
    let me: Me = crm_client::get(crm, token, "/api/v1/me").await?;
    let cached = Cached {
        crm: crm.as_str().to_string(),
        me: me.clone(),
        expires_at: now + TTL_MS,
    };
    let _ = storage::set(Area::Session, KEY, &cached).await;
    Ok(me)
}
