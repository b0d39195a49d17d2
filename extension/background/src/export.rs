//! Export to CRM, worker side (PRODUCT.md E1–E7, DESIGN.md §2): check → (the content script
//! downloads the PDF) → verify → count → queue durably → parse → save → attach → assign → done.
//! Everything after the count runs from the outbox, so a stopped worker or an unreachable CRM
//! loses nothing and a retry never counts twice or writes twice.

use crate::chrome::{log, t, t_with};
use crate::crm_client::{self, CrmError};
use crate::jobs::{self, StoredJob};
use crate::settings::{self, Config};
use crate::storage::{self, Area};
use crate::{lookup, me, progress, quota_store};
use serde::{Deserialize, Serialize};
use talent_bridge::crm::{
    ContactCard, ContactWrite, EXTENSION_SOURCE, ExportAction, ExportCheck, ExportCheckRequest,
    IdSet, LookupQuery, NoteWrite, Permission, PoolList, VacancyList,
};
use talent_bridge::outbox::JobOwner;
use talent_bridge::pdf::{MAX_PDF_BYTES, looks_like_pdf};
use talent_bridge::profile::ProfileKey;
use talent_bridge::protocol::{
    CatalogItem, CatalogKind, ContentReply, ExportBlock, ExportChoices, ExportContextView,
    ExportOutcome, ExportStep, PageFacts, PdfFailure, PersonQuery,
};
use talent_bridge::settings::CrmUrl;

const PENDING_PREFIX: &str = "pending:";

/// What `BeginExport` decided, kept until the PDF arrives (session storage: it holds the
/// person's name, and an export abandoned half-way must not outlive the browser session).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Pending {
    pub user: String,
    pub person: PersonQuery,
    pub choices: ExportChoices,
    pub action: ExportAction,
    pub contact_id: Option<i64>,
}

/// The CRM and token, or the reason there are none.
fn signed_in(config: &Config) -> Result<(&CrmUrl, &str), ExportBlock> {
    config.crm().ok_or(ExportBlock::SignedOut)
}

fn page_block(page: &PageFacts) -> Option<ExportBlock> {
    if page.restricted {
        Some(ExportBlock::Restricted)
    } else if page.own {
        Some(ExportBlock::Own)
    } else if !page.pdf_offered {
        Some(ExportBlock::NoPdf)
    } else {
        None
    }
}

pub fn block_message(block: &ExportBlock) -> String {
    match block {
        ExportBlock::Restricted => t("exportBlockRestricted"),
        ExportBlock::Own => t("exportBlockOwn"),
        ExportBlock::NoPdf => t("exportBlockNoPdf"),
        ExportBlock::LimitReached { resets_at } => t_with(
            "exportBlockLimit",
            &[resets_at.get(..10).unwrap_or(resets_at)],
        ),
        ExportBlock::SignedOut => t("exportBlockSignedOut"),
        ExportBlock::NoPermission => t("exportBlockNoPermission"),
        ExportBlock::NotExportable => t("exportBlockNotExportable"),
        ExportBlock::SeveralMatches => t("exportBlockSeveralMatches"),
        ExportBlock::DisabledByPolicy => t("exportBlockDisabled"),
    }
}

fn blocked(block: ExportBlock) -> ContentReply {
    let message = block_message(&block);
    ContentReply::ExportBlocked { block, message }
}

