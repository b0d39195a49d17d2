//! Export to CRM from the check to the last CRM write (PRODUCT.md E1–E7, DESIGN.md §2), run by
//! the worker against the platform traits (`platform`): check → reserve a unit → (the content
//! script downloads the PDF) → verify → store the job with its PDF → commit the unit → parse →
//! save → attach → pools → vacancies → note. Everything after the PDF's arrival runs from the
//! outbox (`outbox::ExportJob`), so a stopped worker, a lost answer or an unreachable CRM loses
//! nothing, a retry never writes twice, and a unit is counted once per PDF the site served.

use crate::crm::{
    Attachment, ContactCard, ContactWrite, EXTENSION_SOURCE, ExportAction, ExportCheck,
    ExportCheckRequest, IdChanges, Note, Permission, UsageKind,
};
use crate::export_ui::page_block;
use crate::outbox::{
    Binding, Completed, ExportJob, Failure, JobOwner, JobState, Step, existing_contact, note,
    resume_interrupted, resume_waiting,
};
use crate::pdf::{MAX_PDF_BYTES, PdfProfile, looks_like_pdf};
use crate::platform::{
    self, Body, CrmError, Method, Pending, Platform, QuotaRefusal, Request, StoreError,
};
use crate::policy::Policy;
use crate::profile::ProfileKey;
use crate::protocol::{
    ExportBlock, ExportChoices, ExportContextView, ExportStep, PageFacts, PersonQuery, QuotaView,
};
use crate::settings::CrmUrl;

/// How the check ended.
#[derive(Clone, Debug, PartialEq)]
pub enum Begun {
    /// Go on: download the PDF for this ticket (a unit is held for it).
    Ticket {
        ticket: String,
        action: ExportAction,
        contact: Option<Box<ContactCard>>,
    },
    /// The update would touch a contact with active applications: ask the user (E5).
    NeedsConfirmation(Box<ContactCard>),
    Blocked(ExportBlock),
    /// The CRM did not answer the check: nothing was spent.
    Unreachable,
    /// The CRM keeps the month's count and did not answer for it: nothing was spent.
    QuotaUnreachable,
    /// The browser's storage refused the write: nothing was spent.
    StorageFailed,
}

