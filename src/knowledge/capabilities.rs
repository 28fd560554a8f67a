//! Linux capabilities as Docker grants them: the default set, every name the engine
//! knows, and what each one lets a process do.
//!
//! Sources: moby `daemon/pkg/oci/caps/defaults.go` (the default set, in its order),
//! moby `daemon/pkg/oci/caps/utils.go` and capabilities(7) (the names and what each
//! allows). The risk of each is shipshape's rating of it in an otherwise default
//! container.

use super::Risk::{self, Critical, High, Low, Medium};

/// Docker's default capability set, in its order.
pub const DEFAULT_CAPS: [&str; 14] = [
    "CHOWN",
    "DAC_OVERRIDE",
    "FSETID",
    "FOWNER",
    "MKNOD",
    "NET_RAW",
    "SETGID",
    "SETUID",
    "SETFCAP",
    "SETPCAP",
    "NET_BIND_SERVICE",
    "SYS_CHROOT",
    "KILL",
    "AUDIT_WRITE",
];

/// Every capability the engine knows (up to CHECKPOINT_RESTORE, kernel 5.9).
pub const ALL_CAPS: [&str; 41] = [
    "CHOWN",
    "DAC_OVERRIDE",
    "DAC_READ_SEARCH",
    "FOWNER",
    "FSETID",
    "KILL",
    "SETGID",
    "SETUID",
    "SETPCAP",
    "LINUX_IMMUTABLE",
    "NET_BIND_SERVICE",
    "NET_BROADCAST",
    "NET_ADMIN",
    "NET_RAW",
    "IPC_LOCK",
    "IPC_OWNER",
    "SYS_MODULE",
    "SYS_RAWIO",
    "SYS_CHROOT",
    "SYS_PTRACE",
    "SYS_PACCT",
    "SYS_ADMIN",
    "SYS_BOOT",
    "SYS_NICE",
    "SYS_RESOURCE",
    "SYS_TIME",
    "SYS_TTY_CONFIG",
    "MKNOD",
    "LEASE",
    "AUDIT_WRITE",
    "AUDIT_CONTROL",
    "SETFCAP",
    "MAC_OVERRIDE",
    "MAC_ADMIN",
    "SYSLOG",
    "WAKE_ALARM",
    "BLOCK_SUSPEND",
    "AUDIT_READ",
    "PERFMON",
    "BPF",
    "CHECKPOINT_RESTORE",
];

/// How dangerous each capability the engine knows (plus `ALL`) is in a container
/// that is otherwise left at Docker's defaults, and what it lets a process do:
/// (name, risk, summary), where the summary is a short verb phrase that completes
/// "a process holding it …". Some risks grow with other settings (SYS_PTRACE with
/// the host PID namespace, NET_ADMIN with host networking); this table rates the
/// capability alone.
#[rustfmt::skip]
pub const RISKS: [(&str, Risk, &str); 42] = [
    ("ALL",                Critical, "grants every capability at once, close to privileged mode"),
    ("SYS_ADMIN",          Critical, "allows mounts, namespace changes, BPF and many admin tasks"),
    ("SYS_MODULE",         Critical, "loads kernel modules: arbitrary code in the host kernel"),
    ("SYS_RAWIO",          Critical, "opens raw I/O ports and /dev/mem: direct hardware access"),
    ("DAC_READ_SEARCH",    Critical, "opens files by handle, reaching any host file"),
    ("SYS_PTRACE",         High,     "traces and injects code into every process it can see"),
    ("NET_ADMIN",          High,     "rewrites interfaces, routes and firewall rules"),
    ("BPF",                High,     "loads BPF programs and maps into the kernel"),
    ("PERFMON",            High,     "opens perf events that trace the kernel and other processes"),
    ("SYS_TIME",           High,     "sets the system clock, shared with the host"),
    ("MAC_ADMIN",          High,     "changes AppArmor or SELinux policy"),
    ("SYS_BOOT",           Medium,   "reboots; with the host PID namespace, the host itself"),
    ("SYSLOG",             Medium,   "reads the kernel log, kernel addresses included"),
    ("MAC_OVERRIDE",       Medium,   "bypasses mandatory access control checks"),
    ("AUDIT_CONTROL",      Medium,   "changes the host's audit rules (not namespaced)"),
    ("AUDIT_READ",         Medium,   "reads the host's audit log"),
    ("LINUX_IMMUTABLE",    Medium,   "sets immutable and append-only file flags"),
    ("SYS_RESOURCE",       Medium,   "overrides resource limits, quotas and reserved disk space"),
    ("SYS_NICE",           Medium,   "raises priorities and can starve other workloads"),
    ("CHECKPOINT_RESTORE", Medium,   "uses checkpoint/restore helpers (picking the next PID)"),
    ("DAC_OVERRIDE",       Medium,   "ignores file read, write and execute permissions"),
    ("CHOWN",              Medium,   "changes the owner of any file"),
    ("FOWNER",             Medium,   "ignores file ownership checks (chmod, ACLs, timestamps)"),
    ("SETUID",             Medium,   "switches to any user ID"),
    ("SETGID",             Medium,   "switches to any group ID"),
    ("NET_RAW",            Medium,   "opens raw and packet sockets, for spoofing and sniffing"),
    ("IPC_OWNER",          Low,      "ignores permissions on System V IPC objects"),
    ("IPC_LOCK",           Low,      "locks memory, which can pressure the host"),
    ("SYS_PACCT",          Low,      "switches process accounting on and off"),
    ("SYS_TTY_CONFIG",     Low,      "performs privileged terminal operations such as vhangup"),
    ("LEASE",              Low,      "takes leases on files it does not own"),
    ("NET_BROADCAST",      Low,      "sends broadcast and multicast (hardly used by the kernel)"),
    ("WAKE_ALARM",         Low,      "sets alarms that wake the system"),
    ("BLOCK_SUSPEND",      Low,      "keeps the system from suspending"),
    ("MKNOD",              Low,      "creates device nodes (the device cgroup still applies)"),
    ("KILL",               Low,      "signals any process it can see"),
    ("SETFCAP",            Low,      "sets file capabilities on binaries"),
    ("SETPCAP",            Low,      "changes its own capability sets"),
    ("FSETID",             Low,      "keeps set-user-ID bits when modifying files"),
    ("NET_BIND_SERVICE",   Low,      "binds ports below 1024 (Docker allows that anyway)"),
    ("SYS_CHROOT",         Low,      "calls chroot"),
    ("AUDIT_WRITE",        Low,      "writes audit records"),
];
