//! Run → Compose: the containers of `docker run`-like commands as one Compose file.
//!
//! Reads the model the run front-end builds (each command's flags in order, its
//! image and command words); every flag becomes a Compose key or an entry of
//! `unconverted` with the reason, never dropped silently.

use crate::analyze::{analyze, AnalyzeOptions, InputKind};
use crate::diagnostic::Diagnostic;
use crate::model::{Container, RunFlag, Setting};
use crate::span::Span;
use serde::Serialize;
use yaml::Node;

mod yaml;

/// The converted file and what it could not carry over.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Conversion {
    pub compose: String,
    pub services: Vec<ConvertedService>,
    pub unconverted: Vec<Unconverted>,
    /// The analysis of the input (its syntax problems included).
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConvertedService {
    pub name: String,
    /// The command it comes from.
    pub from_range: Span,
}

/// A flag with no Compose equivalent.
#[derive(Debug, PartialEq, Serialize)]
pub struct Unconverted {
    /// As written (`--rm`).
    pub flag: String,
    pub range: Span,
    pub reason: String,
}

/// Converts the run commands of `text`.
pub fn to_compose(text: &str, options: &AnalyzeOptions) -> Conversion {
    let options = AnalyzeOptions {
        input: InputKind::Run,
        ..options.clone()
    };
    let analysis = analyze(text, &options);
    let names = service_names(&analysis.containers);
    let mut root = Node::Map(Vec::new());
    root.entry("services");
    let mut unconverted = Vec::new();
    for (container, name) in analysis.containers.iter().zip(&names) {
        let mut service = Node::Map(Vec::new());
        convert(container, &names, &mut service, &mut root, &mut unconverted);
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
                from_range: container.span,
            })
            .collect(),
        unconverted,
        diagnostics: analysis.diagnostics,
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
/// with `$(pwd)` read as the project directory. `None` for a command substitution
/// Compose cannot run.
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

/// A Compose key that takes the value as it is, by flag name.
fn simple_key(flag: &str) -> Option<&'static str> {
    Some(match flag {
        "hostname" => "hostname",
        "domainname" => "domainname",
        "user" => "user",
        "workdir" => "working_dir",
        "ipc" => "ipc",
        "pid" => "pid",
        "uts" => "uts",
        "userns" => "userns_mode",
        "cgroupns" => "cgroup",
        "isolation" => "isolation",
        "runtime" => "runtime",
        "platform" => "platform",
        "restart" => "restart",
        "shm-size" => "shm_size",
        "stop-signal" => "stop_signal",
        "mac-address" => "mac_address",
        "cgroup-parent" => "cgroup_parent",
        "pull" => "pull_policy",
        "memory" => "mem_limit",
        "memory-reservation" => "mem_reservation",
        "memory-swap" => "memswap_limit",
        "cpuset-cpus" => "cpuset",
        "label-file" => "label_file",
        _ => return None,
    })
}

/// A Compose key holding a number, by flag name.
fn number_key(flag: &str) -> Option<&'static str> {
    Some(match flag {
        "cpus" => "cpus",
        "cpu-shares" => "cpu_shares",
        "cpu-period" => "cpu_period",
        "cpu-quota" => "cpu_quota",
        "cpu-rt-period" => "cpu_rt_period",
        "cpu-rt-runtime" => "cpu_rt_runtime",
        "cpu-count" => "cpu_count",
        "cpu-percent" => "cpu_percent",
        "pids-limit" => "pids_limit",
        "oom-score-adj" => "oom_score_adj",
        "memory-swappiness" => "mem_swappiness",
        _ => return None,
    })
}

/// A Compose list each occurrence adds to, by flag name.
fn list_key(flag: &str) -> Option<&'static str> {
    Some(match flag {
        "cap-add" => "cap_add",
        "cap-drop" => "cap_drop",
        "security-opt" => "security_opt",
        "group-add" => "group_add",
        "dns" => "dns",
        "dns-search" => "dns_search",
        "dns-option" | "dns-opt" => "dns_opt",
        "add-host" => "extra_hosts",
        "device" => "devices",
        "device-cgroup-rule" => "device_cgroup_rules",
        "expose" => "expose",
        "link" => "links",
        "volumes-from" => "volumes_from",
        "env" => "environment",
        "env-file" => "env_file",
        "label" => "labels",
        "annotation" => "annotations",
        "publish" => "ports",
        "tmpfs" => "tmpfs",
        "sysctl" => "sysctls",
        _ => return None,
    })
}

/// A boolean Compose key, by flag name.
fn switch_key(flag: &str) -> Option<&'static str> {
    Some(match flag {
        "privileged" => "privileged",
        "read-only" => "read_only",
        "init" => "init",
        "tty" => "tty",
        "interactive" => "stdin_open",
        "oom-kill-disable" => "oom_kill_disable",
        "use-api-socket" => "use_api_socket",
        _ => return None,
    })
}

