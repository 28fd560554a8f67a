//! The mounts that bind a host path, read as the engine reads their source.

use super::{Container, Mount, MountKind, MountSyntax, Setting};
use crate::knowledge::host_paths::{expand_prefix, HostPath, SensitivePath};

/// A mount that binds a host path: a bind mount, or a named volume whose driver
/// options bind one. The engine's own socket (`use_api_socket`) is left out: it is
/// judged on its own.
pub struct HostBind<'a> {
    pub mount: &'a Mount,
    /// The mount's place in `container.mounts`, for fixes that name it.
    pub index: usize,
    pub source: &'a Setting<String>,
    /// `None` while the path depends on an unresolved variable.
    pub path: Option<HostPath>,
}

impl HostBind<'_> {
    /// The classification of the path, unless the bind exposes nothing (a read-only
    /// bind of a public file such as `/etc/localtime`).
    pub fn sensitive(&self) -> Option<SensitivePath> {
        let sensitive = self.path.as_ref()?.sensitive()?;
        sensitive
            .is_harmful(self.mount.is_read_only())
            .then_some(sensitive)
    }
}

/// Host paths parsed from a setting: the value when known; otherwise the raw text when
/// its only unknown is `$HOME` or `$XDG_RUNTIME_DIR`, which still say what kind of
/// directory it is.
fn host_path(source: &Setting<String>) -> Option<HostPath> {
    match &source.value {
        Some(value) => Some(HostPath::parse(value)),
        None => {
            let (_, rest) = expand_prefix(&source.raw)?;
            (!rest.contains('$')).then(|| HostPath::parse(&source.raw))
        }
    }
}

/// Every host bind of the container, in order.
pub fn host_binds(container: &Container) -> impl Iterator<Item = HostBind<'_>> {
    container
        .mounts
        .iter()
        .enumerate()
        .filter_map(|(index, mount)| {
            let binds = mount.kind == MountKind::Bind
                || matches!(mount.syntax, MountSyntax::VolumeDriverBind { .. });
            let source = mount.source.as_ref().filter(|_| binds)?;
            if mount.syntax == MountSyntax::ApiSocket {
                return None;
            }
            let path = match (&mount.syntax, &mount.subpath) {
                // The directory of the volume that is mounted: the device's, below it.
                (MountSyntax::VolumeDriverBind { .. }, Some(subpath)) => subpath
                    .get()
                    .and_then(|subpath| Some(host_path(source)?.join(subpath))),
                _ => host_path(source),
            };
            Some(HostBind {
                mount,
                index,
                source,
                path,
            })
        })
}
