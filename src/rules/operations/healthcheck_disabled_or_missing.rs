use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::model::Container;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Reports containers whose health check is switched off (`healthcheck: {disable:
    /// true}`, `test: ["NONE"]`, `--no-healthcheck`) and, as info, containers that define
    /// none, where only the image's own `HEALTHCHECK` (invisible here) could apply.
    ///
    /// ## Why is this bad?
    /// A health check lets the engine tell a running container from a working one. Without
    /// it, a service that hangs, has lost its database or has been tampered with into a
    /// broken state still shows as "running": orchestrators keep routing to it, restart
    /// policies never fire, and nobody is alerted. Switching off a check that the image
    /// ships throws that signal away on purpose.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   api:
    ///     image: registry.example.com/api:3.2.1
    ///     healthcheck:
    ///       disable: true
    /// ```
    ///
    /// ```sh
    /// docker run --no-healthcheck registry.example.com/api:3.2.1
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   api:
    ///     image: registry.example.com/api:3.2.1
    ///     healthcheck:
    ///       test: ["CMD", "wget", "-q", "--spider", "http://localhost:8080/health"]
    ///       interval: 30s
    ///       retries: 3
    /// ```
    ///
    /// ```sh
    /// docker run --health-cmd "wget -q --spider http://localhost:8080/health" registry.example.com/api:3.2.1
    /// ```
    ///
    /// ## Fix safety
    /// There is no automatic fix: a useful check depends on the service.
    ///
    /// ## When not to use it
    /// One-shot jobs and images that define a `HEALTHCHECK` you are happy with (for the
    /// info finding).
    ///
    /// ## References
    /// - CIS Docker Benchmark v1.6.0, 5.27 (5.26 in v1.5.0): Ensure that container health is checked at runtime
    /// - KICS: Healthcheck Not Set
    /// - Docker documentation: Dockerfile `HEALTHCHECK`; Compose `healthcheck`
    pub static HEALTHCHECK_DISABLED_OR_MISSING = {
        code: "OPS-001",
        name: "healthcheck-disabled-or-missing",
        family: Operations,
        severity: Low,
        profiles: C,
        fix: None,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    let Some(healthcheck) = container.healthcheck.as_ref() else {
        let span = checker.missing_span(container);
        checker
            .report(
                container,
                span,
                "defines no health check: only a HEALTHCHECK in the image, which shipshape cannot see, would tell a hung container from a working one",
            )
            .severity(Severity::Info)
            .help(if container.is_compose() {
                "add a `healthcheck:` with a `test` that exercises the service, unless the image already defines one"
            } else {
                "add `--health-cmd` with a command that exercises the service, unless the image already defines a HEALTHCHECK"
            });
        return;
    };
    let Some(disabled) = healthcheck.disabled.as_ref().filter(|d| d.is_true()) else {
        return;
    };
    checker
        .report(
            container,
            disabled.span,
            "switches its health check off: a hung or broken container keeps looking healthy",
        )
        .help("remove the option to keep the image's HEALTHCHECK, or define a test that exercises the service");
}

#[cfg(test)]
mod tests {
    use super::HEALTHCHECK_DISABLED_OR_MISSING as RULE;
    use crate::config::Config;
    use crate::diagnostic::Severity;
    use crate::rules::testing::{assert_cases, diagnostics_with};

    const HEAD: &str = "services:\n  app:\n    image: nginx:1.27\n";

    #[test]
    fn cases() {
        let compose = |tail: &str| format!("{HEAD}{tail}");
        assert_cases(
            &RULE,
            &[
                &compose("    healthcheck:\n      test: [\"CMD\", \"true\"]\n"),
                &compose("    healthcheck:\n      test: curl -f http://localhost/\n      disable: false\n"),
                // Only tuning the image's own check.
                &compose("    healthcheck:\n      interval: 10s\n"),
                &compose("    healthcheck:\n      disable: ${NO_CHECK}\n"),
                "docker run --health-cmd 'curl -f http://localhost/' nginx:1.27",
            ],
            &[
                (&compose("    healthcheck:\n      disable: true\n"), &[(5, 16)]),
                (&compose("    healthcheck:\n      test: [\"NONE\"]\n"), &[(5, 14)]),
                ("docker run --no-healthcheck nginx:1.27", &[(1, 12)]),
                // Missing (info).
                (&compose(""), &[(2, 3)]),
                ("docker run -d nginx:1.27", &[(1, 1)]),
            ],
        );
    }

    #[test]
    fn missing_is_info_and_disabled_is_low() {
        let severities = |text: &str| -> Vec<Severity> {
            diagnostics_with(&RULE, text, Config::default())
                .iter()
                .map(|d| d.severity)
                .collect()
        };
        assert_eq!(severities(HEAD), vec![Severity::Info]);
        assert_eq!(
            severities("docker run --no-healthcheck nginx:1.27"),
            vec![Severity::Low]
        );
    }
}
