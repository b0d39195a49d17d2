//! Every message into the worker: who sent it, whether it is well-formed, and who handles it
//! (PRODUCT.md S4). Refusals are logged with the reason only, never the message.

use crate::chrome::{self, log, t, t_count};
use crate::settings;
use crate::{auth, export, jobs, lookup, me};
use js_sys::Reflect;
use serde::{Serialize, de::DeserializeOwned};
use talent_bridge::outbox::JobOwner;
use talent_bridge::platform::Quota;
use talent_bridge::protocol::{
    Bounded, ContentReply, ContentRequest, Envelope, PageReply, PageRequest, ProtocolError,
    SettingSource, Status,
};
use talent_bridge::sender::{Sender, SenderFacts};
use talent_bridge::settings::{CrmUrl, CrmUrlError};
use talent_bridge::site::url_pattern;
use wasm_bindgen::JsValue;

pub async fn route(message: JsValue, sender: JsValue) -> JsValue {
    match classify(&sender) {
        Some(Sender::Content { tab, url }) => match open::<ContentRequest>(message) {
            Ok(request) => {
                let mut answer = handle_content(request, tab, &url).await;
                // Contact links go into the site's pages: only links to the CRM itself (S5).
                let crm = crate::settings::crm_url().await.map(|u| u.crm_origin());
                answer.keep_crm_links(crm.as_ref());
                reply(answer)
            }
            Err(e) => {
                log(&format!("refused content message: {e}"));
                reply(ContentReply::Refused {
                    reason: e.to_string(),
                })
            }
        },
        Some(Sender::Page) => match open::<PageRequest>(message) {
            Ok(request) => reply(handle_page(request).await),
            Err(e) => {
                log(&format!("refused page message: {e}"));
                reply(PageReply::Refused {
                    reason: e.to_string(),
                })
            }
        },
        None => {
            log(&format!("refused message: {}", ProtocolError::Sender));
            reply(ContentReply::Refused {
                reason: ProtocolError::Sender.to_string(),
            })
        }
    }
}

/// What the browser says of the sender, for the core to decide (`Sender::classify`).
fn classify(sender: &JsValue) -> Option<Sender> {
    let field = |name: &str| Reflect::get(sender, &name.into()).ok();
    let tab = field("tab").filter(JsValue::is_object);
    let facts = SenderFacts {
        id: field("id").and_then(|v| v.as_string()),
        url: field("url").and_then(|v| v.as_string()),
        in_tab: tab.is_some(),
        tab_id: tab
            .as_ref()
            .and_then(|t| Reflect::get(t, &"id".into()).ok())
            .and_then(|id| id.as_f64())
            .map(|id| id as i32),
        frame_id: field("frameId").and_then(|f| f.as_f64()),
    };
    Sender::classify(&facts, &chrome::runtime_id()?)
}

fn open<T: DeserializeOwned + Bounded>(message: JsValue) -> Result<T, ProtocolError> {
    serde_wasm_bindgen::from_value::<Envelope<T>>(message)
        .map_err(|_| ProtocolError::Malformed)?
        .open()
}

fn reply<T: Serialize + Bounded>(msg: T) -> JsValue {
    talent_bridge_web::to_js(&Envelope::new(msg)).unwrap_or(JsValue::NULL)
}

/// What `loader.js` reports when the page refuses WebAssembly, as a failed "strategy".
pub const WASM_REFUSED: &str = "page-csp-refuses-wasm";

