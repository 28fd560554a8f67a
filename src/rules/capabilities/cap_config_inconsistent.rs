use super::effective;
use crate::declare_rule;
use crate::diagnostic::{Applicability, Severity};
use crate::model::caps::{self, EffectiveCaps, Grant};
use crate::model::{Container, Setting};
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Flags capability settings that do not do what they seem to: a capability both added and dropped, a default capability added for nothing, an unknown name, or capabilities added for a non-root user.
    ///
    /// ## Why is this bad?
    /// Docker's capability arithmetic has surprises, and a list that reads one way but
    /// works another misleads every reviewer:
    ///
    /// - a capability in both `cap_add` and `cap_drop` is **kept**: the addition wins
    ///   (low);
    /// - adding one of Docker's 14 default capabilities without dropping `ALL` changes
    ///   nothing, since the container has it already (info);
    /// - a name Docker does not know (a typo, or `NET_ADMIN,SYS_ADMIN` in one entry:
    ///   Docker does not split on commas) makes the container fail to start (low);
    /// - capabilities added for a non-root `user` usually have no effect: Docker does
    ///   not pass them on to a non-root process, which only gets them through a binary
    ///   with file capabilities or the set-user-ID bit (info).
    ///
    /// A privileged container ignores both lists; PRIV-001 and PRIV-002 report that.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   api:
    ///     image: example/api:1.4
    ///     cap_drop: [NET_ADMIN]
    ///     cap_add: [NET_ADMIN]
    /// ```
    ///
    /// ```sh
    /// docker run --cap-drop=NET_ADMIN --cap-add=NET_ADMIN example/api:1.4
    /// docker run --cap-add=SYS_NCE example/api:1.4
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   api:
    ///     image: example/api:1.4
    ///     cap_drop: [ALL]
    ///     cap_add: [NET_ADMIN]
    /// ```
    ///
    /// ## Fix safety
    /// Where a fix is offered it is safe, because it keeps the effective capabilities
    /// as they are: it removes the `cap_drop` entry that an addition overrides, or the
    /// `cap_add` entry of a capability the container has anyway. If you meant the
    /// opposite (drop the capability), remove it from `cap_add` yourself. Unknown names
    /// and non-root users have no automatic fix.
    ///
    /// ## When not to use it
    /// When an image's binaries carry file capabilities on purpose (for example
    /// `setcap cap_net_bind_service=+ep` on a server run as a non-root user), the
    /// non-root finding is expected; suppress it with a reason.
    ///
    /// ## References
    /// - moby `caps.TweakCapabilities` and `NormalizeLegacyCapabilities` (capability arithmetic)
    /// - CVE-2022-24769: Docker no longer fills the inheritable set, so non-root processes start without added capabilities
    /// - capabilities(7), Linux manual page: transformation of capabilities during execve
    /// - Docker docs: Runtime privilege and Linux capabilities (`docker run` reference)
    pub static CAP_CONFIG_INCONSISTENT = {
        code: "CAP-010",
        name: "cap-config-inconsistent",
        family: Capabilities,
        severity: Low,
        profiles: D,
        fix: Sometimes,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    let Some(caps) = effective(container) else {
        return;
    };
    unknown_names(container, checker);
    added_and_dropped(container, checker, &caps);
    default_added(container, checker, &caps);
    added_for_non_root(container, checker);
}

/// Known entries of a capability list with their canonical names.
fn named(list: &[Setting<String>]) -> impl Iterator<Item = (String, &Setting<String>)> {
    list.iter()
        .filter_map(|entry| Some((caps::normalize(entry.get()?), entry)))
}

fn unknown_names(container: &Container, checker: &mut Checker) {
    for (name, entry) in named(&container.cap_add).chain(named(&container.cap_drop)) {
        if caps::is_known(&name) {
            continue;
        }
        let mut message = format!(
            "`{}` is not a capability Docker knows, so the container fails to start",
            entry.raw
        );
        // Podman splits on commas (its front-end hands us the parts); Docker does not.
        if name.contains(',') {
            message.push_str("; Docker does not split names on commas");
        }
        checker.report(container, entry.span, message).help(
            "write one capability per entry, as listed in capabilities(7), without the CAP_ prefix",
        );
    }
}

fn added_and_dropped(container: &Container, checker: &mut Checker, caps: &EffectiveCaps) {
    for (name, drop) in named(&container.cap_drop) {
        let added = caps
            .get(&name)
            .filter(|cap| cap.grant == Grant::Added)
            .and_then(|cap| cap.source);
        let Some(added) = added else {
            continue;
        };
        let finding = checker.report(
            container,
            drop.span,
            format!("drops {name} but also adds it, and the addition wins: {name} is kept"),
        );
        finding
            .help(format!(
                "decide: remove {name} from cap_add to drop it, or from cap_drop to say that it is kept"
            ))
            .related(added.span, format!("{name} is added here"))
            .fix_by_removing(drop.span,
                format!("Remove {name} from the dropped capabilities"),
                Applicability::Safe,
            );
    }
}

