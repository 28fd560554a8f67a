//! One Compose service → one [`Container`].
//!
//! Every value is interpolated first (values only, never keys), then parsed with the
//! shared value parsers. Compose accepts strings for booleans and numbers
//! (`privileged: "true"`, `cpus: '0.5'`), so every scalar is read as text. A value of
//! the wrong shape is reported as SYN-004 where it is written and left out.

use crate::compose::interpolate::interpolate;
use crate::compose::yaml::{Entry, Node, NodeKind};
use crate::knowledge::compose_keys::SERVICE_KEYS;
use crate::knowledge::engines::Engine;
use crate::model::Environment;
use crate::model::{
    Build, Container, Device, ExtraHost, FileObject, Healthcheck, Mount, MountKind, MountSyntax,
    Origin, Port, Relabel, RestartPolicy, Setting, Sysctl, Ulimit,
};
use crate::model::{ComposeLayout, Hook, InputCode, InputProblem, Layout};
use crate::span::Span;
use crate::values::{self, NamespaceKind, NamespaceReader, SpannedText, ValueError};
use std::collections::{BTreeMap, BTreeSet};

/// A service as written in one place, before `extends` and later documents apply.
#[derive(Debug)]
pub struct Service {
    pub container: Container,
    /// `extends` of a service in the same file: the base service's name.
    pub extends: Option<Setting<String>>,
    /// `extends: {file, service}`: the file's path and the base service's name.
    pub extends_file: Option<(Setting<String>, Setting<String>)>,
    /// Keys tagged `!reset` or `!override`: they replace, rather than merge with,
    /// what an earlier document or a base service set.
    pub replaced: BTreeSet<String>,
}

/// Named top-level objects that stand for a host path, name → the path as written.
pub type HostPaths = BTreeMap<String, Setting<String>>;

/// What the top-level keys define that a service's mounts refer to by name.
#[derive(Default)]
pub struct TopLevel {
    /// Named volumes whose `driver_opts` bind a host directory (`o: bind`,
    /// `device: /srv/data`).
    pub driver_binds: HostPaths,
    /// Secrets and configs defined by a host file (`file: ./db.txt`), which Compose
    /// binds read-only into the services that name them.
    pub secret_files: HostPaths,
    pub config_files: HostPaths,
}

/// The state shared by the services of one file.
pub struct Lowering<'a> {
    pub text: &'a str,
    pub env: &'a Environment,
    pub top_level: &'a TopLevel,
    pub problems: &'a mut Vec<InputProblem>,
}

/// A whole value as a setting, spanning its quotes too (a fix replaces them).
fn whole(text: &SpannedText) -> Setting<String> {
    Setting {
        span: text.span(),
        ..text.setting()
    }
}

/// The wrong-type message for a key: "`cap_add` must be a list, not a mapping".
fn wrong_shape(key: &str, expected: &str, node: &Node) -> String {
    format!("`{key}` must be {expected}, not {}", node.kind_name())
}

/// The outermost nodes of `node` written outside `own`: values aliases and merge
/// keys copied from an anchor elsewhere.
fn borrowed(node: &Node, own: Span, out: &mut Vec<Span>) {
    if !own.contains(node.span) {
        out.push(node.span);
        return;
    }
    match &node.kind {
        NodeKind::Scalar(_) => {}
        NodeKind::Sequence(items) => items.iter().for_each(|item| borrowed(item, own, out)),
        NodeKind::Mapping(entries) => {
            for entry in entries {
                borrowed(&entry.key, own, out);
                borrowed(&entry.value, own, out);
            }
        }
    }
}