/// Why a flag has no Compose equivalent, for those that have none.
fn no_equivalent(flag: &str) -> Option<&'static str> {
    Some(match flag {
        "rm" => "Compose keeps stopped containers until `docker compose down`; there is no auto-remove key",
        "detach" => "detaching is chosen when starting (`docker compose up -d`), not in the file",
        "attach" | "sig-proxy" | "detach-keys" => "attaching to the container's streams is chosen when starting, not in the file",
        "cidfile" => "Compose has no key that writes the container ID to a file",
        "publish-all" => "Compose has no key that publishes every exposed port; list them under `ports`",
        "quiet" | "disable-content-trust" | "help" => "an option of the CLI itself, not of the container",
        "kernel-memory" => "kernel memory limits are deprecated and Compose has no key for them",
        "io-maxbandwidth" | "io-maxiops" => "a Windows-only limit Compose has no key for",
        "volume-driver" => "Compose sets drivers per volume under the top-level `volumes`; declare it there",
        _ => return None,
    })
}

fn convert(
    container: &Container,
    names: &[String],
    service: &mut Node,
    root: &mut Node,
    unconverted: &mut Vec<Unconverted>,
) {
    if let Some(image) = &container.image {
        match compose_text(image) {
            Ok(image) => service.set("image", Node::text(image)),
            Err(reason) => unconverted.push(Unconverted {
                flag: "image".into(),
                range: image.span,
                reason,
            }),
        }
    }
    let mut network_seen = false;
    for flag in &container.run_flags {
        let value = match compose_text(&flag.value) {
            Ok(value) => value,
            Err(reason) => {
                unconverted.push(unconverted_flag(flag, reason));
                continue;
            }
        };
        if let Some(reason) = no_equivalent(flag.name) {
            unconverted.push(unconverted_flag(flag, reason.to_string()));
        } else if let Some(key) = switch_key(flag.name) {
            service.set(key, switch(&value));
        } else if let Some(key) = simple_key(flag.name) {
            service.set(key, Node::text(value));
        } else if let Some(key) = number_key(flag.name) {
            service.set(key, number(value));
        } else if let Some(key) = list_key(flag.name) {
            service.push(key, Node::text(value));
        } else {
            match flag.name {
                "name" => service.set("container_name", Node::text(value)),
                "entrypoint" => service.set("entrypoint", Node::Seq(vec![Node::text(value)])),
                "volume" => service.push("volumes", volume(&value, root)),
                "mount" => service.push("volumes", long_mount(&value, root)),
                "network" => {
                    network(&value, !network_seen, names, service, root);
                    network_seen = true;
                }
                "ulimit" => ulimit(&value, service),
                "gpus" => service.set("gpus", gpus(&value)),
                "health-cmd" => service.entry("healthcheck").set(
                    "test",
                    Node::Seq(vec![Node::text("CMD-SHELL"), Node::text(value)]),
                ),
                "health-interval" => service
                    .entry("healthcheck")
                    .set("interval", Node::text(value)),
                "health-timeout" => service
                    .entry("healthcheck")
                    .set("timeout", Node::text(value)),
                "health-start-period" => service
                    .entry("healthcheck")
                    .set("start_period", Node::text(value)),
                "health-start-interval" => service
                    .entry("healthcheck")
                    .set("start_interval", Node::text(value)),
                "health-retries" => service.entry("healthcheck").set("retries", number(value)),
                "no-healthcheck" => service.entry("healthcheck").set("disable", switch(&value)),
                "stop-timeout" => service.set("stop_grace_period", Node::text(format!("{value}s"))),
                "log-driver" => service.entry("logging").set("driver", Node::text(value)),
                "log-opt" | "storage-opt" => {
                    let key = if flag.name == "log-opt" {
                        "logging"
                    } else {
                        "storage_opt"
                    };
                    let (name, setting) = value.split_once('=').unwrap_or((&value, ""));
                    let map = service.entry(key);
                    let map = if key == "logging" {
                        map.entry("options")
                    } else {
                        map
                    };
                    map.set(name, Node::text(setting));
                }
                "blkio-weight" => service.entry("blkio_config").set("weight", number(value)),
                _ => unconverted.push(unconverted_flag(
                    flag,
                    format!("shipshape does not convert `--{}` yet", flag.name),
                )),
            }
        }
    }
    if !container.command.is_empty() {
        let mut words = Vec::new();
        for word in &container.command {
            match compose_text(word) {
                Ok(text) => words.push(Node::text(text)),
                Err(reason) => unconverted.push(Unconverted {
                    flag: "command".into(),
                    range: word.span,
                    reason,
                }),
            }
        }
        service.set("command", Node::Seq(words));
    }
}

fn unconverted_flag(flag: &RunFlag, reason: String) -> Unconverted {
    Unconverted {
        flag: flag.written.clone(),
        range: flag.span,
        reason,
    }
}

fn switch(value: &str) -> Node {
    Node::Plain(if value == "false" { "false" } else { "true" }.to_string())
}

/// A number written plain when it is one, quoted otherwise (so `${CPUS}` stays text).
fn number(value: String) -> Node {
    if value.parse::<f64>().is_ok() {
        Node::Plain(value)
    } else {
        Node::Text(value)
    }
}

