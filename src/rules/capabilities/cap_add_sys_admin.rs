use super::report_named;
use crate::declare_rule;
use crate::model::Container;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Flags containers that add the SYS_ADMIN capability (`cap_add: [SYS_ADMIN]`, `--cap-add=SYS_ADMIN`).
    ///
    /// ## Why is this bad?
    /// SYS_ADMIN is the kernel's catch-all capability: mounting filesystems, creating
    /// and entering namespaces, loading BPF programs, changing the hostname and many
    /// device operations all sit behind it. Adding it also makes Docker's seccomp
    /// profile allow `mount`, `unshare`, `setns` and the other system calls it guards,
    /// so one line removes two layers. Most known container escapes start here, for
    /// example mounting a cgroup v1 hierarchy and abusing `release_agent`
    /// (CVE-2022-0492), or remounting `/proc` or `/sys` writable. Only an AppArmor or
    /// SELinux profile is left in the way, and not every host has one.
    ///
    /// Capabilities granted by privileged mode (PRIV-001) or by `ALL` (CAP-001) are
    /// reported by those rules; this one reports SYS_ADMIN added by name.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   backup:
    ///     image: restic/restic:0.17.3
    ///     cap_add:
    ///       - SYS_ADMIN
    /// ```
    ///
    /// ```sh
    /// docker run --cap-add SYS_ADMIN restic/restic:0.17.3
    /// ```
    ///
    /// ## Use instead
    /// Mount on the host and bind the result into the container:
    /// ```yaml
    /// services:
    ///   backup:
    ///     image: restic/restic:0.17.3
    ///     cap_drop: [ALL]
    ///     volumes:
    ///       - /mnt/nas/backups:/data
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes SYS_ADMIN from `cap_add`. It is unsafe: whatever the workload
    /// mounted or configured with it fails until that work moves to the host.
    ///
    /// ## When not to use it
    /// Nested container engines, some FUSE file systems and a few VPN clients need it.
    /// Run those on a dedicated host (for FUSE, try passing only `/dev/fuse` first) and
    /// suppress the finding with a reason.
    ///
    /// ## References
    /// - CIS Docker Benchmark v1.6.0, 5.4 (5.3 in v1.5.0): Ensure that Linux kernel capabilities are restricted within containers
    /// - docker-bench-security community check C.5.3.3 (SYS_ADMIN)
    /// - Kubernetes Pod Security Standards, baseline: Capabilities
    /// - KICS: Container Capabilities Unrestricted; semgrep: no equivalent rule
    /// - Docker docs: Runtime privilege and Linux capabilities (`docker run` reference)
    pub static CAP_ADD_SYS_ADMIN = {
        code: "CAP-002",
        name: "cap-add-sys-admin",
        family: Capabilities,
        severity: Critical,
        profiles: DBRC,
        fix: Always,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    let message = "adds SYS_ADMIN, which allows mounts and namespace changes and opens the \
                   matching system calls in the seccomp profile: the usual first step of an escape";
    if let Some(finding) = report_named(checker, container, "SYS_ADMIN", message) {
        finding.help(
            "remove SYS_ADMIN; do mounts and other administration on the host and pass in \
             only the result (a bind mount, or a single device such as /dev/fuse)",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::CAP_ADD_SYS_ADMIN as RULE;
    use crate::rules::testing::assert_cases;

    #[test]
    fn cases() {
        assert_cases(
            &RULE,
            &[
                "services:\n  web:\n    image: nginx\n",
                "services:\n  web:\n    image: nginx\n    cap_drop: [SYS_ADMIN]\n",
                // Granted through ALL or privileged: CAP-001 and PRIV-001 report it.
                "services:\n  web:\n    image: nginx\n    cap_add: [ALL]\n",
                "services:\n  web:\n    image: nginx\n    privileged: 'true'\n    cap_add: [SYS_ADMIN]\n",
                "services:\n  web:\n    image: nginx\n    cap_add: [\"${EXTRA_CAP}\"]\n",
                "docker run --cap-add=NET_ADMIN nginx",
                "docker run nginx --cap-add=SYS_ADMIN",
            ],
            &[
                (
                    "services:\n  web:\n    image: nginx\n    cap_add:\n      - SYS_ADMIN\n",
                    &[(5, 9)],
                ),
                (
                    "services:\n  web:\n    image: nginx\n    cap_add: [chown, sys_admin]\n",
                    &[(4, 22)],
                ),
                (
                    "services:\n  web:\n    image: nginx\n    cap_add:\n      - \"CAP_SYS_ADMIN\"\n",
                    &[(5, 9)],
                ),
                // Named next to ALL: reported, the name is explicit.
                (
                    "services:\n  web:\n    image: nginx\n    cap_add: [ALL, Cap_Sys_Admin]\n",
                    &[(4, 20)],
                ),
                // Added and dropped: the addition wins.
                (
                    "services:\n  web:\n    image: nginx\n    cap_drop: [ALL, SYS_ADMIN]\n    cap_add: [SYS_ADMIN]\n",
                    &[(5, 15)],
                ),
                ("docker run --cap-add=SYS_ADMIN nginx", &[(1, 22)]),
                ("docker run --cap-add sys_admin nginx", &[(1, 22)]),
                ("podman run --cap-add=CAP_SYS_ADMIN nginx", &[(1, 22)]),
            ],
        );
    }
}
