//! What sits beside a person's name: the badge with its hover card, the Export to CRM button
//! and its panel, in one Yew app inside one shadow root. Holds the panel's state (the core's
//! reducer), wires the user's actions to the conversations in `flow`, and manages focus; what
//! to show is the core's call.

use crate::badge::{BadgeProps, badge};
use crate::export_panel::{Handlers, PanelArgs, export_panel};
use crate::flow;
use crate::hover_card::{CardActions, has_card, hover_card};
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
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
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

/// Opens the panel (`Open` or `Pick`) and asks for what it shows.
fn open_panel(
    state: &UseReducerHandle<PanelState>,
    action: Action,
    person: &PersonQuery,
    page: PageFacts,
) {
    state.dispatch(action);
    flow::load_context(state.dispatcher(), person.clone(), page);
    for kind in [CatalogKind::Pools, CatalogKind::Vacancies] {
        let query = state.0.picker(kind).query.clone();
        flow::search(state.dispatcher(), kind, query);
    }
}

fn focus(node: &NodeRef) {
    if let Some(element) = node.cast::<HtmlElement>() {
        let _ = element.focus();
    }
}

#[function_component]
pub fn Card(props: &CardProps) -> Html {
    let state = use_reducer(PanelState::default);
    let button_ref = use_node_ref();
    let first_field = use_node_ref();
    let run_area = use_node_ref();
    let confirm_button = use_node_ref();
    let label_ref = use_node_ref();
    let search_timers = use_mut_ref(|| [None::<Timeout>, None::<Timeout>]);
    // The hover card is in the page from the first hover, focus or click until Escape; CSS
    // shows it while the badge or the card is hovered or holds focus (B2).
    let card_on = use_state_eq(|| false);
    // "Not this person" / "This is the person" answer with a new badge: it replaces the one
    // the watcher showed, until the watcher shows another.
    let answer = use_state(|| None::<(BadgeView, BadgeView)>);
    let linking = use_state_eq(|| false);
    let view = match &*answer {
        Some((shown, now)) if *shown == props.view => now,
        _ => &props.view,
    };
    let page = props.page;
    let picked = state
        .0
        .target
        .and_then(|id| view.matches.iter().find(|m| m.contact.id == id))
        .map(|m| m.contact.clone());
    let contact = picked.clone().or_else(|| shown_contact(view).cloned());

    // The worker's view of exporting, again whenever the badge settles on a new state.
    {
        let dispatch = state.dispatcher();
        let settled = (view.state != BadgeState::Checking).then_some(view.state);
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
    // After a link answer, focus goes back to the badge: the buttons pressed are gone.
    {
        let label_ref = label_ref.clone();
        let answered = answer.is_some();
        use_effect_with(*linking, move |busy| {
            if !busy && answered {
                focus(&label_ref);
            }
        });
    }
    // Escape closes the card also when focus is elsewhere in the page (keys inside our shadow
    // root never reach the document: the host stops them). The closure has the shape the
    // mount's listeners have, so it needs no JS glue of its own.
    {
        let card_on = card_on.clone();
        use_effect_with(*card_on, move |on| {
            let document = web_sys::window().and_then(|w| w.document()).filter(|_| *on);
            let listener = document.map(|document| {
                let escape = Closure::<dyn Fn(web_sys::Event)>::new(move |e: web_sys::Event| {
                    let key = e.dyn_ref::<KeyboardEvent>().map(KeyboardEvent::key);
                    if key.as_deref() == Some("Escape") {
                        card_on.set(false);
                    }
                });
                let function = escape.as_ref().unchecked_ref();
                let _ = document.add_event_listener_with_callback("keydown", function);
                (document, escape)
            });
            move || {
                if let Some((document, escape)) = listener {
                    let function = escape.as_ref().unchecked_ref();
                    let _ = document.remove_event_listener_with_callback("keydown", function);
                }
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
        move || focus(&button_ref)
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
            let contact = contact.clone().map(Box::new);
            open_panel(&state, Action::Open { contact }, &person, page);
        })
    };
    let actions = CardActions {
        pick: {
            let state = state.clone();
            let person = props.person.clone();
            let matches = view.matches.clone();
            Callback::from(move |id: i64| {
                if let Some(m) = matches.iter().find(|m| m.contact.id == id) {
                    let contact = Box::new(m.contact.clone());
                    open_panel(&state, Action::Pick { contact }, &person, page);
                }
            })
        },
        link: {
            let (answer, linking) = (answer.clone(), linking.clone());
            let (shown, person) = (props.view.clone(), props.person.clone());
            let dispatch = state.dispatcher();
            Callback::from(move |(contact_id, same): (i64, bool)| {
                if !same {
                    dispatch.dispatch(Action::Unpick { contact_id });
                }
                linking.set(true);
                let (answer, linking, shown) = (answer.clone(), linking.clone(), shown.clone());
                let done = Callback::from(move |now: BadgeView| {
                    answer.set(Some((shown.clone(), now)));
                    linking.set(false);
                });
                flow::link(person.clone(), contact_id, same, done);
            })
        },
        busy: *linking,
        can_pick: page_block(&page).is_none(),
    };
    let on_tip_key = {
        let (card_on, label_ref) = (card_on.clone(), label_ref.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && *card_on {
                e.stop_propagation();
                e.prevent_default();
                // Focus first: it may be inside the card, which is about to go.
                focus(&label_ref);
                card_on.set(false);
            }
        })
    };
    let arm = {
        let card_on = card_on.clone();
        Callback::from(move |()| card_on.set(true))
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
    // The panel and the card hang in the same place: the panel wins.
    let show_card = *card_on && !state.0.open && has_card(view);
    html! {
        <span class="card">
            <span class="tip" onmouseenter={arm.reform(|_: MouseEvent| ())}
                  onclick={arm.reform(|_: MouseEvent| ())}
                  onfocusin={arm.reform(|_: FocusEvent| ())} onkeydown={on_tip_key}>
                { badge(BadgeProps {
                    view,
                    on_retry: &props.on_retry,
                    on_open_options: &props.on_open_options,
                    label_ref: label_ref.clone(),
                    card: show_card,
                }) }
                if show_card {
                    { hover_card(view, &actions) }
                }
            </span>
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
                    person: &props.person,
                    contact: contact.as_ref(),
                    picked: picked.is_some(),
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
