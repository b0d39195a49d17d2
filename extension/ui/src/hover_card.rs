//! The badge's hover card (PRODUCT.md B2, B3, B5): what the CRM has on the contact and why it
//! matched; for an out-of-date record the differences field by field; for several matches each
//! of them with "Update this one" and "Not this person". Shown on hover and on focus by CSS
//! (`style.rs`), below the whole row, so it never covers the export button. Renders props and
//! reports clicks; the decisions are the core's (`talent_bridge::badge`). Built with `Tag`, not
//! `html!`, and with one message lookup per list of words, to keep the UI module small.

use crate::user_input::on_user;
use crate::vdom::Tag;
use talent_bridge::badge::{
    LABEL_UPDATED, card_facts, field_index, has_hover_card, list_part, match_key_index,
    score_percent, single_probable,
};
use talent_bridge::crm::{ContactCard, ContactMatch};
use talent_bridge::i18n::Day;
use talent_bridge::protocol::{BadgeState, BadgeView, FieldDifference};
use talent_bridge_web::{t, t_day, t_with};
use yew::prelude::*;

pub const HOVER_ID: &str = "tb-hover-card";

/// Where "In the CRM" and "On the profile" sit in `cardLabels`, after the core's labels.
const LABEL_IN_CRM: usize = 6;
const LABEL_ON_PROFILE: usize = 7;

/// What the user can do from the card.
pub struct CardActions {
    /// "Update this one": aim the export panel at this contact id and open it.
    pub pick: Callback<i64>,
    /// "This is the person" (`true`) or "Not this person" (`false`) for a contact id.
    pub link: Callback<(i64, bool)>,
    /// A link answer is on its way: the buttons wait.
    pub busy: bool,
    /// The page allows an export (a profile with a PDF on offer, not a search result):
    /// "Update this one" is offered.
    pub can_pick: bool,
}

/// Words the card uses many times: each list is looked up once per render.
struct Words {
    /// `cardLabels`: email, phone, owner, pools, vacancies, last update, in the CRM, on the
    /// profile.
    labels: String,
    /// `matchKeys`, in `match_key_index` order.
    keys: String,
}

impl Words {
    fn label(&self, index: usize) -> String {
        list_part(&self.labels, index).to_string()
    }
}

/// The badge has a card: one contact, or several to pick from.
pub fn has_card(view: &BadgeView) -> bool {
    has_hover_card(view.state, view.contact.is_some())
}

/// The card for `view` (one that [`has_card`]).
pub fn hover_card(view: &BadgeView, actions: &CardActions) -> Html {
    let words = Words {
        labels: t("cardLabels"),
        keys: t("matchKeys"),
    };
    let body = match &view.contact {
        Some(contact) if view.state != BadgeState::Multiple => {
            one_contact(view, contact, actions, &words)
        }
        _ => several(&view.matches, actions, &words),
    };
    Tag::new("div")
        .attrs(
            &["id", "class", "data-tb"],
            &[Some(HOVER_ID), Some("hover"), Some("hover-card")],
        )
        .child(Tag::new("div").class("box").children(body).build())
        .build()
}

fn one_contact(
    view: &BadgeView,
    contact: &ContactCard,
    actions: &CardActions,
    words: &Words,
) -> Vec<Html> {
    let mut facts = Vec::new();
    let updated = (LABEL_UPDATED, readable_date(&contact.updated_at));
    for (label, value) in card_facts(contact).into_iter().chain([updated]) {
        facts.push(Tag::new("dt").text(words.label(label)).build());
        facts.push(
            Tag::new("dd")
                .attrs(&["dir"], &[Some("auto")])
                .text(value)
                .build(),
        );
    }
    let mut body = vec![name_line(contact), Tag::new("dl").children(facts).build()];
    body.extend(view.matches.first().map(|m| why(m, words)));
    if !view.differences.is_empty() {
        body.push(differences(&view.differences, words));
    }
    // A probable match (email, phone, name) is confirmed or rejected here (B3).
    if let Some(id) = single_probable(view).map(|m| m.contact.id) {
        let link = |same| on_user(&actions.link, move |_: MouseEvent| (id, same));
        let buttons = vec![
            button(
                "this-is-the-person",
                t("cardThisIsThePerson"),
                None,
                link(true),
                actions.busy,
            ),
            button(
                "not-this-person",
                t("cardNotThisPerson"),
                None,
                link(false),
                actions.busy,
            ),
        ];
        body.push(Tag::new("div").class("actions").children(buttons).build());
    }
    body
}

