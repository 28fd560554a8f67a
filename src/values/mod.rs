//! Values as the user wrote them, and the parsers both front-ends share.
//!
//! A Compose scalar and a shell word end up as a [`SpannedText`]: the string after
//! unquoting and interpolation, with the source span of every byte. The parsers here
//! (`-v` / short volume syntax, ports, devices, security options, ...) read one and
//! return model values whose parts point at the exact bytes they came from.

use crate::model::Setting;
use crate::span::Span;
use std::ops::Range;

pub mod edit;
mod mounts;
mod network;
mod options;
mod scalars;

pub use mounts::{csv_record, device, mount_flag, rootfs, short_volume, subpath, tmpfs};
pub use network::{extra_host, port};
pub use options::{security_opt, sysctl, ulimit, ulimit_limit};
pub use scalars::{
    bytes, cpus, decimal, go_bool, namespace_mode, namespace_setting, parse_bool, restart,
    NamespaceKind, NamespaceReader,
};

/// A value that does not parse, with the span to report it at.
#[derive(Clone, Debug, PartialEq)]
pub struct ValueError {
    pub span: Span,
    pub message: String,
}

impl ValueError {
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        ValueError {
            span,
            message: message.into(),
        }
    }
}

/// A string with the source span of each of its bytes, and the byte ranges that
/// are unresolved expansions (`${UNSET}`, `$(pwd)`), kept verbatim but unknown.
#[derive(Clone, Debug, PartialEq)]
pub struct SpannedText {
    text: String,
    origins: Vec<Span>,
    whole: Span,
    unresolved: Vec<Range<usize>>,
}

/// Builds a [`SpannedText`] piece by piece.
pub struct SpannedTextBuilder {
    text: SpannedText,
}

impl SpannedTextBuilder {
    /// Text copied verbatim from the source, starting at byte `source_start`.
    pub fn literal(mut self, text: &str, source_start: usize) -> Self {
        self.text.text.push_str(text);
        self.text
            .origins
            .extend((0..text.len()).map(|i| Span::new(source_start + i, source_start + i + 1)));
        self
    }

    /// Text that stands for the source bytes of `span` (a substituted variable, an
    /// escape sequence).
    pub fn synthetic(mut self, text: &str, span: Span) -> Self {
        self.text.text.push_str(text);
        self.text
            .origins
            .extend(std::iter::repeat_n(span, text.len()));
        self
    }

    /// An expansion the linter cannot evaluate, kept verbatim and marked unknown.
    pub fn unresolved(mut self, raw: &str, span: Span) -> Self {
        let start = self.text.text.len();
        self = self.synthetic(raw, span);
        self.text.unresolved.push(start..start + raw.len());
        self
    }

    pub fn build(mut self) -> SpannedText {
        if let (Some(first), Some(last)) = (self.text.origins.first(), self.text.origins.last()) {
            self.text.whole = self.text.whole.cover(first.cover(*last));
        }
        self.text
    }
}

impl SpannedText {
    /// Starts a text whose whole value was written at `whole` (e.g. a quoted scalar
    /// including its quotes); pieces may only widen it.
    pub fn builder(whole: Span) -> SpannedTextBuilder {
        SpannedTextBuilder {
            text: SpannedText {
                text: String::new(),
                origins: Vec::new(),
                whole,
                unresolved: Vec::new(),
            },
        }
    }

