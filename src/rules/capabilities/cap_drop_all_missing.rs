use super::{effective, named_additions, report_addition, report_kept};
use crate::config::Profile;
use crate::declare_rule;
use crate::model::caps::{self, EffectiveCaps, Grant};
use crate::model::Container;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Flags containers that keep Docker's default capabilities because `cap_drop` does not drop `ALL`; in the restricted profile, also capabilities added back other than NET_BIND_SERVICE.
    ///
    /// ## Why is this bad?
    /// Docker's default set has 14 capabilities, and most services need none of them:
    /// DAC_OVERRIDE and FOWNER ignore file permissions, SETUID and SETGID switch to any
    /// user, NET_RAW forges packets, MKNOD creates device nodes. Each is one more tool
    /// for an attacker who gets code running in the container, and one more kernel path
    /// to exploit. Dropping `ALL` and adding back what the workload needs makes the
    /// capability list an explicit, reviewable statement. Binding ports below 1024 needs
    /// no capability in Docker's default network setup, so even web servers usually run
    /// with none.
    ///
    /// Dropping every default capability one by one counts as dropping `ALL`. In the
    /// `restricted` profile, which mirrors the Kubernetes "restricted" Pod Security
    /// level, every capability added back except NET_BIND_SERVICE is reported too
    /// (non-default ones are left to CAP-002 to CAP-007, NET_RAW to CAP-009). A
    /// privileged container (PRIV-001) and `cap_add: ALL` (CAP-001) are left to their
    /// own rules.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   web:
    ///     image: nginx:1.27
    ///     cap_drop: [NET_RAW]
    /// ```
    ///
    /// ```sh
    /// docker run nginx:1.27
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   web:
    ///     image: nginx:1.27
    ///     cap_drop: [ALL]
    ///     cap_add: [CHOWN, SETUID, SETGID]
    /// ```
    ///
    /// ```sh
    /// docker run --cap-drop=ALL --cap-add=CHOWN --cap-add=SETUID --cap-add=SETGID nginx:1.27
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds `ALL` to `cap_drop` (or `--cap-drop=ALL`); in the restricted profile
    /// it removes a capability added back. Both are unsafe: a program that changes
    /// users, owners or permissions at start-up fails until you add back the
    /// capability it needs. Try it, read the error, add that one capability. For an
    /// official image whose start-up is known (nginx changes owners and users: CHOWN,
    /// SETGID, SETUID), the fix adds those back in `cap_add` too, except in the
    /// restricted profile, which allows adding back only NET_BIND_SERVICE.
    ///
    /// ## When not to use it
    /// When you cannot test the container after changing it; keep the rule off rather
    /// than shipping a service that fails on start.
    ///
    /// ## References
    /// - CIS Docker Benchmark v1.6.0, 5.4 (5.3 in v1.5.0): Ensure that Linux kernel capabilities are restricted within containers
    /// - Kubernetes Pod Security Standards, restricted: Capabilities (drop ALL, add only NET_BIND_SERVICE)
    /// - KICS: Container Capabilities Unrestricted; semgrep: no equivalent rule
    /// - Docker docs: Runtime privilege and Linux capabilities (`docker run` reference)
    pub static CAP_DROP_ALL_MISSING = {
        code: "CAP-008",
        name: "cap-drop-all-missing",
        family: Capabilities,
        severity: Medium,
        profiles: RC,
        fix: Always,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    let Some(caps) = effective(container) else {
        return;
    };
    if caps.caps.iter().any(|cap| cap.grant == Grant::AddedByAll) {
        return;
    }
    // An unresolved `cap_drop` entry may well be `ALL`.
    let drop_known = container.cap_drop.iter().all(|drop| drop.value.is_some());
    let kept: Vec<&str> = caps
        .caps
        .iter()
        .filter(|cap| cap.grant == Grant::Default)
        .map(|cap| cap.name)
        .collect();
    if drop_known && !kept.is_empty() {
        let message = format!(
            "keeps {} of {}'s default capabilities ({}) because it does not drop ALL",
            kept.len(),
            caps.engine.display_name(),
            kept.join(", ")
        );
        let add_back = needed_back(container, &caps, checker.profile);
        report_kept(checker, container, "ALL", add_back, message)
            .help("drop ALL capabilities, then add back by name only those the workload needs");
    }
    if checker.profile == Profile::Restricted {
        for (name, source) in named_additions(&caps, checker) {
            // Non-default capabilities and NET_RAW have rules of their own.
            if caps::is_default(caps.engine, name)
                && name != "NET_BIND_SERVICE"
                && name != "NET_RAW"
            {
                let message = format!(
                    "adds back {name}; the restricted profile allows adding back only NET_BIND_SERVICE"
                );
                report_addition(checker, container, source, message)
                    .help(format!("remove {name} and let the process run without it"));
            }
        }
    }
}

