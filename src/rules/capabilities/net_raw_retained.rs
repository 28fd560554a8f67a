use super::{effective, is_allowed, report_addition, report_kept};
use crate::declare_rule;
use crate::knowledge::engines::Engine;
use crate::model::caps::{self, Grant};
use crate::model::Container;
use crate::rules::namespaces::host_mode;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Flags containers that keep the NET_RAW capability, which Docker grants by default, or add it back.
    ///
    /// ## Why is this bad?
    /// NET_RAW opens raw and packet sockets. On a shared bridge network a container can
    /// use them to forge ARP and DNS replies and intercept its neighbours' traffic, and
    /// packet sockets have had kernel bugs that led to root on the host
    /// (CVE-2020-14386). With host networking it can sniff every packet of the host.
    /// Few programs need it: Docker's default `net.ipv4.ping_group_range` sysctl lets
    /// `ping` work without it. It is the one capability of Docker's default set that
    /// the Kubernetes "baseline" Pod Security level does not allow.
    ///
    /// Capabilities granted by privileged mode (PRIV-001) or by `ALL` (CAP-001) are
    /// reported by those rules.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   api:
    ///     image: example/api:1.4
    /// ```
    ///
    /// ```sh
    /// docker run --cap-drop=ALL --cap-add=NET_RAW example/api:1.4
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   api:
    ///     image: example/api:1.4
    ///     cap_drop: [NET_RAW]
    /// ```
    ///
    /// ```sh
    /// docker run --cap-drop=ALL example/api:1.4
    /// ```
    ///
    /// ## Fix safety
    /// The fix drops NET_RAW (or removes it from `cap_add`). It is unsafe for network
    /// diagnostic tools (`tcpdump`, `arping`, `traceroute` in some modes), which stop
    /// working; ordinary services do not notice.
    ///
    /// ## When not to use it
    /// Network monitoring and diagnostic containers need it. Accept it with the
    /// `allowedCapabilities` option or suppress the finding with a reason.
    ///
    /// ## References
    /// - CIS Docker Benchmark v1.6.0, 5.4 (5.3 in v1.5.0): Ensure that Linux kernel capabilities are restricted within containers
    /// - Kubernetes Pod Security Standards, baseline: Capabilities (NET_RAW is not in the allowed list)
    /// - KICS: Container Capabilities Unrestricted; semgrep: no equivalent rule
    /// - Polaris: insecureCapabilities
    /// - Docker docs: Runtime privilege and Linux capabilities (`docker run` reference)
    pub static NET_RAW_RETAINED = {
        code: "CAP-009",
        name: "net-raw-retained",
        family: Capabilities,
        severity: Low,
        profiles: BR,
        fix: Always,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    let Some(caps) = effective(container) else {
        return;
    };
    let Some(net_raw) = caps.get("NET_RAW") else {
        return;
    };
    if is_allowed(checker, "NET_RAW") {
        return;
    }
    let reach = if host_mode(&container.namespaces.network).is_some() {
        "lets it sniff all of the host's traffic"
    } else {
        "lets it forge packets and spoof its neighbours on the network"
    };
    let engine = caps.engine;
    let help = ping_help(engine);
    match (net_raw.grant, net_raw.source) {
        (Grant::Added, Some(source)) => {
            let message = if caps::is_default(engine, "NET_RAW") {
                format!("adds NET_RAW back, which {reach}")
            } else {
                format!(
                    "adds NET_RAW, which {} does not grant by default and {reach}",
                    engine.display_name()
                )
            };
            report_addition(checker, container, source, message).help(help);
        }
        // An unresolved `cap_drop` entry may drop it.
        (Grant::Default, _) if container.cap_drop.iter().all(|d| d.value.is_some()) => {
            let message = format!(
                "keeps NET_RAW from {}'s default capabilities, which {reach}",
                caps.engine.display_name()
            );
            report_kept(checker, container, "NET_RAW", Vec::new(), message).help(help);
        }
        _ => {}
    }
}

