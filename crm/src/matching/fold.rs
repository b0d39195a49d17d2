//! Text compared the way people read it: without case, without accents, as words. "Jürgen
//! MÜLLER" and "jurgen muller" are the same words; so are a precomposed `é` and `e` followed by
//! a combining accent.

use talent_bridge::case;

/// What separates the values of a field an update appended to (`Engineer; Lead Engineer`,
/// `Engineer | Lead Engineer`): each part of a name, company or title is compared on its own.
pub const PART_SEPARATORS: [char; 2] = [';', '|'];

/// Lower-cased words of `text`, accents folded to plain Latin letters. Apostrophes join
/// (`O'Brien` → `obrien`); every other non-alphanumeric character separates words.
pub fn words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    for c in case::lower(text).chars() {
        if is_combining_mark(c) || matches!(c, '\'' | '’' | 'ʼ') {
            continue;
        }
        match fold_char(c) {
            Some(plain) => word.push_str(plain),
            None if c.is_alphanumeric() => word.push(c),
            None => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// The words of `text` joined by single spaces: a comparable form of a short text.
pub fn folded(text: &str) -> String {
    words(text).join(" ")
}

/// Combining diacritical marks (U+0300–U+036F), as left by a decomposed (NFD) accent.
fn is_combining_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// The plain Latin letters of an accented lower-case letter (Latin-1 Supplement and Latin
/// Extended-A, which cover the names of Western and Central Europe); `None` for anything else.
fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ð' | 'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĳ' => "ij",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' | 'ŉ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ſ' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_case_and_punctuation_fold_away() {
        assert_eq!(words("Jürgen MÜLLER"), ["jurgen", "muller"]);
        assert_eq!(words("Łukasz Żółć-Ærø"), ["lukasz", "zolc", "aero"]);
        assert_eq!(words("Straße"), ["strasse"]);
        assert_eq!(words("O'Brien, Seán"), ["obrien", "sean"]);
        assert_eq!(folded("  Data & AI  "), "data ai");
    }

    #[test]
    fn decomposed_accents_equal_precomposed_ones() {
        // "José" written as `e` + U+0301 COMBINING ACUTE ACCENT.
        assert_eq!(words("Jose\u{301}"), words("José"));
        assert_eq!(words("José"), ["jose"]);
    }

    #[test]
    fn other_scripts_are_kept_as_they_are() {
        assert_eq!(words("Дмитрий 王"), ["дмитрий", "王"]);
    }
}
