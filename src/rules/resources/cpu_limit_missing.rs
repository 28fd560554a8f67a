use super::Limit;
use crate::declare_rule;
use crate::model::Container;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Reports containers with no CPU limit or share: none of `cpus`, `cpu_shares`,
    /// `cpu_quota` or `deploy.resources.limits.cpus` in Compose, none of `--cpus`,
    /// `-c` / `--cpu-shares` or `--cpu-quota` on the command line (a value of `0`, or `-1`
    /// for the quota, counts as none).
    ///
    /// ## Why is this bad?
    /// By default every container may use every CPU of the host at full speed. One busy or
    /// compromised container (a crypto miner is the classic case) then starves the others
    /// and the host's own services. A CPU limit caps its time; a share at least decides who
    /// wins when the host is busy.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   worker:
    ///     image: registry.example.com/worker:4.1.0
    /// ```
    ///
    /// ```sh
    /// docker run registry.example.com/worker:4.1.0
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   worker:
    ///     image: registry.example.com/worker:4.1.0
    ///     cpus: 1.5
    /// ```
    ///
    /// ```sh
    /// docker run --cpus 1.5 registry.example.com/worker:4.1.0
    /// ```
    ///
    /// ## Fix safety
    /// There is no automatic fix: only you know how much CPU the workload needs.
    ///
    /// ## When not to use it
    /// Single-purpose hosts where the container is meant to use every CPU.
    ///
    /// ## References
    /// - CIS Docker Benchmark v1.6.0, 5.12 (5.11 in v1.5.0): Ensure that CPU priority is set appropriately on containers
    /// - KICS: Cpus Not Limited
    /// - Polaris: cpuLimitsMissing; kubesec: LimitsCPU
    /// - Docker documentation: Resource constraints
    pub static CPU_LIMIT_MISSING = {
        code: "RES-002",
        name: "cpu-limit-missing",
        family: Resources,
        severity: Low,
        profiles: RC,
        fix: None,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    let resources = &container.resources;
    let limits = [
        Limit::of(&resources.cpus, |cpus| *cpus <= 0.0),
        Limit::of(&resources.cpu_shares, |shares| *shares <= 0),
        Limit::of(&resources.cpu_quota, |quota| *quota <= 0),
    ];
    if limits
        .iter()
        .any(|limit| matches!(limit, Limit::Limited | Limit::Unknown))
    {
        return;
    }
    // A value that means "none" is the better place to point at than the service.
    let (span, what) = match limits.iter().find_map(|limit| match limit {
        Limit::Unlimited(span) => Some(*span),
        _ => None,
    }) {
        Some(span) => (span, "sets no effective CPU limit or share"),
        None => (checker.missing_span(container), "has no CPU limit or share"),
    };
    let help = if container.is_compose() {
        "set `cpus` (or `deploy.resources.limits.cpus`), for example `cpus: 1.5`, or at least `cpu_shares`"
    } else {
        "add `--cpus`, for example `--cpus 1.5`, or at least `--cpu-shares`"
    };
    checker
        .report(
            container,
            span,
            format!("{what}: it can keep every CPU of the host busy and starve other containers"),
        )
        .help(help);
}

#[cfg(test)]
mod tests {
    use super::CPU_LIMIT_MISSING as RULE;
    use crate::rules::testing::assert_cases;

    const HEAD: &str = "services:\n  app:\n    image: nginx:1.27\n";

    #[test]
    fn cases() {
        let compose = |tail: &str| format!("{HEAD}{tail}");
        assert_cases(
            &RULE,
            &[
                &compose("    cpus: 0.5\n"),
                &compose("    cpus: \"2\"\n"),
                &compose("    cpu_shares: 512\n"),
                &compose("    cpu_quota: 50000\n"),
                &compose(
                    "    deploy:\n      resources:\n        limits:\n          cpus: '0.25'\n",
                ),
                &compose("    cpus: ${CPUS}\n"),
                "docker run --cpus 1.5 nginx:1.27",
                "docker run -c 512 nginx:1.27",
                "docker run --cpu-quota=50000 nginx:1.27",
            ],
            &[
                (&compose(""), &[(2, 3)]),
                (&compose("    cpus: 0\n"), &[(4, 11)]),
                (&compose("    mem_limit: 1g\n"), &[(2, 3)]),
                ("docker run -d nginx:1.27", &[(1, 1)]),
                ("docker run --cpu-quota -1 nginx:1.27", &[(1, 24)]),
            ],
        );
    }
}
