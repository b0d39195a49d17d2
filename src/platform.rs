//! What the core needs from the machine it runs on, and nothing more (STYLE.md: a core with
//! platform traits). The extension's worker implements these traits on `chrome.storage`,
//! IndexedDB, `fetch` and `chrome.alarms`; the native tests implement them in memory, with the
//! reference CRM served in-process. Every decision of an export is taken in the core
//! (`export_flow`, `outbox`) against these traits, so the code the tests prove is the code
//! that ships.
//!
//! The futures are not `Send`: the worker is single-threaded, and so is the test executor.

use crate::crm::ApiError;
use crate::outbox::ExportJob;
use crate::pdf::PdfProfile;
use crate::protocol::ExportStep;
use crate::settings::CrmUrl;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// The wall clock and a source of randomness (jitter, tickets).
pub trait Clock {
    /// Milliseconds since the Unix epoch.
    fn now_ms(&self) -> f64;
    /// A number in `0..1`.
    fn random(&self) -> f64;
    /// A fresh, unguessable ticket for an export (a UUID in the browser).
    fn new_ticket(&self) -> String;
}

/// A storage failure: the write did not reach the disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoreError;

/// The outbox's durable half: jobs and their PDF bytes (IndexedDB in the worker), and the
/// exports begun whose PDF has not arrived yet (session storage: they hold a name, and an export
/// abandoned half-way must not outlive the browser session).
#[allow(async_fn_in_trait)]
pub trait Store {
    /// Writes the job; with `pdf`, the job and its PDF in one transaction: both or neither.
    async fn put_job(&self, job: &ExportJob, pdf: Option<&[u8]>) -> Result<(), StoreError>;
    /// Every stored job, each in today's model (older formats are converted on reading:
    /// [`ExportJob::from_stored`]). What cannot be read at all is left where it is.
    async fn jobs(&self) -> Vec<ExportJob>;
    async fn job(&self, ticket: &str) -> Option<ExportJob>;
    async fn pdf(&self, ticket: &str) -> Option<Vec<u8>>;
    /// Forgets the job and its PDF together.
    async fn remove_job(&self, ticket: &str) -> Result<(), StoreError>;
    async fn put_pending(&self, ticket: &str, pending: &Pending) -> Result<(), StoreError>;
    /// The pending export of `ticket`, removed as it is read: it is taken once.
    async fn take_pending(&self, ticket: &str) -> Option<Pending>;
}

/// The monthly count (PRODUCT.md E6), by ticket, shaped like the CRM's usage API: a unit is
/// reserved before the download, committed once the site served a PDF, released when it did
/// not. Each call is idempotent by ticket. `usage_quota::CrmQuota` implements it on the CRM's
/// count, with the browser's own ledger (`quota::QuotaLedger`) for a CRM without the API.
#[allow(async_fn_in_trait)]
pub trait Quota {
    /// Holds a unit for `ticket`, or says why not (nothing is then held). `kind`: whether the
    /// export creates or updates a contact, for the admins' usage page.
    async fn reserve(
        &self,
        owner: &str,
        ticket: &str,
        limit: u32,
        kind: crate::crm::UsageKind,
    ) -> Result<(), QuotaRefusal>;
    async fn commit(&self, owner: &str, ticket: &str);
    async fn release(&self, owner: &str, ticket: &str);
    /// "N of M left this month", and who keeps the count.
    async fn view(&self, owner: &str, limit: u32) -> crate::protocol::QuotaView;
}

/// Why no unit was reserved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QuotaRefusal {
    /// The month is used up; it resets then (RFC 3339, UTC).
    LimitReached { resets_at: String },
    /// The CRM keeps the count and did not answer: nothing was spent.
    Unreachable,
}

/// Wakes the worker at a given time (`chrome.alarms`).
#[allow(async_fn_in_trait)]
pub trait Scheduler {
    async fn wake_at(&self, at_ms: f64);
}

