//! Host paths whose bind mount weakens a container's isolation: engine API sockets,
//! kernel filesystems and sensitive directories, with how much a read-write and a
//! read-only bind of each exposes.
//!
//! Sources: the default socket paths documented by Docker, containerd, CRI-O, Podman
//! and BuildKit; the Filesystem Hierarchy Standard for what the directories hold;
//! the kernel's procfs, sysfs and cgroup documentation.
//!
//! [`sensitive_path`] classifies a host path as the engine reads it
//! ([`HostPath`]): a path matches an entry when it is the listed path, lies below
//! it, or contains it (an ancestor: binding `/var/run` exposes `docker.sock`). The
//! most specific entry the path lies in wins, unless something the path contains
//! is riskier.

use super::Risk;
use std::sync::OnceLock;

/// What a sensitive host path is, which decides the rule that reports its binds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathKind {
    /// A container engine's API socket (MNT-001).
    RuntimeSocket,
    /// `/proc`, `/sys`, `/dev` and below (MNT-003; MNT-010 for a writable cgroup fs).
    KernelFilesystem,
    /// Any other listed directory (MNT-004).
    HostDirectory,
}

/// The cgroup filesystem: writable binds of it belong to MNT-010, read-only ones to MNT-003.
pub const CGROUP_FS: &str = "/sys/fs/cgroup";

/// Whether a listed path matches only itself (and its ancestors), not what lies below.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Subtree,
    Exact,
}

/// One listed path.
#[derive(Debug)]
pub struct Entry {
    /// `*` stands for any one path component; `/var/run` is listed as `/run`, which
    /// it links to.
    pub path: &'static str,
    pub kind: PathKind,
    /// The risk of a read-write bind.
    pub rw: Risk,
    /// The risk of a read-only bind; `Harmless` for public files.
    pub ro: Risk,
    pub scope: Scope,
    /// What the path holds, as a noun phrase ("the system configuration, with ...").
    pub reason: &'static str,
}

const fn entry(
    path: &'static str,
    kind: PathKind,
    (rw, ro): (Risk, Risk),
    scope: Scope,
    reason: &'static str,
) -> Entry {
    Entry {
        path,
        kind,
        rw,
        ro,
        scope,
        reason,
    }
}

use PathKind::{HostDirectory as Dir, KernelFilesystem as Kernel, RuntimeSocket as Socket};
use Risk::{Critical, Harmless, High, Low, Medium};
use Scope::{Exact, Subtree};

/// `:ro` does not protect a socket: connecting is not writing to the file.
const SOCKET: (Risk, Risk) = (Critical, Critical);

