//! The terminal output, as ruff and rustc print theirs: each finding with its
//! location, the source line with the range underlined, the help and the fix, then
//! a summary with counts per severity and what can be fixed automatically.
//!
//! Messages are the diagnostics' plain-text ones: a terminal shows Markdown backticks raw.

use super::{plural, Checked, SeverityCounts};
use crate::diagnostic::{Applicability, Diagnostic, DiagnosticKind, Severity};
use annotate_snippets::renderer::{AnsiColor, DecorStyle, Effects, Style};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use std::fmt::Write;

/// How the text output looks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TextOptions {
    /// ANSI colours and emphasis (the CLI decides: a terminal, `--color`, `NO_COLOR`).
    pub color: bool,
    /// The escape paths of each container after the findings (`--explain-paths`).
    pub explain_paths: bool,
}

/// Every unsuppressed finding of `inputs`, in order, the escape paths when asked,
/// then the summary.
pub fn render(inputs: &[Checked], options: TextOptions) -> String {
    let renderer = renderer(options.color);
    let mut out = String::new();
    for input in inputs {
        for diagnostic in &input.report.diagnostics {
            if diagnostic.suppressed.is_none() {
                out.push_str(&renderer.render(&[finding(input, diagnostic)]));
                out.push_str("\n\n");
            }
        }
    }
    if options.explain_paths {
        for input in inputs {
            out.push_str(&super::escape_paths::render(input, options.color));
        }
    }
    out.push_str(&summary(inputs, options));
    out
}

fn renderer(color: bool) -> Renderer {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    renderer.decor_style(DecorStyle::Ascii)
}

/// The severity names the finding, in the colour of its weight: red for critical and
/// high, yellow for medium, blue for low, green for info.
fn level(severity: Severity) -> Level<'static> {
    let level = match severity {
        Severity::Critical | Severity::High => Level::ERROR,
        Severity::Medium => Level::WARNING,
        Severity::Low => Level::INFO,
        Severity::Info => Level::NOTE,
    };
    level.with_name(severity.as_str())
}

/// `high[NS-001]: message`, ` --> file:line:col`, the underlined source (with the
/// related locations), then `= help:` and `= fix:` lines.
fn finding<'a>(input: &Checked<'a>, diagnostic: &'a Diagnostic) -> Group<'a> {
    let title = format!("{}: {}", diagnostic.name, diagnostic.message);
    let [start, end] = diagnostic.byte_range;
    let mut primary = AnnotationKind::Primary.span(start as usize..end as usize);
    if let Some(container) = &diagnostic.container {
        primary = primary.label(container.as_str());
    }
    let shown_name = super::shown_name(input.report);
    // In a project, a related location may be in another file: named, not excerpted.
    let (here, elsewhere): (Vec<_>, Vec<_>) = diagnostic.related.iter().partition(|related| {
        related
            .file
            .as_deref()
            .is_none_or(|file| file == shown_name)
    });
    let related = here.into_iter().map(|related| {
        let [start, end] = related.byte_range;
        AnnotationKind::Context
            .span(start as usize..end as usize)
            .label(related.message.as_str())
    });
    let source = Snippet::source(input.text)
        .path(shown_name)
        .annotation(primary)
        .annotations(related);
    let mut group = level(diagnostic.severity)
        .primary_title(title)
        .id(diagnostic.code.as_str())
        .element(source);
    for related in elsewhere {
        let at = related.range.start;
        let file = related.file.as_deref().unwrap_or_default();
        let note = format!("{file}:{}:{}: {}", at.line, at.column, related.message);
        group = group.element(Level::NOTE.message(note));
    }
    if let Some(help) = &diagnostic.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    if let Some(fix) = &diagnostic.fix {
        let name = match fix.applicability {
            Applicability::Safe => "fix",
            Applicability::Unsafe => "unsafe fix",
        };
        group = group.element(Level::HELP.with_name(name).message(fix.title.as_str()));
    }
    group
}

/// `Found 3 findings: 1 critical, 2 high; 1 input problem (1 suppressed).`, then how
/// many have a fix and where the fixes are. Input problems are counted apart from the
/// findings' severities, as the grade leaves them out.
fn summary(inputs: &[Checked], options: TextOptions) -> String {
    let mut counts = SeverityCounts::default();
    let mut input_problems = 0;
    let mut suppressed = 0;
    let mut fixable = [0, 0];
    for diagnostic in inputs.iter().flat_map(|input| &input.report.diagnostics) {
        if diagnostic.suppressed.is_some() {
            suppressed += 1;
            continue;
        }
        match diagnostic.kind {
            DiagnosticKind::Finding => *counts.get_mut(diagnostic.severity) += 1,
            DiagnosticKind::Input => input_problems += 1,
        }
        match &diagnostic.fix {
            Some(fix) if fix.applicability == Applicability::Safe => fixable[0] += 1,
            Some(_) => fixable[1] += 1,
            None => {}
        }
    }
    let shown = counts.total();
    let mut line = if shown == 0 {
        "No findings".to_string()
    } else {
        let per_severity: Vec<String> = Severity::ALL
            .into_iter()
            .map(|severity| (severity, counts.get(severity)))
            .filter(|&(_, count)| count > 0)
            .map(|(severity, count)| format!("{count} {}", severity.as_str()))
            .collect();
        format!(
            "Found {}: {}",
            plural(shown, "finding"),
            per_severity.join(", ")
        )
    };
    if input_problems > 0 {
        let _ = write!(line, "; {}", plural(input_problems, "input problem"));
    }
    if suppressed > 0 {
        let _ = write!(line, " ({suppressed} suppressed)");
    }
    line.push_str(".\n");
    let mut out = if options.color {
        let bold = Style::new().effects(Effects::BOLD);
        format!("{bold}{}{bold:#}\n", line.trim_end())
    } else {
        line
    };
    let [safe, changes_behaviour] = fixable;
    if safe + changes_behaviour > 0 {
        let fixes = match (safe, changes_behaviour) {
            (_, 0) => format!("{} with a safe fix", plural(safe, "finding")),
            (0, _) => format!(
                "{} with a fix that changes behaviour",
                plural(changes_behaviour, "finding")
            ),
            _ => format!(
                "{} with a fix ({safe} safe, {changes_behaviour} changing behaviour)",
                plural(safe + changes_behaviour, "finding")
            ),
        };
        let hint = "apply them with --fix (safe fixes only) or --fix --unsafe-fixes";
        let hint = if options.color {
            let cyan = Style::new().fg_color(Some(AnsiColor::Cyan.into()));
            format!("{cyan}{hint}{cyan:#}")
        } else {
            hint.to_string()
        };
        let _ = writeln!(out, "{fixes}: {hint}.");
    }
    out
}
