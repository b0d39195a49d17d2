//! The month's profile-PDF downloads per user (issue #18), kept by the CRM so that every
//! browser of a user counts against one number: reserve a unit by ticket before the download,
//! commit it when the PDF arrived, release it when the download failed.
//!
//! - One write transaction per change, under the database's write lock: two instances, or
//!   several browsers, cannot both take the last unit.
//! - Idempotent by ticket: a ticket's first reservation decides; asking again answers the
//!   ticket as it stands. A refused reservation stores nothing, so its retry is decided afresh.
//! - Months are UTC, by the server's clock; a unit counts in the month it was reserved.
//! - The limit is min(the limit asked, 200): the site's own limit is 200.
//! - A reservation neither committed nor released within ten minutes (the extension's own
//!   lapse, `talent_bridge::quota::LAPSE_MS`) stops holding its unit.
//! - A commit always counts, even for a lapsed or released reservation, or a ticket never
//!   reserved here: the site served the PDF, so the site counted it (as the extension's ledger
//!   does: undercounting would let a user past the site's limit).
//! - A ticket may say why the PDF was downloaded (`UsageKind`): given at reserve, or at commit
//!   for a ticket never reserved (a manual download, reported after the fact). The first kind
//!   recorded stays; without one the row reads "export, kind not recorded" (`export`).
//! - Rows are kept for this month and the six before, for the admin's usage page.

use crate::db::{DbError, Sql};
use crate::params;
use talent_bridge::crm::{TicketState, Usage, UsageKind, UsageTicket};
use talent_bridge::policy::SITE_MONTHLY_LIMIT;
use talent_bridge::quota::{LAPSE_MS, MAX_TICKET_LEN, YearMonth};

/// How long a reservation holds its unit, in milliseconds.
pub const RESERVATION_MS: i64 = LAPSE_MS as i64;

/// Months kept before this one: the admin's usage page shows them.
pub const HISTORY_MONTHS: u32 = 6;

/// The stored name of a ticket whose kind nobody recorded.
pub const KIND_UNRECORDED: &str = "export";

/// The stored name of a kind (`export` for none).
pub fn kind_name(kind: Option<UsageKind>) -> &'static str {
    kind.map_or(KIND_UNRECORDED, UsageKind::as_str)
}

/// A stored kind read back; `None` for `export` (and anything else).
pub fn kind_of(name: &str) -> Option<UsageKind> {
    [UsageKind::Create, UsageKind::Update, UsageKind::Manual]
        .into_iter()
        .find(|k| k.as_str() == name)
}

/// The month `n` months before `month`.
pub fn months_before(month: YearMonth, n: u32) -> YearMonth {
    let index = i64::from(month.year) * 12 + i64::from(month.month.clamp(1, 12)) - 1 - i64::from(n);
    YearMonth {
        year: i32::try_from(index.div_euclid(12)).unwrap_or(i32::MIN),
        // 1 to 12: rem_euclid(12) is 0 to 11.
        month: u8::try_from(index.rem_euclid(12) + 1).unwrap_or(1),
    }
}

/// The limit that applies: min(asked, 200); `None` when the asked limit is 0.
pub fn limit_of(asked: Option<u32>) -> Option<u32> {
    match asked {
        None => Some(SITE_MONTHLY_LIMIT),
        Some(0) => None,
        Some(n) => Some(n.min(SITE_MONTHLY_LIMIT)),
    }
}

/// Whether `ticket` can be one: 1–128 characters a URL path carries as they are.
pub fn valid_ticket(ticket: &str) -> bool {
    !ticket.is_empty()
        && ticket.len() <= MAX_TICKET_LEN
        && ticket
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'~' | b'-'))
}

/// The UTC month of an instant (Unix milliseconds), and when the next one starts.
pub fn month_of(now_ms: i64) -> (YearMonth, String) {
    let month = YearMonth::from_ms(now_ms as f64);
    (month, month.next().start_rfc3339())
}

/// What a reservation came to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reserved {
    Ticket(UsageTicket),
    /// Every unit of the month is used or held: nothing was stored.
    Exhausted(Usage),
}

