//! The real-world corpus beside the project (`../shared/corpus`: pages and PDFs of the network
//! site as third parties published them, with the facts a reader must get in `EXPECTED.json`).
//! Tests read it from there and never copy it in; a clone without it skips those tests with a
//! message. The loader of the unit tests' corpus tests (the integration tests in
//! `tests/corpus.rs` and `tests/pdf_corpus.rs` carry their own copy of the same few lines).

use serde_json::Value;
use std::path::{Path, PathBuf};

/// The corpus folder, or `None` (after saying so on stderr) when this clone has none.
pub fn dir(what: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.join("EXPECTED.json").is_file() {
        return Some(dir);
    }
    eprintln!("SKIPPED: {} is absent; {what} did not run", dir.display());
    None
}

/// One file of the corpus with its entry in `EXPECTED.json`.
#[derive(Clone, Debug)]
pub struct Entry {
    /// The path inside the corpus (`html/search_2025-12_sdui.html`).
    pub file: String,
    /// The URL the page was saved from (empty for PDFs).
    pub url: String,
    pub expected: Value,
    pub bytes: Vec<u8>,
}

impl Entry {
    /// The file as text; a stray byte in a saved page must not hide the rest of it.
    pub fn html(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }
}

/// Why the corpus could not be read as `EXPECTED.json` describes it.
#[derive(Debug)]
pub enum CorpusError {
    Read(PathBuf, std::io::Error),
    Json(serde_json::Error),
    /// `EXPECTED.json` has no such section, or an entry lacks its `file`.
    Shape(String),
}

impl std::fmt::Display for CorpusError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Read(path, e) => write!(f, "cannot read {}: {e}", path.display()),
            Self::Json(e) => write!(f, "EXPECTED.json is not JSON: {e}"),
            Self::Shape(what) => write!(f, "EXPECTED.json: {what}"),
        }
    }
}

/// Every entry of one section of `EXPECTED.json` (`html`, `search`, `pdf`), with its file read.
pub fn entries(dir: &Path, section: &str) -> Result<Vec<Entry>, CorpusError> {
    let path = dir.join("EXPECTED.json");
    let text = std::fs::read_to_string(&path).map_err(|e| CorpusError::Read(path, e))?;
    let expected: Value = serde_json::from_str(&text).map_err(CorpusError::Json)?;
    let list = expected
        .get(section)
        .and_then(Value::as_array)
        .ok_or_else(|| CorpusError::Shape(format!("no \"{section}\" list")))?;
    list.iter()
        .map(|entry| {
            let file = entry
                .get("file")
                .and_then(Value::as_str)
                .ok_or_else(|| CorpusError::Shape(format!("a \"{section}\" entry has no file")))?
                .to_string();
            let path = dir.join(&file);
            let bytes = std::fs::read(&path).map_err(|e| CorpusError::Read(path, e))?;
            Ok(Entry {
                url: entry
                    .get("url")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string(),
                expected: entry.clone(),
                bytes,
                file,
            })
        })
        .collect()
}
