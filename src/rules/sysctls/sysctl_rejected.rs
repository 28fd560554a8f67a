use super::{key_of, verdict, Verdict};
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::model::Container;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Flags sysctls a container may not set: kernel parameters that no namespace of the
    /// container isolates, and namespaced ones whose namespace the container shares with
    /// the host.
    ///
    /// The runtime accepts the System V IPC parameters (`kernel.msg*`, `kernel.sem`,
    /// `kernel.shm*`, `fs.mqueue.*`) only with a private IPC namespace, `net.*` only outside
    /// the host network namespace, and `kernel.domainname` only with a private UTS
    /// namespace. The Docker CLI is stricter still and refuses anything but the IPC keys and
    /// `net.*` before the daemon sees it. A `net.*` parameter set on a container that joins
    /// another container's network (`network_mode: service:vpn`) is accepted but changes
    /// that container's namespace; that case is reported as info.
    ///
    /// ## Why is this bad?
    /// Parameters such as `kernel.core_pattern`, `kernel.modprobe`, `vm.*` or `fs.*` exist
    /// once per host. If a runtime let a container set them, the container would
    /// reconfigure the host kernel: `kernel.core_pattern` alone can make the host run a
    /// program of the container's choosing as root. The runtime therefore refuses them and
    /// the container does not start; the setting usually belongs in the host's
    /// `/etc/sysctl.d`.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   search:
    ///     image: registry.example.com/search:8.15.0
    ///     sysctls:
    ///       vm.max_map_count: 262144
    /// ```
    ///
    /// ```sh
    /// docker run --network host --sysctl net.core.somaxconn=4096 registry.example.com/search:8.15.0
    /// ```
    ///
    /// ## Use instead
    /// Set host-wide parameters on the host (`sysctl -w vm.max_map_count=262144` and a file
    /// in `/etc/sysctl.d`), and keep only namespaced ones on the container:
    /// ```yaml
    /// services:
    ///   search:
    ///     image: registry.example.com/search:8.15.0
    ///     sysctls:
    ///       net.core.somaxconn: 4096
    /// ```
    ///
    /// ## Fix safety
    /// There is no automatic fix: the parameter has to move to the host's configuration.
    ///
    /// ## When not to use it
    /// With a runtime that virtualises the kernel (gVisor, Kata Containers) some of these
    /// parameters are private to the sandbox; suppress with a reason.
    ///
    /// ## References
    /// - runc `libcontainer/configs/validate`: sysctl validation
    /// - docker/cli `opts.ValidateSysctl`; compose-spec `sysctls`
    /// - Docker documentation: docker run, `--sysctl`
    pub static SYSCTL_REJECTED = {
        code: "SYS-001",
        name: "sysctl-rejected",
        family: Sysctls,
        severity: High,
        profiles: DBRC,
        fix: None,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    for sysctl in &container.sysctls {
        let Some(key) = key_of(sysctl) else {
            continue;
        };
        match verdict(container, sysctl, &key) {
            Verdict::Accepted => {}
            Verdict::Rejected(reason) => {
                checker
                    .report(
                        container,
                        sysctl.key.span,
                        format!("cannot set `{key}`: {reason}, and the container is not created"),
                    )
                    .help("set host-wide kernel parameters on the host (`/etc/sysctl.d`), not on the container");
            }
            Verdict::JoinedNetwork(owner) => {
                checker
                    .report(
                        container,
                        sysctl.key.span,
                        format!("sets `{key}` in the network namespace it joins, so it changes `{owner}`'s network settings too"),
                    )
                    .severity(Severity::Info)
                    .help(format!("set `{key}` on `{owner}`, which owns the network namespace"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::SYSCTL_REJECTED as RULE;
    use crate::rules::testing::assert_cases;

    const HEAD: &str = "services:\n  app:\n    image: nginx:1.27\n";

    #[test]
    fn cases() {
        let compose = |tail: &str| format!("{HEAD}{tail}");
        assert_cases(
            &RULE,
            &[
                &compose(""),
                &compose("    sysctls:\n      net.core.somaxconn: 1024\n      kernel.shmmax: 68719476736\n"),
                &compose("    sysctls:\n      - fs.mqueue.msg_max=100\n      - net/ipv4/ip_local_port_range=1024 65000\n"),
                // Compose does not check keys itself, and runc allows the domain name.
                &compose("    sysctls:\n      kernel.domainname: example.com\n"),
                &compose("    ipc: shareable\n    sysctls:\n      kernel.sem: 250 32000 100 128\n"),
                &compose("    sysctls:\n      - ${KEY}=1\n"),
                "docker run --sysctl net.ipv4.ip_forward=1 nginx:1.27",
                "docker run --ipc private --sysctl kernel.msgmax=65536 nginx:1.27",
                "podman run --sysctl net/ipv4/tcp_syncookies=1 nginx:1.27",
            ],
            &[
                (&compose("    sysctls:\n      vm.max_map_count: 262144\n"), &[(5, 7)]),
                (
                    &compose("    sysctls:\n      - kernel.core_pattern=|/tmp/x\n      - fs.file-max=100000\n"),
                    &[(5, 9), (6, 9)],
                ),
                (&compose("    sysctls:\n      kernel.hostname: web\n"), &[(5, 7)]),
                (
                    &compose("    network_mode: host\n    sysctls:\n      net.core.somaxconn: 1024\n"),
                    &[(6, 7)],
                ),
                (
                    &compose("    ipc: host\n    sysctls:\n      - kernel.shmmax=68719476736\n"),
                    &[(6, 9)],
                ),
                (
                    &compose("    uts: host\n    sysctls:\n      kernel.domainname: example.com\n"),
                    &[(6, 7)],
                ),
                // Info: the namespace belongs to another service.
                (
                    &compose("    network_mode: service:vpn\n    sysctls:\n      net.ipv4.conf.all.src_valid_mark: 1\n"),
                    &[(6, 7)],
                ),
                // The docker CLI refuses what it does not know, even slash spellings.
                (
                    "docker run --sysctl kernel.domainname=example.com nginx:1.27",
                    &[(1, 21)],
                ),
                (
                    "docker run --sysctl net/ipv4/ip_forward=1 nginx:1.27",
                    &[(1, 21)],
                ),
                (
                    "docker run --net=host --sysctl net.ipv4.ip_forward=1 nginx:1.27",
                    &[(1, 32)],
                ),
            ],
        );
    }
}