pub async fn context(person: &PersonQuery, page: &PageFacts) -> ContentReply {
    let config = settings::current().await;
    let (policy, _) = settings::policy().await;
    let limit = policy.monthly_limit();
    let mut view = ExportContextView {
        quota: None,
        block: None,
        can_assign: false,
        default_pool: policy.default_pool.clone(),
    };
    let _ = person;
    let (crm, token) = match signed_in(&config) {
        Ok(pair) => pair,
        Err(block) => {
            view.block = Some(block);
            return ContentReply::ExportContext(view);
        }
    };
    let me = match me::me(crm, token).await {
        Ok(me) => me,
        Err(CrmError::Unauthorized) => {
            view.block = Some(ExportBlock::SignedOut);
            return ContentReply::ExportContext(view);
        }
        Err(_) => {
            return ContentReply::Failed {
                message: t("errorCrmUnreachable"),
            };
        }
    };
    let quota = quota_store::view(&JobOwner::new(crm, me.user.id).key(), limit).await;
    let can_write =
        me.permissions.contains(&Permission::Create) || me.permissions.contains(&Permission::Edit);
    view.can_assign = me.permissions.contains(&Permission::Edit);
    view.block = if policy.export_enabled == Some(false) {
        Some(ExportBlock::DisabledByPolicy)
    } else if let Some(block) = page_block(page) {
        Some(block)
    } else if !can_write {
        Some(ExportBlock::NoPermission)
    } else if quota.remaining == 0 {
        Some(ExportBlock::LimitReached {
            resets_at: quota.resets_at.clone(),
        })
    } else {
        None
    };
    view.quota = Some(quota);
    ContentReply::ExportContext(view)
}

pub fn lookup_query(person: &PersonQuery) -> LookupQuery {
    let key = person.key.as_ref();
    LookupQuery {
        reference: "0".into(),
        public_id: key.and_then(ProfileKey::public_id).map(str::to_string),
        profile_url: key.map(ProfileKey::canonical_url),
        member_urn: person
            .member_urn
            .clone()
            .or_else(|| key.and_then(ProfileKey::member_urn)),
        name: person.name.clone(),
        company: person.company.clone(),
        title: person.title.clone(),
        location: person.location.clone(),
        email: None,
        phone: None,
    }
}

/// Step "check": everything that can refuse an export, before any PDF is fetched.
pub async fn begin(person: PersonQuery, page: PageFacts, choices: ExportChoices) -> ContentReply {
    let config = settings::current().await;
    let (policy, _) = settings::policy().await;
    if policy.export_enabled == Some(false) {
        return blocked(ExportBlock::DisabledByPolicy);
    }
    if let Some(block) = page_block(&page) {
        return blocked(block);
    }
    let (crm, token) = match signed_in(&config) {
        Ok(pair) => pair,
        Err(block) => return blocked(block),
    };
    let me = match me::me(crm, token).await {
        Ok(me) => me,
        Err(CrmError::Unauthorized) => return blocked(ExportBlock::SignedOut),
        Err(_) => {
            return ContentReply::Failed {
                message: t("errorCrmUnreachable"),
            };
        }
    };
    let request = ExportCheckRequest {
        profile: lookup_query(&person),
        contact_id: choices.contact_id,
    };
    let check: ExportCheck =
        match crm_client::post(crm, token, "/api/v1/export-check", &request).await {
            Ok(check) => check,
            Err(CrmError::Unauthorized) => return blocked(ExportBlock::SignedOut),
            Err(error) => {
                log(&format!("export check failed: {:?}", error.status()));
                return ContentReply::Failed {
                    message: t("errorCrmUnreachable"),
                };
            }
        };
    let action = match (check.action, check.refusal) {
        (Some(action), None) => action,
        (_, Some(refusal)) => {
            return blocked(match refusal.code.as_str() {
                "forbidden" => ExportBlock::NoPermission,
                "several_matches" => ExportBlock::SeveralMatches,
                _ => ExportBlock::NotExportable,
            });
        }
        (None, None) => return blocked(ExportBlock::NotExportable),
    };
    if let (ExportAction::Update, Some(contact)) = (action, &check.contact)
        && contact.active_applications > 0
        && !choices.confirm_active_applications
    {
        return ContentReply::NeedsConfirmation {
            contact: contact.clone(),
        };
    }
    // The quota belongs to the CRM user (PRODUCT.md E6), per CRM; so does the job.
    let user = JobOwner::new(crm, me.user.id).key();
    let ticket = new_ticket();
    if let Err(resets_at) = quota_store::reserve(&user, &ticket, policy.monthly_limit()).await {
        return blocked(ExportBlock::LimitReached { resets_at });
    }
    let contact_id = check.contact.as_ref().map(|c| c.id);
    let pending = Pending {
        user,
        person,
        choices,
        action,
        contact_id,
    };
    if storage::set(
        Area::Session,
        &format!("{PENDING_PREFIX}{ticket}"),
        &pending,
    )
    .await
    .is_err()
    {
        quota_store::release(&pending.user, &ticket).await;
        return ContentReply::Failed {
            message: t("errorInternal"),
        };
    }
    ContentReply::ExportTicket {
        ticket,
        action,
        contact: check.contact,
    }
}

