//! The serializable result every surface shows: per-container views (capabilities,
//! mounts, namespaces), the diagnostics and a summary with a grade.
//!
//! This is the wire shape of the npm package and the web page (see `wasm.rs` and its
//! TypeScript declarations), so field names are camelCase and a missing value is
//! `null`, never an absent key. Positions are 1-based lines and UTF-16 columns.

use crate::analyze::{Analysis, InputKind};
use crate::diagnostic::{listed, rule_page, Diagnostic, DiagnosticKind, Locator, Severity};
use crate::json::{JsonWriter, ToJson};
use crate::knowledge::engines::{podman_namespace_value, Engine};
use crate::knowledge::host_paths::{self, PathKind, Relation};
use crate::model::binds::host_binds;
use crate::model::caps::{self, EffectiveCaps, Grant};
use crate::model::{Container, MountKind, NamespaceMode, Origin, Setting};
use crate::paths::view::EscapePathsView;
use crate::rules::{registry, Family, FixAvailability, Rule};
use crate::span::Range;
use std::collections::HashMap;

// Native only: they need the rule documentation or crates the WebAssembly module
// does not carry (see Cargo.toml).
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub mod escape_paths;
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub mod explain;
pub mod fixes;
pub mod github;
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub mod sarif;
pub mod statistics;
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub mod text;

/// One analysed input as the renderers need it: its report and the text it is about.
#[derive(Clone, Copy, Debug)]
pub struct Checked<'a> {
    pub report: &'a Report,
    pub text: &'a str,
}

/// `1 finding`, `2 findings`.
pub(crate) fn plural(count: u32, noun: &str) -> String {
    let s = if count == 1 { "" } else { "s" };
    format!("{count} {noun}{s}")
}

/// The name a report is shown under: its file name, `<stdin>` without one.
pub fn shown_name(report: &Report) -> &str {
    report.file_name.as_deref().unwrap_or("<stdin>")
}

/// Everything one analysis found, ready to serialize.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// The front-end that read the text: `compose` or `run`.
    pub input: InputKind,
    pub status: InputStatus,
    pub file_name: Option<String>,
    pub containers: Vec<ContainerReport>,
    /// Sorted by position; suppressed diagnostics are included and marked.
    pub diagnostics: Vec<Diagnostic>,
    pub summary: Summary,
}

impl Report {
    pub fn new(text: &str, analysis: Analysis, file_name: Option<String>) -> Report {
        // Only the containers need positions: a refused oversized text is not indexed.
        let locator = Locator::new(if analysis.containers.is_empty() {
            ""
        } else {
            text
        });
        let summary = Summary::of(analysis.diagnostics.iter(), !analysis.containers.is_empty());
        let status = InputStatus::of(text, &analysis);
        // Each container's own diagnostics, gathered in one pass over them all.
        let mut own: HashMap<&str, Vec<&Diagnostic>> = HashMap::new();
        for diagnostic in &analysis.diagnostics {
            if let Some(name) = diagnostic.container.as_deref() {
                own.entry(name).or_default().push(diagnostic);
            }
        }
        let containers = analysis
            .containers
            .iter()
            .map(|container| {
                let diagnostics = own
                    .get(container.name.as_str())
                    .map_or(&[][..], Vec::as_slice);
                ContainerReport::new(container, diagnostics, text, &locator)
            })
            .collect();
        Report {
            input: analysis.input,
            status,
            file_name,
            containers,
            diagnostics: analysis.diagnostics,
            summary,
        }
    }

    /// The report of one file of a project: its diagnostics, positioned in it. The
    /// merged containers span several files, so it lists none.
    pub fn of_project_file(text: &str, diagnostics: Vec<Diagnostic>, name: String) -> Report {
        let analysis = Analysis {
            input: InputKind::Compose,
            containers: Vec::new(),
            diagnostics,
            refused: false,
        };
        Report::new(text, analysis, Some(name))
    }

    /// Points every diagnostic's `url` at the rule pages served under `base` (the
    /// output of `shipshape docs` on a site) instead of the relative docs folder.
    pub fn link_docs(&mut self, base: &str) {
        for diagnostic in &mut self.diagnostics {
            diagnostic.url = linked_page(base, &diagnostic.code, &diagnostic.name);
        }
    }
}

/// A rule's page under the docs site at `base`, with or without its final `/`.
fn linked_page(base: &str, code: &str, name: &str) -> String {
    format!("{}/{}", base.trim_end_matches('/'), rule_page(code, name))
}

/// What became of the text as a whole, so that a surface can say "nothing to analyse"
/// or "not a Compose file nor run commands" rather than show an empty report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputStatus {
    /// Nothing but blank lines and `#` comments.
    Empty,
    /// No container could be read, and an input problem about the whole text says why
    /// (not YAML, no `services`, no container command, too large).
    Unrecognized,
    /// Read as `input`; `containers` may still be empty (`services: {}`).
    Analyzed,
}