/// Reserves one unit for `ticket` unless the month is used up.
pub fn reserve(
    sql: &dyn Sql,
    user_id: i64,
    ticket: &str,
    kind: Option<UsageKind>,
    limit: u32,
    now_ms: i64,
) -> Result<Reserved, DbError> {
    let tx = sql.transaction()?;
    let outcome = match stored(&tx, user_id, ticket)? {
        Some(row) => Reserved::Ticket(answer(&tx, user_id, ticket, &row, limit, now_ms)?),
        None => {
            let (month, _) = month_of(now_ms);
            let usage = usage(&tx, user_id, limit, now_ms)?;
            if usage.used >= limit {
                Reserved::Exhausted(usage)
            } else {
                tx.execute(
                    "INSERT INTO usage_tickets (user_id, ticket, month, state, reserved_at_ms,
                         expires_at_ms, updated_at_ms, kind)
                     VALUES (?1, ?2, ?3, 'reserved', ?4, ?5, ?4, ?6)",
                    params![
                        user_id,
                        ticket,
                        month.to_string(),
                        now_ms,
                        now_ms.saturating_add(RESERVATION_MS),
                        kind_name(kind)
                    ],
                )?;
                // Older months are no longer shown anywhere (tickets in flight need two).
                tx.execute(
                    "DELETE FROM usage_tickets WHERE user_id = ?1 AND month < ?2",
                    params![user_id, months_before(month, HISTORY_MONTHS).to_string()],
                )?;
                let row = stored(&tx, user_id, ticket)?.ok_or(DbError::NoRow)?;
                Reserved::Ticket(answer(&tx, user_id, ticket, &row, limit, now_ms)?)
            }
        }
    };
    tx.commit()?;
    Ok(outcome)
}

/// Counts the ticket's unit for good (see the module's rules).
pub fn commit(
    sql: &dyn Sql,
    user_id: i64,
    ticket: &str,
    kind: Option<UsageKind>,
    limit: u32,
    now_ms: i64,
) -> Result<UsageTicket, DbError> {
    let tx = sql.transaction()?;
    if stored(&tx, user_id, ticket)?.is_some() {
        tx.execute(
            "UPDATE usage_tickets SET state = 'committed', updated_at_ms = ?3
             WHERE user_id = ?1 AND ticket = ?2 AND state <> 'committed'",
            params![user_id, ticket, now_ms],
        )?;
        if let Some(kind) = kind {
            tx.execute(
                "UPDATE usage_tickets SET kind = ?3
                 WHERE user_id = ?1 AND ticket = ?2 AND kind = ?4",
                params![user_id, ticket, kind.as_str(), KIND_UNRECORDED],
            )?;
        }
    } else {
        let (month, _) = month_of(now_ms);
        tx.execute(
            "INSERT INTO usage_tickets (user_id, ticket, month, state, reserved_at_ms,
                 expires_at_ms, updated_at_ms, kind)
             VALUES (?1, ?2, ?3, 'committed', ?4, ?4, ?4, ?5)",
            params![user_id, ticket, month.to_string(), now_ms, kind_name(kind)],
        )?;
    }
    let row = stored(&tx, user_id, ticket)?.ok_or(DbError::NoRow)?;
    let answer = answer(&tx, user_id, ticket, &row, limit, now_ms)?;
    tx.commit()?;
    Ok(answer)
}

/// Gives a reserved unit back; a committed one stays counted. `None` for a ticket never seen.
pub fn release(
    sql: &dyn Sql,
    user_id: i64,
    ticket: &str,
    limit: u32,
    now_ms: i64,
) -> Result<Option<UsageTicket>, DbError> {
    let tx = sql.transaction()?;
    if stored(&tx, user_id, ticket)?.is_none() {
        return Ok(None);
    }
    tx.execute(
        "UPDATE usage_tickets SET state = 'released', updated_at_ms = ?3
         WHERE user_id = ?1 AND ticket = ?2 AND state = 'reserved'",
        params![user_id, ticket, now_ms],
    )?;
    let row = stored(&tx, user_id, ticket)?.ok_or(DbError::NoRow)?;
    let answer = answer(&tx, user_id, ticket, &row, limit, now_ms)?;
    tx.commit()?;
    Ok(Some(answer))
}

