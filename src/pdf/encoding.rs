//! Single-byte text encodings of simple fonts (ISO 32000 annex D) and the glyph names a
//! `/Differences` array may use. Profile PDFs use Identity-H with a ToUnicode map (the site) or
//! standard fonts with WinAnsiEncoding (the 2017 layout, our fixture site), so the tables cover
//! Latin text; anything else falls back to Latin-1.

/// A base encoding named by a font's `/Encoding` (or `/BaseEncoding`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BaseEncoding {
    WinAnsi,
    MacRoman,
    Standard,
}

impl BaseEncoding {
    pub(crate) fn from_name(name: &[u8]) -> Option<Self> {
        match name {
            b"WinAnsiEncoding" => Some(Self::WinAnsi),
            b"MacRomanEncoding" => Some(Self::MacRoman),
            b"StandardEncoding" => Some(Self::Standard),
            _ => None,
        }
    }

    /// The character a byte stands for, if any.
    pub(crate) fn decode(self, byte: u8) -> Option<char> {
        let high = usize::from(byte.wrapping_sub(0x80));
        let from = |table: &str, index: usize| table.chars().nth(index).filter(|c| *c != '\0');
        match (self, byte) {
            (Self::Standard, b'\'') => Some('\u{2019}'),
            (Self::Standard, b'`') => Some('\u{2018}'),
            (_, 0x20..=0x7e) => Some(char::from(byte)),
            (Self::WinAnsi, 0x80..=0x9f) => from(WIN_ANSI_80, high),
            (Self::WinAnsi, 0xad) => Some('-'),
            (Self::WinAnsi, 0xa0..=0xff) => Some(char::from(byte)),
            (Self::MacRoman, 0x80..=0xff) => from(MAC_ROMAN_80, high),
            (Self::Standard, 0xa0..=0xff) => from(STANDARD_A0, usize::from(byte - 0xa0)),
            _ => None,
        }
    }
}

const WIN_ANSI_80: &str = "€\0‚ƒ„…†‡ˆ‰Š‹Œ\0Ž\0\0‘’“”•–—˜™š›œ\0žŸ";
const MAC_ROMAN_80: &str = "ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø\
¿¡¬√ƒ≈∆«»…\u{a0}ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\u{f8ff}ÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ";
const STANDARD_A0: &str = "\0¡¢£⁄¥ƒ§¤'“«‹›ﬁﬂ\0–†‡·\0¶•‚„”»…‰\0¿\0`´ˆ˜¯˘˙¨\0˚¸\0˝˛ˇ—\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\
\0Æ\0ª\0\0\0\0ŁØŒº\0\0\0\0\0æ\0\0\0ı\0\0łøœß\0\0\0\0";

/// Names of U+0020..=U+007E in order (single letters are handled separately).
const ASCII_NAMES: &str = "space exclam quotedbl numbersign dollar percent ampersand quotesingle \
parenleft parenright asterisk plus comma hyphen period slash zero one two three four five six \
seven eight nine colon semicolon less equal greater question at A B C D E F G H I J K L M N O P Q \
R S T U V W X Y Z bracketleft backslash bracketright asciicircum underscore grave a b c d e f g h \
i j k l m n o p q r s t u v w x y z braceleft bar braceright asciitilde";

/// Names of U+00A0..=U+00FF in order.
const LATIN1_NAMES: &str = "nbspace exclamdown cent sterling currency yen brokenbar section \
dieresis copyright ordfeminine guillemotleft logicalnot hyphen registered macron degree plusminus \
twosuperior threesuperior acute mu paragraph periodcentered cedilla onesuperior ordmasculine \
guillemotright onequarter onehalf threequarters questiondown Agrave Aacute Acircumflex Atilde \
Adieresis Aring AE Ccedilla Egrave Eacute Ecircumflex Edieresis Igrave Iacute Icircumflex \
Idieresis Eth Ntilde Ograve Oacute Ocircumflex Otilde Odieresis multiply Oslash Ugrave Uacute \
Ucircumflex Udieresis Yacute Thorn germandbls agrave aacute acircumflex atilde adieresis aring ae \
ccedilla egrave eacute ecircumflex edieresis igrave iacute icircumflex idieresis eth ntilde \
ograve oacute ocircumflex otilde odieresis divide oslash ugrave uacute ucircumflex udieresis \
yacute thorn ydieresis";

