use super::{host_binds, is_writable_cgroup_bind, read_only_intent};
use crate::declare_rule;
use crate::diagnostic::Applicability;
use crate::model::Container;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Flags containers that get a writable cgroup filesystem, through `security_opt: [writable-cgroups=true]`, a writable bind mount of the host's `/sys/fs/cgroup`, or the systemd mode of podman and nerdctl (`--systemd=always`, or `true`, podman's default, when the container starts an init).
    ///
    /// A read-only bind of `/sys/fs/cgroup` is reported by `kernel-filesystem-mount`
    /// instead (as low), and privileged mode, which also makes cgroups writable, by
    /// `privileged-container`.
    ///
    /// ## Why is this bad?
    /// Docker mounts `/sys/fs/cgroup` read-only in every container. Writable cgroups
    /// undo that: on hosts that still use cgroup v1, a process that can write there can
    /// set a hierarchy's `release_agent`, a program the host kernel runs as root when a
    /// cgroup empties, which is a one-step escape to the host. On any host, writable
    /// cgroups let the container lift its own memory, CPU and process limits and
    /// meddle with other containers' controls when the host's tree is bound.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   systemd:
    ///     image: jrei/systemd-ubuntu:24.04
    ///     security_opt:
    ///       - writable-cgroups=true
    /// ```
    ///
    /// ```sh
    /// docker run -d -v /sys/fs/cgroup:/sys/fs/cgroup jrei/systemd-ubuntu:24.04
    /// ```
    ///
    /// ## Use instead
    /// Run systemd-based images with a private cgroup namespace, which gives them a
    /// cgroup tree of their own without the host's:
    /// ```yaml
    /// services:
    ///   systemd:
    ///     image: jrei/systemd-ubuntu:24.04
    ///     cgroup: private
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes `writable-cgroups=true`, or makes the bind read-only. It is
    /// unsafe: software that manages cgroups from inside the container (systemd,
    /// nested engines) stops working.
    ///
    /// ## When not to use it
    /// Nested container engines and init systems on dedicated hosts with cgroup v2.
    /// Suppress the finding with a reason.
    ///
    /// ## References
    /// - Kubernetes Pod Security Standards, baseline: Privileged Containers (the only way a pod gets writable cgroups)
    /// - moby: the `writable-cgroups` security option and the read-only cgroup mount of the default container spec
    /// - Docker documentation: `docker container run --security-opt`; Linux `cgroups(7)`, "Release notification"
    pub static WRITABLE_CGROUPS = {
        code: "MNT-010",
        name: "writable-cgroups",
        family: Mounts,
        severity: Critical,
        profiles: DBRC,
        fix: Sometimes,
        check: check,
    }
}

const HELP: &str =
    "keep the cgroup filesystem read-only; give software that manages cgroups a private cgroup namespace instead";

fn check(container: &Container, checker: &mut Checker) {
    for opt in container.security_opts("writable-cgroups") {
        // The whole entry must be known; a bare `writable-cgroups` means true.
        let enabled = opt.entry.value.is_some()
            && match &opt.value {
                None => opt.separator.is_none(),
                Some(_) => opt.switch == Some(true),
            };
        if !enabled {
            continue;
        }
        checker
            .report(
                container,
                opt.entry.span,
                format!(
                    "makes the cgroup filesystem writable (`{}`): on cgroup v1 hosts a `release_agent` runs any program as root on the host",
                    opt.entry.raw
                ),
            )
            .help(HELP)
            .fix_by_removing(opt.entry.span,
                "Remove the writable-cgroups option",
                Applicability::Unsafe,
            );
    }
    // Systemd mode mounts private tmpfs on /run, /run/lock, /tmp and the journal's
    // directory and stops the container with SIGRTMIN+3, none of which reaches the
    // host, and mounts the cgroup filesystem `rw`: containers/podman
    // `libpod/container_internal_linux.go` `setupSystemd` (at
    // 4f6a8f0d500230600e25fdfafe85f4234967974a), containerd/nerdctl
    // `pkg/cmd/container/create.go` `generateRootfsOpts` (at
    // 8da504083f1543446a003f5870dec1bc12a75b85).
    if let Some(mode) = container.systemd_mode() {
        let how = match (&mode.written, &mode.program) {
            (Some(written), _) => format!("`--systemd={written}`"),
            (None, program) => format!(
                "on by default for a container that starts `{}`",
                program.as_deref().unwrap_or_default()
            ),
        };
        checker
            .report(
                container,
                mode.span,
                format!(
                    "{}'s systemd mode ({how}) makes the cgroup filesystem writable: on cgroup v1 hosts a `release_agent` runs any program as root on the host",
                    container.engine().name(),
                ),
            )
            .help(HELP);
    }
    for bind in host_binds(container) {
        let Some(cgroup) = bind.sensitive() else {
            continue;
        };
        if !is_writable_cgroup_bind(&bind, &cgroup) || bind.is_allowed(checker.options) {
            continue;
        }
        bind.report(checker, container, bind.message(&cgroup))
            .help(HELP)
            .fix(
                "Mount it read-only",
                Applicability::Unsafe,
                vec![read_only_intent(container, bind.index)],
            );
    }
}

