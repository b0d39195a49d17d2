//! Pieces several pages share: pictures, buttons, dates and counts.

use crate::html::{El, el};
use crate::lang::Words;
use rand::RngExt;

const COVER_PATHS: &str = r##"<path fill="#d9e5e7" d="M0 0h552v138H0z"></path><path fill="#bfd3d6" d="M380 0h172v138H380z"></path><path fill="#a0b4b7" d="M333.22 0H0v138h333.22a207.93 207.93 0 0 0 0-138"></path>"##;
const PERSON_PATHS: &str = r##"<path fill="#788fa5" d="M88.41 84.67a32 32 0 1 0-48.82 0 66.13 66.13 0 0 1 48.82 0"></path><path fill="#9db3c8" d="M88.41 84.67a32 32 0 0 1-48.82 0A66.79 66.79 0 0 0 0 128h128a66.79 66.79 0 0 0-39.59-43.33"></path><path fill="#56687a" d="M64 96a31.93 31.93 0 0 0 24.41-11.33 66.13 66.13 0 0 0-48.82 0A31.93 31.93 0 0 0 64 96"></path>"##;
const LOGO_PATHS: &str = r##"<path fill="#0a66c2" d="M20.5 2h-17A1.5 1.5 0 002 3.5v17A1.5 1.5 0 003.5 22h17a1.5 1.5 0 001.5-1.5v-17A1.5 1.5 0 0020.5 2zM8 19H5v-9h3zM6.5 8.25A1.75 1.75 0 118.3 6.5a1.78 1.78 0 01-1.8 1.75zM19 19h-3v-4.74c0-1.42-.6-1.93-1.38-1.93A1.74 1.74 0 0013 14.19a.66.66 0 000 .14V19h-3v-9h2.9v1.3a3.11 3.11 0 012.7-1.4c1.55 0 3.36.86 3.36 3.66z"></path>"##;
const BELL_PATHS: &str = r##"<path fill="currentColor" d="M22 19h-8.28a2 2 0 11-3.44 0H2v-1a4.52 4.52 0 011.17-2.83l1-1.17h15.7l1 1.17A4.42 4.42 0 0122 18zM18.21 7.44A6.27 6.27 0 0012 2a6.27 6.27 0 00-6.21 5.44L5 13h14z"></path>"##;
const PENCIL_PATHS: &str = r##"<path fill="currentColor" d="M21.13 2.86a3 3 0 00-4.17 0l-13 13L2 22l6.19-2L21.13 7a3 3 0 000-4.16zM6.77 18.57l-1.35-1.34L16.64 6 18 7.35z"></path>"##;
const HOME_PATHS: &str = r##"<path fill="currentColor" d="M23 9v2h-2v7a3 3 0 01-3 3h-4v-6h-4v6H6a3 3 0 01-3-3v-7H1V9l11-7z"></path>"##;
const PEOPLE_PATHS: &str = r##"<path fill="currentColor" d="M12 16v6H3v-6a3 3 0 013-3h3a3 3 0 013 3zm5.5-3A3.5 3.5 0 1014 9.5a3.5 3.5 0 003.5 3.5zm1 2h-2a2.5 2.5 0 00-2.5 2.5V22h7v-4.5a2.5 2.5 0 00-2.5-2.5zM7.5 2A4.5 4.5 0 1012 6.5 4.49 4.49 0 007.5 2z"></path>"##;
const JOBS_PATHS: &str = r##"<path fill="currentColor" d="M17 6V5a3 3 0 00-3-3h-4a3 3 0 00-3 3v1H2v4a3 3 0 003 3h14a3 3 0 003-3V6zM9 5a1 1 0 011-1h4a1 1 0 011 1v1H9zm10 9a4 4 0 003-1.38V17a3 3 0 01-3 3H5a3 3 0 01-3-3v-4.38A4 4 0 005 14z"></path>"##;

/// Icons drawn in the 24×24 box.
#[derive(Clone, Copy)]
pub enum Icon {
    Logo,
    Bell,
    Pencil,
    Home,
    People,
    Jobs,
}

pub fn icon(which: Icon) -> El {
    let paths = match which {
        Icon::Logo => LOGO_PATHS,
        Icon::Bell => BELL_PATHS,
        Icon::Pencil => PENCIL_PATHS,
        Icon::Home => HOME_PATHS,
        Icon::People => PEOPLE_PATHS,
        Icon::Jobs => JOBS_PATHS,
    };
    let style = if matches!(which, Icon::Logo) {
        "icon logo-icon"
    } else {
        "icon"
    };
    el("svg", style)
        .attr("xmlns", "http://www.w3.org/2000/svg")
        .attr("viewBox", "0 0 24 24")
        .attr("aria-hidden", "true")
        .trusted(paths)
}

