//! Compose variable interpolation (compose-go `template`), keeping spans.
//!
//! `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`,
//! `${VAR?error}`, `${VAR:+alternative}`, `${VAR+alternative}`, nested expressions
//! in the default, and `$$` for a literal `$`. Names match `[_a-zA-Z][_a-zA-Z0-9]*`;
//! a `$` followed by anything else stays literal. Literal text keeps its source
//! bytes, a substituted value points at its `${...}` expression, and a variable we do
//! not know stays in the text verbatim, marked unresolved, so rules never guess it.

use crate::compose::yaml::Scalar;
use crate::model::Environment;
use crate::model::{InputCode, InputProblem};
use crate::span::Span;
use crate::values::{SpannedText, SpannedTextBuilder};
use std::ops::Range;

/// Deepest nesting of `${A:-${B:-...}}` followed.
const MAX_NESTING: usize = 32;

/// Interpolates one scalar written at `whole` (quotes included); SYN-003 problems
/// (malformed expressions, required variables that are unset) go to `problems`.
pub fn interpolate(
    scalar: &Scalar,
    whole: Span,
    env: &Environment,
    problems: &mut Vec<InputProblem>,
) -> SpannedText {
    let mut interpolator = Interpolator {
        scalar,
        env,
        problems,
    };
    let builder = SpannedText::builder(whole);
    interpolator
        .expand(0..scalar.value.len(), builder, 0)
        .build()
}

struct Interpolator<'a> {
    scalar: &'a Scalar,
    env: &'a Environment,
    problems: &'a mut Vec<InputProblem>,
}

/// The operators of `${NAME<op>argument}`.
const OPERATORS: [&str; 6] = [":-", ":?", ":+", "-", "?", "+"];

