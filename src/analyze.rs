//! The pipeline: text → front-end → containers → rules → diagnostics.

use crate::config::Config;
use crate::diagnostic::{plain_text, Diagnostic, DiagnosticKind, Fix, Locator};
use crate::json::{JsonWriter, ToJson};
use crate::model::shared::Readers;
use crate::model::{self, Container, InputProblem};
use crate::rules::{
    containers_by_name, input, registry, Checker, ContainersByName, Family, Finding,
};
use crate::{compose, fixes, run, suppress};
use serde::Deserialize;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

/// Which front-end reads the text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InputKind {
    /// Decide from the text (see [`detect`]).
    #[default]
    Auto,
    Compose,
    Run,
}

pub use crate::model::{Environment, FrontEnd};

impl ToJson for InputKind {
    fn write_json(&self, out: &mut JsonWriter) {
        out.string(match self {
            InputKind::Auto => "auto",
            InputKind::Compose => "compose",
            InputKind::Run => "run",
        });
    }
}

/// Everything an analysis needs besides the text.
#[derive(Clone, Debug, Default)]
pub struct AnalyzeOptions {
    pub config: Config,
    pub input: InputKind,
    pub env: Environment,
    /// Shown in reports (SARIF, CLI); never read from disk.
    pub file_name: Option<String>,
}

/// The result of one analysis.
#[derive(Debug)]
pub struct Analysis {
    /// The front-end that read the text (never `Auto`).
    pub input: InputKind,
    pub containers: Vec<Container>,
    /// Sorted by position; suppressed diagnostics are included and marked.
    pub diagnostics: Vec<Diagnostic>,
    /// The text was not read at all: too large, or a line too long.
    pub refused: bool,
}

/// Guess whether the text is a Compose file or run commands: a line whose first
/// command word (after prompts, `sudo`, env assignments) is a container engine CLI
/// means run commands; anything else is read as Compose.
pub fn detect(text: &str) -> InputKind {
    if run::looks_like_commands(text) {
        InputKind::Run
    } else {
        InputKind::Compose
    }
}

pub fn analyze(text: &str, options: &AnalyzeOptions) -> Analysis {
    analyze_with(text, options, None)
}

/// Text read from bytes meant to be UTF-8 (a file, standard input): each invalid
/// sequence becomes U+FFFD, as editors show it, so that the rest can still be read.
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded {
    pub text: String,
    /// Where the first replacement is in `text`, when there is one.
    pub invalid_at: Option<usize>,
}

impl Decoded {
    pub fn new(bytes: Vec<u8>) -> Decoded {
        match String::from_utf8(bytes) {
            Ok(text) => Decoded {
                text,
                invalid_at: None,
            },
            Err(err) => {
                // Everything before the first invalid byte is kept as it is.
                let invalid_at = err.utf8_error().valid_up_to();
                Decoded {
                    text: String::from_utf8_lossy(err.as_bytes()).into_owned(),
                    invalid_at: Some(invalid_at),
                }
            }
        }
    }
}

/// Analyses decoded text: as [`analyze`], plus SYN-016 at the first byte that was not UTF-8.
pub fn analyze_decoded(decoded: &Decoded, options: &AnalyzeOptions) -> Analysis {
    analyze_with(
        &decoded.text,
        options,
        decoded.invalid_at.map(encoding_problem),
    )
}

/// SYN-016 at the first byte of decoded `text` that was not UTF-8, for a caller that
/// analyses the text its own way (the files of a Compose project); `None` when the
/// text was UTF-8 or the configuration leaves the rule out.
pub fn encoding_diagnostic(decoded: &Decoded, config: &Config) -> Option<Diagnostic> {
    let finding = input_finding(encoding_problem(decoded.invalid_at?));
    registry::is_enabled(finding.rule, config)
        .then(|| to_diagnostic(finding, config, &Locator::new(&decoded.text)))
}

fn encoding_problem(at: usize) -> InputProblem {
    let span = crate::span::Span::new(at, at + char::REPLACEMENT_CHARACTER.len_utf8());
    InputProblem::new(
        model::InputCode::InvalidEncoding,
        span,
        "the text is not UTF-8 from here: each invalid byte sequence is read as U+FFFD (�)",
    )
}

