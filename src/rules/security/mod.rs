//! Security-option rules: seccomp, AppArmor, SELinux labels, masked kernel paths
//! and `no-new-privileges`, all read from `security_opt` / `--security-opt`.
//!
//! The helpers below encode how the engine reads these options: the last entry of a
//! key wins, values are compared case-sensitively, booleans are Go's strict ones.

use super::Rule;
use crate::model::{Container, Origin, SecurityOpt};

mod apparmor_unconfined;
mod no_new_privileges_disabled;
mod no_new_privileges_missing;
mod remount_capable;
mod seccomp_unconfined;
mod security_opt_review;
mod selinux_custom_context;
mod selinux_disabled;
mod systempaths_unconfined;

pub use apparmor_unconfined::APPARMOR_UNCONFINED;
pub use no_new_privileges_disabled::NO_NEW_PRIVILEGES_DISABLED;
pub use no_new_privileges_missing::NO_NEW_PRIVILEGES_MISSING;
pub use remount_capable::REMOUNT_CAPABLE;
pub use seccomp_unconfined::SECCOMP_UNCONFINED;
pub use security_opt_review::SECURITY_OPT_REVIEW;
pub use selinux_custom_context::SELINUX_CUSTOM_CONTEXT;
pub use selinux_disabled::SELINUX_DISABLED;
pub use systempaths_unconfined::SYSTEMPATHS_UNCONFINED;
pub(crate) use systempaths_unconfined::{unmasked, Unmasked};

pub static RULES: &[&Rule] = &[
    &SECCOMP_UNCONFINED,
    &APPARMOR_UNCONFINED,
    &SELINUX_DISABLED,
    &SELINUX_CUSTOM_CONTEXT,
    &SYSTEMPATHS_UNCONFINED,
    &NO_NEW_PRIVILEGES_DISABLED,
    &REMOUNT_CAPABLE,
    &SECURITY_OPT_REVIEW,
    &NO_NEW_PRIVILEGES_MISSING,
];

/// Whether podman reads the options: it also knows `mask`, `unmask` and
/// `proc-opts`, and accepts `systempaths` with either separator.
fn is_podman(container: &Container) -> bool {
    matches!(&container.origin, Origin::Run { tool, .. } if tool == "podman")
}

/// The value of an entry whose text is fully known (`""` for a bare key such as
/// `no-new-privileges`); `None` when it depends on an unresolved variable.
pub(crate) fn known_value(opt: &SecurityOpt) -> Option<&str> {
    opt.entry.value.as_ref()?;
    Some(opt.value.as_deref().unwrap_or(""))
}

/// What the engine applies for a key whose last entry wins (`seccomp`, `apparmor`).
enum Applied<'a> {
    /// No entry: the engine default.
    Default,
    /// The last entry depends on an unresolved variable.
    Unknown,
    Value(&'a SecurityOpt, &'a str),
}

fn applied<'a>(container: &'a Container, key: &'a str) -> Applied<'a> {
    match container.security_opt(key) {
        None => Applied::Default,
        Some(opt) => match known_value(opt) {
            Some(value) => Applied::Value(opt, value),
            None => Applied::Unknown,
        },
    }
}

/// The last `seccomp` / `apparmor` entry when it is exactly `unconfined` (the engine
/// compares the value case-sensitively).
pub(crate) fn unconfined<'a>(container: &'a Container, key: &'a str) -> Option<&'a SecurityOpt> {
    match applied(container, key) {
        Applied::Value(opt, "unconfined") => Some(opt),
        _ => None,
    }
}

/// What the container's `no-new-privileges` setting amounts to.
enum NoNewPrivileges<'a> {
    /// No entry: only a daemon-wide default could set it.
    Missing,
    /// The last entry is unresolved or has a value the engine rejects.
    Unknown,
    Enabled,
    /// Explicitly `false`; the entry that says so.
    Disabled(&'a SecurityOpt),
}

fn no_new_privileges(container: &Container) -> NoNewPrivileges<'_> {
    // The last entry, refused ones included: a refused entry is its SYN-004 alone,
    // neither missing nor disabled.
    let written = container
        .security_opt
        .iter()
        .rev()
        .find(|opt| opt.key == "no-new-privileges");
    let Some(opt) = written else {
        return NoNewPrivileges::Missing;
    };
    if !opt.accepted {
        return NoNewPrivileges::Unknown;
    }
    match known_value(opt) {
        // A bare `no-new-privileges` means true.
        Some(_) if opt.separator.is_none() => NoNewPrivileges::Enabled,
        Some(_) => match opt.switch {
            Some(true) => NoNewPrivileges::Enabled,
            Some(false) => NoNewPrivileges::Disabled(opt),
            None => NoNewPrivileges::Unknown,
        },
        None => NoNewPrivileges::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use crate::analyze::{analyze, AnalyzeOptions};
    use crate::config::{Config, Profile};
    use crate::rules::{identity, operations, resources, sysctls};

    const DIGEST: &str = "sha256:0f04e4f646a3f14bf31d8bc8d885b6c951fdcf42589d06845f64d18aec6a3c4d";

    /// A hardened service raises nothing from the security-option, sysctl, resource,
    /// identity and operations families, in any profile.
    #[test]
    fn hardened_service_is_clean() {
        let compose = format!(
            "services:\n  api:\n    image: registry.example.com/api:3.2.1@{DIGEST}\n    user: \"10001:10001\"\n    read_only: true\n    cap_drop: [ALL]\n    security_opt:\n      - no-new-privileges=true\n    sysctls:\n      net.ipv4.ip_unprivileged_port_start: 0\n    mem_limit: 512m\n    cpus: 1.5\n    pids_limit: 200\n    restart: on-failure:5\n    healthcheck:\n      test: [\"CMD\", \"/app/healthcheck\"]\n    tmpfs:\n      - /tmp\n"
        );
        let run = format!(
            "docker run --read-only --cap-drop ALL --security-opt no-new-privileges --user 10001:10001 --memory 512m --cpus 1.5 --pids-limit 200 --restart on-failure:5 --health-cmd /app/healthcheck registry.example.com/api:3.2.1@{DIGEST}"
        );
        let families = [
            super::RULES,
            sysctls::RULES,
            resources::RULES,
            identity::RULES,
            operations::RULES,
        ]
        .concat();
        for text in [compose, run] {
            for profile in Profile::ALL {
                let options = AnalyzeOptions {
                    config: Config {
                        profile,
                        ..Config::default()
                    },
                    ..AnalyzeOptions::default()
                };
                let found: Vec<String> = analyze(&text, &options)
                    .diagnostics
                    .into_iter()
                    .filter(|d| families.iter().any(|rule| rule.code == d.code))
                    .map(|d| format!("{} {}", d.code, d.message))
                    .collect();
                assert!(found.is_empty(), "{profile:?} on {text}: {found:?}");
            }
        }
    }

    #[test]
    fn go_booleans_are_strict() {
        use crate::values::go_bool;
        for yes in ["1", "t", "T", "true", "TRUE", "True"] {
            assert_eq!(go_bool(yes), Some(true), "{yes}");
        }
        for no in ["0", "f", "F", "false", "FALSE", "False"] {
            assert_eq!(go_bool(no), Some(false), "{no}");
        }
        for neither in ["yes", "on", "tRUE", ""] {
            assert_eq!(go_bool(neither), None, "{neither}");
        }
    }
}
