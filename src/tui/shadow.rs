//! The backend's copy of the screen: what each cell shows, as far as it knows.

use super::sgr::{PLAIN, Pen};
use compact_str::CompactString;
use std::collections::HashMap;

/// A cell's text in four bytes: its one character (nearly every cell), nothing (the
/// second column of a wide character), or a longer grapheme (a letter with combining
/// marks, an emoji sequence) by its number in the backend's `Glyphs`. Four bytes, not a
/// string, because the backend keeps two copies of the screen: at 200×50 a string per
/// cell made them 800 KB, a quarter of the heap (issue 14, peak RSS).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyph(u32);

/// Past the last Unicode scalar value: the codes of what is not one character.
const NOTHING: u32 = 0x11_0000;
const FIRST_KEPT: u32 = NOTHING + 1;

impl Glyph {
    pub const SPACE: Glyph = Glyph(' ' as u32);
    pub const NOTHING: Glyph = Glyph(NOTHING);

    /// One ASCII byte: printed again, it steps the cursor over its cell.
    pub fn is_ascii(self) -> bool {
        self.0 < 0x80
    }

    /// About how many bytes printing it takes (a kept grapheme is counted as eight).
    pub fn len_hint(self) -> usize {
        match char::from_u32(self.0) {
            Some(c) => c.len_utf8(),
            None if self.0 == NOTHING => 0,
            None => 8,
        }
    }
}

/// The graphemes of more than one character seen on screen, each kept once so that
/// equal cells have equal glyphs. Emptied whenever the screen is (`LeanBackend`
/// clears or resizes), when no cell refers to them any more.
#[derive(Debug, Default)]
pub struct Glyphs {
    texts: Vec<CompactString>,
    numbers: HashMap<CompactString, u32>,
}

impl Glyphs {
    pub fn glyph(&mut self, symbol: &str) -> Glyph {
        let mut chars = symbol.chars();
        match (chars.next(), chars.next()) {
            (None, _) => Glyph::NOTHING,
            (Some(c), None) => Glyph(c as u32),
            _ => {
                if let Some(&n) = self.numbers.get(symbol) {
                    return Glyph(n);
                }
                let n = FIRST_KEPT + self.texts.len() as u32;
                self.texts.push(symbol.into());
                self.numbers.insert(symbol.into(), n);
                Glyph(n)
            }
        }
    }

    /// Appends the glyph's text to `out`.
    pub fn write(&self, glyph: Glyph, out: &mut Vec<u8>) {
        if let Some(c) = char::from_u32(glyph.0) {
            let mut buf = [0; 4];
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        } else if glyph.0 >= FIRST_KEPT {
            out.extend_from_slice(self.texts[(glyph.0 - FIRST_KEPT) as usize].as_bytes());
        }
    }

    pub fn clear(&mut self) {
        self.texts.clear();
        self.numbers.clear();
    }
}

/// What one screen cell shows, as far as the backend knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seen {
    pub glyph: Glyph,
    pub pen: Pen,
    /// 0 for the second column of a wide character.
    pub width: u8,
}

// Sixteen bytes a cell: see `Glyph`.
const _: () = assert!(std::mem::size_of::<Seen>() <= 16);

impl Seen {
    pub fn blank() -> Seen {
        Seen { glyph: Glyph::SPACE, pen: PLAIN, width: 1 }
    }

    pub fn is_blank(&self) -> bool {
        self.width == 1 && self.glyph == Glyph::SPACE && self.pen == PLAIN
    }
}

/// A copy of the screen, so that the backend knows the cells ratatui did not send:
/// a short run of unchanged cells is cheaper to print than to jump over, and a line
/// that ends blank is cheaper to erase once than cell by cell.
#[derive(Debug, Default)]
pub struct Shadow {
    pub width: u16,
    pub height: u16,
    cells: Vec<Seen>,
}

/// By hand for `clone_from`, which the backend calls on every frame: the derived one
/// would clone into a new allocation and drop the old, three screens at once for a
/// moment instead of two.
impl Clone for Shadow {
    fn clone(&self) -> Shadow {
        Shadow { width: self.width, height: self.height, cells: self.cells.clone() }
    }

    fn clone_from(&mut self, source: &Shadow) {
        self.width = source.width;
        self.height = source.height;
        self.cells.clone_from(&source.cells);
    }
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
            self.cells[i + 1] = Seen { glyph: Glyph::NOTHING, pen: self.cells[i].pen, width: 0 };
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
        self.cells.copy_within(from..from + n, to);
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