/// The default capabilities the container's image needs (`knowledge::images`) that
/// dropping `ALL` would take and `cap_add` does not give back, as far as the profile
/// allows adding them back.
fn needed_back(container: &Container, caps: &EffectiveCaps, profile: Profile) -> Vec<String> {
    let Some(needs) = container.image_needs() else {
        return Vec::new();
    };
    needs
        .capabilities
        .iter()
        .filter(|name| profile != Profile::Restricted || **name == "NET_BIND_SERVICE")
        .filter(|name| {
            !caps
                .caps
                .iter()
                .any(|cap| cap.name == **name && cap.grant != Grant::Default)
        })
        .map(|name| name.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::CAP_DROP_ALL_MISSING as RULE;
    use crate::config::Profile;
    use crate::rules::testing::{assert_cases, findings_in, fixed, fixed_in};

    #[test]
    fn cases() {
        assert_cases(
            &RULE,
            &[
                "services:\n  app:\n    image: x\n    cap_drop: [ALL]\n",
                "services:\n  app:\n    image: x\n    cap_drop:\n      - all\n    cap_add: [CHOWN]\n",
                "services:\n  app:\n    image: x\n    cap_drop: [\"${DROP}\"]\n",
                // CAP-001 and PRIV-001 report these.
                "services:\n  app:\n    image: x\n    cap_add: [ALL]\n",
                "services:\n  app:\n    image: x\n    privileged: true\n",
                "docker run --cap-drop=ALL x",
                "docker run --cap-drop all --cap-add NET_BIND_SERVICE x",
            ],
            &[
                ("services:\n  app:\n    image: x\n", &[(2, 3)]),
                (
                    "services:\n  app:\n    image: x\n    cap_drop:\n      - NET_RAW\n",
                    &[(5, 9)],
                ),
                ("docker run --cap-drop NET_RAW x", &[(1, 23)]),
            ],
        );
    }

    #[test]
    fn restricted_profile_allows_only_net_bind_service() {
        let text = "services:\n  app:\n    image: x\n    cap_drop: [ALL]\n    cap_add: [NET_BIND_SERVICE, chown, SYS_ADMIN]\n";
        assert_eq!(findings_in(&RULE, text, Profile::Restricted), [(5, 33)]);
        assert_eq!(findings_in(&RULE, text, Profile::Cis), []);
        let text = "docker run --cap-drop=ALL --cap-add=SETUID x";
        assert_eq!(findings_in(&RULE, text, Profile::Restricted), [(1, 37)]);
    }

    #[test]
    fn fix_drops_all() {
        assert_eq!(
            fixed(
                &RULE,
                "services:\n  app:\n    image: x\n    cap_drop: [NET_RAW]\n"
            ),
            ["services:\n  app:\n    image: x\n    cap_drop: [ALL, NET_RAW]\n"]
        );
        assert_eq!(
            fixed(&RULE, "docker run --cap-drop NET_RAW x"),
            ["docker run --cap-drop ALL --cap-drop NET_RAW x"]
        );
        assert_eq!(
            fixed(
                &RULE,
                "services:\n  app:\n    image: x\n  db:\n    image: y\n"
            ),
            [
                "services:\n  app:\n    image: x\n    cap_drop: [ALL]\n  db:\n    image: y\n",
                "services:\n  app:\n    image: x\n  db:\n    image: y\n    cap_drop: [ALL]\n",
            ]
        );
        assert_eq!(
            fixed(&RULE, "docker run -d x"),
            ["docker run -d --cap-drop=ALL x"]
        );
    }

    #[test]
    fn the_capabilities_a_known_image_uses_are_added_back() {
        let text = "services:\n  web:\n    image: nginx:1.27\n";
        assert_eq!(
            fixed_in(&RULE, text, Profile::Cis),
            ["services:\n  web:\n    image: nginx:1.27\n    cap_drop: [ALL]\n    cap_add: [CHOWN, SETGID, SETUID]\n"]
        );
        // The restricted profile allows none of them back.
        assert_eq!(
            fixed_in(&RULE, text, Profile::Restricted),
            ["services:\n  web:\n    image: nginx:1.27\n    cap_drop: [ALL]\n"]
        );
        // What `cap_add` already gives back is not added twice.
        assert_eq!(
            fixed_in(&RULE, "docker run --cap-add SETUID nginx", Profile::Cis),
            ["docker run --cap-add CHOWN --cap-add SETGID --cap-add SETUID --cap-drop=ALL nginx"]
        );
    }
}
