//! Where a badge lives in the page: a host element beside the name, with a shadow root (styles
//! isolated both ways) holding the badge and, on profile pages, the Export to CRM button with
//! its reason. The hover card and the export panel are the UI module's: it is loaded on the
//! first hover, focus or click, and mounted into the same shadow root (`ui`).
//!
//! The site's scripts are not on our side (PRODUCT.md S5, issue #16). The root is closed and
//! its only reference stays in this module and the UI module (the content script's isolated
//! world): the page gets `null` for `host.shadowRoot`, and the host carries nothing of the
//! CRM's answer (`data-state` is on the badge inside). Every handler acts on the user's input
//! only ([`by_user`]). The hover card and the panel are not put in extension frames in page
//! mode: behind a closed root and trusted-input checks the page reads and drives nothing of
//! them, and a frame per badge costs what frame mode costs (README, "Performance").

use crate::badge::{self, STYLE, element};
use crate::cover::Cover;
use crate::reply::{self, Badge};
use crate::ui::{self, Extras};
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use talent_bridge::badge::has_hover_card;
use talent_bridge::badge_plan::DimInCrm;
use talent_bridge::export_ui::{Context, button_view, page_block};
use talent_bridge::protocol::{BadgeState, ContentRequest, PageFacts, PersonQuery};
use talent_bridge_web::{by_user, lang, request_msg, say, t, to_js};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, Event, ShadowRoot, ShadowRootInit, ShadowRootMode};

/// The attribute that marks our host elements, so we can find (and never read) them. Its value
/// is always `badge`: the host shows the page nothing of the CRM's answer.
pub const HOST_ATTR: &str = "data-talent-bridge";
/// The export button's reason, which describes it.
const REASON_ID: &str = "tb-export-reason";

/// Events from inside the badge are ours: the site's single-page router and keyboard shortcuts
/// must not see them (typing in the panel's search box is not a shortcut for the site).
const OURS: &[&str] = &["click", "keydown", "keyup", "keypress"];
/// What shows the hover card, until the UI module is mounted and hears them itself.
const ARMS: &[&str] = &["mouseenter", "click", "focusin"];

/// Who the badge is for and what it may offer.
pub struct MountArgs {
    pub person: PersonQuery,
    pub page: PageFacts,
    /// The Export to CRM button (profile pages; not search results, not "Can't read").
    pub export: bool,
    /// What the badge shows as it goes in: its answer, or what it shows until one comes
    /// (`BadgeKind::first_state`).
    pub first: Badge,
    /// Look the person up again, past the worker's cache.
    pub relookup: Rc<dyn Fn()>,
    /// The search result card to lay the dimming layer over, and the user's choice (Q3).
    pub cover: Option<(Element, DimInCrm)>,
}

pub struct BadgeMount(Rc<RefCell<Inner>>);

struct Inner {
    document: Document,
    host: Element,
    shadow: ShadowRoot,
    tip: Element,
    region: Element,
    export: Option<ExportButton>,
    cover: Option<Cover>,
    badge: Badge,
    person: PersonQuery,
    page: PageFacts,
    relookup: Rc<dyn Fn()>,
    extras: UiPart,
    /// The settled state the export context was last asked for.
    context_for: Option<(BadgeState, PageFacts)>,
    _events: Vec<Closure<dyn Fn(Event)>>,
    hooks: Option<(JsValue, [Hook; 2])>,
    /// The hover card is pinned open (the side panel).
    #[cfg(feature = "frame")]
    pinned: bool,
}

struct ExportButton {
    button: Element,
    reason: Option<Element>,
    context: Context,
}

/// The UI module's part of this badge.
enum UiPart {
    None,
    Loading(Vec<Command>),
    Ready(Extras),
}

/// A function the UI module may call (see [`hooks`]).
type Hook = Closure<dyn Fn(JsValue)>;

#[derive(Clone, Copy)]
enum Command {
    ArmCard,
    TogglePanel,
}

