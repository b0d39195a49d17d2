//! The catalogues in `static/_locales` against English, and the formatting path on them
//! (issue #21). proves L1

use super::*;
use crate::case;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every UI language we ship, as `_locales` folder names.
const LOCALES: [&str; 7] = ["en", "fr", "de", "es", "pt_BR", "nl", "it"];

/// Messages that are `|`-separated lists the code splits by position.
const LISTS: [&str; 4] = ["cardLabels", "matchKeys", "fieldNames", "dateMonths"];

fn locales_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("static/_locales")
}

/// One message as chrome.i18n reads it: names are case-insensitive, so keyed lower-case.
#[derive(Debug)]
struct Entry {
    name: String,
    message: String,
    /// Placeholder name (lower-case) → its content (`$1`).
    placeholders: BTreeMap<String, String>,
}

/// A `messages.json`, as a catalogue the core's formatting path can read.
struct Json {
    entries: BTreeMap<String, Entry>,
}

impl Json {
    fn read(locale: &str) -> Self {
        let path = locales_dir().join(locale).join("messages.json");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
        Self::parse(&text).unwrap_or_else(|e| panic!("{path:?}: {e}"))
    }

    fn parse(text: &str) -> Result<Self, String> {
        let value: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let object = value.as_object().ok_or("not an object")?;
        let mut entries = BTreeMap::new();
        for (name, body) in object {
            let message = body["message"]
                .as_str()
                .ok_or_else(|| format!("{name}: no message"))?;
            let mut placeholders = BTreeMap::new();
            if let Some(blocks) = body.get("placeholders").and_then(Value::as_object) {
                for (placeholder, block) in blocks {
                    let content = block["content"]
                        .as_str()
                        .ok_or_else(|| format!("{name}.{placeholder}: no content"))?;
                    placeholders.insert(case::lower(placeholder), content.to_string());
                }
            }
            let entry = Entry {
                name: name.clone(),
                message: message.to_string(),
                placeholders,
            };
            if entries.insert(case::lower(name), entry).is_some() {
                return Err(format!("{name} twice (names are case-insensitive)"));
            }
        }
        Ok(Self { entries })
    }

    fn names(&self) -> BTreeSet<String> {
        self.entries.keys().cloned().collect()
    }
}

/// chrome.i18n's substitution: `$name$` → its placeholder's content, then `$1`… → the
/// arguments, `$$` → `$`.
impl Catalogue for Json {
    fn message(&self, name: &str, args: &[&str]) -> Option<String> {
        let entry = self.entries.get(&case::lower(name))?;
        let mut text = entry.message.clone();
        for (placeholder, content) in &entry.placeholders {
            text = replace_ignoring_case(&text, &format!("${placeholder}$"), content);
        }
        let mut out = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek().copied()) {
                ('$', Some('$')) => {
                    chars.next();
                    out.push('$');
                }
                ('$', Some(d)) if d.is_ascii_digit() => {
                    chars.next();
                    let n = d.to_digit(10).unwrap_or(0) as usize;
                    out.push_str(n.checked_sub(1).and_then(|i| args.get(i)).unwrap_or(&""));
                }
                _ => out.push(c),
            }
        }
        Some(out)
    }
}

fn replace_ignoring_case(text: &str, pattern: &str, with: &str) -> String {
    let lower = case::lower(text);
    // Placeholder names are ASCII, so byte offsets in `lower` are offsets in `text` as long as
    // the text before them lower-cases to the same length; fall back to an exact replace.
    if lower.len() != text.len() {
        return text.replace(pattern, with);
    }
    let mut out = String::new();
    let mut rest = 0;
    for (at, _) in lower.match_indices(&case::lower(pattern)) {
        out.push_str(&text[rest..at]);
        out.push_str(with);
        rest = at + pattern.len();
    }
    out.push_str(&text[rest..]);
    out
}

/// `$NAME$` references of a message (lower-case) and its direct `$1`… references.
fn references(message: &str) -> (BTreeSet<String>, BTreeSet<char>) {
    let mut named = BTreeSet::new();
    let mut numbered = BTreeSet::new();
    let mut parts = message.split('$').peekable();
    parts.next();
    let mut inside = true;
    while let Some(part) = parts.next() {
        if inside && !part.is_empty() && parts.peek().is_some() && is_name(part) {
            named.insert(case::lower(part));
            inside = false;
            continue;
        }
        if let Some(d) = part.chars().next().filter(|c| inside && c.is_ascii_digit()) {
            numbered.insert(d);
        }
        inside = true;
    }
    (named, numbered)
}

fn is_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '@')
}

/// A plural family's base name (`quotaLeft` of `quotaLeft_other`).
fn family(name: &str) -> Option<&str> {
    [Plural::One, Plural::Other]
        .iter()
        .find_map(|p| name.strip_suffix(&p.suffix()[1..])?.strip_suffix('_'))
}

fn catalogues() -> Vec<(&'static str, Json)> {
    LOCALES.iter().map(|l| (*l, Json::read(l))).collect()
}

