//! Narrative sections stored in parts: one row per sentence or line, so that a character
//! typed into a long section rewrites one short row (one database page), not the whole
//! text, which SQLite would rewrite with all its overflow pages on every key.
//!
//! A part ends after a line break or a sentence's end (。！？；), and is at most
//! [`MAX_PART`] bytes; the parts, in order, are the text exactly. A save compares the new
//! parts with the stored ones and writes only those that differ.

use super::EvalId;
use rusqlite::{Connection, Transaction, params};

/// The longest part, in bytes (well under what fits in a page without overflow).
pub const MAX_PART: usize = 1500;

/// The text cut into parts; their concatenation is the text.
pub fn parts(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        let boundary = matches!(c, '\n' | '。' | '！' | '？' | '；');
        if boundary || end - start >= MAX_PART {
            out.push(&text[start..end]);
            start = end;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// The stored parts of a section, in order.
fn stored(conn: &Connection, id: EvalId, section: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt =
        conn.prepare_cached("SELECT body FROM narrative WHERE evaluation_id = ?1 AND section = ?2 ORDER BY part")?;
    stmt.query_map(params![id, section], |r| r.get(0))?.collect()
}

/// A section's text as stored.
pub fn read_section(conn: &Connection, id: EvalId, section: &str) -> rusqlite::Result<String> {
    Ok(stored(conn, id, section)?.concat())
}

/// Writes a section's text, touching only the parts that changed: in place when there
/// are as many parts as before, else from the first changed part on.
pub fn write_section(tx: &Transaction, id: EvalId, section: &str, text: &str) -> rusqlite::Result<()> {
    let old = stored(tx, id, section)?;
    let new = parts(text);
    let first = old.iter().zip(&new).take_while(|(o, n)| o == *n).count();
    if old.len() == new.len() {
        let mut update = tx
            .prepare_cached("UPDATE narrative SET body = ?4 WHERE evaluation_id = ?1 AND section = ?2 AND part = ?3")?;
        for (i, (o, n)) in old.iter().zip(&new).enumerate().skip(first) {
            if o != n {
                update.execute(params![id, section, i as i64, n])?;
            }
        }
        return Ok(());
    }
    tx.prepare_cached("DELETE FROM narrative WHERE evaluation_id = ?1 AND section = ?2 AND part >= ?3")?
        .execute(params![id, section, first as i64])?;
    insert_parts(tx, id, section, first, &new[first..])
}

/// Inserts parts from position `from` on.
pub fn insert_parts(tx: &Transaction, id: EvalId, section: &str, from: usize, parts: &[&str]) -> rusqlite::Result<()> {
    let mut insert =
        tx.prepare_cached("INSERT INTO narrative (evaluation_id, section, part, body) VALUES (?1, ?2, ?3, ?4)")?;
    for (k, body) in parts.iter().enumerate() {
        insert.execute(params![id, section, (from + k) as i64, body])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_end_at_sentences_and_lines_and_join_back_exactly() {
        let text = "第一句。第二句！\n第三行\n\n最后";
        let p = parts(text);
        assert_eq!(p, ["第一句。", "第二句！", "\n", "第三行\n", "\n", "最后"]);
        assert_eq!(p.concat(), text);
        assert!(parts("").is_empty());
        let long = "字".repeat(2000);
        let p = parts(&long);
        assert!(p.iter().all(|s| s.len() <= MAX_PART) && p.concat() == long, "a long sentence is cut too");
    }

    #[test]
    fn typing_at_the_end_or_inside_changes_one_part() {
        let before = parts("甲。乙。丙");
        let after = parts("甲。乙改。丙");
        let changed = before.iter().zip(&after).filter(|(b, a)| b != a).count();
        assert_eq!((before.len(), after.len(), changed), (3, 3, 1));
    }
}