fn analyze_with(text: &str, options: &AnalyzeOptions, encoding: Option<InputProblem>) -> Analysis {
    let limits = &options.config.limits;
    if let Some(problem) = model::oversized(text, limits) {
        return refuse(text, options, input_finding(problem));
    }
    let input = match options.input {
        InputKind::Auto => detect(text),
        other => other,
    };
    let mut front_end = match input {
        InputKind::Run => run::parse(text, limits),
        _ => compose::parse(text, &options.env, limits),
    };
    front_end.problems.splice(0..0, encoding);
    analyze_front_end(text, input, front_end, options)
}

/// The rules, fixes and suppressions over what a front-end read from `text` (which
/// its spans point into): the part of [`analyze`] a caller that parses differently,
/// such as a whole Compose project, shares.
pub fn analyze_front_end(
    text: &str,
    input: InputKind,
    front_end: FrontEnd,
    options: &AnalyzeOptions,
) -> Analysis {
    let config = &options.config;
    let mut findings: Vec<Finding> = front_end.problems.into_iter().map(input_finding).collect();
    let by_name = containers_by_name(&front_end.containers);
    let readers = Readers::new(&front_end.containers);
    for rule in registry::all() {
        if !registry::is_enabled(rule, config) {
            continue;
        }
        let mut checker = Checker {
            rule,
            containers: &front_end.containers,
            by_name: &by_name,
            profile: config.profile,
            options: &config.options,
            findings: Vec::new(),
        };
        for (index, container) in front_end.containers.iter().enumerate() {
            crate::work::add(1);
            let first = checker.findings.len();
            (rule.check)(container, &mut checker);
            fixes::write(
                &mut checker.findings[first..],
                &front_end.containers,
                index,
                &readers,
                text,
            );
        }
        findings.append(&mut checker.findings);
    }
    findings.retain(|f| registry::is_enabled(f.rule, config));
    for finding in &mut findings {
        point_at_inheritor(finding, &by_name);
    }

    let locator = Locator::new(text);
    let mut diagnostics: Vec<Diagnostic> = findings
        .into_iter()
        .map(|finding| to_diagnostic(finding, config, &locator))
        .collect();
    // Only Compose has comments shipshape can own; run commands use the configuration.
    if input == InputKind::Compose {
        let problems = suppress::apply(
            text,
            &front_end.comments,
            &front_end.containers,
            config,
            &locator,
            &mut diagnostics,
        );
        diagnostics.extend(
            problems
                .into_iter()
                .filter(|problem| registry::is_enabled(problem.rule, config))
                .map(|problem| to_diagnostic(problem, config, &locator)),
        );
    }
    crate::sort::by(&mut diagnostics, |a, b| {
        (a.span.start, a.span.end, &a.code).cmp(&(b.span.start, b.span.end, &b.code))
    });
    drop_repeated(&mut diagnostics, input);
    Analysis {
        input,
        containers: front_end.containers,
        diagnostics,
        refused: false,
    }
}

/// Keeps one of each finding said twice at one place in the same words. An alias
/// repeats its anchor's value where the anchor is written (`cap_add: [&cap X, *cap]`),
/// so a rule that reports each entry of a list reports that place once per alias.
/// An input problem said at one place for several containers (an anchor that 20,000
/// services misuse) is kept once, for the first, with the count of the others.
/// `diagnostics` is sorted by place and code, so repeats are within one such group.
fn drop_repeated(diagnostics: &mut Vec<Diagnostic>, input: InputKind) {
    let mut kept: Vec<Diagnostic> = Vec::with_capacity(diagnostics.len());
    // For each kept diagnostic, the other containers it was said for.
    let mut others: Vec<usize> = Vec::with_capacity(diagnostics.len());
    // The kept diagnostics of the current group by what makes two the same (an input
    // problem's container aside): a hash, then a comparison, so that a group of
    // thousands (an anchor merged into every service) costs no more than its size.
    let mut group: HashMap<u64, Vec<usize>> = HashMap::new();
    let same_words = |diagnostic: &Diagnostic| {
        let input_problem = diagnostic.kind == DiagnosticKind::Input;
        let mut hasher = DefaultHasher::new();
        let container = (!input_problem).then_some(&diagnostic.container);
        (
            container,
            &diagnostic.message,
            diagnostic.suppressed.is_some(),
        )
            .hash(&mut hasher);
        hasher.finish()
    };
    for diagnostic in diagnostics.drain(..) {
        let same_group = kept
            .last()
            .is_some_and(|last| last.span == diagnostic.span && last.code == diagnostic.code);
        if !same_group {
            group.clear();
        }
        crate::work::add(1);
        let input_problem = diagnostic.kind == DiagnosticKind::Input;
        let key = same_words(&diagnostic);
        let repeated = group.get(&key).and_then(|candidates| {
            candidates.iter().copied().find(|&at| {
                let earlier = &kept[at];
                earlier.message == diagnostic.message
                    && earlier.suppressed.is_some() == diagnostic.suppressed.is_some()
                    && (earlier.container == diagnostic.container || input_problem)
            })
        });
        match repeated {
            Some(at) if kept[at].container != diagnostic.container => others[at] += 1,
            Some(_) => {}
            None => {
                group.entry(key).or_default().push(kept.len());
                kept.push(diagnostic);
                others.push(0);
            }
        }
    }
    let containers = match input {
        InputKind::Run => ("command", "commands"),
        _ => ("service", "services"),
    };
    for (diagnostic, others) in kept.iter_mut().zip(others) {
        if others > 0 {
            let noun = if others == 1 {
                containers.0
            } else {
                containers.1
            };
            let also = format!(" (also for {others} more {noun})");
            diagnostic.message.push_str(&also);
            diagnostic.message_markdown.push_str(&also);
        }
    }
    *diagnostics = kept;
}

