//! The read pacing of frame mode's two readers of page copies, the tab's hidden reader and the
//! side panel: the core's `ReadPacer`, with one timer per burst that asks it again when it fires.
//! A `Due::Look` is a reading here: looking at a copy costs the copy, as reading it does.

use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::Rc;
use talent_bridge::badge_plan::{Due, ReadPacer};

/// A reader of page copies, as its pacing needs it.
pub trait Paced: 'static {
    fn pacer(&mut self) -> &mut ReadPacer;
    /// The last reading found the page right (`ShownBadges::settled`).
    fn settled(&self) -> bool;
    /// The timer of the reading to come.
    fn pending(&mut self) -> &mut Option<Timeout>;
    /// Asks for a copy of the page now.
    fn ask(shared: &Rc<RefCell<Self>>);
}

/// The page changed: one reading when the core's pacer says (a timer already set stays).
pub fn schedule<T: Paced>(shared: &Rc<RefCell<T>>) {
    let wait = {
        let mut reader = shared.borrow_mut();
        let settled = reader.settled();
        reader.pacer().changed(js_sys::Date::now(), settled)
    };
    if let Some(ms) = wait {
        arm(shared, ms);
    }
}

/// Asks the pacer after `ms` whether to read or wait on.
fn arm<T: Paced>(shared: &Rc<RefCell<T>>, ms: u32) {
    let weak = Rc::downgrade(shared);
    let timeout = Timeout::new(ms, move || {
        let Some(shared) = weak.upgrade() else { return };
        let due = shared.borrow_mut().pacer().due(js_sys::Date::now());
        match due {
            Due::Wait(ms) => arm(&shared, ms),
            Due::Read | Due::Look => T::ask(&shared),
        }
    });
    *shared.borrow_mut().pending() = Some(timeout);
}
