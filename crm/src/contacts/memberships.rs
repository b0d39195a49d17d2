//! Pools and vacancies of a contact (PRODUCT.md E2): set as a whole, or changed by what to add
//! and what to remove (the export's way: nothing read first, so nothing stale written back);
//! memberships the extension cannot see (private pools, closed or private vacancies) stay as
//! they are either way.

use crate::db::{DbError, Sql};
use crate::params;

/// Pools or vacancies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Catalog {
    Pools,
    Vacancies,
}

impl Catalog {
    /// What the extension may offer: public pools; open public vacancies.
    fn offered_sql(self) -> &'static str {
        match self {
            Self::Pools => "SELECT 1 FROM pools WHERE id = ?1 AND public = 1",
            Self::Vacancies => {
                "SELECT 1 FROM vacancies WHERE id = ?1 AND public = 1 AND status = 'open'"
            }
        }
    }

    /// The contact's memberships, each with whether the extension manages it.
    fn current_sql(self) -> &'static str {
        match self {
            Self::Pools => {
                "SELECT p.id, p.public FROM contact_pools cp JOIN pools p ON p.id = cp.pool_id
                 WHERE cp.contact_id = ?1"
            }
            Self::Vacancies => {
                "SELECT v.id, v.public = 1 AND v.status = 'open' FROM contact_vacancies cv
                 JOIN vacancies v ON v.id = cv.vacancy_id WHERE cv.contact_id = ?1"
            }
        }
    }

    fn insert_sql(self) -> &'static str {
        match self {
            Self::Pools => {
                "INSERT INTO contact_pools (contact_id, pool_id, added_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT DO NOTHING"
            }
            Self::Vacancies => {
                "INSERT INTO contact_vacancies (contact_id, vacancy_id, added_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT DO NOTHING"
            }
        }
    }

    fn delete_sql(self) -> &'static str {
        match self {
            Self::Pools => "DELETE FROM contact_pools WHERE contact_id = ?1 AND pool_id = ?2",
            Self::Vacancies => {
                "DELETE FROM contact_vacancies WHERE contact_id = ?1 AND vacancy_id = ?2"
            }
        }
    }
}

/// Ids in a set that name nothing the extension may offer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownIds(pub Vec<i64>);

/// Makes `ids` the contact's public memberships of `catalog`. An id of a membership the contact
/// already has is accepted as it is, even when not offered (it came from the contact's card).
pub fn set_memberships(
    conn: &dyn Sql,
    contact_id: i64,
    catalog: Catalog,
    ids: &[i64],
) -> Result<Result<(), UnknownIds>, DbError> {
    let current = current(conn, contact_id, catalog)?;
    let remove: Vec<i64> = current
        .iter()
        .filter(|(id, managed)| *managed && !ids.contains(id))
        .map(|(id, _)| *id)
        .collect();
    apply(conn, contact_id, catalog, &current, ids, &remove)
}

/// Adds the contact to `add` and takes it out of `remove`, leaving every other membership as it
/// is: what someone else changed meanwhile survives, and the same change sent twice is the same
/// change. Only memberships the extension manages are removed; an id the contact is not in is
/// nothing to remove.
pub fn change_memberships(
    conn: &dyn Sql,
    contact_id: i64,
    catalog: Catalog,
    add: &[i64],
    remove: &[i64],
) -> Result<Result<(), UnknownIds>, DbError> {
    let current = current(conn, contact_id, catalog)?;
    let remove: Vec<i64> = current
        .iter()
        .filter(|(id, managed)| *managed && remove.contains(id))
        .map(|(id, _)| *id)
        .collect();
    apply(conn, contact_id, catalog, &current, add, &remove)
}

fn current(conn: &dyn Sql, contact_id: i64, catalog: Catalog) -> Result<Vec<(i64, bool)>, DbError> {
    conn.query_map(catalog.current_sql(), params![contact_id], |row| {
        Ok((row.get(0)?, row.get(1)?))
    })
}

fn apply(
    conn: &dyn Sql,
    contact_id: i64,
    catalog: Catalog,
    current: &[(i64, bool)],
    add: &[i64],
    remove: &[i64],
) -> Result<Result<(), UnknownIds>, DbError> {
    let mut unknown = Vec::new();
    for id in add {
        if !current.iter().any(|(c, _)| c == id)
            && !conn.exists(catalog.offered_sql(), params![id])?
        {
            unknown.push(*id);
        }
    }
    if !unknown.is_empty() {
        unknown.sort_unstable();
        unknown.dedup();
        return Ok(Err(UnknownIds(unknown)));
    }
    let mut changed = 0;
    for id in remove {
        changed += conn.execute(catalog.delete_sql(), params![contact_id, id])?;
    }
    let now = crate::clock::now_text();
    for id in add {
        changed += conn.execute(catalog.insert_sql(), params![contact_id, id, now])?;
    }
    if changed > 0 {
        conn.execute(
            "UPDATE contacts SET updated_at = ?2 WHERE id = ?1",
            params![contact_id, now],
        )?;
    }
    Ok(Ok(()))
}
