use super::*;

/// The conversion of `text`, whose Compose file must read back without an input problem.
fn convert(text: &str) -> Conversion {
    let conversion = to_compose(text, &AnalyzeOptions::default());
    let options = AnalyzeOptions {
        input: InputKind::Compose,
        ..AnalyzeOptions::default()
    };
    let problems: Vec<String> = analyze(&conversion.compose, &options)
        .diagnostics
        .iter()
        .filter(|d| d.kind == crate::diagnostic::DiagnosticKind::Input)
        .map(|d| format!("{} {}", d.code, d.message))
        .collect();
    assert!(
        problems.is_empty(),
        "{text}\n{}\n{problems:?}",
        conversion.compose
    );
    conversion
}

/// The converted service's lines, below `services:` and its name.
fn service(text: &str) -> String {
    let compose = convert(text).compose;
    let body = compose.split_once("\n  ").unwrap().1;
    let body = body.split_once('\n').unwrap().1;
    body.split("\nvolumes:")
        .next()
        .unwrap()
        .split("\nnetworks:")
        .next()
        .unwrap()
        .to_string()
}

#[test]
fn privilege_and_identity_flags() {
    assert_eq!(
        service("docker run --privileged --read-only=false --cap-add SYS_ADMIN --cap-drop=ALL -u 0:0 --group-add 122 --security-opt seccomp=unconfined --init nginx"),
        "    image: nginx\n    privileged: true\n    read_only: false\n    cap_add:\n      - SYS_ADMIN\n    cap_drop:\n      - ALL\n    user: \"0:0\"\n    group_add:\n      - \"122\"\n    security_opt:\n      - seccomp=unconfined\n    init: true\n"
    );
}

#[test]
fn service_named_from_name_or_image() {
    let conversion = convert("docker run --name web nginx\ndocker run registry.io/team/app:1.2 serve --port 80\ndocker run nginx");
    assert_eq!(
        conversion.compose,
        "services:\n  web:\n    image: nginx\n    container_name: web\n  app:\n    image: registry.io/team/app:1.2\n    command:\n      - serve\n      - --port\n      - \"80\"\n  nginx:\n    image: nginx\n"
    );
    let names: Vec<&str> = conversion
        .services
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(names, ["web", "app", "nginx"]);
    assert_eq!(conversion.services[1].byte_range, [28, 79]);
}

#[test]
fn mounts_long_syntax_tmpfs_and_named_volumes() {
    assert_eq!(
        convert("docker run -v data:/data -v \"$(pwd)\"/conf:/conf:ro --mount type=bind,src=/var/run/docker.sock,dst=/sock,readonly,bind-propagation=rslave --tmpfs /run:noexec --tmpfs /tmp img").compose,
        "services:\n  img:\n    image: img\n    volumes:\n      - data:/data\n      - ./conf:/conf:ro\n      - type: bind\n        source: /var/run/docker.sock\n        target: /sock\n        read_only: true\n        bind:\n          propagation: rslave\n          create_host_path: false\n    tmpfs:\n      - /run:noexec\n      - /tmp\nvolumes:\n  data:\n    name: data\n"
    );
}

#[test]
fn devices_sysctls_hosts_and_ulimits() {
    assert_eq!(
        service("docker run --device /dev/fuse --device-cgroup-rule 'c 42:* rmw' --sysctl net.ipv4.ip_forward=1 --add-host db:10.0.0.2 --ulimit nofile=1024:2048 --ulimit nproc=512 img"),
        "    image: img\n    devices:\n      - /dev/fuse\n    device_cgroup_rules:\n      - c 42:* rmw\n    sysctls:\n      - net.ipv4.ip_forward=1\n    extra_hosts:\n      - db:10.0.0.2\n    ulimits:\n      nofile:\n        soft: 1024\n        hard: 2048\n      nproc: 512\n"
    );
}