    /// Text written verbatim at `source_start`.
    pub fn exact(text: &str, source_start: usize) -> Self {
        let whole = Span::new(source_start, source_start + text.len());
        SpannedText::builder(whole)
            .literal(text, source_start)
            .build()
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The span of the whole value.
    pub fn span(&self) -> Span {
        self.whole
    }

    /// The source span of the bytes `range` of the value.
    pub fn span_of(&self, range: Range<usize>) -> Span {
        if range.start >= range.end {
            let offset = match self.origins.get(range.start) {
                Some(origin) => origin.start,
                None => self.whole.end,
            };
            return Span::at(offset as usize);
        }
        let end = range.end.min(self.origins.len());
        match (
            self.origins.get(range.start),
            end.checked_sub(1).and_then(|i| self.origins.get(i)),
        ) {
            (Some(first), Some(last)) => first.cover(*last),
            _ => self.whole,
        }
    }

    /// Whether `range` contains no unresolved expansion.
    pub fn is_resolved(&self, range: Range<usize>) -> bool {
        !self
            .unresolved
            .iter()
            .any(|u| u.start < range.end && range.start < u.end)
    }

    /// Whether the whole value is known.
    pub fn is_fully_resolved(&self) -> bool {
        self.unresolved.is_empty()
    }

    /// The whole value as a setting (unknown when it holds an unresolved expansion).
    pub fn setting(&self) -> Setting<String> {
        self.setting_of(0..self.text.len())
    }

    /// Part of the value as a setting.
    pub fn setting_of(&self, range: Range<usize>) -> Setting<String> {
        let raw = &self.text[range.clone()];
        let span = self.span_of(range.clone());
        if self.is_resolved(range) {
            Setting::known(raw.to_string(), raw, span)
        } else {
            Setting::unknown(raw, span)
        }
    }

    /// Part of the value parsed with `parse`; unknown when unresolved, an error
    /// naming `expected` when it does not parse.
    pub fn parse_part<T>(
        &self,
        range: Range<usize>,
        expected: &str,
        parse: impl FnOnce(&str) -> Option<T>,
    ) -> Result<Setting<T>, ValueError> {
        let raw = &self.text[range.clone()];
        let span = self.span_of(range.clone());
        if !self.is_resolved(range) {
            return Ok(Setting::unknown(raw, span));
        }
        match parse(raw.trim()) {
            Some(value) => Ok(Setting::known(value, raw, span)),
            None => Err(ValueError::new(span, format!("`{raw}` is not {expected}"))),
        }
    }

    /// The whole value parsed with `parse` (see [`SpannedText::parse_part`]).
    pub fn parse<T>(
        &self,
        expected: &str,
        parse: impl FnOnce(&str) -> Option<T>,
    ) -> Result<Setting<T>, ValueError> {
        self.parse_part(0..self.text.len(), expected, parse)
    }

    /// Byte ranges of the parts separated by `separator`, ignoring separators inside
    /// unresolved expansions (`$(cmd a:b)`).
    pub fn split(&self, separator: char) -> Vec<Range<usize>> {
        self.split_within(0..self.text.len(), separator)
    }

    /// Like [`SpannedText::split`], within `range` only.
    pub fn split_within(&self, range: Range<usize>, separator: char) -> Vec<Range<usize>> {
        let mut parts = Vec::new();
        let mut start = range.start;
        for (i, c) in self.text[range.clone()].char_indices() {
            let at = range.start + i;
            if c == separator && self.is_resolved(at..at + 1) {
                parts.push(start..at);
                start = at + c.len_utf8();
            }
        }
        parts.push(start..range.end);
        parts
    }

    /// The bytes `range` of the value as a text of their own, with their spans and
    /// unresolved parts (a flag's value glued to it: `--name=web`, `-p8080:80`).
    pub fn slice(&self, range: Range<usize>) -> SpannedText {
        let unresolved = self
            .unresolved
            .iter()
            .filter(|u| u.start < range.end && range.start < u.end)
            .map(|u| u.start.max(range.start) - range.start..u.end.min(range.end) - range.start)
            .collect();
        SpannedText {
            text: self.text[range.clone()].to_string(),
            origins: self.origins[range.clone()].to_vec(),
            whole: self.span_of(range),
            unresolved,
        }
    }

    /// The range of the value with leading and trailing whitespace removed.
    pub fn trimmed(&self, range: Range<usize>) -> Range<usize> {
        let part = &self.text[range.clone()];
        let start = range.start + (part.len() - part.trim_start().len());
        let end = range.end - (part.len() - part.trim_end().len());
        start..end.max(start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_text_maps_every_byte() {
        let text = SpannedText::exact("/etc:/etc:ro", 10);
        assert_eq!(text.span(), Span::new(10, 22));
        assert_eq!(text.span_of(5..9), Span::new(15, 19));
        assert_eq!(text.split(':'), vec![0..4, 5..9, 10..12]);
    }

    #[test]
    fn unresolved_parts_are_unknown_and_not_split() {
        // "$(pwd):/app" as a shell word at offset 3.
        let text = SpannedText::builder(Span::new(3, 14))
            .unresolved("$(pwd)", Span::new(3, 9))
            .literal(":/app", 9)
            .build();
        let parts = text.split(':');
        assert_eq!(parts, vec![0..6, 7..11]);
        assert_eq!(text.setting_of(parts[0].clone()).value, None);
        assert_eq!(
            text.setting_of(parts[1].clone()).value.as_deref(),
            Some("/app")
        );
        assert_eq!(text.span_of(parts[1].clone()), Span::new(10, 14));
    }

    #[test]
    fn colons_inside_unresolved_expansions_do_not_split() {
        let text = SpannedText::builder(Span::new(0, 20))
            .unresolved("$(echo a:b)", Span::new(0, 11))
            .literal(":/x", 11)
            .build();
        assert_eq!(text.split(':'), vec![0..11, 12..14]);
    }

    #[test]
    fn synthetic_text_points_at_its_expression() {
        // "${PORT}:80" with PORT=8080 substituted.
        let text = SpannedText::builder(Span::new(0, 10))
            .synthetic("8080", Span::new(0, 7))
            .literal(":80", 7)
            .build();
        assert_eq!(text.as_str(), "8080:80");
        assert_eq!(text.span_of(0..4), Span::new(0, 7));
        assert_eq!(text.span_of(5..7), Span::new(8, 10));
    }

    #[test]
    fn slices_keep_spans_and_unresolved_parts() {
        // `--user=$(id -u):0` as a shell word at offset 5.
        let text = SpannedText::builder(Span::new(5, 22))
            .literal("--user=", 5)
            .unresolved("$(id -u)", Span::new(12, 20))
            .literal(":0", 20)
            .build();
        let value = text.slice(7..17);
        assert_eq!(value.as_str(), "$(id -u):0");
        assert_eq!(value.span(), Span::new(12, 22));
        assert!(!value.is_resolved(0..8));
        assert_eq!(value.setting_of(9..10).value.as_deref(), Some("0"));
        assert_eq!(text.slice(15..17).span(), Span::new(20, 22));
    }

    #[test]
    fn parse_reports_errors_at_the_part() {
        let text = SpannedText::exact("abc", 4);
        let error = text
            .parse("a number", |s| s.parse::<u16>().ok())
            .unwrap_err();
        assert_eq!(error.span, Span::new(4, 7));
        assert_eq!(error.message, "`abc` is not a number");
    }
}
