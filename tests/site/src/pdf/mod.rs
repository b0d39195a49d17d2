//! The profile PDFs behind "Save to PDF", written by hand: a small PDF writer
//! (`writer`), WinAnsi text (`winansi`) measured with the standard fonts' widths
//! (`metrics`), a column flow with page breaks (`layout`), the file assembly (`document`)
//! and the real layout's content (`profile`). No compression, no embedded fonts.

mod document;
mod layout;
mod metrics;
mod profile;
mod winansi;
mod writer;

pub use profile::render as profile_pdf;
