//! The schema: `migrations/*.sql`, applied in order, each in one transaction, with the
//! number applied kept in `PRAGMA user_version`.

use rusqlite::{Connection, TransactionBehavior};

/// Every migration, in order. A test checks this list against the `migrations/` folder.
pub const MIGRATIONS: &[(&str, &str)] = &[("0001_initial.sql", include_str!("../../migrations/0001_initial.sql"))];

/// The schema version this binary writes.
pub fn latest() -> i64 {
    MIGRATIONS.len() as i64
}

pub fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
}

/// Applies the migrations not yet applied. Each runs in an IMMEDIATE transaction that
/// re-reads the version, so two processes opening a new file at once do not both apply it.
pub fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    for (index, (_, sql)) in MIGRATIONS.iter().enumerate() {
        let version = index as i64 + 1;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if user_version(&tx)? < version {
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", version)?;
        }
        tx.commit()?;
    }
    Ok(())
}
