//! The schema: `migrations/*.sql`, applied in order, each in one transaction, with the
//! number applied kept in `PRAGMA user_version`.

use rusqlite::{Connection, TransactionBehavior};

/// Every migration, in order. A test checks this list against the `migrations/` folder.
pub const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_initial.sql", include_str!("../../migrations/0001_initial.sql")),
    ("0002_projects.sql", include_str!("../../migrations/0002_projects.sql")),
    ("0003_history_and_filing.sql", include_str!("../../migrations/0003_history_and_filing.sql")),
    ("0004_templates.sql", include_str!("../../migrations/0004_templates.sql")),
    ("0005_place.sql", include_str!("../../migrations/0005_place.sql")),
    ("0006_collected.sql", include_str!("../../migrations/0006_collected.sql")),
    ("0007_review_line.sql", include_str!("../../migrations/0007_review_line.sql")),
];

/// The schema version this binary writes.
pub fn latest() -> i64 {
    MIGRATIONS.len() as i64
}

pub fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
}

/// Applies the migrations not yet applied. Each runs in an IMMEDIATE transaction that
/// re-reads the version, so two processes opening a new file at once do not both apply it.
///
/// Foreign keys are off while they run (SQLite ignores the pragma inside a transaction,
/// so it is set around them): a migration that rebuilds a table drops the old one, and
/// with foreign keys on that would delete every row referring to it. Before each
/// migration commits, `foreign_key_check` must find every reference intact; the caller
/// turns foreign keys on afterwards.
pub fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    conn.pragma_update(None, "foreign_keys", false)?;
    for (index, (_, sql)) in MIGRATIONS.iter().enumerate() {
        let version = index as i64 + 1;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if user_version(&tx)? < version {
            tx.execute_batch(sql)?;
            let broken: i64 = tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
            if broken > 0 {
                // Rolled back when `tx` drops: the file stays as it was.
                return Err(rusqlite::Error::SqliteFailure(
                    rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT),
                    Some(format!("migration {version} would leave {broken} rows without their evaluation")),
                ));
            }
            tx.pragma_update(None, "user_version", version)?;
        }
        tx.commit()?;
    }
    Ok(())
}
