use super::{known_value, unconfined};
use crate::declare_rule;
use crate::model::caps::EffectiveCaps;
use crate::model::Container;
use crate::rules::namespaces::host_mode;
use crate::rules::Checker;
use crate::span::Span;

declare_rule! {
    /// ## What it does
    /// Flags containers that hold `CAP_SYS_ADMIN` while seccomp, AppArmor or SELinux, the
    /// layers that keep `mount` out of reach, is switched off.
    ///
    /// The capability is read from the effective set (so `cap_add: [ALL]` counts). A layer
    /// counts as off for `seccomp=unconfined`, `apparmor=unconfined`, `label=disable` or
    /// `label=type:spc_t`, and, silently, for a host PID or IPC namespace, which make the
    /// engine drop SELinux labels unless a `label=...` option is given. Privileged
    /// containers are left to `privileged-container` (PRIV-001): privileged mode grants the
    /// capability and drops all three layers by itself, and one finding says so.
    ///
    /// ## Why is this bad?
    /// Docker mounts `/proc/sys`, `/proc/sysrq-trigger`, `/sys` and the cgroup filesystem
    /// read-only and relies on three layers to keep it that way: no `CAP_SYS_ADMIN`, a
    /// seccomp profile that refuses `mount` without that capability, and an LSM policy
    /// (AppArmor's `deny mount`, SELinux's `container_t`). With the capability granted, the
    /// seccomp profile already lets `mount` through, and the LSM is the last barrier;
    /// turning any layer off on top of that lets root in the container remount those paths
    /// read-write, or mount new ones, and from there change the host kernel's settings.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   fuse:
    ///     image: registry.example.com/fuse-mounter:1.2.0
    ///     cap_add:
    ///       - SYS_ADMIN
    ///     security_opt:
    ///       - apparmor=unconfined
    /// ```
    ///
    /// ```sh
    /// docker run --cap-add SYS_ADMIN --security-opt apparmor=unconfined registry.example.com/fuse-mounter:1.2.0
    /// ```
    ///
    /// ## Use instead
    /// Give the workload the device or narrower capability it needs and keep every
    /// confinement layer; for FUSE, the device alone is often enough:
    /// ```yaml
    /// services:
    ///   fuse:
    ///     image: registry.example.com/fuse-mounter:1.2.0
    ///     devices:
    ///       - /dev/fuse
    /// ```
    ///
    /// ## Fix safety
    /// There is no automatic fix: which of the two halves to remove depends on the workload.
    ///
    /// ## When not to use it
    /// Nested container engines need exactly this combination; run them on dedicated hosts
    /// and suppress the finding with a reason.
    ///
    /// ## References
    /// - CIS Docker Benchmark v1.6.0, 5.4 (5.3 in v1.5.0): Ensure that Linux kernel capabilities are restricted within containers
    /// - CIS Docker Benchmark v1.6.0, 5.22 (5.21 in v1.5.0): Ensure that the default seccomp profile is not disabled
    /// - Kubernetes Pod Security Standards, baseline: Capabilities, Seccomp, AppArmor, SELinux
    /// - moby/profiles: the default seccomp profile and the docker-default AppArmor template
    pub static REMOUNT_CAPABLE = {
        code: "SEC-007",
        name: "remount-capable",
        family: SecurityOptions,
        severity: Critical,
        profiles: DBRC,
        fix: None,
        check: check,
    }
}

/// One confinement layer that is off, and the setting that turned it off.
struct Gap {
    reason: String,
    span: Span,
}

fn check(container: &Container, checker: &mut Checker) {
    if container.is_privileged() {
        return;
    }
    let caps = EffectiveCaps::of(container);
    // Where the capability comes from: its `cap_add` entry (or `ALL`).
    let Some(span) = caps
        .get("SYS_ADMIN")
        .and_then(|cap| cap.source)
        .map(|source| source.span)
    else {
        return;
    };
    let gaps: Vec<Gap> = [
        unconfined_gap(container, "seccomp"),
        unconfined_gap(container, "apparmor"),
        selinux_gap(container),
    ]
    .into_iter()
    .flatten()
    .collect();
    if gaps.is_empty() {
        return;
    }
    let reasons: Vec<&str> = gaps.iter().map(|gap| gap.reason.as_str()).collect();
    let finding = checker
        .report(
            container,
            span,
            format!(
                "has CAP_SYS_ADMIN with {}: little is left to stop it from calling mount and remounting /proc/sys, /sys and the cgroup filesystem read-write",
                reasons.join(", ")
            ),
        )
        .help("grant a narrower capability or the specific device instead of SYS_ADMIN, or restore the confinement layer that is switched off");
    for gap in &gaps {
        finding.related(gap.span, format!("{} here", gap.reason));
    }
}

