//! A profile in the current design, shaped like the real top card (see
//! `shared/corpus/html/costa-vasili_2026_topcard.html`): a `<section componentkey=
//! "com.linkedin.sdui.profile.card.ref<memberId>Topcard">`, the name in an `h2` inside a link
//! to the canonical URL, and the rest as unclassed-text `<p>`s. Sections below carry
//! `componentkey`s of the same family.

use super::parts::{Icon, avatar, cover, date_range, icon, pill, render_key, thousands};
use super::{Ctx, Page, dialogs};
use crate::html::{El, Node, el};
use crate::lang::{Words, fill};
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
    let key = |suffix: &str| {
        format!(
            "com.linkedin.sdui.profile.card.ref{}{suffix}",
            person.member_id
        )
    };

    let mut column: Vec<Node> = vec![
        top_card(w, person, own, limited)
            .attr("componentkey", key("Topcard"))
            .into(),
    ];
    if own {
        column.push(analytics(w).attr("componentkey", key("Analytics")).into());
    }
    if !limited {
        if !person.about.is_empty() {
            column.push(about(w, person).attr("componentkey", key("About")).into());
        }
        column.push(
            experience(w, person)
                .attr("componentkey", key("ExperienceTopLevelSection"))
                .into(),
        );
        column.push(
            education(w, person)
                .attr("componentkey", key("EducationTopLevelSection"))
                .into(),
        );
        if !person.skills.is_empty() {
            column.push(skills(w, person).attr("componentkey", key("Skills")).into());
        }
    }
    let mut main = vec![
        el("div", "profile-grid")
            .child(el("div", "profile-column").kids(column))
            .child(more_profiles(ctx, person))
            .into(),
    ];
    main.extend(dialogs::for_sub_path(w, person, rest, own, limited));

    let mut page = Page::new(format!("{name} | LinkedIn"), main);
    if !limited {
        page.og = vec![
            ("og:title", format!("{} | LinkedIn", person.name)),
            ("og:type", "profile".into()),
            ("og:url", person.profile_url()),
            ("og:description", person.headline.clone()),
        ];
        page.subject = Some(person.clone());
    }
    page
}

fn top_card(w: &Words, person: &Person, own: bool, limited: bool) -> El {
    let name = if limited {
        w.limited_name
    } else {
        person.name.as_str()
    };
    let link = if limited {
        format!("https://www.linkedin.com/in/{}/", person.member_id)
    } else {
        person.profile_url()
    };
    let photo = el("div", "photo-slot")
        .attr("role", "button")
        .attr("tabindex", "0")
        .attr("componentkey", "topcard-logo-image-referencekey")
        .child(
            el("div", "photo-frame")
                .attr("componentkey", "topcard-logo-image-referencekey")
                .attr("aria-label", w.profile_photo)
                .child(avatar(&person.public_id, "photo-152")),
        );
    let corner = if own {
        el("div", "corner").child(
            el("a", "icon-btn")
                .attr("aria-label", w.edit_intro)
                .attr(
                    "href",
                    format!("/in/{}/edit/intro/", url::encode(&person.public_id)),
                )
                .child(icon(Icon::Pencil)),
        )
    } else {
        el("div", "corner").child(
            el("a", "icon-btn")
                .attr("href", link.clone())
                .attr("componentkey", render_key())
                .attr("aria-label", fill(w.manage_notifications, "name", name))
                .child(el("span", "icon-wrap").child(icon(Icon::Bell))),
        )
    };
    let key = render_key();
    let name_link = el("div", "name-popover")
        .attr("aria-expanded", "false")
        .attr("aria-haspopup", "dialog")
        .child(
            el("div", "contents")
                .attr("data-display-contents", "true")
                .child(
                    el("a", "name-link")
                        .attr("tabindex", "0")
                        .attr("href", link)
                        .attr("componentkey", key.clone())
                        .child(
                            el("div", "row")
                                .attr("componentkey", key)
                                .child(el("div", "row gap-4").child(el("h2", "name").text(name))),
                        ),
                ),
        );
    let mut name_row = el("div", "row wrap gap-4 baseline").child(name_link);
    if let Some(pronouns) = person.pronouns.as_ref().filter(|_| !limited) {
        name_row = name_row.child(el("p", "muted small").text(pronouns));
    }
    if let Some(degree) = w.degree(person.degree).filter(|_| !own) {
        name_row = name_row.child(el("p", "muted small").text(format!("· {degree}")));
    }

    let mut info = el("div", "info").child(name_row);
    if !limited {
        info = info.child(el("p", "headline").text(&person.headline));
        let org = if person.school.is_empty() {
            person.company.clone()
        } else {
            format!("{} · {}", person.company, person.school)
        };
        info = info.child(el("p", "small").text(org)).child(
            el("div", "row gap-4 small muted")
                .child(el("p", "muted small").text(&person.location))
                .child(el("p", "muted small").text("·"))
                .child(
                    el("p", "small").child(
                        el("a", "link strong")
                            .attr(
                                "href",
                                format!(
                                    "/in/{}/overlay/contact-info/",
                                    url::encode(&person.public_id)
                                ),
                            )
                            .text(w.contact_info),
                    ),
                ),
        );
    }

    let mut card = el("section", "card topcard")
        .child(cover(w.cover_photo))
        .child(photo)
        .child(corner)
        .child(info);
    if !limited {
        card = card
            .child(
                el("div", "row gap-8 small followers").child(el("p", "muted small").text(fill(
                    &fill(
                        w.followers_connections,
                        "followers",
                        thousands(person.followers).replace(',', w.thousands),
                    ),
                    "connections",
                    connections(person.connections),
                ))),
            )
            .child_opt((person.degree == 2).then(|| mutual_connection(w)));
    }
    card.child(actions(w, person, own, limited))
}