/// The finding of the input rule that reports a front-end's problem.
fn input_finding(problem: InputProblem) -> Finding {
    let mut finding = Finding::new(input::rule_for(problem.code), problem.span, problem.message);
    finding.help = problem.help;
    finding.container = problem.container;
    finding
}

/// The analysis of a text over `limits.input_bytes` that starts with `head` (at least
/// its first [`DETECT_OVERSIZED_BYTES`], or all of it), the same as [`analyze`] of the
/// whole text: for a surface that knows the size before it has the text, such as a
/// file's length or a JS string's, which then never copies or reads the rest.
pub fn refuse_too_large(head: &str, options: &AnalyzeOptions) -> Analysis {
    let problem = model::too_large(&options.config.limits);
    refuse(head, options, input_finding(problem))
}

/// Bytes of an oversized text that detection reads: enough for the first command.
pub const DETECT_OVERSIZED_BYTES: usize = 4096;

/// The analysis of a text over the size limit: only the limit finding, with no pass
/// over the text (detection reads its start only).
fn refuse(text: &str, options: &AnalyzeOptions, problem: Finding) -> Analysis {
    let input = match options.input {
        InputKind::Auto => {
            let mut end = DETECT_OVERSIZED_BYTES.min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            detect(&text[..end])
        }
        other => other,
    };
    let config = &options.config;
    // Positions need no index of the text past the finding (at its start for an
    // oversized text, at the long line otherwise).
    let locator = Locator::new(&text[..problem.span.end as usize]);
    let diagnostics = registry::is_enabled(problem.rule, config)
        .then(|| to_diagnostic(problem, config, &locator))
        .into_iter()
        .collect();
    Analysis {
        input,
        containers: Vec::new(),
        diagnostics,
        refused: true,
    }
}

/// A finding about a setting written outside its container's own block (in an
/// `x-` anchor merged with `<<`, or in the service an `extends` names) also points
/// at the container that inherits it, since the same text may be reported for
/// several services (unless a related location of the finding is in it already).
fn point_at_inheritor(finding: &mut Finding, by_name: &ContainersByName) {
    let Some(&container) = finding
        .container
        .as_deref()
        .and_then(|name| by_name.get(name))
    else {
        return;
    };
    // A finding that already points into the container (a secret's `file:` at the
    // service's entry naming it) needs no more.
    let inside = |span: crate::span::Span| {
        container.span.start <= span.start && span.end <= container.span.end
    };
    if !inside(finding.span) && !finding.related.iter().any(|&(span, _)| inside(span)) {
        let message = format!("`{}` inherits this setting", container.name);
        finding.related(container.name_span, message);
    }
    let replaced = container
        .overridden
        .iter()
        .filter(|(now, _)| now.contains(finding.span))
        .map(|&(_, was)| was);
    for was in replaced.collect::<Vec<_>>() {
        finding.related(was, "this replaces the value written here");
    }
}