/// The one list of sensitive host paths. Sockets are also recognised by file name
/// anywhere (`~/.docker/run/docker.sock`).
#[rustfmt::skip]
pub static ENTRIES: &[Entry] = &[
    entry("/run/docker.sock", Socket, SOCKET, Subtree,
        "the Docker API socket, through which anyone can start a privileged container and take over the host"),
    entry("/run/user/*/docker.sock", Socket, SOCKET, Subtree,
        "a rootless Docker API socket, through which anyone controls that user's containers and files"),
    entry("/run/containerd/containerd.sock", Socket, SOCKET, Subtree,
        "the containerd API socket, through which anyone can run a privileged container and take over the host"),
    entry("/run/crio/crio.sock", Socket, SOCKET, Subtree,
        "the CRI-O API socket, through which anyone can run a privileged container and take over the host"),
    entry("/run/podman/podman.sock", Socket, SOCKET, Subtree,
        "the Podman API socket, through which anyone can run a privileged container and take over the host"),
    entry("/run/user/*/podman/podman.sock", Socket, SOCKET, Subtree,
        "a rootless Podman API socket, through which anyone controls that user's containers and files"),
    entry("/run/cri-dockerd.sock", Socket, SOCKET, Subtree,
        "the cri-dockerd socket, a gateway to the Docker engine and so to the host"),
    entry("/run/buildkit/buildkitd.sock", Socket, SOCKET, Subtree,
        "the BuildKit daemon socket, through which anyone can run privileged build steps and take over the host"),
    entry("//./pipe/docker_engine", Socket, SOCKET, Subtree,
        "the Docker engine's named pipe, through which anyone controls the engine and the host"),
    entry("/proc", Kernel, (Critical, High), Subtree,
        "the process table and kernel interfaces, with other processes' memory, environment and files"),
    entry("/proc/sys", Kernel, (Critical, High), Subtree,
        "the kernel tunables, where `kernel.core_pattern` alone makes the kernel run any program as root on the host"),
    entry("/proc/sysrq-trigger", Kernel, (Critical, High), Subtree,
        "the SysRq trigger, which crashes, freezes or reboots the host with a single write"),
    entry("/proc/kcore", Kernel, (Critical, High), Subtree,
        "the physical memory of the host, keys and passwords included"),
    entry("/sys", Kernel, (Critical, High), Subtree,
        "the kernel objects (sysfs), such as the `uevent_helper` program, firmware and device controls"),
    entry(CGROUP_FS, Kernel, (Critical, Low), Subtree,
        "the cgroup filesystem, where a writable cgroup v1 `release_agent` runs any program as root on the host"),
    entry("/sys/fs/selinux", Kernel, (High, Medium), Subtree,
        "the SELinux control files, with the host's policy and enforcement switch"),
    entry("/sys/kernel/security", Kernel, (High, Medium), Subtree,
        "securityfs, with the host's AppArmor and integrity policies"),
    entry("/dev", Kernel, (High, Medium), Subtree,
        "the device nodes (disks, memory, terminals), guarded only by the device allow-list"),
    entry("/dev/shm", Kernel, (Medium, Low), Subtree,
        "the shared memory of host programs"),
    entry("/", Dir, (Critical, Critical), Exact,
        "the whole filesystem, with password hashes, private keys and the Docker socket"),
    entry("/etc", Dir, (Critical, High), Subtree,
        "the system configuration, with password hashes, sudo rules, cron jobs, service units and TLS keys"),
    // Public files: exposing them read-only is harmless, writing them is not.
    entry("/etc/passwd", Dir, (Critical, Harmless), Exact,
        "the user list, public, but writable a way to add a root account"),
    entry("/etc/group", Dir, (Critical, Harmless), Exact,
        "the group list, public, but writable a way into privileged groups"),
    entry("/etc/ssl/certs", Dir, (High, Harmless), Subtree,
        "the trusted certificate authorities, public, but writable a way to trust an attacker's"),
    entry("/etc/hosts", Dir, (High, Harmless), Exact,
        "the host name table, public, but writable a way to redirect the host's connections"),
    entry("/etc/resolv.conf", Dir, (High, Harmless), Exact,
        "the DNS settings, public, but writable a way to redirect the host's connections"),
    entry("/etc/localtime", Dir, (Medium, Harmless), Exact,
        "the time zone, public, but writable a way to skew the host's clock and logs"),
    entry("/etc/timezone", Dir, (Medium, Harmless), Exact,
        "the time zone, public, but writable a way to skew the host's clock and logs"),
    entry("/etc/hostname", Dir, (Medium, Harmless), Exact,
        "the host name, public"),
    entry("/etc/machine-id", Dir, (Medium, Harmless), Exact,
        "the machine ID, public to local programs"),
    entry("/etc/os-release", Dir, (Low, Harmless), Exact,
        "the operating system's name and version, public"),
    entry("/usr/share/zoneinfo", Dir, (Medium, Harmless), Subtree,
        "the time zone database, public"),
    entry("/etc/kubernetes", Dir, (Critical, High), Subtree,
        "the Kubernetes configuration, with static pod manifests the kubelet runs as written and cluster credentials"),
    entry("/var/lib/docker", Dir, (Critical, High), Subtree,
        "Docker's data, with every container's filesystem layers, volumes and configuration"),
    entry("/var/lib/containerd", Dir, (Critical, High), Subtree,
        "containerd's data, with every container's snapshots and images"),
    entry("/var/lib/containers", Dir, (Critical, High), Subtree,
        "Podman and CRI-O storage, with every container's layers and volumes"),
    entry("/var/lib/kubelet", Dir, (Critical, High), Subtree,
        "the kubelet's state, with pod volumes, service account tokens and its client certificates"),
    entry("/boot", Dir, (High, Medium), Subtree,
        "the kernel, initramfs and boot loader, which run as root at the next boot"),
    entry("/efi", Dir, (High, Medium), Subtree,
        "the EFI system partition, which runs before the kernel at the next boot"),
    entry("/lib/modules", Dir, (High, Low), Subtree,
        "the kernel modules, which run inside the kernel once loaded"),
    entry("/lib", Dir, (High, Low), Subtree,
        "the system libraries, which host programs load as root"),
    entry("/lib64", Dir, (High, Low), Subtree,
        "the system libraries, which host programs load as root"),
    entry("/usr", Dir, (High, Low), Subtree,
        "the installed programs and libraries, which the host runs as root"),
    entry("/bin", Dir, (High, Low), Subtree,
        "the basic programs, which the host runs as root"),
    entry("/sbin", Dir, (High, Low), Subtree,
        "the system programs, which the host runs as root"),
    entry("/root", Dir, (High, Medium), Subtree,
        "root's home directory, with SSH keys, shell start-up files and credentials"),
    // Credentials are as dangerous read as written: a private key or token that is
    // read logs in elsewhere.
    entry("/root/.ssh", Dir, (High, High), Subtree,
        "root's SSH keys, with log-in access to other machines and `authorized_keys` for this one"),
    entry("/home", Dir, (High, Medium), Exact,
        "every user's home directory, with SSH keys, shell start-up files and credentials"),
    entry("/home/*", Dir, (High, Medium), Exact,
        "a home directory, with SSH keys, shell start-up files, Docker and cloud credentials"),
    entry("/home/*/.ssh", Dir, (High, High), Subtree,
        "SSH keys, with log-in access to other machines and `authorized_keys` for this one"),
    entry("/home/*/.docker", Dir, (High, High), Subtree,
        "the Docker client configuration, with registry credentials"),
    entry("/home/*/.kube", Dir, (High, High), Subtree,
        "Kubernetes client credentials"),
    entry("/home/*/.aws", Dir, (High, High), Subtree,
        "AWS credentials"),
    entry("/var/log", Dir, (Medium, Low), Subtree,
        "the logs, which a writable mount lets the container erase or forge"),
    entry("/var", Dir, (Medium, Low), Exact,
        "the variable data, with databases, caches, mail and other services' state"),
    entry("/srv", Dir, (Medium, Low), Exact,
        "all data the host serves"),
    entry("/mnt", Dir, (Medium, Low), Exact,
        "every disk mounted on the host"),
    entry("/media", Dir, (Medium, Low), Exact,
        "every removable disk mounted on the host"),
    entry("/cdrom", Dir, (Medium, Low), Exact,
        "the optical media of the host"),
];