/// How a run of an export ended, as far as the user needs to know.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    Done(Box<ContactCard>),
    /// The job waits in the outbox; nothing is lost.
    Waiting(Wait),
    /// Stopped for the user (retry or discard), or refused before anything was queued.
    Stopped {
        step: ExportStep,
        reason: Stop,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub enum Wait {
    /// The CRM is away or overloaded: retried with back-off.
    Crm,
    /// The CRM refused the token: runs again once the user signs in.
    SignIn,
    /// Started with the CRM at this address: sends nothing to another one.
    OtherCrm(String),
    /// Another CRM user is signed in: sends nothing as them.
    OtherUser,
    /// Already being run (an alarm and a retry at once).
    Running,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Stop {
    /// No export was begun under this ticket (or it was begun in another browser session).
    Expired,
    /// What the site sent is no PDF (a log-in page, an error): the unit is given back.
    NotPdf,
    /// The PDF is larger than we accept: the site counted it, so do we.
    TooLarge,
    /// The CRM refused; a retry alone will not fix it. `message` is the CRM's, for the panel
    /// only (never stored).
    Refused {
        code: String,
        message: Option<String>,
    },
    /// The job was lost from storage while it ran.
    Lost,
}

/// The CRM and token in force, and whose token it is; `Err` when an export cannot start.
async fn session(p: &impl Platform) -> Result<(CrmUrl, String, i64), Begun> {
    let Some((crm, token)) = p.session().await else {
        return Err(Begun::Blocked(ExportBlock::SignedOut));
    };
    match p.user_id(&crm, &token).await {
        Ok(id) => Ok((crm, token, id)),
        Err(CrmError::Unauthorized) => Err(Begun::Blocked(ExportBlock::SignedOut)),
        Err(_) => Err(Begun::Unreachable),
    }
}

/// Whether this user may export at all: create or edit.
pub fn can_write(permissions: &[Permission]) -> bool {
    permissions.contains(&Permission::Create) || permissions.contains(&Permission::Edit)
}

/// What the export panel shows before anything is done. `permissions` and `quota` are the
/// signed-in user's (`None` when signed out); the first block that applies wins: the
/// organisation's switch, the page, the sign-in, the permission, the monthly limit.
pub fn context(
    policy: &Policy,
    page: &PageFacts,
    permissions: Option<&[Permission]>,
    quota: Option<QuotaView>,
) -> ExportContextView {
    let block = if policy.export_enabled == Some(false) {
        Some(ExportBlock::DisabledByPolicy)
    } else if let Some(block) = page_block(page) {
        Some(block)
    } else {
        match (permissions, &quota) {
            (None, _) | (_, None) => Some(ExportBlock::SignedOut),
            (Some(p), _) if !can_write(p) => Some(ExportBlock::NoPermission),
            (_, Some(q)) if q.remaining == 0 => Some(ExportBlock::LimitReached {
                resets_at: q.resets_at.clone(),
            }),
            _ => None,
        }
    };
    ExportContextView {
        quota: quota.filter(|_| block != Some(ExportBlock::DisabledByPolicy)),
        block,
        can_assign: permissions.is_some_and(|p| p.contains(&Permission::Edit)),
        default_pool: policy.default_pool.clone(),
    }
}

/// Step "check": everything that can refuse an export, before any PDF is fetched; then a unit
/// is reserved for the ticket and the export waits for its PDF.
pub async fn begin(
    p: &impl Platform,
    policy: &Policy,
    person: PersonQuery,
    page: &PageFacts,
    choices: ExportChoices,
) -> Begun {
    if policy.export_enabled == Some(false) {
        return Begun::Blocked(ExportBlock::DisabledByPolicy);
    }
    if let Some(block) = page_block(page) {
        return Begun::Blocked(block);
    }
    let (crm, token, user_id) = match session(p).await {
        Ok(s) => s,
        Err(begun) => return begun,
    };
    let request = ExportCheckRequest {
        profile: person.lookup_query("0"),
        contact_id: choices.contact_id,
    };
    let check: ExportCheck = match platform::call(
        p,
        &crm,
        &token,
        Request::json(Method::Post, "/api/v1/export-check", &request, None),
    )
    .await
    {
        Ok(check) => check,
        Err(CrmError::Unauthorized) => return Begun::Blocked(ExportBlock::SignedOut),
        Err(_) => return Begun::Unreachable,
    };
    let action = match (check.action, &check.refusal) {
        (Some(action), None) => action,
        (_, Some(refusal)) => return Begun::Blocked(ExportBlock::from_refusal(&refusal.code)),
        (None, None) => return Begun::Blocked(ExportBlock::NotExportable),
    };
    if let (ExportAction::Update, Some(contact)) = (action, &check.contact)
        && contact.active_applications > 0
        && !choices.confirm_active_applications
    {
        return Begun::NeedsConfirmation(Box::new(contact.clone()));
    }
    // The quota belongs to the CRM user (PRODUCT.md E6), per CRM; so does the job.
    let user = JobOwner::new(&crm, user_id).key();
    let ticket = p.new_ticket();
    let kind = match action {
        ExportAction::Create => UsageKind::Create,
        ExportAction::Update => UsageKind::Update,
    };
    match p
        .reserve(&user, &ticket, policy.monthly_limit(), kind)
        .await
    {
        Ok(()) => {}
        Err(QuotaRefusal::LimitReached { resets_at }) => {
            return Begun::Blocked(ExportBlock::LimitReached { resets_at });
        }
        Err(QuotaRefusal::Unreachable) => return Begun::QuotaUnreachable,
    }
    let pending = Pending {
        user,
        person,
        choices,
        action,
        contact_id: check.contact.as_ref().map(|c| c.id),
    };
    if p.put_pending(&ticket, &pending).await.is_err() {
        p.release(&pending.user, &ticket).await;
        return Begun::StorageFailed;
    }
    Begun::Ticket {
        ticket,
        action,
        contact: check.contact.map(Box::new),
    }
}

/// The download failed: the site served nothing, so the unit is given back; nothing was sent
/// to the CRM.
pub async fn pdf_failed(p: &impl Platform, ticket: &str) {
    if let Some(pending) = p.take_pending(ticket).await {
        p.release(&pending.user, ticket).await;
    }
}

/// Steps "verify" and on: the PDF arrived from the content script.
///
/// The job and its PDF are stored first, in one transaction, then the unit is committed: a
/// storage failure cannot lose the PDF with the unit spent. If the storage refuses, the unit is
/// still committed (the site counted the download) and the export runs from memory now.
pub async fn pdf_arrived(
    p: &impl Platform,
    ticket: &str,
    pdf: Vec<u8>,
    tab: Option<i32>,
) -> Outcome {
    let Some(pending) = p.take_pending(ticket).await else {
        return stopped(ExportStep::Verify, Stop::Expired);
    };
    p.progress(tab, ticket, ExportStep::Verify).await;
    if !looks_like_pdf(&pdf) {
        // A log-in page or an error: the site served no profile.
        p.release(&pending.user, ticket).await;
        return stopped(ExportStep::Verify, Stop::NotPdf);
    }
    if pdf.len() > MAX_PDF_BYTES {
        p.commit(&pending.user, ticket).await;
        return stopped(ExportStep::Verify, Stop::TooLarge);
    }
    let mut job = ExportJob::new(ticket, pending, p.now_ms());
    let stored = p.put_job(&job, Some(&pdf)).await;
    if !p.claim(ticket) {
        return Outcome::Waiting(Wait::Running);
    }
    let outcome = drive(p, &mut job, Some(pdf), stored.is_ok(), tab).await;
    p.unclaim(ticket);
    finish(p, outcome).await
}

/// Runs the job's remaining steps now (a retry from the popup, or an alarm).
pub async fn run(p: &impl Platform, ticket: &str, tab: Option<i32>) -> Outcome {
    if !p.claim(ticket) {
        return Outcome::Waiting(Wait::Running);
    }
    let outcome = match p.job(ticket).await {
        Some(mut job) => drive(p, &mut job, None, true, tab).await,
        None => stopped(ExportStep::Save, Stop::Lost),
    };
    p.unclaim(ticket);
    finish(p, outcome).await
}

/// The user asked to try again now (after fixing what the popup said, or signing in).
pub async fn retry(p: &impl Platform, ticket: &str, confirm: bool) -> Option<Outcome> {
    if !p.claim(ticket) {
        return Some(Outcome::Waiting(Wait::Running));
    }
    let prepared = match p.job(ticket).await {
        Some(mut job) => {
            let now = p.now_ms();
            // Nobody runs it (the claim says so): a "running" job was cut off with a worker.
            resume_interrupted(std::slice::from_mut(&mut job), now);
            if job.state == JobState::Running {
                job.state = JobState::Pending;
            }
            let changed = if confirm {
                job.confirm_and_retry(now)
            } else {
                job.retry_now(now)
            };
            (changed && p.put_job(&job, None).await.is_ok()).then_some(job)
        }
        None => None,
    };
    p.unclaim(ticket);
    prepared?;
    Some(run(p, ticket, None).await)
}

/// The user discarded the job: it and its PDF are forgotten (the unit stays spent: the site
/// counted the download).
pub async fn discard(p: &impl Platform, ticket: &str) -> Result<(), StoreError> {
    p.remove_job(ticket).await
}

/// Runs every job whose time has come, oldest first, then sets the alarm for the next one.
pub async fn run_due(p: &impl Platform) {
    let now = p.now_ms();
    for job in crate::outbox::due_jobs(&p.jobs().await, now) {
        run(p, &job.ticket, None).await;
    }
    schedule(p).await;
}

/// The worker started: whatever was running was cut off with the previous one and is due now.
pub async fn wake(p: &impl Platform) {
    let mut jobs = p.jobs().await;
    for done in jobs.iter().filter(|j| j.state == JobState::Done) {
        // Finished, but the worker stopped before forgetting it.
        let _ = p.remove_job(&done.ticket).await;
    }
    resume_interrupted(&mut jobs, p.now_ms());
    for job in jobs.iter().filter(|j| j.state == JobState::Running) {
        let _ = p.put_job(job, None).await;
    }
    schedule(p).await;
}

/// The user signed in or saved the settings: jobs waiting for a sign-in or for their owner get
/// another look (those still not their owner's park again, sending nothing).
pub async fn resume(p: &impl Platform) {
    let mut jobs = p.jobs().await;
    resume_waiting(&mut jobs, p.now_ms());
    for job in jobs.iter().filter(|j| j.state == JobState::Pending) {
        let _ = p.put_job(job, None).await;
    }
    run_due(p).await;
}

/// Sets the alarm for the earliest job waiting on time, if any.
pub async fn schedule(p: &impl Platform) {
    if let Some(at) = crate::outbox::next_wake_ms(&p.jobs().await) {
        p.wake_at(at).await;
    }
}

async fn finish(p: &impl Platform, outcome: Outcome) -> Outcome {
    if matches!(outcome, Outcome::Waiting(Wait::Crm)) {
        schedule(p).await;
    }
    outcome
}

fn stopped(step: ExportStep, reason: Stop) -> Outcome {
    Outcome::Stopped { step, reason }
}

/// How one step ended when it did not succeed.
enum StepError {
    Crm(CrmError),
    /// The check after a `409 exists` refused, or the PDF is gone: stop for the user.
    Fatal(String),
}

impl From<CrmError> for StepError {
    fn from(error: CrmError) -> Self {
        Self::Crm(error)
    }
}

/// Does what is left of the job, saving it after each step (when `durable`).
async fn drive(
    p: &impl Platform,
    job: &mut ExportJob,
    mut pdf: Option<Vec<u8>>,
    durable: bool,
    tab: Option<i32>,
) -> Outcome {
    // Until the job is on disk with its PDF (the first write may have been refused), every save
    // tries to put both there; after that, the job alone.
    let stored = std::cell::Cell::new(durable);
    let unstored_pdf = if durable { None } else { pdf.clone() };
    let save = |job: &ExportJob| {
        let job = job.clone();
        let (stored, unstored_pdf) = (&stored, &unstored_pdf);
        async move {
            // A failed write only means the step may be sent again, under the same key.
            if stored.get() {
                let _ = p.put_job(&job, None).await;
            } else if let Some(bytes) = unstored_pdf
                && p.put_job(&job, Some(bytes)).await.is_ok()
            {
                stored.set(true);
            }
        }
    };
    if !job.counted {
        // The site served the PDF: it counted, so do we — once, under this ticket, whatever
        // happens to the CRM writes that follow.
        p.commit(&job.owner, &job.ticket).await;
        job.counted = true;
        save(job).await;
    }
    let Some((crm, mut token)) = p.session().await else {
        job.record_failure(&Failure::SignedOut, p.now_ms(), p.random(), None);
        save(job).await;
        return Outcome::Waiting(Wait::SignIn);
    };
    if let Err(outcome) = owned(p, job, &crm, &token).await {
        save(job).await;
        return outcome;
    }
    let mut card: Option<ContactCard> = None;
    let mut refreshed = false;
    while let Some(step) = job.start(p.now_ms()) {
        save(job).await;
        p.progress(tab, &job.ticket, step.progress()).await;
        let result = run_step(p, job, step, &crm, &token, &mut pdf, &mut card).await;
        let now = p.now_ms();
        match result {
            Ok(completed) => {
                job.complete(completed, now);
                if job.state != JobState::Done {
                    save(job).await;
                }
            }
            Err(StepError::Crm(CrmError::Unauthorized)) if !refreshed => {
                // The access token may just have expired: a fresh one is tried once.
                refreshed = true;
                match p.session().await {
                    Some((again, fresh)) if again == crm && fresh != token => {
                        token = fresh;
                        job.state = JobState::Pending;
                        job.next_attempt_at_ms = now;
                    }
                    _ => return failed(job, step, &Failure::SignedOut, None, p, &save).await,
                }
            }
            Err(StepError::Crm(error)) => {
                let failure = Failure::from_error(&error);
                let message = match &error {
                    CrmError::Refused { message, .. } => message.clone(),
                    _ => None,
                };
                let retry_after = match &error {
                    CrmError::Refused { retry_after_ms, .. } => *retry_after_ms,
                    _ => None,
                };
                job.record_failure(&failure, now, p.random(), retry_after);
                save(job).await;
                return outcome_of(job, step, &failure, message);
            }
            Err(StepError::Fatal(code)) => {
                let failure = Failure::Fatal { code };
                return failed(job, step, &failure, None, p, &save).await;
            }
        }
    }
    match job.state {
        JobState::Done => {}
        JobState::Pending | JobState::Running => return Outcome::Waiting(Wait::Crm),
        JobState::WaitingForSignIn => return Outcome::Waiting(Wait::SignIn),
        JobState::Parked => return Outcome::Waiting(Wait::OtherUser),
        JobState::Failed => {
            // Stopped by its attempt cap: it stays for the user.
            save(job).await;
            return stopped(
                ExportStep::Save,
                Stop::Refused {
                    code: job.last_error.clone().unwrap_or_default(),
                    message: None,
                },
            );
        }
    }
    let _ = p.remove_job(&job.ticket).await;
    p.contacts_changed().await;
    p.progress(tab, &job.ticket, ExportStep::Done).await;
    match card {
        Some(card) => Outcome::Done(Box::new(card)),
        None => stopped(ExportStep::Assign, Stop::Lost),
    }
}

async fn failed<F, Fut>(
    job: &mut ExportJob,
    step: Step,
    failure: &Failure,
    message: Option<String>,
    p: &impl Platform,
    save: &F,
) -> Outcome
where
    F: Fn(&ExportJob) -> Fut,
    Fut: Future<Output = ()>,
{
    job.record_failure(failure, p.now_ms(), p.random(), None);
    save(job).await;
    outcome_of(job, step, failure, message)
}

fn outcome_of(job: &ExportJob, step: Step, failure: &Failure, message: Option<String>) -> Outcome {
    match (job.state, failure) {
        (JobState::WaitingForSignIn, _) => Outcome::Waiting(Wait::SignIn),
        (JobState::Pending, _) => Outcome::Waiting(Wait::Crm),
        (_, failure) => Outcome::Stopped {
            step: step.progress(),
            reason: Stop::Refused {
                code: failure.code(),
                message,
            },
        },
    }
}

/// Parks the job unless the settings in force are its own CRM and user; the only request made
/// otherwise is `/me` to its own CRM, to learn whose token is in force.
async fn owned(
    p: &impl Platform,
    job: &mut ExportJob,
    crm: &CrmUrl,
    token: &str,
) -> Result<(), Outcome> {
    let Some(owner) = JobOwner::from_key(&job.owner) else {
        job.park(Binding::OtherUser);
        return Err(Outcome::Waiting(Wait::OtherUser));
    };
    let mut binding = owner.binding(Some(crm), None);
    if binding == Binding::AskWho {
        match p.user_id(crm, token).await {
            Ok(id) => binding = owner.binding(Some(crm), Some(id)),
            Err(error) => {
                let failure = Failure::from_error(&error);
                job.record_failure(&failure, p.now_ms(), p.random(), None);
                return Err(outcome_of(job, Step::Save, &failure, None));
            }
        }
    }
    match binding {
        Binding::Runs => Ok(()),
        Binding::OtherCrm => {
            job.park(binding);
            Err(Outcome::Waiting(Wait::OtherCrm(owner.crm)))
        }
        Binding::OtherUser | Binding::AskWho => {
            job.park(Binding::OtherUser);
            Err(Outcome::Waiting(Wait::OtherUser))
        }
    }
}

async fn run_step(
    p: &impl Platform,
    job: &mut ExportJob,
    step: Step,
    crm: &CrmUrl,
    token: &str,
    pdf: &mut Option<Vec<u8>>,
    card: &mut Option<ContactCard>,
) -> Result<Completed, StepError> {
    let key = job.idempotency_key(step);
    let contact_path = job.contact_id.map(|id| format!("/api/v1/contacts/{id}"));
    let write = |method, path: String, body: &dyn erased::Json| Request {
        method,
        path,
        body: Body::Json(body.json()),
        idempotency_key: key.clone(),
    };
    match step {
        Step::Parse => {
            if pdf.is_none() {
                *pdf = p.pdf(&job.ticket).await;
            }
            let parsed = match pdf.as_deref() {
                Some(bytes) => p.parse_pdf(bytes).await,
                None => None,
            };
            Ok(Completed::Parsed(Box::new(contact_write(
                &job.person,
                parsed.as_ref(),
                job.action,
                job.choices.confirm_active_applications,
            ))))
        }
        Step::Save => {
            let body = job.write.clone().unwrap_or_default();
            let request = match (job.action, &contact_path) {
                (ExportAction::Update, Some(path)) => write(Method::Patch, path.clone(), &body),
                _ => write(Method::Post, "/api/v1/contacts".into(), &body),
            };
            match platform::call::<ContactCard>(p, crm, token, request).await {
                Ok(saved) => Ok(Completed::Saved {
                    contact_id: saved.id,
                }),
                Err(error)
                    if error.code() == Some("exists") && job.action == ExportAction::Create =>
                {
                    Ok(Completed::Adopted {
                        contact_id: existing(p, job, crm, token).await?,
                    })
                }
                Err(error) => Err(error.into()),
            }
        }
        Step::Attach => {
            if pdf.is_none() {
                *pdf = p.pdf(&job.ticket).await;
            }
            let Some(bytes) = pdf.clone() else {
                return Err(StepError::Fatal("pdf_missing".into()));
            };
            let path = format!(
                "{}/attachments?filename=Profile.pdf",
                path_of(&contact_path)?
            );
            let request = Request {
                method: Method::Post,
                path,
                body: Body::Pdf(bytes),
                idempotency_key: key.clone(),
            };
            platform::call::<Attachment>(p, crm, token, request).await?;
            Ok(Completed::Attached)
        }
        Step::Pools | Step::Vacancies => {
            let (segment, ids, done) = if step == Step::Pools {
                ("pools", &job.choices.pool_ids, Completed::Pools)
            } else {
                ("vacancies", &job.choices.vacancy_ids, Completed::Vacancies)
            };
            // What the user picked is added; nothing is read first and written back: another
            // recruiter's change in between survives, and a retry sends the very same request.
            let path = format!("{}/{segment}", path_of(&contact_path)?);
            let body = IdChanges::adding(ids);
            let answer: ContactCard =
                platform::call(p, crm, token, write(Method::Patch, path, &body)).await?;
            *card = Some(answer);
            Ok(done)
        }
        Step::Note => {
            let path = format!("{}/notes", path_of(&contact_path)?);
            let body = note(&job.choices).unwrap_or_default();
            platform::call::<Note>(p, crm, token, write(Method::Post, path, &body)).await?;
            Ok(Completed::Noted)
        }
        Step::Read => {
            if card.as_ref().is_none_or(|c| Some(c.id) != job.contact_id) {
                *card = Some(platform::get(p, crm, token, path_of(&contact_path)?).await?);
            }
            Ok(Completed::Read)
        }
    }
}

fn path_of(path: &Option<String>) -> Result<&str, StepError> {
    path.as_deref()
        .ok_or_else(|| StepError::Fatal("no_contact".into()))
}

/// The create was answered `409 exists`: the export becomes an update of the contact the CRM's
/// export check names now (`outbox::existing_contact`), or stops with the check's reason.
async fn existing(
    p: &impl Platform,
    job: &ExportJob,
    crm: &CrmUrl,
    token: &str,
) -> Result<i64, StepError> {
    let request = ExportCheckRequest {
        profile: job.person.lookup_query("0"),
        contact_id: None,
    };
    let check: ExportCheck = platform::call(
        p,
        crm,
        token,
        Request::json(Method::Post, "/api/v1/export-check", &request, None),
    )
    .await?;
    existing_contact(&check).map_err(|_| {
        StepError::Fatal(
            check
                .refusal
                .as_ref()
                .map_or_else(|| "not_exportable".into(), |r| r.code.clone()),
        )
    })
}

/// The write the CRM gets: the PDF's fields where it has them, the page's otherwise.
pub fn contact_write(
    person: &PersonQuery,
    parsed: Option<&PdfProfile>,
    action: ExportAction,
    confirm: bool,
) -> ContactWrite {
    let key = person.key.as_ref();
    let current = parsed.and_then(|p| p.current_positions.first());
    let pick = |from_pdf: Option<&String>, from_page: &Option<String>| {
        from_pdf
            .cloned()
            .or_else(|| from_page.clone())
            .filter(|v| !v.trim().is_empty())
    };
    ContactWrite {
        full_name: pick(parsed.and_then(|p| p.name.as_ref()), &person.name),
        headline: pick(parsed.and_then(|p| p.headline.as_ref()), &person.headline),
        title: pick(current.map(|c| &c.title), &person.title),
        company: pick(current.map(|c| &c.company), &person.company),
        location: pick(parsed.and_then(|p| p.location.as_ref()), &person.location),
        email: parsed.and_then(|p| p.email.clone()),
        phone: parsed.and_then(|p| p.phone.clone()),
        public_id: key.and_then(ProfileKey::public_id).map(str::to_string),
        profile_url: key.map(ProfileKey::canonical_url),
        member_urn: person
            .member_urn
            .clone()
            .or_else(|| key.and_then(ProfileKey::member_urn)),
        summary: parsed.and_then(|p| p.summary.clone()),
        skills: parsed
            .and_then(|p| p.top_skills.clone())
            .unwrap_or_default(),
        positions: parsed
            .map(|p| p.current_positions.clone())
            .unwrap_or_default(),
        education: parsed.map(|p| p.education.clone()).unwrap_or_default(),
        creation_source: (action == ExportAction::Create).then(|| EXTENSION_SOURCE.to_string()),
        confirm_active_applications: action == ExportAction::Update && confirm,
    }
}

/// A body of any of our types, as JSON (our own types always serialise).
mod erased {
    pub trait Json {
        fn json(&self) -> String;
    }
    impl<T: serde::Serialize> Json for T {
        fn json(&self) -> String {
            serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: PageFacts = PageFacts {
        restricted: false,
        own: false,
        pdf_offered: true,
    };

    fn quota(remaining: u32) -> Option<QuotaView> {
        Some(QuotaView {
            remaining,
            limit: 200,
            resets_at: "2027-01-01T00:00:00Z".into(),
            ..Default::default()
        })
    }

    // proves E1, E6, A2: the panel's block, in order: the organisation's switch, the page, the
    // sign-in, the permission, the limit.
    #[test]
    fn the_panels_block_comes_from_policy_page_sign_in_permission_and_quota_in_that_order() {
        let on = Policy::default();
        let off = Policy {
            export_enabled: Some(false),
            ..Policy::default()
        };
        let edit = [Permission::View, Permission::Edit];
        let view_only = [Permission::View];
        let own = PageFacts { own: true, ..PAGE };
        let block = |p: &Policy, page: &PageFacts, perms: Option<&[Permission]>, q| {
            context(p, page, perms, q).block
        };
        assert_eq!(
            block(&off, &own, Some(&edit), quota(0)),
            Some(ExportBlock::DisabledByPolicy)
        );
        assert_eq!(context(&off, &PAGE, Some(&edit), quota(5)).quota, None);
        assert_eq!(block(&on, &own, None, None), Some(ExportBlock::Own));
        assert_eq!(block(&on, &PAGE, None, None), Some(ExportBlock::SignedOut));
        assert_eq!(
            block(&on, &PAGE, Some(&view_only), quota(5)),
            Some(ExportBlock::NoPermission)
        );
        assert_eq!(
            block(&on, &PAGE, Some(&edit), quota(0)),
            Some(ExportBlock::LimitReached {
                resets_at: "2027-01-01T00:00:00Z".into()
            })
        );
        let ready = context(&on, &PAGE, Some(&edit), quota(5));
        assert_eq!(ready.block, None);
        assert!(ready.can_assign);
        assert_eq!(ready.quota, quota(5));
        assert!(!context(&on, &PAGE, Some(&[Permission::Create]), quota(5)).can_assign);
    }
}
