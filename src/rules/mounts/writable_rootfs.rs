use crate::declare_rule;
use crate::diagnostic::Applicability;
use crate::model::edit::{Intent, List, Switch};
use crate::model::{Container, MountSyntax};
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Flags containers whose root filesystem is writable: no `read_only: true` in Compose, no `--read-only` on the command line.
    ///
    /// ## Why is this bad?
    /// By default a container can change every file of its image: an attacker who gets
    /// in can replace the application's binaries, add tools, or hide a backdoor that
    /// survives until the container is recreated. A read-only root filesystem takes all
    /// of that away and makes every place the service writes visible in the
    /// configuration, as a volume or a tmpfs.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   api:
    ///     image: ghcr.io/example/api:1.4.2
    /// ```
    ///
    /// ```sh
    /// docker run -d ghcr.io/example/api:1.4.2
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   api:
    ///     image: ghcr.io/example/api:1.4.2
    ///     read_only: true
    ///     tmpfs:
    ///       - /tmp
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds `read_only: true` (or `--read-only`), or turns `false` into `true`. It
    /// is unsafe: a service that writes outside its volumes fails until you add a tmpfs
    /// or a volume for that path. For an official image whose writes are documented
    /// (nginx: `/var/cache/nginx` and `/var/run`; jetty; varnish) the fix also adds a
    /// `tmpfs` entry (`--tmpfs`) for each such path no mount covers yet.
    ///
    /// ## When not to use it
    /// Images that write all over their filesystem and cannot be configured otherwise.
    /// Stay in the `default` or `baseline` profile, or suppress the finding with a reason.
    ///
    /// ## References
    /// - CIS Docker Benchmark v1.6.0, 5.13 (5.12 in v1.5.0): Ensure that the container's root filesystem is mounted as read only
    /// - semgrep: writable-filesystem-service; Polaris, kubesec and kube-score: readOnlyRootFilesystem
    /// - Docker documentation: `docker container run --read-only`; Compose `read_only`
    pub static WRITABLE_ROOTFS = {
        code: "MNT-008",
        name: "writable-rootfs",
        family: Mounts,
        severity: Low,
        profiles: RC,
        fix: Always,
        check: check,
    }
}

const MESSAGE: &str = "has a writable root filesystem: an intruder can change the image's programs and leave a backdoor in them";
const HELP: &str = "make the root filesystem read-only and give the service a tmpfs or a volume for each place it writes";

fn check(container: &Container, checker: &mut Checker) {
    let (span, turn_on) = match &container.read_only {
        // Unresolved: it may well be true.
        Some(setting) if setting.value != Some(false) => return,
        Some(setting) => (
            setting.span,
            Intent::Replace {
                at: setting.span,
                with: "true".to_string(),
            },
        ),
        None => (
            checker.missing_span(container),
            Intent::TurnOn {
                switch: Switch::ReadOnly,
            },
        ),
    };
    let writes = unmounted_writes(container);
    let title = match writes.is_empty() {
        true => "Make the root filesystem read-only".to_string(),
        false => format!(
            "Make the root filesystem read-only, with a tmpfs for {}",
            writes.join(", ")
        ),
    };
    let mut intents = vec![turn_on];
    if !writes.is_empty() {
        intents.push(Intent::AddItems {
            list: List::Tmpfs,
            values: writes,
        });
    }
    let rootfs = container
        .mounts
        .iter()
        .any(|mount| mount.syntax == MountSyntax::Rootfs);
    let message = if rootfs {
        "has a writable root filesystem, the host directory `--rootfs` names: an intruder can change its programs, on the host too, and leave a backdoor in them"
    } else {
        MESSAGE
    };
    checker
        .report(container, span, message)
        .help(HELP)
        .fix(title, Applicability::Unsafe, intents);
}

/// The tmpfs entries the container's image needs to run read-only
/// (`knowledge::images`), less the paths a mount already covers.
fn unmounted_writes(container: &Container) -> Vec<String> {
    let Some(needs) = container.image_needs() else {
        return Vec::new();
    };
    let targets: Vec<&str> = container
        .mounts
        .iter()
        .filter_map(|mount| mount.target.as_ref()?.value.as_deref())
        .collect();
    needs
        .writes
        .iter()
        .filter(|entry| {
            let path = entry.split(':').next().unwrap_or(entry);
            !targets.iter().any(|target| is_within(path, target))
        })
        .map(|entry| entry.to_string())
        .collect()
}

/// Whether `path` is `dir` or lies below it.
fn is_within(path: &str, dir: &str) -> bool {
    let dir = dir.trim_end_matches('/');
    path == dir
        || path
            .strip_prefix(dir)
            .is_some_and(|rest| rest.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::WRITABLE_ROOTFS as RULE;
    use crate::config::Profile;
    use crate::rules::registry;
    use crate::rules::testing::{assert_cases, fixed};

    #[test]
    fn cases() {
        assert_cases(
            &RULE,
            &[
                "services:\n  web:\n    image: app\n    read_only: true\n",
                "services:\n  web:\n    image: app\n    read_only: ${RO}\n",
                "docker run --read-only app",
                "docker run --read-only=true app",
            ],
            &[
                ("services:\n  web:\n    image: app\n", &[(2, 3)]),
                (
                    "services:\n  web:\n    image: app\n    read_only: false\n",
                    &[(4, 16)],
                ),
                (
                    "services:\n  web:\n    image: app\n    read_only: \"no\"\n",
                    &[(4, 16)],
                ),
                ("docker run app", &[(1, 1)]),
                ("docker run --read-only=false app", &[(1, 12)]),
            ],
        );
    }

    #[test]
    fn fixes() {
        assert_eq!(
            fixed(&RULE, "services:\n  web:\n    image: app\n"),
            ["services:\n  web:\n    image: app\n    read_only: true\n"]
        );
        assert_eq!(
            fixed(
                &RULE,
                "services:\n  web:\n    image: app\n    read_only: false\n"
            ),
            ["services:\n  web:\n    image: app\n    read_only: true\n"]
        );
        assert_eq!(
            fixed(&RULE, "docker run -d app"),
            ["docker run -d --read-only app"]
        );
    }

    #[test]
    fn images_known_to_write_get_a_tmpfs_for_each_place() {
        assert_eq!(
            fixed(&RULE, "services:\n  web:\n    image: nginx:1.27\n"),
            ["services:\n  web:\n    image: nginx:1.27\n    read_only: true\n    tmpfs: [/var/cache/nginx, /var/run]\n"]
        );
        // A path a volume already holds needs no tmpfs; an existing list grows.
        assert_eq!(
            fixed(
                &RULE,
                "services:\n  web:\n    image: nginx:1.27\n    volumes: [cache:/var/cache/nginx]\n    tmpfs: /tmp\n"
            ),
            ["services:\n  web:\n    image: nginx:1.27\n    volumes: [cache:/var/cache/nginx]\n    tmpfs: [/var/run, /tmp]\n    read_only: true\n"]
        );
        assert_eq!(
            fixed(&RULE, "docker run -d -p 8080:80 nginx"),
            ["docker run -d -p 8080:80 --read-only --tmpfs=/var/cache/nginx --tmpfs=/var/run nginx"]
        );
        assert_eq!(
            fixed(&RULE, "docker run --tmpfs /run varnish:7"),
            ["docker run --tmpfs /var/lib/varnish/varnishd:exec --tmpfs /run --read-only varnish:7"]
        );
    }

    #[test]
    fn restricted_and_cis_profiles_only() {
        assert_eq!(
            registry::profiles(&RULE),
            [Profile::Restricted, Profile::Cis]
        );
    }
}
