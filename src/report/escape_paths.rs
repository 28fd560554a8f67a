//! The escape paths of each container as text (`shipshape check --explain-paths`):
//! the open paths step by step with the settings that enable each step and where
//! they are written, their impact, the minimal fixes, then the paths one step away.
//!
//! It reads the report's [`EscapePathsView`], the same data the JSON output and the
//! page's Escape paths view show. Text is plain, as everywhere in the terminal.

use super::{shown_name, Checked, ContainerReport};
use crate::diagnostic::plain_text;
use crate::paths::view::{MinimalFixView, PathView, SettingView};
use crate::paths::Impact;
use crate::span::Range;
use annotate_snippets::renderer::{Effects, Style};
use std::fmt::Write;

/// The escape paths of every container of `input`, one block per container, each
/// followed by an empty line; `color` makes the headings bold.
pub fn render(input: &Checked, color: bool) -> String {
    let file = shown_name(input.report);
    let at = |range: &Range| format!("{file}:{}:{}", range.start.line, range.start.column);
    let mut out = String::new();
    for container in &input.report.containers {
        let heading = format!(
            "escape paths of {} ({}): {}",
            container.name,
            at(&container.name_range),
            counts(container)
        );
        if color {
            let bold = Style::new().effects(Effects::BOLD);
            let _ = writeln!(out, "{bold}{heading}{bold:#}");
        } else {
            let _ = writeln!(out, "{heading}");
        }
        let paths = &container.escape_paths;
        for path in &paths.open {
            open_path(&mut out, path, &at);
        }
        minimal_fixes(
            &mut out,
            &paths.minimal_fixes,
            paths.more_minimal_fixes,
            &at,
        );
        for path in &paths.one_step_away {
            let _ = writeln!(
                out,
                "  one step away: {} [{}] ({})",
                path.title,
                path.technique,
                impacts(&path.impacts)
            );
            for step in path.steps.iter().filter(|step| !step.met) {
                let _ = writeln!(out, "    missing: {}", plain_text(step.text));
            }
        }
        out.push('\n');
    }
    out
}

/// `2 open, 1 one step away`, `none open`.
fn counts(container: &ContainerReport) -> String {
    let paths = &container.escape_paths;
    let open = match paths.open.len() {
        0 => "none open".to_string(),
        count => format!("{count} open"),
    };
    match paths.one_step_away.len() {
        0 => open,
        count => format!("{open}, {count} one step away"),
    }
}

fn impacts(impacts: &[Impact]) -> String {
    let names: Vec<&str> = impacts.iter().map(|impact| impact.as_str()).collect();
    names.join(", ")
}

/// The title, the impact, each step with its settings, then what the attacker does.
fn open_path(out: &mut String, path: &PathView, at: &impl Fn(&Range) -> String) {
    let _ = writeln!(out, "  open: {} [{}]", path.title, path.technique);
    let _ = writeln!(out, "    impact: {}", impacts(&path.impacts));
    for (number, step) in path.steps.iter().enumerate() {
        let _ = writeln!(out, "    {}. {}", number + 1, plain_text(step.text));
        for setting in &step.settings {
            let _ = writeln!(out, "       - {}", setting_line(setting, at));
        }
        if step.more_settings > 0 {
            let _ = writeln!(out, "       - and {} more", step.more_settings);
        }
    }
    let _ = writeln!(out, "    then {}", plain_text(path.outcome));
}

/// `pid: host shares … (compose.yaml:4:10, finding NS-001)`; an engine default
/// has no place in the text.
fn setting_line(setting: &SettingView, at: &impl Fn(&Range) -> String) -> String {
    let mut notes = vec![setting
        .range
        .as_ref()
        .map_or("engine default".to_string(), at)];
    match setting.findings.as_slice() {
        [] => {}
        [code] => notes.push(format!("finding {code}")),
        codes => notes.push(format!("findings {}", codes.join(", "))),
    }
    format!(
        "{} ({})",
        plain_text(&setting.description),
        notes.join(", ")
    )
}

/// `minimal fix: …` for one, a numbered list when there is a choice.
fn minimal_fixes(
    out: &mut String,
    fixes: &[MinimalFixView],
    more: bool,
    at: &impl Fn(&Range) -> String,
) {
    let fix_line = |fix: &MinimalFixView| {
        let changes: Vec<String> = fix
            .changes
            .iter()
            .map(|change| match &change.range {
                Some(range) => format!("{} ({})", plain_text(&change.title), at(range)),
                None => plain_text(&change.title),
            })
            .collect();
        let hand_edit = if fix.complete {
            ""
        } else {
            " (some changes need a hand edit)"
        };
        format!("{}{hand_edit}", changes.join("; "))
    };
    match fixes {
        [] => {}
        [only] if !more => {
            let _ = writeln!(
                out,
                "  minimal fix, closes every open path: {}",
                fix_line(only)
            );
        }
        _ => {
            let choices = format!("{}{}", fixes.len(), if more { "+" } else { "" });
            let _ = writeln!(
                out,
                "  minimal fixes, {choices} choices, each closes every open path:"
            );
            for (number, fix) in fixes.iter().enumerate() {
                let _ = writeln!(out, "    {}. {}", number + 1, fix_line(fix));
            }
        }
    }
}