const OTHER_NAMES: &[(&str, char)] = &[
    ("Euro", '€'),
    ("quotesinglbase", '‚'),
    ("florin", 'ƒ'),
    ("quotedblbase", '„'),
    ("ellipsis", '…'),
    ("dagger", '†'),
    ("daggerdbl", '‡'),
    ("circumflex", 'ˆ'),
    ("perthousand", '‰'),
    ("Scaron", 'Š'),
    ("guilsinglleft", '‹'),
    ("OE", 'Œ'),
    ("Zcaron", 'Ž'),
    ("quoteleft", '‘'),
    ("quoteright", '’'),
    ("quotedblleft", '“'),
    ("quotedblright", '”'),
    ("bullet", '•'),
    ("endash", '–'),
    ("emdash", '—'),
    ("tilde", '˜'),
    ("trademark", '™'),
    ("scaron", 'š'),
    ("guilsinglright", '›'),
    ("oe", 'œ'),
    ("zcaron", 'ž'),
    ("Ydieresis", 'Ÿ'),
    ("fi", 'ﬁ'),
    ("fl", 'ﬂ'),
    ("minus", '−'),
    ("dotlessi", 'ı'),
    ("Lslash", 'Ł'),
    ("lslash", 'ł'),
    ("space", ' '),
    ("uni00A0", ' '),
];

/// The character an Adobe glyph name stands for (`/Differences`), for the Latin names,
/// `uniXXXX` and `uXXXX[XX]`.
pub(crate) fn glyph_name_to_char(name: &[u8]) -> Option<char> {
    let name = std::str::from_utf8(name).ok()?;
    let base = name.split('.').next().unwrap_or(name);
    if let Some(hex) = base.strip_prefix("uni").filter(|h| h.len() == 4) {
        return u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
    }
    if let Some(hex) = base
        .strip_prefix('u')
        .filter(|h| (4..=6).contains(&h.len()) && h.chars().all(|c| c.is_ascii_hexdigit()))
    {
        return u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
    }
    let position = |names: &str| names.split(' ').position(|n| n == base);
    if let Some(i) = position(ASCII_NAMES) {
        return char::from_u32(0x20 + u32::try_from(i).ok()?);
    }
    if let Some(i) = position(LATIN1_NAMES) {
        return char::from_u32(0xa0 + u32::try_from(i).ok()?);
    }
    OTHER_NAMES
        .iter()
        .find(|(n, _)| *n == base)
        .map(|(_, c)| *c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_have_one_char_per_code() {
        assert_eq!(WIN_ANSI_80.chars().count(), 32);
        assert_eq!(MAC_ROMAN_80.chars().count(), 128);
        assert_eq!(STANDARD_A0.chars().count(), 96);
        assert_eq!(ASCII_NAMES.split(' ').count(), 95);
        assert_eq!(LATIN1_NAMES.split(' ').count(), 96);
    }

    #[test]
    fn decodes_latin1_text_of_the_fixture_site() {
        let text: String = b"J\xfcrgen M\xfcller \x96 \x80"
            .iter()
            .filter_map(|b| BaseEncoding::WinAnsi.decode(*b))
            .collect();
        assert_eq!(text, "Jürgen Müller – €");
        assert_eq!(BaseEncoding::MacRoman.decode(0x8a), Some('ä'));
        assert_eq!(BaseEncoding::Standard.decode(0xfb), Some('ß'));
        assert_eq!(glyph_name_to_char(b"udieresis"), Some('ü'));
        assert_eq!(glyph_name_to_char(b"uni00FC"), Some('ü'));
        assert_eq!(glyph_name_to_char(b"quoteright"), Some('’'));
        assert_eq!(glyph_name_to_char(b"g"), Some('g'));
    }
}
