use super::{memory_limit, Limit};
use crate::declare_rule;
use crate::diagnostic::Applicability;
use crate::model::Container;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Flags containers that switch the OOM killer off (`oom_kill_disable: true`,
    /// `--oom-kill-disable`) without a memory limit.
    ///
    /// ## Why is this bad?
    /// With a memory limit, disabling the OOM killer makes the container's processes wait
    /// when they reach the limit instead of being killed. Without one, the only limit is
    /// the host's memory: when it runs out, the kernel may not kill the container's
    /// processes and has to kill something else on the host, or the host stalls. The engine
    /// itself warns about this combination. (On hosts with cgroup v2 the engine ignores the
    /// option, with a warning.)
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   db:
    ///     image: registry.example.com/db:16.4
    ///     oom_kill_disable: true
    /// ```
    ///
    /// ```sh
    /// docker run --oom-kill-disable registry.example.com/db:16.4
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   db:
    ///     image: registry.example.com/db:16.4
    ///     mem_limit: 2g
    ///     oom_kill_disable: true
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes the option, so the OOM killer may end the container's processes
    /// again. It is unsafe because that changes how the workload fails under memory
    /// pressure; setting a memory limit instead is the other way out.
    ///
    /// ## When not to use it
    /// There is no good reason to run without both safeguards.
    ///
    /// ## References
    /// - moby `daemon/daemon_unix.go`: the warning for OOM killer disabled without a memory limit
    /// - Docker documentation: Resource constraints, `--oom-kill-disable`
    pub static OOM_KILL_DISABLED_WITHOUT_LIMIT = {
        code: "RES-004",
        name: "oom-kill-disabled-without-limit",
        family: Resources,
        severity: High,
        profiles: DBRC,
        fix: Sometimes,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    let Some(disabled) = container
        .resources
        .oom_kill_disable
        .as_ref()
        .filter(|d| d.is_true())
    else {
        return;
    };
    if !matches!(
        memory_limit(container),
        Limit::Missing | Limit::Unlimited(_)
    ) {
        return;
    }
    checker
        .report(
            container,
            disabled.span,
            "disables the OOM killer without a memory limit: when the host runs out of memory, the kernel cannot reclaim it from this container",
        )
        .help("set a memory limit, or let the OOM killer work by removing this option")
        .fix_by_removing(disabled.span,
            "Remove the OOM-killer option",
            Applicability::Unsafe,
        );
}

#[cfg(test)]
mod tests {
    use super::OOM_KILL_DISABLED_WITHOUT_LIMIT as RULE;
    use crate::rules::testing::{assert_cases, fixed};

    const HEAD: &str = "services:\n  app:\n    image: nginx:1.27\n";

    #[test]
    fn cases() {
        let compose = |tail: &str| format!("{HEAD}{tail}");
        assert_cases(
            &RULE,
            &[
                &compose(""),
                &compose("    oom_kill_disable: false\n"),
                &compose("    oom_kill_disable: true\n    mem_limit: 1g\n"),
                &compose("    oom_kill_disable: true\n    deploy:\n      resources:\n        limits:\n          memory: 512M\n"),
                &compose("    oom_kill_disable: true\n    mem_limit: ${MEM}\n"),
                &compose("    oom_kill_disable: ${OOM}\n"),
                "docker run --oom-kill-disable -m 1g nginx:1.27",
                "docker run --oom-kill-disable=false nginx:1.27",
            ],
            &[
                (&compose("    oom_kill_disable: true\n"), &[(4, 23)]),
                (&compose("    oom_kill_disable: \"true\"\n"), &[(4, 23)]),
                (
                    &compose("    oom_kill_disable: true\n    mem_limit: 0\n"),
                    &[(4, 23)],
                ),
                ("docker run --oom-kill-disable nginx:1.27", &[(1, 12)]),
                ("docker run --oom-kill-disable=true nginx:1.27", &[(1, 12)]),
            ],
        );
    }

    #[test]
    fn fix_removes_the_option() {
        let text = format!("{HEAD}    oom_kill_disable: true\n    restart: \"no\"\n");
        assert_eq!(
            fixed(&RULE, &text),
            vec![format!("{HEAD}    restart: \"no\"\n")]
        );
        assert_eq!(
            fixed(&RULE, "docker run --oom-kill-disable nginx:1.27"),
            vec!["docker run nginx:1.27"]
        );
    }
}
