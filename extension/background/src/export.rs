//! Export to CRM, worker side (PRODUCT.md E1–E7, DESIGN.md §2): the panel's context, the
//! catalogues, pool edits of existing contacts, and the export's messages to and from the
//! content script. The export itself — check, count, outbox, every CRM write — is the core's
//! (`talent_bridge::export_flow`), run on the worker's platform (`worker.rs`).

use crate::chrome::{say, t};
use crate::crm_client::{self, CrmError};
use crate::jobs::outcome_view;
use crate::settings;
use crate::worker::Worker;
use crate::{lookup, me};
use talent_bridge::crm::{ContactCard, IdSet, PoolList, VacancyList};
use talent_bridge::export_flow::{self, Begun};
use talent_bridge::export_ui::block_text;
use talent_bridge::outbox::JobOwner;
use talent_bridge::platform::{Method, Quota};
use talent_bridge::protocol::{
    CatalogItem, CatalogKind, ContentReply, ExportBlock, ExportChoices, ExportOutcome, ExportStep,
    PageFacts, PersonQuery,
};

/// Why the export button is disabled, in words: the core's text for it (one wording, one
/// date format, whoever shows it).
pub fn block_message(block: &ExportBlock) -> String {
    say(&block_text(block))
}

fn blocked(block: ExportBlock) -> ContentReply {
    let message = block_message(&block);
    ContentReply::ExportBlocked { block, message }
}

/// What the export panel shows before anything is done (the core's `export_flow::context`).
pub async fn context(page: &PageFacts) -> ContentReply {
    let (policy, _) = settings::policy().await;
    let limit = policy.monthly_limit();
    let config = settings::current().await;
    let me = match config.crm() {
        Some((crm, token)) if policy.export_enabled != Some(false) => {
            match me::me(crm, token).await {
                Ok(me) => Some((JobOwner::new(crm, me.user.id).key(), me)),
                Err(CrmError::Unauthorized) => None,
                Err(_) => {
                    return ContentReply::Failed {
                        message: t("errorCrmUnreachable"),
                    };
                }
            }
        }
        _ => None,
    };
    let quota = match &me {
        Some((owner, _)) => Some(Worker.view(owner, limit).await),
        None => None,
    };
    let permissions = me.map(|(_, me)| me.permissions);
    ContentReply::ExportContext(export_flow::context(
        &policy,
        page,
        permissions.as_deref(),
        quota,
    ))
}

/// Step "check" (the core's `export_flow::begin`): everything that can refuse an export,
/// before any PDF is fetched.
pub async fn begin(person: PersonQuery, page: PageFacts, choices: ExportChoices) -> ContentReply {
    let (policy, _) = settings::policy().await;
    match export_flow::begin(&Worker, &policy, person, &page, choices).await {
        Begun::Ticket {
            ticket,
            action,
            contact,
        } => ContentReply::ExportTicket {
            ticket,
            action,
            contact: contact.map(|c| *c),
        },
        Begun::NeedsConfirmation(contact) => ContentReply::NeedsConfirmation { contact: *contact },
        Begun::Blocked(block) => blocked(block),
        Begun::Unreachable => ContentReply::Failed {
            message: t("errorCrmUnreachable"),
        },
        Begun::QuotaUnreachable => ContentReply::Failed {
            message: t("errorQuotaUnreachable"),
        },
        Begun::StorageFailed => ContentReply::Failed {
            message: t("errorInternal"),
        },
    }
}

/// The download failed: the unit is given back; nothing was sent to the CRM.
pub async fn pdf_failed(ticket: &str) -> ContentReply {
    export_flow::pdf_failed(&Worker, ticket).await;
    ContentReply::Done
}

/// Steps "verify" and on: the PDF arrived from the content script.
pub async fn pdf_ready(ticket: String, pdf_base64: &str, tab: Option<i32>) -> ContentReply {
    let Some(bytes) = talent_bridge::base64::decode(pdf_base64) else {
        export_flow::pdf_failed(&Worker, &ticket).await;
        return ContentReply::ExportResult(ExportOutcome::Failed {
            step: ExportStep::Verify,
            message: t("exportNotPdf"),
        });
    };
    let outcome = export_flow::pdf_arrived(&Worker, &ticket, bytes, tab).await;
    ContentReply::ExportResult(outcome_view(&outcome))
}

pub async fn catalog(kind: CatalogKind, q: &str) -> ContentReply {
    let config = settings::current().await;
    let Some((crm, token)) = config.crm() else {
        return ContentReply::Failed {
            message: block_message(&ExportBlock::SignedOut),
        };
    };
    let query = talent_bridge::profile::percent_encode_segment(q.trim());
    let items = match kind {
        CatalogKind::Pools => {
            crm_client::get::<PoolList>(crm, token, &format!("/api/v1/pools?q={query}"))
                .await
                .map(|l| {
                    l.pools
                        .into_iter()
                        .map(|p| CatalogItem {
                            id: p.id,
                            label: p.name,
                        })
                        .collect()
                })
        }
        CatalogKind::Vacancies => {
            crm_client::get::<VacancyList>(crm, token, &format!("/api/v1/vacancies?q={query}"))
                .await
                .map(|l| {
                    l.vacancies
                        .into_iter()
                        .map(|v| CatalogItem {
                            id: v.id,
                            label: format!("{} ({})", v.name, v.crm_id),
                        })
                        .collect()
                })
        }
    };
    match items {
        Ok(items) => ContentReply::Catalog { items },
        Err(_) => ContentReply::Failed {
            message: t("errorCrmUnreachable"),
        },
    }
}

/// Pools and vacancies of an existing contact, without exporting (spends no quota).
pub async fn set_assignments(
    contact_id: i64,
    pool_ids: Vec<i64>,
    vacancy_ids: Vec<i64>,
) -> ContentReply {
    let config = settings::current().await;
    let Some((crm, token)) = config.crm() else {
        return ContentReply::Failed {
            message: block_message(&ExportBlock::SignedOut),
        };
    };
    let key = talent_bridge::platform::Clock::new_ticket(&Worker);
    let path = format!("/api/v1/contacts/{contact_id}");
    let pools: Result<ContactCard, _> = crm_client::write(
        crm,
        token,
        Method::Put,
        &format!("{path}/pools"),
        &IdSet { ids: pool_ids },
        &format!("{key}:pools"),
    )
    .await;
    let vacancies: Result<ContactCard, _> = match pools {
        Ok(_) => {
            crm_client::write(
                crm,
                token,
                Method::Put,
                &format!("{path}/vacancies"),
                &IdSet { ids: vacancy_ids },
                &format!("{key}:vacancies"),
            )
            .await
        }
        Err(e) => Err(e),
    };
    lookup::forget_cache().await;
    match vacancies {
        Ok(contact) => ContentReply::Assigned { contact },
        Err(CrmError::Unauthorized) => ContentReply::Failed {
            message: block_message(&ExportBlock::SignedOut),
        },
        Err(e) => ContentReply::Failed {
            message: match e {
                CrmError::Refused {
                    message: Some(m), ..
                } => m,
                _ => t("errorCrmUnreachable"),
            },
        },
    }
}
