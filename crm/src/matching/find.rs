//! Finding the contacts that share a query's keys: one index probe per key.

use super::MatchKeys;
use crate::db::DbError;
use rusqlite::{Connection, params};
use std::collections::BTreeMap;
use talent_bridge::crm::MatchKey;

/// A contact that shares at least one key with the query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    pub contact_id: i64,
    /// Strongest first.
    pub matched_on: Vec<MatchKey>,
}

/// The contacts matching `keys`, by id. Confidential contacts are left out unless the viewer
/// may see them (PRODUCT.md B5): for everyone else they do not exist.
pub fn find_matches(
    conn: &Connection,
    keys: &MatchKeys,
    see_confidential: bool,
) -> Result<Vec<Match>, DbError> {
    let probes = [
        (MatchKey::PublicId, "public_id", &keys.public_ids),
        (MatchKey::ProfileUrl, "profile_url", &keys.profile_urls),
        (MatchKey::MemberUrn, "member_urn", &keys.member_urns),
    ];
    let mut found: BTreeMap<i64, Vec<MatchKey>> = BTreeMap::new();
    for (key, column, values) in probes {
        // The column name comes from the fixed list above, never from input.
        let sql =
            format!("SELECT id FROM contacts WHERE {column} = ?1 AND (confidential = 0 OR ?2)");
        let mut stmt = conn.prepare_cached(&sql)?;
        for value in values {
            for id in
                stmt.query_map(params![value, see_confidential], |row| row.get::<_, i64>(0))?
            {
                let matched_on = found.entry(id?).or_default();
                if !matched_on.contains(&key) {
                    matched_on.push(key);
                }
            }
        }
    }
    Ok(found
        .into_iter()
        .map(|(contact_id, matched_on)| Match {
            contact_id,
            matched_on,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    // Lookup must stay fast at 100k contacts: every probe must be an index search.
    #[test]
    fn every_probe_uses_an_index() {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::db::migrate(&mut conn).unwrap();
        for column in ["public_id", "profile_url", "member_urn"] {
            let sql = format!(
                "EXPLAIN QUERY PLAN SELECT id FROM contacts \
                 WHERE {column} = ?1 AND (confidential = 0 OR ?2)"
            );
            let plan: Vec<String> = conn
                .prepare(&sql)
                .unwrap()
                .query_map(params!["x", false], |row| row.get::<_, String>(3))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            let plan = plan.join(" | ");
            assert!(
                plan.contains(&format!("USING INDEX contacts_{column}")),
                "{plan}"
            );
        }
    }
}