impl InputStatus {
    fn of(text: &str, analysis: &Analysis) -> InputStatus {
        // A refused text is not read, so not known to be blank either.
        if analysis.refused {
            return InputStatus::Unrecognized;
        }
        let content = &text[crate::span::content_start(text)..];
        let blank = content.lines().all(|line| {
            let line = line.trim();
            line.is_empty() || line.starts_with('#')
        });
        let about_whole_text = |d: &Diagnostic| {
            d.kind == DiagnosticKind::Input && d.container.is_none() && d.suppressed.is_none()
        };
        if blank {
            InputStatus::Empty
        } else if analysis.containers.is_empty()
            && analysis.diagnostics.iter().any(about_whole_text)
        {
            InputStatus::Unrecognized
        } else {
            InputStatus::Analyzed
        }
    }
}

/// What one service or command is allowed to do.
#[derive(Clone, Debug, PartialEq)]
pub struct ContainerReport {
    pub name: String,
    pub origin: Origin,
    /// The image as resolved, or as written when it holds an unresolved variable.
    pub image: Option<String>,
    /// The whole service block or command.
    pub range: Range,
    pub name_range: Range,
    pub privileged: bool,
    pub capabilities: CapabilitiesView,
    pub mounts: Vec<MountView>,
    pub namespaces: NamespacesView,
    /// This container's own findings and grade.
    pub summary: Summary,
    /// The known ways out of this container its settings open, and how to close them.
    pub escape_paths: EscapePathsView,
}

impl ContainerReport {
    /// `own` are the diagnostics about this container.
    fn new(
        container: &Container,
        own: &[&Diagnostic],
        text: &str,
        locator: &Locator,
    ) -> ContainerReport {
        ContainerReport {
            name: container.name.clone(),
            origin: container.origin.clone(),
            image: container.image.as_ref().map(shown),
            range: locator.range(container.span),
            name_range: locator.range(container.name_span),
            privileged: container.is_privileged(),
            capabilities: CapabilitiesView::new(container, locator),
            mounts: MountView::all(container, locator),
            namespaces: NamespacesView::new(container, locator),
            summary: Summary::of(own.iter().copied(), true),
            escape_paths: EscapePathsView::new(container, own, text, locator),
        }
    }
}

/// The resolved value, or the text as written when it could not be resolved.
fn shown(setting: &Setting<String>) -> String {
    setting.value.clone().unwrap_or_else(|| setting.raw.clone())
}

/// The capability arithmetic, spelled out.
#[derive(Clone, Debug, PartialEq)]
pub struct CapabilitiesView {
    /// The engine the set is for (the command's; docker for Compose), as a sentence
    /// names it: `Docker`, `Podman`, `nerdctl`.
    pub engine: &'static str,
    /// That engine's default set, in its order.
    pub default: Vec<&'static str>,
    /// The first [`crate::diagnostic::LISTED_ENTRIES`] `cap_add` entries as written, and how many more.
    pub added: Vec<CapabilityEntry>,
    pub more_added: usize,
    /// The same of `cap_drop`.
    pub dropped: Vec<CapabilityEntry>,
    pub more_dropped: usize,
    /// What the processes get, in kernel order.
    pub effective: Vec<EffectiveCapability>,
    /// True when a `cap_add`/`cap_drop` entry could not be resolved, so `effective`
    /// is a lower bound.
    pub unknown: bool,
}

impl CapabilitiesView {
    fn new(container: &Container, locator: &Locator) -> CapabilitiesView {
        let entries = |list: &[Setting<String>]| {
            listed(list.iter().map(|setting| CapabilityEntry {
                name: setting.value.as_deref().map(caps::normalize),
                raw: setting.raw.clone(),
                range: locator.range(setting.span),
            }))
        };
        let effective = EffectiveCaps::of(container);
        let (added, more_added) = entries(&container.cap_add);
        let (dropped, more_dropped) = entries(&container.cap_drop);
        CapabilitiesView {
            engine: effective.engine.display_name(),
            default: effective.engine.default_capabilities().to_vec(),
            added,
            more_added,
            dropped,
            more_dropped,
            effective: effective
                .caps
                .iter()
                .map(|cap| EffectiveCapability {
                    name: cap.name,
                    grant: cap.grant,
                    risk: caps::risk(cap.name).map(CapabilityRisk::from),
                    range: cap.source.map(|source| locator.range(source.span)),
                })
                .collect(),
            unknown: effective.unknown,
        }
    }
}

/// One `cap_add` / `cap_drop` entry as written.
#[derive(Clone, Debug, PartialEq)]
pub struct CapabilityEntry {
    /// Canonical spelling (`SYS_ADMIN`, `ALL`); `null` when unresolved.
    pub name: Option<String>,
    pub raw: String,
    pub range: Range,
}