fn several(matches: &[ContactMatch], actions: &CardActions, words: &Words) -> Vec<Html> {
    let (pick, not_this) = (t("cardPick"), t("cardNotThisPerson"));
    let items = matches
        .iter()
        .map(|m| {
            let c = &m.contact;
            let id = c.id;
            // Namesakes have the same name: each button is described by its contact.
            let about = format!("tb-match-{id}");
            let updated = format!(
                "{}: {}",
                words.label(LABEL_UPDATED),
                readable_date(&c.updated_at)
            );
            let place: Vec<&str> = [&c.title, &c.company, &c.location]
                .into_iter()
                .filter_map(|part| part.as_deref())
                .chain([updated.as_str()])
                .collect();
            let on_pick = on_user(&actions.pick, move |_: MouseEvent| id);
            let on_not = on_user(&actions.link, move |_: MouseEvent| (id, false));
            let mut buttons = Vec::new();
            if actions.can_pick {
                let label = pick.clone();
                buttons.push(button(
                    "pick-match",
                    label,
                    Some(&about),
                    on_pick,
                    actions.busy,
                ));
            }
            let label = not_this.clone();
            buttons.push(button(
                "not-this-person",
                label,
                Some(&about),
                on_not,
                actions.busy,
            ));
            Tag::new("li")
                .attrs(
                    &["data-tb", "data-contact-id"],
                    &[Some("match"), Some(&id.to_string())],
                )
                .child(name_line(c))
                .child(
                    Tag::new("p")
                        .attrs(
                            &["id", "class", "dir"],
                            &[Some(&about), Some("sub"), Some("auto")],
                        )
                        .text(place.join(" · "))
                        .build(),
                )
                .child(why(m, words))
                .child(Tag::new("div").class("actions").children(buttons).build())
                .build()
        })
        .collect();
    vec![
        Tag::new("p").class("lead").text(t("cardSeveral")).build(),
        Tag::new("ul").class("matches").children(items).build(),
    ]
}

/// The contact's name, linking to its page in the CRM, and the confidential marker (B5).
fn name_line(contact: &ContactCard) -> Html {
    let link = Tag::new("a")
        .attrs(
            &["data-tb", "dir", "href", "target", "rel"],
            &[
                Some("card-contact-link"),
                Some("auto"),
                // The worker kept the link only if it leads to the CRM (S5).
                Some(contact.url.as_str()).filter(|u| !u.is_empty()),
                Some("_blank"),
                Some("noopener noreferrer"),
            ],
        )
        .text(contact.full_name.clone())
        .build();
    let mut line = Tag::new("p").class("name").child(link);
    if contact.confidential {
        line = line.child(
            Tag::new("span")
                .attrs(&["class", "data-tb"], &[Some("conf"), Some("confidential")])
                .text(t("cardConfidential"))
                .build(),
        );
    }
    line.build()
}

/// Why it matched: the keys, in words, and the score (B3).
fn why(m: &ContactMatch, words: &Words) -> Html {
    let keys: Vec<&str> = m
        .matched_on
        .iter()
        .map(|k| list_part(&words.keys, match_key_index(*k)))
        .collect();
    let score = score_percent(m.score).to_string();
    let text = t_with("cardMatchedOn", &[&keys.join(", "), &score]);
    Tag::new("p")
        .attrs(
            &["class", "data-tb", "data-score"],
            &[Some("why"), Some("match-reasons"), Some(&score)],
        )
        .text(text)
        .build()
}

/// Out of date: the CRM's value beside the profile's, field by field (B1).
fn differences(rows: &[FieldDifference], words: &Words) -> Html {
    let cell = |tag, text: String| Tag::new(tag).text(text).build();
    let head = vec![
        Tag::new("td").build(),
        cell("th", words.label(LABEL_IN_CRM)),
        cell("th", words.label(LABEL_ON_PROFILE)),
    ];
    let fields = t("fieldNames");
    let mut body = vec![Tag::new("tr").children(head).build()];
    for d in rows {
        let value = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".to_string());
        let side = |name, v| {
            Tag::new("td")
                .attrs(&["data-side", "dir"], &[Some(name), Some("auto")])
                .text(v)
                .build()
        };
        let cells = vec![
            cell("th", list_part(&fields, field_index(&d.field)).to_string()),
            side("crm", value(&d.crm)),
            side("profile", value(&d.profile)),
        ];
        body.push(
            Tag::new("tr")
                .attrs(&["data-tb", "data-field"], &[Some("diff"), Some(&d.field)])
                .children(cells)
                .build(),
        );
    }
    Tag::new("table").class("diff").children(body).build()
}

fn button(
    hook: &'static str,
    label: String,
    described_by: Option<&str>,
    on_click: Callback<MouseEvent>,
    busy: bool,
) -> Html {
    Tag::new("button")
        .attrs(
            &["type", "data-tb", "aria-describedby", "disabled"],
            &[Some("button"), Some(hook), described_by, busy.then_some("")],
        )
        .on_click(on_click)
        .text(label)
        .build()
}

/// `2026-03-02T10:15:00Z` as the catalogue shown writes a day ("2 March 2026", UTC); the text
/// as it came when it is no date.
fn readable_date(rfc3339: &str) -> String {
    Day::from_rfc3339(rfc3339).map_or_else(|| rfc3339.to_string(), t_day)
}
