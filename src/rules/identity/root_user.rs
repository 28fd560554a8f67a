use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::model::{Container, MountSyntax, RootOnHost};
use crate::rules::Checker;
use crate::span::Span;

declare_rule! {
    /// ## What it does
    /// Reports containers that run as root: an explicit `user: root`, `0`, `0:0` or
    /// `root:root` (`-u` / `--user` on the command line), and, as info, containers that set
    /// no user at all, so that the image's `USER` decides (root unless the image says
    /// otherwise). When podman maps the container's root to another host user
    /// (`--uidmap 0:100000:65536`, `--userns=auto`, `nomap` or `keep-id`) the finding is
    /// info and says what root is on the host; `--userns=keep-id` without `--user` runs
    /// the process as the user who starts podman, and gets none.
    ///
    /// ## Why is this bad?
    /// Root in a container is the same UID 0 as root on the host unless the daemon remaps
    /// users. It owns every file the container can see, may use every capability the
    /// container was granted, and, the moment another layer fails (a writable host mount, a
    /// kernel bug, an extra capability), it acts on the host as root. A non-root user turns
    /// most of those mistakes into "permission denied".
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   app:
    ///     image: registry.example.com/app:1.4.2
    ///     user: root
    /// ```
    ///
    /// ```sh
    /// docker run -u 0:0 registry.example.com/app:1.4.2
    /// ```
    ///
    /// ## Use instead
    /// Pick a UID the image's files allow; numbers above 10000 avoid clashing with host
    /// accounts:
    /// ```yaml
    /// services:
    ///   app:
    ///     image: registry.example.com/app:1.4.2
    ///     user: "10001:10001"
    /// ```
    ///
    /// ## Fix safety
    /// There is no automatic fix: the image must work as the chosen user (file ownership,
    /// ports below 1024).
    ///
    /// ## When not to use it
    /// When the daemon runs with user-namespace remapping or rootless, UID 0 in the container
    /// is an unprivileged UID on the host; the finding matters much less there.
    ///
    /// ## References
    /// - Kubernetes Pod Security Standards, restricted: Running as Non-root, Running as Non-root user
    /// - CIS Docker Benchmark v1.6.0, 4.1 (image side): Ensure that a user for the container has been created
    /// - Polaris: runAsRootAllowed; kubesec: RunAsNonRoot, RunAsUser
    /// - Docker documentation: docker run, `--user`
    pub static ROOT_USER = {
        code: "USR-001",
        name: "root-user",
        family: Identity,
        severity: Medium,
        profiles: RC,
        fix: None,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    if let Some(root) = container.root_on_host() {
        return remapped(container, checker, &root);
    }
    let Some(user) = container.user.as_ref() else {
        let span = checker.missing_span(container);
        return report_unset(container, checker, span);
    };
    let Some(value) = user.get() else {
        return;
    };
    // `user: ""` leaves the image's USER in charge.
    if value.trim().is_empty() {
        report_unset(container, checker, user.span);
    } else if container.runs_as_root() == Some(true) {
        checker
            .report(
                container,
                user.span,
                "runs as root, the same UID 0 as root on the host unless the daemon remaps users",
            )
            .help(help(container));
    }
}

/// podman maps the container's root to another host user: root inside is not root
/// on the host, which the finding says (and none when keep-id runs the process as
/// the user who starts podman).
fn remapped(container: &Container, checker: &mut Checker, root: &RootOnHost) {
    let (span, runs_as) = match container.user.as_ref() {
        None if root.keep_id => return,
        None => (
            checker.missing_span(container),
            "the image's USER, root unless the image sets another,",
        ),
        Some(user) if user.get().is_some_and(|u| u.trim().is_empty()) => (
            user.span,
            "the image's USER, root unless the image sets another,",
        ),
        Some(user) if container.runs_as_root() == Some(true) => (user.span, "root"),
        Some(_) => return,
    };
    checker
        .report(
            container,
            span,
            format!("runs as {runs_as} inside the container only: podman maps its root to {} on the host", root.meaning),
        )
        .severity(Severity::Info)
        .related(root.span, "the container's users are mapped here")
        .help(help(container));
}

fn report_unset(container: &Container, checker: &mut Checker, span: Span) {
    // With `--rootfs` there is no image whose USER could name another user.
    let rootfs = container
        .mounts
        .iter()
        .any(|mount| mount.syntax == MountSyntax::Rootfs);
    if rootfs {
        checker
            .report(
                container,
                span,
                "does not choose a user, so it runs as root: with `--rootfs` there is no image whose USER names another",
            )
            .help(help(container));
        return;
    }
    checker
        .report(
            container,
            span,
            "does not choose a user, so it runs as the image's USER: root, unless the image sets another",
        )
        .severity(Severity::Info)
        .help(help(container));
}

fn help(container: &Container) -> &'static str {
    if container.is_compose() {
        "set `user:` to a non-root UID the image works with, for example `user: \"10001:10001\"`"
    } else {
        "add `--user` with a non-root UID the image works with, for example `--user 10001:10001`"
    }
}

