//! Repairs escape sequences that reached the app in pieces.
//!
//! Over SSH the bytes of one key can arrive split (`\x1b` in one read, `[A` in the
//! next), and crossterm reports `\x1b\x1b[C` (Esc pressed just before an arrow) as Esc
//! followed by the characters `[` and `C`. Either way the tail would be typed into
//! whatever field is open. This pass, run over each batch of events before they are
//! handled, turns such a run back into the key it was: after a pause (a split
//! sequence) the Esc belonged to it; within one read, the Esc was a key of its own.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// An event, and whether the terminal went quiet just before it arrived.
pub type Timed = (Event, bool);

fn char_of(e: &Event) -> Option<char> {
    match e {
        Event::Key(KeyEvent { code: KeyCode::Char(c), modifiers, kind: KeyEventKind::Press, .. })
            if !modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(*c)
        }
        _ => None,
    }
}

fn is_bare_esc(e: &Event) -> bool {
    matches!(e, Event::Key(KeyEvent { code: KeyCode::Esc, modifiers, .. }) if modifiers.is_empty())
}

/// Whether a batch ends in an Esc that may be the start of a split sequence.
pub fn ends_in_esc(batch: &[Timed]) -> bool {
    batch.last().is_some_and(|(e, _)| is_bare_esc(e))
}

fn modifiers(param: u8) -> KeyModifiers {
    let bits = param.saturating_sub(1);
    let mut m = KeyModifiers::empty();
    if bits & 1 != 0 {
        m |= KeyModifiers::SHIFT;
    }
    if bits & 2 != 0 {
        m |= KeyModifiers::ALT;
    }
    if bits & 4 != 0 {
        m |= KeyModifiers::CONTROL;
    }
    m
}

/// Decodes the characters after the Esc (`[A`, `[1;5B`, `[3~`, `OP` …): the key, and how
/// many characters it used.
fn decode(tail: &[char]) -> Option<(KeyEvent, usize)> {
    let letter = |c: char| match c {
        'A' => Some(KeyCode::Up),
        'B' => Some(KeyCode::Down),
        'C' => Some(KeyCode::Right),
        'D' => Some(KeyCode::Left),
        'H' => Some(KeyCode::Home),
        'F' => Some(KeyCode::End),
        'P' => Some(KeyCode::F(1)),
        'Q' => Some(KeyCode::F(2)),
        'R' => Some(KeyCode::F(3)),
        'S' => Some(KeyCode::F(4)),
        'Z' => Some(KeyCode::BackTab),
        _ => None,
    };
    match tail.first()? {
        'O' => letter(*tail.get(1)?).map(|k| (KeyEvent::new(k, KeyModifiers::NONE), 2)),
        '[' => {
            let end = tail.iter().skip(1).position(|c| !(c.is_ascii_digit() || *c == ';'))? + 1;
            let params: Vec<u8> =
                tail[1..end].iter().collect::<String>().split(';').map(|p| p.parse().unwrap_or(1)).collect();
            let mods = params.get(1).map_or(KeyModifiers::NONE, |p| modifiers(*p));
            let code = match tail[end] {
                '~' => match params.first()? {
                    1 | 7 => KeyCode::Home,
                    2 => KeyCode::Insert,
                    3 => KeyCode::Delete,
                    4 | 8 => KeyCode::End,
                    5 => KeyCode::PageUp,
                    6 => KeyCode::PageDown,
                    n @ 11..=15 => KeyCode::F(n - 10),
                    n @ 17..=21 => KeyCode::F(n - 11),
                    n @ 23..=24 => KeyCode::F(n - 12),
                    _ => return None,
                },
                c => letter(c)?,
            };
            let mods = if code == KeyCode::BackTab { mods | KeyModifiers::SHIFT } else { mods };
            Some((KeyEvent::new(code, mods), end + 1))
        }
        _ => None,
    }
}

/// Puts split or swallowed escape sequences back together.
pub fn repair(batch: Vec<Timed>) -> Vec<Event> {
    let mut out = Vec::with_capacity(batch.len());
    let mut i = 0;
    while i < batch.len() {
        let (event, _) = &batch[i];
        if is_bare_esc(event) {
            let tail: Vec<char> = batch[i + 1..].iter().map_while(|(e, _)| char_of(e)).take(8).collect();
            if let Some((key, used)) = decode(&tail) {
                let split = batch[i + 1].1;
                if !split {
                    out.push(event.clone());
                }
                out.push(Event::Key(key));
                i += 1 + used;
                continue;
            }
        }
        out.push(event.clone());
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> Event {
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    fn chars(s: &str, pause_first: bool) -> Vec<Timed> {
        s.chars().enumerate().map(|(i, c)| (key(KeyCode::Char(c)), pause_first && i == 0)).collect()
    }

    #[test]
    fn a_sequence_split_by_a_pause_is_one_key() {
        let mut batch = vec![(key(KeyCode::Esc), false)];
        batch.extend(chars("[A", true));
        assert_eq!(repair(batch), vec![key(KeyCode::Up)]);
    }

    #[test]
    fn esc_swallowed_with_the_next_keys_escape_stays_an_esc() {
        let mut batch = vec![(key(KeyCode::Esc), false)];
        batch.extend(chars("[C", false));
        assert_eq!(repair(batch), vec![key(KeyCode::Esc), key(KeyCode::Right)]);
    }

    #[test]
    fn modifiers_tildes_and_ss3_keys() {
        let mut batch = vec![(key(KeyCode::Esc), false)];
        batch.extend(chars("[1;5B", true));
        assert_eq!(repair(batch), vec![Event::Key(KeyEvent::new(KeyCode::Down, KeyModifiers::CONTROL))]);
        let mut batch = vec![(key(KeyCode::Esc), false)];
        batch.extend(chars("[3~x", true));
        assert_eq!(repair(batch), vec![key(KeyCode::Delete), key(KeyCode::Char('x'))]);
        let mut batch = vec![(key(KeyCode::Esc), false)];
        batch.extend(chars("OP", true));
        assert_eq!(repair(batch), vec![key(KeyCode::F(1))]);
    }

    #[test]
    fn ordinary_typing_is_left_alone() {
        let mut batch = chars("a[b", false);
        batch.push((key(KeyCode::Esc), false));
        batch.extend(chars("[x", false));
        let out = repair(batch.clone());
        assert_eq!(out, batch.into_iter().map(|(e, _)| e).collect::<Vec<_>>());
        assert!(ends_in_esc(&[(key(KeyCode::Esc), false)]));
    }
}
