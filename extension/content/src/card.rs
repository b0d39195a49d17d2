//! What sits beside a person's name: the badge, the Export to CRM button and its panel, in one
//! Yew app inside one shadow root. Holds the panel's state (the core's reducer), wires the user's
//! actions to the conversations in `flow`, and manages focus; what to show is the core's call.

use crate::badge::{BadgeProps, badge};
use crate::export_panel::{Handlers, PanelArgs, export_panel};
use crate::flow;
use crate::state::{PanelState, say};
use crate::worker_events;
use gloo::timers::callback::Timeout;
use talent_bridge::crm::ContactCard;
use talent_bridge::export_ui::{Action, SEARCH_DEBOUNCE_MS, page_block};
use talent_bridge::profile::ProfileKey;
use talent_bridge::protocol::{
    BadgeState, BadgeView, CatalogKind, PageFacts, PersonQuery, WorkerEvent,
};
use talent_bridge_web::t;
use web_sys::{HtmlElement, ScrollIntoViewOptions, ScrollLogicalPosition};
use yew::prelude::*;

/// The ids our elements refer to each other by; unique inside the shadow root.
pub const REASON_ID: &str = "tb-export-reason";
pub const PANEL_ID: &str = "tb-export-panel";

#[derive(Properties, PartialEq, Clone)]
pub struct CardProps {
    pub view: BadgeView,
    pub key: ProfileKey,
    pub person: PersonQuery,
    pub page: PageFacts,
    pub on_retry: Callback<()>,
    pub on_open_options: Callback<()>,
    /// The CRM's record changed (export done, pools saved): look the person up again.
    pub on_changed: Callback<()>,
}

/// The contact the badge shows, when it shows exactly one.
fn shown_contact(view: &BadgeView) -> Option<&ContactCard> {
    match view.state {
        BadgeState::InCrm | BadgeState::OutOfDate => view.contact.as_ref(),
        _ => None,
    }
}

