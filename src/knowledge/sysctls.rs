//! Kernel parameters (sysctls): which ones a container's namespaces isolate, the
//! set Kubernetes deems safe, and the network switches that weaken isolation.
//!
//! Sources: runc `libcontainer/configs/validate/validator.go` (`sysctl`: the IPC
//! keys, `fs.mqueue.*`, `net.*` with a private network namespace, `kernel.domainname`
//! and `kernel.hostname` with a private UTS namespace); docker/cli
//! `opts/opts.go` (`ValidateSysctl`); Kubernetes Pod Security Standards, baseline
//! profile ("Sysctls"); the kernel's `Documentation/networking/ip-sysctl.rst`.

/// Keys under this prefix belong to the container's IPC namespace.
pub const IPC_SYSCTL_PREFIX: &str = "fs.mqueue.";

/// Keys under this prefix belong to the container's network namespace.
pub const NETWORK_SYSCTL_PREFIX: &str = "net.";

/// IPC parameters that belong to the container's IPC namespace, besides every key
/// under [`IPC_SYSCTL_PREFIX`].
pub const IPC_SYSCTLS: [&str; 8] = [
    "kernel.msgmax",
    "kernel.msgmnb",
    "kernel.msgmni",
    "kernel.sem",
    "kernel.shmall",
    "kernel.shmmax",
    "kernel.shmmni",
    "kernel.shm_rmid_forced",
];

/// The Kubernetes Pod Security baseline "safe" sysctls (14 as of v1.37).
pub const PSS_SAFE_SYSCTLS: [&str; 14] = [
    "kernel.shm_rmid_forced",
    "net.ipv4.ip_local_port_range",
    "net.ipv4.ip_unprivileged_port_start",
    "net.ipv4.tcp_syncookies",
    "net.ipv4.ping_group_range",
    "net.ipv4.ip_local_reserved_ports",
    "net.ipv4.tcp_keepalive_time",
    "net.ipv4.tcp_fin_timeout",
    "net.ipv4.tcp_keepalive_intvl",
    "net.ipv4.tcp_keepalive_probes",
    "net.ipv4.tcp_rmem",
    "net.ipv4.tcp_wmem",
    "net.ipv4.tcp_slow_start_after_idle",
    "net.ipv4.tcp_notsent_lowat",
];

/// Which value of a switch weakens isolation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Switch {
    /// Any positive value turns the behaviour on.
    WhenOn,
    /// `0` turns a protection off.
    WhenOff,
}

/// Network parameters that weaken isolation at some value: (key, which value, what
/// the container then does). `*` matches one interface name (or `all`, `default`).
pub const RISKY_NETWORK_SYSCTLS: [(&str, Switch, &str); 14] = [
    (
        "net.ipv4.ip_forward",
        Switch::WhenOn,
        "forwards packets between its networks, like a router",
    ),
    (
        "net.ipv4.conf.*.forwarding",
        Switch::WhenOn,
        "forwards packets between its networks, like a router",
    ),
    (
        "net.ipv6.conf.*.forwarding",
        Switch::WhenOn,
        "forwards packets between its networks, like a router",
    ),
    (
        "net.ipv4.conf.*.route_localnet",
        Switch::WhenOn,
        "lets traffic from outside reach services bound to 127.0.0.0/8",
    ),
    (
        "net.ipv4.conf.*.rp_filter",
        Switch::WhenOff,
        "accepts packets with spoofed source addresses (no reverse-path filtering)",
    ),
    (
        "net.ipv4.conf.*.accept_redirects",
        Switch::WhenOn,
        "lets ICMP redirects from other hosts rewrite its routes",
    ),
    (
        "net.ipv6.conf.*.accept_redirects",
        Switch::WhenOn,
        "lets ICMP redirects from other hosts rewrite its routes",
    ),
    (
        "net.ipv4.conf.*.send_redirects",
        Switch::WhenOn,
        "sends ICMP redirects, as a router does",
    ),
    (
        "net.ipv4.conf.*.accept_source_route",
        Switch::WhenOn,
        "accepts source-routed packets, whose sender picks the path",
    ),
    (
        "net.ipv6.conf.*.accept_source_route",
        Switch::WhenOn,
        "accepts source-routed packets, whose sender picks the path",
    ),
    (
        "net.ipv4.tcp_syncookies",
        Switch::WhenOff,
        "turns off SYN cookies, the defence against SYN floods",
    ),
    (
        "net.ipv4.ip_nonlocal_bind",
        Switch::WhenOn,
        "lets processes bind addresses the container does not own",
    ),
    (
        "net.ipv6.ip_nonlocal_bind",
        Switch::WhenOn,
        "lets processes bind addresses the container does not own",
    ),
    (
        "net.ipv6.conf.*.disable_ipv6",
        Switch::WhenOff,
        "turns IPv6 on, which host firewall rules written for IPv4 may not cover",
    ),
];
