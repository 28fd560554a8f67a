//! Two definitions of one service combined: a service and the base it `extends`, or
//! a service and its redefinition in a later YAML document.
//!
//! The rules are Compose's (spec `05-services` extends, `13-merge`): single values of
//! the later definition win; mappings (`sysctls`, `ulimits`, `extra_hosts`,
//! `networks`, `healthcheck`, `build`, resource limits) merge key by key; `cap_add`,
//! `cap_drop`, `security_opt`, `device_cgroup_rules`, `expose` and `ports` append
//! without duplicates; `volumes` and `devices` merge by container path; `dns`,
//! `dns_search`, `tmpfs` and every other list append (`group_add`, `links`,
//! `dns_opt`, `volumes_from` without repeating an item). A key tagged `!reset` or
//! `!override` replaces what came before; `command` and `entrypoint` are not in the
//! model. Inherited settings keep the spans of the text they were written in.

use crate::model::{
    Build, Container, Device, FileObject, Healthcheck, Hook, Mount, MountSyntax, Namespaces, Port,
    Resources, Setting,
};
use crate::span::Span;
use std::collections::{BTreeSet, HashSet};
use std::hash::Hash;

/// `later` applied over `earlier`; `replaced` lists the keys tagged in `later`.
pub fn merge(earlier: Container, later: Container, replaced: &BTreeSet<String>) -> Container {
    let replace = |key: &str| replaced.contains(key);
    let overridden = overridden(&earlier, &later);
    // Each key's mounts merge on their own: `volumes`, `secrets` and `configs` by
    // container path, `tmpfs` appended.
    let mut mounts = Vec::new();
    let (mut earlier_mounts, mut later_mounts) = (earlier.mounts, later.mounts);
    for key in ["volumes", "secrets", "configs", "tmpfs"] {
        let of_key = |mounts: &mut Vec<Mount>| -> Vec<Mount> {
            let (own, rest) = std::mem::take(mounts)
                .into_iter()
                .partition(|mount| service_key(mount) == key);
            *mounts = rest;
            own
        };
        let (earlier_own, later_own) = (of_key(&mut earlier_mounts), of_key(&mut later_mounts));
        mounts.extend(if key == "tmpfs" {
            append(replace(key), earlier_own, later_own, never)
        } else {
            append(replace(key), earlier_own, later_own, |mount| {
                mount.target.as_ref().and_then(raw)
            })
        });
    }
    Container {
        overridden,
        name: later.name,
        name_span: later.name_span,
        span: later.span,
        borrowed: later
            .borrowed
            .into_iter()
            .chain([earlier.span])
            .chain(earlier.borrowed)
            .collect(),
        layout: later.layout,
        origin: later.origin,
        image: pick(replace("image"), earlier.image, later.image),
        privileged: pick(replace("privileged"), earlier.privileged, later.privileged),
        cap_add: append(replace("cap_add"), earlier.cap_add, later.cap_add, raw),
        cap_drop: append(replace("cap_drop"), earlier.cap_drop, later.cap_drop, raw),
        security_opt: append(
            replace("security_opt"),
            earlier.security_opt,
            later.security_opt,
            |option| raw(&option.entry),
        ),
        read_only: pick(replace("read_only"), earlier.read_only, later.read_only),
        user: pick(replace("user"), earlier.user, later.user),
        // Run-command settings: Compose has no uid maps, systemd mode or host environment.
        uid_maps: later.uid_maps,
        systemd: later.systemd,
        env_host: later.env_host,
        group_add: append(
            replace("group_add"),
            earlier.group_add,
            later.group_add,
            raw,
        ),
        profiles: append(replace("profiles"), earlier.profiles, later.profiles, raw),
        namespaces: merge_namespaces(earlier.namespaces, later.namespaces, &replace),
        networks: append(replace("networks"), earlier.networks, later.networks, raw),
        mounts,
        volumes_from: append(
            replace("volumes_from"),
            earlier.volumes_from,
            later.volumes_from,
            raw,
        ),
        devices: append(
            replace("devices"),
            earlier.devices,
            later.devices,
            device_target,
        ),
        device_cgroup_rules: append(
            replace("device_cgroup_rules"),
            earlier.device_cgroup_rules,
            later.device_cgroup_rules,
            raw,
        ),
        gpus: append(replace("gpus"), earlier.gpus, later.gpus, never),
        sysctls: append(
            replace("sysctls"),
            earlier.sysctls,
            later.sysctls,
            |sysctl| raw(&sysctl.key),
        ),
        ulimits: append(
            replace("ulimits"),
            earlier.ulimits,
            later.ulimits,
            |ulimit| raw(&ulimit.name),
        ),
        resources: merge_resources(earlier.resources, later.resources, &replace),
        ports: append(replace("ports"), earlier.ports, later.ports, port_key),
        publish_all: pick(
            replace("publish_all"),
            earlier.publish_all,
            later.publish_all,
        ),
        expose: append(replace("expose"), earlier.expose, later.expose, raw),
        dns: append(replace("dns"), earlier.dns, later.dns, never),
        dns_search: append(
            replace("dns_search"),
            earlier.dns_search,
            later.dns_search,
            never,
        ),
        dns_opt: append(replace("dns_opt"), earlier.dns_opt, later.dns_opt, raw),
        extra_hosts: append(
            replace("extra_hosts"),
            earlier.extra_hosts,
            later.extra_hosts,
            |host| Some(host.host.clone()),
        ),
        hostname: pick(replace("hostname"), earlier.hostname, later.hostname),
        links: append(replace("links"), earlier.links, later.links, raw),
        restart: pick(replace("restart"), earlier.restart, later.restart),
        healthcheck: merge_optional(
            replace("healthcheck"),
            earlier.healthcheck,
            later.healthcheck,
            merge_healthcheck,
        ),
        use_api_socket: pick(
            replace("use_api_socket"),
            earlier.use_api_socket,
            later.use_api_socket,
        ),
        runtime: pick(replace("runtime"), earlier.runtime, later.runtime),
        build: merge_optional(replace("build"), earlier.build, later.build, merge_build),
        hooks: merge_hooks(earlier.hooks, later.hooks, &replace),
        // Compose services have no run flags or command words in the model.
        run_flags: Vec::new(),
        command: Vec::new(),
    }
}