impl Lowering<'_> {
    /// Lowers the service `entry` (`name: {settings}`) of the `services` mapping.
    pub fn service(&mut self, entry: &Entry) -> Option<Service> {
        let name = entry.key_str()?.to_string();
        let Some(settings) = entry.value.as_mapping() else {
            let message = wrong_shape(&name, "a mapping of settings", &entry.value);
            self.problems.push(InputProblem::new(
                InputCode::InvalidValue,
                entry.key.span,
                message,
            ));
            return None;
        };
        let mut container = Container::new(&name, entry.key.span, entry.span, Origin::Compose);
        container.layout = Layout::Compose(ComposeLayout {
            insert_at: self.line_after(entry.span.end as usize),
            key_indent: self.key_indent(entry),
            line_break: self.line_break(entry.key.span.end as usize).to_string(),
            block: !self.text[entry.value.span.range()].starts_with('{'),
        });
        borrowed(&entry.value, entry.span, &mut container.borrowed);
        let mut service = Service {
            container,
            extends: None,
            extends_file: None,
            replaced: BTreeSet::new(),
        };
        let first_problem = self.problems.len();
        self.problems
            .extend(super::unknown_keys(settings, "a service", || {
                SERVICE_KEYS.iter().map(|entry| entry.key)
            }));
        for setting in settings {
            let Some(key) = setting.key_str() else {
                continue;
            };
            // Both tags replace what an earlier definition set; `!reset` also
            // leaves the key unset (`cap_add: !reset [SYS_ADMIN]` grants nothing).
            match setting.value.tag.as_deref() {
                Some("reset") => {
                    service.replaced.insert(key.to_string());
                    continue;
                }
                Some("override") => {
                    service.replaced.insert(key.to_string());
                }
                _ => {}
            }
            field(self, &mut service, key, &setting.value);
        }
        for problem in &mut self.problems[first_problem..] {
            problem.container = Some(name.clone());
        }
        Some(service)
    }

    /// Start of the line after the one a block ending at `end` ends on.
    fn line_after(&self, end: usize) -> usize {
        self.text[end..]
            .find('\n')
            .map_or(self.text.len(), |i| end + i + 1)
    }

    /// The line break of the line holding `at` (CRLF files stay CRLF).
    fn line_break(&self, at: usize) -> &'static str {
        match self.text[at..].find('\n') {
            Some(i) if self.text[..at + i].ends_with('\r') => "\r\n",
            _ => "\n",
        }
    }

    /// Indentation of the service's own keys, or the service name's plus two spaces
    /// when its settings are not written as an indented block here.
    fn key_indent(&self, entry: &Entry) -> String {
        let indent_before = |offset: usize| {
            let line_start = self.text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let prefix = &self.text[line_start..offset];
            prefix.chars().all(|c| c == ' ').then(|| prefix.to_string())
        };
        let settings_start = entry.value.span.start as usize;
        let written_here =
            entry.key.span.end < entry.value.span.start && entry.value.span.end <= entry.span.end;
        written_here
            .then(|| indent_before(settings_start))
            .flatten()
            .unwrap_or_else(|| {
                let name_indent = indent_before(entry.key.span.start as usize).unwrap_or_default();
                format!("{name_indent}  ")
            })
    }

    /// Interpolates a scalar; `None` for null, and for a collection (reported).
    pub fn text(&mut self, key: &str, node: &Node) -> Option<SpannedText> {
        let scalar = match node.as_scalar() {
            Some(scalar) if scalar.is_null() => return None,
            Some(scalar) => scalar,
            None => {
                let message = wrong_shape(key, "a single value", node);
                self.invalid(node.span, message);
                return None;
            }
        };
        Some(interpolate(scalar, node.span, self.env, self.problems))
    }

    pub fn setting(&mut self, key: &str, node: &Node) -> Option<Setting<String>> {
        self.text(key, node).map(|text| whole(&text))
    }

    /// A scalar parsed with `parse`; unknown when it depends on an unset variable.
    pub fn parsed<T>(
        &mut self,
        key: &str,
        node: &Node,
        expected: &str,
        parse: impl FnOnce(&str) -> Option<T>,
    ) -> Option<Setting<T>> {
        let text = self.text(key, node)?;
        let parsed = text
            .parse(expected, parse)
            .map(|setting| Setting {
                span: text.span(),
                ..setting
            })
            .map_err(|error| ValueError {
                span: text.span(),
                ..error
            });
        self.checked(key, parsed)
    }

    pub fn boolean(&mut self, key: &str, node: &Node) -> Option<Setting<bool>> {
        self.parsed(key, node, "true or false", values::parse_bool)
    }

    pub fn integer(&mut self, key: &str, node: &Node) -> Option<Setting<i64>> {
        self.parsed(key, node, "an integer", |s| s.parse().ok())
    }

    pub fn byte_size(&mut self, key: &str, node: &Node) -> Option<Setting<u64>> {
        self.parsed(
            key,
            node,
            "a size in bytes (such as 512m or 2g)",
            values::bytes,
        )
    }

    /// A value parser's result; errors become SYN-004 findings.
    pub fn checked<T>(&mut self, key: &str, result: Result<T, ValueError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.invalid(error.span, format!("`{key}`: {}", error.message));
                None
            }
        }
    }

    pub fn invalid(&mut self, span: Span, message: String) {
        self.problems
            .push(InputProblem::new(InputCode::InvalidValue, span, message));
    }

    /// The items of a list; null is an empty list, anything else is reported.
    pub fn list<'n>(&mut self, key: &str, node: &'n Node) -> &'n [Node] {
        if let Some(items) = node.as_sequence() {
            return items;
        }
        if !node.is_null() {
            let message = wrong_shape(key, "a list", node);
            self.invalid(node.span, message);
        }
        &[]
    }

    /// The entries of a mapping; null is empty, anything else is reported.
    pub fn mapping<'n>(&mut self, key: &str, node: &'n Node) -> &'n [Entry] {
        if let Some(entries) = node.as_mapping() {
            return entries;
        }
        if !node.is_null() {
            let message = wrong_shape(key, "a mapping", node);
            self.invalid(node.span, message);
        }
        &[]
    }

    /// The interpolated strings of a list.
    pub fn strings(&mut self, key: &str, items: &[Node]) -> Vec<SpannedText> {
        items
            .iter()
            .filter_map(|item| self.text(key, item))
            .collect()
    }

    /// What a document's top-level `volumes`, `secrets` and `configs` define, into
    /// `top_level`.
    pub fn top_level(&mut self, root: &Node, top_level: &mut TopLevel) {
        if let Some(volumes) = root.get("volumes") {
            top_level.driver_binds.extend(self.driver_binds(volumes));
        }
        for (key, files) in [
            ("secrets", &mut top_level.secret_files),
            ("configs", &mut top_level.config_files),
        ] {
            let Some(definitions) = root.get(key) else {
                continue;
            };
            for entry in self.mapping(key, definitions) {
                let file = entry.value.get("file");
                if let (Some(name), Some(file)) = (entry.key_str(), file) {
                    files.extend(
                        self.setting("file", file)
                            .map(|path| (name.to_string(), path)),
                    );
                }
            }
        }
    }

    /// Named volumes of the top-level `volumes` whose driver options bind a host path.
    fn driver_binds(&mut self, volumes: &Node) -> HostPaths {
        let mut binds = HostPaths::new();
        for entry in self.mapping("volumes", volumes) {
            let (Some(name), Some(options)) = (entry.key_str(), entry.value.get("driver_opts"))
            else {
                continue;
            };
            let option = |lowering: &mut Self, key: &str| {
                options
                    .get(key)
                    .and_then(|node| lowering.setting(key, node))
            };
            let binds_host = option(self, "o").and_then(|o| o.value).is_some_and(|o| {
                o.split(',')
                    .any(|flag| matches!(flag.trim(), "bind" | "rbind"))
            });
            if let Some(device) = option(self, "device").filter(|_| binds_host) {
                binds.insert(name.to_string(), device);
            }
        }
        binds
    }
}

