//! The preconditions techniques are made of, evaluated over one container's
//! effective settings with Docker's semantics (catalog §1): the capability
//! arithmetic, what `privileged` undoes, the masked and read-only kernel paths,
//! AppArmor's `docker-default` profile, the device allow-list.
//!
//! A precondition holds when at least one [`Enabler`] is present: a setting the user
//! wrote (with its span), or an engine default the user left alone (Docker's default
//! capabilities). Removing every enabler of a precondition makes it false; that is
//! what the minimal fixes are computed from.

use crate::knowledge::devices::DeviceClass;
use crate::knowledge::host_paths::{HostPath, PathKind};
use crate::knowledge::Risk;
use crate::model::binds::{host_binds, HostBind};
use crate::model::caps::{self, EffectiveCaps};
use crate::model::{Container, NamespaceMode, Setting};
use crate::rules::devices::reached_by;
use crate::rules::security::{known_value, unconfined, unmasked, Unmasked};
use crate::span::Span;
use std::collections::HashSet;

/// One fact a technique needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Condition {
    /// The container's processes hold this capability (canonical name).
    Capability(&'static str),
    /// They hold at least one of these capabilities.
    AnyCapability(&'static [&'static str]),
    /// The host's mandatory access control (AppArmor's `docker-default` profile, or
    /// SELinux's `container_t`) may not confine the container: its bans on mount, on
    /// writes to `/proc` and `/sys`, on ptrace and signals to other programs are gone.
    LsmOff,
    /// `/proc/sys`, `/proc/sysrq-trigger` and the other read-only paths are writable
    /// and the masked ones visible.
    KernelPathsUnmasked,
    /// The container shares this host namespace.
    HostNamespace(Namespace),
    /// A container engine's API socket is reachable.
    RuntimeSocket,
    /// A sensitive host directory (`/`, `/etc`, `/root`, ...) is bound read-write.
    WritableHostDirectory,
    /// A sensitive host directory with secrets is bound read-only.
    ReadableHostSecrets,
    /// The host's `/proc` or `/sys` (or a part of them) is bound read-write.
    WritableKernelFilesystem,
    /// A host disk or the host's memory is mapped as a device.
    HostDiskDevice,
    /// A device cgroup rule allows opening host disks or memory, once a node exists.
    DiskDeviceRule,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Namespace {
    Pid,
    Ipc,
    Network,
    User,
}

impl Namespace {
    fn setting(self, container: &Container) -> Option<&Setting<NamespaceMode>> {
        let namespaces = &container.namespaces;
        match self {
            Namespace::Pid => namespaces.pid.as_ref(),
            Namespace::Ipc => namespaces.ipc.as_ref(),
            Namespace::Network => namespaces.network.as_ref(),
            Namespace::User => namespaces.userns.as_ref(),
        }
    }

    fn key(self, container: &Container) -> &'static str {
        match (self, container.is_compose()) {
            (Namespace::Pid, true) => "pid",
            (Namespace::Ipc, true) => "ipc",
            (Namespace::Network, true) => "network_mode",
            (Namespace::User, true) => "userns_mode",
            (Namespace::Pid, false) => "--pid",
            (Namespace::Ipc, false) => "--ipc",
            (Namespace::Network, false) => "--network",
            (Namespace::User, false) => "--userns",
        }
    }
}

/// The change that takes one enabler away.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Change {
    /// Remove the setting written at this span.
    Remove(Span),
    /// Add this capability, which Docker grants by default, to `cap_drop`.
    DropCapability(&'static str),
}

/// A setting (or default) that makes a precondition hold.
#[derive(Clone, Debug, PartialEq)]
pub struct Enabler {
    /// What it contributes, in words: "`cap_add: SYS_ADMIN` grants CAP_SYS_ADMIN".
    pub description: String,
    /// Where it is written; `None` for an engine default nothing in the text says.
    pub span: Option<Span>,
    pub change: Change,
    /// The change in words: "remove `privileged: true`", "drop NET_RAW".
    pub change_title: String,
}

