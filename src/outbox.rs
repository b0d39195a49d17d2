//! The outbox's policy (PRODUCT.md E7): what state an export job is in, which step runs next,
//! and when a failed step is tried again. The worker keeps the jobs in IndexedDB with their PDF
//! beside them, wakes up on `chrome.alarms` and asks this module what to do (S3); nothing here
//! does I/O or reads a clock, so every transition is a plain function of its inputs.
//!
//! A job is lost only when the user discards it. Errors that waiting can fix (the network, a busy
//! or failing CRM) are retried with exponential back-off; errors it cannot fix stop the job for
//! the user to retry or discard; a refused sign-in parks it until the user signs in again.

use crate::crm::{ContactWrite, ExportAction, ExportCheck, NoteWrite};
use crate::platform::{CrmError, Pending};
use crate::protocol::{ExportChoices, ExportStep, OutboxEntry, PersonQuery};
use crate::quota::{lenient_ms, rfc3339};
use crate::settings::CrmUrl;
use serde::{Deserialize, Serialize};

/// The first retry waits 30 s; each further failure doubles it.
pub const BASE_DELAY_MS: f64 = 30_000.0;
/// Back-off stops growing at one hour: a CRM back from maintenance is used within the hour.
pub const MAX_DELAY_MS: f64 = 3_600_000.0;
/// ±20 %: tabs and browsers that failed together do not all retry in the same second.
pub const JITTER: f64 = 0.2;
/// A `Retry-After` is honoured up to a day; a longer one is taken as a day, so the job is looked
/// at again while the user still remembers it.
pub const MAX_RETRY_AFTER_MS: f64 = 86_400_000.0;
/// A step that has been running this long was interrupted (the browser stopped the worker).
pub const RUN_LEASE_MS: f64 = 5.0 * 60_000.0;
/// Consecutive failures of one step before the job waits for the user: about two and a half
/// days at the one-hour cap. The job is kept; only automatic retries stop.
pub const MAX_ATTEMPTS: u32 = 60;
/// Error codes are machine words from the CRM or ours; longer is not a code.
const MAX_CODE_LEN: usize = 64;

/// What is left of an export once its PDF is stored, in order. Each write carries its own
/// `Idempotency-Key` ([`ExportJob::idempotency_key`]) and sends the same body on every try.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Read the stored PDF into the contact's fields (no CRM call).
    Parse,
    /// Create the contact, or update the chosen one (`POST`/`PATCH …/contacts`).
    Save,
    /// Attach the PDF to it.
    Attach,
    /// Add it to the chosen pools (`PATCH …/pools`, a delta: others' additions survive).
    Pools,
    /// Add it to the chosen vacancies (`PATCH …/vacancies`).
    Vacancies,
    /// Add the user's note.
    Note,
    /// Read the contact as it now is, for the panel's "done" (no write).
    Read,
}

impl Step {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Parse => "parse",
            Self::Save => "save",
            Self::Attach => "attach",
            Self::Pools => "add-pools",
            Self::Vacancies => "add-vacancies",
            Self::Note => "note",
            Self::Read => "read",
        }
    }

    /// The progress step the export panel shows (`data-step`).
    pub fn progress(self) -> ExportStep {
        match self {
            Self::Parse => ExportStep::Parse,
            Self::Save => ExportStep::Save,
            Self::Attach => ExportStep::Attach,
            Self::Pools | Self::Vacancies | Self::Note | Self::Read => ExportStep::Assign,
        }
    }
}

/// What has been done so far. Each flag is set only once the CRM confirmed the write.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StepsDone {
    pub saved: bool,
    pub attached: bool,
    pub pools: bool,
    pub vacancies: bool,
    pub noted: bool,
}

/// A step that succeeded, with what it returned.
#[derive(Clone, Debug, PartialEq)]
pub enum Completed {
    Parsed(Box<ContactWrite>),
    Saved {
        contact_id: i64,
    },
    /// The create was answered `409 exists`; the CRM's check names this contact instead.
    Adopted {
        contact_id: i64,
    },
    Attached,
    Pools,
    Vacancies,
    Noted,
    /// The contact was read: nothing is left.
    Read,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    /// Waiting for `next_attempt_at_ms`.
    #[default]
    Pending,
    /// A step is in flight; `next_attempt_at_ms` is its lease.
    Running,
    /// The CRM refused the sign-in (401): runs again once the user has signed in.
    WaitingForSignIn,
    /// Waits for its own CRM and user ([`JobOwner`]): another CRM is configured, or another
    /// user's token is in force. Nothing is sent until they are back or the user discards it.
    Parked,
    Done,
    /// Needs the user: retry (after fixing what `last_error` says) or discard. Also what a state
    /// written by a newer version reads as, so nothing unknown runs on its own.
    #[serde(other)]
    Failed,
}

impl JobState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Running => "running",
            Self::WaitingForSignIn => "waiting_for_sign_in",
            Self::Parked => "parked",
            Self::Failed => "failed",
            Self::Done => "done",
        }
    }
}

/// Why a step failed, as far as retrying is concerned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// Waiting can fix it: no network, a timeout, 429, a 5xx.
    Retryable { code: String },
    /// 401: the token is gone or refused. Retrying before the user signs in again is pointless.
    SignedOut,
    /// The same request will fail again (a 4xx): the user decides.
    Fatal { code: String },
}

impl Failure {
    /// No answer at all: offline, DNS, CORS, an aborted fetch.
    pub fn network() -> Self {
        Self::Retryable {
            code: "network".into(),
        }
    }

    /// Classifies an HTTP error answer by status and the body's `error.code`.
    ///
    /// Retryable: 408, 425, 429, 5xx (but 501, 505: the CRM lacks the endpoint), and 409
    /// `idempotency_in_progress` (the same key is still being handled: ask again later for its
    /// answer). 401: wait for sign-in. Every other status is fatal: 400/413/415/422 will fail
    /// the same way, 403 means the permission or access is gone (B5), 404 the contact was
    /// deleted, and any other 409 (`active_applications`, a key reused for another body) needs
    /// the user's decision. A 1xx–3xx reaching here is unexpected, hence fatal too.
    pub fn from_status(status: u16, code: Option<&str>) -> Self {
        let code = code
            .map(error_code)
            .unwrap_or_else(|| format!("http_{status}"));
        match status {
            401 => Self::SignedOut,
            409 if code == "idempotency_in_progress" => Self::Retryable { code },
            408 | 425 | 429 => Self::Retryable { code },
            501 | 505 => Self::Fatal { code },
            500..=599 => Self::Retryable { code },
            _ => Self::Fatal { code },
        }
    }

    /// Classifies a failed CRM call.
    pub fn from_error(error: &CrmError) -> Self {
        match error {
            CrmError::Unreachable => Self::network(),
            CrmError::Unauthorized => Self::SignedOut,
            CrmError::Refused { status, code, .. } => Self::from_status(*status, code.as_deref()),
            CrmError::BadAnswer => Self::Fatal {
                code: "bad_answer".into(),
            },
        }
    }

    pub fn code(&self) -> String {
        match self {
            Self::Retryable { code } | Self::Fatal { code } => error_code(code),
            Self::SignedOut => "unauthorized".into(),
        }
    }
}

/// The version of the job model this code writes (`v`). Jobs without it were written by the
/// worker's own outbox before the core ran it, and are converted once on reading.
pub const JOB_VERSION: u32 = 2;