/// A request to the CRM's `/api/v1`.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    pub method: Method,
    /// Path and query, from `/api/v1/…`.
    pub path: String,
    pub body: Body,
    pub idempotency_key: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Patch => "PATCH",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    Empty,
    /// `application/json`.
    Json(String),
    /// `application/pdf`.
    Pdf(Vec<u8>),
}

/// What came back: the status, the body as text, and `Retry-After` when sent.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    pub status: u16,
    pub body: String,
    pub retry_after: Option<String>,
}

/// The CRM over HTTP, with the bearer token (`fetch` from the worker: tokens never reach a
/// page, PRODUCT.md S1).
#[allow(async_fn_in_trait)]
pub trait CrmTransport {
    /// `None`: no answer at all (network, CRM stopped, timeout, CORS).
    async fn send(&self, crm: &CrmUrl, token: &str, request: Request) -> Option<Answer>;
}

/// What the browser around the worker provides besides storage and the network.
#[allow(async_fn_in_trait)]
pub trait Host {
    /// The CRM and the token in force, or `None` when signed out.
    async fn session(&self) -> Option<(CrmUrl, String)>;
    /// Whose token it is (the CRM's `/me`; the worker keeps the answer a few minutes).
    async fn user_id(&self, crm: &CrmUrl, token: &str) -> Result<i64, CrmError>;
    /// The PDF's fields, `None` when it cannot be read (the export then goes on with the
    /// page's, and the PDF is still attached).
    async fn parse_pdf(&self, pdf: &[u8]) -> Option<PdfProfile>;
    /// Tells the export panel of `tab` how far the export got.
    async fn progress(&self, tab: Option<i32>, ticket: &str, step: ExportStep);
    /// Contacts changed in the CRM: cached lookups are stale.
    async fn contacts_changed(&self);
    /// Marks `ticket` as being run now; `false` when it already is (an alarm and a user's
    /// retry must not run one job twice at once). Held in memory: a stopped worker holds none.
    fn claim(&self, ticket: &str) -> bool;
    fn unclaim(&self, ticket: &str);
}

/// Everything an export needs.
pub trait Platform: Clock + Store + Quota + Scheduler + CrmTransport + Host {}
impl<T: Clock + Store + Quota + Scheduler + CrmTransport + Host> Platform for T {}

/// An export begun, waiting for its PDF: who started it, for whom, with what choices, and what
/// the CRM's check decided.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    /// The owner's key (`outbox::JobOwner::key`), which is also the quota's.
    pub user: String,
    pub person: crate::protocol::PersonQuery,
    pub choices: crate::protocol::ExportChoices,
    pub action: crate::crm::ExportAction,
    pub contact_id: Option<i64>,
}

/// A CRM call that did not succeed.
#[derive(Clone, Debug, PartialEq)]
pub enum CrmError {
    /// No answer: network down, CRM stopped, timeout, CORS refused.
    Unreachable,
    /// 401: the token is missing, wrong or revoked.
    Unauthorized,
    /// Any other non-success status, with the CRM's error code and message when it sent them.
    Refused {
        status: u16,
        code: Option<String>,
        message: Option<String>,
        retry_after_ms: Option<f64>,
    },
    /// A success status with a body we cannot read.
    BadAnswer,
}

impl CrmError {
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Refused { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The CRM's error code, when it sent one.
    pub fn code(&self) -> Option<&str> {
        match self {
            Self::Refused { code, .. } => code.as_deref(),
            _ => None,
        }
    }

    /// Worth trying again later, unchanged: the CRM was away or overloaded
    /// (`outbox::Failure::from_status` decides which statuses).
    pub fn is_transient(&self) -> bool {
        matches!(
            crate::outbox::Failure::from_error(self),
            crate::outbox::Failure::Retryable { .. }
        )
    }
}

/// Sends `request` and reads the answer as `T`.
pub async fn call<T: DeserializeOwned>(
    transport: &(impl CrmTransport + Clock),
    crm: &CrmUrl,
    token: &str,
    request: Request,
) -> Result<T, CrmError> {
    let answer = transport.send(crm, token, request).await;
    read(answer, transport.now_ms())
}

/// A `GET`.
pub async fn get<T: DeserializeOwned>(
    transport: &(impl CrmTransport + Clock),
    crm: &CrmUrl,
    token: &str,
    path: &str,
) -> Result<T, CrmError> {
    call(transport, crm, token, Request::get(path)).await
}

impl Request {
    pub fn get(path: impl Into<String>) -> Self {
        Self {
            method: Method::Get,
            path: path.into(),
            body: Body::Empty,
            idempotency_key: None,
        }
    }

