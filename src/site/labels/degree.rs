//! Connection degree labels in the languages the site offers: "• 2nd", "3rd+",
//! "2nd degree connection", "Relation de 2e niveau", "Kontakt 3. Grades", "3e et +",
//! "Conexão de 2º grau", "2e-graads connectie", "Collegamento di 2° grado".
//!
//! Read by shape rather than by a list of phrases: one ordinal (1 to 3, with the language's
//! ordinal ending) and, around it, only words that degree labels use. A phrase the site has not
//! shown us yet still reads, and "1st place winner" or "2nd Lieutenant" never does.

use super::lowercase_words;

/// Endings of an ordinal number: en 2nd, fr 2e/2ème/1er/1re, de 2., es 2.º/2º/3er/2do,
/// pt 2º/2ª, nl 2e, it 2°.
const ORDINAL_ENDINGS: &[&str] = &[
    "st", "nd", "rd", "th", "e", "è", "ème", "eme", "er", "re", "ère", "de", ".", "º", "°", "ª",
    "o", "a", "do", "ro", "to",
];

/// Nouns only a degree label uses next to its ordinal.
const DEGREE_NOUNS: &[&str] = &[
    // en
    "degree",
    "connection",
    // fr
    "relation",
    "niveau",
    "degré",
    // de
    "kontakt",
    "grades",
    "grad",
    // es
    "contacto",
    "grado",
    "conexión",
    "conexion",
    // pt
    "conexão",
    "conexao",
    "contato",
    "grau",
    // nl
    "graads",
    "graad",
    "connectie",
    "contactpersoon",
    // it
    "collegamento",
    "contatto",
    "livello",
];

/// Small words a degree label may also hold ("Relation de 2e niveau", "3e et +").
const DEGREE_FILLERS: &[&str] = &[
    "+", "and", "or", "higher", "de", "du", "et", "plus", "und", "höher", "y", "o", "e", "ou",
    "di", "van", "en",
];

/// The degree a label names: 1, 2, or 3 for "3rd" and "3rd+".
pub fn degree_of(label: &str) -> Option<u8> {
    degree_of_words(&lowercase_words(label))
}

/// [`degree_of`] a text's [`lowercase_words`].
pub(super) fn degree_of_words(words: &[String]) -> Option<u8> {
    let mut degree = None;
    let mut ending_or_noun = false;
    for word in words {
        if let Some((d, ended)) = ordinal(word) {
            if degree.is_some() {
                return None;
            }
            degree = Some(d);
            ending_or_noun |= ended;
        } else if DEGREE_NOUNS.contains(&word.as_str()) {
            ending_or_noun = true;
        } else if !DEGREE_FILLERS.contains(&word.as_str()) {
            return None;
        }
    }
    // A bare number ("2") is a count, not a degree, unless a degree word stands beside it.
    degree.filter(|_| ending_or_noun)
}

/// An ordinal 1 to 3 and whether it carries an ending (or the "+" of "3rd+").
fn ordinal(word: &str) -> Option<(u8, bool)> {
    let trimmed = word.trim_end_matches('+');
    let plus = trimmed.len() != word.len();
    let mut chars = trimmed.chars();
    let degree = match chars.next()? {
        '1' => 1,
        '2' => 2,
        '3' => 3,
        _ => return None,
    };
    let ending = chars.as_str();
    if ending.is_empty() {
        return Some((degree, plus));
    }
    // Spanish and Portuguese write the ending after a dot: "2.º", "3.er".
    let ending = ending
        .strip_prefix('.')
        .filter(|e| !e.is_empty())
        .unwrap_or(ending);
    ORDINAL_ENDINGS.contains(&ending).then_some((degree, true))
}

#[cfg(test)]
mod tests {
    use super::*;

    // proves P3, L2: the degree labels of every design and of the site's languages.
    #[test]
    fn degree_labels_in_the_sites_languages() {
        let cases = [
            ("• 2nd", 2),
            ("·\u{a0}1st", 1),
            ("3rd+", 3),
            ("3rd+ degree connection", 3),
            ("2nd degree connection", 2),
            ("Relation de 2e niveau", 2),
            ("• 3e et +", 3),
            ("1er", 1),
            ("Kontakt 3. Grades", 3),
            ("• 2.", 2),
            ("Contacto de 2.º grado", 2),
            ("• 3.º+", 3),
            ("Contacto de 3.er grado y +", 3),
            ("Conexão de 2º grau", 2),
            ("2e-graads connectie", 2),
            ("Collegamento di 2° grado", 2),
            ("(2nd)", 2),
            // The fixture site's French and German (issue #21): shown and spoken.
            ("Relation de 1er niveau", 1),
            ("Relation de 3e niveau et +", 3),
            ("• 3.+", 3),
            ("Kontakt 1. Grades", 1),
            ("Kontakt 3.+ Grades", 3),
        ];
        for (label, degree) in cases {
            assert_eq!(degree_of(label), Some(degree), "{label}");
        }
    }

    // proves P3: a headline or count that merely holds an ordinal is not a degree.
    #[test]
    fn ordinals_in_other_text_are_not_degrees() {
        for text in [
            "1st place winner",
            "2nd Lieutenant",
            "2",
            "3 connections",
            "2nd 3rd",
            "Founder & CEO",
            "10th",
            "2019",
            "de",
        ] {
            assert_eq!(degree_of(text), None, "{text}");
        }
    }
}
