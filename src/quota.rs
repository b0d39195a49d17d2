//! The monthly ledger of profile-PDF downloads (PRODUCT.md E6), one per CRM user, kept by the
//! service worker in storage (S2, S3).
//!
//! An export reserves one unit before the PDF is fetched, commits it when the PDF arrived and
//! releases it when the download failed. A reservation nobody confirms lapses after
//! [`LAPSE_MS`], so a closed tab cannot hold a unit for ever. Time is always passed in
//! (`Date.now()` in the worker): nothing here reads a clock, so every rule is testable.
//!
//! Counting errs on the side of the site: undercounting lets a user past the site's limit,
//! overcounting only stops them a little early. Hence a PDF that arrived is always counted, even
//! when its reservation had lapsed or was released (the site served it, so the site counted it).

use crate::policy::SITE_MONTHLY_LIMIT;
use crate::protocol::{ExportBlock, QuotaView};
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// How long a reservation holds its unit without a commit or release. A download takes seconds;
/// ten minutes covers a slow network without letting a crashed tab block a unit for long.
pub const LAPSE_MS: f64 = 10.0 * 60.0 * 1000.0;
/// Tickets are UUID-like ids made by the worker; anything longer is not one of ours.
pub const MAX_TICKET_LEN: usize = 128;
/// Ticket ids remembered per month so retries never count twice. Only late commits can take a
/// month past the limit of 200, so this leaves room for them while bounding storage.
const REMEMBERED_TICKETS: usize = 256;

const MS_PER_DAY: f64 = 86_400_000.0;
/// The range of a JavaScript `Date` (±100 000 000 days around 1970).
const MAX_DATE_MS: f64 = 8.64e15;
const MAX_DAYS: i64 = 100_000_000;
/// Past the years a `Date` can hold (about 275 000 either side of 1970).
const MAX_YEARS: i64 = 1_000_000;

/// A calendar month in UTC, the unit the site's limit is counted in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct YearMonth {
    pub year: i32,
    /// 1 to 12.
    pub month: u8,
}

impl Default for YearMonth {
    fn default() -> Self {
        Self {
            year: 1970,
            month: 1,
        }
    }
}

impl YearMonth {
    /// The UTC month an instant (milliseconds since 1970, like `Date.now()`) falls in. Times
    /// outside a `Date`'s range are clamped to it; `NaN` reads as 1970-01.
    pub fn from_ms(ms: f64) -> Self {
        let (year, month, _) = civil_from_days(days_from_ms(ms));
        Self {
            year: i32::try_from(year).unwrap_or(if year < 0 { i32::MIN } else { i32::MAX }),
            month: u8::try_from(month).unwrap_or(1),
        }
    }

    /// Reads `2026-12` (as [`fmt::Display`] writes it).
    pub fn parse(text: &str) -> Option<Self> {
        let (year, month) = text.split_once('-')?;
        let month: u8 = month.parse().ok()?;
        (year.len() == 4 && (1..=12).contains(&month)).then_some(Self {
            year: year.parse().ok()?,
            month,
        })
    }

    /// The month after this one.
    pub fn next(self) -> Self {
        if self.month >= 12 {
            Self {
                year: self.year.saturating_add(1),
                month: 1,
            }
        } else {
            Self {
                year: self.year,
                month: self.month.max(1) + 1,
            }
        }
    }

    /// The first instant of the month, in milliseconds since 1970.
    pub fn start_ms(self) -> f64 {
        days_from_civil(i64::from(self.year), u32::from(self.month.clamp(1, 12)), 1) as f64
            * MS_PER_DAY
    }

    /// The first instant of the month as RFC 3339 (`2026-12-01T00:00:00Z`).
    pub fn start_rfc3339(self) -> String {
        format!(
            "{:04}-{:02}-01T00:00:00Z",
            self.year,
            self.month.clamp(1, 12)
        )
    }

    /// The month's English name, for "resets on 1 December".
    pub fn name(self) -> &'static str {
        match self.month {
            1 => "January",
            2 => "February",
            3 => "March",
            4 => "April",
            5 => "May",
            6 => "June",
            7 => "July",
            8 => "August",
            9 => "September",
            10 => "October",
            11 => "November",
            _ => "December",
        }
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// Whole days since 1970-01-01 (UTC) for an instant in milliseconds.
pub fn days_from_ms(ms: f64) -> i64 {
    let ms = if ms.is_nan() {
        0.0
    } else {
        ms.clamp(-MAX_DATE_MS, MAX_DATE_MS)
    };
    // Clamped above, so the cast is exact and cannot saturate.
    (ms / MS_PER_DAY).floor() as i64
}

/// (year, month 1–12, day 1–31) of a day number since 1970-01-01, proleptic Gregorian.
/// Howard Hinnant's `civil_from_days`: exact for every day a `Date` can hold (days beyond are
/// clamped to that range), no date crate.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days.clamp(-MAX_DAYS, MAX_DAYS) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    // `day` is 1..=31 and `month` 1..=12 by construction.
    (
        year,
        u32::try_from(month).unwrap_or(1),
        u32::try_from(day).unwrap_or(1),
    )
}

/// The day number since 1970-01-01 of a (year, month 1–12, day) date; the inverse of
/// [`civil_from_days`]. Years are clamped a little beyond a `Date`'s range, so no input can
/// overflow.
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let month = i64::from(month.clamp(1, 12));
    let year = year.clamp(-MAX_YEARS, MAX_YEARS);
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(day.min(31)) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// An instant as RFC 3339 UTC to the second (`2026-11-30T23:59:59Z`), for what the UI shows.
pub fn rfc3339(ms: f64) -> String {
    let days = days_from_ms(ms);
    let (year, month, day) = civil_from_days(days);
    let ms = if ms.is_nan() { 0.0 } else { ms };
    // Whole seconds into the day: 0..86 400 whatever `ms` was (clamped like `days_from_ms`).
    let secs = ((ms.clamp(-MAX_DATE_MS, MAX_DATE_MS) - days as f64 * MS_PER_DAY) / 1000.0)
        .floor()
        .clamp(0.0, 86_399.0) as u32;
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// An HTTP `Date` header (`Sun, 06 Dec 2026 21:39:08 GMT`, RFC 9110's IMF-fixdate) as
/// milliseconds since 1970: the CRM's clock, which the ledger goes by (issue #18). `None` for
/// anything else.
pub fn http_date_ms(text: &str) -> Option<f64> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let mut parts = text.trim().split(' ');
    let (_weekday, day, month, year, time, zone) = (
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
    );
    if parts.next().is_some() || zone != "GMT" || day.len() != 2 || year.len() != 4 {
        return None;
    }
    let number = |s: &str| -> Option<u32> {
        s.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| s.parse().ok())
            .flatten()
    };
    let day = number(day).filter(|d| (1..=31).contains(d))?;
    let month = MONTHS.iter().position(|m| *m == month)?;
    let year = number(year)?;
    let mut hms = time.split(':');
    let (h, m, s) = (
        number(hms.next()?).filter(|h| *h < 24)?,
        number(hms.next()?).filter(|m| *m < 60)?,
        number(hms.next()?).filter(|s| *s < 61)?,
    );
    if hms.next().is_some() {
        return None;
    }
    let month = u32::try_from(month).ok()? + 1;
    let days = days_from_civil(i64::from(year), month, day);
    Some((days as f64 * MS_PER_DAY) + f64::from(h * 3600 + m * 60 + s) * 1000.0)
}

