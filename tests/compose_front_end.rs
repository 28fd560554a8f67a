//! The Compose front-end: what each service becomes, and where every value points.

use shipshape::compose;
use shipshape::model::{ComposeLayout, Environment, FrontEnd, Layout, Limits};
use shipshape::model::{Container, MountKind, MountSyntax, NamespaceMode, Setting};
use shipshape::rules::input::rule_for;
use shipshape::span::{LineIndex, Span};
use shipshape::{analyze, AnalyzeOptions, InputKind};

fn parse(text: &str) -> FrontEnd {
    compose::parse(text, &Environment::new(), &Limits::default())
}

fn parse_with(text: &str, env: &[(&str, &str)]) -> FrontEnd {
    let env = env
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    compose::parse(text, &env, &Limits::default())
}

/// Parses text whose only expected problems are listed (as `(code, line, column)`).
fn parse_clean(text: &str) -> Vec<Container> {
    let front_end = parse(text);
    assert!(
        front_end.problems.is_empty(),
        "{:?}",
        problems(text, &front_end)
    );
    front_end.containers
}

fn problems(text: &str, front_end: &FrontEnd) -> Vec<(String, u32, u32)> {
    front_end
        .problems
        .iter()
        .map(|p| {
            let (line, column) = at(text, p.span);
            (rule_for(p.code).code.to_string(), line, column)
        })
        .collect()
}

/// 1-based line and UTF-16 column of a span's start.
fn at(text: &str, span: Span) -> (u32, u32) {
    let position = LineIndex::new(text).position(span.start as usize);
    (position.line, position.column)
}

/// Line, column and the text a setting points at.
fn located<'t, T>(text: &'t str, setting: &Setting<T>) -> (u32, u32, &'t str) {
    let (line, column) = at(text, setting.span);
    (line, column, &text[setting.span.range()])
}

fn value<T: Clone>(setting: &Option<Setting<T>>) -> Option<T> {
    setting.as_ref().and_then(|s| s.value.clone())
}

fn raws(settings: &[Setting<String>]) -> Vec<&str> {
    settings.iter().map(|s| s.raw.as_str()).collect()
}

fn codes(text: &str, options: &AnalyzeOptions) -> Vec<(String, u32, u32)> {
    analyze(text, options)
        .diagnostics
        .iter()
        .map(|d| (d.code.clone(), d.range.start.line, d.range.start.column))
        .collect()
}

fn compose_options(env: &[(&str, &str)]) -> AnalyzeOptions {
    AnalyzeOptions {
        input: InputKind::Compose,
        env: env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        ..AnalyzeOptions::default()
    }
}

#[test]
fn service_identity_and_insertion_point() {
    let text = "\
services:
  web:
    image: nginx:1.27
    privileged: true

  db:
      image: postgres
";
    let containers = parse_clean(text);
    assert_eq!(containers.len(), 2);
    let web = &containers[0];
    assert_eq!(web.name, "web");
    assert_eq!(at(text, web.name_span), (2, 3));
    assert_eq!(
        &text[web.span.range()],
        "web:\n    image: nginx:1.27\n    privileged: true"
    );
    assert_eq!(layout(web).key_indent, "    ");
    // Start of the line after `privileged: true`.
    assert_eq!(at(text, Span::at(layout(web).insert_at)), (5, 1));
    let db = &containers[1];
    assert_eq!(layout(db).key_indent, "      ");
    assert_eq!(layout(db).insert_at, text.len());
    assert_eq!(
        located(text, db.image.as_ref().unwrap()),
        (7, 14, "postgres")
    );
}

#[test]
fn booleans_accept_strings_and_compose_words() {
    let text = "\
services:
  a:
    privileged: yes
    read_only: \"true\"
    use_api_socket: 'On'
    oom_kill_disable: FALSE
";
    let a = &parse_clean(text)[0];
    assert_eq!(
        located(text, a.privileged.as_ref().unwrap()),
        (3, 17, "yes")
    );
    assert!(a.is_privileged());
    assert_eq!(
        located(text, a.read_only.as_ref().unwrap()),
        (4, 16, "\"true\"")
    );
    assert_eq!(value(&a.use_api_socket), Some(true));
    assert_eq!(value(&a.resources.oom_kill_disable), Some(false));
}

