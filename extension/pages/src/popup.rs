//! The toolbar popup: connection status, this month's exports left (PRODUCT.md E6), the exports
//! waiting in the outbox with retry and discard (E7), and the way to settings.

use crate::outbox::OutboxList;
use crate::worker::{ask, current_window, open_options_page, open_side_panel};
use gloo::timers::callback::Interval;
use talent_bridge::export_ui::{quota_manual_text, quota_source_text, quota_text};
use talent_bridge::protocol::{PageRequest, Status};
use talent_bridge_web::{t, t_with};
use yew::prelude::*;

/// While the popup is open, the worker may finish or retry an export at any time.
const REFRESH_MS: u32 = 2_000;

#[function_component]
pub fn Popup() -> Html {
    let status = use_state(|| None::<Result<Status, String>>);
    // Bumped to make the outbox list ask again.
    let tick = use_state(|| 0_u32);
    {
        let (status, tick) = (status.clone(), tick.clone());
        use_effect_with((), move |_| {
            let load = move || {
                let status = status.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    status.set(Some(ask(PageRequest::GetStatus).await));
                });
            };
            load();
            let mut count = 0_u32;
            let interval = Interval::new(REFRESH_MS, move || {
                load();
                count = count.wrapping_add(1);
                tick.set(count);
            });
            move || drop(interval)
        });
    }
    // Shown inside the side panel (its "elsewhere" view), the popup offers no side panel.
    let framed = web_sys::window()
        .and_then(|w| w.parent().ok().flatten().map(|p| p != w))
        .unwrap_or(true);
    // The window to open the side panel in.
    let window = use_state(|| None::<f64>);
    {
        let window = window.clone();
        use_effect_with(framed, move |framed| {
            if !*framed {
                wasm_bindgen_futures::spawn_local(async move {
                    window.set(current_window().await);
                });
            }
        });
    }
    let on_changed = {
        let status = status.clone();
        Callback::from(move |()| {
            let status = status.clone();
            wasm_bindgen_futures::spawn_local(async move {
                status.set(Some(ask(PageRequest::GetStatus).await));
            });
        })
    };
    let line = match &*status {
        None => t("badgeChecking"),
        Some(Err(reason)) => reason.clone(),
        Some(Ok(s)) => status_line(s),
    };
    let quota = match &*status {
        Some(Ok(s)) => s.quota.as_ref().map(|q| {
            (
                crate::say(&quota_text(q)),
                crate::say(&quota_source_text(q)),
                quota_manual_text(q).map(|text| crate::say(&text)),
            )
        }),
        _ => None,
    };
    // Connected to a CRM but not signed in (or the refresh was refused): offer sign-in here.
    let can_sign_in = matches!(&*status, Some(Ok(s)) if s.crm_url.is_some() && !s.signed_in);
    let on_sign_in = {
        let status = status.clone();
        Callback::from(move |_: MouseEvent| {
            let status = status.clone();
            wasm_bindgen_futures::spawn_local(async move {
                status.set(Some(ask(PageRequest::SignIn).await));
            });
        })
    };
    let window_id = *window;
    html! {
        <main>
            <h1>{ t("popupTitle") }</h1>
            // The actions come first, so nothing that loads later moves them under the pointer (a
            // click whose button moved between press and release lands on nothing).
            <nav class="popup-actions">
                if !framed {
                    <button type="button" data-tb="popup-side-panel" disabled={window_id.is_none()}
                            onclick={Callback::from(move |_| if let Some(window) = window_id { open_side_panel(window) })}>
                        { t("popupOpenSidePanel") }
                    </button>
                }
                <button type="button" data-tb="popup-options" onclick={Callback::from(|_| open_options_page())}>
                    { t("popupOpenOptions") }
                </button>
            </nav>
            <p data-tb="popup-status" role="status">{ line }</p>
            if can_sign_in {
                <button type="button" data-tb="popup-sign-in" onclick={on_sign_in}>{ t("optionsSignIn") }</button>
            }
            if let Some((quota, source, manual)) = quota {
                <p class="quota" data-tb="quota">{ quota }</p>
                if let Some(manual) = manual {
                    <p class="quota-manual" data-tb="quota-manual">{ manual }</p>
                }
                <p class="quota-source" data-tb="quota-source">{ source }</p>
            }
            <OutboxList tick={*tick} {on_changed} />
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
