//! Who in the CRM a looked-up person is (PRODUCT.md B3, B5, C2), strongest evidence first:
//! manual links, then exact keys (public id, profile URL, member URN: score 1.0), then email or
//! phone (0.95), then the scored match on name, company, location and title (see `score`).
//! Every stage is index probes, so a lookup costs the same at 100 contacts and at 100,000.

use super::contact_points::{emails_of, phones_of};
use super::index::name_at;
use super::keys::MatchKeys;
use super::links::links_for;
use super::names::pair_keys;
use super::score::{CONTACT_POINT, EXACT, Person, score};
use crate::db::{DbError, Sql};
use crate::params;
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};
use talent_bridge::crm::{LookupQuery, MatchKey};

/// Most contacts a name is scored against: a very common name must not make a lookup slow.
const MAX_NAME_CANDIDATES: i64 = 200;

/// Why a contact matched, strongest first (the order results are sorted in).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    ManualLink,
    Exact,
    ContactPoint,
    Scored,
}

/// One contact that matches the query.
#[derive(Clone, Debug, PartialEq)]
pub struct Match {
    pub contact_id: i64,
    pub strength: Strength,
    pub score: f64,
    /// Strongest first.
    pub matched_on: Vec<MatchKey>,
}

/// The matches of one query, best first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Found {
    pub matches: Vec<Match>,
    /// An exact key or a manual link names a contact this viewer may not see. It is never
    /// returned (PRODUCT.md B5); an export must be refused rather than create a duplicate.
    pub hidden: bool,
    /// The team linked this profile to a contact this viewer may not see. The lookup answers as
    /// if there were no link, but an export must not update or create anything else instead.
    pub linked_to_hidden: bool,
}

impl Found {
    /// The matches on an exact key or a manual link: the ones an export may update unasked.
    pub fn certain(&self) -> impl Iterator<Item = &Match> {
        self.matches
            .iter()
            .filter(|m| m.strength <= Strength::Exact)
    }
}

/// The contacts that match `query`. Confidential contacts are left out unless the viewer may
/// see them: for everyone else they do not exist.
pub fn find_matches(
    conn: &dyn Sql,
    query: &LookupQuery,
    see_confidential: bool,
) -> Result<Found, DbError> {
    let keys = MatchKeys::from_query(query);
    let exact = exact_hits(conn, &keys)?;
    let links = links_for(conn, &keys)?;
    let mut found = Found::default();
    let mut by_id: BTreeMap<i64, Match> = BTreeMap::new();
    // A link to a contact this viewer may not see is, for them, no link at all: the answer must
    // be the unlinked profile's, or its difference would reveal the hidden contact (B5).
    let (visible, hidden): (Vec<_>, Vec<_>) = links
        .linked
        .into_iter()
        .partition(|(_, confidential)| see_confidential || !confidential);
    found.linked_to_hidden = !hidden.is_empty();
    found.hidden = found.linked_to_hidden;
    if !visible.is_empty() {
        // The team said who this is: nothing else is offered.
        for (id, _) in visible {
            let mut matched_on = vec![MatchKey::ManualLink];
            matched_on.extend(exact.get(&id).map(|(k, _)| k.clone()).unwrap_or_default());
            by_id.insert(id, new_match(id, Strength::ManualLink, EXACT, matched_on));
        }
        found.matches = ranked(conn, by_id)?;
        return Ok(found);
    }
    let unlinked = links.unlinked;
    for (id, (matched_on, confidential)) in exact {
        if unlinked.contains(&id) {
            continue;
        }
        if confidential && !see_confidential {
            found.hidden = true;
            continue;
        }
        by_id.insert(id, new_match(id, Strength::Exact, EXACT, matched_on));
    }
    let points = [
        (
            MatchKey::Email,
            "email",
            query.email.as_deref().map(emails_of),
        ),
        (
            MatchKey::Phone,
            "phone",
            query.phone.as_deref().map(phones_of),
        ),
    ];
    for (key, kind, values) in points {
        for value in values.unwrap_or_default() {
            for id in derived_hits(conn, kind, &value, see_confidential)? {
                if unlinked.contains(&id) {
                    continue;
                }
                by_id
                    .entry(id)
                    .or_insert_with(|| new_match(id, Strength::ContactPoint, CONTACT_POINT, vec![]))
                    .matched_on
                    .push(key);
            }
        }
    }
    let person = Person::from_query(query);
    for (id, contact) in name_candidates(conn, &person, see_confidential)? {
        if unlinked.contains(&id) {
            continue;
        }
        let Some(scored) = score(&person, &contact) else {
            continue;
        };
        by_id
            .entry(id)
            .or_insert_with(|| new_match(id, Strength::Scored, scored.score, vec![]))
            .matched_on
            .extend(scored.matched_on);
    }
    found.matches = ranked(conn, by_id)?;
    Ok(found)
}

