//! GitHub Actions workflow commands: one `::error` / `::warning` / `::notice` line
//! per unsuppressed finding, which the workflow run shows as an annotation on the
//! file and line (and, in a pull request, on its diff).

use super::{shown_name, Checked};
use crate::diagnostic::{Diagnostic, Severity};
use std::fmt::Write;

/// Every unsuppressed finding of `inputs` as a workflow command line.
pub fn render(inputs: &[Checked]) -> String {
    let mut out = String::new();
    for input in inputs {
        let file = shown_name(input.report);
        for diagnostic in &input.report.diagnostics {
            if diagnostic.suppressed.is_none() {
                let _ = writeln!(out, "{}", annotation(file, diagnostic));
            }
        }
    }
    out
}

/// `::error file=F,line=L,col=C,endLine=L,endColumn=C,title=CODE name::message`.
fn annotation(file: &str, diagnostic: &Diagnostic) -> String {
    let command = match diagnostic.severity {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "notice",
    };
    let (start, end) = (diagnostic.range.start, diagnostic.range.end);
    let title = format!(
        "{} {} [{}]",
        diagnostic.code,
        diagnostic.name,
        diagnostic.severity.as_str()
    );
    let mut message = diagnostic.message.clone();
    if let Some(container) = &diagnostic.container {
        message = format!("{container}: {message}");
    }
    if let Some(help) = &diagnostic.help {
        message = format!("{message}\nhelp: {help}");
    }
    format!(
        "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
        property(file),
        start.line,
        start.column,
        end.line,
        end.column,
        property(&title),
        data(&message)
    )
}

/// The message escapes of the workflow command syntax.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value also escapes the separators of the property list.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}
