//! The catalogue of known container-escape and host-compromise techniques.
//!
//! Each technique is a few preconditions over the container's effective settings
//! (see [`Condition`]), each told in plain words, then what an attacker who controls
//! a process in the container does once they all hold. Every technique names its
//! public references: CVEs, kernel and manual pages, well-known write-ups. The steps
//! say what happens, never how to code it.

use super::conditions::{Condition, Namespace};

/// What a technique gains on the host.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Impact {
    /// Code running as root on the host.
    HostRoot,
    /// Reading host files the container should not see.
    HostFileRead,
    /// Writing host files.
    HostFileWrite,
    /// Crashing, halting or starving the host or its programs.
    DenialOfService,
    /// Reading or redirecting the host's network traffic.
    TrafficInterception,
    /// Reaching other containers, programs or machines from here.
    LateralMovement,
}

impl Impact {
    pub fn as_str(self) -> &'static str {
        match self {
            Impact::HostRoot => "host root",
            Impact::HostFileRead => "host file read",
            Impact::HostFileWrite => "host file write",
            Impact::DenialOfService => "denial of service",
            Impact::TrafficInterception => "traffic interception",
            Impact::LateralMovement => "lateral movement",
        }
    }
}

/// A public source that documents the technique.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reference {
    pub name: &'static str,
    pub url: &'static str,
}

/// One precondition of a technique, in the words a reader follows.
#[derive(Clone, Copy, Debug)]
pub struct Step {
    pub condition: Condition,
    /// What holds, said of the container: "its processes hold CAP_SYS_ADMIN, …".
    pub text: &'static str,
}

#[derive(Debug)]
pub struct Technique {
    /// Stable kebab identifier, e.g. `cgroup-release-agent`.
    pub id: &'static str,
    pub title: &'static str,
    pub impacts: &'static [Impact],
    pub steps: &'static [Step],
    /// The last step: what the attacker does once every precondition holds.
    pub outcome: &'static str,
    pub references: &'static [Reference],
}

const fn step(condition: Condition, text: &'static str) -> Step {
    Step { condition, text }
}

const fn reference(name: &'static str, url: &'static str) -> Reference {
    Reference { name, url }
}

use Condition::*;
use Impact::*;

const CAPABILITIES_7: Reference = reference(
    "capabilities(7), Linux manual page",
    "https://man7.org/linux/man-pages/man7/capabilities.7.html",
);
const TRAIL_OF_BITS: Reference = reference(
    "Trail of Bits, \"Understanding Docker container escapes\" (2019)",
    "https://blog.trailofbits.com/2019/07/19/understanding-docker-container-escapes/",
);
const DOCKER_PRIVILEGED: Reference = reference(
    "Docker docs: docker run --privileged",
    "https://docs.docker.com/reference/cli/docker/container/run/#privileged",
);
const DOCKER_APPARMOR: Reference = reference(
    "Docker docs: AppArmor security profiles for Docker",
    "https://docs.docker.com/engine/security/apparmor/",
);
const CIS_DOCKER: Reference = reference(
    "CIS Docker Benchmark, section 5 (Container Runtime)",
    "https://www.cisecurity.org/benchmark/docker",
);

