//! A pre-flight bound on the decoding work a PDF can ask of the parser.
//!
//! hayro-syntax inflates streams without an output limit (object and xref streams even inside
//! `Pdf::new`), and a wasm trap or out-of-memory abort kills the worker (PRODUCT.md E3). So,
//! before hayro sees the bytes, every top-level stream is measured with a byte counter that mirrors
//! hayro's own pure-Rust inflater (the one used without its `unsafe` feature) and stores no
//! output. Streams cannot live inside object streams, so every stream hayro could ever decode starts
//! at a `stream` keyword in the raw bytes.
//!
//! What is refused instead of measured: encryption (the counter would see ciphertext), LZW and
//! run-length filters (unbounded expansion we do not count), filter chains with flate plus another
//! decoder, `/Filter` given by reference, and files whose missing `endstream`s would make hayro's
//! stream recovery quadratic. Residual risk, accepted: filter names split across a fake `stream`
//! keyword hidden inside a string; no real generator writes that. Dictionaries nested deeper than
//! [`MAX_DICT_DEPTH`] are refused too: hayro's xref repair would probe each level.

use super::inflate;

/// The most work all inflated streams together may cost: bytes produced plus symbols and table
/// entries decoded (a 10-page profile needs < 1 M).
pub(crate) const MAX_INFLATE_WORK: u64 = 48 << 20;

/// The most bytes hayro's `endstream` recovery may scan in total.
const MAX_ENDSTREAM_SEARCH: u64 = 64 << 20;
/// How deep dictionaries may nest. hayro's xref repair probes a dictionary at every `<<`, so
/// each level of nesting multiplies its work; real PDFs nest fewer than 8 deep.
const MAX_DICT_DEPTH: u32 = 32;

/// Why a PDF is refused before parsing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Refusal {
    Encrypted,
    UnsupportedFilter,
    TooMuchData,
}

/// Checks the whole file; `Ok` means hayro's decoding work on it is bounded.
pub(crate) fn check(bytes: &[u8]) -> Result<(), Refusal> {
    if dict_depth(bytes) > MAX_DICT_DEPTH {
        return Err(Refusal::TooMuchData);
    }
    let mut budget = MAX_INFLATE_WORK;
    let mut search = 0u64;
    let mut file = Names::default();
    let mut boundary = 0usize;
    let mut at = 0usize;
    while let Some(found) = find(bytes, b"stream", at) {
        at = found + 6;
        let is_end = found >= 3 && bytes.get(found - 3..found) == Some(b"end");
        if is_end {
            boundary = at;
            continue;
        }
        let region = Names::scan(bytes.get(boundary..found).unwrap_or_default());
        region.check_stream()?;
        file.merge(&region);
        boundary = at;
        let start = data_start(bytes, at);
        let tail = bytes.get(start..).unwrap_or_default();
        let window = (MAX_ENDSTREAM_SEARCH - search).min(tail.len() as u64) as usize;
        let searched = tail.get(..window).unwrap_or_default();
        search += find(searched, b"endstream", 0).unwrap_or(window + 1) as u64;
        if search > MAX_ENDSTREAM_SEARCH {
            return Err(Refusal::TooMuchData);
        }
        let used = inflate::inflate_work(tail, budget).ok_or(Refusal::TooMuchData)?;
        budget -= used;
    }
    file.merge(&Names::scan(bytes.get(boundary..).unwrap_or_default()));
    file.check_file()
}

