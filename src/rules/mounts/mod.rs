//! Mounts and filesystems: what a container can reach on the host through its mounts.
//!
//! One table (`src/knowledge/host_paths.rs`), read through [`sensitive_path`], classifies host paths for every rule
//! that judges a bind mount's source (MNT-001 sockets, MNT-003 kernel filesystems,
//! MNT-004 other sensitive directories, MNT-010 the cgroup filesystem, and the
//! catch-alls MNT-005/MNT-006), and for the web report.
//!
//! Matching works on normalised paths ([`HostPath`]): a mount matches an entry when it
//! is the listed path, lies below it, or contains it (an ancestor: binding `/var/run`
//! exposes `docker.sock`). The most specific entry the path lies in wins, unless
//! something the path contains is strictly more severe.

use super::{Checker, Finding, Rule};
use crate::config::RuleOptions;
use crate::diagnostic::Severity;
use crate::knowledge::host_paths::{Entry, PathKind, Scope, CGROUP_FS, ENTRIES};
use crate::model::{Container, Mount, MountKind, MountSyntax, Setting};
use crate::span::Span;
use serde::Serialize;
use std::sync::OnceLock;

/// A one-service Compose file (service `web`, volumes list from line 5) for the rules' tests.
#[cfg(test)]
macro_rules! with_volumes {
    ($volumes:literal) => {
        concat!(
            "services:\n  web:\n    image: app\n    volumes:\n",
            $volumes
        )
    };
}

mod bind_not_read_only;
mod container_runtime_socket;
mod host_bind_mount;
mod kernel_filesystem_mount;
mod mount_option_ignored;
mod sensitive_host_directory;
mod shared_mount_propagation;
mod use_api_socket;
mod volumes_from;
mod writable_cgroups;
mod writable_rootfs;

pub use bind_not_read_only::BIND_NOT_READ_ONLY;
pub use container_runtime_socket::CONTAINER_RUNTIME_SOCKET;
pub use host_bind_mount::HOST_BIND_MOUNT;
pub use kernel_filesystem_mount::KERNEL_FILESYSTEM_MOUNT;
pub use mount_option_ignored::MOUNT_OPTION_IGNORED;
pub use sensitive_host_directory::SENSITIVE_HOST_DIRECTORY;
pub use shared_mount_propagation::SHARED_MOUNT_PROPAGATION;
pub use use_api_socket::USE_API_SOCKET;
pub use volumes_from::VOLUMES_FROM;
pub use writable_cgroups::WRITABLE_CGROUPS;
pub use writable_rootfs::WRITABLE_ROOTFS;

pub static RULES: &[&Rule] = &[
    &CONTAINER_RUNTIME_SOCKET,
    &USE_API_SOCKET,
    &KERNEL_FILESYSTEM_MOUNT,
    &SENSITIVE_HOST_DIRECTORY,
    &HOST_BIND_MOUNT,
    &BIND_NOT_READ_ONLY,
    &SHARED_MOUNT_PROPAGATION,
    &WRITABLE_ROOTFS,
    &VOLUMES_FROM,
    &WRITABLE_CGROUPS,
    &MOUNT_OPTION_IGNORED,
];

/// How the mounted path relates to the listed one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Relation {
    /// The listed path itself.
    Same,
    /// Something below the listed path.
    Inside,
    /// A directory that contains the listed path.
    Contains,
}

/// Why a host path is sensitive, and how much a bind of it weakens isolation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SensitivePath {
    /// Severity of a read-write bind.
    pub severity_rw: Severity,
    /// Severity of a read-only bind; `Info` for public files (`/etc/localtime`), which
    /// a read-only bind exposes to no harm and the rules do not report.
    pub severity_ro: Severity,
    /// What the listed path holds, as a noun phrase ("the system configuration, with ...").
    pub reason: &'static str,
    /// The listed path that matched (`*` stands for any one path component, and
    /// `/var/run` is listed as `/run`, which it links to).
    pub matched: &'static str,
    pub kind: PathKind,
    pub relation: Relation,
}

