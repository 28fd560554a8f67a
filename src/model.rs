//! The one container model both front-ends produce and every rule reads.
//!
//! A Compose service and a `docker run` command become the same [`Container`].
//! Each setting is a [`Setting`]: the parsed value plus the span of the text the user
//! wrote. A value that depends on an unresolved `${VAR}` or `$(cmd)` is kept as
//! *unknown* (`value: None`) so that rules never guess it into a finding.

use crate::json::{JsonWriter, ToJson};
use crate::knowledge::engines::Engine;
use crate::knowledge::images::{self, ImageNeeds};
use crate::span::Span;

pub mod binds;
pub mod caps;
pub mod edit;
mod input;
pub mod layout;
pub mod shared;

pub use input::{
    oversized, shown_size, too_large, Comment, Environment, FrontEnd, InputCode, InputProblem,
    Limits,
};
pub use layout::{ComposeLayout, Layout, RunLayout};

/// One parsed value and where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Setting<T> {
    /// `None` when the text could not be resolved (unset variable, command
    /// substitution): present, but unknown.
    pub value: Option<T>,
    /// The raw text as written (after YAML unquoting), kept for messages.
    pub raw: String,
    pub span: Span,
}

impl<T> Setting<T> {
    pub fn known(value: T, raw: impl Into<String>, span: Span) -> Self {
        Setting {
            value: Some(value),
            raw: raw.into(),
            span,
        }
    }

    pub fn unknown(raw: impl Into<String>, span: Span) -> Self {
        Setting {
            value: None,
            raw: raw.into(),
            span,
        }
    }

    pub fn get(&self) -> Option<&T> {
        self.value.as_ref()
    }
}

impl Setting<bool> {
    pub fn is_true(&self) -> bool {
        self.value == Some(true)
    }
    pub fn is_false(&self) -> bool {
        self.value == Some(false)
    }
}

/// Where a container came from.
#[derive(Clone, Debug, PartialEq)]
pub enum Origin {
    /// A service of a Compose file.
    Compose,
    /// A `docker run`-like command; `tool` is `docker`, `podman` or `nerdctl`,
    /// `subcommand` is `run` or `create`.
    Run { tool: String, subcommand: String },
}

impl ToJson for Origin {
    fn write_json(&self, out: &mut JsonWriter) {
        match self {
            Origin::Compose => out.object(&[("kind", &"compose")]),
            Origin::Run { tool, subcommand } => {
                out.object(&[("kind", &"run"), ("tool", tool), ("subcommand", subcommand)])
            }
        }
    }
}

/// How a container uses one kernel namespace (`pid`, `ipc`, `uts`, `userns`,
/// `cgroup`) or its network.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NamespaceMode {
    /// Shares the host's namespace.
    Host,
    /// Its own namespace (`private`, or the engine default).
    Private,
    /// `ipc: shareable`.
    Shareable,
    /// `ipc: none` / `network_mode: none`.
    None,
    /// Joins another container's namespace: `container:NAME`.
    Container(String),
    /// Joins another Compose service's namespace: `service:NAME`.
    Service(String),
    /// podman's `--pod NAME`: the namespaces the pod shares (by default network, IPC
    /// and UTS), which every container of the pod joins.
    Pod(String),
    /// Network only: the default bridge (`bridge`, or `default` on the CLI).
    Bridge,
    /// Anything else: a user-defined network name, podman's `ns:/path`,
    /// `keep-id`, `slirp4netns` ...
    Other(String),
}

impl NamespaceMode {
    pub fn is_host(&self) -> bool {
        matches!(self, NamespaceMode::Host)
    }
    /// The container this one joins, for `container:X` and `service:X`.
    pub fn joined(&self) -> Option<&str> {
        match self {
            NamespaceMode::Container(name) | NamespaceMode::Service(name) => Some(name),
            _ => None,
        }
    }
}

/// The namespace settings of a container.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Namespaces {
    pub pid: Option<Setting<NamespaceMode>>,
    pub ipc: Option<Setting<NamespaceMode>>,
    pub uts: Option<Setting<NamespaceMode>>,
    pub userns: Option<Setting<NamespaceMode>>,
    pub cgroup: Option<Setting<NamespaceMode>>,
    /// `network_mode` / `--network` (the first one when repeated).
    pub network: Option<Setting<NamespaceMode>>,
}

