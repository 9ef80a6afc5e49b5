//! The store: one SQLite file holding many organisations × years.
//!
//! Opening checks what the file is before touching it: a non-SQLite file, another
//! program's database, a corrupt or read-only file, or one written by a newer jixiao
//! is refused with a message and left exactly as it was. A new file is created
//! readable by its owner only. Every save is one transaction.

mod collected;
mod error;
mod list;
pub mod migrate;
mod read;
mod write;

pub use collected::{CollectWrite, Collected};
pub use error::{Result, StoreError, is_read_only};
pub use list::Summary;

use rusqlite::{Connection, OpenFlags};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// `PRAGMA application_id` of a jixiao database ("JXIA"), so that another program's
/// SQLite file is recognised as such.
pub const APPLICATION_ID: i32 = 0x4A58_4941;

/// An evaluation's row id.
pub type EvalId = i64;

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// An evaluation as stored: its id and revision travel with it so that a save can tell
/// whether someone else changed it in between.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub id: EvalId,
    pub revision: i64,
    pub evaluation: crate::domain::model::Evaluation,
}

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Refuses files that are not SQLite databases before SQLite gets to see them.
fn check_header(path: &Path) -> Result<()> {
    let mut head = Vec::with_capacity(16);
    let file = std::fs::File::open(path).map_err(|e| StoreError::Open(path.into(), e.to_string()))?;
    file.take(16).read_to_end(&mut head).map_err(|e| StoreError::Open(path.into(), e.to_string()))?;
    if !head.is_empty() && head.as_slice() != SQLITE_HEADER {
        return Err(StoreError::NotADatabase(path.into()));
    }
    Ok(())
}

/// Creates a new, empty file readable and writable by its owner only (0600).
fn create_private(path: &Path) -> Result<()> {
    let fail = |e: std::io::Error| StoreError::Open(path.into(), e.to_string());
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
        .open(path)
        .map(drop)
        .or_else(|e| if e.kind() == std::io::ErrorKind::AlreadyExists { Ok(()) } else { Err(fail(e)) })
}

impl Store {
    /// Opens (or creates) the database at `path`, applying any pending migrations.
    pub fn open(path: &Path) -> Result<Store> {
        if path.is_dir() {
            return Err(StoreError::Open(path.into(), "这是一个目录".into()));
        }
        if path.exists() {
            check_header(path)?;
            if is_read_only(path) {
                return Err(StoreError::ReadOnly(path.into()));
            }
        } else {
            create_private(path)?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| StoreError::from_sqlite(path, e))?;
        Store::setup(conn, path)
    }

    /// A private in-memory database, for tests.
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory().map_err(|e| StoreError::Sqlite(e.to_string()))?;
        Store::setup(conn, Path::new(":memory:"))
    }

    fn setup(mut conn: Connection, path: &Path) -> Result<Store> {
        let sql = |e| StoreError::from_sqlite(path, e);
        conn.busy_timeout(Duration::from_secs(5)).map_err(sql)?;
        // Identify the file before changing anything in it (even the journal mode).
        let app_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0)).map_err(sql)?;
        let version = migrate::user_version(&conn).map_err(sql)?;
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0)).map_err(sql)?;
        let fresh = app_id == 0 && version == 0 && tables == 0;
        if !fresh && app_id != APPLICATION_ID {
            return Err(StoreError::NotJixiao(path.into()));
        }
        if version > migrate::latest() {
            return Err(StoreError::NewerSchema { path: path.into(), found: version, supported: migrate::latest() });
        }
        conn.pragma_update(None, "journal_mode", "WAL").map_err(sql)?;
        // FULL: a confirmed edit survives a power cut, not just a killed process.
        conn.pragma_update(None, "synchronous", "FULL").map_err(sql)?;
        if fresh {
            conn.pragma_update(None, "application_id", APPLICATION_ID).map_err(sql)?;
        }
        migrate::migrate(&mut conn).map_err(sql)?;
        conn.pragma_update(None, "foreign_keys", true).map_err(sql)?;
        Ok(Store { conn, path: path.into() })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn sql(&self, e: rusqlite::Error) -> StoreError {
        StoreError::from_sqlite(&self.path, e)
    }

    /// Runs SQLite's own consistency check (`PRAGMA quick_check`).
    pub fn verify(&self) -> Result<()> {
        let result: String = self.conn.query_row("PRAGMA quick_check(1)", [], |r| r.get(0)).map_err(|e| self.sql(e))?;
        if result == "ok" { Ok(()) } else { Err(StoreError::Corrupt(self.path.clone(), result)) }
    }
}

/// The default database: `jixiao.db` in the platform's data directory
/// (e.g. `~/.local/share/jixiao/jixiao.db` on Linux).
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "jixiao").map(|d| d.data_dir().join("jixiao.db"))
}
