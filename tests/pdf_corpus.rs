//! Profile PDFs read end to end (PRODUCT.md E3: "verify it is a PDF (magic bytes, size ≤ 5 MB) →
//! parse it into fields"): the real PDFs of `../shared/corpus` against their `EXPECTED.json`,
//! small PDFs written here for what the corpus lacks (our fixture site's standard fonts, other
//! languages, wrapped names and URLs), and hostile inputs that must fail cleanly — a panic or trap
//! in the service worker's wasm would end every export in flight.

// Test code: a missing file or a malformed expectation is a failed test, so helpers may unwrap
// and index like the tests themselves (clippy's in-test allowances do not reach helpers).
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use talent_bridge::crm::Position;
use talent_bridge::pdf::{MAX_PDF_BYTES, PdfError, PdfProfile, looks_like_pdf, parse_profile_pdf};

fn corpus_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.join("EXPECTED.json").is_file() {
        return Some(dir);
    }
    eprintln!(
        "SKIPPED: {} is absent; the real-PDF corpus tests did not run",
        dir.display()
    );
    None
}

/// (file, expected entry) for every "pdf" entry of EXPECTED.json.
fn corpus_pdfs(dir: &Path) -> Vec<(String, Vec<u8>, Value)> {
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("EXPECTED.json")).unwrap()).unwrap();
    expected["pdf"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| {
            let file = entry["file"].as_str().unwrap().to_string();
            let bytes = std::fs::read(dir.join(&file)).unwrap();
            (file, bytes, entry.clone())
        })
        .collect()
}

/// proves E3: every field EXPECTED.json lists is read exactly (null ⇒ None).
#[test]
fn corpus_pdfs_read_as_expected() {
    let Some(dir) = corpus_dir() else { return };
    let pdfs = corpus_pdfs(&dir);
    assert!(pdfs.len() >= 2, "EXPECTED.json lists the two corpus PDFs");
    for (file, bytes, expected) in pdfs {
        assert!(looks_like_pdf(&bytes), "{file}");
        let profile = parse_profile_pdf(&bytes).unwrap_or_else(|e| panic!("{file}: {e}"));
        let actual = serde_json::to_value(&profile).unwrap();
        for key in [
            "name",
            "headline",
            "location",
            "email",
            "phone",
            "profile_url",
            "top_skills",
            "current_positions",
        ] {
            assert_eq!(actual[key], expected[key], "{file}: {key}");
        }
        assert!(profile.pages > 0, "{file}");
    }
}

#[test]
fn corpus_pdfs_read_education_languages_and_pages() {
    let Some(dir) = corpus_dir() else { return };
    let current = std::fs::read(dir.join("pdf/cmpsoares_2023.pdf")).unwrap();
    let profile = parse_profile_pdf(&current).unwrap();
    assert_eq!(profile.pages, 10);
    assert_eq!(profile.languages.len(), 4);
    assert_eq!(profile.languages[0], "Portuguese (Native or Bilingual)");
    assert_eq!(profile.education.len(), 3);
    assert!(profile.education[0].starts_with("ISCTE - Instituto Universitário de Lisboa · "));
    assert!(
        profile
            .summary
            .as_deref()
            .unwrap()
            .starts_with("As a computer science engineer")
    );

    let old = std::fs::read(dir.join("pdf/lesterchan_2017_old-layout.pdf")).unwrap();
    let profile = parse_profile_pdf(&old).unwrap();
    assert_eq!(profile.pages, 4);
    assert_eq!(
        profile.education,
        [
            "National University of Singapore · Bachelor of Computing (Honors), Information \
             Systems, Specialized in Services Science, Management and Engineering (SSME), \
             2006 - 2010",
            "Singapore Polytechnic · Diploma in Multimedia Technology, 2001 - 2004",
        ]
    );
}

