use super::{report_host, USERNS};
use crate::declare_rule;
use crate::knowledge::engines::Engine;
use crate::model::Container;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Flags containers that opt out of user namespace remapping with `userns_mode: host` or `--userns=host`.
    ///
    /// ## Why is this bad?
    /// When the daemon runs with `userns-remap`, root in a container is an unprivileged
    /// user on the host: a process that escapes finds itself with no rights over host
    /// files. `host` switches that protection off for this one container, so its root
    /// is the host's root again, and every other weakness of the container counts in
    /// full. Without `userns-remap` the setting changes nothing today, but it silently
    /// cancels the protection the day the daemon enables it.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   app:
    ///     image: example/app:3.2
    ///     userns_mode: host
    /// ```
    ///
    /// ```sh
    /// docker run --userns=host example/app:3.2
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   app:
    ///     image: example/app:3.2
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes the setting. It is unsafe where the daemon remaps users: files
    /// on bind mounts owned by host users no longer match the container's users, so
    /// permissions may need adjusting.
    ///
    /// ## When not to use it
    /// Containers that must share host-owned files with exact ownership, or need
    /// privileged mode (which requires it under `userns-remap`); suppress the finding
    /// with a reason.
    ///
    /// ## References
    /// - CIS Docker Benchmark v1.6.0, 5.31 (5.30 in v1.5.0): Ensure that the host's user namespaces are not shared
    /// - KICS: Shared Host User Namespace; semgrep: no equivalent rule
    /// - Docker docs: Isolate containers with a user namespace (`userns-remap`, `--userns=host`)
    pub static HOST_USERNS = {
        code: "NS-004",
        name: "host-userns",
        family: Namespaces,
        severity: Medium,
        profiles: DBRC,
        fix: Always,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    let spelling = USERNS.host_spelling(container);
    let (message, help) = match container.engine() {
        // podman-run(1): `host` runs in the user namespace of whoever starts podman.
        Engine::Podman => (
            "runs in the user namespace of whoever starts podman: started by root, root in this container is root on the host, whatever containers.conf's `userns` says",
            format!("remove {spelling}, or use `--userns=auto` so that root in the container is an unused subordinate host UID"),
        ),
        Engine::Nerdctl => (
            "opts out of nerdctl's user namespace remapping (`--userns-remap`): root in this container is root on the host again",
            format!("remove {spelling} so that nerdctl's remapping applies"),
        ),
        Engine::Docker => (
            "opts out of user namespace remapping: where the daemon remaps users, root in this container is root on the host again",
            format!("remove {spelling} so that the daemon's remapping applies"),
        ),
    };
    if let Some(finding) = report_host(checker, container, USERNS, message) {
        finding.help(help);
    }
}

#[cfg(test)]
mod tests {
    use super::HOST_USERNS as RULE;
    use crate::rules::testing::assert_cases;

    #[test]
    fn cases() {
        assert_cases(
            &RULE,
            &[
                "services:\n  app:\n    image: x\n",
                "podman run --userns=keep-id x",
                "docker run --userns=${USERNS} x",
            ],
            &[
                (
                    "services:\n  app:\n    image: x\n    userns_mode: host\n",
                    &[(4, 18)],
                ),
                ("docker run --userns=host x", &[(1, 21)]),
                ("podman run --userns host x", &[(1, 21)]),
            ],
        );
    }
}
