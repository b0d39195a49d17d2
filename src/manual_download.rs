//! PDFs the user saves with the site's own "More → Save to PDF" menu (issue #18, PRODUCT.md
//! E6): the site counts them against the same monthly limit as our exports, so they count
//! here too, as manual downloads on their own line.
//!
//! How they are seen: the browser's record of finished downloads (`chrome.downloads`). The
//! content script's isolated world cannot see the page's own requests without patching them,
//! and Resource Timing gives only a URL and a status (and lists our exports' requests too). A
//! download is what the menu leaves behind: the site answers its action with a link, the page
//! goes to it, and the PDF comes as an attachment. Our exports never download: the content
//! script fetches the PDF and hands its bytes to the worker, so no export is counted twice. A
//! page script firing the site's action without a PDF download finishing leaves nothing here.
//!
//! Counted by commit under a ticket named after the download, so counting it again (a second
//! event, a worker woken twice) changes nothing, and a CRM out of reach gets it later
//! (`usage_quota`: unconfirmed commits are sent again).

use crate::outbox::JobOwner;
use crate::platform::{Host, Quota};
use serde::Deserialize;

/// The start of every manual download's ticket; exports' tickets are UUIDs.
pub const TICKET_PREFIX: &str = "manual-";

/// What the browser records of one download (`downloads.DownloadItem`), as far as counting
/// needs it.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Download {
    pub id: i64,
    /// The address the download was asked from, and the one it finally came from.
    pub url: String,
    pub final_url: String,
    pub mime: String,
    /// `in_progress`, `interrupted` or `complete`.
    pub state: String,
    /// When it started (ISO 8601).
    pub start_time: String,
}

/// What became of a finished download.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Counted {
    /// A profile PDF of the site: counted for the signed-in user.
    Counted,
    /// Not one of the site's PDFs, or not finished.
    NotTheSites,
    /// Nobody is signed in: there is no user to count it for.
    SignedOut,
}

/// The ticket `download` counts under, if it is a PDF the site served and the browser finished
/// saving: `manual-<id>-<start time's digits>` (download ids start again after the browser's
/// history is cleared; the start time tells two apart).
pub fn ticket(download: &Download) -> Option<String> {
    let finished = download.state == "complete";
    let pdf = download
        .mime
        .split(';')
        .next()
        .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/pdf"));
    let from_site = [&download.url, &download.final_url]
        .into_iter()
        .filter(|u| !u.is_empty())
        .any(|u| crate::export_ui::site_pdf::on_site(u));
    let started: String = download
        .start_time
        .chars()
        .filter(char::is_ascii_digit)
        .take(20)
        .collect();
    (finished && pdf && from_site && download.id >= 0)
        .then(|| format!("{TICKET_PREFIX}{}-{started}", download.id))
}

/// Whether a ticket is a manual download's.
pub fn is_manual(ticket: &str) -> bool {
    ticket.starts_with(TICKET_PREFIX)
}

/// Counts a finished download for the signed-in user, if it is one of the site's PDFs. The site
/// already served it: it is committed whatever the limit says (the count can only show 0 left).
pub async fn count(p: &(impl Host + Quota), download: &Download) -> Counted {
    let Some(ticket) = ticket(download) else {
        return Counted::NotTheSites;
    };
    let Some((crm, token)) = p.session().await else {
        return Counted::SignedOut;
    };
    // Whose it is needs the CRM's word; out of reach now, the commit cannot be named.
    let Ok(user_id) = p.user_id(&crm, &token).await else {
        return Counted::SignedOut;
    };
    let owner = JobOwner::new(&crm, user_id).key();
    p.commit(&owner, &ticket).await;
    Counted::Counted
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pdf(url: &str) -> Download {
        Download {
            id: 7,
            url: url.into(),
            final_url: url.into(),
            mime: "application/pdf".into(),
            state: "complete".into(),
            start_time: "2026-12-06T21:03:04.567Z".into(),
        }
    }

    // proves E6 (issue #18): only a finished PDF from the site's own hosts counts, under a name
    // that is the same each time it is seen and that the CRM's ticket rule takes.
    #[test]
    fn a_finished_pdf_of_the_site_counts_once_by_name() {
        let site = pdf("https://www.linkedin.com/ambry/?x-li-ambry-ep=AQ&m=profile");
        assert_eq!(ticket(&site).as_deref(), Some("manual-7-20261206210304567"));
        assert_eq!(ticket(&site), ticket(&site.clone()));
        assert!(is_manual(&ticket(&site).unwrap_or_default()));
        let later = Download {
            start_time: "2027-01-02T00:00:00.000Z".into(),
            ..site.clone()
        };
        assert_ne!(ticket(&later), ticket(&site));
        let charset = Download {
            mime: "Application/PDF; charset=binary".into(),
            ..site.clone()
        };
        assert!(ticket(&charset).is_some());

        for not_counted in [
            Download {
                state: "in_progress".into(),
                ..site.clone()
            },
            Download {
                state: "interrupted".into(),
                ..site.clone()
            },
            Download {
                mime: "text/html".into(),
                ..site.clone()
            },
            pdf("https://evil.example/ambry/x.pdf"),
            pdf("https://www.linkedin.com.evil.example/x.pdf"),
            pdf("http://www.linkedin.com/ambry/x"),
            Download {
                id: -1,
                ..site.clone()
            },
            Download::default(),
        ] {
            assert_eq!(ticket(&not_counted), None, "{not_counted:?}");
        }
    }
}
