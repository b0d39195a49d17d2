//! Text → WinAnsiEncoding bytes, the encoding the unembedded standard fonts use here: Latin-1
//! plus the CP1252 extras in 0x80–0x9F. A line with anything else (Polish, Turkish, Korean…)
//! is shown through a Unicode font instead (`cid_font`), as the real site's embedded fonts do.

/// The CP1252 characters in 0x80–0x9F and their codes.
const EXTRAS: [(char, u8); 27] = [
    ('€', 0x80),
    ('‚', 0x82),
    ('ƒ', 0x83),
    ('„', 0x84),
    ('…', 0x85),
    ('†', 0x86),
    ('‡', 0x87),
    ('ˆ', 0x88),
    ('‰', 0x89),
    ('Š', 0x8A),
    ('‹', 0x8B),
    ('Œ', 0x8C),
    ('Ž', 0x8E),
    ('‘', 0x91),
    ('’', 0x92),
    ('“', 0x93),
    ('”', 0x94),
    ('•', 0x95),
    ('–', 0x96),
    ('—', 0x97),
    ('˜', 0x98),
    ('™', 0x99),
    ('š', 0x9A),
    ('›', 0x9B),
    ('œ', 0x9C),
    ('ž', 0x9E),
    ('Ÿ', 0x9F),
];

/// The WinAnsi code of one character, `None` when the encoding has no such glyph.
pub fn code(c: char) -> Option<u8> {
    let scalar = u32::from(c);
    match scalar {
        0x20..=0x7E | 0xA0..=0xFF => u8::try_from(scalar).ok(),
        // Line breaks and tabs never reach a text run; treat them as spaces.
        0x09 | 0x0A | 0x0D => Some(b' '),
        _ => EXTRAS.iter().find(|(e, _)| *e == c).map(|(_, b)| *b),
    }
}

/// Whether every character of `text` has a WinAnsi code.
pub fn encodable(text: &str) -> bool {
    text.chars().all(|c| code(c).is_some())
}

/// Encodes `text`, replacing what WinAnsi cannot show with '?'.
pub fn encode(text: &str) -> Vec<u8> {
    text.chars().map(|c| code(c).unwrap_or(b'?')).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_passes_through_and_cp1252_extras_map_to_their_codes() {
        assert_eq!(encode("Jürgen Müller"), b"J\xfcrgen M\xfcller");
        assert_eq!(encode("a · b"), b"a \xb7 b");
        assert_eq!(
            encode("€ – — ’ “ ” • …"),
            b"\x80 \x96 \x97 \x92 \x93 \x94 \x95 \x85"
        );
        assert_eq!(encode("Œuvre ™"), b"\x8cuvre \x99");
    }

    #[test]
    fn characters_outside_the_encoding_become_question_marks() {
        assert_eq!(encode("Małopolskie"), b"Ma?opolskie");
        assert_eq!(encode("Юрий"), b"????");
        assert_eq!(encode("東京"), b"??");
        assert_eq!(encode("\u{81}"), b"?");
        assert!(encodable("Jürgen – Müller"));
        assert!(!encodable("Łukasz"));
    }
}
