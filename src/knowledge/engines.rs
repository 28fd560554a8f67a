//! The container engines shipshape reads commands for, and what each grants a
//! container that asks for nothing.
//!
//! Sources: docker's capabilities are [`DEFAULT_CAPS`];
//! containers/common `pkg/config/default.go` (`DefaultCapabilities`) and
//! `pkg/config/containers.conf` (`default_sysctls`) at
//! f437c58aab67eec2b1c942f7ad4fec37a25a3766 (podman's); containerd
//! `pkg/oci/spec.go` `defaultUnixCaps`, which nerdctl applies through
//! `oci.WithDefaultSpec` (containerd/nerdctl `pkg/cmd/container/create.go` at
//! 8da504083f1543446a003f5870dec1bc12a75b85, whose `dockercompat.go` mirrors it).

use super::capabilities::DEFAULT_CAPS;

/// An engine: the one a run command names, docker for a Compose file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Engine {
    Docker,
    Podman,
    Nerdctl,
}

impl Engine {
    pub const ALL: [Engine; 3] = [Engine::Docker, Engine::Podman, Engine::Nerdctl];

    pub fn name(self) -> &'static str {
        match self {
            Engine::Docker => "docker",
            Engine::Podman => "podman",
            Engine::Nerdctl => "nerdctl",
        }
    }

    /// The engine's name as a sentence says it: "Podman grants …".
    pub fn display_name(self) -> &'static str {
        match self {
            Engine::Docker => "Docker",
            Engine::Podman => "Podman",
            Engine::Nerdctl => "nerdctl",
        }
    }

    /// The engine a command word's name is (`docker`, `podman`, `nerdctl`).
    pub fn named(name: &str) -> Option<Engine> {
        Engine::ALL.into_iter().find(|engine| engine.name() == name)
    }

    /// The capabilities a container gets when it asks for none, in the engine's
    /// order.
    pub const fn default_capabilities(self) -> &'static [&'static str] {
        match self {
            // containerd's `defaultUnixCaps`, which nerdctl applies, is docker's set.
            Engine::Docker | Engine::Nerdctl => &DEFAULT_CAPS,
            Engine::Podman => &PODMAN_DEFAULT_CAPS,
        }
    }

    /// The process limit the engine sets when a container asks for none: podman's
    /// `DefaultPidsLimit` (containers/common `pkg/config/default.go` at
    /// 08c121d9a90ee3074e3faf58087f488ebe6f9a4f). Of podman's other defaults there,
    /// none differs from docker's in what a rule reads: the seccomp profile
    /// (`/usr/share/containers/seccomp.json`) is applied unless `seccomp=unconfined`,
    /// the masked and read-only kernel paths are docker's, and the cgroup namespace
    /// is private on cgroup v2 and the host's on v1, as with docker.
    pub fn default_pids_limit(self) -> Option<i64> {
        match self {
            Engine::Docker | Engine::Nerdctl => None,
            Engine::Podman => Some(2048),
        }
    }

    /// What the namespace is when nothing sets it, in the engine's own words, for the
    /// engines whose default is not docker's (`userns` and `network`: podman-run(1),
    /// nerdctl-run); `None` for docker's, which the page explains.
    pub fn default_namespace(self, namespace: &str) -> Option<&'static str> {
        match (self, namespace) {
            (Engine::Podman, "userns") => Some("podman's default: the user namespace of whoever starts podman. Rootless, root in the container is that user; rootful, it is the host's root, unless containers.conf sets `userns`."),
            (Engine::Podman, "network") => Some("podman's default: pasta for a rootless container (slirp4netns before podman 5), the `podman` bridge network for a rootful one."),
            (Engine::Nerdctl, "userns") => Some("nerdctl's default: the host's user namespace, unless nerdctl runs rootless or its `--userns-remap` maps users."),
            (Engine::Nerdctl, "network") => Some("nerdctl's default: its `bridge` network (`nerdctl0`), shared with every container started without a network."),
            _ => None,
        }
    }

    /// The sysctls the engine sets in every container, as `(key, value)`.
    pub fn default_sysctls(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Engine::Docker | Engine::Nerdctl => &[],
            Engine::Podman => &PODMAN_DEFAULT_SYSCTLS,
        }
    }
}

/// What a namespace value that only podman takes means, in podman's own words
/// (podman-run(1) `--userns`, `--network`): `keep-id`, `auto`, `nomap`, `pasta`,
/// `slirp4netns` (with or without their `:OPTIONS`) and `ns:PATH`.
pub fn podman_namespace_value(value: &str) -> Option<&'static str> {
    let mode = value.split_once(':').map_or(value, |(mode, _)| mode);
    Some(match mode {
        "keep-id" => "podman's keep-id: a user namespace that maps the UID and GID of the user who starts podman to the same IDs inside, so that the files it writes belong to that user; root in the container is a subordinate host UID.",
        "auto" => "podman's auto: a user namespace of its own, mapped to a range of subordinate host UIDs that no other container of podman's uses.",
        "nomap" => "podman's nomap: a user namespace mapped to subordinate host UIDs only; the user who starts podman is not mapped into the container at all.",
        "pasta" => "podman's pasta: a network namespace of its own, connected by a user-mode network stack (passt) that copies the host's addresses and routes; its traffic leaves as the traffic of the user who starts podman.",
        "slirp4netns" => "podman's slirp4netns: a network namespace of its own, connected by a user-mode TCP/IP stack; its traffic leaves as the traffic of the user who starts podman, and it reaches the host's own localhost only with `allow_host_loopback=true`.",
        "ns" => "podman's ns: joins the namespace at this path, and with it the exposure of whatever runs in it.",
        _ => return None,
    })
}

/// Podman's default capability set (containers.conf `default_capabilities`): docker's
/// without `MKNOD`, `NET_RAW` and `AUDIT_WRITE`.
pub const PODMAN_DEFAULT_CAPS: [&str; 11] = [
    "CHOWN",
    "DAC_OVERRIDE",
    "FOWNER",
    "FSETID",
    "KILL",
    "NET_BIND_SERVICE",
    "SETFCAP",
    "SETGID",
    "SETPCAP",
    "SETUID",
    "SYS_CHROOT",
];

/// Podman lets every group open ICMP echo sockets, so `ping` works without
/// `NET_RAW`.
pub const PODMAN_DEFAULT_SYSCTLS: [(&str, &str); 1] = [("net.ipv4.ping_group_range", "0 0")];