/// One unit held for an export whose PDF is being downloaded.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reservation {
    #[serde(default)]
    pub ticket: String,
    /// When it was made (`Date.now()`). Unreadable stored times read as `NaN`: lapsed.
    #[serde(default = "nan", deserialize_with = "lenient_ms")]
    pub at_ms: f64,
}

impl Reservation {
    /// Live for [`LAPSE_MS`] either side of `at_ms`: a clock set back must not keep a
    /// reservation alive for ever.
    fn is_live(&self, now_ms: f64) -> bool {
        (now_ms - self.at_ms).abs() < LAPSE_MS
    }
}

/// Why a unit was not reserved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QuotaError {
    /// The month's limit is used up (or held by exports in progress).
    LimitReached {
        limit: u32,
        /// RFC 3339, UTC: the start of next month.
        resets_at: String,
        /// "1 December", for the button.
        resets_on: String,
    },
    /// The ticket is empty or too long to be one the worker made.
    BadTicket,
    /// `now_ms` is not a number: nothing can be decided about months or lapses.
    BadClock,
}

impl fmt::Display for QuotaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::LimitReached {
                limit, resets_on, ..
            } => write!(
                f,
                "All {limit} profile downloads of this month are used. The count resets on \
                 {resets_on}."
            ),
            Self::BadTicket => f.write_str("This export has no valid ticket. Start it again."),
            Self::BadClock => {
                f.write_str("The computer's clock can't be read. Check the date and try again.")
            }
        }
    }
}

impl std::error::Error for QuotaError {}

impl QuotaError {
    /// The reason the export button shows (PRODUCT.md E1).
    pub fn block(&self) -> Option<ExportBlock> {
        match self {
            Self::LimitReached { resets_at, .. } => Some(ExportBlock::LimitReached {
                resets_at: resets_at.clone(),
            }),
            Self::BadTicket | Self::BadClock => None,
        }
    }
}

/// What is left after a reservation: "N of M left this month".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Remaining {
    pub left: u32,
    pub limit: u32,
}

/// What a commit did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Commit {
    /// Counted now. `late`: its reservation had lapsed, been released or was never made; it is
    /// counted anyway because the site served the PDF.
    Counted { late: bool },
    /// This ticket was already counted (a retry): nothing changed.
    AlreadyCounted,
}

/// One CRM user's downloads this month, and the units held by exports in progress.
///
/// Reads of a ledger written in an earlier month see it empty; the first write rolls it over.
/// Every field has a default, so a ledger stored by an older version (or partly unreadable)
/// still loads, and no stored value can make a method panic.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct QuotaLedger {
    /// The CRM user id the ledger belongs to.
    user: String,
    /// The month `used` and `committed` count.
    month: YearMonth,
    /// Downloads counted in `month`. Never below `committed.len()`.
    used: u32,
    /// Tickets counted in `month`, oldest first (at most [`REMEMBERED_TICKETS`]).
    committed: Vec<String>,
    /// Tickets counted in the month before `month`, so a commit retried just after midnight on
    /// the first does not count again.
    previous: Vec<String>,
    /// Units held by exports in progress. Kept across a month's end: a download started at
    /// 23:59 still holds its unit in the new month until it is committed or released.
    reserved: Vec<Reservation>,
    /// The CRM's clock has been seen ([`Self::time`]): from then on only it moves the ledger
    /// into a later month.
    crm_clock: bool,
    /// Downloads counted while the CRM's clock was not known (a worker stopped since it last
    /// heard the CRM): they may be of a later month than the ledger's, so when the CRM's clock
    /// turns the month they go with it (never too few counted), and once it says the month is
    /// still the ledger's they are placed for good. Their tickets, and how many (a ticket too
    /// odd to remember still counts).
    unplaced: Vec<String>,
    unplaced_count: u32,
    /// The time of the operation under way came from the CRM's clock (set by [`Self::time`]).
    #[serde(skip)]
    time_from_crm: bool,
}

impl QuotaLedger {
    /// The time the ledger goes by (issue #18: clock-proof), from this computer's clock and the
    /// CRM's (`crm_ms`: its `Date`, carried forward by a monotonic clock, when known):
    /// - never an earlier month than the one the ledger has reached, whichever clock says so
    ///   (a clock set back must not hand the month's units out again);
    /// - into a later month only on the CRM's word, once the CRM's clock has been seen (a clock
    ///   set ahead must not either); every export asks the CRM before it reserves, so the month
    ///   turns at the first export after midnight UTC by the CRM's clock;
    /// - a ledger that never saw the CRM's clock (a CRM that sends no readable `Date`) goes by
    ///   this computer's, never back.
    pub fn time(&mut self, local_ms: f64, crm_ms: Option<f64>) -> f64 {
        // Never placed in a month yet (a ledger rolled to one is not fresh, even if empty).
        let fresh = self.month == YearMonth::default()
            && self.used == 0
            && self.committed.is_empty()
            && self.reserved.is_empty();
        let start = self.month.start_ms();
        let last = self.month.next().start_ms() - 1.0;
        self.time_from_crm = crm_ms.is_some_and(f64::is_finite);
        match crm_ms.filter(|t| t.is_finite()) {
            Some(crm) => {
                self.crm_clock = true;
                if YearMonth::from_ms(crm) <= self.month {
                    self.unplaced.clear();
                    self.unplaced_count = 0;
                }
                if fresh { crm } else { crm.max(start) }
            }
            None if fresh => local_ms,
            None if self.crm_clock => local_ms.clamp(start, last.max(start)),
            None => local_ms.max(start),
        }
    }

    pub fn new(user: impl Into<String>) -> Self {
        Self {
            user: user.into(),
            ..Self::default()
        }
    }

    /// The stored ledger when it is this user's, else a fresh one: a ledger is never shared
    /// between CRM users.
    pub fn for_user(stored: Option<Self>, user: &str) -> Self {
        match stored {
            Some(ledger) if ledger.user == user => ledger,
            _ => Self::new(user),
        }
    }

    pub fn user(&self) -> &str {
        &self.user
    }

