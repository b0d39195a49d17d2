//! Advance widths of the two standard fonts the profile PDFs use, in 1/1000 em, indexed by
//! WinAnsi code − 32 (taken from Adobe's Helvetica AFM files). Only line wrapping needs
//! them: the fonts are not embedded, so the viewer brings its own metrics.

/// The fonts the writer knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Font {
    Regular,
    Bold,
}

impl Font {
    /// The resource name in every page's font dictionary.
    pub fn resource(self) -> &'static str {
        match self {
            Self::Regular => "F1",
            Self::Bold => "F2",
        }
    }

    pub fn base_font(self) -> &'static str {
        match self {
            Self::Regular => "Helvetica",
            Self::Bold => "Helvetica-Bold",
        }
    }

    /// The width of `text` at `size` points: the AFM width of each WinAnsi character, and an
    /// estimate for the rest, which the writer shows through a Unicode font (`cid_font`).
    pub fn width(self, text: &str, size: f32) -> f32 {
        let units: u32 = text.chars().map(|c| u32::from(self.advance(c))).sum();
        // Widths are at most a few thousand units per line: exact in f32.
        units as f32 * size / 1000.0
    }

    /// One character's advance in 1/1000 em.
    pub fn advance(self, c: char) -> u16 {
        let table = match self {
            Self::Regular => &HELVETICA,
            Self::Bold => &HELVETICA_BOLD,
        };
        match super::winansi::code(c) {
            Some(code) => {
                let glyph = usize::from(code).checked_sub(32).and_then(|i| table.get(i));
                // Codes without a glyph in the table (controls, holes in 0x80–0x9F) are
                // never emitted; a '?' width is a safe guess if one slips through.
                glyph.copied().filter(|w| *w > 0).unwrap_or(556)
            }
            // Hangul, kana and CJK ideographs are square; other letters about an 'n' wide.
            None if is_wide(c) => 1000,
            None => 556,
        }
    }
}

/// Characters a font draws one em wide (Hangul, CJK, kana, full-width forms).
fn is_wide(c: char) -> bool {
    matches!(u32::from(c), 0x1100..=0x11FF | 0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF00..=0xFF60)
}

const HELVETICA: [u16; 224] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
    611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
    222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
    0, 556, 0, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0, 0, 222, 222,
    333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 0, 500, 667, 278, 333, 556, 556, 556, 556,
    260, 556, 333, 737, 370, 556, 584, 333, 737, 333, 400, 584, 333, 333, 333, 578, 537, 278, 333,
    333, 365, 556, 834, 834, 834, 611, 667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667,
    278, 278, 278, 278, 722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667,
    611, 556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278, 556, 556,
    556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500,
];

const HELVETICA_BOLD: [u16; 224] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667,
    611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556,
    278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
    0, 556, 0, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0, 0, 278, 278,
    500, 500, 350, 556, 1000, 333, 1000, 556, 333, 944, 0, 500, 667, 278, 333, 556, 556, 556, 556,
    280, 556, 333, 737, 370, 556, 584, 333, 737, 333, 400, 584, 333, 333, 333, 611, 556, 278, 333,
    333, 365, 556, 834, 834, 834, 611, 722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667,
    278, 278, 278, 278, 722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667,
    611, 556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278, 611, 611,
    611, 611, 611, 611, 611, 584, 611, 611, 611, 611, 611, 556, 611, 556,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_match_the_afm_files() {
        assert_eq!(Font::Regular.width("A", 1000.0), 667.0);
        assert_eq!(Font::Regular.width("i", 1000.0), 222.0);
        assert_eq!(Font::Bold.width("i", 1000.0), 278.0);
        assert_eq!(Font::Regular.width("ü", 1000.0), 556.0);
        assert_eq!(Font::Regular.width("–", 1000.0), 556.0);
        assert!((Font::Regular.width("Page 1 of 3", 10.0) - 51.15).abs() < 0.01);
    }

    #[test]
    fn text_beyond_winansi_gets_estimated_widths() {
        assert_eq!(Font::Regular.width("경력", 1000.0), 2000.0);
        assert_eq!(Font::Regular.width("ł", 1000.0), 556.0);
    }
}