/// `tb pdf FILE` prints the EXPECTED.json keys, exit 0; a non-PDF exits 1; no FILE exits 2.
#[test]
fn tb_pdf_prints_the_expected_keys() {
    let tb = env!("CARGO_BIN_EXE_tb");
    let dir = std::env::temp_dir().join(format!("tb-pdf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("profile.pdf");
    std::fs::write(&file, fixture_site_profile()).unwrap();
    let out = std::process::Command::new(tb)
        .arg("pdf")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in [
        "name",
        "headline",
        "location",
        "email",
        "phone",
        "profile_url",
        "top_skills",
        "current_positions",
        "education",
        "languages",
        "pages",
    ] {
        assert!(json.get(key).is_some(), "{key} missing");
    }
    assert_eq!(json["name"], "Jürgen Müller");

    std::fs::write(&file, LOGIN_PAGE).unwrap();
    let out = std::process::Command::new(tb)
        .arg("pdf")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a PDF"));

    let out = std::process::Command::new(tb).arg("pdf").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).ok();
}

// ---------------------------------------------------------------------------------------------
// PDFs written here

/// A text item: x and y from the top-left (points), size, font (1 regular, 2 bold), bytes.
struct Text {
    x: f32,
    y: f32,
    size: f32,
    font: u8,
    text: Vec<u8>,
    /// Fill grey level (0 = black ink, 0.4 = the muted grey of locations and dates).
    gray: f32,
}

fn t(x: f32, y: f32, size: f32, font: u8, text: &str) -> Text {
    // WinAnsi is Latin-1 for the letters these tests use.
    let text = text
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
        .collect();
    Text {
        x,
        y,
        size,
        font,
        text,
        gray: 0.0,
    }
}

/// Muted text, like the fixture site's locations and dates.
fn muted(x: f32, y: f32, size: f32, text: &str) -> Text {
    Text {
        gray: 0.4,
        ..t(x, y, size, 1, text)
    }
}

/// What goes into a test PDF: pages of text items, link URIs on page 1, font dictionaries.
struct Spec {
    pages: Vec<Vec<Text>>,
    links: Vec<String>,
    /// The two font dictionaries (regular, bold).
    fonts: [String; 2],
    /// Compress content streams with a stored-block zlib wrapper.
    compress: bool,
}

fn standard_fonts() -> [String; 2] {
    [
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".into(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
            .into(),
    ]
}

fn escape(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for &b in bytes {
        if matches!(b, b'(' | b')' | b'\\') {
            out.push(b'\\');
        }
        out.push(b);
    }
    out
}

/// Writes a PDF with a correct xref table. Object 1 is the catalog, 2 the page tree, 3 and 4
/// the fonts, then per page: page, content; then link annotations and their actions.
fn write_pdf(spec: &Spec) -> Vec<u8> {
    let mut objects: Vec<Vec<u8>> = Vec::new();
    let page_count = spec.pages.len();
    let first_page = 5;
    let first_link = first_page + 2 * page_count;
    let kids: Vec<String> = (0..page_count)
        .map(|i| format!("{} 0 R", first_page + 2 * i))
        .collect();
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    objects.push(
        format!(
            "<< /Type /Pages /Count {page_count} /Kids [{}] >>",
            kids.join(" ")
        )
        .into_bytes(),
    );
    objects.push(spec.fonts[0].clone().into_bytes());
    objects.push(spec.fonts[1].clone().into_bytes());
    for (i, page) in spec.pages.iter().enumerate() {
        let annots: Vec<String> = if i == 0 {
            (0..spec.links.len())
                .map(|l| format!("{} 0 R", first_link + 2 * l))
                .collect()
        } else {
            Vec::new()
        };
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << \
                 /F1 3 0 R /F2 4 0 R >> >> /Contents {} 0 R /Annots [{}] >>",
                first_page + 2 * i + 1,
                annots.join(" ")
            )
            .into_bytes(),
        );
        let mut content = Vec::new();
        for item in page {
            content.extend_from_slice(
                format!(
                    "BT {} g /F{} {} Tf 1 0 0 1 {} {} Tm (",
                    item.gray,
                    item.font,
                    item.size,
                    item.x,
                    792.0 - item.y
                )
                .as_bytes(),
            );
            content.extend_from_slice(&escape(&item.text));
            content.extend_from_slice(b") Tj ET\n");
        }
        objects.push(stream_object(&content, spec.compress));
    }
    for uri in &spec.links {
        // The annotation is object len + 1, its action len + 2.
        let number = objects.len() + 2;
        objects.push(
            format!(
                "<< /Type /Annot /Subtype /Link /Rect [20 700 180 712] /Border [0 0 0] /A {number} 0 R >>"
            )
            .into_bytes(),
        );
        objects.push(format!("<< /S /URI /URI ({uri}) >>").into_bytes());
    }
    assemble(&objects)
}

fn stream_object(data: &[u8], compress: bool) -> Vec<u8> {
    let (data, filter) = if compress {
        (zlib_stored(data), " /Filter /FlateDecode")
    } else {
        (data.to_vec(), "")
    };
    let mut out = format!("<< /Length {}{filter} >>\nstream\n", data.len()).into_bytes();
    out.extend_from_slice(&data);
    out.extend_from_slice(b"\nendstream");
    out
}

/// Objects numbered from 1, an xref table, a trailer.
fn assemble(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(object);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in data {
        a = (a + u32::from(byte)) % 65521;
        b = (b + a) % 65521;
    }
    (b << 16) | a
}

/// zlib with stored (uncompressed) deflate blocks: real FlateDecode without an encoder.
fn zlib_stored(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    let chunks: Vec<&[u8]> = data.chunks(65_535).collect();
    if chunks.is_empty() {
        out.extend_from_slice(&[1, 0, 0, 0xff, 0xff]);
    }
    for (i, chunk) in chunks.iter().enumerate() {
        out.push(u8::from(i + 1 == chunks.len()));
        let len = chunk.len() as u16;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(chunk);
    }
    out.extend_from_slice(&adler32(data).to_be_bytes());
    out
}

