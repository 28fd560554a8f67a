use crate::declare_rule;
use crate::diagnostic::Applicability;
use crate::model::edit::Intent;
use crate::model::{Container, Setting};
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Flags Compose builds that run with extra privileges: `build.privileged: true`, the `security.insecure` or `network.host` entitlements, or `build.network: host`.
    ///
    /// ## Why is this bad?
    /// Build steps run code from the Dockerfile, its base image and every package they
    /// download, on the machine that builds, often a developer laptop or a CI runner
    /// holding secrets. A privileged build (`privileged: true` or the
    /// `security.insecure` entitlement, where the builder allows it) runs those `RUN`
    /// steps like a privileged container, with root on the build host one step away.
    /// Host networking (`network: host` or the `network.host` entitlement) lets them
    /// reach services that listen only on the host's loopback interface, such as
    /// metadata endpoints, local databases or the Docker API.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   app:
    ///     build:
    ///       context: .
    ///       privileged: true
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   app:
    ///     build:
    ///       context: .
    /// ```
    ///
    /// ## Fix safety
    /// The fix sets `privileged: false` or removes the entitlement or network setting.
    /// It is unsafe: a build step that needed them (a nested build, a test against a
    /// service on the host) fails and has to be reworked. Run commands get no fix: they
    /// have no build settings (a `docker build` command line is not analysed).
    ///
    /// ## When not to use it
    /// Builds of system images that genuinely need it (images for other container
    /// engines, for example) on an isolated builder; suppress the finding with a reason.
    ///
    /// ## References
    /// - Compose Specification, build: `privileged`, `network`, `entitlements`
    /// - Docker docs: `docker buildx build --allow` (entitlements `security.insecure`, `network.host`)
    /// - KICS and semgrep: no equivalent rule; no CIS Docker Benchmark item
    pub static BUILD_PRIVILEGED = {
        code: "PRIV-004",
        name: "build-privileged",
        family: Privilege,
        severity: Medium,
        profiles: D,
        fix: Always,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    let Some(build) = &container.build else {
        return;
    };
    if let Some(privileged) = build.privileged.as_ref().filter(|p| p.is_true()) {
        checker
            .report(
                container,
                privileged.span,
                "builds in privileged mode: RUN steps get the power of a privileged container on the build host",
            )
            .help("build without privileged mode; do the privileged part at run time, where it can be reviewed")
            .fix(
                "Set `privileged: false`",
                Applicability::Unsafe,
                vec![Intent::TurnOff {
                    at: privileged.span,
                }],
            );
    }
    let host_network = build
        .network
        .as_ref()
        .filter(|network| network.get().is_some_and(|mode| mode == "host"));
    let entitlements = build.entitlements.iter().filter_map(|entitlement| {
        let why = match entitlement.get()?.as_str() {
            "security.insecure" => "allows insecure builds: RUN steps may run privileged",
            "network.host" => "allows RUN steps on the host's network",
            _ => return None,
        };
        Some((entitlement, why))
    });
    let findings: Vec<(&Setting<String>, &str)> = host_network
        .map(|network| (network, "runs build steps on the host's network"))
        .into_iter()
        .chain(entitlements)
        .collect();
    for (setting, message) in findings {
        checker
            .report(container, setting.span, message)
            .help("remove it: build steps should not need more than an ordinary build network")
            .fix_by_removing(
                setting.span,
                format!("Remove `{}`", setting.raw),
                Applicability::Unsafe,
            );
    }
}

#[cfg(test)]
mod tests {
    use super::BUILD_PRIVILEGED as RULE;
    use crate::rules::testing::{assert_cases, fixed};

    #[test]
    fn cases() {
        assert_cases(
            &RULE,
            &[
                "services:\n  app:\n    build: .\n",
                "services:\n  app:\n    build:\n      context: .\n      privileged: false\n      network: none\n      entitlements: [device]\n",
                "services:\n  app:\n    build:\n      context: .\n      privileged: ${PRIV}\n",
            ],
            &[
                (
                    "services:\n  app:\n    build:\n      context: .\n      privileged: \"true\"\n",
                    &[(5, 19)],
                ),
                (
                    "services:\n  app:\n    build:\n      context: .\n      network: host\n      entitlements:\n        - security.insecure\n        - network.host\n",
                    &[(5, 16), (7, 11), (8, 11)],
                ),
            ],
        );
    }

    #[test]
    fn fixes() {
        assert_eq!(
            fixed(
                &RULE,
                "services:\n  app:\n    build:\n      context: .\n      network: host\n"
            ),
            ["services:\n  app:\n    build:\n      context: .\n"]
        );
    }
}
