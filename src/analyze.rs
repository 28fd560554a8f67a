//! The pipeline: text → front-end → containers → rules → diagnostics.

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Fix, Locator};
use crate::model::{Container, InputProblem};
use crate::rules::{input, registry, Checker, Finding};
use crate::{compose, run, suppress};
use serde::{Deserialize, Serialize};

/// Which front-end reads the text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InputKind {
    /// Decide from the text (see [`detect`]).
    #[default]
    Auto,
    Compose,
    Run,
}

pub use crate::model::{Environment, FrontEnd};

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
    let input = match options.input {
        InputKind::Auto => detect(text),
        other => other,
    };
    let front_end = match input {
        InputKind::Run => run::parse(text),
        _ => compose::parse(text, &options.env),
    };
    let config = &options.config;
    let mut findings: Vec<Finding> = front_end.problems.into_iter().map(input_finding).collect();
    for rule in registry::all() {
        if !registry::is_enabled(rule, config) {
            continue;
        }
        let mut checker = Checker {
            rule,
            containers: &front_end.containers,
            profile: config.profile,
            options: &config.options,
            text,
            findings: Vec::new(),
        };
        for container in &front_end.containers {
            (rule.check)(container, &mut checker);
        }
        findings.append(&mut checker.findings);
    }
    findings.retain(|f| registry::is_enabled(f.rule, config));
    for finding in &mut findings {
        point_at_inheritor(finding, &front_end.containers);
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
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.span.end, &a.code).cmp(&(b.span.start, b.span.end, &b.code))
    });
    Analysis {
        input,
        containers: front_end.containers,
        diagnostics,
    }
}

/// The finding of the input rule that reports a front-end's problem.
fn input_finding(problem: InputProblem) -> Finding {
    let mut finding = Finding::new(input::rule_for(problem.code), problem.span, problem.message);
    finding.help = problem.help;
    finding.container = problem.container;
    finding
}

/// A finding about a setting written outside its container's own block (in an
/// `x-` anchor merged with `<<`, or in the service an `extends` names) also points
/// at the container that inherits it, since the same text may be reported for
/// several services.
fn point_at_inheritor(finding: &mut Finding, containers: &[Container]) {
    let Some(container) = finding
        .container
        .as_deref()
        .and_then(|name| containers.iter().find(|c| c.name == name))
    else {
        return;
    };
    let inside =
        container.span.start <= finding.span.start && finding.span.end <= container.span.end;
    if !inside {
        let message = format!("`{}` inherits this setting", container.name);
        finding.related(container.name_span, message);
    }
}

fn to_diagnostic(finding: Finding, config: &Config, locator: &Locator) -> Diagnostic {
    let rule = finding.rule;
    let severity = registry::severity_override(rule, config).unwrap_or(finding.severity);
    Diagnostic {
        code: rule.code.to_string(),
        name: rule.name.to_string(),
        severity,
        message: finding.message,
        help: finding.help,
        container: finding.container,
        range: locator.range(finding.span),
        byte_range: [finding.span.start, finding.span.end],
        url: crate::diagnostic::rule_url(rule.code, rule.name),
        related: finding
            .related
            .iter()
            .map(|(span, message)| locator.related(*span, message.clone()))
            .collect(),
        fix: finding.fix.map(|fix| Fix {
            title: fix.title,
            applicability: fix.applicability,
            edits: fix
                .edits
                .into_iter()
                .map(|(span, content)| locator.edit(span, content))
                .collect(),
        }),
        suppressed: None,
        span: finding.span,
    }
}