/// Why dropping NET_RAW keeps `ping` working: podman says so with its own default
/// sysctl, which lets every group open ICMP echo sockets.
fn ping_help(engine: Engine) -> String {
    let ping_sysctl = engine
        .default_sysctls()
        .iter()
        .find(|(key, _)| *key == "net.ipv4.ping_group_range");
    match ping_sysctl {
        Some((key, value)) => format!(
            "remove NET_RAW; {}'s default `{key}={value}` sysctl lets ping work without it",
            engine.display_name()
        ),
        None => "drop NET_RAW; ping keeps working without it".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::NET_RAW_RETAINED as RULE;
    use crate::config::Config;
    use crate::rules::testing::{assert_cases, diagnostics_with, fixed};

    #[test]
    fn cases() {
        assert_cases(
            &RULE,
            &[
                "services:\n  app:\n    image: x\n    cap_drop: [ALL]\n",
                "services:\n  app:\n    image: x\n    cap_drop: [net_raw]\n",
                "services:\n  app:\n    image: x\n    cap_drop: [CAP_NET_RAW]\n    cap_add: [CHOWN]\n",
                "services:\n  app:\n    image: x\n    cap_drop: [\"$DROP\"]\n",
                "services:\n  app:\n    image: x\n    cap_add: [ALL]\n",
                "services:\n  app:\n    image: x\n    privileged: true\n",
                "docker run --cap-drop=NET_RAW x",
                "docker run --cap-drop all x",
                // Podman does not grant NET_RAW, so there is nothing to keep.
                "podman run x",
                "podman run --cap-drop SETUID x",
            ],
            &[
                ("services:\n  app:\n    image: x\n", &[(2, 3)]),
                (
                    "services:\n  app:\n    image: x\n    cap_drop:\n      - SETUID\n",
                    &[(5, 9)],
                ),
                (
                    "services:\n  app:\n    image: x\n    cap_drop: [ALL]\n    cap_add: [net_raw]\n",
                    &[(5, 15)],
                ),
                ("docker run --cap-drop=ALL --cap-add=CAP_NET_RAW x", &[(1, 37)]),
                ("docker run --cap-drop SETUID x", &[(1, 23)]),
                ("nerdctl run x", &[(1, 1)]),
                ("podman run --cap-add NET_RAW x", &[(1, 22)]),
            ],
        );
    }

    #[test]
    fn messages_name_the_engine() {
        let only = |text| {
            let diagnostics = diagnostics_with(&RULE, text, Config::default());
            assert_eq!(diagnostics.len(), 1, "{text}");
            let diagnostic = &diagnostics[0];
            (diagnostic.message.clone(), diagnostic.help.clone().unwrap())
        };
        assert_eq!(
            only("podman run --cap-add NET_RAW x"),
            (
                "adds NET_RAW, which Podman does not grant by default and lets it forge packets and spoof its neighbours on the network".to_string(),
                "remove NET_RAW; Podman's default net.ipv4.ping_group_range=0 0 sysctl lets ping work without it".to_string(),
            )
        );
        assert_eq!(
            only("docker run --cap-drop=ALL --cap-add NET_RAW x").0,
            "adds NET_RAW back, which lets it forge packets and spoof its neighbours on the network"
        );
        assert_eq!(
            only("nerdctl run --network host x"),
            (
                "keeps NET_RAW from nerdctl's default capabilities, which lets it sniff all of the host's traffic".to_string(),
                "drop NET_RAW; ping keeps working without it".to_string(),
            )
        );
    }

    #[test]
    fn fix_drops_net_raw() {
        assert_eq!(
            fixed(
                &RULE,
                "services:\n  app:\n    image: x\n    cap_drop:\n      - SETUID\n"
            ),
            ["services:\n  app:\n    image: x\n    cap_drop:\n      - NET_RAW\n      - SETUID\n"]
        );
        assert_eq!(
            fixed(&RULE, "docker run --cap-drop=ALL --cap-add NET_RAW x"),
            ["docker run --cap-drop=ALL x"]
        );
    }
}
