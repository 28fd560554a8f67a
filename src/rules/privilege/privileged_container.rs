use crate::declare_rule;
use crate::diagnostic::Applicability;
use crate::model::edit::Intent;
use crate::model::Container;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Flags containers that run in privileged mode (`privileged: true`, `--privileged`), and Compose lifecycle hooks (`post_start`, `pre_stop`) and `develop.watch` `exec` commands that run privileged.
    ///
    /// ## Why is this bad?
    /// Privileged mode switches off almost every isolation layer at once: the container
    /// gets all capabilities (and `cap_drop` is ignored), every host device, a writable
    /// `/sys` and cgroup filesystem, unmasked `/proc` paths such as `/proc/sysrq-trigger`
    /// and `/proc/kcore`, and no seccomp, AppArmor or SELinux confinement unless one is
    /// named explicitly. Root in a privileged container is root on the host.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   agent:
    ///     image: monitoring/agent:2.1
    ///     privileged: true
    /// ```
    ///
    /// ```sh
    /// docker run -d --privileged monitoring/agent:2.1
    /// ```
    ///
    /// ## Use instead
    /// Grant only the capability or device the workload needs:
    /// ```yaml
    /// services:
    ///   agent:
    ///     image: monitoring/agent:2.1
    ///     cap_drop: [ALL]
    ///     cap_add: [SYS_PTRACE]
    /// ```
    ///
    /// ## Fix safety
    /// The fix sets `privileged: false` (or removes `--privileged`). It is unsafe: a workload that
    /// really needs a device or capability stops working until you grant that one thing.
    ///
    /// ## When not to use it
    /// Nested container engines (Docker-in-Docker) and some hardware agents need privileged
    /// mode; run them on dedicated hosts and suppress this rule with a reason.
    ///
    /// ## References
    /// - CIS Docker Benchmark v1.6.0, 5.5 (5.4 in v1.5.0): Ensure that privileged containers are not used
    /// - Kubernetes Pod Security Standards, baseline: Privileged Containers
    /// - KICS: Privileged Containers Enabled; semgrep: privileged-service
    pub static PRIVILEGED_CONTAINER = {
        code: "PRIV-001",
        name: "privileged-container",
        family: Privilege,
        severity: Critical,
        profiles: DBRC,
        fix: Always,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    for hook in &container.hooks {
        let Some(privileged) = hook.privileged.as_ref().filter(|p| p.is_true()) else {
            continue;
        };
        checker
            .report(
                container,
                privileged.span,
                format!("runs its {} in privileged mode: the command gets all capabilities and host devices, whatever the container's own settings", hook.described()),
            )
            .help("remove `privileged` from the hook; give the hook's command only what it needs, or do that work on the host")
            .fix(
                "Set `privileged: false` in the hook",
                Applicability::Unsafe,
                vec![Intent::TurnOff {
                    at: privileged.span,
                }],
            );
    }
    let Some(privileged) = container.privileged.as_ref().filter(|p| p.is_true()) else {
        return;
    };
    let title = if container.is_compose() {
        "Set `privileged: false`"
    } else {
        "Remove `--privileged`"
    };
    let message = if container.keeps_host_devices_out() {
        "runs in privileged mode: all capabilities, no seccomp, AppArmor or SELinux (privileged-without-host-devices keeps the host's devices out)"
    } else {
        "runs in privileged mode: all capabilities, all host devices, no seccomp, AppArmor or SELinux"
    };
    checker
        .report(container, privileged.span, message)
        .help("remove privileged mode and grant only the specific capability or device the workload needs")
        .fix(
            title,
            Applicability::Unsafe,
            vec![Intent::TurnOff {
                at: privileged.span,
            }],
        );
}

#[cfg(test)]
mod tests {
    use super::PRIVILEGED_CONTAINER as RULE;
    use crate::rules::testing::assert_cases;

    #[test]
    fn a_privileged_lifecycle_hook_is_reported_at_its_own_setting() {
        let text = "services:\n  web:\n    image: nginx\n    post_start:\n      - command: chown -R app /data\n        privileged: true\n    pre_stop:\n      - command: sync\n        privileged: false\n";
        assert_eq!(crate::rules::testing::findings(&RULE, text), [(6, 21)]);
        assert_eq!(
            crate::rules::testing::fixed(&RULE, text),
            [text.replace("privileged: true", "privileged: false")]
        );
        // Hooks add up through `extends`; a `!reset` of one event drops its hooks only.
        let text = "services:\n  base:\n    image: nginx\n    post_start:\n      - command: a\n        privileged: true\n  web:\n    extends: base\n    post_start: !reset []\n";
        assert_eq!(crate::rules::testing::findings(&RULE, text), [(6, 21)]);
    }

    #[test]
    fn a_privileged_watch_command_is_reported_at_its_own_setting() {
        let text = "services:
  web:
    image: nginx
    develop:
      watch:
        - path: ./src
          action: sync+exec
          target: /app
          exec:
            command: reload
            privileged: true
";
        assert_eq!(crate::rules::testing::findings(&RULE, text), [(11, 25)]);
        let analysis = crate::analyze(text, &crate::AnalyzeOptions::default());
        assert!(analysis
            .diagnostics
            .iter()
            .find(|d| d.code == "PRIV-001")
            .unwrap()
            .message
            .starts_with("runs its develop.watch exec command in privileged mode"));
        // `develop: !reset` in a service that extends it drops the command.
        let text = format!("{text}  app:\n    extends: web\n    develop: !reset {{}}\n");
        assert_eq!(crate::rules::testing::findings(&RULE, &text), [(11, 25)]);
    }

    #[test]
    fn nerdctl_without_host_devices_says_so() {
        let message = |text: &str| {
            crate::analyze(text, &crate::AnalyzeOptions::default())
                .diagnostics
                .into_iter()
                .find(|d| d.code == "PRIV-001")
                .map(|d| d.message)
        };
        assert_eq!(
            message("nerdctl run --privileged --security-opt privileged-without-host-devices img").as_deref(),
            Some("runs in privileged mode: all capabilities, no seccomp, AppArmor or SELinux (privileged-without-host-devices keeps the host's devices out)")
        );
        assert_eq!(
            message("nerdctl run --privileged --security-opt privileged-without-host-devices=false img").as_deref(),
            Some("runs in privileged mode: all capabilities, all host devices, no seccomp, AppArmor or SELinux")
        );
    }

    #[test]
    fn cases() {
        assert_cases(
            &RULE,
            &[
                "services:\n  web:\n    image: nginx\n",
                "services:\n  web:\n    image: nginx\n    privileged: false\n",
                "services:\n  web:\n    image: nginx\n    privileged: \"false\"\n",
                "services:\n  web:\n    image: nginx\n    privileged: ${PRIV}\n",
                "docker run --privileged=false nginx",
                "docker run nginx --privileged",
                "docker run -e X=--privileged nginx",
            ],
            &[
                (
                    "services:\n  web:\n    image: nginx\n    privileged: true\n",
                    &[(4, 17)],
                ),
                (
                    "services:\n  web:\n    image: nginx\n    privileged: \"true\"\n",
                    &[(4, 17)],
                ),
                (
                    "services:\n  web:\n    image: nginx\n    privileged: 'TRUE'\n",
                    &[(4, 17)],
                ),
                (
                    "services:\n  web:\n    image: nginx\n    privileged: ${PRIV:-true}\n",
                    &[(4, 17)],
                ),
                ("docker run --privileged nginx", &[(1, 12)]),
                ("docker run --privileged=true nginx", &[(1, 12)]),
            ],
        );
    }
}
