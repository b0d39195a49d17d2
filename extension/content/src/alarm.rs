//! A timer set again and again with one callback made once (issue #20: while a page churns, the
//! re-read timer is set every burst; a `gloo` `Timeout` makes, registers and frees a new closure
//! each time, which was a third of what 1,000 DOM mutations cost the page).

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::Window;

pub struct Alarm {
    window: Window,
    callback: Closure<dyn FnMut()>,
    /// The browser's id of the timer last set; clearing one that already fired does nothing.
    id: Option<i32>,
}

impl Alarm {
    pub fn new(window: Window, callback: impl FnMut() + 'static) -> Self {
        Alarm {
            window,
            callback: Closure::new(callback),
            id: None,
        }
    }

    /// Calls the callback in `ms`, instead of when it was set to.
    pub fn set(&mut self, ms: u32) {
        self.clear();
        self.id = self
            .window
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                self.callback.as_ref().unchecked_ref(),
                i32::try_from(ms).unwrap_or(i32::MAX),
            )
            .ok();
    }

    /// Calls the callback not at all.
    pub fn clear(&mut self) {
        if let Some(id) = self.id.take() {
            self.window.clear_timeout_with_handle(id);
        }
    }
}

impl Drop for Alarm {
    fn drop(&mut self) {
        self.clear();
    }
}