impl<'a> Interpolator<'a> {
    fn value(&self) -> &'a str {
        &self.scalar.value
    }

    /// Expands the expressions in `range` of the value onto `builder`.
    fn expand(
        &mut self,
        range: Range<usize>,
        mut builder: SpannedTextBuilder,
        depth: usize,
    ) -> SpannedTextBuilder {
        let mut literal_start = range.start;
        let mut at = range.start;
        while let Some(offset) = self.value()[at..range.end].find('$') {
            let dollar = at + offset;
            let after = &self.value()[dollar + 1..range.end];
            let expression_end = if after.starts_with('$') {
                // `$$`: keep the first `$`, drop the second.
                builder = self.copy(literal_start..dollar + 1, builder);
                Some(dollar + 2)
            } else if after.starts_with('{') {
                builder = self.copy(literal_start..dollar, builder);
                let (end, next) = self.braced(dollar, range.end, builder, depth);
                builder = next;
                Some(end)
            } else if let Some(len) = name_length(after) {
                builder = self.copy(literal_start..dollar, builder);
                let name = &after[..len];
                let end = dollar + 1 + len;
                builder = match self.env.get(name) {
                    Some(value) => builder.synthetic(value, self.span(dollar..end)),
                    None => self.unresolved(dollar..end, builder),
                };
                Some(end)
            } else {
                None
            };
            match expression_end {
                Some(end) => {
                    literal_start = end;
                    at = end;
                }
                None => at = dollar + 1,
            }
        }
        self.copy(literal_start..range.end, builder)
    }

    /// Expands the `${...}` starting at `dollar`; returns where it ends.
    fn braced(
        &mut self,
        dollar: usize,
        limit: usize,
        builder: SpannedTextBuilder,
        depth: usize,
    ) -> (usize, SpannedTextBuilder) {
        let Some(close) = closing_brace(&self.value()[dollar..limit]).map(|i| dollar + i) else {
            let raw = &self.value()[dollar..limit];
            let message = format!("`{raw}` has no closing `}}`");
            self.report(InputCode::InvalidInterpolation, dollar..limit, message);
            return (limit, self.unresolved(dollar..limit, builder));
        };
        let expression = dollar..close + 1;
        let body = &self.value()[dollar + 2..close];
        let name_len = name_length(body).unwrap_or(0);
        let name = &body[..name_len];
        let rest = &body[name_len..];
        let operator = OPERATORS.into_iter().find(|op| rest.starts_with(op));
        let valid = name_len > 0 && (rest.is_empty() || operator.is_some());
        if !valid {
            let raw = &self.value()[expression.clone()];
            let message = format!("`{raw}` is not a valid variable expression");
            self.report(InputCode::InvalidInterpolation, expression.clone(), message);
            return (close + 1, self.unresolved(expression, builder));
        }
        let argument = dollar + 2 + name_len + operator.map_or(0, str::len)..close;
        let value = self.env.get(name).map(String::as_str);
        let set_and_non_empty = value.is_some_and(|v| !v.is_empty());
        let builder = match operator {
            None => self.substitute(value, expression, builder),
            Some(":-") if !set_and_non_empty => self.nested(argument, builder, depth),
            Some("-") if value.is_none() => self.nested(argument, builder, depth),
            Some(":?") if !set_and_non_empty => self.required(name, argument, expression, builder),
            Some("?") if value.is_none() => self.required(name, argument, expression, builder),
            // The alternative applies only when the variable is set, and is empty
            // otherwise: as with a default (`:-`) and a required variable (`:?`),
            // the variables given are the ones the file is read with. Only a bare
            // `${NAME}` stays unknown when unset, its value left to the deployment.
            Some(":+") if set_and_non_empty => self.nested(argument, builder, depth),
            Some("+") if value.is_some() => self.nested(argument, builder, depth),
            Some(":+" | "+") => builder,
            Some(_) => self.substitute(value, expression, builder),
        };
        (close + 1, builder)
    }

    /// The variable's value, or the expression kept unresolved when it is unset.
    fn substitute(
        &self,
        value: Option<&str>,
        expression: Range<usize>,
        builder: SpannedTextBuilder,
    ) -> SpannedTextBuilder {
        match value {
            Some(value) => builder.synthetic(value, self.span(expression)),
            None => self.unresolved(expression, builder),
        }
    }

    /// A default or alternative: interpolated in turn, spans pointing at its text.
    fn nested(
        &mut self,
        argument: Range<usize>,
        builder: SpannedTextBuilder,
        depth: usize,
    ) -> SpannedTextBuilder {
        if depth >= MAX_NESTING {
            let message = format!(
                "variable expressions nested deeper than {MAX_NESTING} levels are not analysed"
            );
            self.report(InputCode::InputLimitExceeded, argument.clone(), message);
            return self.unresolved(argument, builder);
        }
        self.expand(argument, builder, depth + 1)
    }

    /// `${NAME:?message}` with NAME unset: Compose refuses the file.
    fn required(
        &mut self,
        name: &str,
        argument: Range<usize>,
        expression: Range<usize>,
        builder: SpannedTextBuilder,
    ) -> SpannedTextBuilder {
        let reason = &self.value()[argument];
        let message = if reason.is_empty() {
            format!("required variable `{name}` is not set")
        } else {
            format!("required variable `{name}` is not set: {reason}")
        };
        self.report(InputCode::InvalidInterpolation, expression.clone(), message);
        self.unresolved(expression, builder)
    }

    fn report(&mut self, code: InputCode, range: Range<usize>, message: String) {
        let span = self.span(range);
        self.problems.push(InputProblem::new(code, span, message));
    }

    fn unresolved(&self, range: Range<usize>, builder: SpannedTextBuilder) -> SpannedTextBuilder {
        builder.unresolved(&self.value()[range.clone()], self.span(range))
    }

    fn span(&self, range: Range<usize>) -> Span {
        self.scalar
            .source_span(range.clone())
            .unwrap_or_else(|| self.scalar_start_span(range.start))
    }

    /// Where an empty range of the value sits in the source.
    fn scalar_start_span(&self, offset: usize) -> Span {
        self.scalar
            .source_span(offset.saturating_sub(1)..offset)
            .map_or(Span::default(), |s| Span::at(s.end as usize))
    }

    /// Copies literal text of the value with its source bytes.
    fn copy(&self, range: Range<usize>, mut builder: SpannedTextBuilder) -> SpannedTextBuilder {
        for (part, span, verbatim) in self.scalar.segments(range) {
            let text = &self.value()[part];
            builder = if verbatim {
                builder.literal(text, span.start as usize)
            } else {
                builder.synthetic(text, span)
            };
        }
        builder
    }
}

/// Length of the variable name at the start of `text`, if one starts there.
fn name_length(text: &str) -> Option<usize> {
    let first = text.chars().next()?;
    if !(first == '_' || first.is_ascii_alphabetic()) {
        return None;
    }
    Some(
        text.find(|c: char| !(c == '_' || c.is_ascii_alphanumeric()))
            .unwrap_or(text.len()),
    )
}

