//! The export button and panel as plain data (PRODUCT.md E1–E3, E6): what the content script
//! shows and how each event changes it. Components render an [`ExportPanel`] and dispatch
//! [`Action`]s; the messages to the worker and the site are the content script's, the decisions
//! are here, tested without a browser (the shape of Yew's todomvc `state.rs`).

mod picker;
mod progress;
pub mod site_pdf;
#[cfg(test)]
mod tests;
mod text;

use crate::crm::{ContactCard, ContactWrite};
use crate::merge::{ContactFields, FieldChange, preview};
use crate::profile::{Profile, Visibility};
use crate::protocol::{
    CatalogItem, CatalogKind, ExportBlock, ExportChoices, ExportContextView, ExportOutcome,
    ExportStep, MAX_TEXT, PageFacts, PersonQuery,
};

pub use picker::Picker;
pub use progress::{STEPS, StepStatus};
pub use text::{
    Text, block_text, outbox_state_text, pdf_failure_text, quota_manual_text, quota_source_text,
    quota_text, step_text,
};

/// Searching waits for a pause in typing, so one query goes out per word, not per key.
pub const SEARCH_DEBOUNCE_MS: u32 = 200;

/// What the page itself says about exporting the profile it shows.
pub fn page_facts(profile: &Profile) -> PageFacts {
    PageFacts {
        restricted: profile.visibility != Visibility::Public,
        own: profile.own,
        pdf_offered: profile.pdf_offered,
    }
}

/// What the page alone rules out, known before the worker answers.
pub fn page_block(page: &PageFacts) -> Option<ExportBlock> {
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

/// What updating `contact` with what the page shows will change, by the CRM's own rule
/// (PRODUCT.md E5): the fields the page and the card both know. The PDF may add more (summary,
/// skills, positions), always appended.
pub fn update_preview(contact: &ContactCard, person: &PersonQuery) -> Vec<FieldChange> {
    let current = ContactFields {
        full_name: Some(contact.full_name.clone()),
        headline: contact.headline.clone(),
        title: contact.title.clone(),
        company: contact.company.clone(),
        location: contact.location.clone(),
        ..ContactFields::default()
    };
    let write = ContactWrite {
        full_name: person.name.clone(),
        headline: person.headline.clone(),
        title: person.title.clone(),
        company: person.company.clone(),
        location: person.location.clone(),
        ..ContactWrite::default()
    };
    preview(&current, &write)
}

/// The worker's view of exporting: quota, block, permissions.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Context {
    #[default]
    Loading,
    Ready(ExportContextView),
    /// The worker could not say (CRM unreachable, extension reloaded).
    Unavailable(String),
}

/// The export button: enabled, or disabled with the reason shown beside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ButtonView {
    pub enabled: bool,
    pub reason: Option<Text>,
    /// `false` when the organisation switched export off (`Features.Export`, PRODUCT.md A2):
    /// then there is no button to show, nor a reason.
    pub shown: bool,
}

/// The export button for `page`, given what the worker said (`context`): the page's own block
/// first, then the worker's.
pub fn button_view(page: &PageFacts, context: &Context) -> ButtonView {
    let disabled = |reason| ButtonView {
        enabled: false,
        reason: Some(reason),
        shown: true,
    };
    if let Context::Ready(view) = context
        && view.block == Some(ExportBlock::DisabledByPolicy)
    {
        return ButtonView {
            enabled: false,
            reason: None,
            shown: false,
        };
    }
    if let Some(block) = page_block(page) {
        return disabled(block_text(&block));
    }
    match context {
        Context::Loading => ButtonView {
            enabled: false,
            reason: None,
            shown: true,
        },
        Context::Unavailable(message) => disabled(Text::Plain(message.clone())),
        Context::Ready(view) => match &view.block {
            Some(block) => disabled(block_text(block)),
            None => ButtonView {
                enabled: true,
                reason: None,
                shown: true,
            },
        },
    }
}

/// One export attempt.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Run {
    #[default]
    Idle,
    /// `BeginExport` is on its way: sign-in, permission, confidentiality, quota.
    Checking,
    /// The contact has active applications: the user must confirm the update (E5).
    Confirm {
        active_applications: u32,
    },
    /// A unit of quota is reserved; the content script fetches the PDF with the site session.
    Downloading {
        ticket: String,
    },
    /// The PDF went to the worker, whose steps arrive as progress.
    Processing {
        ticket: String,
    },
    Finished(Box<ExportOutcome>),
    /// Ended before the worker had the PDF: refused at the check, or the download failed.
    Stopped {
        step: ExportStep,
        message: String,
    },
}

/// Changing pools and vacancies of an existing contact (spends no quota).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Assign {
    #[default]
    Idle,
    Saving,
    Saved,
    Failed(String),
}