/// The current layout as our fixture site writes it (tests/site/src/pdf/profile.rs): unembedded
/// Helvetica without /Widths, WinAnsiEncoding, Latin-1 text, sidebar at x=22 and main column at
/// x=224, bold headings and job titles, muted location and dates, evenly spaced skills.
fn fixture_site_profile() -> Vec<u8> {
    write_pdf(&Spec {
        pages: vec![
            vec![
                t(22.0, 54.0, 13.0, 2, "Contact"),
                t(22.0, 74.0, 10.5, 1, "juergen.mueller@example.de"),
                t(22.0, 92.0, 10.5, 1, "+49 30 1234567 (Mobile)"),
                t(22.0, 110.0, 10.5, 1, "www.linkedin.com/in/juergen-"),
                t(22.0, 124.0, 10.5, 1, "mueller (LinkedIn)"),
                t(22.0, 160.0, 13.0, 2, "Top Skills"),
                t(22.0, 180.0, 10.5, 1, "Kubernetes"),
                t(22.0, 194.0, 10.5, 1, "Go"),
                t(22.0, 232.0, 13.0, 2, "Languages"),
                t(22.0, 252.0, 10.5, 1, "Deutsch (Native or Bilingual)"),
                t(224.0, 65.0, 26.0, 1, "Jürgen Müller"),
                t(
                    224.0,
                    87.0,
                    12.0,
                    1,
                    "Leiter Plattform bei Bäckerei Größe GmbH",
                ),
                muted(224.0, 102.0, 10.5, "München, Bayern, Deutschland"),
                t(224.0, 140.0, 15.75, 2, "Summary"),
                t(224.0, 165.0, 10.5, 1, "Baut Plattformen für Bäckereien."),
                t(224.0, 200.0, 15.75, 2, "Experience"),
                t(224.0, 230.0, 12.0, 1, "Bäckerei Größe GmbH"),
                t(224.0, 246.0, 10.5, 2, "Leiter Plattform"),
                muted(224.0, 261.0, 10.5, "March 2021 - Present (3 years)"),
                muted(224.0, 275.0, 10.5, "München"),
                t(224.0, 295.0, 10.5, 1, "Führt das Plattform-Team."),
                t(224.0, 325.0, 12.0, 1, "Brezel AG"),
                t(224.0, 341.0, 10.5, 2, "Entwickler"),
                muted(
                    224.0,
                    356.0,
                    10.5,
                    "January 2015 - February 2021 (6 years 2 months)",
                ),
                muted(381.0, 778.0, 9.0, "Page 1 of 2"),
            ],
            vec![
                t(224.0, 60.0, 15.75, 2, "Education"),
                t(224.0, 85.0, 12.0, 1, "Technische Universität München"),
                t(224.0, 103.0, 10.5, 1, "Master, Informatik · (2010 - 2014)"),
                muted(381.0, 778.0, 9.0, "Page 2 of 2"),
            ],
        ],
        links: vec![
            "mailto:juergen.mueller@example.de".into(),
            "https://www.linkedin.com/in/juergen-mueller".into(),
        ],
        fonts: standard_fonts(),
        compress: true,
    })
}

/// proves E3: our fixture site's PDFs (standard fonts, WinAnsi, Latin-1) read completely.
#[test]
fn fixture_site_profile_reads_with_standard_fonts_and_latin1() {
    let profile = parse_profile_pdf(&fixture_site_profile()).unwrap();
    assert_eq!(
        profile,
        PdfProfile {
            name: Some("Jürgen Müller".into()),
            headline: Some("Leiter Plattform bei Bäckerei Größe GmbH".into()),
            location: Some("München, Bayern, Deutschland".into()),
            email: Some("juergen.mueller@example.de".into()),
            phone: Some("+49 30 1234567".into()),
            profile_url: Some("www.linkedin.com/in/juergen-mueller".into()),
            top_skills: Some(vec!["Kubernetes".into(), "Go".into()]),
            languages: vec!["Deutsch (Native or Bilingual)".into()],
            summary: Some("Baut Plattformen für Bäckereien.".into()),
            current_positions: vec![Position {
                company: "Bäckerei Größe GmbH".into(),
                title: "Leiter Plattform".into(),
                since: Some("March 2021".into()),
            }],
            education: vec![
                "Technische Universität München · Master, Informatik · (2010 - 2014)".into()
            ],
            pages: 2,
        }
    );
}