/// One export in the outbox, from its PDF's arrival until the CRM has every write. The PDF
/// bytes are stored beside it under the same ticket. Every field but the ticket has a default,
/// so what an older or newer version stored still loads (and what it cannot run, it does not).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportJob {
    #[serde(rename = "v", default)]
    pub version: u32,
    /// The export's ticket: the quota unit it spent, and the root of its idempotency keys.
    pub ticket: String,
    /// Its owner's key ([`JobOwner::key`]): the CRM and user it runs against, and their quota.
    #[serde(default)]
    pub owner: String,
    /// The person as the page showed them (the contact's fields when the PDF is unreadable).
    #[serde(default)]
    pub person: PersonQuery,
    #[serde(default)]
    pub choices: ExportChoices,
    #[serde(default = "create")]
    pub action: ExportAction,
    /// The contact updated, or created once saved.
    #[serde(default)]
    pub contact_id: Option<i64>,
    /// The contact's fields, once the PDF was read.
    #[serde(default)]
    pub write: Option<ContactWrite>,
    /// A create answered `409 exists`, turned into an update of that contact: its save has a
    /// key of its own (the create's is spent on the 409).
    #[serde(default)]
    pub adopted: bool,
    /// The CRM refused the update for active applications and the user then confirmed it
    /// (E5): the save's body changed, so it goes under a key of its own.
    #[serde(default)]
    pub confirmed_late: bool,
    #[serde(default)]
    pub done: StepsDone,
    /// Its unit is committed in the quota. Stored first, counted next: a stop between the two
    /// counts it on the next run (a commit is idempotent by ticket).
    #[serde(default)]
    pub counted: bool,
    /// Consecutive failures of the current step.
    #[serde(default)]
    pub attempts: u32,
    /// When the job is due (pending) or when its running step counts as interrupted (running).
    /// An unreadable time reads as `NaN`: due now.
    #[serde(default, deserialize_with = "lenient_ms")]
    pub next_attempt_at_ms: f64,
    /// A machine code only (`network`, `http_503`, `active_applications`,
    /// `parked_other_crm`): never the CRM's message, which may quote personal data.
    #[serde(default)]
    pub last_error: Option<String>,
    #[serde(default)]
    pub state: JobState,
    #[serde(default, deserialize_with = "lenient_ms")]
    pub created_at_ms: f64,
}

fn create() -> ExportAction {
    ExportAction::Create
}

impl ExportJob {
    /// A job for a PDF that has just arrived: due at once.
    pub fn new(ticket: impl Into<String>, pending: Pending, now_ms: f64) -> Self {
        Self {
            version: JOB_VERSION,
            ticket: ticket.into(),
            owner: pending.user,
            person: pending.person,
            choices: pending.choices,
            action: pending.action,
            contact_id: pending.contact_id,
            write: None,
            adopted: false,
            confirmed_late: false,
            done: StepsDone::default(),
            counted: false,
            attempts: 0,
            next_attempt_at_ms: finite_or_zero(now_ms),
            last_error: None,
            state: JobState::Pending,
            created_at_ms: finite_or_zero(now_ms),
        }
    }

    /// A stored job, in today's model. A job written by the worker's outbox before this one
    /// (`user`, `saved`, `assigned`, times in `…_at`) is converted so that what it had done is
    /// never redone and what it had begun is finished under the same keys (E7).
    pub fn from_stored(value: serde_json::Value) -> Option<Self> {
        let version = value.get("v").and_then(serde_json::Value::as_u64);
        if version.is_some() {
            return serde_json::from_value(value).ok();
        }
        let old: legacy::StoredJob = serde_json::from_value(value).ok()?;
        Some(old.into())
    }

    /// The next thing this job needs, or `None` when it has nothing left.
    pub fn next_step(&self) -> Option<Step> {
        let done = &self.done;
        let c = &self.choices;
        if self.write.is_none() {
            Some(Step::Parse)
        } else if !done.saved || self.contact_id.is_none() {
            Some(Step::Save)
        } else if !done.attached {
            Some(Step::Attach)
        } else if !done.pools && !c.pool_ids.is_empty() {
            Some(Step::Pools)
        } else if !done.vacancies && !c.vacancy_ids.is_empty() {
            Some(Step::Vacancies)
        } else if !done.noted && note(c).is_some() {
            Some(Step::Note)
        } else if self.state != JobState::Done {
            Some(Step::Read)
        } else {
            None
        }
    }

    /// Whether the worker should run it now: pending and due, or running past its lease.
    pub fn is_due(&self, now_ms: f64) -> bool {
        let due_at = self.next_attempt_at_ms;
        matches!(self.state, JobState::Pending | JobState::Running)
            && (due_at <= now_ms || due_at.is_nan())
    }

    /// Takes the job's next step to run, or `None` when it is not due or has nothing left
    /// (then it is done). A job found still running past its lease was interrupted: that
    /// counts as a failed attempt, so a step that keeps killing the worker stops in the end.
    pub fn start(&mut self, now_ms: f64) -> Option<Step> {
        if !self.is_due(now_ms) {
            return None;
        }
        if self.state == JobState::Running {
            self.attempts = self.attempts.saturating_add(1);
            self.last_error = Some("interrupted".into());
            if self.attempts >= MAX_ATTEMPTS {
                self.state = JobState::Failed;
                return None;
            }
        }
        let Some(step) = self.next_step() else {
            self.state = JobState::Done;
            return None;
        };
        self.state = JobState::Running;
        self.next_attempt_at_ms = finite_or_zero(now_ms + RUN_LEASE_MS);
        Some(step)
    }

    /// Records a step that succeeded. The job goes on at once with its next step, or is done.
    pub fn complete(&mut self, completed: Completed, now_ms: f64) {
        match completed {
            Completed::Parsed(write) => self.write = Some(*write),
            Completed::Saved { contact_id } => {
                self.contact_id = Some(contact_id);
                self.done.saved = true;
            }
            Completed::Adopted { contact_id } => self.adopt(contact_id),
            Completed::Attached => self.done.attached = true,
            Completed::Pools => self.done.pools = true,
            Completed::Vacancies => self.done.vacancies = true,
            Completed::Noted => self.done.noted = true,
            Completed::Read => self.state = JobState::Done,
        }
        self.attempts = 0;
        self.last_error = None;
        self.next_attempt_at_ms = finite_or_zero(now_ms);
        if self.state != JobState::Done {
            self.state = JobState::Pending;
        }
    }

    /// The create was answered `409 exists` and the CRM's check names the contact: the job
    /// becomes an update of it ([`as_update`]), saved under a key of its own.
    pub fn adopt(&mut self, contact_id: i64) {
        self.action = ExportAction::Update;
        self.contact_id = Some(contact_id);
        self.adopted = true;
        self.write = self.write.take().map(as_update);
    }

    /// Records a step that failed: schedule a retry, wait for sign-in, or stop for the user.
    /// `jitter` is a random number in 0..1 from the caller; `retry_after_ms` the delay a 429 or
    /// 503 asked for (see [`parse_retry_after`]).
    pub fn record_failure(
        &mut self,
        failure: &Failure,
        now_ms: f64,
        jitter: f64,
        retry_after_ms: Option<f64>,
    ) {
        if self.state == JobState::Done {
            return;
        }
        self.last_error = Some(failure.code());
        match failure {
            Failure::Retryable { .. } => {
                self.attempts = self.attempts.saturating_add(1);
                if self.attempts >= MAX_ATTEMPTS {
                    self.state = JobState::Failed;
                } else {
                    self.state = JobState::Pending;
                    let delay = next_delay_ms(self.attempts, jitter, retry_after_ms);
                    self.next_attempt_at_ms = finite_or_zero(now_ms + delay);
                }
            }
            Failure::SignedOut => self.state = JobState::WaitingForSignIn,
            Failure::Fatal { .. } => {
                self.attempts = self.attempts.saturating_add(1);
                self.state = JobState::Failed;
            }
        }
    }

