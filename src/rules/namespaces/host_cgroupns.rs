use super::{report_host, CGROUP};
use crate::declare_rule;
use crate::model::Container;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Flags containers that share the host's cgroup namespace (`cgroup: host`, `--cgroupns=host`).
    ///
    /// ## Why is this bad?
    /// With its own cgroup namespace a container sees its cgroup as the root of the
    /// hierarchy. Sharing the host's shows the whole tree instead: the paths of every
    /// other container and host service, their names and IDs. That helps an attacker
    /// map the host, and it is one of the ingredients of the cgroup-based escapes
    /// (such as abusing `release_agent`) when other protections are also gone. Docker
    /// already uses a private cgroup namespace by default on cgroup v2 hosts.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   app:
    ///     image: example/app:3.2
    ///     cgroup: host
    /// ```
    ///
    /// ```sh
    /// docker run --cgroupns=host example/app:3.2
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   app:
    ///     image: example/app:3.2
    ///     cgroup: private
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes the setting. It is unsafe for tools that read the host's cgroup
    /// tree (resource monitors such as cAdvisor), which then see only their own cgroup.
    ///
    /// ## When not to use it
    /// Container monitoring agents and systemd-in-a-container set-ups on cgroup v1
    /// hosts; suppress the finding with a reason.
    ///
    /// ## References
    /// - Kubernetes Pod Security Standards: no cgroup control (shipshape adds it next to Host Namespaces)
    /// - Datadog IaC rules: Shared host cgroup namespace; KICS and semgrep: no equivalent rule; no CIS Docker Benchmark item
    /// - Docker docs: `--cgroupns` in the `docker run` reference
    pub static HOST_CGROUPNS = {
        code: "NS-005",
        name: "host-cgroupns",
        family: Namespaces,
        severity: Medium,
        profiles: DBR,
        fix: Always,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    let message = "shares the host's cgroup namespace: it sees the cgroup tree of the whole \
                   host, every other container included";
    if let Some(finding) = report_host(checker, container, CGROUP, message) {
        finding.help("remove `cgroup: host` or set it to `private`");
    }
}

#[cfg(test)]
mod tests {
    use super::HOST_CGROUPNS as RULE;
    use crate::rules::testing::assert_cases;

    #[test]
    fn cases() {
        assert_cases(
            &RULE,
            &[
                "services:\n  app:\n    image: x\n    cgroup: private\n",
                "docker run --cgroupns=private x",
            ],
            &[
                (
                    "services:\n  app:\n    image: x\n    cgroup: host\n",
                    &[(4, 13)],
                ),
                ("docker run --cgroupns=host x", &[(1, 23)]),
                ("docker run --cgroupns host x", &[(1, 23)]),
            ],
        );
    }
}
