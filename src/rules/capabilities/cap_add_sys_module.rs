use super::report_named;
use crate::declare_rule;
use crate::model::Container;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Flags containers that add the SYS_MODULE capability, which loads and unloads kernel modules.
    ///
    /// ## Why is this bad?
    /// A kernel module runs inside the host kernel with no isolation at all, and all
    /// containers share that one kernel. A process that can load a module (Docker's
    /// seccomp profile opens `init_module` and `finit_module` once the capability is
    /// present) can do anything on the host: hide processes, read every container's
    /// memory, switch off security modules. Unloading modules can also take down
    /// devices and filesystems the host relies on.
    ///
    /// Capabilities granted by privileged mode (PRIV-001) or by `ALL` (CAP-001) are
    /// reported by those rules; this one reports SYS_MODULE added by name.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   wireguard:
    ///     image: linuxserver/wireguard:1.0.20210914
    ///     cap_add: [NET_ADMIN, SYS_MODULE]
    /// ```
    ///
    /// ```sh
    /// docker run --cap-add=NET_ADMIN --cap-add=SYS_MODULE linuxserver/wireguard:1.0.20210914
    /// ```
    ///
    /// ## Use instead
    /// Load the module on the host once (`modprobe wireguard`, or a file in
    /// `/etc/modules-load.d/`), and keep the capability out of the container:
    /// ```yaml
    /// services:
    ///   wireguard:
    ///     image: linuxserver/wireguard:1.0.20210914
    ///     cap_add: [NET_ADMIN]
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes SYS_MODULE from `cap_add`. It is unsafe: if the image loads a
    /// module at start-up, that step fails until the module is loaded on the host.
    ///
    /// ## When not to use it
    /// Never for application containers. Host agents that manage kernel modules
    /// belong on the host, not in a container.
    ///
    /// ## References
    /// - CIS Docker Benchmark v1.6.0, 5.4 (5.3 in v1.5.0): Ensure that Linux kernel capabilities are restricted within containers
    /// - docker-bench-security community check C.5.3.2 (SYS_MODULE)
    /// - Kubernetes Pod Security Standards, baseline: Capabilities
    /// - KICS: Container Capabilities Unrestricted; semgrep: no equivalent rule
    /// - Docker docs: Runtime privilege and Linux capabilities (`docker run` reference)
    pub static CAP_ADD_SYS_MODULE = {
        code: "CAP-003",
        name: "cap-add-sys-module",
        family: Capabilities,
        severity: Critical,
        profiles: DBRC,
        fix: Always,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    let message = "adds SYS_MODULE, which loads kernel modules: code that runs in the host \
                   kernel, outside every container boundary";
    if let Some(finding) = report_named(checker, container, "SYS_MODULE", message) {
        finding
            .help("remove SYS_MODULE and load the module on the host before the container starts");
    }
}

#[cfg(test)]
mod tests {
    use super::CAP_ADD_SYS_MODULE as RULE;
    use crate::rules::testing::assert_cases;

    #[test]
    fn cases() {
        assert_cases(
            &RULE,
            &[
                "services:\n  vpn:\n    image: wg\n    cap_add: [NET_ADMIN]\n",
                "services:\n  vpn:\n    image: wg\n    cap_add: [all]\n",
                "services:\n  vpn:\n    image: wg\n    privileged: yes\n    cap_add: [SYS_MODULE]\n",
                "docker run --cap-drop SYS_MODULE wg",
            ],
            &[
                (
                    "services:\n  vpn:\n    image: wg\n    cap_add:\n      - NET_ADMIN\n      - sys_module\n",
                    &[(6, 9)],
                ),
                (
                    "services:\n  vpn:\n    image: wg\n    cap_add: ['CAP_SYS_MODULE']\n",
                    &[(4, 15)],
                ),
                ("docker run --cap-add=SYS_MODULE wg", &[(1, 22)]),
                ("docker run --cap-add cap_sys_module wg", &[(1, 22)]),
            ],
        );
    }
}
