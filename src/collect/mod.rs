//! `jixiao collect`: a folder of hand-ins into one database (`docs/bureau.md`).
//!
//! Every file is read on its own (in parallel; a bad file is refused with its reason and
//! the rest go on), one evaluation per organisation, year, kind and project is kept (a
//! duplicate is named, of two versions the newer file wins), each is compared with what
//! is stored, and everything that changed is written in one transaction.
//!
//! An evaluation saved here after it was collected (its revision moved on and its content
//! differs from what was collected), or one never collected, is "edited locally": a file
//! does not overwrite it unless `replace` is asked for. A filed (已提交) evaluation is
//! never overwritten: it is refused with that reason.

pub mod read;

use crate::domain::model::Evaluation;
use crate::domain::score::score;
use crate::file::to_toml;
use crate::store::{CollectWrite, EvalId, Store, StoreError};
use read::{Candidate, Source, hash};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// What became of one evaluation a file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Created,
    /// Stored over the previous version; what changed, in Chinese.
    Updated(String),
    Unchanged,
    /// The stored evaluation was edited here since: kept (no `--replace`).
    EditedLocally,
    /// The stored evaluation is filed (已提交): refused, even with `--replace`, until it
    /// is unlocked (`docs/trust.md`).
    Filed,
    /// The same evaluation, with the same content, is in an earlier file.
    Duplicate(PathBuf),
    /// Another version of it is in a newer file, which was collected instead.
    Superseded(PathBuf),
}

/// One evaluation of a file and what became of it.
#[derive(Debug, Clone)]
pub struct Item {
    pub label: String,
    /// `总分 95.00（优）`, by what the file holds.
    pub total: String,
    pub outcome: Outcome,
    /// What was assumed or could not be read.
    pub notes: Vec<String>,
}

/// One file and what became of it.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub path: PathBuf,
    pub source: Option<Source>,
    /// Why the file was refused or skipped as a whole.
    pub refused: Option<String>,
    /// Not a hand-in at all (a Word report, a PDF): skipped, not refused.
    pub skipped: bool,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, Default)]
pub struct Report {
    pub files: Vec<FileReport>,
}

impl Report {
    /// How many evaluations had an outcome of this kind.
    pub fn count(&self, pred: impl Fn(&Outcome) -> bool) -> usize {
        self.files.iter().flat_map(|f| &f.items).filter(|i| pred(&i.outcome)).count()
    }

    pub fn refused_files(&self) -> usize {
        self.files.iter().filter(|f| f.refused.is_some() && !f.skipped).count()
    }
}

/// Every file under the folders (or the files given), sorted, skipping hidden files and
/// Office lock files (`~$…`).
pub fn files_in(paths: &[PathBuf]) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for p in entries {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name.starts_with('.') || name.starts_with("~$") {
                continue;
            }
            if p.is_dir() { walk(&p, out) } else { out.push(p) }
        }
    }
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() { walk(p, &mut out) } else { out.push(p.clone()) }
    }
    out
}

/// A file read: its bytes' hash, its modification time, and what it holds.
struct Read {
    file_hash: String,
    modified: SystemTime,
    /// `Ok(None)`: the file is byte for byte one collected before whose evaluations are
    /// still as collected, so it was not parsed again.
    result: Result<Option<(Source, Vec<Candidate>)>, String>,
}

fn read_one(path: &Path, kind: &str, known: &HashSet<String>) -> Read {
    let modified = std::fs::metadata(path).and_then(|m| m.modified()).unwrap_or(SystemTime::UNIX_EPOCH);
    match std::fs::read(path) {
        Ok(bytes) => {
            let file_hash = hash(&bytes);
            let result = if known.contains(&file_hash) { Ok(None) } else { read::read(path, &bytes, kind).map(Some) };
            Read { file_hash, modified, result }
        }
        Err(e) => Read { file_hash: String::new(), modified, result: Err(format!("无法读取：{e}")) },
    }
}

/// Reads the files on every core; results in the order given.
fn read_all(jobs: &[(usize, &'static str)], files: &[PathBuf], known: &HashSet<String>) -> Vec<Read> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(jobs.len().max(1));
    let chunk = jobs.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = jobs
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || part.iter().map(|&(i, kind)| read_one(&files[i], kind, known)).collect::<Vec<_>>())
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("reading a file does not panic")).collect()
    })
}

