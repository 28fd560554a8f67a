use super::known_value;
use crate::declare_rule;
use crate::model::Container;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Flags SELinux labels that Pod Security "baseline" forbids: a custom `user` or `role`,
    /// or a process `type` other than the standard container types.
    ///
    /// The accepted types are `container_t`, `container_init_t`, `container_kvm_t` and
    /// `container_engine_t`; a `level` (the MCS categories) is fine. `type:spc_t` is
    /// reported by SEC-003 instead, because it amounts to switching SELinux off.
    ///
    /// ## Why is this bad?
    /// The SELinux user, role and type decide what the container's processes may touch on
    /// the host. The container types are written to confine a container; any other type
    /// carries whatever rights the policy gives it, often far more (for example a type
    /// meant for a host daemon), and a custom user or role can reach types that the
    /// container role never could.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   agent:
    ///     image: registry.example.com/agent:2.3.0
    ///     security_opt:
    ///       - label=type:unconfined_t
    /// ```
    ///
    /// ```sh
    /// docker run --security-opt label=role:system_r registry.example.com/agent:2.3.0
    /// ```
    ///
    /// ## Use instead
    /// Keep the default type, and set only the level when containers must share files:
    /// ```yaml
    /// services:
    ///   agent:
    ///     image: registry.example.com/agent:2.3.0
    ///     security_opt:
    ///       - label=level:s0:c100,c200
    /// ```
    ///
    /// ## Fix safety
    /// There is no automatic fix: a custom type is usually chosen on purpose, and removing it
    /// may break the workload on an SELinux host.
    ///
    /// ## When not to use it
    /// When your organisation ships a reviewed SELinux policy module with its own container
    /// type (for example from udica), suppress the finding with a reason.
    ///
    /// ## References
    /// - Kubernetes Pod Security Standards, baseline: SELinux
    /// - Docker documentation: docker run, `--security-opt label=...`
    pub static SELINUX_CUSTOM_CONTEXT = {
        code: "SEC-004",
        name: "selinux-custom-context",
        family: SecurityOptions,
        severity: Medium,
        profiles: BR,
        fix: None,
        check: check,
    }
}

/// Process types Pod Security baseline accepts (container_engine_t since v1.31).
const CONTAINER_TYPES: [&str; 4] = [
    "container_t",
    "container_init_t",
    "container_kvm_t",
    "container_engine_t",
];

fn check(container: &Container, checker: &mut Checker) {
    for opt in container.security_opts("label") {
        let Some((part, value)) = known_value(opt).and_then(|v| v.split_once(':')) else {
            continue;
        };
        let what = match part {
            "user" => "a custom SELinux user",
            "role" => "a custom SELinux role",
            // spc_t is SEC-003's: it means SELinux is off.
            "type" if value == "spc_t" || CONTAINER_TYPES.contains(&value) => continue,
            "type" => "a non-container SELinux type",
            _ => continue,
        };
        checker
            .report(
                container,
                opt.entry.span,
                format!("runs with {what} (`{value}`): its rights come from the host policy for that label, not from the container policy"),
            )
            .help("keep the default `container_t` label (set only `label=level:...` if containers must share files), or review the policy behind this label");
    }
}

#[cfg(test)]
mod tests {
    use super::SELINUX_CUSTOM_CONTEXT as RULE;
    use crate::rules::testing::assert_cases;

    const HEAD: &str = "services:\n  app:\n    image: nginx:1.27\n";

    #[test]
    fn cases() {
        let compose = |tail: &str| format!("{HEAD}{tail}");
        assert_cases(
            &RULE,
            &[
                &compose(""),
                &compose("    security_opt:\n      - label=level:s0:c100,c200\n"),
                &compose("    security_opt:\n      - label=type:container_t\n"),
                &compose("    security_opt:\n      - label:type:container_engine_t\n"),
                &compose("    security_opt:\n      - label=type:spc_t\n"),
                &compose("    security_opt:\n      - label=disable\n"),
                &compose("    security_opt:\n      - label=type:${TYPE}\n"),
                "docker run --security-opt label=type:container_kvm_t nginx:1.27",
            ],
            &[
                (
                    &compose("    security_opt:\n      - label=type:unconfined_t\n"),
                    &[(5, 9)],
                ),
                (
                    &compose("    security_opt:\n      - \"label:user:system_u\"\n"),
                    &[(5, 10)],
                ),
                (
                    &compose("    security_opt: [label=role:system_r, label=level:s0]\n"),
                    &[(4, 20)],
                ),
                (
                    "docker run --security-opt label=type:svirt_lxc_net_t nginx:1.27",
                    &[(1, 27)],
                ),
            ],
        );
    }

    #[test]
    fn only_in_pod_security_profiles() {
        assert_eq!(RULE.profiles.names(), ["baseline", "restricted"]);
    }
}
