//! The store: one SQLite file holding many organisations × years.
//!
//! Opening checks what the file is before touching it: a non-SQLite file, another
//! program's database, a corrupt or read-only file, or one written by a newer jixiao
//! is refused with a message and left exactly as it was. A new file is created
//! readable by its owner only. Every save is one transaction, and records itself in the
//! history (`log`). Opening a database whose schema is current writes nothing, so that
//! readers never wait for a writer; an older schema is backed up, then migrated.

mod apply;
pub mod backup;
mod collected;
mod error;
mod filing;
mod list;
pub mod log;
pub mod migrate;
mod narrative;
mod place;
mod read;
mod review_line;
mod templates;
mod write;

pub use apply::{Applied, Cached};
pub use collected::{CollectWrite, Collected};
pub use error::{Result, StoreError, io_message, is_read_only};
pub use filing::Filing;
pub use list::Summary;
pub use log::{Actor, ChangeKind, ChangeRecord};
pub use place::Place;
pub use templates::find_template;

use rusqlite::{Connection, OpenFlags};
use std::cell::Cell;
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
    /// Who the history names for changes made here.
    actor: Actor,
    /// The last write found the database busy (see `take_busy`).
    busy: Cell<bool>,
    /// How long a write waits for another program's write (`set_busy_timeout`).
    busy_wait: Cell<Duration>,
    /// Opening created the file.
    created: bool,
    /// The backup taken before a migration on opening, if one was.
    migrated_from: Option<PathBuf>,
}

/// An evaluation as stored: its id and revision travel with it so that a save can tell
/// whether someone else changed it in between.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub id: EvalId,
    pub revision: i64,
    pub evaluation: crate::domain::model::Evaluation,
    /// Filed (locked): when and by whom.
    pub filing: Option<Filing>,
}

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Refuses files that are not SQLite databases before SQLite gets to see them.
fn check_header(path: &Path) -> Result<()> {
    let mut head = Vec::with_capacity(16);
    let fail = |e: std::io::Error| StoreError::Open(path.into(), io_message(&e));
    let file = std::fs::File::open(path).map_err(fail)?;
    file.take(16).read_to_end(&mut head).map_err(fail)?;
    if !head.is_empty() && head.as_slice() != SQLITE_HEADER {
        return Err(StoreError::NotADatabase(path.into()));
    }
    Ok(())
}

/// Creates a new, empty file readable and writable by its owner only (0600).
fn create_private(path: &Path) -> Result<()> {
    let fail = |e: std::io::Error| StoreError::Open(path.into(), io_message(&e));
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

/// Makes a file readable and writable by its owner only, as a new database is.
#[cfg(unix)]
fn make_private(path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
        .map_err(|e| StoreError::Open(path.into(), io_message(&e)))
}

#[cfg(not(unix))]
fn make_private(_: &Path) -> Result<()> {
    Ok(())
}

/// A path that is a symbolic link to nothing: SQLite would say only "unable to open".
fn dangling(path: &Path) -> bool {
    path.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink()) && !path.exists()
}

impl Store {
    /// Opens the database at `path`, creating it if it does not exist (the terminal UI,
    /// `demo`, `import`), and applying any pending migrations.
    pub fn open(path: &Path) -> Result<Store> {
        if dangling(path) {
            return Err(StoreError::Open(path.into(), "这是指向不存在的文件的符号链接".into()));
        }
        if path.is_dir() {
            return Err(StoreError::Open(path.into(), "这是一个目录".into()));
        }
        let mut created = false;
        if path.exists() {
            check_header(path)?;
            if is_read_only(path) {
                return Err(StoreError::ReadOnly(path.into()));
            }
            // An empty file (made by `touch`, or by a shell redirection) becomes a
            // database: private, like one jixiao creates.
            if std::fs::metadata(path).is_ok_and(|m| m.len() == 0) {
                make_private(path)?;
                created = true;
            }
        } else {
            create_private(path)?;
            created = true;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| StoreError::from_sqlite(path, e))?;
        let mut store = Store::setup(conn, path)?;
        store.created = created;
        Ok(store)
    }

    /// Opens an existing database: a command that only reads (`list`, `score`, `check`,
    /// `export`, `compare`, `history`) creates nothing, and says so when the path is
    /// wrong rather than showing an empty new database.
    pub fn open_existing(path: &Path) -> Result<Store> {
        if !path.exists() && !dangling(path) {
            return Err(StoreError::NoDatabase(path.into()));
        }
        if std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == 0) {
            return Err(StoreError::NoDatabase(path.into()));
        }
        Store::open(path)
    }

    /// A private in-memory database, for tests.
    pub fn open_in_memory() -> Result<Store> {
        let path = Path::new(":memory:");
        let conn = Connection::open_in_memory().map_err(|e| StoreError::from_sqlite(path, e))?;
        Store::setup(conn, path)
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
        // Setting the journal mode takes a lock: only when it is not WAL already, so that
        // opening a database another program is writing does not wait for it.
        let mode: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).map_err(sql)?;
        if !mode.eq_ignore_ascii_case("wal") && path != Path::new(":memory:") {
            conn.pragma_update(None, "journal_mode", "WAL").map_err(sql)?;
        }
        // FULL: a confirmed edit survives a power cut, not just a killed process.
        conn.pragma_update(None, "synchronous", "FULL").map_err(sql)?;
        if fresh {
            conn.pragma_update(None, "application_id", APPLICATION_ID).map_err(sql)?;
        }
        let mut migrated_from = None;
        if version < migrate::latest() {
            // An older release's data is copied aside before its schema changes.
            if !fresh && path != Path::new(":memory:") {
                migrated_from = Some(backup::automatic(&conn, path, backup::Reason::BeforeMigration)?);
            }
            migrate::migrate(&mut conn).map_err(sql)?;
        }
        conn.pragma_update(None, "foreign_keys", true).map_err(sql)?;
        Ok(Store {
            conn,
            path: path.into(),
            actor: Actor::from_env(),
            busy: Cell::new(false),
            busy_wait: Cell::new(Duration::from_secs(5)),
            created: fresh && path != Path::new(":memory:"),
            migrated_from,
        })
    }

    /// Whether opening created the database (a new file, or an empty one adopted).
    pub fn created(&self) -> bool {
        self.created
    }

    /// The backup taken before this opening migrated an older database, if any.
    pub fn migrated_from(&self) -> Option<&Path> {
        self.migrated_from.as_deref()
    }

    /// How long a write waits for another program's write before giving up with `Busy`
    /// (5 seconds unless set; the terminal UI waits briefly and then says it is waiting).
    pub fn set_busy_timeout(&self, timeout: Duration) -> Result<()> {
        self.busy_wait.set(timeout);
        self.conn.busy_timeout(timeout).map_err(|e| self.sql(e))
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
        if result == "ok" {
            Ok(())
        } else {
            Err(StoreError::Corrupt(self.path.clone(), "一致性检查未通过".into()))
        }
    }
}

/// The default database: `jixiao.db` in the platform's data directory
/// (e.g. `~/.local/share/jixiao/jixiao.db` on Linux).
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "jixiao").map(|d| d.data_dir().join("jixiao.db"))
}
