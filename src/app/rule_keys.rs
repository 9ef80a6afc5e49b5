//! Choosing a rule kind by key in the rule form: its number (1–9, 0, r), or the pinyin
//! initial of its name, pressed again for the next kind with the same initial.

use super::input::LineInput;
use super::rule_form::{LineKind, RuleForm};
use crate::domain::rule::RuleKind;

/// The key that picks a kind in the list: 1–9 and 0 for the first ten, x for 正向/反向
/// (by the target's 性质, xìngzhì), r for 人工评分.
pub fn kind_key(kind: RuleKind) -> char {
    let i = RuleKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
    match (kind, i) {
        (RuleKind::Manual, _) => 'r',
        (RuleKind::Directional, _) => 'x',
        (_, 0..=8) => char::from(b'1' + i as u8),
        _ => '0',
    }
}

/// The pinyin initial of a kind's name, for choosing it by letter (c: 超出扣分, 次数扣分).
fn initial(kind: RuleKind) -> char {
    match kind {
        RuleKind::Shortfall => 'b',
        RuleKind::Excess | RuleKind::Count => 'c',
        RuleKind::Proportional => 'a',
        RuleKind::Reverse | RuleKind::Bands => 'f',
        RuleKind::Grade => 'd',
        RuleKind::Deadline => 's',
        RuleKind::Checklist => 'z',
        RuleKind::Binary => 'w',
        RuleKind::Directional => 'z',
        RuleKind::Manual => 'r',
    }
}

impl RuleForm {
    /// A number or letter: in the kinds, the kind it names; in the settings, the first
    /// character of the selected typed line's new value.
    pub(super) fn choose(&mut self, c: char) -> bool {
        self.error = None;
        if self.in_fields {
            let Some(&line) = self.lines().get(self.line) else { return false };
            if line.kind() != LineKind::Typed {
                return false;
            }
            self.editing = Some(LineInput::replacing(&line.text(self.draft()), c));
            return true;
        }
        let n = RuleKind::ALL.len();
        // The next kind (after the selected one) whose key or initial this is.
        let found = (1..=n).map(|step| (self.kind + step) % n).find(|&i| {
            let k = RuleKind::ALL[i];
            kind_key(k) == c || initial(k) == c
        });
        match found {
            Some(i) => {
                self.kind = i;
                self.line = 0;
                true
            }
            None => false,
        }
    }
}