#[test]
fn health_resources_and_gpus() {
    assert_eq!(
        service("docker run --health-cmd 'curl -f http://localhost/ || exit 1' --health-interval 30s --health-retries 3 --health-start-period 1m --health-timeout 5s --health-start-interval 2s -m 512m --memory-reservation 256m --cpus 1.5 --cpu-shares 512 --cpuset-cpus 0-1 --pids-limit 100 --memory-swap -1 --shm-size 67108864 --stop-timeout 20 --gpus '\"device=0,1\",capabilities=compute' img"),
        "    image: img\n    healthcheck:\n      test:\n        - CMD-SHELL\n        - curl -f http://localhost/ || exit 1\n      interval: 30s\n      retries: 3\n      start_period: 1m\n      timeout: 5s\n      start_interval: 2s\n    mem_limit: 512m\n    mem_reservation: 256m\n    cpus: 1.5\n    cpu_shares: 512\n    cpuset: \"0-1\"\n    pids_limit: 100\n    memswap_limit: -1\n    shm_size: 67108864\n    stop_grace_period: 20s\n    gpus:\n      - device_ids:\n          - \"0\"\n          - \"1\"\n        capabilities:\n          - compute\n"
    );
    assert_eq!(
        service("docker run --gpus all --no-healthcheck img"),
        "    image: img\n    gpus: all\n    healthcheck:\n      disable: true\n"
    );
    // Without a count or devices docker takes one GPU, Compose all of them.
    assert_eq!(
        service("docker run --gpus driver=nvidia --gpus 2 img"),
        "    image: img\n    gpus:\n      - driver: nvidia\n        count: 1\n      - count: 2\n"
    );
}

#[test]
fn gpu_requests_docker_refuses_stay_unconverted() {
    // Unquoted, `1` is a count beside `device=0`: the engine refuses both at once.
    let conversion = convert("docker run --gpus device=0,1 --gpus model=a100 img");
    assert_eq!(conversion.compose, "services:\n  img:\n    image: img\n");
    let reasons: Vec<(&str, &str)> = conversion
        .unconverted
        .iter()
        .map(|u| (u.flag.as_str(), u.reason.as_str()))
        .collect();
    assert_eq!(
        reasons,
        [
            ("--gpus", "it asks for a count and for devices, which the engine refuses (several devices are quoted: '\"device=0,1\"')"),
            ("--gpus", "`model` is not a GPU request key (count, device, driver, capabilities, options)"),
        ]
    );
}

#[test]
fn mount_values_are_read_as_csv() {
    assert_eq!(
        convert("docker run --mount '\"source=/srv/a,b\",target=/c,type=bind' --mount type=tmpfs,dst=/scratch,tmpfs-size=64m,tmpfs-mode=1770 --mount type=volume,src=cache,dst=/cache,volume-nocopy,volume-subpath=app img").compose,
        "services:\n  img:\n    image: img\n    volumes:\n      - type: bind\n        source: /srv/a,b\n        target: /c\n        bind:\n          create_host_path: false\n      - type: tmpfs\n        target: /scratch\n        tmpfs:\n          size: 64m\n          mode: 0o1770\n      - type: volume\n        source: cache\n        target: /cache\n        volume:\n          nocopy: true\n          subpath: app\nvolumes:\n  cache:\n    name: cache\n"
    );
}

#[test]
fn podman_mount_relabelling_is_compose_selinux() {
    assert_eq!(
        service("podman run --mount type=bind,source=/media,destination=/media,ro=true,relabel=private --mount type=bind,src=/a,dst=/a,relabel=shared img"),
        "    image: img\n    volumes:\n      - type: bind\n        source: /media\n        target: /media\n        read_only: true\n        bind:\n          selinux: Z\n          create_host_path: false\n      - type: bind\n        source: /a\n        target: /a\n        bind:\n          selinux: z\n          create_host_path: false\n"
    );
}

#[test]
fn mount_volume_driver_settings_go_to_the_volume_declaration() {
    let conversion = convert("docker run --mount 'type=volume,src=nfs,dst=/data,volume-driver=local,volume-opt=type=nfs,\"volume-opt=o=addr=10.0.0.1,rw\",volume-label=team=web' img");
    assert_eq!(
        conversion.compose,
        "services:\n  img:\n    image: img\n    volumes:\n      - type: volume\n        source: nfs\n        target: /data\nvolumes:\n  nfs:\n    name: nfs\n    driver: local\n    driver_opts:\n      type: nfs\n      o: addr=10.0.0.1,rw\n    labels:\n      team: web\n"
    );
    assert!(conversion.unconverted.is_empty());
}

#[test]
fn mount_fields_compose_has_no_place_for_stay_unconverted() {
    let conversion = convert("docker run --mount type=bind,src=/a,dst=/b,bind-create-src --mount type=volume,dst=/v,volume-opt=o=bind --mount type=tmpfs,dst=/t,tmpfs-mode=rwx img");
    assert_eq!(conversion.compose, "services:\n  img:\n    image: img\n");
    let reasons: Vec<&str> = conversion
        .unconverted
        .iter()
        .map(|u| u.reason.as_str())
        .collect();
    assert_eq!(
        reasons,
        [
            "its field `bind-create-src` has no place in Compose's long volume syntax",
            "its volume driver settings need a named volume to declare them on",
            "`tmpfs-mode=rwx` is not an octal mode",
        ]
    );
}