/// One capability of the effective set.
#[derive(Clone, Debug, PartialEq)]
pub struct EffectiveCapability {
    pub name: &'static str,
    pub grant: Grant,
    /// How dangerous it is on its own; `null` only for a name the engine does not know.
    pub risk: Option<CapabilityRisk>,
    /// The entry that granted it; `null` for defaults and privileged mode.
    pub range: Option<Range>,
}

/// How dangerous one capability is on its own, and what it lets a process do
/// (`summary` completes "a process holding it …").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CapabilityRisk {
    pub severity: Severity,
    pub summary: &'static str,
}

impl From<caps::CapabilityRisk> for CapabilityRisk {
    fn from(risk: caps::CapabilityRisk) -> CapabilityRisk {
        CapabilityRisk {
            severity: risk.risk.into(),
            summary: risk.summary,
        }
    }
}

/// One mount, as the page lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct MountView {
    pub kind: MountKind,
    /// Host path for binds, volume name for volumes (resolved, or as written).
    pub source: Option<String>,
    pub target: Option<String>,
    pub read_only: bool,
    /// Why the bound host path is sensitive, as the mount rules classify it; `null`
    /// for other paths and for mounts that bind no host path.
    pub sensitive: Option<SensitivePath>,
    pub range: Range,
}

impl MountView {
    fn all(container: &Container, locator: &Locator) -> Vec<MountView> {
        // The host binds are a subsequence of the mounts, in the same order.
        let mut binds = host_binds(container).peekable();
        container
            .mounts
            .iter()
            .map(|mount| {
                let bind = binds.next_if(|bind| std::ptr::eq(bind.mount, mount));
                MountView {
                    kind: mount.kind,
                    source: mount.source.as_ref().map(shown),
                    target: mount.target.as_ref().map(shown),
                    read_only: mount.is_read_only(),
                    sensitive: bind
                        .and_then(|bind| bind.sensitive())
                        .map(SensitivePath::from),
                    range: locator.range(mount.span),
                }
            })
            .collect()
    }
}

/// Why a bound host path is sensitive, with the severity of a read-write and of a
/// read-only bind (`info` for public files such as `/etc/localtime`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SensitivePath {
    pub severity_rw: Severity,
    pub severity_ro: Severity,
    pub path: host_paths::SensitivePath,
}

impl From<host_paths::SensitivePath> for SensitivePath {
    fn from(path: host_paths::SensitivePath) -> SensitivePath {
        SensitivePath {
            severity_rw: path.risk_rw.into(),
            severity_ro: path.risk_ro.into(),
            path,
        }
    }
}

/// The namespace settings of a container.
#[derive(Clone, Debug, PartialEq)]
pub struct NamespacesView {
    pub pid: NamespaceView,
    pub ipc: NamespaceView,
    pub uts: NamespaceView,
    pub userns: NamespaceView,
    pub cgroup: NamespaceView,
    pub network: NamespaceView,
}

impl NamespacesView {
    fn new(container: &Container, locator: &Locator) -> NamespacesView {
        let engine = container.engine();
        let view = |setting: &Option<Setting<NamespaceMode>>, namespace| {
            NamespaceView::new(setting, locator, engine, namespace)
        };
        let namespaces = &container.namespaces;
        NamespacesView {
            pid: view(&namespaces.pid, "pid"),
            ipc: view(&namespaces.ipc, "ipc"),
            uts: view(&namespaces.uts, "uts"),
            userns: view(&namespaces.userns, "userns"),
            cgroup: view(&namespaces.cgroup, "cgroup"),
            network: view(&namespaces.network, "network"),
        }
    }
}

/// How a container uses one namespace, simplified for display.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NamespaceUse {
    /// Not set: the engine's default applies (private for pid, ipc, uts and network;
    /// the host's user namespace unless the daemon remaps users; cgroup depends on
    /// the host's cgroup version).
    Default,
    /// Its own namespace (`private`, `shareable`, `bridge`).
    Private,
    /// Shares the host's namespace.
    Host,
    /// Joins another container or service (`target` names it).
    Joined,
    /// `none`: no namespace to share (network: no interfaces but loopback).
    None,
    /// Anything else, e.g. a user-defined network (`target` holds it).
    Other,
    /// Written with a variable that could not be resolved.
    Unknown,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NamespaceView {
    pub mode: NamespaceUse,
    /// The joined container or service, or the `other` value.
    pub target: Option<String>,
    /// The setting as written; `null` when not set.
    pub raw: Option<String>,
    pub range: Option<Range>,
    /// What the mode means in the engine's own words, when it is not docker's: a
    /// podman-only value (`keep-id`, `pasta`, a pod) or podman's and nerdctl's defaults.
    pub meaning: Option<String>,
}