/// A French profile: translated headings and months, "Present" kept in English, a name wrapped
/// over two lines, a percent-encoded profile URL printed over three lines.
fn french_profile() -> Vec<u8> {
    write_pdf(&Spec {
        pages: vec![vec![
            t(22.0, 54.0, 13.0, 1, "Coordonnées"),
            t(22.0, 74.0, 10.5, 1, "06 12 34 56 78 (Mobile)"),
            t(
                22.0,
                100.0,
                11.0,
                1,
                "www.linkedin.com/in/h%C3%A9l%C3%A8ne-",
            ),
            t(22.0, 114.0, 11.0, 1, "de-la-fontaine-"),
            t(22.0, 128.0, 11.0, 1, "b2a1 (LinkedIn)"),
            t(22.0, 160.0, 13.0, 1, "Principales compétences"),
            t(22.0, 180.0, 10.5, 1, "Gestion de projet"),
            t(22.0, 197.0, 10.5, 1, "Rust"),
            t(22.0, 232.0, 13.0, 1, "Langues"),
            t(22.0, 252.0, 10.5, 1, "Français (Native or Bilingual)"),
            t(22.0, 269.0, 10.5, 1, "Anglais (Full Professional)"),
            t(224.0, 65.0, 26.0, 2, "Hélène-Marguerite de La"),
            t(224.0, 95.0, 26.0, 2, "Fontaine-Dubois"),
            t(224.0, 117.0, 12.0, 1, "Directrice technique chez Société"),
            t(224.0, 132.0, 12.0, 1, "Générale des Eaux"),
            t(224.0, 147.0, 12.0, 1, "Lyon, Auvergne-Rhône-Alpes, France"),
            t(224.0, 185.0, 15.75, 1, "Expérience"),
            t(224.0, 215.0, 12.0, 1, "Société Générale des Eaux"),
            t(224.0, 231.0, 11.5, 1, "Directrice technique"),
            t(
                224.0,
                246.0,
                10.5,
                1,
                "novembre 2020 - Present (3 ans 2 mois)",
            ),
            t(224.0, 290.0, 15.75, 1, "Formation"),
            t(224.0, 315.0, 12.0, 1, "École polytechnique"),
            t(
                224.0,
                333.0,
                10.5,
                1,
                "Ingénieur, Informatique · (2005 - 2008)",
            ),
        ]],
        links: vec![
            "https://www.linkedin.com/in/h%C3%A9l%C3%A8ne-de-la-fontaine-b2a1?trk=x".into(),
        ],
        fonts: standard_fonts(),
        compress: false,
    })
}

/// proves E3: headings in French, month names translated, wrapped name and URL rejoined.
#[test]
fn french_profile_reads_translated_headings() {
    let profile = parse_profile_pdf(&french_profile()).unwrap();
    assert_eq!(
        profile.name.as_deref(),
        Some("Hélène-Marguerite de La Fontaine-Dubois")
    );
    assert_eq!(
        profile.headline.as_deref(),
        Some("Directrice technique chez Société Générale des Eaux")
    );
    assert_eq!(
        profile.location.as_deref(),
        Some("Lyon, Auvergne-Rhône-Alpes, France")
    );
    assert_eq!(profile.phone.as_deref(), Some("06 12 34 56 78"));
    assert_eq!(
        profile.profile_url.as_deref(),
        Some("www.linkedin.com/in/h%C3%A9l%C3%A8ne-de-la-fontaine-b2a1")
    );
    assert_eq!(
        profile.top_skills,
        Some(vec!["Gestion de projet".into(), "Rust".into()])
    );
    assert_eq!(profile.languages.len(), 2);
    assert_eq!(
        profile.current_positions,
        [Position {
            company: "Société Générale des Eaux".into(),
            title: "Directrice technique".into(),
            since: Some("novembre 2020".into()),
        }]
    );
    assert_eq!(
        profile.education,
        ["École polytechnique · Ingénieur, Informatique · (2005 - 2008)"]
    );
}

/// A Russian profile in a simple font whose `/Differences` name Cyrillic glyphs (uniXXXX).
fn russian_profile() -> Vec<u8> {
    let cyrillic: Vec<char> = "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюя"
        .chars()
        .collect();
    let differences: Vec<String> = cyrillic
        .iter()
        .map(|c| format!("/uni{:04X}", u32::from(*c)))
        .collect();
    let font = |base: &str| {
        format!(
            "<< /Type /Font /Subtype /Type1 /BaseFont /{base} /Encoding << /Type /Encoding \
             /BaseEncoding /WinAnsiEncoding /Differences [128 {}] >> >>",
            differences.join(" ")
        )
    };
    // Encode: Cyrillic letters to 128.., the rest Latin-1.
    let encode = |text: &str| -> String {
        text.chars()
            .map(|c| match cyrillic.iter().position(|x| *x == c) {
                Some(i) => char::from_u32(128 + i as u32).unwrap(),
                None => c,
            })
            .collect()
    };
    let r = |x, y, size, font, text: &str| t(x, y, size, font, &encode(text));
    write_pdf(&Spec {
        pages: vec![vec![
            r(22.0, 54.0, 13.0, 1, "Контакты"),
            r(22.0, 74.0, 10.5, 1, "+7 495 123-45-67 (Mobile)"),
            r(22.0, 160.0, 13.0, 1, "Основные навыки"),
            r(22.0, 180.0, 10.5, 1, "Python"),
            r(224.0, 65.0, 26.0, 1, "Иван Петров"),
            r(224.0, 87.0, 12.0, 1, "Ведущий инженер"),
            r(224.0, 102.0, 12.0, 1, "Москва, Россия"),
            r(224.0, 140.0, 15.75, 1, "Опыт работы"),
            r(224.0, 170.0, 12.0, 1, "Яндекс"),
            r(224.0, 186.0, 11.5, 1, "Ведущий инженер"),
            r(224.0, 201.0, 10.5, 1, "ноября 2019 - Present (4 года)"),
            r(224.0, 240.0, 15.75, 1, "Образование"),
            r(224.0, 265.0, 12.0, 1, "МГУ"),
        ]],
        links: vec!["https://www.linkedin.com/in/ivan-petrov".into()],
        fonts: [font("Helvetica"), font("Helvetica-Bold")],
        compress: true,
    })
}