#[test]
fn tmpfs_options_stay_with_their_path() {
    assert_eq!(
        service("docker run --tmpfs /run:rw,size=64m --tmpfs /tmp img"),
        "    image: img\n    tmpfs:\n      - /run:rw,size=64m\n      - /tmp\n"
    );
}

#[test]
fn cpu_memory_and_oom_settings() {
    assert_eq!(
        service("docker run --cpu-period 100000 --cpu-quota 50000 --cpu-rt-period 1000000 --cpu-rt-runtime 950000 --cpu-count 2 --cpu-percent 50 --memory-swappiness 0 --oom-score-adj -500 --oom-kill-disable --cgroup-parent ci.slice img"),
        "    image: img\n    cpu_period: 100000\n    cpu_quota: 50000\n    cpu_rt_period: 1000000\n    cpu_rt_runtime: 950000\n    cpu_count: 2\n    cpu_percent: 50\n    mem_swappiness: 0\n    oom_score_adj: -500\n    oom_kill_disable: true\n    cgroup_parent: ci.slice\n"
    );
}

#[test]
fn block_io_limits() {
    assert_eq!(
        service("docker run --blkio-weight 300 --blkio-weight-device /dev/sda:200 --device-read-bps /dev/sda:1mb --device-write-bps /dev/sda:512k --device-read-iops /dev/sda:1000 --device-write-iops /dev/sdb:500 img"),
        "    image: img\n    blkio_config:\n      weight: 300\n      weight_device:\n        - path: /dev/sda\n          weight: 200\n      device_read_bps:\n        - path: /dev/sda\n          rate: 1mb\n      device_write_bps:\n        - path: /dev/sda\n          rate: 512k\n      device_read_iops:\n        - path: /dev/sda\n          rate: 1000\n      device_write_iops:\n        - path: /dev/sdb\n          rate: 500\n"
    );
    let conversion = convert("docker run --device-read-bps 1mb img");
    assert_eq!(conversion.unconverted[0].reason, "`1mb` is not PATH:RATE");
}

#[test]
fn entrypoint_logging_and_storage() {
    assert_eq!(
        service("docker run --entrypoint /bin/sh --log-driver json-file --log-opt max-size=10m --log-opt max-file=3 --storage-opt size=20G --restart on-failure:3 --stop-signal SIGINT img -c 'echo hi'"),
        "    image: img\n    entrypoint:\n      - /bin/sh\n    logging:\n      driver: json-file\n      options:\n        max-size: 10m\n        max-file: \"3\"\n    storage_opt:\n      size: 20G\n    restart: on-failure:3\n    stop_signal: SIGINT\n    command:\n      - -c\n      - echo hi\n"
    );
    let conversion = convert("docker run --log-opt max-size img");
    assert_eq!(
        conversion.unconverted[0].reason,
        "`max-size` is not KEY=VALUE"
    );
    // An empty entrypoint clears the image's.
    assert_eq!(
        service("docker run --entrypoint '' img"),
        "    image: img\n    entrypoint: []\n"
    );
}

#[test]
fn commands_behind_sudo_prompts_and_other_engines_convert() {
    let conversion = convert("$ sudo docker container run --rm nginx:1.27\nsudo -E podman create --name cache redis:7\nnerdctl run -d alpine:3 sleep 1\n");
    assert_eq!(
        conversion.compose,
        "services:\n  nginx:\n    image: nginx:1.27\n  cache:\n    image: redis:7\n    container_name: cache\n  alpine:\n    image: alpine:3\n    command:\n      - sleep\n      - \"1\"\n"
    );
    let left_out: Vec<&str> = conversion
        .unconverted
        .iter()
        .map(|u| u.flag.as_str())
        .collect();
    assert_eq!(left_out, ["--rm", "-d"]);
}

#[test]
fn switches_are_read_from_the_engine_flag_table() {
    // `-q` and `--use-api-socket` take no value: the image stays the image.
    let conversion =
        convert("docker run -q --use-api-socket --dns-opt ndots:1 --dns-option timeout:2 nginx");
    assert_eq!(
        conversion.compose,
        "services:\n  nginx:\n    image: nginx\n    use_api_socket: true\n    dns_opt:\n      - ndots:1\n      - timeout:2\n"
    );
    assert_eq!(conversion.unconverted[0].flag, "-q");
    assert_eq!(
        service("docker run -it --rm nginx"),
        "    image: nginx\n    stdin_open: true\n    tty: true\n"
    );
    assert_eq!(
        conversion.unconverted[0].reason,
        "an option of the docker command itself, not of the container"
    );
}

