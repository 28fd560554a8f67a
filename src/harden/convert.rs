//! Run → Compose: the containers of `docker run`-like commands as one Compose file.
//!
//! Reads the model the run front-end builds (each command's flags in order, its
//! image and command words); every flag becomes a Compose key or an entry of
//! `unconverted` with the reason, never dropped silently.

use super::{harden, HardenOptions, Hardened};
use crate::analyze::{analyze, AnalyzeOptions, InputKind};
use crate::diagnostic::{Diagnostic, Locator};
use crate::json::{JsonWriter, ToJson};
use crate::model::{Container, RunFlag, Setting};
use crate::span::{Range, Span};
use crate::values::{csv_record, decimal};
use yaml::Node;
use Target::*;

mod yaml;

/// The converted file and what it could not carry over.
#[derive(Debug)]
pub struct Conversion {
    pub compose: String,
    pub services: Vec<ConvertedService>,
    pub unconverted: Vec<Unconverted>,
    /// The analysis of the input (its syntax problems included).
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Debug)]
pub struct ConvertedService {
    pub name: String,
    /// The command it comes from, in the input.
    pub range: Range,
    pub byte_range: [u32; 2],
}

/// A flag with no Compose equivalent.
#[derive(Debug, PartialEq)]
pub struct Unconverted {
    /// As written (`--rm`).
    pub flag: String,
    pub reason: String,
    /// Where it is in the input.
    pub range: Range,
    pub byte_range: [u32; 2],
}

/// An [`Unconverted`] while converting, before positions are computed.
struct LeftOut {
    flag: String,
    span: Span,
    reason: String,
}

/// A conversion hardened in the same step.
#[derive(Debug)]
pub struct HardenedConversion {
    pub conversion: Conversion,
    /// The converted file with the profile's fixes applied; its changes are placed
    /// in `conversion.compose`, the file before hardening.
    pub hardened: Hardened,
}

impl ToJson for Conversion {
    fn write_json(&self, out: &mut JsonWriter) {
        out.object(&[
            ("compose", &self.compose),
            ("services", &self.services),
            ("unconverted", &self.unconverted),
            ("diagnostics", &self.diagnostics),
        ]);
    }
}

impl ToJson for ConvertedService {
    fn write_json(&self, out: &mut JsonWriter) {
        out.object(&[
            ("name", &self.name),
            ("range", &self.range),
            ("byteRange", &self.byte_range),
        ]);
    }
}

impl ToJson for Unconverted {
    fn write_json(&self, out: &mut JsonWriter) {
        out.object(&[
            ("flag", &self.flag),
            ("reason", &self.reason),
            ("range", &self.range),
            ("byteRange", &self.byte_range),
        ]);
    }
}

impl ToJson for HardenedConversion {
    fn write_json(&self, out: &mut JsonWriter) {
        out.object(&[
            ("conversion", &self.conversion),
            ("hardened", &self.hardened),
        ]);
    }
}

/// Converts the run commands of `text`.
pub fn to_compose(text: &str, options: &AnalyzeOptions) -> Conversion {
    let options = AnalyzeOptions {
        input: InputKind::Run,
        ..options.clone()
    };
    let analysis = analyze(text, &options);
    let locator = Locator::new(text);
    let names = service_names(&analysis.containers);
    let mut root = Node::Map(Vec::new());
    root.entry("services");
    let mut left_out = Vec::new();
    for (container, name) in analysis.containers.iter().zip(&names) {
        let service = convert(container, &names, &mut root, &mut left_out);
        root.entry("services").set(name, service);
    }
    Conversion {
        compose: yaml::write(&root),
        services: analysis
            .containers
            .iter()
            .zip(names)
            .map(|(container, name)| ConvertedService {
                name,
                range: locator.range(container.span),
                byte_range: [container.span.start, container.span.end],
            })
            .collect(),
        unconverted: left_out
            .into_iter()
            .map(|LeftOut { flag, span, reason }| Unconverted {
                flag,
                reason,
                range: locator.range(span),
                byte_range: [span.start, span.end],
            })
            .collect(),
        diagnostics: analysis.diagnostics,
    }
}