impl Enabler {
    fn written(span: Span, description: String, change_title: String) -> Enabler {
        Enabler {
            description,
            span: Some(span),
            change: Change::Remove(span),
            change_title,
        }
    }

    /// A mount: shown at its host path, removed as a whole entry.
    fn mount(bind: &HostBind, description: String) -> Enabler {
        Enabler {
            description,
            span: Some(bind.span()),
            change: Change::Remove(bind.mount.span),
            change_title: format!("remove the mount of `{}`", bind.source.raw),
        }
    }
}

/// `key: value` in Compose, `--flag=value` in a run command, for messages.
fn spelled(container: &Container, key: &str, flag: &str, value: &str) -> String {
    if container.is_compose() {
        format!("`{key}: {value}`")
    } else if value == "true" {
        format!("`{flag}`")
    } else {
        format!("`{flag}={value}`")
    }
}

fn privileged_enabler(container: &Container, what: &str) -> Option<Enabler> {
    let setting = container.privileged.as_ref().filter(|s| s.is_true())?;
    let written = spelled(container, "privileged", "--privileged", "true");
    Some(Enabler::written(
        setting.span,
        format!("{written} {what}"),
        format!("remove {written}"),
    ))
}

impl Condition {
    /// Every enabler present in the container (`effective` is its capability set);
    /// empty when the precondition does not hold.
    pub fn enablers(self, container: &Container, effective: &EffectiveCaps) -> Vec<Enabler> {
        match self {
            Condition::Capability(name) => capability(container, effective, name),
            Condition::AnyCapability(names) => {
                // A set of the changes seen: a list of thousands of entries stays linear.
                let mut seen = HashSet::new();
                names
                    .iter()
                    .flat_map(|name| capability(container, effective, name))
                    .filter(|enabler| seen.insert(enabler.change.clone()))
                    .collect()
            }
            Condition::LsmOff => lsm_off(container),
            Condition::KernelPathsUnmasked => kernel_paths_unmasked(container),
            Condition::HostNamespace(namespace) => host_namespace(container, namespace),
            Condition::RuntimeSocket => runtime_socket(container),
            Condition::WritableHostDirectory => host_directory_binds(container, false),
            Condition::ReadableHostSecrets => host_directory_binds(container, true),
            Condition::WritableKernelFilesystem => kernel_filesystem_binds(container),
            Condition::HostDiskDevice => disk_devices(container),
            Condition::DiskDeviceRule => disk_device_rules(container),
        }
    }
}

/// Who grants a capability: privileged mode, every `cap_add` entry that names it or
/// `ALL`, and Docker's default set when nothing drops it.
fn capability(
    container: &Container,
    effective: &EffectiveCaps,
    name: &'static str,
) -> Vec<Enabler> {
    if !effective.contains(name) {
        return Vec::new();
    }
    let mut enablers: Vec<Enabler> = privileged_enabler(
        container,
        &format!("grants every capability, CAP_{name} included"),
    )
    .into_iter()
    .collect();
    let lists = |list: &[Setting<String>], cap: &str| {
        list.iter().any(|s| {
            s.value
                .as_deref()
                .is_some_and(|v| caps::normalize(v) == cap)
        })
    };
    for entry in &container.cap_add {
        let Some(value) = entry.value.as_deref() else {
            continue;
        };
        let normalized = caps::normalize(value);
        // `ALL` grants everything `cap_drop` does not name; a named entry beats a drop.
        let grants =
            normalized == name || (normalized == "ALL" && !lists(&container.cap_drop, name));
        if grants {
            let written = if container.is_compose() {
                format!("`cap_add: {}`", entry.raw)
            } else {
                format!("`--cap-add={}`", entry.raw)
            };
            enablers.push(Enabler::written(
                entry.span,
                format!("{written} grants CAP_{name}"),
                format!("remove {written}"),
            ));
        }
    }
    let engine = container.engine();
    if caps::is_default(engine, name)
        && !lists(&container.cap_drop, name)
        && !lists(&container.cap_drop, "ALL")
    {
        enablers.push(Enabler {
            description: format!(
                "{}'s default capability set keeps CAP_{name}",
                engine.display_name()
            ),
            span: None,
            change: Change::DropCapability(name),
            change_title: format!("drop {name} (`cap_drop`)"),
        });
    }
    enablers
}

