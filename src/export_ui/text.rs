//! What the export UI says, as `_locales` message names with their substitutions: the browser
//! crates only look the names up.

pub use crate::i18n::Text;
use crate::i18n::{Day, clock_time};
use crate::protocol::{ExportBlock, ExportStep, PdfFailure, QuotaSource, QuotaView};

/// Why the export button is disabled (PRODUCT.md E1).
pub fn block_text(block: &ExportBlock) -> Text {
    match block {
        ExportBlock::Restricted => Text::message("exportBlockRestricted"),
        ExportBlock::Own => Text::message("exportBlockOwn"),
        ExportBlock::NoPdf => Text::message("exportBlockNoPdf"),
        ExportBlock::LimitReached { resets_at } => match Day::from_rfc3339(resets_at) {
            Some(day) => Text::date("exportBlockLimit", day.without_year(), &[]),
            None => Text::with("exportBlockLimit", &[resets_at]),
        },
        ExportBlock::SignedOut => Text::message("exportBlockSignedOut"),
        ExportBlock::NoPermission => Text::message("exportBlockNoPermission"),
        ExportBlock::NotExportable => Text::message("exportBlockNotExportable"),
        ExportBlock::SeveralMatches => Text::message("exportBlockSeveralMatches"),
        ExportBlock::DisabledByPolicy => Text::message("exportBlockDisabled"),
    }
}

/// "N of M left this month" (PRODUCT.md E6), worded by N.
pub fn quota_text(quota: &QuotaView) -> Text {
    Text::count("quotaLeft", quota.remaining, &[&quota.limit.to_string()])
}

/// Who keeps the count (issue #18): the CRM for all the user's devices, and when it last
/// confirmed it; or this browser alone, for a CRM without a usage count.
pub fn quota_source_text(quota: &QuotaView) -> Text {
    match (quota.source, &quota.confirmed_at) {
        // The worker writes `confirmed_at` as RFC 3339 UTC; one it could not read is no
        // confirmation the user can check.
        (QuotaSource::Crm, Some(at)) => match (Day::from_rfc3339(at), clock_time(at)) {
            (Some(day), Some(time)) => Text::date("quotaSourceCrm", day.without_year(), &[time]),
            _ => Text::message("quotaSourceCrmUnconfirmed"),
        },
        (QuotaSource::Crm, None) => Text::message("quotaSourceCrmUnconfirmed"),
        (QuotaSource::Browser, _) => Text::message("quotaSourceBrowser"),
    }
}

/// "N of them saved with the site's own Save to PDF menu", when there are any (issue #18).
pub fn quota_manual_text(quota: &QuotaView) -> Option<Text> {
    (quota.manual > 0).then(|| Text::count("quotaManual", quota.manual, &[]))
}

/// What to do when the site would not hand over the PDF.
pub fn pdf_failure_text(failure: PdfFailure) -> Text {
    Text::message(match failure {
        PdfFailure::SiteRefused => "pdfSiteRefused",
        PdfFailure::SiteError => "pdfSiteError",
        PdfFailure::Network => "pdfNetwork",
        PdfFailure::OptedOut => "pdfOptedOut",
        PdfFailure::RateLimited => "pdfRateLimited",
        PdfFailure::NotOffered => "pdfNotOffered",
    })
}

/// The name of a step, as the progress list shows it (PRODUCT.md E3).
pub fn step_text(step: ExportStep) -> Text {
    Text::message(match step {
        ExportStep::Check => "stepCheck",
        ExportStep::Download => "stepDownload",
        ExportStep::Verify => "stepVerify",
        ExportStep::Parse => "stepParse",
        ExportStep::Save => "stepSave",
        ExportStep::Attach => "stepAttach",
        ExportStep::Assign => "stepAssign",
        ExportStep::Done => "stepDone",
    })
}

/// An outbox entry's state (`pending`, `running`, `failed`) for the popup.
pub fn outbox_state_text(state: &str) -> Text {
    match state {
        "pending" => Text::message("outboxStatePending"),
        "running" => Text::message("outboxStateRunning"),
        "failed" => Text::message("outboxStateFailed"),
        "parked" => Text::message("outboxStateParked"),
        "waiting_for_sign_in" => Text::message("outboxStateWaitingForSignIn"),
        other => Text::Plain(other.to_string()),
    }
}

#[cfg(test)]
mod source_tests {
    use super::*;

    // proves E6 (issue #18): the popup and the panel say who keeps the count, and since when.
    #[test]
    fn the_count_says_who_keeps_it() {
        let mut view = QuotaView {
            remaining: 0,
            limit: 200,
            resets_at: "2027-01-01T00:00:00Z".into(),
            ..Default::default()
        };
        assert_eq!(
            quota_source_text(&view),
            Text::message("quotaSourceBrowser")
        );
        view.source = QuotaSource::Crm;
        assert_eq!(
            quota_source_text(&view),
            Text::message("quotaSourceCrmUnconfirmed")
        );
        view.confirmed_at = Some("2026-12-06T18:40:05Z".into());
        assert_eq!(
            quota_source_text(&view),
            Text::date(
                "quotaSourceCrm",
                Day {
                    year: None,
                    month: 12,
                    day: 6
                },
                &["18:40"]
            )
        );
    }
}