/// The cover picture strip at the top of a profile.
pub fn cover(label: &'static str) -> El {
    el("div", "cover")
        .attr("style", "aspect-ratio: 4 / 1; overflow: hidden;")
        .child(
            el("div", "cover-inner")
                .attr("role", "button")
                .attr("tabindex", "0")
                .child(
                    el("figure", "fig fill").child(
                        el("svg", "fill")
                            .attr("xmlns", "http://www.w3.org/2000/svg")
                            .attr("viewBox", "0 0 552 138")
                            .attr("preserveAspectRatio", "xMidYMid slice")
                            .attr("role", "img")
                            .attr("aria-label", label)
                            .trusted(COVER_PATHS),
                    ),
                ),
        )
}

const PALETTE: &[&str] = &[
    "#e7e2dc", "#dce6f1", "#f1e3dc", "#e0ecd9", "#ece0f0", "#f3ecd2",
];

/// A person's picture (the generic silhouette on a background picked from their id).
pub fn avatar(seed: &str, size: &'static str) -> El {
    let index = seed.bytes().fold(0usize, |acc, b| {
        acc.wrapping_mul(31).wrapping_add(usize::from(b))
    });
    let background = PALETTE
        .get(index % PALETTE.len())
        .copied()
        .unwrap_or("#e7e2dc");
    el("figure", size).attr("aria-hidden", "true").child(
        el("svg", "fill round")
            .attr("xmlns", "http://www.w3.org/2000/svg")
            .attr("viewBox", "0 0 128 128")
            .attr("aria-hidden", "true")
            .child(
                el("rect", "")
                    .attr("width", "128")
                    .attr("height", "128")
                    .attr("fill", background),
            )
            .trusted(PERSON_PATHS),
    )
}

/// A random id like the real site's per-render `componentkey`s on incidental elements.
pub fn render_key() -> String {
    let mut rng = rand::rng();
    let a: u32 = rng.random();
    let b: u16 = rng.random();
    let c: u16 = rng.random_range(0x4000..0x5000);
    let d: u16 = rng.random_range(0x8000..0xc000);
    let e: u64 = rng.random_range(0..1u64 << 48);
    format!("{a:08x}-{b:04x}-{c:04x}-{d:04x}-{e:012x}")
}

/// A pill button with visible text.
pub fn pill(style: &'static str, label: &str, aria_label: Option<String>) -> El {
    el("button", style)
        .attr("type", "button")
        .attr_opt("aria-label", aria_label)
        .child(el("span", "btn-text").text(label))
}

/// Text only screen readers see.
pub fn visually_hidden(text: impl Into<String>) -> El {
    el("span", "vh").text(text)
}

/// `18342` → `18,342`.
pub fn thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The month the fixture's "Present" is measured to, so durations never drift.
pub const TODAY: (i32, i32) = (2026, 6);

pub fn year_month(s: &str) -> Option<(i32, i32)> {
    let (y, m) = s.split_once('-')?;
    Some((y.parse().ok()?, m.parse().ok()?))
}

/// `2019-03` → `Mar 2019`, `mars 2019`.
pub fn month_label(w: &Words, s: &str) -> String {
    match year_month(s) {
        Some((y, m)) => format!("{} {y}", w.month(m)),
        None => s.to_string(),
    }
}

/// `Mar 2019 - Present · 7 yrs 4 mos`, `mars 2019 - aujourd’hui · 7 ans 4 mois`
pub fn date_range(w: &Words, start: &str, end: Option<&str>) -> String {
    let to = end.and_then(year_month).unwrap_or(TODAY);
    let span = match year_month(start) {
        Some((y, m)) => {
            let months = ((to.0 - y) * 12 + (to.1 - m) + 1).max(1);
            let (years, rest) = (months / 12, months % 12);
            let mut parts = Vec::new();
            if years > 0 {
                parts.push(Words::count(years, w.years));
            }
            if rest > 0 {
                parts.push(Words::count(rest, w.months_span));
            }
            format!(" · {}", parts.join(" "))
        }
        None => String::new(),
    };
    let end_label = end.map_or_else(|| w.present.to_string(), |e| month_label(w, e));
    format!("{} - {end_label}{span}", month_label(w, start))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::{ENGLISH, FRENCH, GERMAN};

    #[test]
    fn counts_and_dates_read_like_the_site() {
        assert_eq!(thousands(18342), "18,342");
        assert_eq!(thousands(500), "500");
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(month_label(&ENGLISH, "2019-03"), "Mar 2019");
        assert_eq!(
            date_range(&ENGLISH, "2019-03", None),
            "Mar 2019 - Present · 7 yrs 4 mos"
        );
        assert_eq!(
            date_range(&ENGLISH, "2015-01", Some("2019-02")),
            "Jan 2015 - Feb 2019 · 4 yrs 2 mos"
        );
        assert_eq!(
            date_range(&FRENCH, "2025-06", None),
            "juin 2025 - aujourd’hui · 1 an 1 mois"
        );
        assert_eq!(
            date_range(&GERMAN, "2015-03", Some("2019-02")),
            "März 2015 - Feb. 2019 · 4 Jahre"
        );
    }

    #[test]
    fn render_keys_look_like_uuids() {
        let key = render_key();
        assert_eq!(key.len(), 36);
        assert_eq!(key.matches('-').count(), 4);
    }
}