impl BadgeMount {
    /// Puts a badge beside `anchor`. The host goes after the link that wraps the name, if any:
    /// inside it, a click on the badge would also follow the site's link. It goes in whole: built
    /// and drawn first, so the page's document takes one element, not each part (issue #20).
    pub fn attach(document: &Document, anchor: &Element, args: MountArgs) -> Option<Self> {
        let host = element(document, "span", &[(HOST_ATTR, "badge")], None)?;
        let shadow = host
            .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Closed))
            .ok()?;
        let style = element(document, "style", &[], Some(STYLE))?;
        shadow.append_child(&style).ok()?;
        let cover = match args.cover {
            Some((card, rule)) => {
                let layer = element(
                    document,
                    "span",
                    &[("class", "cover"), ("data-tb", "cover")],
                    None,
                )?;
                shadow.append_child(&layer).ok()?;
                Some(Cover::over(&card, &host, layer, rule)?)
            }
            None => None,
        };
        let (row, tip, region) = row(document)?;
        shadow.append_child(&row).ok()?;
        let export = if args.export {
            let attrs = [
                ("type", "button"),
                ("class", "export"),
                ("data-tb", "export"),
                ("aria-haspopup", "dialog"),
                ("aria-expanded", "false"),
                ("disabled", ""),
            ];
            let button = element(document, "button", &attrs, Some(&t("exportButton")))?;
            row.append_child(&button).ok()?;
            Some(ExportButton {
                button,
                reason: None,
                context: Context::Loading,
            })
        } else {
            None
        };
        let badge = args.first;
        badge::draw(document, &region, &badge)?;
        if let Some(cover) = &cover {
            cover.show(badge.state);
        }
        let inner = Rc::new(RefCell::new(Inner {
            document: document.clone(),
            host,
            shadow,
            tip,
            region,
            export,
            cover,
            badge,
            person: args.person,
            page: args.page,
            relookup: args.relookup,
            extras: UiPart::None,
            context_for: None,
            _events: Vec::new(),
            hooks: None,
            #[cfg(feature = "frame")]
            pinned: false,
        }));
        listen(&inner)?;
        let mount = Self(inner);
        mount.draw_button();
        let place = link_around(anchor).unwrap_or_else(|| anchor.clone());
        place.after_with_node_1(&mount.host()).ok()?;
        // A badge that goes in with its answer asks at once what blocks an export.
        settle(&mount.0);
        Some(mount)
    }

    /// Moves keyboard focus to the badge's label (frame mode: the user focused its look).
    #[cfg(feature = "frame")]
    pub fn focus(&self) {
        badge::focus_label(&self.0.borrow().region);
    }

    /// Shows what the worker said (or `checking`), and tells the UI module.
    pub fn show(&mut self, badge: Badge) {
        show(&self.0, badge);
    }

    /// The site renders the card's controls late: what the page offers may change.
    pub fn set_page(&mut self, page: PageFacts) {
        if self.0.borrow().page == page {
            return;
        }
        self.0.borrow_mut().page = page;
        self.draw_button();
        settle(&self.0);
        tell_extras(&self.0);
    }

    fn draw_button(&self) {
        draw_button(&mut self.0.borrow_mut());
    }

    /// The badge's closed root, for `frame.js` in a badge frame (an extension page the site
    /// cannot read), which sizes the frame to what the root shows.
    #[cfg(feature = "frame")]
    pub fn shadow(&self) -> ShadowRoot {
        self.0.borrow().shadow.clone()
    }

    /// Loads the hover card, as a hover or focus does (frame mode: the user reached for its
    /// look, which this badge replaced).
    #[cfg(feature = "frame")]
    pub fn arm(&self) {
        command(&Rc::downgrade(&self.0), Command::ArmCard);
    }

    /// Pins the hover card open beside the badge, whenever there is one to show (the side
    /// panel, where there is no page to cover).
    #[cfg(feature = "frame")]
    pub fn pin(&mut self) {
        {
            let mut i = self.0.borrow_mut();
            i.pinned = true;
            let _ = i.tip.set_attribute("class", "tip pinned");
        }
        command(&Rc::downgrade(&self.0), Command::ArmCard);
    }

    /// Whom the badge is for.
    pub fn person(&self) -> PersonQuery {
        self.0.borrow().person.clone()
    }

    /// The badge's host element (the one the page holds).
    pub fn host(&self) -> Element {
        self.0.borrow().host.clone()
    }

    /// Still in the page (the site's router may have thrown the top card away).
    pub fn is_attached(&self) -> bool {
        self.0.borrow().host.is_connected()
    }

    pub fn remove(&self) {
        let mut inner = self.0.borrow_mut();
        if let UiPart::Ready(extras) = std::mem::replace(&mut inner.extras, UiPart::None) {
            extras.destroy();
        }
        inner.cover = None;
        inner.host.remove();
    }
}

