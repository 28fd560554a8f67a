use super::{effective, named_additions, report_addition, KERNEL_ACCESS};
use crate::declare_rule;
use crate::model::caps;
use crate::model::Container;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Flags containers that add a capability reaching into host files or kernel memory: DAC_READ_SEARCH, SYS_RAWIO, BPF, PERFMON or SYSLOG.
    ///
    /// ## Why is this bad?
    /// Each of these reaches past the container's filesystem and namespaces:
    ///
    /// - DAC_READ_SEARCH (critical) lets Docker's seccomp profile allow
    ///   `open_by_handle_at`, which opens files by inode handle and reaches files of
    ///   the host's filesystem outside any bind mount (the 2014 "Shocker" escape).
    /// - SYS_RAWIO (critical) gives raw I/O port access and `/dev/mem`-style access to
    ///   hardware and kernel memory.
    /// - BPF and PERFMON (high) load BPF programs and open perf events, the tools to
    ///   trace the kernel and every process on the host, and a large kernel attack
    ///   surface.
    /// - SYSLOG (medium) reads the kernel log, including kernel addresses that defeat
    ///   address randomisation (KASLR).
    ///
    /// The finding's severity is that of the capability. Capabilities granted by
    /// privileged mode (PRIV-001) or by `ALL` (CAP-001) are reported by those rules.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   tracer:
    ///     image: example/ebpf-agent:0.9
    ///     cap_add: [BPF]
    /// ```
    ///
    /// ```sh
    /// docker run --cap-add=DAC_READ_SEARCH example/indexer:3.1
    /// ```
    ///
    /// ## Use instead
    /// Give the container the files it needs as mounts, and run tracing agents as
    /// separately reviewed host services:
    /// ```yaml
    /// services:
    ///   indexer:
    ///     image: example/indexer:3.1
    ///     cap_drop: [ALL]
    ///     volumes:
    ///       - /srv/archive:/archive:ro
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes the capability from `cap_add`. It is unsafe: tracing, raw
    /// hardware access or permission-blind reads stop working.
    ///
    /// ## When not to use it
    /// eBPF observability and security agents (Falco, Cilium, profilers) need BPF and
    /// PERFMON. Treat them as part of the host, review them separately and suppress the
    /// finding with a reason.
    ///
    /// ## References
    /// - CIS Docker Benchmark v1.6.0, 5.4 (5.3 in v1.5.0): Ensure that Linux kernel capabilities are restricted within containers
    /// - docker-bench-security community check C.5.3.1 (DAC_READ_SEARCH)
    /// - Kubernetes Pod Security Standards, baseline: Capabilities
    /// - KICS: Container Capabilities Unrestricted; semgrep: no equivalent rule
    /// - Docker docs: Seccomp security profiles for Docker (capability-dependent system calls)
    pub static CAP_ADD_KERNEL_ACCESS = {
        code: "CAP-005",
        name: "cap-add-kernel-access",
        family: Capabilities,
        severity: Critical,
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
        let Some(risk) = KERNEL_ACCESS
            .contains(&name)
            .then(|| caps::risk(name))
            .flatten()
        else {
            continue;
        };
        let message = format!("adds {name}, which {}", risk.summary);
        report_addition(checker, container, source, message)
            .severity(risk.risk.into())
            .help(format!(
                "remove {name}; mount the files the workload needs, and keep kernel tracing on the host"
            ));
    }
}

#[cfg(test)]
mod tests {
    use super::CAP_ADD_KERNEL_ACCESS as RULE;
    use crate::config::Config;
    use crate::diagnostic::Severity;
    use crate::rules::testing::{assert_cases, diagnostics_with};

    #[test]
    fn cases() {
        assert_cases(
            &RULE,
            &[
                "services:\n  app:\n    image: x\n    cap_add: [SYS_ADMIN, NET_ADMIN]\n",
                "services:\n  app:\n    image: x\n    cap_add: [ALL]\n",
                "docker run --privileged --cap-add BPF x",
            ],
            &[
                (
                    "services:\n  app:\n    image: x\n    cap_add:\n      - dac_read_search\n      - CAP_SYSLOG\n",
                    &[(5, 9), (6, 9)],
                ),
                (
                    "services:\n  app:\n    image: x\n    cap_add: [\"SYS_RAWIO\", bpf, PERFMON]\n",
                    &[(4, 15), (4, 28), (4, 33)],
                ),
                ("docker run --cap-add=BPF x", &[(1, 22)]),
                ("docker run --cap-add perfmon --cap-add=SYS_RAWIO x", &[(1, 22), (1, 40)]),
            ],
        );
    }

    #[test]
    fn severity_follows_the_capability() {
        let text = "docker run --cap-add DAC_READ_SEARCH --cap-add BPF --cap-add SYSLOG x";
        let severities: Vec<Severity> = diagnostics_with(&RULE, text, Config::default())
            .iter()
            .map(|d| d.severity)
            .collect();
        assert_eq!(
            severities,
            [Severity::Critical, Severity::High, Severity::Medium]
        );
    }
}
