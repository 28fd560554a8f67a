use crate::declare_rule;
use crate::model::Container;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Reports podman's `--env-host`, which copies the whole environment of the shell
    /// that starts podman into the container.
    ///
    /// ## Why is this bad?
    /// A shell's environment holds what its user keeps out of files: cloud and registry
    /// tokens, `SSH_AUTH_SOCK`, database passwords, `KUBECONFIG`. With `--env-host`
    /// every one of them is readable by every process of the container, is shown by
    /// `podman inspect`, and goes wherever the application's logs and crash reports go.
    /// Which variables the container gets depends on who runs the command, not on the
    /// command.
    ///
    /// ## Example
    /// ```sh
    /// podman run --env-host registry.example.com/report:2.1.0
    /// ```
    ///
    /// ## Use instead
    /// Pass the variables the application reads, by name:
    /// ```sh
    /// podman run -e REPORT_URL -e TZ registry.example.com/report:2.1.0
    /// ```
    ///
    /// ## Fix safety
    /// There is no automatic fix: which variables the application needs is not
    /// written in the command.
    ///
    /// ## When not to use it
    /// Throwaway containers run by hand from a shell with nothing secret in its
    /// environment. Suppress the finding with a reason.
    ///
    /// ## References
    /// - podman documentation: `podman run --env-host`
    pub static HOST_ENVIRONMENT = {
        code: "MNT-012",
        name: "host-environment",
        family: Mounts,
        severity: Low,
        profiles: D,
        fix: None,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    let Some(setting) = container.env_host.as_ref().filter(|s| s.is_true()) else {
        return;
    };
    checker
        .report(
            container,
            setting.span,
            "podman's `--env-host` copies the host shell's whole environment, tokens and passwords included",
        )
        .help("pass only the variables it reads (`-e NAME`)");
}

#[cfg(test)]
mod tests {
    use super::HOST_ENVIRONMENT as RULE;
    use crate::rules::testing::assert_cases;

    #[test]
    fn cases() {
        assert_cases(
            &RULE,
            &[
                "podman run app",
                "podman run --env-host=false app",
                "podman run app --env-host",
            ],
            &[
                ("podman run --env-host app", &[(1, 12)]),
                ("podman run -e A --env-host=true app", &[(1, 17)]),
            ],
        );
    }
}
