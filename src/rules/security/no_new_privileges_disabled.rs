use super::{no_new_privileges, NoNewPrivileges};
use crate::declare_rule;
use crate::diagnostic::Applicability;
use crate::model::edit::Intent;
use crate::model::Container;
use crate::rules::Checker;

// The two halves of one setting are two rules because they belong to different
// profiles: an explicit `false` here (every profile), a missing option in SEC-009.
declare_rule! {
    /// ## What it does
    /// Flags containers that explicitly allow privilege escalation with
    /// `no-new-privileges=false` (or `no-new-privileges:false`).
    ///
    /// The value is read like the engine reads it (`false`, `False`, `FALSE`, `f`, `0`), and
    /// when the option is repeated the last entry wins.
    ///
    /// A missing option is reported by SEC-009 (`no-new-privileges-missing`), in the
    /// restricted and cis profiles.
    ///
    /// ## Why is this bad?
    /// With `no-new-privileges` set, the kernel refuses to raise a process's privileges
    /// through set-uid binaries or file capabilities, so a compromised non-root process stays
    /// non-root. An administrator may turn it on for every container with the daemon setting
    /// `no-new-privileges`; an explicit `false` overrides that default for this container and
    /// brings back `su`, `sudo` and any other set-uid program as a way up.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   web:
    ///     image: registry.example.com/web:2.8.0
    ///     user: "10001"
    ///     security_opt:
    ///       - no-new-privileges=false
    /// ```
    ///
    /// ```sh
    /// docker run --user 10001 --security-opt no-new-privileges=false registry.example.com/web:2.8.0
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   web:
    ///     image: registry.example.com/web:2.8.0
    ///     user: "10001"
    ///     security_opt:
    ///       - no-new-privileges=true
    /// ```
    ///
    /// ## Fix safety
    /// The fix changes the value to `true`. It is unsafe: a workload that relies on a
    /// set-uid helper (for example to bind a port or switch users at start) stops working.
    ///
    /// ## When not to use it
    /// Images whose entrypoint starts as a non-root user and must become root through a
    /// set-uid program; better to start such a container as the right user directly.
    ///
    /// ## References
    /// - CIS Docker Benchmark v1.6.0, 5.26 (5.25 in v1.5.0): Ensure that the container is restricted from acquiring additional privileges
    /// - Kubernetes Pod Security Standards, restricted: Privilege Escalation
    /// - KICS: No New Privileges Not Set; semgrep: no-new-privileges
    /// - Docker documentation: docker run, `--security-opt no-new-privileges`
    pub static NO_NEW_PRIVILEGES_DISABLED = {
        code: "SEC-006",
        name: "no-new-privileges-disabled",
        family: SecurityOptions,
        severity: Medium,
        profiles: DBRC,
        fix: Sometimes,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    let NoNewPrivileges::Disabled(opt) = no_new_privileges(container) else {
        return;
    };
    let finding = checker
        .report(
            container,
            opt.entry.span,
            "allows privilege escalation through set-uid binaries and file capabilities, overriding a daemon-wide `no-new-privileges` default if there is one",
        )
        .help("set `no-new-privileges=true` so no process in the container can gain privileges it did not start with");
    if let Some(at) = opt.value_at {
        finding.fix(
            "Set `no-new-privileges` to true",
            Applicability::Unsafe,
            vec![Intent::Replace {
                at,
                with: "true".to_string(),
            }],
        );
    }
}

#[cfg(test)]
mod tests {
    use super::NO_NEW_PRIVILEGES_DISABLED as RULE;
    use crate::rules::testing::{assert_cases, fixed};

    const HEAD: &str = "services:\n  app:\n    image: nginx:1.27\n";

    #[test]
    fn cases() {
        let compose = |tail: &str| format!("{HEAD}{tail}");
        assert_cases(
            &RULE,
            &[
                &compose(""),
                &compose("    security_opt:\n      - no-new-privileges\n"),
                &compose("    security_opt:\n      - no-new-privileges:true\n"),
                &compose("    security_opt:\n      - no-new-privileges=TRUE\n"),
                &compose("    security_opt:\n      - no-new-privileges=${NNP}\n"),
                // The engine rejects this value; SEC-008 explains it.
                &compose("    security_opt:\n      - no-new-privileges=no\n"),
                // The last entry wins.
                &compose("    security_opt:\n      - no-new-privileges=false\n      - no-new-privileges\n"),
                "docker run --security-opt no-new-privileges nginx:1.27",
                "docker run --security-opt no-new-privileges=true nginx:1.27",
            ],
            &[
                (
                    &compose("    security_opt:\n      - no-new-privileges=false\n"),
                    &[(5, 9)],
                ),
                (
                    &compose("    security_opt:\n      - no-new-privileges:false\n"),
                    &[(5, 9)],
                ),
                (
                    &compose("    security_opt:\n      - \"no-new-privileges:False\"\n"),
                    &[(5, 10)],
                ),
                (
                    &compose("    security_opt: [no-new-privileges=0]\n"),
                    &[(4, 20)],
                ),
                (
                    &compose("    security_opt:\n      - no-new-privileges\n      - no-new-privileges=FALSE\n"),
                    &[(6, 9)],
                ),
                (
                    "docker run --security-opt no-new-privileges=false nginx:1.27",
                    &[(1, 27)],
                ),
                (
                    "docker run --security-opt=no-new-privileges:false nginx:1.27",
                    &[(1, 27)],
                ),
            ],
        );
    }

    #[test]
    fn fix_sets_the_value_to_true() {
        let text = format!("{HEAD}    security_opt:\n      - \"no-new-privileges:false\"\n");
        assert_eq!(
            fixed(&RULE, &text),
            vec![format!(
                "{HEAD}    security_opt:\n      - \"no-new-privileges:true\"\n"
            )]
        );
        assert_eq!(
            fixed(
                &RULE,
                "docker run --security-opt no-new-privileges=false nginx:1.27"
            ),
            vec!["docker run --security-opt no-new-privileges=true nginx:1.27"]
        );
    }

    #[test]
    fn profiles() {
        assert_eq!(
            RULE.profiles.names(),
            ["default", "baseline", "restricted", "cis"]
        );
    }
}