/// Lowers one setting of a service; keys Compose does not know (and `x-` keys) are
/// left out.
fn field(l: &mut Lowering, service: &mut Service, key: &str, value: &Node) {
    let c = &mut service.container;
    match key {
        "image" => c.image = l.setting(key, value),
        "privileged" => c.privileged = l.boolean(key, value),
        "read_only" => c.read_only = l.boolean(key, value),
        "use_api_socket" => c.use_api_socket = l.boolean(key, value),
        "user" => c.user = l.setting(key, value),
        "hostname" => c.hostname = l.setting(key, value),
        "runtime" => c.runtime = l.setting(key, value),
        "cap_add" => c.cap_add = list_settings(l, key, value),
        "cap_drop" => c.cap_drop = list_settings(l, key, value),
        "group_add" => c.group_add = list_settings(l, key, value),
        "profiles" => c.profiles = list_settings(l, key, value),
        "device_cgroup_rules" => c.device_cgroup_rules = list_settings(l, key, value),
        "links" => c.links = list_settings(l, key, value),
        "volumes_from" => c.volumes_from = list_settings(l, key, value),
        "expose" => c.expose = list_settings(l, key, value),
        "dns_opt" => c.dns_opt = list_settings(l, key, value),
        "dns" => c.dns = one_or_list_settings(l, key, value),
        "dns_search" => c.dns_search = one_or_list_settings(l, key, value),
        "security_opt" => {
            let items = l.list(key, value);
            // A Compose file's options go to docker's daemon as written.
            c.security_opt = l
                .strings(key, items)
                .iter()
                .map(|text| {
                    let (opt, refused) = values::security_opt(text, Engine::Docker);
                    l.checked(key, refused.map_or(Ok(()), Err));
                    opt
                })
                .collect();
        }
        "pid" => c.namespaces.pid = namespace(l, key, NamespaceKind::Pid, value),
        "ipc" => c.namespaces.ipc = namespace(l, key, NamespaceKind::Ipc, value),
        "uts" => c.namespaces.uts = namespace(l, key, NamespaceKind::Uts, value),
        "userns_mode" => c.namespaces.userns = namespace(l, key, NamespaceKind::User, value),
        "cgroup" => c.namespaces.cgroup = namespace(l, key, NamespaceKind::Cgroup, value),
        "network_mode" => c.namespaces.network = namespace(l, key, NamespaceKind::Network, value),
        "networks" => c.networks = networks(l, value),
        // `volumes` and `tmpfs` both add to `mounts`, in the order written.
        "volumes" => c.mounts.extend(volumes(l, value)),
        "tmpfs" => {
            let items = one_or_list(value);
            let mounts: Vec<Mount> = l
                .strings(key, items)
                .iter()
                .filter_map(|text| l.checked(key, values::tmpfs(text)))
                .collect();
            c.mounts.extend(mounts);
        }
        "secrets" | "configs" => c.mounts.extend(file_objects(l, key, value)),
        "devices" => c.devices = devices(l, value),
        "gpus" => c.gpus.extend(gpus(l, value)),
        "sysctls" => c.sysctls = sysctls(l, value),
        "ulimits" => c.ulimits = ulimits(l, value),
        // `deploy.resources.limits` wins over the engine fields, whichever comes first.
        "mem_limit" => c.resources.memory = c.resources.memory.take().or(l.byte_size(key, value)),
        "memswap_limit" => {
            c.resources.memory_swap = l.parsed(key, value, "a size in bytes or -1", swap_bytes)
        }
        "cpus" => c.resources.cpus = c.resources.cpus.take().or(cpus(l, key, value)),
        "cpu_shares" => c.resources.cpu_shares = l.integer(key, value),
        "cpu_quota" => c.resources.cpu_quota = l.integer(key, value),
        "pids_limit" => {
            c.resources.pids_limit = c.resources.pids_limit.take().or(l.integer(key, value))
        }
        "oom_kill_disable" => c.resources.oom_kill_disable = l.boolean(key, value),
        // No rule reads these, but Compose refuses a file whose value is no boolean.
        "init" | "tty" | "stdin_open" => {
            l.boolean(key, value);
        }
        "oom_score_adj" => c.resources.oom_score_adj = l.integer(key, value),
        "cgroup_parent" => c.resources.cgroup_parent = l.setting(key, value),
        "shm_size" => c.resources.shm_size = l.byte_size(key, value),
        "ports" => c.ports = ports(l, value),
        "extra_hosts" => c.extra_hosts = extra_hosts(l, value),
        "restart" => {
            let restart = l
                .text(key, value)
                .and_then(|text| l.checked(key, values::restart(&text)));
            // `deploy.restart_policy` wins, whichever comes first.
            c.restart = c.restart.take().or(restart);
        }
        "healthcheck" => c.healthcheck = healthcheck(l, value),
        "build" => c.build = build(l, value),
        "post_start" => c.hooks.extend(hooks(l, "post_start", value)),
        "pre_stop" => c.hooks.extend(hooks(l, "pre_stop", value)),
        "develop" => c.hooks.extend(watch_commands(l, value)),
        "deploy" => deploy(l, c, value),
        "extends" => match extends_file(l, value) {
            Some(file_and_service) => service.extends_file = Some(file_and_service),
            None => service.extends = extends(l, value),
        },
        _ => interpolated_only(l, value),
    }
}

