//! What hangs off a badge: its hover card and its export panel, in one Yew app per badge. Holds
//! the panel's state (the core's reducer), wires the user's actions to the conversations in
//! `flow`, and manages focus; what to show is the core's call. The badge and the Export to CRM
//! button are the content script's: this app finds them in the shadow root it shares with them.

use crate::export_panel::{Handlers, PanelArgs, export_panel};
use crate::flow;
use crate::hover_card::{CardActions, HOVER_ID, has_card, hover_card};
use crate::state::PanelState;
use crate::worker_events;
use gloo::timers::callback::Timeout;
use talent_bridge::crm::ContactCard;
use talent_bridge::export_ui::{Action, SEARCH_DEBOUNCE_MS, page_block};
use talent_bridge::protocol::{
    BadgeState, BadgeView, CatalogKind, PageFacts, PersonQuery, WorkerEvent,
};
use talent_bridge_web::{by_user, to_js};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Element, HtmlElement, ScrollIntoViewOptions, ScrollLogicalPosition, ShadowRoot};
use yew::prelude::*;

/// What shows the card, on the badge and its card.
const ARMS: [&str; 3] = ["mouseenter", "click", "focusin"];

/// The panel's id, which the export button's `aria-controls` names.
pub const PANEL_ID: &str = "tb-export-panel";

/// The content script's `{ changed(), view(badge) }` (see `mount` in lib.rs).
#[derive(Clone)]
pub struct Hooks(pub wasm_bindgen::JsValue);

