//! Where the user left each evaluation (`migrations/0005_place.sql`): written when an
//! evaluation is closed or the app quits, read when it is opened again.

use super::{EvalId, Result, Store};
use rusqlite::OptionalExtension;

/// A place in an evaluation, as indexes into the app's lists; the app checks them
/// against its lists when it goes there.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Place {
    /// Index into the tabs of the evaluation's kind.
    pub tab: usize,
    pub grid_row: usize,
    /// Index into the grid's columns.
    pub grid_col: usize,
    /// Index into the text sections of the evaluation's kind.
    pub text_item: usize,
}

fn index(n: i64) -> usize {
    usize::try_from(n).unwrap_or(0)
}

fn int(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl Store {
    /// Where `id` was left, if it was ever left anywhere.
    pub fn place(&self, id: EvalId) -> Result<Option<Place>> {
        self.conn
            .query_row("SELECT tab, grid_row, grid_col, text_item FROM place WHERE evaluation_id = ?1", [id], |r| {
                Ok(Place {
                    tab: index(r.get(0)?),
                    grid_row: index(r.get(1)?),
                    grid_col: index(r.get(2)?),
                    text_item: index(r.get(3)?),
                })
            })
            .optional()
            .map_err(|e| self.sql(e))
    }

    /// Remembers where `id` was left: one small row, outside the evaluation itself, so
    /// that neither its revision nor its time of change moves. Writes nothing when the
    /// place is the one stored already.
    pub fn save_place(&mut self, id: EvalId, place: Place) -> Result<()> {
        if self.place(id)? == Some(place) {
            return Ok(());
        }
        self.conn
            .execute(
                "INSERT INTO place (evaluation_id, tab, grid_row, grid_col, text_item) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (evaluation_id) DO UPDATE SET
                   tab = excluded.tab, grid_row = excluded.grid_row,
                   grid_col = excluded.grid_col, text_item = excluded.text_item",
                rusqlite::params![id, int(place.tab), int(place.grid_row), int(place.grid_col), int(place.text_item)],
            )
            .map(drop)
            .map_err(|e| self.sql(e))
    }
}
