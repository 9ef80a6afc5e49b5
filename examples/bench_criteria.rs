//! Times the criterion reader over the corpus of published criteria: the reader runs on
//! every keystroke in the 评分标准 field, so a criterion must read in well under 50 µs.
//!
//! `cargo run --release --example bench_criteria` prints the median, the 90th percentile
//! and the slowest criterion (each the median of many runs of that one text).

use jixiao::domain::criterion::{Context, read};
use jixiao::domain::model::Typed;
use jixiao::domain::template::Template;
use rust_decimal::Decimal;
use std::hint::black_box;
use std::str::FromStr;
use std::time::{Duration, Instant};

const CORPUS: &str = include_str!("../tests/criteria/corpus.toml");
const RUNS: usize = 301;
const GOAL: Duration = Duration::from_micros(50);

fn main() {
    let corpus: toml::Table = toml::from_str(CORPUS).expect("the corpus parses");
    let cases = corpus["case"].as_array().expect("[[case]] entries");
    let template = Template::hunan_county();
    let mut times: Vec<(Duration, String)> = Vec::with_capacity(cases.len());
    for case in cases {
        let text = case["text"].as_str().unwrap_or_default();
        let weight = Decimal::from_str(case["weight"].as_str().unwrap_or("0")).unwrap_or_default();
        let target = Typed::new(case["target"].as_str().unwrap_or_default()).unwrap_or_default();
        let ctx = Context { weight: Some(weight), target: Some(&target), year: Some(2024), ..Context::new(&template) };
        let mut runs: Vec<Duration> = (0..RUNS)
            .map(|_| {
                let start = Instant::now();
                black_box(read(black_box(text), &ctx));
                start.elapsed()
            })
            .collect();
        runs.sort();
        times.push((runs[RUNS / 2], text.chars().take(24).collect()));
    }
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize].0;
    let (slowest, text) = times.last().cloned().unwrap_or_default();
    println!("criterion reader: {} criteria, each the median of {RUNS} runs", times.len());
    println!("  median {:>8.1} µs", at(0.5).as_secs_f64() * 1e6);
    println!("  p90    {:>8.1} µs", at(0.9).as_secs_f64() * 1e6);
    println!("  max    {:>8.1} µs  ({text}…)", slowest.as_secs_f64() * 1e6);
    let verdict = if at(0.5) < GOAL { "within" } else { "OVER" };
    println!("  goal: median under {} µs — {verdict}", GOAL.as_micros());
}