/// A setting no rule reads (`command`, `environment`, `labels`, …): Compose still
/// interpolates it and refuses the file over a malformed or required-but-unset
/// variable, so its values are interpolated for those problems alone.
fn interpolated_only(l: &mut Lowering, node: &Node) {
    match &node.kind {
        NodeKind::Scalar(scalar) => {
            interpolate(scalar, node.span, l.env, l.problems);
        }
        NodeKind::Sequence(items) => items.iter().for_each(|item| interpolated_only(l, item)),
        NodeKind::Mapping(entries) => entries
            .iter()
            .for_each(|entry| interpolated_only(l, &entry.value)),
    }
}

/// A value written as one string or as a list of them.
pub fn one_or_list(node: &Node) -> &[Node] {
    match node.as_sequence() {
        Some(items) => items,
        None if node.is_null() => &[],
        None => std::slice::from_ref(node),
    }
}

fn list_settings(l: &mut Lowering, key: &str, node: &Node) -> Vec<Setting<String>> {
    let items = l.list(key, node);
    l.strings(key, items).iter().map(whole).collect()
}

pub fn one_or_list_settings(l: &mut Lowering, key: &str, node: &Node) -> Vec<Setting<String>> {
    let items = one_or_list(node);
    l.strings(key, items).iter().map(whole).collect()
}

fn namespace(
    l: &mut Lowering,
    key: &str,
    kind: NamespaceKind,
    node: &Node,
) -> Option<Setting<crate::model::NamespaceMode>> {
    let text = l.text(key, node)?;
    l.checked(
        key,
        values::namespace_setting(&text, kind, NamespaceReader::Compose),
    )
}

fn cpus(l: &mut Lowering, key: &str, node: &Node) -> Option<Setting<f64>> {
    l.parsed(key, node, "a number of CPUs", values::cpus)
}

/// `memswap_limit`: a byte size, or `-1` for unlimited swap.
fn swap_bytes(text: &str) -> Option<i64> {
    if text.trim() == "-1" {
        return Some(-1);
    }
    values::bytes(text).and_then(|b| i64::try_from(b).ok())
}

/// `networks:` as a list of names or a mapping keyed by name (keys are never
/// interpolated, so their names are known).
fn networks(l: &mut Lowering, node: &Node) -> Vec<Setting<String>> {
    if let Some(entries) = node.as_mapping() {
        return entries
            .iter()
            .filter_map(|e| {
                let name = e.key_str()?;
                Some(Setting::known(name.to_string(), name, e.key.span))
            })
            .collect();
    }
    list_settings(l, "networks", node)
}

