use super::unconfined;
use crate::declare_rule;
use crate::diagnostic::Applicability;
use crate::model::Container;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Flags containers that switch off seccomp filtering with `seccomp=unconfined`.
    ///
    /// The option is recognised with either separator (`seccomp=unconfined`,
    /// `seccomp:unconfined`); when it is repeated, the last entry is the one the engine uses.
    ///
    /// ## Why is this bad?
    /// Docker's default seccomp profile refuses a few dozen system calls that containers
    /// rarely need but kernel exploits often do: `keyctl`, `userfaultfd`, `io_uring_*`,
    /// `kexec_load`, namespace creation without `CAP_SYS_ADMIN`, raw `AF_VSOCK` sockets and
    /// more. Without it, every kernel bug reachable through those calls is reachable from the
    /// container, and the capability checks are the only thing left between the workload and
    /// the kernel's most fragile code paths.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   app:
    ///     image: registry.example.com/app:1.4.2
    ///     security_opt:
    ///       - seccomp=unconfined
    /// ```
    ///
    /// ```sh
    /// docker run --security-opt seccomp=unconfined registry.example.com/app:1.4.2
    /// ```
    ///
    /// ## Use instead
    /// Keep the default profile, or write a profile that adds only the calls the workload
    /// needs and point at it:
    /// ```yaml
    /// services:
    ///   app:
    ///     image: registry.example.com/app:1.4.2
    ///     security_opt:
    ///       - seccomp=./seccomp/app.json
    /// ```
    ///
    /// ## Fix safety
    /// The fix deletes the entry so the default profile applies again. It is unsafe: a
    /// workload that really calls a blocked system call fails with `EPERM` until you give it
    /// a tailored profile.
    ///
    /// ## When not to use it
    /// Debuggers, some sandboxes and system-call tracers need calls the default profile
    /// blocks. Prefer a custom profile; suppress with a reason if that is impractical.
    ///
    /// ## References
    /// - CIS Docker Benchmark v1.6.0, 5.22 (5.21 in v1.5.0): Ensure that the default seccomp profile is not disabled
    /// - Kubernetes Pod Security Standards, baseline: Seccomp
    /// - KICS: Default Seccomp Profile Disabled; semgrep: seccomp-confinement-disabled
    /// - Docker documentation: Seccomp security profiles for Docker
    pub static SECCOMP_UNCONFINED = {
        code: "SEC-001",
        name: "seccomp-unconfined",
        family: SecurityOptions,
        severity: High,
        profiles: DBRC,
        fix: Sometimes,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    let Some(opt) = unconfined(container, "seccomp") else {
        return;
    };
    let finding = checker
        .report(
            container,
            opt.entry.span,
            "runs without a seccomp filter: every system call is open to it, including the ones Docker blocks by default",
        )
        .help("remove this option to get Docker's default seccomp profile, or point `seccomp=` at a profile that adds only the calls the workload needs");
    finding.fix_by_removing(
        opt.entry.span,
        format!("Remove `{}`", opt.entry.raw.trim()),
        Applicability::Unsafe,
    );
}

#[cfg(test)]
mod tests {
    use super::SECCOMP_UNCONFINED as RULE;
    use crate::rules::testing::assert_cases;

    const HEAD: &str = "services:\n  app:\n    image: nginx:1.27\n";

    #[test]
    fn cases() {
        let compose = |tail: &str| format!("{HEAD}{tail}");
        assert_cases(
            &RULE,
            &[
                &compose(""),
                &compose("    security_opt:\n      - seccomp=builtin\n"),
                &compose("    security_opt:\n      - seccomp=./profile.json\n"),
                // Values are case-sensitive: this names a profile file.
                &compose("    security_opt:\n      - seccomp=UNCONFINED\n"),
                &compose("    security_opt:\n      - seccomp=${PROFILE}\n"),
                // The last entry wins.
                &compose(
                    "    security_opt:\n      - seccomp=unconfined\n      - seccomp=builtin\n",
                ),
                // Privileged mode is PRIV-001's finding.
                &compose("    privileged: true\n"),
                "docker run nginx:1.27",
                "docker run --security-opt seccomp=builtin nginx:1.27",
                "docker run nginx:1.27 --security-opt seccomp=unconfined",
            ],
            &[
                (
                    &compose("    security_opt:\n      - seccomp=unconfined\n"),
                    &[(5, 9)],
                ),
                (
                    &compose("    security_opt:\n      - seccomp:unconfined\n"),
                    &[(5, 9)],
                ),
                (
                    &compose("    security_opt:\n      - \"seccomp:unconfined\"\n"),
                    &[(5, 10)],
                ),
                (
                    &compose("    security_opt: ['seccomp=unconfined', no-new-privileges]\n"),
                    &[(4, 21)],
                ),
                (
                    &compose("    security_opt:\n      - seccomp=${PROFILE:-unconfined}\n"),
                    &[(5, 9)],
                ),
                (
                    "docker run --security-opt seccomp=unconfined nginx:1.27",
                    &[(1, 27)],
                ),
                (
                    "docker run --security-opt=seccomp:unconfined nginx:1.27",
                    &[(1, 27)],
                ),
                (
                    "podman run -d --security-opt 'seccomp=unconfined' nginx:1.27",
                    &[(1, 31)],
                ),
            ],
        );
    }
}
