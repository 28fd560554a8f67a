//! Helpers for the pass/fail cases at the bottom of each rule file.

use super::Rule;
use crate::analyze::{analyze, AnalyzeOptions, InputKind};
use crate::config::{Config, Profile};
use crate::diagnostic::Diagnostic;

/// `(line, column)` of every diagnostic `rule` raises on `text` under `profile`
/// (input kind auto-detected), suppressed ones included.
pub fn findings_in(rule: &Rule, text: &str, profile: Profile) -> Vec<(u32, u32)> {
    let config = Config {
        profile,
        ..Config::default()
    };
    findings_with(rule, text, config)
}

/// Positions of `rule`'s findings under `config` (for rule options), with the rule
/// selected on top of it.
pub fn findings_with(rule: &Rule, text: &str, config: Config) -> Vec<(u32, u32)> {
    diagnostics_with(rule, text, config)
        .iter()
        .map(|d| (d.range.start.line, d.range.start.column))
        .collect()
}

/// `rule`'s diagnostics under `config`, with the rule selected on top of it (for
/// assertions on severity, message or fix).
pub fn diagnostics_with(rule: &Rule, text: &str, mut config: Config) -> Vec<Diagnostic> {
    config.select.push(rule.code.to_string());
    let options = AnalyzeOptions {
        config,
        input: InputKind::Auto,
        ..AnalyzeOptions::default()
    };
    analyze(text, &options)
        .diagnostics
        .into_iter()
        .filter(|d| d.code == rule.code)
        .collect()
}

/// Positions of `rule`'s findings with the rule selected explicitly (any profile).
pub fn findings(rule: &Rule, text: &str) -> Vec<(u32, u32)> {
    findings_in(rule, text, Profile::Default)
}

/// Asserts that every `pass` case raises nothing and every `fail` case raises the
/// rule at exactly the listed `(line, column)` positions.
pub fn assert_cases(rule: &Rule, pass: &[&str], fail: &[(&str, &[(u32, u32)])]) {
    for text in pass {
        assert_eq!(
            findings(rule, text),
            vec![],
            "{} should pass:\n{text}",
            rule.code
        );
    }
    for (text, expected) in fail {
        assert_eq!(&findings(rule, text), expected, "{} on:\n{text}", rule.code);
    }
}

/// The text after applying each fix `rule` offers on `text` (default profile), one
/// result per diagnostic that has a fix.
pub fn fixed(rule: &Rule, text: &str) -> Vec<String> {
    fixed_in(rule, text, Profile::Default)
}

/// [`fixed`] under `profile` (for fixes that depend on it).
pub fn fixed_in(rule: &Rule, text: &str, profile: Profile) -> Vec<String> {
    let config = Config {
        profile,
        ..Config::default()
    };
    diagnostics_with(rule, text, config)
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .map(|fix| {
            let mut edits: Vec<_> = fix.edits.iter().collect();
            edits.sort_by_key(|edit| std::cmp::Reverse(edit.byte_range));
            let mut out = text.to_string();
            for edit in edits {
                let [start, end] = edit.byte_range;
                out.replace_range(start as usize..end as usize, &edit.content);
            }
            out
        })
        .collect()
}