/// Converts the run commands of `text`, then hardens the Compose file with
/// `options` (its profile, and whether unsafe fixes apply).
pub fn to_compose_hardened(text: &str, options: &HardenOptions) -> HardenedConversion {
    let conversion = to_compose(text, &options.analyze);
    let compose_options = HardenOptions {
        analyze: AnalyzeOptions {
            input: InputKind::Compose,
            ..options.analyze.clone()
        },
        include_unsafe: options.include_unsafe,
    };
    let hardened = harden(&conversion.compose, &compose_options);
    HardenedConversion {
        conversion,
        hardened,
    }
}

/// Service names: `--name`, else the image's last path segment without tag or
/// digest, made a valid Compose name and unique (`nginx`, `nginx-2`).
fn service_names(containers: &[Container]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for container in containers {
        let named = container.run_flags.iter().any(|flag| flag.name == "name");
        let base = if named {
            container.name.clone()
        } else {
            let image = container
                .image
                .as_ref()
                .map_or("", |image| image.raw.as_str());
            let last = image.rsplit('/').next().unwrap_or_default();
            last.split(['@', ':'])
                .next()
                .unwrap_or_default()
                .to_string()
        };
        let mut base: String = base
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || "._-".contains(c) {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        if base.trim_matches('-').is_empty() {
            base = "service".to_string();
        }
        let mut name = base.clone();
        let mut number = 2;
        while names.contains(&name) {
            name = format!("{base}-{number}");
            number += 1;
        }
        names.push(name);
    }
    names
}

/// The value as Compose should read it: `$` doubled in known values (Compose would
/// interpolate it); unknown values keep their `$VAR` for Compose to interpolate,
/// with `$(pwd)` read as the project directory. An error for a command
/// substitution Compose cannot run.
fn compose_text(setting: &Setting<String>) -> Result<String, String> {
    match &setting.value {
        Some(value) => Ok(value.replace('$', "$$")),
        None => {
            let text = setting
                .raw
                .replace("$(pwd)", ".")
                .replace("`pwd`", ".")
                .replace("${PWD}", ".")
                .replace("$PWD", ".");
            if text.contains("$(") || text.contains('`') {
                Err("its value runs a command (`$(...)`), which Compose cannot run".to_string())
            } else {
                Ok(text)
            }
        }
    }
}

/// Where a flag goes in a Compose service (a dotted path: `healthcheck.interval`),
/// or why it cannot.
#[derive(Clone, Copy)]
enum Target {
    /// `true` or `false`.
    Switch(&'static str),
    /// The value as text.
    Text(&'static str),
    /// A number, written plain when the value is one (`512m` stays text).
    Number(&'static str),
    /// Each value appended to a list.
    List(&'static str),
    /// `NAME=VALUE` set in a map.
    Map(&'static str),
    /// A shape of its own, written by the function.
    Shaped(&'static str, Shaper),
    /// A setting of the container's first network (`networks.<net>.KEY`).
    NetworkOption(&'static str),
    /// No Compose equivalent: why.
    NoEquivalent(&'static str),
}

/// Writes one value of a flag at its path; an error says why it cannot.
type Shaper = fn(&mut Converting, &'static str, &str) -> Result<(), String>;

const STREAMS: &str =
    "attaching to the container's streams is chosen when starting (`docker compose up`, `attach`), not in the file";
const CLI_ONLY: &str = "an option of the docker command itself, not of the container";
const WINDOWS_IO: &str = "a Windows-only I/O limit Compose has no key for";

/// Every flag of docker's `run` and `create` (`knowledge::flags::DOCKER`), by long
/// name, with its place in Compose or the reason it has none.
static FLAGS: &[(&str, Target)] = &[
    ("add-host", List("extra_hosts")),
    ("annotation", List("annotations")),
    ("attach", NoEquivalent(STREAMS)),
    ("blkio-weight", Number("blkio_config.weight")),
    ("blkio-weight-device", Shaped("blkio_config.weight_device", weight_device)),
    ("cap-add", List("cap_add")),
    ("cap-drop", List("cap_drop")),
    ("cgroup-parent", Text("cgroup_parent")),
    ("cgroupns", Text("cgroup")),
    ("cidfile", NoEquivalent("Compose has no key that writes the container ID to a file")),
    ("cpu-count", Number("cpu_count")),
    ("cpu-percent", Number("cpu_percent")),
    ("cpu-period", Number("cpu_period")),
    ("cpu-quota", Number("cpu_quota")),
    ("cpu-rt-period", Number("cpu_rt_period")),
    ("cpu-rt-runtime", Number("cpu_rt_runtime")),
    ("cpu-shares", Number("cpu_shares")),
    ("cpus", Number("cpus")),
    ("cpuset-cpus", Text("cpuset")),
    ("cpuset-mems", NoEquivalent("Compose has no key for the memory nodes a container may use (its `cpuset` holds the CPUs)")),
    ("detach", NoEquivalent("detaching is chosen when starting (`docker compose up -d`), not in the file")),
    ("detach-keys", NoEquivalent(STREAMS)),
    ("device", List("devices")),
    ("device-cgroup-rule", List("device_cgroup_rules")),
    ("device-read-bps", Shaped("blkio_config.device_read_bps", throttle)),
    ("device-read-iops", Shaped("blkio_config.device_read_iops", throttle)),
    ("device-write-bps", Shaped("blkio_config.device_write_bps", throttle)),
    ("device-write-iops", Shaped("blkio_config.device_write_iops", throttle)),
    ("disable-content-trust", NoEquivalent(CLI_ONLY)),
    ("dns", List("dns")),
    ("dns-option", List("dns_opt")),
    ("dns-search", List("dns_search")),
    ("domainname", Text("domainname")),
    ("entrypoint", Shaped("entrypoint", entrypoint)),
    ("env", List("environment")),
    ("env-file", List("env_file")),
    ("expose", List("expose")),
    ("gpus", Shaped("gpus", gpus)),
    ("group-add", List("group_add")),
    ("health-cmd", Shaped("healthcheck.test", health_cmd)),
    ("health-interval", Text("healthcheck.interval")),
    ("health-retries", Number("healthcheck.retries")),
    ("health-start-interval", Text("healthcheck.start_interval")),
    ("health-start-period", Text("healthcheck.start_period")),
    ("health-timeout", Text("healthcheck.timeout")),
    ("help", NoEquivalent(CLI_ONLY)),
    ("hostname", Text("hostname")),
    ("init", Switch("init")),
    ("interactive", Switch("stdin_open")),
    ("io-maxbandwidth", NoEquivalent(WINDOWS_IO)),
    ("io-maxiops", NoEquivalent(WINDOWS_IO)),
    ("ip", NetworkOption("ipv4_address")),
    ("ip6", NetworkOption("ipv6_address")),
    ("ipc", Shaped("ipc", joined_namespace)),
    ("isolation", Text("isolation")),
    ("kernel-memory", NoEquivalent("kernel memory limits are deprecated (cgroup v2 has none) and Compose has no key for them")),
    ("label", List("labels")),
    ("label-file", List("label_file")),
    ("link", Shaped("links", link)),
    ("link-local-ip", NetworkOption("link_local_ips")),
    ("log-driver", Text("logging.driver")),
    ("log-opt", Map("logging.options")),
    ("mac-address", Text("mac_address")),
    ("memory", Number("mem_limit")),
    ("memory-reservation", Number("mem_reservation")),
    ("memory-swap", Number("memswap_limit")),
    ("memory-swappiness", Number("mem_swappiness")),
    ("mount", Shaped("volumes", long_mount)),
    ("name", Text("container_name")),
    ("network", Shaped("networks", network)),
    ("network-alias", NetworkOption("aliases")),
    ("no-healthcheck", Switch("healthcheck.disable")),
    ("oom-kill-disable", Switch("oom_kill_disable")),
    ("oom-score-adj", Number("oom_score_adj")),
    ("pid", Text("pid")),
    ("pids-limit", Number("pids_limit")),
    ("platform", Text("platform")),
    ("privileged", Switch("privileged")),
    ("publish", List("ports")),
    ("publish-all", NoEquivalent("Compose has no key that publishes every exposed port; list them under `ports`")),
    ("pull", Text("pull_policy")),
    ("quiet", NoEquivalent(CLI_ONLY)),
    ("read-only", Switch("read_only")),
    ("restart", Text("restart")),
    ("rm", NoEquivalent("Compose keeps a stopped container until `docker compose down`; a service has no auto-remove key (`docker compose run --rm` is chosen when starting)")),
    ("runtime", Text("runtime")),
    ("security-opt", List("security_opt")),
    ("shm-size", Number("shm_size")),
    ("sig-proxy", NoEquivalent(STREAMS)),
    ("stop-signal", Text("stop_signal")),
    ("stop-timeout", Shaped("stop_grace_period", stop_timeout)),
    ("storage-opt", Map("storage_opt")),
    ("sysctl", List("sysctls")),
    ("tmpfs", List("tmpfs")),
    ("tty", Switch("tty")),
    ("ulimit", Shaped("ulimits", ulimit)),
    ("use-api-socket", Switch("use_api_socket")),
    ("user", Text("user")),
    ("userns", Text("userns_mode")),
    ("uts", Text("uts")),
    ("volume", Shaped("volumes", volume)),
    ("volume-driver", NoEquivalent("Compose sets a volume's driver on the volume: add `driver:` to the top-level `volumes` this command uses")),
    ("volumes-from", Shaped("volumes_from", volumes_from)),
    ("workdir", Text("working_dir")),
];

/// Where a flag goes, by long name; `None` for flags docker does not have.
fn target(flag: &str) -> Option<Target> {
    FLAGS
        .iter()
        .find(|(name, _)| *name == flag)
        .map(|(_, target)| *target)
}

/// One service being written, with what its flags need from the rest of the file.
struct Converting<'a> {
    /// Every service of the file, for flags that name another container.
    names: &'a [String],
    service: Node,
    root: &'a mut Node,
    /// The `--network` values in order: name and own settings (`alias=`, `ip=`).
    networks: Vec<(String, Node)>,
    /// The settings of the first network given by their own flags (`--ip`).
    network_options: Vec<(&'static str, String, &'a RunFlag)>,
    unconverted: &'a mut Vec<LeftOut>,
}

fn convert(
    container: &Container,
    names: &[String],
    root: &mut Node,
    unconverted: &mut Vec<LeftOut>,
) -> Node {
    let mut service = Node::Map(Vec::new());
    if let Some(image) = &container.image {
        match compose_text(image) {
            Ok(image) => service.set("image", Node::text(image)),
            Err(reason) => unconverted.push(LeftOut {
                flag: "image".into(),
                span: image.span,
                reason,
            }),
        }
    }
    let mut converting = Converting {
        names,
        service,
        root,
        networks: Vec::new(),
        network_options: Vec::new(),
        unconverted,
    };
    for flag in &container.run_flags {
        let result = match target(flag.name) {
            None => Err(format!(
                "`--{}` is not a flag of docker's `run`, and Compose has no key shipshape knows for it",
                flag.name
            )),
            Some(target) => flag.items.iter().try_for_each(|item| {
                let value = compose_text(item)?;
                converting.apply(target, flag, &value)
            }),
        };
        if let Err(reason) = result {
            converting.unconverted.push(unconverted_flag(flag, reason));
        }
    }
    converting.write_networks();
    let Converting {
        mut service,
        unconverted,
        ..
    } = converting;
    if !container.command.is_empty() {
        let mut words = Vec::new();
        for word in &container.command {
            match compose_text(word) {
                Ok(text) => words.push(Node::text(text)),
                Err(reason) => unconverted.push(LeftOut {
                    flag: "command".into(),
                    span: word.span,
                    reason,
                }),
            }
        }
        service.set("command", Node::Seq(words));
    }
    service
}

impl<'a> Converting<'a> {
    /// Writes one value of `flag`.
    fn apply(&mut self, target: Target, flag: &'a RunFlag, value: &str) -> Result<(), String> {
        match target {
            Switch(path) => self.set(path, switch(value)),
            Text(path) => self.set(path, Node::text(value)),
            Number(path) => self.set(path, number(value)),
            List(path) => {
                let (map, key) = parent(&mut self.service, path);
                map.push(key, Node::text(value));
            }
            Map(path) => {
                let (name, setting) = value
                    .split_once('=')
                    .ok_or_else(|| format!("`{value}` is not KEY=VALUE"))?;
                let (map, key) = parent(&mut self.service, path);
                map.entry(key).set(name, Node::text(setting));
            }
            Shaped(path, shape) => return shape(self, path, value),
            NetworkOption(key) => self.network_options.push((key, value.to_string(), flag)),
            NoEquivalent(reason) => return Err(reason.to_string()),
        }
        Ok(())
    }

    fn set(&mut self, path: &str, value: Node) {
        let (map, key) = parent(&mut self.service, path);
        map.set(key, value);
    }

    /// Whether `name` is another converted container.
    fn is_service(&self, name: &str) -> bool {
        self.names.iter().any(|known| known == name)
    }

    /// The first `--network` that is a namespace (`host`, `none`, `bridge`,
    /// `container:X`) becomes `network_mode`; named networks (and every later
    /// one) go under `networks`, declared external as `docker run` needs them to
    /// exist. Settings given by their own flags (`--ip`, `--network-alias`) belong
    /// to the first network, as docker applies them; with no `--network`, to
    /// Compose's default network.
    fn write_networks(&mut self) {
        let mut networks = once_each(std::mem::take(&mut self.networks));
        let options = std::mem::take(&mut self.network_options);
        let mode = match networks.first() {
            Some((name, settings)) if *settings == Node::Map(Vec::new()) => self.network_mode(name),
            _ => None,
        };
        if let Some(mode) = &mode {
            networks.remove(0);
            for (_, _, flag) in &options {
                let reason = format!("Compose sets it on a network the service joins, and `network_mode: {mode}` joins none");
                self.unconverted.push(unconverted_flag(flag, reason));
            }
            self.service.set("network_mode", Node::text(mode));
        }
        // Compose's own network, which needs no declaration.
        let compose_default = mode.is_none() && networks.is_empty() && !options.is_empty();
        if compose_default {
            networks.push(("default".to_string(), Node::Map(Vec::new())));
        }
        if mode.is_none() && !options.is_empty() {
            let settings = &mut networks[0].1;
            for (key, value, _) in options {
                // The list settings gather every occurrence; the others, the last.
                if matches!(key, "aliases" | "link_local_ips") {
                    settings.push(key, Node::text(value));
                } else {
                    settings.set(key, Node::text(value));
                }
            }
        }
        if networks.is_empty() {
            return;
        }
        for (name, _) in networks.iter().filter(|_| !compose_default) {
            let declared = self.root.entry("networks").entry(name);
            declared.set("name", Node::text(name.as_str()));
            declared.set("external", Node::Plain("true".into()));
        }
        let plain = networks
            .iter()
            .all(|(_, settings)| *settings == Node::Map(Vec::new()));
        let joined = if plain {
            Node::Seq(
                networks
                    .into_iter()
                    .map(|(name, _)| Node::text(name))
                    .collect(),
            )
        } else {
            Node::Map(networks)
        };
        self.service.set("networks", joined);
    }

    /// The `network_mode` a network name stands for, if it is a namespace rather
    /// than a network: `container:X` joins service X when X is converted too.
    fn network_mode(&self, name: &str) -> Option<String> {
        match name {
            "host" | "none" | "bridge" => Some(name.to_string()),
            "default" => Some("bridge".to_string()),
            _ => name
                .strip_prefix("container:")
                .map(|joined| self.joined(joined)),
        }
    }

    /// `service:X` for a converted container X, `container:X` for another one.
    fn joined(&self, container: &str) -> String {
        if self.is_service(container) {
            format!("service:{container}")
        } else {
            format!("container:{container}")
        }
    }
}

/// The map that holds the last key of a dotted `path` (created as needed), and that key.
fn parent<'n, 'p>(node: &'n mut Node, path: &'p str) -> (&'n mut Node, &'p str) {
    match path.split_once('.') {
        Some((first, rest)) => parent(node.entry(first), rest),
        None => (node, path),
    }
}

fn unconverted_flag(flag: &RunFlag, reason: String) -> LeftOut {
    LeftOut {
        flag: flag.written.clone(),
        span: flag.span,
        reason,
    }
}

/// A boolean written plain; a value left to Compose's interpolation stays text.
fn switch(value: &str) -> Node {
    match value {
        "true" | "false" => Node::Plain(value.to_string()),
        _ => Node::text(value),
    }
}

/// A number written plain when it is one, quoted otherwise (so `${CPUS}` stays text).
fn number(value: &str) -> Node {
    if decimal(value).is_some() {
        Node::Plain(value.to_string())
    } else {
        Node::text(value)
    }
}

/// A boolean as docker reads `readonly=` and the like (Go's `strconv.ParseBool`).
fn go_bool(value: &str) -> Result<Node, String> {
    match crate::values::go_bool(value) {
        Some(on) => Ok(Node::Plain(on.to_string())),
        None => Err(format!("`{value}` is not true or false")),
    }
}

/// `--blkio-weight-device PATH:WEIGHT` → `{path, weight}`.
fn weight_device(
    converting: &mut Converting,
    path: &'static str,
    value: &str,
) -> Result<(), String> {
    let (device, weight) = value
        .split_once(':')
        .ok_or_else(|| format!("`{value}` is not PATH:WEIGHT"))?;
    let entry = Node::Map(vec![
        ("path".into(), Node::text(device)),
        ("weight".into(), number(weight)),
    ]);
    let (map, key) = parent(&mut converting.service, path);
    map.push(key, entry);
    Ok(())
}

/// `--device-read-bps PATH:RATE` and the like → `{path, rate}`.
fn throttle(converting: &mut Converting, path: &'static str, value: &str) -> Result<(), String> {
    let (device, rate) = value
        .split_once(':')
        .ok_or_else(|| format!("`{value}` is not PATH:RATE"))?;
    let entry = Node::Map(vec![
        ("path".into(), Node::text(device)),
        ("rate".into(), number(rate)),
    ]);
    let (map, key) = parent(&mut converting.service, path);
    map.push(key, entry);
    Ok(())
}

/// docker's entrypoint is one executable: a one-item list; `--entrypoint ""`
/// clears the image's, as `entrypoint: []` does.
fn entrypoint(converting: &mut Converting, path: &'static str, value: &str) -> Result<(), String> {
    let words = if value.is_empty() {
        Vec::new()
    } else {
        vec![Node::text(value)]
    };
    converting.set(path, Node::Seq(words));
    Ok(())
}

/// `--health-cmd` runs in a shell.
fn health_cmd(converting: &mut Converting, path: &'static str, value: &str) -> Result<(), String> {
    converting.set(
        path,
        Node::Seq(vec![Node::text("CMD-SHELL"), Node::text(value)]),
    );
    Ok(())
}

/// `--ipc container:X` → `service:X` when X is converted too.
fn joined_namespace(
    converting: &mut Converting,
    path: &'static str,
    value: &str,
) -> Result<(), String> {
    let mode = match value.strip_prefix("container:") {
        Some(container) => converting.joined(container),
        None => value.to_string(),
    };
    converting.set(path, Node::text(mode));
    Ok(())
}

/// `--link NAME[:ALIAS]`: `links` for a converted container, else `external_links`.
fn link(converting: &mut Converting, path: &'static str, value: &str) -> Result<(), String> {
    let name = value.split(':').next().unwrap_or_default();
    let key = if converting.is_service(name) {
        path
    } else {
        "external_links"
    };
    converting.service.push(key, Node::text(value));
    Ok(())
}

/// `--volumes-from NAME[:ro|rw]`: Compose reads a bare name as a service, so
/// other containers get `container:`.
fn volumes_from(
    converting: &mut Converting,
    path: &'static str,
    value: &str,
) -> Result<(), String> {
    let name = value.split(':').next().unwrap_or_default();
    let entry = if converting.is_service(name) {
        value.to_string()
    } else {
        format!("container:{value}")
    };
    converting.service.push(path, Node::text(entry));
    Ok(())
}

/// `--stop-timeout` counts seconds; Compose takes a duration.
fn stop_timeout(
    converting: &mut Converting,
    path: &'static str,
    value: &str,
) -> Result<(), String> {
    converting.set(path, Node::text(format!("{value}s")));
    Ok(())
}

/// `--ulimit nofile=1024:2048` → `ulimits: {nofile: {soft: 1024, hard: 2048}}`.
fn ulimit(converting: &mut Converting, path: &'static str, value: &str) -> Result<(), String> {
    let (name, limits) = value
        .split_once('=')
        .ok_or_else(|| format!("`{value}` is not NAME=SOFT[:HARD]"))?;
    let node = match limits.split_once(':') {
        Some((soft, hard)) => Node::Map(vec![
            ("soft".into(), number(soft)),
            ("hard".into(), number(hard)),
        ]),
        None => number(limits),
    };
    converting.service.entry(path).set(name, node);
    Ok(())
}

/// `-v SRC:DST[:OPTS]`: the same short syntax; a named volume is declared at the
/// top level under its own name, as `docker run` would create or reuse it.
fn volume(converting: &mut Converting, path: &'static str, value: &str) -> Result<(), String> {
    let source = value.split(':').next().unwrap_or_default();
    let is_named = value.contains(':')
        && !source.is_empty()
        && !source.contains('/')
        && !source.starts_with(['.', '~', '$']);
    if is_named {
        declare_volume(converting.root, source);
    }
    converting.service.push(path, Node::text(value));
    Ok(())
}

/// A named volume under the top-level `volumes`, by its own name.
fn declare_volume<'n>(root: &'n mut Node, name: &str) -> &'n mut Node {
    let declared = root.entry("volumes").entry(name);
    declared.set("name", Node::text(name));
    declared
}

/// `--mount type=...,src=...` (CSV, so `"source=/a,b"` is one field): Compose's
/// long syntax with its own key names; the volume driver's settings go to the
/// volume's top-level declaration.
fn long_mount(converting: &mut Converting, path: &'static str, value: &str) -> Result<(), String> {
    let mut mount = Node::Map(vec![("type".into(), Node::text("volume"))]);
    // The top-level declaration's settings: driver, driver_opts, labels.
    let mut declaration = Node::Map(Vec::new());
    for field in csv_record(value) {
        let (key, setting) = match field.split_once('=') {
            Some((key, setting)) => (key, Some(setting)),
            None => (field.as_str(), None),
        };
        let text = || Node::text(setting.unwrap_or_default());
        let flag = || go_bool(setting.unwrap_or("true"));
        match key.to_ascii_lowercase().as_str() {
            "type" => mount.set("type", text()),
            "source" | "src" => mount.set("source", text()),
            "target" | "destination" | "dst" => mount.set("target", text()),
            "readonly" | "ro" => mount.set("read_only", flag()?),
            "consistency" => mount.set("consistency", text()),
            "bind-propagation" => mount.entry("bind").set("propagation", text()),
            "bind-recursive" => mount.entry("bind").set("recursive", text()),
            // podman's SELinux relabelling: `z` shares the label, `Z` keeps it private.
            "relabel" => {
                let selinux = match setting.unwrap_or_default() {
                    "shared" => "z",
                    "private" => "Z",
                    other => {
                        return Err(format!("`relabel={other}` is neither shared nor private"))
                    }
                };
                mount.entry("bind").set("selinux", Node::text(selinux));
            }
            "bind-nonrecursive" => {
                if flag()? == Node::Plain("true".into()) {
                    mount.entry("bind").set("recursive", Node::text("disabled"));
                }
            }
            "volume-nocopy" => mount.entry("volume").set("nocopy", flag()?),
            "volume-subpath" => mount.entry("volume").set("subpath", text()),
            "volume-driver" => declaration.set("driver", text()),
            "volume-opt" | "volume-label" => {
                let setting = setting.unwrap_or_default();
                let (name, option) = setting.split_once('=').unwrap_or((setting, ""));
                let key = if key == "volume-opt" {
                    "driver_opts"
                } else {
                    "labels"
                };
                declaration.entry(key).set(name, Node::text(option));
            }
            "tmpfs-size" => mount
                .entry("tmpfs")
                .set("size", number(setting.unwrap_or_default())),
            "tmpfs-mode" => {
                // Octal for docker, and in YAML only with its `0o`.
                let mode = setting.unwrap_or_default();
                if mode.is_empty() || !mode.chars().all(|c| ('0'..='7').contains(&c)) {
                    return Err(format!("`tmpfs-mode={mode}` is not an octal mode"));
                }
                mount
                    .entry("tmpfs")
                    .set("mode", Node::Plain(format!("0o{mode}")));
            }
            "image-subpath" => mount.entry("image").set("subpath", text()),
            _ => {
                return Err(format!(
                    "its field `{key}` has no place in Compose's long volume syntax"
                ))
            }
        }
    }
    let kind = match &mount {
        Node::Map(entries) => entries[0].1.clone(),
        _ => unreachable!("the mount is a map"),
    };
    let source = match &mount {
        Node::Map(entries) => entries
            .iter()
            .find(|(key, _)| key == "source")
            .map(|(_, source)| source.clone()),
        _ => None,
    };
    match (&kind, source) {
        (Node::Text(kind), Some(Node::Text(source))) if kind == "volume" => {
            let declared = declare_volume(converting.root, &source);
            if let Node::Map(settings) = declaration {
                for (key, setting) in settings {
                    declared.set(&key, setting);
                }
            }
        }
        _ if declaration != Node::Map(Vec::new()) => {
            return Err(
                "its volume driver settings need a named volume to declare them on".to_string(),
            )
        }
        (Node::Text(kind), _) if kind == "bind" => {
            // `--mount type=bind` fails on a missing source; Compose would create it.
            mount
                .entry("bind")
                .set("create_host_path", Node::Plain("false".into()));
        }
        _ => {}
    }
    converting.service.push(path, mount);
    Ok(())
}

/// Each network once, in the order first given: a network named twice is one key
/// in Compose, with the settings of every mention (the later ones win).
fn once_each(networks: Vec<(String, Node)>) -> Vec<(String, Node)> {
    let mut once: Vec<(String, Node)> = Vec::with_capacity(networks.len());
    for (name, settings) in networks {
        match once.iter_mut().find(|(seen, _)| *seen == name) {
            Some((_, earlier)) => {
                if let Node::Map(entries) = settings {
                    for (key, value) in entries {
                        earlier.set(&key, value);
                    }
                }
            }
            None => once.push((name, settings)),
        }
    }
    once
}

/// `--network NAME` or `--network name=NAME,alias=A,ip=...` (CSV): the network
/// and its settings, written when the service is complete.
fn network(converting: &mut Converting, _path: &'static str, value: &str) -> Result<(), String> {
    if !value.contains('=') {
        converting
            .networks
            .push((value.to_string(), Node::Map(Vec::new())));
        return Ok(());
    }
    let mut name = None;
    let mut settings = Node::Map(Vec::new());
    for field in csv_record(value) {
        let (key, setting) = field
            .split_once('=')
            .ok_or_else(|| format!("its field `{field}` is not KEY=VALUE"))?;
        match key {
            "name" => name = Some(setting.to_string()),
            "alias" => settings.push("aliases", Node::text(setting)),
            "ip" => settings.set("ipv4_address", Node::text(setting)),
            "ip6" => settings.set("ipv6_address", Node::text(setting)),
            "link-local-ip" => settings.push("link_local_ips", Node::text(setting)),
            "mac-address" => settings.set("mac_address", Node::text(setting)),
            "gw-priority" => settings.set("gw_priority", number(setting)),
            "driver-opt" => {
                let (option, option_value) = setting.split_once('=').unwrap_or((setting, ""));
                settings
                    .entry("driver_opts")
                    .set(option, Node::text(option_value));
            }
            _ => {
                return Err(format!(
                    "its field `{key}` is not a network setting docker knows"
                ))
            }
        }
    }
    let name = name.ok_or("it names no network (`name=`)")?;
    converting.networks.push((name, settings));
    Ok(())
}

/// `--gpus all`, `--gpus 2`, `--gpus '"device=0,1",capabilities=compute'` (CSV) →
/// `gpus: all` or one device request. Without a count or devices docker takes
/// one GPU; Compose would take them all, so the count is written.
fn gpus(converting: &mut Converting, path: &'static str, value: &str) -> Result<(), String> {
    if value == "all" {
        converting.set(path, Node::text("all"));
        return Ok(());
    }
    let count = |count: &str| match count {
        "all" => Ok(Node::text("all")),
        _ if count.parse::<u32>().is_ok() => Ok(Node::Plain(count.to_string())),
        _ => Err(format!("`{count}` is not a GPU count")),
    };
    let mut request = Node::Map(Vec::new());
    let (mut counted, mut listed) = (false, false);
    for field in csv_record(value) {
        match field.split_once('=') {
            None | Some(("count", _)) => {
                let number = field.strip_prefix("count=").unwrap_or(&field);
                request.set("count", count(number)?);
                counted = true;
            }
            Some(("device", ids)) => {
                for id in ids.split(',') {
                    request.push("device_ids", Node::text(id));
                }
                listed = true;
            }
            Some(("driver", driver)) => request.set("driver", Node::text(driver)),
            Some(("capabilities", capabilities)) => {
                for capability in capabilities.split(',') {
                    request.push("capabilities", Node::text(capability));
                }
            }
            Some(("options", options)) => {
                for option in csv_record(options) {
                    let (name, setting) = option.split_once('=').unwrap_or((&option, ""));
                    request.entry("options").set(name, Node::text(setting));
                }
            }
            Some((key, _)) => {
                return Err(format!(
                "`{key}` is not a GPU request key (count, device, driver, capabilities, options)"
            ))
            }
        }
    }
    match (counted, listed) {
        (true, true) => {
            return Err("it asks for a count and for devices, which the engine refuses (several devices are quoted: '\"device=0,1\"')".to_string())
        }
        (false, false) => request.set("count", Node::Plain("1".into())),
        _ => {}
    }
    converting.service.push(path, request);
    Ok(())
}

#[cfg(test)]
mod tests;
