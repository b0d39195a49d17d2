//! Turning the bytes of a text-showing operator into characters and advances.
//!
//! Simple fonts: ToUnicode first, then `/Encoding` (+ `/Differences`), then WinAnsi; advances
//! from `/Widths`, or an average for the unembedded standard fonts our fixture site uses.
//! Composite (Type0) fonts: two-byte codes (Identity-H, what the site writes), ToUnicode, `/W`.

use super::encoding::{BaseEncoding, glyph_name_to_char};
use hayro_cmap::{BfString, CMap};
use hayro_syntax::object::{Array, Dict, Name, Object, Stream};

/// Average advance of a standard-14 glyph without `/Widths` (thousandths of an em).
const DEFAULT_WIDTH: f32 = 500.0;
/// More `/W` or `/Widths` entries than any real font has; the rest is ignored.
const MAX_WIDTH_ENTRIES: usize = 70_000;

pub(crate) struct Font {
    pub(crate) bold: bool,
    to_unicode: Option<CMap>,
    kind: Kind,
}

enum Kind {
    Simple {
        codes: Box<[Option<char>; 256]>,
        first_char: u32,
        widths: Vec<f32>,
        missing_width: f32,
    },
    Composite {
        default_width: f32,
        /// (first CID, last CID, width), sorted by first CID.
        widths: Vec<(u32, u32, f32)>,
    },
}

/// One decoded code of a string.
pub(crate) struct Glyph {
    pub(crate) text: GlyphText,
    /// Advance in thousandths of the font size.
    pub(crate) width: f32,
    /// The single-byte code 32, which word spacing applies to.
    pub(crate) is_space: bool,
}

pub(crate) enum GlyphText {
    None,
    Char(char),
    String(String),
}

impl Font {
    /// A font for text whose font resource is missing or unreadable: Latin-1 bytes.
    pub(crate) fn fallback() -> Self {
        Self {
            bold: false,
            to_unicode: None,
            kind: simple_kind(None, &Dict::default()),
        }
    }

    pub(crate) fn load(dict: &Dict<'_>) -> Self {
        let base_font = dict
            .get::<Name<'_>>(b"BaseFont".as_slice())
            .map(|n| n.as_str().to_ascii_lowercase())
            .unwrap_or_default();
        let bold = ["bold", "black", "heavy", "semibold", "demi"]
            .iter()
            .any(|w| base_font.contains(w));
        let to_unicode = dict
            .get::<Stream<'_>>(b"ToUnicode".as_slice())
            .and_then(|s| s.decoded().ok())
            .and_then(|data| CMap::parse(&data, |_| None));
        let subtype = dict.get::<Name<'_>>(b"Subtype".as_slice());
        let kind = if subtype.as_deref() == Some(b"Type0".as_slice()) {
            composite_kind(dict)
        } else {
            simple_kind(Some(dict), dict)
        };
        Self {
            bold,
            to_unicode,
            kind,
        }
    }

    /// Calls `each` for every code in `bytes`.
    pub(crate) fn decode(&self, bytes: &[u8], mut each: impl FnMut(Glyph)) {
        match &self.kind {
            Kind::Simple {
                codes,
                first_char,
                widths,
                missing_width,
            } => {
                for &byte in bytes {
                    let code = u32::from(byte);
                    let width = code
                        .checked_sub(*first_char)
                        .and_then(|i| widths.get(i as usize))
                        .copied()
                        .unwrap_or(*missing_width);
                    let text =
                        self.unicode(code)
                            .unwrap_or_else(|| match codes.get(usize::from(byte)) {
                                Some(Some(c)) => GlyphText::Char(*c),
                                _ => GlyphText::None,
                            });
                    each(Glyph {
                        text,
                        width,
                        is_space: byte == b' ',
                    });
                }
            }
            Kind::Composite {
                default_width,
                widths,
            } => {
                for pair in bytes.chunks(2) {
                    let code = pair.iter().fold(0u32, |acc, b| (acc << 8) | u32::from(*b));
                    let width = composite_width(widths, code).unwrap_or(*default_width);
                    each(Glyph {
                        text: self.unicode(code).unwrap_or(GlyphText::None),
                        width,
                        is_space: false,
                    });
                }
            }
        }
    }

    fn unicode(&self, code: u32) -> Option<GlyphText> {
        match self.to_unicode.as_ref()?.lookup_bf_string(code)? {
            BfString::Char(c) => Some(GlyphText::Char(c)),
            BfString::String(s) => Some(GlyphText::String(s)),
        }
    }
}

