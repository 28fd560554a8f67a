use super::host_binds;
use crate::declare_rule;
use crate::model::Container;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Flags bind mounts of absolute host paths (`/opt/app/data`, `~/notes`), in the `restricted` profile; paths relative to the project (`./data`) are accepted.
    ///
    /// Host paths that another rule already reports for what they contain (sockets,
    /// kernel filesystems, sensitive directories) are left to that rule.
    ///
    /// ## Why is this bad?
    /// A bind mount is a hole in the container's filesystem isolation: host files and
    /// container files become the same files, with the container's user (often root)
    /// as their owner inside. What lies at an absolute path is decided by the host, not
    /// by the project, so the same file can expose something different on another
    /// machine, and files the container creates land on the host. Kubernetes' restricted
    /// Pod Security Standard allows no host paths at all, only volumes.
    ///
    /// Paths relative to the project directory (`./config`) are tolerated: they are the
    /// usual way to ship configuration with a Compose project.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   db:
    ///     image: postgres:16
    ///     volumes:
    ///       - /opt/postgres/data:/var/lib/postgresql/data
    /// ```
    ///
    /// ```sh
    /// docker run -d -v /opt/postgres/data:/var/lib/postgresql/data postgres:16
    /// ```
    ///
    /// ## Use instead
    /// A named volume, managed by the engine:
    /// ```yaml
    /// services:
    ///   db:
    ///     image: postgres:16
    ///     volumes:
    ///       - db-data:/var/lib/postgresql/data
    /// volumes:
    ///   db-data:
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: moving data from a host directory to a volume needs a copy.
    ///
    /// ## When not to use it
    /// Development setups that edit host files live, and hosts where the data layout is
    /// managed on purpose. Stay in the `default` or `baseline` profile, or list the
    /// directories in `allowedHostPaths`.
    ///
    /// ## References
    /// - Kubernetes Pod Security Standards, baseline: HostPath Volumes; restricted: Volume Types
    /// - Polaris: hostPathSet
    /// - Docker documentation: volumes, and when to prefer them over bind mounts
    pub static HOST_BIND_MOUNT = {
        code: "MNT-005",
        name: "host-bind-mount",
        family: Mounts,
        severity: Low,
        profiles: R,
        fix: None,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    for bind in host_binds(container) {
        let Some(path) = &bind.path else { continue };
        if path.is_relative() || bind.sensitive().is_some() || bind.is_allowed(checker.options) {
            continue;
        }
        let message = format!(
            "mounts {}: the container shares those files with the host, outside the project",
            bind.described()
        );
        bind.report(checker, container, message).help(
            "use a named volume, a tmpfs, a config or a secret, or a path inside the project directory",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::HOST_BIND_MOUNT as RULE;
    use crate::config::{Config, Profile, RuleOptions};
    use crate::rules::registry;
    use crate::rules::testing::{assert_cases, findings_with};

    #[test]
    fn cases() {
        assert_cases(
            &RULE,
            &[
                with_volumes!("      - data:/data\n"),
                with_volumes!("      - /data\n"),
                with_volumes!("      - ./data:/data\n"),
                with_volumes!("      - ../shared/conf:/conf:ro\n"),
                with_volumes!("      - .:/app\n"),
                with_volumes!("      - ./../../../opt/x:/x\n"),
                with_volumes!("      - ${DATA}:/data\n"),
                with_volumes!("      - /etc:/host/etc\n"),
                with_volumes!("      - /var/run/docker.sock:/var/run/docker.sock\n"),
                with_volumes!("      - type: tmpfs\n        target: /tmp\n"),
                "docker run -v \"$(pwd)\":/app app",
            ],
            &[
                (with_volumes!("      - /opt/data:/data\n"), &[(5, 9)]),
                (with_volumes!("      - /opt/data/:/data:ro\n"), &[(5, 9)]),
                (with_volumes!("      - ~/notes:/notes\n"), &[(5, 9)]),
                (
                    with_volumes!("      - type: bind\n        source: /srv/app\n        target: /app\n"),
                    &[(6, 17)],
                ),
                (
                    with_volumes!("      - data:/data\nvolumes:\n  data:\n    driver_opts:\n      type: none\n      o: bind\n      device: /mnt/disk1/data\n"),
                    &[(5, 9)],
                ),
                ("docker run -v /opt/data:/data app", &[(1, 15)]),
                ("docker run --mount type=bind,source=/opt/data,target=/data app", &[(1, 37)]),
            ],
        );
    }

    #[test]
    fn only_in_the_restricted_profile_and_not_for_allowed_paths() {
        assert_eq!(registry::profiles(&RULE), [Profile::Restricted]);
        let text = with_volumes!("      - /opt/data:/data\n");
        let config = Config {
            profile: Profile::Restricted,
            options: RuleOptions {
                allowed_host_paths: vec!["/opt".to_string()],
                ..RuleOptions::default()
            },
            ..Config::default()
        };
        assert_eq!(findings_with(&RULE, text, config), vec![]);
    }
}