#[test]
fn environment_dollars_and_unconverted_flags() {
    let conversion = convert("docker run --rm -d -e 'PRICE=$5' -e HOME=$HOME -e X=$(date) img");
    assert_eq!(
        conversion.compose,
        "services:\n  img:\n    image: img\n    environment:\n      - PRICE=$$5\n      - HOME=$HOME\n"
    );
    let flags: Vec<(&str, [u32; 2])> = conversion
        .unconverted
        .iter()
        .map(|u| (u.flag.as_str(), u.byte_range))
        .collect();
    assert_eq!(
        flags,
        [("--rm", [11, 15]), ("-d", [17, 18]), ("-e", [48, 59])]
    );
    assert!(conversion.unconverted[2].reason.contains("runs a command"));
    // Positions for editors, as diagnostics give them: `--rm` is at 1:12–1:16.
    let at = conversion.unconverted[0].range;
    assert_eq!(
        (at.start.line, at.start.column, at.end.line, at.end.column),
        (1, 12, 1, 16)
    );
}

#[test]
fn network_container_joins_a_converted_service() {
    assert_eq!(
        convert("docker run --name db postgres\ndocker run --network container:db --ipc container:db --volumes-from db:ro --link db:database app").compose,
        "services:\n  db:\n    image: postgres\n    container_name: db\n  app:\n    image: app\n    ipc: service:db\n    volumes_from:\n      - db:ro\n    links:\n      - db:database\n    network_mode: service:db\n"
    );
    // Containers outside the file keep `container:` (or go to `external_links`).
    assert_eq!(
        convert("docker run --network container:db --ipc container:db --volumes-from db --link db app").compose,
        "services:\n  app:\n    image: app\n    ipc: container:db\n    volumes_from:\n      - container:db\n    external_links:\n      - db\n    network_mode: container:db\n"
    );
    // Published ports stay beside host networking, where the engine ignores them.
    assert_eq!(
        convert("docker run --network host -p 80:80 app").compose,
        "services:\n  app:\n    image: app\n    ports:\n      - \"80:80\"\n    network_mode: host\n"
    );
    let named = convert("docker run --network backend --network host app");
    assert_eq!(
        named.compose,
        "services:\n  app:\n    image: app\n    networks:\n      - backend\n      - host\nnetworks:\n  backend:\n    name: backend\n    external: true\n  host:\n    name: host\n    external: true\n"
    );
}

#[test]
fn a_network_named_twice_is_one_key() {
    assert_eq!(
        convert("docker run --network backend --network-alias web --network backend app").compose,
        "services:\n  app:\n    image: app\n    networks:\n      backend:\n        aliases:\n          - web\nnetworks:\n  backend:\n    name: backend\n    external: true\n"
    );
}

#[test]
fn network_settings_go_to_the_first_network() {
    assert_eq!(
        convert("docker run --network-alias web --net-alias www --ip 10.0.0.5 --ip6 fd00::5 --link-local-ip 169.254.1.1 --network backend --network name=metrics,alias=exporter,ip=10.0.1.9,driver-opt=com.docker.network.endpoint.ifname=eth9 app").compose,
        "services:\n  app:\n    image: app\n    networks:\n      backend:\n        aliases:\n          - web\n          - www\n        ipv4_address: \"10.0.0.5\"\n        ipv6_address: fd00::5\n        link_local_ips:\n          - \"169.254.1.1\"\n      metrics:\n        aliases:\n          - exporter\n        ipv4_address: \"10.0.1.9\"\n        driver_opts:\n          com.docker.network.endpoint.ifname: eth9\nnetworks:\n  backend:\n    name: backend\n    external: true\n  metrics:\n    name: metrics\n    external: true\n"
    );
    // Without `--network`, Compose's default network (which needs no declaration).
    assert_eq!(
        convert("docker run --network-alias web app").compose,
        "services:\n  app:\n    image: app\n    networks:\n      default:\n        aliases:\n          - web\n"
    );
    let host = convert("docker run --network host --ip 10.0.0.5 app");
    assert_eq!(
        host.compose,
        "services:\n  app:\n    image: app\n    network_mode: host\n"
    );
    assert_eq!(host.unconverted.len(), 1);
    assert_eq!(host.unconverted[0].flag, "--ip");
    assert_eq!(
        host.unconverted[0].reason,
        "Compose sets it on a network the service joins, and `network_mode: host` joins none"
    );
}