fn to_diagnostic(finding: Finding, config: &Config, locator: &Locator) -> Diagnostic {
    let rule = finding.rule;
    let severity = registry::severity_override(rule, config).unwrap_or(finding.severity);
    Diagnostic {
        code: rule.code.to_string(),
        name: rule.name.to_string(),
        kind: if rule.family == Family::Input {
            DiagnosticKind::Input
        } else {
            DiagnosticKind::Finding
        },
        severity,
        message: plain_text(&finding.message),
        message_markdown: finding.message,
        help: finding.help.as_deref().map(plain_text),
        help_markdown: finding.help,
        container: finding.container,
        range: locator.range(finding.span),
        byte_range: [finding.span.start, finding.span.end],
        utf16_range: locator.line_index().utf16_range(finding.span),
        url: crate::diagnostic::rule_url(rule.code, rule.name),
        related: finding
            .related
            .iter()
            .map(|(span, message)| locator.related(*span, message.clone()))
            .collect(),
        fix: finding.fix.map(|fix| {
            let edits = fix
                .edits
                .into_iter()
                .map(|(span, content)| locator.edit(span, content))
                .collect();
            Fix::new(fix.title, fix.applicability, edits)
        }),
        suppressed: None,
        span: finding.span,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Limits;

    #[test]
    fn oversized_text_is_refused_before_detection_and_parsing() {
        let line = "docker run --privileged nginx\n";
        let text = line.repeat(Limits::default().input_bytes / line.len() + 1);
        let analysis = analyze(&text, &AnalyzeOptions::default());
        assert_eq!(analysis.input, InputKind::Run);
        assert!(analysis.containers.is_empty());
        let codes: Vec<_> = analysis.diagnostics.iter().map(|d| &d.code[..]).collect();
        assert_eq!(codes, ["SYN-005"]);
        assert_eq!(analysis.diagnostics[0].range.start.line, 1);

        let compose = format!(
            "services:\n  web:\n    image: nginx\n{}",
            "#".repeat(Limits::default().input_bytes)
        );
        let analysis = analyze(&compose, &AnalyzeOptions::default());
        assert_eq!(analysis.input, InputKind::Compose);
        assert_eq!(analysis.diagnostics.len(), 1);
    }

    #[test]
    fn an_input_problem_at_one_place_for_many_services_is_said_once_with_their_count() {
        let misuse = |services: usize| {
            let each = (0..services).map(|i| format!("  s{i}:\n    image: x\n    cap_add: *one\n"));
            format!(
                "x-one: &one NET_ADMIN\nservices:\n{}",
                each.collect::<String>()
            )
        };
        let found = |text: &str| {
            let analysis = analyze(text, &AnalyzeOptions::default());
            let found: Vec<_> = analysis
                .diagnostics
                .into_iter()
                .map(|d| (d.code, d.range.start.line, d.container, d.message))
                .collect();
            found
        };
        let said = |container: &str, message: &str| {
            let message = message.to_string();
            vec![(
                "SYN-004".to_string(),
                1,
                Some(container.to_string()),
                message,
            )]
        };
        let alone = "cap_add must be a list, not a single value";
        assert_eq!(found(&misuse(1)), said("s0", alone));
        let twice = format!("{alone} (also for 1 more service)");
        assert_eq!(found(&misuse(2)), said("s0", &twice));
        let many = format!("{alone} (also for 2999 more services)");
        assert_eq!(found(&misuse(3_000)), said("s0", &many));
    }

    #[test]
    fn an_aliased_list_entry_is_reported_once_at_its_anchor() {
        let text = "services:\n  web:\n    image: nginx\n    cap_add: [&cap NET_BIND_SERVICE, *cap, *cap]\n";
        let analysis = analyze(text, &AnalyzeOptions::default());
        let found: Vec<_> = analysis
            .diagnostics
            .iter()
            .map(|d| (&d.code[..], d.range.start.line, d.range.start.column))
            .collect();
        assert_eq!(found, [("CAP-010", 4, 20)]);
        // Two entries written apart are two findings.
        let text = "services:\n  web:\n    image: nginx\n    cap_add: [NET_BIND_SERVICE, NET_BIND_SERVICE]\n";
        let analysis = analyze(text, &AnalyzeOptions::default());
        let columns: Vec<_> = analysis
            .diagnostics
            .iter()
            .map(|d| (&d.code[..], d.range.start.column))
            .collect();
        assert_eq!(columns, [("CAP-010", 15), ("CAP-010", 33)]);
    }
}
