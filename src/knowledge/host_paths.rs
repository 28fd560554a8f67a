//! Host paths whose bind mount weakens a container's isolation: engine API sockets,
//! kernel filesystems and sensitive directories, with how much a read-write and a
//! read-only bind of each exposes.
//!
//! Sources: the default socket paths documented by Docker, containerd, CRI-O, Podman
//! and BuildKit; the Filesystem Hierarchy Standard for what the directories hold;
//! the kernel's procfs, sysfs and cgroup documentation. The rules (`src/rules/mounts/mod.rs`) match mounts against
//! this list.

use super::Risk;
use serde::Serialize;

/// What a sensitive host path is, which decides the rule that reports its binds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
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
    entry("/home", Dir, (High, Medium), Exact,
        "every user's home directory, with SSH keys, shell start-up files and credentials"),
    entry("/home/*", Dir, (High, Medium), Exact,
        "a home directory, with SSH keys, shell start-up files, Docker and cloud credentials"),
    entry("/home/*/.ssh", Dir, (High, Medium), Subtree,
        "SSH keys, with log-in access to other machines and `authorized_keys` for this one"),
    entry("/home/*/.docker", Dir, (High, Medium), Subtree,
        "the Docker client configuration, with registry credentials"),
    entry("/home/*/.kube", Dir, (High, Medium), Subtree,
        "Kubernetes client credentials"),
    entry("/home/*/.aws", Dir, (High, Medium), Subtree,
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
