//! The two engines' migrations give the same schema (issue #23): each database is read back
//! from its own catalogue into one description (tables; columns with kind, NOT NULL, default;
//! primary keys; indexes; foreign keys; checks) and the two must be equal. SQLite's
//! `COLLATE NOCASE` and PostgreSQL's `lower(…)` index read as the same thing.

use crate::support::*;
use std::collections::BTreeMap;
use talent_bridge_crm::db::{DbError, Engine, Sql};
use talent_bridge_crm::params;

#[derive(Debug, Default, PartialEq)]
struct Table {
    /// (name, kind, not null, default) in column order.
    columns: Vec<(String, &'static str, bool, String)>,
    primary_key: Vec<String>,
    /// (columns, unique, partial), sorted.
    indexes: Vec<(String, bool, bool)>,
    /// (column, table, column, on delete), sorted.
    foreign_keys: Vec<(String, String, String, String)>,
    /// (column, the literals it allows), sorted.
    checks: Vec<(String, Vec<String>)>,
}

fn describe(sql: &dyn Sql) -> Result<BTreeMap<String, Table>, DbError> {
    let tables: Vec<String> = match sql.engine() {
        Engine::Sqlite => sql.query_map(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             ORDER BY name",
            params![],
            |r| r.get(0),
        )?,
        Engine::Postgres => sql.query_map(
            "SELECT table_name::text FROM information_schema.tables
             WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
               AND table_name <> 'tb_schema' ORDER BY 1",
            params![],
            |r| r.get(0),
        )?,
    };
    let mut described = BTreeMap::new();
    for name in tables {
        let table = match sql.engine() {
            Engine::Sqlite => sqlite_table(sql, &name)?,
            Engine::Postgres => postgres_table(sql, &name)?,
        };
        described.insert(name, table);
    }
    Ok(described)
}

fn sqlite_table(sql: &dyn Sql, name: &str) -> Result<Table, DbError> {
    let mut table = Table::default();
    let columns = sql.query_map(
        "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?1) ORDER BY cid",
        params![name],
        |r| {
            Ok((
                r.get::<String>(0)?,
                r.get::<String>(1)?,
                r.get::<bool>(2)?,
                r.get::<Option<String>>(3)?,
                r.get::<i64>(4)?,
            ))
        },
    )?;
    let mut key: Vec<(i64, String)> = Vec::new();
    let key_columns = columns.iter().filter(|c| c.4 > 0).count();
    let rowid_table = !sql
        .query_row(
            "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?1",
            params![name],
            |r| r.get::<String>(0),
        )?
        .contains("WITHOUT ROWID");
    for (column, ty, not_null, default, pk) in columns {
        let kind = match ty.as_str() {
            "INTEGER" => "integer",
            "TEXT" => "text",
            "BLOB" => "bytes",
            other => panic!("{name}.{column}: unexpected SQLite type {other}"),
        };
        // An `INTEGER PRIMARY KEY` is the rowid: numbered by the database.
        let auto = rowid_table && ty == "INTEGER" && pk == 1 && key_columns == 1;
        let default = if auto {
            "generated".into()
        } else {
            default_kind(default.as_deref())
        };
        if pk > 0 {
            key.push((pk, column.clone()));
        }
        table
            .columns
            .push((column, kind, not_null || pk > 0, default));
    }
    key.sort();
    table.primary_key = key.into_iter().map(|(_, c)| c).collect();
    let indexes = sql.query_map(
        "SELECT name, \"unique\", partial FROM pragma_index_list(?1) WHERE origin <> 'pk'",
        params![name],
        |r| Ok((r.get::<String>(0)?, r.get::<bool>(1)?, r.get::<bool>(2)?)),
    )?;
    for (index, unique, partial) in indexes {
        let columns = sql.query_map(
            "SELECT name, coll FROM pragma_index_xinfo(?1) WHERE key = 1 ORDER BY seqno",
            params![index],
            |r| {
                let column: String = r.get(0)?;
                let collation: String = r.get(1)?;
                Ok(if collation == "NOCASE" {
                    format!("lower({column})")
                } else {
                    column
                })
            },
        )?;
        table.indexes.push((columns.join(","), unique, partial));
    }
    table.foreign_keys = sql.query_map(
        "SELECT \"from\", \"table\", \"to\", on_delete FROM pragma_foreign_key_list(?1)",
        params![name],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    let create: String = sql.query_row(
        "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?1",
        params![name],
        |r| r.get(0),
    )?;
    table.checks = create
        .match_indices("CHECK (")
        .map(|(at, _)| check(&create[at + "CHECK ".len()..]))
        .collect();
    table.indexes.sort();
    table.foreign_keys.sort();
    table.checks.sort();
    Ok(table)
}

fn postgres_table(sql: &dyn Sql, name: &str) -> Result<Table, DbError> {
    let mut table = Table::default();
    let columns = sql.query_map(
        "SELECT column_name::text, data_type::text, is_nullable::text, column_default::text,
                is_identity::text
         FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name = ?1 ORDER BY ordinal_position",
        params![name],
        |r| {
            Ok((
                r.get::<String>(0)?,
                r.get::<String>(1)?,
                r.get::<String>(2)?,
                r.get::<Option<String>>(3)?,
                r.get::<String>(4)?,
            ))
        },
    )?;
    for (column, ty, nullable, default, identity) in columns {
        let kind = match ty.as_str() {
            "bigint" => "integer",
            "text" => "text",
            "bytea" => "bytes",
            other => panic!("{name}.{column}: unexpected PostgreSQL type {other}"),
        };
        let default = if identity == "YES" {
            "generated".into()
        } else {
            default_kind(default.as_deref())
        };
        table
            .columns
            .push((column, kind, nullable == "NO", default));
    }
    table.primary_key = sql.query_map(
        "SELECT a.attname::text FROM pg_index i
         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
         WHERE i.indrelid = ?1::text::regclass AND i.indisprimary
         ORDER BY array_position(i.indkey::int2[], a.attnum)",
        params![name],
        |r| r.get(0),
    )?;
    table.indexes = sql.query_map(
        "SELECT (SELECT string_agg(pg_get_indexdef(i.indexrelid, k, true), ',' ORDER BY k)
                 FROM generate_series(1, i.indnkeyatts) AS k),
                i.indisunique, i.indpred IS NOT NULL
         FROM pg_index i WHERE i.indrelid = ?1::text::regclass AND NOT i.indisprimary",
        params![name],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    table.foreign_keys = sql.query_map(
        "SELECT a.attname::text, f.relname::text, af.attname::text,
                CASE c.confdeltype WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL'
                     WHEN 'a' THEN 'NO ACTION' ELSE c.confdeltype::text END
         FROM pg_constraint c
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
         JOIN pg_class f ON f.oid = c.confrelid
         JOIN pg_attribute af ON af.attrelid = c.confrelid AND af.attnum = c.confkey[1]
         WHERE c.contype = 'f' AND c.conrelid = ?1::text::regclass",
        params![name],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    table.checks = sql.query_map(
        "SELECT pg_get_constraintdef(oid) FROM pg_constraint
         WHERE contype = 'c' AND conrelid = ?1::text::regclass",
        params![name],
        |r| {
            let text: String = r.get(0)?;
            Ok(check(text.trim_start_matches("CHECK ")))
        },
    )?;
    table.indexes.sort();
    table.foreign_keys.sort();
    table.checks.sort();
    Ok(table)
}

/// A default as what it means: the current time in one of the stored forms, or a literal.
fn default_kind(default: Option<&str>) -> String {
    let Some(d) = default else {
        return "none".into();
    };
    if d.contains("%f") || d.contains(".MS") {
        "now, text to the millisecond".into()
    } else if d.contains("strftime") || d.contains("to_char") {
        "now, text to the second".into()
    } else if d.contains("unixepoch") || d.contains("epoch") {
        "now, unix seconds".into()
    } else {
        // `'[]'::text` and `'[]'`, `(0)` and `0`.
        d.split("::")
            .next()
            .unwrap_or_default()
            .trim_matches(|c| c == '(' || c == ')')
            .to_string()
    }
}

/// A check `(expression…)` as its first column and the literals it names.
fn check(text: &str) -> (String, Vec<String>) {
    let mut depth = 0;
    let mut end = text.len();
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    end = i;
                    break;
                }
            }
            _ => {}
        }
    }
    let expression = &text[..end];
    let column: String = expression
        .trim_start_matches(['(', ' '])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    let mut literals = Vec::new();
    let mut rest = expression;
    while let Some(start) = rest.find('\'') {
        let after = &rest[start + 1..];
        let stop = after.find('\'').unwrap_or(after.len());
        literals.push(after[..stop].to_string());
        rest = &after[(stop + 1).min(after.len())..];
    }
    // Numbers outside quotes: `IN (0, 1)` and `ANY (ARRAY[(0)::bigint, (1)::bigint])`.
    let unquoted: String = expression
        .split('\'')
        .step_by(2)
        .collect::<Vec<_>>()
        .join(" ");
    literals.extend(
        unquoted
            .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
            .filter(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()))
            .map(String::from),
    );
    literals.sort();
    (column, literals)
}