impl NamespaceView {
    fn new(
        setting: &Option<Setting<NamespaceMode>>,
        locator: &Locator,
        engine: Engine,
        namespace: &str,
    ) -> NamespaceView {
        let Some(setting) = setting else {
            return NamespaceView {
                mode: NamespaceUse::Default,
                target: None,
                raw: None,
                range: None,
                meaning: engine.default_namespace(namespace).map(str::to_string),
            };
        };
        let meaning = match &setting.value {
            Some(NamespaceMode::Pod(name)) => Some(format!(
                "podman's pod: shares this namespace with every container of pod `{name}`, and with it their exposure."
            )),
            Some(NamespaceMode::Other(value)) if engine == Engine::Podman => {
                podman_namespace_value(value).map(str::to_string)
            }
            _ => None,
        };
        let (mode, target) = match &setting.value {
            None => (NamespaceUse::Unknown, None),
            Some(NamespaceMode::Host) => (NamespaceUse::Host, None),
            Some(NamespaceMode::Private | NamespaceMode::Shareable | NamespaceMode::Bridge) => {
                (NamespaceUse::Private, None)
            }
            Some(NamespaceMode::None) => (NamespaceUse::None, None),
            Some(NamespaceMode::Container(name) | NamespaceMode::Service(name)) => {
                (NamespaceUse::Joined, Some(name.clone()))
            }
            // The target names what is joined: "pod web" reads as such.
            Some(NamespaceMode::Pod(name)) => (NamespaceUse::Joined, Some(format!("pod {name}"))),
            Some(NamespaceMode::Other(value)) => (NamespaceUse::Other, Some(value.clone())),
        };
        NamespaceView {
            mode,
            target,
            raw: Some(setting.raw.clone()),
            range: Some(locator.range(setting.span)),
            meaning,
        }
    }
}

/// Counts of the findings and the grade they earn.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    /// Unsuppressed findings per severity; input problems are not among them.
    pub counts: SeverityCounts,
    /// Unsuppressed input problems (`kind: input`), whatever their severity.
    pub input_problems: u32,
    /// Diagnostics silenced by an inline suppression comment.
    pub suppressed: u32,
    /// `null` when the input held no container to grade.
    pub grade: Option<Grade>,
}

impl Summary {
    /// Counts `diagnostics`; `graded` is false when there is nothing to grade.
    fn of<'a>(diagnostics: impl Iterator<Item = &'a Diagnostic>, graded: bool) -> Summary {
        let mut counts = SeverityCounts::default();
        let mut input_problems = 0;
        let mut suppressed = 0;
        for diagnostic in diagnostics {
            crate::work::add(1);
            if diagnostic.suppressed.is_some() {
                suppressed += 1;
            } else if diagnostic.kind == DiagnosticKind::Input {
                input_problems += 1;
            } else {
                *counts.get_mut(diagnostic.severity) += 1;
            }
        }
        let grade = graded.then(|| Grade::of(&counts));
        Summary {
            counts,
            input_problems,
            suppressed,
            grade,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SeverityCounts {
    pub critical: u32,
    pub high: u32,
    pub medium: u32,
    pub low: u32,
    pub info: u32,
}

impl SeverityCounts {
    pub fn get(&self, severity: Severity) -> u32 {
        match severity {
            Severity::Critical => self.critical,
            Severity::High => self.high,
            Severity::Medium => self.medium,
            Severity::Low => self.low,
            Severity::Info => self.info,
        }
    }

    pub fn total(&self) -> u32 {
        Severity::ALL
            .into_iter()
            .map(|severity| self.get(severity))
            .sum()
    }

    fn get_mut(&mut self, severity: Severity) -> &mut u32 {
        match severity {
            Severity::Critical => &mut self.critical,
            Severity::High => &mut self.high,
            Severity::Medium => &mut self.medium,
            Severity::Low => &mut self.low,
            Severity::Info => &mut self.info,
        }
    }
}

/// An overall mark for the input, from its unsuppressed findings:
///
/// | grade | when |
/// |---|---|
/// | A | nothing above `info` |
/// | B | worst is `low` |
/// | C | worst is `medium` |
/// | D | one or two `high` |
/// | F | any `critical`, or three or more `high` |
///
/// One critical finding is a direct way out of the container, and several
/// independent high findings add up to the same, hence F for both.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Grade {
    A,
    B,
    C,
    D,
    F,
}

impl Grade {
    /// High findings from which the grade is F, as for a critical one.
    const HIGH_FOR_F: u32 = 3;

    pub fn of(counts: &SeverityCounts) -> Grade {
        if counts.critical > 0 || counts.high >= Self::HIGH_FOR_F {
            Grade::F
        } else if counts.high > 0 {
            Grade::D
        } else if counts.medium > 0 {
            Grade::C
        } else if counts.low > 0 {
            Grade::B
        } else {
            Grade::A
        }
    }
}

/// A rule's metadata and documentation, for rule lists and tooltips.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleInfo {
    pub code: &'static str,
    pub name: &'static str,
    pub family: Family,
    pub severity: Severity,
    /// The profiles that enable the rule (`default`, `baseline`, `restricted`, `cis`).
    pub profiles: Vec<&'static str>,
    pub fix: FixAvailability,
    pub summary: &'static str,
    /// The rule's page; the whole documentation is there, rendered to HTML.
    pub url: String,
}

