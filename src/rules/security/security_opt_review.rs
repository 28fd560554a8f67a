use super::{go_bool, is_podman, known_value};
use crate::declare_rule;
use crate::diagnostic::Applicability;
use crate::model::edit::Intent;
use crate::model::{Container, SecurityOpt};
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Points out security options worth a second look: entries the engine rejects, the
    /// deprecated `:` separator, and custom seccomp profile files.
    ///
    /// In detail:
    /// - an unknown key (keys are case-sensitive), a value the engine refuses (such as
    ///   `no-new-privileges=yes` or `label=foo`), an empty value, or a bare `disable`;
    /// - `systempaths` written any other way than exactly `systempaths=unconfined`: the
    ///   Docker CLI and Compose only act on that text and pass anything else to the daemon,
    ///   which rejects it;
    /// - `key:value` instead of `key=value`;
    /// - `seccomp=<file>`: a profile that replaces Docker's default.
    ///
    /// ## Why is this bad?
    /// A rejected entry stops the container from being created, and often hides a typo in a
    /// setting that was meant to harden it. The `:` separator still works but the daemon
    /// logs it as deprecated, and some scanners only recognise one of the two spellings. A
    /// custom seccomp profile is only as strict as it is written: a default action of
    /// `SCMP_ACT_ALLOW` or a long allow-list can be weaker than Docker's own profile.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   worker:
    ///     image: registry.example.com/worker:4.1.0
    ///     security_opt:
    ///       - no-new-privileges:true
    /// ```
    ///
    /// ```sh
    /// docker run --security-opt no-new-privileges:true registry.example.com/worker:4.1.0
    /// docker run --security-opt seccomp=./profiles/worker.json registry.example.com/worker:4.1.0
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   worker:
    ///     image: registry.example.com/worker:4.1.0
    ///     security_opt:
    ///       - no-new-privileges=true
    /// ```
    ///
    /// ## Fix safety
    /// Rewriting `key:value` as `key=value` is safe: the engine reads both the same way.
    /// The other findings have no automatic fix.
    ///
    /// ## When not to use it
    /// When a reviewed custom seccomp profile is part of your hardening, suppress its finding
    /// with a reason.
    ///
    /// ## References
    /// - moby `daemon/daemon_unix.go`: parseSecurityOpt (the `:` separator is deprecated)
    /// - docker/cli and docker/compose: parseSecurityOpts and parseSystemPaths
    /// - Docker documentation: Seccomp security profiles for Docker
    pub static SECURITY_OPT_REVIEW = {
        code: "SEC-008",
        name: "security-opt-review",
        family: SecurityOptions,
        severity: Info,
        profiles: D,
        fix: Sometimes,
        check: check,
    }
}

/// Keys the Docker CLI, Compose and the daemon accept (`credentialspec` on Windows).
const DOCKER_KEYS: [&str; 7] = [
    "no-new-privileges",
    "seccomp",
    "apparmor",
    "label",
    "systempaths",
    "writable-cgroups",
    "credentialspec",
];

/// Keys `podman run` accepts.
const PODMAN_KEYS: [&str; 8] = [
    "no-new-privileges",
    "seccomp",
    "apparmor",
    "label",
    "systempaths",
    "mask",
    "unmask",
    "proc-opts",
];

fn check(container: &Container, checker: &mut Checker) {
    for opt in &container.security_opt {
        let Some(value) = known_value(opt) else {
            continue;
        };
        if let Some(problem) = rejection(container, opt, value) {
            checker
                .report(container, opt.entry.span, problem)
                .help("fix or remove this entry: as written, the container is not created");
            continue;
        }
        if opt.separator == Some(':') {
            colon_separator(container, opt, checker);
        }
        if opt.key == "seccomp" && !matches!(value, "unconfined" | "builtin") {
            let case = if value.eq_ignore_ascii_case("unconfined")
                || value.eq_ignore_ascii_case("builtin")
            {
                " (values are case-sensitive: this names a file, not the built-in setting)"
            } else {
                ""
            };
            checker
                .report(
                    container,
                    opt.entry.span,
                    format!("replaces Docker's seccomp profile with the file `{value}`{case}"),
                )
                .help("review the profile: its default action should refuse (SCMP_ACT_ERRNO) and it should allow no more than Docker's default profile plus what the workload needs");
        }
    }
}

/// Why the engine refuses the entry, if it does.
fn rejection(container: &Container, opt: &SecurityOpt, value: &str) -> Option<String> {
    let key = opt.key.as_str();
    let written_key = opt.entry.raw.trim_start();
    let known_keys: &[&str] = if is_podman(container) {
        &PODMAN_KEYS
    } else {
        &DOCKER_KEYS
    };
    if !known_keys.contains(&key) {
        if key == "disable" && opt.separator.is_none() {
            return Some("a bare `disable` is accepted by the Engine API only; the CLI and Compose reject entries without a `key=`".into());
        }
        return Some(format!("`{key}` is not a security option the engine knows"));
    }
    if !written_key.starts_with(key) {
        return Some(format!(
            "option keys are case-sensitive and the engine only knows `{key}` in lower case"
        ));
    }
    if key == "systempaths" && !is_podman(container) {
        return (opt.entry.raw != "systempaths=unconfined").then(|| {
            "the Docker CLI and Compose only recognise the exact text `systempaths=unconfined`; they pass this entry to the daemon, which rejects it".into()
        });
    }
    if opt.separator.is_none() {
        return (key != "no-new-privileges")
            .then(|| format!("`{key}` needs a value (`{key}=...`)"));
    }
    let valid = match key {
        "no-new-privileges" | "writable-cgroups" => go_bool(value).is_some(),
        "label" => valid_label(container, value),
        _ => !value.is_empty(),
    };
    (!valid).then(|| format!("the engine does not accept `{value}` as a value of `{key}`"))
}