    /// Holds one unit for `ticket` before its PDF is fetched. Asking again for a ticket that is
    /// already reserved or counted succeeds without holding a second unit; asking again after
    /// the reservation lapsed reserves anew (if a unit is free).
    pub fn reserve(
        &mut self,
        ticket: &str,
        now_ms: f64,
        limit: u32,
    ) -> Result<Remaining, QuotaError> {
        if !now_ms.is_finite() {
            return Err(QuotaError::BadClock);
        }
        if !valid_ticket(ticket) {
            return Err(QuotaError::BadTicket);
        }
        self.roll(now_ms);
        let limit = effective_limit(limit);
        let known = self.is_counted(ticket)
            || self
                .reserved
                .iter()
                .any(|r| r.ticket == ticket && r.is_live(now_ms));
        if !known {
            if self.held(now_ms) >= limit {
                return Err(self.limit_reached(now_ms, limit));
            }
            self.reserved.push(Reservation {
                ticket: ticket.to_string(),
                at_ms: now_ms,
            });
        }
        Ok(Remaining {
            left: self.remaining(now_ms, limit),
            limit,
        })
    }

    /// Counts the download of `ticket`: its PDF arrived. Counted once whatever is retried, and
    /// counted even when the reservation had lapsed or was released (see the module doc).
    pub fn commit(&mut self, ticket: &str, now_ms: f64) -> Commit {
        if now_ms.is_finite() {
            self.roll(now_ms);
        }
        let was_live = self
            .reserved
            .iter()
            .any(|r| r.ticket == ticket && r.is_live(now_ms));
        self.reserved.retain(|r| r.ticket != ticket);
        if self.is_counted(ticket) {
            return Commit::AlreadyCounted;
        }
        self.used = self.used.saturating_add(1);
        let unplaced = self.crm_clock && !self.time_from_crm;
        if unplaced {
            self.unplaced_count = self.unplaced_count.saturating_add(1);
        }
        // An invalid ticket still counts (the PDF is real) but is not worth remembering.
        if valid_ticket(ticket) {
            self.committed.push(ticket.to_string());
            let excess = self.committed.len().saturating_sub(REMEMBERED_TICKETS);
            self.committed.drain(..excess);
            if unplaced && self.unplaced.len() < REMEMBERED_TICKETS {
                self.unplaced.push(ticket.to_string());
            }
        }
        Commit::Counted { late: !was_live }
    }

    /// Gives back the unit of a download that failed. A counted ticket stays counted: only a
    /// download that never happened is released. Returns whether a unit was freed.
    pub fn release(&mut self, ticket: &str) -> bool {
        let before = self.reserved.len();
        self.reserved.retain(|r| r.ticket != ticket);
        self.reserved.len() != before
    }

    /// Downloads counted this month.
    pub fn used(&self, now_ms: f64) -> u32 {
        if self.is_current(YearMonth::from_ms(now_ms)) {
            self.used_here()
        } else {
            0
        }
    }

    /// The tickets counted this month by this browser, oldest first.
    pub fn counted_tickets(&self, now_ms: f64) -> &[String] {
        if self.is_current(YearMonth::from_ms(now_ms)) {
            &self.committed
        } else {
            &[]
        }
    }

    /// How many downloads this browser counted in `month`, whatever its clock says now (at
    /// least its tickets: a ledger of an older version may hold a count without them).
    pub fn used_in(&self, month: YearMonth) -> u32 {
        if self.month == month {
            self.used_here()
        } else {
            u32::try_from(self.counted_in(month).len()).unwrap_or(u32::MAX)
        }
    }

    /// The tickets this browser counted in `month`, whatever its clock says now: what it
    /// reports to a CRM that keeps the count, in the CRM's month (issue #18), so an update never
    /// hands out a fresh month.
    pub fn counted_in(&self, month: YearMonth) -> &[String] {
        if self.month == month {
            &self.committed
        } else if month.next() == self.month {
            &self.previous
        } else {
            &[]
        }
    }

    /// Units held by exports in progress.
    pub fn pending(&self, now_ms: f64) -> u32 {
        let live = self.reserved.iter().filter(|r| r.is_live(now_ms)).count();
        u32::try_from(live).unwrap_or(u32::MAX)
    }

    /// Units that can still be reserved this month, under `limit` (never above the site's 200).
    pub fn remaining(&self, now_ms: f64, limit: u32) -> u32 {
        effective_limit(limit).saturating_sub(self.held(now_ms))
    }

    /// The month the ledger counts at `now_ms`: now's, or the stored one when the clock is a
    /// little behind it (see [`Self::is_current`]).
    pub fn month(&self, now_ms: f64) -> YearMonth {
        let now = YearMonth::from_ms(now_ms);
        if self.is_current(now) {
            self.month.max(now)
        } else {
            now
        }
    }

    /// When the count starts again: the first instant of next month, RFC 3339 UTC.
    pub fn resets_at(&self, now_ms: f64) -> String {
        self.month(now_ms).next().start_rfc3339()
    }

    /// "1 December": the day the count starts again, for the disabled button.
    pub fn resets_on(&self, now_ms: f64) -> String {
        format!("1 {}", self.month(now_ms).next().name())
    }

    /// What the popup and the export panel show: "N of M left this month".
    pub fn view(&self, now_ms: f64, limit: u32) -> QuotaView {
        let manual = self
            .counted_in(YearMonth::from_ms(now_ms))
            .iter()
            .filter(|t| crate::manual_download::is_manual(t))
            .count();
        QuotaView {
            remaining: self.remaining(now_ms, limit),
            limit: effective_limit(limit),
            resets_at: self.resets_at(now_ms),
            manual: u32::try_from(manual).unwrap_or(u32::MAX),
            ..Default::default()
        }
    }

    /// Counted downloads plus live reservations: what no new reservation may push past the limit.
    fn held(&self, now_ms: f64) -> u32 {
        self.used(now_ms).saturating_add(self.pending(now_ms))
    }

    fn used_here(&self) -> u32 {
        let remembered = u32::try_from(self.committed.len()).unwrap_or(u32::MAX);
        self.used.max(remembered)
    }

    fn is_counted(&self, ticket: &str) -> bool {
        self.committed
            .iter()
            .chain(&self.previous)
            .any(|t| t == ticket)
    }

    /// Whether the stored month still counts at `now`. It does when it is now's month, and also
    /// when it is next month: a clock stepped back across midnight on the first must not hand
    /// out the month's units again. Any other month (older, or further ahead, which only a
    /// broken clock or stored data writes) is over.
    fn is_current(&self, now: YearMonth) -> bool {
        self.month == now || self.month == now.next()
    }

    /// Starts the new month when the stored one is over, and forgets lapsed reservations.
    fn roll(&mut self, now_ms: f64) {
        let now = YearMonth::from_ms(now_ms);
        if !self.is_current(now) {
            // Downloads not placed by the CRM's clock go with the new month.
            let unplaced = std::mem::take(&mut self.unplaced);
            let carried = std::mem::take(&mut self.unplaced_count);
            self.committed.retain(|t| !unplaced.contains(t));
            self.previous = if self.month.next() == now {
                std::mem::take(&mut self.committed)
            } else {
                Vec::new()
            };
            self.committed = unplaced;
            self.used = carried;
            self.month = now;
        }
        self.used = self.used_here();
        self.reserved.retain(|r| r.is_live(now_ms));
    }