fn simple_kind(font: Option<&Dict<'_>>, dict: &Dict<'_>) -> Kind {
    let mut base = BaseEncoding::WinAnsi;
    let mut differences = None;
    match dict.get::<Object<'_>>(b"Encoding".as_slice()) {
        Some(Object::Name(name)) => base = BaseEncoding::from_name(&name).unwrap_or(base),
        Some(Object::Dict(encoding)) => {
            if let Some(name) = encoding.get::<Name<'_>>(b"BaseEncoding".as_slice()) {
                base = BaseEncoding::from_name(&name).unwrap_or(base);
            }
            differences = encoding.get::<Array<'_>>(b"Differences".as_slice());
        }
        _ => {}
    }
    let mut codes = Box::new([None; 256]);
    for (byte, slot) in (0u8..=255).zip(codes.iter_mut()) {
        *slot = base.decode(byte);
    }
    if let Some(differences) = differences {
        let mut code = 0usize;
        for item in differences.iter::<Object<'_>>().take(512) {
            match item {
                Object::Number(n) => code = n.as_f64().clamp(0.0, 256.0) as usize,
                Object::Name(name) => {
                    if let Some(slot) = codes.get_mut(code) {
                        *slot = glyph_name_to_char(&name);
                    }
                    code += 1;
                }
                _ => {}
            }
        }
    }
    let widths = font
        .and_then(|f| f.get::<Array<'_>>(b"Widths".as_slice()))
        .map(|a| {
            a.iter::<f32>()
                .take(MAX_WIDTH_ENTRIES)
                .map(sane_width)
                .collect()
        })
        .unwrap_or_default();
    let missing_width = font
        .and_then(|f| f.get::<Dict<'_>>(b"FontDescriptor".as_slice()))
        .and_then(|d| d.get::<f32>(b"MissingWidth".as_slice()))
        .map(sane_width)
        .filter(|w| *w > 0.0)
        .unwrap_or(DEFAULT_WIDTH);
    Kind::Simple {
        codes,
        first_char: font
            .and_then(|f| f.get::<u32>(b"FirstChar".as_slice()))
            .unwrap_or(0),
        widths,
        missing_width,
    }
}

fn composite_kind(dict: &Dict<'_>) -> Kind {
    let descendant = dict
        .get::<Array<'_>>(b"DescendantFonts".as_slice())
        .and_then(|a| a.iter::<Dict<'_>>().next())
        .unwrap_or_default();
    let default_width = descendant
        .get::<f32>(b"DW".as_slice())
        .map(sane_width)
        .unwrap_or(1000.0);
    let mut widths = Vec::new();
    if let Some(w) = descendant.get::<Array<'_>>(b"W".as_slice()) {
        let mut items = w.iter::<Object<'_>>();
        while widths.len() < MAX_WIDTH_ENTRIES {
            let Some(Object::Number(first)) = items.next() else {
                break;
            };
            let first = first.as_f64().clamp(0.0, f64::from(u32::MAX)) as u32;
            match items.next() {
                Some(Object::Array(list)) => {
                    for (i, width) in list.iter::<f32>().take(MAX_WIDTH_ENTRIES).enumerate() {
                        let cid = first.saturating_add(u32::try_from(i).unwrap_or(u32::MAX));
                        widths.push((cid, cid, sane_width(width)));
                    }
                }
                Some(Object::Number(last)) => {
                    let last = last.as_f64().clamp(0.0, f64::from(u32::MAX)) as u32;
                    let width = items
                        .next()
                        .and_then(|o| o.into_f32())
                        .map(sane_width)
                        .unwrap_or(default_width);
                    widths.push((first, last, width));
                }
                _ => break,
            }
        }
    }
    widths.sort_by_key(|(first, _, _)| *first);
    Kind::Composite {
        default_width,
        widths,
    }
}

fn composite_width(widths: &[(u32, u32, f32)], cid: u32) -> Option<f32> {
    let index = widths.partition_point(|(first, _, _)| *first <= cid);
    let (_, last, width) = widths.get(index.checked_sub(1)?)?;
    (cid <= *last).then_some(*width)
}

/// Widths outside a sane range (NaN, negative, huge) would throw positions off the page.
fn sane_width(width: f32) -> f32 {
    if width.is_finite() {
        width.clamp(0.0, 5000.0)
    } else {
        DEFAULT_WIDTH
    }
}