async fn handle_content(request: ContentRequest, tab: Option<i32>, url: &str) -> ContentReply {
    match request {
        ContentRequest::ExportContext { page, .. } => export::context(&page).await,
        ContentRequest::SearchCatalog { kind, q } => export::catalog(kind, &q).await,
        ContentRequest::BeginExport {
            person,
            page,
            choices,
        } => export::begin(person, page, choices).await,
        ContentRequest::PdfReady { ticket, pdf_base64 } => {
            export::pdf_ready(ticket, &pdf_base64, tab).await
        }
        ContentRequest::PdfFailed { ticket, failure } => {
            log(&format!("pdf download failed: {failure:?}"));
            export::pdf_failed(&ticket).await
        }
        ContentRequest::Link {
            person,
            contact_id,
            same,
        } => lookup::link(&person, contact_id, same).await,
        ContentRequest::SetAssignments {
            contact_id,
            pool_ids,
            vacancy_ids,
        } => export::set_assignments(contact_id, pool_ids, vacancy_ids).await,
        ContentRequest::Lookup {
            people,
            fresh,
            search,
        } => lookup::guarded(tab, url, search, &people, fresh).await,
        ContentRequest::PdfQueryIds {
            in_page,
            bundles,
            refresh,
        } => crate::pdf_query::ids(&in_page, &bundles, refresh).await,
        ContentRequest::ReportPdfAction { action, failure } => {
            crate::site_check::record(action.pattern().into(), vec![failure.as_str().into()]).await
        }
        ContentRequest::ReportUnreadable { pattern, failed } => {
            crate::site_check::record(pattern, failed).await
        }
        ContentRequest::WasmRefused { frames } => {
            // Without frame mode the user sees no badge on this page: the toolbar button says why.
            if let Some(tab) = tab.filter(|_| !frames)
                && chrome::mark_action(tab, "!", &t("actionWasmRefused"))
                    .await
                    .is_err()
            {
                log("toolbar notice could not be set");
            }
            // Only profile and search pages are the self-check's business.
            match url_pattern(url) {
                Some(pattern) => {
                    crate::site_check::record(pattern, vec![WASM_REFUSED.into()]).await
                }
                None => ContentReply::Done,
            }
        }
        ContentRequest::SearchBadges => {
            let (policy, _) = crate::settings::policy().await;
            let (mode, _) = settings::display_mode().await;
            ContentReply::SearchBadges {
                on: policy.search_badges() != talent_bridge::badge_plan::SearchBadges::Off,
                untouched: mode == talent_bridge::policy::DisplayMode::SidePanel,
                dim_in_crm: settings::user().await.dim_in_crm,
            }
        }
        ContentRequest::OpenOptions => {
            if chrome::open_options_page().await.is_err() {
                log("options page could not be opened");
            }
            ContentReply::Done
        }
    }
}

async fn handle_page(request: PageRequest) -> PageReply {
    match request {
        PageRequest::GetStatus => PageReply::Status(status().await),
        PageRequest::SaveSettings { crm_url, api_token } => match save(crm_url, api_token).await {
            Ok(()) => {
                // Exports parked for this CRM or user may run now (the others park again).
                wasm_bindgen_futures::spawn_local(jobs::resume());
                PageReply::Saved {
                    status: status().await,
                }
            }
            Err(reason) => PageReply::Refused { reason },
        },
        PageRequest::SetDisplayMode { mode } => match set_display_mode(mode).await {
            Ok(()) => PageReply::Saved {
                status: status().await,
            },
            Err(reason) => PageReply::Refused { reason },
        },
        PageRequest::SignIn => {
            let config = settings::current().await;
            let Some(crm) = config.crm_url.clone() else {
                return PageReply::Refused {
                    reason: t("signInNeedsUrl"),
                };
            };
            let (policy, _) = settings::policy().await;
            match auth::sign_in(&crm, policy.oauth_client_id.as_deref()).await {
                Ok(()) => {
                    // A new user may see other contacts: nothing cached may carry over.
                    lookup::forget_cache().await;
                    let _ = crate::storage::remove(crate::storage::Area::Session, &["me"]).await;
                    wasm_bindgen_futures::spawn_local(jobs::resume());
                    PageReply::Saved {
                        status: status().await,
                    }
                }
                Err(reason) => PageReply::Refused { reason },
            }
        }
        PageRequest::SignOut { discard_pending } => {
            let pending = jobs::all().await;
            if !pending.is_empty() && !discard_pending {
                return PageReply::Refused {
                    reason: t_count(
                        "signOutPending",
                        u32::try_from(pending.len()).unwrap_or(u32::MAX),
                        &[],
                    ),
                };
            }
            auth::sign_out().await;
            let mut user = settings::user().await;
            user.api_token = None;
            if settings::save_user(&user).await.is_err() {
                return PageReply::Refused {
                    reason: t("errorInternal"),
                };
            }
            for job in pending {
                jobs::discard(&job.ticket).await;
            }
            forget_session_data().await;
            PageReply::Saved {
                status: status().await,
            }
        }
        PageRequest::SetDimInCrm { on } => {
            let mut user = settings::user().await;
            user.dim_in_crm = on;
            if settings::save_user(&user).await.is_err() {
                return PageReply::Refused {
                    reason: t("errorInternal"),
                };
            }
            PageReply::Saved {
                status: status().await,
            }
        }
        PageRequest::ListOutbox => PageReply::Outbox {
            jobs: jobs::entries().await,
        },
        PageRequest::RetryExport { ticket, confirm } => {
            jobs::retry_now(&ticket, confirm).await;
            PageReply::Outbox {
                jobs: jobs::entries().await,
            }
        }
        PageRequest::DiscardExport { ticket } => {
            jobs::discard(&ticket).await;
            PageReply::Outbox {
                jobs: jobs::entries().await,
            }
        }
    }
}