// proves issue #23: the migrations of both engines give the same tables, columns, keys,
// indexes, foreign keys and checks.
#[tokio::test]
async fn both_engines_migrate_to_the_same_schema() {
    let Some(_) = crate::pg::server() else {
        return;
    };
    let sqlite = TestCrm::demo_on(Engine::Sqlite).store(describe);
    let postgres = TestCrm::demo_on(Engine::Postgres).store(describe);
    assert!(sqlite.len() >= 20, "{:?}", sqlite.keys());
    assert_eq!(
        sqlite.keys().collect::<Vec<_>>(),
        postgres.keys().collect::<Vec<_>>()
    );
    for (name, table) in &sqlite {
        assert_eq!(Some(table), postgres.get(name), "table {name}");
    }
    // The reading itself reads something: a check, a case-blind index, a partial one.
    let contacts = &sqlite["contacts"];
    assert!(
        contacts
            .checks
            .contains(&("confidential".into(), vec!["0".into(), "1".into()]))
    );
    assert!(
        contacts
            .indexes
            .contains(&("lower(email)".into(), false, false))
    );
    assert!(contacts.indexes.contains(&("id".into(), false, true)));
    assert!(
        sqlite["users"]
            .indexes
            .contains(&("lower(email)".into(), true, false))
    );
    assert_eq!(sqlite["usage_tickets"].primary_key, ["user_id", "ticket"]);
}

// Defaults write the same text on both engines: a row inserted by other means (an import)
// reads like the CRM's own.
#[tokio::test]
async fn defaults_store_times_alike() {
    let Some(_) = crate::pg::server() else {
        return;
    };
    for engine in [Engine::Sqlite, Engine::Postgres] {
        let crm = TestCrm::demo_on(engine);
        crm.exec("INSERT INTO pools (name) VALUES ('Imported')");
        crm.exec(
            "INSERT INTO profile_links (kind, value, contact_id, same)
             SELECT 'public_id', 'someone', min(id), 1 FROM contacts",
        );
        let (pool, link): (String, String) = crm.store(|s| {
            s.query_row(
                "SELECT (SELECT created_at FROM pools WHERE name = 'Imported'),
                        (SELECT created_at FROM profile_links WHERE value = 'someone')",
                params![],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
        });
        let shape = |t: &str| {
            t.chars()
                .map(|c| if c.is_ascii_digit() { '9' } else { c })
                .collect::<String>()
        };
        assert_eq!(shape(&pool), "9999-99-99T99:99:99Z", "{engine:?}");
        assert_eq!(shape(&link), "9999-99-99T99:99:99.999Z", "{engine:?}");
    }
}
