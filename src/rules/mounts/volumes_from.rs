use super::host_binds;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::model::Container;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Flags `volumes_from` / `--volumes-from`, which copy every mount of another container into this one.
    ///
    /// When the other container is in the same file and binds a sensitive host path,
    /// the finding takes that path's severity and points at the inherited mount.
    ///
    /// ## Why is this bad?
    /// `volumes_from` does not say what it shares: the container gets all of the other
    /// container's mounts, read-write unless `:ro` is added, including any added to it
    /// later. A host bind of `/var/run/docker.sock` or `/etc` in the other container is
    /// silently a bind in this one too, and the two containers can tamper with each
    /// other's data.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   app:
    ///     image: ghcr.io/example/app:2.0
    ///     volumes:
    ///       - app-data:/data
    ///   backup:
    ///     image: restic/restic:0.17.0
    ///     volumes_from:
    ///       - app
    /// volumes:
    ///   app-data:
    /// ```
    ///
    /// ```sh
    /// docker run --rm --volumes-from app restic/restic:0.17.0 backup /data
    /// ```
    ///
    /// ## Use instead
    /// Share the one volume that is needed, read-only where possible:
    /// ```yaml
    /// services:
    ///   app:
    ///     image: ghcr.io/example/app:2.0
    ///     volumes:
    ///       - app-data:/data
    ///   backup:
    ///     image: restic/restic:0.17.0
    ///     volumes:
    ///       - app-data:/data:ro
    /// volumes:
    ///   app-data:
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: which of the inherited mounts are needed is not written anywhere.
    ///
    /// ## When not to use it
    /// Short-lived backup or migration containers started by hand, where naming every
    /// volume is impractical. Add `:ro` and suppress the finding with a reason.
    ///
    /// ## References
    /// - KICS: Shared Volumes Between Containers
    /// - Docker documentation: `docker container run --volumes-from`; Compose `volumes_from`
    pub static VOLUMES_FROM = {
        code: "MNT-009",
        name: "volumes-from",
        family: Mounts,
        severity: Low,
        profiles: D,
        fix: None,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    for entry in &container.volumes_from {
        let Some(value) = entry.value.as_deref() else {
            continue;
        };
        let (name, read_only) = parse_entry(value);
        let mode = if read_only { "read-only" } else { "read-write" };
        // Inherited host binds that are sensitive, with the severity they get here.
        let source = checker
            .container_named(name)
            .filter(|source| source.name != container.name);
        let inherited: Vec<_> = source
            .into_iter()
            .flat_map(host_binds)
            .filter(|bind| !bind.is_allowed(checker.options))
            .filter_map(|bind| {
                let read_only = read_only || bind.mount.is_read_only();
                let sensitive = bind.sensitive().filter(|s| s.is_harmful(read_only))?;
                Some((
                    bind.span(),
                    bind.source.raw.clone(),
                    Severity::from(sensitive.risk(read_only)),
                ))
            })
            .collect();
        let message = match inherited.first() {
            Some((_, path, _)) => {
                format!("inherits every mount of `{name}` {mode}, including the host's {path}")
            }
            None => format!("inherits every mount of `{name}` {mode}, whatever they are"),
        };
        let severity = inherited
            .iter()
            .map(|(_, _, severity)| *severity)
            .fold(Severity::Low, Severity::max);
        let finding = checker
            .report(container, entry.span, message)
            .severity(severity)
            .help("mount the one volume this container needs by name, read-only where possible");
        for (span, path, _) in inherited {
            finding.related(span, format!("`{name}` mounts the host's {path} here"));
        }
    }
}

/// `NAME`, `NAME:ro|rw`, `container:NAME[:ro|rw]`, `service:NAME[:ro|rw]`: the name and
/// whether the mounts are inherited read-only.
fn parse_entry(value: &str) -> (&str, bool) {
    let value = value.trim();
    let value = value
        .strip_prefix("container:")
        .or_else(|| value.strip_prefix("service:"))
        .unwrap_or(value);
    match value.rsplit_once(':') {
        Some((name, "ro")) => (name, true),
        Some((name, "rw")) => (name, false),
        _ => (value, false),
    }
}

#[cfg(test)]
mod tests {
    use super::VOLUMES_FROM as RULE;
    use crate::config::Config;
    use crate::diagnostic::Severity;
    use crate::rules::testing::{assert_cases, diagnostics_with};

    const AGENT: &str = "services:\n  agent:\n    image: agent\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n  sidecar:\n    image: app\n    volumes_from:\n";

    #[test]
    fn cases() {
        assert_cases(
            &RULE,
            &[
                "services:\n  web:\n    image: app\n",
                "services:\n  web:\n    image: app\n    volumes_from:\n      - ${SOURCE}\n",
                "docker run -v data:/data app",
            ],
            &[
                (
                    "services:\n  web:\n    image: app\n    volumes_from:\n      - db\n",
                    &[(5, 9)],
                ),
                (
                    "services:\n  web:\n    image: app\n    volumes_from: [\"container:db:ro\"]\n",
                    &[(4, 20)],
                ),
                ("docker run --volumes-from db app", &[(1, 27)]),
            ],
        );
    }

    #[test]
    fn sensitive_inherited_binds_raise_the_severity() {
        let diagnostic = |entry: &str| {
            let text = format!("{AGENT}      - {entry}\n");
            diagnostics_with(&RULE, &text, Config::default()).remove(0)
        };
        let inherited = diagnostic("agent");
        assert_eq!(inherited.severity, Severity::Critical);
        assert_eq!(
            inherited.message_markdown,
            "inherits every mount of `agent` read-write, including the host's /var/run/docker.sock"
        );
        assert_eq!(inherited.related[0].range.start.line, 5);
        assert_eq!(diagnostic("agent:ro").severity, Severity::Critical);
        assert_eq!(diagnostic("other").severity, Severity::Low);
    }

    #[test]
    fn entries_are_parsed() {
        use super::parse_entry;
        assert_eq!(parse_entry("db"), ("db", false));
        assert_eq!(parse_entry("db:ro"), ("db", true));
        assert_eq!(parse_entry("container:db:rw"), ("db", false));
        assert_eq!(parse_entry("service:db:ro"), ("db", true));
    }
}