    fn limit_reached(&self, now_ms: f64, limit: u32) -> QuotaError {
        QuotaError::LimitReached {
            limit,
            resets_at: self.resets_at(now_ms),
            resets_on: self.resets_on(now_ms),
        }
    }
}

/// The limit in force: the policy's, never above the site's.
fn effective_limit(limit: u32) -> u32 {
    limit.min(SITE_MONTHLY_LIMIT)
}

fn valid_ticket(ticket: &str) -> bool {
    !ticket.is_empty() && ticket.len() <= MAX_TICKET_LEN
}

fn nan() -> f64 {
    f64::NAN
}

/// Reads a stored time in milliseconds. JSON has no `NaN` or infinity (they are written as
/// `null`), so a missing or unreadable time reads as `NaN` instead of failing the whole record.
pub(crate) fn lenient_ms<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    Ok(Option::<f64>::deserialize(d)?.unwrap_or(f64::NAN))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::{BTreeMap, BTreeSet};

    const NOV_1_2026: f64 = 1_793_491_200_000.0;
    const DEC_1_2026: f64 = 1_796_083_200_000.0;
    const MINUTE: f64 = 60_000.0;
    const MID_NOV: f64 = NOV_1_2026 + 14.0 * 86_400_000.0;

    fn ledger_with_used(n: u32, now: f64) -> QuotaLedger {
        let mut ledger = QuotaLedger::new("u1");
        for i in 0..n {
            let t = format!("old-{i}");
            ledger.reserve(&t, now, 200).unwrap();
            ledger.commit(&t, now);
        }
        ledger
    }

    #[test]
    fn civil_dates_match_known_days() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(civil_from_days(11_017), (2000, 3, 1));
        assert_eq!(civil_from_days(20_788), (2026, 12, 1));
        assert_eq!(days_from_civil(2027, 1, 1), 20_819);
        assert_eq!(days_from_civil(1900, 3, 1), civil_to_check(1900, 3, 1));
    }

    /// 1900 is not a leap year: 1 March follows 28 February.
    fn civil_to_check(y: i64, m: u32, d: u32) -> i64 {
        let feb_28 = days_from_civil(1900, 2, 28);
        assert_eq!(civil_from_days(feb_28 + 1), (y, m, d));
        feb_28 + 1
    }

    #[test]
    fn month_of_an_instant_is_utc() {
        // proves E6: the month is the UTC calendar month
        assert_eq!(
            YearMonth::from_ms(DEC_1_2026 - 1.0),
            YearMonth {
                year: 2026,
                month: 11
            }
        );
        assert_eq!(
            YearMonth::from_ms(DEC_1_2026),
            YearMonth {
                year: 2026,
                month: 12
            }
        );
        assert_eq!(YearMonth::from_ms(-1.0).to_string(), "1969-12");
        assert_eq!(YearMonth::from_ms(DEC_1_2026).start_ms(), DEC_1_2026);
        assert_eq!(YearMonth::from_ms(NOV_1_2026).next().start_ms(), DEC_1_2026);
        let dec = YearMonth::from_ms(DEC_1_2026);
        assert_eq!(dec.next().start_rfc3339(), "2027-01-01T00:00:00Z");
        assert_eq!(dec.name(), "December");
    }

    #[test]
    fn date_arithmetic_never_overflows() {
        let _ = (civil_from_days(i64::MAX), civil_from_days(i64::MIN));
        let _ = (
            days_from_civil(i64::MAX, 12, 31),
            days_from_civil(i64::MIN, 0, u32::MAX),
        );
        assert_eq!(civil_from_days(i64::MAX), civil_from_days(MAX_DAYS));
    }

    #[test]
    fn instants_print_as_rfc3339() {
        assert_eq!(rfc3339(DEC_1_2026 - 1.0), "2026-11-30T23:59:59Z");
        assert_eq!(rfc3339(DEC_1_2026 + 3_723_000.0), "2026-12-01T01:02:03Z");
        assert_eq!(rfc3339(-1_000.0), "1969-12-31T23:59:59Z");
        assert_eq!(rfc3339(f64::NAN), "1970-01-01T00:00:00Z");
        let _ = (rfc3339(f64::INFINITY), rfc3339(f64::MIN));
    }

    #[test]
    fn odd_instants_and_months_do_not_panic() {
        for ms in [
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MAX,
            f64::MIN,
            -0.0,
        ] {
            let m = YearMonth::from_ms(ms);
            assert!((1..=12).contains(&m.month));
            let _ = (m.next(), m.start_ms(), m.start_rfc3339());
        }
        for month in [0, 13, 255] {
            let m = YearMonth {
                year: i32::MAX,
                month,
            };
            let _ = (
                m.next(),
                m.start_ms(),
                m.start_rfc3339(),
                m.name(),
                m.to_string(),
            );
        }
    }

    #[test]
    fn reserve_then_commit_counts_one() {
        // proves E6: one download counts one unit
        let mut ledger = QuotaLedger::new("u1");
        let r = ledger.reserve("t1", MID_NOV, 200).unwrap();
        assert_eq!(
            r,
            Remaining {
                left: 199,
                limit: 200
            }
        );
        assert_eq!(ledger.used(MID_NOV), 0);
        assert_eq!(ledger.pending(MID_NOV), 1);
        assert_eq!(
            ledger.commit("t1", MID_NOV + MINUTE),
            Commit::Counted { late: false }
        );
        assert_eq!(ledger.used(MID_NOV + MINUTE), 1);
        assert_eq!(ledger.pending(MID_NOV + MINUTE), 0);
        assert_eq!(ledger.remaining(MID_NOV + MINUTE, 200), 199);
    }

    #[test]
    fn retries_never_count_twice() {
        // proves E6: a download counts once, retries of the same export never count again
        let mut ledger = QuotaLedger::new("u1");
        ledger.reserve("t1", MID_NOV, 200).unwrap();
        ledger.reserve("t1", MID_NOV + 1.0, 200).unwrap();
        assert_eq!(ledger.pending(MID_NOV + 1.0), 1);
        assert_eq!(
            ledger.commit("t1", MID_NOV + 2.0),
            Commit::Counted { late: false }
        );
        assert_eq!(ledger.commit("t1", MID_NOV + 3.0), Commit::AlreadyCounted);
        ledger.reserve("t1", MID_NOV + 4.0, 200).unwrap();
        assert_eq!(ledger.commit("t1", MID_NOV + 5.0), Commit::AlreadyCounted);
        assert_eq!(ledger.used(MID_NOV + 5.0), 1);
        assert_eq!(ledger.pending(MID_NOV + 5.0), 0);
    }

    #[test]
    fn release_frees_the_unit_but_never_uncounts() {
        // proves E6: a failed download costs nothing; a counted one stays counted
        let mut ledger = QuotaLedger::new("u1");
        ledger.reserve("t1", MID_NOV, 1).unwrap();
        assert!(ledger.reserve("t2", MID_NOV, 1).is_err());
        assert!(ledger.release("t1"));
        assert!(!ledger.release("t1"));
        ledger.reserve("t2", MID_NOV, 1).unwrap();
        ledger.commit("t2", MID_NOV);
        assert!(!ledger.release("t2"));
        assert_eq!(ledger.used(MID_NOV), 1);
    }

    #[test]
    fn unconfirmed_reservation_lapses_after_ten_minutes() {
        // proves E6: a closed tab cannot hold a unit for ever
        let mut ledger = QuotaLedger::new("u1");
        ledger.reserve("t1", MID_NOV, 1).unwrap();
        assert_eq!(ledger.remaining(MID_NOV + 9.0 * MINUTE, 1), 0);
        assert!(ledger.reserve("t2", MID_NOV + 9.0 * MINUTE, 1).is_err());
        assert_eq!(ledger.remaining(MID_NOV + 10.0 * MINUTE, 1), 1);
        ledger.reserve("t2", MID_NOV + 10.0 * MINUTE, 1).unwrap();
        assert_eq!(ledger.pending(MID_NOV + 10.0 * MINUTE), 1);
    }

    #[test]
    fn a_pdf_that_arrived_after_its_reservation_lapsed_still_counts() {
        // proves E6: the site served the PDF, so it counted; undercounting is the unsafe error
        let mut ledger = QuotaLedger::new("u1");
        ledger.reserve("t1", MID_NOV, 1).unwrap();
        ledger.reserve("t2", MID_NOV + 11.0 * MINUTE, 1).unwrap();
        assert_eq!(
            ledger.commit("t1", MID_NOV + 12.0 * MINUTE),
            Commit::Counted { late: true }
        );
        assert_eq!(
            ledger.commit("t2", MID_NOV + 12.0 * MINUTE),
            Commit::Counted { late: false }
        );
        assert_eq!(ledger.used(MID_NOV + 12.0 * MINUTE), 2);
        assert_eq!(ledger.remaining(MID_NOV + 12.0 * MINUTE, 1), 0);
        // Released, then arrived after all, or never reserved: counted too.
        ledger.reserve("t3", MID_NOV, 200).unwrap();
        ledger.release("t3");
        assert_eq!(ledger.commit("t3", MID_NOV), Commit::Counted { late: true });
        assert_eq!(ledger.commit("t4", MID_NOV), Commit::Counted { late: true });
        assert_eq!(ledger.used(MID_NOV), 4);
    }

    #[test]
    fn lapsed_ticket_reserves_again_only_when_a_unit_is_free() {
        let mut ledger = QuotaLedger::new("u1");
        ledger.reserve("t1", MID_NOV, 1).unwrap();
        let later = MID_NOV + 11.0 * MINUTE;
        ledger.reserve("t2", later, 1).unwrap();
        assert!(matches!(
            ledger.reserve("t1", later, 1),
            Err(QuotaError::LimitReached { .. })
        ));
    }

    #[test]
    fn five_tabs_at_198_used_get_exactly_two_units() {
        // proves E6: two tabs exporting at once can never take the count past the limit
        let mut ledger = ledger_with_used(198, MID_NOV);
        let granted: Vec<bool> = (0..5)
            .map(|tab| ledger.reserve(&format!("tab-{tab}"), MID_NOV, 200).is_ok())
            .collect();
        assert_eq!(granted, [true, true, false, false, false]);
        for tab in 0..5 {
            ledger.commit(&format!("tab-{tab}"), MID_NOV + MINUTE);
        }
        // The three refused tabs never downloaded in real life; here they "commit" anyway,
        // and the ledger still counts each real arrival.
        assert_eq!(ledger.used(MID_NOV + MINUTE), 203);
        let mut ledger = ledger_with_used(198, MID_NOV);
        for tab in 0..5 {
            if ledger.reserve(&format!("tab-{tab}"), MID_NOV, 200).is_ok() {
                ledger.commit(&format!("tab-{tab}"), MID_NOV + MINUTE);
            }
        }
        assert_eq!(ledger.used(MID_NOV + MINUTE), 200);
        assert_eq!(ledger.remaining(MID_NOV + MINUTE, 200), 0);
    }

    #[test]
    fn limit_comes_from_policy_and_never_exceeds_200() {
        // proves E6 and A2: an admin may lower the limit, never raise it
        let mut ledger = ledger_with_used(200, MID_NOV);
        assert!(ledger.reserve("x", MID_NOV, 500).is_err());
        assert_eq!(ledger.remaining(MID_NOV, u32::MAX), 0);
        assert_eq!(ledger.view(MID_NOV, 500).limit, 200);
        let mut ledger = ledger_with_used(3, MID_NOV);
        assert_eq!(ledger.remaining(MID_NOV, 5), 2);
        assert!(ledger.reserve("a", MID_NOV, 5).is_ok());
        assert!(ledger.reserve("b", MID_NOV, 5).is_ok());
        assert!(ledger.reserve("c", MID_NOV, 5).is_err());
        assert!(QuotaLedger::new("u").reserve("a", MID_NOV, 0).is_err());
    }

    #[test]
    fn at_the_limit_the_error_says_when_it_resets() {
        // proves E6: at the limit the button says when it resets
        let mut ledger = ledger_with_used(200, MID_NOV);
        let err = ledger.reserve("x", MID_NOV, 200).unwrap_err();
        assert_eq!(
            err,
            QuotaError::LimitReached {
                limit: 200,
                resets_at: "2026-12-01T00:00:00Z".into(),
                resets_on: "1 December".into(),
            }
        );
        assert_eq!(
            err.to_string(),
            "All 200 profile downloads of this month are used. The count resets on 1 December."
        );
        assert_eq!(
            err.block(),
            Some(ExportBlock::LimitReached {
                resets_at: "2026-12-01T00:00:00Z".into()
            })
        );
    }

    // proves E6 (issue #18): what this browser reports is named by the CRM's month, not by
    // this browser's clock.
    #[test]
    fn counted_tickets_by_month_whatever_the_clock() {
        let month = YearMonth::parse("2026-11").unwrap();
        assert_eq!(month.to_string(), "2026-11");
        for bad in ["2026-13", "2026", "26-11", "2026-x"] {
            assert_eq!(YearMonth::parse(bad), None, "{bad}");
        }
        let mut ledger = QuotaLedger::new("u");
        ledger.commit("t1", MID_NOV);
        assert_eq!(ledger.counted_in(month), ["t1".to_string()]);
        // The clock jumps a month ahead: November's tickets are still November's.
        ledger.commit("t2", MID_NOV + 31.0 * 86_400_000.0);
        assert_eq!(ledger.counted_in(month), ["t1".to_string()]);
        assert_eq!(ledger.counted_in(month.next()), ["t2".to_string()]);
        assert!(ledger.counted_in(month.next().next()).is_empty());
        assert_eq!(
            (ledger.used_in(month), ledger.used_in(month.next())),
            (1, 1)
        );
        let older = ledger_with_used(7, MID_NOV);
        assert_eq!(older.used_in(month), 7);
    }

    #[test]
    fn view_reads_n_of_m_left() {
        // proves E6: "N of 200 left this month"
        let mut ledger = ledger_with_used(3, MID_NOV);
        ledger.reserve("t", MID_NOV, 200).unwrap();
        assert_eq!(
            ledger.view(MID_NOV, 200),
            QuotaView {
                remaining: 196,
                limit: 200,
                resets_at: "2026-12-01T00:00:00Z".into(),
                ..Default::default()
            }
        );
    }

    #[test]
    fn a_new_utc_month_starts_from_zero() {
        // proves E6: the limit is per calendar month (UTC)
        let mut ledger = ledger_with_used(200, MID_NOV);
        assert_eq!(ledger.used(DEC_1_2026 - 1.0), 200);
        assert_eq!(ledger.used(DEC_1_2026), 0);
        assert_eq!(ledger.remaining(DEC_1_2026, 200), 200);
        assert_eq!(ledger.resets_at(DEC_1_2026), "2027-01-01T00:00:00Z");
        ledger.reserve("dec-1", DEC_1_2026, 200).unwrap();
        ledger.commit("dec-1", DEC_1_2026);
        assert_eq!(ledger.used(DEC_1_2026), 1);
        // Months later, the ledger reads as empty again.
        assert_eq!(ledger.used(DEC_1_2026 + 70.0 * 86_400_000.0), 0);
    }

    #[test]
    fn a_commit_retried_after_midnight_on_the_first_counts_once() {
        // proves E6: retries never count again, even across the month's end
        let mut ledger = QuotaLedger::new("u1");
        ledger.reserve("t1", DEC_1_2026 - MINUTE, 200).unwrap();
        ledger.commit("t1", DEC_1_2026 - 1.0);
        assert_eq!(
            ledger.commit("t1", DEC_1_2026 + MINUTE),
            Commit::AlreadyCounted
        );
        assert!(ledger.reserve("t1", DEC_1_2026 + MINUTE, 200).is_ok());
        assert_eq!(ledger.used(DEC_1_2026 + MINUTE), 0);
        assert_eq!(ledger.pending(DEC_1_2026 + MINUTE), 0);
    }

    #[test]
    fn a_reservation_made_before_midnight_holds_its_unit_after() {
        // proves E6: the download lands in the new month, so the unit is held there
        let mut ledger = QuotaLedger::new("u1");
        ledger.reserve("late", DEC_1_2026 - MINUTE, 1).unwrap();
        assert!(ledger.reserve("new", DEC_1_2026 + MINUTE, 1).is_err());
        assert_eq!(
            ledger.commit("late", DEC_1_2026 + MINUTE),
            Commit::Counted { late: false }
        );
        assert_eq!(ledger.used(DEC_1_2026 + MINUTE), 1);
    }

    #[test]
    fn a_clock_stepped_back_across_the_first_keeps_the_count() {
        let mut ledger = ledger_with_used(200, DEC_1_2026 + 1.0);
        assert_eq!(ledger.used(DEC_1_2026 - 1.0), 200);
        assert!(ledger.reserve("x", DEC_1_2026 - 1.0, 200).is_err());
        assert_eq!(ledger.resets_at(DEC_1_2026 - 1.0), "2027-01-01T00:00:00Z");
        // A clock more than a month behind is broken: the stored month is over.
        assert_eq!(ledger.used(NOV_1_2026 - 1.0), 0);
    }

    #[test]
    fn remembered_tickets_stay_bounded() {
        let mut ledger = QuotaLedger::new("u1");
        for i in 0..1_000 {
            ledger.commit(&format!("t-{i}"), MID_NOV);
        }
        assert_eq!(ledger.used(MID_NOV), 1_000);
        assert_eq!(ledger.committed.len(), REMEMBERED_TICKETS);
        assert_eq!(ledger.commit("t-999", MID_NOV), Commit::AlreadyCounted);
    }

    #[test]
    fn bad_tickets_and_clocks_are_refused_without_panicking() {
        let mut ledger = QuotaLedger::new("u1");
        assert_eq!(ledger.reserve("", MID_NOV, 200), Err(QuotaError::BadTicket));
        let long = "x".repeat(MAX_TICKET_LEN + 1);
        assert_eq!(
            ledger.reserve(&long, MID_NOV, 200),
            Err(QuotaError::BadTicket)
        );
        assert_eq!(
            ledger.reserve("t", f64::NAN, 200),
            Err(QuotaError::BadClock)
        );
        assert_eq!(
            ledger.reserve("t", f64::INFINITY, 200),
            Err(QuotaError::BadClock)
        );
        // A real PDF with a broken ticket or clock still counts.
        assert_eq!(
            ledger.commit(&long, MID_NOV),
            Commit::Counted { late: true }
        );
        assert_eq!(ledger.commit("t", f64::NAN), Commit::Counted { late: true });
        assert_eq!(ledger.used(MID_NOV), 2);
        let _ = (ledger.used(f64::NAN), ledger.remaining(f64::NAN, 200));
        let _ = (
            ledger.resets_at(f64::INFINITY),
            ledger.view(f64::NEG_INFINITY, 200),
        );
    }

    #[test]
    fn survives_a_worker_restart() {
        // proves S3: the ledger is plain data, stored and restored whole
        let mut ledger = ledger_with_used(5, MID_NOV);
        ledger.reserve("t", MID_NOV, 200).unwrap();
        let json = serde_json::to_string(&ledger).unwrap();
        let mut back: QuotaLedger = serde_json::from_str(&json).unwrap();
        assert_eq!(back, ledger);
        assert_eq!(back.commit("t", MID_NOV), Commit::Counted { late: false });
        assert_eq!(back.commit("old-0", MID_NOV), Commit::AlreadyCounted);
    }

    #[test]
    fn reads_ledgers_from_older_versions_and_odd_data() {
        // proves S3: whatever storage holds, the worker can go on
        let empty: QuotaLedger = serde_json::from_str("{}").unwrap();
        assert_eq!(empty.used(MID_NOV), 0);
        let partial: QuotaLedger =
            serde_json::from_str(r#"{"user":"u1","month":{"year":2026,"month":11},"used":7}"#)
                .unwrap();
        assert_eq!(partial.used(MID_NOV), 7);
        assert_eq!(partial.user(), "u1");
        // `used` below the remembered tickets, a null time, duplicates, a month 13.
        let odd = r#"{"user":"u1","month":{"year":2026,"month":11},"used":0,
            "committed":["a","b","a"],"reserved":[{"ticket":"r","at_ms":null},
            {"ticket":"s"},{"ticket":"s","at_ms":1793491200000}],"surprise":1}"#;
        let mut odd: QuotaLedger = serde_json::from_str(odd).unwrap();
        assert_eq!(odd.used(MID_NOV), 3);
        assert_eq!(odd.pending(MID_NOV), 0);
        assert_eq!(odd.pending(NOV_1_2026), 1);
        assert_eq!(odd.commit("a", MID_NOV), Commit::AlreadyCounted);
        // A month that does not exist is no month's count; a huge count leaves nothing.
        let weird: QuotaLedger =
            serde_json::from_str(r#"{"month":{"year":2026,"month":13},"used":9}"#).unwrap();
        assert_eq!(weird.used(DEC_1_2026), 0);
        let huge: QuotaLedger =
            serde_json::from_str(r#"{"month":{"year":2026,"month":12},"used":4294967295}"#)
                .unwrap();
        assert_eq!(huge.used(DEC_1_2026), u32::MAX);
        assert_eq!(huge.remaining(DEC_1_2026, 200), 0);
        let _ = weird.resets_at(DEC_1_2026);
    }

    #[test]
    fn a_ledger_belongs_to_one_crm_user() {
        // proves E6: counted per CRM user
        let theirs = ledger_with_used(5, MID_NOV);
        assert_eq!(
            QuotaLedger::for_user(Some(theirs.clone()), "u1").used(MID_NOV),
            5
        );
        let mine = QuotaLedger::for_user(Some(theirs), "u2");
        assert_eq!((mine.user(), mine.used(MID_NOV)), ("u2", 0));
        assert_eq!(QuotaLedger::for_user(None, "u3").user(), "u3");
    }

    // ---- Random interleavings of several tabs ------------------------------------------------

    #[derive(Clone, Debug)]
    enum Op {
        Reserve(u8),
        Commit(u8),
        Release(u8),
        /// Time passes (up to 15 minutes: reservations lapse).
        Wait(f64),
        /// Time jumps to just before (or after) the next month starts.
        ToMonthEnd(f64),
        /// The worker is stopped and restores the ledger from storage.
        Restart,
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            4 => (0u8..12).prop_map(Op::Reserve),
            3 => (0u8..12).prop_map(Op::Commit),
            1 => (0u8..12).prop_map(Op::Release),
            2 => (0.0..15.0 * MINUTE).prop_map(Op::Wait),
            1 => (-2.0 * MINUTE..2.0 * MINUTE).prop_map(Op::ToMonthEnd),
            1 => Just(Op::Restart),
        ]
    }

    /// What the rules say, kept with sets and maps rather than the ledger's lists.
    #[derive(Default)]
    struct Model {
        month: YearMonth,
        this_month: BTreeSet<u8>,
        last_month: BTreeSet<u8>,
        live: BTreeMap<u8, f64>,
        late: u32,
    }

    impl Model {
        fn roll(&mut self, now: f64) {
            let month = YearMonth::from_ms(now);
            if month != self.month {
                self.last_month = if self.month.next() == month {
                    std::mem::take(&mut self.this_month)
                } else {
                    BTreeSet::new()
                };
                self.this_month.clear();
                self.late = 0;
                self.month = month;
            }
            self.live.retain(|_, at| now - *at < LAPSE_MS);
        }

        fn counted(&self, t: u8) -> bool {
            self.this_month.contains(&t) || self.last_month.contains(&t)
        }

        fn used(&self) -> u32 {
            self.this_month.len() as u32
        }

        fn held(&self) -> u32 {
            self.used() + self.live.len() as u32
        }
    }

    #[test]
    fn the_crms_date_header_is_read_as_its_clock() {
        assert_eq!(
            http_date_ms("Tue, 01 Dec 2026 00:00:00 GMT"),
            Some(DEC_1_2026)
        );
        assert_eq!(
            http_date_ms("Mon, 30 Nov 2026 23:59:59 GMT"),
            Some(DEC_1_2026 - 1000.0)
        );
        for bad in [
            "",
            "Tue, 01 Dec 2026 00:00:00 UTC",
            "Tue, 1 Dec 2026 00:00:00 GMT",
            "Tue, 01 Dez 2026 00:00:00 GMT",
            "Tue, 01 Dec 2026 24:00:00 GMT",
            "Tue, 01 Dec 2026 00:00 GMT",
            "Tue, 01 Dec +026 00:00:00 GMT",
            "Tuesday, 01-Dec-26 00:00:00 GMT",
            "Tue, 01 Dec 2026 00:00:00 GMT extra",
        ] {
            assert_eq!(http_date_ms(bad), None, "{bad}");
        }
    }

    #[derive(Clone, Debug)]
    enum ClockOp {
        Reserve(u8),
        Commit(u8),
        Release(u8),
        Wait(f64),
        /// This computer's clock is set back or ahead (days).
        Jump(f64),
        ToMonthEnd(f64),
        Restart,
    }

    fn clock_op() -> impl Strategy<Value = ClockOp> {
        prop_oneof![
            4 => (0u8..16).prop_map(ClockOp::Reserve),
            3 => (0u8..16).prop_map(ClockOp::Commit),
            1 => (0u8..16).prop_map(ClockOp::Release),
            2 => (0.0..15.0 * MINUTE).prop_map(ClockOp::Wait),
            2 => (-40.0..40.0f64).prop_map(ClockOp::Jump),
            1 => (-2.0 * MINUTE..2.0 * MINUTE).prop_map(ClockOp::ToMonthEnd),
            2 => Just(ClockOp::Restart),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn interleaved_tabs_never_pass_the_limit_and_count_exactly(
            start in -3.0 * 86_400_000.0..3.0 * 86_400_000.0f64,
            limit in 0u32..8,
            ops in proptest::collection::vec(op(), 1..80),
        ) {
            // proves E6: never above the limit, exact counts, retries never double count
            let mut now = DEC_1_2026 + start;
            let mut ledger = QuotaLedger::new("u1");
            let mut model = Model::default();
            for op in ops {
                match op {
                    Op::Reserve(t) => {
                        model.roll(now);
                        let known = model.counted(t) || model.live.contains_key(&t);
                        let expect_ok = known || model.held() < limit;
                        let got = ledger.reserve(&format!("tab-{t}"), now, limit);
                        prop_assert_eq!(got.is_ok(), expect_ok, "reserve {} at {}", t, now);
                        if expect_ok && !known {
                            model.live.insert(t, now);
                        }
                        if !known {
                            // A unit handed out never takes the month past the limit.
                            prop_assert!(model.held() <= limit + model.late);
                        }
                    }
                    Op::Commit(t) => {
                        model.roll(now);
                        let was_live = model.live.remove(&t).is_some();
                        let got = ledger.commit(&format!("tab-{t}"), now);
                        if model.counted(t) {
                            prop_assert_eq!(got, Commit::AlreadyCounted);
                        } else {
                            prop_assert_eq!(got, Commit::Counted { late: !was_live });
                            model.this_month.insert(t);
                            model.late += u32::from(!was_live);
                        }
                    }
                    Op::Release(t) => {
                        model.roll(now);
                        model.live.remove(&t);
                        ledger.release(&format!("tab-{t}"));
                    }
                    Op::Wait(ms) => now += ms,
                    Op::ToMonthEnd(offset) => {
                        let next = YearMonth::from_ms(now).next().start_ms() + offset;
                        now = now.max(next);
                    }
                    Op::Restart => {
                        let json = serde_json::to_string(&ledger).unwrap();
                        ledger = serde_json::from_str(&json).unwrap();
                    }
                }
                model.roll(now);
                prop_assert_eq!(ledger.used(now), model.used());
                prop_assert_eq!(ledger.pending(now), model.live.len() as u32);
                prop_assert!(ledger.used(now) <= limit + model.late);
                prop_assert_eq!(
                    ledger.remaining(now, limit),
                    limit.saturating_sub(model.held())
                );
            }
        }

        // proves E6 (issue #18): with this computer's clock set back or ahead by up to 40 days
        // at any moment, and the worker stopped at any moment (it then knows the CRM's clock
        // only once the CRM answers again, as it does before every export), the ledger never
        // hands out more than the limit in any real month, never counts a ticket twice, never
        // goes back to an earlier month, and the month's count it shows never goes down.
        #[test]
        fn a_clock_set_back_or_ahead_never_hands_out_a_month_twice(
            limit in 1u32..6,
            ops in proptest::collection::vec(clock_op(), 1..120),
        ) {
            let mut real = DEC_1_2026 - 2.0 * 86_400_000.0;
            let mut skew = 0.0;
            // The CRM answered since the worker last started: its clock is known. It did at
            // sign-in; a worker stopped since knows it again once the CRM answers.
            let mut crm_known = true;
            let mut ledger = QuotaLedger::new("u1");
            // Signing in was the CRM's first answer: the ledger knows the CRM keeps a clock.
            ledger.time(real, Some(real));
            // Downloads counted per real month, by the month their unit was reserved in (a
            // reservation that lapsed gave its unit back; a late commit is counted on its own).
            let mut handed: BTreeMap<YearMonth, u32> = BTreeMap::new();
            let mut reserved_in: BTreeMap<u8, YearMonth> = BTreeMap::new();
            // When each ticket was counted: a ticket is remembered that month and the next.
            let mut counted: BTreeMap<u8, YearMonth> = BTreeMap::new();
            let mut shown: Option<(YearMonth, u32)> = None;
            for op in ops {
                let before = ledger.month;
                match op {
                    ClockOp::Reserve(t) => {
                        // An export asks the CRM first.
                        crm_known = true;
                        let now = ledger.time(real + skew, Some(real));
                        // What the ledger remembers once at `now` (reserve rolls first too).
                        ledger.roll(now);
                        let known = ledger.is_counted(&format!("t{t}"))
                            || ledger.reserved.iter().any(|r| r.ticket == format!("t{t}") && r.is_live(now));
                        if ledger.reserve(&format!("t{t}"), now, limit).is_ok() && !known {
                            reserved_in.insert(t, YearMonth::from_ms(real));
                        }
                    }
                    ClockOp::Commit(t) => {
                        let now = ledger.time(real + skew, crm_known.then_some(real));
                        match ledger.commit(&format!("t{t}"), now) {
                            Commit::AlreadyCounted => {}
                            Commit::Counted { late } => {
                                let month = YearMonth::from_ms(real);
                                if let Some(first) = counted.insert(t, month) {
                                    prop_assert!(first.next() < month, "t{} counted twice", t);
                                }
                                if let (false, Some(month)) = (late, reserved_in.get(&t)) {
                                    *handed.entry(*month).or_default() += 1;
                                }
                            }
                        }
                    }
                    ClockOp::Release(t) => {
                        ledger.release(&format!("t{t}"));
                    }
                    ClockOp::Wait(ms) => real += ms,
                    ClockOp::Jump(days) => skew += days * 86_400_000.0,
                    ClockOp::ToMonthEnd(offset) => {
                        real = real.max(YearMonth::from_ms(real).next().start_ms() + offset);
                    }
                    ClockOp::Restart => {
                        crm_known = false;
                        let json = serde_json::to_string(&ledger).unwrap();
                        ledger = serde_json::from_str(&json).unwrap();
                    }
                }
                prop_assert!(ledger.month >= before, "{:?} went back to {:?}", before, ledger.month);
                for (month, n) in &handed {
                    prop_assert!(*n <= limit, "{} units handed out in {:?}", n, month);
                }
                // What the popup shows now, by the time the ledger goes by.
                let now = ledger.time(real + skew, crm_known.then_some(real));
                let view = (ledger.month(now), ledger.used(now));
                if let Some((month, used)) = shown && month == view.0 {
                    prop_assert!(view.1 >= used, "shown {} then {} in {:?}", used, view.1, month);
                }
                shown = Some(view);
            }
        }

        #[test]
        fn days_and_dates_round_trip(days in -100_000_000i64..100_000_000) {
            let (y, m, d) = civil_from_days(days);
            prop_assert!((1..=12).contains(&m) && (1..=31).contains(&d));
            prop_assert_eq!(days_from_civil(y, m, d), days);
            let (ny, nm, nd) = civil_from_days(days + 1);
            let next_day = (ny, nm, nd) == (y, m, d + 1)
                || (nd == 1 && ((ny, nm) == (y, m + 1) || (ny, nm, m) == (y + 1, 1, 12)));
            prop_assert!(next_day, "{:?} -> {:?}", (y, m, d), (ny, nm, nd));
        }

        #[test]
        fn every_instant_falls_in_the_month_that_contains_it(ms in -8.64e15..8.64e15f64) {
            let month = YearMonth::from_ms(ms);
            prop_assert!(month.start_ms() <= ms && ms < month.next().start_ms());
        }

        #[test]
        fn any_stored_ledger_reads_without_panicking(
            used in any::<u32>(),
            year in any::<i32>(),
            month in any::<u8>(),
            at in proptest::option::of(any::<f64>()),
            now in any::<f64>(),
            limit in any::<u32>(),
        ) {
            let mut ledger: QuotaLedger = serde_json::from_value(serde_json::json!({
                "user": "u", "month": {"year": year, "month": month}, "used": used,
                "committed": ["a"], "reserved": [{"ticket": "r", "at_ms": at}],
            })).unwrap();
            let _ = (ledger.used(now), ledger.pending(now), ledger.remaining(now, limit));
            let _ = (ledger.resets_at(now), ledger.resets_on(now), ledger.view(now, limit));
            let _ = ledger.reserve("n", now, limit);
            let _ = ledger.commit("r", now);
            let _ = ledger.release("n");
            prop_assert!(ledger.remaining(now, limit) <= limit.min(SITE_MONTHLY_LIMIT));
        }
    }
}
