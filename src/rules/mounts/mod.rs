//! Mounts and filesystems: what a container can reach on the host through its mounts.
//!
//! One table of sensitive host paths (`src/knowledge/host_paths.rs`) classifies the
//! source of every host bind (`src/model/binds.rs`) for the rules that judge it
//! (MNT-001 sockets, MNT-003 kernel filesystems, MNT-004 other sensitive
//! directories, MNT-010 the cgroup filesystem, MNT-013 SELinux relabelling, and the
//! catch-alls MNT-005/MNT-006);
//! the web report reads the same classification.

use super::{Checker, Finding, Rule};
use crate::config::RuleOptions;
use crate::knowledge::host_paths::{HostPath, PathKind, Relation, SensitivePath, CGROUP_FS};
pub(crate) use crate::model::binds::{host_binds, HostBind};
use crate::model::edit::Intent;
use crate::model::{Container, MountSyntax};
use crate::span::Span;

/// A one-service Compose file (service `web`, volumes list from line 5) for the rules' tests.
#[cfg(test)]
macro_rules! with_volumes {
    ($volumes:literal) => {
        concat!(
            "services:\n  web:\n    image: app\n    volumes:\n",
            $volumes
        )
    };
}

mod bind_not_read_only;
mod container_runtime_socket;
mod host_bind_mount;
mod host_environment;
mod kernel_filesystem_mount;
mod mount_option_ignored;
mod selinux_relabel_system_path;
mod sensitive_host_directory;
mod shared_mount_propagation;
mod use_api_socket;
mod volumes_from;
mod writable_cgroups;
mod writable_rootfs;

pub use bind_not_read_only::BIND_NOT_READ_ONLY;
pub use container_runtime_socket::CONTAINER_RUNTIME_SOCKET;
pub use host_bind_mount::HOST_BIND_MOUNT;
pub use host_environment::HOST_ENVIRONMENT;
pub use kernel_filesystem_mount::KERNEL_FILESYSTEM_MOUNT;
pub use mount_option_ignored::MOUNT_OPTION_IGNORED;
pub use selinux_relabel_system_path::SELINUX_RELABEL_SYSTEM_PATH;
pub use sensitive_host_directory::SENSITIVE_HOST_DIRECTORY;
pub use shared_mount_propagation::SHARED_MOUNT_PROPAGATION;
pub use use_api_socket::USE_API_SOCKET;
pub use volumes_from::VOLUMES_FROM;
pub use writable_cgroups::WRITABLE_CGROUPS;
pub use writable_rootfs::WRITABLE_ROOTFS;

pub static RULES: &[&Rule] = &[
    &CONTAINER_RUNTIME_SOCKET,
    &USE_API_SOCKET,
    &KERNEL_FILESYSTEM_MOUNT,
    &SENSITIVE_HOST_DIRECTORY,
    &HOST_BIND_MOUNT,
    &BIND_NOT_READ_ONLY,
    &SHARED_MOUNT_PROPAGATION,
    &WRITABLE_ROOTFS,
    &VOLUMES_FROM,
    &WRITABLE_CGROUPS,
    &MOUNT_OPTION_IGNORED,
    &HOST_ENVIRONMENT,
    &SELINUX_RELABEL_SYSTEM_PATH,
];

