use super::{effective, has_own_rule, named_additions, report_addition};
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::knowledge::engines::Engine;
use crate::model::caps;
use crate::model::{Container, NamespaceMode, Setting};
use crate::rules::namespaces::host_mode;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Flags containers that add a capability outside their engine's default set that no more specific rule covers, such as SYS_TIME, SYS_BOOT or MAC_ADMIN (and, for podman, NET_RAW, MKNOD and AUDIT_WRITE, which podman holds back).
    ///
    /// ## Why is this bad?
    /// Docker keeps 14 capabilities by default and holds back the rest for a reason.
    /// The ones this rule covers are less famous than SYS_ADMIN but each undoes a piece
    /// of isolation, and the finding's severity is that of the capability:
    ///
    /// - high: SYS_TIME sets the realtime clock, which the time namespace does not
    ///   virtualise, so the host's clock changes (certificates, logs, Kerberos);
    ///   MAC_ADMIN changes AppArmor or SELinux policy.
    /// - medium: SYS_BOOT (critical with `pid: host`, where a reboot reaches the host),
    ///   MAC_OVERRIDE, AUDIT_CONTROL, AUDIT_READ, LINUX_IMMUTABLE, SYS_RESOURCE,
    ///   SYS_NICE, CHECKPOINT_RESTORE.
    /// - low: IPC_OWNER (high with `ipc: host`, where it opens the host's shared
    ///   memory), IPC_LOCK, SYS_PACCT, SYS_TTY_CONFIG, LEASE, WAKE_ALARM,
    ///   BLOCK_SUSPEND, NET_BROADCAST.
    ///
    /// Podman grants 11 capabilities by default, not Docker's 14: NET_RAW, MKNOD and
    /// AUDIT_WRITE are additions there (medium, low and low), and the message says that
    /// Podman does not grant them by default.
    ///
    /// Capabilities granted by privileged mode (PRIV-001) or by `ALL` (CAP-001) are
    /// reported by those rules.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   ntp:
    ///     image: cturra/ntp:latest
    ///     cap_add: [SYS_TIME]
    /// ```
    ///
    /// ```sh
    /// docker run --cap-add=SYS_NICE example/audio:2.0
    /// ```
    ///
    /// ## Use instead
    /// Keep the host's clock (and other host-wide state) managed on the host, and give
    /// the container nothing beyond what it needs:
    /// ```yaml
    /// services:
    ///   ntp:
    ///     image: cturra/ntp:latest
    ///     cap_drop: [ALL]
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes the capability from `cap_add`. It is unsafe: the operation it
    /// allowed (setting the clock, raising priorities, locking memory, ...) fails.
    ///
    /// ## When not to use it
    /// Time servers, real-time audio and some databases (IPC_LOCK) have real needs.
    /// Accept the capability with the `allowedCapabilities` option or suppress the
    /// finding with a reason.
    ///
    /// ## References
    /// - CIS Docker Benchmark v1.6.0, 5.4 (5.3 in v1.5.0): Ensure that Linux kernel capabilities are restricted within containers
    /// - Kubernetes Pod Security Standards, baseline: Capabilities
    /// - KICS: Container Capabilities Unrestricted; semgrep: no equivalent rule
    /// - capabilities(7), Linux manual page
    pub static CAP_ADD_OTHER_NON_DEFAULT = {
        code: "CAP-007",
        name: "cap-add-other-non-default",
        family: Capabilities,
        severity: High,
        profiles: DBRC,
        fix: Always,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    let Some(caps) = effective(container) else {
        return;
    };
    for (name, source) in named_additions(&caps, checker) {
        if caps::is_default(caps.engine, name) || has_own_rule(name) {
            continue;
        }
        let Some(risk) = caps::risk(name) else {
            continue;
        };
        let escalation = escalation(container, name);
        let (severity, message) = match escalation {
            Some((severity, _, why)) => (severity, format!("adds {name} {why}")),
            // One of Docker's defaults that this engine holds back (podman's NET_RAW,
            // MKNOD, AUDIT_WRITE): the addition is what grants it.
            None if caps::is_default(Engine::Docker, name) => (
                risk.risk.into(),
                format!(
                    "adds {name}, which {} does not grant by default (Docker does), and which {}",
                    caps.engine.display_name(),
                    risk.summary
                ),
            ),
            None => (
                risk.risk.into(),
                format!("adds {name}, which {}", risk.summary),
            ),
        };
        let finding = report_addition(checker, container, source, message);
        finding.severity(severity).help(format!(
            "remove {name} unless the workload cannot run without it"
        ));
        if let Some((_, namespace, _)) = escalation {
            finding.related(namespace.span, "the host's namespace is shared here");
        }
    }
}

