use super::unconfined;
use crate::declare_rule;
use crate::diagnostic::Applicability;
use crate::model::Container;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Flags containers that opt out of AppArmor with `apparmor=unconfined`.
    ///
    /// Either separator is recognised (`apparmor=unconfined`, `apparmor:unconfined`); when
    /// the option is repeated, the last entry is the one the engine uses.
    ///
    /// ## Why is this bad?
    /// On hosts that run AppArmor (Ubuntu, Debian, SUSE), every container gets the
    /// `docker-default` profile. It forbids `mount`, writes to most of `/proc` and `/sys`,
    /// and any access to `/proc/kcore`, `/proc/sysrq-trigger` and `/sys/firmware`, even for
    /// root with extra capabilities. `unconfined` removes that whole layer, so a capability
    /// such as `SYS_ADMIN` or a writable kernel path is enough to reach the host.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   app:
    ///     image: registry.example.com/app:1.4.2
    ///     security_opt:
    ///       - apparmor=unconfined
    /// ```
    ///
    /// ```sh
    /// docker run --security-opt apparmor=unconfined registry.example.com/app:1.4.2
    /// ```
    ///
    /// ## Use instead
    /// Keep the default profile, or load a profile written for the workload on the host and
    /// name it:
    /// ```yaml
    /// services:
    ///   app:
    ///     image: registry.example.com/app:1.4.2
    ///     security_opt:
    ///       - apparmor=app-profile
    /// ```
    ///
    /// ## Fix safety
    /// The fix deletes the entry so `docker-default` applies again. It is unsafe: whatever
    /// the workload did that the profile forbids (usually a mount) fails until you grant it
    /// through a custom profile.
    ///
    /// ## When not to use it
    /// Nested container engines and some system agents need to mount; give them a custom
    /// profile, or suppress with a reason on hosts without AppArmor.
    ///
    /// ## References
    /// - CIS Docker Benchmark v1.6.0, 5.2 (5.1 in v1.5.0): Ensure that, if applicable, an AppArmor profile is enabled
    /// - Kubernetes Pod Security Standards, baseline: AppArmor
    /// - kubesec: ApparmorUnconfined
    /// - Docker documentation: AppArmor security profiles for Docker
    pub static APPARMOR_UNCONFINED = {
        code: "SEC-002",
        name: "apparmor-unconfined",
        family: SecurityOptions,
        severity: High,
        profiles: DBRC,
        fix: Sometimes,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    let Some(opt) = unconfined(container, "apparmor") else {
        return;
    };
    let finding = checker
        .report(
            container,
            opt.entry.span,
            "runs without AppArmor confinement: the docker-default profile's bans on mount and on writing to /proc and /sys no longer apply",
        )
        .help("remove this option to keep the docker-default profile, or load a profile made for this workload and name it with `apparmor=<profile>`");
    finding.fix_by_removing(
        opt.entry.span,
        format!("Remove `{}`", opt.entry.raw.trim()),
        Applicability::Unsafe,
    );
}

#[cfg(test)]
mod tests {
    use super::APPARMOR_UNCONFINED as RULE;
    use crate::rules::testing::assert_cases;

    const HEAD: &str = "services:\n  app:\n    image: nginx:1.27\n";

    #[test]
    fn cases() {
        let compose = |tail: &str| format!("{HEAD}{tail}");
        assert_cases(
            &RULE,
            &[
                &compose(""),
                &compose("    security_opt:\n      - apparmor=docker-default\n"),
                &compose("    security_opt:\n      - apparmor=${PROFILE}\n"),
                &compose(
                    "    security_opt:\n      - apparmor:unconfined\n      - apparmor=custom\n",
                ),
                &compose("    privileged: true\n"),
                "docker run --security-opt apparmor=docker-default nginx:1.27",
            ],
            &[
                (
                    &compose("    security_opt:\n      - apparmor=unconfined\n"),
                    &[(5, 9)],
                ),
                (
                    &compose("    security_opt:\n      - 'apparmor:unconfined'\n"),
                    &[(5, 10)],
                ),
                (
                    &compose("    security_opt: [apparmor:unconfined]\n"),
                    &[(4, 20)],
                ),
                (
                    "docker run --security-opt apparmor=unconfined nginx:1.27",
                    &[(1, 27)],
                ),
                (
                    "docker run --security-opt \"apparmor:unconfined\" nginx:1.27",
                    &[(1, 28)],
                ),
            ],
        );
    }
}
