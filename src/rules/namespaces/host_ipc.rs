use super::{join_spelling, report_host, IPC};
use crate::declare_rule;
use crate::model::Container;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Flags containers that share the host's IPC namespace (`ipc: host`, `--ipc=host`).
    ///
    /// ## Why is this bad?
    /// System V shared memory, semaphores and POSIX message queues of every host
    /// process become reachable from the container. Databases, browsers and many
    /// daemons keep sensitive data in shared memory, and a container that can attach to
    /// a segment can read it or corrupt it. Docker also silently turns off SELinux
    /// labelling for a container that shares the host's IPC namespace, and with the
    /// IPC_OWNER capability (CAP-007) permission checks on those objects go too.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   worker:
    ///     image: example/worker:1.0
    ///     ipc: host
    /// ```
    ///
    /// ```sh
    /// docker run --ipc=host example/worker:1.0
    /// ```
    ///
    /// ## Use instead
    /// Share memory with one named container instead: make its IPC namespace
    /// `shareable` and join it.
    /// ```yaml
    /// services:
    ///   producer:
    ///     image: example/producer:1.0
    ///     ipc: shareable
    ///   worker:
    ///     image: example/worker:1.0
    ///     ipc: service:producer
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes the setting, giving the container its own IPC namespace. It is
    /// unsafe: a workload that exchanges shared memory with a host process (some GPU
    /// and X11 set-ups) stops working.
    ///
    /// ## When not to use it
    /// Rare: desktop applications that talk to the host's X server through shared
    /// memory. Suppress the finding with a reason.
    ///
    /// ## References
    /// - CIS Docker Benchmark v1.6.0, 5.17 (5.16 in v1.5.0): Ensure that the host's IPC namespace is not shared
    /// - Kubernetes Pod Security Standards, baseline: Host Namespaces (hostIPC)
    /// - KICS: Shared Host IPC Namespace; semgrep: no equivalent rule
    /// - Docker docs: IPC settings (`--ipc`) in the `docker run` reference
    pub static HOST_IPC = {
        code: "NS-002",
        name: "host-ipc",
        family: Namespaces,
        severity: High,
        profiles: DBRC,
        fix: Always,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    let message = "shares the host's IPC namespace: shared memory and message queues of host \
                   processes are open to it, and SELinux labelling is switched off";
    if let Some(finding) = report_host(checker, container, IPC, message) {
        finding.help(format!(
            "remove {}; to share memory with one container, mark its IPC namespace \
             `shareable` and join it with {}",
            IPC.host_spelling(container),
            join_spelling(container)
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::HOST_IPC as RULE;
    use crate::rules::testing::assert_cases;

    #[test]
    fn cases() {
        assert_cases(
            &RULE,
            &[
                "services:\n  app:\n    image: x\n    ipc: shareable\n",
                "services:\n  app:\n    image: x\n    ipc: private\n",
                "services:\n  app:\n    image: x\n    ipc: $IPC\n",
                "docker run --ipc=none x",
            ],
            &[
                (
                    "services:\n  app:\n    image: x\n    ipc: host\n",
                    &[(4, 10)],
                ),
                (
                    "services:\n  app:\n    image: x\n    ipc: 'host'\n",
                    &[(4, 11)],
                ),
                ("docker run --ipc=host x", &[(1, 18)]),
                ("docker run --ipc host x", &[(1, 18)]),
            ],
        );
    }
}
