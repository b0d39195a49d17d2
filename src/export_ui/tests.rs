use super::*;
use crate::protocol::{PdfFailure, QuotaView};

const PAGE: PageFacts = PageFacts {
    restricted: false,
    own: false,
    pdf_offered: true,
};

fn view(block: Option<ExportBlock>) -> ExportContextView {
    ExportContextView {
        quota: Some(QuotaView {
            remaining: 12,
            limit: 200,
            resets_at: "2026-12-01T00:00:00Z".into(),
            ..Default::default()
        }),
        block,
        can_assign: true,
        default_pool: None,
    }
}

fn ready() -> ExportPanel {
    let mut panel = ExportPanel::default();
    panel.apply(Action::ContextLoaded(view(None)));
    panel
}

fn item(id: i64, label: &str) -> CatalogItem {
    CatalogItem {
        id,
        label: label.into(),
    }
}

fn statuses(panel: &ExportPanel) -> Vec<&'static str> {
    panel
        .progress()
        .unwrap_or_default()
        .into_iter()
        .map(|(_, status)| status.as_str())
        .collect()
}

fn message(text: Option<Text>) -> Option<&'static str> {
    match text {
        Some(Text::Message { name, .. }) => Some(name),
        _ => None,
    }
}

// proves E1: the page's own facts disable the button at once, each with its reason.
#[test]
fn page_facts_disable_the_button_with_their_reason() {
    let panel = ready();
    for (page, reason) in [
        (
            PageFacts {
                restricted: true,
                ..PAGE
            },
            "exportBlockRestricted",
        ),
        (PageFacts { own: true, ..PAGE }, "exportBlockOwn"),
        (
            PageFacts {
                pdf_offered: false,
                ..PAGE
            },
            "exportBlockNoPdf",
        ),
    ] {
        let button = panel.button(&page);
        assert!(!button.enabled);
        assert_eq!(message(button.reason), Some(reason));
    }
    assert_eq!(
        panel.button(&PAGE),
        ButtonView {
            enabled: true,
            reason: None,
            shown: true
        }
    );
}

// proves E1, E6: the worker's block disables the button; at the limit it says when it resets.
#[test]
fn worker_blocks_disable_the_button() {
    let mut panel = ExportPanel::default();
    assert!(
        !panel.button(&PAGE).enabled,
        "disabled until the worker answers"
    );
    assert_eq!(panel.button(&PAGE).reason, None);
    panel.apply(Action::ContextLoaded(view(Some(
        ExportBlock::LimitReached {
            resets_at: "2026-12-01T00:00:00Z".into(),
        },
    ))));
    assert_eq!(
        panel.button(&PAGE).reason,
        Some(Text::date(
            "exportBlockLimit",
            crate::i18n::Day {
                year: None,
                month: 12,
                day: 1
            },
            &[]
        ))
    );
    panel.apply(Action::ContextLoaded(view(Some(ExportBlock::SignedOut))));
    assert_eq!(
        message(panel.button(&PAGE).reason),
        Some("exportBlockSignedOut")
    );
    panel.apply(Action::ContextFailed("CRM down".into()));
    assert_eq!(
        panel.button(&PAGE).reason,
        Some(Text::Plain("CRM down".into()))
    );
}

// proves A2: export switched off by the organisation's policy shows no button at all, whatever
// the page (Features.Export = false).
#[test]
fn export_off_by_policy_hides_the_button() {
    let mut panel = ExportPanel::default();
    assert!(panel.button(&PAGE).shown, "shown while the worker is asked");
    panel.apply(Action::ContextLoaded(view(Some(
        ExportBlock::DisabledByPolicy,
    ))));
    let hidden = ButtonView {
        enabled: false,
        reason: None,
        shown: false,
    };
    assert_eq!(panel.button(&PAGE), hidden);
    let own = PageFacts { own: true, ..PAGE };
    assert_eq!(panel.button(&own), hidden);
    panel.apply(Action::ContextLoaded(view(Some(ExportBlock::SignedOut))));
    assert!(panel.button(&PAGE).shown);
}

// proves E6: the panel's quota line is "N of M left this month".
#[test]
fn quota_line() {
    assert_eq!(ExportPanel::default().quota(), None);
    assert_eq!(
        ready().quota(),
        Some(Text::count("quotaLeft", 12, &["200"]))
    );
}

