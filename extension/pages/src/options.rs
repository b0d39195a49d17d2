//! The options page: the CRM address (locked when the organisation sets it), the personal
//! API token (PRODUCT.md A2, A4), and the user's choice to dim people already in the CRM on
//! search results (Q3).

use crate::popup::status_line;
use crate::worker::{ask, request_host_permission};
use talent_bridge::i18n::Day;
use talent_bridge::policy::DisplayMode;
use talent_bridge::protocol::{PageRequest, SettingSource, Status};
use talent_bridge::settings::CrmUrl;
use talent_bridge_web::{t, t_day, t_with};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Clone, PartialEq)]
enum Notice {
    None,
    Info(String),
    Problem(String),
}

#[function_component]
pub fn Options() -> Html {
    let status = use_state(|| None::<Status>);
    let notice = use_state(|| Notice::None);
    let url_input = use_node_ref();
    let token_input = use_node_ref();
    let confirm_discard = use_state(|| false);
    // What the user typed in the address field: the stored address arrives from the worker a
    // moment after the page shows, and must not overwrite it (it did, and Save then saved the
    // old address).
    let typed_url = use_state(|| None::<String>);

    {
        let (status, notice) = (status.clone(), notice.clone());
        let (typed_url, url_input) = (typed_url.clone(), url_input.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match ask(PageRequest::GetStatus).await {
                    Ok(s) => {
                        // Someone already in the field keeps it as it is: writing the stored
                        // address into it now would land between their select-all and their
                        // typing, which then appends to it.
                        if let Some(input) = url_input.cast::<HtmlInputElement>()
                            && has_focus(&input)
                            && typed_url.is_none()
                        {
                            typed_url.set(Some(input.value()));
                        }
                        status.set(Some(s));
                    }
                    Err(reason) => notice.set(Notice::Problem(reason)),
                }
            });
        });
    }

    let locked = status
        .as_ref()
        .is_some_and(|s| s.crm_url_source == SettingSource::Policy);
    let on_submit = {
        let (status, notice, typed_url) = (status.clone(), notice.clone(), typed_url.clone());
        let (url_input, token_input) = (url_input.clone(), token_input.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let crm_url = url_input
                .cast::<HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_default();
            let token = token_input
                .cast::<HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_default();
            if !locked && let Ok(url) = CrmUrl::parse(&crm_url) {
                request_host_permission(&url.permission_pattern());
            }
            let (status, notice, token_input, typed_url) = (
                status.clone(),
                notice.clone(),
                token_input.clone(),
                typed_url.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match ask(PageRequest::SaveSettings {
                    crm_url,
                    api_token: token,
                })
                .await
                {
                    Ok(s) => {
                        if let Some(input) = token_input.cast::<HtmlInputElement>() {
                            input.set_value("");
                        }
                        status.set(Some(s));
                        // Saved: the field shows the address as stored (normalised) again.
                        typed_url.set(None);
                        notice.set(Notice::Info(t("optionsSaved")));
                    }
                    Err(reason) => notice.set(Notice::Problem(reason)),
                }
            });
        })
    };
    let on_sign_in = {
        let (status, notice) = (status.clone(), notice.clone());
        let url_input = url_input.clone();
        Callback::from(move |_: MouseEvent| {
            let crm_url = url_input
                .cast::<HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_default();
            if !locked && let Ok(url) = CrmUrl::parse(&crm_url) {
                request_host_permission(&url.permission_pattern());
            }
            let (status, notice) = (status.clone(), notice.clone());
            wasm_bindgen_futures::spawn_local(async move {
                if !locked
                    && let Err(reason) = ask(PageRequest::SaveSettings {
                        crm_url,
                        api_token: String::new(),
                    })
                    .await
                {
                    notice.set(Notice::Problem(reason));
                    return;
                }
                notice.set(Notice::Info(t("optionsSigningIn")));
                match ask(PageRequest::SignIn).await {
                    Ok(s) => {
                        status.set(Some(s));
                        notice.set(Notice::Info(t("optionsSignedIn")));
                    }
                    Err(reason) => notice.set(Notice::Problem(reason)),
                }
            });
        })
    };
    let sign_out = {
        let (status, notice, confirm) = (status.clone(), notice.clone(), confirm_discard.clone());
        move |discard_pending: bool| {
            let (status, notice, confirm) = (status.clone(), notice.clone(), confirm.clone());
            Callback::from(move |_: MouseEvent| {
                let (status, notice, confirm) = (status.clone(), notice.clone(), confirm.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    match ask(PageRequest::SignOut { discard_pending }).await {
                        Ok(s) => {
                            confirm.set(false);
                            status.set(Some(s));
                            notice.set(Notice::Info(t("optionsSignedOut")));
                        }
                        Err(reason) => {
                            // Pending exports: say so, and offer to discard them.
                            confirm.set(!discard_pending);
                            notice.set(Notice::Problem(reason));
                        }
                    }
                });
            })
        }
    };
    // Saved as soon as it changes: it has nothing to do with the CRM form above.
    let on_dim_in_crm = {
        let (status, notice) = (status.clone(), notice.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            let on = input.checked();
            let (status, notice) = (status.clone(), notice.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ask(PageRequest::SetDimInCrm { on }).await {
                    Ok(s) => {
                        status.set(Some(s));
                        notice.set(Notice::Info(t("optionsSaved")));
                    }
                    Err(reason) => notice.set(Notice::Problem(reason)),
                }
            });
        })
    };
    let dim_in_crm = status.as_ref().is_some_and(|s| s.dim_in_crm);
    let on_sign_out = sign_out(false);
    let on_sign_out_confirm = sign_out(true);

    let current_url = (*typed_url).clone().unwrap_or_else(|| {
        status
            .as_ref()
            .and_then(|s| s.crm_url.clone())
            .unwrap_or_default()
    });
    let on_url_input = {
        let typed_url = typed_url.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                typed_url.set(Some(input.value()));
            }
        })
    };
    let site_checks = status
        .as_ref()
        .map(|s| s.site_checks.clone())
        .unwrap_or_default();
    let problems = status
        .as_ref()
        .map(|s| s.policy_problems.clone())
        .unwrap_or_default();
    let display = status
        .as_ref()
        .map(|s| (s.display_mode, s.display_mode_locked));
    let on_display = {
        let (status, notice) = (status.clone(), notice.clone());
        Callback::from(move |mode: DisplayMode| {
            let (status, notice) = (status.clone(), notice.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ask(PageRequest::SetDisplayMode { mode }).await {
                    Ok(s) => status.set(Some(s)),
                    Err(reason) => notice.set(Notice::Problem(reason)),
                }
            });
        })
    };
    html! {
        <main>
            <h1>{ t("optionsTitle") }</h1>
            <form onsubmit={on_submit}>
                <label for="crm-url">{ t("optionsCrmUrl") }</label>
                <p class="help" id="crm-url-help">{ t("optionsCrmUrlHelp") }</p>
                <input id="crm-url" type="url" data-tb="options-crm-url" ref={url_input}
                       value={current_url} readonly={locked} aria-describedby="crm-url-help"
                       oninput={on_url_input}
                       autocomplete="url" />
                if locked {
                    <p class="locked" data-tb="options-locked">{ t("optionsLocked") }</p>
                }
                <label for="api-token">{ t("optionsApiToken") }</label>
                <p class="help" id="api-token-help">{ t("optionsApiTokenHelp") }</p>
                <input id="api-token" type="password" data-tb="options-token" ref={token_input}
                       aria-describedby="api-token-help" autocomplete="off"
                       placeholder={status.as_ref().filter(|s| s.signed_in).map(|_| t("optionsTokenKept"))} />
                <button type="submit" data-tb="options-save">{ t("optionsSave") }</button>
            </form>
            if let Some((mode, locked)) = display {
                { display_mode(mode, locked, &on_display) }
            }
            <p class="choice">
                <input id="dim-in-crm" type="checkbox" data-tb="options-dim-in-crm"
                       checked={dim_in_crm} disabled={status.is_none()} onchange={on_dim_in_crm}
                       aria-describedby="dim-in-crm-help" />
                <label for="dim-in-crm">{ t("optionsDimInCrm") }</label>
            </p>
            <p class="help" id="dim-in-crm-help">{ t("optionsDimInCrmHelp") }</p>
            <p class="status" data-tb="options-status" role="status">
                { status.as_ref().map(status_line).unwrap_or_default() }
            </p>
            {
                match &*notice {
                    Notice::None => html! {},
                    Notice::Info(text) => html! { <p data-tb="options-message" role="status">{ text }</p> },
                    Notice::Problem(text) => html! {
                        <p class="problem" data-tb="options-message" role="alert">{ text }</p>
                    },
                }
            }
            { for problems.iter().map(|p| html! {
                <p class="problem" data-tb="options-policy-problem">{ t_with("optionsPolicyProblem", &[p]) }</p>
            }) }
            if !site_checks.is_empty() {
                <section data-tb="site-check" aria-labelledby="site-check-title">
                    <h2 id="site-check-title">{ t("optionsSiteCheckTitle") }</h2>
                    <p class="help">{ t("optionsSiteCheckHelp") }</p>
                    <table>
                        <thead><tr>
                            <th>{ t("optionsSiteCheckPage") }</th>
                            <th>{ t("optionsSiteCheckFailed") }</th>
                            <th>{ t("optionsSiteCheckCount") }</th>
                            <th>{ t("optionsSiteCheckLast") }</th>
                        </tr></thead>
                        <tbody>
                            { for site_checks.iter().map(|e| html! {
                                <tr data-tb="site-check-entry">
                                    <td>{ &e.pattern }</td>
                                    <td>{ e.failed.join(", ") }</td>
                                    <td>{ e.count }</td>
                                    <td>{ last_seen(e.last_seen_ms) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </section>
            }
            <button type="button" data-tb="options-sign-in" onclick={on_sign_in}>
                { t("optionsSignIn") }
            </button>
            <button type="button" class="secondary" data-tb="options-sign-out" onclick={on_sign_out}>
                { t("optionsSignOut") }
            </button>
            if *confirm_discard {
                <button type="button" class="secondary" data-tb="options-sign-out-confirm"
                        onclick={on_sign_out_confirm}>
                    { t("optionsSignOutDiscard") }
                </button>
            }
        </main>
    }
}

/// Page mode or side panel only (PRODUCT.md Q2); locked when the policy sets it.
fn display_mode(mode: DisplayMode, locked: bool, on_pick: &Callback<DisplayMode>) -> Html {
    let choice = |value: DisplayMode, id: &'static str, label: &'static str| {
        let on_pick = on_pick.clone();
        let onchange = Callback::from(move |_: Event| on_pick.emit(value));
        html! {
            <p class="choice">
                <input type="radio" name="display-mode" {id} data-tb={id}
                       checked={mode == value} disabled={locked} {onchange} />
                <label for={id}>{ t(label) }</label>
            </p>
        }
    };
    html! {
        <fieldset data-tb="options-display-mode" aria-describedby="display-mode-help">
            <legend>{ t("optionsDisplayMode") }</legend>
            { choice(DisplayMode::Page, "display-page", "optionsDisplayPage") }
            { choice(DisplayMode::SidePanel, "display-side-panel", "optionsDisplaySidePanel") }
            <p class="help" id="display-mode-help">{ t("optionsDisplayHelp") }</p>
            if locked {
                <p class="locked" data-tb="options-display-locked">{ t("displayModeLocked") }</p>
            }
        </fieldset>
    }
}

fn has_focus(input: &HtmlInputElement) -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .is_some_and(|active| active == ***input)
}

/// When a site check last failed: the day as the catalogue shown writes it, and the UTC time.
fn last_seen(ms: f64) -> String {
    // A NaN from storage casts to 0: the day and time of 1970, never a panic.
    let minutes = (ms.rem_euclid(MS_PER_DAY) / 60_000.0) as u32;
    let day = t_day(Day::from_ms(ms));
    format!("{day} {:02}:{:02}", minutes / 60, minutes % 60)
}

const MS_PER_DAY: f64 = 86_400_000.0;