/// What changed between the stored version and the file's, in a few words.
fn changes(old: &Evaluation, new: &Evaluation) -> String {
    let (a, b) = (score(old), score(new));
    let mut parts = Vec::new();
    if a.total != b.total {
        parts.push(format!("总分 {} → {}", a.show(a.total), b.show(b.total)));
    }
    let rows = old.indicators.len().max(new.indicators.len());
    let changed = (0..rows).filter(|&i| old.indicators.get(i) != new.indicators.get(i)).count();
    if changed > 0 {
        parts.push(format!("指标 {changed} 行有改动"));
    }
    if old.funds != new.funds || old.budget != new.budget || old.project.funds != new.project.funds {
        parts.push("资金数字有改动".into());
    }
    if parts.is_empty() {
        parts.push("其他内容有改动".into());
    }
    parts.join("，")
}

type Key = (String, i32, crate::domain::project::Kind, String);
/// Where a candidate is: (file, item), its content hash, its file's modification time.
type At = (usize, usize, String, SystemTime);

/// Keeps one candidate per key: the first of identical ones (the others are duplicates),
/// the newest file's of different ones (the others are superseded, also when already
/// chosen). `Created` for the one kept, so far.
fn choose(chosen: &mut HashMap<Key, At>, report: &mut Report, files: &[PathBuf], key: Key, at: At) -> Outcome {
    match chosen.get(&key) {
        Some((f, _, h, _)) if *h == at.2 => Outcome::Duplicate(files[*f].clone()),
        Some((f, _, _, m)) if *m > at.3 => Outcome::Superseded(files[*f].clone()),
        Some(&(f, n, ..)) => {
            report.files[f].items[n].outcome = Outcome::Superseded(files[at.0].clone());
            chosen.insert(key, at);
            Outcome::Created
        }
        None => {
            chosen.insert(key, at);
            Outcome::Created
        }
    }
}

/// [`Evaluation::label`] of a stored evaluation.
fn label(s: &crate::store::Summary) -> String {
    match s.kind {
        crate::domain::project::Kind::Department => format!("{} {}年", s.organisation, s.year),
        crate::domain::project::Kind::Project => format!("{} {}年 项目“{}”", s.organisation, s.year, s.project),
    }
}

fn key_of(ev: &Evaluation) -> Key {
    let project = if ev.is_project() { ev.project.name.trim().to_string() } else { String::new() };
    (ev.organisation.name.trim().to_string(), ev.year, ev.kind, project)
}

