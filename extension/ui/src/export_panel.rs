//! The export panel (PRODUCT.md E2, E3, E5, E6): a dialog below the badge with the quota, pools
//! and vacancies, a note, the start button, the confirmation, the steps and the outcome.
//! Renders the core's `ExportPanel` and reports the user's input; decides nothing.

use crate::card::PANEL_ID;
use crate::user_input::on_user;
use crate::vdom::{Tag, bdi, sentence};
use talent_bridge::badge::{field_index, list_part};
use talent_bridge::crm::ContactCard;
use talent_bridge::export_ui::{
    Assign, ExportPanel, Picker, Run, StepStatus, Text, step_text, update_preview,
};
use talent_bridge::merge::ChangeKind;
use talent_bridge::protocol::{
    CatalogItem, CatalogKind, ExportOutcome, MAX_TEXT, PageFacts, PersonQuery,
};
use talent_bridge_web::{by_user, say, t, t_count, t_with};
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

const TITLE_ID: &str = "tb-export-title";

/// What the user can do in the panel.
pub struct Handlers {
    pub close: Callback<()>,
    pub search: Callback<(CatalogKind, String)>,
    pub toggle: Callback<(CatalogKind, CatalogItem)>,
    pub note: Callback<String>,
    /// `true`: the user confirmed the update of a contact with active applications.
    pub start: Callback<bool>,
    pub cancel_confirm: Callback<()>,
    pub assign: Callback<()>,
}

/// What the panel shows.
pub struct PanelArgs<'a> {
    pub panel: &'a ExportPanel,
    pub page: PageFacts,
    pub person: &'a PersonQuery,
    /// The contact an export updates: the one the badge shows, or the one the user picked.
    pub contact: Option<&'a ContactCard>,
    /// `contact` was picked among several matches.
    pub picked: bool,
    /// Where focus goes when the panel opens.
    pub first_field: NodeRef,
    /// The confirmation, steps and outcome, kept in view as they change.
    pub run_area: NodeRef,
    /// Where focus goes when the update needs confirming.
    pub confirm_button: NodeRef,
    pub handlers: &'a Handlers,
}

/// A plain function, not a component: each component type costs the UI module several
/// kilobytes of lifecycle code.
pub fn export_panel(args: PanelArgs<'_>) -> Html {
    let panel = args.panel;
    let h = args.handlers;
    let onkeydown = {
        let close = h.close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && by_user(&e) {
                // The site's own shortcuts must not see it.
                e.stop_propagation();
                e.prevent_default();
                close.emit(());
            }
        })
    };
    let title = match args.person.name.as_deref() {
        Some(name) => sentence("exportPanelTitle", &[name], 0),
        None => t("exportPanelTitleAnonymous").into(),
    };
    let quota = panel
        .quota()
        .map_or_else(|| t("quotaLoading"), |text| say(&text));
    let quota_source = panel.quota_source().map(|text| say(&text));
    let on_note = on_user(&h.note, |e: InputEvent| {
        e.target_unchecked_into::<HtmlTextAreaElement>().value()
    });
    let start_label = if args.contact.is_some() {
        t("exportStartUpdate")
    } else {
        t("exportStart")
    };
    let can_start = panel.can_start(&args.page);
    let assignable = panel.can_assign(args.contact);
    html! {
        <div id={PANEL_ID} class="panel" data-tb="export-panel" role="dialog"
             aria-labelledby={TITLE_ID} {onkeydown}>
            <div class="head">
                <span id={TITLE_ID} class="title">{ title }</span>
                <button type="button" class="close" data-tb="export-close"
                        aria-label={t("exportCloseLabel")}
                        onclick={on_user(&h.close, |_: MouseEvent| ())}>{ "×" }</button>
            </div>
            if let Some(contact) = args.contact {
                { preview(contact, args.person, args.picked) }
            }
            { picker(CatalogKind::Pools, &panel.pools, args.first_field, h) }
            { picker(CatalogKind::Vacancies, &panel.vacancies, NodeRef::default(), h) }
            <label class="field">
                <span>{ t("exportNote") }</span>
                <textarea data-tb="note" rows="2" maxlength={MAX_TEXT.to_string()}
                          value={panel.note.clone()} oninput={on_note} />
            </label>
            <button type="button" class="primary" data-tb="export-start" disabled={!can_start}
                    onclick={on_user(&h.start, |_: MouseEvent| false)}>{ start_label }</button>
            // What comes from the CRM after the panel opens (the quota, whether the user may
            // assign) is below the start button: it must not move the button when it comes.
            <p class="quota" data-tb="quota" role="status">{ quota }</p>
            if let Some(source) = quota_source {
                <p class="quota-source" data-tb="quota-source">{ source }</p>
            }
            if panel.offers_assignment(args.contact) {
                { assign_row(panel, assignable, h) }
            }
            <p class="announce" role="status" data-tb="export-announce">{ announcement(panel) }</p>
            <div class="run" tabindex="-1" ref={args.run_area}>
                { confirmation(panel, args.confirm_button, h) }
                { progress(panel) }
                { outcome(panel) }
            </div>
        </div>
    }
}

