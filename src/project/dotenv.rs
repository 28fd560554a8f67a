//! Compose's dotenv syntax (compose-go `dotenv`), for a project's `.env` and the
//! files services name in `env_file:`.
//!
//! `KEY=value` or `KEY: value`, optionally after `export `; `#` starts a comment on
//! its own line or, in an unquoted value, after whitespace. A single-quoted value is
//! literal; a double-quoted one reads `\n`, `\t`, `\\`, `\"` and `\$` escapes; both
//! may span lines. Unquoted and double-quoted values interpolate `${VAR}` like the
//! Compose file does, from the variables known so far. A line holding only a key
//! takes the caller's value of it.

use crate::compose;
use crate::model::{Environment, InputCode, InputProblem};
use crate::span::Span;

/// One `KEY=value` line as read.
#[derive(Clone, Debug, PartialEq)]
pub struct Assignment {
    pub key: String,
    /// `None` when the value depends on a variable that is not known.
    pub value: Option<String>,
    /// The key, for the problems about it.
    pub key_span: Span,
}

/// Reads `text` (written at `base` of the text spans point into); `known` holds the
/// variables a `${VAR}` in a value may read, and each assignment is added to what
/// the next line may read. Problems are located; a line with one is skipped.
pub fn parse(
    text: &str,
    base: usize,
    known: &Environment,
    problems: &mut Vec<InputProblem>,
) -> Vec<Assignment> {
    let mut reader = Reader {
        text,
        base,
        at: 0,
        problems,
    };
    let mut visible = known.clone();
    let mut assignments = Vec::new();
    while let Some(assignment) = reader.next_assignment(&visible) {
        if let Some(assignment) = assignment {
            // The caller's variables win over the file's.
            if let (Some(value), false) = (&assignment.value, known.contains_key(&assignment.key)) {
                visible.insert(assignment.key.clone(), value.clone());
            }
            assignments.push(assignment);
        }
    }
    assignments
}

/// The caller's variables plus those the dotenv file at `range` of `text` sets (the
/// caller's win); its problems go to `problems`.
pub fn environment(
    text: &str,
    range: std::ops::Range<usize>,
    caller: &Environment,
    problems: &mut Vec<InputProblem>,
) -> Environment {
    let mut env = caller.clone();
    for assignment in parse(&text[range.clone()], range.start, caller, problems) {
        if let (Some(value), false) = (assignment.value, caller.contains_key(&assignment.key)) {
            env.insert(assignment.key, value);
        }
    }
    env
}

struct Reader<'a> {
    text: &'a str,
    base: usize,
    at: usize,
    problems: &'a mut Vec<InputProblem>,
}

/// What a value was written as.
enum Quoting {
    None,
    Single,
    Double,
}

impl Reader<'_> {
    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.base + start, self.base + end)
    }

    fn rest(&self) -> &str {
        &self.text[self.at..]
    }

    fn skip_line(&mut self) {
        self.at = self
            .rest()
            .find('\n')
            .map_or(self.text.len(), |i| self.at + i + 1);
    }

    fn skip_blanks(&mut self) {
        let rest = self.rest();
        self.at += rest.len() - rest.trim_start_matches([' ', '\t']).len();
    }

    fn problem(&mut self, start: usize, end: usize, message: String) {
        let span = self.span(start, end);
        self.problems
            .push(InputProblem::new(InputCode::InvalidValue, span, message));
    }

    /// The next line's assignment: `None` at the end, `Some(None)` for a line
    /// without one (blank, comment, or reported).
    fn next_assignment(&mut self, visible: &Environment) -> Option<Option<Assignment>> {
        let rest = self.rest();
        self.at += rest.len() - rest.trim_start().len();
        if self.at >= self.text.len() {
            return None;
        }
        if self.rest().starts_with('#') {
            self.skip_line();
            return Some(None);
        }
        if let Some(after) = self.rest().strip_prefix("export") {
            if after.starts_with([' ', '\t']) {
                self.at += "export".len();
                self.skip_blanks();
            }
        }
        let key_start = self.at;
        let key_length = self
            .rest()
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')))
            .unwrap_or(self.rest().len());
        let key = self.text[key_start..key_start + key_length].to_string();
        self.at += key_length;
        let key_span = self.span(key_start, self.at);
        self.skip_blanks();
        let line_end = self
            .rest()
            .find('\n')
            .map_or(self.text.len(), |i| self.at + i);
        let separator = self.rest().chars().next();
        if key.is_empty() || !matches!(separator, Some('=' | ':') | Some('\n' | '\r' | '#') | None)
        {
            let found = separator.map_or(String::new(), |c| format!(" at `{c}`"));
            self.problem(
                key_start,
                line_end,
                format!("this `.env` line is not `KEY=value`{found}"),
            );
            self.skip_line();
            return Some(None);
        }
        if !matches!(separator, Some('=' | ':')) {
            // A bare key passes the caller's value on.
            self.skip_line();
            let value = visible.get(&key).cloned();
            return Some(value.map(|value| Assignment {
                key,
                value: Some(value),
                key_span,
            }));
        }
        self.at += 1;
        self.skip_blanks();
        let value = self.value(visible);
        Some(value.map(|value| Assignment {
            key,
            value,
            key_span,
        }))
    }

    /// The value after `=`; `None` when it is reported.
    fn value(&mut self, visible: &Environment) -> Option<Option<String>> {
        let quoting = match self.rest().chars().next() {
            Some('\'') => Quoting::Single,
            Some('"') => Quoting::Double,
            _ => Quoting::None,
        };
        let start = self.at;
        match quoting {
            Quoting::None => {
                let line_end = self
                    .rest()
                    .find('\n')
                    .map_or(self.text.len(), |i| self.at + i);
                let line = &self.text[start..line_end];
                let comment = line
                    .char_indices()
                    .find(|&(i, c)| c == '#' && (i == 0 || line[..i].ends_with([' ', '\t'])))
                    .map_or(line.len(), |(i, _)| i);
                let written = line[..comment].trim_end();
                self.at = line_end;
                Some(self.interpolate(written, start, true, visible))
            }
            Quoting::Single | Quoting::Double => {
                let quote = if matches!(quoting, Quoting::Single) {
                    '\''
                } else {
                    '"'
                };
                let body_start = start + 1;
                let Some(close) = closing_quote(&self.text[body_start..], quote) else {
                    self.problem(
                        start,
                        start + 1,
                        format!("this `{quote}` quote is never closed"),
                    );
                    self.at = self.text.len();
                    return None;
                };
                let body = &self.text[body_start..body_start + close];
                self.at = body_start + close + 1;
                let after = self
                    .rest()
                    .find('\n')
                    .map_or(self.rest(), |i| &self.rest()[..i]);
                let trailing = after.trim();
                if !(trailing.is_empty() || trailing.starts_with('#')) {
                    let offset = self.at + (after.len() - after.trim_start().len());
                    self.problem(
                        offset,
                        offset + after.trim().len(),
                        "text after a quoted `.env` value is not allowed".to_string(),
                    );
                    self.skip_line();
                    return None;
                }
                self.skip_line();
                if matches!(quoting, Quoting::Single) {
                    return Some(Some(body.to_string()));
                }
                let unescaped = unescape(body);
                let verbatim = unescaped == body;
                Some(self.interpolate(&unescaped, body_start, verbatim, visible))
            }
        }
    }

    /// `value` with its `${VAR}` expressions replaced; `None` when one is unknown.
    fn interpolate(
        &mut self,
        value: &str,
        start: usize,
        verbatim: bool,
        visible: &Environment,
    ) -> Option<String> {
        let span = self.span(start, start + value.len());
        let text = compose::interpolate_value(value, span, verbatim, visible, self.problems);
        text.is_fully_resolved().then(|| text.as_str().to_string())
    }
}