    /// Not its owner's CRM or user: wait for them, send nothing.
    pub fn park(&mut self, binding: Binding) {
        if self.state == JobState::Done {
            return;
        }
        self.state = JobState::Parked;
        self.last_error = Some(
            match binding {
                Binding::OtherCrm => "parked_other_crm",
                _ => "parked_other_user",
            }
            .into(),
        );
    }

    /// The user pressed retry: due at once, with a fresh count of attempts. A job that is
    /// running or done is left alone; returns whether anything changed.
    pub fn retry_now(&mut self, now_ms: f64) -> bool {
        if matches!(self.state, JobState::Running | JobState::Done) {
            return false;
        }
        self.state = JobState::Pending;
        self.attempts = 0;
        self.next_attempt_at_ms = finite_or_zero(now_ms);
        true
    }

    /// The user saw the active-applications warning and confirmed the update (PRODUCT.md E5).
    pub fn confirm_and_retry(&mut self, now_ms: f64) -> bool {
        if matches!(self.state, JobState::Running | JobState::Done) {
            return false;
        }
        if !self.choices.confirm_active_applications || self.adopted {
            self.confirmed_late = true;
        }
        self.choices.confirm_active_applications = true;
        if let Some(write) = self.write.as_mut() {
            write.confirm_active_applications = true;
        }
        self.retry_now(now_ms)
    }

    /// The `Idempotency-Key` of a step's CRM write: the ticket and the step, so every write of
    /// the export has its own key and a retry of it never writes twice (E7). The update a `409
    /// exists` turned a create into has its own (`…:save-existing`).
    pub fn idempotency_key(&self, step: Step) -> Option<String> {
        match step {
            Step::Parse | Step::Read => None,
            Step::Save if self.confirmed_late => Some(format!("{}:save-confirmed", self.ticket)),
            Step::Save if self.adopted => Some(format!("{}:save-existing", self.ticket)),
            other => Some(format!("{}:{}", self.ticket, other.as_str())),
        }
    }

    /// The person's name as the popup lists it.
    pub fn name(&self) -> String {
        self.person.name.clone().unwrap_or_else(|| {
            self.person
                .key
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default()
        })
    }

    /// What the popup lists for this job; `last_error` is the code's text in the user's
    /// language, given by the caller.
    pub fn entry(&self, running: bool, last_error: Option<String>) -> OutboxEntry {
        OutboxEntry {
            ticket: self.ticket.clone(),
            name: self.name(),
            state: if running {
                "running"
            } else {
                self.state.as_str()
            }
            .to_string(),
            attempts: self.attempts,
            next_attempt_at: (self.state == JobState::Pending
                && self.next_attempt_at_ms.is_finite())
            .then(|| rfc3339(self.next_attempt_at_ms)),
            needs_confirmation: self.state == JobState::Failed
                && self.last_error.as_deref() == Some("active_applications"),
            last_error,
        }
    }
}

/// The user's note, when there is one.
pub fn note(choices: &ExportChoices) -> Option<NoteWrite> {
    choices
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|text| NoteWrite {
            text: text.to_string(),
        })
}

/// The worker's own outbox before the core ran it (until this wave): read once, converted.
mod legacy {
    use super::{ExportJob, JOB_VERSION, JobState, StepsDone, finite_or_zero};
    use crate::crm::{ContactWrite, ExportAction};
    use crate::protocol::{ExportChoices, PersonQuery};
    use serde::Deserialize;

    #[derive(Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum State {
        Pending,
        Parked,
        #[serde(other)]
        Failed,
    }

    #[derive(Deserialize)]
    pub(super) struct StoredJob {
        ticket: String,
        #[serde(default)]
        user: String,
        #[serde(default)]
        person: PersonQuery,
        #[serde(default)]
        choices: ExportChoices,
        #[serde(default = "super::create")]
        action: ExportAction,
        #[serde(default)]
        contact_id: Option<i64>,
        #[serde(default)]
        write: Option<ContactWrite>,
        #[serde(default)]
        saved: bool,
        #[serde(default)]
        adopted: bool,
        #[serde(default)]
        attached: bool,
        #[serde(default)]
        assigned: bool,
        #[serde(default)]
        attempts: u32,
        #[serde(default)]
        next_attempt_at: Option<f64>,
        state: State,
        #[serde(default)]
        created_at: Option<f64>,
    }

    impl From<StoredJob> for ExportJob {
        fn from(old: StoredJob) -> Self {
            let state = match old.state {
                State::Pending => JobState::Pending,
                State::Parked => JobState::Parked,
                State::Failed => JobState::Failed,
            };
            // `assigned` covered pools, vacancies and the note together.
            let done = StepsDone {
                saved: old.saved,
                attached: old.attached,
                pools: old.assigned,
                vacancies: old.assigned,
                noted: old.assigned,
            };
            ExportJob {
                version: JOB_VERSION,
                ticket: old.ticket,
                owner: old.user,
                person: old.person,
                choices: old.choices,
                action: old.action,
                contact_id: old.contact_id,
                write: old.write,
                adopted: old.adopted,
                confirmed_late: false,
                done,
                // That outbox committed the unit before it stored the job.
                counted: true,
                attempts: old.attempts,
                next_attempt_at_ms: finite_or_zero(old.next_attempt_at.unwrap_or(0.0)),
                // The old text was the CRM's message or ours: not kept (codes only).
                last_error: None,
                state,
                created_at_ms: finite_or_zero(old.created_at.unwrap_or(0.0)),
            }
        }
    }
}

/// How long to wait before the next try after `attempts` consecutive failures (1 for the
/// first): 30 s × 2^(attempts − 1), ±20 % by `jitter` (0..1, from the caller's random source),
/// capped at one hour, and never earlier than the server's `Retry-After`.
pub fn next_delay_ms(attempts: u32, jitter: f64, retry_after_ms: Option<f64>) -> f64 {
    // 2^7 × 30 s is past the cap already; a small exponent keeps the arithmetic exact.
    let exponent = attempts.saturating_sub(1).min(16);
    let base = (BASE_DELAY_MS * f64::from(1_u32 << exponent)).min(MAX_DELAY_MS);
    let jitter = if jitter.is_nan() {
        0.5
    } else {
        jitter.clamp(0.0, 1.0)
    };
    let delay = (base * (1.0 + JITTER * (2.0 * jitter - 1.0))).min(MAX_DELAY_MS);
    match retry_after_ms {
        Some(asked) if asked.is_finite() => delay.max(asked.clamp(0.0, MAX_RETRY_AFTER_MS)),
        Some(asked) if asked == f64::INFINITY => delay.max(MAX_RETRY_AFTER_MS),
        _ => delay,
    }
}

/// A `Retry-After` header value as a delay from `now_ms`: delta-seconds (`120`) or an HTTP date
/// (`Wed, 21 Oct 2026 07:28:00 GMT`). `None` when it is neither.
pub fn parse_retry_after(value: &str, now_ms: f64) -> Option<f64> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Too many digits for a u64 is still "a very long time".
        let secs = value.parse::<u64>().unwrap_or(u64::MAX);
        return Some(secs as f64 * 1000.0);
    }
    let at = parse_http_date(value)?;
    Some((at - now_ms).max(0.0))
}

