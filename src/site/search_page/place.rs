//! Whether a card's line reads as a place ("Bengaluru, Karnataka, India", "Greater Seattle
//! Area", "Région de Paris", "Berlin und Umgebung") or as a headline ("Graduate Trainee |",
//! "HR Recruiter at Accenture"). Headline and location are told apart by what they say, so a
//! card without a headline never has its location read as one, nor the reverse.
use crate::case;

/// What a line looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Shape {
    /// Surely a place: comma-separated place names, or a word only regions use.
    Place,
    /// A place or a short headline: a few capitalised words ("Bengaluru", "Data Analyst").
    Either,
    /// Surely not a place: a role, a sentence, symbols or digits.
    NotPlace,
}

/// Words only a region's name uses, en fr de es pt nl it.
const REGION_WORDS: &[&str] = &[
    "area",
    "region",
    "metropolitan",
    "greater",
    "county",
    "province",
    "district",
    "région",
    "périphérie",
    "agglomération",
    "großraum",
    "umgebung",
    "metropolregion",
    "landkreis",
    "kreis",
    "área",
    "metropolitana",
    "metropolitano",
    "provincia",
    "comunidad",
    "região",
    "grande",
    "omgeving",
    "regio",
    "regione",
];

/// Small words place names keep in lower case.
const PARTICLES: &[&str] = &[
    "de", "du", "des", "la", "le", "les", "et", "sur", "en", "y", "e", "del", "da", "do", "dos",
    "das", "di", "della", "und", "am", "an", "der", "die", "im", "van", "von", "upon", "on", "of",
    "the", "and", "al", "el", "sobre", "och", "og",
];

/// Marks of a headline, never of a place.
const HEADLINE_MARKS: &[char] = &[
    '|', '@', '/', ':', ';', '(', ')', '[', ']', '#', '*', '+', '=', '&', '?', '!', '"', '“', '”',
    '•', '·',
];
const HEADLINE_CONNECTORS: &[&str] = &[
    " at ", " bei ", " chez ", " presso ", " na ", " for ", " für ", " pour ", " per ", " para ",
    " voor ", " - ", " – ", " — ",
];
const MAX_PART_WORDS: usize = 5;
const MAX_PARTS: usize = 4;
const MAX_EITHER_WORDS: usize = 4;

pub(super) fn shape(line: &str) -> Shape {
    let line = line.trim();
    if line.is_empty()
        || line
            .chars()
            .any(|c| c.is_ascii_digit() || HEADLINE_MARKS.contains(&c))
    {
        return Shape::NotPlace;
    }
    let padded = format!(" {} ", case::lower(line));
    if HEADLINE_CONNECTORS.iter().any(|c| padded.contains(c)) {
        return Shape::NotPlace;
    }
    let parts: Vec<&str> = line.split(',').map(str::trim).collect();
    if parts.len() > MAX_PARTS || parts.iter().any(|p| p.is_empty()) {
        return Shape::NotPlace;
    }
    let mut region_word = false;
    for part in &parts {
        let words: Vec<&str> = part.split_whitespace().collect();
        if words.len() > MAX_PART_WORDS {
            return Shape::NotPlace;
        }
        for word in words {
            let lower = case::lower(word);
            let bare = lower.trim_matches(|c: char| !c.is_alphanumeric());
            if REGION_WORDS.contains(&bare) {
                region_word = true;
            } else if !fits_place_name(word, bare) {
                return Shape::NotPlace;
            }
        }
    }
    if region_word || parts.len() >= 2 {
        Shape::Place
    } else if line.split_whitespace().count() <= MAX_EITHER_WORDS {
        Shape::Either
    } else {
        Shape::NotPlace
    }
}

/// A word as place names write it: capitalised (every part of "Baden-Württemberg"), a
/// lower-case particle, or in a script without case. Acronyms ("HR", "TCS") are roles and firms.
fn fits_place_name(word: &str, lower: &str) -> bool {
    if PARTICLES.contains(&lower) {
        return true;
    }
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    let cased = letters
        .iter()
        .filter(|c| c.is_lowercase() || c.is_uppercase())
        .count();
    if cased == 0 {
        return true;
    }
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    if upper == letters.len() && letters.len() >= 2 {
        return false;
    }
    word.split(['-', '\'', '’'])
        .filter(|part| part.chars().any(char::is_alphabetic))
        .enumerate()
        .all(|(i, part)| {
            let first = part.chars().find(|c| c.is_alphabetic());
            first.is_some_and(char::is_uppercase)
                || (i > 0 && PARTICLES.contains(&case::lower(part).as_str()))
                || (i > 0 && part.len() <= 2)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    // proves P3: places read as places in the site's languages.
    #[test]
    fn places() {
        for place in [
            "Bengaluru, Karnataka, India",
            "Greater Seattle Area",
            "Greater Bengaluru Area",
            "London, England, United Kingdom",
            "Île-de-France, France",
            "Paris et périphérie",
            "Berlin und Umgebung",
            "Área metropolitana de Madrid",
            "Região de São Paulo",
            "Amsterdam en omgeving",
            "Baden-Württemberg, Deutschland",
            "Москва, Россия",
            "Stratford-upon-Avon, England, United Kingdom",
        ] {
            assert_eq!(shape(place), Shape::Place, "{place}");
        }
        assert_eq!(shape("Bengaluru"), Shape::Either);
        assert_eq!(shape("Berlin"), Shape::Either);
    }

    // proves P3: headlines never read as places.
    #[test]
    fn headlines() {
        for headline in [
            "Graduate Trainee |",
            "Process associate at TCS",
            "HR - Talent Acquisition @Accenture",
            "HR Recruiter",
            "Senior Managing Director - CHRO, Accenture in India",
            "Process Associate | Business Process Services | Supply Chain Management",
            "Sr. Specialist HR Shared Services @ Target",
            "Software engineer",
            "Werkstudent bei Beispiel GmbH",
            "BBA Business Analytics",
        ] {
            assert_eq!(shape(headline), Shape::NotPlace, "{headline}");
        }
    }
}
