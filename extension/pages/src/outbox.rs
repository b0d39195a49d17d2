//! Exports waiting in the outbox (PRODUCT.md E7): who, in which state, how many attempts, the
//! last error; retry now, or discard after a confirmation.

use crate::say;
use crate::worker::ask_outbox;
use talent_bridge::export_ui::outbox_state_text;
use talent_bridge::protocol::{OutboxEntry, PageRequest};
use talent_bridge_web::{t, t_with};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct OutboxProps {
    /// Changes whenever the list should be asked for again.
    pub tick: u32,
    /// A retry or a discard went through (the quota line may have changed).
    pub on_changed: Callback<()>,
}

#[function_component]
pub fn OutboxList(props: &OutboxProps) -> Html {
    let jobs = use_state(|| None::<Vec<OutboxEntry>>);
    let problem = use_state(|| None::<String>);
    // The ticket whose discard waits for the user's confirmation.
    let confirming = use_state(|| None::<String>);
    // The ticket a retry or discard is running for.
    let busy = use_state(|| None::<String>);

    let send = {
        let (jobs, problem, busy) = (jobs.clone(), problem.clone(), busy.clone());
        let on_changed = props.on_changed.clone();
        Callback::from(move |req: PageRequest| {
            let (jobs, problem, busy) = (jobs.clone(), problem.clone(), busy.clone());
            let changed = (!matches!(req, PageRequest::ListOutbox)).then(|| on_changed.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ask_outbox(req).await {
                    Ok(list) => {
                        jobs.set(Some(list));
                        problem.set(None);
                    }
                    Err(reason) => problem.set(Some(reason)),
                }
                busy.set(None);
                if let Some(changed) = changed {
                    changed.emit(());
                }
            });
        })
    };
    {
        let send = send.clone();
        use_effect_with(props.tick, move |_| send.emit(PageRequest::ListOutbox));
    }

    let list = jobs.as_deref().unwrap_or_default();
    let items = list.iter().map(|job| {
        let ticket = job.ticket.clone();
        let working = busy.as_deref() == Some(ticket.as_str());
        let confirm_update = job.needs_confirmation;
        let on_retry = {
            let (send, busy, ticket) = (send.clone(), busy.clone(), ticket.clone());
            Callback::from(move |_: MouseEvent| {
                busy.set(Some(ticket.clone()));
                send.emit(PageRequest::RetryExport {
                    ticket: ticket.clone(),
                    confirm: confirm_update,
                });
            })
        };
        let on_discard = {
            let (confirming, ticket) = (confirming.clone(), ticket.clone());
            Callback::from(move |_: MouseEvent| confirming.set(Some(ticket.clone())))
        };
        let confirm = (confirming.as_deref() == Some(ticket.as_str())).then(|| {
            let on_yes = {
                let (send, busy, confirming, ticket) =
                    (send.clone(), busy.clone(), confirming.clone(), ticket.clone());
                Callback::from(move |_: MouseEvent| {
                    confirming.set(None);
                    busy.set(Some(ticket.clone()));
                    send.emit(PageRequest::DiscardExport {
                        ticket: ticket.clone(),
                    });
                })
            };
            let on_no = {
                let confirming = confirming.clone();
                Callback::from(move |_: MouseEvent| confirming.set(None))
            };
            html! {
                <div class="confirm" role="alert">
                    <p>{ t_with("outboxDiscardConfirm", &[&job.name]) }</p>
                    <button type="button" class="danger" data-tb="outbox-discard-confirm"
                            onclick={on_yes}>{ t("outboxDiscardYes") }</button>
                    <button type="button" class="secondary" data-tb="outbox-discard-cancel"
                            onclick={on_no}>{ t("outboxDiscardNo") }</button>
                </div>
            }
        });
        html! {
            <li key={ticket.clone()} class="outbox-item" data-tb="outbox-item"
                data-ticket={ticket.clone()} data-state={job.state.clone()}>
                <span class="name" dir="auto">{ job.name.clone() }</span>
                <span class="state">{ say(&outbox_state_text(&job.state)) }</span>
                <span class="attempts">{ t_with("outboxAttempts", &[&job.attempts.to_string()]) }</span>
                if let Some(error) = &job.last_error {
                    <span class="problem">{ t_with("outboxLastError", &[error]) }</span>
                }
                <span class="actions">
                    if confirm_update {
                        <button type="button" data-tb="outbox-confirm" disabled={working}
                                aria-label={t_with("outboxConfirmLabel", &[&job.name])}
                                onclick={on_retry.clone()}>{ t("outboxConfirm") }</button>
                    } else {
                        <button type="button" data-tb="outbox-retry" disabled={working}
                                aria-label={t_with("outboxRetryLabel", &[&job.name])}
                                onclick={on_retry.clone()}>{ t("outboxRetry") }</button>
                    }
                    <button type="button" class="secondary" data-tb="outbox-discard"
                            disabled={working}
                            aria-label={t_with("outboxDiscardLabel", &[&job.name])}
                            onclick={on_discard}>{ t("outboxDiscard") }</button>
                </span>
                { confirm.unwrap_or_default() }
            </li>
        }
    });
    html! {
        <section class="outbox" aria-labelledby="outbox-title">
            <h2 id="outbox-title">{ t("outboxTitle") }</h2>
            if let Some(problem) = &*problem {
                <p class="problem" role="alert">{ problem.clone() }</p>
            }
            <ul data-tb="outbox">{ for items }</ul>
            if jobs.is_some() && list.is_empty() {
                <p class="empty" data-tb="outbox-empty">{ t("outboxEmpty") }</p>
            }
        </section>
    }
}