/// Collects the files under `paths` into the store. Only a failure to write the store
/// is an error; every file's own trouble is in the report.
pub fn collect(store: &mut Store, paths: &[PathBuf], replace: bool) -> Result<Report, StoreError> {
    let own = std::fs::canonicalize(store.path()).ok();
    let files: Vec<PathBuf> = files_in(paths)
        .into_iter()
        .filter(|p| {
            let c = std::fs::canonicalize(p).ok();
            let name = p.to_string_lossy();
            own.is_none() || (c != own && !name.ends_with("-wal") && !name.ends_with("-shm"))
        })
        .collect();
    let mut report = Report::default();
    let mut jobs = Vec::new();
    for (i, path) in files.iter().enumerate() {
        let (refused, skipped) = match read::kind_of(path) {
            Ok(Some(kind)) => {
                jobs.push((i, kind));
                (None, false)
            }
            Ok(None) => (Some("不是自评表工作簿、评分文件或 jixiao 数据库，未收集".to_string()), true),
            Err(why) => (Some(why), false),
        };
        report.files.push(FileReport { path: path.clone(), source: None, refused, skipped, items: Vec::new() });
    }
    let known = store.unchanged_files()?;
    let reads = read_all(&jobs, &files, &known);
    let summaries: HashMap<EvalId, crate::store::Summary> =
        if known.is_empty() { HashMap::new() } else { store.list()?.into_iter().map(|s| (s.id, s)).collect() };

    // One candidate per key: (file, candidate, content hash, modified).
    let mut chosen: HashMap<Key, At> = HashMap::new();
    let mut held: Vec<Vec<Option<(Candidate, String)>>> = (0..files.len()).map(|_| Vec::new()).collect();
    let mut file_hash: Vec<String> = vec![String::new(); files.len()];
    for (&(i, _), read) in jobs.iter().zip(reads) {
        file_hash[i] = read.file_hash;
        let (source, candidates) = match read.result {
            Ok(Some(r)) => r,
            Ok(None) => {
                for (id, _) in store.from_file(&file_hash[i])? {
                    let Some(s) = summaries.get(&id) else { continue };
                    let key = (s.organisation.clone(), s.year, s.kind, s.project.clone());
                    let content = store.collected(id)?.map(|c| c.content_hash).unwrap_or_default();
                    let at = (i, held[i].len(), content, read.modified);
                    let outcome = match choose(&mut chosen, &mut report, &files, key, at) {
                        Outcome::Created => Outcome::Unchanged,
                        other => other,
                    };
                    report.files[i].items.push(Item {
                        label: label(s),
                        total: format!("总分 {}（{}）", s.total, s.grade),
                        outcome,
                        notes: Vec::new(),
                    });
                    held[i].push(None);
                }
                continue;
            }
            Err(why) => {
                report.files[i].refused = Some(why);
                continue;
            }
        };
        report.files[i].source = Some(source);
        for (c, candidate) in candidates.into_iter().enumerate() {
            let content = hash(to_toml(&candidate.evaluation).as_bytes());
            let key = key_of(&candidate.evaluation);
            let sheet = score(&candidate.evaluation);
            let total = format!("总分 {}（{}）", sheet.show(sheet.total), sheet.grade.label());
            let outcome = choose(&mut chosen, &mut report, &files, key, (i, c, content.clone(), read.modified));
            report.files[i].items.push(Item {
                label: candidate.evaluation.label(),
                total,
                outcome,
                notes: candidate.notes.clone(),
            });
            held[i].push(Some((candidate, content)));
        }
    }

    // Against the store.
    let mut plan: Vec<(usize, usize, Option<EvalId>, bool)> = Vec::new(); // (file, item, existing, write?)
    let mut order: Vec<&At> = chosen.values().collect();
    order.sort_by_key(|(f, c, ..)| (*f, *c));
    for &(f, c, ref content, _) in order {
        let Some((candidate, _)) = &held[f][c] else { continue };
        let ev = &candidate.evaluation;
        let Some(id) = store.find_of(ev)? else {
            plan.push((f, c, None, true));
            continue;
        };
        let stored = store.load(id)?;
        let stored_hash = hash(to_toml(&stored.evaluation).as_bytes());
        let outcome = if stored_hash == *content {
            plan.push((f, c, Some(id), false));
            Outcome::Unchanged
        } else if store.filing(id)?.is_some() {
            Outcome::Filed
        } else {
            let edited = match store.collected(id)? {
                None => true,
                Some(r) => r.revision != stored.revision && r.content_hash != stored_hash,
            };
            if edited && !replace {
                Outcome::EditedLocally
            } else {
                plan.push((f, c, Some(id), true));
                Outcome::Updated(changes(&stored.evaluation, ev))
            }
        };
        report.files[f].items[c].outcome = outcome;
    }
    let write = |&(f, c, existing, _): &(usize, usize, Option<EvalId>, bool)| {
        let (candidate, content) = held[f][c].as_ref().expect("planned items were read");
        CollectWrite {
            evaluation: &candidate.evaluation,
            existing,
            source: files[f].display().to_string(),
            file_hash: file_hash[f].clone(),
            content_hash: content.clone(),
            stated_total: candidate.stated_total,
        }
    };
    let writes: Vec<CollectWrite> = plan.iter().filter(|p| p.3).map(write).collect();
    let touched: Vec<CollectWrite> = plan.iter().filter(|p| !p.3).map(write).collect();
    store.write_collected(&writes, &touched)?;
    // The bureau's review comes next: make the lines of the years collected now, while
    // the hand-ins are fresh, so that the review screen opens on stored lines. A line
    // that cannot be made now (the database busy) is made by the review itself.
    let mut years: Vec<i32> = writes.iter().chain(&touched).map(|w| w.evaluation.year).collect();
    years.sort_unstable();
    years.dedup();
    for year in years {
        let _ = store.prepare_review(year);
    }
    Ok(report)
}
