//! What the export UI says, as `_locales` message names with their substitutions: the browser
//! crates only look the names up.

use crate::protocol::{ExportBlock, ExportStep, PdfFailure, QuotaSource, QuotaView};

/// A user-facing text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Text {
    /// A message of `_locales` and its `$1`, `$2`… substitutions.
    Message {
        name: &'static str,
        args: Vec<String>,
    },
    /// Already in the user's language (the worker wrote it).
    Plain(String),
}

impl Text {
    pub fn message(name: &'static str) -> Self {
        Self::Message {
            name,
            args: Vec::new(),
        }
    }

    pub fn with(name: &'static str, args: &[&str]) -> Self {
        Self::Message {
            name,
            args: args.iter().map(|a| (*a).to_string()).collect(),
        }
    }
}

/// Why the export button is disabled (PRODUCT.md E1).
pub fn block_text(block: &ExportBlock) -> Text {
    match block {
        ExportBlock::Restricted => Text::message("exportBlockRestricted"),
        ExportBlock::Own => Text::message("exportBlockOwn"),
        ExportBlock::NoPdf => Text::message("exportBlockNoPdf"),
        ExportBlock::LimitReached { resets_at } => {
            Text::with("exportBlockLimit", &[reset_day(resets_at)])
        }
        ExportBlock::SignedOut => Text::message("exportBlockSignedOut"),
        ExportBlock::NoPermission => Text::message("exportBlockNoPermission"),
        ExportBlock::NotExportable => Text::message("exportBlockNotExportable"),
        ExportBlock::SeveralMatches => Text::message("exportBlockSeveralMatches"),
        ExportBlock::DisabledByPolicy => Text::message("exportBlockDisabled"),
    }
}

/// "N of M left this month" (PRODUCT.md E6).
pub fn quota_text(quota: &QuotaView) -> Text {
    Text::with(
        "quotaLeft",
        &[&quota.remaining.to_string(), &quota.limit.to_string()],
    )
}

/// Who keeps the count (issue #18): the CRM for all the user's devices, and when it last
/// confirmed it; or this browser alone, for a CRM without a usage count.
pub fn quota_source_text(quota: &QuotaView) -> Text {
    match (quota.source, &quota.confirmed_at) {
        (QuotaSource::Crm, Some(at)) => Text::with("quotaSourceCrm", &[&confirmed_time(at)]),
        (QuotaSource::Crm, None) => Text::message("quotaSourceCrmUnconfirmed"),
        (QuotaSource::Browser, _) => Text::message("quotaSourceBrowser"),
    }
}

/// "N of them saved with the site's own Save to PDF menu", when there are any (issue #18).
pub fn quota_manual_text(quota: &QuotaView) -> Option<Text> {
    (quota.manual > 0).then(|| Text::with("quotaManual", &[&quota.manual.to_string()]))
}

/// `2026-12-06 18:40 UTC` from an RFC 3339 instant (UTC); anything else as it came.
fn confirmed_time(at: &str) -> String {
    match (at.get(..10), at.get(11..16)) {
        (Some(day), Some(time)) if reset_day(at) == day && at.get(10..11) == Some("T") => {
            format!("{day} {time} UTC")
        }
        _ => at.to_string(),
    }
}

/// The day the monthly count starts again, `2026-12-01`, from an RFC 3339 instant (UTC).
pub fn reset_day(resets_at: &str) -> &str {
    let day = resets_at.get(..10).unwrap_or(resets_at);
    let shaped = day.len() == 10
        && day.char_indices().all(|(i, c)| match i {
            4 | 7 => c == '-',
            _ => c.is_ascii_digit(),
        });
    if shaped { day } else { resets_at }
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
            Text::with("quotaSourceCrm", &["2026-12-06 18:40 UTC"])
        );
    }
}
