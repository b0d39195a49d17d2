//! Label hygiene (PRODUCT.md P3): the labels the site sets around a name — connection degree,
//! presence, verification, pronouns — are never part of the name, the headline or any other
//! field. The recognisers are the shared ones in `site::labels`; this only applies them to the
//! text a strategy read, whatever its source (card, JSON-LD, embedded JSON, head).

use super::text::collapse_ws;
use crate::site::labels::{Label, is_presence, is_verification, label_of, strip_labels};

/// Labels glued to the end of a name are at most this many words ("Status is offline").
const MAX_TAIL_WORDS: usize = 4;

/// Verification badge words ("Verified", "has verifications"), en fr de es pt nl it. A word that
/// merely starts like one ("Verification Engineer") is a job, not a badge.
const BADGE_WORDS: &[&str] = &[
    "verified",
    "verifications",
    "vérifié",
    "vérifiée",
    "vérifications",
    "verifiziert",
    "verifizierungen",
    "verificado",
    "verificada",
    "verificaciones",
    "verificações",
    "geverifieerd",
    "verificaties",
    "verificato",
    "verificata",
    "verifiche",
];

/// A name with every label around it taken out; `None` when nothing else is left.
pub fn clean_name(text: &str) -> Option<String> {
    let text = collapse_ws(text);
    if is_field_label(&text) {
        return None;
    }
    let text = without_tail_labels(&text);
    // The shared stripper reads a whole unseparated text with a label word in it as a label;
    // the tail was handled above, so what it would drop entirely is the name.
    let stripped = strip_labels(&text).kept;
    let name = without_tail_labels(if stripped.is_empty() {
        &text
    } else {
        &stripped
    });
    (!name.is_empty()).then_some(name)
}

/// `text` without the presence, verification or pronoun labels read into a heading's text
/// ("Ada Lovelace She/Her", "Ada Lovelace Status is offline"); one word is always left. The
/// recognisers look for label words anywhere, so a tail counts only where it starts: one more
/// word in front ("Lovelace Status is offline") still reads as a label.
fn without_tail_labels(text: &str) -> String {
    let mut words: Vec<&str> = text.split_whitespace().collect();
    let tail = |words: &[&str], k: usize| {
        k > 0
            && words
                .get(words.len().saturating_sub(k)..)
                .is_some_and(|t| is_name_tail(&t.join(" ")))
    };
    while let Some(k) = (1..=MAX_TAIL_WORDS.min(words.len().saturating_sub(1)))
        .rev()
        .find(|k| tail(&words, *k) && !tail(&words, k - 1))
    {
        words.truncate(words.len() - k);
    }
    words.join(" ")
}

/// A headline, location or company with the labels glued to it taken out; `None` when the
/// text is a label as a whole.
pub fn clean_field(text: &str) -> Option<String> {
    let text = collapse_ws(text);
    if text.is_empty() || is_field_label(&text) {
        return None;
    }
    // Only separated labels are stripped: a headline may well end in "(he/him)" on purpose, but
    // "Engineer • 2nd" is the card's degree read into the line.
    let stripped = strip_labels(&text);
    let kept = if stripped
        .labels
        .iter()
        .all(|l| matches!(l, Label::Degree(_) | Label::Separator | Label::Presence))
    {
        stripped.kept
    } else {
        text
    };
    (!kept.is_empty()).then_some(kept)
}

/// Whether a whole line is a label rather than content. Narrower than `label_of`: a headline
/// such as "Premium Sales Lead" or "Verification Engineer" must stay a headline.
pub fn is_field_label(text: &str) -> bool {
    match label_of(text) {
        Some(Label::Degree(_) | Label::Separator | Label::Pronouns | Label::You) => true,
        // These recognisers find label words anywhere in a short text: it is a label only when
        // it no longer reads as one without its first word ("Ada Status is offline" does).
        Some(Label::Presence) => !without_first_word(text).is_some_and(is_presence),
        Some(Label::Verification) => {
            is_verification_badge(text)
                && !without_first_word(text).is_some_and(is_verification_badge)
        }
        _ => is_labels_only(text),
    }
}

