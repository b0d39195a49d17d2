//! The core's export panel state behind Yew's reducer hook.

use std::rc::Rc;
use talent_bridge::export_ui::{Action, ExportPanel};
use yew::Reducible;

/// [`ExportPanel`] as a Yew reducer (the orphan rule keeps the impl off the core type).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PanelState(pub ExportPanel);

impl Reducible for PanelState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.0.apply(action);
        Rc::new(next)
    }
}

pub type Dispatch = yew::UseReducerDispatcher<PanelState>;
