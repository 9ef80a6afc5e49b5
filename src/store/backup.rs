//! Backups: a consistent copy of the database taken while others use it, automatic ones
//! before a migration and before `import --replace`, and restoring one.
//!
//! A copy is `VACUUM INTO` a temporary file beside the destination, then synced and
//! renamed: it reads one snapshot in a read transaction, so writers carry on meanwhile and
//! a half-written copy never has the final name. Automatic backups go to `backups/` beside
//! the database, named by date and reason (`jixiao-20250310-101502-123-before-import.db`);
//! the last [`KEEP`] of each reason are kept. Restoring checks the file first (a jixiao
//! database, a schema this release knows, SQLite's consistency check), keeps the database
//! it replaces in `backups/` (`…-replaced.db`, never pruned), then copies the backup in
//! with SQLite's online backup, which other connections see like any committed write.

use super::{APPLICATION_ID, Result, Store, StoreError, migrate};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

/// How many automatic backups of each reason are kept.
pub const KEEP: usize = 5;

/// Why an automatic backup was taken: part of its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    Manual,
    BeforeMigration,
    BeforeImport,
    Replaced,
}

impl Reason {
    fn key(self) -> &'static str {
        match self {
            Reason::Manual => "manual",
            Reason::BeforeMigration => "before-migration",
            Reason::BeforeImport => "before-import",
            Reason::Replaced => "replaced",
        }
    }
}

/// Where the automatic backups of the database at `db` go.
pub fn backup_dir(db: &Path) -> PathBuf {
    db.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).join("backups")
}

fn stem(db: &Path) -> String {
    db.file_stem().map_or("jixiao".into(), |s| s.to_string_lossy().into_owned())
}

/// `20250310-101502-123` (to the millisecond), local time, from SQLite (no date library
/// needed).
fn stamp(conn: &Connection) -> String {
    conn.query_row(
        "SELECT strftime('%Y%m%d-%H%M%S', 'now', 'localtime') || '-' || substr(strftime('%f', 'now'), 4)",
        [],
        |r| r.get(0),
    )
    .unwrap_or_else(|_| "00000000-000000-000".into())
}

fn io(path: &Path, e: std::io::Error) -> StoreError {
    StoreError::Open(path.into(), super::error::io_message(&e))
}

/// A consistent copy of `conn`'s database at `dest`, which must not exist yet.
fn copy_to(conn: &Connection, source: &Path, dest: &Path) -> Result<()> {
    if dest.exists() || dest.symlink_metadata().is_ok() {
        return Err(StoreError::Backup(dest.into(), "文件已存在，未覆盖".into()));
    }
    let name = dest.file_name().map_or("backup".into(), |n| n.to_string_lossy().into_owned());
    let part = dest.with_file_name(format!(".{name}.part-{}", std::process::id()));
    let _ = std::fs::remove_file(&part);
    let target = part.to_str().ok_or_else(|| StoreError::Backup(dest.into(), "路径须为有效的文字".into()))?;
    conn.execute("VACUUM INTO ?1", [target]).map_err(|e| {
        let _ = std::fs::remove_file(&part);
        StoreError::from_sqlite(source, e)
    })?;
    let finish = || -> std::io::Result<()> {
        #[cfg(unix)]
        std::fs::set_permissions(&part, std::os::unix::fs::PermissionsExt::from_mode(0o600))?;
        std::fs::File::open(&part)?.sync_all()?;
        std::fs::rename(&part, dest)
    };
    finish().map_err(|e| {
        let _ = std::fs::remove_file(&part);
        io(dest, e)
    })
}

/// Removes all but the newest [`KEEP`] automatic backups of `reason` for this database.
fn prune(dir: &Path, stem: &str, reason: Reason) {
    let suffix = format!("-{}.db", reason.key());
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut found: Vec<(std::time::SystemTime, String)> = entries
        .filter_map(|e| {
            let e = e.ok()?;
            let name = e.file_name().into_string().ok()?;
            let made = e.metadata().ok()?.modified().ok()?;
            (name.starts_with(&format!("{stem}-")) && name.ends_with(&suffix)).then_some((made, name))
        })
        .collect();
    // Oldest first (two taken in one second differ by their times, not their names).
    found.sort();
    let excess = found.len().saturating_sub(KEEP);
    for (_, name) in &found[..excess] {
        let _ = std::fs::remove_file(dir.join(name));
    }
}