/// Where the quote closing a value opened with `quote` is in `body`: the first one
/// not escaped with a backslash.
fn closing_quote(body: &str, quote: char) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in body.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            c if c == quote && !escaped => return Some(i),
            _ => escaped = false,
        }
    }
    None
}

/// A double-quoted value's escapes read.
fn unescape(body: &str) -> String {
    let mut value = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            value.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => value.push('\n'),
            Some('r') => value.push('\r'),
            Some('t') => value.push('\t'),
            // `\$` keeps a literal dollar through interpolation.
            Some('$') => value.push_str("$$"),
            Some(other) => value.push(other),
            None => value.push('\\'),
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, known: &[(&str, &str)]) -> (Vec<(String, Option<String>)>, Vec<String>) {
        let known = known
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let mut problems = Vec::new();
        let assignments = parse(text, 0, &known, &mut problems)
            .into_iter()
            .map(|a| (a.key, a.value))
            .collect();
        let problems = problems
            .iter()
            .map(|p| format!("{}..{} {}", p.span.start, p.span.end, p.message))
            .collect();
        (assignments, problems)
    }

    fn pairs(list: &[(&str, Option<&str>)]) -> Vec<(String, Option<String>)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.map(str::to_string)))
            .collect()
    }

    #[test]
    fn quotes_export_and_comments() {
        let text = "# settings\nexport SOCK=/var/run/docker.sock\nA='single $SOCK # kept'\nB=\"line\\nnext \\\"q\\\"\" # note\nC=plain value # comment\nD=a#b\nE: yaml-style\n\nF=\n";
        let (assignments, problems) = read(text, &[]);
        assert_eq!(problems, Vec::<String>::new());
        assert_eq!(
            assignments,
            pairs(&[
                ("SOCK", Some("/var/run/docker.sock")),
                ("A", Some("single $SOCK # kept")),
                ("B", Some("line\nnext \"q\"")),
                ("C", Some("plain value")),
                ("D", Some("a#b")),
                ("E", Some("yaml-style")),
                ("F", Some("")),
            ])
        );
    }

    #[test]
    fn values_interpolate_earlier_lines_and_the_caller() {
        let text = "ROOT=/srv\nDATA=${ROOT}/data\nQUOTED=\"$ROOT/q \\$HOME\"\nHOST=${FROM_CALLER:-none}\nUNKNOWN=${NOPE}/x\nPASSED\n";
        let (assignments, problems) = read(text, &[("FROM_CALLER", "caller"), ("PASSED", "p")]);
        assert_eq!(problems, Vec::<String>::new());
        assert_eq!(
            assignments,
            pairs(&[
                ("ROOT", Some("/srv")),
                ("DATA", Some("/srv/data")),
                ("QUOTED", Some("/srv/q $HOME")),
                ("HOST", Some("caller")),
                ("UNKNOWN", None),
                ("PASSED", Some("p")),
            ])
        );
    }

    #[test]
    fn multi_line_quotes_and_mistakes_are_located() {
        let text = "CERT=\"a\nb\"\nBAD LINE\nOPEN='never\n";
        let (assignments, problems) = read(text, &[]);
        assert_eq!(assignments, pairs(&[("CERT", Some("a\nb"))]));
        assert_eq!(
            problems,
            [
                "11..19 this `.env` line is not `KEY=value` at `L`",
                "25..26 this `'` quote is never closed",
            ]
        );
    }
}
