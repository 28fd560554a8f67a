use super::Limit;
use crate::declare_rule;
use crate::model::Container;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Reports containers without a process limit: no `pids_limit` or
    /// `deploy.resources.limits.pids` in Compose, no `--pids-limit` on the command line, or
    /// a value of `0` or `-1`, both of which mean unlimited. A podman command without
    /// `--pids-limit` is not reported: podman sets 2048.
    ///
    /// ## Why is this bad?
    /// Process IDs and kernel task structures are shared by the whole host. A fork bomb, or
    /// a service that spawns a process per request under load, can exhaust them, after
    /// which nothing on the host can start a process: not other containers, not a shell to
    /// repair things. A pids limit confines that failure to the container.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   api:
    ///     image: registry.example.com/api:3.2.1
    ///     pids_limit: -1
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
    ///     pids_limit: 200
    /// ```
    ///
    /// ```sh
    /// docker run --pids-limit 200 registry.example.com/api:3.2.1
    /// ```
    ///
    /// ## Fix safety
    /// There is no automatic fix: the right ceiling depends on how many processes and
    /// threads the workload runs (threads count too).
    ///
    /// ## When not to use it
    /// Build or CI containers that legitimately run thousands of processes; give them a
    /// high limit rather than none.
    ///
    /// ## References
    /// - CIS Docker Benchmark v1.6.0, 5.29 (5.28 in v1.5.0): Ensure that the PIDs cgroup limit is used
    /// - KICS: Pids Limit Not Set
    /// - Docker documentation: docker run, `--pids-limit`
    pub static PIDS_LIMIT_MISSING = {
        code: "RES-003",
        name: "pids-limit-missing",
        family: Resources,
        severity: Medium,
        profiles: RC,
        fix: None,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    // Docker passes 0 and negative values to the runtime as "unlimited".
    let (span, what) = match Limit::of(&container.resources.pids_limit, |pids| *pids <= 0) {
        Limit::Missing if container.engine().default_pids_limit().is_some() => return,
        Limit::Missing => (checker.missing_span(container), "has no process limit"),
        Limit::Unlimited(span) => (span, "sets an unlimited process count"),
        Limit::Limited | Limit::Unknown => return,
    };
    let help = if container.is_compose() {
        "set `pids_limit` to a ceiling the workload never reaches, for example `pids_limit: 200`"
    } else {
        "add `--pids-limit` with a ceiling the workload never reaches, for example `--pids-limit 200`"
    };
    checker
        .report(
            container,
            span,
            format!("{what}: a fork bomb inside it can use up the host's process table"),
        )
        .help(help);
}

#[cfg(test)]
mod tests {
    use super::PIDS_LIMIT_MISSING as RULE;
    use crate::rules::testing::assert_cases;

    const HEAD: &str = "services:\n  app:\n    image: nginx:1.27\n";

    #[test]
    fn cases() {
        let compose = |tail: &str| format!("{HEAD}{tail}");
        assert_cases(
            &RULE,
            &[
                &compose("    pids_limit: 100\n"),
                &compose("    pids_limit: \"512\"\n"),
                &compose("    deploy:\n      resources:\n        limits:\n          pids: 64\n"),
                &compose("    pids_limit: ${PIDS}\n"),
                "docker run --pids-limit 100 nginx:1.27",
                "docker run --pids-limit=4096 nginx:1.27",
                "podman run -d nginx:1.27",
            ],
            &[
                (&compose(""), &[(2, 3)]),
                (&compose("    pids_limit: -1\n"), &[(4, 17)]),
                (&compose("    pids_limit: \"-1\"\n"), &[(4, 17)]),
                (&compose("    pids_limit: 0\n"), &[(4, 17)]),
                (
                    &compose(
                        "    deploy:\n      resources:\n        limits:\n          pids: -1\n",
                    ),
                    &[(7, 17)],
                ),
                ("docker run -d nginx:1.27", &[(1, 1)]),
                ("nerdctl run -d nginx:1.27", &[(1, 1)]),
                ("podman run --pids-limit=-1 nginx:1.27", &[(1, 25)]),
                ("docker run --pids-limit -1 nginx:1.27", &[(1, 25)]),
            ],
        );
    }
}