impl SensitivePath {
    pub fn severity(&self, read_only: bool) -> Severity {
        if read_only {
            self.severity_ro
        } else {
            self.severity_rw
        }
    }

    /// Whether a bind of it, read-only or not, is worth a finding.
    pub fn is_harmful(&self, read_only: bool) -> bool {
        self.severity(read_only) > Severity::Info
    }

    /// How the mount relates to the listed path, for messages: ", which contains
    /// docker.sock" (the listed path seen from the mount) or ", inside /etc" (the part
    /// of the mounted path that is listed).
    fn relation_phrase(&self, mounted: &HostPath) -> String {
        let listed = HostPath::parse(self.matched);
        let depth = listed.parts.len().min(mounted.parts.len());
        match self.relation {
            Relation::Same => String::new(),
            Relation::Contains => format!(", which contains {}", listed.parts[depth..].join("/")),
            Relation::Inside => {
                let prefix = HostPath {
                    absolute: mounted.absolute,
                    parts: mounted.parts[..depth].to_vec(),
                };
                format!(", inside {prefix}")
            }
        }
    }
}

/// Classifies a host path as written in a mount (`~`, `$HOME`, `..`, trailing and
/// repeated `/` allowed). `None` when it is not listed and contains nothing listed.
pub fn sensitive_path(host_path: &str) -> Option<SensitivePath> {
    HostPath::parse(host_path).sensitive()
}

/// The entries' paths, parsed once: every bind of every container is compared with
/// all of them.
fn entry_patterns() -> &'static [HostPath] {
    static PATTERNS: OnceLock<Vec<HostPath>> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        ENTRIES
            .iter()
            .map(|entry| HostPath::parse(entry.path))
            .collect()
    })
}

/// Stands for the unknown user name in `~` and `$HOME` paths; `*` in the table matches it.
const SOMEONE: &str = "~";

/// A host path normalised for matching.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostPath {
    absolute: bool,
    parts: Vec<String>,
}

impl HostPath {
    /// Normalises a path as written: `\` read as `/`; `.`, `..`, repeated and trailing
    /// `/` resolved; `~`, `~user`, `$HOME` read as a home directory and
    /// `$XDG_RUNTIME_DIR` as `/run/user/<uid>`; `/var/run` read as `/run`, the
    /// symlink target the engine binds.
    pub fn parse(raw: &str) -> HostPath {
        let text = raw.trim().replace('\\', "/");
        let pipe = text.to_ascii_lowercase();
        if let Some(name) = pipe.strip_prefix("//./pipe/") {
            return HostPath {
                absolute: true,
                parts: vec!["//./pipe".to_string(), name.to_string()],
            };
        }
        let (absolute, mut parts, rest) = match expand_prefix(&text) {
            Some((parts, rest)) => (true, parts, rest),
            None => (
                text.starts_with('/') || is_drive(&text),
                Vec::new(),
                text.as_str(),
            ),
        };
        for part in rest.split('/') {
            match part {
                "" | "." => {}
                ".." => match parts.last().map(String::as_str) {
                    Some(last) if last != ".." => {
                        parts.pop();
                    }
                    // `/..` is `/`; a relative path keeps climbing.
                    _ if absolute => {}
                    _ => parts.push(part.to_string()),
                },
                _ => parts.push(part.to_string()),
            }
        }
        if absolute && parts.len() >= 2 && parts[0] == "var" && parts[1] == "run" {
            parts.splice(0..2, ["run".to_string()]);
        }
        HostPath { absolute, parts }
    }

    /// Relative paths (`./data`, `../conf`) point into or near the project directory.
    pub fn is_relative(&self) -> bool {
        !self.absolute
    }

    /// Whether this path is `prefix` or lies below it (exact components).
    fn starts_with(&self, prefix: &HostPath) -> bool {
        self.absolute == prefix.absolute
            && prefix.parts.len() <= self.parts.len()
            && prefix.parts.iter().zip(&self.parts).all(|(a, b)| a == b)
    }

