//! Turns the flags of one run command into the container model.

use super::argv::{FlagUse, FlagValue};
use crate::knowledge::engines::Engine;
use crate::model::{Container, Healthcheck, NamespaceMode, RunFlag, Setting};
use crate::model::{InputCode, InputProblem};
use crate::values::{self, NamespaceKind, NamespaceReader, SpannedText, ValueError};

/// Applies every hardening-relevant flag to `container`; returns the values that
/// do not parse.
pub fn apply_flags(container: &mut Container, uses: &[FlagUse]) -> Vec<InputProblem> {
    let mut problems = Vec::new();
    for flag_use in uses {
        let result = match &flag_use.value {
            FlagValue::Switch(switch) => {
                apply_switch(container, flag_use, switch.clone());
                Ok(())
            }
            FlagValue::Text(_) => flag_use
                .items()
                .iter()
                .try_for_each(|item| apply_value(container, flag_use, item)),
        };
        if let Err(error) = result {
            problems.push(InputProblem::new(
                InputCode::InvalidValue,
                error.span,
                format!("`{}`: {}", flag_use.written, error.message),
            ));
        }
    }
    if let Some(pod) = uses
        .iter()
        .rev()
        .find(|flag_use| flag_use.flag.name == "pod")
    {
        join_pod(container, pod);
    }
    problems
}

/// nerdctl refuses systemd mode with `--privileged` unless `--security-opt
/// privileged-without-host-devices` keeps the host's devices out
/// (containerd/nerdctl `pkg/cmd/container/create.go`): the container is not created,
/// so the mode is reported once here and dropped from the model.
pub fn refused_systemd_mode(container: &mut Container) -> Option<InputProblem> {
    if container.engine() != Engine::Nerdctl || !container.is_privileged() {
        return None;
    }
    let mode = container.systemd_mode()?;
    if container.keeps_host_devices_out() {
        return None;
    }
    let problem = InputProblem::new(
        InputCode::InvalidValue,
        mode.span,
        format!(
            "`--systemd={}`: nerdctl refuses systemd mode with `--privileged` unless `--security-opt privileged-without-host-devices` is given too; as written, the container is not created",
            mode.written.unwrap_or_default()
        ),
    );
    container.systemd = None;
    Some(problem)
}

/// nerdctl refuses `--security-opt privileged-without-host-devices` without
/// `--privileged` (containerd/nerdctl `pkg/cmd/container/run_security_linux.go`): the
/// option is reported once and no rule reads it.
pub fn refused_without_privileged(container: &mut Container) -> Option<InputProblem> {
    if container.engine() != Engine::Nerdctl || container.is_privileged() {
        return None;
    }
    let opt = container.security_opt.iter_mut().rev().find(|opt| {
        opt.accepted && opt.key == "privileged-without-host-devices" && opt.switch == Some(true)
    })?;
    opt.accepted = false;
    Some(InputProblem::new(
        InputCode::InvalidValue,
        opt.entry.span,
        "`--security-opt privileged-without-host-devices`: nerdctl refuses it without `--privileged`; as written, the container is not created".to_string(),
    ))
}

/// podman's `--pod NAME` (or `new:NAME`, a pod created for the container): the
/// container joins the namespaces a pod shares by default (podman's
/// `DefaultKernelNamespaces`, `ipc,net,uts`), unless a flag of its own sets one.
fn join_pod(container: &mut Container, pod: &FlagUse) {
    let FlagValue::Text(text) = &pod.value else {
        return;
    };
    let written = text.setting();
    let mode = Setting {
        value: written
            .value
            .as_deref()
            .map(|name| NamespaceMode::Pod(name.strip_prefix("new:").unwrap_or(name).to_string())),
        raw: written.raw,
        span: written.span,
    };
    let namespaces = &mut container.namespaces;
    for shared in [
        &mut namespaces.network,
        &mut namespaces.ipc,
        &mut namespaces.uts,
    ] {
        shared.get_or_insert_with(|| mode.clone());
    }
}