#[function_component]
pub fn Card(props: &CardProps) -> Html {
    let state = use_reducer(PanelState::default);
    let button_ref = use_node_ref();
    let first_field = use_node_ref();
    let run_area = use_node_ref();
    let confirm_button = use_node_ref();
    let search_timers = use_mut_ref(|| [None::<Timeout>, None::<Timeout>]);
    let page = props.page;
    let contact = shown_contact(&props.view).cloned();

    // The worker's view of exporting, again whenever the badge settles on a new state.
    {
        let dispatch = state.dispatcher();
        let settled = (props.view.state != BadgeState::Checking).then_some(props.view.state);
        let deps = (props.person.clone(), page, settled);
        use_effect_with(deps, move |(person, page, settled)| {
            if settled.is_some() && page_block(page).is_none() {
                flow::load_context(dispatch, person.clone(), *page);
            }
        });
    }
    // Focus moves into the panel when it opens.
    {
        let first_field = first_field.clone();
        use_effect_with(state.0.open, move |open| {
            if let Some(field) = first_field.cast::<HtmlElement>().filter(|_| *open) {
                let _ = field.focus();
            }
        });
    }
    // A new step, a question or an outcome must not hide below the panel's fold.
    {
        let (run_area, confirm_button) = (run_area.clone(), confirm_button.clone());
        use_effect_with(state.0.progress(), move |_| {
            if let Some(button) = confirm_button.cast::<HtmlElement>() {
                let _ = button.focus();
            } else if let Some(area) = run_area.cast::<HtmlElement>() {
                let options = ScrollIntoViewOptions::new();
                options.set_block(ScrollLogicalPosition::Nearest);
                area.scroll_into_view_with_scroll_into_view_options(&options);
            }
        });
    }
    // Progress the worker streams to this tab.
    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            let id = worker_events::subscribe(Callback::from(move |event| match event {
                WorkerEvent::Progress { ticket, step } => {
                    dispatch.dispatch(Action::Progress { ticket, step });
                }
            }));
            move || worker_events::unsubscribe(id)
        });
    }

    let focus_button = {
        let button_ref = button_ref.clone();
        move || {
            if let Some(button) = button_ref.cast::<HtmlElement>() {
                let _ = button.focus();
            }
        }
    };
    let on_toggle_panel = {
        let state = state.clone();
        let person = props.person.clone();
        let contact = contact.clone();
        let focus_button = focus_button.clone();
        Callback::from(move |_: MouseEvent| {
            if state.0.open {
                state.dispatch(Action::Close);
                focus_button();
                return;
            }
            state.dispatch(Action::Open {
                contact: contact.clone().map(Box::new),
            });
            flow::load_context(state.dispatcher(), person.clone(), page);
            for kind in [CatalogKind::Pools, CatalogKind::Vacancies] {
                let query = state.0.picker(kind).query.clone();
                flow::search(state.dispatcher(), kind, query);
            }
        })
    };
    let handlers = Handlers {
        close: {
            let dispatch = state.dispatcher();
            Callback::from(move |()| {
                dispatch.dispatch(Action::Close);
                focus_button();
            })
        },
        search: {
            let dispatch = state.dispatcher();
            Callback::from(move |(kind, query): (CatalogKind, String)| {
                dispatch.dispatch(Action::Search {
                    kind,
                    query: query.clone(),
                });
                let dispatch = dispatch.clone();
                let timer = Timeout::new(SEARCH_DEBOUNCE_MS, move || {
                    flow::search(dispatch, kind, query);
                });
                let slot = usize::from(kind == CatalogKind::Vacancies);
                if let Some(old) = search_timers.borrow_mut().get_mut(slot) {
                    *old = Some(timer);
                }
            })
        },
        toggle: state
            .dispatcher()
            .to_callback()
            .reform(|(kind, item)| Action::Toggle { kind, item }),
        note: state.dispatcher().to_callback().reform(Action::Note),
        start: {
            let state = state.clone();
            let export = export_of(props);
            Callback::from(move |confirm: bool| {
                let allowed = if confirm {
                    state.0.awaits_confirmation()
                } else {
                    state.0.can_start(&page)
                };
                if !allowed {
                    return;
                }
                state.dispatch(if confirm {
                    Action::Confirm
                } else {
                    Action::Start
                });
                let choices = state.0.choices(confirm);
                flow::start(
                    state.dispatcher(),
                    flow::Export {
                        choices,
                        ..export.clone()
                    },
                );
            })
        },
        cancel_confirm: state
            .dispatcher()
            .to_callback()
            .reform(|()| Action::CancelConfirm),
        assign: {
            let state = state.clone();
            let contact = contact.clone();
            let on_changed = props.on_changed.clone();
            Callback::from(move |()| {
                let Some(contact) = contact.as_ref().filter(|c| state.0.can_assign(Some(c))) else {
                    return;
                };
                state.dispatch(Action::AssignStart);
                let choices = state.0.choices(false);
                flow::assign(state.dispatcher(), contact.id, choices, on_changed.clone());
            })
        },
    };

    let button = state.0.button(&page);
    let reason = button.reason.as_ref().map(say);
    html! {
        <span class="card">
            { badge(BadgeProps {
                view: &props.view,
                on_retry: &props.on_retry,
                on_open_options: &props.on_open_options,
            }) }
            <button type="button" class="export" data-tb="export" ref={button_ref}
                    disabled={!button.enabled}
                    aria-describedby={reason.as_ref().map(|_| REASON_ID)}
                    aria-haspopup="dialog" aria-expanded={state.0.open.to_string()}
                    aria-controls={state.0.open.then_some(PANEL_ID)}
                    onclick={on_toggle_panel}>
                { t("exportButton") }
            </button>
            if let Some(reason) = reason {
                <span id={REASON_ID} class="reason" data-tb="export-reason">{ reason }</span>
            }
            if state.0.open {
                { export_panel(PanelArgs {
                    panel: &state.0,
                    page,
                    name: props.person.name.as_deref(),
                    contact: contact.as_ref(),
                    first_field,
                    run_area,
                    confirm_button,
                    handlers: &handlers,
                }) }
            }
        </span>
    }
}

/// The export's fixed part: who, and what to do once the CRM has them.
fn export_of(props: &CardProps) -> flow::Export {
    flow::Export {
        key: props.key.clone(),
        person: props.person.clone(),
        page: props.page,
        choices: Default::default(),
        on_saved: props.on_changed.clone(),
    }
}
