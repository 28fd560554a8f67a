use super::{key_of, verdict, Verdict};
use crate::declare_rule;
use crate::knowledge::sysctls::{Switch, RISKY_NETWORK_SYSCTLS};
use crate::model::Container;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Flags network sysctls that weaken the container's network isolation: packet
    /// forwarding, exposing loopback services, accepting spoofed, redirected or
    /// source-routed traffic, and switching off SYN cookies or the IPv6 kill switch.
    ///
    /// A parameter is reported only for the value that weakens it (`ip_forward=1`, not
    /// `ip_forward=0`); `*` in the table stands for an interface name, `all` or `default`.
    ///
    /// | Parameter | Reported when |
    /// |---|---|
    /// | `net.ipv4.ip_forward`, `net.ipv4.conf.*.forwarding`, `net.ipv6.conf.*.forwarding` | on |
    /// | `net.ipv4.conf.*.route_localnet` | on |
    /// | `net.ipv4.conf.*.rp_filter` | off |
    /// | `net.ipv4.conf.*.accept_redirects`, `net.ipv6.conf.*.accept_redirects`, `net.ipv4.conf.*.send_redirects` | on |
    /// | `net.ipv4.conf.*.accept_source_route`, `net.ipv6.conf.*.accept_source_route` | on |
    /// | `net.ipv4.tcp_syncookies` | off |
    /// | `net.ipv4.ip_nonlocal_bind`, `net.ipv6.ip_nonlocal_bind` | on |
    /// | `net.ipv6.conf.*.disable_ipv6` | off |
    ///
    /// ## Why is this bad?
    /// These parameters live in the container's own network namespace, so the runtime
    /// accepts them, but they change what the container does with traffic. With forwarding
    /// on, it becomes a router into every network it is attached to, a ready-made pivot
    /// for an attacker. `route_localnet` makes services bound to 127.0.0.1 reachable from
    /// outside (the mechanism behind CVE-2020-8558). Turning off reverse-path filtering or
    /// accepting redirects and source routes lets forged packets steer its traffic, and
    /// re-enabling IPv6 where Docker disabled it can open a path that firewall rules written
    /// for IPv4 do not cover.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   gateway:
    ///     image: registry.example.com/gateway:1.9.0
    ///     sysctls:
    ///       net.ipv4.ip_forward: 1
    /// ```
    ///
    /// ```sh
    /// docker run --sysctl net.ipv4.conf.all.route_localnet=1 registry.example.com/gateway:1.9.0
    /// ```
    ///
    /// ## Use instead
    /// Keep the kernel defaults; tune only parameters that do not change who can reach what:
    /// ```yaml
    /// services:
    ///   gateway:
    ///     image: registry.example.com/gateway:1.9.0
    ///     sysctls:
    ///       net.ipv4.tcp_keepalive_time: 600
    /// ```
    ///
    /// ## Fix safety
    /// There is no automatic fix: routers and VPN endpoints need forwarding by design.
    ///
    /// ## When not to use it
    /// VPN servers, routers and network appliances; review them as such and suppress with a
    /// reason.
    ///
    /// ## References
    /// - Kubernetes Pod Security Standards, baseline: Sysctls
    /// - Linux kernel documentation: `ip-sysctl`
    /// - CVE-2020-8558 (`route_localnet` exposing node-local services)
    pub static SYSCTL_RISKY_NETWORK = {
        code: "SYS-002",
        name: "sysctl-risky-network",
        family: Sysctls,
        severity: Medium,
        profiles: DBR,
        fix: None,
        check: check,
    }
}

/// Whether `key` matches `pattern`, where `*` stands for one non-empty segment.
fn matches_pattern(pattern: &str, key: &str) -> bool {
    match pattern.split_once('*') {
        Some((before, after)) => {
            key.len() > before.len() + after.len()
                && key.starts_with(before)
                && key.ends_with(after)
        }
        None => key == pattern,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    for sysctl in &container.sysctls {
        let (Some(key), Some(value)) = (key_of(sysctl), sysctl.value.get()) else {
            continue;
        };
        let Ok(number) = value.trim().parse::<i64>() else {
            continue;
        };
        // A sysctl the engine refuses is SYS-001's alone: it never takes effect.
        if matches!(verdict(container, sysctl, &key), Verdict::Rejected(_)) {
            continue;
        }
        let Some((_, _, effect)) = RISKY_NETWORK_SYSCTLS.iter().find(|(pattern, weakens, _)| {
            matches_pattern(pattern, &key)
                && match weakens {
                    Switch::WhenOn => number > 0,
                    Switch::WhenOff => number == 0,
                }
        }) else {
            continue;
        };
        checker
            .report(
                container,
                sysctl.span,
                format!("{effect} (`{key}={number}`)"),
            )
            .help("keep the kernel default unless this container is a router or VPN endpoint reviewed as one");
    }
}

#[cfg(test)]
mod tests {
    use super::SYSCTL_RISKY_NETWORK as RULE;
    use crate::rules::testing::assert_cases;

    const HEAD: &str = "services:\n  app:\n    image: nginx:1.27\n";

    #[test]
    fn cases() {
        let compose = |tail: &str| format!("{HEAD}{tail}");
        assert_cases(
            &RULE,
            &[
                &compose(""),
                &compose("    sysctls:\n      net.ipv4.ip_forward: 0\n      net.ipv4.conf.all.rp_filter: 1\n"),
                &compose("    sysctls:\n      - net.ipv4.tcp_syncookies=1\n      - net.ipv6.conf.all.disable_ipv6=1\n"),
                &compose("    sysctls:\n      net.ipv4.ip_forward: ${FORWARD}\n"),
                &compose("    sysctls:\n      net.core.somaxconn: 1024\n"),
                // `*` needs an interface segment.
                &compose("    sysctls:\n      net.ipv4.conf.rp_filter: 0\n"),
                "docker run --sysctl net.ipv6.conf.all.accept_source_route=-1 nginx:1.27",
                // Refused with the host's network (SYS-001): it never takes effect.
                "docker run --network host --sysctl net.ipv4.ip_forward=1 nginx:1.27",
            ],
            &[
                (&compose("    sysctls:\n      net.ipv4.ip_forward: 1\n"), &[(5, 7)]),
                (&compose("    sysctls:\n      net.ipv4.ip_forward: \"1\"\n"), &[(5, 7)]),
                (
                    &compose("    sysctls:\n      - net.ipv4.conf.eth0.route_localnet=1\n      - net.ipv4.conf.all.rp_filter=0\n"),
                    &[(5, 9), (6, 9)],
                ),
                (
                    &compose("    sysctls:\n      - net/ipv6/conf/all/forwarding=1\n"),
                    &[(5, 9)],
                ),
                (
                    &compose("    sysctls:\n      net.ipv6.conf.default.disable_ipv6: 0\n      net.ipv4.tcp_syncookies: 0\n"),
                    &[(5, 7), (6, 7)],
                ),
                (
                    "docker run --sysctl net.ipv4.conf.default.accept_redirects=1 nginx:1.27",
                    &[(1, 21)],
                ),
                (
                    "docker run --sysctl=net.ipv4.ip_nonlocal_bind=1 nginx:1.27",
                    &[(1, 21)],
                ),
            ],
        );
    }
}