/// The earlier definitions' overrides, the later one's, then the single values the
/// later definition changes (a value written again unchanged overrides nothing).
fn overridden(earlier: &Container, later: &Container) -> Vec<(Span, Span)> {
    let mut overridden: Vec<(Span, Span)> = earlier
        .overridden
        .iter()
        .chain(&later.overridden)
        .copied()
        .collect();
    let mut note = |earlier: Option<(&str, Span)>, later: Option<(&str, Span)>| {
        if let (Some((was, at)), Some((is, now))) = (earlier, later) {
            if was != is {
                overridden.push((now, at));
            }
        }
    };
    fn written<T>(setting: &Option<Setting<T>>) -> Option<(&str, Span)> {
        setting.as_ref().map(|s| (s.raw.as_str(), s.span))
    }
    note(written(&earlier.image), written(&later.image));
    note(written(&earlier.privileged), written(&later.privileged));
    note(written(&earlier.read_only), written(&later.read_only));
    note(written(&earlier.user), written(&later.user));
    note(
        written(&earlier.use_api_socket),
        written(&later.use_api_socket),
    );
    note(written(&earlier.runtime), written(&later.runtime));
    let (was, is) = (&earlier.namespaces, &later.namespaces);
    note(written(&was.pid), written(&is.pid));
    note(written(&was.ipc), written(&is.ipc));
    note(written(&was.uts), written(&is.uts));
    note(written(&was.userns), written(&is.userns));
    note(written(&was.cgroup), written(&is.cgroup));
    note(written(&was.network), written(&is.network));
    overridden
}

