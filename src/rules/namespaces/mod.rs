//! Namespaces rules: sharing the host's PID, IPC, UTS, user and cgroup namespaces,
//! and joining another container's.
//!
//! The host network namespace is the network family's (NET-001); the helpers here
//! serve both.

use super::{Checker, Finding, Rule};
use crate::diagnostic::Applicability;
use crate::model::{Container, NamespaceMode, Setting};

mod host_cgroupns;
mod host_ipc;
mod host_pid;
mod host_userns;
mod host_uts;
mod joined_namespace;

pub use host_cgroupns::HOST_CGROUPNS;
pub use host_ipc::HOST_IPC;
pub use host_pid::HOST_PID;
pub use host_userns::HOST_USERNS;
pub use host_uts::HOST_UTS;
pub use joined_namespace::JOINED_NAMESPACE;

pub static RULES: &[&Rule] = &[
    &HOST_PID,
    &HOST_IPC,
    &HOST_UTS,
    &HOST_USERNS,
    &HOST_CGROUPNS,
    &JOINED_NAMESPACE,
];

/// One namespace setting and how users write it.
#[derive(Clone, Copy)]
pub(crate) struct Kind {
    /// The Compose key (`pid`, `userns_mode`, `network_mode`, ...).
    pub key: &'static str,
    /// The run flag (`--pid`, `--userns`, `--network`, ...).
    pub flag: &'static str,
    /// What the namespace isolates, for messages ("PID", "network").
    pub noun: &'static str,
    pub get: fn(&Container) -> &Option<Setting<NamespaceMode>>,
}

pub(crate) const PID: Kind = Kind {
    key: "pid",
    flag: "--pid",
    noun: "PID",
    get: |c| &c.namespaces.pid,
};
pub(crate) const IPC: Kind = Kind {
    key: "ipc",
    flag: "--ipc",
    noun: "IPC",
    get: |c| &c.namespaces.ipc,
};
pub(crate) const UTS: Kind = Kind {
    key: "uts",
    flag: "--uts",
    noun: "UTS",
    get: |c| &c.namespaces.uts,
};
pub(crate) const USERNS: Kind = Kind {
    key: "userns_mode",
    flag: "--userns",
    noun: "user",
    get: |c| &c.namespaces.userns,
};
pub(crate) const CGROUP: Kind = Kind {
    key: "cgroup",
    flag: "--cgroupns",
    noun: "cgroup",
    get: |c| &c.namespaces.cgroup,
};
pub(crate) const NETWORK: Kind = Kind {
    key: "network_mode",
    flag: "--network",
    noun: "network",
    get: |c| &c.namespaces.network,
};

/// The namespace setting when it shares the host's namespace (`host`).
pub(crate) fn host_mode(
    setting: &Option<Setting<NamespaceMode>>,
) -> Option<&Setting<NamespaceMode>> {
    setting
        .as_ref()
        .filter(|s| s.get().is_some_and(NamespaceMode::is_host))
}

impl Kind {
    /// The host setting as this container's input spells it: `pid: host` / `--pid host`.
    pub(crate) fn host_spelling(&self, container: &Container) -> String {
        if container.is_compose() {
            format!("`{}: host`", self.key)
        } else {
            format!("`{} host`", self.flag)
        }
    }
}

/// How this container's input names another container to join.
pub(crate) fn join_spelling(container: &Container) -> &'static str {
    if container.is_compose() {
        "`service:NAME` or `container:NAME`"
    } else {
        "`container:NAME`"
    }
}

/// Reports the container's `host` setting of this namespace, if it has one, with a
/// fix that removes it so the container gets its own namespace again.
pub(crate) fn report_host<'k>(
    checker: &'k mut Checker,
    container: &Container,
    kind: Kind,
    message: &str,
) -> Option<&'k mut Finding> {
    let setting = host_mode((kind.get)(container))?;
    let title = format!("Remove {}", kind.host_spelling(container));
    let finding = checker.report(container, setting.span, message);
    finding.fix_by_removing(setting.span, title, Applicability::Unsafe);
    Some(finding)
}

#[cfg(test)]
mod tests {
    use super::{host_mode, HOST_IPC, HOST_PID, HOST_USERNS, HOST_UTS};
    use crate::config::Config;
    use crate::model::{NamespaceMode, Setting};
    use crate::rules::testing::diagnostics_with;
    use crate::span::Span;

    #[test]
    fn help_speaks_the_input_syntax() {
        let help = |rule, text: &str| {
            let diagnostics = diagnostics_with(rule, text, Config::default());
            diagnostics[0].help_markdown.clone().unwrap()
        };
        let compose = "services:\n  app:\n    image: nginx:1.27\n    pid: host\n";
        assert!(help(&HOST_PID, compose).starts_with("remove `pid: host`;"));
        assert!(help(&HOST_PID, compose).ends_with("(`service:NAME` or `container:NAME`)"));
        let run = "docker run --pid host nginx:1.27";
        assert!(help(&HOST_PID, run).starts_with("remove `--pid host`;"));
        assert!(help(&HOST_PID, run).ends_with("(`container:NAME`)"));
        assert!(
            help(&HOST_IPC, "docker run --ipc=host nginx:1.27").starts_with("remove `--ipc host`;")
        );
        assert!(help(&HOST_UTS, "docker run --uts host nginx:1.27").contains("set `--hostname`"));
        assert!(help(&HOST_USERNS, "docker run --userns host nginx:1.27")
            .starts_with("remove `--userns host`"));
    }

    #[test]
    fn only_a_known_host_value_is_host() {
        let setting = |mode: Option<NamespaceMode>| {
            Some(Setting {
                value: mode,
                raw: String::new(),
                span: Span::default(),
            })
        };
        assert!(host_mode(&setting(Some(NamespaceMode::Host))).is_some());
        assert!(host_mode(&setting(Some(NamespaceMode::Private))).is_none());
        assert!(host_mode(&setting(None)).is_none());
        assert!(host_mode(&None).is_none());
    }
}
