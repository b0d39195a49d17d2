//! Every word of the CRM's pages, one table per language (issue #21 deliver 5). A text may hold
//! `{name}` slots, filled by `Lang::fill` with safe HTML; some hold markup of their own. A table
//! that lacks a key falls back to English; `tests` fails when any does, or drops or adds a slot.

use super::lang::Lang;

mod de;
mod en;
mod es;
mod fr;
mod it;
mod nl;
mod pt_br;

macro_rules! keys {
    ($($key:ident),* $(,)?) => {
        /// One text of the pages.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Key { $($key),* }

        impl Key {
            pub const ALL: &'static [Key] = &[$(Key::$key),*];
        }
    };
}

keys! {
    SignOut, Start, BackToStart, NotFoundTitle, NotFoundBody, ServerErrorTitle, ServerErrorBody,
    NoAccess,
    // Sign-in
    SignInTitle, SignInHeading, Email, Password, SignIn, Refused, Forged, Missing, TooMany,
    WaitSecond, WaitSeconds, WaitMinutes,
    // Consent
    ConsentTitle, ConsentHeading, ConsentSignedInAs, ConsentBody, NoPermissionsYet, Allow, Deny,
    // Contact page
    NoAccessContacts, Confidential, Title, Company, Location, Phone, Profile, Owner, Pools,
    Vacancies, Applications, Source, Created, Updated, Summary, Positions, PositionAt,
    PositionSince, Skills, Education, Attachments, Notes, NoneYet, UnknownAuthor, Bytes,
    // Usage page
    UsageTitle, NoAccessUsage, UsageMonths, UsageLimit, UsageUser, UsageThisMonth, UsageBefore,
    UsageCreated, UsageUpdated, UsageManual, UsageExport, UsageReserved, UsageLeft,
    // Start page
    HomeSignedInAs, HomeContacts, HomeAdminLink, HomeAdminsOnly,
}

fn table(lang: Lang) -> &'static [(Key, &'static str)] {
    match lang {
        Lang::En => en::TABLE,
        Lang::Fr => fr::TABLE,
        Lang::De => de::TABLE,
        Lang::Es => es::TABLE,
        Lang::PtBr => pt_br::TABLE,
        Lang::Nl => nl::TABLE,
        Lang::It => it::TABLE,
    }
}

fn lookup(lang: Lang, key: Key) -> Option<&'static str> {
    table(lang)
        .iter()
        .find_map(|(k, text)| (*k == key).then_some(*text))
}

/// `key` in `lang`, else in English.
pub fn text(lang: Lang, key: Key) -> &'static str {
    lookup(lang, key)
        .or_else(|| lookup(Lang::En, key))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slots(text: &str) -> Vec<&str> {
        let mut out: Vec<&str> = text
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect();
        out.sort_unstable();
        out
    }

    // proves L1 for the CRM's pages: every language has every text, once, with English's slots.
    #[test]
    fn every_language_has_every_key_with_the_same_slots() {
        for lang in Lang::ALL {
            let table = table(lang);
            for key in Key::ALL {
                let found: Vec<_> = table.iter().filter(|(k, _)| k == key).collect();
                assert_eq!(found.len(), 1, "{lang:?} has {key:?} {} times", found.len());
                let english = lookup(Lang::En, *key).unwrap_or_default();
                assert!(!found[0].1.trim().is_empty(), "{lang:?} {key:?} is empty");
                assert_eq!(slots(found[0].1), slots(english), "{lang:?} {key:?}");
            }
            assert_eq!(table.len(), Key::ALL.len(), "{lang:?} has extra texts");
        }
    }
}
