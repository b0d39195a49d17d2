//! The durable outbox (PRODUCT.md E7): an export whose PDF has arrived is a job in IndexedDB,
//! with its PDF, until the CRM has accepted every step. Steps already done are never redone;
//! each CRM write carries `Idempotency-Key` = ticket + step, and sends the same body on every
//! try, so a retry after a lost answer is neither a duplicate nor refused. Failed attempts are
//! retried by `chrome.alarms` with back-off. A job runs only against the CRM and user that
//! started it (`outbox::JobOwner`).

use crate::chrome::{log, t, t_with};
use crate::crm_client::{self, Body, CrmError};
use crate::export::{self, Pending};
use crate::{idb, lookup, me, progress, settings};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::HashSet;
use talent_bridge::crm::{
    Attachment, ContactCard, ContactWrite, ExportAction, ExportCheck, ExportCheckRequest,
    IdChanges, Note,
};
use talent_bridge::outbox::{Binding, JobOwner, as_update, existing_contact, next_delay_ms};
use talent_bridge::pdf::PdfProfile;
use talent_bridge::protocol::{ExportChoices, ExportOutcome, ExportStep, OutboxEntry, PersonQuery};
use talent_bridge::settings::CrmUrl;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

const ALARM: &str = "outbox";

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "alarms"], js_name = create, catch)]
    async fn create_alarm(name: &str, info: &JsValue) -> Result<JsValue, JsValue>;
}

thread_local! {
    /// The PDF parser's entry point, handed over by `background.js` (its own wasm instance).
    static PARSER: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
    /// Jobs being run now: an alarm and a user's retry must not run the same job twice at once.
    static RUNNING: RefCell<HashSet<String>> = RefCell::new(HashSet::new());
}

pub fn set_parser(parser: js_sys::Function) {
    PARSER.with(|p| *p.borrow_mut() = Some(parser));
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    /// Will be tried again at `next_attempt_at`.
    Pending,
    /// Stopped: the CRM refused it for a reason a retry alone won't fix. The user retries or
    /// discards it from the popup.
    Failed,
    /// Waits for its own CRM and user (`JobOwner`): another CRM is configured, or another
    /// user's token is in force. Nothing is sent until they are back (settings saved or a
    /// sign-in resume it) or the user discards it.
    Parked,
}

/// An export waiting for the CRM. Stored in IndexedDB under its ticket.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StoredJob {
    pub ticket: String,
    /// Its owner's key (`JobOwner::key`): the CRM and user it was started by, and their quota.
    pub user: String,
    pub person: PersonQuery,
    pub choices: ExportChoices,
    pub action: ExportAction,
    #[serde(default)]
    pub contact_id: Option<i64>,
    /// The contact fields, once the PDF was parsed.
    #[serde(default)]
    pub write: Option<ContactWrite>,
    #[serde(default)]
    pub saved: bool,
    /// A create answered `409 exists`, turned into an update of that contact.
    #[serde(default)]
    pub adopted: bool,
    #[serde(default)]
    pub attached: bool,
    #[serde(default)]
    pub assigned: bool,
    #[serde(default)]
    pub attempts: u32,
    #[serde(default)]
    pub next_attempt_at: f64,
    pub state: JobState,
    /// A code or the CRM's message; never the PDF's content.
    #[serde(default)]
    pub last_error: Option<String>,
    pub created_at: f64,
}

impl StoredJob {
    pub fn new(ticket: String, pending: Pending) -> Self {
        let now = js_sys::Date::now();
        Self {
            ticket,
            user: pending.user,
            person: pending.person,
            choices: pending.choices,
            action: pending.action,
            contact_id: pending.contact_id,
            write: None,
            saved: false,
            adopted: false,
            attached: false,
            assigned: false,
            attempts: 0,
            next_attempt_at: now,
            state: JobState::Pending,
            last_error: None,
            created_at: now,
        }
    }
}

/// Stores the job and its PDF; returns once both are on disk.
pub async fn store(job: &StoredJob, pdf: &[u8]) -> Result<(), JsValue> {
    idb::put_bytes(idb::PDFS, &job.ticket, pdf).await?;
    save(job).await
}

async fn save(job: &StoredJob) -> Result<(), JsValue> {
    let value = talent_bridge_web::to_js(job).ok_or_else(|| JsValue::from_str("job"))?;
    idb::put(idb::JOBS, &value, None).await
}

async fn load(ticket: &str) -> Option<StoredJob> {
    let value = idb::get(idb::JOBS, ticket).await.ok().flatten()?;
    serde_wasm_bindgen::from_value(value).ok()
}

pub async fn all() -> Vec<StoredJob> {
    idb::all(idb::JOBS)
        .await
        .unwrap_or_default()
        .into_iter()
        .filter_map(|v| serde_wasm_bindgen::from_value(v).ok())
        .collect()
}

