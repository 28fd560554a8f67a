use super::{sensitive_binds, PathKind};
use crate::declare_rule;
use crate::model::Container;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Flags bind mounts of sensitive host directories such as `/`, `/etc`, `/root`, a home directory, `/var/lib/docker` or `/boot`, and of directories that contain one.
    ///
    /// Paths are compared after normalisation (`/etc/`, `/etc/./ssl/..` and `//etc` are
    /// all `/etc`; `~` and `$HOME` are a home directory). A mount counts when it is a
    /// listed directory, lies below one (`/etc/ssl`), or contains one (`/var` contains
    /// `/var/lib/docker`). Severity depends on the directory and on whether the bind is
    /// read-only:
    ///
    /// - `/`: critical, read-only too;
    /// - `/etc`, `/etc/kubernetes`, `/var/lib/docker`, `/var/lib/containerd`,
    ///   `/var/lib/containers`, `/var/lib/kubelet`: critical, high read-only;
    /// - `/boot`, `/efi`, `/root`, `/home`, a home directory and its `.ssh`, `.docker`,
    ///   `.kube`, `.aws`: high, medium read-only;
    /// - `/usr`, `/bin`, `/sbin`, `/lib`, `/lib64`, `/lib/modules`: high, low read-only;
    /// - `/var/log`, and `/var`, `/srv`, `/mnt`, `/media`, `/cdrom` themselves: medium,
    ///   low read-only.
    ///
    /// Public files that services commonly read (`/etc/localtime`, `/etc/timezone`,
    /// `/etc/hostname`, `/etc/hosts`, `/etc/resolv.conf`, `/etc/passwd`, `/etc/group`,
    /// `/etc/machine-id`, `/etc/os-release`, `/etc/ssl/certs`, `/usr/share/zoneinfo`)
    /// are not reported when mounted read-only; writable, they are (critical for
    /// `/etc/passwd`, which lets the container add a root account).
    ///
    /// Engine sockets (and `/run`, which holds them) are `container-runtime-socket`'s,
    /// and `/proc`, `/sys`, `/dev` are `kernel-filesystem-mount`'s.
    ///
    /// ## Why is this bad?
    /// A bind mount shares the host's files with the container as they are, under the
    /// container's user, which is root unless you say otherwise. Root writing to the
    /// host's `/etc`, `/usr` or `/root` adds a user, replaces a program the host runs as
    /// root or plants an SSH key: the container walks out. Even read-only, `/` and `/etc`
    /// hand out password hashes, private keys and credentials, and `/var/lib/docker`
    /// holds every other container's files.
    ///
    /// Read-only is a mitigation, not a fix: on engines older than 25 or kernels older
    /// than 5.12, mounts below a read-only bind may stay writable.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   backup:
    ///     image: restic/restic:0.17.0
    ///     volumes:
    ///       - /etc:/source/etc
    /// ```
    ///
    /// ```sh
    /// docker run --rm -v /:/host:ro alpine:3.20 ls /host
    /// ```
    ///
    /// ## Use instead
    /// Mount only the file or directory the service needs, read-only, or use a named
    /// volume, a config or a secret:
    /// ```yaml
    /// services:
    ///   backup:
    ///     image: restic/restic:0.17.0
    ///     volumes:
    ///       - ./restic/excludes.txt:/config/excludes.txt:ro
    ///       - backup-data:/data
    /// volumes:
    ///   backup-data:
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: which part of the directory the service really needs is not
    /// written anywhere.
    ///
    /// ## When not to use it
    /// Host backup, security and monitoring agents read large parts of the host by
    /// design. Run them read-only on hosts where you trust them, and suppress the finding
    /// with a reason or list the path in `allowedHostPaths`.
    ///
    /// ## References
    /// - CIS Docker Benchmark v1.6.0, 5.6 (5.5 in v1.5.0): Ensure sensitive host system directories are not mounted on containers
    /// - Kubernetes Pod Security Standards, baseline: HostPath Volumes
    /// - KICS: Volume Has Sensitive Host Directory
    /// - Docker documentation: bind mounts
    pub static SENSITIVE_HOST_DIRECTORY = {
        code: "MNT-004",
        name: "sensitive-host-directory",
        family: Mounts,
        severity: Critical,
        profiles: DBRC,
        fix: None,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    for (bind, directory) in sensitive_binds(container, PathKind::HostDirectory, checker.options) {
        bind.report(checker, container, bind.message(&directory))
            .severity(directory.risk(bind.mount.is_read_only()).into())
            .help("mount only the file or directory the service needs, read-only, or use a named volume, a config or a secret");
    }
}

#[cfg(test)]
mod tests {
    use super::SENSITIVE_HOST_DIRECTORY as RULE;
    use crate::config::{Config, RuleOptions};
    use crate::diagnostic::Severity;
    use crate::rules::testing::{assert_cases, diagnostics_with, findings_with};

