//! The card's conversations: with the worker (context, catalog, begin, PDF, assignments, links)
//! and with the site (the PDF download). Each answer becomes one [`Action`]; what the panel
//! shows is decided by the core's reducer.

use crate::site_pdf::{self, DownloadError};
use crate::state::Dispatch;
use talent_bridge::base64;
use talent_bridge::export_ui::{Action, pdf_failure_text};
use talent_bridge::profile::ProfileKey;
use talent_bridge::protocol::{
    BadgeView, CatalogKind, ContentReply, ContentRequest, ExportChoices, ExportOutcome, ExportStep,
    PageFacts, PdfFailure, PersonQuery,
};
use talent_bridge_web::{SendError, request, say, t};
use wasm_bindgen_futures::spawn_local;
use yew::Callback;

/// What the user reads when the worker could not be asked at all.
fn unreachable(error: &SendError) -> String {
    match error {
        SendError::ExtensionGone => t("errorExtensionReloaded"),
        SendError::BadReply => t("errorInternal"),
    }
}

/// A reply that fits none of the expected shapes.
fn unexpected(reply: ContentReply) -> String {
    match reply {
        ContentReply::Failed { message } => message,
        ContentReply::Refused { reason } => reason,
        _ => t("errorInternal"),
    }
}

/// Asks the worker for the quota and whatever blocks an export.
pub fn load_context(dispatch: Dispatch, person: PersonQuery, page: PageFacts) {
    spawn_local(async move {
        let action = match request::<_, ContentReply>(ContentRequest::ExportContext {
            person,
            page,
        })
        .await
        {
            Ok(ContentReply::ExportContext(view)) => Action::ContextLoaded(view),
            Ok(other) => Action::ContextFailed(unexpected(other)),
            Err(e) => Action::ContextFailed(unreachable(&e)),
        };
        dispatch.dispatch(action);
    });
}

/// Public pools or vacancies matching `query`.
pub fn search(dispatch: Dispatch, kind: CatalogKind, query: String) {
    spawn_local(async move {
        let q = query.clone();
        let action =
            match request::<_, ContentReply>(ContentRequest::SearchCatalog { kind, q }).await {
                Ok(ContentReply::Catalog { items }) => Action::Results { kind, query, items },
                Ok(other) => Action::SearchFailed {
                    kind,
                    query,
                    message: unexpected(other),
                },
                Err(e) => Action::SearchFailed {
                    kind,
                    query,
                    message: unreachable(&e),
                },
            };
        dispatch.dispatch(action);
    });
}

/// Everything an export needs from the page.
#[derive(Clone)]
pub struct Export {
    pub key: ProfileKey,
    pub person: PersonQuery,
    pub page: PageFacts,
    pub choices: ExportChoices,
    /// Called once the CRM holds the contact: the badge looks it up again.
    pub on_saved: Callback<()>,
}

/// check → download with the site session → hand the PDF to the worker, which runs the rest
/// (PRODUCT.md E3). The caller has dispatched `Start` or `Confirm`.
pub fn start(dispatch: Dispatch, export: Export) {
    spawn_local(async move {
        let Export {
            key,
            person,
            page,
            choices,
            on_saved,
        } = export;
        let begin = ContentRequest::BeginExport {
            person: person.clone(),
            page,
            choices,
        };
        let ticket = match request::<_, ContentReply>(begin).await {
            Ok(ContentReply::ExportTicket { ticket, .. }) => ticket,
            Ok(ContentReply::NeedsConfirmation { contact }) => {
                let active_applications = contact.active_applications;
                return dispatch.dispatch(Action::NeedsConfirmation {
                    active_applications,
                });
            }
            Ok(ContentReply::ExportBlocked { message, .. }) => {
                dispatch.dispatch(Action::Refused { message });
                return load_context(dispatch, person, page);
            }
            Ok(other) => {
                let message = unexpected(other);
                return dispatch.dispatch(Action::Refused { message });
            }
            Err(e) => {
                let message = unreachable(&e);
                return dispatch.dispatch(Action::Refused { message });
            }
        };
        dispatch.dispatch(Action::Ticket {
            ticket: ticket.clone(),
        });
        let outcome = match site_pdf::download(&key, person.member_urn.as_deref()).await {
            Ok(bytes) => hand_over(&dispatch, ticket.clone(), &bytes).await,
            Err(error) => {
                let (failure, message) = match error {
                    DownloadError::Site(f) => (f, say(&pdf_failure_text(f))),
                    DownloadError::TooLarge => (PdfFailure::SiteError, t("exportPdfTooLarge")),
                };
                dispatch.dispatch(Action::DownloadFailed {
                    ticket: ticket.clone(),
                    message,
                });
                // Gives the reserved unit back; nothing more to show whatever the answer.
                let _ =
                    request::<_, ContentReply>(ContentRequest::PdfFailed { ticket, failure }).await;
                None
            }
        };
        if matches!(outcome, Some(ExportOutcome::Done { .. })) {
            on_saved.emit(());
        }
        load_context(dispatch, person, page);
    });
}

/// Step "verify" and on happen in the worker; its answer is the outcome.
async fn hand_over(dispatch: &Dispatch, ticket: String, bytes: &[u8]) -> Option<ExportOutcome> {
    let pdf_base64 = base64::encode(bytes);
    dispatch.dispatch(Action::PdfSent {
        ticket: ticket.clone(),
    });
    let ready = ContentRequest::PdfReady {
        ticket: ticket.clone(),
        pdf_base64,
    };
    let outcome = match request::<_, ContentReply>(ready).await {
        Ok(ContentReply::ExportResult(outcome)) => outcome,
        Ok(other) => ExportOutcome::Failed {
            step: ExportStep::Verify,
            message: unexpected(other),
        },
        Err(e) => ExportOutcome::Failed {
            step: ExportStep::Verify,
            message: unreachable(&e),
        },
    };
    dispatch.dispatch(Action::Outcome {
        ticket,
        outcome: outcome.clone(),
    });
    Some(outcome)
}

/// Sets an existing contact's pools and vacancies (no export, no quota).
pub fn assign(dispatch: Dispatch, contact_id: i64, choices: ExportChoices, on_saved: Callback<()>) {
    spawn_local(async move {
        let set = ContentRequest::SetAssignments {
            contact_id,
            pool_ids: choices.pool_ids,
            vacancy_ids: choices.vacancy_ids,
        };
        match request::<_, ContentReply>(set).await {
            Ok(ContentReply::Assigned { .. }) => {
                dispatch.dispatch(Action::Assigned);
                on_saved.emit(());
            }
            Ok(other) => dispatch.dispatch(Action::AssignFailed(unexpected(other))),
            Err(e) => dispatch.dispatch(Action::AssignFailed(unreachable(&e))),
        }
    });
}

/// "This is the person" or "not this person", stored in the CRM for the whole team (B3);
/// `done` gets the person's badge as the CRM now sees it.
pub fn link(person: PersonQuery, contact_id: i64, same: bool, done: Callback<BadgeView>) {
    spawn_local(async move {
        let ask = ContentRequest::Link {
            person,
            contact_id,
            same,
        };
        let view = match request::<_, ContentReply>(ask).await {
            Ok(ContentReply::Lookup { badges }) => badges
                .into_iter()
                .next()
                .unwrap_or_else(|| BadgeView::error(t("errorCrmAnswer"))),
            Ok(other) => BadgeView::error(unexpected(other)),
            Err(e) => BadgeView::error(unreachable(&e)),
        };
        done.emit(view);
    });
}