pub async fn discard(ticket: &str) {
    if idb::delete(&[idb::JOBS, idb::PDFS], ticket).await.is_err() {
        log("outbox job could not be discarded");
    }
}

pub async fn entries() -> Vec<OutboxEntry> {
    let running = RUNNING.with(|r| r.borrow().clone());
    all()
        .await
        .into_iter()
        .map(|job| OutboxEntry {
            state: if running.contains(&job.ticket) {
                "running".into()
            } else {
                match job.state {
                    JobState::Pending => "pending".into(),
                    JobState::Failed => "failed".into(),
                    JobState::Parked => "parked".into(),
                }
            },
            name: job.person.name.clone().unwrap_or_else(|| {
                job.person
                    .key
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default()
            }),
            attempts: job.attempts,
            next_attempt_at: (job.state == JobState::Pending).then(|| {
                js_sys::Date::new(&JsValue::from_f64(job.next_attempt_at))
                    .to_iso_string()
                    .into()
            }),
            last_error: job.last_error,
            ticket: job.ticket,
        })
        .collect()
}

/// Runs every pending job whose time has come, then sets the alarm for the next one.
pub async fn run_due() {
    let now = js_sys::Date::now();
    for job in all().await {
        if job.state == JobState::Pending && job.next_attempt_at <= now {
            run(&job.ticket, None).await;
        }
    }
    schedule().await;
}

/// Sets the alarm for the earliest pending job, if any.
pub async fn schedule() {
    let next = all()
        .await
        .iter()
        .filter(|j| j.state == JobState::Pending)
        .map(|j| j.next_attempt_at)
        .fold(f64::INFINITY, f64::min);
    if next.is_finite() {
        let info = js_sys::Object::new();
        // Alarms in the past fire at once; Chrome rounds very short delays up.
        let _ = js_sys::Reflect::set(
            &info,
            &"when".into(),
            &next.max(js_sys::Date::now() + 1_000.0).into(),
        );
        if create_alarm(ALARM, &info).await.is_err() {
            log("outbox alarm could not be set");
        }
    }
}

/// The settings changed or a user signed in: parked jobs get another look (those still not
/// their owner's park again, sending nothing).
pub async fn resume_parked() {
    let now = js_sys::Date::now();
    for mut job in all().await {
        if job.state == JobState::Parked {
            job.state = JobState::Pending;
            job.next_attempt_at = now;
            if save(&job).await.is_err() {
                log("outbox job could not be updated");
            }
        }
    }
    run_due().await;
}

/// The user asked to try again now.
pub async fn retry_now(ticket: &str) -> Option<ExportOutcome> {
    let mut job = load(ticket).await?;
    job.state = JobState::Pending;
    job.next_attempt_at = js_sys::Date::now();
    save(&job).await.ok()?;
    Some(run(ticket, None).await)
}

/// Runs the job's remaining steps. Never runs the same job twice at once.
pub async fn run(ticket: &str, tab: Option<i32>) -> ExportOutcome {
    let fresh = RUNNING.with(|r| r.borrow_mut().insert(ticket.to_string()));
    if !fresh {
        return ExportOutcome::Queued {
            message: t("exportQueued"),
        };
    }
    let outcome = run_steps(ticket, tab).await;
    RUNNING.with(|r| r.borrow_mut().remove(ticket));
    if matches!(outcome, ExportOutcome::Queued { .. }) {
        schedule().await;
    }
    outcome
}

/// How a step ended when it did not succeed.
enum Stop {
    /// Try again later (CRM away, overloaded, token expired).
    Later {
        message: String,
        retry_after_ms: Option<f64>,
    },
    /// The CRM refused; a retry alone will not fix it.
    Refused { step: ExportStep, message: String },
    /// Not its owner's CRM or user: wait for them, send nothing.
    Parked { message: String },
}

impl Stop {
    fn from(step: ExportStep, error: CrmError) -> Self {
        match error {
            CrmError::Unauthorized => Stop::Later {
                message: t("exportWaitingSignIn"),
                retry_after_ms: None,
            },
            e if e.is_transient() => {
                let retry_after_ms = match &e {
                    CrmError::Refused { retry_after_ms, .. } => *retry_after_ms,
                    _ => None,
                };
                Stop::Later {
                    message: t("exportQueued"),
                    retry_after_ms,
                }
            }
            CrmError::Refused { message, code, .. } => Stop::Refused {
                step,
                message: message.or(code).unwrap_or_else(|| t("errorCrmAnswer")),
            },
            _ => Stop::Refused {
                step,
                message: t("errorCrmAnswer"),
            },
        }
    }
}

