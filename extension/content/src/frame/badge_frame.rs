//! One person's badge frame: the same badge, Export to CRM button, hover card and export panel
//! as in the page (`BadgeMount`, the UI module), for whom the reader's plan said; sized to what
//! it shows (`fit`).

use super::fit::Fit;
use super::port::Port;
use super::site::{Hub, SiteHub};
use crate::badge::element;
use crate::mount::{BadgeMount, MountArgs};
use crate::reply::Badge;
use crate::shown::look_up;
use std::cell::RefCell;
use std::rc::Rc;
use talent_bridge::badge_plan::BadgeKind;
use talent_bridge::protocol::BadgeState;
use talent_bridge::protocol::frame::{BadgeInit, FromBadge, ToBadge};
use web_sys::{KeyboardEvent, KeyboardEventInit};

type Slot = Rc<RefCell<Option<BadgeMount>>>;

struct BadgeFrame {
    port: Port,
    hub: Rc<Hub>,
    mount: Slot,
    fit: RefCell<Option<Fit>>,
}

/// Starts the frame; returns what its UI module asks the site through.
pub fn start(port: Port) -> SiteHub {
    let asks = port.clone();
    let hub = Hub::new(move |re, ask| asks.send(&FromBadge::Ask { re, ask }));
    let frame = Rc::new(BadgeFrame {
        port: port.clone(),
        hub: hub.clone(),
        mount: Rc::new(RefCell::new(None)),
        fit: RefCell::new(None),
    });
    let closed = hub.clone();
    port.on_close(move || closed.closed());
    // The listener keeps the frame for its life.
    port.listen(move |msg: ToBadge| heard(&frame, msg));
    SiteHub::new(hub)
}

fn heard(frame: &BadgeFrame, msg: ToBadge) {
    match msg {
        ToBadge::Init {
            init,
            width,
            height,
        } => {
            if frame.mount.borrow().is_none()
                && let Some(fit) = mount(frame, init)
            {
                fit.viewport(width, height);
                *frame.fit.borrow_mut() = Some(fit);
            }
        }
        ToBadge::Viewport { width, height } => {
            if let Some(fit) = frame.fit.borrow().as_ref() {
                fit.viewport(width, height);
            }
        }
        ToBadge::Show { badge } => {
            let view = js_sys::JSON::parse(&badge.0).ok().and_then(Badge::read);
            if let (Some(view), Some(mount)) = (view, frame.mount.borrow_mut().as_mut()) {
                mount.show(view);
            }
        }
        ToBadge::Page { page } => {
            if let Some(mount) = frame.mount.borrow_mut().as_mut() {
                mount.set_page(page);
            }
        }
        ToBadge::Event { event } => {
            if let Ok(event) = js_sys::JSON::parse(&event.0) {
                frame.hub.event(&event);
            }
        }
        ToBadge::PointerLeft => {
            if let Some(fit) = frame.fit.borrow().as_ref() {
                fit.pointer_left();
            }
        }
        // Pressed in the page, which this frame's document does not hear.
        ToBadge::Escape => {
            if frame.mount.borrow().is_some() {
                escape();
            }
        }
        ToBadge::PointerOver => {
            if let (Some(mount), Some(fit)) =
                (frame.mount.borrow().as_ref(), frame.fit.borrow().as_ref())
            {
                fit.pointer_over();
                mount.arm();
            }
        }
        ToBadge::Focus => {
            if let Some(mount) = frame.mount.borrow().as_ref() {
                mount.focus();
                mount.arm();
            }
        }
        ToBadge::Answer { re, answer } => frame.hub.answer(re, &answer),
    }
}

/// The badge, beside an empty anchor as it goes beside the name in the page.
fn mount(frame: &BadgeFrame, init: BadgeInit) -> Option<Fit> {
    let document = web_sys::window()?.document()?;
    let anchor = element(&document, "span", &[("class", "anchor")], None)?;
    document.body()?.append_child(&anchor).ok()?;
    let relookup = {
        let weak = Rc::downgrade(&frame.mount);
        let person = init.person.clone();
        let search = init.kind == BadgeKind::Card;
        Rc::new(move || {
            let weak = weak.clone();
            let person = person.clone();
            if let Some(m) = weak.upgrade()
                && let Some(m) = m.borrow_mut().as_mut()
            {
                m.show(Badge::bare(BadgeState::Checking));
            }
            wasm_bindgen_futures::spawn_local(async move {
                let view = look_up(vec![person], true, search)
                    .await
                    .and_then(|views| views.into_iter().next());
                if let (Some(m), Some(view)) = (weak.upgrade(), view)
                    && let Some(m) = m.borrow_mut().as_mut()
                {
                    m.show(view);
                }
            });
        }) as Rc<dyn Fn()>
    };
    let args = MountArgs {
        person: init.person,
        page: init.page,
        export: init.kind == BadgeKind::Profile,
        first: Badge::bare(init.kind.first_state()),
        relookup,
        // Frame mode dims nothing (PRODUCT.md Q3: page mode only).
        cover: None,
    };
    let badge = BadgeMount::attach(&document, &anchor, args)?;
    let shadow = badge.shadow();
    *frame.mount.borrow_mut() = Some(badge);
    Fit::new(frame.port.clone(), &document, shadow)
}

/// Escape, as if pressed in this frame: an open hover card closes.
fn escape() {
    let init = KeyboardEventInit::new();
    init.set_key("Escape");
    init.set_bubbles(true);
    let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init);
    if let (Ok(event), Some(document)) = (event, web_sys::window().and_then(|w| w.document())) {
        let _ = document.dispatch_event(&event);
    }
}