impl RuleInfo {
    pub fn new(rule: &Rule) -> RuleInfo {
        RuleInfo {
            code: rule.code,
            name: rule.name,
            family: rule.family,
            severity: rule.severity,
            profiles: registry::profiles(rule)
                .into_iter()
                .map(|profile| profile.as_str())
                .collect(),
            fix: rule.fix,
            summary: rule.summary(),
            url: crate::diagnostic::rule_url(rule.code, rule.name),
        }
    }
}

/// Every rule of the registry, in registry order.
pub fn rules() -> Vec<RuleInfo> {
    registry::all().into_iter().map(RuleInfo::new).collect()
}

/// [`rules`] with each `url` under the docs site at `base`, as [`Report::link_docs`]
/// does for diagnostics.
pub fn rules_linked(base: &str) -> Vec<RuleInfo> {
    let mut rules = rules();
    for rule in &mut rules {
        rule.url = linked_page(base, rule.code, rule.name);
    }
    rules
}

impl ToJson for Report {
    fn write_json(&self, out: &mut JsonWriter) {
        out.object(&[
            ("input", &self.input),
            ("status", &self.status),
            ("fileName", &self.file_name),
            ("containers", &self.containers),
            ("diagnostics", &self.diagnostics),
            ("summary", &self.summary),
        ]);
    }
}

impl ToJson for InputStatus {
    fn write_json(&self, out: &mut JsonWriter) {
        out.string(match self {
            InputStatus::Empty => "empty",
            InputStatus::Unrecognized => "unrecognized",
            InputStatus::Analyzed => "analyzed",
        });
    }
}

impl ToJson for ContainerReport {
    fn write_json(&self, out: &mut JsonWriter) {
        out.object(&[
            ("name", &self.name),
            ("origin", &self.origin),
            ("image", &self.image),
            ("range", &self.range),
            ("nameRange", &self.name_range),
            ("privileged", &self.privileged),
            ("capabilities", &self.capabilities),
            ("mounts", &self.mounts),
            ("namespaces", &self.namespaces),
            ("summary", &self.summary),
            ("escapePaths", &self.escape_paths),
        ]);
    }
}

impl ToJson for CapabilitiesView {
    fn write_json(&self, out: &mut JsonWriter) {
        out.object(&[
            ("engine", &self.engine),
            ("default", &self.default),
            ("added", &self.added),
            ("moreAdded", &self.more_added),
            ("dropped", &self.dropped),
            ("moreDropped", &self.more_dropped),
            ("effective", &self.effective),
            ("unknown", &self.unknown),
        ]);
    }
}

impl ToJson for CapabilityEntry {
    fn write_json(&self, out: &mut JsonWriter) {
        out.object(&[
            ("name", &self.name),
            ("raw", &self.raw),
            ("range", &self.range),
        ]);
    }
}

impl ToJson for EffectiveCapability {
    fn write_json(&self, out: &mut JsonWriter) {
        out.object(&[
            ("name", &self.name),
            ("grant", &self.grant),
            ("risk", &self.risk),
            ("range", &self.range),
        ]);
    }
}

impl ToJson for CapabilityRisk {
    fn write_json(&self, out: &mut JsonWriter) {
        out.object(&[("severity", &self.severity), ("summary", &self.summary)]);
    }
}

impl ToJson for MountView {
    fn write_json(&self, out: &mut JsonWriter) {
        out.object(&[
            ("kind", &self.kind),
            ("source", &self.source),
            ("target", &self.target),
            ("readOnly", &self.read_only),
            ("sensitive", &self.sensitive),
            ("range", &self.range),
        ]);
    }
}

/// The severities, then the listed path's fields but its risks.
impl ToJson for SensitivePath {
    fn write_json(&self, out: &mut JsonWriter) {
        let kind = match self.path.kind {
            PathKind::RuntimeSocket => "runtimeSocket",
            PathKind::KernelFilesystem => "kernelFilesystem",
            PathKind::HostDirectory => "hostDirectory",
        };
        let relation = match self.path.relation {
            Relation::Same => "same",
            Relation::Inside => "inside",
            Relation::Contains => "contains",
        };
        out.object(&[
            ("severityRw", &self.severity_rw),
            ("severityRo", &self.severity_ro),
            ("reason", &self.path.reason),
            ("matched", &self.path.matched),
            ("kind", &kind),
            ("relation", &relation),
        ]);
    }
}