async fn run_steps(ticket: &str, tab: Option<i32>) -> ExportOutcome {
    let Some(mut job) = load(ticket).await else {
        return ExportOutcome::Failed {
            step: ExportStep::Save,
            message: t("exportExpired"),
        };
    };
    match advance(&mut job, tab).await {
        Ok(contact) => {
            discard(ticket).await;
            lookup::forget_cache().await;
            progress::send(tab, ticket, ExportStep::Done).await;
            ExportOutcome::Done {
                contact: Box::new(contact),
            }
        }
        Err(Stop::Later {
            message,
            retry_after_ms,
        }) => {
            job.attempts += 1;
            let jitter = js_sys::Math::random();
            job.next_attempt_at =
                js_sys::Date::now() + next_delay_ms(job.attempts, jitter, retry_after_ms);
            job.state = JobState::Pending;
            job.last_error = Some(message.clone());
            if save(&job).await.is_err() {
                log("outbox job could not be updated");
            }
            ExportOutcome::Queued { message }
        }
        Err(Stop::Refused { step, message }) => {
            job.attempts += 1;
            job.state = JobState::Failed;
            job.last_error = Some(message.clone());
            if save(&job).await.is_err() {
                log("outbox job could not be updated");
            }
            ExportOutcome::Failed { step, message }
        }
        Err(Stop::Parked { message }) => {
            job.state = JobState::Parked;
            job.last_error = Some(message.clone());
            if save(&job).await.is_err() {
                log("outbox job could not be updated");
            }
            ExportOutcome::Queued { message }
        }
    }
}

/// Does what is left of the job, saving after each step.
async fn advance(job: &mut StoredJob, tab: Option<i32>) -> Result<ContactCard, Stop> {
    let config = settings::current().await;
    let Some((crm, token)) = config.crm() else {
        return Err(Stop::Later {
            message: t("exportWaitingSignIn"),
            retry_after_ms: None,
        });
    };
    owned(job, crm, token).await?;
    let ticket = job.ticket.clone();
    let persist = |job: &StoredJob| {
        let job = job.clone();
        async move {
            if save(&job).await.is_err() {
                log("outbox job could not be updated");
            }
        }
    };

    if job.write.is_none() {
        progress::send(tab, &ticket, ExportStep::Parse).await;
        let pdf = idb::get_bytes(idb::PDFS, &ticket)
            .await
            .ok()
            .flatten()
            .unwrap_or_default();
        let parsed = parse(&pdf).await;
        job.write = Some(export::contact_write(
            &job.person,
            parsed.as_ref(),
            job.action,
            job.choices.confirm_active_applications,
        ));
        persist(job).await;
    }

    if !job.saved {
        progress::send(tab, &ticket, ExportStep::Save).await;
        let saved = match save_contact(crm, token, job).await {
            Err(CrmError::Refused {
                status: 409,
                code: Some(code),
                ..
            }) if code == "exists" && job.action == ExportAction::Create => {
                adopt_existing(crm, token, job).await?;
                persist(job).await;
                save_contact(crm, token, job).await
            }
            other => other,
        }
        .map_err(|e| Stop::from(ExportStep::Save, e))?;
        job.contact_id = Some(saved.id);
        job.saved = true;
        persist(job).await;
    }
    let id = job.contact_id.ok_or(Stop::Refused {
        step: ExportStep::Save,
        message: t("errorInternal"),
    })?;
    let contact_path = format!("/api/v1/contacts/{id}");

    if !job.attached {
        progress::send(tab, &ticket, ExportStep::Attach).await;
        let pdf = idb::get_bytes(idb::PDFS, &ticket)
            .await
            .ok()
            .flatten()
            .unwrap_or_default();
        let path = format!("{contact_path}/attachments?filename=Profile.pdf");
        let key = format!("{ticket}:attach");
        let _: Attachment = crm_client::call(crm, token, "POST", &path, Body::Pdf(pdf), Some(&key))
            .await
            .map_err(|e| Stop::from(ExportStep::Attach, e))?;
        job.attached = true;
        persist(job).await;
    }

    progress::send(tab, &ticket, ExportStep::Assign).await;
    let mut contact: Option<ContactCard> = None;
    if !job.assigned {
        let choices = job.choices.clone();
        // What the user picked is added, nothing is read first and written back: another
        // recruiter's change in between survives, and a retry sends the very same request
        // (keys new with deltas: a job half-assigned by the full-set version cannot collide).
        for (segment, ids) in [
            ("pools", &choices.pool_ids),
            ("vacancies", &choices.vacancy_ids),
        ] {
            if ids.is_empty() {
                continue;
            }
            let card: ContactCard = crm_client::write(
                crm,
                token,
                "PATCH",
                &format!("{contact_path}/{segment}"),
                &IdChanges::adding(ids),
                &format!("{ticket}:add-{segment}"),
            )
            .await
            .map_err(|e| Stop::from(ExportStep::Assign, e))?;
            contact = Some(card);
        }
        if let Some(note) = export::note(&choices) {
            let _: Note = crm_client::write(
                crm,
                token,
                "POST",
                &format!("{contact_path}/notes"),
                &note,
                &format!("{ticket}:note"),
            )
            .await
            .map_err(|e| Stop::from(ExportStep::Assign, e))?;
        }
        job.assigned = true;
        persist(job).await;
    }
    let contact = match contact {
        Some(card) => card,
        None => crm_client::get(crm, token, &contact_path)
            .await
            .map_err(|e| Stop::from(ExportStep::Assign, e))?,
    };
    Ok(contact)
}

