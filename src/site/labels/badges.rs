//! Text the site pins to a person's name or photo that is not the name: presence ("Status is
//! offline"), verification ("Verified", "Zaiba has verifications") and link phrases ("View
//! profile", "View Ada’s profile"). Recognised by the words only such labels use, in the site's
//! languages (PRODUCT.md L2), so the names themselves never need a list.

use super::lowercase_words;
use crate::case;

/// Words that open a presence label ("Status is offline", "Statut : hors ligne").
const STATUS_WORDS: &[&str] = &["status", "statut", "estado", "stato", "estatus"];

/// Availability words and phrases, en fr de es pt nl it, as [`lowercase_words`] gives them
/// ("hors-ligne" is "hors ligne").
const AVAILABILITY: &[&[&str]] = &[
    &["online"],
    &["offline"],
    &["reachable"],
    &["away"],
    &["busy"],
    &["active", "now"],
    &["en", "ligne"],
    &["hors", "ligne"],
    &["joignable"],
    &["absent"],
    &["erreichbar"],
    &["abwesend"],
    &["beschäftigt"],
    &["en", "línea"],
    &["desconectado"],
    &["conectado"],
    &["ausente"],
    &["ocupado"],
    &["disponível"],
    &["bereikbaar"],
    &["afwezig"],
    &["in", "linea"],
    &["non", "in", "linea"],
    &["raggiungibile"],
    &["assente"],
    &["occupato"],
];

/// Longer than this, a text is a sentence, not a label.
const MAX_LABEL_WORDS: usize = 12;

/// "Status is offline", "Status is reachable", "Online", "Statut : hors ligne".
pub fn is_presence(text: &str) -> bool {
    presence(&lowercase_words(text))
}

/// [`is_presence`] of a text's [`lowercase_words`] (`label_of` splits a text once for all its
/// tests: a search page asks them of every line of 25 cards, issue #20).
pub(super) fn presence(words: &[String]) -> bool {
    if words.is_empty() || words.len() > MAX_LABEL_WORDS {
        return false;
    }
    // The text is an availability as a whole ("Online"), or a status word and an availability
    // ("Status is offline"); "Estado" and "Stato" are also surnames: with them, only an
    // availability word tells.
    if AVAILABILITY.iter().any(|a| is_phrase(words, a)) {
        return true;
    }
    if !words.iter().any(|w| STATUS_WORDS.contains(&w.as_str())) {
        return false;
    }
    words
        .iter()
        .any(|w| matches!(w.as_str(), "status" | "statut" | "estatus"))
        || AVAILABILITY
            .iter()
            .any(|a| words.windows(a.len()).any(|w| is_phrase(w, a)))
}

/// "Verified", "Vérifié", "Verifiziert", "Verificado", "Geverifieerd", "Verificato",
/// "Zaiba has verifications".
pub fn is_verification(text: &str) -> bool {
    verification(&lowercase_words(text))
}

pub(super) fn verification(words: &[String]) -> bool {
    words.len() <= MAX_LABEL_WORDS
        && words.iter().any(|w| {
            ["verif", "vérif", "geverif"]
                .iter()
                .any(|stem| w.starts_with(stem))
        })
}

/// "View profile", "View Ada’s profile", "Voir le profil de …", "Profil anzeigen",
/// "Ver perfil", "Profiel bekijken", "Visualizza il profilo".
pub fn is_profile_phrase(text: &str) -> bool {
    profile_phrase(&lowercase_words(text))
}

pub(super) fn profile_phrase(words: &[String]) -> bool {
    words.len() <= MAX_LABEL_WORDS
        && words.iter().any(|w| {
            ["profil", "perfil", "profiel"]
                .iter()
                .any(|stem| w.starts_with(stem))
        })
}

/// "Premium", "Premium member", "Membre Premium", "Premium-Mitglied": the subscription badge.
pub fn is_premium(text: &str) -> bool {
    premium(&lowercase_words(text))
}

pub(super) fn premium(words: &[String]) -> bool {
    const MAX_WORDS: usize = 4;
    words.len() <= MAX_WORDS && words.iter().any(|w| w == "premium")
}

/// "• You" in the degree's place: the card is the viewer's own ("• Vous", "• Sie", "• Tú",
/// "• Você", "• Jij", "• Tu"). Only after a separator: "You" alone could be anything.
pub fn is_you(text: &str) -> bool {
    const YOU: &[&str] = &[
        "you", "vous", "sie", "tú", "tu", "usted", "você", "jij", "u",
    ];
    let trimmed = text.trim();
    let bare = trimmed.trim_start_matches(['•', '·']);
    bare.len() != trimmed.len() && YOU.contains(&case::lower(bare.trim()).as_str())
}

/// Whether `words` are the words of `phrase`.
fn is_phrase(words: &[String], phrase: &[&str]) -> bool {
    words.len() == phrase.len() && words.iter().zip(phrase).all(|(w, p)| w == p)
}

#[cfg(test)]
mod tests {
    use super::*;

    // proves P3, L2: presence, verification and link phrases are labels in every language.
    #[test]
    fn labels_around_a_name() {
        for presence in [
            "Status is offline",
            "Status is reachable",
            "Status is online",
            "Statut : hors ligne",
            "Status: erreichbar",
            "Online",
            "Statut : hors-ligne",
            "Stato: non in linea",
            "Estado: en línea",
            "Active now",
        ] {
            assert!(is_presence(presence), "{presence}");
        }
        for verified in [
            "Verified",
            "Zaiba has verifications",
            "Vérifié",
            "Geverifieerd",
        ] {
            assert!(is_verification(verified), "{verified}");
        }
        for phrase in [
            "View Ada Lovelace’s profile",
            "View profile",
            "Voir le profil de Ada",
            "Profil anzeigen",
            "Ver perfil",
            "Profiel bekijken",
            "Visualizza il profilo",
        ] {
            assert!(is_profile_phrase(phrase), "{phrase}");
        }
    }

    // proves P3: names are not labels.
    #[test]
    fn names_are_not_labels() {
        for name in [
            "Ada Lovelace",
            "Away Khan",
            "Jürgen Müller",
            "Kapse Swathi",
            "Marta Estado",
            "Luca Stato Linea",
        ] {
            assert!(!is_presence(name), "{name}");
            assert!(!is_verification(name), "{name}");
            assert!(!is_profile_phrase(name), "{name}");
            assert!(!is_premium(name), "{name}");
        }
    }
}