/// Whether the host's mandatory access control may be off. shipshape cannot see
/// whether the host runs AppArmor (Debian, Ubuntu, SUSE) or SELinux (Fedora, RHEL),
/// so either one off counts: `apparmor=unconfined` as the last AppArmor option,
/// `label=disable` or `label=type:spc_t`, privileged mode (no SELinux labelling, and
/// no AppArmor unless a profile is named), and `pid: host` or `ipc: host`, which
/// silently turn SELinux labelling off too (catalog §1.3).
fn lsm_off(container: &Container) -> Vec<Enabler> {
    let mut enablers: Vec<Enabler> = Vec::new();
    let mut option = |opt: &crate::model::SecurityOpt, what: &str| {
        let written = format!("`{}`", opt.entry.raw.trim());
        enablers.push(Enabler::written(
            opt.entry.span,
            format!("{written} {what}"),
            format!("remove {written}"),
        ));
    };
    if let Some(opt) = unconfined(container, "apparmor") {
        option(opt, "turns AppArmor's docker-default profile off");
    }
    for opt in container.security_opts("label") {
        if matches!(known_value(opt), Some("disable" | "type:spc_t")) {
            option(opt, "turns SELinux separation off");
        }
    }
    enablers.extend(privileged_enabler(
        container,
        "turns SELinux labelling off, and AppArmor unless a profile is named",
    ));
    for namespace in [Namespace::Pid, Namespace::Ipc] {
        if let Some((span, written)) = host_namespace_setting(container, namespace) {
            enablers.push(Enabler::written(
                span,
                format!("{written} also turns SELinux labelling off"),
                format!("remove {written}"),
            ));
        }
    }
    enablers
}

/// Privileged mode clears the masked and read-only path lists, and so does
/// `systempaths=unconfined`.
fn kernel_paths_unmasked(container: &Container) -> Vec<Enabler> {
    let mut enablers: Vec<Enabler> = privileged_enabler(
        container,
        "clears the masked and read-only paths: /proc/sys and /proc/sysrq-trigger become writable",
    )
    .into_iter()
    .collect();
    for opt in container.accepted_security_opts() {
        if let Some(Unmasked::All) = unmasked(container, opt) {
            let written = format!("`{}`", opt.entry.raw.trim());
            enablers.push(Enabler::written(
                opt.entry.span,
                format!("{written} makes /proc/sys and /proc/sysrq-trigger writable"),
                format!("remove {written}"),
            ));
        }
    }
    enablers
}

/// The span and spelling of a namespace setting that shares the host's namespace.
fn host_namespace_setting(container: &Container, namespace: Namespace) -> Option<(Span, String)> {
    let setting = namespace
        .setting(container)
        .filter(|s| s.value == Some(NamespaceMode::Host))?;
    let key = namespace.key(container);
    Some((setting.span, spelled(container, key, key, &setting.raw)))
}

fn host_namespace(container: &Container, namespace: Namespace) -> Vec<Enabler> {
    let what = match namespace {
        Namespace::Pid => "shares the host's process table",
        Namespace::Ipc => "shares the host's shared memory and message queues",
        Namespace::Network => "shares the host's network interfaces",
        Namespace::User => "keeps root in the container the host's root",
    };
    host_namespace_setting(container, namespace)
        .map(|(span, written)| {
            Enabler::written(
                span,
                format!("{written} {what}"),
                format!("remove {written}"),
            )
        })
        .into_iter()
        .collect()
}

