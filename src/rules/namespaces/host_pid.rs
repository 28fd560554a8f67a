use super::{join_spelling, report_host, PID};
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::model::caps::EffectiveCaps;
use crate::model::Container;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Flags containers that share the host's PID namespace (`pid: host`, `--pid=host`).
    ///
    /// ## Why is this bad?
    /// The container sees every process of the host: their command lines (often with
    /// passwords and tokens in them), their environment through `/proc`, and their open
    /// files. Root in the container can signal host processes, held back only by an
    /// AppArmor profile where the host has one. With SYS_PTRACE (added, or through
    /// privileged mode) it can attach to any host process and run code in it, which is
    /// a full escape, so the finding becomes critical; it is critical too when the KILL
    /// capability meets `apparmor=unconfined`, since nothing then stops it from killing
    /// host processes. Docker also silently turns off SELinux labelling for a container
    /// that shares the host's PID namespace.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   monitor:
    ///     image: example/process-exporter:0.8
    ///     pid: host
    /// ```
    ///
    /// ```sh
    /// docker run --pid=host example/process-exporter:0.8
    /// ```
    ///
    /// ## Use instead
    /// Keep the default private PID namespace, or share with one named container only:
    /// ```yaml
    /// services:
    ///   monitor:
    ///     image: example/process-exporter:0.8
    ///     pid: service:app
    ///   app:
    ///     image: example/app:3.2
    /// ```
    ///
    /// ```sh
    /// docker run --pid=container:app example/process-exporter:0.8
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes the setting, giving the container its own PID namespace. It is
    /// unsafe: process monitors and debuggers that look at host processes see only
    /// their own container.
    ///
    /// ## When not to use it
    /// Host monitoring agents (node exporters, security sensors) need it. Run them with
    /// no added capabilities and suppress the finding with a reason.
    ///
    /// ## References
    /// - CIS Docker Benchmark v1.6.0, 5.16 (5.15 in v1.5.0): Ensure that the host's process namespace is not shared
    /// - Kubernetes Pod Security Standards, baseline: Host Namespaces (hostPID)
    /// - KICS: Host Namespace is Shared; semgrep: no equivalent rule
    /// - Docker docs: PID settings (`--pid`) in the `docker run` reference
    pub static HOST_PID = {
        code: "NS-001",
        name: "host-pid",
        family: Namespaces,
        severity: High,
        profiles: DBRC,
        fix: Always,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    let caps = EffectiveCaps::of(container);
    let ptrace = caps.get("SYS_PTRACE");
    let apparmor_off = container
        .security_opt("apparmor")
        .is_some_and(|opt| opt.entry.value.is_some() && opt.value.as_deref() == Some("unconfined"));
    let kill = caps.get("KILL").filter(|_| apparmor_off);
    let message = if ptrace.is_some() {
        "shares the host's PID namespace and holds SYS_PTRACE: it can inject code into any \
         host process"
    } else if kill.is_some() {
        "shares the host's PID namespace with AppArmor off: root in the container can kill \
         any host process"
    } else {
        "shares the host's PID namespace: it sees every host process, their command lines \
         and environment, and SELinux labelling is switched off"
    };
    let Some(finding) = report_host(checker, container, PID, message) else {
        return;
    };
    finding.help(format!(
        "remove {}; to watch one other container, join only its namespace ({})",
        PID.host_spelling(container),
        join_spelling(container)
    ));
    if let Some(cap) = ptrace.or(kill) {
        finding.severity(Severity::Critical);
        let granted_at = cap
            .source
            .map(|source| source.span)
            .or(container.privileged.as_ref().map(|p| p.span));
        if let Some(span) = granted_at {
            finding.related(span, format!("{} is granted here", cap.name));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::HOST_PID as RULE;
    use crate::config::Config;
    use crate::diagnostic::Severity;
    use crate::rules::testing::{assert_cases, diagnostics_with, fixed};

    #[test]
    fn cases() {
        assert_cases(
            &RULE,
            &[
                "services:\n  app:\n    image: x\n",
                "services:\n  app:\n    image: x\n    pid: service:db\n",
                "services:\n  app:\n    image: x\n    pid: ${PID_MODE}\n",
                "docker run --pid=container:db x",
                "docker run x --pid=host",
            ],
            &[
                (
                    "services:\n  app:\n    image: x\n    pid: host\n",
                    &[(4, 10)],
                ),
                (
                    "services:\n  app:\n    image: x\n    pid: \"host\"\n",
                    &[(4, 11)],
                ),
                ("docker run --pid=host x", &[(1, 18)]),
                ("docker run --pid host x", &[(1, 18)]),
            ],
        );
    }

    #[test]
    fn severity_rises_with_ptrace_or_unconfined_kill() {
        let severities = |text: &str| -> Vec<Severity> {
            diagnostics_with(&RULE, text, Config::default())
                .iter()
                .map(|d| d.severity)
                .collect()
        };
        assert_eq!(severities("docker run --pid=host x"), [Severity::High]);
        assert_eq!(
            severities("docker run --pid=host --cap-add=SYS_PTRACE x"),
            [Severity::Critical]
        );
        assert_eq!(
            severities("docker run --pid=host --privileged x"),
            [Severity::Critical]
        );
        assert_eq!(
            severities("docker run --pid=host --security-opt apparmor=unconfined x"),
            [Severity::Critical]
        );
        assert_eq!(
            severities(
                "docker run --pid=host --cap-drop=KILL --security-opt apparmor=unconfined x"
            ),
            [Severity::High]
        );
    }

    #[test]
    fn fix_removes_the_setting() {
        assert_eq!(
            fixed(&RULE, "services:\n  app:\n    image: x\n    pid: host\n"),
            ["services:\n  app:\n    image: x\n"]
        );
        assert_eq!(fixed(&RULE, "docker run --pid host x"), ["docker run x"]);
    }
}
