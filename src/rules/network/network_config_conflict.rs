use crate::declare_rule;
use crate::diagnostic::Applicability;
use crate::model::{Container, NamespaceMode, Setting};
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Reports network settings that the engine rejects or silently ignores because of the container's network mode.
    ///
    /// ## Why is this bad?
    /// These settings do not do what they say, which misleads whoever reads the file:
    ///
    /// - with another container's network (`network_mode: service:NAME` or
    ///   `container:NAME`), `ports`, `expose`, `dns`, `extra_hosts`, `hostname` and
    ///   `links` are rejected and the container does not start: the network belongs
    ///   to the other container;
    /// - with host networking, `ports` and `-P` are silently discarded (the container
    ///   is already on the host's ports, so the list of "exposed" ports is fiction)
    ///   and `links` are rejected;
    /// - in Compose, `network_mode` and `networks` exclude each other.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   web:
    ///     image: nginx:1.27
    ///     network_mode: host
    ///     ports:
    ///       - "8080:80"
    /// ```
    ///
    /// ```sh
    /// docker run --network host -p 8080:80 nginx:1.27
    /// docker run --network container:vpn -p 8080:80 nginx:1.27
    /// ```
    ///
    /// ## Use instead
    /// Publish ports on the container that owns the network, or leave host networking:
    /// ```yaml
    /// services:
    ///   web:
    ///     image: nginx:1.27
    ///     ports:
    ///       - "127.0.0.1:8080:80"
    /// ```
    ///
    /// ## Fix safety
    /// Ports under host networking have a safe fix that removes them: Docker discards
    /// them anyway, so nothing changes. The other conflicts have no automatic fix,
    /// since either side of the conflict may be the mistake.
    ///
    /// ## When not to use it
    /// Never: the settings reported here have no effect or stop the container.
    ///
    /// ## References
    /// - moby `daemon/internal/runconfig` validation of network modes (conflicting options)
    /// - Docker docs: Host network driver (published ports are discarded)
    /// - Compose Specification: `network_mode` and `networks`
    pub static NETWORK_CONFIG_CONFLICT = {
        code: "NET-006",
        name: "network-config-conflict",
        family: Network,
        severity: Info,
        profiles: D,
        fix: Sometimes,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    let Some(network) = &container.namespaces.network else {
        return;
    };
    if container.is_compose() {
        if let Some(first) = container.networks.first() {
            checker
                .report(
                    container,
                    first.span,
                    "`networks` cannot be combined with `network_mode`: Compose rejects the service",
                )
                .help("keep one of the two")
                .related(network.span, "network_mode is set here");
        }
    }
    match network.get() {
        Some(NamespaceMode::Host) => host(container, checker, network),
        Some(mode) => {
            if let Some(name) = mode.joined() {
                joined(container, checker, network, name);
            }
        }
        None => {}
    }
}

/// With host networking: published ports are discarded, links are rejected.
fn host(container: &Container, checker: &mut Checker, network: &Setting<NamespaceMode>) {
    let ports = container
        .ports
        .iter()
        .map(|port| (port.span, format!("port `{}`", port.describe())));
    let publish_all = container
        .publish_all
        .iter()
        .filter(|p| p.is_true())
        .map(|p| (p.span, "publishing all ports".to_string()));
    for (span, what) in ports.chain(publish_all).collect::<Vec<_>>() {
        let finding = checker.report(
            container,
            span,
            format!("{what} is ignored: with host networking Docker publishes nothing, the container is on the host's ports"),
        );
        finding
            .help("remove it; with host networking every port the container listens on is open on the host")
            .related(network.span, "host networking is set here")
            .fix_by_removing(span,
                "Remove the ignored port",
                Applicability::Safe,
            );
    }
    if let Some(link) = container.links.first() {
        checker
            .report(
                container,
                link.span,
                "links are rejected with host networking: the container does not start",
            )
            .help("remove the links; on the host network other containers are reached through published ports")
            .related(network.span, "host networking is set here");
    }
}

/// With another container's network: every setting that belongs to the network is
/// rejected.
fn joined(
    container: &Container,
    checker: &mut Checker,
    network: &Setting<NamespaceMode>,
    name: &str,
) {
    let first = |settings: &[Setting<String>]| settings.first().map(|s| s.span);
    let conflicts = [
        ("ports", container.ports.first().map(|p| p.span)),
        (
            "publish-all",
            container
                .publish_all
                .as_ref()
                .filter(|p| p.is_true())
                .map(|p| p.span),
        ),
        ("expose", first(&container.expose)),
        ("dns", first(&container.dns)),
        ("extra_hosts", container.extra_hosts.first().map(|h| h.span)),
        ("hostname", container.hostname.as_ref().map(|h| h.span)),
        ("links", first(&container.links)),
    ];
    for (setting, span) in conflicts {
        let Some(span) = span else {
            continue;
        };
        checker
            .report(
                container,
                span,
                format!("`{setting}` is rejected because the container uses `{name}`'s network: it does not start"),
            )
            .help(format!("set `{setting}` on `{name}`, which owns the network, and remove it here"))
            .related(network.span, format!("`{name}`'s network is joined here"));
    }
}

#[cfg(test)]
mod tests {
    use super::NETWORK_CONFIG_CONFLICT as RULE;
    use crate::rules::testing::{assert_cases, fixed};

    #[test]
    fn cases() {
        assert_cases(
            &RULE,
            &[
                "services:\n  web:\n    image: x\n    ports: [\"80:80\"]\n    networks: [front]\n",
                "services:\n  web:\n    image: x\n    network_mode: host\n    hostname: web\n    dns: [1.1.1.1]\n",
                "docker run --network appnet -p 80:80 --link db x",
                "docker run --network host --network other x",
            ],
            &[
                (
                    "services:\n  web:\n    image: x\n    network_mode: host\n    ports:\n      - \"80:80\"\n      - 443:443\n    links: [db]\n",
                    &[(6, 9), (7, 9), (8, 13)],
                ),
                (
                    "services:\n  web:\n    image: x\n    network_mode: service:vpn\n    hostname: web\n    expose: [\"80\"]\n    networks: [front]\n",
                    &[(5, 15), (6, 14), (7, 16)],
                ),
                ("docker run --net=host -dP x", &[(1, 25)]),
                (
                    "docker run --network container:vpn --dns 1.1.1.1 --add-host a:1.2.3.4 x",
                    &[(1, 42), (1, 61)],
                ),
            ],
        );
    }

    #[test]
    fn ignored_ports_are_removed_safely() {
        assert_eq!(
            fixed(&RULE, "docker run --net=host -p 80:80 x"),
            ["docker run --net=host x"]
        );
    }
}