/// Capabilities whose reach grows with a shared host namespace: the raised severity,
/// the namespace setting and the reason.
fn escalation<'a>(
    container: &'a Container,
    name: &str,
) -> Option<(Severity, &'a Setting<NamespaceMode>, &'static str)> {
    let namespaces = &container.namespaces;
    match name {
        "SYS_BOOT" => host_mode(&namespaces.pid).map(|pid| {
            (
                Severity::Critical,
                pid,
                "with the host's PID namespace: it can reboot the host",
            )
        }),
        "IPC_OWNER" => host_mode(&namespaces.ipc).map(|ipc| {
            (
                Severity::High,
                ipc,
                "with the host's IPC namespace: it can open any shared memory segment of the host",
            )
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::CAP_ADD_OTHER_NON_DEFAULT as RULE;
    use crate::config::{Config, RuleOptions};
    use crate::diagnostic::Severity;
    use crate::rules::testing::{assert_cases, diagnostics_with, findings_with};

    #[test]
    fn cases() {
        assert_cases(
            &RULE,
            &[
                // Default capabilities and those with their own rule.
                "services:\n  app:\n    image: x\n    cap_add: [CHOWN, SYS_ADMIN, BPF, NET_ADMIN]\n",
                "services:\n  app:\n    image: x\n    cap_add: [ALL]\n",
                "services:\n  app:\n    image: x\n    privileged: true\n    cap_add: [SYS_TIME]\n",
                // Unknown names are CAP-010's.
                "services:\n  app:\n    image: x\n    cap_add: [SYS_TIMER]\n",
                "docker run --cap-drop SYS_TIME x",
            ],
            &[
                (
                    "services:\n  app:\n    image: x\n    cap_add:\n      - sys_time\n      - CAP_IPC_LOCK\n",
                    &[(5, 9), (6, 9)],
                ),
                ("docker run --cap-add=SYS_NICE x", &[(1, 22)]),
                ("docker run --cap-add mac_admin --cap-add=LEASE x", &[(1, 22), (1, 42)]),
            ],
        );
    }

    #[test]
    fn severity_follows_the_capability_and_namespace() {
        let severities = |text: &str| -> Vec<Severity> {
            diagnostics_with(&RULE, text, Config::default())
                .iter()
                .map(|d| d.severity)
                .collect()
        };
        assert_eq!(
            severities("docker run --cap-add SYS_TIME --cap-add SYS_BOOT --cap-add WAKE_ALARM x"),
            [Severity::High, Severity::Medium, Severity::Low]
        );
        assert_eq!(
            severities("docker run --pid=host --ipc=host --cap-add SYS_BOOT --cap-add IPC_OWNER x"),
            [Severity::Critical, Severity::High]
        );
    }

    #[test]
    fn podman_adding_one_of_dockers_defaults_is_an_addition() {
        let messages: Vec<String> =
            diagnostics_with(&RULE, "podman run --cap-add NET_RAW x", Config::default())
                .into_iter()
                .map(|d| d.message)
                .collect();
        assert_eq!(messages, ["adds NET_RAW, which Podman does not grant by default (Docker does), and which opens raw and packet sockets, for spoofing and sniffing"]);
        assert!(
            diagnostics_with(&RULE, "docker run --cap-add NET_RAW x", Config::default()).is_empty()
        );
    }

    #[test]
    fn allowed_capabilities_are_accepted() {
        let config = Config {
            options: RuleOptions {
                allowed_capabilities: vec!["cap_sys_time".into()],
                ..RuleOptions::default()
            },
            ..Config::default()
        };
        let text = "services:\n  ntp:\n    image: x\n    cap_add: [SYS_TIME, SYS_NICE]\n";
        assert_eq!(findings_with(&RULE, text, config), [(4, 25)]);
    }
}