/// A single value: the later one, unless it is absent and not explicitly reset.
fn pick<T>(replace: bool, earlier: Option<T>, later: Option<T>) -> Option<T> {
    if replace {
        later
    } else {
        later.or(earlier)
    }
}

/// The earlier items the later ones do not supersede (same `key`; `None` never
/// matches), then the later ones.
fn append<T, K: Hash + Eq>(
    replace: bool,
    earlier: Vec<T>,
    later: Vec<T>,
    key: impl Fn(&T) -> Option<K>,
) -> Vec<T> {
    if replace {
        return later;
    }
    let superseding: HashSet<K> = later.iter().filter_map(&key).collect();
    let mut merged: Vec<T> = earlier
        .into_iter()
        .filter(|item| key(item).is_none_or(|k| !superseding.contains(&k)))
        .collect();
    merged.extend(later);
    merged
}

/// Items that are all kept.
/// Hooks append, event by event: replacing one event's list (`post_start: !reset`)
/// drops only the earlier hooks of that event.
fn merge_hooks(earlier: Vec<Hook>, later: Vec<Hook>, replace: &impl Fn(&str) -> bool) -> Vec<Hook> {
    earlier
        .into_iter()
        .filter(|hook| !replace(hook.event))
        .chain(later)
        .collect()
}

fn never<T>(_: &T) -> Option<()> {
    None
}

fn raw(setting: &Setting<String>) -> Option<String> {
    Some(setting.raw.clone())
}

fn merge_optional<T>(
    replace: bool,
    earlier: Option<T>,
    later: Option<T>,
    merge: fn(T, T) -> T,
) -> Option<T> {
    match (earlier, later) {
        (Some(earlier), Some(later)) if !replace => Some(merge(earlier, later)),
        (earlier, later) => pick(replace, earlier, later),
    }
}

/// The service key a mount is written under.
fn service_key(mount: &Mount) -> &'static str {
    match mount.syntax {
        MountSyntax::Tmpfs => "tmpfs",
        MountSyntax::FileObject {
            kind: FileObject::Secret,
            ..
        } => "secrets",
        MountSyntax::FileObject {
            kind: FileObject::Config,
            ..
        } => "configs",
        _ => "volumes",
    }
}

/// Where a device appears in the container (its host path when not given).
fn device_target(device: &Device) -> Option<String> {
    raw(device.container_path.as_ref().unwrap_or(&device.host_path))
}

/// A port is the same when its address, ports and protocol are.
fn port_key(port: &Port) -> Option<[Option<String>; 4]> {
    let number = |s: &Option<Setting<u16>>| s.as_ref().map(|s| s.raw.clone());
    let text = |s: &Option<Setting<String>>| s.as_ref().map(|s| s.raw.clone());
    Some([
        text(&port.host_ip),
        number(&port.published),
        number(&port.target),
        text(&port.protocol),
    ])
}

fn merge_namespaces(
    earlier: Namespaces,
    later: Namespaces,
    replace: &dyn Fn(&str) -> bool,
) -> Namespaces {
    Namespaces {
        pid: pick(replace("pid"), earlier.pid, later.pid),
        ipc: pick(replace("ipc"), earlier.ipc, later.ipc),
        uts: pick(replace("uts"), earlier.uts, later.uts),
        userns: pick(replace("userns_mode"), earlier.userns, later.userns),
        cgroup: pick(replace("cgroup"), earlier.cgroup, later.cgroup),
        network: pick(replace("network_mode"), earlier.network, later.network),
    }
}