// proves E6, L1: the reset day is a day for the catalogue to word; an instant that is no
// date is shown as it came.
#[test]
fn the_reset_day_is_worded_by_the_catalogue() {
    let text = |resets_at: &str| {
        block_text(&ExportBlock::LimitReached {
            resets_at: resets_at.into(),
        })
    };
    assert!(matches!(
        text("2027-01-01T00:00:00Z"),
        Text::Date { day, .. } if day.month == 1 && day.day == 1 && day.year.is_none()
    ));
    assert_eq!(text("soon"), Text::with("exportBlockLimit", &["soon"]));
}

// proves E2: only the answer to the latest query is listed; picks stay listed whatever the
// search, and go into the export's choices.
#[test]
fn search_results_and_picks() {
    let mut panel = ready();
    let pools = CatalogKind::Pools;
    panel.apply(Action::Search {
        kind: pools,
        query: "En".into(),
    });
    panel.apply(Action::Search {
        kind: pools,
        query: "Eng".into(),
    });
    panel.apply(Action::Results {
        kind: pools,
        query: "En".into(),
        items: vec![item(9, "Energy")],
    });
    assert!(panel.pools.searching);
    assert!(panel.pools.results.is_empty());
    panel.apply(Action::Results {
        kind: pools,
        query: "Eng".into(),
        items: vec![item(1, "Engineering leaders"), item(2, "Engineers")],
    });
    panel.apply(Action::Toggle {
        kind: pools,
        item: item(2, "Engineers"),
    });
    panel.apply(Action::Results {
        kind: pools,
        query: "Eng".into(),
        items: vec![item(1, "Engineering leaders")],
    });
    let options: Vec<_> = panel
        .pools
        .options()
        .into_iter()
        .map(|(i, picked)| (i.id, picked))
        .collect();
    assert_eq!(options, vec![(2, true), (1, false)]);
    panel.apply(Action::Toggle {
        kind: CatalogKind::Vacancies,
        item: item(7, "Data Scientist (V-102)"),
    });
    panel.apply(Action::Note("  Met at the meetup. ".into()));
    let choices = panel.choices(false);
    assert_eq!(choices.pool_ids, vec![2]);
    assert_eq!(choices.vacancy_ids, vec![7]);
    assert_eq!(choices.note.as_deref(), Some("Met at the meetup."));
    panel.apply(Action::Note("   ".into()));
    assert_eq!(panel.choices(true).note, None);
    assert!(panel.choices(true).confirm_active_applications);
}

// proves E2: an existing contact's pools and vacancies are preselected until the user changes
// them; saving them goes Saving → Saved.
#[test]
fn existing_contact_is_preselected_and_assignable() {
    let contact = ContactCard {
        id: 5,
        pools: vec!["Engineering leaders".into()],
        pool_ids: vec![1],
        vacancies: vec!["Data Scientist".into()],
        vacancy_ids: vec![7],
        ..ContactCard::default()
    };
    let mut panel = ready();
    panel.apply(Action::Open {
        contact: Some(Box::new(contact.clone())),
    });
    assert!(panel.open);
    assert_eq!(panel.pools.selected, vec![item(1, "Engineering leaders")]);
    assert_eq!(panel.vacancies.ids(), vec![7]);
    assert!(panel.can_assign(Some(&contact)));
    assert!(!panel.can_assign(None));
    assert!(!panel.offers_assignment(None));

    panel.apply(Action::Toggle {
        kind: CatalogKind::Pools,
        item: item(1, "Engineering leaders"),
    });
    panel.apply(Action::Close);
    panel.apply(Action::Open {
        contact: Some(Box::new(contact.clone())),
    });
    assert!(panel.pools.selected.is_empty(), "the user's change stays");

    panel.apply(Action::AssignStart);
    assert!(!panel.can_assign(Some(&contact)), "one save at a time");
    assert!(panel.offers_assignment(Some(&contact)));
    panel.apply(Action::Assigned);
    assert_eq!(panel.assign, Assign::Saved);
    panel.apply(Action::AssignStart);
    panel.apply(Action::AssignFailed("no".into()));
    assert_eq!(panel.assign, Assign::Failed("no".into()));
}

