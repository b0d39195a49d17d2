//! The admin's view of the profile-PDF downloads (issue #18 item 6): per user, this month's
//! committed downloads by kind, the live reservations, and the committed totals of the six
//! months before. Months are UTC by the server's clock, as the counting itself (`crate::usage`).

use crate::db::{DbError, Sql, TxMode};
use crate::params;
use crate::usage::{HISTORY_MONTHS, month_of, months_before};
use std::collections::HashMap;
use talent_bridge::crm::UsageKind;
use talent_bridge::quota::YearMonth;

/// Committed downloads of one month, by why they were downloaded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KindCounts {
    pub create: u32,
    pub update: u32,
    pub manual: u32,
    /// Exports whose kind nobody recorded (before kinds existed, or a client that sends none).
    pub export: u32,
}

impl KindCounts {
    pub fn total(&self) -> u32 {
        self.create
            .saturating_add(self.update)
            .saturating_add(self.manual)
            .saturating_add(self.export)
    }

    fn add(&mut self, kind: &str, count: u32) {
        let slot = match crate::usage::kind_of(kind) {
            Some(UsageKind::Create) => &mut self.create,
            Some(UsageKind::Update) => &mut self.update,
            Some(UsageKind::Manual) => &mut self.manual,
            None => &mut self.export,
        };
        *slot = slot.saturating_add(count);
    }
}

/// One user's row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserUsage {
    pub name: String,
    pub email: String,
    pub this_month: KindCounts,
    /// Reservations of this month neither committed, released nor lapsed.
    pub reserved: u32,
    /// Committed downloads of each month of [`UsageReport::previous`], in its order.
    pub previous: Vec<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsageReport {
    pub month: YearMonth,
    /// The six months before `month`, the most recent first.
    pub previous: Vec<YearMonth>,
    /// Every user, by name.
    pub users: Vec<UserUsage>,
}

/// A user as listed: (id, name, email).
pub type UserRow = (i64, String, String);
/// Committed downloads: (user id, month, stored kind, count).
pub type CommittedRow = (i64, String, String, u32);

/// The report at `now_ms`, read in one consistent transaction.
pub fn report(sql: &dyn Sql, now_ms: i64) -> Result<UsageReport, DbError> {
    let (month, _) = month_of(now_ms);
    let oldest = months_before(month, HISTORY_MONTHS);
    let tx = sql.transaction_for(TxMode::Read)?;
    let users = tx.query_map(
        "SELECT id, name, email FROM users ORDER BY lower(name), id",
        params![],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let committed = tx.query_map(
        "SELECT user_id, month, kind, count(*) FROM usage_tickets
         WHERE state = 'committed' AND month >= ?1 AND month <= ?2
         GROUP BY user_id, month, kind",
        params![oldest.to_string(), month.to_string()],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    let reserved = tx.query_map(
        "SELECT user_id, count(*) FROM usage_tickets
         WHERE state = 'reserved' AND month = ?1 AND expires_at_ms > ?2
         GROUP BY user_id",
        params![month.to_string(), now_ms],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    tx.commit()?;
    Ok(assemble(month, users, &committed, &reserved))
}

/// The report from the rows read: every user gets every month, 0 where nothing was counted.
pub fn assemble(
    month: YearMonth,
    users: Vec<UserRow>,
    committed: &[CommittedRow],
    reserved: &[(i64, u32)],
) -> UsageReport {
    let previous: Vec<YearMonth> = (1..=HISTORY_MONTHS)
        .map(|n| months_before(month, n))
        .collect();
    let this_month = month.to_string();
    let columns: HashMap<String, usize> = previous
        .iter()
        .enumerate()
        .map(|(i, m)| (m.to_string(), i))
        .collect();
    let mut rows: HashMap<i64, UserUsage> = HashMap::new();
    let mut order = Vec::with_capacity(users.len());
    for (id, name, email) in users {
        order.push(id);
        rows.insert(
            id,
            UserUsage {
                name,
                email,
                this_month: KindCounts::default(),
                reserved: 0,
                previous: vec![0; previous.len()],
            },
        );
    }
    for (user_id, row_month, kind, count) in committed {
        let Some(row) = rows.get_mut(user_id) else {
            continue;
        };
        if *row_month == this_month {
            row.this_month.add(kind, *count);
        } else if let Some(total) = columns
            .get(row_month)
            .and_then(|&i| row.previous.get_mut(i))
        {
            *total = total.saturating_add(*count);
        }
    }
    for (user_id, count) in reserved {
        if let Some(row) = rows.get_mut(user_id) {
            row.reserved = row.reserved.saturating_add(*count);
        }
    }
    UsageReport {
        month,
        previous,
        users: order.iter().filter_map(|id| rows.remove(id)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(user: i64, month: &str, kind: &str, count: u32) -> CommittedRow {
        (user, month.into(), kind.into(), count)
    }

    // Columns by UTC month across a year boundary: January 2027 shows December back to
    // July 2026; a month outside them counts nowhere; a user without rows shows zeros.
    #[test]
    fn six_months_back_across_the_new_year() {
        let january = YearMonth {
            year: 2027,
            month: 1,
        };
        let users = vec![
            (1, "A".to_string(), "a@x".to_string()),
            (2, "B".into(), "b@x".into()),
        ];
        let committed = [
            row(1, "2027-01", "create", 3),
            row(1, "2027-01", "update", 2),
            row(1, "2027-01", "manual", 1),
            row(1, "2027-01", "export", 4),
            row(1, "2026-12", "create", 5),
            row(1, "2026-12", "export", 1),
            row(1, "2026-07", "update", 7),
            row(1, "2026-06", "create", 100),
            row(9, "2027-01", "create", 1),
        ];
        let report = assemble(january, users, &committed, &[(1, 2)]);
        let months: Vec<String> = report.previous.iter().map(ToString::to_string).collect();
        assert_eq!(
            months,
            [
                "2026-12", "2026-11", "2026-10", "2026-09", "2026-08", "2026-07"
            ]
        );
        let a = &report.users[0];
        assert_eq!(
            a.this_month,
            KindCounts {
                create: 3,
                update: 2,
                manual: 1,
                export: 4
            }
        );
        assert_eq!(a.this_month.total(), 10);
        assert_eq!(a.reserved, 2);
        assert_eq!(a.previous, [6, 0, 0, 0, 0, 7]);
        let b = &report.users[1];
        assert_eq!((b.this_month.total(), b.reserved), (0, 0));
        assert_eq!(b.previous, [0; 6]);
        assert_eq!(report.users.len(), 2, "rows of unknown users are dropped");
    }
}