#[cfg(test)]
mod tests {
    use super::ROOT_USER as RULE;
    use crate::config::Config;
    use crate::diagnostic::Severity;
    use crate::rules::testing::{assert_cases, diagnostics_with};

    const HEAD: &str = "services:\n  app:\n    image: nginx:1.27\n";

    #[test]
    fn podman_user_namespaces_change_what_root_is() {
        let found = |text: &str| -> Vec<(String, Severity)> {
            diagnostics_with(&RULE, text, Config::default())
                .into_iter()
                .map(|d| (d.message, d.severity))
                .collect()
        };
        assert_eq!(
            found("podman run --uidmap 0:100000:65536 -u 0 img"),
            [("runs as root inside the container only: podman maps its root to host UID 100000 (--uidmap 0:100000:65536) on the host".to_string(), Severity::Info)]
        );
        assert_eq!(
            found("podman run --userns=auto img")[0].0,
            "runs as the image's USER, root unless the image sets another, inside the container only: podman maps its root to an unused host UID of podman's subordinate range (--userns=auto) on the host"
        );
        assert_eq!(found("podman run --userns=keep-id img"), []);
        assert_eq!(found("podman run --userns=keep-id --user 1000 img"), []);
        assert_eq!(
            found("podman run --userns=keep-id --user root img").len(),
            1
        );
        // `--rootfs` has no image whose USER could name another user.
        assert_eq!(
            found("nerdctl run --rootfs /srv/root sh"),
            [("does not choose a user, so it runs as root: with --rootfs there is no image whose USER names another".to_string(), Severity::Medium)]
        );
        // docker has no --uidmap, and its root is the host's unless the daemon remaps.
        assert_eq!(
            found("docker run -u 0 img")[0].0,
            "runs as root, the same UID 0 as root on the host unless the daemon remaps users"
        );
    }

    #[test]
    fn cases() {
        let compose = |tail: &str| format!("{HEAD}{tail}");
        assert_cases(
            &RULE,
            &[
                &compose("    user: \"10001\"\n"),
                &compose("    user: nobody\n"),
                &compose("    user: \"1000:0\"\n"),
                &compose("    user: ${UID}:${GID}\n"),
                "docker run -u 10001:10001 nginx:1.27",
                "docker run --user=\"$(id -u):$(id -g)\" nginx:1.27",
            ],
            &[
                (&compose("    user: root\n"), &[(4, 11)]),
                (&compose("    user: \"0\"\n"), &[(4, 11)]),
                (&compose("    user: 0:0\n"), &[(4, 11)]),
                (&compose("    user: root:root\n"), &[(4, 11)]),
                (&compose("    user: \"0:1000\"\n"), &[(4, 11)]),
                ("docker run -u 0 nginx:1.27", &[(1, 15)]),
                ("docker run --user=root:root nginx:1.27", &[(1, 19)]),
                // Unset: the image decides (info).
                (&compose(""), &[(2, 3)]),
                (&compose("    user: \"\"\n"), &[(4, 11)]),
                ("docker run -d nginx:1.27", &[(1, 1)]),
            ],
        );
    }

    #[test]
    fn unset_user_is_info() {
        let severities = |text: &str| -> Vec<Severity> {
            diagnostics_with(&RULE, text, Config::default())
                .iter()
                .map(|d| d.severity)
                .collect()
        };
        assert_eq!(severities(HEAD), vec![Severity::Info]);
        assert_eq!(
            severities(&format!("{HEAD}    user: root\n")),
            vec![Severity::Medium]
        );
    }
}
