//! The badge beside a person's name (PRODUCT.md B1). Renders props only; decisions are the
//! core's and the watcher's. When it has a hover card, its label is a focusable control
//! described by the card (B2).

use crate::hover_card::HOVER_ID;
use talent_bridge::protocol::{BadgeState, BadgeView};
use talent_bridge_web::{t, t_with};
use yew::prelude::*;

/// What the badge needs.
pub struct BadgeProps<'a> {
    pub view: &'a BadgeView,
    pub on_retry: &'a Callback<()>,
    pub on_open_options: &'a Callback<()>,
    /// The focusable label, where focus returns when the card closes.
    pub label_ref: NodeRef,
    /// The hover card is in the page (it describes the label).
    pub card: bool,
}

/// A plain function rather than a component: each component type costs the content script
/// (shipped into every tab) several kilobytes of lifecycle code.
pub fn badge(props: BadgeProps<'_>) -> Html {
    let view = props.view;
    let state = view.state;
    let label = label(view);
    let described = props.card.then_some(HOVER_ID);
    let body = match state {
        BadgeState::InCrm | BadgeState::OutOfDate => match &view.contact {
            Some(contact) => html! {
                <>
                    <a class="label" href={contact.url.clone()} target="_blank"
                       rel="noopener noreferrer" ref={props.label_ref}
                       aria-label={t_with("badgeOpenContact", &[&contact.full_name])}
                       aria-describedby={described}>{ label }</a>
                    if contact.confidential {
                        <span class="conf" data-tb="badge-confidential">
                            { t("cardConfidential") }
                        </span>
                    }
                </>
            },
            None => html! { <span class="label">{ label }</span> },
        },
        // The card lists the matches; the label is how a keyboard gets there.
        BadgeState::Multiple => html! {
            <button type="button" class="label" ref={props.label_ref}
                    aria-describedby={described}>{ label }</button>
        },
        BadgeState::Error => {
            let on_retry = props.on_retry.reform(|_: MouseEvent| ());
            html! {
                <>
                    <span class="label" title={view.message.clone()}>{ label }</span>
                    <button type="button" data-tb="retry" aria-label={t("badgeRetryLabel")}
                            onclick={on_retry}>{ t("badgeRetry") }</button>
                </>
            }
        }
        BadgeState::SignedOut => {
            let on_open = props.on_open_options.reform(|_: MouseEvent| ());
            html! {
                <button type="button" class="label" aria-label={t("badgeOpenOptions")}
                        onclick={on_open}>{ label }</button>
            }
        }
        _ => html! { <span class="label">{ label }</span> },
    };
    html! {
        <span class="badge" data-tb="badge" data-state={state.as_str()} role="group"
              aria-label={t("badgeRegion")}>
            { body }
        </span>
    }
}

fn label(view: &BadgeView) -> String {
    match view.state {
        BadgeState::InCrm => t("badgeInCrm"),
        BadgeState::NotInCrm => t("badgeNotInCrm"),
        BadgeState::OutOfDate => t("badgeOutOfDate"),
        BadgeState::Multiple => t_with("badgeMultiple", &[&view.matches.len().to_string()]),
        BadgeState::Checking => t("badgeChecking"),
        BadgeState::SignedOut => t("badgeSignedOut"),
        BadgeState::Error => t("badgeError"),
        BadgeState::Unreadable => t("badgeUnreadable"),
    }
}

/// Styles live inside the shadow root: the page's CSS can't reach the badge, and ours can't
/// leak into the page.
pub const STYLE: &str = r#"
:host { all: initial; display: inline-flex; vertical-align: middle; margin: 4px 8px;
  font: 600 12px/1.2 system-ui, sans-serif; }
.badge { display: inline-flex; align-items: center; gap: 6px; border-radius: 12px;
  padding: 3px 10px; border: 1px solid currentColor; background: #fff; }
.badge[data-state="in-crm"] { color: #0a6e3c; }
.badge[data-state="not-in-crm"] { color: #555; }
.badge[data-state="out-of-date"] { color: #8a5a00; }
.badge[data-state="multiple"] { color: #6a3ab0; }
.badge[data-state="checking"] { color: #777; border-style: dashed; }
.badge[data-state="signed-out"], .badge[data-state="error"], .badge[data-state="unreadable"] { color: #b00020; }
.label { color: inherit; text-decoration: none; font: inherit; background: none; border: 0; padding: 0; cursor: pointer; }
span.label { cursor: default; }
a.label:hover { text-decoration: underline; }
button { font: inherit; cursor: pointer; border-radius: 10px; border: 1px solid currentColor;
  background: transparent; color: inherit; padding: 1px 8px; }
a:focus-visible, button:focus-visible { outline: 2px solid #0a666e; outline-offset: 2px; }
.conf { font-size: 10px; text-transform: uppercase; letter-spacing: .04em; padding: 1px 5px;
  border-radius: 8px; background: #5a2a82; color: #fff; }
"#;