    /// Where this path stands relative to a table entry (`*` matches one component).
    fn relation_to(&self, pattern: &HostPath) -> Option<Relation> {
        if !self.absolute || !pattern.absolute {
            return None;
        }
        let common = self.parts.len().min(pattern.parts.len());
        let agree =
            (0..common).all(|i| pattern.parts[i] == "*" || pattern.parts[i] == self.parts[i]);
        if !agree {
            return None;
        }
        Some(match self.parts.len().cmp(&pattern.parts.len()) {
            std::cmp::Ordering::Equal => Relation::Same,
            std::cmp::Ordering::Greater => Relation::Inside,
            std::cmp::Ordering::Less => Relation::Contains,
        })
    }

    /// The classification of this path (see [`sensitive_path`]).
    pub fn sensitive(&self) -> Option<SensitivePath> {
        let file_name = self.parts.last().map(String::as_str);
        let mut own: Option<(&Entry, Relation, (usize, bool))> = None;
        let mut contained: Option<&Entry> = None;
        for (entry, pattern) in ENTRIES.iter().zip(entry_patterns()) {
            // How specific the match is. A file named like a socket is that socket, as
            // specific as the path itself (`~/.docker/run/docker.sock` is no mere file
            // of `~/.docker`), but a match by path wins a tie.
            let (relation, depth) = match self.relation_to(pattern) {
                Some(Relation::Inside) if entry.scope == Scope::Exact => (None, (0, false)),
                None if entry.kind == PathKind::RuntimeSocket
                    && file_name == pattern.parts.last().map(String::as_str) =>
                {
                    (Some(Relation::Same), (self.parts.len(), false))
                }
                relation => (relation, (pattern.parts.len(), true)),
            };
            match relation {
                Some(Relation::Contains)
                    if contained.is_none_or(|best| (entry.rw, entry.ro) > (best.rw, best.ro)) =>
                {
                    contained = Some(entry);
                }
                Some(relation @ (Relation::Same | Relation::Inside))
                    if own.is_none_or(|(_, _, best)| depth > best) =>
                {
                    own = Some((entry, relation, depth));
                }
                _ => {}
            }
        }
        let own = own.map(|(entry, relation, _)| (entry, relation));
        let contained = contained.map(|entry| (entry, Relation::Contains));
        let (entry, relation) = match (own, contained) {
            (Some(own), Some(inner)) if (inner.0.rw, inner.0.ro) > (own.0.rw, own.0.ro) => inner,
            (Some(own), _) => own,
            (None, inner) => inner?,
        };
        Some(SensitivePath {
            severity_rw: entry.rw.into(),
            severity_ro: entry.ro.into(),
            reason: entry.reason,
            matched: entry.path,
            kind: entry.kind,
            relation,
        })
    }
}

impl std::fmt::Display for HostPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let pipe = self.parts.first().is_some_and(|p| p.starts_with("//"));
        if self.absolute && self.parts.len() >= 2 && self.parts[..2] == ["home", SOMEONE] {
            return write!(
                f,
                "~{}",
                self.parts[2..]
                    .iter()
                    .map(|p| format!("/{p}"))
                    .collect::<String>()
            );
        }
        match (self.absolute, self.parts.is_empty()) {
            (true, _) if pipe => write!(f, "{}", self.parts.join("/")),
            (true, _) => write!(f, "/{}", self.parts.join("/")),
            (false, true) => write!(f, "."),
            (false, false) => write!(f, "{}", self.parts.join("/")),
        }
    }
}

/// `~`, `~user`, `$HOME`, `${HOME}`, `$XDG_RUNTIME_DIR` prefixes: the parts they stand
/// for and the rest of the path.
fn expand_prefix(text: &str) -> Option<(Vec<String>, &str)> {
    let own = |parts: &[&str]| parts.iter().map(|p| p.to_string()).collect::<Vec<_>>();
    let variables: [(&str, &[&str]); 4] = [
        ("${HOME}", &["home", SOMEONE]),
        ("$HOME", &["home", SOMEONE]),
        ("${XDG_RUNTIME_DIR}", &["run", "user", SOMEONE]),
        ("$XDG_RUNTIME_DIR", &["run", "user", SOMEONE]),
    ];
    for (variable, parts) in variables {
        if let Some(rest) = text.strip_prefix(variable) {
            if rest.is_empty() || rest.starts_with('/') {
                return Some((own(parts), rest));
            }
        }
    }
    let after = text.strip_prefix('~')?;
    let (user, rest) = after.split_at(after.find('/').unwrap_or(after.len()));
    let parts = match user {
        "" => own(&["home", SOMEONE]),
        "root" => own(&["root"]),
        user => own(&["home", user]),
    };
    Some((parts, rest))
}

