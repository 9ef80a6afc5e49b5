//! When a list scrolls, the terminal can move its lines itself (a scroll region and a
//! line feed or reverse index): the lines come for a few bytes instead of being sent
//! again. This decides whether, where and by how much, from the screen as it is and as
//! it is to be.
//!
//! Rows rarely move unchanged: the row that had the cursor loses its `>`, the new top
//! row of the grid shows the levels its neighbour above used to stand for, the detail
//! under a list changes with the row. So rows are not matched whole: for each shift, the
//! region chosen is the one that saves the most bytes, counting what each row would
//! still need after the shift against what it needs without it.

use super::shadow::{Seen, Shadow};

/// A move of the rows `top..=bottom` by `by` lines: up (the content moves towards the
/// top, new lines come in at the bottom) when positive, down when negative.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scroll {
    pub top: u16,
    pub bottom: u16,
    pub by: i16,
}

/// What a scroll itself costs: setting and resetting the region, a cursor move, the line feeds.
const OVERHEAD: usize = 20;
/// Shifts tried: a held key moves a list by one line a frame, a few when frames coalesce.
const SHIFTS: [i16; 6] = [1, -1, 2, -2, 3, -3];
/// What starting a run of changed cells costs: the cursor move to it.
const MOVE: usize = 6;

/// About how many bytes turn row `old` into row `new`: the changed cells' text and a
/// cursor move for each run of them.
fn cost(old: &[Seen], new: &[Seen]) -> usize {
    let mut total = 0;
    let mut in_run = false;
    for (o, n) in old.iter().zip(new) {
        if o != n && n.width > 0 {
            total += n.glyph.len_hint().max(1) + if in_run { 0 } else { MOVE };
            in_run = true;
        } else if o == n {
            in_run = false;
        }
    }
    total
}

fn blank_cost(new: &[Seen]) -> usize {
    let blank = vec![Seen::blank(); new.len()];
    cost(&blank, new)
}

/// The scroll that saves the most bytes, if any saves more than it costs.
pub fn plan(old: &Shadow, new: &Shadow) -> Option<Scroll> {
    let h = new.height as usize;
    if h < 2 || (old.width, old.height) != (new.width, new.height) {
        return None;
    }
    let plain: Vec<usize> = (0..h).map(|y| cost(old.row(y as u16), new.row(y as u16))).collect();
    let blank: Vec<usize> = (0..h).map(|y| blank_cost(new.row(y as u16))).collect();
    let mut best: Option<(usize, Scroll)> = None;
    for by in SHIFTS {
        let m = by.unsigned_abs() as usize;
        if m >= h {
            continue;
        }
        // gain[y]: what destination row y saves when it gets old row y + by.
        let gain: Vec<isize> = (0..h)
            .map(|y| {
                let from = y as isize + by as isize;
                if (0..h as isize).contains(&from) {
                    plain[y] as isize - cost(old.row(from as u16), new.row(y as u16)) as isize
                } else {
                    isize::MIN / 4
                }
            })
            .collect();
        let blank_gain = |y: usize| plain[y] as isize - blank[y] as isize;
        let mut prefix = vec![0isize; h + 1];
        for y in 0..h {
            prefix[y + 1] = prefix[y] + gain[y];
        }
        // Destination rows a..=b; the m rows past them (below for up, above for down) come in blank.
        for a in 0..h {
            for b in a..h {
                let (top, bottom, blanks) = if by > 0 {
                    if b + m >= h {
                        break;
                    }
                    (a, b + m, b + 1..=b + m)
                } else {
                    if a < m {
                        break;
                    }
                    (a - m, b, a - m..=a - 1)
                };
                let saved = prefix[b + 1] - prefix[a] + blanks.map(blank_gain).sum::<isize>();
                if saved > OVERHEAD as isize && best.is_none_or(|(s, _)| saved as usize > s) {
                    best = Some((saved as usize, Scroll { top: top as u16, bottom: bottom as u16, by }));
                }
            }
        }
    }
    best.map(|(_, s)| s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::sgr::PLAIN;
    use crate::tui::shadow::Glyphs;

    fn screen(lines: &[&str]) -> Shadow {
        let w = 40;
        let mut s = Shadow::default();
        let mut glyphs = Glyphs::default();
        s.reset(w, lines.len() as u16);
        for (y, line) in lines.iter().enumerate() {
            for (x, c) in line.chars().enumerate() {
                let glyph = glyphs.glyph(c.encode_utf8(&mut [0; 4]));
                s.set(x as u16, y as u16, Seen { glyph, pen: PLAIN, width: 1 });
            }
        }
        s
    }

    #[test]
    fn a_list_moved_up_one_line_is_scrolled_with_its_marks_changed_after() {
        let old = screen(&[
            "head",
            " alpha 120 units 166 units 3.00",
            " bravo 13 units 32 units 3.00",
            " charlie 25 units 23 units 2.84",
            ">delta 32 m 42.6 m",
            "detail a",
        ]);
        let new = screen(&[
            "head",
            " bravo 13 units 32 units 3.00",
            " charlie 25 units 23 units 2.84",
            " delta 32 m 42.6 m",
            ">echo 1 1 2.00",
            "detail b",
        ]);
        assert_eq!(plan(&old, &new), Some(Scroll { top: 1, bottom: 4, by: 1 }));
    }

    #[test]
    fn a_list_moved_down_is_scrolled_down() {
        let old = screen(&[
            "head",
            ">bravo 13 units 32 units 3.00",
            " charlie 25 units 23 units 2.84",
            " delta 32 m 42.6 m",
            " echo 1 1 2.00",
            "foot",
        ]);
        let new = screen(&[
            "head",
            ">alpha 120 units 166 units 3.00",
            " bravo 13 units 32 units 3.00",
            " charlie 25 units 23 units 2.84",
            " delta 32 m 42.6 m",
            "foot",
        ]);
        assert_eq!(plan(&old, &new), Some(Scroll { top: 1, bottom: 4, by: -1 }));
    }

    #[test]
    fn rows_that_only_changed_in_place_are_not_scrolled() {
        let old = screen(&[
            "head",
            " alpha 120 units 166 units 3.00",
            ">bravo 13 units 32 units 3.00",
            " charlie 25 units 23 units 2.84",
        ]);
        let new = screen(&[
            "head",
            " alpha 120 units 166 units 3.00",
            " bravo 13 units 32 units 3.00",
            ">charlie 25 units 23 units 2.84",
        ]);
        assert_eq!(plan(&old, &new), None);
    }
}
