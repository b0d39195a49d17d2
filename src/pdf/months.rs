//! Month names in the languages of `headings`, to order positions by when they started (the
//! site prints "November 2020", "novembre 2020", "listopad 2020"… in the reader's language).

use super::headings::fold;

/// Month names, January first, in every listed language (nominative and genitive forms).
const MONTHS: &[[&str; 12]] = &[
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ],
    [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    [
        "januar",
        "februar",
        "märz",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "dezember",
    ],
    [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
    [
        "janeiro",
        "fevereiro",
        "março",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
    ],
    [
        "январь",
        "февраль",
        "март",
        "апрель",
        "май",
        "июнь",
        "июль",
        "август",
        "сентябрь",
        "октябрь",
        "ноябрь",
        "декабрь",
    ],
    [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ],
    [
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ],
    [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
    [
        "styczeń",
        "luty",
        "marzec",
        "kwiecień",
        "maj",
        "czerwiec",
        "lipiec",
        "sierpień",
        "wrzesień",
        "październik",
        "listopad",
        "grudzień",
    ],
    [
        "stycznia",
        "lutego",
        "marca",
        "kwietnia",
        "maja",
        "czerwca",
        "lipca",
        "sierpnia",
        "września",
        "października",
        "listopada",
        "grudnia",
    ],
    [
        "ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos", "eylül", "ekim",
        "kasım", "aralık",
    ],
];

/// 1-based month of a month name in any listed language (also "sept." style abbreviations).
pub(crate) fn month(word: &str) -> Option<u32> {
    let folded = fold(word);
    let word = folded.trim_end_matches('.');
    if word.chars().count() < 3 {
        return None;
    }
    MONTHS.iter().find_map(|names| {
        (1u32..)
            .zip(names.iter())
            .find(|(_, name)| **name == word || name.starts_with(word))
            .map(|(number, _)| number)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_in_several_languages() {
        assert_eq!(month("November"), Some(11));
        assert_eq!(month("novembre"), Some(11));
        assert_eq!(month("ноября"), Some(11));
        assert_eq!(month("März"), Some(3));
        assert_eq!(month("sept."), Some(9));
        assert_eq!(month("Kasım"), Some(11));
        assert_eq!(month("listopada"), Some(11));
        assert_eq!(month("at"), None);
    }
}