/// What an update of `contact` will change, by the CRM's own merge rule (E5), and which
/// contact that is when the user picked it (B3).
fn preview(contact: &ContactCard, person: &PersonQuery, picked: bool) -> Html {
    let changes = update_preview(contact, person);
    let mut parts = Vec::new();
    if picked {
        let id = contact.id.to_string();
        let target = sentence("exportTarget", &[&contact.full_name, &id], 0);
        parts.push(
            Tag::new("p")
                .attrs(
                    &["class", "data-tb"],
                    &[Some("target"), Some("update-target")],
                )
                .child(target)
                .build(),
        );
    }
    let intro = if changes.is_empty() {
        t("previewNothing")
    } else {
        t("previewIntro")
    };
    parts.push(p("help", "update-intro", intro));
    let fields = t("fieldNames");
    let rows = changes
        .into_iter()
        .map(|change| {
            let after = change.after.unwrap_or_default();
            let (kind, text) = match (change.kind, change.before) {
                (ChangeKind::Replaced, Some(before)) => {
                    ("replaced", t_with("previewReplaced", &[&before, &after]))
                }
                (ChangeKind::Appended, _) => ("appended", t_with("previewAppended", &[&after])),
                _ => ("filled", t_with("previewFilled", &[&after])),
            };
            let field = change.field.as_str();
            let label = list_part(&fields, field_index(field)).to_string();
            let label = Tag::new("strong").text(label).build();
            Tag::new("li")
                .attrs(&["data-field", "data-kind"], &[Some(field), Some(kind)])
                .child(label)
                .text(format!(" {text}"))
                .build()
        })
        .collect();
    parts.push(Tag::new("ul").children(rows).build());
    Tag::new("div")
        .attrs(
            &["class", "data-tb"],
            &[Some("preview"), Some("update-preview")],
        )
        .children(parts)
        .build()
}

fn p(class: &'static str, hook: &'static str, text: String) -> Html {
    Tag::new("p")
        .attrs(&["class", "data-tb"], &[Some(class), Some(hook)])
        .text(text)
        .build()
}

/// Pools and vacancies of an existing contact, saved without an export (E2).
fn assign_row(panel: &ExportPanel, enabled: bool, h: &Handlers) -> Html {
    let status = match &panel.assign {
        Assign::Idle => None,
        Assign::Saving => Some((t("assignSaving"), "status")),
        Assign::Saved => Some((t("assignSaved"), "status")),
        Assign::Failed(message) => Some((message.clone(), "alert")),
    };
    html! {
        <div class="assign">
            <p class="help">{ t("assignHelp") }</p>
            <button type="button" data-tb="assign-save" disabled={!enabled}
                    onclick={on_user(&h.assign, |_: MouseEvent| ())}>{ t("assignSave") }</button>
            if let Some((text, role)) = status {
                <span data-tb="assign-status" role={role}>{ text }</span>
            }
        </div>
    }
}

/// A search box and the checkable options it found (E2).
fn picker(kind: CatalogKind, picker: &Picker, input_ref: NodeRef, h: &Handlers) -> Html {
    let (name, legend, placeholder) = match kind {
        CatalogKind::Pools => ("pool", t("exportPools"), t("exportPoolsSearch")),
        CatalogKind::Vacancies => ("vacancy", t("exportVacancies"), t("exportVacanciesSearch")),
    };
    let oninput = on_user(&h.search, move |e: InputEvent| {
        (kind, e.target_unchecked_into::<HtmlInputElement>().value())
    });
    let options = picker.options();
    let note = if picker.searching {
        Some(t("exportSearching"))
    } else if let Some(error) = &picker.error {
        Some(error.clone())
    } else if options.is_empty() {
        Some(t("exportNothingFound"))
    } else {
        None
    };
    html! {
        <fieldset class="picker">
            <legend>{ legend }</legend>
            <input type="search" data-tb={format!("{name}-search")} ref={input_ref}
                   aria-label={placeholder.clone()} placeholder={placeholder}
                   value={picker.query.clone()} {oninput} />
            // A box of one height whatever it holds (the hint too), so that the lists filling
            // in do not move the start button below them.
            <div class="options">
                if let Some(note) = note {
                    <p class="hint" aria-live="polite">{ note }</p>
                }
                { for options.into_iter().map(|(item, picked)| {
                    let chosen = item.clone();
                    let onchange = on_user(&h.toggle, move |_: Event| (kind, chosen.clone()));
                    html! {
                        <label key={item.id} class="option" data-tb={format!("{name}-option")}
                               data-id={item.id.to_string()}>
                            <input type="checkbox" checked={picked}
                                   {onchange} />
                            { bdi(item.label.clone()) }
                        </label>
                    }
                }) }
            </div>
        </fieldset>
    }
}