/// One `security_opt` / `--security-opt` entry, parsed.
#[derive(Clone, Debug, PartialEq)]
pub struct SecurityOpt {
    /// Lower-cased key: `seccomp`, `apparmor`, `label`, `no-new-privileges`,
    /// `systempaths`, `writable-cgroups`, or whatever unknown key was written.
    pub key: String,
    /// The value after the separator (`None` for a bare `no-new-privileges`).
    pub value: Option<String>,
    /// `=` or `:` (deprecated), `None` when bare.
    pub separator: Option<char>,
    /// The value read as the engines read a boolean here (Go's `strconv.ParseBool`:
    /// `true`, `1`, `False`, ...); `None` when bare or not a boolean.
    pub switch: Option<bool>,
    /// The whole entry; `value` is `None` when it was unresolvable.
    pub entry: Setting<String>,
    /// Where the separator and the value are written, when the entry is written
    /// verbatim (no escapes or variables), for fixes that rewrite one of them.
    pub separator_at: Option<Span>,
    pub value_at: Option<Span>,
    /// False when the engine refuses the entry (reported as SYN-004 by the front-end):
    /// the container would not be created, so no rule reads it.
    pub accepted: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MountKind {
    /// A host path bound into the container.
    Bind,
    /// A named volume (or one whose driver options bind a host path: see `via`).
    Volume,
    /// An anonymous volume: only a container path was given.
    Anonymous,
    Tmpfs,
    /// `npipe`, `image`, `cluster` and other types.
    Other,
}

impl ToJson for MountKind {
    fn write_json(&self, out: &mut JsonWriter) {
        out.string(match self {
            MountKind::Bind => "bind",
            MountKind::Volume => "volume",
            MountKind::Anonymous => "anonymous",
            MountKind::Tmpfs => "tmpfs",
            MountKind::Other => "other",
        });
    }
}

/// How the mount was written, so messages and fixes can speak the user's syntax.
#[derive(Clone, Debug, PartialEq)]
pub enum MountSyntax {
    /// `SRC:DST[:OPTS]` (Compose short syntax or `-v`).
    Short,
    /// Compose long syntax mapping.
    Long,
    /// `--mount type=...,src=...`.
    MountFlag,
    /// `tmpfs:` / `--tmpfs`.
    Tmpfs,
    /// A named volume whose top-level `driver_opts` bind a host directory
    /// (`o: bind`, `device: /etc`); `volume` names it.
    VolumeDriverBind { volume: String },
    /// `use_api_socket` / `--use-api-socket` (the engine mounts the socket).
    ApiSocket,
    /// podman's and nerdctl's `--rootfs`: the word in the image's place is a host
    /// directory the engine uses as the container's root filesystem, mounted at `/`.
    Rootfs,
    /// A service's `secrets` or `configs` entry naming a top-level one defined by a
    /// host `file:`, which Compose binds read-only; `source` is that `file:` value.
    FileObject { kind: FileObject, name: String },
}

/// The two kinds of Compose objects a service receives as files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileObject {
    Secret,
    Config,
}

impl FileObject {
    /// The word Compose uses for it: `secret`, `config`.
    pub fn word(self) -> &'static str {
        match self {
            FileObject::Secret => "secret",
            FileObject::Config => "config",
        }
    }
}

/// How the engine relabels a bind's host path for SELinux.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relabel {
    /// `z`, `relabel=shared`: a label every container may use.
    Shared,
    /// `Z`, `relabel=private`: a label only this container may use.
    Private,
}

impl Relabel {
    /// The short-syntax option: `z` or `Z`.
    pub fn option(self) -> &'static str {
        match self {
            Relabel::Shared => "z",
            Relabel::Private => "Z",
        }
    }
}

