//! Manual links (PRODUCT.md B3): a recruiter says a profile is, or is not, a contact. Stored per
//! profile key for the whole team. A link wins over every other match; "not this person" keeps
//! that contact out of the profile's matches for good (until someone links them again).

use super::keys::MatchKeys;
use crate::db::{DbError, Sql};
use crate::params;
use std::collections::HashMap;

/// What the team said about one profile.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Links {
    /// Contacts linked to the profile, with whether each is confidential.
    pub linked: Vec<(i64, bool)>,
    /// Contacts the profile must never match.
    pub unlinked: Vec<i64>,
}

/// Records that the profile of `keys` is (`same`) or is not the contact, replacing what was
/// said before about this pair.
pub fn store_link(
    conn: &dyn Sql,
    keys: &MatchKeys,
    contact_id: i64,
    same: bool,
    user_id: i64,
) -> Result<(), DbError> {
    let now = crate::clock::now_text_ms();
    for (kind, value) in keys.entries() {
        conn.execute(
            "INSERT INTO profile_links (kind, value, contact_id, same, user_id, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (kind, value, contact_id) DO UPDATE SET
                 same = excluded.same, user_id = excluded.user_id,
                 created_at = excluded.created_at",
            params![kind.column(), value, contact_id, same, user_id, now],
        )?;
    }
    Ok(())
}

/// The links of the profile of `keys`. When its keys disagree about a contact (said at different
/// times with different keys), the latest word counts.
pub fn links_for(conn: &dyn Sql, keys: &MatchKeys) -> Result<Links, DbError> {
    // contact → (said at, same, confidential)
    let mut latest: HashMap<i64, (String, bool, bool)> = HashMap::new();
    for (kind, value) in keys.entries() {
        let rows = conn.query_map(
            "SELECT l.contact_id, l.same, l.created_at, c.confidential
             FROM profile_links l JOIN contacts c ON c.id = l.contact_id
             WHERE l.kind = ?1 AND l.value = ?2",
            params![kind.column(), value],
            |row| Ok((row.get::<i64>(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
        )?;
        for (id, same, at, confidential) in rows {
            let (same, at, confidential): (bool, String, bool) = (same, at, confidential);
            let newer = latest.get(&id).is_none_or(|(seen, seen_same, _)| {
                at > *seen || (at == *seen && !same && *seen_same)
            });
            if newer {
                latest.insert(id, (at, same, confidential));
            }
        }
    }
    let mut links = Links::default();
    for (id, (_, same, confidential)) in latest {
        if same {
            links.linked.push((id, confidential));
        } else {
            links.unlinked.push(id);
        }
    }
    links.linked.sort_unstable();
    links.unlinked.sort_unstable();
    Ok(links)
}
