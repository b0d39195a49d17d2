//! The toolbar popup: connection status and the way to settings.

use crate::worker::{ask, open_options_page};
use talent_bridge::protocol::{PageRequest, Status};
use talent_bridge_web::{t, t_with};
use yew::prelude::*;

#[function_component]
pub fn Popup() -> Html {
    let status = use_state(|| None::<Result<Status, String>>);
    {
        let status = status.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                status.set(Some(ask(PageRequest::GetStatus).await));
            });
        });
    }
    let line = match &*status {
        None => t("badgeChecking"),
        Some(Err(reason)) => reason.clone(),
        Some(Ok(s)) => status_line(s),
    };
    html! {
        <main>
            <h1>{ t("popupTitle") }</h1>
            <p data-tb="popup-status" role="status">{ line }</p>
            <button type="button" data-tb="popup-options" onclick={Callback::from(|_| open_options_page())}>
                { t("popupOpenOptions") }
            </button>
        </main>
    }
}

pub fn status_line(s: &Status) -> String {
    match (&s.crm_url, &s.user_name) {
        (None, _) => t("popupNotConfigured"),
        (Some(url), Some(name)) => t_with("popupConnectedAs", &[url, name]),
        (Some(_), None) => t("popupTokenRejected"),
    }
}
