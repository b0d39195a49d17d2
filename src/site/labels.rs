//! Labels the site puts around a person's name: connection degree, presence, verification,
//! "View profile", pronouns, separators (PRODUCT.md P3). None of them is ever part of a name, a
//! headline or any other field; each is recognised in the site's languages (L2) by its shape.

mod badges;
mod degree;

use super::dom::{Content, Dom};
use super::profile_page::outline::{Sight, hidden_from};
use super::profile_page::text::{collapse_ws, is_pronouns, is_separator};
use crate::case;
pub use badges::{is_premium, is_presence, is_profile_phrase, is_verification, is_you};
pub use degree::degree_of;

/// Separators the site sets between a name and its labels ("Ada Lovelace • 2nd").
const SEPARATORS: &[char] = &['•', '·', '|'];
/// A degree phrase glued to a name is at most this many words ("Relation de 2e niveau").
const MAX_DEGREE_WORDS: usize = 6;
/// Bounds the walk through an element said to be a label.
const MAX_PIECES: usize = 32;
const MAX_DEPTH: usize = 16;

/// What a label says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Label {
    Degree(u8),
    /// "• You": the viewer's own card.
    You,
    Premium,
    Presence,
    Verification,
    ProfilePhrase,
    Pronouns,
    Separator,
}

/// The label `text` is, if it is one as a whole.
pub fn label_of(text: &str) -> Option<Label> {
    let text = collapse_ws(text);
    if text.is_empty() {
        return None;
    }
    if is_separator(&text) {
        return Some(Label::Separator);
    }
    let words = lowercase_words(&text);
    if let Some(degree) = degree::degree_of_words(&words) {
        return Some(Label::Degree(degree));
    }
    if is_you(&text) {
        return Some(Label::You);
    }
    if badges::presence(&words) {
        Some(Label::Presence)
    } else if badges::verification(&words) {
        Some(Label::Verification)
    } else if badges::profile_phrase(&words) {
        Some(Label::ProfilePhrase)
    } else if badges::premium(&words) {
        Some(Label::Premium)
    } else if is_pronouns(&text) {
        Some(Label::Pronouns)
    } else {
        None
    }
}

/// The label an element is, as a whole or as pieces that are each a label: a visual label and
/// its screen-reader twin run together without a space ("• 3rd+3rd+ degree connection").
/// `text` is the element's text as the caller sees it.
pub fn label_of_element<D: Dom>(dom: &D, node: &D::Node, text: &str) -> Option<Label> {
    if let Some(label) = label_of(text) {
        return Some(label);
    }
    let mut pieces = Vec::new();
    text_pieces(dom, node, &mut pieces, 0);
    let labels: Option<Vec<Label>> = pieces.iter().map(|p| label_of(p)).collect();
    let labels = labels.filter(|l| !l.is_empty() && pieces.len() < MAX_PIECES)?;
    labels
        .iter()
        .find(|l| matches!(l, Label::Degree(_)))
        .or(labels.first())
        .copied()
}

fn text_pieces<D: Dom>(dom: &D, node: &D::Node, out: &mut Vec<String>, depth: usize) {
    if depth > MAX_DEPTH || out.len() >= MAX_PIECES {
        return;
    }
    for content in dom.content(node) {
        match content {
            Content::Text(text) if !text.trim().is_empty() => out.push(text),
            Content::Text(_) => {}
            Content::Element(child) if !hidden_from(dom, &child, Sight::Eye) => {
                text_pieces(dom, &child, out, depth + 1);
            }
            Content::Element(_) => {}
        }
    }
}

/// A text with the labels glued to it taken out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stripped {
    pub kept: String,
    pub dropped: Vec<String>,
    pub labels: Vec<Label>,
}

/// Takes out of `text` the labels set off by a separator ("Ada • 2nd", "• 3rd+") and a degree
/// phrase glued to its end ("John Son 2nd degree connection 2nd").
pub fn strip_labels(text: &str) -> Stripped {
    let mut out = Stripped::default();
    let mut kept = String::new();
    for segment in segments(text) {
        let whole = match &segment.separator {
            Some(separator) => format!("{separator} {}", segment.text),
            None => segment.text.clone(),
        };
        match label_of(&whole) {
            Some(label) => {
                out.labels.push(label);
                out.dropped.push(whole);
            }
            // Separators between kept parts stay: "Jane Doe | Recruiter" is how she wrote it.
            None if kept.is_empty() => kept = segment.text,
            None => {
                kept.push(' ');
                kept.push_str(&whole);
            }
        }
    }
    let mut words: Vec<&str> = kept.split_whitespace().collect();
    strip_trailing_degree(&mut words, &mut out);
    let mut kept = words.join(" ");
    // Pronouns glued in brackets: "Ada Lovelace (she/her)".
    if let Some(open) = kept.rfind(" (")
        && kept.ends_with(')')
        && let Some(tail) = kept.get(open + 1..)
        && is_pronouns(tail)
    {
        out.labels.push(Label::Pronouns);
        out.dropped.push(tail.to_string());
        kept.truncate(open);
    }
    out.kept = kept;
    out
}