/// The flag as the model keeps it for conversion: a switch's value as `true`/`false`.
pub fn run_flag(flag_use: &FlagUse) -> RunFlag {
    let value = match &flag_use.value {
        FlagValue::Switch(switch) => Setting {
            value: switch.value.map(|on| on.to_string()),
            raw: switch.raw.clone(),
            span: switch.span,
        },
        FlagValue::Text(text) => text.setting(),
    };
    let items = match &flag_use.value {
        FlagValue::Switch(_) => vec![value.clone()],
        FlagValue::Text(_) => flag_use.items().iter().map(|item| item.setting()).collect(),
    };
    RunFlag {
        name: flag_use.flag.name,
        written: flag_use.written.clone(),
        value,
        items,
        span: flag_use.span,
    }
}

fn healthcheck<'c>(container: &'c mut Container, flag_use: &FlagUse) -> &'c mut Healthcheck {
    let healthcheck = container.healthcheck.get_or_insert(Healthcheck {
        disabled: None,
        test: None,
        span: flag_use.span,
    });
    healthcheck.span = healthcheck.span.cover(flag_use.span);
    healthcheck
}

fn apply_switch(container: &mut Container, flag_use: &FlagUse, switch: Setting<bool>) {
    let target = match flag_use.flag.name {
        "privileged" => &mut container.privileged,
        "read-only" => &mut container.read_only,
        "oom-kill-disable" => &mut container.resources.oom_kill_disable,
        "publish-all" => &mut container.publish_all,
        "use-api-socket" => &mut container.use_api_socket,
        "env-host" => &mut container.env_host,
        "no-healthcheck" => &mut healthcheck(container, flag_use).disabled,
        _ => return,
    };
    *target = Some(switch);
}

fn integer(text: &SpannedText) -> Result<Setting<i64>, ValueError> {
    text.parse("an integer", |raw| raw.parse().ok())
}

fn byte_size(text: &SpannedText) -> Result<Setting<u64>, ValueError> {
    text.parse("a byte size (such as 512m or 2g)", values::bytes)
}