// proves E3: every step is shown as it happens, and the end marks them all done.
#[test]
fn a_successful_export_walks_every_step() {
    let mut panel = ready();
    assert_eq!(panel.progress(), None);
    assert!(panel.can_start(&PAGE));
    panel.apply(Action::Start);
    assert!(!panel.can_start(&PAGE));
    assert_eq!(&statuses(&panel)[..2], ["current", "pending"]);
    panel.apply(Action::Ticket {
        ticket: "t1".into(),
    });
    assert_eq!(&statuses(&panel)[..3], ["done", "current", "pending"]);
    assert_eq!(panel.ticket(), Some("t1"));
    panel.apply(Action::PdfSent {
        ticket: "t1".into(),
    });
    assert_eq!(&statuses(&panel)[..3], ["done", "done", "current"]);
    for step in [ExportStep::Parse, ExportStep::Save] {
        panel.apply(Action::Progress {
            ticket: "t1".into(),
            step,
        });
    }
    assert_eq!(
        statuses(&panel),
        [
            "done", "done", "done", "done", "current", "pending", "pending", "pending"
        ]
    );
    // A late, older step never moves progress back.
    panel.apply(Action::Progress {
        ticket: "t1".into(),
        step: ExportStep::Verify,
    });
    assert_eq!(statuses(&panel)[4], "current");
    panel.apply(Action::Outcome {
        ticket: "t1".into(),
        outcome: ExportOutcome::Done {
            contact: Box::default(),
        },
    });
    assert_eq!(statuses(&panel), ["done"; 8]);
    assert!(panel.can_start(&PAGE), "a finished export can be run again");
}

// Messages for another export (another tab's, an older one) change nothing.
#[test]
fn other_tickets_are_ignored() {
    let mut panel = ready();
    panel.apply(Action::Start);
    panel.apply(Action::Ticket {
        ticket: "mine".into(),
    });
    let before = panel.clone();
    for action in [
        Action::PdfSent {
            ticket: "other".into(),
        },
        Action::Progress {
            ticket: "other".into(),
            step: ExportStep::Save,
        },
        Action::Outcome {
            ticket: "other".into(),
            outcome: ExportOutcome::Queued {
                message: "x".into(),
            },
        },
        Action::Ticket {
            ticket: "late".into(),
        },
        Action::Start,
    ] {
        panel.apply(action);
        assert_eq!(panel, before);
    }
}

// proves E5: an update of a contact with active applications waits for the user's confirmation.
#[test]
fn active_applications_need_confirmation() {
    let mut panel = ready();
    panel.apply(Action::Start);
    panel.apply(Action::NeedsConfirmation {
        active_applications: 2,
    });
    assert_eq!(
        panel.run,
        Run::Confirm {
            active_applications: 2
        }
    );
    assert_eq!(statuses(&panel)[0], "waiting");
    panel.apply(Action::CancelConfirm);
    assert_eq!(panel.run, Run::Idle);
    panel.apply(Action::Start);
    panel.apply(Action::NeedsConfirmation {
        active_applications: 2,
    });
    panel.apply(Action::Confirm);
    assert_eq!(panel.run, Run::Checking);
}

// proves E3: a refusal at the check, a failed download, a failed worker step and a queued
// export each say where it stopped.
#[test]
fn failures_say_which_step() {
    let mut refused = ready();
    refused.apply(Action::Start);
    refused.apply(Action::Refused {
        message: "limit".into(),
    });
    assert_eq!(statuses(&refused)[..2], ["failed", "pending"]);

    let mut download = ready();
    download.apply(Action::Start);
    download.apply(Action::Ticket { ticket: "t".into() });
    download.apply(Action::DownloadFailed {
        ticket: "t".into(),
        message: "refused".into(),
    });
    assert_eq!(statuses(&download)[..3], ["done", "failed", "pending"]);

    let mut verify = ready();
    verify.apply(Action::Start);
    verify.apply(Action::Ticket { ticket: "t".into() });
    verify.apply(Action::PdfSent { ticket: "t".into() });
    verify.apply(Action::Outcome {
        ticket: "t".into(),
        outcome: ExportOutcome::Failed {
            step: ExportStep::Verify,
            message: "not a PDF".into(),
        },
    });
    assert_eq!(
        statuses(&verify)[..4],
        ["done", "done", "failed", "pending"]
    );

    let mut queued = ready();
    queued.apply(Action::Start);
    queued.apply(Action::Ticket { ticket: "t".into() });
    queued.apply(Action::PdfSent { ticket: "t".into() });
    queued.apply(Action::Progress {
        ticket: "t".into(),
        step: ExportStep::Save,
    });
    queued.apply(Action::Outcome {
        ticket: "t".into(),
        outcome: ExportOutcome::Queued {
            message: "waits".into(),
        },
    });
    assert_eq!(statuses(&queued)[4], "waiting");
}

