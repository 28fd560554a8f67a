use super::{applied, known_value, Applied};
use crate::declare_rule;
use crate::model::caps::EffectiveCaps;
use crate::model::{Container, Setting};
use crate::rules::namespaces::host_mode;
use crate::rules::Checker;
use crate::span::Span;

declare_rule! {
    /// ## What it does
    /// Flags containers that hold `CAP_SYS_ADMIN` while seccomp, AppArmor or SELinux, the
    /// layers that keep `mount` out of reach, is switched off.
    ///
    /// The capability is read from the effective set (so `cap_add: [ALL]` and privileged
    /// mode count). A layer counts as off for `seccomp=unconfined`, `apparmor=unconfined`,
    /// `label=disable` or `label=type:spc_t`, and, silently, for privileged mode (unless a
    /// profile or label is named explicitly) and for a host PID or IPC namespace, which make
    /// the engine drop SELinux labels unless a `label=...` option is given.
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
    let caps = EffectiveCaps::of(container);
    let Some(sys_admin) = caps.get("SYS_ADMIN") else {
        return;
    };
    let privileged = container.privileged.as_ref().filter(|p| p.is_true());
    let gaps: Vec<Gap> = [
        lsm_gap(container, "seccomp", "no seccomp filter", privileged),
        lsm_gap(container, "apparmor", "no AppArmor profile", privileged),
        selinux_gap(container, privileged),
    ]
    .into_iter()
    .flatten()
    .collect();
    if gaps.is_empty() {
        return;
    }
    // Where the capability comes from: its `cap_add` entry, or privileged mode.
    let Some(span) = sys_admin
        .source
        .map(|s| s.span)
        .or(privileged.map(|p| p.span))
    else {
        return;
    };
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
    for gap in gaps.iter().filter(|gap| gap.span != span) {
        finding.related(gap.span, format!("{} here", gap.reason));
    }
}

/// seccomp or AppArmor: off when the last entry says `unconfined`, or in privileged
/// mode when no entry names a profile.
fn lsm_gap(
    container: &Container,
    key: &str,
    privileged_reason: &str,
    privileged: Option<&Setting<bool>>,
) -> Option<Gap> {
    match (applied(container, key), privileged) {
        (Applied::Value(opt, "unconfined"), _) => Some(Gap {
            reason: format!("`{}`", opt.entry.raw.trim()),
            span: opt.entry.span,
        }),
        (Applied::Default, Some(privileged)) => Some(Gap {
            reason: format!("{privileged_reason} (privileged)"),
            span: privileged.span,
        }),
        _ => None,
    }
}

/// SELinux: off with `label=disable` or the unconfined `spc_t` type; dropped silently
/// in privileged mode and with a host PID or IPC namespace, unless some `label=`
/// entry (written with `=`, as the engine checks) overrides that.
fn selinux_gap(container: &Container, privileged: Option<&Setting<bool>>) -> Option<Gap> {
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
    let (reason, span) = if let Some(privileged) = privileged {
        ("no SELinux label (privileged)", privileged.span)
    } else if let Some(pid) = host_mode(&namespaces.pid) {
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
                // Privileged with every layer named explicitly.
                &compose("    privileged: true\n    security_opt:\n      - seccomp=builtin\n      - apparmor=docker-default\n      - label=type:container_t\n"),
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
                (&compose("    privileged: true\n"), &[(4, 17)]),
                (
                    &compose("    privileged: true\n    security_opt:\n      - seccomp=builtin\n      - label=type:container_t\n"),
                    &[(4, 17)],
                ),
                (
                    "docker run --cap-add=SYS_ADMIN --security-opt apparmor:unconfined nginx:1.27",
                    &[(1, 22)],
                ),
                (
                    "docker run --privileged --security-opt seccomp=builtin nginx:1.27",
                    &[(1, 12)],
                ),
                (
                    "docker run --cap-add sys_admin --ipc=host nginx:1.27",
                    &[(1, 22)],
                ),
            ],
        );
    }
}