    #[test]
    fn cases() {
        assert_cases(
            &RULE,
            &[
                with_volumes!("      - etc:/etc\n"),
                with_volumes!("      - /etc\n"),
                with_volumes!("      - ./etc:/etc:ro\n"),
                with_volumes!("      - /etcetera:/data\n"),
                with_volumes!("      - /var/lib/app:/data\n"),
                with_volumes!("      - /srv/app:/srv\n"),
                with_volumes!("      - /home/me/code:/code\n"),
                with_volumes!("      - /etc/localtime:/etc/localtime:ro\n"),
                with_volumes!("      - /etc/passwd:/etc/passwd:ro\n"),
                with_volumes!("      - /etc/ssl/certs/:/etc/ssl/certs:ro\n"),
                with_volumes!("      - ${DATA}:/data\n"),
                with_volumes!("      - /var/run/docker.sock:/var/run/docker.sock\n"),
                with_volumes!("      - /proc:/host/proc\n"),
                "docker run -v \"$(pwd)\":/app app",
            ],
            &[
                (with_volumes!("      - /etc:/host/etc\n"), &[(5, 9)]),
                (with_volumes!("      - /etc/:/host/etc:ro\n"), &[(5, 9)]),
                (with_volumes!("      - /:/rootfs:ro\n"), &[(5, 9)]),
                (with_volumes!("      - /var/lib/../..:/rootfs\n"), &[(5, 9)]),
                (with_volumes!("      - /var:/host/var:ro\n"), &[(5, 9)]),
                (with_volumes!("      - /var/lib/docker/volumes:/volumes\n"), &[(5, 9)]),
                (with_volumes!("      - ~/.ssh:/root/.ssh:ro\n"), &[(5, 9)]),
                (with_volumes!("      - $HOME/.kube:/root/.kube\n"), &[(5, 9)]),
                (with_volumes!("      - /lib/modules:/lib/modules:ro\n"), &[(5, 9)]),
                (with_volumes!("      - /etc/passwd:/etc/passwd\n"), &[(5, 9)]),
                (
                    with_volumes!("      - type: bind\n        source: /etc\n        target: /host/etc\n"),
                    &[(6, 17)],
                ),
                (
                    with_volumes!("      - etc:/host/etc\nvolumes:\n  etc:\n    driver: local\n    driver_opts:\n      type: none\n      o: bind\n      device: /etc\n"),
                    &[(5, 9)],
                ),
                ("docker run -v /:/host:ro alpine", &[(1, 15)]),
                ("docker run -v \"$HOME/.ssh:/root/.ssh:ro\" alpine", &[(1, 16)]),
                ("docker run --mount type=bind,src=/root,dst=/r,readonly alpine", &[(1, 34)]),
            ],
        );
    }

    #[test]
    fn severity_follows_the_table_and_read_only() {
        let severity = |text: &str| diagnostics_with(&RULE, text, Config::default())[0].severity;
        assert_eq!(
            severity(with_volumes!("      - /:/host:ro\n")),
            Severity::Critical
        );
        assert_eq!(
            severity(with_volumes!("      - /etc:/e\n")),
            Severity::Critical
        );
        assert_eq!(
            severity(with_volumes!("      - /etc/shadow:/e:ro\n")),
            Severity::High
        );
        assert_eq!(
            severity(with_volumes!("      - /usr/src:/usr/src:ro\n")),
            Severity::Low
        );
        assert_eq!(
            severity(with_volumes!("      - /var/log:/log\n")),
            Severity::Medium
        );
        assert_eq!(
            severity(with_volumes!("      - /var:/v:ro\n")),
            Severity::High
        );
    }

    #[test]
    fn messages_say_how_the_mount_relates_to_the_listed_path() {
        let message = |text: &str| {
            diagnostics_with(&RULE, text, Config::default())[0]
                .message_markdown
                .clone()
        };
        assert_eq!(
            message(with_volumes!("      - /var/lib:/l\n")),
            "mounts the host's /var/lib read-write, which contains docker: Docker's data, with every container's filesystem layers, volumes and configuration"
        );
        assert_eq!(
            message(with_volumes!("      - ~/.ssh/id_ed25519:/key:ro\n")),
            "mounts the host's ~/.ssh/id_ed25519 read-only, inside ~/.ssh: SSH keys, with log-in access to other machines and `authorized_keys` for this one"
        );
        assert_eq!(
            message(with_volumes!("      - /etc/pihole/:/etc/pihole\n")),
            "mounts the host's /etc/pihole/ read-write, inside /etc: the system configuration, with password hashes, sudo rules, cron jobs, service units and TLS keys"
        );
    }

    #[test]
    fn allowed_host_paths_cover_their_subtree() {
        let config = Config {
            options: RuleOptions {
                allowed_host_paths: vec!["/etc/ssl/".to_string()],
                ..RuleOptions::default()
            },
            ..Config::default()
        };
        let text = with_volumes!("      - /etc/ssl/certs:/certs:ro\n      - /etc:/host/etc:ro\n");
        assert_eq!(findings_with(&RULE, text, config), vec![(6, 9)]);
    }
}
