//! Which indicator rows of different years are the same indicator.
//!
//! Rows match by their 三级指标 name, trimmed, exactly: a fuzzy match would pair
//! 新增规上企业 with 新增规上企业数 silently, and a wrong pair is worse than an
//! added/removed pair that the user can join by hand with a [`Pairing`].

use crate::domain::model::Evaluation;
use std::collections::HashMap;
use std::hash::Hash;

/// A hand-made match of a renamed row: in `year`, the row named `to` continues the row
/// named `from` of the year compared before it (and keeps doing so in later years).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Pairing {
    pub year: i32,
    pub from: String,
    pub to: String,
}

/// The matched rows: for each row, the index of its indicator in each year's evaluation.
pub(super) struct Matched {
    pub rows: Vec<Vec<Option<usize>>>,
    /// Pairings that name a row missing from their year or from the year before, or a
    /// year not compared, in the order given.
    pub unused: Vec<Pairing>,
}

/// A row's identity within one year: its name (or the name it continues) and, for the
/// rare table with the same name twice, which occurrence it is.
type Key = (String, usize);

/// Matches the rows of `years` (oldest first).
pub(super) fn match_rows(years: &[&Evaluation], pairs: &[Pairing]) -> Matched {
    let mut alias: HashMap<String, String> = HashMap::new();
    let mut keys: Vec<Vec<Key>> = Vec::with_capacity(years.len());
    let mut used = vec![false; pairs.len()];
    for (i, ev) in years.iter().enumerate() {
        let names: Vec<&str> = ev.indicators.iter().map(|ind| ind.name.trim()).collect();
        let mut added = Vec::new();
        for (p, used) in pairs.iter().zip(used.iter_mut()).filter(|(p, _)| p.year == ev.year) {
            let before = i.checked_sub(1).and_then(|j| {
                let at = years[j].indicators.iter().position(|ind| ind.name.trim() == p.from.trim())?;
                Some(keys[j][at].0.clone())
            });
            if let Some(key) = before.filter(|_| names.contains(&p.to.trim())) {
                added.push((p.to.trim().to_string(), key));
                *used = true;
            }
        }
        alias.extend(added);
        let mut seen: HashMap<String, usize> = HashMap::new();
        let year_keys = names
            .iter()
            .map(|name| {
                let base = alias.get(*name).cloned().unwrap_or_else(|| name.to_string());
                let n = seen.entry(base.clone()).or_default();
                *n += 1;
                (base, *n - 1)
            })
            .collect();
        keys.push(year_keys);
    }
    let at: Vec<HashMap<&Key, usize>> =
        keys.iter().map(|ks| ks.iter().enumerate().map(|(i, k)| (k, i)).collect()).collect();
    let rows = merge_order(&keys).iter().map(|key| at.iter().map(|m| m.get(key).copied()).collect()).collect();
    let unused = pairs.iter().zip(used).filter(|(_, used)| !used).map(|(p, _)| p.clone()).collect();
    Matched { rows, unused }
}

/// One order for items listed per year: each year's order is kept, and an item new in a
/// year goes right after the item it follows in that year (so a row added in the middle
/// of the table shows in the middle, not at the end).
pub(super) fn merge_order<K: Clone + Eq + Hash>(lists: &[Vec<K>]) -> Vec<K> {
    let mut out: Vec<K> = Vec::new();
    for list in lists {
        let mut cursor = 0;
        for item in list {
            match out.iter().position(|o| o == item) {
                Some(p) => cursor = p + 1,
                None => {
                    out.insert(cursor, item.clone());
                    cursor += 1;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Indicator;

    fn ev(year: i32, names: &[&str]) -> Evaluation {
        let indicators = names.iter().map(|n| Indicator { name: n.to_string(), ..Indicator::default() }).collect();
        Evaluation { year, indicators, ..Evaluation::default() }
    }

    fn pair(year: i32, from: &str, to: &str) -> Pairing {
        Pairing { year, from: from.into(), to: to.into() }
    }

    #[test]
    fn matches_by_trimmed_exact_name_and_keeps_table_order() {
        let a = ev(2023, &["甲", "乙", "丙"]);
        let b = ev(2024, &[" 甲 ", "丁", "丙", "乙乙"]);
        let m = match_rows(&[&a, &b], &[]);
        assert_eq!(
            m.rows,
            vec![
                vec![Some(0), Some(0)],
                vec![None, Some(1)],
                vec![Some(1), None],
                vec![Some(2), Some(2)],
                vec![None, Some(3)]
            ]
        );
    }

    #[test]
    fn a_hand_pairing_joins_a_renamed_row_and_holds_in_later_years() {
        let a = ev(2023, &["旧名", "乙"]);
        let b = ev(2024, &["新名", "乙"]);
        let c = ev(2025, &["新名", "乙"]);
        let m = match_rows(&[&a, &b, &c], &[pair(2024, "旧名", "新名")]);
        assert_eq!(m.rows, vec![vec![Some(0), Some(0), Some(0)], vec![Some(1), Some(1), Some(1)]]);
        assert!(m.unused.is_empty());
        // Without it: one removed row and one added.
        assert_eq!(match_rows(&[&a, &b, &c], &[]).rows.len(), 3);
    }

    #[test]
    fn a_pairing_naming_a_missing_row_is_reported_not_guessed() {
        let a = ev(2023, &["甲"]);
        let b = ev(2024, &["乙"]);
        let wrong = [pair(2024, "丙", "乙"), pair(2024, "甲", "丁"), pair(2023, "x", "甲"), pair(2030, "甲", "乙")];
        let m = match_rows(&[&a, &b], &wrong);
        assert_eq!(m.unused, wrong.to_vec());
        assert_eq!(m.rows.len(), 2);
    }

    #[test]
    fn the_same_name_twice_matches_by_occurrence() {
        let a = ev(2023, &["满意度", "满意度"]);
        let b = ev(2024, &["满意度", "其他", "满意度"]);
        let m = match_rows(&[&a, &b], &[]);
        assert_eq!(m.rows, vec![vec![Some(0), Some(0)], vec![None, Some(1)], vec![Some(1), Some(2)]]);
    }
}