fn volumes(l: &mut Lowering, node: &Node) -> Vec<Mount> {
    let mut mounts = Vec::new();
    for item in l.list("volumes", node) {
        let mount = if item.as_mapping().is_some() {
            long_volume(l, item)
        } else {
            l.text("volumes", item)
                .and_then(|text| l.checked("volumes", values::short_volume(&text)))
        };
        mounts.extend(mount.map(|mount| through_driver_bind(l, mount)));
    }
    mounts
}

/// A named volume defined with bind `driver_opts` mounts that host path.
fn through_driver_bind(l: &Lowering, mut mount: Mount) -> Mount {
    let name = mount
        .source
        .as_ref()
        .filter(|_| mount.kind == MountKind::Volume)
        .and_then(|source| source.value.clone());
    if let Some((name, device)) = name.and_then(|n| l.top_level.driver_binds.get_key_value(&n)) {
        mount.kind = MountKind::Bind;
        mount.syntax = MountSyntax::VolumeDriverBind {
            volume: name.clone(),
        };
        mount.source = Some(device.clone());
    }
    mount
}

/// A service's `secrets` or `configs` (`- db_password`, or `{source, target}`): the
/// ones defined by a host `file:` are that file, bound read-only at `target` (by
/// default `/run/secrets/NAME` for a secret and `/NAME` for a config). The others
/// (`environment:`, `content:`, `external:`) bring no host path.
fn file_objects(l: &mut Lowering, key: &str, node: &Node) -> Vec<Mount> {
    let (files, kind, directory) = match key {
        "secrets" => (
            &l.top_level.secret_files,
            FileObject::Secret,
            "/run/secrets/",
        ),
        _ => (&l.top_level.config_files, FileObject::Config, "/"),
    };
    let mut mounts = Vec::new();
    for item in l.list(key, node) {
        let (name, target) = match item.as_mapping() {
            Some(_) => (
                item.get("source").and_then(|n| l.setting("source", n)),
                item.get("target").and_then(|n| l.setting("target", n)),
            ),
            None => (l.setting(key, item), None),
        };
        let Some(name) = name.and_then(|name| name.value) else {
            continue;
        };
        let Some(file) = files.get(&name) else {
            continue;
        };
        let target = target.map_or_else(
            || Setting::known(format!("{directory}{name}"), name.as_str(), item.span),
            |target| match &target.value {
                Some(path) if !path.starts_with('/') => Setting {
                    value: Some(format!("{directory}{path}")),
                    ..target
                },
                _ => target,
            },
        );
        mounts.push(Mount {
            kind: MountKind::Bind,
            syntax: MountSyntax::FileObject { kind, name },
            source: Some(file.clone()),
            target: Some(target),
            read_only: Some(Setting::known(true, key, item.span)),
            propagation: None,
            relabel: None,
            subpath: None,
            unknown_options: Vec::new(),
            span: item.span,
        });
    }
    mounts
}

/// Long syntax: `{type, source, target, read_only, bind: {propagation}}`.
fn long_volume(l: &mut Lowering, node: &Node) -> Option<Mount> {
    let get = |key: &str| node.get(key);
    let kind_setting = match get("type") {
        Some(kind) => l.setting("type", kind)?,
        None => {
            l.invalid(node.span, "a long-syntax volume needs a `type`".to_string());
            return None;
        }
    };
    let source = get("source").and_then(|n| l.setting("source", n));
    let subpath = match get("volume").and_then(|volume| volume.get("subpath")) {
        Some(node) => match l.setting("subpath", node) {
            Some(written) => Some(l.checked("subpath", values::subpath(written))?),
            None => None,
        },
        None => None,
    };
    let relabel = get("bind")
        .and_then(|bind| bind.get("selinux"))
        .and_then(|node| l.setting("selinux", node))
        .and_then(|written| {
            let relabel = match written.value.as_deref() {
                Some("z") => Relabel::Shared,
                Some("Z") => Relabel::Private,
                None => return Some(Setting { value: None, raw: written.raw, span: written.span }),
                Some(other) => {
                    l.invalid(
                        written.span,
                        format!("`selinux`: Compose takes `z` or `Z`, not `{other}`; as written, the file is refused"),
                    );
                    return None;
                }
            };
            Some(Setting::known(relabel, written.raw, written.span))
        });
    // No rule reads these, but Compose refuses a file whose value it does not take.
    let bind = get("bind");
    for (parent, key) in [(bind, "create_host_path"), (get("volume"), "nocopy")] {
        if let Some(node) = parent.and_then(|parent| parent.get(key)) {
            l.boolean(key, node);
        }
    }
    if let Some(recursive) = bind.and_then(|bind| bind.get("recursive")) {
        let modes = ["enabled", "disabled", "writable", "readonly"];
        l.parsed(
            "recursive",
            recursive,
            "enabled, disabled, writable or readonly",
            |mode| modes.contains(&mode).then_some(()),
        );
    }
    let kind = match kind_setting.value.as_deref() {
        // A Windows named pipe of the host (`\\.\pipe\docker_engine`) binds like a path.
        Some("bind" | "npipe") => MountKind::Bind,
        Some("volume") if source.is_none() => MountKind::Anonymous,
        Some("volume") => MountKind::Volume,
        Some("tmpfs") => MountKind::Tmpfs,
        Some("cluster" | "image") | None => MountKind::Other,
        Some(other) => {
            l.invalid(
                kind_setting.span,
                format!("`type`: Compose takes bind, volume, tmpfs, npipe, cluster or image, not `{other}`"),
            );
            return None;
        }
    };
    Some(Mount {
        kind,
        syntax: MountSyntax::Long,
        source,
        target: get("target").and_then(|n| l.setting("target", n)),
        read_only: get("read_only").and_then(|n| l.boolean("read_only", n)),
        propagation: get("bind")
            .and_then(|bind| bind.get("propagation"))
            .and_then(|n| l.setting("propagation", n)),
        relabel,
        subpath,
        unknown_options: Vec::new(),
        span: node.span,
    })
}