/// The download failed: give the unit back; nothing was sent to the CRM.
pub async fn pdf_failed(ticket: &str, failure: PdfFailure) -> ContentReply {
    log(&format!("pdf download failed: {failure:?}"));
    if let Some(pending) = take_pending(ticket).await {
        quota_store::release(&pending.user, ticket).await;
    }
    ContentReply::Done
}

async fn take_pending(ticket: &str) -> Option<Pending> {
    let key = format!("{PENDING_PREFIX}{ticket}");
    let pending = storage::get::<Pending>(Area::Session, &key).await;
    let _ = storage::remove(Area::Session, &[&key]).await;
    pending
}

/// Steps "verify" and on: the PDF arrived from the content script.
pub async fn pdf_ready(ticket: String, pdf_base64: &str, tab: Option<i32>) -> ContentReply {
    let Some(pending) = take_pending(&ticket).await else {
        return ContentReply::ExportResult(ExportOutcome::Failed {
            step: ExportStep::Verify,
            message: t("exportExpired"),
        });
    };
    progress::send(tab, &ticket, ExportStep::Verify).await;
    let bytes = talent_bridge::base64::decode(pdf_base64).unwrap_or_default();
    if bytes.len() > MAX_PDF_BYTES || !looks_like_pdf(&bytes) {
        quota_store::release(&pending.user, &ticket).await;
        let message = if bytes.len() > MAX_PDF_BYTES {
            t("exportPdfTooLarge")
        } else {
            t("exportNotPdf")
        };
        return ContentReply::ExportResult(ExportOutcome::Failed {
            step: ExportStep::Verify,
            message,
        });
    }
    // The site served the PDF: it counted, so do we — once, under this ticket, whatever happens
    // to the CRM writes that follow.
    quota_store::commit(&pending.user, &ticket).await;
    let job = StoredJob::new(ticket.clone(), pending);
    if let Err(e) = jobs::store(&job, &bytes).await {
        log(&format!("outbox write failed: {e:?}"));
        return ContentReply::ExportResult(ExportOutcome::Failed {
            step: ExportStep::Verify,
            message: t("errorInternal"),
        });
    }
    ContentReply::ExportResult(jobs::run(&ticket, tab).await)
}

fn new_ticket() -> String {
    let random = js_sys::global()
        .dyn_ref::<web_sys::WorkerGlobalScope>()
        .and_then(|scope| scope.crypto().ok())
        .map(|crypto| crypto.random_uuid());
    random.unwrap_or_else(|| format!("t{}-{}", js_sys::Date::now(), js_sys::Math::random()))
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
    let key = new_ticket();
    let path = format!("/api/v1/contacts/{contact_id}");
    let pools: Result<ContactCard, _> = crm_client::write(
        crm,
        token,
        "PUT",
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
                "PUT",
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

/// The write the CRM gets: the PDF's fields where it has them, the page's otherwise.
pub fn contact_write(
    person: &PersonQuery,
    parsed: Option<&talent_bridge::pdf::PdfProfile>,
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

/// Adds the note, when the user wrote one.
pub fn note(choices: &ExportChoices) -> Option<NoteWrite> {
    choices
        .note
        .as_ref()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
        .map(|text| NoteWrite {
            text: text.to_string(),
        })
}

use wasm_bindgen::JsCast;