/// Creates the contact, or updates the one the export was for.
async fn save_contact(crm: &CrmUrl, token: &str, job: &StoredJob) -> Result<ContactCard, CrmError> {
    let write = job.write.clone().unwrap_or_default();
    let ticket = &job.ticket;
    match (job.action, job.contact_id) {
        (ExportAction::Update, Some(id)) => {
            // A create turned update has a key of its own: the create's is spent on its 409.
            let key = if job.adopted {
                format!("{ticket}:save-existing")
            } else {
                format!("{ticket}:save")
            };
            let path = format!("/api/v1/contacts/{id}");
            crm_client::write(crm, token, "PATCH", &path, &write, &key).await
        }
        _ => {
            let key = format!("{ticket}:save");
            crm_client::write(crm, token, "POST", "/api/v1/contacts", &write, &key).await
        }
    }
}

/// The create was answered `409 exists`: the export becomes an update of the contact the CRM's
/// export check names now (`outbox::existing_contact`), or stops with the check's reason.
async fn adopt_existing(crm: &CrmUrl, token: &str, job: &mut StoredJob) -> Result<(), Stop> {
    let request = ExportCheckRequest {
        profile: export::lookup_query(&job.person),
        contact_id: None,
    };
    let check: ExportCheck = crm_client::post(crm, token, "/api/v1/export-check", &request)
        .await
        .map_err(|e| Stop::from(ExportStep::Save, e))?;
    match existing_contact(&check) {
        Ok(id) => {
            job.action = ExportAction::Update;
            job.contact_id = Some(id);
            job.adopted = true;
            job.write = job.write.take().map(as_update);
            Ok(())
        }
        Err(reason) => Err(Stop::Refused {
            step: ExportStep::Save,
            message: reason.map_or_else(|| t("errorCrmAnswer"), str::to_string),
        }),
    }
}

/// Checks that the settings in force are the job's own CRM and user before anything is sent;
/// the only request made otherwise is `/me` to its own CRM, to learn whose token is in force.
async fn owned(job: &StoredJob, crm: &CrmUrl, token: &str) -> Result<(), Stop> {
    let Some(owner) = JobOwner::from_key(&job.user) else {
        return Err(Stop::Parked {
            message: t("errorInternal"),
        });
    };
    let mut binding = owner.binding(Some(crm), None);
    if binding == Binding::AskWho {
        let who = me::me(crm, token)
            .await
            .map_err(|e| Stop::from(ExportStep::Save, e))?;
        binding = owner.binding(Some(crm), Some(who.user.id));
    }
    match binding {
        Binding::Runs => Ok(()),
        Binding::OtherCrm => Err(Stop::Parked {
            message: t_with("exportParkedOtherCrm", &[&owner.crm]),
        }),
        Binding::OtherUser | Binding::AskWho => Err(Stop::Parked {
            message: t("exportParkedOtherUser"),
        }),
    }
}

#[derive(Deserialize)]
struct ParseAnswer {
    #[serde(default)]
    profile: Option<PdfProfile>,
}

/// The PDF's fields, or `None` when it can't be read: the export then goes on with what the
/// page showed, and the PDF is still attached (nothing is lost).
async fn parse(pdf: &[u8]) -> Option<PdfProfile> {
    let parser = PARSER.with(|p| p.borrow().clone())?;
    let bytes = js_sys::Uint8Array::from(pdf);
    let promise: js_sys::Promise = parser.call1(&JsValue::NULL, &bytes).ok()?.dyn_into().ok()?;
    let answer = JsFuture::from(promise).await;
    let text = match answer {
        Ok(text) => text.as_string()?,
        Err(_) => {
            // A trap in the parser's instance: it is gone until the worker restarts.
            log("pdf parser failed");
            return None;
        }
    };
    serde_json::from_str::<ParseAnswer>(&text).ok()?.profile
}

use wasm_bindgen::JsCast;
