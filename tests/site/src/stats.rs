//! Counters tests read through `GET /_test/stats` and zero with `POST /_test/reset`.

use serde::Serialize;
use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Debug, Default)]
pub struct Stats {
    page_loads: AtomicU64,
    fragment_loads: AtomicU64,
    more_results_loads: AtomicU64,
    sign_ins: AtomicU64,
    csp_reports: AtomicU64,
    pdf_actions: AtomicU64,
    pdf_downloads: AtomicU64,
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
    /// "Save to PDF" actions answered with a PDF URL.
    PdfAction,
    /// Profile PDFs served.
    PdfDownload,
}

/// The JSON body of `/_test/stats`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Snapshot {
    pub page_loads: u64,
    pub fragment_loads: u64,
    pub more_results_loads: u64,
    pub sign_ins: u64,
    pub csp_reports: u64,
    pub pdf_actions: u64,
    pub pdf_downloads: u64,
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
            Counter::PdfDownload => &self.pdf_downloads,
        }
    }

    pub fn bump(&self, counter: Counter) {
        self.cell(counter).fetch_add(1, Ordering::Relaxed);
    }

    pub fn snapshot(&self) -> Snapshot {
        let get = |c| self.cell(c).load(Ordering::Relaxed);
        Snapshot {
            page_loads: get(Counter::PageLoad),
            fragment_loads: get(Counter::FragmentLoad),
            more_results_loads: get(Counter::MoreResults),
            sign_ins: get(Counter::SignIn),
            csp_reports: get(Counter::CspReport),
            pdf_actions: get(Counter::PdfAction),
            pdf_downloads: get(Counter::PdfDownload),
        }
    }

    pub fn reset(&self) {
        for c in [
            Counter::PageLoad,
            Counter::FragmentLoad,
            Counter::MoreResults,
            Counter::SignIn,
            Counter::CspReport,
            Counter::PdfAction,
            Counter::PdfDownload,
        ] {
            self.cell(c).store(0, Ordering::Relaxed);
        }
    }
}
