use crate::declare_rule;
use crate::diagnostic::Applicability;
use crate::model::edit::{Intent, Switch};
use crate::model::Container;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Flags containers whose root filesystem is writable: no `read_only: true` in Compose, no `--read-only` on the command line.
    ///
    /// ## Why is this bad?
    /// By default a container can change every file of its image: an attacker who gets
    /// in can replace the application's binaries, add tools, or hide a backdoor that
    /// survives until the container is recreated. A read-only root filesystem takes all
    /// of that away and makes every place the service writes visible in the
    /// configuration, as a volume or a tmpfs.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   api:
    ///     image: ghcr.io/example/api:1.4.2
    /// ```
    ///
    /// ```sh
    /// docker run -d ghcr.io/example/api:1.4.2
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   api:
    ///     image: ghcr.io/example/api:1.4.2
    ///     read_only: true
    ///     tmpfs:
    ///       - /tmp
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds `read_only: true` (or `--read-only`), or turns `false` into `true`. It
    /// is unsafe: a service that writes outside its volumes fails until you add a tmpfs
    /// or a volume for that path.
    ///
    /// ## When not to use it
    /// Images that write all over their filesystem and cannot be configured otherwise.
    /// Stay in the `default` or `baseline` profile, or suppress the finding with a reason.
    ///
    /// ## References
    /// - CIS Docker Benchmark v1.6.0, 5.13 (5.12 in v1.5.0): Ensure that the container's root filesystem is mounted as read only
    /// - semgrep: writable-filesystem-service; Polaris, kubesec and kube-score: readOnlyRootFilesystem
    /// - Docker documentation: `docker container run --read-only`; Compose `read_only`
    pub static WRITABLE_ROOTFS = {
        code: "MNT-008",
        name: "writable-rootfs",
        family: Mounts,
        severity: Low,
        profiles: RC,
        fix: Always,
        check: check,
    }
}

const MESSAGE: &str = "has a writable root filesystem: an intruder can change the image's programs and leave a backdoor in them";
const HELP: &str = "make the root filesystem read-only and give the service a tmpfs or a volume for each place it writes";

fn check(container: &Container, checker: &mut Checker) {
    match &container.read_only {
        // Unresolved: it may well be true.
        Some(setting) if setting.value != Some(false) => {}
        Some(setting) => {
            checker
                .report(container, setting.span, MESSAGE)
                .help(HELP)
                .fix(
                    "Make the root filesystem read-only",
                    Applicability::Unsafe,
                    vec![Intent::Replace {
                        at: setting.span,
                        with: "true".to_string(),
                    }],
                );
        }
        None => {
            let span = checker.missing_span(container);
            checker.report(container, span, MESSAGE).help(HELP).fix(
                "Make the root filesystem read-only",
                Applicability::Unsafe,
                vec![Intent::TurnOn {
                    switch: Switch::ReadOnly,
                }],
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::WRITABLE_ROOTFS as RULE;
    use crate::config::Profile;
    use crate::rules::registry;
    use crate::rules::testing::{assert_cases, fixed};

    #[test]
    fn cases() {
        assert_cases(
            &RULE,
            &[
                "services:\n  web:\n    image: app\n    read_only: true\n",
                "services:\n  web:\n    image: app\n    read_only: ${RO}\n",
                "docker run --read-only app",
                "docker run --read-only=true app",
            ],
            &[
                ("services:\n  web:\n    image: app\n", &[(2, 3)]),
                (
                    "services:\n  web:\n    image: app\n    read_only: false\n",
                    &[(4, 16)],
                ),
                (
                    "services:\n  web:\n    image: app\n    read_only: \"no\"\n",
                    &[(4, 16)],
                ),
                ("docker run app", &[(1, 1)]),
                ("docker run --read-only=false app", &[(1, 12)]),
            ],
        );
    }

    #[test]
    fn fixes() {
        assert_eq!(
            fixed(&RULE, "services:\n  web:\n    image: app\n"),
            ["services:\n  web:\n    image: app\n    read_only: true\n"]
        );
        assert_eq!(
            fixed(
                &RULE,
                "services:\n  web:\n    image: app\n    read_only: false\n"
            ),
            ["services:\n  web:\n    image: app\n    read_only: true\n"]
        );
        assert_eq!(
            fixed(&RULE, "docker run -d app"),
            ["docker run -d --read-only app"]
        );
    }

    #[test]
    fn restricted_and_cis_profiles_only() {
        assert_eq!(
            registry::profiles(&RULE),
            [Profile::Restricted, Profile::Cis]
        );
    }
}
