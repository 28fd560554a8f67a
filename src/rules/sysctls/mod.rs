//! Sysctl rules: which kernel parameters a container may set, and which of the
//! accepted ones weaken its network isolation.
//!
//! The tables (the IPC parameters the runtime namespaces, the Pod Security safe
//! set, the risky network parameters) live in `src/knowledge/sysctls.rs`;
//! [`verdict`] reproduces how the Docker CLI and runc decide whether a key is
//! accepted.

use super::namespaces::host_mode;
use super::Rule;
use crate::knowledge::sysctls::{IPC_SYSCTLS, IPC_SYSCTL_PREFIX, NETWORK_SYSCTL_PREFIX};
use crate::model::{Container, NamespaceMode, Origin, Setting, Sysctl};

mod sysctl_outside_pss_safe_set;
mod sysctl_rejected;
mod sysctl_risky_network;

pub use sysctl_outside_pss_safe_set::SYSCTL_OUTSIDE_PSS_SAFE_SET;
pub use sysctl_rejected::SYSCTL_REJECTED;
pub use sysctl_risky_network::SYSCTL_RISKY_NETWORK;

pub static RULES: &[&Rule] = &[
    &SYSCTL_REJECTED,
    &SYSCTL_RISKY_NETWORK,
    &SYSCTL_OUTSIDE_PSS_SAFE_SET,
];

fn is_ipc(key: &str) -> bool {
    IPC_SYSCTLS.contains(&key) || key.starts_with(IPC_SYSCTL_PREFIX)
}

/// The key in dotted form, as runc reads it: when the first separator is `/`, the
/// roles of `/` and `.` swap (`net/ipv4/conf/eth0.100/rp_filter` is
/// `net.ipv4.conf.eth0/100.rp_filter`).
fn dotted(key: &str) -> String {
    match key.find(['.', '/']) {
        Some(at) if key[at..].starts_with('/') => key
            .chars()
            .map(|c| match c {
                '/' => '.',
                '.' => '/',
                other => other,
            })
            .collect(),
        _ => key.to_string(),
    }
}

/// The sysctl's key in dotted form, when known.
fn key_of(sysctl: &Sysctl) -> Option<String> {
    sysctl.key.get().map(|key| dotted(key.trim()))
}

/// Whether the engine accepts a sysctl for this container.
enum Verdict {
    Accepted,
    /// Accepted, but it changes the network namespace of the container named here.
    JoinedNetwork(String),
    /// Refused, for the reason given.
    Rejected(&'static str),
}

fn verdict(container: &Container, sysctl: &Sysctl, key: &str) -> Verdict {
    let is_host = |mode: &Option<Setting<NamespaceMode>>| host_mode(mode).is_some();
    let namespaces = &container.namespaces;
    // The Docker CLI checks the key as written, before the daemon sees it.
    if matches!(&container.origin, Origin::Run { tool, .. } if tool == "docker") {
        let written = sysctl.key.raw.trim();
        if !(is_ipc(written) || written.starts_with(NETWORK_SYSCTL_PREFIX)) {
            return Verdict::Rejected("the docker CLI accepts only the IPC parameters and `net.*`");
        }
    }
    if is_ipc(key) {
        if is_host(&namespaces.ipc) {
            return Verdict::Rejected(
                "the container shares the host's IPC namespace, so it would change the host's",
            );
        }
        return Verdict::Accepted;
    }
    if key.starts_with(NETWORK_SYSCTL_PREFIX) {
        if is_host(&namespaces.network) {
            return Verdict::Rejected(
                "the container shares the host's network namespace, so it would change the host's",
            );
        }
        let joined = namespaces.network.as_ref().and_then(Setting::get);
        return match joined.and_then(NamespaceMode::joined) {
            Some(name) => Verdict::JoinedNetwork(name.to_string()),
            None => Verdict::Accepted,
        };
    }
    match key {
        "kernel.domainname" if is_host(&namespaces.uts) => {
            Verdict::Rejected("the container shares the host's UTS namespace, so it would change the host's domain name")
        }
        "kernel.domainname" => Verdict::Accepted,
        "kernel.hostname" => {
            Verdict::Rejected("the engine sets the hostname itself (use the hostname option)")
        }
        _ => Verdict::Rejected(
            "no namespace of the container isolates it, so it would change the whole host",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::dotted;

    #[test]
    fn slash_keys_become_dotted() {
        assert_eq!(dotted("net.ipv4.ip_forward"), "net.ipv4.ip_forward");
        assert_eq!(dotted("net/ipv4/ip_forward"), "net.ipv4.ip_forward");
        assert_eq!(
            dotted("net/ipv4/conf/eth0.100/rp_filter"),
            "net.ipv4.conf.eth0/100.rp_filter"
        );
        assert_eq!(
            dotted("net.ipv4.conf.eth0/100.rp_filter"),
            "net.ipv4.conf.eth0/100.rp_filter"
        );
    }
}
