use crate::declare_rule;
use crate::diagnostic::Applicability;
use crate::model::edit::Intent;
use crate::model::{Container, RestartPolicy};
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Reports restart policies that restart a container without bound: `always`,
    /// `unless-stopped`, `on-failure` without a retry count, or `on-failure:N` with N
    /// above 5 (and the `deploy.restart_policy` equivalents).
    ///
    /// ## Why is this bad?
    /// A container that keeps crashing and restarting hides the failure, burns CPU on
    /// every restart, and, when an attacker is trying something that crashes it, hands them
    /// unlimited attempts. `always` and `unless-stopped` also bring the container back
    /// after every daemon restart, even if it was the reason for an incident. A bounded
    /// `on-failure` policy retries transient errors and then stops, so someone looks.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   api:
    ///     image: registry.example.com/api:3.2.1
    ///     restart: always
    /// ```
    ///
    /// ```sh
    /// docker run --restart unless-stopped registry.example.com/api:3.2.1
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   api:
    ///     image: registry.example.com/api:3.2.1
    ///     restart: on-failure:5
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes `on-failure:5` for policies written as `restart:` / `--restart`. It is
    /// unsafe: the container no longer restarts after a clean exit or a daemon restart, and
    /// stops after five failed attempts.
    ///
    /// ## When not to use it
    /// Long-running services on single hosts, where `unless-stopped` is the usual way to
    /// survive reboots and crashes are monitored elsewhere.
    ///
    /// ## References
    /// - CIS Docker Benchmark v1.6.0, 5.15 (5.14 in v1.5.0): Ensure that the 'on-failure' container restart policy is set to '5'
    /// - KICS: Restart Policy On Failure Not Set To 5
    /// - Docker documentation: Start containers automatically (restart policies)
    pub static RESTART_POLICY = {
        code: "RES-007",
        name: "restart-policy",
        family: Resources,
        severity: Low,
        profiles: C,
        fix: Sometimes,
        check: check,
    }
}

/// The retry ceiling CIS recommends.
const MAX_RETRIES: u32 = 5;

/// Why the policy restarts without bound, if it does.
fn unbounded(policy: &RestartPolicy) -> Option<String> {
    match (policy.name.as_str(), policy.max_retries) {
        ("always" | "any", _) => Some("restarts it every time it stops".into()),
        ("unless-stopped", _) => {
            Some("restarts it every time it stops, unless stopped by hand".into())
        }
        ("on-failure", None | Some(0)) => Some("retries a failing container forever".into()),
        ("on-failure", Some(retries)) if retries > MAX_RETRIES => {
            Some(format!("retries a failing container {retries} times"))
        }
        _ => None,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    let Some(restart) = container.restart.as_ref() else {
        return;
    };
    let Some(why) = restart.get().and_then(unbounded) else {
        return;
    };
    // Only the `restart:` / `--restart` spellings take `on-failure:5`; a `deploy`
    // condition (`any`, `on-failure`) needs its own keys.
    let written = restart.raw.trim();
    let fixable =
        matches!(written, "always" | "unless-stopped") || written.starts_with("on-failure:");
    let finding = checker
        .report(
            container,
            restart.span,
            format!("its restart policy {why}"),
        )
        .help(format!("use `on-failure:{MAX_RETRIES}` so a crashing container is retried a few times and then left stopped for someone to look at"));
    if fixable {
        finding.fix(
            format!("Use `on-failure:{MAX_RETRIES}`"),
            Applicability::Unsafe,
            vec![Intent::Replace {
                at: restart.span,
                with: format!("on-failure:{MAX_RETRIES}"),
            }],
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RESTART_POLICY as RULE;
    use crate::rules::testing::{assert_cases, fixed};

    const HEAD: &str = "services:\n  app:\n    image: nginx:1.27\n";

    #[test]
    fn cases() {
        let compose = |tail: &str| format!("{HEAD}{tail}");
        assert_cases(
            &RULE,
            &[
                &compose(""),
                &compose("    restart: \"no\"\n"),
                &compose("    restart: on-failure:5\n"),
                &compose("    restart: on-failure:3\n"),
                &compose("    restart: ${RESTART}\n"),
                "docker run --restart=on-failure:2 nginx:1.27",
                "docker run --restart no nginx:1.27",
            ],
            &[
                (&compose("    restart: always\n"), &[(4, 14)]),
                (&compose("    restart: \"unless-stopped\"\n"), &[(4, 15)]),
                (&compose("    restart: on-failure\n"), &[(4, 14)]),
                (&compose("    restart: on-failure:10\n"), &[(4, 14)]),
                ("docker run --restart always nginx:1.27", &[(1, 22)]),
                ("docker run --restart=unless-stopped nginx:1.27", &[(1, 22)]),
            ],
        );
    }

    #[test]
    fn fix_bounds_the_retries() {
        let text = format!("{HEAD}    restart: always\n");
        assert_eq!(
            fixed(&RULE, &text),
            vec![format!("{HEAD}    restart: on-failure:5\n")]
        );
        assert_eq!(
            fixed(&RULE, "docker run --restart unless-stopped nginx:1.27"),
            vec!["docker run --restart on-failure:5 nginx:1.27"]
        );
        // `on-failure` alone may be a `deploy` condition: no fix.
        assert_eq!(
            fixed(&RULE, &format!("{HEAD}    restart: on-failure\n")),
            Vec::<String>::new()
        );
    }
}