/// seccomp or AppArmor switched off by an `unconfined` entry.
fn unconfined_gap(container: &Container, key: &str) -> Option<Gap> {
    unconfined(container, key).map(|opt| Gap {
        reason: format!("`{}`", opt.entry.raw.trim()),
        span: opt.entry.span,
    })
}

/// SELinux: off with `label=disable` or the unconfined `spc_t` type; dropped silently
/// with a host PID or IPC namespace, unless some `label=` entry (written with `=`, as
/// the engine checks) overrides that.
fn selinux_gap(container: &Container) -> Option<Gap> {
    let labels = || container.security_opts("label");
    if let Some(opt) = labels().find(|o| matches!(known_value(o), Some("disable" | "type:spc_t"))) {
        return Some(Gap {
            reason: format!("`{}`", opt.entry.raw.trim()),
            span: opt.entry.span,
        });
    }
    if labels().any(|o| o.separator == Some('=')) {
        return None;
    }
    let namespaces = &container.namespaces;
    let (reason, span) = if let Some(pid) = host_mode(&namespaces.pid) {
        ("no SELinux label (host PID namespace)", pid.span)
    } else {
        let ipc = host_mode(&namespaces.ipc)?;
        ("no SELinux label (host IPC namespace)", ipc.span)
    };
    Some(Gap {
        reason: reason.to_string(),
        span,
    })
}

#[cfg(test)]
mod tests {
    use super::REMOUNT_CAPABLE as RULE;
    use crate::rules::testing::assert_cases;

    const HEAD: &str = "services:\n  app:\n    image: nginx:1.27\n";

    #[test]
    fn cases() {
        let compose = |tail: &str| format!("{HEAD}{tail}");
        assert_cases(
            &RULE,
            &[
                &compose(""),
                // SYS_ADMIN alone is CAP-002's finding.
                &compose("    cap_add: [SYS_ADMIN]\n"),
                &compose("    cap_add: [SYS_ADMIN]\n    security_opt:\n      - seccomp=builtin\n"),
                // Unconfined without SYS_ADMIN.
                &compose("    security_opt:\n      - apparmor=unconfined\n      - seccomp=unconfined\n"),
                &compose("    cap_add: [SYS_ADMIN]\n    cap_drop: [ALL]\n    pid: service:db\n"),
                &compose("    cap_add: [SYS_ADMIN]\n    security_opt:\n      - seccomp=${PROFILE}\n"),
                &compose("    cap_add: [\"${CAP}\"]\n    security_opt:\n      - seccomp=unconfined\n"),
                // An explicit `label=` keeps labels despite the host PID namespace.
                &compose("    cap_add: [SYS_ADMIN]\n    pid: host\n    security_opt:\n      - label=level:s0:c1,c2\n"),
                // Privileged mode is PRIV-001's finding, whatever it names.
                &compose("    privileged: true\n"),
                &compose("    privileged: true\n    security_opt:\n      - seccomp=builtin\n      - label=type:container_t\n"),
                "docker run --privileged --security-opt seccomp=builtin nginx:1.27",
                "docker run --cap-add SYS_ADMIN nginx:1.27",
                "docker run --pid host --security-opt seccomp=unconfined nginx:1.27",
            ],
            &[
                (
                    &compose("    cap_add:\n      - SYS_ADMIN\n    security_opt:\n      - apparmor=unconfined\n"),
                    &[(5, 9)],
                ),
                (
                    &compose("    cap_add: [cap_sys_admin]\n    security_opt: [\"seccomp:unconfined\"]\n"),
                    &[(4, 15)],
                ),
                (
                    &compose("    cap_add: [ALL]\n    security_opt:\n      - label:disable\n"),
                    &[(4, 15)],
                ),
                (
                    &compose("    cap_add: [sys_admin]\n    security_opt:\n      - label=type:spc_t\n"),
                    &[(4, 15)],
                ),
                (
                    &compose("    cap_add: [SYS_ADMIN]\n    pid: host\n"),
                    &[(4, 15)],
                ),
                (
                    // `label:` with a colon does not count as an override.
                    &compose("    cap_add: [SYS_ADMIN]\n    ipc: host\n    security_opt: [\"label:level:s0\"]\n"),
                    &[(4, 15)],
                ),
                (
                    "docker run --cap-add=SYS_ADMIN --security-opt apparmor:unconfined nginx:1.27",
                    &[(1, 22)],
                ),
                (
                    "docker run --cap-add sys_admin --ipc=host nginx:1.27",
                    &[(1, 22)],
                ),
            ],
        );
    }
}