/// How the mounted path relates to the listed one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relation {
    /// The listed path itself.
    Same,
    /// Something below the listed path.
    Inside,
    /// A directory that contains the listed path.
    Contains,
}

/// Why a host path is sensitive, and how much a bind of it weakens isolation. The
/// risks are left out of its serialized form, where readers want severities.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SensitivePath {
    /// The risk of a read-write bind.
    pub risk_rw: Risk,
    /// The risk of a read-only bind; `Harmless` for public files (`/etc/localtime`).
    pub risk_ro: Risk,
    /// What the listed path holds, as a noun phrase ("the system configuration, with ...").
    pub reason: &'static str,
    /// The listed path that matched (`*` stands for any one path component, and
    /// `/var/run` is listed as `/run`, which it links to).
    pub matched: &'static str,
    pub kind: PathKind,
    pub relation: Relation,
}

impl SensitivePath {
    pub fn risk(&self, read_only: bool) -> Risk {
        if read_only {
            self.risk_ro
        } else {
            self.risk_rw
        }
    }

    /// Whether a bind of it, read-only or not, exposes anything.
    pub fn is_harmful(&self, read_only: bool) -> bool {
        self.risk(read_only) > Risk::Harmless
    }

    /// How the mount relates to the listed path, for messages: ", which contains
    /// docker.sock" (the listed path seen from the mount) or ", inside /etc" (the part
    /// of the mounted path that is listed).
    pub fn relation_phrase(&self, mounted: &HostPath) -> String {
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

/// The host paths the engines refuse to relabel for SELinux (`:z`, `:Z`), compared
/// exactly: opencontainers/selinux `go-selinux/selinux_linux.go`, `chcon` (at
/// 20918b1158e701d839522c88b84ac050878a87c7), which docker and podman call. The home
/// directory of the user who runs the engine is refused too.
const RELABEL_REFUSED: [&str; 24] = [
    "/",
    "/bin",
    "/boot",
    "/dev",
    "/etc",
    "/etc/passwd",
    "/etc/pki",
    "/etc/shadow",
    "/home",
    "/lib",
    "/lib64",
    "/media",
    "/opt",
    "/proc",
    "/root",
    "/run",
    "/sbin",
    "/srv",
    "/sys",
    "/tmp",
    "/usr",
    "/var",
    "/var/lib",
    "/var/log",
];

/// Adds the `/`-separated components of `rest` to `parts`, resolving `.` and `..`.
fn push_parts(parts: &mut Vec<String>, absolute: bool, rest: &str) {
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
        push_parts(&mut parts, absolute, rest);
        HostPath::resolved(absolute, parts)
    }

    /// `/var/run` read as `/run`, the symlink target the engine binds.
    fn resolved(absolute: bool, mut parts: Vec<String>) -> HostPath {
        if absolute && parts.len() >= 2 && parts[0] == "var" && parts[1] == "run" {
            parts.splice(0..2, ["run".to_string()]);
        }
        HostPath { absolute, parts }
    }

    /// The path `relative` names below this one (a volume's subpath in its device).
    pub fn join(&self, relative: &str) -> HostPath {
        let mut parts = self.parts.clone();
        push_parts(&mut parts, self.absolute, &relative.replace('\\', "/"));
        HostPath::resolved(self.absolute, parts)
    }

    /// Whether the engines refuse to relabel this path for SELinux: a system directory
    /// of [`RELABEL_REFUSED`], or the home directory (`~`, `$HOME`) of whoever runs it.
    pub fn relabel_refused(&self) -> bool {
        self.absolute
            && (self.parts == ["home", SOMEONE]
                || RELABEL_REFUSED
                    .iter()
                    .any(|refused| HostPath::parse(refused).parts == self.parts))
    }

    /// Relative paths (`./data`, `../conf`) point into or near the project directory.
    pub fn is_relative(&self) -> bool {
        !self.absolute
    }

    /// Whether this path is `prefix` or lies below it (exact components).
    pub fn starts_with(&self, prefix: &HostPath) -> bool {
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
            risk_rw: entry.rw,
            risk_ro: entry.ro,
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
pub fn expand_prefix(text: &str) -> Option<(Vec<String>, &str)> {
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
        assert_eq!(socket.risk(true), Risk::Critical);
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
        // A home directory holds SSH keys, which are as bad to read as to write.
        assert_eq!(matched("~"), Some(("/home/*/.ssh", Contains)));
        assert_eq!(matched("~/.ssh/id_ed25519"), Some(("/home/*/.ssh", Inside)));
        assert_eq!(matched("/root/.kube"), Some(("/root", Inside)));
        assert_eq!(
            matched("/usr/lib/../../lib/modules"),
            Some(("/lib/modules", Same))
        );
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
