use super::{report_host, UTS};
use crate::declare_rule;
use crate::model::caps::EffectiveCaps;
use crate::model::Container;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Flags containers that share the host's UTS namespace (`uts: host`, `--uts=host`), and with it the host's hostname.
    ///
    /// ## Why is this bad?
    /// The UTS namespace holds the hostname and NIS domain name. Sharing it tells the
    /// container the host's name, which helps an attacker map the environment, and a
    /// container that also holds SYS_ADMIN can rename the host, breaking logging,
    /// monitoring and anything that identifies machines by name. Nothing in a normal
    /// workload needs it: set `hostname` if the name matters.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   app:
    ///     image: example/app:3.2
    ///     uts: host
    /// ```
    ///
    /// ```sh
    /// docker run --uts=host example/app:3.2
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   app:
    ///     image: example/app:3.2
    ///     hostname: app
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes the setting. It is unsafe only for software that reports the
    /// host's name as its own (some monitoring agents), which then reports the
    /// container's name instead.
    ///
    /// ## When not to use it
    /// Host monitoring agents that must report the host's hostname; suppress the
    /// finding with a reason.
    ///
    /// ## References
    /// - CIS Docker Benchmark v1.6.0, 5.21 (5.20 in v1.5.0): Ensure that the host's UTS namespace is not shared
    /// - Kubernetes Pod Security Standards: no UTS control (shipshape adds it next to Host Namespaces)
    /// - KICS and semgrep: no equivalent rule
    /// - Docker docs: UTS settings (`--uts`) in the `docker run` reference
    pub static HOST_UTS = {
        code: "NS-003",
        name: "host-uts",
        family: Namespaces,
        severity: Medium,
        profiles: DBRC,
        fix: Always,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    let message = if EffectiveCaps::of(container).contains("SYS_ADMIN") {
        "shares the host's UTS namespace and holds SYS_ADMIN: it can rename the host"
    } else {
        "shares the host's UTS namespace: it sees the host's hostname"
    };
    if let Some(finding) = report_host(checker, container, UTS, message) {
        let hostname = if container.is_compose() {
            "`hostname`"
        } else {
            "`--hostname`"
        };
        finding.help(format!(
            "remove {}; set {hostname} if the container needs a particular name",
            UTS.host_spelling(container)
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::HOST_UTS as RULE;
    use crate::rules::testing::assert_cases;

    #[test]
    fn cases() {
        assert_cases(
            &RULE,
            &[
                "services:\n  app:\n    image: x\n    hostname: app\n",
                "docker run --uts= x",
                "docker run --hostname host x",
            ],
            &[
                (
                    "services:\n  app:\n    image: x\n    uts: host\n",
                    &[(4, 10)],
                ),
                ("docker run --uts=host x", &[(1, 18)]),
                ("docker run --uts host --cap-add SYS_ADMIN x", &[(1, 18)]),
            ],
        );
    }
}