impl PartialEq for Hooks {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl Hooks {
    fn call(&self, name: &str, arg: &wasm_bindgen::JsValue) {
        let function = js_sys::Reflect::get(&self.0, &name.into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        if let Some(function) = function {
            let _ = function.call1(&wasm_bindgen::JsValue::NULL, arg);
        }
    }

    /// The CRM's record changed (export done, pools saved): the badge looks the person up again.
    fn changed(&self) {
        self.call("changed", &wasm_bindgen::JsValue::UNDEFINED);
    }

    /// The CRM answered "this is / is not the person": the badge shows `view`.
    fn view(&self, view: &BadgeView) {
        if let Some(view) = to_js(view) {
            self.call("view", &view);
        }
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct CardProps {
    pub view: BadgeView,
    pub person: PersonQuery,
    pub page: PageFacts,
    /// The badge's shadow root: the badge's label and the export button are found in it.
    pub shadow: ShadowRoot,
    /// The badge with its card: hovering or focusing it shows the card.
    pub tip: Element,
    /// Where the hover card is rendered, inside `tip`.
    pub card_host: Element,
    pub hooks: Hooks,
    /// Counts the content script's requests to show the card: the hover, focus or click that
    /// loaded this module (later ones reach this app directly).
    pub arm: u32,
    /// Counts the export button's clicks.
    pub toggle: u32,
    /// The card stays open beside the badge, the export panel open or not (the side panel).
    pub pinned: bool,
}

/// The badge's focusable label, where focus returns when the card closes.
fn label(shadow: &ShadowRoot) -> Option<HtmlElement> {
    shadow
        .query_selector(".badge .label")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into().ok())
}

/// The content script's Export to CRM button.
fn export_button(shadow: &ShadowRoot) -> Option<HtmlElement> {
    shadow
        .query_selector("[data-tb=\"export\"]")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into().ok())
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

/// Focus is on a control that was disabled under it, or nowhere (the document's body).
fn focus_dropped(shadow: &ShadowRoot) -> bool {
    match shadow.active_element() {
        Some(element) => element.matches(":disabled").unwrap_or(false),
        None => web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .is_none_or(|element| element.tag_name() == "BODY"),
    }
}

fn focus(element: Option<HtmlElement>) {
    if let Some(element) = element {
        let _ = element.focus();
    }
}

/// Listens for Escape on `target` while the card is in the page; `back` moves focus to the
/// badge's label first (the key was pressed inside the badge, where focus may be in the card).
fn escape_listener(
    target: &web_sys::EventTarget,
    card_on: UseStateHandle<bool>,
    back: Option<ShadowRoot>,
) -> Closure<dyn Fn(web_sys::Event)> {
    let escape = Closure::<dyn Fn(web_sys::Event)>::new(move |e: web_sys::Event| {
        let key = e.dyn_ref::<KeyboardEvent>().map(KeyboardEvent::key);
        if key.as_deref() != Some("Escape") || !by_user(&e) {
            return;
        }
        if let Some(shadow) = &back {
            e.prevent_default();
            // Focus first: it may be inside the card, which is about to go.
            focus(label(shadow));
        }
        card_on.set(false);
    });
    let _ = target.add_event_listener_with_callback("keydown", escape.as_ref().unchecked_ref());
    escape
}

#[function_component]
pub fn Card(props: &CardProps) -> Html {
    let state = use_reducer(PanelState::default);
    let first_field = use_node_ref();
    let run_area = use_node_ref();
    let confirm_button = use_node_ref();
    let search_timers = use_mut_ref(|| [None::<Timeout>, None::<Timeout>]);
    // The hover card is in the page from a hover, focus or click until Escape; CSS shows it
    // while the badge or the card is hovered or holds focus (B2).
    let card_on = use_state_eq(|| false);
    let linking = use_state_eq(|| false);
    let answered = use_mut_ref(|| false);
    let view = &props.view;
    let page = props.page;
    let picked = state
        .0
        .target
        .and_then(|id| view.matches.iter().find(|m| m.contact.id == id))
        .map(|m| m.contact.clone());
    let contact = picked.clone().or_else(|| shown_contact(view).cloned());
    let show_card = *card_on && (props.pinned || !state.0.open) && has_card(view);

    {
        let card_on = card_on.clone();
        use_effect_with(props.arm, move |arm| {
            if *arm > 0 {
                card_on.set(true);
            }
        });
    }
    // From now on this app hears the badge's hovers, focuses and clicks itself: Escape moves
    // focus to the label, and the focus it gets must not undo the Escape.
    {
        let (card_on, tip) = (card_on.clone(), props.tip.clone());
        use_effect_with((), move |_| {
            let arm = Closure::<dyn Fn(web_sys::Event)>::new(move |e: web_sys::Event| {
                if by_user(&e) {
                    card_on.set(true);
                }
            });
            for event in ARMS {
                let _ = tip.add_event_listener_with_callback(event, arm.as_ref().unchecked_ref());
            }
            move || {
                for event in ARMS {
                    let function = arm.as_ref().unchecked_ref();
                    let _ = tip.remove_event_listener_with_callback(event, function);
                }
            }
        });
    }
    {
        let state = state.clone();
        let (person, shadow) = (props.person.clone(), props.shadow.clone());
        let contact = contact.clone();
        use_effect_with(props.toggle, move |toggle| {
            if *toggle == 0 {
                return;
            }
            if state.0.open {
                state.dispatch(Action::Close);
                focus(export_button(&shadow));
            } else {
                let contact = contact.map(Box::new);
                open_panel(&state, Action::Open { contact }, &person, page);
            }
        });
    }
    // The button says whether the panel is open, and names it.
    {
        let shadow = props.shadow.clone();
        use_effect_with(state.0.open, move |open| {
            if let Some(button) = export_button(&shadow) {
                let _ = button.set_attribute("aria-expanded", &open.to_string());
                let _ = if *open {
                    button.set_attribute("aria-controls", PANEL_ID)
                } else {
                    button.remove_attribute("aria-controls")
                };
            }
        });
    }
    // The label is described by the card while the card is in the page (the content script
    // draws a new label when the badge changes).
    {
        let shadow = props.shadow.clone();
        use_effect_with((show_card, view.clone()), move |(shown, _)| {
            if let Some(label) = label(&shadow) {
                let _ = if *shown {
                    label.set_attribute("aria-describedby", HOVER_ID)
                } else {
                    label.remove_attribute("aria-describedby")
                };
            }
        });
    }
    // The worker's view of exporting, again whenever the badge settles on a new state while
    // the panel is open.
    {
        let dispatch = state.dispatcher();
        let open = state.0.open;
        let settled = (view.state != BadgeState::Checking).then_some(view.state);
        let deps = (props.person.clone(), page, settled);
        use_effect_with(deps, move |(person, page, settled)| {
            if open && settled.is_some() && page_block(page).is_none() {
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
        let shadow = props.shadow.clone();
        use_effect_with(state.0.progress(), move |_| {
            if let Some(button) = confirm_button.cast::<HtmlElement>() {
                let _ = button.focus();
            } else if let Some(area) = run_area.cast::<HtmlElement>() {
                // Export disables itself while the export runs, and the focus it held would drop
                // to the page's body: Tab would start over at the top and Escape would no longer
                // close the panel (found by the keyboard-only test, issue #21).
                if focus_dropped(&shadow) {
                    let _ = area.focus();
                }
                let options = ScrollIntoViewOptions::new();
                options.set_block(ScrollLogicalPosition::Nearest);
                area.scroll_into_view_with_scroll_into_view_options(&options);
            }
        });
    }
    // After a link answer, focus goes back to the badge: the buttons pressed are gone.
    {
        let shadow = props.shadow.clone();
        let answered = answered.clone();
        use_effect_with(*linking, move |busy| {
            if !busy && *answered.borrow() {
                focus(label(&shadow));
            }
        });
    }
    // Escape closes the card, pressed in the badge (focus returns to the label) or anywhere
    // else in the page (keys inside our shadow root never reach the document: the host stops
    // them).
    {
        let (tip, shadow) = (props.tip.clone(), props.shadow.clone());
        let card_on = card_on.clone();
        use_effect_with(*card_on, move |on| {
            let document = web_sys::window().and_then(|w| w.document()).filter(|_| *on);
            let listeners = document.map(|document| {
                let page = escape_listener(&document, card_on.clone(), None);
                let inside = escape_listener(&tip, card_on, Some(shadow));
                (document, tip, page, inside)
            });
            move || {
                if let Some((document, tip, page, inside)) = listeners {
                    let _ = document.remove_event_listener_with_callback(
                        "keydown",
                        page.as_ref().unchecked_ref(),
                    );
                    let _ = tip.remove_event_listener_with_callback(
                        "keydown",
                        inside.as_ref().unchecked_ref(),
                    );
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
            let linking = linking.clone();
            let (person, hooks) = (props.person.clone(), props.hooks.clone());
            let dispatch = state.dispatcher();
            Callback::from(move |(contact_id, same): (i64, bool)| {
                if !same {
                    dispatch.dispatch(Action::Unpick { contact_id });
                }
                linking.set(true);
                let (linking, hooks, answered) = (linking.clone(), hooks.clone(), answered.clone());
                let done = Callback::from(move |now: BadgeView| {
                    *answered.borrow_mut() = true;
                    hooks.view(&now);
                    linking.set(false);
                });
                flow::link(person.clone(), contact_id, same, done);
            })
        },
        busy: *linking,
        can_pick: page_block(&page).is_none(),
    };
    let handlers = Handlers {
        close: {
            let dispatch = state.dispatcher();
            let shadow = props.shadow.clone();
            Callback::from(move |()| {
                dispatch.dispatch(Action::Close);
                focus(export_button(&shadow));
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
                let Some(export) = export.clone().filter(|_| allowed) else {
                    return;
                };
                state.dispatch(if confirm {
                    Action::Confirm
                } else {
                    Action::Start
                });
                let choices = state.0.choices(confirm);
                flow::start(state.dispatcher(), flow::Export { choices, ..export });
            })
        },
        cancel_confirm: state
            .dispatcher()
            .to_callback()
            .reform(|()| Action::CancelConfirm),
        assign: {
            let state = state.clone();
            let contact = contact.clone();
            let hooks = props.hooks.clone();
            Callback::from(move |()| {
                let Some(contact) = contact.as_ref().filter(|c| state.0.can_assign(Some(c))) else {
                    return;
                };
                state.dispatch(Action::AssignStart);
                let choices = state.0.choices(false);
                let hooks = hooks.clone();
                let saved = Callback::from(move |()| hooks.changed());
                flow::assign(state.dispatcher(), contact.id, choices, saved);
            })
        },
    };

    let card = if show_card {
        hover_card(view, &actions)
    } else {
        Html::default()
    };
    html! {
        <>
            { create_portal(card, props.card_host.clone()) }
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
        </>
    }
}

/// The export's fixed part: who, and what to do once the CRM has them. `None` without a
/// profile key (a search card or an unreadable page never exports).
fn export_of(props: &CardProps) -> Option<flow::Export> {
    let hooks = props.hooks.clone();
    Some(flow::Export {
        key: props.person.key.clone()?,
        person: props.person.clone(),
        page: props.page,
        choices: Default::default(),
        on_saved: Callback::from(move |()| hooks.changed()),
    })
}