fn apply_value(
    container: &mut Container,
    flag_use: &FlagUse,
    text: &SpannedText,
) -> Result<(), ValueError> {
    let engine = container.engine();
    let reader = NamespaceReader::Command(engine);
    let namespace = |text: &SpannedText, kind| values::namespace_setting(text, kind, reader);
    let resources = &mut container.resources;
    let namespaces = &mut container.namespaces;
    match flag_use.flag.name {
        "cap-add" => container.cap_add.push(text.setting()),
        "cap-drop" => container.cap_drop.push(text.setting()),
        "security-opt" => {
            let (opt, refused) = values::security_opt(text, engine);
            container.security_opt.push(opt);
            if let Some(refused) = refused {
                return Err(refused);
            }
        }
        "user" => container.user = Some(text.setting()),
        "uidmap" => container.uid_maps.push(text.setting()),
        // nerdctl checks no value: any word but `true` and `always` is off.
        "systemd" if engine == Engine::Nerdctl => container.systemd = Some(text.setting()),
        "systemd" => {
            let modes = ["true", "false", "always"];
            // podman lower-cases the value (containers/podman `pkg/specgenutil`); for
            // `true`, `false` and `always` ASCII lower-casing gives what Go's does.
            let mode = text.parse("true, false or always", |raw| {
                let mode = raw.to_ascii_lowercase();
                modes.contains(&mode.as_str()).then_some(mode)
            });
            // A refused value is kept as one that decides nothing, so that podman's
            // default (`true`) is not assumed in its place.
            container.systemd = Some(match &mode {
                Ok(mode) => mode.clone(),
                Err(_) => Setting::unknown(text.as_str(), text.span()),
            });
            mode?;
        }
        "group-add" => container.group_add.push(text.setting()),
        "pid" => namespaces.pid = Some(namespace(text, NamespaceKind::Pid)?),
        "ipc" => namespaces.ipc = Some(namespace(text, NamespaceKind::Ipc)?),
        "uts" => namespaces.uts = Some(namespace(text, NamespaceKind::Uts)?),
        "userns" => namespaces.userns = Some(namespace(text, NamespaceKind::User)?),
        "cgroupns" => namespaces.cgroup = Some(namespace(text, NamespaceKind::Cgroup)?),
        "network" => {
            let name = network_name(text);
            if namespaces.network.is_none() {
                namespaces.network = Some(values::namespace_mode(&name)?);
            } else {
                container.networks.push(name.setting());
            }
        }
        "volume" => container.mounts.push(values::short_volume(text)?),
        "mount" => container.mounts.push(values::mount_flag(text, engine)?),
        "tmpfs" => container.mounts.push(values::tmpfs(text)?),
        "volumes-from" => container.volumes_from.push(text.setting()),
        "device" => container.devices.push(values::device(text)?),
        "device-cgroup-rule" => container.device_cgroup_rules.push(text.setting()),
        "gpus" => container.gpus.push(text.setting()),
        "sysctl" => container.sysctls.push(values::sysctl(text)?),
        "ulimit" => container.ulimits.push(values::ulimit(text)?),
        "memory" => resources.memory = Some(byte_size(text)?),
        "memory-swap" => {
            resources.memory_swap = Some(text.parse("a byte size or -1", |raw| match raw {
                "-1" => Some(-1),
                size => values::bytes(size).and_then(|bytes| i64::try_from(bytes).ok()),
            })?)
        }
        "cpus" => resources.cpus = Some(text.parse("a number of CPUs", values::cpus)?),
        "cpu-shares" => resources.cpu_shares = Some(integer(text)?),
        "cpu-quota" => resources.cpu_quota = Some(integer(text)?),
        "pids-limit" => resources.pids_limit = Some(integer(text)?),
        "oom-score-adj" => resources.oom_score_adj = Some(integer(text)?),
        "cgroup-parent" => resources.cgroup_parent = Some(text.setting()),
        "shm-size" => resources.shm_size = Some(byte_size(text)?),
        "publish" => container.ports.push(values::port(text)?),
        "expose" => container.expose.push(text.setting()),
        "dns" => container.dns.push(text.setting()),
        "dns-search" => container.dns_search.push(text.setting()),
        "dns-option" => container.dns_opt.push(text.setting()),
        "add-host" => container.extra_hosts.push(values::extra_host(text)?),
        "hostname" => container.hostname = Some(text.setting()),
        "link" => container.links.push(text.setting()),
        "restart" => container.restart = Some(values::restart(text)?),
        "health-cmd" => healthcheck(container, flag_use).test = Some(text.setting()),
        "runtime" => container.runtime = Some(text.setting()),
        // Parsed flags that grant nothing the rules look for: podman's
        // `--read-only-tmpfs` (with `--read-only`, private in-memory tmpfs on /dev,
        // /dev/shm, /run, /tmp and /var/tmp; the image's files stay read-only) and
        // nerdctl's own `--cgroup-conf` (values inside the container's own cgroup),
        // `--verify`/`--cosign-*` (image signatures), `--umask`, `--pidfile`,
        // `--rdt-class`, `--ipfs-address`, and its root flags (`--namespace`,
        // `--address`, `--snapshotter`, `--cni-path`, `--data-root`, `--hosts-dir`,
        // `--insecure-registry`, `--cgroup-manager`: where and how the engine works, not
        // what the container may do; `--userns-remap` and `--selinux-enabled` only
        // narrow it).
        _ => {}
    }
    Ok(())
}

/// The network of `--network`: the value, or the `name=` field of the long CSV form
/// (`name=my-net,alias=web,ip=10.0.0.2`).
fn network_name(text: &SpannedText) -> SpannedText {
    let raw = text.as_str();
    if !raw.contains('=') {
        return text.clone();
    }
    text.split(',')
        .into_iter()
        .find(|field| raw[field.clone()].starts_with("name="))
        .map_or_else(
            || text.clone(),
            |field| text.slice(field.start + "name=".len()..field.end),
        )
}