/// The deepest nesting of `<< /Key` openings over the raw bytes, stream data included (the
/// repair scan does not skip it either).
fn dict_depth(bytes: &[u8]) -> u32 {
    let mut depth = 0u32;
    let mut deepest = 0u32;
    let mut i = 0;
    while let Some(pair) = bytes.get(i..i + 2) {
        match pair {
            b"<<" => {
                let key = bytes
                    .get(i + 2..)
                    .unwrap_or_default()
                    .iter()
                    .find(|b| !b.is_ascii_whitespace());
                if key == Some(&b'/') {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
                i += 2;
            }
            b">>" => {
                depth = depth.saturating_sub(1);
                i += 2;
            }
            _ => i += 1,
        }
    }
    deepest
}

/// hayro skips one end-of-line after `stream` (ISO 32000 7.3.8.1); so does the counter.
fn data_start(bytes: &[u8], after_keyword: usize) -> usize {
    match bytes.get(after_keyword..after_keyword + 2) {
        Some(b"\r\n") => after_keyword + 2,
        _ => match bytes.get(after_keyword) {
            Some(b'\n' | b'\r') => after_keyword + 1,
            _ => after_keyword,
        },
    }
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let tail = haystack.get(from..)?;
    tail.windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// The filter-related names found in one stretch of object syntax.
#[derive(Clone, Copy, Debug, Default)]
struct Names {
    flate: u32,
    /// ASCIIHex / ASCII85: bounded alone, but they hide what a flate stage after them gets.
    text: u32,
    /// LZW / RunLength: expansion we do not measure.
    unmeasured: u32,
    encrypt: bool,
    filter_by_reference: bool,
}

impl Names {
    fn scan(region: &[u8]) -> Self {
        let mut names = Self::default();
        let mut i = 0;
        let mut after_filter = false;
        while let Some(&byte) = region.get(i) {
            if byte != b'/' {
                if after_filter && !byte.is_ascii_whitespace() {
                    names.filter_by_reference |= byte.is_ascii_digit();
                    after_filter = false;
                }
                i += 1;
                continue;
            }
            let (name, next) = read_name(region, i + 1);
            i = next;
            after_filter = false;
            match name.as_slice() {
                b"FlateDecode" | b"Fl" => names.flate += 1,
                b"ASCIIHexDecode" | b"AHx" | b"ASCII85Decode" | b"A85" => names.text += 1,
                b"LZWDecode" | b"LZW" | b"RunLengthDecode" | b"RL" => names.unmeasured += 1,
                b"Encrypt" => names.encrypt = true,
                b"Filter" => after_filter = true,
                _ => {}
            }
        }
        names
    }

    fn merge(&mut self, other: &Self) {
        self.flate += other.flate;
        self.text += other.text;
        self.unmeasured += other.unmeasured;
        self.encrypt |= other.encrypt;
        self.filter_by_reference |= other.filter_by_reference;
    }

    fn check_stream(&self) -> Result<(), Refusal> {
        if self.flate > 1 || (self.flate > 0 && self.text > 0) || self.filter_by_reference {
            return Err(Refusal::UnsupportedFilter);
        }
        Ok(())
    }

    fn check_file(&self) -> Result<(), Refusal> {
        if self.encrypt {
            return Err(Refusal::Encrypted);
        }
        if self.unmeasured > 0 || (self.flate > 0 && self.text > 0) {
            return Err(Refusal::UnsupportedFilter);
        }
        Ok(())
    }
}

/// Reads a name after its `/`, decoding `#xx` escapes like hayro does.
fn read_name(bytes: &[u8], mut i: usize) -> (Vec<u8>, usize) {
    let mut name = Vec::new();
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii_whitespace() || b"()<>[]{}/%".contains(&b) || name.len() > 32 {
            break;
        }
        let escaped = (b == b'#')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(value) => {
                name.push(value);
                i += 3;
            }
            None => {
                name.push(b);
                i += 1;
            }
        }
    }
    (name, i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_encryption_and_lzw() {
        assert_eq!(
            check(b"%PDF-1.7\ntrailer << /Encrypt 5 0 R >>"),
            Err(Refusal::Encrypted)
        );
        assert_eq!(
            check(b"1 0 obj << /Filter /LZ#57Decode >>\nstream\nxx\nendstream"),
            Err(Refusal::UnsupportedFilter)
        );
        assert_eq!(
            check(b"1 0 obj << /Filter [/AHx /Fl] >>\nstream\nxx\nendstream"),
            Err(Refusal::UnsupportedFilter)
        );
        assert_eq!(
            check(b"1 0 obj << /Filter 7 0 R >>\nstream\nxx\nendstream"),
            Err(Refusal::UnsupportedFilter)
        );
    }
}
