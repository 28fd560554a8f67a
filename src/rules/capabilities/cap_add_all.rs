use super::{effective, is_allowed, report_addition};
use crate::declare_rule;
use crate::knowledge::Risk;
use crate::model::caps::{self, Grant};
use crate::model::Container;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Flags containers that add every Linux capability at once with `cap_add: [ALL]` or `--cap-add=ALL`.
    ///
    /// ## Why is this bad?
    /// `ALL` hands the container the 27 capabilities Docker holds back by default,
    /// SYS_ADMIN, SYS_MODULE, SYS_PTRACE and DAC_READ_SEARCH among them, and Docker's
    /// seccomp profile follows the capabilities, so the system calls they guard open
    /// up too. What remains is close to privileged mode. `cap_drop: [ALL]` next to it
    /// does not help: when both lists say `ALL`, the addition wins.
    ///
    /// A privileged container already holds every capability and Docker ignores its
    /// `cap_add`; PRIV-001 reports that case, so this rule skips it. The rules for
    /// single capabilities (CAP-002 to CAP-007) leave capabilities granted through
    /// `ALL` to this rule, so one `ALL` is one finding.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   netdebug:
    ///     image: nicolaka/netshoot:v0.13
    ///     cap_drop: [ALL]
    ///     cap_add: [ALL]
    /// ```
    ///
    /// ```sh
    /// docker run --cap-add=ALL nicolaka/netshoot:v0.13
    /// ```
    ///
    /// ## Use instead
    /// Drop everything and add back only what the tool needs:
    /// ```yaml
    /// services:
    ///   netdebug:
    ///     image: nicolaka/netshoot:v0.13
    ///     cap_drop: [ALL]
    ///     cap_add: [NET_RAW]
    /// ```
    ///
    /// ```sh
    /// docker run --cap-drop=ALL --cap-add=NET_RAW nicolaka/netshoot:v0.13
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes `ALL` from `cap_add`. It is unsafe: the container falls back to
    /// whatever `cap_drop` leaves of Docker's default set, and a workload that relied
    /// on one of the extra capabilities fails until you add that one by name.
    ///
    /// ## When not to use it
    /// Almost never. Even debugging containers rarely need more than one or two named
    /// capabilities; if a tool truly needs everything, run it on a dedicated host and
    /// suppress the finding with a reason.
    ///
    /// ## References
    /// - CIS Docker Benchmark v1.6.0, 5.4 (5.3 in v1.5.0): Ensure that Linux kernel capabilities are restricted within containers
    /// - Kubernetes Pod Security Standards, baseline: Capabilities
    /// - KICS: Container Capabilities Unrestricted; semgrep: no equivalent rule
    /// - Docker docs: Runtime privilege and Linux capabilities (`docker run` reference)
    pub static CAP_ADD_ALL = {
        code: "CAP-001",
        name: "cap-add-all",
        family: Capabilities,
        severity: Critical,
        profiles: DBRC,
        fix: Always,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    let Some(caps) = effective(container) else {
        return;
    };
    if is_allowed(checker, "ALL") {
        return;
    }
    let Some(all) = caps
        .caps
        .iter()
        .find(|cap| cap.grant == Grant::AddedByAll)
        .and_then(|cap| cap.source)
    else {
        return;
    };
    let drop_all = container
        .cap_drop
        .iter()
        .find(|drop| drop.value.as_deref().map(caps::normalize).as_deref() == Some("ALL"));
    let critical: Vec<&str> = caps
        .caps
        .iter()
        .filter(|cap| caps::risk(cap.name).is_some_and(|risk| risk.risk == Risk::Critical))
        .map(|cap| cap.name)
        .collect();
    let mut message = String::from("adds ALL capabilities");
    if !critical.is_empty() {
        message.push_str(&format!(" ({} among them)", critical.join(", ")));
    }
    message.push_str(", close to privileged mode");
    if drop_all.is_some() {
        message.push_str("; dropping ALL does not cancel it, because ALL in cap_add wins");
    }
    let finding = report_addition(checker, container, all, message);
    finding.help(
        "drop ALL capabilities and add back by name only those the workload needs (usually none)",
    );
    if let Some(drop) = drop_all {
        finding.related(drop.span, "this `ALL` is overridden by the one in cap_add");
    }
}

#[cfg(test)]
mod tests {
    use super::CAP_ADD_ALL as RULE;
    use crate::rules::testing::assert_cases;

    #[test]
    fn cases() {
        assert_cases(
            &RULE,
            &[
                "services:\n  web:\n    image: nginx\n",
                "services:\n  web:\n    image: nginx\n    cap_drop: [ALL]\n    cap_add: [CHOWN]\n",
                "services:\n  web:\n    image: nginx\n    cap_add: [${CAPS}]\n",
                // Privileged: PRIV-001's finding, cap_add is ignored.
                "services:\n  web:\n    image: nginx\n    privileged: true\n    cap_add: [ALL]\n",
                "docker run --cap-drop=ALL nginx",
                "docker run --privileged --cap-add ALL nginx",
            ],
            &[
                (
                    "services:\n  web:\n    image: nginx\n    cap_add:\n      - ALL\n",
                    &[(5, 9)],
                ),
                (
                    "services:\n  web:\n    image: nginx\n    cap_add: [\"all\"]\n",
                    &[(4, 15)],
                ),
                (
                    "services:\n  web:\n    image: nginx\n    cap_drop: [ALL]\n    cap_add: [All]\n",
                    &[(5, 15)],
                ),
                (
                    "services:\n  web:\n    image: nginx\n    privileged: \"false\"\n    cap_add: [ALL]\n",
                    &[(5, 15)],
                ),
                ("docker run --cap-add=ALL nginx", &[(1, 22)]),
                ("docker run --cap-add all nginx", &[(1, 22)]),
                ("docker run --cap-drop ALL --cap-add=ALL nginx", &[(1, 37)]),
            ],
        );
    }
}