#[test]
fn the_locale_folders_are_our_seven_languages() {
    let found: BTreeSet<String> = std::fs::read_dir(locales_dir())
        .map(|dir| {
            dir.flatten()
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    let expected: BTreeSet<String> = LOCALES.iter().map(|l| (*l).to_string()).collect();
    assert_eq!(found, expected);
}

#[test]
fn every_locale_has_exactly_the_messages_of_english() {
    let english = Json::read("en").names();
    let mut problems = Vec::new();
    for (locale, catalogue) in catalogues() {
        let names = catalogue.names();
        for missing in english.difference(&names) {
            problems.push(format!("{locale}: no {missing}"));
        }
        for extra in names.difference(&english) {
            problems.push(format!("{locale}: {extra} is not in en"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_plural_message_has_each_form_its_locale_needs() {
    let english = Json::read("en");
    let families: BTreeSet<String> = english
        .entries
        .values()
        .filter_map(|e| family(&e.name).map(str::to_string))
        .collect();
    assert!(families.contains("quotaLeft"), "{families:?}");
    let mut problems = Vec::new();
    for (locale, catalogue) in catalogues() {
        for base in &families {
            for form in categories(locale) {
                let name = case::lower(&format!("{base}{}", form.suffix()));
                if !catalogue.entries.contains_key(&name) {
                    problems.push(format!("{locale}: no {name}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_translation_keeps_the_placeholders_of_english() {
    let english = Json::read("en");
    let mut problems = Vec::new();
    for (locale, catalogue) in catalogues() {
        for (key, theirs) in &catalogue.entries {
            let Some(ours) = english.entries.get(key) else {
                continue;
            };
            let name = &ours.name;
            if theirs.placeholders != ours.placeholders {
                problems.push(format!(
                    "{locale}: {name}: placeholders {:?}, English has {:?}",
                    theirs.placeholders, ours.placeholders
                ));
            }
            let (named, numbered) = references(&theirs.message);
            let (en_named, en_numbered) = references(&ours.message);
            if named != en_named || numbered != en_numbered {
                problems.push(format!(
                    "{locale}: {name}: uses {named:?} {numbered:?}, English {en_named:?} {en_numbered:?}"
                ));
            }
            for placeholder in &named {
                if !theirs.placeholders.contains_key(placeholder) {
                    problems.push(format!("{locale}: {name}: ${placeholder}$ is not defined"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_message_name_is_one_chrome_accepts() {
    for (locale, catalogue) in catalogues() {
        for entry in catalogue.entries.values() {
            assert!(
                is_name(&entry.name) && !entry.name.starts_with("@@"),
                "{locale}: {}",
                entry.name
            );
            assert!(!entry.message.trim().is_empty(), "{locale}: {}", entry.name);
        }
    }
}

/// The Chrome Web Store shows at most 132 characters of the manifest's description.
#[test]
fn every_description_fits_the_store() {
    for (locale, catalogue) in catalogues() {
        let description = catalogue.message("extDescription", &[]).unwrap_or_default();
        assert!(
            description.chars().count() <= 132,
            "{locale}: {description}"
        );
    }
}

#[test]
fn the_locale_message_names_its_own_folder() {
    for (locale, catalogue) in catalogues() {
        assert_eq!(catalogue.message("locale", &[]).as_deref(), Some(locale));
    }
}

#[test]
fn every_list_message_has_as_many_items_as_english() {
    let english = Json::read("en");
    for (locale, catalogue) in catalogues() {
        for list in LISTS {
            let count = |c: &Json| c.message(list, &[]).map(|m| m.split('|').count());
            assert_eq!(count(&catalogue), count(&english), "{locale}: {list}");
            let items = catalogue.message(list, &[]).unwrap_or_default();
            // The code takes items as they are: none empty, none with spaces around it.
            assert!(
                items
                    .split('|')
                    .all(|item| !item.is_empty() && item.trim() == item),
                "{locale}: {list} has an empty or padded item"
            );
        }
    }
}

#[test]
fn every_locale_words_counts_and_dates_without_a_hole() {
    let resets = Day::from_rfc3339("2027-01-01T00:00:00Z").map(Day::without_year);
    let Some(resets) = resets else {
        panic!("no day");
    };
    for (locale, catalogue) in catalogues() {
        for count in [0, 1, 2, 12, 200] {
            for text in [
                Text::count("quotaLeft", count, &["200"]),
                Text::count("badgeMultiple", count, &[]),
                Text::count("quotaManual", count, &[]),
                Text::count("exportConfirmWarning", count, &[]),
                Text::count("signOutPending", count, &[]),
            ] {
                let said = say(&catalogue, &text);
                assert!(
                    said.contains(&count.to_string()) && !said.contains('$'),
                    "{locale}: {text:?} → {said}"
                );
            }
        }
        let said = say(&catalogue, &Text::date("exportBlockLimit", resets, &[]));
        assert!(
            !said.contains('$') && !said.contains("01-01"),
            "{locale}: {said}"
        );
    }
}

#[test]
fn plurals_and_dates_follow_the_catalogue_shown() {
    let say_in = |locale: &str, text: &Text| say(&Json::read(locale), text);
    let quota = |n| Text::count("quotaLeft", n, &["200"]);
    assert_eq!(say_in("en", &quota(1)), "1 of 200 left this month");
    assert_eq!(say_in("en", &quota(0)), "0 of 200 left this month");
    assert_eq!(say_in("en", &quota(12)), "12 of 200 left this month");
    assert_eq!(
        say_in("fr", &quota(0)),
        "Il reste 0 export sur 200 ce mois-ci"
    );
    assert_eq!(
        say_in("fr", &quota(1)),
        "Il reste 1 export sur 200 ce mois-ci"
    );
    assert_eq!(
        say_in("fr", &quota(12)),
        "Il reste 12 exports sur 200 ce mois-ci"
    );
    let new_year = Day::from_rfc3339("2027-01-01").map(Day::without_year);
    let Some(new_year) = new_year else {
        panic!("no day");
    };
    let day = |locale| day_text(&Json::read(locale), new_year);
    assert_eq!(day("en"), "1 January");
    assert_eq!(day("fr"), "1er janvier");
    assert_eq!(day("de"), "1. Januar");
    assert_eq!(day("es"), "1 de enero");
    assert_eq!(day("pt_BR"), "1º de janeiro");
    assert_eq!(day("nl"), "1 januari");
    assert_eq!(day("it"), "1º gennaio");
    let Some(later) = Day::from_rfc3339("2026-03-02T10:15:00Z") else {
        panic!("no day");
    };
    assert_eq!(day_text(&Json::read("en"), later), "2 March 2026");
    assert_eq!(day_text(&Json::read("de"), later), "2. März 2026");
    assert_eq!(day_text(&Json::read("pt_BR"), later), "2 de março de 2026");
}

#[test]
fn lang_attributes_are_bcp47() {
    assert_eq!(language_tag("pt_BR"), "pt-BR");
    assert_eq!(language_tag("fr"), "fr");
}

#[test]
fn cardinal_categories_are_cldrs() {
    for locale in ["en", "de", "nl", "it", "es", "pt_PT"] {
        assert_eq!(plural(locale, 0), Plural::Other, "{locale}");
        assert_eq!(plural(locale, 1), Plural::One, "{locale}");
        assert_eq!(plural(locale, 2), Plural::Other, "{locale}");
        assert_eq!(plural(locale, 200), Plural::Other, "{locale}");
    }
    for locale in ["fr", "pt_BR", "pt"] {
        assert_eq!(plural(locale, 0), Plural::One, "{locale}");
        assert_eq!(plural(locale, 1), Plural::One, "{locale}");
        assert_eq!(plural(locale, 2), Plural::Other, "{locale}");
        assert_eq!(plural(locale, 1_000_000), Plural::Other, "{locale}");
    }
}

#[test]
fn days_are_read_from_instants_and_milliseconds() {
    let day = |y, m, d| Day {
        year: Some(y),
        month: m,
        day: d,
    };
    assert_eq!(
        Day::from_rfc3339("2027-01-01T00:00:00Z"),
        Some(day(2027, 1, 1))
    );
    assert_eq!(Day::from_rfc3339("2026-12-06"), Some(day(2026, 12, 6)));
    for bad in [
        "soon",
        "2027-13-01",
        "2027-01-0x",
        "2027-00-10",
        "",
        "2027/01/01",
    ] {
        assert_eq!(Day::from_rfc3339(bad), None, "{bad}");
    }
    assert_eq!(Day::from_ms(1_798_761_600_000.0), day(2027, 1, 1));
    assert_eq!(clock_time("2026-12-06T18:40:05Z"), Some("18:40"));
    assert_eq!(clock_time("2026-12-06 18:40"), None);
    assert_eq!(day(2027, 1, 1).iso(), "2027-01-01");
}

/// A catalogue that lacks the date messages still shows the day, as numbers.
#[test]
fn a_catalogue_without_date_words_shows_the_iso_day() {
    struct Empty;
    impl Catalogue for Empty {
        fn message(&self, _: &str, _: &[&str]) -> Option<String> {
            None
        }
    }
    let day = Day {
        year: Some(2027),
        month: 1,
        day: 1,
    };
    assert_eq!(day_text(&Empty, day), "2027-01-01");
    assert_eq!(
        say(&Empty, &Text::count("quotaLeft", 3, &["200"])),
        "quotaLeft_other"
    );
    assert_eq!(day_text(&Empty, day.without_year()), "01-01");
}

#[test]
fn the_json_catalogue_substitutes_as_chrome_does() {
    let json = Json::parse(
        r#"{"a": {"message": "$N$ of $$$LIMIT$ ($1)", "placeholders": {
            "n": {"content": "$1"}, "LIMIT": {"content": "$2"}}}}"#,
    );
    let Ok(json) = json else {
        panic!("parse");
    };
    assert_eq!(
        json.message("A", &["3", "200"]).as_deref(),
        Some("3 of $200 (3)")
    );
    let (named, numbered) = references("$N$ of $$$LIMIT$ ($1)");
    assert_eq!(
        named,
        ["limit", "n"].iter().map(|s| s.to_string()).collect()
    );
    assert_eq!(numbered, ['1'].into_iter().collect());
}