fn is_drive(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':'
}

/// A mount that binds a host path: a bind mount, or a named volume whose driver
/// options bind one. `use_api_socket` is MNT-002's, not a bind here.
pub(crate) struct HostBind<'a> {
    pub mount: &'a Mount,
    pub source: &'a Setting<String>,
    /// `None` while the path depends on an unresolved variable.
    pub path: Option<HostPath>,
}

impl HostBind<'_> {
    /// Where findings about the host path go: the path itself, or for a volume
    /// defined with `driver_opts` the service's reference to that volume.
    pub fn span(&self) -> Span {
        match self.mount.syntax {
            MountSyntax::VolumeDriverBind { .. } => self.mount.span,
            _ => self.source.span,
        }
    }

    /// The classification of the path, unless the bind cannot harm (a read-only bind
    /// of a public file such as `/etc/localtime`).
    pub fn sensitive(&self) -> Option<SensitivePath> {
        let sensitive = self.path.as_ref()?.sensitive()?;
        sensitive
            .is_harmful(self.mount.is_read_only())
            .then_some(sensitive)
    }

    /// Whether `checker.options.allowedHostPaths` accepts this path.
    pub fn is_allowed(&self, options: &RuleOptions) -> bool {
        self.path.as_ref().is_some_and(|path| {
            options
                .allowed_host_paths
                .iter()
                .any(|allowed| path.starts_with(&HostPath::parse(allowed)))
        })
    }

    /// "the host's /etc", or "the host's /etc (through volume `etc`)", as the user wrote it.
    pub fn described(&self) -> String {
        match &self.mount.syntax {
            MountSyntax::VolumeDriverBind { volume } => {
                format!("the host's {} (through volume `{volume}`)", self.source.raw)
            }
            _ => format!("the host's {}", self.source.raw),
        }
    }

    /// Reports a finding at this bind; for a volume defined with `driver_opts`, it also
    /// points at the option that binds the host path.
    pub fn report<'c>(
        &self,
        checker: &'c mut Checker,
        container: &Container,
        message: impl Into<String>,
    ) -> &'c mut Finding {
        let finding = checker.report(container, self.span(), message);
        if let MountSyntax::VolumeDriverBind { volume } = &self.mount.syntax {
            finding.related(
                self.source.span,
                format!("volume `{volume}` binds {} here", self.source.raw),
            );
        }
        finding
    }

    /// The standard message of the host-path rules: what is mounted, how, and why it matters.
    pub fn message(&self, sensitive: &SensitivePath) -> String {
        let mode = if self.mount.is_read_only() {
            "read-only"
        } else {
            "read-write"
        };
        let relation = match &self.path {
            Some(path) => sensitive.relation_phrase(path),
            None => String::new(),
        };
        format!(
            "mounts {} {mode}{relation}: {}",
            self.described(),
            sensitive.reason
        )
    }
}

/// Whether a bind makes the host's cgroup filesystem writable (MNT-010's, not MNT-003's).
pub(crate) fn is_writable_cgroup_bind(bind: &HostBind, sensitive: &SensitivePath) -> bool {
    sensitive.matched == CGROUP_FS
        && sensitive.relation != Relation::Contains
        && !bind.mount.is_read_only()
}

/// Host paths parsed from a setting: the value when known; otherwise the raw text when
/// its only unknown is `$HOME` or `$XDG_RUNTIME_DIR`, which still say what kind of
/// directory it is.
fn host_path(source: &Setting<String>) -> Option<HostPath> {
    match &source.value {
        Some(value) => Some(HostPath::parse(value)),
        None => {
            let (_, rest) = expand_prefix(&source.raw)?;
            (!rest.contains('$')).then(|| HostPath::parse(&source.raw))
        }
    }
}