/// IMF-fixdate (RFC 9110 §5.6.7), the only form servers are asked to send.
fn parse_http_date(value: &str) -> Option<f64> {
    let mut parts = value.split_ascii_whitespace();
    let _weekday = parts.next()?.strip_suffix(',')?;
    let day: u32 = parts.next()?.parse().ok()?;
    let month = match parts.next()? {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    };
    let year: i64 = parts.next()?.parse().ok()?;
    let mut clock = parts.next()?.split(':');
    let hour: u32 = clock.next()?.parse().ok()?;
    let minute: u32 = clock.next()?.parse().ok()?;
    let second: u32 = clock.next()?.parse().ok()?;
    if parts.next()? != "GMT"
        || parts.next().is_some()
        || clock.next().is_some()
        || !(1..=31).contains(&day)
        || !(1000..=9999).contains(&year)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let days = crate::quota::days_from_civil(year, month, day);
    let secs = i64::from(hour * 3600 + minute * 60 + second);
    Some((days * 86_400 + secs) as f64 * 1000.0)
}

/// The jobs to run now, oldest first: exports finish in the order they were made.
pub fn due_jobs(jobs: &[ExportJob], now_ms: f64) -> Vec<&ExportJob> {
    let mut due: Vec<&ExportJob> = jobs.iter().filter(|j| j.is_due(now_ms)).collect();
    due.sort_by(|a, b| a.created_at_ms.total_cmp(&b.created_at_ms));
    due
}

/// When the worker should wake up next (`chrome.alarms`): the earliest time a pending job is
/// due or a running one's lease ends. `None` when nothing waits on time.
pub fn next_wake_ms(jobs: &[ExportJob]) -> Option<f64> {
    jobs.iter()
        .filter(|j| matches!(j.state, JobState::Pending | JobState::Running))
        .map(|j| {
            if j.next_attempt_at_ms.is_finite() {
                j.next_attempt_at_ms
            } else {
                f64::NEG_INFINITY
            }
        })
        .min_by(f64::total_cmp)
}

/// On the worker's start: whatever was running was cut off with the previous worker. Each such
/// job is due at once, and the cut counts as a failed attempt (see [`ExportJob::start`]).
pub fn resume_interrupted(jobs: &mut [ExportJob], now_ms: f64) {
    for job in jobs.iter_mut().filter(|j| j.state == JobState::Running) {
        job.next_attempt_at_ms = finite_or_zero(now_ms);
    }
}

/// The user signed in or saved the settings: the jobs waiting for a sign-in or for their owner
/// are due at once (those still not their owner's park again, sending nothing).
pub fn resume_waiting(jobs: &mut [ExportJob], now_ms: f64) {
    for job in jobs
        .iter_mut()
        .filter(|j| matches!(j.state, JobState::WaitingForSignIn | JobState::Parked))
    {
        job.state = JobState::Pending;
        job.next_attempt_at_ms = finite_or_zero(now_ms);
    }
}

/// Who an export belongs to: the CRM it was started against and the CRM user who started it.
/// A job only ever runs against its owner: once the CRM address changes, or the token in force
/// is another user's, it is parked, not sent, until the owner is back or the user discards it.
/// Its key, `<CRM address>#<user id>`, is also the key of the owner's quota (PRODUCT.md E6).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JobOwner {
    /// The CRM address as the settings hold it ([`CrmUrl::as_str`]).
    pub crm: String,
    pub user_id: i64,
}

/// Whether a job may run with the settings in force.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Binding {
    /// Its CRM and its user: run it.
    Runs,
    /// Its CRM; whose token is in force is not known yet: ask the CRM (`/me`), then decide.
    AskWho,
    /// Another CRM is configured: nothing of the job may reach it.
    OtherCrm,
    /// Another user's token is in force on its CRM: the job must not write as them.
    OtherUser,
}

/// An address as versions before issue #18 stored it: trimmed, no trailing slash, scheme
/// and host in lower case (they kept `:443` and `//` in the path).
fn written_earlier(address: &str) -> bool {
    let origin_end = address
        .find("://")
        .map(|i| i + 3)
        .and_then(|start| {
            address
                .get(start..)
                .map(|rest| start + rest.find('/').unwrap_or(rest.len()))
        })
        .unwrap_or(address.len());
    let origin = address.get(..origin_end).unwrap_or(address);
    address.trim() == address && !address.ends_with('/') && origin == origin.to_ascii_lowercase()
}

impl JobOwner {
    pub fn new(crm: &CrmUrl, user_id: i64) -> Self {
        Self {
            crm: crm.as_str().to_string(),
            user_id,
        }
    }

    pub fn key(&self) -> String {
        format!("{}#{}", self.crm, self.user_id)
    }

    /// The owner of a stored key; `None` for a key no version wrote (the job then cannot run,
    /// and is parked rather than sent anywhere).
    pub fn from_key(key: &str) -> Option<Self> {
        let (address, id) = key.rsplit_once('#')?;
        let crm = CrmUrl::parse(address).ok()?;
        let user_id = id.parse().ok()?;
        // Only as a version wrote it: today's spelling, or an earlier version's (which kept the
        // default port and empty path segments, issue #18); anything else is not guessed.
        (crm.as_str() == address || written_earlier(address)).then(|| Self::new(&crm, user_id))
    }

    /// `user_id`: who the token in force belongs to, when known.
    pub fn binding(&self, crm: Option<&CrmUrl>, user_id: Option<i64>) -> Binding {
        match (crm, user_id) {
            (Some(crm), _) if crm.as_str() != self.crm => Binding::OtherCrm,
            (None, _) => Binding::OtherCrm,
            (Some(_), None) => Binding::AskWho,
            (Some(_), Some(id)) if id == self.user_id => Binding::Runs,
            (Some(_), Some(_)) => Binding::OtherUser,
        }
    }
}

/// A create answered `409 exists`: the person was added since the export's check (another tab,
/// another recruiter, a key past its expiry). The export becomes an update of the contact the
/// CRM's export check now names — the same rules as at the start, E5's active-application
/// warning included (the update is sent unconfirmed: the user confirmed nothing for it) — or
/// stops with the check's refusal (several matches, not exportable, no permission).
pub fn existing_contact(check: &ExportCheck) -> Result<i64, Option<&str>> {
    match (&check.action, &check.contact, &check.refusal) {
        (Some(ExportAction::Update), Some(contact), None) => Ok(contact.id),
        (_, _, refusal) => Err(refusal.as_ref().map(|r| r.message.as_str())),
    }
}

/// The write of a create, as an update of an existing contact.
pub fn as_update(mut write: ContactWrite) -> ContactWrite {
    write.creation_source = None;
    write.confirm_active_applications = false;
    write
}

