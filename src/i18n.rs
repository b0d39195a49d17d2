//! The one way a user-facing text becomes words (PRODUCT.md L1, issue #21). The words are the
//! browser's `_locales` catalogue (the browser's UI language picks, English is the fallback);
//! plurals and dates are decided here, by the locale that very catalogue names in its `locale`
//! message, so the words and the formats shown can never disagree.
//!
//! Message names: a text worded by a count has one message per plural category,
//! `{name}_one` / `{name}_other`, and gets the count as `$1`; a date is written with the
//! catalogue's `dateMonths` (`January|February|…`), `dateFirstDay` (how the 1st of a month is
//! written: "1", "1er", "1º") and `dateDayMonth` / `dateDayMonthYear` patterns.

mod date;
mod plural;
#[cfg(test)]
mod tests;

pub use date::{Day, clock_time};
pub use plural::{Plural, categories, plural};

/// The browser's message catalogue, or a test's.
pub trait Catalogue {
    /// The message `name` with its `$1`, `$2`… substituted by `args`; `None` when the
    /// catalogue has no such message.
    fn message(&self, name: &str, args: &[&str]) -> Option<String>;
}

/// A user-facing text, before it is put in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Text {
    /// A message of `_locales` and its `$1`, `$2`… substitutions.
    Message {
        name: &'static str,
        args: Vec<String>,
    },
    /// A message worded by `count` (`{name}_one`, `{name}_other`): the count is `$1`, `args`
    /// follow as `$2`…
    Count {
        name: &'static str,
        count: u32,
        args: Vec<String>,
    },
    /// A message whose `$1` is `day` in the catalogue's words; `args` follow as `$2`…
    Date {
        name: &'static str,
        day: Day,
        args: Vec<String>,
    },
    /// Already in the user's language (the worker wrote it).
    Plain(String),
}

impl Text {
    pub fn message(name: &'static str) -> Self {
        Self::Message {
            name,
            args: Vec::new(),
        }
    }

    pub fn with(name: &'static str, args: &[&str]) -> Self {
        Self::Message {
            name,
            args: owned(args),
        }
    }

    pub fn count(name: &'static str, count: u32, args: &[&str]) -> Self {
        Self::Count {
            name,
            count,
            args: owned(args),
        }
    }

    pub fn date(name: &'static str, day: Day, args: &[&str]) -> Self {
        Self::Date {
            name,
            day,
            args: owned(args),
        }
    }
}

fn owned(args: &[&str]) -> Vec<String> {
    args.iter().map(|a| (*a).to_string()).collect()
}

/// `text` in the catalogue's words; a message the catalogue lacks shows its name (never
/// nothing). One path for every kind of text, so the content script carries it once.
pub fn say(catalogue: &impl Catalogue, text: &Text) -> String {
    let (name, first, args) = match text {
        Text::Plain(text) => return text.clone(),
        Text::Message { name, args } => ([*name, ""], None, args),
        Text::Count { name, count, args } => {
            let locale = catalogue.message("locale", &[]).unwrap_or_default();
            let form = plural(&locale, *count).suffix();
            ([*name, form], Some(count.to_string()), args)
        }
        Text::Date { name, day, args } => ([*name, ""], Some(day_text(catalogue, *day)), args),
    };
    let name = name.concat();
    let all: Vec<&str> = first.iter().chain(args).map(String::as_str).collect();
    catalogue.message(&name, &all).unwrap_or(name)
}

/// The form of message `name` that the catalogue's locale uses for `count` (`{name}_one`,
/// `{name}_other`), with the count as `$1` and `args` after it. A form a translation lacks is
/// English's: chrome.i18n falls back to the default locale message by message (and the
/// catalogue test allows no missing form). Counts are written as plain digits: none we show
/// reaches 1,000, where the languages would group digits differently.
pub fn counted(
    catalogue: &impl Catalogue,
    name: &'static str,
    count: u32,
    args: &[&str],
) -> String {
    say(catalogue, &Text::count(name, count, args))
}

/// The BCP 47 tag of a `_locales` locale (`pt_BR` → `pt-BR`), for `lang` attributes: screen
/// readers then speak our words in their language, not in the page's.
pub fn language_tag(locale: &str) -> String {
    locale.replace('_', "-")
}

/// `day` as the catalogue writes a date ("1 January", "1er janvier", "1. Januar"); as
/// `2027-01-01` if the catalogue cannot.
pub fn day_text(catalogue: &impl Catalogue, day: Day) -> String {
    let written = || {
        let months = catalogue.message("dateMonths", &[])?;
        let month = months
            .split('|')
            .nth(usize::try_from(day.month.checked_sub(1)?).ok()?)?;
        let number = match day.day {
            1 => catalogue.message("dateFirstDay", &[])?,
            other => other.to_string(),
        };
        // chrome.i18n ignores a substitution the pattern does not use.
        let year = day.year.map_or_else(String::new, |year| year.to_string());
        let pattern = match day.year {
            Some(_) => "dateDayMonthYear",
            None => "dateDayMonth",
        };
        catalogue.message(pattern, &[&number, month, &year])
    };
    written().unwrap_or_else(|| day.iso())
}
