//! The core's platform traits (`talent_bridge::platform`) on the worker's browser APIs:
//! IndexedDB and session storage, the quota ledger in `storage.local`, `fetch`, `chrome.alarms`,
//! the PDF parser's instance. Only I/O here: every decision is the core's (`export_flow`,
//! `outbox`).

use crate::chrome::log;
use crate::{crm_client, idb, lookup, me, progress, quota_store, settings, storage};
use std::cell::RefCell;
use std::collections::HashSet;
use talent_bridge::crm::UsageKind;
use talent_bridge::outbox::ExportJob;
use talent_bridge::pdf::PdfProfile;
use talent_bridge::platform::{
    Answer, Clock, CrmError, CrmTransport, Host, Pending, Quota, QuotaRefusal, Request, Scheduler,
    Store, StoreError,
};
use talent_bridge::protocol::{ExportStep, QuotaView};
use talent_bridge::quota::YearMonth;
use talent_bridge::settings::CrmUrl;
use talent_bridge::usage_quota::{CrmQuota, LocalLedger, UsageRecord};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

const ALARM: &str = "outbox";
const PENDING_PREFIX: &str = "pending:";

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "alarms"], js_name = create, catch)]
    async fn create_alarm(name: &str, info: &JsValue) -> Result<JsValue, JsValue>;
}

thread_local! {
    /// The PDF parser's entry point, handed over by `background.js` (its own wasm instance).
    static PARSER: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
    /// Jobs being run now by this worker.
    static RUNNING: RefCell<HashSet<String>> = RefCell::new(HashSet::new());
}

pub fn set_parser(parser: js_sys::Function) {
    PARSER.with(|p| *p.borrow_mut() = Some(parser));
}

pub fn is_running(ticket: &str) -> bool {
    RUNNING.with(|r| r.borrow().contains(ticket))
}

/// The worker, as the core's platform.
pub struct Worker;

impl Clock for Worker {
    fn now_ms(&self) -> f64 {
        js_sys::Date::now()
    }

    fn random(&self) -> f64 {
        js_sys::Math::random()
    }

    fn new_ticket(&self) -> String {
        let random = js_sys::global()
            .dyn_ref::<web_sys::WorkerGlobalScope>()
            .and_then(|scope| scope.crypto().ok())
            .map(|crypto| crypto.random_uuid());
        random.unwrap_or_else(|| format!("t{}-{}", js_sys::Date::now(), js_sys::Math::random()))
    }
}

impl Store for Worker {
    async fn put_job(&self, job: &ExportJob, pdf: Option<&[u8]>) -> Result<(), StoreError> {
        let value = talent_bridge_web::to_js(job).ok_or(StoreError)?;
        let result = match pdf {
            Some(bytes) => {
                idb::put_with_bytes(idb::JOBS, &value, idb::PDFS, &job.ticket, bytes).await
            }
            None => idb::put(idb::JOBS, &value, None).await,
        };
        result.map_err(|_| {
            log("outbox job could not be stored");
            StoreError
        })
    }

    async fn jobs(&self) -> Vec<ExportJob> {
        let mut jobs = Vec::new();
        for value in idb::all(idb::JOBS).await.unwrap_or_default() {
            if let Some(job) = self.read(value).await {
                jobs.push(job);
            }
        }
        jobs
    }

    async fn job(&self, ticket: &str) -> Option<ExportJob> {
        let value = idb::get(idb::JOBS, ticket).await.ok().flatten()?;
        self.read(value).await
    }

    async fn pdf(&self, ticket: &str) -> Option<Vec<u8>> {
        idb::get_bytes(idb::PDFS, ticket).await.ok().flatten()
    }

    async fn remove_job(&self, ticket: &str) -> Result<(), StoreError> {
        idb::delete(&[idb::JOBS, idb::PDFS], ticket)
            .await
            .map_err(|_| {
                log("outbox job could not be removed");
                StoreError
            })
    }

    async fn put_pending(&self, ticket: &str, pending: &Pending) -> Result<(), StoreError> {
        storage::set(
            storage::Area::Session,
            &format!("{PENDING_PREFIX}{ticket}"),
            pending,
        )
        .await
        .map_err(|_| StoreError)
    }

    async fn take_pending(&self, ticket: &str) -> Option<Pending> {
        let key = format!("{PENDING_PREFIX}{ticket}");
        let pending = storage::get::<Pending>(storage::Area::Session, &key).await;
        let _ = storage::remove(storage::Area::Session, &[&key]).await;
        pending
    }
}

impl Worker {
    /// A stored job in today's model; one in an older format is written back converted, once.
    async fn read(&self, value: JsValue) -> Option<ExportJob> {
        let json: serde_json::Value = serde_wasm_bindgen::from_value(value).ok()?;
        let old = json.get("v").is_none();
        let job = ExportJob::from_stored(json)?;
        if old {
            let _ = self.put_job(&job, None).await;
        }
        Some(job)
    }
}

