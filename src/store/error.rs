//! What can go wrong with the database, in words a user can act on: every message is
//! Chinese, one line, and names the file. SQLite's and the operating system's own
//! (English) phrases never reach the user.

pub use crate::domain::text::io_message;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("“{0}”不是 jixiao 数据库（是其他程序的 SQLite 文件）：未做任何修改")]
    NotJixiao(PathBuf),
    #[error("“{0}”不是数据库文件：未做任何修改")]
    NotADatabase(PathBuf),
    #[error("数据库“{0}”已损坏（{1}）：未做任何修改，请从备份恢复（jixiao restore 备份文件）")]
    Corrupt(PathBuf, String),
    #[error("数据库“{0}”是只读的：请检查文件权限，或用 --db 指定其他文件")]
    ReadOnly(PathBuf),
    #[error("数据库“{path}”由更新版本的 jixiao 创建（结构版本 {found}，本程序支持到 {supported}）：请升级 jixiao")]
    NewerSchema { path: PathBuf, found: i64, supported: i64 },
    #[error("无法打开数据库“{0}”：{1}")]
    Open(PathBuf, String),
    #[error("数据库“{0}”不存在：请检查 --db 或 JIXIAO_DB 的路径（jixiao demo、import、collect 和界面会新建数据库）")]
    NoDatabase(PathBuf),
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
    #[error("此自评已提交（{by}，{at}），只读：如需修改，请先解锁（开始页按 l，或 jixiao unlock … --reason 原因）")]
    Filed { at: String, by: String },
    #[error("解锁须写明原因")]
    NoReason,
    #[error("此自评尚未提交，无需解锁")]
    NotFiled,
    #[error("数据库中的“{what}”无法读取：“{value}”")]
    BadData { what: String, value: String },
    #[error("“{0}”是内置模板的名称：请给本地模板另起一个名字")]
    PresetName(String),
    #[error("数据库被其他程序占用（正在写入），请稍后再试")]
    Busy,
    #[error("磁盘已满：数据库“{0}”未能写入，未做任何修改；请腾出磁盘空间后再试")]
    DiskFull(PathBuf),
    #[error("读写数据库“{0}”时出错（磁盘或文件系统故障）：未做任何修改")]
    Io(PathBuf),
    #[error("备份“{0}”无法使用：{1}")]
    Backup(PathBuf, String),
    #[error("数据库“{0}”出错：{1}")]
    Sqlite(PathBuf, String),
}

pub type Result<T> = std::result::Result<T, StoreError>;

impl StoreError {
    /// Maps an SQLite error met while working on `path` to what it means for the user.
    pub fn from_sqlite(path: &std::path::Path, e: rusqlite::Error) -> StoreError {
        use rusqlite::ErrorCode as C;
        let p = path.to_path_buf();
        match &e {
            // A TEXT cell that is not UTF-8 can only be a damaged page (jixiao writes UTF-8).
            rusqlite::Error::Utf8Error(..) | rusqlite::Error::FromSqlConversionFailure(..) => {
                return StoreError::Corrupt(p, "有内容不是有效的文字".into());
            }
            rusqlite::Error::InvalidColumnType(..) => return StoreError::Corrupt(p, "有内容的类型不对".into()),
            _ => {}
        }
        match e.sqlite_error_code() {
            Some(C::DatabaseCorrupt) => StoreError::Corrupt(p, "数据页已损坏".into()),
            Some(C::NotADatabase) => StoreError::NotADatabase(p),
            Some(C::ReadOnly) | Some(C::CannotOpen) if path.exists() && is_read_only(path) => StoreError::ReadOnly(p),
            Some(C::ReadOnly) => StoreError::ReadOnly(p),
            Some(C::CannotOpen) => StoreError::Open(p, "文件或其所在目录无法访问".into()),
            Some(C::DatabaseBusy) | Some(C::DatabaseLocked) => StoreError::Busy,
            Some(C::DiskFull) => StoreError::DiskFull(p),
            Some(C::SystemIoFailure) => StoreError::Io(p),
            Some(C::TooBig) => StoreError::Sqlite(p, "内容过大".into()),
            Some(C::PermissionDenied) => StoreError::Open(p, "没有权限".into()),
            Some(C::OutOfMemory) => StoreError::Sqlite(p, "内存不足".into()),
            Some(C::ConstraintViolation) => StoreError::Sqlite(p, "内容不符合数据库的约束".into()),
            // Anything else is a fault of this program: its number helps to find it.
            _ => StoreError::Sqlite(
                p,
                match &e {
                    rusqlite::Error::SqliteFailure(f, _) => format!("内部错误（SQLite 错误码 {}）", f.extended_code),
                    _ => "内部错误".into(),
                },
            ),
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