#[cfg(test)]
mod tests {
    use crate::model::{Container, MountKind, NamespaceMode};
    use crate::run::parse;
    use crate::span::Span;

    fn container(text: &str) -> Container {
        let mut front_end = parse(text, &crate::model::Limits::default());
        assert_eq!(front_end.containers.len(), 1, "{text}");
        front_end.containers.remove(0)
    }

    fn values(settings: &[crate::model::Setting<String>]) -> Vec<&str> {
        settings
            .iter()
            .map(|s| s.value.as_deref().unwrap_or("?"))
            .collect()
    }

    #[test]
    fn capabilities_keep_exact_spans() {
        let c = container("docker run --cap-add SYS_ADMIN --cap-drop=ALL nginx");
        assert_eq!(values(&c.cap_add), ["SYS_ADMIN"]);
        assert_eq!(c.cap_add[0].span, Span::new(21, 30));
        assert_eq!(c.cap_drop[0].span, Span::new(42, 45));
    }

    #[test]
    fn podman_splits_slice_flags_on_commas() {
        let c = container("podman run --cap-add NET_ADMIN,SYS_TIME --dns 1.1.1.1,8.8.8.8 img");
        assert_eq!(values(&c.cap_add), ["NET_ADMIN", "SYS_TIME"]);
        assert_eq!(c.cap_add[1].span, Span::new(31, 39));
        assert_eq!(values(&c.dns), ["1.1.1.1", "8.8.8.8"]);
        let c = container("docker run --cap-add NET_ADMIN,SYS_TIME img");
        assert_eq!(values(&c.cap_add), ["NET_ADMIN,SYS_TIME"]);
    }

    #[test]
    fn first_network_is_the_namespace() {
        let c = container("docker run --net=host --network backend img");
        assert_eq!(
            c.namespaces.network.as_ref().unwrap().value,
            Some(NamespaceMode::Host)
        );
        assert_eq!(values(&c.networks), ["backend"]);
        let c = container(
            r#"docker run --network=name=my-net,\"driver-opt=a=b,c=d\",ip=192.0.2.42 busybox"#,
        );
        assert_eq!(
            c.namespaces.network.as_ref().unwrap().value,
            Some(NamespaceMode::Other("my-net".into()))
        );
    }

    #[test]
    fn mounts_devices_and_resources() {
        let c = container(
            "docker run -v /:/host:ro,rslave --mount type=tmpfs,target=/tmp --tmpfs /run:noexec \
             --device /dev/sda:/dev/xvdc:r -m 512m --memory-swap -1 --cpus 1.5 --pids-limit 100 \
             --shm-size=64m --oom-kill-disable --ulimit nofile=1024:2048 --sysctl net.ipv4.ip_forward=1 img",
        );
        let kinds: Vec<MountKind> = c.mounts.iter().map(|m| m.kind).collect();
        assert_eq!(kinds, [MountKind::Bind, MountKind::Tmpfs, MountKind::Tmpfs]);
        assert!(c.mounts[0].is_read_only());
        assert_eq!(c.devices[0].host_path.value.as_deref(), Some("/dev/sda"));
        let r = &c.resources;
        assert_eq!(r.memory.as_ref().unwrap().value, Some(512 << 20));
        assert_eq!(r.memory_swap.as_ref().unwrap().value, Some(-1));
        assert_eq!(r.cpus.as_ref().unwrap().value, Some(1.5));
        assert_eq!(r.pids_limit.as_ref().unwrap().value, Some(100));
        assert_eq!(r.shm_size.as_ref().unwrap().value, Some(64 << 20));
        assert!(r.oom_kill_disable.as_ref().unwrap().is_true());
        assert_eq!(c.ulimits[0].hard.as_ref().unwrap().value, Some(2048));
        assert_eq!(
            c.sysctls[0].key.value.as_deref(),
            Some("net.ipv4.ip_forward")
        );
    }

