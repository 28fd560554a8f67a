use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::model::caps::EffectiveCaps;
use crate::model::Container;
use crate::rules::namespaces::{report_host, NETWORK};
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Flags containers that use the host's network stack (`network_mode: host`, `--network host`, `--net=host`); critical when they also hold NET_ADMIN.
    ///
    /// ## Why is this bad?
    /// The container gets no network isolation at all. Services the host keeps on
    /// `127.0.0.1` (databases, admin consoles, cloud metadata proxies, the Docker API
    /// on some set-ups) become reachable, and so do abstract Unix sockets, which
    /// belong to the network namespace: a container on the host network reached
    /// containerd's API through one (CVE-2020-15257). Everything the container listens
    /// on is exposed on the host's interfaces, and `ports` no longer decides anything.
    /// With NET_RAW, which Docker grants by default, it can sniff all of the host's
    /// traffic; with NET_ADMIN (added, or through privileged mode) it can rewrite the
    /// host's interfaces, routes and firewall, so the finding becomes critical.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   web:
    ///     image: nginx:1.27
    ///     network_mode: host
    /// ```
    ///
    /// ```sh
    /// docker run --net=host nginx:1.27
    /// ```
    ///
    /// ## Use instead
    /// Keep the container on a network of its own and publish only what must be
    /// reachable:
    /// ```yaml
    /// services:
    ///   web:
    ///     image: nginx:1.27
    ///     ports:
    ///       - "127.0.0.1:8080:80"
    /// ```
    ///
    /// ```sh
    /// docker run --network appnet -p 127.0.0.1:8080:80 nginx:1.27
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes the host network setting. It is unsafe: the container moves to
    /// a private network, so anything it served on the host's ports must be published
    /// with `ports`, and anything it reached on the host's `localhost` needs another
    /// address.
    ///
    /// ## When not to use it
    /// Network appliances, some discovery protocols (mDNS, DLNA) and high-throughput
    /// proxies. Drop NET_RAW, add no capabilities and suppress the finding with a
    /// reason.
    ///
    /// ## References
    /// - CIS Docker Benchmark v1.6.0, 5.10 (5.9 in v1.5.0): Ensure that the host's network namespace is not shared
    /// - Kubernetes Pod Security Standards, baseline: Host Namespaces (hostNetwork)
    /// - KICS: Shared Host Network Namespace; semgrep: no equivalent rule
    /// - Docker docs: Host network driver
    pub static HOST_NETWORK = {
        code: "NET-001",
        name: "host-network",
        family: Network,
        severity: High,
        profiles: DBRC,
        fix: Always,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    let caps = EffectiveCaps::of(container);
    let net_admin = caps.get("NET_ADMIN");
    let message = if net_admin.is_some() {
        "uses the host's network stack and holds NET_ADMIN: it can rewrite the host's \
         interfaces, routes and firewall"
    } else if caps.contains("NET_RAW") {
        "uses the host's network stack: services on the host's localhost are reachable, and \
         with NET_RAW (kept by default) it can sniff the host's traffic"
    } else {
        "uses the host's network stack: services on the host's localhost and abstract Unix \
         sockets are reachable, and `ports` no longer isolates anything"
    };
    let Some(finding) = report_host(checker, container, NETWORK, message) else {
        return;
    };
    finding.help(
        "put the container on a user-defined network and publish only the ports it serves; \
         if host networking is unavoidable, drop NET_RAW and add no capabilities",
    );
    if let Some(cap) = net_admin {
        finding.severity(Severity::Critical);
        let granted_at = cap
            .source
            .map(|source| source.span)
            .or(container.privileged.as_ref().map(|p| p.span));
        if let Some(span) = granted_at {
            finding.related(span, "NET_ADMIN is granted here");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::HOST_NETWORK as RULE;
    use crate::config::Config;
    use crate::diagnostic::Severity;
    use crate::rules::testing::{assert_cases, diagnostics_with, fixed};

    #[test]
    fn cases() {
        assert_cases(
            &RULE,
            &[
                "services:\n  web:\n    image: x\n",
                "services:\n  web:\n    image: x\n    network_mode: bridge\n",
                "services:\n  web:\n    image: x\n    network_mode: ${NET}\n",
                "services:\n  web:\n    image: x\n    networks: [host_net]\n",
                "docker run --network=hostnet x",
                "docker run x --net=host",
            ],
            &[
                (
                    "services:\n  web:\n    image: x\n    network_mode: host\n",
                    &[(4, 19)],
                ),
                (
                    "services:\n  web:\n    image: x\n    network_mode: \"host\"\n",
                    &[(4, 20)],
                ),
                ("docker run --net=host x", &[(1, 18)]),
                ("docker run --network host x", &[(1, 22)]),
                ("docker run --network=host x", &[(1, 22)]),
                ("podman run --net host x", &[(1, 18)]),
            ],
        );
    }

    #[test]
    fn net_admin_makes_it_critical() {
        let severities = |text: &str| -> Vec<Severity> {
            diagnostics_with(&RULE, text, Config::default())
                .iter()
                .map(|d| d.severity)
                .collect()
        };
        assert_eq!(severities("docker run --net=host x"), [Severity::High]);
        assert_eq!(
            severities("docker run --net=host --cap-add CAP_NET_ADMIN x"),
            [Severity::Critical]
        );
        assert_eq!(
            severities(
                "services:\n  web:\n    image: x\n    network_mode: host\n    privileged: true\n"
            ),
            [Severity::Critical]
        );
    }

    #[test]
    fn fix_removes_the_setting() {
        assert_eq!(fixed(&RULE, "docker run --net=host x"), ["docker run x"]);
    }
}
