//! Counters tests read through `GET /_test/stats` and zero with `POST /_test/reset`.

use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Debug, Default)]
pub struct Stats {
    page_loads: AtomicU64,
    fragment_loads: AtomicU64,
    more_results_loads: AtomicU64,
    sign_ins: AtomicU64,
    csp_reports: AtomicU64,
    pdf_actions: AtomicU64,
    graphql_actions: AtomicU64,
    bundle_reads: AtomicU64,
    pdf_downloads: AtomicU64,
    /// Per public id and the last PDF served; changed under one lock with `pdf_downloads`.
    pdf_served: Mutex<PdfServed>,
}

#[derive(Debug, Default)]
struct PdfServed {
    by_id: BTreeMap<String, u64>,
    last: Option<LastPdf>,
}

/// The JSON of `/_test/last-pdf-sha256`: the most recent PDF body served (nulls before any).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct LastPdf {
    pub public_id: Option<String>,
    /// Lower-case hex, as the CRM reports attachments.
    pub sha256: Option<String>,
    pub size: u64,
}

/// What a counter counts.
#[derive(Clone, Copy, Debug)]
pub enum Counter {
    /// Full HTML documents served.
    PageLoad,
    /// `x-fragment: 1` responses (client-side navigation).
    FragmentLoad,
    /// Lazily appended search result batches.
    MoreResults,
    /// Sessions started (cookies set).
    SignIn,
    /// CSP violation reports the browser sent.
    CspReport,
    /// "Save to PDF" actions answered with a PDF URL (either action).
    PdfAction,
    /// Of those, the GraphQL action's.
    GraphqlAction,
    /// Script bundles read other than by the page's `<script>` (one read is one discovery).
    BundleRead,
    /// Profile PDFs served (200 `application/pdf` bodies); bump with `pdf_download`.
    PdfDownload,
}

/// The JSON body of `/_test/stats`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Snapshot {
    pub page_loads: u64,
    pub fragment_loads: u64,
    pub more_results_loads: u64,
    pub sign_ins: u64,
    pub csp_reports: u64,
    pub pdf_actions: u64,
    pub graphql_actions: u64,
    pub bundle_reads: u64,
    pub pdf_downloads: u64,
    /// Public id → PDFs served for that person.
    pub pdf_downloads_by_id: BTreeMap<String, u64>,
}

impl Stats {
    fn cell(&self, counter: Counter) -> &AtomicU64 {
        match counter {
            Counter::PageLoad => &self.page_loads,
            Counter::FragmentLoad => &self.fragment_loads,
            Counter::MoreResults => &self.more_results_loads,
            Counter::SignIn => &self.sign_ins,
            Counter::CspReport => &self.csp_reports,
            Counter::PdfAction => &self.pdf_actions,
            Counter::GraphqlAction => &self.graphql_actions,
            Counter::BundleRead => &self.bundle_reads,
            Counter::PdfDownload => &self.pdf_downloads,
        }
    }

    pub fn bump(&self, counter: Counter) {
        self.cell(counter).fetch_add(1, Ordering::Relaxed);
    }

    fn served(&self) -> std::sync::MutexGuard<'_, PdfServed> {
        self.pdf_served.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// One profile PDF served. Total, per-person count and "last" move together, so a
    /// snapshot never shows one without the others.
    pub fn pdf_download(&self, public_id: &str, body: &[u8]) {
        let sha256 = talent_bridge::sha256::hex(body);
        let mut served = self.served();
        *served.by_id.entry(public_id.to_string()).or_default() += 1;
        served.last = Some(LastPdf {
            public_id: Some(public_id.to_string()),
            sha256: Some(sha256),
            size: u64::try_from(body.len()).unwrap_or(u64::MAX),
        });
        self.bump(Counter::PdfDownload);
    }

    pub fn last_pdf(&self) -> LastPdf {
        self.served().last.clone().unwrap_or_default()
    }

    pub fn snapshot(&self) -> Snapshot {
        let served = self.served();
        let get = |c| self.cell(c).load(Ordering::Relaxed);
        Snapshot {
            page_loads: get(Counter::PageLoad),
            fragment_loads: get(Counter::FragmentLoad),
            more_results_loads: get(Counter::MoreResults),
            sign_ins: get(Counter::SignIn),
            csp_reports: get(Counter::CspReport),
            pdf_actions: get(Counter::PdfAction),
            graphql_actions: get(Counter::GraphqlAction),
            bundle_reads: get(Counter::BundleRead),
            pdf_downloads: get(Counter::PdfDownload),
            pdf_downloads_by_id: served.by_id.clone(),
        }
    }

    pub fn reset(&self) {
        let mut served = self.served();
        *served = PdfServed::default();
        for c in [
            Counter::PageLoad,
            Counter::FragmentLoad,
            Counter::MoreResults,
            Counter::SignIn,
            Counter::CspReport,
            Counter::PdfAction,
            Counter::GraphqlAction,
            Counter::BundleRead,
            Counter::PdfDownload,
        ] {
            self.cell(c).store(0, Ordering::Relaxed);
        }
    }
}
