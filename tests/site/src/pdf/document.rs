//! Laid-out pages → a PDF file: one content stream per page, the two standard fonts shared
//! by every page (plus two Unicode fonts when a line needs them), link annotations with URI
//! actions, and an information dictionary.

use super::cid_font;
use super::layout::{Color, PageDraw, Run};
use super::metrics::Font;
use super::winansi;
use super::writer::{ObjId, Writer, literal, num, text_string};
use std::collections::BTreeSet;

/// What the file says about itself.
pub struct Meta<'a> {
    pub title: &'a str,
    /// Seeds the trailer's `/ID`, so the same person always gets the same bytes.
    pub id_seed: &'a str,
}

/// Writes `pages` at `size` (points, width × height).
pub fn write(pages: &[PageDraw], size: (f32, f32), meta: &Meta<'_>) -> Vec<u8> {
    let mut w = Writer::default();
    let catalog = w.reserve();
    let tree = w.reserve();
    let fonts: Vec<(Font, ObjId)> = [Font::Regular, Font::Bold]
        .into_iter()
        .map(|font| {
            let id = w.add(format!(
                "<< /Type /Font /Subtype /Type1 /BaseFont /{} /Encoding /WinAnsiEncoding >>",
                font.base_font()
            ));
            (font, id)
        })
        .collect();
    let mut font_dict: Vec<String> = fonts
        .iter()
        .map(|(font, id)| format!("/{} {}", font.resource(), id.r()))
        .collect();
    for font in [Font::Regular, Font::Bold] {
        let used = unicode_codes(pages, font);
        if !used.is_empty() {
            let id = cid_font::write(&mut w, font, &used);
            font_dict.push(format!("/{} {}", unicode_resource(font), id.r()));
        }
    }
    let font_dict = font_dict.join(" ");
    let resources = w.add(format!(
        "<< /Font << {font_dict} >> /ProcSet [/PDF /Text] >>"
    ));
    let media_box = format!("[0 0 {} {}]", num(size.0), num(size.1));

    let mut kids = Vec::with_capacity(pages.len());
    for page in pages {
        let contents = w.add_stream(&content_stream(page));
        let annots: Vec<String> = page
            .links
            .iter()
            .map(|link| {
                let [x0, y0, x1, y1] = link.rect;
                let mut body = format!(
                    "<< /Type /Annot /Subtype /Link /Rect [{} {} {} {}] /Border [0 0 0] /A << /Type /Action /S /URI /URI ",
                    num(x0),
                    num(y0),
                    num(x1),
                    num(y1)
                )
                .into_bytes();
                body.extend(literal(ascii_uri(&link.uri).as_bytes()));
                body.extend_from_slice(b" >> >>");
                w.add(body).r()
            })
            .collect();
        let annots = if annots.is_empty() {
            String::new()
        } else {
            format!(" /Annots [{}]", annots.join(" "))
        };
        kids.push(
            w.add(format!(
                "<< /Type /Page /Parent {} /MediaBox {media_box} /Resources {} /Contents {}{annots} >>",
                tree.r(),
                resources.r(),
                contents.r()
            ))
            .r(),
        );
    }
    w.set(
        tree,
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            kids.len()
        ),
    );
    w.set(catalog, format!("<< /Type /Catalog /Pages {} >>", tree.r()));
    let info = w.add(format!(
        "<< /Title {} /Creator (LinkedIn) /Producer (Talent Bridge fixture site) >>",
        text_string(meta.title)
    ));
    w.finish(catalog, info, file_id(meta.id_seed))
}

/// Fills first, then every run in one text object; font and colour only when they change.
fn content_stream(page: &PageDraw) -> Vec<u8> {
    let mut out = Vec::new();
    for (rect, color) in &page.fills {
        let [x, y, width, height] = *rect;
        out.extend_from_slice(
            format!(
                "q {} {} {} {} {} re f Q\n",
                fill(*color),
                num(x),
                num(y),
                num(width),
                num(height)
            )
            .as_bytes(),
        );
    }
    if page.runs.is_empty() {
        return out;
    }
    out.extend_from_slice(b"BT\n");
    let mut font: Option<(&str, f32)> = None;
    let mut color: Option<Color> = None;
    for run in &page.runs {
        let style = run.style;
        let unicode = !winansi::encodable(&run.text);
        let resource = if unicode {
            unicode_resource(style.font)
        } else {
            style.font.resource()
        };
        if font != Some((resource, style.size)) {
            out.extend_from_slice(format!("/{resource} {} Tf\n", num(style.size)).as_bytes());
            font = Some((resource, style.size));
        }
        if color != Some(style.color) {
            out.extend_from_slice(format!("{}\n", fill(style.color)).as_bytes());
            color = Some(style.color);
        }
        out.extend_from_slice(format!("1 0 0 1 {} {} Tm\n", num(run.x), num(run.y)).as_bytes());
        if unicode {
            out.extend_from_slice(cid_font::hex(&cid_font::codes(&run.text)).as_bytes());
        } else {
            out.extend(literal(&winansi::encode(&run.text)));
        }
        out.extend_from_slice(b" Tj\n");
    }
    out.extend_from_slice(b"ET\n");
    out
}