/// Every technique, in the order reports list them.
pub static TECHNIQUES: &[Technique] = &[
    Technique {
        id: "engine-api-socket",
        title: "Engine API socket: start a privileged container",
        impacts: &[HostRoot],
        steps: &[step(
            RuntimeSocket,
            "the container can talk to the container engine's API",
        )],
        outcome: "through the API it starts a new privileged container that mounts the host's `/` and runs as root there: the host is theirs",
        references: &[
            reference(
                "Docker docs: Docker daemon attack surface",
                "https://docs.docker.com/engine/security/#docker-daemon-attack-surface",
            ),
            reference(
                "OWASP Docker Security Cheat Sheet, rule 1: do not expose the Docker daemon socket",
                "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html",
            ),
            CIS_DOCKER,
        ],
    },
    Technique {
        id: "cgroup-release-agent",
        title: "cgroup v1 release_agent: the host kernel runs a program",
        impacts: &[HostRoot],
        steps: &[
            step(
                Capability("SYS_ADMIN"),
                "its processes hold CAP_SYS_ADMIN, so the default seccomp profile lets them call mount and unshare",
            ),
            step(
                LsmOff,
                "no AppArmor or SELinux policy confines it, so nothing bans mount",
            ),
        ],
        outcome: "it mounts a cgroup v1 hierarchy (or remounts /sys read-write), points `release_agent` at a script of its own and empties the cgroup: the host kernel runs the script as root (on hosts with cgroup v1)",
        references: &[
            reference("CVE-2022-0492", "https://nvd.nist.gov/vuln/detail/CVE-2022-0492"),
            reference(
                "Unit 42, \"New Linux Vulnerability CVE-2022-0492 Affecting Cgroups\"",
                "https://unit42.paloaltonetworks.com/cve-2022-0492-cgroups/",
            ),
            reference(
                "Linux kernel docs: Control Groups v1, release_agent",
                "https://docs.kernel.org/admin-guide/cgroup-v1/cgroups.html",
            ),
            DOCKER_APPARMOR,
            TRAIL_OF_BITS,
        ],
    },
    Technique {
        id: "kernel-module",
        title: "Kernel module: code in the host kernel",
        impacts: &[HostRoot],
        steps: &[step(
            Capability("SYS_MODULE"),
            "its processes hold CAP_SYS_MODULE, so the default seccomp profile allows init_module and finit_module",
        )],
        outcome: "it loads a kernel module of its own: its code runs inside the host's kernel, above every container boundary",
        references: &[
            reference(
                "init_module(2), Linux manual page",
                "https://man7.org/linux/man-pages/man2/init_module.2.html",
            ),
            CAPABILITIES_7,
        ],
    },
    Technique {
        id: "open-by-handle",
        title: "File handles (\"Shocker\"): open any host file",
        impacts: &[HostFileRead, HostFileWrite],
        steps: &[step(
            Capability("DAC_READ_SEARCH"),
            "its processes hold CAP_DAC_READ_SEARCH, so the default seccomp profile allows open_by_handle_at",
        )],
        outcome: "starting from a file Docker bind-mounts from the host (/etc/hosts), it opens host files by handle, outside the container's root: /etc/shadow, keys, every other container's files (the 2014 \"Shocker\" escape)",
        references: &[
            reference(
                "open_by_handle_at(2), Linux manual page",
                "https://man7.org/linux/man-pages/man2/open_by_handle_at.2.html",
            ),
            TRAIL_OF_BITS,
            CAPABILITIES_7,
        ],
    },
    Technique {
        id: "ptrace-host-process",
        title: "ptrace: inject code into a host process",
        impacts: &[HostRoot],
        steps: &[
            step(
                HostNamespace(Namespace::Pid),
                "it shares the host's PID namespace, so it sees every host process",
            ),
            step(
                Capability("SYS_PTRACE"),
                "its processes hold CAP_SYS_PTRACE, so they may trace processes they do not own",
            ),
            step(
                LsmOff,
                "no AppArmor or SELinux policy limits tracing to the container's own processes",
            ),
        ],
        outcome: "it attaches to a root process of the host and makes it run code of its own: that code runs on the host, as root, outside every namespace",
        references: &[
            reference("ptrace(2), Linux manual page", "https://man7.org/linux/man-pages/man2/ptrace.2.html"),
            reference("Linux kernel docs: Yama (ptrace scope)", "https://docs.kernel.org/admin-guide/LSM/Yama.html"),
            CIS_DOCKER,
        ],
    },
    Technique {
        id: "signal-host-processes",
        title: "Signals: kill host processes",
        impacts: &[DenialOfService],
        steps: &[
            step(
                HostNamespace(Namespace::Pid),
                "it shares the host's PID namespace, so it sees every host process",
            ),
            step(
                Capability("KILL"),
                "its processes hold CAP_KILL, so they may signal processes they do not own",
            ),
            step(
                LsmOff,
                "no AppArmor or SELinux policy limits signals to the container's own processes",
            ),
        ],
        outcome: "it kills any process of the host, sshd, the container engine or other workloads included",
        references: &[
            reference("kill(2), Linux manual page", "https://man7.org/linux/man-pages/man2/kill.2.html"),
            CAPABILITIES_7,
        ],
    },
    Technique {
        id: "reboot-host",
        title: "Reboot: restart or halt the host",
        impacts: &[DenialOfService],
        steps: &[
            step(
                HostNamespace(Namespace::Pid),
                "it shares the host's PID namespace, where reboot acts on the host rather than on the container",
            ),
            step(
                Capability("SYS_BOOT"),
                "its processes hold CAP_SYS_BOOT, so the default seccomp profile allows reboot",
            ),
        ],
        outcome: "it calls reboot: the host restarts or powers off, with every container on it",
        references: &[
            reference("reboot(2), Linux manual page", "https://man7.org/linux/man-pages/man2/reboot.2.html"),
            CAPABILITIES_7,
        ],
    },
    Technique {
        id: "kernel-tunables",
        title: "Unmasked /proc: core_pattern and sysrq-trigger",
        impacts: &[HostRoot, DenialOfService],
        steps: &[
            step(
                KernelPathsUnmasked,
                "Docker's read-only and masked kernel paths are undone, so /proc/sys and /proc/sysrq-trigger are writable",
            ),
            step(
                LsmOff,
                "no AppArmor or SELinux policy bans writes to /proc/sys and /proc/sysrq-trigger",
            ),
        ],
        outcome: "it sets `kernel.core_pattern` to pipe core dumps to a program of its own, which the host kernel runs as root at the next crash, or crashes the host with one write to /proc/sysrq-trigger",
        references: &[
            reference("core(5), Linux manual page (piping core dumps)", "https://man7.org/linux/man-pages/man5/core.5.html"),
            reference("Linux kernel docs: Linux Magic System Request Key Hacks", "https://docs.kernel.org/admin-guide/sysrq.html"),
            reference(
                "Docker docs: docker run --security-opt (systempaths=unconfined)",
                "https://docs.docker.com/reference/cli/docker/container/run/#security-opt",
            ),
            DOCKER_PRIVILEGED,
        ],
    },
    Technique {
        id: "host-kernel-filesystem",
        title: "Host /proc or /sys mounted: rewrite kernel settings",
        impacts: &[HostRoot, DenialOfService],
        steps: &[step(
            WritableKernelFilesystem,
            "the host's /proc or /sys is mounted read-write, outside the paths Docker protects and AppArmor watches",
        )],
        outcome: "it writes the host's kernel settings through the mount: `core_pattern` or `sysrq-trigger` under /proc, `uevent_helper` or a cgroup `release_agent` under /sys: the host runs its program as root, or crashes",
        references: &[
            reference("Linux kernel docs: /proc/sys/kernel", "https://docs.kernel.org/admin-guide/sysctl/kernel.html"),
            reference("core(5), Linux manual page (piping core dumps)", "https://man7.org/linux/man-pages/man5/core.5.html"),
            CIS_DOCKER,
        ],
    },
    Technique {
        id: "host-directory-write",
        title: "Writable host directory: plant what the host runs",
        impacts: &[HostRoot, HostFileWrite],
        steps: &[step(
            WritableHostDirectory,
            "a sensitive host directory is mounted read-write",
        )],
        outcome: "it writes files the host trusts and runs as root: a cron job, a systemd unit, an SSH `authorized_keys` entry, a static pod manifest, a system library or a new root account",
        references: &[
            reference("Docker docs: bind mounts", "https://docs.docker.com/engine/storage/bind-mounts/"),
            reference(
                "Kubernetes docs: hostPath volumes and their risks",
                "https://kubernetes.io/docs/concepts/storage/volumes/#hostpath",
            ),
            reference("crontab(5), Linux manual page", "https://man7.org/linux/man-pages/man5/crontab.5.html"),
            CIS_DOCKER,
        ],
    },
    Technique {
        id: "host-secrets-read",
        title: "Host secrets mounted: read keys and credentials",
        impacts: &[HostFileRead, LateralMovement],
        steps: &[step(
            ReadableHostSecrets,
            "a host directory with secrets is mounted, read-only",
        )],
        outcome: "it reads the host's secrets through the mount: password hashes, private keys, tokens and other workloads' data, with which it logs in elsewhere",
        references: &[
            reference(
                "Kubernetes docs: hostPath volumes and their risks",
                "https://kubernetes.io/docs/concepts/storage/volumes/#hostpath",
            ),
            CIS_DOCKER,
        ],
    },
    Technique {
        id: "host-disk-device",
        title: "Host disk or memory device: raw access",
        impacts: &[HostFileRead, HostFileWrite],
        steps: &[step(
            HostDiskDevice,
            "a host disk or the host's memory is available as a device node",
        )],
        outcome: "it reads or rewrites the disk's raw blocks, every file whatever its permissions, or the running kernel's memory",
        references: &[
            reference("mem(4), Linux manual page", "https://man7.org/linux/man-pages/man4/mem.4.html"),
            DOCKER_PRIVILEGED,
            CIS_DOCKER,
        ],
    },
    Technique {
        id: "device-rule-mknod",
        title: "Device cgroup rule: create a disk node",
        impacts: &[HostFileRead, HostFileWrite],
        steps: &[
            step(
                DiskDeviceRule,
                "a device cgroup rule lets it open host disks or memory",
            ),
            step(
                Capability("MKNOD"),
                "its processes hold CAP_MKNOD, so they may create device nodes",
            ),
        ],
        outcome: "it creates the device node of a host disk and opens it: raw access to every file on it, whatever its permissions",
        references: &[
            reference(
                "Linux kernel docs: Device Whitelist Controller",
                "https://docs.kernel.org/admin-guide/cgroup-v1/devices.html",
            ),
            reference("mknod(2), Linux manual page", "https://man7.org/linux/man-pages/man2/mknod.2.html"),
        ],
    },
    Technique {
        id: "host-network-traffic",
        title: "Host network: sniff or redirect the host's traffic",
        impacts: &[TrafficInterception, LateralMovement],
        steps: &[
            step(
                HostNamespace(Namespace::Network),
                "it shares the host's network namespace, with the host's interfaces and firewall",
            ),
            step(
                AnyCapability(&["NET_RAW", "NET_ADMIN"]),
                "its processes hold CAP_NET_RAW or CAP_NET_ADMIN",
            ),
        ],
        outcome: "with packet sockets it captures the host's traffic and services bound to localhost; with CAP_NET_ADMIN it rewrites the host's firewall and routes to redirect them",
        references: &[
            reference("packet(7), Linux manual page", "https://man7.org/linux/man-pages/man7/packet.7.html"),
            reference("CVE-2020-14386 (packet socket memory corruption)", "https://nvd.nist.gov/vuln/detail/CVE-2020-14386"),
            CIS_DOCKER,
        ],
    },
    Technique {
        id: "host-ipc-memory",
        title: "Host IPC: read other programs' shared memory",
        impacts: &[HostFileRead, LateralMovement],
        steps: &[step(
            HostNamespace(Namespace::Ipc),
            "it shares the host's IPC namespace",
        )],
        outcome: "it attaches to host programs' System V shared memory and message queues and reads or changes their data",
        references: &[
            reference("shm_overview(7), Linux manual page", "https://man7.org/linux/man-pages/man7/shm_overview.7.html"),
            CIS_DOCKER,
        ],
    },
    Technique {
        id: "host-user-namespace",
        title: "Host user namespace: container root is host root",
        impacts: &[HostRoot],
        steps: &[step(
            HostNamespace(Namespace::User),
            "it opts out of the daemon's user namespace remapping",
        )],
        outcome: "root in the container is root on the host, so every file or process it reaches on the host, it reaches as root",
        references: &[
            reference(
                "Docker docs: Isolate containers with a user namespace",
                "https://docs.docker.com/engine/security/userns-remap/",
            ),
            reference(
                "user_namespaces(7), Linux manual page",
                "https://man7.org/linux/man-pages/man7/user_namespaces.7.html",
            ),
        ],
    },
    Technique {
        id: "raw-io-ports",
        title: "Raw I/O: reprogram the host's hardware",
        impacts: &[DenialOfService],
        steps: &[step(
            Capability("SYS_RAWIO"),
            "its processes hold CAP_SYS_RAWIO, so the default seccomp profile allows iopl and ioperm",
        )],
        outcome: "it drives the host's I/O ports directly, which can hang or reset the machine and corrupt devices",
        references: &[
            reference("ioperm(2), Linux manual page", "https://man7.org/linux/man-pages/man2/ioperm.2.html"),
            CAPABILITIES_7,
        ],
    },
];
