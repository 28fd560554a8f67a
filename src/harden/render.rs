//! Hardened output for a terminal: the summary of what changed and what is left,
//! and a unified diff of the input and the result.

use super::{Hardened, UnfixedReason};
use crate::diagnostic::Applicability;

/// What hardening did, in plain text: one line per change (`file:line:col`), then
/// the findings left with their reason, and whether unsafe fixes were included.
pub fn summary(name: &str, hardened: &Hardened) -> String {
    let mut out = String::new();
    for change in &hardened.changes {
        let at = change.range.start;
        let unsafe_mark = match change.applicability {
            Applicability::Safe => "",
            Applicability::Unsafe => " (changes behaviour)",
        };
        // A change to shared text says so in its title ("also changes …").
        out.push_str(&format!(
            "{name}:{}:{}: {} {}{unsafe_mark}\n",
            at.line, at.column, change.code, change.title
        ));
    }
    let left = |reason: UnfixedReason| {
        hardened
            .unfixed
            .iter()
            .filter(move |unfixed| unfixed.reason == reason)
    };
    let unsafe_left = left(UnfixedReason::Unsafe).count();
    let by_hand = left(UnfixedReason::NoFix).count() + left(UnfixedReason::NotWritable).count();
    let mode = if hardened.include_unsafe {
        "safe and unsafe fixes"
    } else {
        "safe fixes only"
    };
    out.push_str(&format!(
        "{} change{} applied ({mode}); {by_hand} finding{} need a change by hand",
        hardened.changes.len(),
        plural(hardened.changes.len()),
        plural(by_hand),
    ));
    if unsafe_left > 0 {
        out.push_str(&format!(
            "; {unsafe_left} more fix{} change{} behaviour: review them and rerun with --unsafe",
            if unsafe_left == 1 { "" } else { "es" },
            if unsafe_left == 1 { "s" } else { "" },
        ));
    }
    out.push('\n');
    out
}

fn plural(count: usize) -> &'static str {
    if count == 1 {
        ""
    } else {
        "s"
    }
}

/// A unified diff (three lines of context) from `before` to `after`; empty when
/// they are the same.
pub fn unified_diff(name: &str, before: &str, after: &str) -> String {
    if before == after {
        return String::new();
    }
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}
