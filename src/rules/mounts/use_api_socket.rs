use crate::declare_rule;
use crate::diagnostic::Applicability;
use crate::model::edit::Intent;
use crate::model::Container;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Flags containers that ask the engine to hand them its API socket with `use_api_socket: true` or `--use-api-socket`.
    ///
    /// ## Why is this bad?
    /// The option is a convenience for tools that drive Docker from inside a container:
    /// Compose and the CLI bind-mount the engine's socket (`/var/run/docker.sock`) into
    /// the container **and** copy your registry credentials into it. The socket alone is
    /// root on the host, exactly like mounting it by hand (see
    /// `container-runtime-socket`), and the credentials let the container push to or
    /// pull from your registries as you. Nothing in the file mentions the socket, so the
    /// option is easy to overlook in a review.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   builder:
    ///     image: docker:27-cli
    ///     use_api_socket: true
    /// ```
    ///
    /// ```sh
    /// docker run --use-api-socket docker:27-cli docker ps
    /// ```
    ///
    /// ## Use instead
    /// Build and run containers from the host, or give the tool a remote builder or an
    /// API proxy that allows only what it needs:
    /// ```yaml
    /// services:
    ///   builder:
    ///     image: docker:27-cli
    ///     environment:
    ///       DOCKER_HOST: tcp://socket-proxy:2375
    /// ```
    ///
    /// ## Fix safety
    /// The fix sets `use_api_socket: false` (Compose) or removes `--use-api-socket`. It is
    /// unsafe: the tool inside stops reaching the engine until you give it another way.
    ///
    /// ## When not to use it
    /// Throw-away development containers that build images on a machine of your own.
    /// Suppress the finding there with a reason.
    ///
    /// ## References
    /// - CIS Docker Benchmark v1.6.0, 5.32 (5.31 in v1.5.0): Ensure that the Docker socket is not mounted inside any containers
    /// - Compose Specification: `use_api_socket`
    /// - Docker documentation: `docker container run --use-api-socket`
    pub static USE_API_SOCKET = {
        code: "MNT-002",
        name: "use-api-socket",
        family: Mounts,
        severity: Critical,
        profiles: DBRC,
        fix: Sometimes,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    let Some(setting) = container.use_api_socket.as_ref().filter(|s| s.is_true()) else {
        return;
    };
    let title = if container.is_compose() {
        "Set `use_api_socket: false`"
    } else {
        "Remove `--use-api-socket`"
    };
    checker
        .report(
            container,
            setting.span,
            "gets the Docker API socket and your registry credentials: whoever controls the container can start privileged containers and so controls the host",
        )
        .help("remove the option; run Docker commands from the host or through a proxy that allows only the calls the tool needs")
        .fix(
            title,
            Applicability::Unsafe,
            vec![Intent::TurnOff { at: setting.span }],
        );
}

#[cfg(test)]
mod tests {
    use super::USE_API_SOCKET as RULE;
    use crate::rules::testing::{assert_cases, fixed};

    #[test]
    fn cases() {
        assert_cases(
            &RULE,
            &[
                "services:\n  web:\n    image: app\n",
                "services:\n  web:\n    image: app\n    use_api_socket: false\n",
                "services:\n  web:\n    image: app\n    use_api_socket: ${API}\n",
                "docker run app --use-api-socket",
            ],
            &[
                (
                    "services:\n  web:\n    image: app\n    use_api_socket: true\n",
                    &[(4, 21)],
                ),
                (
                    "services:\n  web:\n    image: app\n    use_api_socket: \"true\"\n",
                    &[(4, 21)],
                ),
                ("docker run --use-api-socket app", &[(1, 12)]),
                ("docker run --use-api-socket=true app", &[(1, 12)]),
            ],
        );
    }

    #[test]
    fn fixes() {
        assert_eq!(
            fixed(
                &RULE,
                "services:\n  web:\n    image: app\n    use_api_socket: true\n"
            ),
            ["services:\n  web:\n    image: app\n    use_api_socket: false\n"]
        );
        assert_eq!(
            fixed(&RULE, "docker run --use-api-socket app"),
            ["docker run app"]
        );
    }
}
