//! Fuzz harness for the importers: evaluation files (TOML) and 自评表 workbooks (xlsx),
//! mutated at random from real ones, each read by the same functions `jixiao import`
//! uses. Every case must end in an evaluation or a refusal; what is checked:
//!
//! - panics: none, anywhere (reading, scoring, checking, storing, reading back);
//! - messages: every refusal in Chinese (none of the parsers' or the system's English
//!   phrases), on one line, under 1 KB, with no control character;
//! - accepted: holds no control character, scores and checks, is stored and read back
//!   equal, and (TOML) is written back to a file that reads back equal.
//!
//! ```text
//! cargo run --release --example fuzz_import -- [--cases 3000] [--seed 1]
//! ```
//!
//! Deterministic for a seed; the last line is the summary (0 panics, 0 bad messages,
//! 0 round-trip differences is the pass).

use jixiao::domain::check::check;
use jixiao::domain::model::Evaluation;
use jixiao::domain::score::score;
use jixiao::store::Store;
use std::io::{Read, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};

/// xorshift64*: the same cases for the same seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Things that have broken parsers: separators in odd places, floats, huge and odd
/// numbers, control characters, quotes, brackets, unusual Unicode.
const TOKENS: &[&str] = &[
    "1,00",
    "186.'1",
    "1e3",
    "1_000",
    "12.3.4",
    "-0",
    "9999999999999999999999999",
    "0.0000001",
    "NaN",
    "inf",
    "\u{1b}[2J",
    "\u{7}",
    "\u{0}",
    "\u{9b}",
    "\\u001b",
    "\\e",
    "\"",
    "'",
    "[",
    "]",
    "[[",
    "]]",
    "{",
    "}",
    "=",
    "\n",
    "\r\n",
    "#",
    "７，５０９.２４",
    "１２．３",
    "≥",
    "≤",
    "＝",
    "%",
    "元",
    "万元",
    "亿元",
    "家",
    "２０２４年１２月３１日",
    "2024-13-40",
    "效果明显",
    "达成",
    "",
    " ",
    "\t",
    "𠀀",
    "\u{200b}",
    "\u{fffd}",
    "𝟙𝟚",
    "format = 0",
    "kind = \"project\"",
    "true",
    "3.14",
    "[1, 2]",
    "{ kind = \"shortfall\" }",
    "\"\"\"",
    "'''",
];

fn mutate_text(rng: &mut Rng, text: &str) -> String {
    let mut s: Vec<char> = text.chars().collect();
    for _ in 0..=rng.below(4) {
        let at = rng.below(s.len() + 1);
        match rng.below(7) {
            0 if !s.is_empty() => {
                let end = (at + rng.below(40)).min(s.len());
                s.drain(at.min(end)..end);
            }
            1 | 2 => {
                let token = TOKENS[rng.below(TOKENS.len())];
                s.splice(at..at, token.chars());
            }
            3 if !s.is_empty() => {
                // Replace a quoted value with a token.
                let text: String = s.iter().collect();
                let quotes: Vec<usize> = text.match_indices('"').map(|(i, _)| i).collect();
                if quotes.len() >= 2 {
                    let k = rng.below(quotes.len() - 1);
                    let (a, b) = (quotes[k], quotes[k + 1]);
                    let mut t = text.clone();
                    t.replace_range(a + 1..b, TOKENS[rng.below(TOKENS.len())]);
                    s = t.chars().collect();
                }
            }
            4 => {
                // Duplicate a line (a key twice, a table twice).
                let text: String = s.iter().collect();
                let lines: Vec<&str> = text.lines().collect();
                if !lines.is_empty() {
                    let line = lines[rng.below(lines.len())].to_string();
                    let mut t = text.clone();
                    t.push('\n');
                    t.push_str(&line);
                    s = t.chars().collect();
                }
            }
            5 => s.truncate(at),
            _ if !s.is_empty() => {
                let i = at.min(s.len() - 1);
                s[i] = char::from_u32(s[i] as u32 ^ (1 << rng.below(7))).unwrap_or('?');
            }
            _ => {}
        }
    }
    s.into_iter().collect()
}