/// The active-applications warning and its confirm button (E5).
fn confirmation(panel: &ExportPanel, button: NodeRef, h: &Handlers) -> Html {
    let Run::Confirm {
        active_applications,
    } = panel.run
    else {
        return Html::default();
    };
    html! {
        <div class="confirm" role="alert" data-tb="confirm">
            <p>{ t_count("exportConfirmWarning", active_applications, &[]) }</p>
            <button type="button" class="primary" data-tb="confirm-update" ref={button}
                    onclick={on_user(&h.start, |_: MouseEvent| true)}>{ t("exportConfirm") }</button>
            <button type="button" data-tb="confirm-cancel"
                    onclick={on_user(&h.cancel_confirm, |_: MouseEvent| ())}>{ t("exportCancel") }</button>
        </div>
    }
}

/// Every step with its status, as it happens (E3).
fn progress(panel: &ExportPanel) -> Html {
    let Some(steps) = panel.progress() else {
        return Html::default();
    };
    html! {
        <ol class="progress" data-tb="progress" aria-label={t("exportProgress")}>
            { for steps.into_iter().map(|(step, status)| html! {
                <li data-step={step.as_str()} data-status={status.as_str()}
                    aria-current={(status == StepStatus::Current).then_some("step")}>
                    { say(&step_text(step)) }
                </li>
            }) }
        </ol>
    }
}

/// What the panel's live region says (L3): the step under way, then the export done or waiting.
/// The region is in the panel from the start, empty: a live region inserted with its text is not
/// read out by every screen reader. A failure is not repeated here: its `role="alert"` says it.
fn announcement(panel: &ExportPanel) -> String {
    match &panel.run {
        Run::Checking | Run::Downloading { .. } | Run::Processing { .. } => panel
            .progress()
            .and_then(|steps| {
                steps
                    .into_iter()
                    .find(|(_, status)| *status == StepStatus::Current)
            })
            .map(|(step, _)| say(&step_text(step)))
            .unwrap_or_default(),
        Run::Finished(outcome) => match outcome.as_ref() {
            ExportOutcome::Done { contact } => format!(
                "{} {}",
                t("exportDone"),
                t_with("badgeOpenContact", &[&contact.full_name])
            ),
            ExportOutcome::Queued { message } => queued_text(message),
            ExportOutcome::Failed { .. } => String::new(),
        },
        Run::Idle | Run::Confirm { .. } | Run::Stopped { .. } => String::new(),
    }
}

fn queued_text(message: &str) -> String {
    if message.trim().is_empty() {
        t("exportQueued")
    } else {
        message.to_owned()
    }
}

/// How it ended: the contact, the outbox, or what failed and where. The live region above
/// announces the first two; a failure is an alert.
fn outcome(panel: &ExportPanel) -> Html {
    let failed = |step, message: &str| {
        let text = Text::with("exportFailedStep", &[&say(&step_text(step)), message]);
        html! { <p class="error" role="alert" data-tb="export-error">{ say(&text) }</p> }
    };
    match &panel.run {
        Run::Finished(outcome) => match outcome.as_ref() {
            ExportOutcome::Done { contact } => html! {
                <p class="done">
                    { t("exportDone") }{ " " }
                    // The worker kept the link only if it leads to the CRM (S5).
                    <a data-tb="contact-link" href={(!contact.url.is_empty()).then(|| contact.url.clone())} target="_blank"
                       rel="noopener noreferrer">
                        { sentence("badgeOpenContact", &[&contact.full_name], 0) }
                    </a>
                </p>
            },
            ExportOutcome::Queued { message } => {
                html! { <p class="queued" data-tb="export-queued">{ queued_text(message) }</p> }
            }
            ExportOutcome::Failed { step, message } => failed(*step, message),
        },
        Run::Stopped {
            step: talent_bridge::protocol::ExportStep::Check,
            message,
        } => html! { <p class="error" role="alert" data-tb="export-error">{ message.clone() }</p> },
        Run::Stopped { step, message } => failed(*step, message),
        _ => Html::default(),
    }
}