/// The resource name of the Unicode font of a weight.
fn unicode_resource(font: Font) -> &'static str {
    match font {
        Font::Regular => "U1",
        Font::Bold => "U2",
    }
}

/// The codes the Unicode font of a weight must map: those of every run WinAnsi cannot show.
fn unicode_codes(pages: &[PageDraw], font: Font) -> BTreeSet<u16> {
    pages
        .iter()
        .flat_map(|page| &page.runs)
        .filter(|run: &&Run| run.style.font == font && !winansi::encodable(&run.text))
        .flat_map(|run| cid_font::codes(&run.text))
        .collect()
}

fn fill(color: Color) -> String {
    format!("{} {} {} rg", num(color.0), num(color.1), num(color.2))
}

/// URIs in PDF are 7-bit: percent-encode anything else (an IRI becomes its URI).
fn ascii_uri(uri: &str) -> String {
    let mut out = String::with_capacity(uri.len());
    for b in uri.bytes() {
        if b.is_ascii_graphic() {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// 16 bytes from two FNV-1a passes over the seed: stable, and different per person.
fn file_id(seed: &str) -> [u8; 16] {
    let hash = |basis: u64| {
        seed.bytes().fold(basis, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
    };
    let mut id = [0u8; 16];
    let (a, b) = id.split_at_mut(8);
    a.copy_from_slice(&hash(0xcbf2_9ce4_8422_2325).to_be_bytes());
    b.copy_from_slice(&hash(0x8422_2325_cbf2_9ce4).to_be_bytes());
    id
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::layout::{Link, Run, Style};

    #[test]
    fn a_page_with_a_link_writes_its_annotation_and_text() {
        let style = Style {
            font: Font::Bold,
            size: 13.0,
            color: Color(0.0, 0.0, 0.0),
            leading: 16.0,
        };
        let page = PageDraw {
            fills: vec![([0.0, 0.0, 10.0, 10.0], Color(1.0, 0.5, 0.0))],
            runs: vec![Run {
                x: 22.0,
                y: 700.5,
                style,
                text: "Contact (x)".into(),
            }],
            links: vec![Link {
                rect: [22.0, 690.0, 100.0, 705.0],
                uri: "mailto:a@example.com".into(),
            }],
        };
        let pdf = write(
            &[page],
            (612.0, 792.0),
            &Meta {
                title: "T",
                id_seed: "t",
            },
        );
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("/F2 13 Tf\n0 0 0 rg\n1 0 0 1 22 700.5 Tm\n(Contact \\(x\\)) Tj"));
        assert!(text.contains("q 1 0.5 0 rg 0 0 10 10 re f Q"));
        assert!(text.contains("/S /URI /URI (mailto:a@example.com)"));
        assert!(text.contains("/BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding"));
        assert!(text.contains("/MediaBox [0 0 612 792]"));
    }

    #[test]
    fn lines_winansi_cannot_show_go_through_the_unicode_font() {
        let style = |font| Style {
            font,
            size: 10.5,
            color: Color(0.0, 0.0, 0.0),
            leading: 14.0,
        };
        let run = |font, text: &str| Run {
            x: 22.0,
            y: 700.0,
            style: style(font),
            text: text.into(),
        };
        let page = PageDraw {
            fills: Vec::new(),
            runs: vec![
                run(Font::Bold, "경력"),
                run(Font::Regular, "Kraków, Małopolskie"),
                run(Font::Regular, "Jürgen"),
            ],
            links: Vec::new(),
        };
        let meta = Meta {
            title: "T",
            id_seed: "t",
        };
        let pdf = write(&[page], (595.28, 841.89), &meta);
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("/U2 10.5 Tf\n0 0 0 rg\n1 0 0 1 22 700 Tm\n<ACBDB825> Tj"));
        assert!(text.contains("/U1 10.5 Tf\n1 0 0 1 22 700 Tm\n<004B00720061006B00F3"));
        assert!(text.contains("/F1 10.5 Tf\n1 0 0 1 22 700 Tm\n(J\u{fffd}rgen) Tj"));
        assert!(text.contains("/Subtype /Type0 /BaseFont /NotoSans-Bold /Encoding /Identity-H"));
        assert!(
            text.contains("<0142> <0142>"),
            "ł in the regular font's ToUnicode map"
        );
        // English-only documents carry no Unicode font, as before.
        let english = write(&[PageDraw::default()], (612.0, 792.0), &meta);
        assert!(!String::from_utf8_lossy(&english).contains("Type0"));
    }

    #[test]
    fn non_ascii_uris_are_percent_encoded_and_ids_differ_per_seed() {
        assert_eq!(ascii_uri("https://x/in/jü"), "https://x/in/j%C3%BC");
        assert_ne!(file_id("a"), file_id("b"));
        assert_eq!(file_id("a"), file_id("a"));
    }
}