fn new_match(contact_id: i64, strength: Strength, score: f64, matched_on: Vec<MatchKey>) -> Match {
    Match {
        contact_id,
        strength,
        score,
        matched_on,
    }
}

/// Contacts holding one of `keys` in their own columns or as an alias, with the keys each
/// holds and whether it is confidential.
fn exact_hits(
    conn: &dyn Sql,
    keys: &MatchKeys,
) -> Result<BTreeMap<i64, (Vec<MatchKey>, bool)>, DbError> {
    let mut found: BTreeMap<i64, (Vec<MatchKey>, bool)> = BTreeMap::new();
    for (kind, value) in keys.entries() {
        // The column name comes from a fixed list, never from input.
        let sql = format!(
            "SELECT id, confidential FROM contacts WHERE {} = ?1",
            kind.column()
        );
        let read = |row: &crate::db::Row| Ok((row.get::<i64>(0)?, row.get::<bool>(1)?));
        let mut hits: Vec<(i64, bool)> = conn.query_map(&sql, params![value], read)?;
        hits.extend(conn.query_map(
            "SELECT a.contact_id, c.confidential FROM contact_aliases a
             JOIN contacts c ON c.id = a.contact_id WHERE a.kind = ?1 AND a.value = ?2",
            params![kind.column(), value],
            read,
        )?);
        for (id, confidential) in hits {
            let entry = found
                .entry(id)
                .or_insert_with(|| (Vec::new(), confidential));
            let key = kind.match_key();
            if !entry.0.contains(&key) {
                entry.0.push(key);
            }
        }
    }
    Ok(found)
}

/// Visible contacts with the derived key `kind` = `value` (an email or a phone number).
fn derived_hits(
    conn: &dyn Sql,
    kind: &str,
    value: &str,
    see_confidential: bool,
) -> Result<Vec<i64>, DbError> {
    conn.query_map(
        "SELECT k.contact_id FROM contact_match_keys k JOIN contacts c ON c.id = k.contact_id
         WHERE k.kind = ?1 AND k.value = ?2 AND (c.confidential = 0 OR ?3 = 1)",
        params![kind, value, see_confidential],
        |row| row.get(0),
    )
}

/// Visible contacts sharing two words of the person's name, with what scoring needs; at most
/// MAX_NAME_CANDIDATES. With a company, only those whose company can agree (same first word)
/// or is unknown: no other namesake can reach the threshold (see `index`).
fn name_candidates(
    conn: &dyn Sql,
    person: &Person,
    see_confidential: bool,
) -> Result<Vec<(i64, Person)>, DbError> {
    let Some(name) = person.names.first() else {
        return Ok(Vec::new());
    };
    let company = person.companies.first().and_then(|words| words.first());
    let mut probes: Vec<(&str, String)> = Vec::new();
    for pair in pair_keys(name) {
        match company {
            Some(word) => {
                probes.push(("name_at", name_at(&pair, word)));
                probes.push(("name_at", name_at(&pair, "")));
            }
            None => probes.push(("name", pair)),
        }
    }
    let mut found: Vec<(i64, Person)> = Vec::new();
    for (kind, value) in probes {
        let room = MAX_NAME_CANDIDATES - found.len() as i64;
        if room <= 0 {
            break;
        }
        let rows = conn.query_map(
            "SELECT k.contact_id, c.full_name, c.company, c.location, c.title
             FROM contact_match_keys k JOIN contacts c ON c.id = k.contact_id
             WHERE k.kind = ?1 AND k.value = ?2 AND (c.confidential = 0 OR ?3 = 1)
             ORDER BY k.contact_id LIMIT ?4",
            params![kind, value, see_confidential, room],
            |row| {
                Ok((
                    row.get::<i64>(0)?,
                    row.get::<String>(1)?,
                    row.get::<Option<String>>(2)?,
                    row.get::<Option<String>>(3)?,
                    row.get::<Option<String>>(4)?,
                ))
            },
        )?;
        for (id, full_name, company, location, title) in rows {
            if found.iter().any(|(seen, _)| *seen == id) {
                continue;
            }
            let contact = Person::from_contact(
                &full_name,
                company.as_deref(),
                location.as_deref(),
                title.as_deref(),
            );
            found.push((id, contact));
        }
    }
    Ok(found)
}

