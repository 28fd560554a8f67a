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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
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
    pub fn default_capabilities(self) -> &'static [&'static str] {
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

    /// The sysctls the engine sets in every container, as `(key, value)`.
    pub fn default_sysctls(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Engine::Docker | Engine::Nerdctl => &[],
            Engine::Podman => &PODMAN_DEFAULT_SYSCTLS,
        }
    }
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