/// Jobs the popup counts as "pending exports": everything not done.
pub fn pending_count(jobs: &[ExportJob]) -> u32 {
    let n = jobs.iter().filter(|j| j.state != JobState::Done).count();
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A code safe to store and log: lower-case ASCII letters, digits and `_`, nothing else, so no
/// message text (which may quote personal data) ever lands in the outbox.
fn error_code(raw: &str) -> String {
    let code: String = raw
        .chars()
        .filter_map(|c| match c {
            'a'..='z' | '0'..='9' | '_' => Some(c),
            'A'..='Z' => Some(c.to_ascii_lowercase()),
            '-' | '.' | ' ' => Some('_'),
            _ => None,
        })
        .take(MAX_CODE_LEN)
        .collect();
    if code.is_empty() {
        "error".into()
    } else {
        code
    }
}

/// Stored times must stay finite: JSON writes `NaN` and infinities as `null`.
fn finite_or_zero(ms: f64) -> f64 {
    if ms.is_finite() { ms } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const NOW: f64 = 1_796_083_200_000.0;
    const SEC: f64 = 1_000.0;

    fn pending(choices: ExportChoices) -> Pending {
        Pending {
            user: "https://crm.example.com#7".into(),
            person: PersonQuery {
                key: Some(crate::profile::ProfileKey::PublicId("ada-lovelace".into())),
                name: Some("Ada Lovelace".into()),
                ..PersonQuery::default()
            },
            choices,
            action: ExportAction::Create,
            contact_id: None,
        }
    }

    /// A job whose PDF was read: its next step is the save.
    fn parsed(ticket: &str, choices: ExportChoices, now: f64) -> ExportJob {
        let mut job = ExportJob::new(ticket, pending(choices), now);
        job.write = Some(ContactWrite::default());
        job
    }

    fn job_with(choices: ExportChoices) -> ExportJob {
        parsed("t-1", choices, NOW)
    }

    fn success(step: Step) -> Completed {
        match step {
            Step::Parse => Completed::Parsed(Box::default()),
            Step::Save => Completed::Saved { contact_id: 42 },
            Step::Attach => Completed::Attached,
            Step::Pools => Completed::Pools,
            Step::Vacancies => Completed::Vacancies,
            Step::Note => Completed::Noted,
            Step::Read => Completed::Read,
        }
    }

    fn full_choices() -> ExportChoices {
        ExportChoices {
            pool_ids: vec![1],
            vacancy_ids: vec![7],
            note: Some("Met at the meetup".into()),
            contact_id: None,
            confirm_active_applications: false,
        }
    }

    /// Runs every step to success, returning the steps in the order they ran.
    fn run_to_done(job: &mut ExportJob, mut now: f64) -> Vec<Step> {
        let mut ran = Vec::new();
        while let Some(step) = job.start(now) {
            ran.push(step);
            let done = success(step);
            now += SEC;
            job.complete(done, now);
        }
        ran
    }

    #[test]
    fn steps_run_in_order_and_the_job_ends_done() {
        // proves E3: save → attach → pools/vacancies, then done
        let mut job = job_with(full_choices());
        assert_eq!(
            run_to_done(&mut job, NOW),
            [
                Step::Save,
                Step::Attach,
                Step::Pools,
                Step::Vacancies,
                Step::Note,
                Step::Read
            ]
        );
        assert_eq!(job.state, JobState::Done);
        assert_eq!(job.contact_id, Some(42));
        assert_eq!(job.start(NOW + 3_600.0 * SEC), None);
    }

    #[test]
    fn nothing_to_assign_or_note_skips_those_steps() {
        let mut job = job_with(ExportChoices {
            note: Some("   ".into()),
            ..ExportChoices::default()
        });
        assert_eq!(
            run_to_done(&mut job, NOW),
            [Step::Save, Step::Attach, Step::Read]
        );
        let mut job = job_with(ExportChoices {
            vacancy_ids: vec![3],
            ..ExportChoices::default()
        });
        assert_eq!(
            run_to_done(&mut job, NOW),
            [Step::Save, Step::Attach, Step::Vacancies, Step::Read]
        );
        // A fresh job reads its PDF first.
        let fresh = ExportJob::new("t-2", pending(full_choices()), NOW);
        assert_eq!(fresh.next_step(), Some(Step::Parse));
    }

    #[test]
    fn a_retry_resumes_after_the_last_step_that_succeeded() {
        // proves E7: a retry never writes twice what was already written
        let mut job = job_with(full_choices());
        assert_eq!(job.start(NOW), Some(Step::Save));
        job.complete(Completed::Saved { contact_id: 9 }, NOW);
        assert_eq!(job.start(NOW), Some(Step::Attach));
        job.record_failure(&Failure::network(), NOW, 0.5, None);
        assert_eq!(job.state, JobState::Pending);
        assert_eq!(job.start(NOW + 10.0 * SEC), None, "not due yet");
        assert_eq!(job.start(NOW + 30.0 * SEC), Some(Step::Attach));
        job.complete(Completed::Attached, NOW + 31.0 * SEC);
        assert_eq!(job.attempts, 0);
        assert_eq!(job.last_error, None);
    }

    #[test]
    fn every_write_has_its_own_idempotency_key() {
        // proves E7: each CRM write carries an idempotency key of its own; reads carry none.
        // The keys are the ones the worker's outbox used before the core ran it, so a job it
        // left half-sent finishes under the same keys (the CRM answers the same, once).
        let mut job = job_with(full_choices());
        let steps = [
            Step::Parse,
            Step::Save,
            Step::Attach,
            Step::Pools,
            Step::Vacancies,
            Step::Note,
            Step::Read,
        ];
        let keys: Vec<Option<String>> = steps.iter().map(|s| job.idempotency_key(*s)).collect();
        assert_eq!(
            keys,
            [
                None,
                Some("t-1:save".into()),
                Some("t-1:attach".into()),
                Some("t-1:add-pools".into()),
                Some("t-1:add-vacancies".into()),
                Some("t-1:note".into()),
                None
            ]
        );
        // A create answered 409 exists becomes an update under a key of its own.
        job.complete(Completed::Adopted { contact_id: 5 }, NOW);
        assert_eq!(
            job.idempotency_key(Step::Save).as_deref(),
            Some("t-1:save-existing")
        );
        assert_eq!(job.action, ExportAction::Update);
        assert_eq!(job.contact_id, Some(5));
        assert_eq!(job.next_step(), Some(Step::Save));
    }

    #[test]
    fn back_off_doubles_from_30_seconds_up_to_an_hour() {
        // proves E7: retried with back-off
        let delays: Vec<f64> = (1..=9).map(|n| next_delay_ms(n, 0.5, None)).collect();
        assert_eq!(
            delays,
            [
                30.0, 60.0, 120.0, 240.0, 480.0, 960.0, 1_920.0, 3_600.0, 3_600.0
            ]
            .map(|s| s * SEC)
        );
        assert_eq!(next_delay_ms(0, 0.5, None), 30.0 * SEC);
        assert_eq!(next_delay_ms(u32::MAX, 0.5, None), MAX_DELAY_MS);
    }

    #[test]
    fn jitter_spreads_by_twenty_percent_and_never_passes_the_cap() {
        assert_eq!(next_delay_ms(1, 0.0, None), 24.0 * SEC);
        assert_eq!(next_delay_ms(1, 1.0, None), 36.0 * SEC);
        assert_eq!(next_delay_ms(20, 1.0, None), MAX_DELAY_MS);
        assert_eq!(next_delay_ms(20, 0.0, None), 0.8 * MAX_DELAY_MS);
        for odd in [f64::NAN, -3.0, 7.0, f64::INFINITY] {
            let d = next_delay_ms(1, odd, None);
            assert!((24.0 * SEC..=36.0 * SEC).contains(&d), "{odd} gave {d}");
        }
    }

    #[test]
    fn retry_after_is_never_undercut() {
        // proves E7: a 429 or 503 that says when to come back is obeyed
        assert_eq!(next_delay_ms(1, 0.5, Some(120.0 * SEC)), 120.0 * SEC);
        assert_eq!(
            next_delay_ms(9, 0.5, Some(2.0 * 3_600.0 * SEC)),
            7_200.0 * SEC
        );
        assert_eq!(next_delay_ms(5, 0.5, Some(1.0 * SEC)), 480.0 * SEC);
        assert_eq!(next_delay_ms(1, 0.5, Some(1e15)), MAX_RETRY_AFTER_MS);
        assert_eq!(
            next_delay_ms(1, 0.5, Some(f64::INFINITY)),
            MAX_RETRY_AFTER_MS
        );
        assert_eq!(next_delay_ms(1, 0.5, Some(f64::NAN)), 30.0 * SEC);
        assert_eq!(next_delay_ms(1, 0.5, Some(-5.0)), 30.0 * SEC);
        let mut job = job_with(full_choices());
        job.start(NOW);
        let busy = Failure::from_status(429, Some("too_many_requests"));
        job.record_failure(&busy, NOW, 0.0, Some(600.0 * SEC));
        assert_eq!(job.next_attempt_at_ms, NOW + 600.0 * SEC);
        assert_eq!(job.last_error.as_deref(), Some("too_many_requests"));
    }

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        assert_eq!(parse_retry_after(" 120 ", NOW), Some(120.0 * SEC));
        assert_eq!(parse_retry_after("0", NOW), Some(0.0));
        // NOW is Tue, 01 Dec 2026 00:00:00 GMT.
        assert_eq!(
            parse_retry_after("Tue, 01 Dec 2026 00:02:00 GMT", NOW),
            Some(120.0 * SEC)
        );
        assert_eq!(
            parse_retry_after("Mon, 30 Nov 2026 23:00:00 GMT", NOW),
            Some(0.0)
        );
        assert!(parse_retry_after("99999999999999999999999", NOW).is_some());
        for bad in [
            "",
            "-5",
            "1.5",
            "soon",
            "Tue, 01 Dec 2026 00:02:00",
            "Tue, 01 Foo 2026 00:02:00 GMT",
            "Tue, 32 Dec 2026 00:02:00 GMT",
            "Tue, 01 Dec 2026 24:02:00 GMT",
            "Tue, 01 Dec 2026 00:02 GMT",
            "Tue 01 Dec 2026 00:02:00 GMT",
            "Tue, 01 Dec 2026 00:02:00 GMT extra",
        ] {
            assert_eq!(parse_retry_after(bad, NOW), None, "{bad:?}");
        }
    }

    #[test]
    fn which_errors_wait_and_which_need_the_user() {
        // proves E7: only what waiting can fix is retried on its own
        for status in [408, 425, 429, 500, 502, 503, 504, 599] {
            assert!(
                matches!(
                    Failure::from_status(status, None),
                    Failure::Retryable { .. }
                ),
                "{status}"
            );
        }
        for status in [400, 403, 404, 410, 413, 415, 422, 501, 505, 200, 302, 600] {
            assert!(
                matches!(Failure::from_status(status, None), Failure::Fatal { .. }),
                "{status}"
            );
        }
        assert_eq!(Failure::from_status(401, None), Failure::SignedOut);
        assert_eq!(
            Failure::from_status(409, Some("idempotency_in_progress")),
            Failure::Retryable {
                code: "idempotency_in_progress".into()
            }
        );
        assert_eq!(
            Failure::from_status(409, Some("active_applications")),
            Failure::Fatal {
                code: "active_applications".into()
            }
        );
        assert_eq!(
            Failure::from_status(503, None),
            Failure::Retryable {
                code: "http_503".into()
            }
        );
    }

    #[test]
    fn a_fatal_error_stops_for_the_user_who_can_retry() {
        // proves E7: the user sees failed exports and can retry or discard them
        let mut job = job_with(full_choices());
        job.start(NOW);
        job.record_failure(
            &Failure::from_status(403, Some("forbidden")),
            NOW,
            0.5,
            None,
        );
        assert_eq!(job.state, JobState::Failed);
        assert!(!job.is_due(NOW + 1e9));
        assert!(due_jobs(std::slice::from_ref(&job), NOW + 1e9).is_empty());
        assert!(job.retry_now(NOW + 5.0 * SEC));
        assert_eq!(job.start(NOW + 5.0 * SEC), Some(Step::Save));
    }

    #[test]
    fn active_applications_wait_for_confirmation() {
        // proves E5: an update of a contact with active applications must be confirmed
        let mut job = job_with(ExportChoices {
            contact_id: Some(5),
            ..full_choices()
        });
        job.start(NOW);
        let conflict = Failure::from_status(409, Some("active_applications"));
        job.record_failure(&conflict, NOW, 0.5, None);
        assert_eq!(job.state, JobState::Failed);
        assert!(job.entry(false, None).needs_confirmation);
        assert!(job.confirm_and_retry(NOW));
        assert!(job.choices.confirm_active_applications);
        assert_eq!(
            job.write.as_ref().map(|w| w.confirm_active_applications),
            Some(true)
        );
        // The body changed: a key of its own, or the CRM would refuse it as another body.
        assert_eq!(
            job.idempotency_key(Step::Save).as_deref(),
            Some("t-1:save-confirmed")
        );
        assert_eq!(job.start(NOW), Some(Step::Save));
        assert!(!job.entry(false, None).needs_confirmation);
    }

    #[test]
    fn a_refused_sign_in_parks_the_job_until_the_user_signs_in() {
        // proves E7 and A1: no retries against a token the CRM refuses
        let mut jobs = vec![job_with(full_choices())];
        jobs[0].start(NOW);
        jobs[0].record_failure(&Failure::SignedOut, NOW, 0.5, None);
        assert_eq!(jobs[0].state, JobState::WaitingForSignIn);
        assert_eq!(jobs[0].attempts, 0);
        assert!(due_jobs(&jobs, NOW + 1e9).is_empty());
        assert_eq!(next_wake_ms(&jobs), None);
        resume_waiting(&mut jobs, NOW + 60.0 * SEC);
        assert_eq!(due_jobs(&jobs, NOW + 60.0 * SEC).len(), 1);
    }

    #[test]
    fn after_many_failures_the_job_waits_for_the_user_and_is_kept() {
        let mut job = job_with(full_choices());
        let mut now = NOW;
        for _ in 0..MAX_ATTEMPTS {
            assert!(job.start(now).is_some());
            job.record_failure(&Failure::network(), now, 0.5, None);
            now = job.next_attempt_at_ms;
        }
        assert_eq!(job.state, JobState::Failed);
        assert_eq!(job.last_error.as_deref(), Some("network"));
        assert!(job.retry_now(now));
        assert_eq!(job.attempts, 0);
    }

    #[test]
    fn an_interrupted_step_runs_again_after_a_restart() {
        // proves S3: the browser may stop the worker mid-step; the job is not lost
        let mut jobs = vec![job_with(full_choices())];
        assert_eq!(jobs[0].start(NOW), Some(Step::Save));
        let stored = serde_json::to_string(&jobs).unwrap();
        let mut jobs: Vec<ExportJob> = serde_json::from_str(&stored).unwrap();
        assert_eq!(jobs[0].state, JobState::Running);
        assert!(
            due_jobs(&jobs, NOW + SEC).is_empty(),
            "still within its lease"
        );
        assert_eq!(next_wake_ms(&jobs), Some(NOW + RUN_LEASE_MS));
        resume_interrupted(&mut jobs, NOW + SEC);
        assert_eq!(due_jobs(&jobs, NOW + SEC).len(), 1);
        assert_eq!(jobs[0].start(NOW + SEC), Some(Step::Save));
        assert_eq!(jobs[0].attempts, 1);
        assert_eq!(jobs[0].last_error.as_deref(), Some("interrupted"));
        // Without a restart hook, the lease running out does the same.
        let mut job = job_with(full_choices());
        job.start(NOW);
        assert_eq!(job.start(NOW + RUN_LEASE_MS), Some(Step::Save));
    }

    #[test]
    fn a_step_that_keeps_killing_the_worker_stops_in_the_end() {
        let mut job = job_with(full_choices());
        let mut now = NOW;
        let mut runs = 0;
        while job.start(now).is_some() {
            runs += 1;
            now += RUN_LEASE_MS;
        }
        assert_eq!(runs, MAX_ATTEMPTS);
        assert_eq!(job.state, JobState::Failed);
    }

    #[test]
    fn due_jobs_run_oldest_first_and_the_alarm_wakes_for_the_earliest() {
        let mut a = parsed("a", full_choices(), NOW + 2.0 * SEC);
        let b = parsed("b", full_choices(), NOW + SEC);
        let mut c = parsed("c", full_choices(), NOW);
        c.start(NOW);
        c.record_failure(&Failure::network(), NOW, 0.5, None);
        a.state = JobState::Done;
        let jobs = vec![a, b, c];
        let due: Vec<&str> = due_jobs(&jobs, NOW + 10.0 * SEC)
            .iter()
            .map(|j| j.ticket.as_str())
            .collect();
        assert_eq!(due, ["b"]);
        assert_eq!(next_wake_ms(&jobs), Some(NOW + SEC));
        let due: Vec<&str> = due_jobs(&jobs, NOW + 60.0 * SEC)
            .iter()
            .map(|j| j.ticket.as_str())
            .collect();
        assert_eq!(due, ["c", "b"]);
        assert_eq!(pending_count(&jobs), 2);
    }

    #[test]
    fn error_codes_carry_no_message_text() {
        // proves E7: last_error is a code only, no personal data
        let mut job = job_with(full_choices());
        let odd = Failure::Fatal {
            code: "Contact «Ada Lovelace» <ada@example.com> exists!".repeat(5),
        };
        job.record_failure(&odd, NOW, 0.5, None);
        let code = job.last_error.unwrap();
        assert!(code.len() <= MAX_CODE_LEN);
        assert!(
            code.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        );
        assert!(!code.contains('@'));
        let empty = Failure::from_status(400, Some("€€"));
        assert_eq!(
            empty,
            Failure::Fatal {
                code: "error".into()
            }
        );
    }

    #[test]
    fn the_popup_entry_says_state_attempts_and_next_try() {
        let mut job = job_with(full_choices());
        job.start(NOW);
        job.record_failure(&Failure::network(), NOW, 0.5, None);
        let entry = job.entry(false, job.last_error.clone());
        assert_eq!(entry.ticket, "t-1");
        assert_eq!(entry.name, "Ada Lovelace");
        assert_eq!(entry.state, "pending");
        assert_eq!(entry.attempts, 1);
        assert_eq!(
            entry.next_attempt_at.as_deref(),
            Some("2026-12-01T00:00:30Z")
        );
        assert_eq!(entry.last_error.as_deref(), Some("network"));
    }

    #[test]
    fn jobs_from_older_versions_and_odd_data_still_load() {
        // proves S3: whatever storage holds, the outbox goes on
        let minimal = serde_json::json!({ "v": 2, "ticket": "t" });
        let job = ExportJob::from_stored(minimal).unwrap();
        assert_eq!(job.state, JobState::Pending);
        assert!(job.is_due(NOW));
        assert_eq!(job.next_step(), Some(Step::Parse));
        let odd = serde_json::json!({ "v": 3, "ticket": "t", "state": "paused_by_newer_version",
            "next_attempt_at_ms": null, "created_at_ms": null, "write": {},
            "done": { "attached": true } });
        let job = ExportJob::from_stored(odd).unwrap();
        assert_eq!(job.state, JobState::Failed);
        assert_eq!(job.next_step(), Some(Step::Save), "not saved: save first");
        let mut running = ExportJob::from_stored(serde_json::json!({
            "v": 2, "ticket": "t", "state": "running", "next_attempt_at_ms": null, "write": {}
        }))
        .unwrap();
        assert!(running.is_due(NOW));
        assert_eq!(running.start(NOW), Some(Step::Save));
        let json = serde_json::to_value(&running).unwrap();
        assert_eq!(ExportJob::from_stored(json).unwrap(), running);
        assert_eq!(ExportJob::from_stored(serde_json::json!("junk")), None);
    }

    #[test]
    fn a_job_the_workers_own_outbox_stored_is_converted_and_finishes_what_it_began() {
        // proves E7 (issue #17 Deliver 8): an export waiting when the extension updates lands
        // once: done steps are not redone, the begun one is resent under the same key.
        let old = serde_json::json!({
            "ticket": "9f1c", "user": "https://crm.example.com#7",
            "person": { "key": { "kind": "public_id", "id": "ada-lovelace" }, "name": "Ada" },
            "choices": { "pool_ids": [3, 1], "vacancy_ids": [7], "note": "Met her" },
            "action": "create", "contact_id": 41, "write": { "full_name": "Ada" },
            "saved": true, "adopted": false, "attached": false, "assigned": false,
            "attempts": 2, "next_attempt_at": 1.5e12, "state": "pending",
            "last_error": "The CRM said: Ada's email is taken", "created_at": 1.4e12
        });
        let mut job = ExportJob::from_stored(old).unwrap();
        assert_eq!(job.version, JOB_VERSION);
        assert_eq!(job.owner, "https://crm.example.com#7");
        assert_eq!(job.contact_id, Some(41));
        assert_eq!(job.state, JobState::Pending);
        assert_eq!(job.attempts, 2);
        assert_eq!(job.next_attempt_at_ms, 1.5e12);
        assert_eq!(job.created_at_ms, 1.4e12);
        assert_eq!(job.last_error, None, "the old text may quote personal data");
        assert_eq!(job.next_step(), Some(Step::Attach));
        assert_eq!(
            job.idempotency_key(Step::Attach).as_deref(),
            Some("9f1c:attach")
        );
        assert_eq!(
            run_to_done(&mut job, 1.5e12),
            [
                Step::Attach,
                Step::Pools,
                Step::Vacancies,
                Step::Note,
                Step::Read
            ]
        );
        // One that had assigned had written pools, vacancies and the note.
        let assigned = serde_json::json!({
            "ticket": "a", "user": "https://crm.example.com#7", "write": {},
            "choices": { "pool_ids": [1], "note": "x" }, "contact_id": 2, "saved": true,
            "attached": true, "assigned": true, "state": "parked", "created_at": 1.0
        });
        let job = ExportJob::from_stored(assigned).unwrap();
        assert_eq!(job.state, JobState::Parked);
        assert_eq!(job.next_step(), Some(Step::Read));
        let adopted = serde_json::json!({
            "ticket": "b", "user": "u", "action": "update", "contact_id": 3, "adopted": true,
            "write": {}, "state": "failed", "created_at": 1.0
        });
        let job = ExportJob::from_stored(adopted).unwrap();
        assert_eq!(
            job.idempotency_key(Step::Save).as_deref(),
            Some("b:save-existing")
        );
        assert_eq!(job.state, JobState::Failed);
    }

    #[test]
    fn a_broken_clock_never_stores_an_unreadable_time() {
        let mut job = parsed("t", full_choices(), f64::NAN);
        assert!(job.created_at_ms.is_finite());
        job.start(f64::INFINITY);
        job.record_failure(&Failure::network(), f64::NAN, f64::NAN, Some(f64::NAN));
        assert!(job.next_attempt_at_ms.is_finite());
        let json = serde_json::to_string(&job).unwrap();
        assert!(serde_json::from_str::<ExportJob>(&json).is_ok());
    }

    proptest! {
        #[test]
        fn back_off_is_monotone_bounded_and_jittered(
            attempts in 0u32..100,
            jitter in 0.0..=1.0f64,
            retry_after in proptest::option::of(0.0..2e8f64),
        ) {
            let d = next_delay_ms(attempts, jitter, None);
            let base = (BASE_DELAY_MS * 2f64.powi(attempts.saturating_sub(1).min(16) as i32))
                .min(MAX_DELAY_MS);
            prop_assert!(d >= base * (1.0 - JITTER) - 1e-6);
            prop_assert!(d <= (base * (1.0 + JITTER)).min(MAX_DELAY_MS) + 1e-6);
            prop_assert!(next_delay_ms(attempts + 1, jitter, None) >= d);
            let with = next_delay_ms(attempts, jitter, retry_after);
            prop_assert!(with >= d);
            if let Some(asked) = retry_after {
                prop_assert!(with >= asked.min(MAX_RETRY_AFTER_MS));
                prop_assert!(with <= asked.min(MAX_RETRY_AFTER_MS).max(d));
            }
        }

        #[test]
        fn any_sequence_of_outcomes_keeps_the_job_sound(
            outcomes in proptest::collection::vec((0u8..6, 0.0..1.0f64, 0.0..4e6f64), 0..60),
        ) {
            // proves E7: whatever happens, the job is done, waiting, or in the user's hands
            let mut job = job_with(full_choices());
            let mut now = NOW;
            let mut written = Vec::new();
            for (outcome, jitter, wait) in outcomes {
                now += wait;
                let before = job.next_attempt_at_ms;
                let Some(step) = job.start(now) else {
                    if job.state == JobState::Failed || job.state == JobState::WaitingForSignIn {
                        job.retry_now(now);
                    }
                    continue;
                };
                prop_assert!(before <= now || before.is_nan());
                match outcome {
                    0 | 1 => {
                        let done = success(step);
                        prop_assert!(!written.contains(&step), "{:?} written twice", step);
                        written.push(step);
                        job.complete(done, now);
                    }
                    2 => job.record_failure(&Failure::network(), now, jitter, None),
                    3 => job.record_failure(&Failure::from_status(503, None), now, jitter,
                        Some(wait)),
                    4 => job.record_failure(&Failure::from_status(400, None), now, jitter, None),
                    _ => job.record_failure(&Failure::SignedOut, now, jitter, None),
                }
                prop_assert!(job.next_attempt_at_ms.is_finite());
                if job.state == JobState::Pending {
                    prop_assert!(job.next_attempt_at_ms >= now);
                }
            }
            let order = [
                Step::Save, Step::Attach, Step::Pools, Step::Vacancies, Step::Note, Step::Read,
            ];
            prop_assert_eq!(&written[..], &order[..written.len()]);
            prop_assert_eq!(job.state == JobState::Done, written.len() == order.len());
        }
    }

    #[test]
    fn a_job_runs_only_against_the_crm_and_user_that_started_it() {
        let a = CrmUrl::parse("https://crm.example.com").unwrap();
        let b = CrmUrl::parse("https://other-crm.example.com").unwrap();
        let owner = JobOwner::new(&a, 7);
        assert_eq!(owner.binding(Some(&a), Some(7)), Binding::Runs);
        assert_eq!(owner.binding(Some(&a), None), Binding::AskWho);
        assert_eq!(owner.binding(Some(&a), Some(8)), Binding::OtherUser);
        // Another CRM: parked whoever the token belongs to (the same id there is another person).
        assert_eq!(owner.binding(Some(&b), Some(7)), Binding::OtherCrm);
        assert_eq!(owner.binding(Some(&b), None), Binding::OtherCrm);
        assert_eq!(owner.binding(None, None), Binding::OtherCrm);
        // A path prefix is part of the address: another CRM on the same host.
        let a_sub = CrmUrl::parse("https://crm.example.com/talent").unwrap();
        assert_eq!(owner.binding(Some(&a_sub), Some(7)), Binding::OtherCrm);
    }

    #[test]
    fn an_owner_key_is_the_quota_key_and_reads_back() {
        let a = CrmUrl::parse("https://crm.example.com/talent/").unwrap();
        let owner = JobOwner::new(&a, 42);
        assert_eq!(owner.key(), "https://crm.example.com/talent#42");
        assert_eq!(JobOwner::from_key(&owner.key()), Some(owner));
        for bad in [
            "",
            "#7",
            "https://crm.example.com",
            "https://crm.example.com#",
            "https://crm.example.com#x",
            "ftp://crm.example.com#7",
            // Not as this version writes it (a trailing slash): never guessed into another CRM.
            "https://crm.example.com/#7",
            "https://crm.example.com#7#8",
            "HTTPS://crm.example.com#7",
        ] {
            assert_eq!(JobOwner::from_key(bad), None, "{bad:?}");
        }
        // proves E6, E7 (issue #18): jobs and ledgers stored under an earlier version's
        // spelling still run against (and count for) their CRM and user.
        for old in [
            "https://crm.example.com:443/talent#42",
            "https://crm.example.com//talent#42",
        ] {
            let owner = JobOwner::from_key(old).unwrap();
            assert_eq!(owner.key(), "https://crm.example.com/talent#42", "{old}");
            assert_eq!(owner.binding(Some(&a), Some(42)), Binding::Runs, "{old}");
        }
    }

    #[test]
    fn a_create_that_finds_the_person_there_becomes_an_update_of_the_checked_contact() {
        use crate::crm::{ApiErrorBody, ContactCard};
        let contact = ContactCard {
            id: 41,
            ..ContactCard::default()
        };
        let update = ExportCheck {
            action: Some(ExportAction::Update),
            contact: Some(contact.clone()),
            refusal: None,
        };
        assert_eq!(existing_contact(&update), Ok(41));
        let several = ExportCheck {
            action: None,
            contact: None,
            refusal: Some(ApiErrorBody {
                code: "several_matches".into(),
                message: "Pick one.".into(),
            }),
        };
        assert_eq!(existing_contact(&several), Err(Some("Pick one.")));
        // Gone again (deleted meanwhile): a create, not an update of nothing.
        let create = ExportCheck {
            action: Some(ExportAction::Create),
            contact: None,
            refusal: None,
        };
        assert_eq!(existing_contact(&create), Err(None));

        let write = ContactWrite {
            full_name: Some("Alan Turing".into()),
            creation_source: Some(crate::crm::EXTENSION_SOURCE.into()),
            confirm_active_applications: true,
            ..ContactWrite::default()
        };
        let update = as_update(write);
        assert_eq!(update.creation_source, None);
        assert!(
            !update.confirm_active_applications,
            "E5: nothing was confirmed for it"
        );
        assert_eq!(update.full_name.as_deref(), Some("Alan Turing"));
    }

    proptest! {
        #[test]
        fn owner_keys_round_trip(host in "[a-z]{1,12}", path in "(/[a-z0-9]{1,8}){0,2}", id in any::<i64>()) {
            let crm = CrmUrl::parse(&format!("https://{host}.example{path}")).unwrap();
            let owner = JobOwner::new(&crm, id);
            prop_assert_eq!(JobOwner::from_key(&owner.key()), Some(owner));
        }

        #[test]
        fn owner_keys_never_panic(key in ".{0,80}") {
            let _ = JobOwner::from_key(&key);
        }
    }
}