fn devices(l: &mut Lowering, node: &Node) -> Vec<Device> {
    let mut devices = Vec::new();
    for item in l.list("devices", node) {
        let device = if item.as_mapping().is_some() {
            long_device(l, item)
        } else {
            l.text("devices", item)
                .and_then(|text| l.checked("devices", values::device(&text)))
        };
        devices.extend(device);
    }
    devices
}

/// Long syntax: `{source, target, permissions}`.
fn long_device(l: &mut Lowering, node: &Node) -> Option<Device> {
    let Some(host_path) = node.get("source").and_then(|n| l.setting("source", n)) else {
        l.invalid(node.span, "a device needs a `source`".to_string());
        return None;
    };
    Some(Device {
        host_path,
        container_path: node.get("target").and_then(|n| l.setting("target", n)),
        permissions: node
            .get("permissions")
            .and_then(|n| l.setting("permissions", n)),
        span: node.span,
    })
}

/// `gpus: all` or a list of device requests.
fn gpus(l: &mut Lowering, node: &Node) -> Vec<Setting<String>> {
    if node.as_sequence().is_none() {
        return l.setting("gpus", node).into_iter().collect();
    }
    l.list("gpus", node)
        .iter()
        .filter_map(|request| device_request(l, "gpus", request))
        .collect()
}

/// A device request (`{count, device_ids, driver, capabilities}`) in the words of
/// `--gpus`: `device=0,1` for chosen devices, `count=2`, or `all` (Compose's default
/// when neither `count` nor `device_ids` is given).
fn device_request(l: &mut Lowering, key: &str, node: &Node) -> Option<Setting<String>> {
    let mut request = None;
    let mut known = true;
    for entry in l.mapping(key, node) {
        let word = match entry.key_str() {
            Some("device_ids") => "device",
            Some("count") if request.is_none() => "count",
            _ => continue,
        };
        let values = l.strings(word, one_or_list(&entry.value));
        known = values.iter().all(SpannedText::is_fully_resolved);
        let joined: Vec<&str> = values.iter().map(SpannedText::as_str).collect();
        request = match (word, joined.as_slice()) {
            ("count", ["all" | "-1"]) => None,
            _ => Some(format!("{word}={}", joined.join(","))),
        };
    }
    let description = request.unwrap_or_else(|| "all".to_string());
    Some(if known {
        Setting::known(description.clone(), description, node.span)
    } else {
        Setting::unknown(description, node.span)
    })
}

/// `sysctls:` as a mapping or a list of `KEY=VALUE`.
fn sysctls(l: &mut Lowering, node: &Node) -> Vec<Sysctl> {
    if let Some(entries) = node.as_mapping() {
        return entries
            .iter()
            .filter_map(|entry| {
                let key = entry.key_str()?;
                Some(Sysctl {
                    key: Setting::known(key.to_string(), key, entry.key.span),
                    value: l
                        .setting(key, &entry.value)
                        .unwrap_or_else(|| Setting::known(String::new(), "", entry.value.span)),
                    span: entry.span,
                })
            })
            .collect();
    }
    let items = l.list("sysctls", node);
    l.strings("sysctls", items)
        .iter()
        .filter_map(|text| l.checked("sysctls", values::sysctl(text)))
        .collect()
}

