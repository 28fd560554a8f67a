use crate::declare_rule;
use crate::model::{Container, Mount, MountKind};
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Reports supplementary groups (`group_add`, `--group-add`) that open doors: `root` /
    /// `0`, `disk`, `docker`, and a numeric group ID added while a socket or device is
    /// mounted into the container, which is usually that socket's or device's group.
    ///
    /// ## Why is this bad?
    /// Group permissions are checked against the numeric ID, and bind-mounted files keep
    /// their host owner and group. Group `0` can read and often write files the host gives
    /// to group root; `disk` can read and write raw block devices, and thus every
    /// filesystem on them; `docker` is the group of the Docker socket on most hosts. A GID
    /// added next to a mounted socket or device is typically there to open it, which grants
    /// whatever that socket or device controls.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   ci-runner:
    ///     image: registry.example.com/ci-runner:17.2.0
    ///     group_add:
    ///       - docker
    /// ```
    ///
    /// ```sh
    /// docker run -v /var/run/docker.sock:/var/run/docker.sock --group-add 998 registry.example.com/ci-runner:17.2.0
    /// ```
    ///
    /// ## Use instead
    /// Add only groups that grant what the workload needs, such as a group owning a data
    /// directory:
    /// ```yaml
    /// services:
    ///   ci-runner:
    ///     image: registry.example.com/ci-runner:17.2.0
    ///     group_add:
    ///       - "2001"
    /// ```
    ///
    /// ## Fix safety
    /// There is no automatic fix: the group may be what makes the workload work.
    ///
    /// ## When not to use it
    /// GPU and media containers commonly add `video` or `render` for their device; those
    /// are not reported by name, but a numeric GID next to the device is. Suppress it with a
    /// reason when the device is the intended one.
    ///
    /// ## References
    /// - compose-spec: `group_add`
    /// - Docker documentation: docker run, `--group-add`; Docker daemon attack surface
    pub static SENSITIVE_GROUP_ADD = {
        code: "USR-002",
        name: "sensitive-group-add",
        family: Identity,
        severity: Low,
        profiles: D,
        fix: None,
        check: check,
    }
}

/// Group names that grant host-level access by themselves.
const SENSITIVE_GROUPS: [(&str, &str); 4] = [
    ("root", "group root, which owns many host files and sockets"),
    ("0", "group root, which owns many host files and sockets"),
    ("disk", "`disk`, which can read and write raw block devices"),
    (
        "docker",
        "`docker`, which owns the Docker socket on most hosts",
    ),
];

/// Whether a mount brings a Unix socket (by its usual name) into the container.
fn is_socket(mount: &Mount) -> bool {
    mount.kind == MountKind::Bind
        && mount
            .source
            .as_ref()
            .and_then(|source| source.get())
            .is_some_and(|path| path.trim_end_matches('/').ends_with(".sock"))
}

/// What the container mounts that a group could open, for numeric GIDs.
fn group_owned_access(container: &Container) -> Option<&'static str> {
    let api_socket = container
        .use_api_socket
        .as_ref()
        .is_some_and(|s| s.is_true());
    if api_socket || container.mounts.iter().any(is_socket) {
        Some("a socket")
    } else if !container.devices.is_empty() {
        Some("a device")
    } else {
        None
    }
}

fn check(container: &Container, checker: &mut Checker) {
    for group in &container.group_add {
        let Some(name) = group.get().map(|name| name.trim()) else {
            continue;
        };
        let what = match SENSITIVE_GROUPS.iter().find(|(known, _)| *known == name) {
            Some((_, what)) => what.to_string(),
            None => {
                match group_owned_access(container) {
                    Some(access) if name.parse::<u32>().is_ok() => {
                        format!("GID {name} next to {access} it mounts, probably the group that opens it")
                    }
                    _ => continue,
                }
            }
        };
        checker
            .report(
                container,
                group.span,
                format!("joins {what}"),
            )
            .help("add only the groups the workload needs; to reach a socket or device, prefer a dedicated group that owns nothing else");
    }
}

#[cfg(test)]
mod tests {
    use super::SENSITIVE_GROUP_ADD as RULE;
    use crate::rules::testing::assert_cases;

    const HEAD: &str = "services:\n  app:\n    image: nginx:1.27\n";

    #[test]
    fn cases() {
        let compose = |tail: &str| format!("{HEAD}{tail}");
        assert_cases(
            &RULE,
            &[
                &compose(""),
                &compose("    group_add:\n      - video\n      - \"2001\"\n"),
                &compose("    group_add:\n      - ${DOCKER_GID}\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n"),
                "docker run --group-add 44 nginx:1.27",
                "docker run --group-add users -v /srv/data:/data nginx:1.27",
            ],
            &[
                (&compose("    group_add:\n      - docker\n"), &[(5, 9)]),
                (&compose("    group_add: [disk, \"0\"]\n"), &[(4, 17), (4, 23)]),
                (&compose("    group_add:\n      - root\n"), &[(5, 9)]),
                (
                    &compose("    group_add:\n      - \"998\"\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n"),
                    &[(5, 9)],
                ),
                (
                    &compose("    group_add: [44]\n    devices:\n      - /dev/dri:/dev/dri\n"),
                    &[(4, 17)],
                ),
                (
                    "docker run -v /run/podman/podman.sock:/run/podman/podman.sock --group-add 1001 nginx:1.27",
                    &[(1, 75)],
                ),
                ("docker run --group-add=0 nginx:1.27", &[(1, 24)]),
            ],
        );
    }
}