fn merge_resources(
    earlier: Resources,
    later: Resources,
    replace: &dyn Fn(&str) -> bool,
) -> Resources {
    Resources {
        memory: pick(replace("mem_limit"), earlier.memory, later.memory),
        memory_swap: pick(
            replace("memswap_limit"),
            earlier.memory_swap,
            later.memory_swap,
        ),
        cpus: pick(replace("cpus"), earlier.cpus, later.cpus),
        cpu_shares: pick(replace("cpu_shares"), earlier.cpu_shares, later.cpu_shares),
        cpu_quota: pick(replace("cpu_quota"), earlier.cpu_quota, later.cpu_quota),
        pids_limit: pick(replace("pids_limit"), earlier.pids_limit, later.pids_limit),
        oom_kill_disable: pick(
            replace("oom_kill_disable"),
            earlier.oom_kill_disable,
            later.oom_kill_disable,
        ),
        oom_score_adj: pick(
            replace("oom_score_adj"),
            earlier.oom_score_adj,
            later.oom_score_adj,
        ),
        cgroup_parent: pick(
            replace("cgroup_parent"),
            earlier.cgroup_parent,
            later.cgroup_parent,
        ),
        shm_size: pick(replace("shm_size"), earlier.shm_size, later.shm_size),
    }
}

/// `healthcheck` merges key by key; its `test` is replaced as a whole.
fn merge_healthcheck(earlier: Healthcheck, later: Healthcheck) -> Healthcheck {
    Healthcheck {
        disabled: later.disabled.or(earlier.disabled),
        test: later.test.or(earlier.test),
        span: later.span,
    }
}

fn merge_build(earlier: Build, later: Build) -> Build {
    Build {
        privileged: later.privileged.or(earlier.privileged),
        network: later.network.or(earlier.network),
        entitlements: append(false, earlier.entitlements, later.entitlements, raw),
        span: later.span,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Origin;
    use crate::span::Span;

    fn container(name: &str) -> Container {
        Container::new(name, Span::default(), Span::default(), Origin::Compose)
    }

    fn setting(raw: &str, at: usize) -> Setting<String> {
        Setting::known(raw.to_string(), raw, Span::at(at))
    }

    fn raws(settings: &[Setting<String>]) -> Vec<&str> {
        settings.iter().map(|s| s.raw.as_str()).collect()
    }

    #[test]
    fn later_values_win_and_lists_append_without_duplicates() {
        let mut base = container("base");
        base.privileged = Some(Setting::known(true, "true", Span::at(1)));
        base.user = Some(setting("root", 2));
        base.cap_add = vec![setting("NET_ADMIN", 3), setting("SYS_TIME", 4)];
        base.dns = vec![setting("1.1.1.1", 5)];
        base.group_add = vec![setting("docker", 6)];
        let mut child = container("child");
        child.user = Some(setting("1000", 10));
        child.cap_add = vec![setting("SYS_TIME", 11), setting("SYS_ADMIN", 12)];
        child.dns = vec![setting("1.1.1.1", 13)];
        child.group_add = vec![setting("video", 14)];
        let merged = merge(base, child, &BTreeSet::new());
        assert_eq!(merged.name, "child");
        // Inherited settings keep the base's spans.
        assert_eq!(merged.privileged.unwrap().span, Span::at(1));
        assert_eq!(merged.user.unwrap().raw, "1000");
        assert_eq!(
            raws(&merged.cap_add),
            ["NET_ADMIN", "SYS_TIME", "SYS_ADMIN"]
        );
        assert_eq!(merged.cap_add[1].span, Span::at(11));
        assert_eq!(raws(&merged.dns), ["1.1.1.1", "1.1.1.1"]);
        assert_eq!(raws(&merged.group_add), ["docker", "video"]);
    }

    #[test]
    fn reset_and_override_replace() {
        let mut base = container("base");
        base.privileged = Some(Setting::known(true, "true", Span::at(1)));
        base.cap_add = vec![setting("SYS_ADMIN", 2)];
        let mut child = container("child");
        child.cap_add = vec![setting("CHOWN", 3)];
        let replaced = ["privileged", "cap_add"].map(String::from).into();
        let merged = merge(base, child, &replaced);
        assert_eq!(merged.privileged, None);
        assert_eq!(raws(&merged.cap_add), ["CHOWN"]);
    }
}
