use super::*;

fn convert(text: &str) -> Conversion {
    to_compose(text, &AnalyzeOptions::default())
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
    assert_eq!(conversion.services[1].from_range, Span::new(28, 79));
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
        service("docker run --health-cmd 'curl -f http://localhost/ || exit 1' --health-interval 30s --health-retries 3 -m 512m --cpus 1.5 --pids-limit 100 --memory-swap -1 --stop-timeout 20 --gpus device=0,1 img"),
        "    image: img\n    healthcheck:\n      test:\n        - CMD-SHELL\n        - curl -f http://localhost/ || exit 1\n      interval: 30s\n      retries: 3\n    mem_limit: 512m\n    cpus: 1.5\n    pids_limit: 100\n    memswap_limit: \"-1\"\n    stop_grace_period: 20s\n    gpus:\n      - device_ids:\n          - \"0\"\n          - \"1\"\n"
    );
    assert_eq!(
        service("docker run --gpus all --no-healthcheck img"),
        "    image: img\n    gpus: all\n    healthcheck:\n      disable: true\n"
    );
}

#[test]
fn environment_dollars_and_unconverted_flags() {
    let conversion = convert("docker run --rm -d -e 'PRICE=$5' -e HOME=$HOME -e X=$(date) img");
    assert_eq!(
        conversion.compose,
        "services:\n  img:\n    image: img\n    environment:\n      - PRICE=$$5\n      - HOME=$HOME\n"
    );
    let flags: Vec<(&str, Span)> = conversion
        .unconverted
        .iter()
        .map(|u| (u.flag.as_str(), u.range))
        .collect();
    assert_eq!(
        flags,
        [
            ("--rm", Span::new(11, 15)),
            ("-d", Span::new(17, 18)),
            ("-e", Span::new(48, 59))
        ]
    );
    assert!(conversion.unconverted[2].reason.contains("runs a command"));
}

#[test]
fn network_container_joins_a_converted_service() {
    let both = convert("docker run --name db postgres\ndocker run --network container:db app");
    assert!(
        both.compose.contains("    network_mode: service:db\n"),
        "{}",
        both.compose
    );
    let alone = convert("docker run --network container:db app");
    assert!(
        alone.compose.contains("    network_mode: container:db\n"),
        "{}",
        alone.compose
    );
    let named = convert("docker run --network backend --network host app");
    assert_eq!(
        named.compose,
        "services:\n  app:\n    image: app\n    networks:\n      - backend\n      - host\nnetworks:\n  backend:\n    name: backend\n    external: true\n  host:\n    name: host\n    external: true\n"
    );
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