    /// A JSON request (a read by `POST`, such as the export check, when `key` is `None`).
    pub fn json<B: Serialize>(
        method: Method,
        path: impl Into<String>,
        body: &B,
        key: Option<String>,
    ) -> Self {
        Self {
            method,
            path: path.into(),
            // Our own types always serialise; an empty object is what a failure would send.
            body: Body::Json(serde_json::to_string(body).unwrap_or_else(|_| "{}".into())),
            idempotency_key: key,
        }
    }
}

/// Reads an answer: the body as `T` on success, the CRM's error otherwise.
pub fn read<T: DeserializeOwned>(answer: Option<Answer>, now_ms: f64) -> Result<T, CrmError> {
    let Some(answer) = answer else {
        return Err(CrmError::Unreachable);
    };
    match answer.status {
        200..=299 => serde_json::from_str(&answer.body).map_err(|_| CrmError::BadAnswer),
        401 => Err(CrmError::Unauthorized),
        status => {
            let error = serde_json::from_str::<ApiError>(&answer.body)
                .ok()
                .map(|e| e.error);
            Err(CrmError::Refused {
                status,
                code: error.as_ref().map(|e| e.code.clone()),
                message: error.map(|e| e.message),
                retry_after_ms: answer
                    .retry_after
                    .as_deref()
                    .and_then(|v| crate::outbox::parse_retry_after(v, now_ms)),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crm::Me;

    fn answer(status: u16, body: &str, retry_after: Option<&str>) -> Option<Answer> {
        Some(Answer {
            status,
            body: body.into(),
            retry_after: retry_after.map(str::to_string),
        })
    }

    #[test]
    fn answers_read_as_the_type_or_as_the_crms_error() {
        assert_eq!(read::<Me>(None, 0.0), Err(CrmError::Unreachable));
        assert_eq!(
            read::<Me>(answer(401, "", None), 0.0),
            Err(CrmError::Unauthorized)
        );
        assert_eq!(
            read::<Me>(answer(200, "not json", None), 0.0),
            Err(CrmError::BadAnswer)
        );
        let refused = read::<Me>(
            answer(
                429,
                r#"{"error":{"code":"rate_limited","message":"Slow down"}}"#,
                Some("120"),
            ),
            0.0,
        );
        assert_eq!(
            refused,
            Err(CrmError::Refused {
                status: 429,
                code: Some("rate_limited".into()),
                message: Some("Slow down".into()),
                retry_after_ms: Some(120_000.0),
            })
        );
        let error = refused.err().unwrap_or(CrmError::BadAnswer);
        assert!(error.is_transient());
        assert_eq!(error.code(), Some("rate_limited"));
        // A body that is no error document still gives the status.
        let plain = read::<Me>(answer(422, "<html>", None), 0.0);
        assert_eq!(plain.err().and_then(|e| e.status()), Some(422));
    }

    #[test]
    fn which_errors_are_worth_waiting_for() {
        let refused = |status| CrmError::Refused {
            status,
            code: None,
            message: None,
            retry_after_ms: None,
        };
        assert!(CrmError::Unreachable.is_transient());
        for status in [408, 425, 429, 500, 502, 503, 504] {
            assert!(refused(status).is_transient(), "{status}");
        }
        for status in [400, 403, 404, 409, 413, 422, 501] {
            assert!(!refused(status).is_transient(), "{status}");
        }
        assert!(!CrmError::Unauthorized.is_transient());
        assert!(!CrmError::BadAnswer.is_transient());
    }
}
