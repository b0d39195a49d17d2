//! A Unicode font for lines WinAnsi cannot show (Polish, Turkish, Korean…): a Type0 font with
//! two-byte Identity-H codes, `/W` widths and a ToUnicode map — the shape of the real site's
//! embedded fonts (DESIGN.md §7), without the glyph programs, which no test reads. A code is
//! the character's UTF-16 unit; characters beyond the BMP print as '?'.

use super::metrics::Font;
use super::writer::{ObjId, Writer};
use std::collections::BTreeSet;

/// ToUnicode `bfchar` blocks hold at most 100 entries (ISO 32000 §9.10.3).
const BFCHAR_BLOCK: usize = 100;

/// The codes of `text`.
pub fn codes(text: &str) -> Vec<u16> {
    text.chars()
        .map(|c| u16::try_from(u32::from(c)).unwrap_or(u16::from(b'?')))
        .collect()
}

/// `<004A00FC…>`: a hex string of two-byte codes.
pub fn hex(codes: &[u16]) -> String {
    let mut out = String::from("<");
    for code in codes {
        out.push_str(&format!("{code:04X}"));
    }
    out.push('>');
    out
}

/// The BaseFont name; "Bold" in it is how readers (ours too) tell the weight.
fn base_font(font: Font) -> &'static str {
    match font {
        Font::Regular => "NotoSans",
        Font::Bold => "NotoSans-Bold",
    }
}

/// Writes the font (Type0, its CIDFont, descriptor and ToUnicode map) for the codes `used`.
pub fn write(w: &mut Writer, font: Font, used: &BTreeSet<u16>) -> ObjId {
    let name = base_font(font);
    let descriptor = w.add(format!(
        "<< /Type /FontDescriptor /FontName /{name} /Flags 32 /FontBBox [-1000 -300 1000 1000] \
         /ItalicAngle 0 /Ascent 1000 /Descent -300 /CapHeight 700 /StemV 80 >>"
    ));
    let widths: Vec<String> = used
        .iter()
        .map(|&code| {
            let advance = char::from_u32(u32::from(code)).map_or(556, |c| font.advance(c));
            format!("{code} [{advance}]")
        })
        .collect();
    let cid_font = w.add(format!(
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{name} /CIDSystemInfo << /Registry \
         (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor {} /DW 1000 /W [{}] \
         /CIDToGIDMap /Identity >>",
        descriptor.r(),
        widths.join(" ")
    ));
    let to_unicode = w.add_stream(to_unicode(used).as_bytes());
    w.add(format!(
        "<< /Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H \
         /DescendantFonts [{}] /ToUnicode {} >>",
        cid_font.r(),
        to_unicode.r()
    ))
}

fn to_unicode(used: &BTreeSet<u16>) -> String {
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << \
         /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS \
         def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let used: Vec<u16> = used.iter().copied().collect();
    for block in used.chunks(BFCHAR_BLOCK) {
        out.push_str(&format!("{} beginbfchar\n", block.len()));
        for code in block {
            out.push_str(&format!("<{code:04X}> <{code:04X}>\n"));
        }
        out.push_str("endbfchar\n");
    }
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_utf16_units_in_hex() {
        assert_eq!(hex(&codes("Jü경")), "<004A00FCACBD>");
        assert_eq!(codes("😀"), [u16::from(b'?')]);
    }

    #[test]
    fn the_to_unicode_map_lists_every_used_code_in_blocks_of_100() {
        let used: BTreeSet<u16> = (0x100..0x100 + 150).collect();
        let map = to_unicode(&used);
        assert!(map.contains("100 beginbfchar\n<0100> <0100>\n"));
        assert!(map.contains("50 beginbfchar\n"));
        assert!(map.contains("<0195> <0195>\nendbfchar"));
    }
}