/// Everything the export button and panel show.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExportPanel {
    pub open: bool,
    pub context: Context,
    pub pools: Picker,
    pub vacancies: Picker,
    pub note: String,
    pub run: Run,
    pub assign: Assign,
    /// The contact the user picked to update among several matches (B3).
    pub target: Option<i64>,
    /// The furthest step the running export reached.
    reached: Option<ExportStep>,
    /// The user changed the picks: a refreshed contact no longer overwrites them.
    touched: bool,
}

/// Everything that changes the panel: the user's input and the answers to our messages.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Opened; `contact` is the one the badge shows, whose pools and vacancies are preselected.
    Open {
        contact: Option<Box<ContactCard>>,
    },
    Close,
    /// "Update this one" on one of several matches: opens the panel aimed at that contact,
    /// with its pools and vacancies preselected.
    Pick {
        contact: Box<ContactCard>,
    },
    /// "Not this person" on a contact: it can no longer be the target.
    Unpick {
        contact_id: i64,
    },
    ContextLoaded(ExportContextView),
    ContextFailed(String),
    /// The user typed in a search box.
    Search {
        kind: CatalogKind,
        query: String,
    },
    Results {
        kind: CatalogKind,
        query: String,
        items: Vec<CatalogItem>,
    },
    SearchFailed {
        kind: CatalogKind,
        query: String,
        message: String,
    },
    Toggle {
        kind: CatalogKind,
        item: CatalogItem,
    },
    Note(String),
    Start,
    Confirm,
    CancelConfirm,
    NeedsConfirmation {
        active_applications: u32,
    },
    Ticket {
        ticket: String,
    },
    /// Refused at the check (a block, or the CRM could not be asked).
    Refused {
        message: String,
    },
    PdfSent {
        ticket: String,
    },
    DownloadFailed {
        ticket: String,
        message: String,
    },
    Progress {
        ticket: String,
        step: ExportStep,
    },
    Outcome {
        ticket: String,
        outcome: ExportOutcome,
    },
    AssignStart,
    Assigned,
    AssignFailed(String),
}

impl ExportPanel {
    /// The export button, for the page's facts and what the worker said.
    pub fn button(&self, page: &PageFacts) -> ButtonView {
        button_view(page, &self.context)
    }

    /// "N of M left this month", once the worker said.
    pub fn quota(&self) -> Option<Text> {
        match &self.context {
            Context::Ready(view) => view.quota.as_ref().map(quota_text),
            _ => None,
        }
    }

    /// Who keeps the count, once the context is known.
    pub fn quota_source(&self) -> Option<Text> {
        match &self.context {
            Context::Ready(view) => view.quota.as_ref().map(quota_source_text),
            _ => None,
        }
    }

    /// An export may start now (nothing running, nothing blocking).
    pub fn can_start(&self, page: &PageFacts) -> bool {
        self.button(page).enabled && !self.busy()
    }

    /// An export is under way (checking, waiting for confirmation, downloading, processing).
    pub fn busy(&self) -> bool {
        !matches!(self.run, Run::Idle | Run::Finished(_) | Run::Stopped { .. })
    }

    /// The update waits for the user to confirm it (E5).
    pub fn awaits_confirmation(&self) -> bool {
        matches!(self.run, Run::Confirm { .. })
    }

    /// The panel offers to change the pools and vacancies of `contact` without an export.
    pub fn offers_assignment(&self, contact: Option<&ContactCard>) -> bool {
        let allowed = matches!(&self.context, Context::Ready(view) if view.can_assign);
        allowed && contact.is_some()
    }

    /// Pools and vacancies of `contact` may be saved now.
    pub fn can_assign(&self, contact: Option<&ContactCard>) -> bool {
        self.offers_assignment(contact) && self.assign != Assign::Saving
    }

    /// What `BeginExport` carries.
    pub fn choices(&self, confirm_active_applications: bool) -> ExportChoices {
        let note = self.note.trim();
        ExportChoices {
            pool_ids: self.pools.ids(),
            vacancy_ids: self.vacancies.ids(),
            note: (!note.is_empty()).then(|| note.chars().take(MAX_TEXT).collect()),
            contact_id: self.target,
            confirm_active_applications,
        }
    }

    pub fn picker(&self, kind: CatalogKind) -> &Picker {
        match kind {
            CatalogKind::Pools => &self.pools,
            CatalogKind::Vacancies => &self.vacancies,
        }
    }

    fn picker_mut(&mut self, kind: CatalogKind) -> &mut Picker {
        match kind {
            CatalogKind::Pools => &mut self.pools,
            CatalogKind::Vacancies => &mut self.vacancies,
        }
    }

    /// The ticket of the export in flight, if one has a ticket.
    pub fn ticket(&self) -> Option<&str> {
        match &self.run {
            Run::Downloading { ticket } | Run::Processing { ticket } => Some(ticket),
            _ => None,
        }
    }