impl ToJson for NamespacesView {
    fn write_json(&self, out: &mut JsonWriter) {
        out.object(&[
            ("pid", &self.pid),
            ("ipc", &self.ipc),
            ("uts", &self.uts),
            ("userns", &self.userns),
            ("cgroup", &self.cgroup),
            ("network", &self.network),
        ]);
    }
}

impl ToJson for NamespaceUse {
    fn write_json(&self, out: &mut JsonWriter) {
        out.string(match self {
            NamespaceUse::Default => "default",
            NamespaceUse::Private => "private",
            NamespaceUse::Host => "host",
            NamespaceUse::Joined => "joined",
            NamespaceUse::None => "none",
            NamespaceUse::Other => "other",
            NamespaceUse::Unknown => "unknown",
        });
    }
}

impl ToJson for NamespaceView {
    fn write_json(&self, out: &mut JsonWriter) {
        out.object(&[
            ("mode", &self.mode),
            ("target", &self.target),
            ("raw", &self.raw),
            ("range", &self.range),
            ("meaning", &self.meaning),
        ]);
    }
}

impl ToJson for Summary {
    fn write_json(&self, out: &mut JsonWriter) {
        out.object(&[
            ("counts", &self.counts),
            ("inputProblems", &self.input_problems),
            ("suppressed", &self.suppressed),
            ("grade", &self.grade),
        ]);
    }
}

impl ToJson for SeverityCounts {
    fn write_json(&self, out: &mut JsonWriter) {
        out.object(&[
            ("critical", &self.critical),
            ("high", &self.high),
            ("medium", &self.medium),
            ("low", &self.low),
            ("info", &self.info),
        ]);
    }
}

impl ToJson for Grade {
    fn write_json(&self, out: &mut JsonWriter) {
        out.string(match self {
            Grade::A => "A",
            Grade::B => "B",
            Grade::C => "C",
            Grade::D => "D",
            Grade::F => "F",
        });
    }
}

