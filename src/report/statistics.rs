//! `--statistics`: how often each rule fired, most frequent first, instead of the
//! findings themselves.

use super::{plural, Checked};
use crate::diagnostic::Severity;
use std::collections::BTreeMap;
use std::fmt::Write;

/// One line per rule with unsuppressed findings: count, code, severity, name, and
/// `[*]` when at least one of them has a fix; then the total.
pub fn render(inputs: &[Checked]) -> String {
    struct Row<'a> {
        count: u32,
        severity: Severity,
        name: &'a str,
        fixable: bool,
    }
    let mut rows: BTreeMap<&str, Row> = BTreeMap::new();
    for diagnostic in inputs.iter().flat_map(|input| &input.report.diagnostics) {
        if diagnostic.suppressed.is_some() {
            continue;
        }
        let row = rows.entry(diagnostic.code.as_str()).or_insert(Row {
            count: 0,
            severity: diagnostic.severity,
            name: &diagnostic.name,
            fixable: false,
        });
        row.count += 1;
        row.severity = row.severity.max(diagnostic.severity);
        row.fixable |= diagnostic.fix.is_some();
    }
    let mut rows: Vec<(&str, Row)> = rows.into_iter().collect();
    rows.sort_by(|(a_code, a), (b_code, b)| {
        (b.count, b.severity, a_code).cmp(&(a.count, a.severity, b_code))
    });
    let width = rows
        .iter()
        .map(|(_, row)| row.count.to_string().len())
        .max()
        .unwrap_or(1);
    let mut out = String::new();
    let mut total = 0;
    for (code, row) in &rows {
        total += row.count;
        let fixable = if row.fixable { "[*] " } else { "    " };
        let _ = writeln!(
            out,
            "{:>width$}  {code:<8}  {:<8}  {fixable}{}",
            row.count,
            row.severity.as_str(),
            row.name
        );
    }
    let _ = writeln!(
        out,
        "{} in total ([*]: a fix exists for some of them).",
        plural(total, "finding")
    );
    out
}