    /// Every step with its status; `None` before an export started.
    pub fn progress(&self) -> Option<Vec<(ExportStep, StepStatus)>> {
        let reached = self.reached.unwrap_or(ExportStep::Check);
        let (at, status) = match &self.run {
            Run::Idle => return None,
            Run::Checking => (ExportStep::Check, StepStatus::Current),
            Run::Confirm { .. } => (ExportStep::Check, StepStatus::Waiting),
            Run::Downloading { .. } | Run::Processing { .. } => (reached, StepStatus::Current),
            Run::Finished(outcome) => match outcome.as_ref() {
                ExportOutcome::Done { .. } => (ExportStep::Done, StepStatus::Done),
                ExportOutcome::Queued { .. } => (reached, StepStatus::Waiting),
                ExportOutcome::Failed { step, .. } => (*step, StepStatus::Failed),
            },
            Run::Stopped { step, .. } => (*step, StepStatus::Failed),
        };
        let of = |step: ExportStep| match step.cmp(&at) {
            std::cmp::Ordering::Less => StepStatus::Done,
            std::cmp::Ordering::Equal => status,
            std::cmp::Ordering::Greater => StepStatus::Pending,
        };
        Some(STEPS.iter().map(|&step| (step, of(step))).collect())
    }

    /// The reducer: the panel after `action`. Answers that no longer fit (another ticket, an
    /// old search) change nothing.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Open { contact } => self.open_for(contact.as_deref()),
            Action::Close => self.open = false,
            // A running export keeps the contact it was started for.
            Action::Pick { contact } if !self.busy() => {
                self.target = Some(contact.id);
                self.open_for(Some(&contact));
            }
            Action::Pick { .. } => self.open = true,
            Action::Unpick { contact_id } if self.target == Some(contact_id) => {
                self.target = None;
            }
            Action::ContextLoaded(view) => self.context = Context::Ready(view),
            Action::ContextFailed(message) => self.context = Context::Unavailable(message),
            Action::Search { kind, query } => {
                let picker = self.picker_mut(kind);
                picker.query = query;
                picker.searching = true;
                picker.error = None;
            }
            Action::Results { kind, query, items } => {
                let picker = self.picker_mut(kind);
                if picker.query == query {
                    picker.results = items;
                    picker.searching = false;
                }
            }
            Action::SearchFailed {
                kind,
                query,
                message,
            } => {
                let picker = self.picker_mut(kind);
                if picker.query == query {
                    picker.searching = false;
                    picker.error = Some(message);
                }
            }
            Action::Toggle { kind, item } => {
                self.picker_mut(kind).toggle(item);
                self.touched = true;
                if self.assign != Assign::Saving {
                    self.assign = Assign::Idle;
                }
            }
            Action::Note(note) => self.note = note,
            Action::Start if !self.busy() => self.begin(),
            Action::Confirm if self.awaits_confirmation() => self.begin(),
            Action::CancelConfirm if self.awaits_confirmation() => {
                self.run = Run::Idle;
            }
            Action::NeedsConfirmation {
                active_applications,
            } if self.run == Run::Checking => {
                self.run = Run::Confirm {
                    active_applications,
                };
            }
            Action::Ticket { ticket } if self.run == Run::Checking => {
                self.reached = Some(ExportStep::Download);
                self.run = Run::Downloading { ticket };
            }
            Action::Refused { message } if self.run == Run::Checking => {
                self.run = Run::Stopped {
                    step: ExportStep::Check,
                    message,
                };
            }
            Action::PdfSent { ticket } if self.downloading(&ticket) => {
                self.reached = Some(ExportStep::Verify);
                self.run = Run::Processing { ticket };
            }
            Action::DownloadFailed { ticket, message } if self.downloading(&ticket) => {
                self.run = Run::Stopped {
                    step: ExportStep::Download,
                    message,
                };
            }
            Action::Progress { ticket, step } if self.ticket() == Some(ticket.as_str()) => {
                self.reached = self.reached.max(Some(step));
            }
            Action::Outcome { ticket, outcome } if self.ticket() == Some(ticket.as_str()) => {
                self.run = Run::Finished(Box::new(outcome));
            }
            Action::AssignStart if self.assign != Assign::Saving => self.assign = Assign::Saving,
            Action::Assigned if self.assign == Assign::Saving => self.assign = Assign::Saved,
            Action::AssignFailed(message) if self.assign == Assign::Saving => {
                self.assign = Assign::Failed(message);
            }
            _ => {}
        }
    }

    /// Opens the panel; the pools and vacancies of `contact` are preselected unless the user
    /// already changed the picks.
    fn open_for(&mut self, contact: Option<&ContactCard>) {
        self.open = true;
        if let Some(contact) = contact.filter(|_| !self.touched) {
            self.pools.preselect(&contact.pool_ids, &contact.pools);
            self.vacancies
                .preselect(&contact.vacancy_ids, &contact.vacancies);
        }
    }

    fn begin(&mut self) {
        self.run = Run::Checking;
        self.reached = Some(ExportStep::Check);
    }

    fn downloading(&self, ticket: &str) -> bool {
        matches!(&self.run, Run::Downloading { ticket: t } if t == ticket)
    }
}