#[test]
fn comma_separated_flags_of_podman_add_one_item_each() {
    assert_eq!(
        service("podman run --cap-add NET_ADMIN,SYS_TIME -p 80:80,443:443 img"),
        "    image: img\n    cap_add:\n      - NET_ADMIN\n      - SYS_TIME\n    ports:\n      - \"80:80\"\n      - \"443:443\"\n"
    );
    let conversion = convert("podman run --pod web img");
    assert_eq!(
        conversion.unconverted[0].reason,
        "`--pod` is not a flag of docker's `run`, and Compose has no key shipshape knows for it"
    );
}

/// A value the flag accepts, for a command that uses it alone.
fn sample(flag: &crate::knowledge::flags::FlagSpec) -> Option<&'static str> {
    use crate::knowledge::flags::ValueKind;
    let by_name = match flag.name {
        "add-host" => "db:10.0.0.2",
        "blkio-weight-device" => "/dev/sda:200",
        "device-read-bps" | "device-write-bps" => "/dev/sda:1mb",
        "device-read-iops" | "device-write-iops" => "/dev/sda:100",
        "device" => "/dev/fuse",
        "env" | "label" | "annotation" | "log-opt" | "storage-opt" | "sysctl" => "key=value",
        "gpus" => "all",
        "mount" => "type=volume,src=data,dst=/data",
        "publish" => "8080:80",
        "ulimit" => "nofile=1024",
        "volume" => "/srv:/srv",
        "tmpfs" => "/run",
        "memory" | "memory-reservation" | "memory-swap" | "shm-size" | "kernel-memory" => "512m",
        "cpus" => "1.5",
        "restart" | "pull" => "always",
        "ip" => "10.0.0.5",
        "ip6" => "fd00::5",
        "link-local-ip" => "169.254.1.1",
        "security-opt" => "no-new-privileges",
        "pid" | "ipc" | "uts" | "userns" | "cgroupns" => "host",
        _ => match flag.kind {
            ValueKind::Bool => return None,
            ValueKind::Int | ValueKind::Uint => "2",
            ValueKind::Float => "1.5",
            ValueKind::Duration => "30s",
            _ => "value",
        },
    };
    Some(by_name)
}

#[test]
fn every_docker_flag_is_converted_or_listed_with_its_reason() {
    let flags = &crate::knowledge::flags::DOCKER.container;
    let baseline = convert("docker run img").compose;
    let (mut converted, mut listed) = (0, 0);
    for flag in flags.iter() {
        let target = target(flag.name).unwrap_or_else(|| panic!("`--{}` has no entry", flag.name));
        let command = match sample(flag) {
            Some(value) => format!("docker run --{} {value} img", flag.name),
            None => format!("docker run --{} img", flag.name),
        };
        let conversion = convert(&command);
        if let NoEquivalent(reason) = target {
            assert_eq!(conversion.compose, baseline, "{command}");
            let flags: Vec<(&str, &str)> = conversion
                .unconverted
                .iter()
                .map(|u| (u.flag.as_str(), u.reason.as_str()))
                .collect();
            assert_eq!(
                flags,
                [(format!("--{}", flag.name).as_str(), reason)],
                "{command}"
            );
            listed += 1;
        } else {
            let key = match target {
                Switch(path)
                | Text(path)
                | Number(path)
                | List(path)
                | Map(path)
                | Shaped(path, _)
                | NetworkOption(path) => path.rsplit('.').next().unwrap(),
                NoEquivalent(_) => unreachable!(),
            };
            assert!(
                conversion.unconverted.is_empty(),
                "{command}: {:?}",
                conversion.unconverted
            );
            assert!(
                conversion.compose.contains(&format!("{key}:")),
                "{command}: no `{key}` in\n{}",
                conversion.compose
            );
            converted += 1;
        }
    }
    // The table holds docker's flags and nothing else.
    for (name, _) in FLAGS {
        assert!(
            flags.iter().any(|flag| flag.name == *name),
            "`--{name}` is not a docker flag"
        );
    }
    assert_eq!((converted, listed), (89, 15));
    println!("docker flags: {converted} converted, {listed} without a Compose equivalent");
}

