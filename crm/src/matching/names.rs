//! People's names as sets of words, so that order, middle names, accents and nicknames do not
//! stop "Lovelace, Ada" from meeting "Ada King Lovelace" (PRODUCT.md B3).

use super::fold::{PART_SEPARATORS, words};
use super::nicknames::formal;

/// Titles, degrees and generational suffixes: they say nothing about who someone is.
const NOT_NAMES: &[&str] = &[
    "dr", "mr", "mrs", "ms", "miss", "mx", "prof", "sir", "dame", "jr", "sr", "ii", "iii", "iv",
    "phd", "md", "mba", "msc", "bsc", "cpa", "pmp",
];

/// Words past these many are ignored: no real name has more, and each word costs index probes.
const MAX_WORDS: usize = 6;

/// The words of one name: folded, nicknames in their formal form, initials and titles left out,
/// sorted and without repeats.
pub fn name_words(name: &str) -> Vec<String> {
    let mut out: Vec<String> = words(&without_parentheses(name))
        .into_iter()
        .filter(|w| w.chars().count() > 1 && !NOT_NAMES.contains(&w.as_str()))
        .map(|w| formal(&w).to_string())
        .take(MAX_WORDS)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Every name a contact's name field holds: an update appends a new spelling after `;` or `|`.
pub fn names_of(field: &str) -> Vec<Vec<String>> {
    field
        .split(PART_SEPARATORS)
        .map(name_words)
        .filter(|words| !words.is_empty())
        .collect()
}

/// The index entries of a name: every pair of its words, so any two words in common (first and
/// last name, in either order, with or without middle names) find the contact in one probe. A
/// one-word name is its own entry.
pub fn pair_keys(words: &[String]) -> Vec<String> {
    if let [only] = words {
        return vec![only.clone()];
    }
    let mut keys = Vec::new();
    for (i, a) in words.iter().enumerate() {
        for b in words.iter().skip(i + 1) {
            // `words` is sorted, so each pair has one spelling.
            keys.push(format!("{a} {b}"));
        }
    }
    keys
}

/// How alike two names are, 0 to 1. At least two words must agree (a shared first name alone
/// is no evidence), or the whole of two one-word names. Mostly the share of the shorter name
/// found in the longer, a little the share of the longer, so extra middle names cost a little.
pub fn name_similarity(a: &[String], b: &[String]) -> f64 {
    let common = a.iter().filter(|w| b.contains(w)).count();
    let (short, long) = (a.len().min(b.len()), a.len().max(b.len()));
    let enough = common >= 2 || (long == 1 && common == 1);
    if !enough || short == 0 {
        return 0.0;
    }
    0.9 * ratio(common, short) + 0.1 * ratio(common, long)
}

fn ratio(part: usize, whole: usize) -> f64 {
    // Names have at most MAX_WORDS words: these casts are exact.
    part as f64 / whole as f64
}

/// "Ada Lovelace (she/her)" → "Ada Lovelace ": pronouns and notes are not the name.
fn without_parentheses(name: &str) -> String {
    let mut depth = 0usize;
    name.chars()
        .filter(|c| match c {
            '(' | '[' => {
                depth += 1;
                false
            }
            ')' | ']' => {
                depth = depth.saturating_sub(1);
                false
            }
            _ => depth == 0,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(name: &str) -> Vec<String> {
        name_words(name)
    }

    #[test]
    fn order_titles_initials_and_notes_do_not_matter() {
        assert_eq!(w("Lovelace, Ada"), w("Ada Lovelace"));
        assert_eq!(w("Dr. Ada K. Lovelace, PhD (she/her)"), w("ada lovelace"));
        assert_eq!(w("Bill Gates"), w("William Gates"));
    }

    #[test]
    fn pairs_cover_every_two_words() {
        assert_eq!(
            pair_keys(&w("Ada King Lovelace")),
            ["ada king", "ada lovelace", "king lovelace"]
        );
        assert_eq!(pair_keys(&w("Madonna")), ["madonna"]);
        assert!(pair_keys(&[]).is_empty());
    }

    #[test]
    fn similarity_needs_two_words_and_tolerates_middle_names() {
        assert_eq!(
            name_similarity(&w("Ada Lovelace"), &w("Lovelace, Ada")),
            1.0
        );
        let middle = name_similarity(&w("Ada King Lovelace"), &w("Ada Lovelace"));
        assert!(middle > 0.95 && middle < 1.0, "{middle}");
        assert_eq!(name_similarity(&w("Ada Lovelace"), &w("Ada Byron")), 0.0);
        assert_eq!(name_similarity(&w("Madonna"), &w("Madonna")), 1.0);
    }

    #[test]
    fn appended_names_are_each_a_name() {
        assert_eq!(
            names_of("Ada Lovelace; Ada King"),
            vec![w("Ada Lovelace"), w("Ada King")]
        );
    }
}
