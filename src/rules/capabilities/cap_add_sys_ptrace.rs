use super::report_named;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::model::Container;
use crate::rules::namespaces::host_mode;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Flags containers that add the SYS_PTRACE capability; critical when the container also shares the host's PID namespace.
    ///
    /// ## Why is this bad?
    /// SYS_PTRACE lets a process attach to any process it can see, read and write its
    /// memory and inject code into it, whoever owns it. Docker's seccomp profile also
    /// opens `kcmp`, `pidfd_getfd` and `process_madvise` for it. In the container's own
    /// PID namespace that reaches only the container's processes, but with `pid: host`
    /// (`--pid=host`) it reaches every process of the host, including root daemons:
    /// injecting into one of them is a full escape.
    ///
    /// Capabilities granted by privileged mode (PRIV-001) or by `ALL` (CAP-001) are
    /// reported by those rules; this one reports SYS_PTRACE added by name.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   debug:
    ///     image: example/api:1.4
    ///     pid: host
    ///     cap_add: [SYS_PTRACE]
    /// ```
    ///
    /// ```sh
    /// docker run --pid=host --cap-add=SYS_PTRACE example/api:1.4
    /// ```
    ///
    /// ## Use instead
    /// Remove the capability from the service. To debug it, start a one-off container
    /// that joins only its PID namespace (`docker run --rm -it --pid=container:api
    /// --cap-add=SYS_PTRACE busybox:1.36`) and stop it afterwards:
    /// ```yaml
    /// services:
    ///   debug:
    ///     image: example/api:1.4
    ///     cap_drop: [ALL]
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes SYS_PTRACE from `cap_add`. It is unsafe: debuggers, profilers
    /// and crash reporters that attach to processes stop working.
    ///
    /// ## When not to use it
    /// Short debugging sessions and some APM agents need it. Never leave it on a
    /// service that shares the host's PID namespace.
    ///
    /// ## References
    /// - CIS Docker Benchmark v1.6.0, 5.4 (5.3 in v1.5.0): Ensure that Linux kernel capabilities are restricted within containers
    /// - docker-bench-security community check C.5.3.4 (SYS_PTRACE)
    /// - Kubernetes Pod Security Standards, baseline: Capabilities
    /// - KICS: Container Capabilities Unrestricted; semgrep: no equivalent rule
    /// - Docker docs: Runtime privilege and Linux capabilities (`docker run` reference)
    pub static CAP_ADD_SYS_PTRACE = {
        code: "CAP-006",
        name: "cap-add-sys-ptrace",
        family: Capabilities,
        severity: High,
        profiles: DBRC,
        fix: Always,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    let host_pid = host_mode(&container.namespaces.pid);
    let message = if host_pid.is_some() {
        "adds SYS_PTRACE with the host's PID namespace: the container can inject code into \
         any process of the host"
    } else {
        "adds SYS_PTRACE, which lets it read and rewrite the memory of every process it can see"
    };
    let Some(finding) = report_named(checker, container, "SYS_PTRACE", message) else {
        return;
    };
    finding.help(
        "remove SYS_PTRACE once debugging is done, and never combine it with the host's PID namespace",
    );
    if let Some(pid) = host_pid {
        finding
            .severity(Severity::Critical)
            .related(pid.span, "the host's PID namespace is shared here");
    }
}

#[cfg(test)]
mod tests {
    use super::CAP_ADD_SYS_PTRACE as RULE;
    use crate::config::Config;
    use crate::diagnostic::Severity;
    use crate::rules::testing::{assert_cases, diagnostics_with};

    #[test]
    fn cases() {
        assert_cases(
            &RULE,
            &[
                "services:\n  app:\n    image: x\n    pid: host\n",
                "services:\n  app:\n    image: x\n    cap_add: [ALL]\n",
                "docker run --pid=host x",
            ],
            &[
                (
                    "services:\n  app:\n    image: x\n    cap_add: [sys_ptrace]\n",
                    &[(4, 15)],
                ),
                (
                    "services:\n  app:\n    image: x\n    pid: \"host\"\n    cap_add:\n      - CAP_SYS_PTRACE\n",
                    &[(6, 9)],
                ),
                ("docker run --cap-add SYS_PTRACE x", &[(1, 22)]),
                ("docker run --pid=host --cap-add=sys_ptrace x", &[(1, 33)]),
            ],
        );
    }

    #[test]
    fn host_pid_makes_it_critical() {
        let severities = |text: &str| -> Vec<Severity> {
            diagnostics_with(&RULE, text, Config::default())
                .iter()
                .map(|d| d.severity)
                .collect()
        };
        assert_eq!(
            severities("docker run --pid host --cap-add=SYS_PTRACE x"),
            [Severity::Critical]
        );
        assert_eq!(
            severities("docker run --pid=container:api --cap-add=SYS_PTRACE x"),
            [Severity::High]
        );
    }
}
