//! The kernel interfaces Docker hides or protects in every container, unless
//! `privileged` or `systempaths=unconfined` lifts the protection.
//!
//! Source: moby `daemon/pkg/oci/defaults.go` (`DefaultLinuxSpec`: `MaskedPaths`,
//! `ReadonlyPaths`). Besides these, Docker masks
//! `/sys/devices/system/cpu/cpu<N>/thermal_throttle` for each CPU that has it.

/// Hidden behind an empty mount (a directory) or `/dev/null` (a file).
pub const MASKED_PATHS: [&str; 12] = [
    "/proc/acpi",
    "/proc/asound",
    "/proc/interrupts",
    "/proc/kcore",
    "/proc/keys",
    "/proc/latency_stats",
    "/proc/sched_debug",
    "/proc/scsi",
    "/proc/timer_list",
    "/proc/timer_stats",
    "/sys/devices/virtual/powercap",
    "/sys/firmware",
];

/// Bind-mounted read-only over themselves.
pub const READ_ONLY_PATHS: [&str; 5] = [
    "/proc/bus",
    "/proc/fs",
    "/proc/irq",
    "/proc/sys",
    "/proc/sysrq-trigger",
];

#[cfg(test)]
mod tests {
    use super::{MASKED_PATHS, READ_ONLY_PATHS};
    use crate::knowledge::host_paths::{sensitive_path, PathKind};

    #[test]
    fn what_docker_protects_is_a_sensitive_kernel_filesystem() {
        for path in MASKED_PATHS.iter().chain(&READ_ONLY_PATHS) {
            let sensitive = sensitive_path(path).unwrap_or_else(|| panic!("{path} is listed"));
            assert_eq!(sensitive.kind, PathKind::KernelFilesystem, "{path}");
        }
    }
}
