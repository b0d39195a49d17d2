//! A badge frame's size, for the content script to size the frame to (`FromBadge::Size`): the
//! badge row (what the page makes room for) and everything shown (the hover card and the export
//! panel, drawn over the page). Pointer events over the frame go to the frame, which keeps
//! `:hover` until its own next pointer event: the page's side says when the pointer left, and
//! the elements it comes back to get the `mouseenter` the browser no longer sends them.

use super::port::Port;
use crate::badge::element;
use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use talent_bridge::protocol::frame::{FromBadge, MAX_FRAME_PX};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{
    Document, Element, Event, MouseEvent, MutationObserver, MutationObserverInit, ResizeObserver,
    ShadowRoot,
};

/// Marks the badge's host while the pointer is over this frame.
const POINTER_ATTR: &str = "data-pointer";
/// Marks the badge's host from the page's word that the pointer came over the badge's look
/// (this frame was made under it and has had no pointer event) until it says the pointer left:
/// the card shows as on a hover.
const OVER_ATTR: &str = "data-over";
/// What may change the badge's size, heard inside its root.
const CHANGES: [&str; 6] = [
    "mouseover",
    "mouseout",
    "focusin",
    "focusout",
    "transitionend",
    "transitionrun",
];

pub struct Fit(Rc<Inner>);

struct Inner {
    port: Port,
    document: Document,
    shadow: ShadowRoot,
    host: Element,
    /// The card's and the panel's limits, from the page's viewport.
    style: Element,
    state: RefCell<State>,
    kept: RefCell<Kept>,
}

#[derive(Default)]
struct State {
    /// The last size sent.
    last: Option<([u32; 2], [u32; 2])>,
    /// A measure to come.
    queued: Option<Timeout>,
    /// The page said the pointer left; it has not come back yet.
    gone: bool,
}

/// What must live as long as the frame: listeners and observers.
#[derive(Default)]
struct Kept {
    _closures: Vec<Closure<dyn FnMut(Event)>>,
    _soon: Option<Closure<dyn FnMut()>>,
    _observers: Option<(MutationObserver, ResizeObserver)>,
}

impl Fit {
    pub fn new(port: Port, document: &Document, shadow: ShadowRoot) -> Option<Self> {
        let style = element(document, "style", &[], None)?;
        shadow.append_child(&style).ok()?;
        let inner = Rc::new(Inner {
            port,
            document: document.clone(),
            host: shadow.host(),
            shadow,
            style,
            state: RefCell::new(State::default()),
            kept: RefCell::new(Kept::default()),
        });
        listen(&inner)?;
        soon(&inner);
        Some(Self(inner))
    }

    /// The page's viewport: the card and the panel are sized to it, not to this frame (sized to
    /// them, it could keep them squeezed for good: issue #13's "never on top").
    pub fn viewport(&self, width: u32, height: u32) {
        let width = width.saturating_sub(16).max(200);
        let part = |share: f64| ((f64::from(height) * share).round() as u32).max(120);
        self.0.style.set_text_content(Some(&format!(
            ".hover, .panel {{ max-width: {width}px !important; }}\n\
             .box {{ max-height: {}px !important; }}\n\
             .panel {{ max-height: {}px !important; }}\n\
             :host(:not([{POINTER_ATTR}])) .tip:hover:not(:focus-within) .hover {{ visibility: hidden; }}\n\
             :host([{OVER_ATTR}]) .hover {{ visibility: visible; transition-delay: 0s; }}",
            part(0.6),
            part(0.7),
        )));
        soon(&self.0);
    }

    /// The pointer is over the badge, as the page saw it.
    pub fn pointer_over(&self) {
        let _ = self.0.host.set_attribute(POINTER_ATTR, "");
        let _ = self.0.host.set_attribute(OVER_ATTR, "");
        soon(&self.0);
    }

    /// The pointer went back to the page: what it was over is left.
    pub fn pointer_left(&self) {
        let inner = &self.0;
        let _ = inner.host.remove_attribute(POINTER_ATTR);
        let _ = inner.host.remove_attribute(OVER_ATTR);
        inner.state.borrow_mut().gone = true;
        for el in all(&inner.shadow, ":hover") {
            if let Ok(leave) = MouseEvent::new("mouseleave") {
                let _ = el.dispatch_event(&leave);
            }
        }
        soon(inner);
    }
}

fn all(root: &ShadowRoot, selector: &str) -> Vec<Element> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}

