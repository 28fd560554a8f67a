use super::{key_of, verdict, Verdict};
use crate::declare_rule;
use crate::knowledge::sysctls::PSS_SAFE_SYSCTLS;
use crate::model::Container;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Reports sysctls outside the set that Kubernetes Pod Security "baseline" considers
    /// safe.
    ///
    /// The safe set holds 14 keys: `kernel.shm_rmid_forced` and, under `net.ipv4.`,
    /// `ip_local_port_range`, `ip_local_reserved_ports`, `ip_unprivileged_port_start`,
    /// `ping_group_range`, `tcp_syncookies`, `tcp_keepalive_time`, `tcp_keepalive_intvl`,
    /// `tcp_keepalive_probes`, `tcp_fin_timeout`, `tcp_rmem`, `tcp_wmem`,
    /// `tcp_slow_start_after_idle` and `tcp_notsent_lowat`. Keys the runtime refuses
    /// anyway are left to SYS-001.
    ///
    /// ## Why is this bad?
    /// Docker accepts every `net.*` key and all IPC keys, but not all of them are harmless:
    /// some are not fully per-namespace and share a kernel-wide limit, others size buffers
    /// and queues in ways that let one container take memory from its neighbours. The Pod
    /// Security list contains only parameters reviewed as isolated and safe; anything else
    /// deserves a deliberate decision.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   cache:
    ///     image: registry.example.com/cache:7.4.0
    ///     sysctls:
    ///       net.core.somaxconn: 4096
    /// ```
    ///
    /// ```sh
    /// docker run --sysctl kernel.shmmax=68719476736 registry.example.com/cache:7.4.0
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   cache:
    ///     image: registry.example.com/cache:7.4.0
    ///     sysctls:
    ///       net.ipv4.tcp_keepalive_time: 600
    /// ```
    ///
    /// ## Fix safety
    /// There is no automatic fix: the parameter may be needed for performance.
    ///
    /// ## When not to use it
    /// Outside Kubernetes-like policies, a reviewed `net.core.somaxconn` or shared-memory
    /// size is common and fine; this rule only runs in the baseline and restricted profiles.
    ///
    /// ## References
    /// - Kubernetes Pod Security Standards, baseline: Sysctls
    /// - Kubernetes documentation: Using sysctls in a Kubernetes cluster (safe and unsafe sysctls)
    pub static SYSCTL_OUTSIDE_PSS_SAFE_SET = {
        code: "SYS-003",
        name: "sysctl-outside-pss-safe-set",
        family: Sysctls,
        severity: Low,
        profiles: BR,
        fix: None,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    for sysctl in &container.sysctls {
        let Some(key) = key_of(sysctl) else {
            continue;
        };
        if PSS_SAFE_SYSCTLS.contains(&key.as_str())
            || matches!(verdict(container, sysctl, &key), Verdict::Rejected(_))
        {
            continue;
        }
        checker
            .report(
                container,
                sysctl.key.span,
                format!("sets `{key}`, which is not in the Pod Security baseline's safe set"),
            )
            .help("keep it only if the workload needs it and you have checked that it cannot affect other containers or the host");
    }
}

#[cfg(test)]
mod tests {
    use super::SYSCTL_OUTSIDE_PSS_SAFE_SET as RULE;
    use crate::rules::testing::assert_cases;

    const HEAD: &str = "services:\n  app:\n    image: nginx:1.27\n";

    #[test]
    fn cases() {
        let compose = |tail: &str| format!("{HEAD}{tail}");
        assert_cases(
            &RULE,
            &[
                &compose(""),
                &compose("    sysctls:\n      net.ipv4.ip_unprivileged_port_start: 0\n      kernel.shm_rmid_forced: 1\n"),
                &compose("    sysctls:\n      - net/ipv4/tcp_keepalive_time=600\n      - \"net.ipv4.ip_local_port_range=1024 65000\"\n"),
                &compose("    sysctls:\n      - ${KEY}=1\n"),
                // Rejected keys are SYS-001's finding.
                &compose("    sysctls:\n      vm.max_map_count: 262144\n"),
                &compose("    network_mode: host\n    sysctls:\n      net.core.somaxconn: 1024\n"),
                "docker run --sysctl net.ipv4.tcp_notsent_lowat=16384 nginx:1.27",
            ],
            &[
                (&compose("    sysctls:\n      net.core.somaxconn: 1024\n"), &[(5, 7)]),
                (
                    &compose("    sysctls:\n      - kernel.msgmax=65536\n      - fs.mqueue.queues_max=512\n"),
                    &[(5, 9), (6, 9)],
                ),
                (
                    &compose("    sysctls:\n      net.ipv4.ip_forward: 1\n"),
                    &[(5, 7)],
                ),
                (
                    "docker run --sysctl net.ipv4.tcp_max_syn_backlog=4096 nginx:1.27",
                    &[(1, 21)],
                ),
            ],
        );
    }

    #[test]
    fn only_in_pod_security_profiles() {
        assert_eq!(RULE.profiles.names(), ["baseline", "restricted"]);
    }
}
