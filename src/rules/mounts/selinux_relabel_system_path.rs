use super::host_binds;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::model::{Container, Relabel};
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Flags binds that ask the engine to relabel a system directory or a sensitive host path for SELinux (`:z`, `:Z`, podman's `--mount relabel=shared|private`, Compose `bind.selinux`).
    ///
    /// ## Why is this bad?
    /// On a host that enforces SELinux, `z` and `Z` make the engine rewrite the SELinux
    /// label of the host path and of every file below it, so that the container may
    /// use them: `z` gives them a label every container may read and write, `Z` one
    /// that only this container may. The host's own services are confined by SELinux
    /// too, and the labels they were allowed to read are gone: relabelling `/home`,
    /// `/var/lib` or `/etc` can stop logins, `sshd` and system daemons, which is why
    /// Docker's documentation warns that it can make the host unusable. The engines
    /// refuse the worst of them outright (`/`, `/etc`, `/usr`, `/var`, `/home`, the
    /// user's home directory and a few others: "SELinux relabeling of /etc is not
    /// allowed"), and the container then does not start; a directory below them, such
    /// as `/etc/ssl` or `~/.ssh`, is relabelled without a word.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   backup:
    ///     image: restic/restic:0.17.3
    ///     volumes:
    ///       - /etc/ssl:/certs:ro,z
    /// ```
    ///
    /// ```sh
    /// podman run --mount type=bind,src=/home/alice/.ssh,dst=/keys,relabel=shared alpine:3.20
    /// ```
    ///
    /// ## Use instead
    /// Relabel only a directory made for the container, or leave system paths alone
    /// and let the policy's `container_use_*` booleans grant the access:
    /// ```yaml
    /// services:
    ///   backup:
    ///     image: restic/restic:0.17.3
    ///     volumes:
    ///       - ./certs:/certs:ro,z
    /// ```
    ///
    /// ## Fix safety
    /// There is no automatic fix: what the container needs in place of the host path is
    /// not written in the file.
    ///
    /// ## When not to use it
    /// Hosts without SELinux, where the option does nothing. Suppress the finding with
    /// a reason there, or drop the option.
    ///
    /// ## References
    /// - Docker documentation: bind mounts, "Configure the SELinux label"
    /// - podman documentation: `podman run --volume`, "Labeling Volume Mounts"
    /// - opencontainers/selinux: `go-selinux` `chcon`, the paths it refuses to relabel
    pub static SELINUX_RELABEL_SYSTEM_PATH = {
        code: "MNT-013",
        name: "selinux-relabel-system-path",
        family: Mounts,
        severity: High,
        profiles: DBRC,
        fix: None,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    for bind in host_binds(container) {
        let (Some(relabel), Some(path)) = (bind.mount.relabel.as_ref(), bind.path.as_ref()) else {
            continue;
        };
        let Some(mode) = relabel.get() else {
            continue;
        };
        if bind.is_allowed(checker.options) {
            continue;
        }
        let (severity, message) = if path.relabel_refused() {
            (
                Severity::Medium,
                format!(
                    "asks the engine to relabel {} for SELinux (`{}`): on an SELinux host the engine refuses to relabel this system directory and the container does not start; elsewhere the option does nothing",
                    bind.described(),
                    relabel.raw
                ),
            )
        } else if path.sensitive().is_some() {
            let who = match mode {
                Relabel::Shared => "every container may then read and write them",
                Relabel::Private => "only this container may then use them",
            };
            (
                Severity::High,
                format!(
                    "relabels {} for SELinux (`{}`): on an SELinux host every file below it gets a container label, so the host's own services confined by SELinux can lose access to them, and {who}",
                    bind.described(),
                    relabel.raw
                ),
            )
        } else {
            continue;
        };
        checker
            .report(container, relabel.span, message)
            .severity(severity)
            .help("relabel only a directory made for the container, never a system path or a home directory")
            .related(bind.source.span, "the host path it relabels");
    }
}

#[cfg(test)]
mod tests {
    use super::SELINUX_RELABEL_SYSTEM_PATH as RULE;
    use crate::config::Config;
    use crate::diagnostic::Severity;
    use crate::rules::testing::{assert_cases, diagnostics_with};

    #[test]
    fn cases() {
        assert_cases(
            &RULE,
            &[
                with_volumes!("      - ./conf:/conf:z\n"),
                with_volumes!("      - /srv/app/data:/data:Z\n"),
                with_volumes!("      - /etc:/host/etc:ro\n"),
                with_volumes!("      - type: bind\n        source: ${DIR}\n        target: /d\n        bind:\n          selinux: z\n"),
                "podman run --mount type=bind,src=/opt/app/cache,dst=/c,relabel=private app",
                // docker's `--mount` has no relabelling key.
                "docker run --mount type=bind,src=/etc,dst=/h,relabel=shared app",
            ],
            &[
                (with_volumes!("      - /etc/ssl:/certs:ro,z\n"), &[(5, 28)]),
                (with_volumes!("      - /etc:/host/etc:Z\n"), &[(5, 24)]),
                (
                    with_volumes!("      - type: bind\n        source: ~/.ssh\n        target: /keys\n        bind:\n          selinux: z\n"),
                    &[(9, 20)],
                ),
                ("docker run -v /etc/nginx:/etc/nginx:Z app", &[(1, 37)]),
                ("podman run -v ~:/home/me:z app", &[(1, 26)]),
                (
                    "podman run --mount type=bind,src=/home/alice/.ssh,dst=/keys,relabel=shared app",
                    &[(1, 61)],
                ),
                ("podman run --mount type=bind,src=/usr,dst=/u,Z app", &[(1, 46)]),
            ],
        );
    }

    #[test]
    fn refused_system_directories_are_medium_and_say_why() {
        let findings = |text: &str| diagnostics_with(&RULE, text, Config::default());
        let refused = findings("docker run -v /etc:/host/etc:Z app");
        assert_eq!(refused[0].severity, Severity::Medium);
        assert_eq!(
            refused[0].message,
            "asks the engine to relabel the host's /etc for SELinux (Z): on an SELinux host the engine refuses to relabel this system directory and the container does not start; elsewhere the option does nothing"
        );
        let relabelled =
            findings("podman run --mount type=bind,src=/etc/ssl,dst=/c,relabel=shared app");
        assert_eq!(relabelled[0].severity, Severity::High);
        assert_eq!(
            relabelled[0].message,
            "relabels the host's /etc/ssl for SELinux (relabel=shared): on an SELinux host every file below it gets a container label, so the host's own services confined by SELinux can lose access to them, and every container may then read and write them"
        );
    }
}
