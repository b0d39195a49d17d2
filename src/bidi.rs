//! Text from the page or the CRM shown inside our sentences and labels (PRODUCT.md L1, issue
//! #21): a name may hold explicit bidi controls, and one left open — a RIGHT-TO-LEFT OVERRIDE
//! with no POP DIRECTIONAL FORMATTING — reverses everything after it in its paragraph, our words
//! included. Paired controls are the text's own business and stay (the UI isolates each piece of
//! foreign text, `dir="auto"`); every unpaired one is dropped: from the CRM's text where the
//! worker passes it on, from the page's where the UI module shows it in our sentences.

use std::borrow::Cow;

const LRE: char = '\u{202A}';
const RLE: char = '\u{202B}';
const PDF: char = '\u{202C}';
const LRO: char = '\u{202D}';
const RLO: char = '\u{202E}';
const LRI: char = '\u{2066}';
const RLI: char = '\u{2067}';
const FSI: char = '\u{2068}';
const PDI: char = '\u{2069}';

/// An explicit embedding, override or isolate, or their ends (Unicode's UAX #9, X1–X8).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, LRE | RLE | PDF | LRO | RLO | LRI | RLI | FSI | PDI)
}

/// `text` with every bidi control that is not closed, or closes nothing, taken out: what is
/// left cannot reach past the text's end. Text without controls comes back as it was.
pub fn balanced(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_bidi_control) {
        return Cow::Borrowed(text);
    }
    // Each character, and whether it stays.
    let mut chars: Vec<(char, bool)> = text.chars().map(|c| (c, true)).collect();
    let drop_at = |chars: &mut Vec<(char, bool)>, i: usize| {
        if let Some(entry) = chars.get_mut(i) {
            entry.1 = false;
        }
    };
    let is_isolate = |c: char| matches!(c, LRI | RLI | FSI);
    // Open controls: (index, is an isolate). An isolate's end closes the embeddings opened
    // inside it (UAX #9 X6a), which were never closed themselves.
    let mut open: Vec<(usize, bool)> = Vec::new();
    for i in 0..chars.len() {
        let Some(&(c, _)) = chars.get(i) else { break };
        match c {
            LRE | RLE | LRO | RLO | LRI | RLI | FSI => open.push((i, is_isolate(c))),
            PDF => match open.last() {
                Some((_, false)) => {
                    open.pop();
                }
                _ => drop_at(&mut chars, i),
            },
            PDI => match open.iter().rposition(|(_, isolate)| *isolate) {
                Some(at) => {
                    for (unclosed, _) in open.drain(at..).skip(1) {
                        drop_at(&mut chars, unclosed);
                    }
                }
                None => drop_at(&mut chars, i),
            },
            _ => {}
        }
    }
    for (unclosed, _) in open {
        drop_at(&mut chars, unclosed);
    }
    Cow::Owned(
        chars
            .into_iter()
            .filter_map(|(c, k)| k.then_some(c))
            .collect(),
    )
}

/// [`balanced`] in place.
pub fn balance(text: &mut String) {
    if let Cow::Owned(fixed) = balanced(text) {
        *text = fixed;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // proves L1 (issue #21 deliver 3): an open override cannot reach our labels.
    #[test]
    fn an_unterminated_override_in_a_name_is_dropped() {
        assert_eq!(balanced("Ada \u{202E}ecalevoL"), "Ada ecalevoL");
        assert_eq!(balanced("\u{202D}\u{202E}Eve"), "Eve");
        assert_eq!(balanced("Eve\u{2067}"), "Eve");
    }

    #[test]
    fn a_stray_end_is_dropped() {
        assert_eq!(balanced("Eve\u{202C} Doe\u{2069}"), "Eve Doe");
        // A PDF cannot close an isolate.
        assert_eq!(
            balanced("\u{2068}Eve\u{202C}\u{2069}"),
            "\u{2068}Eve\u{2069}"
        );
    }

    #[test]
    fn paired_controls_and_plain_right_to_left_text_stay() {
        for text in [
            "محمد علي",
            "דוד כהן",
            "Ada \u{202E}Lovelace\u{202C}",
            "\u{2067}محمد\u{2069} (CTO)",
            "\u{202B}a\u{202A}b\u{202C}c\u{202C}",
            "Ada Lovelace",
        ] {
            assert_eq!(balanced(text), text);
        }
        assert!(matches!(balanced("Ada Lovelace"), Cow::Borrowed(_)));
    }

    #[test]
    fn an_isolate_end_closes_the_embeddings_left_open_inside_it() {
        // The RLO inside the isolate was never closed: the PDI ends it, so it goes.
        assert_eq!(
            balanced("\u{2068}a\u{202E}b\u{2069}c"),
            "\u{2068}ab\u{2069}c"
        );
    }

    #[test]
    fn marks_are_no_controls() {
        assert_eq!(balanced("a\u{200F}b\u{200E}"), "a\u{200F}b\u{200E}");
    }
}
