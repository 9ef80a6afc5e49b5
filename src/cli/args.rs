//! The command line's own words in Chinese. clap writes its help headings ("Usage:",
//! "Options:", "Print help") and its errors ("unexpected argument … found") in English;
//! here the headings are replaced and each kind of error is said again in Chinese, on one
//! line, naming the argument.

use super::Cli;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};

const TEMPLATE: &str = "{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

/// The usage line of a command: its name, its options, its positional arguments.
fn usage(path: &str, cmd: &Command) -> String {
    let mut out = format!("{path} [选项]");
    for a in cmd.get_positionals() {
        let name = a.get_value_names().and_then(|n| n.first()).map_or(a.get_id().to_string(), |n| n.to_string());
        out.push_str(&if a.is_required_set() { format!(" <{name}>") } else { format!(" [{name}]") });
    }
    if cmd.has_subcommands() {
        out.push_str(" [命令]");
    }
    out
}

fn localise(cmd: Command, path: &str) -> Command {
    let usage = usage(path, &cmd);
    let mut cmd = cmd
        .help_template(TEMPLATE)
        .override_usage(usage)
        .subcommand_help_heading("命令")
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .mut_args(|a| if a.is_positional() { a.help_heading("参数") } else { a.help_heading("选项") })
        .arg(Arg::new("help").short('h').long("help").action(ArgAction::Help).help("显示帮助").help_heading("选项"));
    let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in names {
        let sub_path = format!("{path} {name}");
        cmd = cmd.mut_subcommand(&name, |s| localise(s, &sub_path));
    }
    cmd
}

/// The whole command line, with Chinese headings.
pub fn command() -> Command {
    localise(Cli::command(), "jixiao").disable_version_flag(true).arg(
        Arg::new("version").short('V').long("version").action(ArgAction::Version).help("显示版本").help_heading("选项"),
    )
}

fn context(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join("、")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(v.iter().map(ToString::to_string).collect::<Vec<_>>().join("、")),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Why a value was refused: our parsers' Chinese words, or the kind of number expected.
fn why_invalid(e: &clap::Error) -> String {
    use std::error::Error;
    let source = e.source();
    if source.is_some_and(|s| s.downcast_ref::<std::num::ParseIntError>().is_some()) {
        return "应为整数".into();
    }
    match source.map(ToString::to_string) {
        Some(s) if s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) => s,
        _ => "写法不对".into(),
    }
}

/// A clap error in Chinese, one line.
pub fn message(e: &clap::Error) -> String {
    let arg = context(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = crate::domain::text::excerpt(&context(e, ContextKind::InvalidValue).unwrap_or_default());
    let suggestion = context(e, ContextKind::SuggestedArg)
        .or_else(|| context(e, ContextKind::SuggestedSubcommand))
        .map_or(String::new(), |s| format!("，是否要用 {s}？"));
    let help = "用 jixiao --help 查看用法";
    match e.kind() {
        ErrorKind::UnknownArgument => {
            format!("无法识别的参数“{}”{suggestion}（{help}）", crate::domain::text::excerpt(&arg))
        }
        ErrorKind::InvalidSubcommand => {
            let sub = context(e, ContextKind::InvalidSubcommand).unwrap_or_default();
            format!("无法识别的命令“{}”{suggestion}（{help}）", crate::domain::text::excerpt(&sub))
        }
        ErrorKind::InvalidValue => {
            let valid = context(e, ContextKind::ValidValue).map_or(String::new(), |v| format!("：可选 {v}"));
            if value.is_empty() {
                format!("参数 {arg} 缺少值{valid}")
            } else {
                format!("参数 {arg} 的值“{value}”无效{valid}")
            }
        }
        ErrorKind::ValueValidation => format!("参数 {arg} 的值“{value}”无效：{}", why_invalid(e)),
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{arg}（{help}）"),
        ErrorKind::MissingSubcommand => format!("缺少命令（{help}）"),
        ErrorKind::ArgumentConflict => {
            let prior = context(e, ContextKind::PriorArg).unwrap_or_default();
            format!("参数 {arg} 不能与 {prior} 同时使用")
        }
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("参数 {arg} 的值个数不对（{help}）")
        }
        ErrorKind::NoEquals => format!("参数 {arg} 须写成 {arg}=值"),
        ErrorKind::InvalidUtf8 => "命令行参数不是有效的 UTF-8 文字".into(),
        _ => format!("命令行参数有误（{help}）"),
    }
}

/// What parsing the command line came to.
pub enum Parsed {
    Run(Cli),
    /// Help or the version, already printed: exit successfully.
    Shown,
    /// A Chinese message for stderr: exit with 2, as clap does.
    Refused(String),
}

pub fn parse(args: impl IntoIterator<Item = std::ffi::OsString>) -> Parsed {
    match command().try_get_matches_from(args).and_then(|m| Cli::from_arg_matches(&m)) {
        Ok(cli) => Parsed::Run(cli),
        Err(e) => match e.kind() {
            ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                let _ = e.print();
                Parsed::Shown
            }
            ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                let _ = e.print();
                Parsed::Refused(format!("缺少参数或命令（{}）", "见上面的用法"))
            }
            _ => Parsed::Refused(message(&e)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(args: &[&str]) -> String {
        match parse(args.iter().map(std::ffi::OsString::from)) {
            Parsed::Refused(m) => m,
            _ => panic!("{args:?} was accepted"),
        }
    }

    #[test]
    fn errors_are_said_in_chinese_naming_the_argument() {
        assert_eq!(refused(&["jixiao", "--bogus"]), "无法识别的参数“--bogus”（用 jixiao --help 查看用法）");
        let m = refused(&["jixiao", "score", "--org", "甲", "--year", "二〇二四"]);
        assert_eq!(m, "参数 --year <YEAR> 的值“二〇二四”无效：应为整数");
        assert!(refused(&["jixiao", "score", "--org", "甲"]).starts_with("缺少必需的参数：--year"));
        assert!(refused(&["jixiao", "bogus"]).starts_with("无法识别的命令“bogus”"));
        let m = refused(&["jixiao", "export", "--org", "甲", "--year", "2024", "--format", "pdf"]);
        assert!(m.contains("--format") && m.contains("可选格式"), "{m}");
        let long = "x".repeat(300_000);
        assert!(refused(&["jixiao", "score", "--org", "甲", "--year", &long]).chars().count() < 120);
    }

    #[test]
    fn help_has_no_english_headings() {
        let help = command().render_help().to_string();
        for english in ["Usage:", "Options:", "Commands:", "Print help", "Print version", "[OPTIONS]"] {
            assert!(!help.contains(english), "{english} in:\n{help}");
        }
        assert!(help.contains("用法：jixiao [选项] [命令]") && help.contains("显示帮助"), "{help}");
        let mut cmd = command();
        let sub = cmd.find_subcommand_mut("score").unwrap().render_help().to_string();
        assert!(sub.contains("用法：jixiao score [选项]") && !sub.contains("Print help"), "{sub}");
    }
}