/// `ulimits:` name → limit (soft = hard) or `{soft, hard}`.
fn ulimits(l: &mut Lowering, node: &Node) -> Vec<Ulimit> {
    let mut limits = Vec::new();
    for entry in l.mapping("ulimits", node) {
        let Some(name) = entry.key_str() else {
            continue;
        };
        let mut limit = |node: Option<&Node>| {
            node.and_then(|n| l.parsed(name, n, "a ulimit value", values::ulimit_limit))
        };
        let (soft, hard) = if entry.value.as_mapping().is_some() {
            (
                limit(entry.value.get("soft")),
                limit(entry.value.get("hard")),
            )
        } else {
            let both = limit(Some(&entry.value));
            (both.clone(), both)
        };
        limits.push(Ulimit {
            name: Setting::known(name.to_string(), name, entry.key.span),
            soft,
            hard,
            span: entry.span,
        });
    }
    limits
}

fn ports(l: &mut Lowering, node: &Node) -> Vec<Port> {
    let mut ports = Vec::new();
    for item in l.list("ports", node) {
        let port = if item.as_mapping().is_some() {
            Some(long_port(l, item))
        } else {
            l.text("ports", item)
                .and_then(|text| l.checked("ports", values::port(&text)))
        };
        ports.extend(port);
    }
    ports
}

/// Long syntax: `{target, published, host_ip, protocol, mode}`.
fn long_port(l: &mut Lowering, node: &Node) -> Port {
    // A bare port or range reads as the container port of the short syntax. A value
    // that does not parse is reported (SYN-004) and kept as unknown, so no rule reads
    // it as "not published".
    let mut number = |key: &str| {
        let text = l.text(key, node.get(key)?)?;
        match l.checked(key, values::port(&text)) {
            Some(port) => port.target,
            None => Some(Setting::unknown(text.as_str(), text.span())),
        }
    };
    let target = number("target");
    let published = number("published");
    Port {
        host_ip: node.get("host_ip").and_then(|n| l.setting("host_ip", n)),
        published,
        target,
        protocol: node.get("protocol").and_then(|n| l.setting("protocol", n)),
        span: node.span,
    }
}

/// `extra_hosts:` as a list of `HOST:IP` / `HOST=IP`, or a mapping host → IP (or list of IPs).
fn extra_hosts(l: &mut Lowering, node: &Node) -> Vec<ExtraHost> {
    if let Some(entries) = node.as_mapping() {
        let mut hosts = Vec::new();
        for entry in entries {
            let Some(host) = entry.key_str() else {
                continue;
            };
            for address in l.strings(host, one_or_list(&entry.value)) {
                hosts.push(ExtraHost {
                    host: host.to_string(),
                    address: whole(&address),
                    span: entry.span,
                });
            }
        }
        return hosts;
    }
    let items = l.list("extra_hosts", node);
    l.strings("extra_hosts", items)
        .iter()
        .filter_map(|text| l.checked("extra_hosts", values::extra_host(text)))
        .collect()
}

/// `healthcheck:`: `disable: true` or a `test` starting with `NONE` switch it off.
fn healthcheck(l: &mut Lowering, node: &Node) -> Option<Healthcheck> {
    if node.is_null() {
        return None;
    }
    let mut check = Healthcheck {
        disabled: None,
        test: None,
        span: node.span,
    };
    for entry in l.mapping("healthcheck", node) {
        match entry.key_str() {
            Some("disable") => check.disabled = l.boolean("disable", &entry.value),
            Some("test") => {
                let words = l.strings("test", one_or_list(&entry.value));
                if let Some(first) = words.first().filter(|w| w.as_str() == "NONE") {
                    if entry.value.as_sequence().is_some() {
                        check.disabled = Some(Setting::known(true, "NONE", first.span()));
                    }
                }
                let raw: Vec<&str> = words.iter().map(SpannedText::as_str).collect();
                let raw = raw.join(" ");
                check.test = Some(if words.iter().all(SpannedText::is_fully_resolved) {
                    Setting::known(raw.clone(), raw, entry.value.span)
                } else {
                    Setting::unknown(raw, entry.value.span)
                });
            }
            _ => {}
        }
    }
    Some(check)
}

/// `build:` as a context path, or a mapping with build-time privileges.
fn build(l: &mut Lowering, node: &Node) -> Option<Build> {
    if node.is_null() {
        return None;
    }
    let mut build = Build {
        span: node.span,
        ..Build::default()
    };
    if node.as_scalar().is_some() {
        return Some(build);
    }
    for entry in l.mapping("build", node) {
        match entry.key_str() {
            Some("privileged") => build.privileged = l.boolean("privileged", &entry.value),
            Some("network") => build.network = l.setting("network", &entry.value),
            Some("entitlements") => {
                build.entitlements = list_settings(l, "entitlements", &entry.value)
            }
            _ => {}
        }
    }
    Some(build)
}

/// The hooks of one lifecycle event: a list of mappings, each with the command and
/// its own `privileged` and `user`.
fn hooks(l: &mut Lowering, event: &'static str, node: &Node) -> Vec<Hook> {
    l.list(event, node)
        .iter()
        .map(|item| hook(l, event, item))
        .collect()
}