/// `disable`, or a `user|role|type|level:VALUE` part (podman adds `filetype:` and
/// `nested`).
fn valid_label(container: &Container, value: &str) -> bool {
    let podman = is_podman(container);
    match value.split_once(':') {
        Some((part, rest)) => {
            !rest.is_empty()
                && (matches!(part, "user" | "role" | "type" | "level")
                    || (podman && part == "filetype"))
        }
        None => value == "disable" || (podman && value == "nested"),
    }
}

fn colon_separator(container: &Container, opt: &SecurityOpt, checker: &mut Checker) {
    let key = &opt.key;
    let finding = checker
        .report(
            container,
            opt.entry.span,
            format!("writes `{key}:` with the deprecated `:` separator"),
        )
        .help(format!(
            "write `{key}=...`: the engine reads it the same way, and it is the documented form"
        ));
    if let Some(at) = opt.separator_at {
        finding.fix(
            format!("Write `{key}=`"),
            Applicability::Safe,
            vec![Intent::Replace {
                at,
                with: "=".to_string(),
            }],
        );
    }
}

#[cfg(test)]
mod tests {
    use super::SECURITY_OPT_REVIEW as RULE;
    use crate::rules::testing::{assert_cases, findings, fixed};

    const HEAD: &str = "services:\n  app:\n    image: nginx:1.27\n";

    #[test]
    fn cases() {
        let compose = |tail: &str| format!("{HEAD}{tail}");
        let opts = |entries: &str| compose(&format!("    security_opt:\n{entries}"));
        assert_cases(
            &RULE,
            &[
                &compose(""),
                &opts("      - no-new-privileges\n"),
                &opts("      - no-new-privileges=true\n"),
                &opts("      - seccomp=unconfined\n      - seccomp=builtin\n"),
                &opts("      - apparmor=unconfined\n"),
                &opts("      - label=disable\n      - label=type:spc_t\n      - label=level:s0:c1,c2\n"),
                &opts("      - systempaths=unconfined\n"),
                &opts("      - writable-cgroups=false\n"),
                &opts("      - seccomp=${PROFILE}\n"),
                &opts("      - ${OPT}\n"),
                "docker run --security-opt no-new-privileges nginx:1.27",
                "podman run --security-opt unmask=ALL --security-opt label=nested nginx:1.27",
            ],
            &[
                // The deprecated separator, in its common spellings.
                (&opts("      - no-new-privileges:true\n"), &[(5, 9)]),
                (&opts("      - \"seccomp:unconfined\"\n"), &[(5, 10)]),
                (&opts("      - label:type:container_t\n"), &[(5, 9)]),
                (
                    "docker run --security-opt apparmor:unconfined nginx:1.27",
                    &[(1, 27)],
                ),
                // Rejected entries.
                (&opts("      - systempaths:unconfined\n"), &[(5, 9)]),
                (&opts("      - systempaths=confined\n"), &[(5, 9)]),
                (&opts("      - Seccomp=unconfined\n"), &[(5, 9)]),
                (&opts("      - seccom=unconfined\n"), &[(5, 9)]),
                (&opts("      - disable\n"), &[(5, 9)]),
                (&opts("      - no-new-privileges=yes\n"), &[(5, 9)]),
                (&opts("      - label=foo\n"), &[(5, 9)]),
                (&opts("      - apparmor=\n"), &[(5, 9)]),
                (
                    "docker run --security-opt unmask=ALL nginx:1.27",
                    &[(1, 27)],
                ),
                // Custom seccomp profiles, with the colon as a second finding.
                (&opts("      - seccomp=./seccomp.json\n"), &[(5, 9)]),
                (&opts("      - seccomp=UNCONFINED\n"), &[(5, 9)]),
                (&opts("      - seccomp:/etc/docker/strict.json\n"), &[(5, 9), (5, 9)]),
                (
                    "docker run --security-opt seccomp=profile.json nginx:1.27",
                    &[(1, 27)],
                ),
            ],
        );
    }

    #[test]
    fn colon_fix_is_a_safe_respelling() {
        let text = format!("{HEAD}    security_opt:\n      - 'no-new-privileges:true'\n");
        assert_eq!(
            fixed(&RULE, &text),
            vec![format!(
                "{HEAD}    security_opt:\n      - 'no-new-privileges=true'\n"
            )]
        );
        assert_eq!(
            fixed(
                &RULE,
                "docker run --security-opt=label:type:spc_t nginx:1.27"
            ),
            vec!["docker run --security-opt=label=type:spc_t nginx:1.27"]
        );
        // A variable's default is written literally: the fix edits the default.
        let text = format!("{HEAD}    security_opt:\n      - ${{OPT:-seccomp:unconfined}}\n");
        assert_eq!(findings(&RULE, &text), vec![(5, 16)]);
        assert_eq!(
            fixed(&RULE, &text),
            vec![format!(
                "{HEAD}    security_opt:\n      - ${{OPT:-seccomp=unconfined}}\n"
            )]
        );
        // Partly built from a variable: the separator is written literally, so it is
        // the one edited.
        let text = format!("{HEAD}    security_opt:\n      - ${{KEY:-seccomp}}:unconfined\n");
        assert_eq!(findings(&RULE, &text), vec![(5, 16)]);
        assert_eq!(
            fixed(&RULE, &text),
            vec![format!(
                "{HEAD}    security_opt:\n      - ${{KEY:-seccomp}}=unconfined\n"
            )]
        );
    }
}
