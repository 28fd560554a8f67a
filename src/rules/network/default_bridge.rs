use crate::declare_rule;
use crate::diagnostic::Applicability;
use crate::knowledge::engines::Engine;
use crate::model::{Container, NamespaceMode, Origin};
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Flags containers on Docker's default bridge network: `network_mode: bridge`, `--network bridge`, or a `docker run` without `--network`.
    ///
    /// ## Why is this bad?
    /// Every container started without a network lands on the same default bridge
    /// (`docker0`), so unrelated containers can reach each other on any port, and a
    /// compromised one can probe or spoof its neighbours. Names do not resolve there
    /// (only the legacy `links` work), which pushes people to hard-code addresses or
    /// publish ports to the host. A user-defined network gives each application its
    /// own segment and working name resolution.
    ///
    /// Compose services without `network_mode` are not on the default bridge: Compose
    /// creates a user-defined network per project, so only an explicit
    /// `network_mode: bridge` is reported for Compose. The rule is part of the `cis`
    /// profile only.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   cache:
    ///     image: redis:7.4
    ///     network_mode: bridge
    /// ```
    ///
    /// ```sh
    /// docker run -d redis:7.4
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   cache:
    ///     image: redis:7.4
    /// ```
    ///
    /// ```sh
    /// docker network create appnet
    /// docker run -d --network appnet redis:7.4
    /// ```
    ///
    /// ## Fix safety
    /// For Compose the fix removes `network_mode: bridge`, moving the service to the
    /// project's network. It is unsafe: containers outside the project that reached it
    /// on the default bridge no longer can. Run commands get no fix, because the
    /// network has to be created first.
    ///
    /// ## When not to use it
    /// Quick local experiments, where a network per container is overhead.
    ///
    /// ## References
    /// - CIS Docker Benchmark v1.6.0, 5.30 (5.29 in v1.5.0): Ensure that Docker's default bridge "docker0" is not used
    /// - KICS: Networks Not Set (which also flags Compose services without `networks`, where Compose already uses a project network); semgrep: no equivalent rule
    /// - Docker docs: Bridge network driver (differences between user-defined bridges and the default bridge)
    pub static DEFAULT_BRIDGE = {
        code: "NET-002",
        name: "default-bridge",
        family: Network,
        severity: Low,
        profiles: C,
        fix: Sometimes,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    let help = "create a user-defined network and attach the container to it";
    match &container.namespaces.network {
        Some(network) if network.get() == Some(&NamespaceMode::Bridge) => {
            let message = match container.engine() {
                Engine::Docker => "uses Docker's default bridge network, shared with every container started without a network",
                // podman-run(1) `--network bridge`: the default network, `podman`.
                Engine::Podman => "uses podman's default bridge network (`podman`), shared with every rootful container started without a network",
                Engine::Nerdctl => "uses nerdctl's default bridge network (`bridge`, `nerdctl0`), shared with every container started without a network",
            };
            let finding = checker.report(container, network.span, message);
            finding.help(help);
            if container.is_compose() {
                finding.fix_by_removing(
                    network.span,
                    "Remove `network_mode: bridge` (use the project's network)",
                    Applicability::Unsafe,
                );
            }
        }
        // Podman's and nerdctl's defaults differ; the CIS item is about Docker's.
        None if matches!(&container.origin, Origin::Run { tool, .. } if tool == "docker") => {
            checker
                .report(
                    container,
                    checker.missing_span(container),
                    "has no --network, so it runs on Docker's default bridge network, shared with every such container",
                )
                .help(help);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::DEFAULT_BRIDGE as RULE;
    use crate::config::Profile;
    use crate::rules::testing::{assert_cases, findings_in};

    #[test]
    fn cases() {
        assert_cases(
            &RULE,
            &[
                // Compose puts services on the project's own network.
                "services:\n  app:\n    image: x\n",
                "services:\n  app:\n    image: x\n    network_mode: host\n",
                "docker run --network appnet x",
                "docker run --net=none x",
                "podman run x",
            ],
            &[
                (
                    "services:\n  app:\n    image: x\n    network_mode: bridge\n",
                    &[(4, 19)],
                ),
                ("docker run x", &[(1, 1)]),
                ("docker run --name web x", &[(1, 1)]),
                ("docker run --network=bridge x", &[(1, 22)]),
                ("docker run --net default x", &[(1, 18)]),
            ],
        );
    }

    #[test]
    fn only_in_the_cis_profile() {
        assert_eq!(findings_in(&RULE, "docker run x", Profile::Cis), [(1, 1)]);
        let options = crate::analyze::AnalyzeOptions::default();
        let codes: Vec<String> = crate::analyze::analyze("docker run x", &options)
            .diagnostics
            .into_iter()
            .map(|d| d.code)
            .collect();
        assert!(!codes.contains(&RULE.code.to_string()));
    }
}
