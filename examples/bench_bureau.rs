//! Measures the finance bureau's view at county scale: 100 departments × 20 projects ×
//! 2 years = 4,000 project workbooks handed in, collected into one database, reviewed.
//!
//! ```text
//! cargo run --release --example bench_bureau -- --dir /tmp/bureau-bench [--keep]
//! ```
//!
//! Writes the workbooks under `DIR/in` (jixiao workbooks of the 科技项目资金 example,
//! renamed, with actuals and a typed score varied so that scores, grades and findings
//! differ), then times: `collect` of the folder in process (wall time, the process's CPU
//! time from /proc, and workbooks per CPU-second: the target is ≥ 100 per core), a
//! re-collect of the unchanged folder, and `review --year 2025 --json` of the 2,000
//! evaluations of one year by the release binary (median of 5; target < 300 ms). The
//! review screen's first frame and memory are measured by `scripts/bench-bureau.sh` in a
//! real pty. Deletes DIR afterwards unless `--keep`. A measurement, not a test.

use jixiao::domain::model::{EnteredScore, Typed};
use jixiao::export::xlsx::export_xlsx;
use jixiao::store::Store;
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const DEPARTMENTS: usize = 100;
const PROJECTS: usize = 20;
const YEARS: [i32; 2] = [2024, 2025];

/// User + system CPU time of this process so far (Linux: /proc/self/stat, in clock ticks
/// of 1/100 s).
fn cpu() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<u64>().ok()).unwrap_or(0);
    // After the command name: state is field 0, utime 11, stime 12.
    Duration::from_millis((ticks(11) + ticks(12)) * 10)
}

fn generate(folder: &Path) -> Duration {
    let started = Instant::now();
    let project = jixiao::file::from_toml(include_str!("../docs/examples/hengyang-2024-keji.toml")).expect("valid");
    for d in 0..DEPARTMENTS {
        let dir = folder.join(format!("单位{d:03}"));
        std::fs::create_dir_all(&dir).expect("creates the folder");
        for year in YEARS {
            for p in 0..PROJECTS {
                let mut ev = project.clone();
                ev.organisation.name = format!("测试县单位{d:03}");
                ev.project.name = format!("专项资金{p:02}");
                ev.year = year;
                // Vary the figures: some rows fall short, some typed scores break their rule.
                let n = d * 31 + p * 7 + year as usize;
                if let Some(row) = ev.indicators.get_mut(n % 3) {
                    row.actual = Typed::new(&format!("{}", n % 5)).expect("a number");
                }
                if n.is_multiple_of(4) {
                    let w = ev.indicators[1].weight;
                    ev.indicators[1].entered = Some(EnteredScore { score: w, reason: "按填报".into() });
                }
                if let Some(full) = ev.funds.full_year {
                    let share = Decimal::new(70 + (n % 31) as i64, 2);
                    ev.funds.executed = Some(jixiao::domain::money::Amount::wan(full.in_wan() * share));
                }
                let bytes = export_xlsx(&ev, &[]).expect("exports");
                std::fs::write(dir.join(format!("{year}-专项资金{p:02}.xlsx")), bytes).expect("writes");
            }
        }
    }
    started.elapsed()
}

fn main() {
    let mut dir = PathBuf::from("/tmp/jixiao-bench-bureau");
    let mut keep = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--dir" => dir = PathBuf::from(args.next().expect("--dir PATH")),
            "--keep" => keep = true,
            other => panic!("unknown argument {other}"),
        }
    }
    let folder = dir.join("in");
    let db = dir.join("bureau.db");
    let files = DEPARTMENTS * PROJECTS * YEARS.len();
    if !folder.exists() {
        let took = generate(&folder);
        println!("generated {files} workbooks in {:.1} s", took.as_secs_f64());
    }
    let _ = std::fs::remove_file(&db);
    let mut store = Store::open(&db).expect("opens");
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());

    let (wall, cpu0) = (Instant::now(), cpu());
    let report = jixiao::collect::collect(&mut store, std::slice::from_ref(&folder), false).expect("collects");
    let (wall, used) = (wall.elapsed(), cpu() - cpu0);
    let created = report.count(|o| *o == jixiao::collect::Outcome::Created);
    assert_eq!(created, files, "every workbook collected");
    println!(
        "collect {files} workbooks: {:.2} s wall on {cores} cores, {:.2} s CPU → {:.0} workbooks/s, {:.0} workbooks per CPU-second (target ≥ 100)",
        wall.as_secs_f64(),
        used.as_secs_f64(),
        files as f64 / wall.as_secs_f64(),
        files as f64 / used.as_secs_f64().max(0.001)
    );
    let again = Instant::now();
    let report = jixiao::collect::collect(&mut store, std::slice::from_ref(&folder), false).expect("collects");
    assert_eq!(report.count(|o| *o == jixiao::collect::Outcome::Unchanged), files);
    println!("re-collect, nothing changed: {:.2} s", again.elapsed().as_secs_f64());
    drop(store);

    let bin = std::env::current_exe().expect("its path");
    let bin = bin.parent().and_then(Path::parent).map(|p| p.join("jixiao")).expect("target/release/jixiao");
    let mut runs: Vec<Duration> = (0..5)
        .map(|_| {
            let started = Instant::now();
            let out = std::process::Command::new(&bin)
                .args(["--db", db.to_str().expect("a UTF-8 path"), "review", "--year", "2025", "--json"])
                .output()
                .expect("runs the binary (cargo build --release first)");
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
            started.elapsed()
        })
        .collect();
    runs.sort();
    println!(
        "review --year 2025 --json of {} evaluations: median {:.0} ms, max {:.0} ms (target < 300 ms)",
        DEPARTMENTS * PROJECTS,
        runs[2].as_secs_f64() * 1000.0,
        runs[4].as_secs_f64() * 1000.0
    );
    if keep {
        println!("kept {} (database {})", dir.display(), db.display());
    } else {
        let _ = std::fs::remove_dir_all(&dir);
    }
}
