//! Drafting a department's projects for the next year, after its own draft.

use crate::domain::compare::next_year;
use crate::store::{Store, StoreError};

/// Drafts next year's evaluation of every project of `organisation` in `from` that
/// next year does not have yet, in one transaction; returns how many.
pub fn draft_projects(store: &mut Store, organisation: &str, from: i32) -> Result<usize, StoreError> {
    let mut drafts = Vec::new();
    for s in store.projects_of(organisation, from)? {
        let draft = next_year(&store.load(s.id)?.evaluation, from + 1);
        if store.find_of(&draft)?.is_none() {
            drafts.push(draft);
        }
    }
    store.create_as(&drafts, crate::store::ChangeKind::NewYear, &format!("由 {from}年生成"))?;
    Ok(drafts.len())
}
