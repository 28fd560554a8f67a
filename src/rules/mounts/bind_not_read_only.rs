use super::{host_binds, is_writable_cgroup_bind, read_only_intent, PathKind};
use crate::declare_rule;
use crate::diagnostic::Applicability;
use crate::model::Container;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Flags host bind mounts that are writable, because they lack `:ro`, `read_only: true` or `readonly`.
    ///
    /// A bind whose host path is an unresolved variable (`${DATA}:/data`) still counts:
    /// whatever the path turns out to be, the mount is writable. Engine sockets are left
    /// to `container-runtime-socket` (read-only does not protect them) and a writable
    /// `/sys/fs/cgroup` to `writable-cgroups`.
    ///
    /// ## Why is this bad?
    /// Bind mounts are read-write unless you say otherwise, and the container's user is
    /// root unless you say otherwise, so by default a container can change or delete
    /// every file it is given from the host. A compromised service can then tamper with
    /// its own configuration, plant files that the host or another service will run, or
    /// destroy data. Read-only mounts keep what the service only reads out of reach.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   web:
    ///     image: nginx:1.27
    ///     volumes:
    ///       - ./nginx.conf:/etc/nginx/nginx.conf
    /// ```
    ///
    /// ```sh
    /// docker run -d --mount type=bind,src=./site,dst=/usr/share/nginx/html nginx:1.27
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   web:
    ///     image: nginx:1.27
    ///     volumes:
    ///       - ./nginx.conf:/etc/nginx/nginx.conf:ro
    /// ```
    ///
    /// ## Fix safety
    /// The fix makes the mount read-only in the syntax you used: it appends `:ro` (or
    /// adds `ro,` to the options, or turns `rw` into `ro`), adds `read_only: true` to a
    /// long-syntax entry, or `,readonly` to `--mount`. It is unsafe: a service that
    /// writes to the mount fails once it is read-only.
    ///
    /// ## When not to use it
    /// Mounts that exist for the service to write (data directories, uploads, logs).
    /// Prefer named volumes for those; otherwise suppress the finding with a reason or
    /// list the path in `allowedHostPaths`.
    ///
    /// ## References
    /// - CIS Docker Benchmark v1.6.0, 5.6 (5.5 in v1.5.0): Ensure sensitive host system directories are not mounted on containers (it stresses read-write mounts)
    /// - Kubernetes Pod Security Standards, restricted: Volume Types (no host paths at all)
    /// - Docker documentation: bind mounts, "Use a read-only bind mount" and recursive read-only mounts
    pub static BIND_NOT_READ_ONLY = {
        code: "MNT-006",
        name: "bind-not-read-only",
        family: Mounts,
        severity: Low,
        profiles: RC,
        fix: Sometimes,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    for bind in host_binds(container) {
        // An unresolved `read_only: ${RO}` may well be true.
        let read_only = bind.mount.read_only.as_ref();
        if bind.mount.is_read_only()
            || read_only.is_some_and(|s| s.value.is_none())
            || bind.is_allowed(checker.options)
        {
            continue;
        }
        if let Some(sensitive) = bind.sensitive() {
            if sensitive.kind == PathKind::RuntimeSocket
                || is_writable_cgroup_bind(&bind, &sensitive)
            {
                continue;
            }
        }
        let message = format!(
            "mounts {} read-write: the container can change or delete those host files",
            bind.described()
        );
        bind.report(checker, container, message)
            .help(
                "make the mount read-only unless the service writes there; on engines older than 25 or kernels older than 5.12 make it recursively read-only too",
            )
            .fix(
                "Mount it read-only",
                Applicability::Unsafe,
                vec![read_only_intent(container, bind.index)],
            );
    }
}

#[cfg(test)]
mod tests {
    use super::BIND_NOT_READ_ONLY as RULE;
    use crate::config::Profile;
    use crate::rules::registry;
    use crate::rules::testing::{assert_cases, fixed};