/// The badge row: the row, the part the hover card hangs off (`tip`), and the badge in it.
fn row(document: &Document) -> Option<(Element, Element, Element)> {
    // Our words' language, inside the closed root: on the host the page would read it.
    let lang = lang();
    let row = element(document, "span", &[("class", "row"), ("lang", &lang)], None)?;
    let tip = element(document, "span", &[("class", "tip")], None)?;
    row.append_child(&tip).ok()?;
    let region_label = t("badgeRegion");
    let attrs = [
        ("class", "badge"),
        ("data-tb", "badge"),
        ("role", "group"),
        ("aria-label", region_label.as_str()),
        ("tabindex", "-1"),
    ];
    let region = element(document, "span", &attrs, None)?;
    tip.append_child(&region).ok()?;
    Some((row, tip, region))
}

/// A badge row without its controls' handlers, showing `badge`: frame mode's look of a badge
/// whose frame is made when the user reaches for it (`frame/look.rs`).
#[cfg(feature = "frame")]
pub fn look(document: &Document, badge: &Badge) -> Option<Element> {
    let (row, _, region) = row(document)?;
    badge::draw(document, &region, badge)?;
    Some(row)
}

fn show(inner: &Rc<RefCell<Inner>>, badge: Badge) {
    {
        let mut i = inner.borrow_mut();
        if i.badge != badge {
            // Keyboard focus on the badge stays on the badge when it is drawn anew.
            let focused = i
                .shadow
                .active_element()
                .is_some_and(|active| i.region.contains(Some(&active)));
            let _ = badge::draw(&i.document, &i.region, &badge);
            if focused {
                badge::focus_label(&i.region);
            }
            if let Some(cover) = &i.cover {
                cover.show(badge.state);
            }
        }
        i.badge = badge;
    }
    settle(inner);
    tell_extras(inner);
    #[cfg(feature = "frame")]
    if inner.borrow().pinned {
        command(&Rc::downgrade(inner), Command::ArmCard);
    }
}

/// Asks the worker what blocks an export, whenever the badge settles on a new state or the
/// page offers something else.
fn settle(inner: &Rc<RefCell<Inner>>) {
    let ask = {
        let mut i = inner.borrow_mut();
        let state = i.badge.state;
        let key = (state, i.page);
        let wanted = i.export.is_some()
            && state != BadgeState::Checking
            && page_block(&i.page).is_none()
            && i.context_for != Some(key);
        if wanted {
            i.context_for = Some(key);
        }
        wanted.then(|| (i.person.clone(), i.page))
    };
    if let Some((person, page)) = ask {
        load_context(inner, person, page);
    }
}

fn load_context(inner: &Rc<RefCell<Inner>>, person: PersonQuery, page: PageFacts) {
    let weak = Rc::downgrade(inner);
    wasm_bindgen_futures::spawn_local(async move {
        let context = match request_msg(ContentRequest::ExportContext { person, page }).await {
            Ok(msg) => reply::context(&msg, || t("errorInternal")),
            Err(_) => Context::Unavailable(t("errorExtensionReloaded")),
        };
        let Some(inner) = weak.upgrade() else { return };
        let mut i = inner.borrow_mut();
        if let Some(export) = i.export.as_mut() {
            export.context = context;
        }
        draw_button(&mut i);
    });
}

