//! Which project of each year is the same project: matched by 项目名称, exactly (as
//! indicator rows are, see `matching`), with a hand [`Pairing`] for a project renamed
//! from one year to the next.

use super::Pairing;

/// The names under which the project named `name` in `year` appears in the other
/// years, as (year, name) oldest first; only years that have it.
///
/// `years` lists, for each stored year in ascending order, the names of that year's
/// projects. A pairing `{ year, from, to }` says the project `to` of `year` continues
/// the project `from` of the stored year before it. A year without the project does not
/// break the chain: a project that skipped a year is found again under the same name.
pub fn same_project(years: &[(i32, Vec<String>)], year: i32, name: &str, pairs: &[Pairing]) -> Vec<(i32, String)> {
    let Some(at) = years.iter().position(|(y, _)| *y == year) else { return Vec::new() };
    let has = |i: usize, n: &str| years[i].1.iter().any(|m| m.trim() == n);
    let mut found = Vec::new();
    let mut current = name.trim().to_string();
    for i in (0..at).rev() {
        let later = years[i + 1].0;
        if let Some(p) = pairs.iter().find(|p| p.year == later && p.to.trim() == current) {
            current = p.from.trim().to_string();
        }
        if has(i, &current) {
            found.push((years[i].0, current.clone()));
        }
    }
    found.reverse();
    if has(at, name.trim()) {
        found.push((year, name.trim().to_string()));
    }
    let mut current = name.trim().to_string();
    for (i, (y, _)) in years.iter().enumerate().skip(at + 1) {
        if let Some(p) = pairs.iter().find(|p| p.year == *y && p.from.trim() == current) {
            current = p.to.trim().to_string();
        }
        if has(i, &current) {
            found.push((*y, current.clone()));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn years() -> Vec<(i32, Vec<String>)> {
        let names = |n: &[&str]| n.iter().map(|s| s.to_string()).collect();
        vec![
            (2022, names(&["科技项目资金", "监测项目"])),
            (2023, names(&["监测项目"])),
            (2024, names(&["科技项目资金", "监测项目"])),
            (2025, names(&["科技创新专项资金", "监测项目"])),
        ]
    }

    fn pair(year: i32, from: &str, to: &str) -> Pairing {
        Pairing { year, from: from.into(), to: to.into() }
    }

    #[test]
    fn matched_by_name_across_years_with_gaps() {
        let found = same_project(&years(), 2024, "科技项目资金", &[]);
        assert_eq!(found, vec![(2022, "科技项目资金".to_string()), (2024, "科技项目资金".to_string())]);
        assert_eq!(same_project(&years(), 2023, "监测项目", &[]).len(), 4);
        assert_eq!(same_project(&years(), 2019, "监测项目", &[]), vec![]);
    }

    #[test]
    fn a_renamed_project_is_followed_by_hand_either_way() {
        let pairs = [pair(2025, "科技项目资金", "科技创新专项资金")];
        let from_new: Vec<i32> =
            same_project(&years(), 2025, "科技创新专项资金", &pairs).into_iter().map(|(y, _)| y).collect();
        assert_eq!(from_new, vec![2022, 2024, 2025]);
        let from_old = same_project(&years(), 2022, "科技项目资金", &pairs);
        assert_eq!(from_old.last(), Some(&(2025, "科技创新专项资金".to_string())));
        assert_eq!(same_project(&years(), 2025, "科技创新专项资金", &[]).len(), 1, "no pairing, no match");
    }
}
