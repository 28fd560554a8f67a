//! `shipshape explain CODE|NAME`: a rule's documentation for the terminal. The
//! Markdown is shown as text: headings stand alone (bold in colour), code blocks
//! are indented without their fences, code spans lose their backticks.

use crate::diagnostic::plain_text;
use crate::rules::{registry, FixAvailability, Rule};
use annotate_snippets::renderer::{AnsiColor, Effects, Style};
use std::fmt::Write;

/// The rule's code, name and metadata, then its documentation.
pub fn render(rule: &Rule, color: bool) -> String {
    let profiles: Vec<&str> = registry::profiles(rule)
        .into_iter()
        .map(|profile| profile.as_str())
        .collect();
    let fix = match rule.fix {
        FixAvailability::None => "none",
        FixAvailability::Sometimes => "sometimes",
        FixAvailability::Always => "always",
    };
    let mut out = String::new();
    let title = format!("{} {}", rule.code, rule.name);
    let _ = writeln!(out, "{}", paint(color, BOLD, &title));
    let _ = writeln!(
        out,
        "Family: {}. Severity: {}. Profiles: {}. Fix: {fix}.",
        rule.family.title(),
        rule.severity.as_str(),
        if profiles.is_empty() {
            "none".to_string()
        } else {
            profiles.join(", ")
        }
    );
    out.push('\n');
    out.push_str(&document(&rule.markdown(), color));
    out
}

const BOLD: Style = Style::new().effects(Effects::BOLD);
const CODE: Style = Style::new().fg_color(Some(anstyle_color(AnsiColor::Cyan)));

const fn anstyle_color(color: AnsiColor) -> annotate_snippets::renderer::Color {
    annotate_snippets::renderer::Color::Ansi(color)
}

fn paint(color: bool, style: Style, text: &str) -> String {
    if color {
        format!("{style}{text}{style:#}")
    } else {
        text.to_string()
    }
}

/// A Markdown document as terminal text (also SARIF's plain-text rule help).
pub fn document(markdown: &str, color: bool) -> String {
    let mut out = String::new();
    // Prose lines wait here until a heading or code block ends them: a code span
    // may run over a line break.
    let mut prose = String::new();
    let flush = |prose: &mut String, out: &mut String| {
        out.push_str(&plain_text(prose));
        prose.clear();
    };
    let mut in_code = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            flush(&mut prose, &mut out);
            in_code = !in_code;
        } else if in_code {
            let _ = writeln!(out, "    {}", paint(color, CODE, line));
        } else if let Some(title) = line.strip_prefix('#').map(|t| t.trim_start_matches('#')) {
            flush(&mut prose, &mut out);
            if !out.is_empty() && !out.ends_with("\n\n") {
                out.push('\n');
            }
            let _ = writeln!(out, "{}", paint(color, BOLD, title.trim()));
        } else {
            prose.push_str(line);
            prose.push('\n');
        }
    }
    flush(&mut prose, &mut out);
    out
}
