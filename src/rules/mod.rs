//! The rule engine: rule metadata, the checker handed to each rule, and the registry.
//!
//! A rule lives in one file under `src/rules/<family>/`, declared with
//! [`declare_rule!`]: its documentation (the doc comment), its metadata and a check
//! function that reads one [`Container`] and reports findings. Rules never see YAML
//! or argv, so each one works for Compose files and run commands alike.

use crate::config::{Profile, RuleOptions};
use crate::diagnostic::{Applicability, Severity};
use crate::json::{JsonWriter, ToJson};
use crate::model::edit::{Intent, TextEdit};
use crate::model::{Container, Layout};
use crate::span::Span;
use std::collections::HashMap;

pub mod registry;
#[cfg(test)]
pub mod testing;

pub mod capabilities;
pub mod devices;
pub mod identity;
pub mod input;
pub mod mounts;
pub mod namespaces;
pub mod network;
pub mod operations;
pub mod privilege;
pub mod resources;
pub mod security;
pub mod sysctls;

/// Rule families; the code prefix names the family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    Privilege,
    Capabilities,
    Namespaces,
    Network,
    Mounts,
    Devices,
    SecurityOptions,
    Sysctls,
    Resources,
    Identity,
    Operations,
    /// Problems with the input itself: syntax errors, unknown flags.
    Input,
}

impl Family {
    pub const ALL: [Family; 12] = [
        Family::Privilege,
        Family::Capabilities,
        Family::Namespaces,
        Family::Network,
        Family::Mounts,
        Family::Devices,
        Family::SecurityOptions,
        Family::Sysctls,
        Family::Resources,
        Family::Identity,
        Family::Operations,
        Family::Input,
    ];

    pub fn prefix(self) -> &'static str {
        match self {
            Family::Privilege => "PRIV",
            Family::Capabilities => "CAP",
            Family::Namespaces => "NS",
            Family::Network => "NET",
            Family::Mounts => "MNT",
            Family::Devices => "DEV",
            Family::SecurityOptions => "SEC",
            Family::Sysctls => "SYS",
            Family::Resources => "RES",
            Family::Identity => "USR",
            Family::Operations => "OPS",
            Family::Input => "SYN",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Family::Privilege => "Privilege",
            Family::Capabilities => "Capabilities",
            Family::Namespaces => "Namespaces",
            Family::Network => "Network",
            Family::Mounts => "Mounts and filesystems",
            Family::Devices => "Devices",
            Family::SecurityOptions => "Security options",
            Family::Sysctls => "Sysctls",
            Family::Resources => "Resources",
            Family::Identity => "Identity",
            Family::Operations => "Operations",
            Family::Input => "Input",
        }
    }
}

/// Profiles a rule belongs to, as a bit set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Profiles(u8);

impl Profiles {
    pub const D: Profiles = Profiles(1);
    pub const B: Profiles = Profiles(2);
    pub const R: Profiles = Profiles(4);
    pub const C: Profiles = Profiles(8);
    /// Every profile (input problems, the core escape paths).
    pub const DBRC: Profiles = Profiles(15);
    /// Default, baseline and restricted, but not cis (no CIS anchor).
    pub const DBR: Profiles = Profiles(7);
    /// The Pod Security baseline-level extras.
    pub const BR: Profiles = Profiles(6);
    /// Restricted hardening expectations that CIS shares.
    pub const RC: Profiles = Profiles(12);
    /// Default and cis: exposure that CIS covers but Pod Security does not.
    pub const DC: Profiles = Profiles(9);

    pub const fn with(self, other: Profiles) -> Profiles {
        Profiles(self.0 | other.0)
    }

    pub fn contains(self, profile: Profile) -> bool {
        let bit = match profile {
            Profile::Default => Profiles::D,
            Profile::Baseline => Profiles::B,
            Profile::Restricted => Profiles::R,
            Profile::Cis => Profiles::C,
        };
        self.0 & bit.0 != 0
    }

    pub fn names(self) -> Vec<&'static str> {
        Profile::ALL
            .into_iter()
            .filter(|p| self.contains(*p))
            .map(Profile::as_str)
            .collect()
    }
}

impl ToJson for Family {
    fn write_json(&self, out: &mut JsonWriter) {
        out.string(match self {
            Family::Privilege => "privilege",
            Family::Capabilities => "capabilities",
            Family::Namespaces => "namespaces",
            Family::Network => "network",
            Family::Mounts => "mounts",
            Family::Devices => "devices",
            Family::SecurityOptions => "securityOptions",
            Family::Sysctls => "sysctls",
            Family::Resources => "resources",
            Family::Identity => "identity",
            Family::Operations => "operations",
            Family::Input => "input",
        });
    }
}

