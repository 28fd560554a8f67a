//! SARIF 2.1.0, the format GitHub code scanning and other CI dashboards read, as
//! typed structs that follow the OASIS schema's object and property names.
//!
//! One run; every rule of the registry is described in `tool.driver.rules`, so a
//! result's `ruleIndex` is its rule's place in the registry. Artifact URIs are
//! relative to the `ROOT` base (the CLI's `--root`), which GitHub maps to the
//! repository; columns count UTF-16 code units.
//!
//! On request ([`SarifOptions::escape_paths`]) each open escape path of a container
//! is a result too, under a rule of its own family: `escape-path/TECHNIQUE`, one per
//! technique of the catalogue, listed after the registry's rules. Its location is
//! the container's name; its related locations are the settings enabling each step.

use super::{shown_name, ContainerReport, Report};
use crate::diagnostic::{self, plain_text, Diagnostic, Fix, Severity};
use crate::paths::view::PathView;
use crate::paths::{Impact, Technique, TECHNIQUES};
use crate::rules::{registry, Rule};
use crate::span::Range;
use serde::Serialize;
use std::collections::BTreeMap;

/// Where links and paths point.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SarifOptions {
    /// Base URL of the rule pages (`shipshape docs --out` writes them): each rule's
    /// `helpUri` is `BASE/ns-001.html#host-pid`. Without it there is no `helpUri`.
    pub docs_url: Option<String>,
    /// The `file://` URI of the directory the reports' file names are relative to,
    /// ending in `/`: it becomes the `ROOT` entry of `originalUriBaseIds`.
    pub root_uri: Option<String>,
    /// One result per open escape path (the CLI's `--explain-paths`), under the
    /// `escape-path/…` rules; without it the log holds the findings only.
    pub escape_paths: bool,
}

/// The base id relative artifact URIs refer to.
const ROOT: &str = "ROOT";

/// The family prefix of the escape-path rules' ids.
const ESCAPE_PATH: &str = "escape-path/";

/// The SARIF log of `reports`, as pretty-printed JSON.
pub fn render(reports: &[Report], options: &SarifOptions) -> String {
    let log = log(reports, options);
    serde_json::to_string_pretty(&log).expect("SARIF structs serialize") + "\n"
}

