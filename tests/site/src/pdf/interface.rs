//! The words a profile PDF prints in the interface language of whoever saves it (DESIGN.md §7):
//! section headings, month names, durations, contact and proficiency labels. "Present" and the
//! "Page N of M" footer stay English in every language, as in the real files.

use crate::pages::parts::{TODAY, year_month};

/// One interface language.
#[derive(Clone, Copy, Debug)]
pub struct Interface {
    pub contact: &'static str,
    pub top_skills: &'static str,
    pub languages: &'static str,
    pub certifications: &'static str,
    pub summary: &'static str,
    pub experience: &'static str,
    pub education: &'static str,
    pub months: [&'static str; 12],
    /// How a month and year print: "{month} {year}", "{month} de {year}", "{year}년 {month}".
    pub month_year: &'static str,
    /// "3 years 10 months" from (years, months); one of them may be 0.
    pub duration: fn(i32, i32) -> String,
    /// Native or bilingual, full professional, limited working.
    pub proficiency: [&'static str; 3],
    /// The label after a phone number.
    pub mobile: &'static str,
    /// The label after a company website.
    pub company_site: &'static str,
    /// The end of a running position's dates: "Present" in every language the real files
    /// show (tests also print the language's own word, which the parser knows too).
    pub present: &'static str,
}

/// "1 year" / "2 years" style plurals, for the languages that have only two forms.
pub fn two_forms(n: i32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Years then months, skipping a zero part.
pub fn join_parts(
    years: i32,
    months: i32,
    year: impl Fn(i32) -> String,
    month: impl Fn(i32) -> String,
) -> String {
    match (years, months) {
        (0, m) => month(m),
        (y, 0) => year(y),
        (y, m) => format!("{} {}", year(y), month(m)),
    }
}

fn english_duration(years: i32, months: i32) -> String {
    join_parts(
        years,
        months,
        |n| two_forms(n, "year", "years"),
        |n| two_forms(n, "month", "months"),
    )
}

pub const ENGLISH: Interface = Interface {
    contact: "Contact",
    top_skills: "Top Skills",
    languages: "Languages",
    certifications: "Certifications",
    summary: "Summary",
    experience: "Experience",
    education: "Education",
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    month_year: "{month} {year}",
    duration: english_duration,
    proficiency: [
        "Native or Bilingual",
        "Full Professional",
        "Limited Working",
    ],
    mobile: "Mobile",
    company_site: "Company",
    present: "Present",
};

impl Interface {
    /// `2020-11` → "November 2020" in this language; other text as it is.
    pub fn month_label(&self, date: &str) -> String {
        let Some((year, month)) = year_month(date) else {
            return date.to_string();
        };
        let name = usize::try_from(month - 1)
            .ok()
            .and_then(|i| self.months.get(i));
        match name {
            Some(name) => self
                .month_year
                .replace("{month}", name)
                .replace("{year}", &year.to_string()),
            None => year.to_string(),
        }
    }

    /// The span from `start` to `end` (or the site's fixed "today"), months counted inclusively
    /// like the profile page's `· 5 yrs 8 mos`.
    pub fn duration_between(&self, start: &str, end: Option<&str>) -> Option<String> {
        let (y, m) = year_month(start)?;
        let to = end.and_then(year_month).unwrap_or(TODAY);
        let months = ((to.0 - y) * 12 + (to.1 - m) + 1).max(1);
        Some((self.duration)(months / 12, months % 12))
    }

    /// `November 2020 - Present (5 years 8 months)`; "Present" in English whatever the language.
    pub fn date_range(&self, start: &str, end: Option<&str>) -> String {
        let end_label = end.map_or_else(|| self.present.to_string(), |e| self.month_label(e));
        let from = self.month_label(start);
        match self.duration_between(start, end) {
            Some(span) => format!("{from} - {end_label} ({span})"),
            None => format!("{from} - {end_label}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_dates_read_like_the_real_pdf() {
        assert_eq!(
            ENGLISH.date_range("2020-11", None),
            "November 2020 - Present (5 years 8 months)"
        );
        assert_eq!(
            ENGLISH.date_range("2015-01", Some("2019-02")),
            "January 2015 - February 2019 (4 years 2 months)"
        );
        assert_eq!(
            ENGLISH.date_range("2019-01", Some("2019-01")),
            "January 2019 - January 2019 (1 month)"
        );
        assert_eq!(
            ENGLISH.date_range("2018-01", Some("2019-12")),
            "January 2018 - December 2019 (2 years)"
        );
    }
}
