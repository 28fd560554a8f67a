use super::publishes_ports;
use crate::declare_rule;
use crate::diagnostic::Applicability;
use crate::model::edit::Intent;
use crate::model::Container;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Flags published ports that listen on every host interface: no host IP (`"8080:80"`, `-p 8080:80`), `0.0.0.0` or `::`, and `-P` / `--publish-all`.
    ///
    /// ## Why is this bad?
    /// Without a host IP, Docker publishes the port on all of the host's addresses,
    /// public ones included. Worse, it does so with its own firewall rules, which take
    /// effect before host firewalls such as ufw or firewalld: a port you believe
    /// blocked is open to the network. Development databases, admin interfaces and
    /// debug endpoints published this way are a common source of breaches. Binding to
    /// `127.0.0.1` (or one specific interface) keeps them local. `-P` publishes every
    /// port the image exposes, on random host ports, on all interfaces.
    ///
    /// Ports of containers that use the host's or another container's network are not
    /// published at all; NET-006 reports those.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   db:
    ///     image: postgres:17
    ///     ports:
    ///       - "5432:5432"
    /// ```
    ///
    /// ```sh
    /// docker run -p 5432:5432 postgres:17
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   db:
    ///     image: postgres:17
    ///     ports:
    ///       - "127.0.0.1:5432:5432"
    /// ```
    ///
    /// ```sh
    /// docker run -p 127.0.0.1:5432:5432 postgres:17
    /// ```
    ///
    /// ## Fix safety
    /// The fix binds a short-syntax port to `127.0.0.1`. It is unsafe: other machines
    /// lose access, which is the point for internal services but breaks a service
    /// meant to be public. Those should sit behind a reverse proxy, or bind to the one
    /// interface that should serve them. Long-syntax ports and `-P` get no fix.
    ///
    /// ## When not to use it
    /// Hosts whose only interface is already private, or public services published on
    /// purpose; suppress the finding for that port with a reason.
    ///
    /// ## References
    /// - CIS Docker Benchmark v1.6.0, 5.14 (5.13 in v1.5.0): Ensure that incoming container traffic is bound to a specific host interface
    /// - CIS Docker Benchmark v1.6.0, 5.9 (5.8 in v1.5.0): Ensure that only needed ports are open on the container
    /// - KICS: Container Traffic Not Bound To Host Interface; semgrep: no equivalent rule
    /// - Docker docs: Packet filtering and firewalls (published ports bypass host firewall rules)
    pub static PORT_ALL_INTERFACES = {
        code: "NET-003",
        name: "port-all-interfaces",
        family: Network,
        severity: Medium,
        profiles: DC,
        fix: Sometimes,
        check: check,
    }
}

/// Host addresses that mean "every interface".
const ANY_ADDRESS: [&str; 3] = ["0.0.0.0", "::", ""];

fn check(container: &Container, checker: &mut Checker) {
    if !publishes_ports(container) {
        return;
    }
    let help = "bind the port to 127.0.0.1, or to the one interface that should serve it";
    for (index, port) in container.ports.iter().enumerate() {
        let all_interfaces = match &port.host_ip {
            None => true,
            Some(ip) => ip
                .get()
                .is_some_and(|ip| ANY_ADDRESS.contains(&ip.as_str())),
        };
        if !all_interfaces {
            continue;
        }
        // An unknown host port (unresolved or invalid) is still published: name it as written.
        let message = match &port.published {
            Some(published) => format!(
                "publishes host port {} on every interface, past the host's firewall",
                published.raw
            ),
            None => "publishes a random host port on every interface, past the host's firewall"
                .to_string(),
        };
        checker
            .report(container, port.span, message)
            .help(help)
            .fix(
                "Bind to 127.0.0.1",
                Applicability::Unsafe,
                vec![Intent::BindToLoopback { port: index }],
            );
    }
    if let Some(all) = container.publish_all.as_ref().filter(|p| p.is_true()) {
        checker
            .report(
                container,
                all.span,
                "publishes every port the image exposes, on random host ports and every interface",
            )
            .help("publish only the ports clients need, each bound to 127.0.0.1 or one interface");
    }
}

#[cfg(test)]
mod tests {
    use super::PORT_ALL_INTERFACES as RULE;
    use crate::rules::testing::{assert_cases, fixed};

    #[test]
    fn cases() {
        assert_cases(
            &RULE,
            &[
                "services:\n  db:\n    image: x\n    ports: [\"127.0.0.1:5432:5432\"]\n",
                "services:\n  db:\n    image: x\n    ports:\n      - target: 5432\n        published: 5432\n        host_ip: 192.0.2.10\n",
                "services:\n  db:\n    image: x\n    expose: [\"5432\"]\n",
                "services:\n  db:\n    image: x\n    ports: [\"${BIND}:5432:5432\"]\n",
                // Not published: NET-006's finding.
                "services:\n  db:\n    image: x\n    network_mode: host\n    ports: [\"5432:5432\"]\n",
                "docker run -p [::1]:8080:80 x",
                "docker run -p 10.0.0.5:8080:80 x",
            ],
            &[
                (
                    "services:\n  db:\n    image: x\n    ports:\n      - \"5432:5432\"\n      - 6379\n      - target: 80\n        published: 8080\n",
                    &[(5, 9), (6, 9), (7, 9)],
                ),
                (
                    "services:\n  db:\n    image: x\n    ports: [\"0.0.0.0:80:80\"]\n",
                    &[(4, 13)],
                ),
                ("docker run -p 8080:80 x", &[(1, 15)]),
                ("docker run --publish=[::]:8080:80/udp x", &[(1, 22)]),
                // A short switch points at its letter (it may be combined: `-dP`).
                ("docker run -P x", &[(1, 13)]),
                ("docker run --publish-all --network appnet x", &[(1, 12)]),
            ],
        );
    }

    /// The docs promise the fix; it exists for every way Compose spells a port.
    #[test]
    fn fix_binds_to_localhost_in_every_compose_spelling() {
        let ports = [
            "    ports:\n      - 5432:5432\n      - \"5433:5433\"\n      - target: 5434\n        published: 5434\n",
            "    ports: [\"6379:6379\", '80']\n",
        ];
        let text = |[db, b]: [&str; 2]| {
            format!("services:\n  db:\n    image: x\n{db}  b:\n    image: x\n{b}")
        };
        let db = |from: &str, to: &str| text([&ports[0].replace(from, to), ports[1]]);
        let b = |from: &str, to: &str| text([ports[0], &ports[1].replace(from, to)]);
        assert_eq!(
            fixed(&RULE, &text(ports)),
            [
                db("- 5432:5432", "- 127.0.0.1:5432:5432"),
                db("\"5433:5433\"", "\"127.0.0.1:5433:5433\""),
                db(
                    "published: 5434\n",
                    "published: 5434\n        host_ip: 127.0.0.1\n"
                ),
                b("\"6379:6379\"", "\"127.0.0.1:6379:6379\""),
                b("'80'", "'127.0.0.1::80'"),
            ]
        );
    }

    #[test]
    fn fix_binds_to_localhost() {
        assert_eq!(
            fixed(
                &RULE,
                "docker run -p 8080:80 -p 0.0.0.0:53:53/udp -p 3000 x"
            ),
            [
                "docker run -p 127.0.0.1:8080:80 -p 0.0.0.0:53:53/udp -p 3000 x",
                "docker run -p 8080:80 -p 127.0.0.1:53:53/udp -p 3000 x",
                "docker run -p 8080:80 -p 0.0.0.0:53:53/udp -p 127.0.0.1::3000 x",
            ]
        );
    }
}
