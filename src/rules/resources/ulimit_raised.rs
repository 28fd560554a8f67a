use crate::declare_rule;
use crate::model::{Container, Ulimit};
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Reports ulimits that remove a per-process safety net: `nproc`, `nofile`, `memlock`
    /// or `core` set to unlimited (`-1`), or `nofile` above 1048576.
    ///
    /// ## Why is this bad?
    /// Ulimits are the last per-process brake when a cgroup limit is missing or too loose:
    /// - `nproc` is counted per user ID across the whole host, not per container, so
    ///   lifting it lets one container's fork loop crowd out every process of that UID;
    /// - `nofile` far above the kernel's default ceiling lets one process pin huge amounts
    ///   of kernel memory in open files;
    /// - `memlock` lets processes lock memory the kernel can then neither swap nor reclaim;
    /// - `core` lets crashing processes write full memory images, secrets included, to
    ///   wherever the host's `kernel.core_pattern` points.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   search:
    ///     image: registry.example.com/search:8.15.0
    ///     ulimits:
    ///       memlock: -1
    /// ```
    ///
    /// ```sh
    /// docker run --ulimit nproc=-1 registry.example.com/search:8.15.0
    /// ```
    ///
    /// ## Use instead
    /// Raise a limit only as far as the workload needs, and pair `memlock` with a memory
    /// limit:
    /// ```yaml
    /// services:
    ///   search:
    ///     image: registry.example.com/search:8.15.0
    ///     mem_limit: 4g
    ///     ulimits:
    ///       memlock: 4294967296
    ///       nofile:
    ///         soft: 65536
    ///         hard: 65536
    /// ```
    ///
    /// ## Fix safety
    /// There is no automatic fix: the right value depends on the workload.
    ///
    /// ## When not to use it
    /// Databases and search engines document unlimited `memlock` to keep their heap in RAM;
    /// with a memory limit in place, suppress with a reason.
    ///
    /// ## References
    /// - CIS Docker Benchmark v1.6.0, 5.19 (5.18 in v1.5.0): Ensure that the default ulimit is overwritten at runtime if needed
    /// - Docker documentation: docker run, `--ulimit`
    /// - Linux man page: getrlimit(2)
    pub static ULIMIT_RAISED = {
        code: "RES-005",
        name: "ulimit-raised",
        family: Resources,
        severity: Low,
        profiles: C,
        fix: None,
        check: check,
    }
}

/// The ulimits worth a finding, the highest value accepted without one (`None`: any
/// finite value is fine), and what lifting them allows.
const RAISED_ULIMITS: [(&str, Option<i64>, &str); 4] = [
    ("nproc", None, "its processes count against a per-user limit shared with the whole host"),
    // The kernel's default fs.nr_open.
    ("nofile", Some(1_048_576), "one process can hold open files, and the kernel memory behind them, without bound"),
    ("memlock", None, "its processes can lock memory the kernel can neither swap nor reclaim"),
    ("core", None, "crashing processes can dump their whole memory, secrets included, wherever the host's core_pattern points"),
];

/// The bound that lifts the limit: unlimited, or above the ceiling.
fn raised(ulimit: &Ulimit, ceiling: Option<i64>) -> Option<i64> {
    [&ulimit.soft, &ulimit.hard]
        .into_iter()
        .flatten()
        .filter_map(|bound| bound.get().copied())
        .find(|&value| value < 0 || ceiling.is_some_and(|ceiling| value > ceiling))
}

fn check(container: &Container, checker: &mut Checker) {
    for ulimit in &container.ulimits {
        let Some(name) = ulimit.name.get().map(|name| name.trim()) else {
            continue;
        };
        let Some((_, ceiling, effect)) = RAISED_ULIMITS.iter().find(|(known, ..)| *known == name)
        else {
            continue;
        };
        let Some(value) = raised(ulimit, *ceiling) else {
            continue;
        };
        let amount = if value < 0 {
            "unlimited".to_string()
        } else {
            value.to_string()
        };
        checker
            .report(
                container,
                ulimit.span,
                format!("raises `{name}` to {amount}: {effect}"),
            )
            .help(format!(
                "set `{name}` to the finite value the workload needs, or keep the engine's default"
            ));
    }
}

#[cfg(test)]
mod tests {
    use super::ULIMIT_RAISED as RULE;
    use crate::rules::testing::assert_cases;

    const HEAD: &str = "services:\n  app:\n    image: nginx:1.27\n";

    #[test]
    fn cases() {
        let compose = |tail: &str| format!("{HEAD}{tail}");
        assert_cases(
            &RULE,
            &[
                &compose(""),
                &compose("    ulimits:\n      nofile: 65536\n      nproc: 4096\n"),
                &compose(
                    "    ulimits:\n      nofile:\n        soft: 20000\n        hard: 1048576\n",
                ),
                &compose("    ulimits:\n      stack: -1\n"),
                &compose("    ulimits:\n      memlock: ${MEMLOCK}\n"),
                "docker run --ulimit nofile=1024:65536 nginx:1.27",
                "docker run --ulimit core=0 nginx:1.27",
            ],
            &[
                (&compose("    ulimits:\n      memlock: -1\n"), &[(5, 7)]),
                (
                    &compose("    ulimits:\n      memlock:\n        soft: -1\n        hard: -1\n"),
                    &[(5, 7)],
                ),
                (
                    &compose(
                        "    ulimits:\n      nofile:\n        soft: 1024\n        hard: 2097152\n",
                    ),
                    &[(5, 7)],
                ),
                (
                    &compose("    ulimits:\n      core: -1\n      nproc: \"-1\"\n"),
                    &[(5, 7), (6, 7)],
                ),
                ("docker run --ulimit nproc=-1 nginx:1.27", &[(1, 21)]),
                ("docker run --ulimit memlock=-1:-1 nginx:1.27", &[(1, 21)]),
                ("docker run --ulimit core=unlimited nginx:1.27", &[(1, 21)]),
            ],
        );
    }
}