/// One filesystem mount of the container.
#[derive(Clone, Debug, PartialEq)]
pub struct Mount {
    pub kind: MountKind,
    pub syntax: MountSyntax,
    /// Host path for binds (as written, `~` and variables unexpanded when unknown),
    /// volume name for volumes.
    pub source: Option<Setting<String>>,
    pub target: Option<Setting<String>>,
    /// Explicit read-only marker (`:ro`, `read_only: true`, `readonly`).
    pub read_only: Option<Setting<bool>>,
    /// `shared`, `rshared`, `slave`, `rslave`, `private`, `rprivate`.
    pub propagation: Option<Setting<String>>,
    /// SELinux relabelling of the host path: `:z` / `:Z`, podman's `--mount
    /// relabel=shared|private`, Compose `bind.selinux`.
    pub relabel: Option<Setting<Relabel>>,
    /// A volume's `volume.subpath` / `volume-subpath`: the directory inside the
    /// volume that is mounted (relative, within it: the engine refuses others).
    pub subpath: Option<Setting<String>>,
    /// Option tokens the engine ignores or rejects (`roz` in `:roz`), kept for
    /// the rule that explains silently lost `ro`.
    pub unknown_options: Vec<Setting<String>>,
    /// The whole entry.
    pub span: Span,
}

impl Mount {
    pub fn is_read_only(&self) -> bool {
        self.read_only.as_ref().is_some_and(Setting::is_true)
    }
}

/// A device mapping: `devices:` / `--device`.
#[derive(Clone, Debug, PartialEq)]
pub struct Device {
    pub host_path: Setting<String>,
    pub container_path: Option<Setting<String>>,
    /// `r`, `w`, `m` subset; `None` means the default `rwm`.
    pub permissions: Option<Setting<String>>,
    pub span: Span,
}

/// `sysctls:` / `--sysctl` entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Sysctl {
    pub key: Setting<String>,
    pub value: Setting<String>,
    pub span: Span,
}

/// `ulimits:` / `--ulimit` entry; `-1` means unlimited.
#[derive(Clone, Debug, PartialEq)]
pub struct Ulimit {
    pub name: Setting<String>,
    pub soft: Option<Setting<i64>>,
    pub hard: Option<Setting<i64>>,
    pub span: Span,
}

/// A published port.
#[derive(Clone, Debug, PartialEq)]
pub struct Port {
    /// Host interface; `None` when not given (all interfaces).
    pub host_ip: Option<Setting<String>>,
    /// Host port or range start (`None`: random host port).
    pub published: Option<Setting<u16>>,
    pub target: Option<Setting<u16>>,
    pub protocol: Option<Setting<String>>,
    pub span: Span,
}

impl Port {
    /// The port in the short syntax, from its parts as written: `127.0.0.1:8080:80/udp`.
    pub fn describe(&self) -> String {
        let published = self.published.as_ref().map(|p| p.raw.as_str());
        let mut text = match (&self.host_ip, published) {
            (Some(ip), published) => format!("{}:{}:", ip.raw, published.unwrap_or_default()),
            (None, Some(published)) => format!("{published}:"),
            (None, None) => String::new(),
        };
        text.push_str(self.target.as_ref().map_or("", |t| t.raw.as_str()));
        if let Some(protocol) = &self.protocol {
            text = format!("{text}/{}", protocol.raw);
        }
        text
    }
}

/// `extra_hosts:` / `--add-host`.
#[derive(Clone, Debug, PartialEq)]
pub struct ExtraHost {
    pub host: String,
    pub address: Setting<String>,
    pub span: Span,
}

/// Restart policy, e.g. `on-failure:3` → name `on-failure`, max_retries 3.
#[derive(Clone, Debug, PartialEq)]
pub struct RestartPolicy {
    pub name: String,
    pub max_retries: Option<u32>,
}

/// Health check settings; absent means the image's own HEALTHCHECK applies.
#[derive(Clone, Debug, PartialEq)]
pub struct Healthcheck {
    /// `disable: true`, `test: ["NONE"]` or `--no-healthcheck`.
    pub disabled: Option<Setting<bool>>,
    /// The test command as written.
    pub test: Option<Setting<String>>,
    pub span: Span,
}

