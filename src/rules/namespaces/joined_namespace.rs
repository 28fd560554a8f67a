use super::{host_mode, CGROUP, IPC, NETWORK, PID, USERNS, UTS};
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::model::{Container, NamespaceMode};
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Reports containers that join another container's namespace (`pid`, `ipc` or `network_mode` set to `service:NAME` or `container:NAME`), or a podman pod's (`--pod`); high when that container shares the host's namespace.
    ///
    /// ## Why is this bad?
    /// Joining is often the right tool (a sidecar, a debugger, a VPN client for one
    /// service), but the two containers then share one blast radius. With a shared PID
    /// namespace each sees and can signal the other's processes; with a shared network
    /// each reaches the other's loopback-only services, and the network settings of
    /// the joined container (its published ports, its `net.*` sysctls) apply to both.
    /// The joiner inherits the other container's exposure, and when that container
    /// shares the host's namespace, so does the joiner: the finding is then high.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   vpn:
    ///     image: example/vpn-client:2.0
    ///   torrent:
    ///     image: example/torrent:4.6
    ///     network_mode: service:vpn
    /// ```
    ///
    /// ```sh
    /// docker run --pid=container:api busybox:1.36
    /// ```
    ///
    /// ## Use instead
    /// Where the containers only need to talk to each other, put them on one
    /// user-defined network instead:
    /// ```yaml
    /// services:
    ///   api:
    ///     image: example/api:1.4
    ///     networks: [backend]
    ///   worker:
    ///     image: example/worker:1.0
    ///     networks: [backend]
    /// networks:
    ///   backend: {}
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: the two containers are often meant to share the namespace.
    ///
    /// ## When not to use it
    /// Sidecar patterns you have reviewed. The finding is informational unless the
    /// joined container shares the host's namespace.
    ///
    /// ## References
    /// - Docker docs: `--pid`, `--ipc` and `--network` `container:NAME` in the `docker run` reference
    /// - Compose Specification: `pid`, `ipc` and `network_mode` `service:NAME`
    /// - KICS and semgrep: no equivalent rule; no CIS Docker Benchmark item
    pub static JOINED_NAMESPACE = {
        code: "NS-006",
        name: "joined-namespace",
        family: Namespaces,
        severity: Info,
        profiles: D,
        fix: None,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    let mut pod = None;
    let mut pod_namespaces = Vec::new();
    for kind in [PID, IPC, NETWORK, UTS, USERNS, CGROUP] {
        let Some(setting) = (kind.get)(container) else {
            continue;
        };
        if let Some(NamespaceMode::Pod(name)) = setting.get() {
            pod = Some((name, setting.span));
            pod_namespaces.push(kind.noun);
            continue;
        }
        let Some(name) = setting.get().and_then(|mode| mode.joined()) else {
            continue;
        };
        let host = checker
            .container_named(name)
            .and_then(|joined| host_mode((kind.get)(joined)));
        let noun = kind.noun;
        let message = match host {
            Some(_) => format!(
                "joins the {noun} namespace of `{name}`, which shares the host's: this container does too"
            ),
            None => format!(
                "joins the {noun} namespace of `{name}`: the two containers share it, and this one inherits `{name}`'s exposure"
            ),
        };
        let finding = checker.report(container, setting.span, message);
        finding.help(format!(
            "keep the join only if the containers must share their {noun} namespace; review `{name}` as part of this container"
        ));
        if let Some(host) = host {
            finding.severity(Severity::High).related(
                host.span,
                format!("`{name}` shares the host's {noun} namespace here"),
            );
        }
    }
    // One finding for the pod, whose namespaces the container joins all at once.
    if let Some((name, span)) = pod {
        let namespaces = match pod_namespaces.split_last() {
            Some((last, [])) => last.to_string(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
            None => String::new(),
        };
        checker
            .report(
                container,
                span,
                format!("joins pod `{name}`: it shares its {namespaces} namespaces with every container of the pod, and inherits their exposure"),
            )
            .help("run it in the pod only if it must share those namespaces with the pod's other containers; review them as part of this container");
    }
}

#[cfg(test)]
mod tests {
    use super::JOINED_NAMESPACE as RULE;
    use crate::config::Config;
    use crate::diagnostic::Severity;
    use crate::rules::testing::{assert_cases, diagnostics_with};

    #[test]
    fn cases() {
        assert_cases(
            &RULE,
            &[
                "services:\n  app:\n    image: x\n    pid: host\n    network_mode: bridge\n",
                "services:\n  app:\n    image: x\n    ipc: shareable\n",
                "docker run --network=my-net x",
            ],
            &[
                (
                    "services:\n  vpn:\n    image: v\n  app:\n    image: x\n    network_mode: \"service:vpn\"\n    pid: container:other\n",
                    &[(6, 20), (7, 10)],
                ),
                ("docker run --pid=container:api x", &[(1, 18)]),
                ("docker run --network container:vpn --ipc container:vpn x", &[(1, 22), (1, 42)]),
                ("podman run --pod web x", &[(1, 18)]),
                ("podman run --pod=new:web --ipc private x", &[(1, 18)]),
            ],
        );
    }

    #[test]
    fn a_pod_is_joined_once_for_the_namespaces_it_shares() {
        let messages: Vec<String> = diagnostics_with(
            &RULE,
            "podman run --pod=new:web --ipc private x",
            Config::default(),
        )
        .into_iter()
        .map(|d| d.message)
        .collect();
        assert_eq!(messages, ["joins pod web: it shares its network and UTS namespaces with every container of the pod, and inherits their exposure"]);
    }

    #[test]
    fn joining_a_host_namespace_is_high() {
        let text = "services:\n  agent:\n    image: a\n    network_mode: host\n  app:\n    image: x\n    network_mode: service:agent\n    pid: service:agent\n";
        let severities: Vec<Severity> = diagnostics_with(&RULE, text, Config::default())
            .iter()
            .map(|d| d.severity)
            .collect();
        assert_eq!(severities, [Severity::High, Severity::Info]);
    }
}
