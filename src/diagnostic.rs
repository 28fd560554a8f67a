//! What the analysis reports: diagnostics with positions, help and optional fixes.

use crate::json::{JsonWriter, OmitNone, ToJson};
use crate::knowledge::Risk;
use crate::span::{LineIndex, Range, Span, Utf16Range};
use serde::Deserialize;

/// Entries of one list a report spells out (a container's `cap_add`, the settings that
/// make one escape step hold); the rest are only counted, so that a list written
/// 100,000 times on one line makes a report of its first entries and a number.
pub const LISTED_ENTRIES: usize = 50;

/// The first [`LISTED_ENTRIES`] of `items`, and how many more there are.
pub fn listed<T>(items: impl ExactSizeIterator<Item = T>) -> (Vec<T>, usize) {
    let more = items.len().saturating_sub(LISTED_ENTRIES);
    (items.take(LISTED_ENTRIES).collect(), more)
}

/// How much a finding weakens isolation, from `info` to `critical`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub const ALL: [Severity; 5] = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Info,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// The severity of a finding about something the knowledge tables rate.
impl From<Risk> for Severity {
    fn from(risk: Risk) -> Severity {
        match risk {
            Risk::Harmless => Severity::Info,
            Risk::Low => Severity::Low,
            Risk::Medium => Severity::Medium,
            Risk::High => Severity::High,
            Risk::Critical => Severity::Critical,
        }
    }
}

/// Whether applying a fix keeps the container's behaviour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applicability {
    /// Keeps behaviour (e.g. spelling `seccomp:x` as `seccomp=x`).
    Safe,
    /// Changes what the container may do; review before applying.
    Unsafe,
}

/// Replace the bytes of `span` with `content` (empty content deletes).
#[derive(Clone, Debug, PartialEq)]
pub struct Edit {
    pub span: Span,
    pub range: Range,
    pub byte_range: [u32; 2],
    pub utf16_range: Utf16Range,
    pub content: String,
    /// In a project, the file the edit lands in.
    pub file: Option<String>,
}

/// A titled set of non-overlapping edits, applied together.
#[derive(Clone, Debug, PartialEq)]
pub struct Fix {
    /// Plain text ([`plain_text`] of `title_markdown`).
    pub title: String,
    /// As the rule wrote it, code in Markdown code spans.
    pub title_markdown: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn new(title_markdown: String, applicability: Applicability, edits: Vec<Edit>) -> Fix {
        Fix {
            title: plain_text(&title_markdown),
            title_markdown,
            applicability,
            edits,
        }
    }
}

/// A secondary location that explains the finding ("capability added here").
#[derive(Clone, Debug, PartialEq)]
pub struct Related {
    /// Plain text.
    pub message: String,
    /// With Markdown code spans.
    pub message_markdown: String,
    pub range: Range,
    pub byte_range: [u32; 2],
    pub utf16_range: Utf16Range,
    /// In a project, the file the location is in.
    pub file: Option<String>,
}

/// Whether a diagnostic is about the security of a container or about the input
/// text itself, which could not be read as written (the `SYN-*` codes). Input
/// problems are counted apart and never set a grade.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiagnosticKind {
    Finding,
    Input,
}

/// Why a diagnostic is not counted: an inline suppression comment matched it.
#[derive(Clone, Debug, PartialEq)]
pub struct Suppression {
    pub reason: Option<String>,
    pub range: Range,
}

/// One finding, ready for every surface.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    /// Stable code, e.g. `PRIV-001`.
    pub code: String,
    /// Kebab name of the bad pattern, e.g. `privileged-container`.
    pub name: String,
    pub kind: DiagnosticKind,
    pub severity: Severity,
    /// What is wrong, in one sentence of plain text.
    pub message: String,
    /// The same with code in Markdown code spans, for outputs that render Markdown.
    pub message_markdown: String,
    /// What to do about it, in plain text.
    pub help: Option<String>,
    pub help_markdown: Option<String>,
    /// The service or command it concerns (`None` for file-level problems).
    pub container: Option<String>,
    pub range: Range,
    pub byte_range: [u32; 2],
    pub utf16_range: Utf16Range,
    /// Link to the rule's documentation page.
    pub url: String,
    pub related: Vec<Related>,
    pub fix: Option<Fix>,
    /// Set when an inline comment suppressed this diagnostic.
    pub suppressed: Option<Suppression>,
    pub span: Span,
}

impl ToJson for Severity {
    fn write_json(&self, out: &mut JsonWriter) {
        out.string(self.as_str());
    }
}

impl ToJson for Applicability {
    fn write_json(&self, out: &mut JsonWriter) {
        out.string(match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        });
    }
}

impl ToJson for Edit {
    fn write_json(&self, out: &mut JsonWriter) {
        out.object(&[
            ("range", &self.range),
            ("byteRange", &self.byte_range),
            ("utf16Range", &self.utf16_range),
            ("content", &self.content),
            ("file", &OmitNone(&self.file)),
        ]);
    }
}

impl ToJson for Fix {
    fn write_json(&self, out: &mut JsonWriter) {
        out.object(&[
            ("title", &self.title),
            ("titleMarkdown", &self.title_markdown),
            ("applicability", &self.applicability),
            ("edits", &self.edits),
        ]);
    }
}

impl ToJson for Related {
    fn write_json(&self, out: &mut JsonWriter) {
        out.object(&[
            ("message", &self.message),
            ("messageMarkdown", &self.message_markdown),
            ("range", &self.range),
            ("byteRange", &self.byte_range),
            ("utf16Range", &self.utf16_range),
            ("file", &OmitNone(&self.file)),
        ]);
    }
}