    #[test]
    fn identity_namespaces_and_operations() {
        let c = container(
            "docker run -u 0:0 --group-add 122 --pid host --ipc=container:db --uts host \
             --userns host --cgroupns private -h box --restart on-failure:3 --health-cmd 'curl -f x' \
             --no-healthcheck --runtime runsc --use-api-socket -P --expose 80 --dns 1.1.1.1 \
             --dns-search example.com --dns-option ndots:2 --add-host db:10.0.0.2 --link db:db \
             --volumes-from data:ro --device-cgroup-rule 'c 42:* rmw' --gpus all \
             --security-opt seccomp=unconfined --read-only -c 512 --cpu-quota 50000 \
             --oom-score-adj -500 --cgroup-parent /custom -p 127.0.0.1:80:80 img",
        );
        assert_eq!(c.user.as_ref().unwrap().value.as_deref(), Some("0:0"));
        assert_eq!(values(&c.group_add), ["122"]);
        let ns = &c.namespaces;
        assert!(ns.pid.as_ref().unwrap().value.as_ref().unwrap().is_host());
        assert_eq!(
            ns.ipc.as_ref().unwrap().value,
            Some(NamespaceMode::Container("db".into()))
        );
        assert!(ns.uts.as_ref().unwrap().value.as_ref().unwrap().is_host());
        assert!(ns
            .userns
            .as_ref()
            .unwrap()
            .value
            .as_ref()
            .unwrap()
            .is_host());
        assert_eq!(
            ns.cgroup.as_ref().unwrap().value,
            Some(NamespaceMode::Private)
        );
        assert_eq!(c.hostname.as_ref().unwrap().value.as_deref(), Some("box"));
        assert_eq!(
            c.restart
                .as_ref()
                .unwrap()
                .value
                .as_ref()
                .unwrap()
                .max_retries,
            Some(3)
        );
        let health = c.healthcheck.as_ref().unwrap();
        assert_eq!(
            health.test.as_ref().unwrap().value.as_deref(),
            Some("curl -f x")
        );
        assert!(health.disabled.as_ref().unwrap().is_true());
        assert_eq!(c.runtime.as_ref().unwrap().value.as_deref(), Some("runsc"));
        assert!(c.use_api_socket.as_ref().unwrap().is_true());
        assert!(c.publish_all.as_ref().unwrap().is_true());
        assert_eq!(values(&c.expose), ["80"]);
        assert_eq!(values(&c.dns), ["1.1.1.1"]);
        assert_eq!(values(&c.dns_search), ["example.com"]);
        assert_eq!(values(&c.dns_opt), ["ndots:2"]);
        assert_eq!(c.extra_hosts[0].host, "db");
        assert_eq!(values(&c.links), ["db:db"]);
        assert_eq!(values(&c.volumes_from), ["data:ro"]);
        assert_eq!(values(&c.device_cgroup_rules), ["c 42:* rmw"]);
        assert_eq!(values(&c.gpus), ["all"]);
        assert_eq!(c.security_opt[0].key, "seccomp");
        assert!(c.read_only.as_ref().unwrap().is_true());
        let r = &c.resources;
        assert_eq!(r.cpu_shares.as_ref().unwrap().value, Some(512));
        assert_eq!(r.cpu_quota.as_ref().unwrap().value, Some(50000));
        assert_eq!(r.oom_score_adj.as_ref().unwrap().value, Some(-500));
        assert_eq!(
            r.cgroup_parent.as_ref().unwrap().value.as_deref(),
            Some("/custom")
        );
        assert_eq!(
            c.ports[0].host_ip.as_ref().unwrap().value.as_deref(),
            Some("127.0.0.1")
        );
    }

    #[test]
    fn unresolved_values_stay_unknown() {
        let c = container(r#"docker run -u "$(id -u):$(id -g)" --privileged=$PRIV -m $MEM img"#);
        assert_eq!(c.user.as_ref().unwrap().value, None);
        assert_eq!(c.privileged.as_ref().unwrap().value, None);
        assert_eq!(c.resources.memory.as_ref().unwrap().value, None);
    }
}