fn runtime_socket(container: &Container) -> Vec<Enabler> {
    let mut enablers: Vec<Enabler> = host_binds(container)
        .filter(|bind| {
            bind.sensitive()
                .is_some_and(|s| s.kind == PathKind::RuntimeSocket)
        })
        .map(|bind| {
            let description = format!("the mount of {} reaches the engine's API", bind.described());
            Enabler::mount(&bind, description)
        })
        .collect();
    if let Some(setting) = container.use_api_socket.as_ref().filter(|s| s.is_true()) {
        let written = spelled(container, "use_api_socket", "--use-api-socket", "true");
        enablers.push(Enabler::written(
            setting.span,
            format!("{written} mounts the engine's API socket"),
            format!("remove {written}"),
        ));
    }
    enablers
}

/// Read-write binds of sensitive host directories (`read_only == false`), or
/// read-only binds of directories whose mere reading is serious (`read_only == true`).
fn host_directory_binds(container: &Container, read_only: bool) -> Vec<Enabler> {
    host_binds(container)
        .filter(|bind| bind.mount.is_read_only() == read_only)
        .filter(|bind| {
            bind.sensitive().is_some_and(|s| {
                s.kind == PathKind::HostDirectory && s.risk(read_only) >= Risk::High
            })
        })
        .map(|bind| {
            let mode = if read_only { "read-only" } else { "read-write" };
            Enabler::mount(&bind, format!("mounts {} {mode}", bind.described()))
        })
        .collect()
}

fn kernel_filesystem_binds(container: &Container) -> Vec<Enabler> {
    host_binds(container)
        .filter(|bind| !bind.mount.is_read_only())
        .filter(|bind| {
            bind.sensitive().is_some_and(|s| {
                s.kind == PathKind::KernelFilesystem
                    && (s.matched.starts_with("/proc") || s.matched.starts_with("/sys"))
            })
        })
        .map(|bind| Enabler::mount(&bind, format!("mounts {} read-write", bind.described())))
        .collect()
}

/// Disks, partitions and the memory devices: what gives every host file or the
/// running kernel.
fn reaches_disks(class: DeviceClass) -> bool {
    matches!(
        class,
        DeviceClass::Everything | DeviceClass::AllDisks | DeviceClass::Disk | DeviceClass::Memory
    )
}

/// Read or write access (`m` alone only creates nodes); `None` means `rwm`.
fn opens(permissions: Option<&Setting<String>>) -> bool {
    permissions
        .and_then(Setting::get)
        .is_none_or(|p| p.contains('r') || p.contains('w'))
}

fn disk_devices(container: &Container) -> Vec<Enabler> {
    let mut enablers: Vec<Enabler> = privileged_enabler(
        container,
        "creates every host device in the container and allows them all",
    )
    .into_iter()
    .collect();
    for device in &container.devices {
        let Some(path) = device.host_path.get() else {
            continue;
        };
        let class = DeviceClass::of_path(&HostPath::parse(path).to_string());
        if reaches_disks(class) && opens(device.permissions.as_ref()) {
            enablers.push(Enabler {
                description: format!("maps the host's {path} into the container"),
                span: Some(device.host_path.span),
                change: Change::Remove(device.span),
                change_title: format!("remove the device `{}`", device.host_path.raw),
            });
        }
    }
    enablers
}

fn disk_device_rules(container: &Container) -> Vec<Enabler> {
    container
        .device_cgroup_rules
        .iter()
        .filter(|rule| {
            rule.value.as_deref().is_some_and(|text| {
                let access = text.split_whitespace().nth(2).unwrap_or("rwm");
                reaches_disks(reached_by(text)) && (access.contains('r') || access.contains('w'))
            })
        })
        .map(|rule| {
            let written = format!("`{}`", rule.raw.trim());
            Enabler::written(
                rule.span,
                format!("the device cgroup rule {written} allows host disks or memory"),
                format!("remove the device cgroup rule {written}"),
            )
        })
        .collect()
}