#[cfg(test)]
mod tests {
    use super::WRITABLE_CGROUPS as RULE;
    use crate::rules::testing::{assert_cases, fixed};

    #[test]
    fn cases() {
        assert_cases(
            &RULE,
            &[
                "services:\n  web:\n    image: app\n    security_opt:\n      - writable-cgroups=false\n",
                "services:\n  web:\n    image: app\n    security_opt:\n      - writable-cgroups=${W}\n",
                with_volumes!("      - /sys/fs/cgroup:/sys/fs/cgroup:ro\n"),
                with_volumes!("      - /sys:/host/sys\n"),
                with_volumes!("      - cgroup:/sys/fs/cgroup\n"),
                "docker run --security-opt writable-cgroups=false app",
                "podman run --systemd=true app /bin/bash",
                "podman run --systemd=false app /sbin/init",
                "nerdctl run --systemd=true app /sbin/init",
                "nerdctl run --systemd=yes app",
                "nerdctl run app /sbin/init",
                "podman run app /bin/bash",
            ],
            &[
                (
                    "services:\n  web:\n    image: app\n    security_opt:\n      - writable-cgroups=true\n",
                    &[(5, 9)],
                ),
                (
                    "services:\n  web:\n    image: app\n    security_opt: [\"writable-cgroups:1\"]\n",
                    &[(4, 21)],
                ),
                (with_volumes!("      - /sys/fs/cgroup:/sys/fs/cgroup\n"), &[(5, 9)]),
                (with_volumes!("      - /sys/fs/cgroup/:/sys/fs/cgroup:rw\n"), &[(5, 9)]),
                (with_volumes!("      - /sys/fs/cgroup/memory:/m\n"), &[(5, 9)]),
                ("docker run --security-opt writable-cgroups=true app", &[(1, 27)]),
                ("docker run -v /sys/fs/cgroup:/sys/fs/cgroup:rw app", &[(1, 15)]),
                ("podman run --systemd=always app", &[(1, 22)]),
                ("podman run --systemd true app /usr/sbin/init", &[(1, 22)]),
                ("podman run --systemd=true app /bin/sh -c /usr/lib/systemd/systemd", &[(1, 22)]),
                ("nerdctl run --systemd=always app", &[(1, 23)]),
                // podman's `--systemd` is `true` unless told otherwise.
                ("podman run app /sbin/init", &[(1, 16)]),
                ("podman run --entrypoint=[\"/usr/sbin/init\"] app", &[(1, 25)]),
                ("nerdctl run --systemd=true --entrypoint=/sbin/init app", &[(1, 23)]),
            ],
        );
    }

    #[test]
    fn fixes() {
        assert_eq!(
            fixed(&RULE, "docker run -v /sys/fs/cgroup:/sys/fs/cgroup:rw app"),
            ["docker run -v /sys/fs/cgroup:/sys/fs/cgroup:ro app"]
        );
        assert_eq!(
            fixed(&RULE, "services:\n  web:\n    image: app\n    security_opt:\n      - writable-cgroups=true\n    read_only: true\n"),
            ["services:\n  web:\n    image: app\n    read_only: true\n"]
        );
    }
}
