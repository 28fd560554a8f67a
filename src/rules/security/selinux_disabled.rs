use super::known_value;
use crate::declare_rule;
use crate::diagnostic::Applicability;
use crate::model::Container;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Flags containers that turn SELinux separation off with `label=disable` or run as the
    /// unconfined `spc_t` type with `label=type:spc_t`.
    ///
    /// Both separators are recognised (`label=disable`, `label:disable`). Unlike `seccomp`
    /// and `apparmor`, every `label` entry counts: the engine applies them all.
    ///
    /// ## Why is this bad?
    /// On SELinux hosts (Fedora, RHEL, CentOS) each container runs as `container_t` with its
    /// own category pair, so it can touch neither host files nor other containers' files,
    /// even as root. `label=disable` drops that confinement; `spc_t` ("super privileged
    /// container") is a type the policy leaves essentially unconfined. Either way a
    /// container that breaks out of its other layers meets no SELinux barrier.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   backup:
    ///     image: registry.example.com/backup:3.0.1
    ///     volumes:
    ///       - /srv/data:/data
    ///     security_opt:
    ///       - label=disable
    /// ```
    ///
    /// ```sh
    /// docker run --security-opt label=type:spc_t registry.example.com/backup:3.0.1
    /// ```
    ///
    /// ## Use instead
    /// Keep the default label and let the engine relabel the bind mount for this container
    /// (`:Z`) or for all containers sharing it (`:z`):
    /// ```yaml
    /// services:
    ///   backup:
    ///     image: registry.example.com/backup:3.0.1
    ///     volumes:
    ///       - /srv/data:/data:Z
    /// ```
    ///
    /// ## Fix safety
    /// The fix deletes the entry. It is unsafe: access to host files that are not labelled
    /// for containers is denied until you relabel them or the mount.
    ///
    /// ## When not to use it
    /// Host-management agents that must read the whole host filesystem are sometimes run as
    /// `spc_t` on purpose; suppress with a reason. On hosts without SELinux the option has no
    /// effect.
    ///
    /// ## References
    /// - CIS Docker Benchmark v1.6.0, 5.3 (5.2 in v1.5.0): Ensure that, if applicable, SELinux security options are set
    /// - Kubernetes Pod Security Standards, baseline: SELinux
    /// - semgrep: selinux-separation-disabled
    /// - Docker documentation: docker run, `--security-opt`
    pub static SELINUX_DISABLED = {
        code: "SEC-003",
        name: "selinux-disabled",
        family: SecurityOptions,
        severity: High,
        profiles: DBRC,
        fix: Sometimes,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    for opt in container.security_opts("label") {
        let message = match known_value(opt) {
            Some("disable") => "turns SELinux separation off: its processes are not confined by the host's SELinux policy",
            Some("type:spc_t") => "runs as the SELinux type `spc_t`, which the host policy leaves essentially unconfined",
            _ => continue,
        };
        let finding = checker
            .report(container, opt.entry.span, message.to_string())
            .help("remove this option so the container runs as `container_t`; to share a bind mount, relabel it with `:z` or `:Z` instead");
        finding.fix_by_removing(
            opt.entry.span,
            format!("Remove `{}`", opt.entry.raw.trim()),
            Applicability::Unsafe,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::SELINUX_DISABLED as RULE;
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
                &compose("    security_opt:\n      - label=${LABEL}\n"),
                // Values are case-sensitive; the engine rejects this one.
                &compose("    security_opt:\n      - label=DISABLE\n"),
                // Host namespaces drop labels silently: the namespace rules explain that.
                &compose("    pid: host\n"),
                "docker run --security-opt label=user:system_u nginx:1.27",
            ],
            &[
                (
                    &compose("    security_opt:\n      - label=disable\n"),
                    &[(5, 9)],
                ),
                (
                    &compose("    security_opt:\n      - label:disable\n"),
                    &[(5, 9)],
                ),
                (
                    &compose("    security_opt:\n      - \"label=type:spc_t\"\n"),
                    &[(5, 10)],
                ),
                (
                    &compose("    security_opt:\n      - label:type:spc_t\n      - label=disable\n"),
                    &[(5, 9), (6, 9)],
                ),
                (
                    "docker run --security-opt label=disable nginx:1.27",
                    &[(1, 27)],
                ),
                (
                    "docker run --security-opt label:disable --security-opt label=type:spc_t nginx:1.27",
                    &[(1, 27), (1, 56)],
                ),
            ],
        );
    }
}