fn default_added(container: &Container, checker: &mut Checker, caps: &EffectiveCaps) {
    // Unresolved entries may drop ALL or this very capability.
    if container.cap_drop.iter().any(|d| d.value.is_none())
        || named(&container.cap_drop).any(|(name, _)| name == "ALL")
    {
        return;
    }
    for (name, add) in named(&container.cap_add) {
        let dropped = named(&container.cap_drop).any(|(drop, _)| drop == name);
        let granted = caps.get(&name).is_some_and(|cap| cap.grant == Grant::Added);
        if !caps::is_default(caps.engine, &name) || dropped || !granted {
            continue;
        }
        let finding = checker.report(
            container,
            add.span,
            format!(
                "adds {name}, which {} grants by default: without cap_drop ALL this entry changes nothing",
                caps.engine.display_name()
            ),
        );
        finding
            .severity(Severity::Info)
            .help("remove the entry, or drop ALL capabilities so that the list of additions means something")
            .fix_by_removing(add.span,
                format!("Remove `{}`", add.raw),
                Applicability::Safe,
            );
    }
}

fn added_for_non_root(container: &Container, checker: &mut Checker) {
    let Some(user) = container
        .user
        .as_ref()
        .filter(|_| container.runs_as_root() == Some(false))
    else {
        return;
    };
    let Some((name, first)) = named(&container.cap_add).find(|(name, _)| caps::is_known(name))
    else {
        return;
    };
    let message = format!(
        "adds {name} for user `{}`, which is not root: Docker does not pass added capabilities on \
         to a non-root process",
        user.raw
    );
    checker
        .report(container, first.span, message)
        .severity(Severity::Info)
        .help("remove cap_add unless a binary of the image uses file capabilities or is set-user-ID root")
        .related(user.span, "the non-root user is set here");
}

#[cfg(test)]
mod tests {
    use super::CAP_CONFIG_INCONSISTENT as RULE;
    use crate::config::Config;
    use crate::diagnostic::{Applicability, Severity};
    use crate::rules::testing::{assert_cases, diagnostics_with, fixed};

    #[test]
    fn cases() {
        assert_cases(
            &RULE,
            &[
                "services:\n  app:\n    image: x\n    cap_drop: [ALL]\n    cap_add: [CHOWN]\n",
                "services:\n  app:\n    image: x\n    cap_drop: [CHOWN]\n    cap_add: [SYS_TIME]\n",
                "services:\n  app:\n    image: x\n    cap_add: [NET_ADMIN]\n    user: root\n",
                "services:\n  app:\n    image: x\n    cap_add: [NET_ADMIN]\n    user: \"0:1000\"\n",
                "services:\n  app:\n    image: x\n    cap_add: [NET_ADMIN]\n    user: ${APP_USER}\n",
                "services:\n  app:\n    image: x\n    cap_drop: [\"${DROP}\"]\n    cap_add: [CHOWN]\n",
                // Privileged ignores both lists.
                "services:\n  app:\n    image: x\n    privileged: true\n    cap_drop: [NET_ADMIN]\n    cap_add: [NET_ADMIN]\n",
                "docker run --cap-drop=all --cap-add=kill x",
                "podman run --cap-add=NET_ADMIN,SYS_TIME x",
            ],
            &[
                // Added and dropped, in every spelling.
                (
                    "services:\n  app:\n    image: x\n    cap_drop: [net_admin]\n    cap_add: [CAP_NET_ADMIN]\n",
                    &[(4, 16)],
                ),
                ("docker run --cap-add SYS_TIME --cap-drop=sys_time x", &[(1, 42)]),
                // Default capability added without dropping ALL.
                (
                    "services:\n  app:\n    image: x\n    cap_add:\n      - chown\n",
                    &[(5, 9)],
                ),
                ("docker run --cap-add=NET_RAW x", &[(1, 22)]),
                // Unknown names.
                (
                    "services:\n  app:\n    image: x\n    cap_add: [SYS_ADMN]\n    cap_drop: [ALL, \"NET_RAW,SETUID\"]\n",
                    &[(4, 15), (5, 21)],
                ),
                ("docker run --cap-drop=CAP_FOO x", &[(1, 23)]),
                ("podman run --cap-add=NET_ADMIN,SYS_TIMER x", &[(1, 32)]),
                // Non-root user.
                (
                    "services:\n  app:\n    image: x\n    user: \"1000:1000\"\n    cap_add: [SYS_TIME, NET_ADMIN]\n",
                    &[(5, 15)],
                ),
                ("docker run -u app --cap-add=SYS_TIME x", &[(1, 29)]),
            ],
        );
    }

    #[test]
    fn severities_and_safe_fixes() {
        let text = "services:\n  app:\n    image: x\n    cap_drop: [SYS_TIME]\n    cap_add: [SYS_TIME, kill]\n";
        let diagnostics = diagnostics_with(&RULE, text, Config::default());
        let severities: Vec<Severity> = diagnostics.iter().map(|d| d.severity).collect();
        assert_eq!(severities, [Severity::Low, Severity::Info]);
        assert!(diagnostics
            .iter()
            .all(|d| d.fix.as_ref().unwrap().applicability == Applicability::Safe));
        assert_eq!(
            fixed(&RULE, text),
            [
                "services:\n  app:\n    image: x\n    cap_add: [SYS_TIME, kill]\n",
                "services:\n  app:\n    image: x\n    cap_drop: [SYS_TIME]\n    cap_add: [SYS_TIME]\n",
            ]
        );
    }
}
