//! Text that is safe to show: control characters (ESC, BEL, …) found and escaped, long
//! values cut to an excerpt for messages.
//!
//! A name containing ESC would, printed raw, let a crafted file retitle the terminal or
//! clear it; so text coming in (files, workbooks, pastes) is refused if it has control
//! characters other than newline and tab, and text going out to a terminal or a file
//! a person opens has any that slipped in (an older database) escaped as `\x1b`.

/// Whether a character may stand in a text: anything but control characters, except
/// newline and tab (a carriage return is part of a Windows line end).
pub fn allowed(c: char) -> bool {
    !c.is_control() || matches!(c, '\n' | '\t' | '\r')
}

/// The first character that may not stand in a text, if any.
pub fn control_char(text: &str) -> Option<char> {
    text.chars().find(|c| !allowed(*c))
}

/// A character as a visible escape: `\x1b`, `\u{9b}`.
pub fn escape_char(c: char) -> String {
    match c as u32 {
        n @ 0..=0xff => format!("\\x{n:02x}"),
        n => format!("\\u{{{n:x}}}"),
    }
}

/// The text with each disallowed character replaced by its escape; unchanged (and not
/// copied) when it has none.
pub fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if control_char(text).is_none() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if allowed(c) { out.push(c) } else { out.push_str(&escape_char(c)) }
    }
    std::borrow::Cow::Owned(out)
}

/// How much of a value a message quotes.
pub const EXCERPT_CHARS: usize = 40;

/// A value as a message quotes it: on one line, escaped, and at most
/// [`EXCERPT_CHARS`] characters (`开头……（共 300000 字）`), so that a refused huge value is
/// not echoed whole.
pub fn excerpt(text: &str) -> String {
    let one_line: String = text.chars().map(|c| if c == '\n' || c == '\r' || c == '\t' { ' ' } else { c }).collect();
    let count = one_line.chars().count();
    let shown: String = one_line.chars().take(EXCERPT_CHARS).collect();
    let shown = escape_controls(&shown).into_owned();
    if count > EXCERPT_CHARS { format!("{shown}……（共 {count} 字）") } else { shown }
}

/// An operating-system error in Chinese, one line: what it means, not its English words.
pub fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let what = match e.kind() {
        K::NotFound => "文件或目录不存在",
        K::PermissionDenied => "没有权限",
        K::AlreadyExists => "文件已存在",
        K::StorageFull => "磁盘已满",
        K::QuotaExceeded => "超出磁盘配额",
        K::FileTooLarge => "文件过大（超出系统限制）",
        K::ReadOnlyFilesystem => "文件系统是只读的",
        K::IsADirectory => "这是一个目录",
        K::NotADirectory => "路径中有一段不是目录",
        K::InvalidData => "内容不是有效的文字（UTF-8）",
        K::UnexpectedEof => "文件不完整",
        K::Interrupted => "被中断",
        K::OutOfMemory => "内存不足",
        K::DirectoryNotEmpty => "目录不是空的",
        K::CrossesDevices => "不能跨磁盘移动文件",
        _ => match e.raw_os_error() {
            Some(5) => "读写错误（磁盘故障）",
            Some(36) => "文件名过长",
            Some(40) => "符号链接层数过多",
            Some(code) => return format!("系统错误（错误码 {code}）"),
            None => "读写错误",
        },
    };
    what.to_string()
}

/// What changed between two long texts, for showing a change: the differing middle of
/// each with `context` characters either side, `…` where text is left out. Short texts
/// (both at most `2 × context` characters) are returned whole.
pub fn changed_part(old: &str, new: &str, context: usize) -> (String, String) {
    let (o, n): (Vec<char>, Vec<char>) = (old.chars().collect(), new.chars().collect());
    if o.len() <= 2 * context && n.len() <= 2 * context {
        return (old.to_string(), new.to_string());
    }
    let prefix = o.iter().zip(&n).take_while(|(a, b)| a == b).count();
    let room = o.len().min(n.len()) - prefix;
    let suffix = o.iter().rev().zip(n.iter().rev()).take(room).take_while(|(a, b)| a == b).count();
    let start = prefix.saturating_sub(context);
    let show = |t: &[char]| {
        let end = (t.len() - suffix + context).min(t.len());
        let body: String = t[start..end].iter().collect();
        format!("{}{body}{}", if start > 0 { "…" } else { "" }, if end < t.len() { "…" } else { "" })
    };
    (show(&o), show(&n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_found_and_escaped() {
        assert_eq!(control_char("名称\n第二行\t制表"), None);
        assert_eq!(control_char("恶意\u{1b}]0;标题\u{7}"), Some('\u{1b}'));
        assert_eq!(escape_controls("a\u{1b}[2Jb\u{7}\u{9b}"), "a\\x1b[2Jb\\x07\\x9b");
        assert!(matches!(escape_controls("干净的文字"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn a_long_texts_change_is_shown_by_its_changed_part() {
        let old = format!("{}取得了显著成效。", "前文".repeat(50));
        let new = format!("{old}补充一句。");
        assert_eq!(changed_part(&old, &new, 6), ("…了显著成效。".to_string(), "…了显著成效。补充一句。".to_string()));
        let edited = old.replacen("前文前文", "前文改文", 1);
        let (a, b) = changed_part(&old, &edited, 2);
        assert_eq!((a.as_str(), b.as_str()), ("前文前文前…", "前文改文前…"));
        assert_eq!(changed_part("23家", "25家", 6), ("23家".into(), "25家".into()));
    }

    #[test]
    fn excerpts_are_short_and_on_one_line() {
        assert_eq!(excerpt("12a"), "12a");
        let long = "1".repeat(300_000);
        let e = excerpt(&long);
        assert!(e.starts_with(&"1".repeat(40)) && e.ends_with("……（共 300000 字）"), "{e}");
        assert!(e.chars().count() < 60);
        assert_eq!(excerpt("两行\n文字\u{1b}"), "两行 文字\\x1b");
    }
}
