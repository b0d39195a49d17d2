//! Writes the core's lower-case table (`src/case.rs`) from this toolchain's own Unicode data:
//! `char::to_lowercase` pulls in std's table of 1,400-odd pairs (11.7 KB of every content
//! script's wasm, issue #20), most of which are runs: a block shifted by one constant, or every
//! other character. The runs are what `case::lower` looks up; its test checks every character
//! against std.

use std::fmt::Write as _;
use std::{env, fs, path::Path};

/// A run of characters `first, first + step, …, first + span` that all lower-case to themselves
/// plus `delta`; `span` fits in 10 bits, `step` is 1 or 2 (the packing in `src/case.rs`).
struct Run {
    first: u32,
    span: u32,
    step: u32,
    delta: i64,
}

const MAX_SPAN: u32 = (1 << 10) - 1;

#[allow(clippy::disallowed_methods)] // std's mapping is what the table is written from
fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let mut runs: Vec<Run> = Vec::new();
    let mut multi = String::new();
    for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
        let mut lower = c.to_lowercase();
        let (Some(one), None) = (lower.next(), lower.next()) else {
            let all: String = c
                .to_lowercase()
                .map(|l| format!("\\u{{{:x}}}", u32::from(l)))
                .collect();
            let _ = write!(multi, "('\\u{{{:x}}}', \"{all}\"), ", u32::from(c));
            continue;
        };
        if one == c {
            continue;
        }
        let (code, delta) = (
            u32::from(c),
            i64::from(u32::from(one)) - i64::from(u32::from(c)),
        );
        if let Some(run) = runs.last_mut()
            && run.delta == delta
            && code - run.first <= MAX_SPAN
        {
            let next = run.first + run.span;
            if (run.span == 0 && (code - next == 1 || code - next == 2))
                || (run.span > 0 && code - next == run.step)
            {
                run.step = code - next;
                run.span = code - run.first;
                continue;
            }
        }
        runs.push(Run {
            first: code,
            span: 0,
            step: 1,
            delta,
        });
    }
    let mut out =
        String::from("// Written by build.rs from this toolchain's `char::to_lowercase`.\n");
    let _ = writeln!(out, "const RUNS: [u32; {}] = [", runs.len());
    for r in &runs {
        let _ = writeln!(
            out,
            "    {:#x},",
            r.first | (r.span << 21) | ((r.step - 1) << 31)
        );
    }
    let _ = writeln!(out, "];\nconst DELTAS: [i32; {}] = [", runs.len());
    for r in &runs {
        let _ = writeln!(out, "    {},", r.delta);
    }
    let _ = writeln!(out, "];\nconst MULTI: &[(char, &str)] = &[{multi}];");
    let Some(dir) = env::var_os("OUT_DIR") else {
        println!("cargo::error=OUT_DIR is not set");
        return;
    };
    if let Err(err) = fs::write(Path::new(&dir).join("lower_runs.rs"), out) {
        println!("cargo::error=could not write lower_runs.rs: {err}");
    }
}
