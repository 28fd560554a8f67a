use super::known_value;
use crate::declare_rule;
use crate::diagnostic::Applicability;
use crate::model::edit::Intent;
use crate::model::{Container, SecurityOpt};
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Points out security options worth a second look: the deprecated `:` separator, and custom seccomp profile files.
    ///
    /// In detail:
    /// - `key:value` instead of `key=value`;
    /// - `seccomp=<file>`: a profile that replaces Docker's default.
    ///
    /// An entry the engine refuses is an input problem instead (SYN-004), read by the
    /// engine's own grammar, and no rule reads it: an unknown key (keys are
    /// case-sensitive), a value the engine refuses (`no-new-privileges=yes` or
    /// `label=foo`: Go's `strconv.ParseBool` and the label parts), an empty value, a
    /// bare `disable`, or (docker) `systempaths` written any other way than exactly
    /// `systempaths=unconfined`, which the CLI and Compose pass on to the daemon, which
    /// rejects it.
    ///
    /// ## Why is this bad?
    /// The `:` separator still works but the daemon
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

fn check(container: &Container, checker: &mut Checker) {
    for opt in container.accepted_security_opts() {
        let Some(value) = known_value(opt) else {
            continue;
        };
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
                // Entries the engine refuses are SYN-004's alone (see below).
                &opts("      - systempaths:unconfined\n"),
                &opts("      - Seccomp:unconfined\n"),
                &opts("      - seccom:unconfined\n"),
                &opts("      - disable\n"),
                &opts("      - no-new-privileges:yes\n"),
                "docker run --security-opt unmask=ALL nginx:1.27",
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

    /// A refused entry is one input problem where it is written, and no finding.
    #[test]
    fn refused_entries_are_input_problems() {
        for (text, at) in [
            (
                format!("{HEAD}    security_opt:\n      - no-new-privileges:yes\n"),
                (5, 9),
            ),
            (
                format!("{HEAD}    security_opt: [\"Seccomp:unconfined\"]\n"),
                (4, 20),
            ),
            (
                "docker run --security-opt writable-cgroups=on nginx:1.27".to_string(),
                (1, 27),
            ),
            (
                "docker run --security-opt unmask=ALL nginx:1.27".to_string(),
                (1, 27),
            ),
        ] {
            let analysis = crate::analyze(&text, &crate::AnalyzeOptions::default());
            let found: Vec<(&str, u32, u32)> = analysis
                .diagnostics
                .iter()
                .map(|d| (d.code.as_str(), d.range.start.line, d.range.start.column))
                .collect();
            assert_eq!(found, [("SYN-004", at.0, at.1)], "{text}");
            assert!(analysis.diagnostics[0]
                .message
                .ends_with("; as written, the container is not created"));
        }
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