/// proves E3: Russian headings, Cyrillic through a `/Differences` encoding, no printed URL
/// (the link annotation alone gives it).
#[test]
fn russian_profile_reads_cyrillic() {
    let profile = parse_profile_pdf(&russian_profile()).unwrap();
    assert_eq!(profile.name.as_deref(), Some("Иван Петров"));
    assert_eq!(profile.headline.as_deref(), Some("Ведущий инженер"));
    assert_eq!(profile.location.as_deref(), Some("Москва, Россия"));
    assert_eq!(profile.phone.as_deref(), Some("+7 495 123-45-67"));
    assert_eq!(
        profile.profile_url.as_deref(),
        Some("https://www.linkedin.com/in/ivan-petrov")
    );
    assert_eq!(profile.top_skills, Some(vec!["Python".into()]));
    assert_eq!(
        profile.current_positions,
        [Position {
            company: "Яндекс".into(),
            title: "Ведущий инженер".into(),
            since: Some("ноября 2019".into()),
        }]
    );
    assert_eq!(profile.education, ["МГУ"]);
}

/// A Swedish profile in the current layout's sizes (headings 15.75/13, company 12, title 11.5
/// regular, dates 10.5, grey location): headings the parser has no words for, a headline
/// wrapped after a hyphen, an email whose last letter wraps alone, a language item wrapped
/// inside its proficiency, and a company with three roles (two still running) whose name and
/// total duration end page 1 while its roles start page 2.
fn swedish_profile() -> Vec<u8> {
    let grey = |x, y, size, text: &str| Text {
        gray: 0.69,
        ..t(x, y, size, 1, text)
    };
    write_pdf(&Spec {
        pages: vec![
            vec![
                grey(22.0, 54.0, 13.0, "Kontaktuppgifter"),
                t(22.0, 74.0, 10.5, 1, "+46 70 123 45 67 (Mobil)"),
                t(22.0, 87.0, 10.5, 1, "asa.lindstrom.utvecklare@exempel.s"),
                t(22.0, 100.0, 10.5, 1, "e"),
                t(22.0, 113.0, 11.0, 1, "www.linkedin.com/in/asa-"),
                t(22.0, 126.0, 11.0, 1, "lindstrom (LinkedIn)"),
                grey(22.0, 160.0, 13.0, "Främsta kompetenser"),
                t(22.0, 180.0, 10.5, 1, "Rust"),
                t(22.0, 197.6, 10.5, 1, "Ledarskap"),
                grey(22.0, 232.0, 13.0, "Språk"),
                t(22.0, 252.0, 10.5, 1, "Svenska (Modersmål eller"),
                t(22.0, 264.6, 10.5, 1, "tvåspråkig)"),
                t(22.0, 282.2, 10.5, 1, "Engelska (Fullständig)"),
                grey(22.0, 318.0, 13.0, "Certifieringar"),
                t(22.0, 338.0, 10.5, 1, "Certifierad Scrum Master"),
                t(224.0, 65.0, 26.0, 1, "Åsa Lindström"),
                t(224.0, 87.0, 12.0, 1, "Teknisk chef · Moln · Själv-"),
                t(224.0, 102.0, 12.0, 1, "Lärd"),
                grey(224.0, 117.0, 12.0, "Göteborg, Västra Götaland, Sverige"),
                t(224.0, 155.0, 15.75, 1, "Sammanfattning"),
                t(224.0, 180.0, 12.0, 1, "Bygger plattformar som håller."),
                t(224.0, 216.0, 12.0, 1, "Leder team som levererar varje dag."),
                t(224.0, 260.0, 15.75, 1, "Erfarenhet"),
                t(224.0, 740.0, 12.0, 1, "Spotify"),
                t(224.0, 756.0, 10.5, 1, "7 år 6 månader"),
                t(381.0, 778.0, 9.0, 1, "Page 1 of 2"),
            ],
            vec![
                t(224.0, 55.0, 11.5, 1, "Teknisk chef"),
                t(224.0, 70.0, 10.5, 1, "mars 2023 - Present (3 år 4 månader)"),
                grey(224.0, 85.0, 10.5, "Stockholm"),
                t(224.0, 106.0, 10.5, 1, "Leder plattformsteamet."),
                t(224.0, 140.0, 11.5, 1, "Senior utvecklare"),
                t(
                    224.0,
                    155.0,
                    10.5,
                    1,
                    "september 2021 - Present (4 år 10 månader)",
                ),
                t(224.0, 190.0, 11.5, 1, "Utvecklare"),
                t(
                    224.0,
                    205.0,
                    10.5,
                    1,
                    "januari 2019 - augusti 2021 (2 år 8 månader)",
                ),
                t(224.0, 245.0, 12.0, 1, "Volvo Cars"),
                t(224.0, 261.0, 11.5, 1, "Praktikant"),
                t(
                    224.0,
                    276.0,
                    10.5,
                    1,
                    "juni 2017 - december 2018 (1 år 7 månader)",
                ),
                t(224.0, 320.0, 15.75, 1, "Utbildning"),
                t(224.0, 345.0, 12.0, 1, "Chalmers tekniska högskola"),
                t(224.0, 363.0, 10.5, 1, "Master, Datateknik · (2010 - 2014)"),
                t(381.0, 778.0, 9.0, 1, "Page 2 of 2"),
            ],
        ],
        links: vec![
            "mailto:asa.lindstrom.utvecklare@exempel.se".into(),
            "https://www.linkedin.com/in/asa-lindstrom?trk=pdf".into(),
        ],
        fonts: standard_fonts(),
        compress: true,
    })
}

