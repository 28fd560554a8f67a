use super::{memory_limit, Limit};
use crate::declare_rule;
use crate::model::Container;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Reports containers without a memory limit: no `mem_limit` or
    /// `deploy.resources.limits.memory` in Compose, no `-m` / `--memory` on the command
    /// line, or a limit of `0`, which means none.
    ///
    /// ## Why is this bad?
    /// Without a limit, the container may use all of the host's memory. A leak, a traffic
    /// spike or a deliberate attack then pushes the host into memory pressure, and the
    /// kernel's OOM killer picks victims host-wide: other containers, the Docker daemon,
    /// sshd. A limit keeps the damage inside the container's own cgroup.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   api:
    ///     image: registry.example.com/api:3.2.1
    /// ```
    ///
    /// ```sh
    /// docker run registry.example.com/api:3.2.1
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   api:
    ///     image: registry.example.com/api:3.2.1
    ///     deploy:
    ///       resources:
    ///         limits:
    ///           memory: 512M
    /// ```
    ///
    /// ```sh
    /// docker run --memory 512m registry.example.com/api:3.2.1
    /// ```
    ///
    /// ## Fix safety
    /// There is no automatic fix: only you know how much memory the workload needs.
    ///
    /// ## When not to use it
    /// Single-purpose hosts where the container is meant to use the whole machine.
    ///
    /// ## References
    /// - CIS Docker Benchmark v1.6.0, 5.11 (5.10 in v1.5.0): Ensure that the memory usage for containers is limited
    /// - KICS: Memory Not Limited
    /// - Polaris: memoryLimitsMissing; kubesec: LimitsMemory
    /// - Docker documentation: Resource constraints
    pub static MEMORY_LIMIT_MISSING = {
        code: "RES-001",
        name: "memory-limit-missing",
        family: Resources,
        severity: Medium,
        profiles: RC,
        fix: None,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    let (span, what) = match memory_limit(container) {
        Limit::Missing => (checker.missing_span(container), "has no memory limit"),
        Limit::Unlimited(span) => (span, "sets its memory limit to 0, which means no limit"),
        Limit::Limited | Limit::Unknown => return,
    };
    let help = if container.is_compose() {
        "set `mem_limit` (or `deploy.resources.limits.memory`) to what the workload needs, for example `512m`"
    } else {
        "add `--memory` with what the workload needs, for example `--memory 512m`"
    };
    checker
        .report(
            container,
            span,
            format!("{what}: it can take all of the host's memory and make the kernel kill processes outside it"),
        )
        .help(help);
}

#[cfg(test)]
mod tests {
    use super::MEMORY_LIMIT_MISSING as RULE;
    use crate::rules::testing::assert_cases;

    const HEAD: &str = "services:\n  app:\n    image: nginx:1.27\n";

    #[test]
    fn cases() {
        let compose = |tail: &str| format!("{HEAD}{tail}");
        assert_cases(
            &RULE,
            &[
                &compose("    mem_limit: 512m\n"),
                &compose("    mem_limit: \"1g\"\n"),
                &compose(
                    "    deploy:\n      resources:\n        limits:\n          memory: 1.5G\n",
                ),
                &compose("    mem_limit: ${MEMORY}\n"),
                "docker run -m 256m nginx:1.27",
                "docker run --memory=1g nginx:1.27",
            ],
            &[
                (&compose(""), &[(2, 3)]),
                (&compose("    mem_limit: 0\n"), &[(4, 16)]),
                (
                    &compose(
                        "    deploy:\n      resources:\n        limits:\n          cpus: \"0.5\"\n",
                    ),
                    &[(2, 3)],
                ),
                ("docker run -d nginx:1.27", &[(1, 1)]),
                ("$ docker run --memory 0 nginx:1.27", &[(1, 23)]),
            ],
        );
    }
}