    #[test]
    fn cases() {
        assert_cases(
            &RULE,
            &[
                with_volumes!("      - data:/data\n"),
                with_volumes!("      - /data\n"),
                with_volumes!("      - ./conf:/conf:ro\n"),
                with_volumes!("      - ./conf:/conf:z,ro\n"),
                with_volumes!("      - /var/run/docker.sock:/var/run/docker.sock\n"),
                with_volumes!("      - /sys/fs/cgroup:/sys/fs/cgroup\n"),
                with_volumes!("      - type: bind\n        source: ./conf\n        target: /conf\n        read_only: true\n"),
                with_volumes!("      - type: bind\n        source: ./conf\n        target: /conf\n        read_only: ${RO}\n"),
                "docker run --mount type=bind,src=/opt/x,dst=/x,readonly app",
                "docker run --mount type=bind,src=/opt/x,dst=/x,ro=true app",
                "docker run -v /opt/x:/x:ro app",
            ],
            &[
                (with_volumes!("      - ./conf:/conf\n"), &[(5, 9)]),
                (with_volumes!("      - ./conf:/conf:rw\n"), &[(5, 9)]),
                (with_volumes!("      - ${DATA}:/data\n"), &[(5, 9)]),
                (with_volumes!("      - /etc:/host/etc\n"), &[(5, 9)]),
                (
                    with_volumes!("      - type: bind\n        source: ./conf\n        target: /conf\n"),
                    &[(6, 17)],
                ),
                (
                    with_volumes!("      - conf:/conf\nvolumes:\n  conf:\n    driver_opts:\n      type: none\n      o: bind\n      device: /opt/conf\n"),
                    &[(5, 9)],
                ),
                ("docker run -v /opt/x:/x app", &[(1, 15)]),
                ("docker run --mount type=bind,src=/opt/x,dst=/x app", &[(1, 34)]),
                ("docker run --mount type=bind,src=/opt/x,dst=/x,readonly=false app", &[(1, 34)]),
            ],
        );
    }

    #[test]
    fn fixes_speak_the_syntax_of_the_mount() {
        assert_eq!(
            fixed(&RULE, with_volumes!("      - ./conf:/conf\n")),
            [with_volumes!("      - ./conf:/conf:ro\n")]
        );
        assert_eq!(
            fixed(&RULE, with_volumes!("      - \"./conf:/conf:z\"\n")),
            [with_volumes!("      - \"./conf:/conf:ro,z\"\n")]
        );
        assert_eq!(
            fixed(&RULE, with_volumes!("      - ./conf:/conf:rw,z\n")),
            [with_volumes!("      - ./conf:/conf:ro,z\n")]
        );
        assert_eq!(
            fixed(&RULE, with_volumes!("      - type: bind\n        source: ./conf\n        target: /conf\n      - data:/data\n")),
            [with_volumes!("      - type: bind\n        source: ./conf\n        target: /conf\n        read_only: true\n      - data:/data\n")]
        );
        assert_eq!(
            fixed(&RULE, with_volumes!("      - type: bind\n        source: ./conf\n        target: /conf\n        read_only: false\n")),
            [with_volumes!("      - type: bind\n        source: ./conf\n        target: /conf\n        read_only: true\n")]
        );
        assert_eq!(
            fixed(
                &RULE,
                with_volumes!("      - {type: bind, source: ./conf, target: /conf}\n")
            ),
            [with_volumes!(
                "      - {type: bind, source: ./conf, target: /conf, read_only: true}\n"
            )]
        );
        assert_eq!(
            fixed(&RULE, "docker run --mount type=bind,src=/opt/x,dst=/x app"),
            ["docker run --mount type=bind,src=/opt/x,dst=/x,readonly app"]
        );
        assert_eq!(
            fixed(
                &RULE,
                "docker run --mount type=bind,src=/opt/x,dst=/x,readonly=false app"
            ),
            ["docker run --mount type=bind,src=/opt/x,dst=/x,readonly=true app"]
        );
        assert_eq!(
            fixed(&RULE, "docker run -v /opt/x:/x app"),
            ["docker run -v /opt/x:/x:ro app"]
        );
    }

    #[test]
    fn restricted_and_cis_profiles_only() {
        assert_eq!(
            registry::profiles(&RULE),
            [Profile::Restricted, Profile::Cis]
        );
    }
}
