use crate::declare_rule;
use crate::model::Container;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Reports containers placed under a custom parent cgroup with `cgroup_parent` or
    /// `--cgroup-parent`.
    ///
    /// ## Why is this bad?
    /// The engine normally puts each container in its own cgroup under `docker` (or
    /// `system.slice` with systemd), where its limits and accounting are what you set on
    /// the container. A custom parent moves it into a hierarchy managed elsewhere: the
    /// parent's limits, weights and device rules now apply too, and a mistyped or shared
    /// parent can group the container with unrelated workloads, so its resource use is
    /// harder to see and to contain.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   batch:
    ///     image: registry.example.com/batch:1.0.3
    ///     cgroup_parent: /custom-batch
    /// ```
    ///
    /// ```sh
    /// docker run --cgroup-parent /custom-batch registry.example.com/batch:1.0.3
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   batch:
    ///     image: registry.example.com/batch:1.0.3
    ///     cpus: 2
    ///     mem_limit: 1g
    /// ```
    ///
    /// ## Fix safety
    /// There is no automatic fix: the parent may be part of how the host is managed.
    ///
    /// ## When not to use it
    /// Hosts that deliberately group containers under a parent with its own limits; confirm
    /// that the parent exists and is meant for them, then suppress with a reason.
    ///
    /// ## References
    /// - CIS Docker Benchmark v1.6.0, 5.25 (5.24 in v1.5.0): Ensure that cgroup usage is confirmed
    /// - KICS: Cgroup Not Default
    /// - Docker documentation: docker run, `--cgroup-parent`
    pub static CUSTOM_CGROUP_PARENT = {
        code: "RES-006",
        name: "custom-cgroup-parent",
        family: Resources,
        severity: Low,
        profiles: C,
        fix: None,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    let Some(parent) = container.resources.cgroup_parent.as_ref() else {
        return;
    };
    let Some(path) = parent
        .get()
        .map(|path| path.trim())
        .filter(|p| !p.is_empty())
    else {
        return;
    };
    checker
        .report(
            container,
            parent.span,
            format!("runs under the custom parent cgroup `{path}`: that hierarchy's limits and rules apply on top of its own"),
        )
        .help("confirm that this parent cgroup exists and is meant for this container; otherwise remove the option and set limits on the container itself");
}

#[cfg(test)]
mod tests {
    use super::CUSTOM_CGROUP_PARENT as RULE;
    use crate::rules::testing::assert_cases;

    const HEAD: &str = "services:\n  app:\n    image: nginx:1.27\n";

    #[test]
    fn cases() {
        let compose = |tail: &str| format!("{HEAD}{tail}");
        assert_cases(
            &RULE,
            &[
                &compose(""),
                &compose("    cgroup_parent: \"\"\n"),
                &compose("    cgroup_parent: ${PARENT}\n"),
                "docker run nginx:1.27",
            ],
            &[
                (&compose("    cgroup_parent: /custom\n"), &[(4, 20)]),
                (&compose("    cgroup_parent: \"batch.slice\"\n"), &[(4, 20)]),
                ("docker run --cgroup-parent=/custom nginx:1.27", &[(1, 28)]),
            ],
        );
    }
}
