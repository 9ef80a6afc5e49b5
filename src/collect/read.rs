//! Reading one hand-in file into the evaluations it holds: a jixiao workbook, a hand-made
//! 自评表 workbook, an evaluation file (.toml) or another jixiao database. Never fails
//! as a whole: a file that cannot be read says why, in Chinese.

use crate::domain::model::Evaluation;
use crate::import::read_workbook;
use crate::store::Store;
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};

/// What kind of hand-in a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A workbook jixiao exported (it carries the whole evaluation).
    JixiaoWorkbook,
    /// A 自评表 typed in Excel or WPS.
    HandMade,
    /// An evaluation file.
    Toml,
    /// Another jixiao database: every evaluation in it.
    Database,
}

impl Source {
    pub fn label(self) -> &'static str {
        match self {
            Source::JixiaoWorkbook => "jixiao 工作簿",
            Source::HandMade => "自评表工作簿",
            Source::Toml => "评分文件",
            Source::Database => "jixiao 数据库",
        }
    }
}

/// One evaluation a file holds.
pub struct Candidate {
    pub evaluation: Evaluation,
    /// What was assumed or could not be read.
    pub notes: Vec<String>,
    pub stated_total: Option<Decimal>,
}

/// The kind a file's extension says it is: `Ok(None)` for files that are no hand-in
/// (a Word report, a PDF), `Err` for spreadsheets that must first be saved as .xlsx.
pub fn kind_of(path: &Path) -> Result<Option<&'static str>, String> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "xlsx" => Ok(Some("xlsx")),
        "toml" => Ok(Some("toml")),
        "db" | "sqlite" | "sqlite3" | "jixiao" => Ok(Some("db")),
        "xls" | "xlsm" | "xlsb" | "et" | "ett" | "ods" => {
            Err("请先在 Excel 或 WPS 中另存为 Excel 工作簿（.xlsx）".into())
        }
        _ => Ok(None),
    }
}

/// Reads a file of a kind [`kind_of`] accepts.
pub fn read(path: &Path, bytes: &[u8], kind: &str) -> Result<(Source, Vec<Candidate>), String> {
    match kind {
        "xlsx" => {
            let w = read_workbook(bytes, None).map_err(|e| e.to_string())?;
            if w.evaluation.organisation.name.trim().is_empty() {
                return Err("自评表中没有预算部门（单位名称）".into());
            }
            let source = if w.by_jixiao { Source::JixiaoWorkbook } else { Source::HandMade };
            Ok((source, vec![Candidate { evaluation: w.evaluation, notes: w.notes, stated_total: w.stated_total }]))
        }
        "toml" => {
            let text = std::str::from_utf8(bytes).map_err(|_| "不是 UTF-8 文本".to_string())?;
            let evaluation = crate::file::from_toml(text).map_err(|e| e.to_string())?;
            Ok((Source::Toml, vec![Candidate { evaluation, notes: Vec::new(), stated_total: None }]))
        }
        _ => read_database(path, bytes).map(|c| (Source::Database, c)),
    }
}

/// A database is read from a private copy: opening it upgrades an older schema, and a
/// hand-in is never changed by being collected.
fn read_database(path: &Path, bytes: &[u8]) -> Result<Vec<Candidate>, String> {
    let copy = private_copy(path, bytes).map_err(|e| format!("无法复制以读取：{e}"))?;
    let result = (|| {
        let store = Store::open(&copy.0).map_err(|e| e.to_string())?;
        let mut out = Vec::new();
        for s in store.list().map_err(|e| e.to_string())? {
            let evaluation = store.load(s.id).map_err(|e| e.to_string())?.evaluation;
            out.push(Candidate { evaluation, notes: Vec::new(), stated_total: None });
        }
        if out.is_empty() {
            return Err("数据库中没有自评".to_string());
        }
        Ok(out)
    })();
    drop(copy);
    result
}

/// A copy of a database (with its write-ahead log, which may hold committed pages) in
/// the temporary directory, removed when dropped.
struct Copy(PathBuf);

impl Drop for Copy {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.0.display()));
        }
    }
}

fn private_copy(path: &Path, bytes: &[u8]) -> std::io::Result<Copy> {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = format!("jixiao-collect-{}-{n}.db", std::process::id());
    let copy = Copy(std::env::temp_dir().join(name));
    std::fs::write(&copy.0, bytes)?;
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    if wal.exists() {
        std::fs::copy(&wal, format!("{}-wal", copy.0.display()))?;
    }
    Ok(copy)
}

/// FNV-1a, 64 bits, in hex: enough to tell one version of a file or an evaluation from
/// another (nothing here guards against a deliberate collision).
pub fn hash(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}
