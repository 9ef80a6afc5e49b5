//! Measures issue 4's performance target: with 50 organisations × 10 years × 30
//! indicators, opening the start screen, comparing two years and drawing a trend each
//! take well under 100 ms in the release build. Measured twice: the store and domain
//! work alone, and the whole way through the app (key press, app state, a frame drawn
//! on an 80×24 `TestBackend`), which is what a user waits for.
//!
//! ```text
//! cargo run --release --example bench_years -- --db /tmp/big.db [--reps 30]
//! ```
//!
//! Builds the database through the real `Store` API if the file does not exist yet
//! (varied, plausible figures from a fixed seed, so every run measures the same data),
//! then times each task over several repetitions and prints the median and the maximum.
//! A measurement, not a test: timings depend on the machine.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use jixiao::app::{App, Screen};
use jixiao::domain::compare::{Figure, Metric, compare};
use jixiao::domain::model::{Evaluation, Indicator, Typed};
use jixiao::domain::money::Amount;
use jixiao::domain::rule::Rule;
use jixiao::store::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const ORGANISATIONS: usize = 50;
const YEARS: std::ops::Range<i32> = 2015..2025;
const INDICATORS: usize = 30;

const DEPARTMENTS: [&str; 25] = [
    "教育局",
    "卫生健康局",
    "财政局",
    "农业农村局",
    "交通运输局",
    "水利局",
    "民政局",
    "人力资源和社会保障局",
    "自然资源局",
    "住房和城乡建设局",
    "文化旅游广电体育局",
    "商务局",
    "应急管理局",
    "市场监督管理局",
    "统计局",
    "审计局",
    "林业局",
    "医疗保障局",
    "退役军人事务局",
    "司法局",
    "生态环境局",
    "科技和工业信息化局",
    "发展和改革局",
    "城市管理和综合执法局",
    "行政审批服务局",
];

/// Names for the second fifteen rows (the first fifteen are the seed's).
const EXTRA_NAMES: [&str; 15] = [
    "新增专利授权量",
    "规上工业增加值增速",
    "企业技改投资额",
    "培训企业人员人次",
    "科技特派员服务次数",
    "数字化转型企业数",
    "两化融合贯标企业数",
    "专精特新企业培育数",
    "中小企业服务次数",
    "政策兑现及时率",
    "项目申报通过率",
    "档案资料完整率",
    "信息公开及时率",
    "群众投诉办结率",
    "公用经费控制率",
];

/// xorshift64*: enough variety for figures, and the same data on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A whole number in `lo..=hi`.
    fn between(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }

    /// `value × (lo‰ … hi‰)`, in whole units of `value`.
    fn scale(&mut self, value: i64, lo: i64, hi: i64) -> i64 {
        value * self.between(lo, hi) / 1000
    }
}

fn wan(cents: i64) -> Option<Amount> {
    Some(Amount::wan(Decimal::new(cents, 2)))
}

fn typed(text: &str) -> Typed {
    Typed::new(text).expect("generated values are valid")
}

/// Target and actual that fit the row's rule, growing a little with the years.
fn fill(ind: &mut Indicator, rng: &mut Rng, year: i32, size: i64) {
    let (target, actual) = match &ind.rule {
        Rule::Shortfall(_) if ind.target.text().ends_with('%') => ("100%".into(), format!("{}%", rng.between(94, 100))),
        Rule::Shortfall(_) | Rule::Proportional => {
            let unit = if ind.target.text().ends_with("亿元") { "亿元" } else { "家" };
            let t = (size * i64::from(year - 2010) / 10).max(3);
            (format!("{t}{unit}"), format!("{}{unit}", rng.scale(t, 850, 1300)))
        }
        Rule::Deadline(_) => {
            let late = rng.between(0, 9) == 0;
            (format!("{year}-12-31"), if late { format!("{}-01-20", year + 1) } else { format!("{year}-12-31") })
        }
        Rule::Grade(_) => {
            ("效果明显".into(), ["效果明显", "效果明显", "较好", "一般"][rng.between(0, 3) as usize].into())
        }
        Rule::Bands(_) => ("90%".into(), format!("{}%", rng.between(82, 99))),
        Rule::Count(_) | Rule::Binary(_) => ("1".into(), if rng.between(0, 7) == 0 { "0" } else { "1" }.into()),
        _ => ("预算内".into(), "预算内".into()),
    };
    ind.target = typed(&target);
    ind.actual = typed(&actual);
}

