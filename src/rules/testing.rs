//! Helpers for the pass/fail cases at the bottom of each rule file.

use super::Rule;
use crate::analyze::{analyze, AnalyzeOptions, InputKind};
use crate::config::{Config, Profile};

/// `(line, column)` of every diagnostic `rule` raises on `text` under `profile`
/// (input kind auto-detected), suppressed ones included.
pub fn findings_in(rule: &Rule, text: &str, profile: Profile) -> Vec<(u32, u32)> {
    let options = AnalyzeOptions {
        config: Config {
            profile,
            select: vec![rule.code.to_string()],
            ..Config::default()
        },
        input: InputKind::Auto,
        ..AnalyzeOptions::default()
    };
    analyze(text, &options)
        .diagnostics
        .iter()
        .filter(|d| d.code == rule.code)
        .map(|d| (d.range.start.line, d.range.start.column))
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