/// Resource limits (engine fields and `deploy.resources.limits`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Resources {
    /// Memory limit in bytes.
    pub memory: Option<Setting<u64>>,
    pub memory_swap: Option<Setting<i64>>,
    pub cpus: Option<Setting<f64>>,
    pub cpu_shares: Option<Setting<i64>>,
    pub cpu_quota: Option<Setting<i64>>,
    /// `0` and negative values mean unlimited.
    pub pids_limit: Option<Setting<i64>>,
    pub oom_kill_disable: Option<Setting<bool>>,
    pub oom_score_adj: Option<Setting<i64>>,
    pub cgroup_parent: Option<Setting<String>>,
    pub shm_size: Option<Setting<u64>>,
}

/// A command Compose runs in the container after it starts (`post_start`), before
/// it stops (`pre_stop`) or after a `develop.watch` sync (`develop`), with privilege
/// settings of its own.
#[derive(Clone, Debug, PartialEq)]
pub struct Hook {
    /// The service key that declares it: `post_start`, `pre_stop` or `develop`.
    pub event: &'static str,
    pub privileged: Option<Setting<bool>>,
    pub user: Option<Setting<String>>,
    /// The whole hook entry.
    pub span: Span,
}

impl Hook {
    /// The hook as a sentence names it: "`post_start` hook".
    pub fn described(&self) -> String {
        match self.event {
            "develop" => "`develop.watch` `exec` command".to_string(),
            event => format!("`{event}` hook"),
        }
    }
}

/// A podman or nerdctl container in systemd mode (see [`Container::systemd_mode`]).
pub struct SystemdMode {
    /// `--systemd`'s value as written; `None` for podman's default, `true`.
    pub written: Option<String>,
    /// The `--systemd` value, or for podman's default the init program it starts.
    pub span: Span,
    /// The init program that turns `true` into systemd mode (`None` for `always`).
    pub program: Option<String>,
}

/// The host user a podman container's root stands for (see [`Container::root_on_host`]).
pub struct RootOnHost {
    pub meaning: String,
    /// The `--uidmap` or `--userns` value that maps it.
    pub span: Span,
    /// `--userns=keep-id`: without `--user`, the process runs as the UID of the user
    /// who starts podman, not as root.
    pub keep_id: bool,
}

/// Build-time privilege settings (Compose `build:`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Build {
    pub privileged: Option<Setting<bool>>,
    pub network: Option<Setting<String>>,
    pub entitlements: Vec<Setting<String>>,
    pub span: Span,
}

/// Everything security-relevant about one container.
#[derive(Clone, Debug, PartialEq)]
pub struct Container {
    /// Service name, `--name`, or a label such as `command 2`.
    pub name: String,
    /// Where the name is written (the service key, `--name`'s value, or the command word).
    pub name_span: Span,
    /// The whole service block or command.
    pub span: Span,
    /// Text outside `span` that the container's settings are read from: anchored
    /// values its aliases and merge keys copy, the services it `extends`. A fix
    /// written there changes every container that reads it.
    pub borrowed: Vec<Span>,
    /// Single values that replaced a different one of an earlier definition (a later
    /// document or file, a service over its `extends` base): where the value in force
    /// is written, and where the replaced one was.
    pub overridden: Vec<(Span, Span)>,
    /// How the container is written, for the editors that turn fixes into text.
    pub layout: Layout,
    pub origin: Origin,
    pub image: Option<Setting<String>>,
    pub privileged: Option<Setting<bool>>,
    pub cap_add: Vec<Setting<String>>,
    pub cap_drop: Vec<Setting<String>>,
    pub security_opt: Vec<SecurityOpt>,
    pub read_only: Option<Setting<bool>>,
    pub user: Option<Setting<String>>,
    /// podman's `--uidmap CONTAINER:HOST:COUNT` entries: which host UIDs the
    /// container's stand for.
    pub uid_maps: Vec<Setting<String>>,
    /// podman's and nerdctl's `--systemd`: `true`, `false` or `always` (nerdctl takes
    /// any other word as `false`).
    pub systemd: Option<Setting<String>>,
    /// podman's `--env-host`: the environment of the shell that starts podman.
    pub env_host: Option<Setting<bool>>,
    pub group_add: Vec<Setting<String>>,
    /// Compose `profiles:`: the service starts only when one of them is active (none:
    /// always).
    pub profiles: Vec<Setting<String>>,
    pub namespaces: Namespaces,
    /// User-defined networks joined (`networks:` / repeated `--network`).
    pub networks: Vec<Setting<String>>,
    pub mounts: Vec<Mount>,
    pub volumes_from: Vec<Setting<String>>,
    pub devices: Vec<Device>,
    pub device_cgroup_rules: Vec<Setting<String>>,
    /// `gpus:` / `--gpus` / `deploy.resources.reservations.devices`.
    pub gpus: Vec<Setting<String>>,
    pub sysctls: Vec<Sysctl>,
    pub ulimits: Vec<Ulimit>,
    pub resources: Resources,
    pub ports: Vec<Port>,
    /// `-P` / `--publish-all`.
    pub publish_all: Option<Setting<bool>>,
    pub expose: Vec<Setting<String>>,
    pub dns: Vec<Setting<String>>,
    pub dns_search: Vec<Setting<String>>,
    pub dns_opt: Vec<Setting<String>>,
    pub extra_hosts: Vec<ExtraHost>,
    pub hostname: Option<Setting<String>>,
    pub links: Vec<Setting<String>>,
    pub restart: Option<Setting<RestartPolicy>>,
    pub healthcheck: Option<Healthcheck>,
    pub use_api_socket: Option<Setting<bool>>,
    pub runtime: Option<Setting<String>>,
    pub build: Option<Build>,
    /// Compose lifecycle hooks (`post_start`, `pre_stop`), in order.
    pub hooks: Vec<Hook>,
    /// Run commands only: every flag as the engine read it, in order, for the
    /// run → Compose conversion (which must account for each one).
    pub run_flags: Vec<RunFlag>,
    /// Run commands only: the words after the image (the container's command).
    pub command: Vec<Setting<String>>,
}