/// One organisation's year: the seed's texts and rules, with its own figures.
fn evaluation(seed: &Evaluation, name: &str, year: i32, rng: &mut Rng, base_cents: i64) -> Evaluation {
    let mut ev = seed.clone();
    ev.organisation.name = name.into();
    ev.year = year;
    let size = rng.between(5, 60);
    let mut rows: Vec<Indicator> = seed.indicators.iter().chain(&seed.indicators).cloned().collect();
    for (i, ind) in rows.iter_mut().enumerate() {
        if i >= seed.indicators.len() {
            ind.name = EXTRA_NAMES[i - seed.indicators.len()].into();
        }
        // Half the seed's weights twice over: 90 points, plus 10 for the funds row.
        ind.weight /= Decimal::TWO;
        ind.entered = None;
        fill(ind, rng, year, size);
    }
    // Some churn for the comparison to find: a row renamed from 2020, one dropped in odd years.
    if year >= 2020 {
        rows[29].name = "公用经费支出控制率".into();
    }
    if year % 2 == 1 {
        rows.remove(27);
    }
    debug_assert!(rows.len() <= INDICATORS);
    ev.indicators = rows;

    let growth = 1000 + 60 * i64::from(year - YEARS.start);
    let revenue = rng.scale(base_cents * growth / 1000, 950, 1050);
    let expenditure = rng.scale(revenue, 970, 995);
    let basic = rng.scale(expenditure, 50, 300);
    let b = &mut ev.budget;
    b.initial.revenue = wan(rng.scale(revenue, 300, 900));
    b.initial.revenue_general = b.initial.revenue;
    b.initial.expenditure = b.initial.revenue;
    b.final_accounts.revenue = wan(revenue);
    b.final_accounts.expenditure = wan(expenditure);
    b.final_accounts.basic = wan(basic);
    b.final_accounts.project = wan(expenditure - basic);
    b.final_accounts.carry_forward = wan(revenue - expenditure);
    let (vehicle, reception) = (rng.between(100, 3000), rng.between(100, 1500));
    b.sangong_budget.total = wan(vehicle + reception);
    b.sangong_budget.vehicle = wan(vehicle);
    b.sangong_budget.reception = wan(reception);
    b.sangong_actual.total = wan(rng.scale(vehicle + reception, 600, 1000));
    let procurement = rng.scale(revenue, 5, 80);
    b.procurement.total = wan(procurement);
    b.procurement.services = wan(procurement);
    let assets = rng.scale(revenue, 30, 120);
    let liabilities = rng.scale(assets, 100, 600);
    ev.assets.total = wan(assets);
    ev.assets.liabilities = wan(liabilities);
    ev.assets.net = wan(assets - liabilities);
    let full_year = rng.scale(revenue, 1000, 1050);
    let f = &mut ev.funds;
    f.initial = b.initial.revenue;
    f.full_year = wan(full_year);
    f.executed = wan(rng.scale(full_year, 850, 1000));
    f.general = wan(full_year);
    f.other = wan(0);
    f.basic = wan(basic);
    f.project = wan(full_year - basic);
    ev
}

fn organisation_names() -> Vec<String> {
    ["衡阳县", "祁东县"].iter().flat_map(|county| DEPARTMENTS.iter().map(move |d| format!("{county}{d}"))).collect()
}

fn build(path: &Path) -> Duration {
    let started = Instant::now();
    let seed = jixiao::file::from_toml(jixiao::cli::DEMO_TOML).expect("the demo file is valid");
    let mut store = Store::open(path).expect("the benchmark database opens");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for name in organisation_names().iter().take(ORGANISATIONS) {
        let base_cents = rng.between(300, 20_000) * 100 * 100;
        for year in YEARS {
            store.create(&evaluation(&seed, name, year, &mut rng, base_cents)).expect("stored");
        }
    }
    started.elapsed()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Runs `task` `reps` times; prints median and max.
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
    println!("{label:<50} median {:>7.2} ms   max {:>7.2} ms   ({reps} runs)", ms(runs[reps / 2]), ms(runs[reps - 1]));
}

