use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::model::{Container, Setting};
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Reports settings that change how the container resolves names: custom DNS servers, search domains and resolver options (info), fixed host entries (info), and `host-gateway` entries that point a name at the host (low).
    ///
    /// ## Why is this bad?
    /// Name resolution decides where the container's traffic goes. A public resolver
    /// such as `8.8.8.8` bypasses the internal DNS, its split-horizon names, its
    /// filtering and its logs; a search domain makes short names resolve to hosts
    /// outside the project; a fixed `extra_hosts` entry quietly pins a name to an
    /// address that may later belong to someone else. None of this is wrong in itself,
    /// so these are informational, for review. `host-gateway` is different: it is
    /// there to let the container reach services on the host itself, so every service
    /// the host listens on (on its bridge address, or on all interfaces) is one name
    /// away.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   app:
    ///     image: example/app:3.2
    ///     extra_hosts:
    ///       - "host.docker.internal:host-gateway"
    /// ```
    ///
    /// ```sh
    /// docker run --dns 8.8.8.8 example/app:3.2
    /// ```
    ///
    /// ## Use instead
    /// Let Docker's embedded resolver answer, and reach other services through a
    /// shared network rather than through the host:
    /// ```yaml
    /// services:
    ///   app:
    ///     image: example/app:3.2
    ///     networks: [backend]
    /// networks:
    ///   backend: {}
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: only you know which resolver or host entry the service needs.
    ///
    /// ## When not to use it
    /// Networks with a trusted internal resolver set this way on purpose; silence the
    /// informational findings with the rule's selector in `ignore`.
    ///
    /// ## References
    /// - Compose Specification: `dns`, `dns_search`, `dns_opt`, `extra_hosts`
    /// - Docker docs: `--dns`, `--dns-search`, `--dns-option`, `--add-host` (including `host-gateway`)
    /// - KICS and semgrep: no equivalent rule; no CIS Docker Benchmark item
    pub static NAME_RESOLUTION_OVERRIDE = {
        code: "NET-005",
        name: "name-resolution-override",
        family: Network,
        severity: Low,
        profiles: D,
        fix: None,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    let lists: [(&[Setting<String>], &str, &str); 3] = [
        (
            &container.dns,
            "sends DNS queries to",
            "check that these resolvers are trusted; public ones bypass internal DNS, its policy and its logs",
        ),
        (
            &container.dns_search,
            "adds the DNS search domains",
            "check that short names should resolve in these domains",
        ),
        (
            &container.dns_opt,
            "sets the resolver options",
            "check that these resolver options are needed",
        ),
    ];
    for (list, what, help) in lists {
        let known: Vec<&str> = list
            .iter()
            .filter_map(|s| s.get().map(String::as_str))
            .collect();
        let Some(first) = list.iter().find(|s| s.value.is_some()) else {
            continue;
        };
        checker
            .report(
                container,
                first.span,
                format!("{what} {}", known.join(", ")),
            )
            .severity(Severity::Info)
            .help(help);
    }
    for entry in &container.extra_hosts {
        let Some(address) = entry.address.get() else {
            continue;
        };
        let name = &entry.host;
        if address == "host-gateway" {
            checker
                .report(
                    container,
                    entry.span,
                    format!("points `{name}` at the host: every service the host listens on is reachable by that name"),
                )
                .help("reach other services over a shared network; if the host is needed, make its services listen only where the container should reach them");
        } else {
            checker
                .report(
                    container,
                    entry.span,
                    format!("pins `{name}` to {address}, bypassing DNS"),
                )
                .severity(Severity::Info)
                .help("check that this address will keep belonging to that name");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::NAME_RESOLUTION_OVERRIDE as RULE;
    use crate::config::Config;
    use crate::diagnostic::Severity;
    use crate::rules::testing::{assert_cases, diagnostics_with};

    #[test]
    fn cases() {
        assert_cases(
            &RULE,
            &[
                "services:\n  app:\n    image: x\n",
                "services:\n  app:\n    image: x\n    dns: ${DNS}\n",
                "docker run --hostname db x",
            ],
            &[
                (
                    "services:\n  app:\n    image: x\n    dns:\n      - 1.1.1.1\n      - 8.8.8.8\n    dns_search: corp.example\n",
                    &[(5, 9), (7, 17)],
                ),
                (
                    "services:\n  app:\n    image: x\n    extra_hosts:\n      host.docker.internal: host-gateway\n      db: 10.0.0.5\n",
                    &[(5, 7), (6, 7)],
                ),
                (
                    "docker run --add-host=host.docker.internal:host-gateway --dns-option ndots:1 x",
                    &[(1, 23), (1, 70)],
                ),
            ],
        );
    }

    #[test]
    fn host_gateway_is_low_the_rest_info() {
        let text = "docker run --dns 9.9.9.9 --add-host api:192.0.2.1 --add-host gw=host-gateway x";
        let severities: Vec<Severity> = diagnostics_with(&RULE, text, Config::default())
            .iter()
            .map(|d| d.severity)
            .collect();
        assert_eq!(severities, [Severity::Info, Severity::Info, Severity::Low]);
    }
}