/// Whether a rule offers fixes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixAvailability {
    None,
    Sometimes,
    Always,
}

impl ToJson for FixAvailability {
    fn write_json(&self, out: &mut JsonWriter) {
        out.string(match self {
            FixAvailability::None => "none",
            FixAvailability::Sometimes => "sometimes",
            FixAvailability::Always => "always",
        });
    }
}

/// A rule: metadata, documentation and its check.
pub struct Rule {
    /// Stable code (`PRIV-001`); never reused.
    pub code: &'static str,
    /// Kebab-case name of the bad pattern (`privileged-container`).
    pub name: &'static str,
    pub family: Family,
    pub severity: Severity,
    pub profiles: Profiles,
    pub fix: FixAvailability,
    /// The first paragraph of "What it does", for tables and tooltips.
    pub summary: &'static str,
    /// Markdown documentation with the sections What it does / Why is this bad? /
    /// Example / Use instead / Fix safety / When not to use it / References. Not in
    /// the WebAssembly module: the package ships it rendered, as HTML files.
    #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
    pub docs: &'static str,
    pub check: fn(&Container, &mut Checker),
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.code, self.name)
    }
}

impl Rule {
    /// The documentation as Markdown, without the doc comment's indentation.
    #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
    pub fn markdown(&self) -> String {
        dedent(self.docs).trim().to_string()
    }

    /// The first paragraph of "What it does", for tables and tooltips.
    pub fn summary(&self) -> &'static str {
        self.summary
    }
}

