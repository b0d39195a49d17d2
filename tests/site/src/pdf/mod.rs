//! The profile PDFs behind "Save to PDF", written by hand: a small PDF writer
//! (`writer`), WinAnsi text (`winansi`) measured with the standard fonts' widths
//! (`metrics`), a Unicode font for the lines WinAnsi cannot show (`cid_font`), a column flow
//! with page breaks (`layout`), the file assembly (`document`), and the real layout's content
//! (`profile`, `experience`) in the words of an interface language (`interface`).

mod cid_font;
mod document;
mod experience;
mod interface;
mod layout;
mod metrics;
mod profile;
mod styles;
mod translations;
mod winansi;
mod writer;

#[cfg(test)]
mod parse_tests;
#[cfg(test)]
mod samples;

pub use profile::in_language as profile_pdf;