#[test]
fn page_facts_of_a_profile() {
    let profile = Profile {
        key: crate::profile::ProfileKey::PublicId("x".into()),
        visibility: Visibility::Limited,
        own: false,
        facts: Default::default(),
        pdf_offered: true,
    };
    assert_eq!(
        page_facts(&profile),
        PageFacts {
            restricted: true,
            own: false,
            pdf_offered: true
        }
    );
    assert_eq!(
        pdf_failure_text(PdfFailure::SiteRefused),
        Text::message("pdfSiteRefused")
    );
}

fn card(id: i64, location: &str) -> ContactCard {
    ContactCard {
        id,
        full_name: "Margaret Hamilton".into(),
        title: Some("Director of Software Engineering".into()),
        company: Some("MIT Instrumentation Lab".into()),
        location: Some(location.into()),
        pools: vec!["Engineering leaders".into()],
        pool_ids: vec![1],
        url: format!("http://crm/contacts/{id}"),
        ..ContactCard::default()
    }
}

// proves B3: "Update this one" opens the panel aimed at the picked contact, with its pools;
// the export carries its id, and "not this person" on it takes the aim away.
#[test]
fn picking_one_of_several_matches_aims_the_export_at_it() {
    let mut panel = ready();
    assert_eq!(panel.choices(false).contact_id, None);
    panel.apply(Action::Pick {
        contact: Box::new(card(6, "Cambridge")),
    });
    assert!(panel.open);
    assert_eq!(panel.target, Some(6));
    assert_eq!(panel.pools.ids(), vec![1]);
    assert_eq!(panel.choices(false).contact_id, Some(6));
    assert_eq!(panel.choices(true).contact_id, Some(6));

    panel.apply(Action::Unpick { contact_id: 5 });
    assert_eq!(panel.target, Some(6));
    panel.apply(Action::Unpick { contact_id: 6 });
    assert_eq!(panel.choices(false).contact_id, None);

    // Once an export runs, a new pick does not change what it writes to.
    panel.apply(Action::Pick {
        contact: Box::new(card(5, "Cambridge")),
    });
    panel.apply(Action::Start);
    panel.apply(Action::Close);
    panel.apply(Action::Pick {
        contact: Box::new(card(6, "Cambridge")),
    });
    assert!(panel.open);
    assert_eq!(panel.target, Some(5));
}

// proves E5: the preview is the CRM's own merge of what the page shows into the card: the
// location is replaced, a new title appended, what is already there left alone.
#[test]
fn the_update_preview_follows_the_merge_rule() {
    use crate::merge::{ChangeKind, Field};
    let person = PersonQuery {
        name: Some("Margaret Hamilton".into()),
        title: Some("Director of Software Engineering".into()),
        company: Some("MIT Instrumentation Lab".into()),
        location: Some("Boston, Massachusetts, United States".into()),
        ..PersonQuery::default()
    };
    let changes = update_preview(&card(5, "Cambridge, Massachusetts, United States"), &person);
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].field, Field::Location);
    assert_eq!(changes[0].kind, ChangeKind::Replaced);
    assert_eq!(
        changes[0].before.as_deref(),
        Some("Cambridge, Massachusetts, United States")
    );
    assert_eq!(
        changes[0].after.as_deref(),
        Some("Boston, Massachusetts, United States")
    );

    let moved_on = PersonQuery {
        title: Some("CEO".into()),
        ..person.clone()
    };
    let changes = update_preview(&card(5, "Boston, Massachusetts, United States"), &moved_on);
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].field, Field::Title);
    assert_eq!(changes[0].kind, ChangeKind::Appended);
    assert_eq!(
        changes[0].after.as_deref(),
        Some("Director of Software Engineering | CEO")
    );
    let same = update_preview(&card(5, "Boston, Massachusetts, United States"), &person);
    assert!(same.is_empty());
}