fn arguments() -> (PathBuf, usize) {
    let mut db = PathBuf::from("/tmp/jixiao-bench.db");
    let mut reps = 30;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--db" => db = args.next().expect("--db PATH").into(),
            "--reps" => reps = args.next().and_then(|n| n.parse().ok()).expect("--reps N"),
            other => panic!("unknown argument {other}: use --db PATH [--reps N]"),
        }
    }
    (db, reps.max(1))
}

fn main() {
    let (db, reps) = arguments();
    if !db.exists() {
        let took = build(&db);
        println!("built {} in {:.1} s", db.display(), took.as_secs_f64());
    }
    let names = organisation_names();
    {
        let store = Store::open(&db).expect("opens");
        let list = store.list().expect("lists");
        let size = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);
        println!("{}: {} evaluations, {:.1} MB", db.display(), list.len(), size as f64 / 1e6);
    }

    time("start screen: Store::open + list", reps, |_| {
        let store = Store::open(&db).expect("opens");
        assert_eq!(store.list().expect("lists").len(), ORGANISATIONS * YEARS.len());
    });

    let store = Store::open(&db).expect("opens");
    time("compare: years_of + load 2 + compare", reps, |rep| {
        let years = store.years_of(&names[rep % ORGANISATIONS]).expect("years");
        let [.., (_, a), (_, b)] = years.as_slice() else { panic!("two years") };
        let (a, b) = (store.load(*a).expect("loads").evaluation, store.load(*b).expect("loads").evaluation);
        let c = compare(&[&a, &b], &[]);
        assert!(!c.rows.is_empty());
    });

    time("trend: years_of + load 10 + 3 trends", reps, |rep| {
        let years = store.years_of(&names[rep % ORGANISATIONS]).expect("years");
        let all: Vec<Evaluation> = years.iter().map(|(_, id)| store.load(*id).expect("loads").evaluation).collect();
        let c = compare(&all.iter().collect::<Vec<_>>(), &[]);
        for metric in [Metric::Total, Metric::Indicator("新增规上企业".into()), Metric::Figure(Figure::FinalRevenue)]
        {
            assert_eq!(c.trend(&metric).points.len(), YEARS.len());
        }
    });

    drop(store);
    through_the_app(&db, reps);
}

fn press(app: &mut App, code: KeyCode) {
    app.handle(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn draw(app: &App, term: &mut Terminal<TestBackend>) {
    term.draw(|frame| jixiao::ui::render(app, frame)).expect("draws");
}

/// The same three tasks as a user meets them: a key press, the app's state built, and
/// the frame drawn at 80×24.
fn through_the_app(db: &Path, reps: usize) {
    let mut term = Terminal::new(TestBackend::new(80, 24)).expect("a test terminal");
    time("UI start screen: App::new + draw", reps, |_| {
        let app = App::new(Store::open(db).expect("opens"), (80, 24));
        draw(&app, &mut term);
    });

    let mut app = App::new(Store::open(db).expect("opens"), (80, 24));
    // Each run: back to the start screen, organisation `rep`'s latest year selected (the
    // list is by organisation, then year), the `before` keys, then timed: `key` and a frame.
    let mut run = |label: &str, before: &[KeyCode], key: KeyCode, arrived: fn(&Screen) -> bool| {
        let runs = (0..reps)
            .map(|rep| {
                press(&mut app, KeyCode::Esc);
                let Screen::Start(s) = &mut app.screen else { panic!("back on the start screen") };
                s.selected = (rep % ORGANISATIONS) * YEARS.len() + YEARS.len() - 1;
                before.iter().for_each(|k| press(&mut app, *k));
                let started = Instant::now();
                press(&mut app, key);
                draw(&app, &mut term);
                let took = started.elapsed();
                assert!(arrived(&app.screen), "{}", app.status.text);
                took
            })
            .collect();
        report(label, runs);
    };
    run("UI compare: c (load 10 years, compare 2) + draw", &[], KeyCode::Char('c'), |s| {
        matches!(s, Screen::Compare(_))
    });
    run("UI compare: → (compare 2 other years) + draw", &[KeyCode::Char('c'), KeyCode::Left], KeyCode::Right, |s| {
        matches!(s, Screen::Compare(_))
    });
    run("UI trend: t (load 10 years, compare all) + draw", &[], KeyCode::Char('t'), |s| matches!(s, Screen::Trend(_)));
}
