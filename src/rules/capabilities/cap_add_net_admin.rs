use super::report_named;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::model::Container;
use crate::rules::namespaces::host_mode;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Flags containers that add the NET_ADMIN capability; critical when the container also uses the host's network.
    ///
    /// ## Why is this bad?
    /// NET_ADMIN configures networking: interfaces, addresses, routes, firewall and NAT
    /// tables, traffic shaping, promiscuous mode. In the container's own network
    /// namespace the changes stay local, but they still expose a large part of the
    /// kernel's networking code to the container, a regular source of privilege
    /// escalation bugs. With `network_mode: host` (`--network host`) the namespace *is*
    /// the host's: the container can rewrite the host firewall, redirect its traffic or
    /// take its interfaces down.
    ///
    /// Capabilities granted by privileged mode (PRIV-001) or by `ALL` (CAP-001) are
    /// reported by those rules; this one reports NET_ADMIN added by name.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   router:
    ///     image: example/router:2.3
    ///     network_mode: host
    ///     cap_add: [NET_ADMIN]
    /// ```
    ///
    /// ```sh
    /// docker run --network host --cap-add NET_ADMIN example/router:2.3
    /// ```
    ///
    /// ## Use instead
    /// Let Docker's network drivers (or tooling on the host) set up the network, and
    /// keep the container on its own network:
    /// ```yaml
    /// services:
    ///   router:
    ///     image: example/router:2.3
    ///     cap_drop: [ALL]
    ///     networks: [edge]
    /// networks:
    ///   edge: {}
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes NET_ADMIN from `cap_add`. It is unsafe: VPN clients, routers and
    /// firewalls stop working until their network setup moves elsewhere.
    ///
    /// ## When not to use it
    /// VPN gateways and network appliances need it in their own network namespace.
    /// Keep such a container off the host network and suppress the finding with a
    /// reason; never combine it with host networking.
    ///
    /// ## References
    /// - CIS Docker Benchmark v1.6.0, 5.4 (5.3 in v1.5.0): Ensure that Linux kernel capabilities are restricted within containers
    /// - Kubernetes Pod Security Standards, baseline: Capabilities
    /// - KICS: Container Capabilities Unrestricted; semgrep: no equivalent rule
    /// - Polaris: dangerousCapabilities
    /// - Docker docs: Runtime privilege and Linux capabilities (`docker run` reference)
    pub static CAP_ADD_NET_ADMIN = {
        code: "CAP-004",
        name: "cap-add-net-admin",
        family: Capabilities,
        severity: High,
        profiles: DBRC,
        fix: Always,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    let host_network = host_mode(&container.namespaces.network);
    let message = if host_network.is_some() {
        "adds NET_ADMIN on the host's network: the container can rewrite the host's \
         interfaces, routes and firewall"
    } else {
        "adds NET_ADMIN, which reconfigures interfaces, routes and firewall rules and \
         exposes much of the kernel's network code"
    };
    let Some(finding) = report_named(checker, container, "NET_ADMIN", message) else {
        return;
    };
    finding.help(
        "remove NET_ADMIN and configure networking outside the container; never combine \
         it with host networking",
    );
    if let Some(network) = host_network {
        finding
            .severity(Severity::Critical)
            .related(network.span, "the host's network is shared here");
    }
}

#[cfg(test)]
mod tests {
    use super::CAP_ADD_NET_ADMIN as RULE;
    use crate::config::Config;
    use crate::diagnostic::Severity;
    use crate::rules::testing::{assert_cases, diagnostics_with, fixed};

    #[test]
    fn cases() {
        assert_cases(
            &RULE,
            &[
                "services:\n  vpn:\n    image: wg\n    network_mode: host\n",
                "services:\n  vpn:\n    image: wg\n    cap_add: [ALL]\n    network_mode: host\n",
                "docker run --privileged --cap-add NET_ADMIN wg",
            ],
            &[
                (
                    "services:\n  vpn:\n    image: wg\n    cap_add:\n      - net_admin\n",
                    &[(5, 9)],
                ),
                (
                    "services:\n  vpn:\n    image: wg\n    network_mode: \"host\"\n    cap_add: [CAP_NET_ADMIN]\n",
                    &[(5, 15)],
                ),
                ("docker run --cap-add=NET_ADMIN wg", &[(1, 22)]),
                ("docker run --net=host --cap-add net_admin wg", &[(1, 33)]),
            ],
        );
    }

    #[test]
    fn host_network_makes_it_critical() {
        let severities = |text: &str| -> Vec<Severity> {
            diagnostics_with(&RULE, text, Config::default())
                .iter()
                .map(|d| d.severity)
                .collect()
        };
        assert_eq!(
            severities("docker run --network host --cap-add=NET_ADMIN wg"),
            [Severity::Critical]
        );
        assert_eq!(
            severities(
                "services:\n  vpn:\n    image: wg\n    network_mode: host\n    cap_add: [NET_ADMIN]\n"
            ),
            [Severity::Critical]
        );
        assert_eq!(
            severities("docker run --cap-add=NET_ADMIN wg"),
            [Severity::High]
        );
    }

    #[test]
    fn fix_removes_the_entry() {
        assert_eq!(
            fixed(&RULE, "docker run --cap-add=NET_ADMIN wg"),
            ["docker run wg"]
        );
        assert_eq!(
            fixed(
                &RULE,
                "services:\n  vpn:\n    image: wg\n    cap_add: [NET_RAW, NET_ADMIN]\n"
            ),
            ["services:\n  vpn:\n    image: wg\n    cap_add: [NET_RAW]\n"]
        );
    }
}