fn connections(n: u32) -> String {
    if n >= 500 {
        "500+".into()
    } else {
        n.to_string()
    }
}

/// A line about *another* person inside the top card, as the real one has.
fn mutual_connection(w: &Words) -> El {
    el("a", "mutual")
        .attr("href", "/in/grace-hopper/")
        .attr("componentkey", render_key())
        .child(
            el("p", "small muted")
                .child(el("strong", "strong").text("Grace Hopper"))
                .text(w.is_mutual_connection),
        )
}

fn actions(w: &Words, person: &Person, own: bool, limited: bool) -> El {
    let name = if limited {
        w.limited_name
    } else {
        person.name.as_str()
    };
    let mut row = el("div", "row wrap gap-8 actions");
    if own {
        row = row
            .child(pill("btn btn-primary", w.open_to, Some(w.open_to.into())))
            .child(pill(
                "btn btn-secondary",
                w.add_profile_section,
                Some(w.add_profile_section.into()),
            ))
            .child(pill("btn btn-tertiary", w.enhance_profile, None));
    } else {
        let message = el("a", "btn btn-secondary")
            .attr("aria-label", fill(w.message_to, "name", name))
            .attr("componentkey", render_key())
            .attr(
                "href",
                format!(
                    "/messaging/compose/?profileUrn={}&recipient={}&screenContext=NON_SELF_PROFILE_VIEW&interop=msgOverlay",
                    url::encode(&person.urn()),
                    person.member_id
                ),
            )
            .child(el("span", "btn-text").text(w.message));
        let connect = pill(
            "btn btn-primary",
            w.connect,
            Some(fill(w.invite_to_connect, "name", name)),
        );
        row = if person.degree == 1 {
            row.child(message.attr("data-primary", ""))
        } else if limited {
            row.child(connect)
        } else {
            row.child(connect).child(message)
        };
    }
    row.child(more_menu(w, person, limited))
}