#[test]
fn capabilities_security_options_and_identity() {
    let text = "\
services:
  a:
    cap_add: [SYS_ADMIN, net_admin]
    cap_drop:
      - ALL
    security_opt:
      - seccomp:unconfined
      - no-new-privileges=true
    user: 1000:1000
    group_add: [docker, 109]
";
    let a = &parse_clean(text)[0];
    assert_eq!(raws(&a.cap_add), ["SYS_ADMIN", "net_admin"]);
    assert_eq!(located(text, &a.cap_add[1]), (3, 26, "net_admin"));
    assert_eq!(located(text, &a.cap_drop[0]), (5, 9, "ALL"));
    let seccomp = a.security_opt("seccomp").unwrap();
    assert_eq!(seccomp.value.as_deref(), Some("unconfined"));
    assert_eq!(seccomp.separator, Some(':'));
    assert_eq!(located(text, &seccomp.entry), (7, 9, "seccomp:unconfined"));
    assert_eq!(
        a.security_opt("no-new-privileges")
            .unwrap()
            .value
            .as_deref(),
        Some("true")
    );
    assert_eq!(
        located(text, a.user.as_ref().unwrap()),
        (9, 11, "1000:1000")
    );
    assert_eq!(raws(&a.group_add), ["docker", "109"]);
}

#[test]
fn namespaces_and_networks() {
    let text = "\
services:
  a:
    pid: host
    ipc: service:db
    uts: host
    userns_mode: host
    cgroup: private
    network_mode: container:vpn
  b:
    networks: [front, back]
  c:
    networks:
      front:
      back:
        ipv4_address: 10.0.0.2
";
    let containers = parse_clean(text);
    let ns = &containers[0].namespaces;
    assert_eq!(located(text, ns.pid.as_ref().unwrap()), (3, 10, "host"));
    assert!(ns.pid.as_ref().unwrap().value.as_ref().unwrap().is_host());
    assert_eq!(value(&ns.ipc), Some(NamespaceMode::Service("db".into())));
    assert_eq!(value(&ns.uts), Some(NamespaceMode::Host));
    assert_eq!(value(&ns.userns), Some(NamespaceMode::Host));
    assert_eq!(value(&ns.cgroup), Some(NamespaceMode::Private));
    assert_eq!(
        value(&ns.network),
        Some(NamespaceMode::Container("vpn".into()))
    );
    assert_eq!(
        located(text, ns.network.as_ref().unwrap()),
        (8, 19, "container:vpn")
    );
    assert_eq!(raws(&containers[1].networks), ["front", "back"]);
    assert_eq!(raws(&containers[2].networks), ["front", "back"]);
    assert_eq!(located(text, &containers[2].networks[1]), (14, 7, "back"));
}

#[test]
fn volumes_in_every_syntax() {
    let text = "\
services:
  a:
    volumes:
      - /var/run/docker.sock:/var/run/docker.sock:ro
      - \"snmptraps:/var/lib/snmptraps:roz\"
      - /cache
      - type: bind
        source: /
        target: /host
        read_only: true
        bind:
          propagation: rshared
      - type: volume
        target: /anonymous
      - etc:/etc-host
    tmpfs: /run
  b:
    tmpfs:
      - /tmp:size=64m
      - /var/tmp
volumes:
  etc:
    driver: local
    driver_opts:
      type: none
      o: bind
      device: /etc
  plain: {}
";
    let containers = parse_clean(text);
    let mounts = &containers[0].mounts;
    assert_eq!(mounts.len(), 7);
    let socket = &mounts[0];
    assert_eq!(
        (socket.kind, &socket.syntax),
        (MountKind::Bind, &MountSyntax::Short)
    );
    assert!(socket.is_read_only());
    assert_eq!(
        located(text, socket.source.as_ref().unwrap()),
        (4, 9, "/var/run/docker.sock")
    );
    assert_eq!(
        located(text, socket.read_only.as_ref().unwrap()),
        (4, 51, "ro")
    );
    // `roz` is not `ro`: the engine ignores it and the mount stays writable.
    let traps = &mounts[1];
    assert_eq!(traps.kind, MountKind::Volume);
    assert!(!traps.is_read_only());
    assert_eq!(located(text, &traps.unknown_options[0]), (5, 39, "roz"));
    assert_eq!(at(text, traps.span), (5, 9));
    assert_eq!(mounts[2].kind, MountKind::Anonymous);
    let long = &mounts[3];
    assert_eq!(
        (long.kind, &long.syntax),
        (MountKind::Bind, &MountSyntax::Long)
    );
    assert_eq!(located(text, long.source.as_ref().unwrap()), (8, 17, "/"));
    assert_eq!(
        located(text, long.read_only.as_ref().unwrap()),
        (10, 20, "true")
    );
    assert_eq!(
        located(text, long.propagation.as_ref().unwrap()),
        (12, 24, "rshared")
    );
    assert_eq!(at(text, long.span), (7, 9));
    assert_eq!(mounts[4].kind, MountKind::Anonymous);
    // A named volume whose driver options bind /etc is a bind of /etc.
    let etc = &mounts[5];
    assert_eq!(etc.kind, MountKind::Bind);
    assert_eq!(
        etc.syntax,
        MountSyntax::VolumeDriverBind {
            volume: "etc".into()
        }
    );
    assert_eq!(
        located(text, etc.source.as_ref().unwrap()),
        (27, 15, "/etc")
    );
    assert_eq!(at(text, etc.span), (15, 9));
    assert_eq!(
        (mounts[6].kind, &mounts[6].syntax),
        (MountKind::Tmpfs, &MountSyntax::Tmpfs)
    );
    let b = &containers[1].mounts;
    assert_eq!(b.len(), 2);
    assert_eq!(
        located(text, b[0].target.as_ref().unwrap()),
        (19, 9, "/tmp")
    );
    assert_eq!(b[1].kind, MountKind::Tmpfs);
}