/// `-v SRC:DST[:OPTS]`: the same short syntax; a named volume is declared at the
/// top level under its own name, as `docker run` would create or reuse it.
fn volume(value: &str, root: &mut Node) -> Node {
    let source = value.split(':').next().unwrap_or_default();
    let is_named = value.contains(':')
        && !source.is_empty()
        && !source.contains('/')
        && !source.starts_with(['.', '~', '$']);
    if is_named {
        root.entry("volumes")
            .entry(source)
            .set("name", Node::text(source));
    }
    Node::text(value)
}

/// `--mount type=...,src=...`: Compose's long syntax with its own key names.
fn long_mount(value: &str, root: &mut Node) -> Node {
    let mut mount = Node::Map(Vec::new());
    let mut kind = "volume".to_string();
    for field in value.split(',') {
        let (key, setting) = field.split_once('=').unwrap_or((field, "true"));
        match key.to_ascii_lowercase().as_str() {
            "type" => kind = setting.to_string(),
            "source" | "src" => mount.set("source", Node::text(setting)),
            "target" | "destination" | "dst" => mount.set("target", Node::text(setting)),
            "readonly" | "ro" => mount.set("read_only", switch(setting)),
            "bind-propagation" => mount.entry("bind").set("propagation", Node::text(setting)),
            "bind-recursive" => mount.entry("bind").set("recursive", Node::text(setting)),
            "volume-nocopy" => mount.entry("volume").set("nocopy", switch(setting)),
            "volume-subpath" => mount.entry("volume").set("subpath", Node::text(setting)),
            "tmpfs-size" => mount.entry("tmpfs").set("size", Node::text(setting)),
            "tmpfs-mode" => mount
                .entry("tmpfs")
                .set("mode", number(setting.to_string())),
            "consistency" => mount.set("consistency", Node::text(setting)),
            other => mount.set(other, Node::text(setting)),
        }
    }
    if kind == "bind" {
        // `--mount type=bind` fails on a missing source; Compose would create it.
        mount
            .entry("bind")
            .set("create_host_path", Node::Plain("false".into()));
    }
    if kind == "volume" {
        if let Node::Map(entries) = &mount {
            if let Some((_, Node::Text(source))) = entries.iter().find(|(key, _)| key == "source") {
                let source = source.clone();
                root.entry("volumes")
                    .entry(&source)
                    .set("name", Node::text(source.as_str()));
            }
        }
    }
    let Node::Map(mut entries) = mount else {
        unreachable!()
    };
    entries.insert(0, ("type".to_string(), Node::text(kind)));
    Node::Map(entries)
}

/// The first `--network` is the namespace: `host`, `none`, `bridge`, `container:X`
/// (`service:X` when X is converted too) go to `network_mode`; a named network and
/// every later one to `networks`, declared external as `docker run` needs it to exist.
fn network(value: &str, first: bool, names: &[String], service: &mut Node, root: &mut Node) {
    let mode = match value {
        "host" | "none" | "bridge" | "default" if first => Some(value.replace("default", "bridge")),
        _ if first && value.starts_with("container:") => {
            let joined = &value["container:".len()..];
            Some(if names.iter().any(|name| name == joined) {
                format!("service:{joined}")
            } else {
                value.to_string()
            })
        }
        _ => None,
    };
    match mode {
        Some(mode) => service.set("network_mode", Node::text(mode)),
        None => {
            service.push("networks", Node::text(value));
            let declared = root.entry("networks").entry(value);
            declared.set("name", Node::text(value));
            declared.set("external", Node::Plain("true".into()));
        }
    }
}

/// `--ulimit nofile=1024:2048` → `ulimits: {nofile: {soft: 1024, hard: 2048}}`.
fn ulimit(value: &str, service: &mut Node) {
    let (name, limits) = value.split_once('=').unwrap_or((value, ""));
    let node = match limits.split_once(':') {
        Some((soft, hard)) => Node::Map(vec![
            ("soft".into(), number(soft.to_string())),
            ("hard".into(), number(hard.to_string())),
        ]),
        None => number(limits.to_string()),
    };
    service.entry("ulimits").set(name, node);
}

/// `--gpus all` → `gpus: all`; `--gpus 2`, `--gpus device=0,1`, `capabilities=...`
/// and `driver=...` → one device request.
fn gpus(value: &str) -> Node {
    if value == "all" {
        return Node::text("all");
    }
    let mut request = Node::Map(Vec::new());
    let value = value.trim_matches('"');
    if let Ok(count) = value.parse::<u32>() {
        request.set("count", Node::Plain(count.to_string()));
        return Node::Seq(vec![request]);
    }
    let mut key = "";
    for field in value.split(',') {
        let item = match field.split_once('=') {
            Some((name, item)) => {
                key = name;
                item
            }
            None => field,
        };
        match key {
            "device" => request.push("device_ids", Node::text(item)),
            "capabilities" => request.push("capabilities", Node::text(item)),
            "count" if item == "all" => request.set("count", Node::text("all")),
            "count" => request.set("count", number(item.to_string())),
            other => request.set(other, Node::text(item)),
        }
    }
    Node::Seq(vec![request])
}

#[cfg(test)]
mod tests;
