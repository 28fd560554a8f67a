use super::{is_writable_cgroup_bind, sensitive_binds, PathKind};
use crate::declare_rule;
use crate::model::Container;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Flags bind mounts of the host's kernel filesystems: `/proc`, `/sys`, `/dev`, or anything below them such as `/proc/sysrq-trigger` or `/sys/fs/cgroup`.
    ///
    /// A read-write bind is critical and a read-only one high (for `/proc` and `/sys`);
    /// `/dev` is high read-write and medium read-only, `/dev/shm` medium and low. A
    /// writable bind of `/sys/fs/cgroup` is reported by `writable-cgroups` instead, and a
    /// read-only one here, as low.
    ///
    /// ## Why is this bad?
    /// Docker already gives every container its own `/proc`, `/sys` and `/dev`, and
    /// protects the dangerous parts: `/proc/sys`, `/proc/sysrq-trigger`, `/proc/irq` and
    /// `/proc/bus` are read-only, `/proc/kcore` and similar files are hidden, `/sys` is
    /// mounted read-only and `/dev` holds only a handful of harmless devices. A bind of
    /// the host's copy replaces all of that with the real thing:
    ///
    /// - `/proc` shows every host process, with its environment, open files and memory,
    ///   and its `sys/kernel/core_pattern` makes the host kernel run a program of the
    ///   container's choosing as root;
    /// - `/proc/sysrq-trigger` crashes or reboots the host in one write;
    /// - `/sys` holds kernel objects such as `/sys/kernel/uevent_helper`, another way to
    ///   run a program as root on the host;
    /// - `/dev` holds the host's disks and memory devices, guarded only by the device
    ///   allow-list that privileged mode or a device rule removes.
    ///
    /// Read-only binds still leak secrets (other processes' environment variables and
    /// command lines) and details that help an attack.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   exporter:
    ///     image: prom/node-exporter:v1.8.2
    ///     volumes:
    ///       - /proc:/host/proc
    /// ```
    ///
    /// ```sh
    /// docker run -d -v /sys:/host/sys:ro prom/node-exporter:v1.8.2
    /// ```
    ///
    /// ## Use instead
    /// Let the container use its own kernel filesystems, and read host metrics from an
    /// agent running on the host:
    /// ```yaml
    /// services:
    ///   exporter:
    ///     image: prom/node-exporter:v1.8.2
    ///     read_only: true
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: the mount usually exists because the tool reads host data, and
    /// removing it changes what the tool sees.
    ///
    /// ## When not to use it
    /// Host monitoring agents (node-exporter, cAdvisor, Netdata) read host `/proc` and
    /// `/sys` by design. Mount them read-only, on hosts where the agent is trusted, and
    /// suppress the finding with a reason or list the path in `allowedHostPaths`.
    ///
    /// ## References
    /// - CIS Docker Benchmark v1.6.0, 5.6 (5.5 in v1.5.0): Ensure sensitive host system directories are not mounted on containers
    /// - Kubernetes Pod Security Standards, baseline: HostPath Volumes
    /// - KICS: Volume Has Sensitive Host Directory; kubesec: hostPath `/proc`
    /// - Docker documentation: bind mounts; moby's default masked and read-only paths
    pub static KERNEL_FILESYSTEM_MOUNT = {
        code: "MNT-003",
        name: "kernel-filesystem-mount",
        family: Mounts,
        severity: Critical,
        profiles: DBRC,
        fix: None,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    for (bind, kernel) in sensitive_binds(container, PathKind::KernelFilesystem, checker.options) {
        // One finding per meaning: a writable cgroup bind is `writable-cgroups`.
        if is_writable_cgroup_bind(&bind, &kernel) {
            continue;
        }
        let read_only = bind.mount.is_read_only();
        let help = if read_only {
            "remove the mount: the container already has its own view of the kernel filesystems; if a monitoring tool needs host data, mount only the file it reads"
        } else {
            "remove the mount: the container already has its own, protected view of the kernel filesystems; if a monitoring tool needs host data, mount only the file it reads, read-only"
        };
        bind.report(checker, container, bind.message(&kernel))
            .severity(kernel.risk(read_only).into())
            .help(help);
    }
}

#[cfg(test)]
mod tests {
    use super::KERNEL_FILESYSTEM_MOUNT as RULE;
    use crate::config::Config;
    use crate::diagnostic::Severity;
    use crate::rules::testing::{assert_cases, diagnostics_with};

    #[test]
    fn cases() {
        assert_cases(
            &RULE,
            &[
                with_volumes!("      - proc:/proc\n"),
                with_volumes!("      - /proc\n"),
                with_volumes!("      - ./proc:/proc\n"),
                with_volumes!("      - /processes:/data\n"),
                with_volumes!("      - /sys/fs/cgroup:/sys/fs/cgroup\n"),
                with_volumes!("      - ${PROC}:/host/proc\n"),
                with_volumes!("      - /etc:/etc:ro\n"),
                "docker run -v /var/run/docker.sock:/var/run/docker.sock app",
            ],
            &[
                (with_volumes!("      - /proc:/host/proc\n"), &[(5, 9)]),
                (with_volumes!("      - /proc/:/host/proc:ro\n"), &[(5, 9)]),
                (with_volumes!("      - /proc/sysrq-trigger:/sysrq\n"), &[(5, 9)]),
                (with_volumes!("      - /sys:/host/sys:ro,rslave\n"), &[(5, 9)]),
                (with_volumes!("      - /sys/fs/cgroup:/sys/fs/cgroup:ro\n"), &[(5, 9)]),
                (with_volumes!("      - /dev:/dev\n"), &[(5, 9)]),
                (with_volumes!("      - /dev/../proc/1:/init\n"), &[(5, 9)]),
                (
                    with_volumes!("      - type: bind\n        source: /proc\n        target: /host/proc\n        read_only: true\n"),
                    &[(6, 17)],
                ),
                (
                    with_volumes!("      - kernel:/host/sys\nvolumes:\n  kernel:\n    driver_opts:\n      type: none\n      o: bind\n      device: /sys\n"),
                    &[(5, 9)],
                ),
                ("docker run -v /proc:/host/proc:ro app", &[(1, 15)]),
                ("docker run --mount type=bind,source=/sys,target=/host/sys app", &[(1, 37)]),
            ],
        );
    }

    #[test]
    fn severity_follows_read_only() {
        let severity = |text: &str| diagnostics_with(&RULE, text, Config::default())[0].severity;
        assert_eq!(
            severity(with_volumes!("      - /proc:/p\n")),
            Severity::Critical
        );
        assert_eq!(
            severity(with_volumes!("      - /proc:/p:ro\n")),
            Severity::High
        );
        assert_eq!(
            severity(with_volumes!("      - /dev:/dev\n")),
            Severity::High
        );
        assert_eq!(
            severity(with_volumes!("      - /dev/shm:/dev/shm\n")),
            Severity::Medium
        );
        assert_eq!(
            severity(with_volumes!("      - /sys/fs/cgroup:/c:ro\n")),
            Severity::Low
        );
    }
}