#[test]
fn tmpfs_string_joins_the_mounts() {
    let text = "services:\n  a:\n    tmpfs: /run\n    volumes: [/x]\n";
    let mounts = &parse_clean(text)[0].mounts;
    assert_eq!(mounts.len(), 2);
    assert_eq!(
        (mounts[0].kind, &mounts[0].syntax),
        (MountKind::Tmpfs, &MountSyntax::Tmpfs)
    );
    assert_eq!(
        located(text, mounts[0].target.as_ref().unwrap()),
        (3, 12, "/run")
    );
}

#[test]
fn devices_and_gpus() {
    let text = "\
services:
  a:
    devices:
      - /dev/fuse
      - /dev/sda:/dev/xvda:rwm
      - source: /dev/kvm
        target: /dev/kvm
        permissions: rw
    device_cgroup_rules: ['c 10:200 rwm']
    gpus: all
  b:
    gpus:
      - driver: nvidia
        count: 2
      - device_ids: [\"0\", \"1\"]
    deploy:
      resources:
        reservations:
          devices:
            - capabilities: [gpu]
              count: all
";
    let containers = parse_clean(text);
    let a = &containers[0];
    assert_eq!(a.devices.len(), 3);
    assert_eq!(located(text, &a.devices[0].host_path), (4, 9, "/dev/fuse"));
    assert_eq!(
        located(text, a.devices[1].permissions.as_ref().unwrap()),
        (5, 28, "rwm")
    );
    assert_eq!(located(text, &a.devices[2].host_path), (6, 17, "/dev/kvm"));
    assert_eq!(at(text, a.devices[2].span), (6, 9));
    assert_eq!(
        located(text, &a.device_cgroup_rules[0]),
        (9, 27, "'c 10:200 rwm'")
    );
    assert_eq!(located(text, &a.gpus[0]), (10, 11, "all"));
    let b = &containers[1];
    assert_eq!(raws(&b.gpus), ["count=2", "device=0,1", "all"]);
    assert_eq!(at(text, b.gpus[0].span), (13, 9));
    assert_eq!(at(text, b.gpus[2].span), (20, 15));
}

#[test]
fn sysctls_and_ulimits() {
    let text = "\
services:
  a:
    sysctls:
      net.ipv4.ip_forward: 1
      kernel.shm_rmid_forced: \"1\"
    ulimits:
      nproc: 65535
      nofile:
        soft: 20000
        hard: unlimited
  b:
    sysctls:
      - net.ipv4.ip_unprivileged_port_start=0
";
    let containers = parse_clean(text);
    let a = &containers[0];
    assert_eq!(
        located(text, &a.sysctls[0].key),
        (4, 7, "net.ipv4.ip_forward")
    );
    assert_eq!(located(text, &a.sysctls[0].value), (4, 28, "1"));
    assert_eq!(a.sysctls[1].value.value.as_deref(), Some("1"));
    let nproc = &a.ulimits[0];
    assert_eq!(
        (value(&nproc.soft), value(&nproc.hard)),
        (Some(65535), Some(65535))
    );
    let nofile = &a.ulimits[1];
    assert_eq!(
        (value(&nofile.soft), value(&nofile.hard)),
        (Some(20000), Some(-1))
    );
    assert_eq!(
        located(text, nofile.hard.as_ref().unwrap()),
        (10, 15, "unlimited")
    );
    let b = &containers[1].sysctls[0];
    assert_eq!(
        located(text, &b.key),
        (13, 9, "net.ipv4.ip_unprivileged_port_start")
    );
    assert_eq!(located(text, &b.value), (13, 45, "0"));
}

#[test]
fn resources_with_deploy_limits_winning() {
    let text = "\
services:
  a:
    mem_limit: 1g
    memswap_limit: -1
    cpus: '0.5'
    cpu_shares: 512
    cpu_quota: \"50000\"
    pids_limit: \"100\"
    oom_score_adj: \"-500\"
    cgroup_parent: /custom
    shm_size: 2gb
    deploy:
      resources:
        limits:
          memory: 512M
          cpus: \"2\"
          pids: 50
  b:
    deploy:
      resources:
        limits:
          memory: 256m
    mem_limit: 1g
  c:
    mem_limit: 1g
";
    let containers = parse_clean(text);
    let r = &containers[0].resources;
    assert_eq!(value(&r.memory), Some(512 << 20));
    assert_eq!(located(text, r.memory.as_ref().unwrap()), (15, 19, "512M"));
    assert_eq!(value(&r.memory_swap), Some(-1));
    assert_eq!(value(&r.cpus), Some(2.0));
    assert_eq!(value(&r.cpu_shares), Some(512));
    assert_eq!(value(&r.cpu_quota), Some(50000));
    assert_eq!(value(&r.pids_limit), Some(50));
    assert_eq!(value(&r.oom_score_adj), Some(-500));
    assert_eq!(
        located(text, r.oom_score_adj.as_ref().unwrap()),
        (9, 20, "\"-500\"")
    );
    assert_eq!(value(&r.cgroup_parent).as_deref(), Some("/custom"));
    assert_eq!(value(&r.shm_size), Some(2 << 30));
    // Deploy wins whichever comes first.
    assert_eq!(value(&containers[1].resources.memory), Some(256 << 20));
    assert_eq!(value(&containers[2].resources.memory), Some(1 << 30));
}

#[test]
fn ports_hosts_dns_and_operations() {
    let text = "\
services:
  a:
    ports:
      - \"127.0.0.1:8080:80\"
      - 5432
      - target: 443
        published: \"8443\"
        host_ip: 0.0.0.0
        protocol: tcp
    expose: [\"3000\", 4000]
    dns: 1.1.1.1
    dns_search: [example.com]
    dns_opt: [use-vc]
    extra_hosts:
      - \"host.docker.internal:host-gateway\"
    hostname: box
    links: [db]
    restart: unless-stopped
    healthcheck:
      test: [\"NONE\"]
    volumes_from: [\"other:ro\"]
    runtime: runsc
    image: alpine
    build:
      context: .
      privileged: true
      network: host
      entitlements: [security.insecure]
  b:
    extra_hosts:
      db: 10.0.0.5
    restart: always
    deploy:
      restart_policy:
        condition: on-failure
        max_attempts: 3
    healthcheck:
      disable: true
    build: ./b
";
    let containers = parse_clean(text);
    let a = &containers[0];
    let port = &a.ports[0];
    assert_eq!(
        located(text, port.host_ip.as_ref().unwrap()),
        (4, 10, "127.0.0.1")
    );
    assert_eq!(value(&port.published), Some(8080));
    assert_eq!(
        located(text, port.published.as_ref().unwrap()),
        (4, 20, "8080")
    );
    assert_eq!(
        (value(&a.ports[1].target), a.ports[1].published.is_none()),
        (Some(5432), true)
    );
    let long = &a.ports[2];
    assert_eq!(
        (value(&long.target), value(&long.published)),
        (Some(443), Some(8443))
    );
    assert_eq!(value(&long.host_ip).as_deref(), Some("0.0.0.0"));
    assert_eq!(at(text, long.span), (6, 9));
    assert_eq!(raws(&a.expose), ["3000", "4000"]);
    assert_eq!(located(text, &a.dns[0]), (11, 10, "1.1.1.1"));
    assert_eq!(raws(&a.dns_search), ["example.com"]);
    assert_eq!(raws(&a.dns_opt), ["use-vc"]);
    assert_eq!(a.extra_hosts[0].host, "host.docker.internal");
    assert_eq!(
        located(text, &a.extra_hosts[0].address),
        (15, 31, "host-gateway")
    );
    assert_eq!(value(&a.hostname).as_deref(), Some("box"));
    assert_eq!(raws(&a.links), ["db"]);
    assert_eq!(
        a.restart.as_ref().unwrap().value.as_ref().unwrap().name,
        "unless-stopped"
    );
    let check = a.healthcheck.as_ref().unwrap();
    assert_eq!(
        located(text, check.disabled.as_ref().unwrap()),
        (20, 14, "\"NONE\"")
    );
    assert_eq!(raws(&a.volumes_from), ["other:ro"]);
    assert_eq!(value(&a.runtime).as_deref(), Some("runsc"));
    assert_eq!(value(&a.image).as_deref(), Some("alpine"));
    let build = a.build.as_ref().unwrap();
    assert_eq!(
        located(text, build.privileged.as_ref().unwrap()),
        (26, 19, "true")
    );
    assert_eq!(value(&build.network).as_deref(), Some("host"));
    assert_eq!(raws(&build.entitlements), ["security.insecure"]);

    let b = &containers[1];
    assert_eq!(b.extra_hosts[0].host, "db");
    assert_eq!(
        located(text, &b.extra_hosts[0].address),
        (31, 11, "10.0.0.5")
    );
    // `deploy.restart_policy` wins over `restart`; its attempt count decides, so the
    // setting points at it.
    let restart = b.restart.as_ref().unwrap();
    assert_eq!(restart.value.as_ref().unwrap().name, "on-failure");
    assert_eq!(restart.value.as_ref().unwrap().max_retries, Some(3));
    assert_eq!(located(text, restart), (36, 23, "3"));
    assert_eq!(value(&b.healthcheck.as_ref().unwrap().disabled), Some(true));
    assert_eq!(at(text, b.build.as_ref().unwrap().span), (39, 12));
}

#[test]
fn values_of_the_wrong_shape_are_reported_where_written() {
    let text = "\
services:
  a:
    privileged: maybe
    cap_add: SYS_ADMIN
    ports:
      - target: http
    mem_limit: lots
    sysctls: [no_equals_sign]
    volumes:
      - {source: /x, target: /y}
  b: just-a-string
";
    let front_end = parse(text);
    assert_eq!(
        problems(text, &front_end),
        [
            ("SYN-004".to_string(), 3, 17),
            ("SYN-004".to_string(), 4, 14),
            ("SYN-004".to_string(), 6, 17),
            ("SYN-004".to_string(), 7, 16),
            ("SYN-004".to_string(), 8, 15),
            ("SYN-004".to_string(), 10, 9),
            ("SYN-004".to_string(), 11, 3),
        ]
    );
    assert_eq!(front_end.problems[0].container.as_deref(), Some("a"));
    assert_eq!(
        front_end.problems[0].message,
        "`privileged`: `maybe` is not true or false"
    );
    assert_eq!(
        front_end.problems[1].message,
        "`cap_add` must be a list, not a single value"
    );
    let a = &front_end.containers[0];
    assert!(a.privileged.is_none() && a.cap_add.is_empty() && a.mounts.is_empty());
    assert_eq!(front_end.containers.len(), 1);
}

#[test]
fn anchored_settings_report_the_merging_service_at_the_anchor() {
    let text = "\
x-privileged: &privileged
  privileged: true
  cap_add: [SYS_ADMIN]

services:
  agent:
    <<: *privileged
    image: agent
  web:
    image: nginx
";
    let containers = parse_clean(text);
    assert!(containers[0].is_privileged());
    assert!(!containers[1].is_privileged());
    assert_eq!(
        located(text, containers[0].privileged.as_ref().unwrap()),
        (2, 15, "true")
    );
    assert_eq!(
        located(text, &containers[0].cap_add[0]),
        (3, 13, "SYS_ADMIN")
    );
    let analysis = analyze(text, &compose_options(&[]));
    let privileged: Vec<_> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.code == "PRIV-001")
        .map(|d| {
            (
                d.container.clone(),
                d.range.start.line,
                d.range.start.column,
            )
        })
        .collect();
    assert_eq!(privileged, [(Some("agent".to_string()), 2, 15)]);
    // The finding also points at the service that inherits the anchored setting.
    let related: Vec<_> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.code == "PRIV-001")
        .flat_map(|d| &d.related)
        .map(|r| (r.message.as_str(), r.range.start.line, r.range.start.column))
        .collect();
    assert_eq!(related, [("agent inherits this setting", 6, 3)]);
}

#[test]
fn extended_settings_point_at_each_inheriting_service() {
    let text = "\
services:
  base:
    image: nginx:1.27
    privileged: true
  child:
    extends: base
";
    let analysis = analyze(text, &compose_options(&[]));
    let privileged: Vec<_> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.code == "PRIV-001")
        .map(|d| {
            let related: Vec<_> = d
                .related
                .iter()
                .map(|r| (r.message.clone(), r.range.start.line))
                .collect();
            (d.container.clone().unwrap(), d.range.start.line, related)
        })
        .collect();
    assert_eq!(
        privileged,
        [
            ("base".to_string(), 4, vec![]),
            (
                "child".to_string(),
                4,
                vec![("child inherits this setting".to_string(), 5)]
            ),
        ]
    );
}

#[test]
fn merge_keys_lists_and_explicit_keys() {
    let text = "\
x-a: &a
  privileged: true
  user: root
x-b: &b
  privileged: false
  read_only: true
services:
  one:
    <<: [*b, *a]
    user: app
  two:
    <<: *a
    privileged: false
  three: *a
";
    let containers = parse_clean(text);
    // Earlier mappings of the list win; explicit keys win over all.
    assert_eq!(value(&containers[0].privileged), Some(false));
    assert_eq!(value(&containers[0].read_only), Some(true));
    assert_eq!(value(&containers[0].user).as_deref(), Some("app"));
    assert_eq!(value(&containers[1].privileged), Some(false));
    assert_eq!(value(&containers[1].user).as_deref(), Some("root"));
    // A service that is only an alias still has its own name, span and indentation.
    let three = &containers[2];
    assert!(three.is_privileged());
    assert_eq!(&text[three.span.range()], "three: *a");
    assert_eq!(layout(three).key_indent, "    ");
    assert_eq!(at(text, Span::at(layout(three).insert_at)), (15, 1));
}

#[test]
fn interpolation_in_values() {
    let text = "\
services:
  a:
    privileged: ${PRIV}
    image: \"${REGISTRY:-docker.io}/app:${TAG}\"
    volumes:
      - ${DATA:-/etc}:/data:ro
      - $$HOME:/home
    user: ${USER_ID:?set USER_ID}
";
    let front_end = parse(text);
    assert_eq!(problems(text, &front_end), [("SYN-003".to_string(), 8, 11)]);
    assert_eq!(
        front_end.problems[0].message,
        "required variable `USER_ID` is not set: set USER_ID"
    );
    let a = &front_end.containers[0];
    // Unknown, not guessed.
    assert_eq!(a.privileged.as_ref().unwrap().value, None);
    assert_eq!(a.image.as_ref().unwrap().value, None);
    assert_eq!(a.image.as_ref().unwrap().raw, "docker.io/app:${TAG}");
    assert_eq!(a.user.as_ref().unwrap().value, None);
    let data = &a.mounts[0];
    assert_eq!(data.kind, MountKind::Bind);
    // The default points where it is written.
    assert_eq!(
        located(text, data.source.as_ref().unwrap()),
        (6, 17, "/etc")
    );
    assert_eq!(value(&a.mounts[1].source).as_deref(), Some("$HOME"));

    let with_env = parse_with(
        text,
        &[("PRIV", "true"), ("TAG", "1.0"), ("USER_ID", "1000")],
    );
    assert!(with_env.problems.is_empty());
    let a = &with_env.containers[0];
    assert_eq!(
        located(text, a.privileged.as_ref().unwrap()),
        (3, 17, "${PRIV}")
    );
    assert_eq!(value(&a.image).as_deref(), Some("docker.io/app:1.0"));

    let options = compose_options(&[]);
    assert!(!codes(text, &options)
        .iter()
        .any(|(code, ..)| code == "PRIV-001"));
    let options = compose_options(&[("PRIV", "true")]);
    assert!(codes(text, &options).contains(&("PRIV-001".to_string(), 3, 17)));
}

#[test]
fn extends_within_the_file() {
    let text = "\
services:
  base:
    image: base
    privileged: true
    cap_add: [NET_ADMIN]
  middle:
    extends: base
    cap_add: [SYS_TIME]
  child:
    extends:
      service: middle
    privileged: false
    cap_add: [NET_ADMIN]
  elsewhere:
    extends:
      file: other.yaml
      service: base
    image: x
";
    let containers = parse_clean(text);
    let middle = &containers[1];
    assert!(middle.is_privileged());
    // Inherited settings point at the base service's text.
    assert_eq!(
        located(text, middle.privileged.as_ref().unwrap()),
        (4, 17, "true")
    );
    assert_eq!(raws(&middle.cap_add), ["NET_ADMIN", "SYS_TIME"]);
    assert_eq!(middle.name, "middle");
    assert_eq!(at(text, middle.name_span), (6, 3));
    let child = &containers[2];
    assert_eq!(value(&child.privileged), Some(false));
    assert_eq!(value(&child.image).as_deref(), Some("base"));
    assert_eq!(raws(&child.cap_add), ["SYS_TIME", "NET_ADMIN"]);
    assert_eq!(located(text, &child.cap_add[1]), (13, 15, "NET_ADMIN"));
    let elsewhere = &containers[3];
    assert_eq!(elsewhere.privileged, None);
}

#[test]
fn extends_cycles_and_unknown_bases_are_reported() {
    let text = "\
services:
  a:
    extends: b
    privileged: true
  b:
    extends: a
  c:
    extends: nowhere
";
    let front_end = parse(text);
    assert_eq!(
        problems(text, &front_end),
        [
            ("SYN-004".to_string(), 6, 14),
            ("SYN-004".to_string(), 8, 14)
        ]
    );
    assert_eq!(front_end.containers.len(), 3);
    // The cycle is cut where it closes: `a` still gets `b`'s settings.
    assert!(front_end.containers[0].is_privileged());
}

#[test]
fn later_documents_override_earlier_ones() {
    let text = "\
services:
  web:
    image: nginx
    privileged: true
    cap_add: [NET_ADMIN]
---
services:
  web:
    privileged: false
    cap_add: !reset []
  extra:
    image: busybox
";
    let containers = parse_clean(text);
    assert_eq!(containers.len(), 2);
    let web = &containers[0];
    assert_eq!(value(&web.image).as_deref(), Some("nginx"));
    assert_eq!(
        located(text, web.privileged.as_ref().unwrap()),
        (9, 17, "false")
    );
    assert!(web.cap_add.is_empty());
}

#[test]
fn reset_in_a_single_file_leaves_the_value_unset() {
    let text = "\
services:
  web:
    image: nginx
    cap_add: !reset [SYS_ADMIN]
    privileged: !override true
    sysctls:
      net.ipv4.ip_forward: !reset 1
      net.core.somaxconn: 1024
    devices:
      - !reset /dev/sda
      - /dev/fuse
  gone: !reset
    image: busybox
";
    let containers = parse_clean(text);
    assert_eq!(containers.len(), 1);
    let web = &containers[0];
    assert!(web.cap_add.is_empty());
    assert!(web.is_privileged());
    let keys: Vec<_> = web.sysctls.iter().map(|s| s.key.value.clone()).collect();
    assert_eq!(keys, [Some("net.core.somaxconn".to_string())]);
    assert_eq!(web.devices.len(), 1);
    assert_eq!(web.devices[0].host_path.value.as_deref(), Some("/dev/fuse"));
}

#[test]
fn invalid_yaml_is_located() {
    let text = "services:\n  web:\n    image: nginx\n   privileged: true\n";
    let options = compose_options(&[]);
    assert_eq!(codes(text, &options), [("SYN-001".to_string(), 4, 4)]);
    let analysis = analyze("services:\n  web: [unclosed\n", &options);
    assert_eq!(analysis.diagnostics.len(), 1);
    assert_eq!(analysis.diagnostics[0].code, "SYN-001");
    assert!(analysis.containers.is_empty());
}

#[test]
fn documents_that_are_not_compose_files() {
    let options = compose_options(&[]);
    let cases: [(&str, (u32, u32)); 5] = [
        ("- web\n- db\n", (1, 1)),
        ("just text\n", (1, 1)),
        ("name: app\nnetworks: {}\n", (1, 1)),
        ("web:\n  image: nginx\n", (1, 1)),
        ("version: '3'\nservices:\n  - web\n", (3, 3)),
    ];
    for (text, (line, column)) in cases {
        assert_eq!(
            codes(text, &options),
            [("SYN-002".to_string(), line, column)],
            "{text}"
        );
    }
    let legacy = parse("web:\n  image: nginx\n");
    assert!(legacy.problems[0].message.contains("legacy v1 format"));
    // Nothing to analyse is not a problem.
    assert!(codes("", &options).is_empty());
    assert!(codes("# all commented out\n", &options).is_empty());
    assert!(codes("services: {}\n", &options).is_empty());
}

#[test]
fn hostile_input_is_bounded_and_located() {
    let mut laughs = String::from("x-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (name, previous) in ["b", "c", "d", "e", "f", "g", "h", "i"]
        .iter()
        .zip(["a", "b", "c", "d", "e", "f", "g", "h"])
    {
        let refs = vec![format!("*{previous}"); 9].join(", ");
        laughs.push_str(&format!("x-{name}: &{name} [{refs}]\n"));
    }
    laughs.push_str("services:\n  web:\n    image: nginx\n    privileged: true\n");
    let options = compose_options(&[]);
    let found = codes(&laughs, &options);
    assert_eq!(found[0], ("SYN-005".to_string(), 6, 10));
    // The rest of the file is still analysed.
    assert!(found.contains(&("PRIV-001".to_string(), 13, 17)));

    // A fan of `extends` copying a large base is bounded too (the base's one line
    // stays under the line-length limit).
    let children: String = (0..50)
        .map(|i| format!("  s{i}: {{extends: base}}\n"))
        .collect();
    let fan = format!(
        "services:\n  base:\n    image: {}\n{children}",
        "a".repeat(200_000)
    );
    let front_end = parse(&fan);
    assert_eq!(
        problems(&fan, &front_end),
        [("SYN-005".to_string(), 45, 18)]
    );
    assert!(front_end.containers[41].image.is_some());
    assert!(front_end.containers[42].image.is_none());

    let deep = format!(
        "services:\n  web:\n    image: {}{}\n",
        "[".repeat(500),
        "]".repeat(500)
    );
    let found = codes(&deep, &options);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "SYN-005");
}

#[test]
fn columns_count_utf16_units_after_emoji_and_cjk() {
    let text = "\
services:
  \"服务😀\":
    image: \"😀/app\" # 注释
    cap_add: [\"漢字\", SYS_ADMIN]
    privileged: true
";
    let containers = parse_clean(text);
    let service = &containers[0];
    assert_eq!(service.name, "服务😀");
    assert_eq!(at(text, service.name_span), (2, 3));
    assert_eq!(located(text, &service.cap_add[1]), (4, 21, "SYS_ADMIN"));
    let analysis = analyze(text, &compose_options(&[]));
    let diagnostic = analysis
        .diagnostics
        .iter()
        .find(|d| d.code == "PRIV-001")
        .unwrap();
    assert_eq!(
        (diagnostic.range.start.line, diagnostic.range.start.column),
        (5, 17)
    );
    let text = "services:\n  a: {image: \"😀\", privileged: true}\n";
    let diagnostic = analyze(text, &compose_options(&[]))
        .diagnostics
        .into_iter()
        .find(|d| d.code == "PRIV-001")
        .unwrap();
    // `  a: {image: "😀", privileged: ` is 31 UTF-16 units.
    assert_eq!(
        (diagnostic.range.start.line, diagnostic.range.start.column),
        (2, 32)
    );
}

#[test]
fn an_invalid_published_port_is_reported_and_kept_unknown() {
    let text = "services:\n  web:\n    image: nginx\n    ports:\n      - target: 80\n        published: 127.0.0.1:8080\n";
    let front_end = parse(text);
    assert_eq!(problems(text, &front_end), [("SYN-004".to_string(), 6, 20)]);
    let published = front_end.containers[0].ports[0].published.as_ref().unwrap();
    assert_eq!(located(text, published), (6, 20, "127.0.0.1:8080"));
    assert_eq!(published.value, None);
}

/// The Compose layout the front-end recorded for a service.
fn layout(container: &Container) -> &ComposeLayout {
    match &container.layout {
        Layout::Compose(layout) => layout,
        Layout::Run(_) => panic!("{} is not a Compose service", container.name),
    }
}

/// The long-syntax sub-keys no rule reads are still read with Compose's types: a mount
/// `type`, `bind.recursive` and the booleans `bind.create_host_path` and
/// `volume.nocopy` that Compose refuses are one SYN-004 each; a mount of an unknown type
/// reaches no rule.
#[test]
fn long_syntax_values_follow_compose() {
    let text = "services:\n  app:\n    image: img\n    volumes:\n      - type: bnid\n        source: /etc\n        target: /h\n      - type: bind\n        source: ./a\n        target: /a\n        bind:\n          create_host_path: maybe\n          recursive: sometimes\n      - type: volume\n        source: v\n        target: /v\n        volume:\n          nocopy: yes\n      - type: bind\n        source: ./b\n        target: /b\n        bind:\n          recursive: readonly\n          create_host_path: false\nvolumes:\n  v:\n";
    let front_end = parse(text);
    let found: Vec<(u32, u32)> = problems(text, &front_end)
        .into_iter()
        .map(|(code, line, column)| {
            assert_eq!(code, "SYN-004");
            (line, column)
        })
        .collect();
    assert_eq!(found, [(5, 15), (12, 29), (13, 22)]);
    let targets: Vec<_> = front_end.containers[0]
        .mounts
        .iter()
        .map(|mount| value(&mount.target).unwrap())
        .collect();
    assert_eq!(targets, ["/a", "/v", "/b"]);
}