/// Best first: strength, score, how many keys agree, then the most recently updated record.
fn ranked(conn: &dyn Sql, by_id: BTreeMap<i64, Match>) -> Result<Vec<Match>, DbError> {
    let mut updated: HashMap<i64, String> = HashMap::new();
    for id in by_id.keys() {
        let at: Option<String> = conn.query_opt(
            "SELECT updated_at FROM contacts WHERE id = ?1",
            params![id],
            |row| row.get(0),
        )?;
        updated.insert(*id, at.unwrap_or_default());
    }
    let mut matches: Vec<Match> = by_id.into_values().collect();
    for m in &mut matches {
        m.matched_on.sort_by_key(|k| key_rank(*k));
        m.matched_on.dedup();
    }
    matches.sort_by(|a, b| {
        a.strength
            .cmp(&b.strength)
            .then_with(|| b.score.partial_cmp(&a.score).unwrap_or(Ordering::Equal))
            .then_with(|| b.matched_on.len().cmp(&a.matched_on.len()))
            .then_with(|| updated.get(&b.contact_id).cmp(&updated.get(&a.contact_id)))
            .then_with(|| a.contact_id.cmp(&b.contact_id))
    });
    Ok(matches)
}

fn key_rank(key: MatchKey) -> u8 {
    match key {
        MatchKey::ManualLink => 0,
        MatchKey::PublicId => 1,
        MatchKey::ProfileUrl => 2,
        MatchKey::MemberUrn => 3,
        MatchKey::Email => 4,
        MatchKey::Phone => 5,
        MatchKey::Name => 6,
        MatchKey::Company => 7,
        MatchKey::Location => 8,
        MatchKey::Other => 9,
    }
}

#[cfg(test)]
mod tests {
    use crate::matching::ExactKind;

    use rusqlite::Connection;

    fn plan(conn: &Connection, sql: &str) -> String {
        let rows: Vec<String> = conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap()
            .query_map([], |row| row.get::<_, String>(3))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        rows.join(" | ")
    }

    // Lookup must stay fast at 100k contacts (PRODUCT.md C2): every probe is an index search.
    #[test]
    fn every_probe_uses_an_index() {
        let conn = Connection::open_in_memory().unwrap();
        crate::db::migrate(&conn).unwrap();
        for kind in ExactKind::ALL {
            let column = kind.column();
            let p = plan(
                &conn,
                &format!("SELECT id, confidential FROM contacts WHERE {column} = 'x'"),
            );
            assert!(p.contains(&format!("USING INDEX contacts_{column}")), "{p}");
        }
        let p = plan(
            &conn,
            "SELECT a.contact_id, c.confidential FROM contact_aliases a
             JOIN contacts c ON c.id = a.contact_id WHERE a.kind = 'public_id' AND a.value = 'x'",
        );
        assert!(
            p.contains("USING PRIMARY KEY") && p.contains("INTEGER PRIMARY KEY"),
            "{p}"
        );
        let p = plan(
            &conn,
            "SELECT k.contact_id FROM contact_match_keys k JOIN contacts c ON c.id = k.contact_id
             WHERE k.kind = 'name_at' AND k.value = 'ada lovelace@nasa' AND (c.confidential = 0 OR 0)
             LIMIT 5",
        );
        assert!(
            p.contains("USING PRIMARY KEY") && p.contains("INTEGER PRIMARY KEY"),
            "{p}"
        );
        let p = plan(
            &conn,
            "SELECT l.contact_id FROM profile_links l JOIN contacts c ON c.id = l.contact_id
             WHERE l.kind = 'public_id' AND l.value = 'x'",
        );
        assert!(
            p.contains("USING PRIMARY KEY") && p.contains("INTEGER PRIMARY KEY"),
            "{p}"
        );
    }
}
