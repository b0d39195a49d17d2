//! The language of the CRM's own pages (issue #21 deliver 5): the one of the extension's seven
//! the browser's `Accept-Language` prefers most (q-values honoured), English when it names none.
//! The words themselves are in `words/`, one table per language.

use super::words::{self, Key};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use std::convert::Infallible;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    En,
    Fr,
    De,
    Es,
    PtBr,
    Nl,
    It,
}

impl Lang {
    pub const ALL: [Lang; 7] = [
        Lang::En,
        Lang::Fr,
        Lang::De,
        Lang::Es,
        Lang::PtBr,
        Lang::Nl,
        Lang::It,
    ];

    /// The page's `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::De => "de",
            Lang::Es => "es",
            Lang::PtBr => "pt-BR",
            Lang::Nl => "nl",
            Lang::It => "it",
        }
    }

    /// One language range of `Accept-Language` (`fr-CH`, `pt`, `de`): ours by its primary
    /// subtag. Portuguese is Brazilian Portuguese, the only one the extension speaks.
    fn of_range(range: &str) -> Option<Lang> {
        let primary = range.split('-').next().unwrap_or_default();
        Some(match primary.to_ascii_lowercase().as_str() {
            "en" => Lang::En,
            "fr" => Lang::Fr,
            "de" => Lang::De,
            "es" => Lang::Es,
            "pt" => Lang::PtBr,
            "nl" => Lang::Nl,
            "it" => Lang::It,
            _ => return None,
        })
    }

    /// The most preferred of ours in an `Accept-Language` value (RFC 9110 §12.5.4): the highest
    /// q first, the order written among equals; `q=0` means "not this one".
    pub fn preferred(accept_language: &str) -> Lang {
        let mut ranges: Vec<(u16, Lang)> = accept_language
            .split(',')
            .filter_map(|item| {
                let mut parts = item.split(';');
                let lang = Lang::of_range(parts.next()?.trim())?;
                let q = parts
                    .filter_map(|p| p.trim().strip_prefix("q=").or(p.trim().strip_prefix("Q=")))
                    .next()
                    .map_or(Some(1000), quality)?;
                (q > 0).then_some((q, lang))
            })
            .collect();
        // Stable: among equal weights the first written wins.
        ranges.sort_by_key(|(q, _)| std::cmp::Reverse(*q));
        ranges.first().map_or(Lang::En, |(_, lang)| *lang)
    }

    pub fn of(headers: &HeaderMap) -> Lang {
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map_or(Lang::En, Lang::preferred)
    }

    /// The page's words for `key`.
    pub fn say(self, key: Key) -> &'static str {
        words::text(self, key)
    }

    /// `key`'s words with each `{name}` replaced by its value (which must already be safe HTML).
    pub fn fill(self, key: Key, values: &[(&str, &str)]) -> String {
        let mut text = self.say(key).to_string();
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }
}

/// A q-value (`0.8`, `1`, `0.125`) in thousandths; `None` when it is not one.
fn quality(text: &str) -> Option<u16> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths: u16 = format!("{fraction:0<3}").parse().ok()?;
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Lang::of(&parts.headers))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_wanted_of_ours_wins() {
        assert_eq!(
            Lang::preferred("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7"),
            Lang::Fr
        );
        assert_eq!(Lang::preferred("ja, de;q=0.5, en;q=0.4"), Lang::De);
        assert_eq!(Lang::preferred("en;q=0.5, nl"), Lang::Nl);
        assert_eq!(Lang::preferred("pt-BR,pt;q=0.9"), Lang::PtBr);
        assert_eq!(Lang::preferred("pt-PT"), Lang::PtBr);
        assert_eq!(Lang::preferred("it;q=0.3, es;q=0.30"), Lang::It);
        assert_eq!(Lang::preferred("es-419"), Lang::Es);
    }

    #[test]
    fn english_when_none_of_ours_is_wanted() {
        assert_eq!(Lang::preferred(""), Lang::En);
        assert_eq!(Lang::preferred("ja, zh-CN;q=0.8"), Lang::En);
        assert_eq!(Lang::preferred("*"), Lang::En);
        // q=0: "not French".
        assert_eq!(Lang::preferred("fr;q=0, ja"), Lang::En);
        // An unreadable weight does not count.
        assert_eq!(Lang::preferred("fr;q=2, de;q=0.1"), Lang::De);
    }
}