async fn save(crm_url: String, api_token: String) -> Result<(), String> {
    let (policy, _) = settings::policy().await;
    let mut user = settings::user().await;
    if policy.crm_url.is_none() {
        let url = CrmUrl::parse(&crm_url).map_err(|e| t(url_error_message(&e)))?;
        user.crm_url = Some(url.as_str().to_string());
    }
    // A token is optional: OAuth sign-in needs only the address.
    let token = api_token.trim();
    if !token.is_empty() {
        user.api_token = Some(token.to_string());
    }
    settings::save_user(&user)
        .await
        .map_err(|_| t("errorInternal"))?;
    lookup::forget_cache().await;
    Ok(())
}

/// The user's display mode; refused while the policy sets it (the page applies it on its next
/// load).
async fn set_display_mode(mode: talent_bridge::policy::DisplayMode) -> Result<(), String> {
    if settings::display_mode().await.1 {
        return Err(t("displayModeLocked"));
    }
    let mut user = settings::user().await;
    user.display_mode = Some(mode);
    settings::save_user(&user)
        .await
        .map_err(|_| t("errorInternal"))
}

fn url_error_message(error: &CrmUrlError) -> &'static str {
    match error {
        CrmUrlError::Empty => "errorUrlEmpty",
        CrmUrlError::Scheme => "errorUrlScheme",
        CrmUrlError::Host => "errorUrlHost",
        CrmUrlError::Extra => "errorUrlExtra",
        CrmUrlError::Cleartext => "errorUrlCleartext",
    }
}

async fn status() -> Status {
    let config = settings::current().await;
    let (policy, _) = settings::policy().await;
    let me = match config.crm() {
        Some((crm, token)) => me::me(crm, token).await.ok().map(|me| (crm, me)),
        None => None,
    };
    let quota = match &me {
        Some((crm, me)) => Some(
            crate::worker::Worker
                .view(
                    &JobOwner::new(crm, me.user.id).key(),
                    policy.monthly_limit(),
                )
                .await,
        ),
        None => None,
    };
    let user_name = me.map(|(_, me)| me.user.name);
    let (display_mode, display_mode_locked) =
        policy.display_mode(settings::user().await.display_mode);
    Status {
        crm_url: config.crm_url.as_ref().map(|u| u.as_str().to_string()),
        crm_url_source: if config.crm_url.is_some() {
            config.crm_url_source
        } else {
            SettingSource::Unset
        },
        signed_in: user_name.is_some(),
        user_name,
        policy_problems: config.problems.iter().map(ToString::to_string).collect(),
        quota,
        pending_exports: u32::try_from(jobs::all().await.len()).unwrap_or(u32::MAX),
        site_checks: crate::storage::get::<talent_bridge::site::self_check::SiteCheckLog>(
            crate::storage::Area::Local,
            talent_bridge::site::self_check::SITE_CHECK_KEY,
        )
        .await
        .unwrap_or_default()
        .entries,
        display_mode,
        display_mode_locked,
        dim_in_crm: settings::user().await.dim_in_crm,
    }
}

/// Sign-in and sign-out forget the lookup cache, who the user was, and exports not yet
/// downloaded (all personal data the session held).
async fn forget_session_data() {
    if crate::storage::clear(crate::storage::Area::Session)
        .await
        .is_err()
    {
        log("session storage could not be cleared");
    }
}