/// "More": a menu the site script opens; "Save to PDF" only where the site offers it.
fn more_menu(w: &Words, person: &Person, limited: bool) -> El {
    let item = |label: &str| {
        el("div", "menu-item")
            .attr("role", "menuitem")
            .attr("tabindex", "0")
            .attr("aria-label", label)
            .child(el("span", "").text(label))
    };
    let mut menu = el("div", "menu").attr("role", "menu").attr("hidden", "");
    if !limited && !person.no_pdf {
        menu = menu.child(item(w.save_to_pdf).attr("data-public-id", person.public_id.clone()));
    }
    menu = menu
        .child(item(w.send_profile))
        .child(item(w.report_or_block));
    el("div", "menu-anchor")
        .child(
            el("button", "btn btn-tertiary")
                .attr("type", "button")
                .attr("aria-label", w.more_actions)
                .attr("aria-expanded", "false")
                .attr("aria-haspopup", "menu")
                .attr("data-menu-toggle", "")
                .child(el("span", "btn-text").text(w.more)),
        )
        .child(menu)
}

fn section(title: &str) -> El {
    el("section", "card section")
        .child(el("div", "section-head").child(el("h2", "section-title").text(title)))
}

fn analytics(w: &Words) -> El {
    section(w.analytics)
        .child(el("p", "muted small").text(w.private_to_you))
        .child(el("p", "").text(w.analytics_line))
}

fn about(w: &Words, person: &Person) -> El {
    section(w.about).child(el("div", "prose").child(el("p", "").text(&person.about)))
}

fn experience(w: &Words, person: &Person) -> El {
    let items = person.experience.iter().map(|job| {
        let company_line = if job.employment_type.is_empty() {
            job.company.clone()
        } else {
            format!("{} · {}", job.company, job.employment_type)
        };
        el("li", "entry")
            .attr(
                "componentkey",
                format!("entity-collection-item-{}", render_key()),
            )
            .child(avatar(&job.company, "logo-48"))
            .child(
                el("div", "col")
                    .child(el("p", "strong").text(&job.title))
                    .child(el("p", "small").text(company_line))
                    .child(el("p", "small muted").text(date_range(
                        w,
                        &job.start,
                        job.end.as_deref(),
                    )))
                    .child_opt(
                        (!job.location.is_empty())
                            .then(|| el("p", "small muted").text(&job.location)),
                    )
                    .child_opt(
                        (!job.description.is_empty())
                            .then(|| el("p", "small").text(&job.description)),
                    ),
            )
    });
    section(w.experience).child(el("ul", "entries").kids(items))
}

fn education(w: &Words, person: &Person) -> El {
    let items = person.education.iter().map(|school| {
        let degree = [school.degree.as_str(), school.field.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        el("li", "entry")
            .attr(
                "componentkey",
                format!("entity-collection-item-{}", render_key()),
            )
            .child(avatar(&school.school, "logo-48"))
            .child(
                el("div", "col")
                    .child(el("p", "strong").text(&school.school))
                    .child_opt((!degree.is_empty()).then(|| el("p", "small").text(degree)))
                    .child(
                        el("p", "small muted").text(format!("{} - {}", school.start, school.end)),
                    ),
            )
    });
    section(w.education).child(el("ul", "entries").kids(items))
}

fn skills(w: &Words, person: &Person) -> El {
    let items = person
        .skills
        .iter()
        .map(|skill| el("li", "entry").child(el("p", "strong").text(skill)));
    section(w.skills).child(el("ul", "entries").kids(items))
}

/// The right rail: other people, with names and `/in/` links, inside `<main>`.
fn more_profiles(ctx: &Ctx<'_>, person: &Person) -> El {
    let others = ctx
        .site
        .people
        .search("")
        .into_iter()
        .filter(|p| {
            p.public_id != person.public_id && p.visibility == crate::people::Visibility::Public
        })
        .take(3);
    let items = others.map(|p| {
        el("li", "rail-entry").child(
            el("a", "row gap-8")
                .attr("href", p.profile_url())
                .child(avatar(&p.public_id, "photo-48"))
                .child(
                    el("div", "col")
                        .child(el("p", "strong").text(&p.name))
                        .child(el("p", "small muted").text(&p.headline)),
                ),
        )
    });
    el("aside", "rail")
        .attr("aria-label", ctx.words().more_profiles)
        .child(
            el("section", "card section")
                .child(el("p", "section-title").text(ctx.words().more_profiles))
                .child(el("ul", "entries").kids(items)),
        )
}
