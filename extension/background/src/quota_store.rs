//! The browser's own monthly ledger (core `quota.rs`) and the record of the count kept by the
//! CRM (core `usage_quota.rs`), in `storage.local` (trusted contexts only: a content script can
//! neither read nor reset them, PRODUCT.md S6), one of each per CRM user. Every change is a
//! read-modify-write inside `lock::exclusive`, so concurrent exports from several tabs can never
//! take the browser's count past the limit (PRODUCT.md E6); the CRM's count is exact on its own.

use crate::chrome::log;
use crate::lock::{self, exclusive};
use crate::storage::{self, Area};
use talent_bridge::protocol::QuotaView;
use talent_bridge::quota::{QuotaLedger, YearMonth};
use talent_bridge::usage_quota::UsageRecord;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "action"], js_name = setBadgeText, catch)]
    async fn set_badge_text(details: &JsValue) -> Result<JsValue, JsValue>;
}

fn key(user: &str) -> String {
    format!("quota:{user}")
}

fn record_key(user: &str) -> String {
    format!("usage:{user}")
}

async fn load(user: &str) -> QuotaLedger {
    QuotaLedger::for_user(storage::get(Area::Local, &key(user)).await, user)
}

async fn save(ledger: &QuotaLedger) {
    if storage::set(Area::Local, &key(ledger.user()), ledger)
        .await
        .is_err()
    {
        log("quota ledger could not be saved");
    }
}

/// "N left" on the extension's toolbar icon.
pub async fn show_on_toolbar(remaining: u32) {
    let details = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&details, &"text".into(), &remaining.to_string().into());
    let _ = set_badge_text(&details).await;
}

/// The time the ledger goes by: the CRM's clock when known, never back (core `QuotaLedger::time`).
fn now(ledger: &mut QuotaLedger) -> f64 {
    ledger.time(js_sys::Date::now(), crate::crm_client::crm_now())
}

pub async fn view(user: &str, limit: u32) -> QuotaView {
    let mut ledger = exclusive(&lock::QUOTA, || load(user)).await;
    let now = now(&mut ledger);
    ledger.view(now, limit)
}

/// How many downloads this browser counted in `month`, and their tickets.
pub async fn counted(user: &str, month: YearMonth) -> (u32, Vec<String>) {
    let ledger = exclusive(&lock::QUOTA, || load(user)).await;
    (ledger.used_in(month), ledger.counted_in(month).to_vec())
}

/// Holds one unit for `ticket`; `Err(resets_at)` at the limit.
pub async fn reserve(user: &str, ticket: &str, limit: u32) -> Result<(), String> {
    exclusive(&lock::QUOTA, || async {
        let mut ledger = load(user).await;
        let now = now(&mut ledger);
        match ledger.reserve(ticket, now, limit) {
            Ok(_) => {
                save(&ledger).await;
                Ok(())
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
        let now = now(&mut ledger);
        ledger.commit(ticket, now);
        save(&ledger).await;
    })
    .await;
}

pub async fn release(user: &str, ticket: &str) {
    exclusive(&lock::QUOTA, || async {
        let mut ledger = load(user).await;
        if ledger.release(ticket) {
            save(&ledger).await;
        }
    })
    .await;
}

pub async fn record(user: &str) -> UsageRecord {
    exclusive(&lock::QUOTA, || async {
        storage::get(Area::Local, &record_key(user))
            .await
            .unwrap_or_default()
    })
    .await
}

pub async fn change_record(user: &str, change: &dyn Fn(&mut UsageRecord)) {
    exclusive(&lock::QUOTA, || async {
        let mut record: UsageRecord = storage::get(Area::Local, &record_key(user))
            .await
            .unwrap_or_default();
        change(&mut record);
        if storage::set(Area::Local, &record_key(user), &record)
            .await
            .is_err()
        {
            log("usage record could not be saved");
        }
    })
    .await;
}
