//! A profile in the "next" design: the same people with another structure, so tests can
//! show detection degrades gracefully. The name is an `h1` (not in a link), the hooks are
//! `data-view-name`/`data-member-urn` instead of `componentkey`, text sits in `div`/`span`
//! rather than `<p>`, and the sections come in another order.

use super::parts::{Icon, avatar, cover, date_range, icon, pill, thousands};
use super::{Ctx, Page, dialogs};
use crate::html::{El, Node, el};
use crate::lang::Words;
use crate::people::{Person, Visibility};
use crate::url;

pub fn page(ctx: &Ctx<'_>, person: &Person, rest: &str) -> Page {
    let w = ctx.words();
    let own = ctx.is_viewer(person);
    let limited = person.visibility == Visibility::Limited;
    let name = if limited {
        w.limited_name
    } else {
        person.name.as_str()
    };

    let mut column: Vec<Node> = vec![hero(w, person, own, limited).into()];
    if !limited {
        column.push(experience(w, person).into());
        column.push(education(person).into());
        column.push(skills(person).into());
        if !person.about.is_empty() {
            column.push(
                section("about", "About")
                    .child(el("div", "prose").attr("dir", "ltr").text(&person.about))
                    .into(),
            );
        }
    }
    let mut main: Vec<Node> = vec![
        el("div", "profile-grid next")
            .attr("data-view-name", "profile-layout")
            .child(el("div", "profile-column").kids(column))
            .into(),
    ];
    main.extend(dialogs::for_sub_path(w, person, rest, own, limited));
    let mut page = Page::new(format!("{name} | LinkedIn"), main);
    if !limited {
        page.og = vec![
            ("og:title", format!("{} | LinkedIn", person.name)),
            ("og:url", person.profile_url()),
        ];
        page.subject = Some(person.clone());
    }
    page
}

fn hero(w: &Words, person: &Person, own: bool, limited: bool) -> El {
    let name = if limited {
        w.limited_name
    } else {
        person.name.as_str()
    };
    let mut heading =
        el("div", "row wrap gap-8 baseline").child(el("h1", "name name-lg").text(name));
    if let Some(pronouns) = person.pronouns.as_ref().filter(|_| !limited) {
        heading = heading.child(el("span", "muted small").text(format!("({pronouns})")));
    }
    if let (Some(degree), Some(spoken), false) = (
        w.degree(person.degree),
        w.degree_connection(person.degree),
        own,
    ) {
        heading = heading.child(
            el("span", "muted small")
                .attr("aria-label", spoken)
                .text(format!("· {degree}")),
        );
    }
    let mut info = el("div", "info").child(heading);
    if !limited {
        let orgs = [person.company.as_str(), person.school.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .map(|org| el("li", "chip").child(el("span", "strong small").text(org)));
        info = info
            .child(
                el("div", "headline")
                    .attr("dir", "ltr")
                    .text(&person.headline),
            )
            .child(
                el("ul", "row gap-8 chips")
                    .attr("aria-label", "Current company and education")
                    .kids(orgs),
            )
            .child(
                el("div", "row gap-4 small muted")
                    .child(el("span", "").text(&person.location))
                    .child(el("span", "").attr("aria-hidden", "true").text(" · "))
                    .child(
                        el("a", "link strong")
                            .attr(
                                "href",
                                format!(
                                    "/in/{}/overlay/contact-info/",
                                    url::encode(&person.public_id)
                                ),
                            )
                            .text("Contact info"),
                    ),
            )
            .child(
                el("ul", "row gap-8 small muted")
                    .attr("aria-label", "Network")
                    .child(el("li", "").text(format!("{} followers", thousands(person.followers))))
                    .child(
                        el("li", "").text(format!("{} connections", person.connections.min(500))),
                    ),
            );
    }
    let mut toolbar = el("div", "row wrap gap-8 actions")
        .attr("role", "toolbar")
        .attr("aria-label", "Profile actions");
    if own {
        toolbar = toolbar
            .child(pill(
                "btn btn-primary",
                "Add section",
                Some("Add section".into()),
            ))
            .child(pill("btn btn-secondary", "Open to", None));
    } else {
        if person.degree != 1 {
            toolbar = toolbar.child(pill(
                "btn btn-primary",
                "Connect",
                Some(format!("Connect with {name}")),
            ));
        }
        if !limited {
            toolbar = toolbar.child(
                el("a", "btn btn-secondary")
                    .attr(
                        "href",
                        format!("/messaging/compose/?recipient={}", person.member_id),
                    )
                    .attr("aria-label", format!("Send a message to {name}"))
                    .text("Message"),
            );
        }
        toolbar = toolbar.child(pill(
            "btn btn-tertiary",
            "More",
            Some("Open more actions".into()),
        ));
    }
    let mut card = el("section", "card topcard")
        .attr("data-view-name", "profile-card")
        .attr("data-member-urn", person.urn())
        .child(cover("Background image"))
        .child(
            el("div", "photo-slot")
                .attr("role", "img")
                .attr("aria-label", "Profile picture")
                .child(avatar(&person.public_id, "photo-152")),
        );
    if own {
        card = card.child(
            el("div", "corner").child(
                el("button", "icon-btn")
                    .attr("type", "button")
                    .attr("aria-label", "Edit intro")
                    .child(icon(Icon::Pencil)),
            ),
        );
    }
    card.child(info).child(toolbar)
}

fn section(view: &'static str, title: &str) -> El {
    el("section", "card section")
        .attr("data-view-name", format!("profile-section-{view}"))
        .child(el("h2", "section-title").text(title))
}

fn experience(w: &Words, person: &Person) -> El {
    let items = person.experience.iter().map(|job| {
        el("li", "entry")
            .child(avatar(&job.company, "logo-48"))
            .child(
                el("div", "col")
                    .child(el("span", "strong").text(&job.title))
                    .child(el("span", "small").text(&job.company))
                    .child(el("span", "small muted").text(date_range(
                        w,
                        &job.start,
                        job.end.as_deref(),
                    )))
                    .child(el("span", "small muted").text(&job.location)),
            )
    });
    section("experience", "Experience").child(el("ol", "entries").kids(items))
}

fn education(person: &Person) -> El {
    let items = person.education.iter().map(|school| {
        el("li", "entry")
            .child(avatar(&school.school, "logo-48"))
            .child(
                el("div", "col")
                    .child(el("span", "strong").text(&school.school))
                    .child(el("span", "small").text(format!("{}, {}", school.degree, school.field)))
                    .child(
                        el("span", "small muted")
                            .text(format!("{} – {}", school.start, school.end)),
                    ),
            )
    });
    section("education", "Education").child(el("ol", "entries").kids(items))
}

fn skills(person: &Person) -> El {
    let chips = person.skills.iter().map(|s| el("li", "chip").text(s));
    section("skills", "Skills").child(el("ul", "row wrap gap-8 chips").kids(chips))
}