/// The button, enabled or disabled with its reason beside it (PRODUCT.md E1).
fn draw_button(i: &mut Inner) {
    let Some(export) = i.export.as_mut() else {
        return;
    };
    let view = button_view(&i.page, &export.context);
    let button = &export.button;
    let _ = if view.shown {
        button.remove_attribute("hidden")
    } else {
        button.set_attribute("hidden", "")
    };
    let _ = if view.enabled {
        button.remove_attribute("disabled")
    } else {
        button.set_attribute("disabled", "")
    };
    match (view.reason.as_ref().map(say), export.reason.as_ref()) {
        (Some(text), Some(reason)) => reason.set_text_content(Some(&text)),
        (Some(text), None) => {
            let attrs = [
                ("id", REASON_ID),
                ("class", "reason"),
                ("data-tb", "export-reason"),
            ];
            if let Some(reason) = element(&i.document, "span", &attrs, Some(&text)) {
                let _ = button.after_with_node_1(&reason);
                let _ = button.set_attribute("aria-describedby", REASON_ID);
                export.reason = Some(reason);
            }
        }
        (None, Some(reason)) => {
            reason.remove();
            let _ = button.remove_attribute("aria-describedby");
            export.reason = None;
        }
        (None, None) => {}
    }
}

/// Hands the current badge and page to the UI module, if it is mounted.
fn tell_extras(inner: &Rc<RefCell<Inner>>) {
    let (extras, raw, page) = {
        let i = inner.borrow();
        match &i.extras {
            UiPart::Ready(extras) => (extras.clone(), i.badge.raw.clone(), i.page),
            _ => return,
        }
    };
    if let Some(page) = to_js(&page) {
        extras.update(&raw, &page);
    }
}

fn listen(inner: &Rc<RefCell<Inner>>) -> Option<()> {
    let weak = Rc::downgrade(inner);
    let stop = Closure::<dyn Fn(Event)>::new(|e: Event| e.stop_propagation());
    let user = |weak: Weak<RefCell<Inner>>, run: fn(&Weak<RefCell<Inner>>, &Event)| {
        Closure::<dyn Fn(Event)>::new(move |e: Event| {
            if by_user(&e) {
                run(&weak, &e);
            }
        })
    };
    let arm = user(weak.clone(), |weak, _| command(weak, Command::ArmCard));
    let toggle = user(weak.clone(), |weak, _| command(weak, Command::TogglePanel));
    let act = user(weak, act);
    let mut i = inner.borrow_mut();
    for event in OURS {
        i.host
            .add_event_listener_with_callback(event, stop.as_ref().unchecked_ref())
            .ok()?;
    }
    for event in ARMS {
        i.tip
            .add_event_listener_with_callback(event, arm.as_ref().unchecked_ref())
            .ok()?;
    }
    i.region
        .add_event_listener_with_callback("click", act.as_ref().unchecked_ref())
        .ok()?;
    if let Some(export) = i.export.as_ref() {
        export
            .button
            .add_event_listener_with_callback("click", toggle.as_ref().unchecked_ref())
            .ok()?;
    }
    i._events = vec![stop, arm, toggle, act];
    Some(())
}

/// A click on one of the badge's own controls: retry, or sign in from the options page.
fn act(weak: &Weak<RefCell<Inner>>, event: &Event) {
    let Some(inner) = weak.upgrade() else { return };
    let control = event
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|t| t.closest("[data-act]").ok().flatten())
        .and_then(|t| t.get_attribute("data-act"));
    match control.as_deref() {
        Some("retry") => {
            let relookup = inner.borrow().relookup.clone();
            relookup();
        }
        Some("options") => wasm_bindgen_futures::spawn_local(async {
            let _ = request_msg(ContentRequest::OpenOptions).await;
        }),
        _ => {}
    }
}