/// One flag of a run command: its long name in the engine's table (`network` for
/// `--net`), how it was written, and its value (`true`/`false` for a switch).
#[derive(Clone, Debug, PartialEq)]
pub struct RunFlag {
    pub name: &'static str,
    pub written: String,
    pub value: Setting<String>,
    /// The items the value adds: split on commas for the engine's `StringSlice`
    /// flags (`podman run --cap-add A,B`), the value alone otherwise.
    pub items: Vec<Setting<String>>,
    /// The flag and its value.
    pub span: Span,
}

impl Container {
    /// What its image is known to need once hardened (`knowledge::images`), when it
    /// is an official image listed there.
    pub fn image_needs(&self) -> Option<&'static ImageNeeds> {
        let image = self.image.as_ref()?.value.as_deref()?;
        images::needs(image)
    }

    /// Whether `span` lies in text the container's settings are read from: its own
    /// or text it borrows.
    pub fn reads(&self, span: Span) -> bool {
        std::iter::once(self.span)
            .chain(self.borrowed.iter().copied())
            .any(|text| text.contains(span))
    }

    /// An empty container; front-ends fill in what the user wrote.
    pub fn new(name: impl Into<String>, name_span: Span, span: Span, origin: Origin) -> Self {
        Container {
            name: name.into(),
            name_span,
            span,
            borrowed: Vec::new(),
            overridden: Vec::new(),
            layout: match origin {
                Origin::Compose => Layout::Compose(ComposeLayout {
                    insert_at: span.end as usize,
                    line_break: "\n".to_string(),
                    block: true,
                    ..ComposeLayout::default()
                }),
                Origin::Run { .. } => Layout::Run(RunLayout {
                    insert_at: span.end as usize,
                    command_words: name_span,
                }),
            },
            origin,
            image: None,
            privileged: None,
            cap_add: Vec::new(),
            cap_drop: Vec::new(),
            security_opt: Vec::new(),
            read_only: None,
            user: None,
            uid_maps: Vec::new(),
            systemd: None,
            env_host: None,
            group_add: Vec::new(),
            profiles: Vec::new(),
            namespaces: Namespaces::default(),
            networks: Vec::new(),
            mounts: Vec::new(),
            volumes_from: Vec::new(),
            devices: Vec::new(),
            device_cgroup_rules: Vec::new(),
            gpus: Vec::new(),
            sysctls: Vec::new(),
            ulimits: Vec::new(),
            resources: Resources::default(),
            ports: Vec::new(),
            publish_all: None,
            expose: Vec::new(),
            dns: Vec::new(),
            dns_search: Vec::new(),
            dns_opt: Vec::new(),
            extra_hosts: Vec::new(),
            hostname: None,
            links: Vec::new(),
            restart: None,
            healthcheck: None,
            use_api_socket: None,
            runtime: None,
            build: None,
            hooks: Vec::new(),
            run_flags: Vec::new(),
            command: Vec::new(),
        }
    }

    /// The engine that creates the container: the run command's tool, docker for a
    /// Compose service.
    pub fn engine(&self) -> Engine {
        match &self.origin {
            Origin::Compose => Engine::Docker,
            Origin::Run { tool, .. } => Engine::named(tool).unwrap_or(Engine::Docker),
        }
    }

    pub fn is_compose(&self) -> bool {
        matches!(self.origin, Origin::Compose)
    }

    pub fn is_privileged(&self) -> bool {
        self.privileged.as_ref().is_some_and(Setting::is_true)
    }

    /// Whether `user` names root (`root` or UID 0, whatever the group); `None` when it
    /// is not set or unknown, so that the image's `USER` decides.
    pub fn runs_as_root(&self) -> Option<bool> {
        let user = self.user.as_ref()?.get()?;
        let name = user.split(':').next().unwrap_or_default().trim();
        Some(name == "root" || name.parse::<u32>() == Ok(0))
    }

    /// podman's or nerdctl's `--systemd` when it puts the container in systemd mode:
    /// `always`, or `true` when the program it starts is an init. podman
    /// (containers/podman `pkg/specgen/generate/container_create.go`) reads the
    /// command (the entrypoint, then the arguments, past a leading `/bin/sh -c`), also
    /// takes any program named `systemd`, and is `true` unless told otherwise; nerdctl
    /// (containerd/nerdctl `pkg/cmd/container/create.go`, `generateRootfsOpts`) takes
    /// only `/sbin/init`, `/usr/sbin/init` and `/usr/local/sbin/init`, is `false`
    /// unless told otherwise, and reads the image's entrypoint unless `--entrypoint`
    /// or `--rootfs` is given, which the command does not show.
    pub fn systemd_mode(&self) -> Option<SystemdMode> {
        let engine = self.engine();
        let written = self.systemd.as_ref();
        let mode = match (engine, written) {
            (Engine::Docker, _) => return None,
            (_, Some(setting)) => setting.get()?.as_str(),
            (Engine::Podman, None) => "true",
            (Engine::Nerdctl, None) => return None,
        };
        let program = match mode {
            "always" => None,
            "true" => Some(self.started_program()?).filter(|(program, _)| {
                matches!(
                    *program,
                    "/sbin/init" | "/usr/sbin/init" | "/usr/local/sbin/init"
                ) || (engine == Engine::Podman && program.rsplit('/').next() == Some("systemd"))
            }),
            _ => return None,
        };
        match (written, program) {
            (Some(setting), _) if mode == "always" || program.is_some() => Some(SystemdMode {
                written: Some(setting.raw.clone()),
                span: setting.span,
                program: program.map(|(program, _)| program.to_string()),
            }),
            (None, Some((program, span))) => Some(SystemdMode {
                written: None,
                span,
                program: Some(program.to_string()),
            }),
            _ => None,
        }
    }

    /// The program a podman or nerdctl run command starts, as the engine's systemd
    /// rule reads it, and where it is written; `None` when the image decides.
    fn started_program(&self) -> Option<(&str, Span)> {
        let entrypoint = self.entrypoint();
        let mut arguments = self
            .command
            .iter()
            .map(|word| (word.get().map(String::as_str), word.span));
        if self.engine() == Engine::Nerdctl {
            let rootfs = self
                .mounts
                .iter()
                .any(|mount| mount.syntax == MountSyntax::Rootfs);
            return match entrypoint {
                Some(entrypoint) => entrypoint.first().copied(),
                None if rootfs => match arguments.next()? {
                    (Some(program), span) => Some((program, span)),
                    (None, _) => None,
                },
                None => None,
            };
        }
        let words: Vec<(Option<&str>, Span)> = match entrypoint {
            Some(entrypoint) => entrypoint
                .into_iter()
                .map(|(word, span)| (Some(word), span))
                .chain(arguments)
                .collect(),
            None => arguments.collect(),
        };
        let (program, span) = match words.as_slice() {
            [(Some("/bin/sh"), _), (Some("-c"), _), program, ..] => *program,
            [program, ..] => *program,
            [] => return None,
        };
        Some((program?, span))
    }

    /// The words of a run command's `--entrypoint` and where each is written, when it
    /// is given and known: podman reads a JSON array (`["/sbin/init"]`) as its words
    /// and any other text as one word; nerdctl's repeated flag gives one word each.
    fn entrypoint(&self) -> Option<Vec<(&str, Span)>> {
        let mut flags = self
            .run_flags
            .iter()
            .filter(|flag| flag.name == "entrypoint");
        if self.engine() == Engine::Nerdctl {
            let words: Option<Vec<(&str, Span)>> = flags
                .map(|flag| Some((flag.value.get()?.as_str(), flag.value.span)))
                .collect();
            return words.filter(|words| !words.is_empty());
        }
        let flag = flags.next_back()?;
        let value = flag.value.get()?.as_str();
        let span = flag.value.span;
        let words = value
            .trim()
            .strip_prefix('[')
            .and_then(|list| list.strip_suffix(']'))
            .map(|list| {
                list.split(',')
                    .map(|word| (word.trim().trim_matches('"'), span))
                    .collect()
            });
        Some(words.unwrap_or_else(|| vec![(value, span)]))
    }

    /// What the container's root is on the host when a podman setting maps it to
    /// another user, in words ("host UID 100000 (`--uidmap 0:100000:65536`)"), and the
    /// setting; `None` when root is the host's root (no remapping the command shows).
    pub fn root_on_host(&self) -> Option<RootOnHost> {
        if self.engine() != Engine::Podman {
            return None;
        }
        for map in &self.uid_maps {
            let Some(value) = map.get() else { continue };
            let fields: Vec<&str> = value.trim_start_matches('+').split(':').collect();
            if let [container, host, _] = fields.as_slice() {
                if *container == "0" && *host != "0" {
                    return Some(RootOnHost {
                        meaning: format!("host UID {host} (`--uidmap {value}`)"),
                        span: map.span,
                        keep_id: false,
                    });
                }
            }
        }
        let userns = self.namespaces.userns.as_ref()?;
        let NamespaceMode::Other(mode) = userns.get()? else {
            return None;
        };
        let mode = mode.split(':').next()?;
        let meaning = match mode {
            "auto" => "an unused host UID of podman's subordinate range (`--userns=auto`)",
            "nomap" => "a subordinate host UID, and the user who starts podman is not mapped at all (`--userns=nomap`)",
            "keep-id" => "a subordinate host UID (`--userns=keep-id`)",
            _ => return None,
        };
        Some(RootOnHost {
            meaning: meaning.to_string(),
            span: userns.span,
            keep_id: mode == "keep-id",
        })
    }

    /// The security options the engine accepts, in order.
    pub fn accepted_security_opts(&self) -> impl Iterator<Item = &SecurityOpt> {
        self.security_opt.iter().filter(|opt| opt.accepted)
    }

    /// The accepted security options with this key (e.g. `"seccomp"`), in order.
    pub fn security_opts<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a SecurityOpt> {
        self.accepted_security_opts()
            .filter(move |opt| opt.key == key)
    }

    /// The last security option with this key: the one the engine applies.
    pub fn security_opt<'a>(&'a self, key: &'a str) -> Option<&'a SecurityOpt> {
        self.security_opts(key).last()
    }

    /// Whether nerdctl's `privileged-without-host-devices` is on (bare or true): a
    /// privileged container then gets none of the host's devices.
    pub fn keeps_host_devices_out(&self) -> bool {
        self.security_opt("privileged-without-host-devices")
            .is_some_and(|opt| {
                opt.value.as_deref().is_none_or(str::is_empty) || opt.switch == Some(true)
            })
    }
}