impl ToJson for RuleInfo {
    fn write_json(&self, out: &mut JsonWriter) {
        out.object(&[
            ("code", &self.code),
            ("name", &self.name),
            ("family", &self.family),
            ("severity", &self.severity),
            ("profiles", &self.profiles),
            ("fix", &self.fix),
            ("summary", &self.summary),
            ("url", &self.url),
        ]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::{analyze, AnalyzeOptions};
    use crate::knowledge::capabilities::DEFAULT_CAPS;
    use crate::knowledge::engines::Engine;
    use crate::knowledge::host_paths::sensitive_path;
    use crate::model::{Mount, MountSyntax};
    use crate::span::Span;
    use serde_json::json;

    /// The JSON form of `value`, as a value to compare.
    fn json_value(value: &dyn ToJson) -> serde_json::Value {
        serde_json::from_str(&crate::json::to_json(value)).unwrap()
    }

    const TEXT: &str = "services:\n  😀web:\n    image: nginx\n    cap_add: [SYS_ADMIN, \"${CAP}\"]\n    cap_drop: [cap_net_raw]\n    pid: host\n    network_mode: service:db\n    volumes: [/etc:/host-etc:ro, data:/data]\n";

    /// The span of the first occurrence of `needle` in [`TEXT`].
    fn span(needle: &str) -> Span {
        let start = TEXT.find(needle).expect(needle);
        Span::new(start, start + needle.len())
    }

    fn known<T>(value: T, raw: &str) -> Setting<T> {
        Setting::known(value, raw, span(raw))
    }

    /// The container the Compose front-end reads from [`TEXT`], built by hand so the
    /// report is tested on its own.
    fn container() -> Container {
        let mut container = Container::new(
            "😀web",
            span("😀web"),
            Span::new(TEXT.find("  😀").unwrap(), TEXT.len()),
            Origin::Compose,
        );
        container.image = Some(known("nginx".to_string(), "nginx"));
        container.cap_add = vec![
            known("SYS_ADMIN".to_string(), "SYS_ADMIN"),
            Setting::unknown("${CAP}", span("${CAP}")),
        ];
        container.cap_drop = vec![known("cap_net_raw".to_string(), "cap_net_raw")];
        container.namespaces.pid = Some(known(NamespaceMode::Host, "host"));
        container.namespaces.network = Some(known(
            NamespaceMode::Service("db".to_string()),
            "service:db",
        ));
        let mount = |kind, source: &str, target: &str, entry: &str| Mount {
            kind,
            syntax: MountSyntax::Short,
            source: Some(known(source.to_string(), source)),
            target: Some(known(target.to_string(), target)),
            read_only: None,
            propagation: None,
            relabel: None,
            subpath: None,
            unknown_options: Vec::new(),
            span: span(entry),
        };
        let mut etc = mount(MountKind::Bind, "/etc", "/host-etc", "/etc:/host-etc:ro");
        etc.read_only = Some(Setting::known(true, "ro", span(":ro").slice(1, 3)));
        container.mounts = vec![etc, mount(MountKind::Volume, "data", "/data", "data:/data")];
        container
    }

    fn range(line: u32, start: u32, end: u32) -> serde_json::Value {
        json!({"start": {"line": line, "column": start}, "end": {"line": line, "column": end}})
    }

    #[test]
    fn container_views_serialize_with_camel_case_keys_and_nulls() {
        let analysis = Analysis {
            input: InputKind::Compose,
            containers: vec![container()],
            diagnostics: Vec::new(),
            refused: false,
        };
        let report = Report::new(TEXT, analysis, Some("compose.yaml".to_string()));
        let mut value = json_value(&report);
        // The escape paths have their own tests (tests/escape_paths.rs); here only
        // their place in the report.
        let paths = value["containers"][0]
            .as_object_mut()
            .unwrap()
            .remove("escapePaths")
            .unwrap();
        let open: Vec<&str> = paths["open"]
            .as_array()
            .unwrap()
            .iter()
            .map(|path| path["technique"].as_str().unwrap())
            .collect();
        assert_eq!(
            open,
            [
                "cgroup-release-agent",
                "signal-host-processes",
                "host-secrets-read"
            ]
        );
        let default_ns =
            json!({"mode": "default", "target": null, "raw": null, "range": null, "meaning": null});
        // Kernel order: the defaults minus NET_RAW, with SYS_ADMIN in its place.
        let effective: Vec<serde_json::Value> = crate::knowledge::capabilities::ALL_CAPS
            .iter()
            .filter_map(|&name| match name {
                "SYS_ADMIN" => Some(json!({
                    "name": name,
                    "grant": "added",
                    "risk": {"severity": "critical", "summary": caps::risk(name).unwrap().summary},
                    "range": range(4, 15, 24),
                })),
                "NET_RAW" => None,
                _ if caps::is_default(Engine::Docker, name) => Some(json!({
                    "name": name,
                    "grant": "default",
                    "risk": json_value(&caps::risk(name).map(CapabilityRisk::from)),
                    "range": null,
                })),
                _ => None,
            })
            .collect();
        assert_eq!(
            value,
            json!({
                "input": "compose",
                "status": "analyzed",
                "fileName": "compose.yaml",
                "containers": [{
                    "name": "😀web",
                    "origin": {"kind": "compose"},
                    "image": "nginx",
                    "range": {"start": {"line": 2, "column": 1}, "end": {"line": 9, "column": 1}},
                    "nameRange": range(2, 3, 8),
                    "privileged": false,
                    "capabilities": {
                        "engine": "Docker",
                        "default": DEFAULT_CAPS,
                        "added": [
                            {"name": "SYS_ADMIN", "raw": "SYS_ADMIN", "range": range(4, 15, 24)},
                            {"name": null, "raw": "${CAP}", "range": range(4, 27, 33)},
                        ],
                        "dropped": [
                            {"name": "NET_RAW", "raw": "cap_net_raw", "range": range(5, 16, 27)},
                        ],
                        "effective": effective,
                        "moreAdded": 0,
                        "moreDropped": 0,
                        "unknown": true,
                    },
                    "mounts": [
                        {
                            "kind": "bind",
                            "source": "/etc",
                            "target": "/host-etc",
                            "readOnly": true,
                            "sensitive": json_value(&sensitive_path("/etc").map(SensitivePath::from)),
                            "range": range(8, 15, 32),
                        },
                        {
                            "kind": "volume",
                            "source": "data",
                            "target": "/data",
                            "readOnly": false,
                            "sensitive": null,
                            "range": range(8, 34, 44),
                        },
                    ],
                    "namespaces": {
                        "pid": {"mode": "host", "target": null, "raw": "host", "range": range(6, 10, 14), "meaning": null},
                        "ipc": default_ns,
                        "uts": default_ns,
                        "userns": default_ns,
                        "cgroup": default_ns,
                        "network": {"mode": "joined", "target": "db", "raw": "service:db", "range": range(7, 19, 29), "meaning": null},
                    },
                    "summary": {
                        "counts": {"critical": 0, "high": 0, "medium": 0, "low": 0, "info": 0},
                        "inputProblems": 0,
                        "suppressed": 0,
                        "grade": "A",
                    },
                }],
                "diagnostics": [],
                "summary": {
                    "counts": {"critical": 0, "high": 0, "medium": 0, "low": 0, "info": 0},
                    "inputProblems": 0,
                    "suppressed": 0,
                    "grade": "A",
                },
            })
        );
    }

    fn counts(critical: u32, high: u32, medium: u32, low: u32) -> SeverityCounts {
        SeverityCounts {
            critical,
            high,
            medium,
            low,
            info: 7,
        }
    }

    #[test]
    fn grades_follow_the_worst_severity_and_the_high_count() {
        assert_eq!(Grade::of(&counts(0, 0, 0, 0)), Grade::A);
        assert_eq!(Grade::of(&counts(0, 0, 0, 4)), Grade::B);
        assert_eq!(Grade::of(&counts(0, 0, 9, 4)), Grade::C);
        assert_eq!(Grade::of(&counts(0, 2, 9, 4)), Grade::D);
        assert_eq!(Grade::of(&counts(0, 3, 0, 0)), Grade::F);
        assert_eq!(Grade::of(&counts(1, 0, 0, 0)), Grade::F);
    }

    #[test]
    fn each_container_is_graded_on_its_own_findings() {
        let text = "services:\n  agent:\n    image: nginx:1.27\n    privileged: true\n  web:\n    image: nginx:1.27\n    ports: [\"8080:80\"]\n  quiet:\n    image: nginx:1.27\n";
        let report = Report::new(text, analyze(text, &AnalyzeOptions::default()), None);
        let grades: Vec<(&str, Option<Grade>, u32)> = report
            .containers
            .iter()
            .map(|c| (c.name.as_str(), c.summary.grade, c.summary.counts.critical))
            .collect();
        assert_eq!(
            grades,
            [
                ("agent", Some(Grade::F), 1),
                ("web", Some(Grade::C), 0),
                ("quiet", Some(Grade::A), 0)
            ]
        );
        assert_eq!(report.summary.grade, Some(Grade::F));
        assert_eq!(report.summary.counts.medium, 1);
    }

    fn report(text: &str) -> Report {
        Report::new(text, analyze(text, &AnalyzeOptions::default()), None)
    }

    #[test]
    fn empty_input_has_no_grade() {
        let report = report("");
        assert_eq!(report.summary.grade, None);
        assert_eq!(report.summary.counts, SeverityCounts::default());
    }

    #[test]
    fn status_tells_empty_unrecognized_and_analysed_input_apart() {
        let status = |text: &str| (report(text).status, report(text).input);
        for empty in ["", "\u{FEFF}\n  \n", "# compose.yaml\n\n  # nothing yet\n"] {
            assert_eq!(
                status(empty),
                (InputStatus::Empty, InputKind::Compose),
                "{empty:?}"
            );
        }
        for garbage in ["hello world\n", "- web\n- db\n", "name: app\n", "a: [\n"] {
            assert_eq!(
                status(garbage),
                (InputStatus::Unrecognized, InputKind::Compose),
                "{garbage:?}"
            );
        }
        assert_eq!(
            status("docker exec -it web sh\n"),
            (InputStatus::Unrecognized, InputKind::Run)
        );
        assert_eq!(
            status("services: {}\n"),
            (InputStatus::Analyzed, InputKind::Compose)
        );
        assert_eq!(
            status("docker run nginx\n"),
            (InputStatus::Analyzed, InputKind::Run)
        );
    }

    #[test]
    fn input_problems_are_counted_apart_and_do_not_grade() {
        let report = report("services:\n  web:\n    image: nginx:1.27\n    privileged: maybe\n");
        let kinds: Vec<(&str, DiagnosticKind)> = report
            .diagnostics
            .iter()
            .map(|d| (d.code.as_str(), d.kind))
            .collect();
        assert_eq!(kinds, [("SYN-004", DiagnosticKind::Input)]);
        assert_eq!(report.summary.input_problems, 1);
        assert_eq!(report.summary.counts, SeverityCounts::default());
        assert_eq!(report.summary.grade, Some(Grade::A));
        assert_eq!(report.containers[0].summary.input_problems, 1);
    }

    #[test]
    fn diagnostics_link_to_a_docs_site_when_one_is_given() {
        let mut report = report("docker run --privileged nginx:1.27\n");
        assert_eq!(
            report.diagnostics[0].url,
            "docs/rules/priv-001.html#privileged-container"
        );
        report.link_docs("https://example.com/shipshape/rules/");
        assert_eq!(
            report.diagnostics[0].url,
            "https://example.com/shipshape/rules/priv-001.html#privileged-container"
        );
    }

    #[test]
    fn rules_list_the_registry() {
        let rules = rules();
        assert_eq!(rules.len(), registry::all().len());
        let privileged = rules.iter().find(|r| r.code == "PRIV-001").unwrap();
        assert_eq!(
            json_value(privileged)["url"],
            json!("docs/rules/priv-001.html#privileged-container")
        );
        assert_eq!(
            privileged.profiles,
            ["default", "baseline", "restricted", "cis"]
        );
    }
}