/// The `}` closing the `${` at the start of `text`, counted like compose-go: every
/// `${` opens, every `}` closes.
fn closing_brace(text: &str) -> Option<usize> {
    let mut open = 0usize;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'}' {
            open = open.saturating_sub(1);
            if open == 0 {
                return Some(i);
            }
        } else if bytes[i..].starts_with(b"${") {
            open += 1;
            i += 1;
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compose::yaml;

    /// Interpolates the value of `v:` in `v: <value>` and returns the text, the
    /// problems and the source text of each part of the result.
    fn run(value: &str, env: &[(&str, &str)]) -> (SpannedText, Vec<InputProblem>, String) {
        let source = format!("v: {value}\n");
        let (documents, problems) = yaml::parse(&source, &crate::model::Limits::default());
        assert!(problems.is_empty(), "{problems:?}");
        let node = documents[0].get("v").unwrap().clone();
        let env: Environment = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let mut problems = Vec::new();
        let text = interpolate(node.as_scalar().unwrap(), node.span, &env, &mut problems);
        (text, problems, source)
    }

    fn resolved(value: &str, env: &[(&str, &str)]) -> String {
        let (text, problems, _) = run(value, env);
        assert!(problems.is_empty(), "{problems:?}");
        assert!(text.is_fully_resolved(), "{value}");
        text.as_str().to_string()
    }

    #[test]
    fn substitutions() {
        let env = [("SET", "v"), ("EMPTY", "")];
        assert_eq!(resolved("a-$SET-b", &env), "a-v-b");
        assert_eq!(resolved("${SET}x", &env), "vx");
        assert_eq!(resolved("${UNSET:-d}", &env), "d");
        assert_eq!(resolved("${EMPTY:-d}", &env), "d");
        assert_eq!(resolved("${EMPTY-d}", &env), "");
        assert_eq!(resolved("${UNSET-d}", &env), "d");
        assert_eq!(resolved("${SET:-d}", &env), "v");
        assert_eq!(resolved("${SET:+alt}", &env), "alt");
        assert_eq!(resolved("${EMPTY:+alt}", &env), "");
        assert_eq!(resolved("${EMPTY+alt}", &env), "alt");
        assert_eq!(resolved("${SET:?must}", &env), "v");
        assert_eq!(resolved("${UNSET:-${SET}}", &env), "v");
        assert_eq!(resolved("${UNSET:-${ALSO:-deep}}", &env), "deep");
        assert_eq!(resolved("'$$HOME and $$'", &env), "$HOME and $");
        assert_eq!(resolved("'cost: $5, $ {x}'", &env), "cost: $5, $ {x}");
        assert_eq!(
            resolved("\"${R:-127.0.0.1:7654}:6379\"", &env),
            "127.0.0.1:7654:6379"
        );
    }

    #[test]
    fn unknown_variables_stay_unresolved() {
        for value in ["${UNSET}", "$UNSET", "${UNSET:-${ALSO}}"] {
            let (text, problems, _) = run(value, &[]);
            assert!(problems.is_empty(), "{value}");
            assert!(!text.is_fully_resolved(), "{value}");
            assert_eq!(text.setting().value, None, "{value}");
        }
        let (text, _, _) = run("/data/${UNSET}:/data", &[]);
        assert_eq!(text.as_str(), "/data/${UNSET}:/data");
        let parts = text.split(':');
        assert_eq!(
            text.setting_of(parts[1].clone()).value.as_deref(),
            Some("/data")
        );
    }

    #[test]
    fn an_alternative_of_an_unset_variable_is_empty() {
        for value in ["${UNSET:+alt}", "${UNSET+alt}", "${EMPTY:+alt}"] {
            let (text, problems, _) = run(value, &[("EMPTY", "")]);
            assert!(problems.is_empty(), "{value}");
            assert_eq!(text.setting().value.as_deref(), Some(""), "{value}");
        }
        let (text, _, _) = run("${EMPTY+alt}", &[("EMPTY", "")]);
        assert_eq!(text.setting().value.as_deref(), Some("alt"));
    }

    #[test]
    fn spans_point_at_the_source() {
        let (text, _, source) = run("\"x${UNSET:-/etc}:${SET}\"", &[("SET", "abc")]);
        assert_eq!(text.as_str(), "x/etc:abc");
        let at = |range: Range<usize>| &source[text.span_of(range).range()];
        assert_eq!(at(0..1), "x");
        // The default points at where it is written.
        assert_eq!(at(1..5), "/etc");
        // A substituted value points at its expression.
        assert_eq!(at(6..9), "${SET}");
        assert_eq!(&source[text.span().range()], "\"x${UNSET:-/etc}:${SET}\"");
    }

    #[test]
    fn required_variables_and_malformed_expressions_are_reported() {
        let cases = [
            (
                "${NEED:?set NEED}",
                "required variable `NEED` is not set: set NEED",
            ),
            ("${NEED?}", "required variable `NEED` is not set"),
            (
                "${TAG/x/y}",
                "`${TAG/x/y}` is not a valid variable expression",
            ),
            ("${}", "`${}` is not a valid variable expression"),
            ("a${OPEN", "`${OPEN` has no closing `}`"),
        ];
        for (value, message) in cases {
            let (text, problems, source) = run(value, &[]);
            assert_eq!(problems.len(), 1, "{value}");
            assert_eq!(problems[0].code, InputCode::InvalidInterpolation);
            assert_eq!(problems[0].message, message);
            assert!(!text.is_fully_resolved());
            let expression = value.trim_start_matches('a');
            assert_eq!(&source[problems[0].span.range()], expression);
        }
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let value = format!("{}x{}", "${A:-".repeat(100), "}".repeat(100));
        let (text, problems, _) = run(&value, &[]);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].code, InputCode::InputLimitExceeded);
        assert!(!text.is_fully_resolved());
    }
}