/// Runs `command` in the UI module, loading and mounting it first if need be.
fn command(weak: &Weak<RefCell<Inner>>, command: Command) {
    let Some(inner) = weak.upgrade() else { return };
    let ready = {
        let mut i = inner.borrow_mut();
        let no_card = !has_hover_card(i.badge.state, i.badge.contact.is_some());
        match &mut i.extras {
            // Once mounted, the UI module hears the badge's hovers and focuses itself.
            UiPart::Ready(_) if matches!(command, Command::ArmCard) => return,
            // A badge without a card ("Not in CRM", "Checking"…) loads nothing on hover.
            UiPart::None if matches!(command, Command::ArmCard) && no_card => return,
            UiPart::Ready(extras) => Some(extras.clone()),
            UiPart::Loading(queue) => {
                queue.push(command);
                return;
            }
            UiPart::None => {
                i.extras = UiPart::Loading(vec![command]);
                None
            }
        }
    };
    match ready {
        Some(extras) => run(&extras, command),
        None => load_extras(&inner),
    }
}

fn run(extras: &Extras, command: Command) {
    match command {
        Command::ArmCard => extras.arm_card(),
        Command::TogglePanel => extras.toggle_panel(),
    }
}

fn load_extras(inner: &Rc<RefCell<Inner>>) {
    let weak = Rc::downgrade(inner);
    wasm_bindgen_futures::spawn_local(async move {
        let module = ui::module().await;
        let Some(inner) = weak.upgrade() else { return };
        let mounted = module.and_then(|module| mount_extras(&inner, &module));
        let queue = {
            let mut i = inner.borrow_mut();
            let next = match &mounted {
                Some(extras) => UiPart::Ready(extras.clone()),
                // Tried again on the next hover or click.
                None => UiPart::None,
            };
            match std::mem::replace(&mut i.extras, next) {
                UiPart::Loading(queue) => queue,
                _ => Vec::new(),
            }
        };
        if let Some(extras) = mounted {
            for command in queue {
                run(&extras, command);
            }
        }
    });
}

fn mount_extras(inner: &Rc<RefCell<Inner>>, module: &ui::UiModule) -> Option<Extras> {
    let hooks = hooks(inner)?;
    let i = inner.borrow();
    let person = to_js(&i.person)?;
    let page = to_js(&i.page)?;
    module.mount(&i.shadow, &i.tip, &i.badge.raw, &person, &page, &hooks)
}

/// What the UI module may ask of the badge: `changed()` — the CRM's record changed (export
/// done, pools saved), look the person up again; `view(badge)` — the CRM answered "this is /
/// is not the person" with a new badge.
fn hooks(inner: &Rc<RefCell<Inner>>) -> Option<JsValue> {
    if let Some((hooks, _)) = &inner.borrow().hooks {
        return Some(hooks.clone());
    }
    let changed = {
        let weak = Rc::downgrade(inner);
        Closure::<dyn Fn(JsValue)>::new(move |_: JsValue| {
            let Some(inner) = weak.upgrade() else { return };
            let relookup = {
                let mut i = inner.borrow_mut();
                i.context_for = None;
                i.relookup.clone()
            };
            relookup();
        })
    };
    let view = {
        let weak = Rc::downgrade(inner);
        Closure::<dyn Fn(JsValue)>::new(move |raw: JsValue| {
            if let (Some(inner), Some(badge)) = (weak.upgrade(), Badge::read(raw)) {
                show(&inner, badge);
            }
        })
    };
    let hooks = js_sys::Object::new();
    js_sys::Reflect::set(&hooks, &"changed".into(), changed.as_ref()).ok()?;
    js_sys::Reflect::set(&hooks, &"view".into(), view.as_ref()).ok()?;
    #[cfg(feature = "frame")]
    js_sys::Reflect::set(&hooks, &"pinned".into(), &inner.borrow().pinned.into()).ok()?;
    let hooks: JsValue = hooks.into();
    inner.borrow_mut().hooks = Some((hooks.clone(), [changed, view]));
    Some(hooks)
}

/// The nearest `<a>` around the name, a few levels up at most.
pub(crate) fn link_around(anchor: &Element) -> Option<Element> {
    let mut node = anchor.parent_element();
    for _ in 0..4 {
        let current = node?;
        if current.tag_name().eq_ignore_ascii_case("a") {
            return Some(current);
        }
        node = current.parent_element();
    }
    None
}
