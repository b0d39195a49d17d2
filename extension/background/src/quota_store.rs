//! The monthly ledger (core `quota.rs`) kept in `storage.local` (trusted contexts only: a content
//! script can neither read nor reset it, PRODUCT.md S6), one per CRM user. Every change
//! is a read-modify-write inside `lock::exclusive`, so concurrent exports from several tabs can
//! never take the count past the limit (PRODUCT.md E6), and the toolbar shows what is left.

use crate::chrome::log;
use crate::lock::{self, exclusive};
use crate::storage::{self, Area};
use talent_bridge::protocol::QuotaView;
use talent_bridge::quota::QuotaLedger;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "action"], js_name = setBadgeText, catch)]
    async fn set_badge_text(details: &JsValue) -> Result<JsValue, JsValue>;
}

fn key(user: &str) -> String {
    format!("quota:{user}")
}

async fn load(user: &str) -> QuotaLedger {
    QuotaLedger::for_user(storage::get(Area::Local, &key(user)).await, user)
}

async fn save(ledger: &QuotaLedger, limit: Option<u32>) {
    if storage::set(Area::Local, &key(ledger.user()), ledger)
        .await
        .is_err()
    {
        log("quota ledger could not be saved");
    }
    if let Some(limit) = limit {
        show_on_toolbar(ledger.remaining(js_sys::Date::now(), limit)).await;
    }
}

/// "N left" on the extension's toolbar icon.
pub async fn show_on_toolbar(remaining: u32) {
    let details = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&details, &"text".into(), &remaining.to_string().into());
    let _ = set_badge_text(&details).await;
}

pub async fn view(user: &str, limit: u32) -> QuotaView {
    let ledger = exclusive(&lock::QUOTA, || load(user)).await;
    let view = ledger.view(js_sys::Date::now(), limit);
    show_on_toolbar(view.remaining).await;
    view
}

/// Holds one unit for `ticket`; `Err(resets_at)` at the limit.
pub async fn reserve(user: &str, ticket: &str, limit: u32) -> Result<QuotaView, String> {
    exclusive(&lock::QUOTA, || async {
        let mut ledger = load(user).await;
        let now = js_sys::Date::now();
        match ledger.reserve(ticket, now, limit) {
            Ok(_) => {
                save(&ledger, Some(limit)).await;
                Ok(ledger.view(now, limit))
            }
            Err(error) => Err(match error.block() {
                Some(talent_bridge::protocol::ExportBlock::LimitReached { resets_at }) => resets_at,
                _ => ledger.resets_at(now),
            }),
        }
    })
    .await
}

pub async fn commit(user: &str, ticket: &str) {
    exclusive(&lock::QUOTA, || async {
        let mut ledger = load(user).await;
        ledger.commit(ticket, js_sys::Date::now());
        save(&ledger, None).await;
    })
    .await;
}

pub async fn release(user: &str, ticket: &str) {
    exclusive(&lock::QUOTA, || async {
        let mut ledger = load(user).await;
        if ledger.release(ticket) {
            save(&ledger, None).await;
        }
    })
    .await;
}
