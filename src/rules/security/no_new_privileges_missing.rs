use super::{no_new_privileges, NoNewPrivileges};
use crate::declare_rule;
use crate::diagnostic::Applicability;
use crate::model::edit::{Intent, List};
use crate::model::Container;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Reports containers that do not set `no-new-privileges`, so that nothing written here
    /// stops their processes from gaining privileges through set-uid binaries.
    ///
    /// An explicit `no-new-privileges=false` is reported by SEC-006
    /// (`no-new-privileges-disabled`), in every profile.
    ///
    /// ## Why is this bad?
    /// A process that runs a set-uid-root program (`su`, `sudo`, `passwd`, `mount`) or a
    /// binary with file capabilities gains those privileges, even inside a container started
    /// as a non-root user. `no-new-privileges` sets the kernel's `no_new_privs` bit, after
    /// which such programs run without the extra rights, and it is the Docker counterpart of
    /// Kubernetes' `allowPrivilegeEscalation: false`. The daemon can turn it on for every
    /// container (`"no-new-privileges": true` in `daemon.json`); shipshape cannot see the
    /// daemon, so it asks for the setting on the container itself.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   web:
    ///     image: registry.example.com/web:2.8.0
    ///     user: "10001"
    /// ```
    ///
    /// ```sh
    /// docker run --user 10001 registry.example.com/web:2.8.0
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
    /// ```sh
    /// docker run --user 10001 --security-opt no-new-privileges registry.example.com/web:2.8.0
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds `no-new-privileges=true` to `security_opt` (a new item when the list
    /// exists, else a new key) or `--security-opt no-new-privileges` before the image. It is
    /// unsafe: a workload that relies on a set-uid helper stops working.
    ///
    /// ## When not to use it
    /// When the daemon already sets `no-new-privileges` for every container, ignore this rule
    /// in your configuration.
    ///
    /// ## References
    /// - CIS Docker Benchmark v1.6.0, 5.26 (5.25 in v1.5.0): Ensure that the container is restricted from acquiring additional privileges
    /// - Kubernetes Pod Security Standards, restricted: Privilege Escalation
    /// - KICS: No New Privileges Not Set; semgrep: no-new-privileges
    /// - Docker documentation: docker run, `--security-opt no-new-privileges`; dockerd, `--no-new-privileges`
    pub static NO_NEW_PRIVILEGES_MISSING = {
        code: "SEC-009",
        name: "no-new-privileges-missing",
        family: SecurityOptions,
        severity: Medium,
        profiles: RC,
        fix: Always,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    if !matches!(no_new_privileges(container), NoNewPrivileges::Missing) {
        return;
    }
    // The documented spelling of each input: `no-new-privileges=true` in Compose,
    // the bare flag value on the command line.
    let value = if container.is_compose() {
        "no-new-privileges=true"
    } else {
        "no-new-privileges"
    };
    let span = checker.missing_span(container);
    checker
        .report(
            container,
            span,
            "does not set `no-new-privileges`: unless the daemon sets it for every container, set-uid programs can raise a process's privileges",
        )
        .help("add `no-new-privileges=true` to the security options (`--security-opt no-new-privileges` on the command line)")
        .fix(
            "Add `no-new-privileges`",
            Applicability::Unsafe,
            vec![Intent::AddItems {
                list: List::SecurityOpt,
                values: vec![value.to_string()],
            }],
        );
}

#[cfg(test)]
mod tests {
    use super::NO_NEW_PRIVILEGES_MISSING as RULE;
    use crate::rules::testing::{assert_cases, fixed};

    const HEAD: &str = "services:\n  app:\n    image: nginx:1.27\n";

    #[test]
    fn cases() {
        let compose = |tail: &str| format!("{HEAD}{tail}");
        assert_cases(
            &RULE,
            &[
                &compose("    security_opt:\n      - no-new-privileges\n"),
                &compose("    security_opt:\n      - no-new-privileges:true\n"),
                &compose("    security_opt:\n      - 'no-new-privileges=True'\n"),
                &compose("    security_opt: [no-new-privileges=1]\n"),
                // Unknown is present: not missing.
                &compose("    security_opt:\n      - no-new-privileges=${NNP}\n"),
                // Explicitly false is SEC-006's finding.
                &compose("    security_opt:\n      - no-new-privileges=false\n"),
                "docker run --security-opt no-new-privileges nginx:1.27",
                "docker run --security-opt=no-new-privileges:true nginx:1.27",
            ],
            &[
                (&compose(""), &[(2, 3)]),
                (
                    &compose("    security_opt:\n      - seccomp=builtin\n"),
                    &[(2, 3)],
                ),
                ("docker run -d nginx:1.27", &[(1, 1)]),
                ("sudo docker container run --name web nginx:1.27", &[(1, 6)]),
                (
                    "docker run nginx:1.27\npodman run --security-opt no-new-privileges alpine\npodman create alpine",
                    &[(1, 1), (3, 1)],
                ),
            ],
        );
    }

    #[test]
    fn fix_adds_the_option_in_the_written_form() {
        assert_eq!(
            fixed(&RULE, HEAD),
            vec![format!(
                "{HEAD}    security_opt: [no-new-privileges=true]\n"
            )]
        );
        let block = format!("{HEAD}    security_opt:\n      - label=level:s0\n");
        assert_eq!(
            fixed(&RULE, &block),
            vec![format!(
                "{HEAD}    security_opt:\n      - no-new-privileges=true\n      - label=level:s0\n"
            )]
        );
        let flow = format!("{HEAD}    security_opt: [label=level:s0]\n");
        assert_eq!(
            fixed(&RULE, &flow),
            vec![format!(
                "{HEAD}    security_opt: [no-new-privileges=true, label=level:s0]\n"
            )]
        );
        assert_eq!(
            fixed(&RULE, "docker run -d nginx:1.27"),
            vec!["docker run -d --security-opt=no-new-privileges nginx:1.27"]
        );
    }

    #[test]
    fn profiles() {
        assert_eq!(RULE.profiles.names(), ["restricted", "cis"]);
    }
}