/// proves E3: a profile saved in an interface language without known headings reads by its
/// layout, every field exact and nothing from one field in another.
#[test]
fn unknown_language_profile_reads_by_layout() {
    let profile = parse_profile_pdf(&swedish_profile()).unwrap();
    let since = |s: &str| Some(s.to_string());
    assert_eq!(
        profile,
        PdfProfile {
            name: Some("Åsa Lindström".into()),
            headline: Some("Teknisk chef · Moln · Själv-Lärd".into()),
            location: Some("Göteborg, Västra Götaland, Sverige".into()),
            email: Some("asa.lindstrom.utvecklare@exempel.se".into()),
            phone: Some("+46 70 123 45 67".into()),
            profile_url: Some("www.linkedin.com/in/asa-lindstrom".into()),
            top_skills: Some(vec!["Rust".into(), "Ledarskap".into()]),
            languages: vec![
                "Svenska (Modersmål eller tvåspråkig)".into(),
                "Engelska (Fullständig)".into()
            ],
            summary: Some(
                "Bygger plattformar som håller.\nLeder team som levererar varje dag.".into()
            ),
            current_positions: vec![
                Position {
                    company: "Spotify".into(),
                    title: "Teknisk chef".into(),
                    since: since("mars 2023"),
                },
                Position {
                    company: "Spotify".into(),
                    title: "Senior utvecklare".into(),
                    since: since("september 2021"),
                },
            ],
            education: vec![
                "Chalmers tekniska högskola · Master, Datateknik · (2010 - 2014)".into()
            ],
            pages: 2,
        }
    );
}

/// The same profile without its mailto and profile links: the printed text alone must not let
/// the email's wrapped last letter run into the profile URL.
#[test]
fn a_wrapped_email_without_links_stays_out_of_the_profile_url() {
    let mut without_links = swedish_profile();
    for uri in [b"mailto:".as_slice(), b"https://www.linkedin.com/in/"] {
        while let Some(at) = without_links.windows(uri.len()).position(|w| w == uri) {
            // Overwritten in place, so the xref offsets stay right; the links lead nowhere now.
            without_links[at..at + uri.len()].fill(b'x');
        }
    }
    let profile = parse_profile_pdf(&without_links).unwrap();
    assert_eq!(
        profile.email.as_deref(),
        Some("asa.lindstrom.utvecklare@exempel.se")
    );
    assert_eq!(
        profile.profile_url.as_deref(),
        Some("www.linkedin.com/in/asa-lindstrom")
    );
    assert_eq!(profile.phone.as_deref(), Some("+46 70 123 45 67"));
}

// ---------------------------------------------------------------------------------------------
// Hostile and broken inputs: each must return (Ok or a PdfError), never panic, and quickly.

const LOGIN_PAGE: &[u8] = b"<!DOCTYPE html><html><head><title>LinkedIn Login, Sign in | \
LinkedIn</title></head><body><form action=\"/checkpoint/lg/login-submit\"><input name=\
\"session_key\"><input type=\"password\" name=\"session_password\"></form></body></html>";

/// Parses and checks the time bound; the result itself may be anything but a panic.
fn parse_bounded(bytes: &[u8], what: &str) -> Result<PdfProfile, PdfError> {
    // The work is bounded by the parser's own caps (operations, glyphs, inflated bytes: see
    // src/pdf/runs.rs and budget.rs), which these tests drive into; how long that takes is a
    // measurement, not a test's to bound with a clock a busy machine can break.
    struct Naming<'a>(&'a str);
    impl Drop for Naming<'_> {
        fn drop(&mut self) {
            if std::thread::panicking() {
                eprintln!("while parsing {}", self.0);
            }
        }
    }
    let _naming = Naming(what);
    parse_profile_pdf(bytes)
}

/// Deterministic pseudo-random numbers (xorshift64*), so a failure replays.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn samples() -> Vec<(String, Vec<u8>)> {
    let mut out = vec![
        ("fixture-site".to_string(), fixture_site_profile()),
        ("french".to_string(), french_profile()),
        ("swedish".to_string(), swedish_profile()),
    ];
    if let Some(dir) = corpus_dir() {
        for (file, bytes, _) in corpus_pdfs(&dir) {
            out.push((file, bytes));
        }
    }
    out
}

