//! The outbox as the popup sees it (PRODUCT.md E7): the core runs the jobs
//! (`talent_bridge::export_flow`) against the worker's storage; this turns their states and
//! machine codes into the user's language.

use crate::chrome::{t, t_with};
use crate::worker::{self, Worker};
use talent_bridge::export_flow::{self, Outcome, Stop, Wait};
use talent_bridge::outbox::{ExportJob, JobOwner};
use talent_bridge::platform::Store;
use talent_bridge::protocol::{ExportOutcome, OutboxEntry};

pub async fn all() -> Vec<ExportJob> {
    Worker.jobs().await
}

pub async fn entries() -> Vec<OutboxEntry> {
    all()
        .await
        .iter()
        .map(|job| job.entry(worker::is_running(&job.ticket), last_error(job)))
        .collect()
}

/// What the popup says of a job's last error, from its stored code.
fn last_error(job: &ExportJob) -> Option<String> {
    let code = job.last_error.as_deref()?;
    Some(match code {
        "parked_other_crm" => {
            let crm = JobOwner::from_key(&job.owner)
                .map(|o| o.crm)
                .unwrap_or_default();
            t_with("exportParkedOtherCrm", &[&crm])
        }
        "parked_other_user" => t("exportParkedOtherUser"),
        "unauthorized" => t("exportWaitingSignIn"),
        "network" | "interrupted" => t("exportQueued"),
        "active_applications" => t("exportActiveApplications"),
        other => t_with("errorCrmCode", &[other]),
    })
}

/// Saved settings or a sign-in: jobs waiting for either get another look.
pub async fn resume() {
    export_flow::resume(&Worker).await;
}

pub async fn discard(ticket: &str) {
    let _ = export_flow::discard(&Worker, ticket).await;
}

/// The user asked to try again now.
pub async fn retry_now(ticket: &str, confirm: bool) -> Option<ExportOutcome> {
    export_flow::retry(&Worker, ticket, confirm)
        .await
        .map(|outcome| outcome_view(&outcome))
}

/// How an export ended, in the user's words.
pub fn outcome_view(outcome: &Outcome) -> ExportOutcome {
    let queued = |message: String| ExportOutcome::Queued { message };
    match outcome {
        Outcome::Done(contact) => ExportOutcome::Done {
            contact: contact.clone(),
        },
        Outcome::Waiting(Wait::Crm | Wait::Running) => queued(t("exportQueued")),
        Outcome::Waiting(Wait::SignIn) => queued(t("exportWaitingSignIn")),
        Outcome::Waiting(Wait::OtherCrm(crm)) => queued(t_with("exportParkedOtherCrm", &[crm])),
        Outcome::Waiting(Wait::OtherUser) => queued(t("exportParkedOtherUser")),
        Outcome::Stopped { step, reason } => ExportOutcome::Failed {
            step: *step,
            message: match reason {
                Stop::Expired => t("exportExpired"),
                Stop::NotPdf => t("exportNotPdf"),
                Stop::TooLarge => t("exportPdfTooLarge"),
                Stop::Lost => t("errorInternal"),
                Stop::Refused { message, code } => message
                    .clone()
                    .unwrap_or_else(|| t_with("errorCrmCode", &[code])),
            },
        },
    }
}
