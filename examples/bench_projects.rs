//! Measures the start screen and a department's year when every year holds projects:
//! 50 organisations × 10 years × (the department + 10 projects) = 5,500 evaluations.
//!
//! ```text
//! cargo run --release --example bench_projects -- --db /tmp/projects.db [--reps 30]
//! ```
//!
//! Builds the database through the real `Store` API if the file does not exist yet (the
//! seed as every department, its 科技项目资金 example as every project, renamed), then
//! times: the start screen (open, list, tree, a frame at 80×24); opening a department
//! with its year's projects (loaded for 四、项目绩效目标完成情况 and the 专项资金 check);
//! a project compared across its 10 years. Prints the median and the maximum. A
//! measurement, not a test: timings depend on the machine.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use jixiao::app::{App, Screen};
use jixiao::domain::compare::compare;
use jixiao::store::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::PathBuf;
use std::time::{Duration, Instant};

const ORGANISATIONS: usize = 50;
const YEARS: std::ops::Range<i32> = 2015..2025;
const PROJECTS: usize = 10;

fn build(db: &std::path::Path) -> Duration {
    let started = Instant::now();
    let dept = jixiao::file::from_toml(jixiao::cli::DEMO_TOML).expect("the demo file is valid");
    let project = jixiao::file::from_toml(include_str!("../docs/examples/hengyang-2024-keji.toml")).expect("valid");
    let mut store = Store::open(db).expect("opens");
    for o in 0..ORGANISATIONS {
        for year in YEARS {
            let mut batch = Vec::with_capacity(PROJECTS + 1);
            let mut d = dept.clone();
            d.organisation.name = format!("测试单位{o:02}");
            d.year = year;
            batch.push(d);
            for p in 0..PROJECTS {
                let mut ev = project.clone();
                ev.organisation.name = format!("测试单位{o:02}");
                ev.year = year;
                ev.project.name = format!("专项资金{p:02}");
                batch.push(ev);
            }
            store.create_all(&batch).expect("stored");
        }
    }
    started.elapsed()
}

fn time(label: &str, reps: usize, mut task: impl FnMut(usize)) {
    let runs: Vec<Duration> = (0..reps)
        .map(|rep| {
            let started = Instant::now();
            task(rep);
            started.elapsed()
        })
        .collect();
    report(label, runs);
}

fn report(label: &str, mut runs: Vec<Duration>) {
    let reps = runs.len();
    runs.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("{label:<52} median {:>7.2} ms   max {:>7.2} ms   ({reps} runs)", ms(runs[reps / 2]), ms(runs[reps - 1]));
}

fn press(app: &mut App, code: KeyCode) {
    app.handle(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn main() {
    let mut db = PathBuf::from("/tmp/jixiao-bench-projects.db");
    let mut reps = 30;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--db" => db = args.next().expect("--db PATH").into(),
            "--reps" => reps = args.next().and_then(|n| n.parse().ok()).expect("--reps N"),
            other => panic!("unknown argument {other}: use --db PATH [--reps N]"),
        }
    }
    if !db.exists() {
        println!("built {} in {:.1} s", db.display(), build(&db).as_secs_f64());
    }
    let total = ORGANISATIONS * YEARS.len() * (PROJECTS + 1);
    let store = Store::open(&db).expect("opens");
    time("Store::list alone", reps, |_| assert_eq!(store.list().expect("lists").len(), total));
    let all = store.list().expect("lists");
    time("the tree alone (group, sort, fold)", reps, |_| {
        let lines = jixiao::app::start::tree::lines(&all, "", Default::default(), &Default::default());
        assert_eq!(lines.len(), ORGANISATIONS * YEARS.len() * 2);
    });
    drop(store);
    let mut term = Terminal::new(TestBackend::new(80, 24)).expect("a test terminal");
    time("start screen: open + list + tree + draw", reps, |_| {
        let app = App::new(Store::open(&db).expect("opens"), (80, 24));
        let Screen::Start(s) = &app.screen else { panic!() };
        assert_eq!(s.all.len(), total);
        term.draw(|f| jixiao::ui::render(&app, f)).expect("draws");
    });
    let mut app = App::new(Store::open(&db).expect("opens"), (80, 24));
    let runs: Vec<Duration> = (0..reps)
        .map(|rep| {
            press(&mut app, KeyCode::Esc);
            let Screen::Start(s) = &mut app.screen else { panic!("back on the start screen") };
            // Folded years: each org-year is two lines (the department, its folded projects).
            s.selected = (rep % (ORGANISATIONS * YEARS.len())) * 2;
            let started = Instant::now();
            press(&mut app, KeyCode::Enter);
            let Screen::Eval(e) = &app.screen else { panic!("{}", app.status.text) };
            assert_eq!(e.projects.len(), PROJECTS);
            term.draw(|f| jixiao::ui::render(&app, f)).expect("draws");
            started.elapsed()
        })
        .collect();
    report("open a department: load + its 10 projects + draw", runs);
    press(&mut app, KeyCode::Esc);
    let runs: Vec<Duration> = (0..reps)
        .map(|rep| {
            let Screen::Start(s) = &mut app.screen else { panic!("on the start screen") };
            s.selected = (rep % (ORGANISATIONS * YEARS.len())) * 2;
            press(&mut app, KeyCode::Enter);
            let started = Instant::now();
            press(&mut app, KeyCode::Esc);
            term.draw(|f| jixiao::ui::render(&app, f)).expect("draws");
            assert!(matches!(app.screen, Screen::Start(_)));
            started.elapsed()
        })
        .collect();
    report("back to the start screen: Esc (list reloaded) + draw", runs);
    let store = Store::open(&db).expect("opens");
    time("compare a project: its 10 years loaded and compared", reps, |rep| {
        let project = Some((format!("专项资金{:02}", rep % PROJECTS), Vec::new()));
        let org = format!("测试单位{:02}", rep % ORGANISATIONS);
        let years = jixiao::app::compare::load_years(&store, &org, project.as_ref(), 2024).expect("loads");
        assert_eq!(years.len(), YEARS.len());
        let c = compare(&years.iter().collect::<Vec<_>>(), &[]);
        assert_eq!(c.years.len(), YEARS.len());
    });
}