/// The SARIF log of `reports`.
pub fn log(reports: &[Report], options: &SarifOptions) -> Log {
    let rules = registry::all();
    let mut results = Vec::new();
    for report in reports {
        let artifact = ArtifactLocation::of(shown_name(report));
        results.extend(report.diagnostics.iter().map(|diagnostic| {
            let index = rules.iter().position(|rule| rule.code == diagnostic.code);
            SarifResult::new(diagnostic, index, &artifact)
        }));
        if options.escape_paths {
            for container in &report.containers {
                results.extend(
                    container.escape_paths.open.iter().map(|path| {
                        SarifResult::escape_path(path, container, rules.len(), &artifact)
                    }),
                );
            }
        }
    }
    let original_uri_base_ids = options.root_uri.as_ref().map(|uri| {
        let root = ArtifactLocation {
            uri: uri.clone(),
            uri_base_id: None,
        };
        BTreeMap::from([(ROOT.to_string(), root)])
    });
    let docs_url = options
        .docs_url
        .as_deref()
        .map(|url| url.trim_end_matches('/'));
    let mut descriptors: Vec<ReportingDescriptor> = rules
        .iter()
        .map(|rule| ReportingDescriptor::new(rule, docs_url))
        .collect();
    if options.escape_paths {
        descriptors.extend(TECHNIQUES.iter().map(ReportingDescriptor::technique));
    }
    Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: ToolComponent {
                    name: "shipshape",
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: docs_url.map(|base| format!("{base}/index.html")),
                    rules: descriptors,
                },
            },
            original_uri_base_ids,
            column_kind: "utf16CodeUnits",
            results,
        }],
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Log {
    #[serde(rename = "$schema")]
    pub schema: &'static str,
    pub version: &'static str,
    pub runs: Vec<Run>,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Run {
    pub tool: Tool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub original_uri_base_ids: Option<BTreeMap<String, ArtifactLocation>>,
    pub column_kind: &'static str,
    pub results: Vec<SarifResult>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Tool {
    pub driver: ToolComponent,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ToolComponent {
    pub name: &'static str,
    pub version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub information_uri: Option<String>,
    pub rules: Vec<ReportingDescriptor>,
}

/// A rule as SARIF describes it.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportingDescriptor {
    pub id: String,
    pub name: &'static str,
    pub short_description: MultiformatMessage,
    pub full_description: MultiformatMessage,
    pub help: MultiformatMessage,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help_uri: Option<String>,
    pub default_configuration: Configuration,
    pub properties: RuleProperties,
}

impl ReportingDescriptor {
    fn new(rule: &Rule, docs_url: Option<&str>) -> ReportingDescriptor {
        let docs = rule.markdown();
        ReportingDescriptor {
            id: rule.code.to_string(),
            name: rule.name,
            short_description: MultiformatMessage::from_markdown(rule.summary()),
            full_description: MultiformatMessage::from_markdown(&section(&docs, "What it does")),
            help: MultiformatMessage {
                text: super::explain::document(&docs, false),
                markdown: docs.clone(),
            },
            help_uri: docs_url.map(|base| {
                let url = diagnostic::rule_url(rule.code, rule.name);
                let page = url.strip_prefix(diagnostic::DOCS_BASE).unwrap_or(&url);
                format!("{base}/{page}")
            }),
            default_configuration: Configuration {
                level: level(rule.severity),
            },
            properties: RuleProperties {
                tags: vec!["security", rule.family.title()],
                security_severity: security_severity(rule.severity),
            },
        }
    }
}

impl ReportingDescriptor {
    /// The rule of one escape technique: its steps, outcome, impact and references
    /// are the help; there is no page of its own, so no `helpUri`.
    fn technique(technique: &'static Technique) -> ReportingDescriptor {
        let steps: Vec<&str> = technique.steps.iter().map(|step| step.text).collect();
        let full = format!(
            "When all of these hold: {}; then {}.",
            steps.join("; "),
            technique.outcome
        );
        let severity = technique_severity(technique.impacts);
        ReportingDescriptor {
            id: format!("{ESCAPE_PATH}{}", technique.id),
            name: technique.id,
            short_description: MultiformatMessage::from_markdown(technique.title),
            full_description: MultiformatMessage::from_markdown(&full),
            help: MultiformatMessage {
                text: technique_help(technique, false),
                markdown: technique_help(technique, true),
            },
            help_uri: None,
            default_configuration: Configuration {
                level: level(severity),
            },
            properties: RuleProperties {
                tags: vec!["security", "escape path"],
                security_severity: security_severity(severity),
            },
        }
    }
}

/// The steps, the outcome, the impact and the references, as Markdown or plain text.
fn technique_help(technique: &Technique, markdown: bool) -> String {
    let text = |text: &str| {
        if markdown {
            text.to_string()
        } else {
            plain_text(text)
        }
    };
    let mut help = String::from("When all of these hold:\n\n");
    for (number, step) in technique.steps.iter().enumerate() {
        help.push_str(&format!("{}. {}\n", number + 1, text(step.text)));
    }
    let impacts: Vec<&str> = technique.impacts.iter().map(|i| i.as_str()).collect();
    help.push_str(&format!(
        "\nThen {}.\n\nImpact: {}.\n\nReferences:\n\n",
        text(technique.outcome),
        impacts.join(", ")
    ));
    for reference in technique.references {
        let line = if markdown {
            format!("- [{}]({})\n", reference.name, reference.url)
        } else {
            format!("- {}: {}\n", reference.name, reference.url)
        };
        help.push_str(&line);
    }
    help
}

/// Critical when the path gains host root or writes host files, high otherwise.
fn technique_severity(impacts: &[Impact]) -> Severity {
    if impacts
        .iter()
        .any(|impact| matches!(impact, Impact::HostRoot | Impact::HostFileWrite))
    {
        Severity::Critical
    } else {
        Severity::High
    }
}

/// The body of the `## title` section of a rule's Markdown documentation.
fn section(markdown: &str, title: &str) -> String {
    let heading = format!("## {title}");
    let body = markdown.split_once(&heading).map_or("", |(_, after)| after);
    let end = body.find("\n## ").unwrap_or(body.len());
    body[..end].trim().to_string()
}

/// Plain text for every consumer, Markdown for those that render it.
#[derive(Clone, Debug, Serialize)]
pub struct MultiformatMessage {
    pub text: String,
    pub markdown: String,
}

impl MultiformatMessage {
    fn from_markdown(markdown: &str) -> MultiformatMessage {
        MultiformatMessage {
            text: plain_text(markdown),
            markdown: markdown.to_string(),
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Configuration {
    pub level: &'static str,
}

#[derive(Clone, Debug, Serialize)]
pub struct RuleProperties {
    pub tags: Vec<&'static str>,
    /// GitHub code scanning ranks security alerts by this score.
    #[serde(rename = "security-severity")]
    pub security_severity: &'static str,
}

/// One finding. (`Result` would shadow the standard type.)
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SarifResult {
    pub rule_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule_index: Option<usize>,
    pub level: &'static str,
    pub message: Message,
    pub locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related_locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fixes: Vec<SarifFix>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressions: Vec<SarifSuppression>,
    pub properties: ResultProperties,
}

impl SarifResult {
    fn new(
        diagnostic: &Diagnostic,
        rule_index: Option<usize>,
        artifact: &ArtifactLocation,
    ) -> SarifResult {
        let location = |range: &Range| Location::of(artifact, range);
        let markdown = match &diagnostic.help_markdown {
            Some(help) => format!("{}\n\nhelp: {help}", diagnostic.message_markdown),
            None => diagnostic.message_markdown.clone(),
        };
        SarifResult {
            rule_id: diagnostic.code.clone(),
            rule_index,
            level: level(diagnostic.severity),
            message: Message {
                text: plain_text(&markdown),
                markdown: Some(markdown),
            },
            locations: vec![location(&diagnostic.range)],
            related_locations: diagnostic
                .related
                .iter()
                .enumerate()
                .map(|(id, related)| {
                    // In a project, a related location may be in another file.
                    let in_file = related.file.as_deref().map(ArtifactLocation::of);
                    Location {
                        id: Some(id),
                        message: Some(Message::plain(&related.message)),
                        ..Location::of(in_file.as_ref().unwrap_or(artifact), &related.range)
                    }
                })
                .collect(),
            fixes: diagnostic
                .fix
                .iter()
                .map(|fix| SarifFix {
                    description: Message::plain(&fix.title),
                    artifact_changes: artifact_changes(fix, artifact),
                })
                .collect(),
            suppressions: diagnostic
                .suppressed
                .iter()
                .map(|suppression| SarifSuppression {
                    kind: "inSource",
                    location: location(&suppression.range),
                    justification: suppression.reason.clone(),
                })
                .collect(),
            properties: ResultProperties {
                severity: diagnostic.severity.as_str(),
                container: diagnostic.container.clone(),
            },
        }
    }
}

/// A fix's edits, one change per file they land in (in a project, an edit names its
/// file; otherwise it is in `artifact`).
fn artifact_changes(fix: &Fix, artifact: &ArtifactLocation) -> Vec<ArtifactChange> {
    let mut changes: Vec<(Option<&str>, ArtifactChange)> = Vec::new();
    for edit in &fix.edits {
        let file = edit.file.as_deref();
        let at = match changes.iter().position(|(f, _)| *f == file) {
            Some(at) => at,
            None => {
                let artifact_location = file.map_or_else(|| artifact.clone(), ArtifactLocation::of);
                changes.push((
                    file,
                    ArtifactChange {
                        artifact_location,
                        replacements: Vec::new(),
                    },
                ));
                changes.len() - 1
            }
        };
        changes[at].1.replacements.push(Replacement {
            deleted_region: Region::of(&edit.range),
            inserted_content: ArtifactContent {
                text: edit.content.clone(),
            },
        });
    }
    changes.into_iter().map(|(_, change)| change).collect()
}

impl SarifResult {
    /// An open escape path of `container`: located at the container's name, with
    /// each setting that enables a step as a related location. `rules_before` is the
    /// number of registry rules listed ahead of the techniques.
    fn escape_path(
        path: &PathView,
        container: &ContainerReport,
        rules_before: usize,
        artifact: &ArtifactLocation,
    ) -> SarifResult {
        let technique = TECHNIQUES
            .iter()
            .position(|technique| technique.id == path.technique);
        let severity = technique_severity(&path.impacts);
        let steps: Vec<&str> = path.steps.iter().map(|step| step.text).collect();
        let impacts: Vec<&str> = path.impacts.iter().map(|i| i.as_str()).collect();
        let steps: Vec<String> = steps
            .iter()
            .enumerate()
            .map(|(number, step)| format!("{}. {step}", number + 1))
            .collect();
        let markdown = format!(
            "Escape path open in `{}`: {}. Steps: {}. Then {}. Impact: {}.",
            container.name,
            path.title,
            steps.join("; "),
            path.outcome,
            impacts.join(", ")
        );
        let mut related_locations = Vec::new();
        for (number, step) in path.steps.iter().enumerate() {
            for setting in &step.settings {
                let Some(range) = &setting.range else {
                    continue;
                };
                let message = format!(
                    "step {}: {}; to take it away: {}",
                    number + 1,
                    setting.description,
                    setting.change
                );
                related_locations.push(Location {
                    id: Some(related_locations.len()),
                    message: Some(Message::plain(&message)),
                    ..Location::of(artifact, range)
                });
            }
        }
        SarifResult {
            rule_id: format!("{ESCAPE_PATH}{}", path.technique),
            rule_index: technique.map(|index| rules_before + index),
            level: level(severity),
            message: Message {
                text: plain_text(&markdown),
                markdown: Some(markdown),
            },
            locations: vec![Location::of(artifact, &container.name_range)],
            related_locations,
            fixes: Vec::new(),
            suppressions: Vec::new(),
            properties: ResultProperties {
                severity: severity.as_str(),
                container: Some(container.name.clone()),
            },
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Message {
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub markdown: Option<String>,
}

impl Message {
    fn plain(markdown: &str) -> Message {
        Message {
            text: plain_text(markdown),
            markdown: None,
        }
    }
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<usize>,
    pub physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<Message>,
}

impl Location {
    fn of(artifact: &ArtifactLocation, range: &Range) -> Location {
        Location {
            id: None,
            physical_location: PhysicalLocation {
                artifact_location: artifact.clone(),
                region: Region::of(range),
            },
            message: None,
        }
    }
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PhysicalLocation {
    pub artifact_location: ArtifactLocation,
    pub region: Region,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ArtifactLocation {
    pub uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uri_base_id: Option<&'static str>,
}

impl ArtifactLocation {
    /// A relative path refers to the `ROOT` base; an absolute one becomes a
    /// `file://` URI of its own.
    fn of(path: &str) -> ArtifactLocation {
        let path = path.replace('\\', "/");
        match path.strip_prefix('/') {
            Some(absolute) => ArtifactLocation {
                uri: format!("file:///{}", percent_encode(absolute)),
                uri_base_id: None,
            },
            None => ArtifactLocation {
                uri: percent_encode(&path),
                uri_base_id: Some(ROOT),
            },
        }
    }
}

/// A URI path for a file path: unreserved bytes and `/` kept, the rest encoded.
pub fn percent_encode(path: &str) -> String {
    let mut uri = String::new();
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            uri.push(byte as char);
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

/// 1-based lines and columns (UTF-16, per the run's `columnKind`); the end is exclusive.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Region {
    pub start_line: u32,
    pub start_column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

impl Region {
    fn of(range: &Range) -> Region {
        Region {
            start_line: range.start.line,
            start_column: range.start.column,
            end_line: range.end.line,
            end_column: range.end.column,
        }
    }
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SarifFix {
    pub description: Message,
    pub artifact_changes: Vec<ArtifactChange>,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ArtifactChange {
    pub artifact_location: ArtifactLocation,
    pub replacements: Vec<Replacement>,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Replacement {
    pub deleted_region: Region,
    pub inserted_content: ArtifactContent,
}

#[derive(Clone, Debug, Serialize)]
pub struct ArtifactContent {
    pub text: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct SarifSuppression {
    pub kind: &'static str,
    pub location: Location,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub justification: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ResultProperties {
    pub severity: &'static str,
    /// The service or command the finding concerns.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub container: Option<String>,
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "note",
    }
}

/// GitHub's bands: critical ≥ 9.0, high ≥ 7.0, medium ≥ 4.0, low below.
fn security_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
        Severity::Info => "1.0",
    }
}
