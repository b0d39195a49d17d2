//! The site's "Save to PDF" profile → fields (PRODUCT.md E3, DESIGN.md §7).
//!
//! Runs inside the service worker's wasm module, where a panic or trap ends the instance: no
//! input may panic, recurse without bound or take seconds. Hence the steps, each bounded:
//! size cap → [`budget`] (decoding work measured before hayro decodes anything) → hayro-syntax
//! (xref repair, objects, streams) → [`runs`] (text-state interpreter, operation and glyph caps)
//! → [`layout`] (lines, columns) → [`sections`] (headings found by their layout, named by
//! their words or by [`classify`]) → [`fields`] ([`top`], [`contact`], [`experience`]).

mod budget;
mod classify;
mod contact;
mod encoding;
mod experience;
mod fields;
mod font;
mod headings;
mod inflate;
mod inline_images;
mod layout;
mod months;
mod runs;
mod sections;
mod top;

use crate::crm::Position;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The largest PDF accepted (PRODUCT.md E3); checked before any parsing.
pub const MAX_PDF_BYTES: usize = 5 * 1024 * 1024;

/// How far into the file the `%PDF-` header may start. Readers accept junk before it (ISO 32000
/// says 1024 bytes, hayro-syntax looks further); a download that starts with an HTML page is not
/// a PDF, and a BOM or whitespace before the header is tolerated.
const HEADER_WINDOW: usize = 1024;

/// What a profile PDF says about the person.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PdfProfile {
    pub name: Option<String>,
    pub headline: Option<String>,
    pub location: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// As printed in the Contact section (`www.linkedin.com/in/…`), else the link annotation.
    pub profile_url: Option<String>,
    /// `None` when the PDF has no Top Skills section (the 2017 layout).
    pub top_skills: Option<Vec<String>>,
    pub languages: Vec<String>,
    pub summary: Option<String>,
    /// Experience entries still running ("Present"), the most recently started.
    pub current_positions: Vec<Position>,
    /// One per school: "School · degree, field · (years)".
    pub education: Vec<String>,
    pub pages: u32,
}

/// Why a PDF could not be read, in words a recruiter can act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PdfError {
    /// Over [`MAX_PDF_BYTES`].
    TooLarge,
    /// Not a PDF at all (often the site's sign-in page instead of the download).
    NotPdf,
    /// Damaged beyond repair, encrypted, or built to exhaust the reader.
    Unreadable,
    /// A PDF without text: a scan, or an empty document.
    NoText,
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::TooLarge => {
                "The profile PDF is larger than 5 MB, which no profile needs. Download it again \
                 from the profile page."
            }
            Self::NotPdf => {
                "The download is not a PDF (the site may have asked you to sign in again). Open \
                 the profile on the site, check you are signed in, and export again."
            }
            Self::Unreadable => {
                "The profile PDF is damaged and could not be read. Export it again; if it keeps \
                 failing, save the PDF from the site and attach it by hand."
            }
            Self::NoText => {
                "The PDF contains no text (a scan or an empty page), so no fields could be read. \
                 Use the site's \"Save to PDF\" on the profile and export again."
            }
        })
    }
}

impl std::error::Error for PdfError {}

/// Whether `bytes` start like a PDF: `%PDF-` within the first 1 KB, after whatever a server may
/// put before it (a BOM, whitespace) — the magic-bytes check of PRODUCT.md E3.
pub fn looks_like_pdf(bytes: &[u8]) -> bool {
    bytes
        .get(..bytes.len().min(HEADER_WINDOW + 5))
        .unwrap_or_default()
        .windows(5)
        .any(|w| w == b"%PDF-")
}

/// Reads a profile PDF. Never panics; time and memory are bounded by the input cap and the
/// limits of the steps (see the module docs).
pub fn parse_profile_pdf(bytes: &[u8]) -> Result<PdfProfile, PdfError> {
    if bytes.len() > MAX_PDF_BYTES {
        return Err(PdfError::TooLarge);
    }
    if !looks_like_pdf(bytes) {
        return Err(PdfError::NotPdf);
    }
    budget::check(bytes).map_err(|_| PdfError::Unreadable)?;
    let pdf = hayro_syntax::Pdf::new(bytes.to_vec()).map_err(|_| PdfError::Unreadable)?;
    let extract = runs::extract(&pdf);
    if extract.pages == 0 {
        return Err(PdfError::Unreadable);
    }
    if extract.runs.iter().all(|r| r.text.trim().is_empty()) {
        return Err(PdfError::NoText);
    }
    let layout = layout::read(&extract.runs);
    let fields = fields::read(&layout, &extract.links);
    Ok(PdfProfile {
        name: fields.name,
        headline: fields.headline,
        location: fields.location,
        email: fields.email,
        phone: fields.phone,
        profile_url: fields.profile_url,
        top_skills: fields.top_skills,
        languages: fields.languages,
        summary: fields.summary,
        current_positions: fields.current_positions,
        education: fields.education,
        pages: extract.pages,
    })
}

/// The positioned text runs and links, one per line, for `tb pdf --runs` (how the layout
/// reader sees a file that reads wrongly).
pub fn describe_runs(bytes: &[u8]) -> Result<String, PdfError> {
    if bytes.len() > MAX_PDF_BYTES {
        return Err(PdfError::TooLarge);
    }
    if !looks_like_pdf(bytes) {
        return Err(PdfError::NotPdf);
    }
    budget::check(bytes).map_err(|_| PdfError::Unreadable)?;
    let pdf = hayro_syntax::Pdf::new(bytes.to_vec()).map_err(|_| PdfError::Unreadable)?;
    let extract = runs::extract(&pdf);
    let mut out = String::new();
    for r in &extract.runs {
        out.push_str(&format!(
            "p{} x{:.1} y{:.1} end{:.1} size{:.2} {}#{:06x} {:?}\n",
            r.page,
            r.x,
            r.y,
            r.end_x,
            r.size,
            if r.bold { "bold " } else { "" },
            r.color,
            r.text
        ));
    }
    for link in &extract.links {
        out.push_str(&format!("link p{} {}\n", link.page, link.uri));
    }
    Ok(out)
}