/// The quota is the CRM's count when it keeps one, this browser's ledger otherwise (the core's
/// `usage_quota`); the toolbar shows what is left after every change.
impl Quota for Worker {
    async fn reserve(
        &self,
        owner: &str,
        ticket: &str,
        limit: u32,
        kind: UsageKind,
    ) -> Result<(), QuotaRefusal> {
        let result = CrmQuota(self).reserve(owner, ticket, limit, kind).await;
        self.show(owner, limit).await;
        result
    }

    async fn commit(&self, owner: &str, ticket: &str) {
        CrmQuota(self).commit(owner, ticket).await;
        self.show(owner, 0).await;
    }

    async fn release(&self, owner: &str, ticket: &str) {
        CrmQuota(self).release(owner, ticket).await;
        self.show(owner, 0).await;
    }

    async fn view(&self, owner: &str, limit: u32) -> QuotaView {
        let view = CrmQuota(self).view(owner, limit).await;
        quota_store::show_on_toolbar(view.remaining).await;
        view
    }
}

impl Worker {
    /// What is left, on the toolbar, as last known (no request). `limit` 0: the policy's.
    async fn show(&self, owner: &str, limit: u32) {
        let limit = if limit == 0 {
            settings::policy().await.0.monthly_limit()
        } else {
            limit
        };
        let view = CrmQuota(self).known_view(owner, limit).await;
        quota_store::show_on_toolbar(view.remaining).await;
    }
}

impl LocalLedger for Worker {
    async fn local_reserve(&self, owner: &str, ticket: &str, limit: u32) -> Result<(), String> {
        quota_store::reserve(owner, ticket, limit).await
    }

    async fn local_commit(&self, owner: &str, ticket: &str) {
        quota_store::commit(owner, ticket).await;
    }

    async fn local_release(&self, owner: &str, ticket: &str) {
        quota_store::release(owner, ticket).await;
    }

    async fn local_view(&self, owner: &str, limit: u32) -> QuotaView {
        quota_store::view(owner, limit).await
    }

    async fn local_counted(&self, owner: &str, month: YearMonth) -> (u32, Vec<String>) {
        quota_store::counted(owner, month).await
    }

    async fn usage_record(&self, owner: &str) -> UsageRecord {
        quota_store::record(owner).await
    }

    async fn change_usage_record(&self, owner: &str, change: &dyn Fn(&mut UsageRecord)) {
        quota_store::change_record(owner, change).await;
    }
}

impl Scheduler for Worker {
    async fn wake_at(&self, at_ms: f64) {
        let info = js_sys::Object::new();
        // Alarms in the past fire at once; Chrome rounds very short delays up.
        let when = at_ms.max(js_sys::Date::now() + 1_000.0);
        let _ = js_sys::Reflect::set(&info, &"when".into(), &when.into());
        if create_alarm(ALARM, &info).await.is_err() {
            log("outbox alarm could not be set");
        }
    }
}

impl CrmTransport for Worker {
    async fn send(&self, crm: &CrmUrl, token: &str, request: Request) -> Option<Answer> {
        crm_client::send(crm, token, request).await
    }
}

impl Host for Worker {
    async fn session(&self) -> Option<(CrmUrl, String)> {
        let config = settings::current().await;
        config
            .crm()
            .map(|(crm, token)| (crm.clone(), token.to_string()))
    }

    async fn user_id(&self, crm: &CrmUrl, token: &str) -> Result<i64, CrmError> {
        me::me(crm, token).await.map(|me| me.user.id)
    }

    async fn parse_pdf(&self, pdf: &[u8]) -> Option<PdfProfile> {
        #[derive(serde::Deserialize)]
        struct ParseAnswer {
            #[serde(default)]
            profile: Option<PdfProfile>,
        }
        let parser = PARSER.with(|p| p.borrow().clone())?;
        let bytes = js_sys::Uint8Array::from(pdf);
        let promise: js_sys::Promise =
            parser.call1(&JsValue::NULL, &bytes).ok()?.dyn_into().ok()?;
        let text = match JsFuture::from(promise).await {
            Ok(text) => text.as_string()?,
            Err(_) => {
                // A trap in the parser's instance: it is gone until the worker restarts.
                log("pdf parser failed");
                return None;
            }
        };
        serde_json::from_str::<ParseAnswer>(&text).ok()?.profile
    }

    async fn progress(&self, tab: Option<i32>, ticket: &str, step: ExportStep) {
        progress::send(tab, ticket, step).await;
    }

    async fn contacts_changed(&self) {
        lookup::forget_cache().await;
    }

    fn claim(&self, ticket: &str) -> bool {
        RUNNING.with(|r| r.borrow_mut().insert(ticket.to_string()))
    }

    fn unclaim(&self, ticket: &str) {
        RUNNING.with(|r| r.borrow_mut().remove(ticket));
    }
}
