use super::{sensitive_binds, PathKind};
use crate::declare_rule;
use crate::diagnostic::Applicability;
use crate::model::Container;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Flags containers that mount a container engine's API socket (`docker.sock`, containerd, CRI-O, Podman, BuildKit, cri-dockerd), or a host directory that contains one, such as `/var/run`.
    ///
    /// The socket is recognised wherever it is written: `/var/run/docker.sock`,
    /// `/run/docker.sock`, a rootless `/run/user/1000/docker.sock` or
    /// `$XDG_RUNTIME_DIR/docker.sock`, a file called `docker.sock` anywhere else, the
    /// Windows pipe `\\.\pipe\docker_engine`, and a bind of `/run`, `/var/run` or
    /// `/run/containerd`, which carry the socket inside them. Short and long volume
    /// syntax, `--mount` and named volumes whose `driver_opts` bind a host path all count.
    ///
    /// ## Why is this bad?
    /// The socket is the engine's whole API. A process that can connect to it can ask
    /// for a new container that is privileged, shares the host's namespaces and mounts
    /// `/` from the host: that is root on the host, in one request. Every isolation
    /// setting of the container that holds the socket becomes irrelevant.
    ///
    /// Mounting the socket read-only (`:ro`, `read_only: true`) does not help. A
    /// read-only mount stops writes to the socket *file*; connecting to a Unix socket
    /// and sending requests over it is not a write to the file, so the full API stays
    /// reachable.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   proxy:
    ///     image: traefik:v3.1
    ///     volumes:
    ///       - /var/run/docker.sock:/var/run/docker.sock:ro
    /// ```
    ///
    /// ```sh
    /// docker run -d -v /var/run:/host/run portainer/agent:2.21
    /// ```
    ///
    /// ## Use instead
    /// Configure the service without the engine, for example with Traefik's file provider:
    /// ```yaml
    /// services:
    ///   proxy:
    ///     image: traefik:v3.1
    ///     volumes:
    ///       - ./traefik/dynamic.yml:/etc/traefik/dynamic.yml:ro
    /// ```
    ///
    /// If the service really needs the API, give the socket to a small filtering proxy
    /// that allows only the calls it needs (read-only container listing, say), run that
    /// proxy on an internal network, and point the service at the proxy. The proxy
    /// itself is then the one finding left, which you can suppress with a reason.
    ///
    /// ## Fix safety
    /// The fix removes the mount (the volume entry, or the `-v` / `--mount` flag with its
    /// value). It is unsafe: whatever the service does with the API stops working, and
    /// only you can decide what replaces it (a filtering proxy, or nothing); apply it
    /// once you know the service does not need the engine. A host directory that holds
    /// the socket (`/var/run`) is removed the same way.
    ///
    /// ## When not to use it
    /// Tools whose job is to manage containers (CI runners, Portainer, Watchtower,
    /// monitoring agents) need the API. Run them only on hosts you would hand them
    /// anyway, prefer a filtering proxy, and suppress the finding with a reason, or list
    /// the path in `allowedHostPaths`.
    ///
    /// ## References
    /// - CIS Docker Benchmark v1.6.0, 5.32 (5.31 in v1.5.0): Ensure that the Docker socket is not mounted inside any containers
    /// - Kubernetes Pod Security Standards, baseline: HostPath Volumes
    /// - KICS: Docker Socket Mounted In Container; semgrep: exposing-docker-socket-volume; kubesec: DockerSock
    /// - Docker documentation: Docker Engine security, "Docker daemon attack surface"
    pub static CONTAINER_RUNTIME_SOCKET = {
        code: "MNT-001",
        name: "container-runtime-socket",
        family: Mounts,
        severity: Critical,
        profiles: DBRC,
        fix: Always,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    for (bind, socket) in sensitive_binds(container, PathKind::RuntimeSocket, checker.options) {
        let mut message = bind.message(&socket);
        if bind.mount.is_read_only() {
            message.push_str(
                "; read-only does not protect it, because connecting to a socket is not writing to it",
            );
        }
        bind.report(checker, container, message)
            .help(
                "remove the mount; if the service needs the engine's API, put a filtering socket proxy in between that allows only the calls it makes",
            )
            .fix_by_removing(bind.mount.span, "Remove the mount", Applicability::Unsafe);
    }
}

#[cfg(test)]
mod tests {
    use super::CONTAINER_RUNTIME_SOCKET as RULE;
    use crate::config::{Config, RuleOptions};
    use crate::rules::testing::{assert_cases, diagnostics_with, findings_with, fixed};