/// Every host bind of the container, in order.
pub(crate) fn host_binds(container: &Container) -> impl Iterator<Item = HostBind<'_>> {
    container.mounts.iter().filter_map(|mount| {
        let binds = mount.kind == MountKind::Bind
            || matches!(mount.syntax, MountSyntax::VolumeDriverBind { .. });
        let source = mount.source.as_ref().filter(|_| binds)?;
        if mount.syntax == MountSyntax::ApiSocket {
            return None;
        }
        Some(HostBind {
            mount,
            source,
            path: host_path(source),
        })
    })
}

/// The host binds whose path is sensitive in this `kind`, with their classification,
/// leaving out those the configuration's `allowedHostPaths` accepts.
pub(crate) fn sensitive_binds<'c>(
    container: &'c Container,
    kind: PathKind,
    options: &'c RuleOptions,
) -> impl Iterator<Item = (HostBind<'c>, SensitivePath)> {
    host_binds(container).filter_map(move |bind| {
        let sensitive = bind.sensitive().filter(|s| s.kind == kind)?;
        (!bind.is_allowed(options)).then_some((bind, sensitive))
    })
}

/// The edits that make a bind read-only in the syntax it was written in, or `None`
/// when no simple edit does (a volume defined with `driver_opts`).
pub(crate) fn read_only_fix(mount: &Mount, text: &str) -> Option<Vec<(Span, String)>> {
    // An explicit `rw`, `readonly=false`, `read_only: false`: flip it.
    if let Some(setting) = mount.read_only.as_ref().filter(|s| s.is_false()) {
        let replacement = match setting.raw.as_str() {
            "rw" => "ro",
            _ => "true",
        };
        return Some(vec![(setting.span, replacement.to_string())]);
    }
    let target = mount.target.as_ref()?.span;
    let end = target.end as usize;
    match mount.syntax {
        MountSyntax::Short if text[end..].starts_with(':') => {
            Some(vec![(Span::at(end + 1), "ro,".to_string())])
        }
        MountSyntax::Short => Some(vec![(Span::at(end), ":ro".to_string())]),
        MountSyntax::MountFlag => Some(vec![(Span::at(end), ",readonly".to_string())]),
        MountSyntax::Long => {
            let line_start = text[..target.start as usize]
                .rfind('\n')
                .map_or(0, |i| i + 1);
            let line = &text[line_start..target.start as usize];
            if line.contains('{') {
                // Flow mapping: `{type: bind, source: /x, target: /y}`.
                return Some(vec![(Span::at(end), ", read_only: true".to_string())]);
            }
            let key_column = line.len() - line.trim_start_matches([' ', '-']).len();
            let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
            Some(vec![(
                Span::at(line_end),
                format!("\n{}read_only: true", " ".repeat(key_column)),
            )])
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matched(path: &str) -> Option<(&'static str, Relation)> {
        sensitive_path(path).map(|s| (s.matched, s.relation))
    }

    #[test]
    fn paths_are_normalised() {
        let parse = |p: &str| HostPath::parse(p).parts.join("/");
        assert_eq!(parse("/etc/"), "etc");
        assert_eq!(parse("//etc//ssl/./certs/../"), "etc/ssl");
        assert_eq!(parse("/../../etc"), "etc");
        assert_eq!(parse("/var/run/docker.sock"), "run/docker.sock");
        assert_eq!(parse("./data/../../conf"), "../conf");
        assert_eq!(parse("~/.ssh"), "home/~/.ssh");
        assert_eq!(parse("~root/.ssh"), "root/.ssh");
        assert_eq!(parse("${HOME}/.kube"), "home/~/.kube");
        assert!(HostPath::parse("./data").is_relative());
        assert!(!HostPath::parse("~").is_relative());
        assert!(!HostPath::parse(r"C:\data").is_relative());
    }

    #[test]
    fn sockets_match_exactly_by_ancestor_and_by_name() {
        use Relation::*;
        assert_eq!(
            matched("/var/run/docker.sock"),
            Some(("/run/docker.sock", Same))
        );
        assert_eq!(
            matched("/run//docker.sock/"),
            Some(("/run/docker.sock", Same))
        );
        assert_eq!(matched("/var/run"), Some(("/run/docker.sock", Contains)));
        assert_eq!(matched("/run/"), Some(("/run/docker.sock", Contains)));
        assert_eq!(
            matched("/run/user/1000/docker.sock"),
            Some(("/run/user/*/docker.sock", Same))
        );
        assert_eq!(
            matched("$XDG_RUNTIME_DIR/docker.sock"),
            Some(("/run/user/*/docker.sock", Same))
        );
        assert_eq!(
            matched("/home/me/.docker/desktop/docker.sock"),
            Some(("/run/docker.sock", Same))
        );
        assert_eq!(
            matched("/run/user/1000/podman/podman.sock"),
            Some(("/run/user/*/podman/podman.sock", Same))
        );
        assert_eq!(matched("./docker.sock"), Some(("/run/docker.sock", Same)));
        assert_eq!(
            matched(r"\\.\pipe\docker_engine"),
            Some(("//./pipe/docker_engine", Same))
        );
        let socket = sensitive_path("/var/run/docker.sock").unwrap();
        assert_eq!(socket.severity(true), Severity::Critical);
    }

    #[test]
    fn the_most_specific_entry_wins_unless_something_inside_is_worse() {
        use Relation::*;
        assert_eq!(matched("/"), Some(("/", Same)));
        assert_eq!(matched("/sys/fs/cgroup/"), Some((CGROUP_FS, Same)));
        assert_eq!(matched("/sys/fs"), Some(("/sys", Inside)));
        assert_eq!(matched("/proc/sys/kernel"), Some(("/proc/sys", Inside)));
        assert_eq!(matched("/var"), Some(("/var/lib/docker", Contains)));
        assert_eq!(matched("/var/lib"), Some(("/var/lib/docker", Contains)));
        assert_eq!(
            matched("/etc/kubernetes/manifests"),
            Some(("/etc/kubernetes", Inside))
        );
        assert_eq!(matched("~"), Some(("/home/*", Same)));
        assert_eq!(matched("~/.ssh/id_ed25519"), Some(("/home/*/.ssh", Inside)));
        assert_eq!(matched("/root/.kube"), Some(("/root", Inside)));
        assert_eq!(
            matched("/usr/lib/../../lib/modules"),
            Some(("/lib/modules", Same))
        );
    }

    #[test]
    fn a_hardened_service_raises_no_mount_or_device_finding() {
        use crate::analyze::{analyze, AnalyzeOptions};
        use crate::config::{Config, Profile};
        let text = "services:\n  api:\n    image: ghcr.io/example/api:1.4.2\n    user: \"10001:10001\"\n    read_only: true\n    cap_drop: [ALL]\n    security_opt:\n      - no-new-privileges:true\n    tmpfs:\n      - /tmp\n    volumes:\n      - api-data:/data\n      - type: volume\n        source: api-cache\n        target: /cache\nvolumes:\n  api-data:\n  api-cache:\n";
        for profile in [Profile::Default, Profile::Restricted, Profile::Cis] {
            let options = AnalyzeOptions {
                config: Config {
                    profile,
                    ..Config::default()
                },
                ..AnalyzeOptions::default()
            };
            let analysis = analyze(text, &options);
            assert_eq!(analysis.containers.len(), 1);
            let ours: Vec<_> = analysis
                .diagnostics
                .iter()
                .filter(|d| d.code.starts_with("MNT-") || d.code.starts_with("DEV-"))
                .map(|d| &d.code)
                .collect();
            assert!(ours.is_empty(), "{profile:?}: {ours:?}");
        }
    }

    #[test]
    fn broad_directories_match_only_themselves() {
        for path in [
            "/var/lib/app",
            "/srv/app",
            "/mnt/data",
            "/home/me/code",
            "/run/udev",
            "/libfoo",
            "./etc",
        ] {
            assert_eq!(sensitive_path(path), None, "{path}");
        }
        assert_eq!(matched("/srv"), Some(("/srv", Relation::Same)));
    }
}