impl ToJson for DiagnosticKind {
    fn write_json(&self, out: &mut JsonWriter) {
        out.string(match self {
            DiagnosticKind::Finding => "finding",
            DiagnosticKind::Input => "input",
        });
    }
}

impl ToJson for Suppression {
    fn write_json(&self, out: &mut JsonWriter) {
        out.object(&[("reason", &self.reason), ("range", &self.range)]);
    }
}

impl ToJson for Diagnostic {
    fn write_json(&self, out: &mut JsonWriter) {
        out.object(&[
            ("code", &self.code),
            ("name", &self.name),
            ("kind", &self.kind),
            ("severity", &self.severity),
            ("message", &self.message),
            ("messageMarkdown", &self.message_markdown),
            ("help", &self.help),
            ("helpMarkdown", &self.help_markdown),
            ("container", &self.container),
            ("range", &self.range),
            ("byteRange", &self.byte_range),
            ("utf16Range", &self.utf16_range),
            ("url", &self.url),
            ("related", &self.related),
            ("fix", &self.fix),
            ("suppressed", &self.suppressed),
        ]);
    }
}

/// Base of every rule documentation link. The page and the npm package ship the
/// same generated pages, so the link is relative to the docs folder.
pub const DOCS_BASE: &str = "docs/rules/";

pub fn rule_url(code: &str, name: &str) -> String {
    format!("{DOCS_BASE}{}", rule_page(code, name))
}

/// A rule's page within the docs folder: `priv-001.html#privileged-container`.
pub fn rule_page(code: &str, name: &str) -> String {
    format!("{}.html#{name}", code.to_ascii_lowercase())
}

/// The plain-text form of a message, help or fix title: rule texts mark code with
/// Markdown code spans (`` `pid: host` ``), which a terminal, a log or a plain-text
/// consumer would print raw. A code span (a run of backticks, its text, the same run
/// again) becomes its text, with the one space CommonMark strips from each side of a
/// span that starts and ends with one; a backtick run without its closing run stays as
/// written. Markdown outputs keep the original text.
pub fn plain_text(markdown: &str) -> String {
    let mut plain = String::with_capacity(markdown.len());
    let mut rest = markdown;
    while let Some(open) = rest.find('`') {
        plain.push_str(&rest[..open]);
        let ticks = backtick_run(&rest[open..]);
        let after_open = &rest[open + ticks..];
        match closing_run(after_open, ticks) {
            Some(close) => {
                let code = &after_open[..close];
                let padded = code.len() >= 2
                    && code.starts_with(' ')
                    && code.ends_with(' ')
                    && !code.trim().is_empty();
                plain.push_str(if padded {
                    &code[1..code.len() - 1]
                } else {
                    code
                });
                rest = &after_open[close + ticks..];
            }
            None => {
                plain.push_str(&rest[open..open + ticks]);
                rest = after_open;
            }
        }
    }
    plain.push_str(rest);
    plain
}

/// The length of the backtick run at the start of `text`.
fn backtick_run(text: &str) -> usize {
    text.bytes().take_while(|&byte| byte == b'`').count()
}

/// Where in `text` a run of exactly `ticks` backticks starts, if one does.
fn closing_run(text: &str, ticks: usize) -> Option<usize> {
    let mut offset = 0;
    while let Some(found) = text[offset..].find('`') {
        let start = offset + found;
        let run = backtick_run(&text[start..]);
        if run == ticks {
            return Some(start);
        }
        offset = start + run;
    }
    None
}

/// Converts spans to positions for diagnostics, edits and related locations.
pub struct Locator<'a> {
    index: LineIndex<'a>,
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str) -> Self {
        Locator {
            index: LineIndex::new(text),
        }
    }

    pub fn range(&self, span: Span) -> Range {
        self.index.range(span)
    }

    pub fn line_index(&self) -> &LineIndex<'a> {
        &self.index
    }

    pub fn edit(&self, span: Span, content: impl Into<String>) -> Edit {
        Edit {
            span,
            range: self.range(span),
            byte_range: [span.start, span.end],
            utf16_range: self.index.utf16_range(span),
            content: content.into(),
            file: None,
        }
    }

    /// `message` with Markdown code spans.
    pub fn related(&self, span: Span, message: impl Into<String>) -> Related {
        let message_markdown = message.into();
        Related {
            message: plain_text(&message_markdown),
            message_markdown,
            range: self.range(span),
            byte_range: [span.start, span.end],
            utf16_range: self.index.utf16_range(span),
            file: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::plain_text;

    #[test]
    fn plain_text_drops_code_span_backticks() {
        assert_eq!(
            plain_text("remove `pid: host`; join `service:NAME`"),
            "remove pid: host; join service:NAME"
        );
        assert_eq!(plain_text("no markup"), "no markup");
        assert_eq!(plain_text("``a ` b``"), "a ` b");
        assert_eq!(plain_text("`` `x` ``"), "`x`");
        assert_eq!(plain_text("` `"), " ");
        assert_eq!(plain_text("a `b ``c` d"), "a b ``c d");
        assert_eq!(plain_text("unclosed ``run` x"), "unclosed ``run` x");
        assert_eq!(plain_text("unclosed `tick"), "unclosed `tick");
        assert_eq!(plain_text("`😀` é"), "😀 é");
    }
}
