//! The CSV grid: BOM, RFC 4180 quoting that survives a parser, one line per item.

mod common;

use common::{d, seed};
use jixiao::domain::score::score;
use jixiao::export::csv::export_csv;
use rust_decimal::Decimal;

/// A strict RFC 4180 reader: quoted fields with doubled quotes, CRLF records.
fn parse(text: &str) -> Vec<Vec<String>> {
    let mut records = vec![];
    let mut record = vec![];
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "records end with CRLF");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, '\n') => panic!("bare LF outside quotes"),
            (false, c) => field.push(c),
        }
    }
    assert!(field.is_empty() && record.is_empty(), "the last record ends with CRLF");
    records
}

#[test]
fn starts_with_a_bom_and_has_one_record_per_scored_item() {
    let ev = seed();
    let bytes = export_csv(&ev);
    assert_eq!(&bytes[..3], [0xEF, 0xBB, 0xBF]);
    let records = parse(std::str::from_utf8(&bytes[3..]).unwrap());
    assert_eq!(records.len(), 1 + score(&ev).items.len());
    let mut headings = common::GRID.to_vec();
    headings.splice(8..8, ["按规则得分", "评分说明"]);
    assert_eq!(records[0], headings);
    assert!(records.iter().all(|r| r.len() == headings.len()));
    assert_eq!(records[1][2], "预算执行率");
    let row = records.iter().find(|r| r[2] == "新增规上企业").unwrap();
    assert_eq!(
        &row[3..9],
        ["25家", "23家", "完成及科技型企业申报25个得3分，每少一家扣0.08分。", "3.00", "2.84", "2.84"]
    );
    assert_eq!(row[9], "少2家 × 0.08 = 扣0.16分");
    let total: Decimal = records[1..].iter().map(|r| d(&r[7])).sum();
    assert_eq!(total, d("98.76"));
    let cost = records.iter().find(|r| r[2] == "总成本").unwrap();
    assert_eq!((cost[7].as_str(), cost[8].as_str()), ("19.66", "20.00"));
}

#[test]
fn commas_quotes_and_newlines_survive_quoting() {
    let mut ev = seed();
    let awkward = "每少1家扣0.05分, 扣完为止；\n他说\"够了\"，“好”";
    ev.indicators[0].criterion = awkward.into();
    ev.indicators[1].deviation_reason = "原因，改进".into();
    let text = String::from_utf8(export_csv(&ev)).unwrap();
    assert!(text.contains("\"每少1家扣0.05分, 扣完为止；\n他说\"\"够了\"\"，“好”\""));
    assert!(text.contains(",原因，改进\r\n"), "a Chinese comma needs no quotes");
    let records = parse(text.trim_start_matches('\u{feff}'));
    assert_eq!(records[2][5], awkward);
    assert_eq!(records.len(), 1 + score(&ev).items.len());
}