/// Removes the indentation every non-blank line shares (doc comments keep the space
/// after `///`).
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub fn dedent(text: &str) -> String {
    let indent = text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.len() - line.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    text.lines()
        .map(|line| line.get(indent..).unwrap_or("").trim_end())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Where the first paragraph of "What it does" lies in `docs`, as `(start, end)`:
/// computed while compiling, so that the summary can be copied out of the docs and
/// the WebAssembly module carries it without the whole documentation.
pub const fn summary_range(docs: &str) -> (usize, usize) {
    const HEADING: &[u8] = b"## What it does";
    let bytes = docs.as_bytes();
    let mut start = 0;
    while start + HEADING.len() <= bytes.len() && !starts_with(bytes, start, HEADING) {
        start += 1;
    }
    start = if start + HEADING.len() <= bytes.len() {
        start + HEADING.len()
    } else {
        0
    };
    while start < bytes.len() && bytes[start].is_ascii_whitespace() {
        start += 1;
    }
    let mut end = start;
    while end < bytes.len() && !starts_with(bytes, end, b"\n\n") {
        end += 1;
    }
    while end > start && bytes[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    (start, end)
}

const fn starts_with(bytes: &[u8], at: usize, prefix: &[u8]) -> bool {
    let mut i = 0;
    while i < prefix.len() {
        if at + i >= bytes.len() || bytes[at + i] != prefix[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The `N` bytes of `text` from `start`, as a new array (see [`summary_range`]).
pub const fn copy_bytes<const N: usize>(text: &str, start: usize) -> [u8; N] {
    let mut out = [0; N];
    let mut i = 0;
    while i < N {
        out[i] = text.as_bytes()[start + i];
        i += 1;
    }
    out
}

/// Declares a rule. The doc comment becomes the rule's documentation.
///
/// ```ignore
/// declare_rule! {
///     /// ## What it does
///     /// ...
///     pub static PRIVILEGED_CONTAINER = {
///         code: "PRIV-001",
///         name: "privileged-container",
///         family: Privilege,
///         severity: Critical,
///         profiles: DBRC,
///         fix: Sometimes,
///         check: check,
///     }
/// }
/// ```
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub static $ident:ident = {
            code: $code:literal,
            name: $name:literal,
            family: $family:ident,
            severity: $severity:ident,
            profiles: $profiles:ident,
            fix: $fix:ident,
            check: $check:path $(,)?
        }
    ) => {
        pub static $ident: $crate::rules::Rule = $crate::rules::Rule {
            code: $code,
            name: $name,
            family: $crate::rules::Family::$family,
            severity: $crate::diagnostic::Severity::$severity,
            profiles: $crate::rules::Profiles::$profiles,
            fix: $crate::rules::FixAvailability::$fix,
            summary: {
                const DOCS: &str = concat!($($doc, "\n"),*);
                const RANGE: (usize, usize) = $crate::rules::summary_range(DOCS);
                const SUMMARY: [u8; RANGE.1 - RANGE.0] = $crate::rules::copy_bytes(DOCS, RANGE.0);
                match ::core::str::from_utf8(&SUMMARY) {
                    Ok(summary) => summary,
                    Err(_) => panic!("a rule summary must end on a character boundary"),
                }
            },
            #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
            docs: concat!($($doc, "\n"),*),
            check: $check,
        };
    };
}

/// A finding as a rule reports it, before positions are computed.
#[derive(Clone, Debug)]
pub struct Finding {
    pub rule: &'static Rule,
    pub severity: Severity,
    pub container: Option<String>,
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
    pub related: Vec<(Span, String)>,
    pub fix: Option<FixSpec>,
}

/// A fix as a rule proposes it: intents on the model, which the pipeline has the
/// editor of the container's origin write as text edits.
#[derive(Clone, Debug)]
pub struct FixSpec {
    pub title: String,
    pub applicability: Applicability,
    pub intents: Vec<Intent>,
    /// The edits written for the intents (empty until the pipeline resolves them).
    pub edits: Vec<TextEdit>,
}

impl Finding {
    /// A finding of `rule` at `span` with the rule's default severity, not yet tied to
    /// a container (front-ends report input problems this way).
    pub fn new(rule: &'static Rule, span: Span, message: impl Into<String>) -> Finding {
        Finding {
            rule,
            severity: rule.severity,
            container: None,
            span,
            message: message.into(),
            help: None,
            related: Vec::new(),
            fix: None,
        }
    }

    /// The same finding, about the named container.
    pub fn in_container(mut self, name: &str) -> Finding {
        self.container = Some(name.to_string());
        self
    }

    pub fn help(&mut self, help: impl Into<String>) -> &mut Self {
        self.help = Some(help.into());
        self
    }

    /// Raise or lower the rule's default severity for this finding.
    pub fn severity(&mut self, severity: Severity) -> &mut Self {
        self.severity = severity;
        self
    }

    pub fn related(&mut self, span: Span, message: impl Into<String>) -> &mut Self {
        self.related.push((span, message.into()));
        self
    }

    pub fn fix(
        &mut self,
        title: impl Into<String>,
        applicability: Applicability,
        intents: Vec<Intent>,
    ) -> &mut Self {
        self.fix = Some(FixSpec {
            title: title.into(),
            applicability,
            intents,
            edits: Vec::new(),
        });
        self
    }

    /// Offers a fix that removes the setting whose value was written at `span`: a
    /// list item, a key, a flag with its value.
    pub fn fix_by_removing(
        &mut self,
        span: Span,
        title: impl Into<String>,
        applicability: Applicability,
    ) -> &mut Self {
        self.fix(title, applicability, vec![Intent::Remove { at: span }])
    }
}

/// Containers by name, the first one for a repeated name: looking a name up must not
/// walk every container, since every container may name another.
pub type ContainersByName<'a> = HashMap<&'a str, &'a Container>;

pub fn containers_by_name(containers: &[Container]) -> ContainersByName<'_> {
    let mut by_name = HashMap::with_capacity(containers.len());
    for container in containers {
        by_name.entry(container.name.as_str()).or_insert(container);
    }
    by_name
}

/// What a rule's check function gets besides the container: the other containers
/// of the same input, the active profile and options, and a place to report.
pub struct Checker<'a> {
    pub rule: &'static Rule,
    /// Every container of the input (for `service:X`, `volumes_from`, ...).
    pub containers: &'a [Container],
    /// The same containers by name, the first one for a repeated name.
    pub(crate) by_name: &'a ContainersByName<'a>,
    pub profile: Profile,
    pub options: &'a RuleOptions,
    pub(crate) findings: Vec<Finding>,
}

impl<'a> Checker<'a> {
    /// Report a finding about `container` at `span` with the rule's default severity.
    pub fn report(
        &mut self,
        container: &Container,
        span: Span,
        message: impl Into<String>,
    ) -> &mut Finding {
        self.findings
            .push(Finding::new(self.rule, span, message).in_container(&container.name));
        self.findings.last_mut().expect("just pushed")
    }

    /// Another container of the same input, by name (for `service:X` / `container:X`).
    pub fn container_named(&self, name: &str) -> Option<&'a Container> {
        self.by_name.get(name).copied()
    }

    /// Where to report that a setting is missing: the service name in a Compose file,
    /// the command words (`docker run`, `podman container create`) on a command line.
    pub fn missing_span(&self, container: &Container) -> Span {
        match &container.layout {
            Layout::Compose(_) => container.name_span,
            Layout::Run(run) => run.command_words,
        }
    }
}
