use crate::declare_rule;
use crate::diagnostic::{Applicability, Severity};
use crate::model::edit::Intent;
use crate::model::Container;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Flags mounts whose propagation is `shared` or `rshared` (medium), and, for information, `slave` or `rslave`.
    ///
    /// ## Why is this bad?
    /// Mount propagation decides whether mounts created later, under a bind, travel
    /// between the host and the container. Docker's default, `rprivate`, keeps the two
    /// apart. With `shared` or `rshared` the door opens both ways: a mount made inside
    /// the container (a process with `CAP_SYS_ADMIN`, a FUSE filesystem) appears on the
    /// host, where it can hide or replace host files, and every disk or volume the host
    /// mounts later appears inside the container. With `slave` or `rslave` only the
    /// second half applies: the container sees what the host mounts later, which is
    /// what monitoring agents want and rarely a problem, hence the information level.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   storage:
    ///     image: longhornio/longhorn-manager:v1.7.1
    ///     volumes:
    ///       - /opt/storage:/storage:rshared
    /// ```
    ///
    /// ```sh
    /// docker run -d --mount type=bind,src=/opt/storage,dst=/storage,bind-propagation=shared busybox:1.36
    /// ```
    ///
    /// ## Use instead
    /// Keep the default propagation:
    /// ```yaml
    /// services:
    ///   storage:
    ///     image: longhornio/longhorn-manager:v1.7.1
    ///     volumes:
    ///       - /opt/storage:/storage
    /// ```
    ///
    /// ## Fix safety
    /// The fix replaces the mode with `rprivate`, the default. It is unsafe: storage
    /// drivers and agents that rely on seeing or publishing mounts stop doing so.
    ///
    /// ## When not to use it
    /// Storage plugins and CSI-like drivers that mount volumes for other containers need
    /// `rshared`; monitoring agents that report on host disks use `rslave`. Suppress
    /// the finding with a reason on those.
    ///
    /// ## References
    /// - CIS Docker Benchmark v1.6.0, 5.20 (5.19 in v1.5.0): Ensure mount propagation mode is not set to shared
    /// - KICS: Volume Mounted In Multiple Containers (flags `shared`, `rshared`, `slave` and `rslave`)
    /// - Docker documentation: bind mounts, "Configure bind propagation"
    pub static SHARED_MOUNT_PROPAGATION = {
        code: "MNT-007",
        name: "shared-mount-propagation",
        family: Mounts,
        severity: Medium,
        profiles: DBRC,
        fix: Always,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    for mount in &container.mounts {
        let Some(propagation) = &mount.propagation else {
            continue;
        };
        let (severity, effect) = match propagation.value.as_deref() {
            Some(mode @ ("shared" | "rshared")) => (
                Severity::Medium,
                format!("propagates mounts both ways (`{mode}`): mounts made inside the container appear on the host, and the host's later mounts appear inside"),
            ),
            Some(mode @ ("slave" | "rslave")) => (
                Severity::Info,
                format!("receives the host's later mounts (`{mode}`): disks and volumes the host mounts after start appear inside the container"),
            ),
            _ => continue,
        };
        checker
            .report(container, propagation.span, effect)
            .severity(severity)
            .help("keep the default propagation, `rprivate`, unless the container manages mounts for the host")
            .fix(
                "Use `rprivate` propagation",
                Applicability::Unsafe,
                vec![Intent::Replace {
                    at: propagation.span,
                    with: "rprivate".to_string(),
                }],
            );
    }
}

#[cfg(test)]
mod tests {
    use super::SHARED_MOUNT_PROPAGATION as RULE;
    use crate::config::Config;
    use crate::diagnostic::Severity;
    use crate::rules::testing::{assert_cases, diagnostics_with, fixed};

    #[test]
    fn cases() {
        assert_cases(
            &RULE,
            &[
                with_volumes!("      - /opt/x:/x\n"),
                with_volumes!("      - /opt/x:/x:rprivate\n"),
                with_volumes!("      - /opt/x:/x:ro,private\n"),
                with_volumes!("      - type: bind\n        source: /opt/x\n        target: /x\n        bind:\n          propagation: ${PROP}\n"),
                "docker run -v /opt/x:/x:private app",
            ],
            &[
                (with_volumes!("      - /opt/x:/x:rshared\n"), &[(5, 19)]),
                (with_volumes!("      - /:/rootfs:ro,rslave\n"), &[(5, 22)]),
                (
                    with_volumes!("      - type: bind\n        source: /opt/x\n        target: /x\n        bind:\n          propagation: shared\n"),
                    &[(9, 24)],
                ),
                ("docker run -v /opt/x:/x:shared app", &[(1, 25)]),
                ("docker run --mount type=bind,src=/opt/x,dst=/x,bind-propagation=rshared app", &[(1, 65)]),
            ],
        );
    }

    #[test]
    fn slave_modes_are_information() {
        let severity = |text: &str| diagnostics_with(&RULE, text, Config::default())[0].severity;
        assert_eq!(
            severity(with_volumes!("      - /opt/x:/x:rshared\n")),
            Severity::Medium
        );
        assert_eq!(
            severity(with_volumes!("      - /opt/x:/x:slave\n")),
            Severity::Info
        );
        assert_eq!(
            fixed(&RULE, "docker run -v /opt/x:/x:ro,shared app"),
            ["docker run -v /opt/x:/x:ro,rprivate app"]
        );
    }
}
