//! The badge beside a person's name (PRODUCT.md B1), drawn straight into the shadow root with
//! `web-sys`: a few elements, redrawn only when what they show changes. The hover card and the
//! export panel are the UI module's (`extension/ui`, Yew), loaded on first use.

use crate::reply::Badge;
use talent_bridge::protocol::BadgeState;
use talent_bridge_web::{t, t_count, t_with};
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};

/// Creates `<tag attr=value…>text</tag>`.
pub fn element(
    document: &Document,
    tag: &str,
    attrs: &[(&str, &str)],
    text: Option<&str>,
) -> Option<Element> {
    let element = document.create_element(tag).ok()?;
    for (name, value) in attrs {
        // An empty address is no link (`href=""` would lead back to the page itself).
        if *name == "href" && value.is_empty() {
            continue;
        }
        element.set_attribute(name, value).ok()?;
    }
    if text.is_some() {
        element.set_text_content(text);
    }
    Some(element)
}

fn label_text(badge: &Badge) -> String {
    match badge.state {
        BadgeState::InCrm => t("badgeInCrm"),
        BadgeState::NotInCrm => t("badgeNotInCrm"),
        BadgeState::OutOfDate => t("badgeOutOfDate"),
        BadgeState::Multiple => t_count("badgeMultiple", badge.matches, &[]),
        BadgeState::Checking => t("badgeChecking"),
        BadgeState::SignedOut => t("badgeSignedOut"),
        BadgeState::Error => t("badgeError"),
        BadgeState::Unreadable => t("badgeUnreadable"),
    }
}

/// Draws `badge` into `region` (`.badge`, `data-tb="badge"`), replacing what it showed. The
/// retry and sign-in controls carry `data-act`, read by the mount's one click listener.
pub fn draw(document: &Document, region: &Element, badge: &Badge) -> Option<()> {
    region
        .set_attribute("data-state", badge.state.as_str())
        .ok()?;
    region.set_text_content(None);
    let label = label_text(badge);
    let add = |child: Option<Element>| -> Option<()> {
        region.append_child(&child?.into()).ok().map(|_| ())
    };
    match (badge.state, &badge.contact) {
        (BadgeState::InCrm | BadgeState::OutOfDate, Some(contact)) => {
            let open = named(&label, &t_with("badgeOpenContact", &[&contact.full_name]));
            add(element(
                document,
                "a",
                &[
                    ("class", "label"),
                    // Empty when the CRM's link led elsewhere (the worker drops it, S5): the
                    // link's `href` is then left out below.
                    ("href", &contact.url),
                    ("target", "_blank"),
                    ("rel", "noopener noreferrer"),
                    ("aria-label", &open),
                ],
                Some(&label),
            ))?;
            if contact.confidential {
                let attrs = [("class", "conf"), ("data-tb", "badge-confidential")];
                add(element(
                    document,
                    "span",
                    &attrs,
                    Some(&t("cardConfidential")),
                ))?;
            }
        }
        // The card lists the matches; the label is how a keyboard gets there.
        (BadgeState::Multiple, _) => {
            let attrs = [("type", "button"), ("class", "label")];
            add(element(document, "button", &attrs, Some(&label)))?;
        }
        (BadgeState::Error, _) => {
            let message = badge.message.clone().unwrap_or_default();
            let attrs = [("class", "label"), ("title", message.as_str())];
            add(element(document, "span", &attrs, Some(&label)))?;
            let retry = t("badgeRetry");
            let retry_label = named(&retry, &t("badgeRetryLabel"));
            let attrs = [
                ("type", "button"),
                ("data-tb", "retry"),
                ("data-act", "retry"),
                ("aria-label", retry_label.as_str()),
            ];
            add(element(document, "button", &attrs, Some(&retry)))?;
        }
        (BadgeState::SignedOut, _) => {
            let open = named(&label, &t("badgeOpenOptions"));
            let attrs = [
                ("type", "button"),
                ("class", "label"),
                ("data-act", "options"),
                ("aria-label", open.as_str()),
            ];
            add(element(document, "button", &attrs, Some(&label)))?;
        }
        _ => add(element(
            document,
            "span",
            &[("class", "label")],
            Some(&label),
        ))?,
    }
    Some(())
}

/// A control's accessible name: its visible text, then what it does. A name that leaves out the
/// visible words fails those who speak them to voice control (WCAG 2.5.3, found by axe-core).
#[inline(never)]
fn named(visible: &str, action: &str) -> String {
    t_with("badgeLabelAction", &[visible, action])
}

/// Moves focus to the badge's label if it is a control (a link or a button), else to the badge
/// itself (`tabindex="-1"`: focusable, not a tab stop), so that it reaches the label once the
/// badge settles (retry → "Checking…" → the answer).
pub fn focus_label(region: &Element) {
    let target = region
        .query_selector("a.label, button.label, button")
        .ok()
        .flatten()
        .unwrap_or_else(|| region.clone())
        .dyn_into::<HtmlElement>();
    if let Ok(target) = target {
        let _ = target.focus();
    }
}

/// Styles live inside the shadow root: the page's CSS can't reach the badge, and ours can't
/// leak into the page. The hover card's and the panel's come with the UI module.
pub const STYLE: &str = r#"
:host { all: initial; display: inline-flex; vertical-align: middle; margin: 4px 8px;
  font: 600 12px/1.2 system-ui, sans-serif; position: relative; }
.row { display: inline-flex; align-items: center; flex-wrap: wrap; gap: 6px; }
.tip { display: inline-flex; }
.badge { display: inline-flex; align-items: center; gap: 6px; border-radius: 12px;
  padding: 3px 10px; border: 1px solid currentColor; background: #fff; }
.badge:focus { outline: none; }
.badge[data-state="in-crm"] { color: #0a6e3c; }
.badge[data-state="not-in-crm"] { color: #555; }
.badge[data-state="out-of-date"] { color: #8a5a00; }
.badge[data-state="multiple"] { color: #6a3ab0; }
.badge[data-state="checking"] { color: #666; border-style: dashed; }
.badge[data-state="signed-out"], .badge[data-state="error"], .badge[data-state="unreadable"] { color: #b00020; }
.label { color: inherit; text-decoration: none; font: inherit; background: none; border: 0; padding: 0; cursor: pointer; }
span.label { cursor: default; }
a.label:hover { text-decoration: underline; }
button { font: inherit; cursor: pointer; border-radius: 10px; border: 1px solid currentColor;
  background: transparent; color: inherit; padding: 1px 8px; }
a:focus-visible, button:focus-visible { outline: 2px solid #0a666e; outline-offset: 2px; }
.conf { font-size: 10px; text-transform: uppercase; letter-spacing: .04em; padding: 1px 5px;
  border-radius: 8px; background: #5a2a82; color: #fff; }
button.export { color: #0a666e; padding: 3px 10px; border-radius: 12px; }
button.export:disabled { color: #777; border-style: dashed; cursor: not-allowed; }
.reason { font-weight: 400; color: #555; max-width: 28em; }
.cover { position: absolute; pointer-events: none; }
.cover[data-dim] { background: #ffffffa6; }
"#;