/// "He/Him · 2nd", "Elle/Elle • Relation de 1er niveau": labels side by side on one line.
fn is_labels_only(text: &str) -> bool {
    let exact = |l: &Label| matches!(l, Label::Degree(_) | Label::Separator | Label::Pronouns);
    let stripped = strip_labels(text);
    !stripped.labels.is_empty()
        && stripped.labels.iter().all(exact)
        && (stripped.kept.is_empty() || label_of(&stripped.kept).as_ref().is_some_and(exact))
}

fn without_first_word(text: &str) -> Option<&str> {
    text.trim().split_once(' ').map(|(_, rest)| rest)
}

fn is_name_tail(tail: &str) -> bool {
    match label_of(tail) {
        Some(Label::Pronouns | Label::Presence) => true,
        Some(Label::Verification) => is_verification_badge(tail),
        _ => is_presence(tail),
    }
}

/// "Verified", "Vérifié", "Zaiba has verifications": a verification word and at most two others.
fn is_verification_badge(text: &str) -> bool {
    const MAX_OTHER_WORDS: usize = 2;
    let words = crate::site::labels::lowercase_words(text);
    let badge = words
        .iter()
        .filter(|w| BADGE_WORDS.contains(&w.as_str()))
        .count();
    is_verification(text) && badge > 0 && words.len() - badge <= MAX_OTHER_WORDS
}

#[cfg(test)]
mod tests {
    use super::*;

    // proves P3, L2: degree, presence, verification and pronoun labels leave the name whole.
    #[test]
    fn names_lose_their_labels_in_every_language() {
        let cases = [
            ("Ada Lovelace · 2nd", "Ada Lovelace"),
            ("Ada Lovelace 2nd degree connection", "Ada Lovelace"),
            ("Jean Dupont • Relation de 2e niveau", "Jean Dupont"),
            ("Jürgen Müller She/Her", "Jürgen Müller"),
            ("Camille Martin (Elle/Elle)", "Camille Martin"),
            ("Jonas Weber Er/Ihm", "Jonas Weber"),
            ("Ada Lovelace Status is offline", "Ada Lovelace"),
            ("Ada Lovelace Verified", "Ada Lovelace"),
            ("Lucía Pérez Verificada · 3er", "Lucía Pérez"),
            ("Marcel·lí Puig", "Marcel·lí Puig"),
            ("Away Khan", "Away Khan"),
        ];
        for (text, name) in cases {
            assert_eq!(clean_name(text).as_deref(), Some(name), "{text}");
        }
        assert_eq!(clean_name("· 2nd"), None);
        assert_eq!(clean_name("Status is offline"), None);
    }

    // proves P3: a label line is never a field, a job that looks like one is.
    #[test]
    fn fields_are_not_labels() {
        assert_eq!(clean_field("He/Him"), None);
        assert_eq!(clean_field("Statut : hors ligne"), None);
        assert_eq!(clean_field("2nd degree connection"), None);
        assert_eq!(clean_field("Verified"), None);
        assert_eq!(clean_field("He/Him · 2nd"), None);
        assert_eq!(clean_field("Elle/Elle • Relation de 1er niveau"), None);
        assert_eq!(clean_field("Er/Ihm · 3.+"), None);
        assert_eq!(
            clean_field("Verification Engineer at Intel").as_deref(),
            Some("Verification Engineer at Intel")
        );
        assert_eq!(
            clean_field("Premium Sales Lead").as_deref(),
            Some("Premium Sales Lead")
        );
        assert_eq!(
            clean_field("Engineer at Acme • 2nd").as_deref(),
            Some("Engineer at Acme")
        );
    }
}