    #[test]
    fn the_fix_removes_the_mount_in_its_own_syntax() {
        assert_eq!(
            fixed(
                &RULE,
                "services:\n  agent:\n    image: x\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n      - data:/data\n"
            ),
            ["services:\n  agent:\n    image: x\n    volumes:\n      - data:/data\n"]
        );
        assert_eq!(
            fixed(
                &RULE,
                "docker run -d -v /var/run/docker.sock:/var/run/docker.sock --mount type=bind,src=/run,dst=/host-run x"
            ),
            [
                "docker run -d --mount type=bind,src=/run,dst=/host-run x",
                "docker run -d -v /var/run/docker.sock:/var/run/docker.sock x",
            ]
        );
    }

    #[test]
    fn cases() {
        assert_cases(
            &RULE,
            &[
                with_volumes!("      - docker:/var/run/docker.sock\n"),
                with_volumes!("      - /var/run/docker.sock\n"),
                with_volumes!("      - /var/run/dockerd:/data\n"),
                with_volumes!("      - /run/udev:/run/udev:ro\n"),
                with_volumes!("      - ${SOCK}:/var/run/docker.sock\n"),
                "services:\n  web:\n    image: app\n    use_api_socket: true\n",
                "docker run -v /var/run/docker.sock.d:/x nginx",
            ],
            &[
                (with_volumes!("      - /var/run/docker.sock:/var/run/docker.sock\n"), &[(5, 9)]),
                (with_volumes!("      - /var/run/docker.sock:/var/run/docker.sock:ro\n"), &[(5, 9)]),
                (with_volumes!("      - \"/run/docker.sock:/var/run/docker.sock\"\n"), &[(5, 10)]),
                (with_volumes!("      - /var/run/:/host/run:ro\n"), &[(5, 9)]),
                (with_volumes!("      - /run:/host/run\n"), &[(5, 9)]),
                (with_volumes!("      - /var//run/./docker.sock/:/s\n"), &[(5, 9)]),
                (with_volumes!("      - /var/lib/../run/docker.sock:/s\n"), &[(5, 9)]),
                (with_volumes!("      - /run/user/1000/docker.sock:/s\n"), &[(5, 9)]),
                (with_volumes!("      - $XDG_RUNTIME_DIR/docker.sock:/s\n"), &[(5, 9)]),
                (with_volumes!("      - /run/containerd:/run/containerd\n"), &[(5, 9)]),
                (with_volumes!("      - ~/.docker/run/docker.sock:/var/run/docker.sock\n"), &[(5, 9)]),
                (with_volumes!("      - /var/run/crio/crio.sock:/crio.sock\n"), &[(5, 9)]),
                (
                    with_volumes!("      - type: bind\n        source: /var/run/docker.sock\n        target: /var/run/docker.sock\n        read_only: true\n"),
                    &[(6, 17)],
                ),
                (
                    with_volumes!("      - sock:/var/run\nvolumes:\n  sock:\n    driver: local\n    driver_opts:\n      type: none\n      o: bind\n      device: /var/run\n"),
                    &[(5, 9)],
                ),
                ("docker run -v /var/run/docker.sock:/var/run/docker.sock:ro portainer/agent", &[(1, 15)]),
                ("docker run --mount type=bind,src=/run/docker.sock,dst=/var/run/docker.sock,readonly x", &[(1, 34)]),
                ("podman run -v /run/podman/podman.sock:/run/podman/podman.sock x", &[(1, 15)]),
                ("docker run -v $XDG_RUNTIME_DIR/docker.sock:/var/run/docker.sock x", &[(1, 15)]),
            ],
        );
    }

    #[test]
    fn read_only_is_explained_and_ancestors_name_the_socket() {
        let text = with_volumes!("      - /var/run:/host/run:ro\n");
        let diagnostics = diagnostics_with(&RULE, text, Config::default());
        assert_eq!(
            diagnostics[0].message,
            "mounts the host's /var/run read-only, which contains docker.sock: the Docker API socket, \
             through which anyone can start a privileged container and take over the host; \
             read-only does not protect it, because connecting to a socket is not writing to it"
        );
    }

    #[test]
    fn allowed_host_paths_are_accepted() {
        let text = with_volumes!("      - /var/run/docker.sock:/var/run/docker.sock:ro\n");
        let allow = |path: &str| Config {
            options: RuleOptions {
                allowed_host_paths: vec![path.to_string()],
                ..RuleOptions::default()
            },
            ..Config::default()
        };
        assert_eq!(
            findings_with(&RULE, text, allow("/var/run/docker.sock")),
            vec![]
        );
        assert_eq!(findings_with(&RULE, text, allow("/run/")), vec![]);
        assert_eq!(
            findings_with(&RULE, text, allow("/var/run/docker")),
            vec![(5, 9)]
        );
    }
}
