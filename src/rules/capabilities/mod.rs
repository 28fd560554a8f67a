//! Capabilities rules.
//!
//! Every rule here reads the *effective* capability set ([`EffectiveCaps`]), the
//! one Docker computes, not the raw `cap_add` / `cap_drop` lists. Two grants are
//! left to other rules so that one cause yields one finding:
//!
//! - a privileged container gets every capability and Docker ignores both lists;
//!   PRIV-001 reports that, and no rule here looks at privileged containers;
//! - `cap_add: ALL` grants every capability at once; CAP-001 reports it, and the
//!   per-capability rules only report capabilities that are added by name.

use super::{Checker, Finding, Rule};
use crate::diagnostic::Applicability;
use crate::model::caps::{self, EffectiveCaps, Grant};
use crate::model::edit::{Intent, List};
use crate::model::{Container, Setting};

mod cap_add_all;
mod cap_add_kernel_access;
mod cap_add_net_admin;
mod cap_add_other_non_default;
mod cap_add_sys_admin;
mod cap_add_sys_module;
mod cap_add_sys_ptrace;
mod cap_config_inconsistent;
mod cap_drop_all_missing;
mod net_raw_retained;

pub use cap_add_all::CAP_ADD_ALL;
pub use cap_add_kernel_access::CAP_ADD_KERNEL_ACCESS;
pub use cap_add_net_admin::CAP_ADD_NET_ADMIN;
pub use cap_add_other_non_default::CAP_ADD_OTHER_NON_DEFAULT;
pub use cap_add_sys_admin::CAP_ADD_SYS_ADMIN;
pub use cap_add_sys_module::CAP_ADD_SYS_MODULE;
pub use cap_add_sys_ptrace::CAP_ADD_SYS_PTRACE;
pub use cap_config_inconsistent::CAP_CONFIG_INCONSISTENT;
pub use cap_drop_all_missing::CAP_DROP_ALL_MISSING;
pub use net_raw_retained::NET_RAW_RETAINED;

pub static RULES: &[&Rule] = &[
    &CAP_ADD_ALL,
    &CAP_ADD_SYS_ADMIN,
    &CAP_ADD_SYS_MODULE,
    &CAP_ADD_NET_ADMIN,
    &CAP_ADD_KERNEL_ACCESS,
    &CAP_ADD_SYS_PTRACE,
    &CAP_ADD_OTHER_NON_DEFAULT,
    &CAP_DROP_ALL_MISSING,
    &NET_RAW_RETAINED,
    &CAP_CONFIG_INCONSISTENT,
];

/// Capabilities that expose kernel memory or host files directly (CAP-005).
const KERNEL_ACCESS: [&str; 5] = ["DAC_READ_SEARCH", "SYS_RAWIO", "BPF", "PERFMON", "SYSLOG"];

/// Non-default capabilities with a rule of their own; CAP-007 reports the others.
fn has_own_rule(name: &str) -> bool {
    ["SYS_ADMIN", "SYS_MODULE", "NET_ADMIN", "SYS_PTRACE"].contains(&name)
        || KERNEL_ACCESS.contains(&name)
}

/// The effective set, or `None` for a privileged container (PRIV-001's finding).
fn effective(container: &Container) -> Option<EffectiveCaps<'_>> {
    (!container.is_privileged()).then(|| EffectiveCaps::of(container))
}

/// Whether the `allowedCapabilities` option accepts this capability.
fn is_allowed(checker: &Checker, name: &str) -> bool {
    checker
        .options
        .allowed_capabilities
        .iter()
        .any(|allowed| caps::normalize(allowed) == name)
}

/// Capabilities of the set that `cap_add` names explicitly (not through `ALL`) and
/// that the configuration does not accept, with the entry that adds each.
fn named_additions<'a>(
    caps: &EffectiveCaps<'a>,
    checker: &Checker,
) -> Vec<(&'static str, &'a Setting<String>)> {
    caps.caps
        .iter()
        .filter_map(|cap| match (cap.grant, cap.source) {
            (Grant::Added, Some(source)) if !is_allowed(checker, cap.name) => {
                Some((cap.name, source))
            }
            _ => None,
        })
        .collect()
}

