//! The backend's copy of the screen: what each cell shows, as far as it knows.

use super::sgr::{PLAIN, Pen};
use compact_str::CompactString;

/// What one screen cell shows, as far as the backend knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    /// Inline up to 24 bytes (ratatui's own cells do the same): a screen of cells is not
    /// a screen of heap allocations, copied on every frame.
    pub symbol: CompactString,
    pub pen: Pen,
    /// 0 for the second column of a wide character.
    pub width: u8,
}

impl Seen {
    pub fn blank() -> Seen {
        Seen { symbol: CompactString::const_new(" "), pen: PLAIN, width: 1 }
    }

    pub fn is_blank(&self) -> bool {
        self.width == 1 && self.symbol == " " && self.pen == PLAIN
    }
}

/// A copy of the screen, so that the backend knows the cells ratatui did not send:
/// a short run of unchanged cells is cheaper to print than to jump over, and a line
/// that ends blank is cheaper to erase once than cell by cell.
#[derive(Debug, Default, Clone)]
pub struct Shadow {
    pub width: u16,
    pub height: u16,
    cells: Vec<Seen>,
}

impl Shadow {
    pub fn reset(&mut self, width: u16, height: u16) {
        self.width = width;
        self.height = height;
        self.cells = vec![Seen::blank(); width as usize * height as usize];
    }

    pub fn get(&self, x: u16, y: u16) -> Option<&Seen> {
        (x < self.width && y < self.height).then(|| &self.cells[y as usize * self.width as usize + x as usize])
    }

    /// Records a cell. Overwriting half of a wide character blanks its other half, here
    /// as on most terminals; the diff then sends that blank too, for those (and pyte)
    /// that keep the half.
    pub fn set(&mut self, x: u16, y: u16, seen: Seen) {
        if x >= self.width || y >= self.height {
            return;
        }
        let wide = seen.width as u16 > 1;
        let i = y as usize * self.width as usize + x as usize;
        // Overwriting either half of a wide character erases all of it.
        if self.cells[i].width == 0 && x > 0 {
            self.cells[i - 1] = Seen::blank();
        }
        if self.cells[i].width > 1 && x + 1 < self.width && !wide {
            self.cells[i + 1] = Seen::blank();
        }
        self.cells[i] = seen;
        if wide && x + 1 < self.width {
            if self.cells[i + 1].width > 1 && x + 2 < self.width {
                self.cells[i + 2] = Seen::blank();
            }
            self.cells[i + 1] = Seen { symbol: CompactString::const_new(""), pen: self.cells[i].pen, width: 0 };
        }
    }

    pub fn row(&self, y: u16) -> &[Seen] {
        let w = self.width as usize;
        &self.cells[y as usize * w..(y as usize + 1) * w]
    }

    /// Moves rows `from..from+count` to start at row `to`, as the terminal does when it scrolls.
    pub fn move_rows(&mut self, from: u16, to: u16, count: u16) {
        let w = self.width as usize;
        let (from, to, n) = (from as usize * w, to as usize * w, count as usize * w);
        if to < from {
            for i in 0..n {
                self.cells[to + i] = self.cells[from + i].clone();
            }
        } else {
            for i in (0..n).rev() {
                self.cells[to + i] = self.cells[from + i].clone();
            }
        }
    }

    pub fn blank_rows(&mut self, from: u16, count: u16) {
        let w = self.width as usize;
        for c in &mut self.cells[from as usize * w..(from + count) as usize * w] {
            *c = Seen::blank();
        }
    }

    /// The first column from which the row is blank to its end.
    pub fn blank_from(&self, y: u16) -> u16 {
        let mut x = self.width;
        while x > 0 && self.get(x - 1, y).is_some_and(Seen::is_blank) {
            x -= 1;
        }
        x
    }
}
