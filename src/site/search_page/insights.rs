//! Lines a card shows about its person that are not fields: insights ("Current: Graduate
//! Trainee at Tata Consultancy Services", "Past: …", "Skills: …") and counts ("39K followers",
//! "92 other mutual connections"), in the site's languages.

use crate::case;
use crate::site::dom::Dom;
use crate::site::profile_page::outline::Line;

/// What the site writes before an insight's colon, en fr de es pt nl it.
const INSIGHT_WORDS: &[&str] = &[
    "current",
    "past",
    "summary",
    "skills",
    "services",
    "actuel",
    "actuelle",
    "précédent",
    "précédente",
    "passé",
    "résumé",
    "compétences",
    "aktuell",
    "früher",
    "zusammenfassung",
    "kenntnisse",
    "dienstleistungen",
    "actual",
    "anterior",
    "resumen",
    "aptitudes",
    "servicios",
    "atual",
    "resumo",
    "competências",
    "serviços",
    "huidig",
    "vorige",
    "eerder",
    "samenvatting",
    "vaardigheden",
    "diensten",
    "attuale",
    "precedente",
    "riepilogo",
    "competenze",
    "servizi",
];

/// Words a count line counts, en fr de es pt nl it.
const COUNTED: &[&str] = &[
    "follower",
    "abonné",
    "seguidor",
    "volger",
    "connection",
    "relation",
    "kontakt",
    "contact",
    "conex",
    "connecti",
    "collegament",
    "mutual",
];
const MAX_PREFIX_WORDS: usize = 2;
const MAX_COUNT_WORDS: usize = 6;

/// "Current: …": a word or two before a colon, one the site uses, or one set off by the bold
/// keyword highlight insights carry.
pub(super) fn is_insight<D: Dom>(dom: &D, line: &Line<D::Node>) -> bool {
    let Some((prefix, rest)) = line.text.split_once(':') else {
        return false;
    };
    let prefix = case::lower(prefix.trim());
    let words = prefix.split_whitespace().count();
    if words == 0 || words > MAX_PREFIX_WORDS || rest.trim().is_empty() {
        return false;
    }
    INSIGHT_WORDS.contains(&prefix.as_str())
        || (words == 1 && dom.select_first(&line.node, "strong, b, mark").is_some())
}

/// "39K followers", "500+ connections", "12 mutual connections", "1.234 Follower".
pub(super) fn is_count(text: &str) -> bool {
    let words: Vec<String> = text.split_whitespace().map(case::lower).collect();
    let Some(first) = words.first() else {
        return false;
    };
    let number = first.chars().next().is_some_and(|c| c.is_ascii_digit())
        && first
            .chars()
            .all(|c| c.is_ascii_digit() || ".,+kKmM\u{a0}".contains(c));
    number
        && words.len() <= MAX_COUNT_WORDS
        && words
            .iter()
            .skip(1)
            .any(|w| COUNTED.iter().any(|stem| w.starts_with(stem)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_not_fields() {
        assert!(is_count("39K followers"));
        assert!(is_count("500+ connections"));
        assert!(is_count("92 other mutual connections"));
        assert!(is_count("1.234 Follower"));
        assert!(!is_count("10x Engineer"));
        assert!(!is_count("3D Artist at Pixar"));
    }
}