/// The user's usage this month.
pub fn usage(sql: &dyn Sql, user_id: i64, limit: u32, now_ms: i64) -> Result<Usage, DbError> {
    let (month, resets_at) = month_of(now_ms);
    let (committed, reserved, manual): (u32, u32, u32) = sql.query_row(
        "SELECT
             (SELECT count(*) FROM usage_tickets
              WHERE user_id = ?1 AND month = ?2 AND state = 'committed'),
             (SELECT count(*) FROM usage_tickets
              WHERE user_id = ?1 AND month = ?2 AND state = 'reserved' AND expires_at_ms > ?3),
             (SELECT count(*) FROM usage_tickets
              WHERE user_id = ?1 AND month = ?2 AND state = 'committed' AND kind = 'manual')",
        params![user_id, month.to_string(), now_ms],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let used = committed.saturating_add(reserved);
    Ok(Usage {
        month: month.to_string(),
        used,
        committed,
        reserved,
        limit,
        remaining: limit.saturating_sub(used),
        resets_at,
        manual,
    })
}

/// A ticket as stored.
struct Stored {
    month: String,
    state: String,
    expires_at_ms: i64,
    kind: String,
}

fn stored(sql: &dyn Sql, user_id: i64, ticket: &str) -> Result<Option<Stored>, DbError> {
    sql.query_opt(
        "SELECT month, state, expires_at_ms, kind FROM usage_tickets
         WHERE user_id = ?1 AND ticket = ?2",
        params![user_id, ticket],
        |r| {
            Ok(Stored {
                month: r.get(0)?,
                state: r.get(1)?,
                expires_at_ms: r.get(2)?,
                kind: r.get(3)?,
            })
        },
    )
}

fn answer(
    sql: &dyn Sql,
    user_id: i64,
    ticket: &str,
    row: &Stored,
    limit: u32,
    now_ms: i64,
) -> Result<UsageTicket, DbError> {
    let state = match row.state.as_str() {
        "committed" => TicketState::Committed,
        "released" => TicketState::Released,
        _ if row.expires_at_ms <= now_ms => TicketState::Expired,
        _ => TicketState::Reserved,
    };
    Ok(UsageTicket {
        ticket: ticket.to_string(),
        state,
        month: row.month.clone(),
        expires_at: (state == TicketState::Reserved)
            .then(|| crate::clock::text_secs(row.expires_at_ms)),
        kind: kind_of(&row.kind),
        usage: usage(sql, user_id, limit, now_ms)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    /// 2026-11-30T23:59:59Z and one second later.
    const LAST_SECOND_OF_NOVEMBER: i64 = 1_796_083_199_000;

    fn db() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        crate::db::migrate(&conn).unwrap();
        conn.execute(
            "INSERT INTO users (id, name, email, password_hash) VALUES (1, 'A', 'a@x', 'x')",
            [],
        )
        .unwrap();
        conn
    }

    #[test]
    fn limits_are_capped_at_the_sites() {
        assert_eq!(limit_of(None), Some(200));
        assert_eq!(limit_of(Some(50)), Some(50));
        assert_eq!(limit_of(Some(500)), Some(200));
        assert_eq!(limit_of(Some(0)), None);
        assert!(valid_ticket("7f1c0e1a-2b3c-4d5e-8f90-a1b2c3d4e5f6"));
        assert!(!valid_ticket(""));
        assert!(!valid_ticket("a/b"));
        assert!(!valid_ticket(&"a".repeat(129)));
    }

    // Months are UTC: the last second of November counts in November, the next in December,
    // and a unit counts in the month it was reserved, whenever it is committed.
    #[test]
    fn months_turn_at_midnight_utc() {
        let (november, resets) = month_of(LAST_SECOND_OF_NOVEMBER);
        assert_eq!(november.to_string(), "2026-11");
        assert_eq!(resets, "2026-12-01T00:00:00Z");
        let (december, resets) = month_of(LAST_SECOND_OF_NOVEMBER + 1000);
        assert_eq!(december.to_string(), "2026-12");
        assert_eq!(resets, "2027-01-01T00:00:00Z");
        assert_eq!(
            months_before(month_of(1_767_225_600_000).0, 1).to_string(),
            "2025-12"
        );

        let conn = db();
        let Reserved::Ticket(t) =
            reserve(&conn, 1, "late", None, 200, LAST_SECOND_OF_NOVEMBER).unwrap()
        else {
            panic!("reserved")
        };
        assert_eq!(t.usage.used, 1);
        let committed =
            commit(&conn, 1, "late", None, 200, LAST_SECOND_OF_NOVEMBER + 2000).unwrap();
        assert_eq!(committed.month, "2026-11");
        assert_eq!(committed.usage.month, "2026-12");
        assert_eq!(committed.usage.used, 0, "December starts at zero");
        let november = usage(&conn, 1, 200, LAST_SECOND_OF_NOVEMBER).unwrap();
        assert_eq!(november.committed, 1);
        assert_eq!(november.manual, 0);
    }

    // A PDF saved with the site's own menu is committed without a reservation (the site
    // already served it), kind `manual`: it counts, once, and on its own line.
    #[test]
    fn manual_downloads_count_once_on_their_own_line() {
        let conn = db();
        let now = LAST_SECOND_OF_NOVEMBER + 1000;
        let create = Some(UsageKind::Create);
        let Reserved::Ticket(_) = reserve(&conn, 1, "export-1", create, 200, now).unwrap() else {
            panic!("reserved")
        };
        commit(&conn, 1, "export-1", None, 200, now).unwrap();
        let manual = Some(UsageKind::Manual);
        commit(&conn, 1, "manual-7-20261201000000", manual, 200, now).unwrap();
        let again = commit(&conn, 1, "manual-7-20261201000000", manual, 200, now).unwrap();
        assert_eq!(again.usage.committed, 2);
        assert_eq!(again.usage.manual, 1);
        assert_eq!(again.usage.remaining, 198);
    }

    // The admin's page counts six months back, across a year boundary too.
    #[test]
    fn months_count_back_across_years() {
        let february = YearMonth {
            year: 2027,
            month: 2,
        };
        let back: Vec<String> = (0..=HISTORY_MONTHS)
            .map(|n| months_before(february, n).to_string())
            .collect();
        assert_eq!(
            back,
            [
                "2027-02", "2027-01", "2026-12", "2026-11", "2026-10", "2026-09", "2026-08"
            ]
        );
        assert_eq!(months_before(february, 14).to_string(), "2025-12");
    }

    // Rows are kept for this month and the six before (the admin's page), no longer.
    #[test]
    fn six_months_of_history_are_kept() {
        let conn = db();
        for (ticket, month) in [("may", "2026-05"), ("june", "2026-06")] {
            conn.execute(
                "INSERT INTO usage_tickets (user_id, ticket, month, state, reserved_at_ms,
                     expires_at_ms, updated_at_ms)
                 VALUES (1, ?1, ?2, 'committed', 0, 0, 0)",
                [ticket, month],
            )
            .unwrap();
        }
        reserve(
            &conn,
            1,
            "december",
            None,
            200,
            LAST_SECOND_OF_NOVEMBER + 1000,
        )
        .unwrap();
        let kept: Vec<String> = conn
            .prepare("SELECT ticket FROM usage_tickets ORDER BY month")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(kept, ["june", "december"]);
    }

    // The first kind recorded stays: a reserve's kind survives its commit; a commit fills a
    // kind nobody recorded, and a ticket never reserved keeps the commit's (a manual download).
    #[test]
    fn a_tickets_kind_is_recorded_once() {
        let conn = db();
        let now = LAST_SECOND_OF_NOVEMBER;
        reserve(&conn, 1, "new", Some(UsageKind::Create), 200, now).unwrap();
        let t = commit(&conn, 1, "new", Some(UsageKind::Update), 200, now).unwrap();
        assert_eq!(t.kind, Some(UsageKind::Create));
        let t = commit(&conn, 1, "new", None, 200, now).unwrap();
        assert_eq!(t.kind, Some(UsageKind::Create));
        reserve(&conn, 1, "old-client", None, 200, now).unwrap();
        let t = commit(&conn, 1, "old-client", None, 200, now).unwrap();
        assert_eq!(t.kind, None, "export, kind not recorded");
        let t = commit(&conn, 1, "old-client", Some(UsageKind::Update), 200, now).unwrap();
        assert_eq!(t.kind, Some(UsageKind::Update));
        let t = commit(&conn, 1, "saved", Some(UsageKind::Manual), 200, now).unwrap();
        assert_eq!(t.kind, Some(UsageKind::Manual));
        assert_eq!(kind_of(kind_name(None)), None);
    }

    // A reservation lapses after ten minutes: it no longer holds its unit, and answers
    // `expired`; committing it still counts.
    #[test]
    fn a_reservation_lapses_after_ten_minutes() {
        let conn = db();
        let now = LAST_SECOND_OF_NOVEMBER - 3_600_000;
        let Reserved::Ticket(t) = reserve(&conn, 1, "slow", None, 1, now).unwrap() else {
            panic!("reserved")
        };
        assert_eq!(t.state, TicketState::Reserved);
        assert_eq!(t.expires_at.as_deref(), Some("2026-11-30T23:09:59Z"));
        let held = reserve(&conn, 1, "other", None, 1, now + RESERVATION_MS - 1).unwrap();
        assert!(matches!(held, Reserved::Exhausted(u) if u.reserved == 1 && u.remaining == 0));
        let later = now + RESERVATION_MS;
        let Reserved::Ticket(again) = reserve(&conn, 1, "slow", None, 1, later).unwrap() else {
            panic!("answered")
        };
        assert_eq!(again.state, TicketState::Expired);
        assert_eq!(again.usage.used, 0);
        assert!(matches!(
            reserve(&conn, 1, "other", None, 1, later).unwrap(),
            Reserved::Ticket(t) if t.state == TicketState::Reserved
        ));
        let counted = commit(&conn, 1, "slow", None, 1, later).unwrap();
        assert_eq!(counted.state, TicketState::Committed);
        assert_eq!(counted.usage.used, 2, "a PDF that arrived always counts");
    }
}