/// proves E3: a download cut short anywhere fails cleanly (or reads what is there).
#[test]
fn truncated_pdfs_never_panic() {
    for (name, bytes) in samples() {
        let len = bytes.len();
        let mut cuts: Vec<usize> = (0..48).map(|i| len * i / 48).collect();
        cuts.extend((1..=16).map(|i| len.saturating_sub(i * 7)));
        for cut in cuts {
            let _ = parse_bounded(&bytes[..cut], &format!("{name} cut at {cut}"));
        }
    }
}

/// Damages `bytes` `rounds` times (1-8 bytes each: bit flips, syntax bytes, random bytes).
fn damage(name: &str, bytes: &[u8], seed: u64, rounds: u32) {
    let mut rng = Rng(seed);
    for round in 0..rounds {
        let mut damaged = bytes.to_vec();
        for _ in 0..1 + rng.below(8) {
            let at = rng.below(damaged.len());
            damaged[at] = match rng.below(4) {
                0 => damaged[at] ^ (1 << rng.below(8)),
                1 => b"0123456789<>[]()/ RQq"[rng.below(21)],
                _ => rng.next() as u8,
            };
        }
        let _ = parse_bounded(&damaged, &format!("{name} round {round}"));
    }
}

/// proves E3: random damage (deterministic seeds) to a generated profile never panics or hangs.
#[test]
fn damaged_generated_pdf_never_panics() {
    damage("fixture-site", &fixture_site_profile(), 0x5eed_0001, 300);
}

/// proves E3: random damage to the current-layout corpus PDF never panics or hangs.
#[test]
fn damaged_current_layout_pdf_never_panics() {
    let Some(dir) = corpus_dir() else { return };
    damage(
        "cmpsoares",
        &std::fs::read(dir.join("pdf/cmpsoares_2023.pdf")).unwrap(),
        0x5eed_0002,
        // 100 KB: ~40 ms a parse in a debug build, so fewer rounds than the small files.
        120,
    );
}

/// proves E3: random damage to the 2017-layout corpus PDF never panics or hangs.
#[test]
fn damaged_old_layout_pdf_never_panics() {
    let Some(dir) = corpus_dir() else { return };
    let bytes = std::fs::read(dir.join("pdf/lesterchan_2017_old-layout.pdf")).unwrap();
    damage("lesterchan", &bytes, 0x5eed_0003, 300);
}

/// proves E3: what is not a PDF is refused by its magic bytes.
#[test]
fn non_pdfs_are_refused() {
    assert_eq!(parse_profile_pdf(b""), Err(PdfError::NotPdf));
    assert_eq!(parse_profile_pdf(LOGIN_PAGE), Err(PdfError::NotPdf));
    assert!(!looks_like_pdf(LOGIN_PAGE));
    assert!(looks_like_pdf(b"\xef\xbb\xbf  \n%PDF-1.4\n"));
    let mut late = vec![b' '; 2000];
    late.extend_from_slice(b"%PDF-1.4");
    assert!(!looks_like_pdf(&late));
    assert_eq!(
        parse_profile_pdf(b"%PDF-1.4\n%%EOF"),
        Err(PdfError::Unreadable)
    );
}

/// proves E3: over 5 MB is refused before any parsing.
#[test]
fn over_five_megabytes_is_refused() {
    let mut big = fixture_site_profile();
    big.resize(MAX_PDF_BYTES + 1, b' ');
    assert_eq!(parse_profile_pdf(&big), Err(PdfError::TooLarge));
    let mut at_limit = fixture_site_profile();
    at_limit.resize(MAX_PDF_BYTES, b' ');
    assert!(parse_bounded(&at_limit, "5 MB of padding").is_ok());
}

/// Deflate with fixed Huffman codes: one zero byte then `repeats` copies of (length 258,
/// distance 1) — 13 bits per 258 output bytes.
fn deflate_bomb(repeats: usize) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        count: u32,
    }
    impl Bits {
        fn put(&mut self, value: u64, bits: u32) {
            self.acc |= value << self.count;
            self.count += bits;
            while self.count >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.count -= 8;
            }
        }
        /// Huffman codes go most significant bit first.
        fn code(&mut self, code: u64, bits: u32) {
            let reversed = (0..bits).fold(0, |acc, i| (acc << 1) | ((code >> i) & 1));
            self.put(reversed, bits);
        }
    }
    let mut bits = Bits {
        out: vec![0x78, 0x01],
        acc: 0,
        count: 0,
    };
    bits.put(1, 1); // final block
    bits.put(1, 2); // fixed Huffman
    bits.code(0x30, 8); // literal 0
    for _ in 0..repeats {
        bits.code(0b1100_0101, 8); // length symbol 285 = 258
        bits.code(0, 5); // distance symbol 0 = 1
    }
    bits.code(0, 7); // end of block
    bits.put(0, 7);
    bits.out
}

