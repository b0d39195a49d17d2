//! Days as the core hands them to a catalogue: numbers, never a browser's `Intl` (which may
//! follow another language than the catalogue shown).

use crate::quota::{civil_from_days, days_from_ms};

/// A calendar day (UTC); without a year for "resets on 1 January". Written with `u32`s only:
/// the content script already carries that number formatter, and every other one costs it
/// bytes (issue #20's size budget).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Day {
    pub year: Option<u32>,
    /// 1–12.
    pub month: u32,
    /// 1–31.
    pub day: u32,
}

impl Day {
    /// The day of an RFC 3339 instant (`2027-01-01T00:00:00Z`, or a bare `2027-01-01`), read
    /// as written (our instants are UTC); `None` for anything else.
    pub fn from_rfc3339(text: &str) -> Option<Self> {
        let bytes = text.as_bytes();
        let number = |from: usize, to: usize| {
            bytes.get(from..to)?.iter().try_fold(0u32, |n, b| {
                b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
            })
        };
        let dashes = bytes.get(4) == Some(&b'-') && bytes.get(7) == Some(&b'-');
        let (year, month, day) = (number(0, 4)?, number(5, 7)?, number(8, 10)?);
        let valid = dashes && (1..=12).contains(&month) && (1..=31).contains(&day);
        valid.then_some(Self {
            year: Some(year),
            month,
            day,
        })
    }

    /// The UTC day of an instant in milliseconds since 1970.
    pub fn from_ms(ms: f64) -> Self {
        let (year, month, day) = civil_from_days(days_from_ms(ms));
        Self {
            year: u32::try_from(year).ok(),
            month,
            day,
        }
    }

    /// The same day, written without its year.
    pub fn without_year(self) -> Self {
        Self { year: None, ..self }
    }

    /// `2027-01-01` (`01-01` without a year): what is shown when a catalogue cannot write it.
    pub fn iso(self) -> String {
        let mut out = String::new();
        if let Some(year) = self.year {
            out.push_str(&year.to_string());
            out.push('-');
        }
        let two_digits = |out: &mut String, n: u32| {
            if n < 10 {
                out.push('0');
            }
            out.push_str(&n.to_string());
        };
        two_digits(&mut out, self.month);
        out.push('-');
        two_digits(&mut out, self.day);
        out
    }
}

/// `18:40` from an RFC 3339 instant (`2026-12-06T18:40:05Z`): 24-hour UTC time is read the same
/// way in every language we ship.
pub fn clock_time(text: &str) -> Option<&str> {
    let time = text.get(11..16)?;
    let shaped = text.get(10..11) == Some("T")
        && time.char_indices().all(|(i, c)| match i {
            2 => c == ':',
            _ => c.is_ascii_digit(),
        });
    shaped.then_some(time)
}
