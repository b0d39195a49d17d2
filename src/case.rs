//! Lower case without std's conversion table: the same mapping as `char::to_lowercase`, looked up
//! in runs written by `build.rs` from this toolchain's own Unicode data (185 runs, 1.5 KB, instead of 11.7 KB
//! of table and 3 KB of code in every module that lower-cases, issue #20). `str::to_lowercase` is
//! kept out of the workspace (`clippy.toml`); this is what compares text without case.
//!
//! One difference from `str::to_lowercase`, on purpose: a capital sigma is `σ` wherever it stands,
//! as the CRM's word folding has always had it (`char::to_lowercase` per character); std's string
//! version writes `ς` at the end of a word. Text is only ever compared with text lower-cased here.

include!(concat!(env!("OUT_DIR"), "/lower_runs.rs"));

const FIRST: u32 = (1 << 21) - 1;

/// `text` lower-cased character by character, as `char::to_lowercase` does each.
pub fn lower(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_lower(&mut out, c);
    }
    out
}

/// `c` lower-cased onto `out` (`İ` is two characters, `i` and a combining dot, as in std).
fn push_lower(out: &mut String, c: char) {
    match MULTI.iter().find(|(from, _)| *from == c) {
        Some((_, to)) => out.push_str(to),
        None => out.push(lower_one(c)),
    }
}

/// `c` lower-cased, for a character std lower-cases to one character.
fn lower_one(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let code = u32::from(c);
    let at = RUNS.partition_point(|&run| run & FIRST <= code);
    let (Some(&run), Some(&delta)) = (RUNS.get(at.wrapping_sub(1)), DELTAS.get(at.wrapping_sub(1)))
    else {
        return c;
    };
    let (first, span, step) = (run & FIRST, (run >> 21) & 0x3ff, (run >> 31) + 1);
    let offset = code - first;
    if offset > span || offset % step != 0 {
        return c;
    }
    code.checked_add_signed(delta)
        .and_then(char::from_u32)
        .unwrap_or(c)
}

#[cfg(test)]
mod tests;
