//! What can go wrong with the database, in words a user can act on.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("“{0}”不是 jixiao 数据库（是其他程序的 SQLite 文件）：未做任何修改")]
    NotJixiao(PathBuf),
    #[error("“{0}”不是数据库文件：未做任何修改")]
    NotADatabase(PathBuf),
    #[error("数据库“{0}”已损坏（{1}）：未做任何修改，请从备份恢复")]
    Corrupt(PathBuf, String),
    #[error("数据库“{0}”是只读的：请检查文件权限，或用 --db 指定其他文件")]
    ReadOnly(PathBuf),
    #[error("数据库“{path}”由更新版本的 jixiao 创建（结构版本 {found}，本程序支持到 {supported}）：请升级 jixiao")]
    NewerSchema { path: PathBuf, found: i64, supported: i64 },
    #[error("无法打开数据库“{0}”：{1}")]
    Open(PathBuf, String),
    #[error("{organisation} {year}年的自评已存在")]
    Exists { organisation: String, year: i32 },
    #[error("{organisation} {year}年已有项目“{project}”的自评：同一单位同一年度的项目名称不能重复")]
    ProjectExists { organisation: String, year: i32, project: String },
    #[error("项目自评须有项目名称")]
    NoProjectName,
    #[error("找不到该自评（编号 {0}）：可能已被删除")]
    Missing(i64),
    #[error("此自评已在别处被修改（例如另一个窗口）：请重新打开后再编辑")]
    Conflict,
    #[error("数据库中的“{what}”无法读取：“{value}”")]
    BadData { what: String, value: String },
    #[error("“{0}”是内置模板的名称：请给本地模板另起一个名字")]
    PresetName(String),
    #[error("数据库被其他程序占用，请稍后再试")]
    Busy,
    #[error("数据库错误：{0}")]
    Sqlite(String),
}

pub type Result<T> = std::result::Result<T, StoreError>;

impl StoreError {
    /// Maps an SQLite error met while working on `path` to what it means for the user.
    pub fn from_sqlite(path: &std::path::Path, e: rusqlite::Error) -> StoreError {
        use rusqlite::ErrorCode as C;
        match e.sqlite_error_code() {
            Some(C::DatabaseCorrupt) => StoreError::Corrupt(path.to_path_buf(), e.to_string()),
            Some(C::NotADatabase) => StoreError::NotADatabase(path.to_path_buf()),
            Some(C::ReadOnly) | Some(C::CannotOpen) if path.exists() && is_read_only(path) => {
                StoreError::ReadOnly(path.to_path_buf())
            }
            Some(C::ReadOnly) => StoreError::ReadOnly(path.to_path_buf()),
            Some(C::DatabaseBusy) | Some(C::DatabaseLocked) => StoreError::Busy,
            _ => StoreError::Sqlite(e.to_string()),
        }
    }
}

/// Whether the file is marked read-only (no write permission bit), or cannot be opened
/// for writing. Root can write a 0444 file, but the mark says the owner wants it left alone.
pub fn is_read_only(path: &std::path::Path) -> bool {
    match std::fs::metadata(path) {
        Ok(m) if m.permissions().readonly() => true,
        Ok(_) => std::fs::OpenOptions::new().write(true).open(path).is_err(),
        Err(_) => false,
    }
}