/// The rules' side of a host bind: where and how its findings are reported, and
/// the `allowedHostPaths` option.
impl HostBind<'_> {
    /// Where findings about the host path go: the path itself (for a secret or config,
    /// its top-level `file:`), or for a volume defined with `driver_opts` the
    /// service's reference to that volume.
    pub fn span(&self) -> Span {
        match self.mount.syntax {
            MountSyntax::VolumeDriverBind { .. } => self.mount.span,
            _ => self.source.span,
        }
    }

    /// Whether `checker.options.allowedHostPaths` accepts this path.
    pub fn is_allowed(&self, options: &RuleOptions) -> bool {
        self.path.as_ref().is_some_and(|path| {
            options
                .allowed_host_paths
                .iter()
                .any(|allowed| path.starts_with(&HostPath::parse(allowed)))
        })
    }

    /// "the host's /etc", or "the host's /etc (through volume `etc`)", as the user wrote it.
    pub fn described(&self) -> String {
        match &self.mount.syntax {
            MountSyntax::VolumeDriverBind { volume } => match &self.mount.subpath {
                Some(subpath) => format!(
                    "the host's {}/{} (through volume `{volume}`, subpath `{}`)",
                    self.source.raw.trim_end_matches('/'),
                    subpath.raw.trim_start_matches("./"),
                    subpath.raw
                ),
                None => format!("the host's {} (through volume `{volume}`)", self.source.raw),
            },
            MountSyntax::FileObject { kind, name } => {
                format!(
                    "the host's {} (as {} `{name}`)",
                    self.source.raw,
                    kind.word()
                )
            }
            MountSyntax::Rootfs => format!(
                "the host's {} as the container's root filesystem (`--rootfs`)",
                self.source.raw
            ),
            _ => format!("the host's {}", self.source.raw),
        }
    }

    /// Reports a finding at this bind; for a volume defined with `driver_opts`, it also
    /// points at the option that binds the host path, and for a secret or config at
    /// the service's entry that receives it.
    pub fn report<'c>(
        &self,
        checker: &'c mut Checker,
        container: &Container,
        message: impl Into<String>,
    ) -> &'c mut Finding {
        let finding = checker.report(container, self.span(), message);
        match &self.mount.syntax {
            MountSyntax::VolumeDriverBind { volume } => {
                finding.related(
                    self.source.span,
                    format!("volume `{volume}` binds {} here", self.source.raw),
                );
                if let Some(subpath) = &self.mount.subpath {
                    finding.related(
                        subpath.span,
                        format!("the mount takes its subpath `{}` here", subpath.raw),
                    );
                }
            }
            MountSyntax::FileObject { kind, name } => {
                finding.related(
                    self.mount.span,
                    format!("the service receives {} `{name}` here", kind.word()),
                );
            }
            _ => {}
        }
        finding
    }

    /// The standard message of the host-path rules: what is mounted, how, and why it matters.
    pub fn message(&self, sensitive: &SensitivePath) -> String {
        let mode = if self.mount.is_read_only() {
            "read-only"
        } else {
            "read-write"
        };
        let relation = match &self.path {
            Some(path) => sensitive.relation_phrase(path),
            None => String::new(),
        };
        format!(
            "mounts {} {mode}{relation}: {}",
            self.described(),
            sensitive.reason
        )
    }
}

/// Whether a bind makes the host's cgroup filesystem writable (MNT-010's, not MNT-003's).
pub(crate) fn is_writable_cgroup_bind(bind: &HostBind, sensitive: &SensitivePath) -> bool {
    sensitive.matched == CGROUP_FS
        && sensitive.relation != Relation::Contains
        && !bind.mount.is_read_only()
}

/// The host binds whose path is sensitive in this `kind`, with their classification,
/// leaving out those the configuration's `allowedHostPaths` accepts.
pub(crate) fn sensitive_binds<'c>(
    container: &'c Container,
    kind: PathKind,
    options: &'c RuleOptions,
) -> impl Iterator<Item = (HostBind<'c>, SensitivePath)> {
    host_binds(container).filter_map(move |bind| {
        let sensitive = bind.sensitive().filter(|s| s.kind == kind)?;
        (!bind.is_allowed(options)).then_some((bind, sensitive))
    })
}

/// The fix that makes `container.mounts[index]` read-only: an explicit `rw`,
/// `readonly=false` or `read_only: false` flipped, otherwise `ro` added in the
/// mount's own syntax.
pub(crate) fn read_only_intent(container: &Container, index: usize) -> Intent {
    let mount = &container.mounts[index];
    match mount.read_only.as_ref().filter(|s| s.is_false()) {
        Some(setting) => Intent::Replace {
            at: setting.span,
            with: if setting.raw == "rw" { "ro" } else { "true" }.to_string(),
        },
        None => Intent::MountReadOnly { mount: index },
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_hardened_service_raises_no_mount_or_device_finding() {
        use crate::analyze::{analyze, AnalyzeOptions};
        use crate::config::{Config, Profile};
        let text = "services:\n  api:\n    image: ghcr.io/example/api:1.4.2\n    user: \"10001:10001\"\n    read_only: true\n    cap_drop: [ALL]\n    security_opt:\n      - no-new-privileges:true\n    tmpfs:\n      - /tmp\n    volumes:\n      - api-data:/data\n      - type: volume\n        source: api-cache\n        target: /cache\nvolumes:\n  api-data:\n  api-cache:\n";
        for profile in [Profile::Default, Profile::Restricted, Profile::Cis] {
            let options = AnalyzeOptions {
                config: Config {
                    profile,
                    ..Config::default()
                },
                ..AnalyzeOptions::default()
            };
            let analysis = analyze(text, &options);
            assert_eq!(analysis.containers.len(), 1);
            let ours: Vec<_> = analysis
                .diagnostics
                .iter()
                .filter(|d| d.code.starts_with("MNT-") || d.code.starts_with("DEV-"))
                .map(|d| &d.code)
                .collect();
            assert!(ours.is_empty(), "{profile:?}: {ours:?}");
        }
    }
}