fn listen(inner: &Rc<Inner>) -> Option<()> {
    let weak = Rc::downgrade(inner);
    let on = |f: fn(&Rc<Inner>, &Event), weak: &Weak<Inner>| {
        let weak = weak.clone();
        Closure::<dyn FnMut(Event)>::new(move |event: Event| {
            if let Some(inner) = weak.upgrade() {
                f(&inner, &event);
            }
        })
    };
    let back = on(back, &weak);
    let left = on(
        |inner, _| {
            let _ = inner.host.remove_attribute(POINTER_ATTR);
            let _ = inner.host.remove_attribute(OVER_ATTR);
        },
        &weak,
    );
    let changed = on(|inner, _| soon(inner), &weak);
    let soon_cb = {
        let weak = weak.clone();
        Closure::<dyn FnMut()>::new(move || {
            if let Some(inner) = weak.upgrade() {
                soon(&inner);
            }
        })
    };
    let document = &inner.document;
    // Coming back over the element it "never left", the pointer makes no `mouseover`: a move.
    for event in ["mouseover", "mousemove"] {
        document
            .add_event_listener_with_callback_and_bool(event, back.as_ref().unchecked_ref(), true)
            .ok()?;
    }
    document
        .document_element()?
        .add_event_listener_with_callback("mouseleave", left.as_ref().unchecked_ref())
        .ok()?;
    for event in CHANGES {
        inner
            .shadow
            .add_event_listener_with_callback_and_bool(
                event,
                changed.as_ref().unchecked_ref(),
                true,
            )
            .ok()?;
    }
    // A panel laid out in a smaller frame is narrower than it will be: measure again once the
    // content script has resized this frame (issue #13).
    web_sys::window()?
        .add_event_listener_with_callback("resize", changed.as_ref().unchecked_ref())
        .ok()?;
    document
        .add_event_listener_with_callback_and_bool("scroll", changed.as_ref().unchecked_ref(), true)
        .ok()?;
    let mutations = MutationObserver::new(soon_cb.as_ref().unchecked_ref()).ok()?;
    let options = MutationObserverInit::new();
    options.set_subtree(true);
    options.set_child_list(true);
    options.set_attributes(true);
    options.set_character_data(true);
    mutations
        .observe_with_options(&inner.shadow, &options)
        .ok()?;
    let resizes = ResizeObserver::new(soon_cb.as_ref().unchecked_ref()).ok()?;
    resizes.observe(&inner.host);
    *inner.kept.borrow_mut() = Kept {
        _closures: vec![back, left, changed],
        _soon: Some(soon_cb),
        _observers: Some((mutations, resizes)),
    };
    Some(())
}

/// The pointer is over this frame again.
fn back(inner: &Rc<Inner>, event: &Event) {
    if inner.host.has_attribute(POINTER_ATTR) {
        return;
    }
    let _ = inner.host.set_attribute(POINTER_ATTR, "");
    inner.port.send(&FromBadge::PointerIn);
    let gone = std::mem::take(&mut inner.state.borrow_mut().gone);
    if gone {
        // The frame's idea of what the pointer is over outlived the pointer: the elements it
        // enters get their `mouseenter` now.
        for target in event.composed_path().iter() {
            if let Ok(el) = target.dyn_into::<Element>()
                && inner.shadow.contains(Some(&el))
                && let Ok(enter) = MouseEvent::new("mouseenter")
            {
                let _ = el.dispatch_event(&enter);
            }
        }
    }
}

/// Measures once the current changes are done. A timer, not an animation frame: Chromium may
/// stop rendering a cross-origin frame that has no area, and this one has none until sized.
fn soon(inner: &Rc<Inner>) {
    if inner.state.borrow().queued.is_some() {
        return;
    }
    let weak = Rc::downgrade(inner);
    let timer = Timeout::new(0, move || {
        if let Some(inner) = weak.upgrade() {
            inner.state.borrow_mut().queued = None;
            measure(&inner);
        }
    });
    inner.state.borrow_mut().queued = Some(timer);
}

fn measure(inner: &Inner) {
    let Some(row) = inner.shadow.query_selector(".row").ok().flatten() else {
        return;
    };
    // Focus in the panel (its search box) scrolls this document while the frame is still
    // smaller than the panel; a row measured scrolled out of view had a negative size, and the
    // frame never grew to the panel (issue #13). Nothing here is meant to scroll.
    let document = &inner.document;
    let scrolled = [
        document.scrolling_element(),
        document.document_element(),
        document.body().map(Into::into),
    ];
    for el in scrolled.into_iter().flatten() {
        if el.scroll_top() != 0 || el.scroll_left() != 0 {
            el.scroll_to_with_x_and_y(0.0, 0.0);
        }
    }
    let window = web_sys::window();
    let hidden = |el: &Element| {
        window
            .as_ref()
            .and_then(|w| w.get_computed_style(el).ok().flatten())
            .and_then(|style| style.get_property_value("visibility").ok())
            .is_some_and(|v| v == "hidden")
    };
    let r = row.get_bounding_client_rect();
    let (mut width, mut height) = (r.right(), r.bottom());
    for el in all(&inner.shadow, "*") {
        let b = el.get_bounding_client_rect();
        if b.width() == 0.0 || b.height() == 0.0 || hidden(&el) {
            continue;
        }
        width = width.max(b.right());
        height = height.max(b.bottom());
    }
    // Whole pixels within bounds (`as` saturates: a negative or NaN size is 0).
    let px = |v: f64| (v.ceil() as u32).min(MAX_FRAME_PX);
    let row = [px(r.right()), px(r.bottom())];
    let all = [px(width).max(row[0]), px(height).max(row[1])];
    let mut state = inner.state.borrow_mut();
    if state.last != Some((row, all)) {
        state.last = Some((row, all));
        inner.port.send(&FromBadge::Size { row, all });
    }
}
