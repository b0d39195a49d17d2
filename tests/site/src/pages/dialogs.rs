//! Modal dialogs over a profile (contact info, edit intro), shared by both designs; their
//! URLs are profile sub-paths (`/overlay/contact-info/`, `/edit/intro/`) like the real site's.

use crate::html::{El, Node, el};
use crate::lang::Words;
use crate::people::Person;
use crate::url;

/// The dialog a profile sub-path opens, if any.
pub fn for_sub_path(
    w: &Words,
    person: &Person,
    rest: &str,
    own: bool,
    limited: bool,
) -> Option<Node> {
    if rest.starts_with("overlay/contact-info") && !limited {
        return Some(contact_info(w, person, own).into());
    }
    if own && rest.starts_with("edit/intro") {
        return Some(edit_intro(w, person).into());
    }
    None
}

/// A modal over the profile; dismissing it goes back to the profile itself.
fn dialog(w: &Words, title: &str, person: &Person, body: El) -> El {
    el("div", "dialog-backdrop").child(
        el("div", "dialog")
            .attr("role", "dialog")
            .attr("aria-modal", "true")
            .attr("aria-label", title)
            .child(
                el("div", "row between")
                    .child(el("p", "section-title").text(title))
                    .child(
                        el("a", "icon-btn")
                            .attr("href", format!("/in/{}/", url::encode(&person.public_id)))
                            .attr("aria-label", w.dismiss)
                            .attr("data-dismiss", "")
                            .text("×"),
                    ),
            )
            .child(body),
    )
}

fn contact_info(w: &Words, person: &Person, own: bool) -> El {
    let mut body = el("div", "col gap-8").child(
        el("div", "col")
            .child(el("p", "strong").text(w.profile))
            .child(
                el("a", "link")
                    .attr("href", person.profile_url())
                    .text(format!("linkedin.com/in/{}", person.public_id)),
            ),
    );
    if own || person.shares_contact_info() {
        if let Some(email) = &person.email {
            body = body.child(
                el("div", "col")
                    .child(el("p", "strong").text(w.email))
                    .child(
                        el("a", "link")
                            .attr("href", format!("mailto:{email}"))
                            .text(email),
                    ),
            );
        }
        if let Some(phone) = &person.phone {
            body = body.child(
                el("div", "col")
                    .child(el("p", "strong").text(w.phone))
                    .child(el("p", "").text(format!("{phone} ({})", w.mobile))),
            );
        }
    }
    if let Some(site) = &person.website {
        body = body.child(
            el("div", "col")
                .child(el("p", "strong").text(w.website))
                .child(
                    el("a", "link")
                        .attr("href", site.clone())
                        .attr("target", "_blank")
                        .text(site),
                ),
        );
    }
    dialog(w, w.contact_info, person, body)
}

fn edit_intro(w: &Words, person: &Person) -> El {
    let field = |label: &str, value: &str| {
        el("label", "col gap-4")
            .child(el("span", "small muted").text(label))
            .child(
                el("input", "input")
                    .attr("type", "text")
                    .attr("value", value),
            )
    };
    let form = el("form", "col gap-8")
        .child(field(
            "First name*",
            person.name.split(' ').next().unwrap_or_default(),
        ))
        .child(field("Headline*", &person.headline))
        .child(field("Location", &person.location));
    dialog(w, w.edit_intro, person, form)
}
