//! CLDR cardinal plural categories for the catalogues we ship.

/// The plural category of a count, named as CLDR names it; a message worded by a count has one
/// form per category its locale uses (`quotaLeft_one`, `quotaLeft_other`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plural {
    One,
    Other,
}

impl Plural {
    /// The suffix of the message name for this form (`_one`, `_other`).
    pub fn suffix(self) -> &'static str {
        match self {
            Self::One => "_one",
            Self::Other => "_other",
        }
    }
}

/// The category of the whole number `n` in `locale` (a `_locales` folder name: `en`, `pt_BR`).
///
/// CLDR 46 rules for integers: `fr` and `pt` (which is Brazil's Portuguese; `pt_PT` has its own
/// rule) say "one" for 0 and 1; `en`, `de`, `nl`, `it`, `es` for 1 only; everything else is
/// "other". CLDR also has "many" for `fr`, `es`, `it`, `pt`, but for integers only at exact
/// multiples of 1,000,000 (and compact forms like "1,2 M"): none of our counts gets there
/// (quota ≤ 200, matches and pending exports in tens), so no catalogue writes a `_many` form,
/// and a name without its form falls back to `_other`.
pub fn plural(locale: &str, n: u32) -> Plural {
    let zero_is_one = matches!(locale, "fr" | "pt" | "pt_BR")
        || locale.starts_with("fr_")
        || locale.starts_with("fr-");
    match n {
        1 => Plural::One,
        0 if zero_is_one => Plural::One,
        _ => Plural::Other,
    }
}

/// Every category `locale` distinguishes, so a catalogue can be checked for each form.
pub fn categories(_locale: &str) -> &'static [Plural] {
    &[Plural::One, Plural::Other]
}