/// Takes an automatic backup of the database at `path` into its `backups/` directory.
pub(super) fn automatic(conn: &Connection, path: &Path, reason: Reason) -> Result<PathBuf> {
    let dir = backup_dir(path);
    std::fs::create_dir_all(&dir).map_err(|e| io(&dir, e))?;
    #[cfg(unix)]
    let _ = std::fs::set_permissions(&dir, std::os::unix::fs::PermissionsExt::from_mode(0o700));
    let stem = stem(path);
    let base = format!("{stem}-{}", stamp(conn));
    // Two backups in one second get -2, -3 … before the reason.
    let dest = (1..)
        .map(|n| if n == 1 { format!("{base}-{}.db", reason.key()) } else { format!("{base}-{n}-{}.db", reason.key()) })
        .map(|name| dir.join(name))
        .find(|p| !p.exists())
        .expect("some name is free");
    copy_to(conn, path, &dest)?;
    if reason != Reason::Replaced && reason != Reason::Manual {
        prune(&dir, &stem, reason);
    }
    Ok(dest)
}

/// Checks that `path` is a jixiao database this release can open: its header, its
/// application id, a schema version it knows, and SQLite's consistency check. Returns
/// the schema version. Reads only.
pub fn check_backup(path: &Path) -> Result<i64> {
    if !path.is_file() {
        return Err(StoreError::Backup(path.into(), "文件不存在".into()));
    }
    super::check_header(path)?;
    if std::fs::metadata(path).map_err(|e| io(path, e))?.len() == 0 {
        return Err(StoreError::Backup(path.into(), "是空文件".into()));
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| StoreError::from_sqlite(path, e))?;
    let sql = |e| StoreError::from_sqlite(path, e);
    let app_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0)).map_err(sql)?;
    if app_id != APPLICATION_ID {
        return Err(StoreError::NotJixiao(path.into()));
    }
    let version = migrate::user_version(&conn).map_err(sql)?;
    if version > migrate::latest() {
        return Err(StoreError::NewerSchema { path: path.into(), found: version, supported: migrate::latest() });
    }
    if version < 1 {
        return Err(StoreError::Backup(path.into(), "其中没有 jixiao 的数据".into()));
    }
    let result: String = conn.query_row("PRAGMA quick_check(1)", [], |r| r.get(0)).map_err(sql)?;
    if result != "ok" {
        return Err(StoreError::Corrupt(path.into(), "一致性检查未通过".into()));
    }
    Ok(version)
}

impl Store {
    /// Writes a consistent copy of the database to `dest` (refused if it exists), while
    /// others may go on reading and writing it.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        copy_to(&self.conn, &self.path, dest)
    }

    /// Takes a backup into `backups/` beside the database; returns its path.
    pub fn backup_auto(&self, reason: Reason) -> Result<PathBuf> {
        automatic(&self.conn, &self.path, reason)
    }

    /// Replaces the whole database with the backup at `source`, after checking it
    /// ([`check_backup`]); the replaced database is kept in `backups/` first. Applies any
    /// migration the backup needs and records the restore in every evaluation's history.
    /// Returns where the replaced database was kept.
    pub fn restore(&mut self, source: &Path) -> Result<PathBuf> {
        check_backup(source)?;
        let kept = self.backup_auto(Reason::Replaced)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let from = Connection::open_with_flags(source, flags).map_err(|e| StoreError::from_sqlite(source, e))?;
        {
            let backup = rusqlite::backup::Backup::new(&from, &mut self.conn)
                .map_err(|e| StoreError::from_sqlite(&self.path, e))?;
            backup
                .run_to_completion(256, std::time::Duration::from_millis(20), None)
                .map_err(|e| StoreError::from_sqlite(&self.path, e))?;
        }
        let path = self.path.clone();
        let sql = |e| StoreError::from_sqlite(&path, e);
        migrate::migrate(&mut self.conn).map_err(sql)?;
        self.conn.pragma_update(None, "foreign_keys", true).map_err(sql)?;
        let note = source.display().to_string();
        let actor = self.actor.clone();
        let tx = self.begin()?;
        let ids: Vec<i64> = {
            let mut stmt = tx.prepare("SELECT id FROM evaluation ORDER BY id").map_err(sql)?;
            stmt.query_map([], |r| r.get(0)).map_err(sql)?.collect::<rusqlite::Result<_>>().map_err(sql)?
        };
        for id in ids {
            Store::note_whole(&tx, &actor, id, super::log::ChangeKind::Restore, "从备份恢复整个数据库", &note)
                .map_err(sql)?;
        }
        tx.commit().map_err(sql)?;
        Ok(kept)
    }
}
