use super::publishes_ports;
use crate::declare_rule;
use crate::model::Container;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Flags published host ports below 1024, such as `"80:8080"` or `-p 443:8443`.
    ///
    /// ## Why is this bad?
    /// Ports below 1024 are where clients expect the host's own system services: SSH,
    /// DNS, SMTP, HTTP. A container published there answers in the host's name, can
    /// take over a port a host service should have, and makes a compromised container
    /// look like trusted infrastructure to the rest of the network. Docker publishes
    /// them whatever user the container runs as, so the usual rule that only root
    /// binds low ports gives no protection here. Only the host side counts: inside its
    /// own network namespace a container binds low ports without any privilege anyway.
    ///
    /// Ports of containers that use the host's or another container's network are not
    /// published at all; NET-006 reports those.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   web:
    ///     image: nginx:1.27
    ///     ports:
    ///       - "127.0.0.1:80:8080"
    /// ```
    ///
    /// ```sh
    /// docker run -p 127.0.0.1:443:8443 nginx:1.27
    /// ```
    ///
    /// ## Use instead
    /// Publish a high port and let a reverse proxy or load balancer on the host own the
    /// well-known ports:
    /// ```yaml
    /// services:
    ///   web:
    ///     image: nginx:1.27
    ///     ports:
    ///       - "127.0.0.1:8080:8080"
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: which port clients should use instead is your decision.
    ///
    /// ## When not to use it
    /// A container that is the host's designated web server, DNS server or reverse
    /// proxy; suppress the finding for that port with a reason.
    ///
    /// ## References
    /// - CIS Docker Benchmark v1.6.0, 5.8 (5.7 in v1.5.0): Ensure that privileged ports are not mapped within containers
    /// - KICS: Privileged Ports Mapped In Container (which also flags container-side ports); semgrep: no equivalent rule
    /// - Docker docs: Publishing and exposing ports
    pub static PRIVILEGED_HOST_PORT = {
        code: "NET-004",
        name: "privileged-host-port",
        family: Network,
        severity: Low,
        profiles: C,
        fix: None,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    if !publishes_ports(container) {
        return;
    }
    for port in &container.ports {
        let Some(published) = &port.published else {
            continue;
        };
        // 0 asks Docker for a random port.
        let Some(&number @ 1..=1023) = published.get() else {
            continue;
        };
        checker
            .report(
                container,
                published.span,
                format!("publishes host port {number}, a privileged port where clients expect host services"),
            )
            .help("publish a port of 1024 or above and put a reverse proxy on the well-known port");
    }
}

#[cfg(test)]
mod tests {
    use super::PRIVILEGED_HOST_PORT as RULE;
    use crate::rules::testing::assert_cases;

    #[test]
    fn cases() {
        assert_cases(
            &RULE,
            &[
                // Container-side low ports are fine.
                "services:\n  web:\n    image: x\n    ports: [\"8080:80\", \"443\"]\n",
                "services:\n  web:\n    image: x\n    ports: [\"${PORT}:80\"]\n",
                "services:\n  web:\n    image: x\n    network_mode: host\n    ports: [\"80:80\"]\n",
                "docker run -p 1024:80 x",
            ],
            &[
                (
                    "services:\n  web:\n    image: x\n    ports:\n      - \"80:8080\"\n      - target: 443\n        published: 443\n",
                    &[(5, 10), (7, 20)],
                ),
                ("docker run -p 127.0.0.1:443:8443 x", &[(1, 25)]),
                ("docker run --publish 22-25:22-25 x", &[(1, 22)]),
            ],
        );
    }
}
