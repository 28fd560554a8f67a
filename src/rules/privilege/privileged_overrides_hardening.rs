use crate::declare_rule;
use crate::model::Container;
use crate::rules::Checker;
use crate::span::Span;

declare_rule! {
    /// ## What it does
    /// Flags hardening settings that privileged mode ignores or defeats: `cap_drop`, an SELinux `label`, `read_only` and `no-new-privileges` on a privileged container.
    ///
    /// ## Why is this bad?
    /// They make a privileged container look contained when it is not:
    ///
    /// - `cap_drop` is ignored: Docker gives a privileged container every capability
    ///   and does not look at `cap_add` or `cap_drop` at all;
    /// - a `label=...` option is ignored: Docker runs privileged processes without an
    ///   SELinux label;
    /// - `read_only` still mounts the root filesystem read-only, but a privileged
    ///   process holds SYS_ADMIN without seccomp or AppArmor in the way and can simply
    ///   remount it read-write;
    /// - `no-new-privileges` keeps a process from gaining privileges through set-user-ID
    ///   binaries, but a privileged process already has all of them.
    ///
    /// An AppArmor or seccomp profile named explicitly is still applied to a privileged
    /// container by current Docker releases, so this rule does not report those.
    /// PRIV-001 reports privileged mode itself; this rule points at the settings that
    /// give a false sense of safety next to it.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   agent:
    ///     image: monitoring/agent:2.1
    ///     privileged: true
    ///     cap_drop: [ALL]
    /// ```
    ///
    /// ```sh
    /// docker run --privileged --cap-drop=ALL monitoring/agent:2.1
    /// ```
    ///
    /// ## Use instead
    /// Drop privileged mode so that the hardening takes effect, and grant the one
    /// capability the agent needs:
    /// ```yaml
    /// services:
    ///   agent:
    ///     image: monitoring/agent:2.1
    ///     read_only: true
    ///     cap_drop: [ALL]
    ///     cap_add: [SYS_PTRACE]
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: the hardening settings are right, privileged mode is the
    /// problem, and PRIV-001 offers to remove it.
    ///
    /// ## When not to use it
    /// When privileged mode is unavoidable and the settings are kept on purpose, for the
    /// day it goes away; suppress the finding with a reason.
    ///
    /// ## References
    /// - CIS Docker Benchmark v1.6.0, 5.5 (5.4 in v1.5.0): Ensure that privileged containers are not used
    /// - moby `caps.TweakCapabilities` (privileged ignores the capability lists) and `Container.GetProcessLabel` (no SELinux label when privileged)
    /// - KICS and semgrep: no equivalent rule
    /// - Docker docs: Runtime privilege and Linux capabilities (`docker run` reference)
    pub static PRIVILEGED_OVERRIDES_HARDENING = {
        code: "PRIV-002",
        name: "privileged-overrides-hardening",
        family: Privilege,
        severity: Medium,
        profiles: D,
        fix: None,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    let Some(privileged) = container.privileged.as_ref().filter(|p| p.is_true()) else {
        return;
    };
    let mut overridden: Vec<(Span, &str)> = Vec::new();
    if let Some(first) = container.cap_drop.first() {
        overridden.push((
            first.span,
            "cap_drop is ignored: Docker gives a privileged container every capability",
        ));
    }
    if let Some(read_only) = container.read_only.as_ref().filter(|r| r.is_true()) {
        overridden.push((
            read_only.span,
            "read_only does not hold: a privileged process can remount the root filesystem read-write",
        ));
    }
    if let Some(nnp) = container
        .security_opt("no-new-privileges")
        .filter(|opt| opt.entry.value.is_some())
        .filter(|opt| opt.switch != Some(false))
    {
        overridden.push((
            nnp.entry.span,
            "no-new-privileges has nothing to prevent: a privileged process already holds every privilege",
        ));
    }
    for label in container
        .security_opts("label")
        .filter(|opt| opt.value.as_deref() != Some("disable"))
    {
        overridden.push((
            label.entry.span,
            "this SELinux label is ignored: Docker runs privileged processes unlabelled",
        ));
    }
    for (span, message) in overridden {
        checker
            .report(container, span, message)
            .help("remove privileged mode so that this setting takes effect, and grant only the capability or device the workload needs")
            .related(privileged.span, "privileged mode is enabled here");
    }
}

#[cfg(test)]
mod tests {
    use super::PRIVILEGED_OVERRIDES_HARDENING as RULE;
    use crate::rules::testing::assert_cases;

    #[test]
    fn cases() {
        assert_cases(
            &RULE,
            &[
                "services:\n  app:\n    image: x\n    cap_drop: [ALL]\n    read_only: true\n",
                "services:\n  app:\n    image: x\n    privileged: true\n",
                "services:\n  app:\n    image: x\n    privileged: false\n    cap_drop: [ALL]\n",
                "services:\n  app:\n    image: x\n    privileged: ${PRIV}\n    cap_drop: [ALL]\n",
                // Explicit profiles are applied; label=disable and a false option are not hardening.
                "services:\n  app:\n    image: x\n    privileged: true\n    read_only: false\n    security_opt:\n      - seccomp=profile.json\n      - apparmor=custom\n      - label=disable\n      - no-new-privileges=false\n",
                "docker run --privileged --security-opt apparmor=custom x",
            ],
            &[
                (
                    "services:\n  app:\n    image: x\n    privileged: true\n    cap_drop:\n      - ALL\n      - NET_RAW\n    read_only: \"true\"\n",
                    &[(6, 9), (8, 16)],
                ),
                (
                    "services:\n  app:\n    image: x\n    privileged: \"True\"\n    security_opt:\n      - no-new-privileges:true\n      - label=type:container_t\n",
                    &[(6, 9), (7, 9)],
                ),
                ("docker run --privileged --cap-drop ALL x", &[(1, 36)]),
                (
                    "docker run --privileged --read-only --security-opt no-new-privileges x",
                    &[(1, 25), (1, 52)],
                ),
            ],
        );
    }
}