#[test]
fn hardened_in_the_same_step() {
    let options = HardenOptions {
        analyze: AnalyzeOptions {
            config: crate::config::Config {
                profile: crate::config::Profile::Restricted,
                ..crate::config::Config::default()
            },
            ..AnalyzeOptions::default()
        },
        include_unsafe: false,
    };
    let both = to_compose_hardened(
        "docker run --security-opt seccomp:unconfined -p 8080:80 nginx:1.27",
        &options,
    );
    assert_eq!(
        both.conversion.compose,
        "services:\n  nginx:\n    image: nginx:1.27\n    security_opt:\n      - seccomp:unconfined\n    ports:\n      - \"8080:80\"\n"
    );
    assert_eq!(
        both.hardened.text,
        "services:\n  nginx:\n    image: nginx:1.27\n    security_opt:\n      - seccomp=unconfined\n    ports:\n      - \"8080:80\"\n"
    );
    // Changes are placed in the converted file.
    let changes: Vec<(&str, u32)> = both
        .hardened
        .changes
        .iter()
        .map(|c| (c.code.as_str(), c.range.start.line))
        .collect();
    assert_eq!(changes, [("SEC-008", 5)]);
    assert!(both.hardened.unfixed.iter().any(|u| u.code == "SEC-001"));
}

/// Rule codes of an analysis, sorted, input problems left out.
fn codes(diagnostics: &[Diagnostic]) -> Vec<String> {
    let mut codes: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.kind == crate::diagnostic::DiagnosticKind::Finding)
        .map(|d| d.code.clone())
        .collect();
    codes.sort();
    codes.dedup();
    codes
}

#[test]
fn corpus_commands_convert_to_equivalent_compose() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real/run");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("skipped: {} is absent", dir.display());
        return;
    };
    let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
    files.sort();
    let options = AnalyzeOptions::default();
    let mut mismatches = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let conversion = to_compose(&text, &options);
        let compose_options = AnalyzeOptions {
            input: InputKind::Compose,
            ..options.clone()
        };
        let again = analyze(&conversion.compose, &compose_options);
        let new_syntax: Vec<String> = again
            .diagnostics
            .iter()
            .filter(|d| d.kind == crate::diagnostic::DiagnosticKind::Input)
            .map(|d| format!("{} {}", d.code, d.message))
            .collect();
        let had_containers = !analyze(
            &text,
            &AnalyzeOptions {
                input: InputKind::Run,
                ..options.clone()
            },
        )
        .containers
        .is_empty();
        if had_containers {
            assert!(
                new_syntax.is_empty(),
                "{}: {new_syntax:?}\n{}",
                file.display(),
                conversion.compose
            );
        }
        let before = codes(&conversion.diagnostics);
        let after = codes(&again.diagnostics);
        if before != after {
            mismatches.push(format!("{}: {before:?} → {after:?}", file.display()));
        }
    }
    println!("converted {} corpus files", files.len());
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn corpus_commands_convert_and_harden_in_one_step() {
    use crate::config::{Config, Profile};
    use crate::harden::UnfixedReason;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real/run");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("skipped: {} is absent", dir.display());
        return;
    };
    let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
    files.sort();
    let mut left_out: std::collections::BTreeMap<String, usize> = Default::default();
    for profile in [Profile::Default, Profile::Restricted] {
        let options = HardenOptions {
            analyze: AnalyzeOptions {
                config: Config {
                    profile,
                    ..Config::default()
                },
                ..AnalyzeOptions::default()
            },
            include_unsafe: true,
        };
        let (mut changes, mut findings) = (0, 0);
        for file in &files {
            let text = std::fs::read_to_string(file).unwrap();
            let both = to_compose_hardened(&text, &options);
            if both.conversion.services.is_empty() {
                continue;
            }
            if profile == Profile::Default {
                for unconverted in &both.conversion.unconverted {
                    *left_out.entry(unconverted.flag.clone()).or_default() += 1;
                }
            }
            let stuck: Vec<String> = both
                .hardened
                .unfixed
                .iter()
                .filter(|u| matches!(u.reason, UnfixedReason::Input | UnfixedReason::Conflict))
                .map(|u| format!("{} {}", u.code, u.message))
                .collect();
            assert!(
                stuck.is_empty(),
                "{}: {stuck:?}\n{}",
                file.display(),
                both.hardened.text
            );
            changes += both.hardened.changes.len();
            findings += both.hardened.unfixed.len();
        }
        println!("{profile:?}: {changes} changes, {findings} findings left for a person");
    }
    println!("flags left out over the corpus: {left_out:?}");
}