/// A part of a text and the separator before it.
struct Segment {
    separator: Option<String>,
    text: String,
}

/// The parts of `text` between separators that stand apart (a separator inside a word, as in
/// the Catalan "Marcel·lí", separates nothing).
fn segments(text: &str) -> Vec<Segment> {
    let mut segments = Vec::new();
    let mut separator = None;
    let mut current: Vec<&str> = Vec::new();
    for word in text.split_whitespace() {
        let bare = word.trim_start_matches(SEPARATORS);
        if bare.len() == word.len() {
            current.push(word);
            continue;
        }
        if !current.is_empty() {
            segments.push(Segment {
                separator: separator.take(),
                text: current.join(" "),
            });
            current.clear();
        }
        separator = word.get(..word.len() - bare.len()).map(str::to_string);
        if !bare.is_empty() {
            current.push(bare);
        }
    }
    if !current.is_empty() {
        segments.push(Segment {
            separator,
            text: current.join(" "),
        });
    }
    segments
}

fn strip_trailing_degree(words: &mut Vec<&str>, out: &mut Stripped) {
    let mut stripped_any = false;
    loop {
        let longest = (1..=MAX_DEGREE_WORDS.min(words.len().saturating_sub(1)))
            .rev()
            .find_map(|k| {
                let suffix = words.get(words.len() - k..)?.join(" ");
                degree_of(&suffix).map(|d| (k, suffix, d))
            });
        let Some((k, suffix, degree)) = longest else {
            return;
        };
        // A bare ordinal at the end of a name ("… 3rd") is only a label beside another one.
        if k == 1 && !stripped_any {
            return;
        }
        words.truncate(words.len() - k);
        out.labels.push(Label::Degree(degree));
        out.dropped.push(suffix);
        stripped_any = true;
    }
}

/// The lower-case words of a label: split at white space and hyphens ("2e-graads"), brackets
/// and punctuation around them dropped; a separator opening a word ("•2nd") dropped too.
pub(crate) fn lowercase_words(text: &str) -> Vec<String> {
    case::lower(text)
        .split(|c: char| c.is_whitespace() || c == '-')
        .map(|w| {
            w.trim_start_matches(SEPARATORS)
                .trim_matches(|c: char| "()[]{},:;!?\"“”'’".contains(c))
                .to_string()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    // proves P3: labels glued to a name are taken out, the name is left whole.
    #[test]
    fn labels_glued_to_a_name() {
        let cases = [
            ("Kapse Swathi • 2nd", "Kapse Swathi", 1),
            ("John Son 2nd degree connection 2nd", "John Son", 2),
            ("Ada Lovelace · 3rd+", "Ada Lovelace", 1),
            ("Jean Dupont • Relation de 2e niveau", "Jean Dupont", 1),
            ("Marcel·lí Puig", "Marcel·lí Puig", 0),
            ("Thurston Howell 3rd", "Thurston Howell 3rd", 0),
            ("Ada Lovelace", "Ada Lovelace", 0),
            ("Ada Lovelace (she/her)", "Ada Lovelace", 1),
            ("Jane Doe | Recruiter", "Jane Doe | Recruiter", 0),
            ("Ada Lovelace • You", "Ada Lovelace", 1),
        ];
        for (text, kept, dropped) in cases {
            let stripped = strip_labels(text);
            assert_eq!(stripped.kept, kept, "{text}");
            assert_eq!(
                stripped.dropped.len(),
                dropped,
                "{text}: {:?}",
                stripped.dropped
            );
        }
    }

    #[test]
    fn whole_labels() {
        assert_eq!(label_of("• 2nd"), Some(Label::Degree(2)));
        assert_eq!(label_of("Status is offline"), Some(Label::Presence));
        assert_eq!(label_of("View Ada’s profile"), Some(Label::ProfilePhrase));
        assert_eq!(label_of("·"), Some(Label::Separator));
        assert_eq!(label_of("She/Her"), Some(Label::Pronouns));
        assert_eq!(label_of("Ada Lovelace"), None);
    }
}