/// proves E3: a flate bomb (a 1 MB stream inflating to ~160 MB) is refused before hayro
/// inflates it, as a page content stream and as an object stream.
#[test]
fn deflate_bombs_are_refused_quickly() {
    let bomb = deflate_bomb(640_000);
    assert!(bomb.len() < 1_100_000);
    let mut content = format!(
        "<< /Length {} /Filter /FlateDecode >>\nstream\n",
        bomb.len()
    )
    .into_bytes();
    content.extend_from_slice(&bomb);
    content.extend_from_slice(b"\nendstream");
    let objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>".to_vec(),
        content,
    ];
    assert_eq!(
        parse_bounded(&assemble(&objects), "content bomb"),
        Err(PdfError::Unreadable)
    );

    let mut object_stream = format!(
        "<< /Type /ObjStm /N 1 /First 4 /Length {} /Filter /FlateDecode >>\nstream\n",
        bomb.len()
    )
    .into_bytes();
    object_stream.extend_from_slice(&bomb);
    object_stream.extend_from_slice(b"\nendstream");
    let objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>".to_vec(),
        object_stream,
    ];
    assert_eq!(
        parse_bounded(&assemble(&objects), "object stream bomb"),
        Err(PdfError::Unreadable)
    );
}

/// proves E3: nesting 100 000 deep in objects and in content never overflows the stack.
#[test]
fn deeply_nested_objects_never_overflow_the_stack() {
    let depth = 100_000;
    let nested_arrays = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let nested_dicts = format!("{}{}", "<< /A ".repeat(depth), ">> ".repeat(depth));
    for (what, nested) in [("arrays", &nested_arrays), ("dicts", &nested_dicts)] {
        let content = format!("BT /F1 12 Tf 10 10 Td {nested} TJ (x) Tj ET");
        let objects = vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>".to_vec(),
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
                 /Resources << /Font << /F1 5 0 R >> >> /X {nested} >>"
            )
            .into_bytes(),
            stream_object(content.as_bytes(), false),
            standard_fonts()[0].clone().into_bytes(),
        ];
        // The deep nesting runs on a small stack, like a worker's.
        let pdf = assemble(&objects);
        let handle = std::thread::Builder::new()
            .stack_size(1 << 20)
            .spawn(move || parse_profile_pdf(&pdf).is_ok())
            .unwrap();
        assert!(handle.join().is_ok(), "{what}: the parser thread died");
    }
}

/// proves E3: a huge content stream (5 MB of operators) and a stream of inline images with
/// "EI" all over their data end, bounded by the parser's caps, with the answer each should get.
#[test]
fn huge_content_streams_are_bounded() {
    let mut ops = Vec::new();
    while ops.len() < 4_500_000 {
        ops.extend_from_slice(b"BT /F1 9 Tf 1 2 Td (ab) Tj ET q 1 0 0 1 0 0 cm Q\n");
    }
    let mut inline = b"BI /W 1 /H 1 /BPC 8 /CS /G ID ".to_vec();
    while inline.len() < 2_000_000 {
        inline.extend_from_slice(b"EI ");
    }
    inline.push(0x80);
    for (what, content) in [("operators", ops), ("inline images", inline)] {
        let objects = vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
               /Resources << /Font << /F1 5 0 R >> >> >>"
                .to_vec(),
            stream_object(&content, false),
            standard_fonts()[0].clone().into_bytes(),
        ];
        let result = parse_bounded(&assemble(&objects), what);
        match what {
            // The interpreter stops at its operation cap and reads what it has.
            "operators" => assert!(result.is_ok(), "{what}: {:?}", result.err()),
            _ => assert_eq!(result.err(), Some(PdfError::NoText), "{what}"),
        }
    }
}

/// proves E3: encrypted PDFs and LZW streams (expansion we do not measure) are refused, with a
/// message a recruiter can act on.
#[test]
fn encrypted_and_unmeasured_filters_are_refused() {
    let encrypted = fixture_site_profile()
        .windows(7)
        .position(|w| w == b"/Root 1")
        .map(|at| {
            let mut bytes = fixture_site_profile();
            bytes.splice(at..at, b"/Encrypt 9 0 R ".iter().copied());
            bytes
        })
        .unwrap();
    assert_eq!(parse_profile_pdf(&encrypted), Err(PdfError::Unreadable));
    let lzw = assemble(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>".to_vec(),
        b"<< /Length 2 /Filter /LZWDecode >>\nstream\n\x80\x0b\nendstream".to_vec(),
    ]);
    let error = parse_profile_pdf(&lzw).unwrap_err();
    assert_eq!(error, PdfError::Unreadable);
    assert!(error.to_string().contains("Export it again"));
}

/// proves E3: a PDF without text (a scan) says so.
#[test]
fn a_pdf_without_text_says_so() {
    let objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>".to_vec(),
        stream_object(b"0 0 612 792 re f", true),
    ];
    assert_eq!(
        parse_profile_pdf(&assemble(&objects)),
        Err(PdfError::NoText)
    );
}
