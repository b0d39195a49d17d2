//! The profile PDFs themselves: a well-formed file (every xref offset lands on its object),
//! the same bytes every time, the real layout's text and links, page counts and sizes the
//! end-to-end tests and the benchmark rely on. Poppler checks run when it is installed.

// Test helpers outside #[test] fns: a failed unwrap is a failed test here.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::*;
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use talent_bridge_site::Visibility;

fn pdf(id: &str) -> Vec<u8> {
    current().profile_pdf(id).unwrap()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn has(haystack: &[u8], needle: &str) -> bool {
    find(haystack, needle.as_bytes()).is_some()
}

/// Checks the trailer and the whole xref table; returns the number of objects.
fn check_xref(bytes: &[u8]) -> usize {
    let tail = String::from_utf8_lossy(&bytes[bytes.len().saturating_sub(64)..]).into_owned();
    let start: usize = tail
        .rsplit("startxref\n")
        .next()
        .and_then(|t| t.lines().next())
        .and_then(|n| n.trim().parse().ok())
        .expect("startxref");
    let table = String::from_utf8_lossy(&bytes[start..]).into_owned();
    let mut lines = table.lines();
    assert_eq!(lines.next(), Some("xref"));
    let (first, count) = lines.next().unwrap().split_once(' ').unwrap();
    assert_eq!(first, "0");
    let count: usize = count.parse().unwrap();
    let entries = &bytes[start + "xref\n".len() + format!("0 {count}\n").len()..];
    assert!(entries.starts_with(b"0000000000 65535 f \n"));
    for n in 1..count {
        let entry = &entries[n * 20..n * 20 + 20];
        assert!(entry.ends_with(b" 00000 n \n"), "entry {n}");
        let offset: usize = std::str::from_utf8(&entry[..10]).unwrap().parse().unwrap();
        assert!(
            bytes[offset..].starts_with(format!("{n} 0 obj\n").as_bytes()),
            "object {n} is not at {offset}"
        );
    }
    let trailer = String::from_utf8_lossy(&entries[count * 20..]).into_owned();
    assert!(trailer.starts_with(&format!("trailer\n<< /Size {count} /Root 1 0 R")));
    count - 1
}

fn page_count(bytes: &[u8]) -> usize {
    bytes.windows(12).filter(|w| w == b"/Type /Page ").count()
}

#[test]
fn every_pdf_has_a_correct_xref_table_and_is_deterministic() {
    let site = current();
    let mut seen = std::collections::HashSet::new();
    for person in site.people() {
        let bytes = site.profile_pdf(&person.public_id).unwrap();
        assert!(bytes.starts_with(b"%PDF-1.4\n"), "{}", person.public_id);
        assert!(check_xref(&bytes) > 6, "{}", person.public_id);
        assert_eq!(site.profile_pdf(&person.public_id).unwrap(), bytes);
        assert!(
            seen.insert(bytes),
            "{} has a PDF of its own",
            person.public_id
        );
    }
    // A fresh site (new salt, new sessions) serves the very same files.
    assert_eq!(
        current().profile_pdf("ada-lovelace").unwrap(),
        pdf("ada-lovelace")
    );
}

#[test]
fn the_layout_has_a_sidebar_a_main_column_a_26pt_name_and_footers() {
    let bytes = pdf("ada-lovelace");
    let name = find(&bytes, b"(Ada Lovelace) Tj").unwrap();
    let before = String::from_utf8_lossy(&bytes[name - 40..name]).into_owned();
    assert!(
        before.contains("/F1 26 Tf\n") && before.contains("1 0 0 1 224 "),
        "{before:?}"
    );
    for sidebar in [
        "(Contact) Tj",
        "(Top Skills) Tj",
        "(Languages) Tj",
        "(+44 20 7946 0018 \\(Mobile\\)) Tj",
    ] {
        let at = find(&bytes, sidebar.as_bytes()).unwrap_or_else(|| panic!("{sidebar}"));
        let before = String::from_utf8_lossy(&bytes[at.saturating_sub(40)..at]).into_owned();
        assert!(
            before.contains("1 0 0 1 22 "),
            "{sidebar} at x=22: {before:?}"
        );
    }
    for main in [
        "(Summary) Tj",
        "(Experience) Tj",
        "(Education) Tj",
        "(Analytical Engines) Tj",
    ] {
        let at = find(&bytes, main.as_bytes()).unwrap_or_else(|| panic!("{main}"));
        let before = String::from_utf8_lossy(&bytes[at.saturating_sub(40)..at]).into_owned();
        assert!(
            before.contains("1 0 0 1 224 "),
            "{main} at x=224: {before:?}"
        );
    }
    assert!(has(
        &bytes,
        "(March 2019 - Present \\(7 years 4 months\\)) Tj"
    ));
    assert!(
        find(
            &bytes,
            b"(Private tutoring, Mathematics \xb7 \\(2008 - 2012\\)) Tj"
        )
        .is_some()
    );
    assert!(has(&bytes, "(Page 1 of 1) Tj"));
    assert!(has(
        &bytes,
        "/BaseFont /Helvetica /Encoding /WinAnsiEncoding"
    ));
    assert!(has(
        &bytes,
        "/BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding"
    ));
    assert_eq!(page_count(&bytes), 1);
}

#[test]
fn email_and_profile_url_carry_link_annotations() {
    let bytes = pdf("ada-lovelace");
    assert!(has(&bytes, "/Subtype /Link"));
    assert!(has(
        &bytes,
        "/S /URI /URI (mailto:ada.lovelace@example.com)"
    ));
    assert!(has(
        &bytes,
        "/S /URI /URI (https://www.linkedin.com/in/ada-lovelace)"
    ));
    assert!(has(
        &bytes,
        "/S /URI /URI (https://analytical-engines.example.com)"
    ));
    // A long, percent-encoded URL wraps: one annotation per printed line.
    let juergen = pdf("jürgen-müller");
    let uri = "/URI (https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BCller)";
    let links = juergen
        .windows(uri.len())
        .filter(|w| *w == uri.as_bytes())
        .count();
    assert!(links >= 2, "{links}");
    assert!(has(&juergen, "(www.linkedin.com/in/) Tj"));
    assert!(find(&juergen, b"(J\xfcrgen M\xfcller) Tj").is_some());
}

#[test]
fn long_careers_run_to_three_pages_or_more() {
    for id in [
        "test-person-07",
        "test-person-15",
        "test-person-25",
        "test-person-30",
    ] {
        let bytes = pdf(id);
        let pages = page_count(&bytes);
        assert!(pages >= 3, "{id}: {pages} pages");
        assert!(has(&bytes, &format!("(Page 3 of {pages}) Tj")), "{id}");
        assert!(
            has(&bytes, &format!("(Page {pages} of {pages}) Tj")),
            "{id}"
        );
    }
    assert_eq!(page_count(&pdf("ada-lovelace")), 1);
}

#[test]
fn the_benchmark_person_weighs_about_100_kb() {
    let bytes = pdf("test-person-30");
    assert!(
        (90_000..=130_000).contains(&bytes.len()),
        "{} bytes",
        bytes.len()
    );
}

#[test]
fn pdfs_render_for_limited_and_no_pdf_people_even_though_the_action_refuses_them() {
    let site = current();
    for person in site.people() {
        if person.no_pdf || person.visibility != Visibility::Public {
            assert!(site.profile_pdf(&person.public_id).is_some());
        }
    }
    assert!(site.profile_pdf("nobody-at-all").is_none());
}

// ---- Poppler: an independent reader. Skipped (with a note) when it is not installed. ----

fn poppler(tool: &str) -> Option<Command> {
    let found = Command::new(tool).arg("-v").output().is_ok();
    if !found {
        eprintln!("{tool} not installed (apt-get install poppler-utils): skipping");
    }
    found.then(|| Command::new(tool))
}

/// A PDF written to a directory of its own (tests run in parallel and must not read a file
/// another test is rewriting), removed when dropped.
struct TempPdf {
    dir: PathBuf,
    path: PathBuf,
}

impl Drop for TempPdf {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn temp_pdf(id: &str) -> TempPdf {
    static CALLS: AtomicUsize = AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("tb-site-pdf-{}-{call}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("Profile.pdf");
    std::fs::write(&path, pdf(id)).unwrap();
    TempPdf { dir, path }
}

fn run(mut command: Command) -> (String, String) {
    let out = command.output().unwrap();
    assert!(
        out.status.success(),
        "{command:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn pdfinfo_reads_every_pdf_without_complaint() {
    let Some(_) = poppler("pdfinfo") else { return };
    let site = current();
    for person in site.people() {
        let file = temp_pdf(&person.public_id);
        let mut command = poppler("pdfinfo").unwrap();
        command.arg(&file.path);
        let (info, errors) = run(command);
        assert!(errors.is_empty(), "{}: {errors}", person.public_id);
        let field = |name: &str| {
            info.lines()
                .find_map(|l| l.strip_prefix(name))
                .map(str::trim)
                .unwrap_or_default()
                .to_string()
        };
        assert_eq!(field("Title:"), person.name);
        let expected = pdf(&person.public_id);
        assert_eq!(field("Pages:"), page_count(&expected).to_string());
        assert!(
            info.contains("Page size:") && (info.contains("(A4)") || info.contains("(letter)")),
            "{info}"
        );
    }
}

#[test]
fn pdftotext_reads_the_real_layouts_text_in_order() {
    let Some(mut command) = poppler("pdftotext") else {
        return;
    };
    let file = temp_pdf("ada-lovelace");
    // -raw: content-stream order, the order a text-run reader sees.
    command.arg("-raw").arg(&file.path).arg("-");
    let (text, _) = run(command);
    let sidebar = [
        "Contact",
        "ada.lovelace@example.com",
        "+44 20 7946 0018 (Mobile)",
        "www.linkedin.com/in/ada-lovelace",
        "(LinkedIn)",
        "Top Skills",
        "Algorithms",
        "Languages",
        "English (Native or Bilingual)",
    ];
    let main = [
        "Ada Lovelace",
        "Lead Engineer at Analytical Engines",
        "London, England, United Kingdom",
        "Summary",
        "Experience",
        "Analytical Engines",
        "Lead Engineer",
        "March 2019 - Present (7 years 4 months)",
        "Education",
        "University of London",
        "Private tutoring, Mathematics · (2008 - 2012)",
        "Page 1 of 1",
    ];
    let mut from = 0;
    for expected in sidebar.iter().chain(&main) {
        let at = text[from..]
            .find(expected)
            .unwrap_or_else(|| panic!("{expected:?} after byte {from} in\n{text}"));
        from += at + expected.len();
    }
    // Poppler's own reading order interleaves the columns, but every line is there.
    let mut command = poppler("pdftotext").unwrap();
    command.arg(&file.path).arg("-");
    let (text, _) = run(command);
    for expected in sidebar.iter().chain(&main) {
        assert!(text.contains(expected), "{expected:?} in\n{text}");
    }

    let mut command = poppler("pdftotext").unwrap();
    let file = temp_pdf("jürgen-müller");
    command.arg(&file.path).arg("-");
    let (text, _) = run(command);
    assert!(text.contains("Jürgen Müller"), "{text}");
    assert!(text.contains("Statistik, Straßenbahnen"), "{text}");
}

#[test]
fn pdftotext_sees_page_3_of_a_long_career() {
    let Some(mut command) = poppler("pdftotext") else {
        return;
    };
    let file = temp_pdf("test-person-07");
    command.arg(&file.path).arg("-");
    let (text, _) = run(command);
    assert!(text.contains("Page 3 of "), "{text}");
    assert!(text.contains("Experience"));
}

#[test]
fn pdftotext_bbox_puts_the_sidebar_at_22_and_the_name_at_224_in_the_largest_font() {
    let Some(mut command) = poppler("pdftotext") else {
        return;
    };
    let file = temp_pdf("grace-hopper");
    command
        .args(["-bbox", "-f", "1", "-l", "1"])
        .arg(&file.path)
        .arg("-");
    let (html, _) = run(command);
    let word = |w: &str| -> (f32, f32) {
        let at = html
            .find(&format!(">{w}</word>"))
            .unwrap_or_else(|| panic!("{w}"));
        let tag = &html[html[..at].rfind("<word").unwrap()..at];
        let attr = |name: &str| -> f32 {
            let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
            tag[start..].split('"').next().unwrap().parse().unwrap()
        };
        (attr("xMin"), attr("yMax") - attr("yMin"))
    };
    let (contact_x, _) = word("Contact");
    let (name_x, name_height) = word("Grace");
    let (_, headline_height) = word("Rear");
    assert!((contact_x - 22.0).abs() < 1.0, "{contact_x}");
    assert!((name_x - 224.0).abs() < 2.0, "{name_x}");
    assert!(
        name_height > 2.0 * headline_height,
        "{name_height} vs {headline_height}"
    );
}

#[test]
fn pdftoppm_renders_a_page() {
    let Some(mut command) = poppler("pdftoppm") else {
        return;
    };
    let file = temp_pdf("ada-lovelace");
    let prefix = file.dir.join("page");
    command
        .args(["-png", "-r", "60", "-f", "1", "-l", "1"])
        .arg(&file.path)
        .arg(&prefix);
    run(command);
    let png = std::fs::read(file.dir.join("page-1.png")).unwrap();
    assert!(png.starts_with(b"\x89PNG"));
    assert!(
        png.len() > 5_000,
        "a page with text on it, {} bytes",
        png.len()
    );
}