/// A workbook mutated inside: one of its XML parts changed as text, then zipped again
/// (so that the mutation reaches the reader, not only the zip's checksum); sometimes the
/// zip's bytes themselves.
fn mutate_xlsx(rng: &mut Rng, xlsx: &[u8]) -> Vec<u8> {
    if rng.below(5) == 0 {
        let mut bytes = xlsx.to_vec();
        for _ in 0..=rng.below(8) {
            let i = rng.below(bytes.len());
            bytes[i] ^= 1 << rng.below(8);
        }
        return bytes;
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).expect("an exported workbook opens");
    let mut parts: Vec<(String, Vec<u8>)> = (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut body = Vec::new();
            f.read_to_end(&mut body).unwrap();
            (f.name().to_string(), body)
        })
        .collect();
    let xml: Vec<usize> = (0..parts.len()).filter(|&i| parts[i].0.ends_with(".xml")).collect();
    let i = *rng.pick(&xml);
    let text = String::from_utf8_lossy(&parts[i].1).into_owned();
    parts[i].1 = mutate_text(rng, &text).into_bytes();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, body) in parts {
        out.start_file(name, options).unwrap();
        out.write_all(&body).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// English words the parsers, SQLite or the system would use.
const ENGLISH: &[&str] = &[
    "invalid",
    "expected",
    "missing",
    "unknown",
    "error",
    "Error",
    "os error",
    "utf-8",
    "found",
    "unexpected",
    "duplicate",
    "failed",
    "No such",
    "not a",
    "unclosed",
];

#[derive(Default)]
struct Tally {
    cases: usize,
    toml: usize,
    xlsx: usize,
    accepted: usize,
    refused: usize,
    panics: usize,
    bad_messages: usize,
    round_trip: usize,
}

/// A refusal's message must be one short Chinese line.
fn judge_message(message: &str, tally: &mut Tally, what: &str) {
    let english = ENGLISH.iter().find(|w| message.contains(*w));
    let bad = english.is_some()
        || message.contains('\n')
        || message.len() > 1024
        || jixiao::domain::text::control_char(message).is_some();
    if bad {
        tally.bad_messages += 1;
        if tally.bad_messages <= 10 {
            let shown: String = message.chars().take(160).collect();
            eprintln!("bad message ({what}, {:?}): {}", english, jixiao::domain::text::escape_controls(&shown));
        }
    }
}

/// An accepted evaluation: no control character; scores, checks, stores and reads back.
fn judge_accepted(ev: &Evaluation, tally: &mut Tally, toml: bool) {
    let sheet = score(ev);
    let _ = check(ev, &sheet);
    let text = jixiao::file::to_toml(ev);
    if toml && jixiao::file::from_toml(&text).ok().as_ref() != Some(ev) {
        tally.round_trip += 1;
        eprintln!("TOML round trip differs for {}", ev.label());
    }
    if jixiao::domain::text::control_char(&text.replace("\\u", "")).is_some() {
        tally.bad_messages += 1;
    }
    let mut store = Store::open_in_memory().unwrap();
    match store.create(ev) {
        Ok(id) => {
            if store.load(id).map(|s| s.evaluation).ok().as_ref() != Some(ev) {
                tally.round_trip += 1;
                eprintln!("stored and read back differently: {}", ev.label());
            }
        }
        Err(e) => judge_message(&e.to_string(), tally, "store"),
    }
}

fn arg(args: &[String], name: &str, default: u64) -> u64 {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).and_then(|s| s.parse().ok()).unwrap_or(default)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let cases = arg(&args, "--cases", 3000) as usize;
    let mut rng = Rng(arg(&args, "--seed", 1).max(1));
    let tomls: Vec<String> = ["docs/examples/hengyang-2024.toml", "docs/examples/hengyang-2024-keji.toml"]
        .iter()
        .map(|p| std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/").to_string() + p).unwrap())
        .collect();
    let seed = jixiao::file::from_toml(&tomls[0]).unwrap();
    let keji = jixiao::file::from_toml(&tomls[1]).unwrap();
    let xlsxs: Vec<Vec<u8>> = [&seed, &keji]
        .iter()
        .map(|ev| jixiao::export::export(ev, &[], jixiao::export::Format::Xlsx).unwrap())
        .collect();
    std::panic::set_hook(Box::new(|info| eprintln!("PANIC: {info}")));
    let mut tally = Tally::default();
    for n in 0..cases {
        tally.cases += 1;
        let as_toml = n % 2 == 0;
        let outcome = if as_toml {
            tally.toml += 1;
            let base = &tomls[rng.below(tomls.len())];
            let text = mutate_text(&mut rng, base);
            catch_unwind(AssertUnwindSafe(|| {
                let mut t = Tally::default();
                match jixiao::file::from_toml(&text) {
                    Ok(ev) => {
                        judge_accepted(&ev, &mut t, true);
                        t.accepted += 1;
                    }
                    Err(e) => {
                        judge_message(&e.to_string(), &mut t, "toml");
                        t.refused += 1;
                    }
                }
                t
            }))
        } else {
            tally.xlsx += 1;
            let base = &xlsxs[rng.below(xlsxs.len())];
            let bytes = mutate_xlsx(&mut rng, base);
            catch_unwind(AssertUnwindSafe(|| {
                let mut t = Tally::default();
                match jixiao::import::import_xlsx(&bytes) {
                    Ok((ev, report)) => {
                        for line in &report {
                            if jixiao::domain::text::control_char(line).is_some() || line.len() > 4096 {
                                t.bad_messages += 1;
                            }
                        }
                        judge_accepted(&ev, &mut t, false);
                        t.accepted += 1;
                    }
                    Err(e) => {
                        judge_message(&e.to_string(), &mut t, "xlsx");
                        t.refused += 1;
                    }
                }
                t
            }))
        };
        match outcome {
            Ok(t) => {
                tally.accepted += t.accepted;
                tally.refused += t.refused;
                tally.bad_messages += t.bad_messages;
                tally.round_trip += t.round_trip;
            }
            Err(_) => tally.panics += 1,
        }
    }
    println!(
        "fuzz: {} cases ({} TOML, {} xlsx): {} accepted, {} refused; {} panics, {} bad messages, {} round-trip differences",
        tally.cases,
        tally.toml,
        tally.xlsx,
        tally.accepted,
        tally.refused,
        tally.panics,
        tally.bad_messages,
        tally.round_trip
    );
    if tally.panics + tally.bad_messages + tally.round_trip > 0 {
        std::process::exit(1);
    }
}