/// One command Compose runs in the container, with its own `privileged` and `user`.
fn hook(l: &mut Lowering, event: &'static str, node: &Node) -> Hook {
    let mut hook = Hook {
        event,
        privileged: None,
        user: None,
        span: node.span,
    };
    for entry in l.mapping(event, node) {
        match entry.key_str() {
            Some("privileged") => hook.privileged = l.boolean("privileged", &entry.value),
            Some("user") => hook.user = l.setting("user", &entry.value),
            _ => interpolated_only(l, &entry.value),
        }
    }
    hook
}

/// `develop.watch`: the `exec` of a `sync+exec` rule is a command Compose runs in
/// the container after each sync, a hook of its own. The files a rule syncs are
/// copied into the container, never bound (see the Compose keys table).
fn watch_commands(l: &mut Lowering, node: &Node) -> Vec<Hook> {
    let mut commands = Vec::new();
    for entry in l.mapping("develop", node) {
        if entry.key_str() != Some("watch") {
            interpolated_only(l, &entry.value);
            continue;
        }
        for rule in l.list("watch", &entry.value) {
            for setting in l.mapping("watch", rule) {
                match setting.key_str() {
                    Some("exec") => commands.push(hook(l, "develop", &setting.value)),
                    _ => interpolated_only(l, &setting.value),
                }
            }
        }
    }
    commands
}

/// `deploy:`: the resource limits and restart policy that docker compose applies to
/// plain containers, overriding `mem_limit`, `cpus`, `pids_limit` and `restart`.
fn deploy(l: &mut Lowering, c: &mut Container, node: &Node) {
    let resources = node.get("resources");
    if let Some(limits) = resources.and_then(|r| r.get("limits")) {
        for entry in l.mapping("limits", limits) {
            let value = &entry.value;
            match entry.key_str() {
                Some(key @ "memory") => {
                    if let Some(memory) = l.byte_size(key, value) {
                        c.resources.memory = Some(memory);
                    }
                }
                Some(key @ "cpus") => {
                    if let Some(cpus) = cpus(l, key, value) {
                        c.resources.cpus = Some(cpus);
                    }
                }
                Some(key @ "pids") => {
                    if let Some(pids) = l.integer(key, value) {
                        c.resources.pids_limit = Some(pids);
                    }
                }
                _ => {}
            }
        }
    }
    let reserved = resources
        .and_then(|r| r.get("reservations"))
        .and_then(|r| r.get("devices"));
    if let Some(devices) = reserved {
        let requests: Vec<Setting<String>> = l
            .list("devices", devices)
            .iter()
            .filter_map(|request| device_request(l, "devices", request))
            .collect();
        c.gpus.extend(requests);
    }
    if let Some(policy) = node.get("restart_policy").filter(|p| !p.is_null()) {
        c.restart = restart_policy(l, policy);
    }
}

/// `deploy.restart_policy` as the engine restart policy compose derives from it.
fn restart_policy(l: &mut Lowering, node: &Node) -> Option<Setting<RestartPolicy>> {
    let condition = node
        .get("condition")
        .and_then(|n| l.text("condition", n).map(|t| (t, n.span)));
    let max_retries = node.get("max_attempts").and_then(|n| {
        l.parsed("max_attempts", n, "a number of attempts", |s| {
            s.parse::<u32>().ok()
        })
    });
    let (raw, span, known) = match &condition {
        Some((text, span)) => (text.as_str(), *span, text.is_fully_resolved()),
        None => ("any", node.span, true),
    };
    let name = match raw {
        "none" => "no",
        "any" => "always",
        other => other,
    };
    let retries_known = max_retries.as_ref().is_none_or(|r| r.value.is_some());
    if !(known && retries_known) {
        return Some(Setting::unknown(raw, span));
    }
    // For `on-failure` the attempt count is what decides, so point at it when written.
    let (raw, span) = match &max_retries {
        Some(retries) if name == "on-failure" => (retries.raw.as_str(), retries.span),
        _ => (raw, span),
    };
    let policy = RestartPolicy {
        name: name.to_string(),
        max_retries: max_retries.as_ref().and_then(|r| r.value),
    };
    Some(Setting::known(policy, raw, span))
}

/// `extends: {file: other.yml, service: base}`: the path and the service.
fn extends_file(l: &mut Lowering, node: &Node) -> Option<(Setting<String>, Setting<String>)> {
    let file = node.get("file").filter(|f| !f.is_null())?;
    let file = l.setting("file", file)?;
    let service = l.setting("service", node.get("service")?)?;
    Some((file, service))
}

/// `extends: base` or `extends: {service: base}`; with `file:` the base lives in
/// another file (see [`extends_file`]).
fn extends(l: &mut Lowering, node: &Node) -> Option<Setting<String>> {
    if node.as_mapping().is_some() {
        if node.get("file").is_some_and(|f| !f.is_null()) {
            return None;
        }
        return node.get("service").and_then(|n| l.setting("service", n));
    }
    l.setting("extends", node)
}