/// The `cap_add` entry that adds `name` explicitly, if the rule should report it.
fn named_addition<'a>(
    container: &'a Container,
    checker: &Checker,
    name: &str,
) -> Option<&'a Setting<String>> {
    let caps = effective(container)?;
    named_additions(&caps, checker)
        .into_iter()
        .find(|(added, _)| *added == name)
        .map(|(_, source)| source)
}

/// Reports default capabilities the container keeps, at its first `cap_drop` entry
/// (where a missing setting is reported when it has none), offering to drop `drop`
/// (`ALL` or one name) and to add back `add_back`.
fn report_kept<'k>(
    checker: &'k mut Checker,
    container: &Container,
    drop: &str,
    add_back: Vec<String>,
    message: String,
) -> &'k mut Finding {
    let span = match container.cap_drop.first() {
        Some(first) => first.span,
        None => checker.missing_span(container),
    };
    let mut title = format!("Drop {drop}");
    let mut intents = vec![Intent::AddItems {
        list: List::CapDrop,
        values: vec![drop.to_string()],
    }];
    if !add_back.is_empty() {
        title = format!("{title}, add back {}", add_back.join(", "));
        intents.push(Intent::AddItems {
            list: List::CapAdd,
            values: add_back,
        });
    }
    checker
        .report(container, span, message)
        .fix(title, Applicability::Unsafe, intents)
}

/// Reports the explicit `cap_add` entry for `name`, if there is one to report.
fn report_named<'k>(
    checker: &'k mut Checker,
    container: &Container,
    name: &str,
    message: &str,
) -> Option<&'k mut Finding> {
    let source = named_addition(container, checker, name)?;
    Some(report_addition(
        checker,
        container,
        source,
        message.to_string(),
    ))
}

/// Reports the `cap_add` entry at `source`, offering to remove it.
fn report_addition<'k>(
    checker: &'k mut Checker,
    container: &Container,
    source: &Setting<String>,
    message: String,
) -> &'k mut Finding {
    let title = if container.is_compose() {
        format!("Remove `{}` from `cap_add`", source.raw)
    } else {
        format!("Remove `--cap-add {}`", source.raw)
    };
    checker
        .report(container, source.span, message)
        .fix_by_removing(source.span, title, Applicability::Unsafe)
}

#[cfg(test)]
mod tests {
    use crate::analyze::{analyze, AnalyzeOptions};
    use crate::config::{Config, Profile};

    /// Codes of the capability, privilege, namespace and network rules raised on
    /// `text` with all of them selected under `profile`.
    fn isolation_findings(text: &str, profile: Profile) -> Vec<String> {
        let options = AnalyzeOptions {
            config: Config {
                profile,
                select: ["PRIV", "CAP", "NS", "NET"].map(String::from).to_vec(),
                ..Config::default()
            },
            ..AnalyzeOptions::default()
        };
        analyze(text, &options)
            .diagnostics
            .into_iter()
            .map(|d| d.code)
            .filter(|code| {
                ["PRIV-", "CAP-", "NS-", "NET-"]
                    .iter()
                    .any(|p| code.starts_with(p))
            })
            .collect()
    }

    #[test]
    fn hardened_service_raises_nothing() {
        let compose = "services:
  api:
    image: example/api:1.4
    user: \"10001:10001\"
    read_only: true
    cap_drop: [ALL]
    security_opt:
      - no-new-privileges:true
    networks: [backend]
networks:
  backend: {}
";
        let run = "docker run --user 10001:10001 --read-only --cap-drop=ALL \
--security-opt no-new-privileges --network backend example/api:1.4";
        for profile in Profile::ALL {
            assert_eq!(isolation_findings(compose, profile), Vec::<String>::new());
            assert_eq!(isolation_findings(run, profile), Vec::<String>::new());
        }
    }
}
