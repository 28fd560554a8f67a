//! The run-command front-end through the public API: shell forms from real
//! documentation, pflag semantics, the model it builds and the
//! input diagnostics it reports, each at an exact line and UTF-16 column.

use shipshape::analyze::detect;
use shipshape::model::{Container, MountKind, NamespaceMode, Origin, Setting};
use shipshape::span::{LineIndex, Span};
use shipshape::{analyze, Analysis, AnalyzeOptions, InputKind};

fn analysis(text: &str) -> Analysis {
    let options = AnalyzeOptions {
        input: InputKind::Run,
        ..AnalyzeOptions::default()
    };
    analyze(text, &options)
}

fn containers(text: &str) -> Vec<Container> {
    analysis(text).containers
}

fn container(text: &str) -> Container {
    let mut containers = containers(text);
    assert_eq!(containers.len(), 1, "one container in {text:?}");
    containers.remove(0)
}

/// `(code, line, column)` of the diagnostics with one of `codes`' prefixes.
fn findings(text: &str, codes: &[&str]) -> Vec<(String, u32, u32)> {
    analysis(text)
        .diagnostics
        .iter()
        .filter(|d| codes.iter().any(|code| d.code.starts_with(code)))
        .map(|d| (d.code.clone(), d.range.start.line, d.range.start.column))
        .collect()
}

/// Input problems only.
fn input_findings(text: &str) -> Vec<(String, u32, u32)> {
    findings(text, &["SYN"])
}

fn at(code: &str, line: u32, column: u32) -> (String, u32, u32) {
    (code.to_string(), line, column)
}

fn position(text: &str, span: Span) -> (u32, u32) {
    let position = LineIndex::new(text).position(span.start as usize);
    (position.line, position.column)
}

fn value<T: Clone>(setting: &Option<Setting<T>>) -> Option<T> {
    setting.as_ref().and_then(|s| s.value.clone())
}

fn image(text: &str) -> Option<String> {
    value(&container(text).image)
}

// --- positions ---------------------------------------------------------------

#[test]
fn cap_add_points_at_the_capability() {
    let text = "docker run --cap-add SYS_ADMIN nginx";
    let c = container(text);
    assert_eq!(
        value(&Some(c.cap_add[0].clone())).as_deref(),
        Some("SYS_ADMIN")
    );
    assert_eq!(c.cap_add[0].span, Span::new(21, 30));
    assert_eq!(position(text, c.cap_add[0].span), (1, 22));
}

#[test]
fn columns_count_utf16_units() {
    // `😀` is two UTF-16 units, `é` one: the capability starts at column 39.
    let text = "# a comment\nGREETING=héllo😀 docker run --cap-add=SYS_ADMIN nginx";
    let c = container(text);
    assert_eq!(position(text, c.cap_add[0].span), (2, 39));
    assert_eq!(value(&c.image).as_deref(), Some("nginx"));
}

#[test]
fn privileged_is_reported_at_the_flag() {
    assert_eq!(
        findings("docker run -it --privileged nginx", &["PRIV-001"]),
        [at("PRIV-001", 1, 16)]
    );
    assert_eq!(
        findings(
            "sudo docker run \\\n  --privileged=true \\\n  nginx",
            &["PRIV-001"]
        ),
        [at("PRIV-001", 2, 3)]
    );
}

// --- what is never a finding -------------------------------------------------

#[test]
fn arguments_after_the_image_are_the_containers() {
    let text = "docker run nginx --privileged --cap-add ALL -v /:/host -u 0 --pid=host";
    let c = container(text);
    assert_eq!(value(&c.image).as_deref(), Some("nginx"));
    assert!(c.privileged.is_none() && c.cap_add.is_empty() && c.mounts.is_empty());
    assert!(c.user.is_none() && c.namespaces.pid.is_none());
    assert_eq!(findings(text, &["SYN", "PRIV"]), []);
}

#[test]
fn an_environment_value_that_looks_like_a_flag_is_a_value() {
    let c = container("docker run -e X=--privileged --env=Y=--cap-add=ALL nginx");
    assert!(c.privileged.is_none() && c.cap_add.is_empty());
}

#[test]
fn a_bool_flag_with_a_separate_false_takes_false_as_the_image() {
    let c = container("docker run --privileged false");
    assert!(c.is_privileged());
    assert_eq!(value(&c.image).as_deref(), Some("false"));
    assert!(!container("docker run --privileged=false nginx").is_privileged());
    assert!(!container("docker run --privileged=0 nginx").is_privileged());
}

// --- commands, prompts and prefixes ------------------------------------------

#[test]
fn two_commands_on_one_line_are_two_containers() {
    let text = "docker run -d nginx && docker run --privileged alpine";
    let cs = containers(text);
    let names: Vec<&str> = cs.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["command 1", "command 2"]);
    assert!(!cs[0].is_privileged() && cs[1].is_privileged());
    let diagnostics = analysis(text).diagnostics;
    let privileged = diagnostics.iter().find(|d| d.code == "PRIV-001").unwrap();
    assert_eq!(privileged.container.as_deref(), Some("command 2"));
    assert_eq!(
        (privileged.range.start.line, privileged.range.start.column),
        (1, 35)
    );
}

#[test]
fn prompts_sudo_env_and_markdown_are_skipped() {
    let text = "```sh\n\
                $ docker run -d a\n\
                # docker run -d b\n\
                vagrant@net-1:~/code/go/src/github.com/docker$ docker run -d c\n  \
                - sudo -E docker run -d d\n\
                FOO=bar BAZ=\"x y\" docker run -d e\n\
                env -i PATH=/bin podman run -d f\n\
                ```";
    let images: Vec<String> = containers(text)
        .iter()
        .filter_map(|c| value(&c.image))
        .collect();
    assert_eq!(images, ["a", "b", "c", "e", "f"]);
    // A Markdown bullet is not a prompt: `- sudo ...` is no command.
    assert!(detect(text) == InputKind::Run);
}

#[test]
fn engines_and_subcommands_are_recorded() {
    let origins: Vec<Origin> = containers(
        "docker container run a; docker create b; podman run c; podman container create d; nerdctl run e; docker -H tcp://h:2375 --context prod run f",
    )
    .into_iter()
    .map(|c| c.origin)
    .collect();
    let run = |tool: &str, subcommand: &str| Origin::Run {
        tool: tool.into(),
        subcommand: subcommand.into(),
    };
    assert_eq!(
        origins,
        [
            run("docker", "run"),
            run("docker", "create"),
            run("podman", "run"),
            run("podman", "create"),
            run("nerdctl", "run"),
            run("docker", "run"),
        ]
    );
}

#[test]
fn pipes_redirections_and_comments_around_the_command() {
    let text = "xzcat backup.tar.xz | docker run -v $OVPN_DATA:/etc/openvpn -i kylemanna/openvpn tar -xvf - -C /etc > log.txt 2>&1 # restore";
    let c = container(text);
    assert_eq!(value(&c.image).as_deref(), Some("kylemanna/openvpn"));
    assert_eq!(c.mounts[0].source.as_ref().unwrap().value, None);
    assert_eq!(input_findings(text), []);
}

#[test]
fn a_command_inside_a_substitution_is_found() {
    let text = "docker exec $(docker run -d --privileged busybox) ls";
    let c = container(text);
    assert!(c.is_privileged());
    assert_eq!(value(&c.image).as_deref(), Some("busybox"));
}

#[test]
fn container_name_spans_and_insertion_point() {
    let text = "$ docker run -d --name web --rm nginx:1.27 -g 'daemon off;'";
    let c = container(text);
    assert_eq!(c.name, "web");
    assert_eq!(c.name_span, Span::new(23, 26));
    assert_eq!(c.span, Span::new(2, text.len()));
    assert_eq!(c.layout.insert_at(), text.find("nginx").unwrap());
    let c = container("docker run alpine");
    assert_eq!(
        (c.name.as_str(), c.name_span),
        ("command 1", Span::new(0, 6))
    );
}

// --- shell forms from the corpus ----------------------------------------------

#[test]
fn continuations_with_any_indentation_and_aligned_backslashes() {
    let text = "docker run                                \\\n  -v $(pwd)/config.yml:/config/config.yml \\\n\t--entrypoint python3                    \\\n  ghcr.io/blakeblackshear/frigate:stable  \\\n  -u -m frigate                           \\\n  --validate-config";
    let c = container(text);
    assert_eq!(
        value(&c.image).as_deref(),
        Some("ghcr.io/blakeblackshear/frigate:stable")
    );
    assert!(c.user.is_none());
    assert_eq!(input_findings(text), []);
}

#[test]
fn windows_line_endings() {
    let text = "docker run -d \\\r\n  --cap-add NET_ADMIN \\\r\n  nginx\r\n";
    let c = container(text);
    assert_eq!(value(&c.image).as_deref(), Some("nginx"));
    assert_eq!(position(text, c.cap_add[0].span), (2, 13));
    assert_eq!(input_findings(text), []);
}

#[test]
fn quoting_forms() {
    let c = container(
        r#"docker run --net="host" --memory="4g" --label='a=b' -e "VERSION=11" --gpus '"device=0,2"' --network=name=my-net,\"driver-opt=x=y,z=w\",ip=192.0.2.42 busybox"#,
    );
    assert_eq!(value(&c.namespaces.network), Some(NamespaceMode::Host));
    assert_eq!(value(&c.resources.memory), Some(4 << 30));
    assert_eq!(
        value(&c.gpus.first().cloned()).as_deref(),
        Some("\"device=0,2\"")
    );
    assert_eq!(
        c.networks
            .iter()
            .map(|n| n.value.clone())
            .collect::<Vec<_>>(),
        [Some("my-net".to_string())]
    );
}

#[test]
fn expansions_are_unknown_but_present() {
    let c = container(
        r#"docker run -u "$(id -u):$(id -g)" -v "${PWD:-.}/windows:/storage" -v `pwd`:/host -v ~/.kube:/.kube --hostname=$(hostname) img:$TAG"#,
    );
    assert_eq!(value(&c.user), None);
    assert!(c.user.is_some());
    let kinds: Vec<MountKind> = c.mounts.iter().map(|m| m.kind).collect();
    assert_eq!(kinds, [MountKind::Bind, MountKind::Bind, MountKind::Bind]);
    assert_eq!(c.mounts[0].source.as_ref().unwrap().value, None);
    assert_eq!(
        c.mounts[2].source.as_ref().unwrap().value.as_deref(),
        Some("~/.kube")
    );
    assert_eq!(value(&c.hostname), None);
    assert_eq!(c.image.as_ref().unwrap().value, None);
    assert_eq!(c.image.as_ref().unwrap().raw, "img:$TAG");
}

#[test]
fn short_flag_clusters_and_attached_values() {
    let c = container("docker run -itd -dp80:80 -itv /a:/b -p8080:80 -v=/x:/y -P nginx");
    let published: Vec<Option<u16>> = c.ports.iter().map(|p| value(&p.published)).collect();
    assert_eq!(published, [Some(80), Some(8080)]);
    assert_eq!(c.mounts.len(), 2);
    assert!(c.publish_all.as_ref().unwrap().is_true());
    assert_eq!(
        image("docker run --rm -- -image-with-dash"),
        Some("-image-with-dash".into())
    );
}

#[test]
fn optional_comment_substitutions_and_generated_flags() {
    let text = "docker run -d \\\n  --cap-add=SYS_MODULE `#optional` \\\n  -e PEERS=1 `#optional` \\\n  `for d in dri mali0; do echo \" --device /dev/$d\"; done` \\\n  lscr.io/linuxserver/wireguard:latest";
    let c = container(text);
    assert_eq!(
        value(&c.image).as_deref(),
        Some("lscr.io/linuxserver/wireguard:latest")
    );
    assert_eq!(c.cap_add.len(), 1);
    assert_eq!(input_findings(text), []);
}

#[test]
fn legacy_aliases_and_podman_comma_lists() {
    let c = container("docker run --net host --dns-opt ndots:1 nginx");
    assert_eq!(value(&c.namespaces.network), Some(NamespaceMode::Host));
    assert_eq!(c.dns_opt.len(), 1);
    let c = container("podman run --cap-add=NET_ADMIN,SYS_TIME --userns keep-id --env-host img");
    assert_eq!(c.cap_add.len(), 2);
    assert_eq!(
        value(&c.namespaces.userns),
        Some(NamespaceMode::Other("keep-id".into()))
    );
    assert_eq!(value(&c.image).as_deref(), Some("img"));
}

// --- input diagnostics ---------------------------------------------------------

#[test]
fn unbalanced_quote_is_a_syntax_error() {
    let text = "docker run --name 'web nginx";
    assert_eq!(input_findings(text), [at("SYN-010", 1, 19)]);
    let text = "docker run -d \\\n  nginx \\\n";
    assert_eq!(input_findings(text), [at("SYN-010", 2, 9)]);
}

#[test]
fn trailing_blanks_after_a_backslash() {
    let text = "docker run -d \\  \n  --privileged \\\n  nginx";
    assert_eq!(input_findings(text), [at("SYN-011", 1, 15)]);
    assert_eq!(findings(text, &["PRIV-001"]), [at("PRIV-001", 2, 3)]);
}

#[test]
fn missing_backslash_before_a_flag() {
    let text = "docker run -d \\\n  -p 9443:9443\n  --privileged \\\n  portainer/agent";
    assert_eq!(input_findings(text), [at("SYN-011", 2, 15)]);
    let c = container(text);
    assert!(c.is_privileged());
    assert_eq!(value(&c.image).as_deref(), Some("portainer/agent"));
}

#[test]
fn comment_after_a_backslash() {
    let text = "docker run -d \\\n --volume /config:/config \\ # or a named volume\n --restart=unless-stopped \\\n jellyfin/jellyfin";
    assert_eq!(input_findings(text), [at("SYN-011", 2, 27)]);
    let c = container(text);
    assert!(c.restart.is_some());
    assert_eq!(value(&c.image).as_deref(), Some("jellyfin/jellyfin"));
}

#[test]
fn unknown_flags_are_named() {
    let text = "docker run --priviledged -privileged -dz nginx";
    let diagnostics = analysis(text).diagnostics;
    let unknown: Vec<(u32, &str)> = diagnostics
        .iter()
        .filter(|d| d.code == "SYN-012")
        .map(|d| (d.range.start.column, d.message_markdown.as_str()))
        .collect();
    assert_eq!(
        unknown,
        [
            (12, "unknown flag `--priviledged` (did you mean `--privileged`?); shipshape assumed it takes no value"),
            (26, "`-privileged` is the old single-dash spelling of `--privileged`, which current CLIs do not accept; shipshape ignores it: write `--privileged`"),
            (40, "unknown flag `-z` in `-dz`"),
        ]
    );
    assert!(!container(text).is_privileged());
}

#[test]
fn a_value_flag_without_its_value() {
    let text = "docker run --rm --gpus --pid host --network host -it glances";
    assert_eq!(input_findings(text), [at("SYN-013", 1, 17)]);
    let c = container(text);
    assert_eq!(value(&c.namespaces.pid), Some(NamespaceMode::Host));
    assert_eq!(value(&c.image).as_deref(), Some("glances"));
    assert_eq!(
        input_findings("docker run --rm --name"),
        [at("SYN-013", 1, 17)]
    );
}

#[test]
fn invalid_values_are_reported_where_they_are() {
    assert_eq!(
        input_findings("docker run --memory lots -p http nginx"),
        [at("SYN-004", 1, 21), at("SYN-004", 1, 29)]
    );
    assert_eq!(
        input_findings("docker run --read-only=yes nginx"),
        [at("SYN-004", 1, 24)]
    );
}

#[test]
fn no_container_command() {
    let text = "docker ps\ndocker exec -it web sh\ndocker compose run --rm app";
    let diagnostics = analysis(text).diagnostics;
    assert_eq!(diagnostics.len(), 1);
    let d = &diagnostics[0];
    assert_eq!(
        (d.code.as_str(), d.range.start.line, d.range.start.column),
        ("SYN-014", 1, 1)
    );
    assert_eq!(
        d.message_markdown,
        "no `docker run`, `docker create`, `podman run` or `nerdctl run` command found; skipped `docker ps` (line 1), `docker exec` (line 2), `docker compose run` (line 3): they do not create a container from flags"
    );
    assert_eq!(input_findings("docker exec web ls; docker run nginx"), []);
    assert_eq!(input_findings("echo hello"), [at("SYN-014", 1, 1)]);
}

/// Commands that are not read but grant more than the defaults get a note each, at
/// the first such flag, beside the commands that are analysed.
#[test]
fn unread_commands_that_grant_more_are_noted() {
    let text = concat!(
        "docker run nginx\n",
        "docker exec --privileged -u 0 web sh\n",
        "podman exec -u root web sh\n",
        "docker compose run --cap-add SYS_ADMIN -v /:/host app\n",
        "docker service create --mount type=bind,src=/var/run/docker.sock,dst=/s img\n",
        "docker exec -it -u app web sh",
    );
    assert_eq!(
        input_findings(text),
        [
            at("SYN-014", 2, 13),
            at("SYN-014", 3, 13),
            at("SYN-014", 4, 20),
            at("SYN-014", 5, 23)
        ]
    );
    let messages: Vec<String> = analysis(text)
        .diagnostics
        .into_iter()
        .filter(|d| d.code == "SYN-014")
        .map(|d| d.message_markdown)
        .collect();
    assert_eq!(messages[0], "`docker exec` runs a command in a container that already exists, with `--privileged`, `--user 0`, which the container's own settings do not grant: shipshape checks the commands that create containers, not this one");
    assert_eq!(messages[2], "`docker compose run` starts a one-off container of a Compose service with `--cap-add SYS_ADMIN`, `--volume /:/host` added to the service's settings: shipshape checks the service in its Compose file, not these flags");
    assert_eq!(messages[3], "`docker service create` gives the service's containers `--mount type=bind,src=/var/run/docker.sock,dst=/s`: a swarm service's flags are a table of their own, which shipshape does not read");
    // Alone, the noted command replaces the file-level note.
    assert_eq!(
        input_findings("docker exec --privileged web sh"),
        [at("SYN-014", 1, 13)]
    );
}

/// podman's `--pod` joins the pod's network, IPC and UTS namespaces (podman's
/// default `--share`) unless a flag of the container sets one; docker and nerdctl
/// have no pods, and say whose flag it is.
#[test]
fn a_pod_is_joined_by_podman_and_unknown_to_the_others() {
    let pod = Some(NamespaceMode::Pod("web".to_string()));
    let c = container("podman run --pod new:web --network host img");
    assert_eq!(value(&c.namespaces.network), Some(NamespaceMode::Host));
    assert_eq!(value(&c.namespaces.ipc), pod);
    assert_eq!(value(&c.namespaces.uts), pod);
    assert_eq!(value(&c.namespaces.pid), None);
    assert_eq!(
        findings("podman run --pod web img", &["NS"]),
        [at("NS-006", 1, 18)]
    );
    for tool in ["docker", "nerdctl"] {
        let text = format!("{tool} run --pod web img");
        assert_eq!(image(&text).as_deref(), Some("img"), "{text}");
        let d = analysis(&text).diagnostics;
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].message_markdown,
            format!("unknown flag `--pod` (podman's, not {tool}'s); shipshape assumed `web` is its value")
        );
    }
}

#[test]
fn missing_or_placeholder_images() {
    assert_eq!(
        input_findings("docker run --rm -it"),
        [at("SYN-015", 1, 20)]
    );
    assert_eq!(
        input_findings("docker run -d <image>"),
        [at("SYN-015", 1, 15)]
    );
    assert_eq!(
        input_findings("docker run --cap-add SYS_RAWIO --device /dev/sda:/dev/sda ..."),
        [at("SYN-015", 1, 59)]
    );
    assert_eq!(
        input_findings("docker run -d {{ .Image }}"),
        [at("SYN-015", 1, 15)]
    );
    assert_eq!(
        input_findings("docker run -d app:<tag> --flag"),
        [at("SYN-015", 1, 15)]
    );
    assert_eq!(input_findings("docker run -d \"\""), [at("SYN-015", 1, 15)]);
    let c = container("docker run -d <image>");
    assert_eq!(c.image.as_ref().unwrap().value, None);
}

// --- detection -----------------------------------------------------------------

#[test]
fn detection_tells_commands_from_compose() {
    assert_eq!(detect("docker run nginx"), InputKind::Run);
    assert_eq!(detect("  $ sudo docker run nginx"), InputKind::Run);
    assert_eq!(detect("root@box:~# docker run nginx"), InputKind::Run);
    assert_eq!(
        detect("DOCKER_HOST=tcp://x docker run nginx"),
        InputKind::Run
    );
    assert_eq!(detect("podman ps"), InputKind::Run);
    assert_eq!(
        detect("services:\n  app:\n    image: docker\n    command: docker run --rm x\n"),
        InputKind::Compose
    );
    assert_eq!(
        detect("# docker run would be:\n# docker run x\nweb:\n  image: nginx\n"),
        InputKind::Compose
    );
    assert_eq!(
        detect("version: '3'\nx:\n  command: >\n    docker run a\n"),
        InputKind::Compose
    );
    assert_eq!(detect("hello world"), InputKind::Compose);
}

// --- limits ----------------------------------------------------------------------

#[test]
fn oversized_inputs_and_too_many_commands_are_limited() {
    let huge = "docker run nginx\n".repeat(70_000);
    assert_eq!(input_findings(&huge), [at("SYN-005", 1, 1)]);
    assert!(containers(&huge).is_empty());
    let many = "docker run -d nginx\n".repeat(501);
    assert_eq!(containers(&many).len(), 500);
    assert_eq!(input_findings(&many), [at("SYN-005", 501, 1)]);
}

#[test]
fn hostile_inputs_take_linear_time() {
    let size = 256 * 1024;
    let inputs = [
        format!("docker run {}", "\\a".repeat(size / 2)),
        format!("docker run {}", "<".repeat(size)),
        format!("docker run {}", "<x ".repeat(size / 3)),
        format!("docker run {}", "{{".repeat(size / 2)),
        "\"$(\n".repeat(size / 4),
        "$(".repeat(size / 2),
        format!(
            "{}{}",
            "docker run \\\n".repeat(size / 26),
            " ".repeat(size / 2)
        ),
        "'\"".repeat(size / 2),
    ];
    for text in &inputs {
        let start = std::time::Instant::now();
        analysis(text);
        let elapsed = start.elapsed();
        // Linear time is well under a second even unoptimised; quadratic is minutes.
        assert!(
            elapsed.as_secs() < 10,
            "{elapsed:?} for {:?}...",
            &text[..40]
        );
    }
}

#[test]
fn podman_systemd_mode_is_read_by_podman_rules() {
    // `yes` is refused by podman, so no finding assumes systemd mode.
    assert_eq!(
        findings(
            "podman run --systemd=yes app /sbin/init",
            &["SYN-004", "MNT-010"]
        ),
        [at("SYN-004", 1, 22)]
    );
    assert_eq!(
        findings("podman run --systemd=always app", &["SYN-004", "MNT-010"]),
        [at("MNT-010", 1, 22)]
    );
}

/// nerdctl's `--systemd`: `always`, or `true` with an init as the entrypoint it reads
/// (`--entrypoint`, or the words after `--rootfs`; otherwise the image's, which the
/// command does not show); any other word is off, never refused. With `--privileged`
/// nerdctl refuses the mode unless `privileged-without-host-devices` is given.
#[test]
fn nerdctl_systemd_mode_is_read_by_nerdctl_rules() {
    type Located = (&'static str, u32, u32);
    let cases: &[(&str, &[Located])] = &[
        ("nerdctl run --systemd=always app", &[("MNT-010", 1, 23)]),
        (
            "nerdctl run --systemd=true --entrypoint /sbin/init app",
            &[("MNT-010", 1, 23)],
        ),
        // The words after the image are arguments to the image's entrypoint.
        ("nerdctl run --systemd=true app /sbin/init", &[]),
        (
            "nerdctl run --systemd=true --rootfs /srv/root /usr/sbin/init",
            &[("MNT-010", 1, 23)],
        ),
        // nerdctl's rule knows no `systemd` program, unlike podman's.
        ("nerdctl run --systemd=true --entrypoint /usr/lib/systemd/systemd app", &[]),
        ("nerdctl run --systemd=yes app", &[]),
        (
            "nerdctl run --privileged --systemd=always app",
            &[("SYN-004", 1, 36)],
        ),
        (
            "nerdctl run --privileged --security-opt privileged-without-host-devices --systemd=always app",
            &[("MNT-010", 1, 83)],
        ),
        (
            "podman run --systemd=true --entrypoint /sbin/init app",
            &[("MNT-010", 1, 22)],
        ),
        (
            "podman run --systemd=true app /bin/sh -c /usr/lib/systemd/systemd",
            &[("MNT-010", 1, 22)],
        ),
        // podman's default is `true`: the finding is at the init it starts.
        ("podman run app /sbin/init", &[("MNT-010", 1, 16)]),
        ("podman run --systemd=false app /sbin/init", &[]),
        // nerdctl's default is `false`.
        ("nerdctl run --entrypoint /sbin/init app", &[]),
    ];
    for (text, expected) in cases {
        let expected: Vec<_> = expected
            .iter()
            .map(|(code, line, column)| at(code, *line, *column))
            .collect();
        assert_eq!(findings(text, &["SYN", "MNT-010"]), expected, "{text}");
    }
    let message = |text: &str| {
        let analysis = analysis(text);
        analysis
            .diagnostics
            .iter()
            .find(|d| d.code == "MNT-010")
            .unwrap()
            .message
            .clone()
    };
    assert_eq!(
        message("nerdctl run --systemd=always app"),
        "nerdctl's systemd mode (--systemd=always) makes the cgroup filesystem writable: on cgroup v1 hosts a release_agent runs any program as root on the host"
    );
    assert_eq!(
        message("podman run app /sbin/init"),
        "podman's systemd mode (on by default for a container that starts /sbin/init) makes the cgroup filesystem writable: on cgroup v1 hosts a release_agent runs any program as root on the host"
    );
}

/// nerdctl reads `--security-opt` its own way: `key=value` only, keys in lower case,
/// an unknown key ignored (so `seccomp:unconfined` leaves seccomp on), a bare
/// `no-new-privileges` true and a bare `writable-cgroups` refused; each value it
/// refuses or ignores is one diagnostic and no finding assumes it.
#[test]
fn nerdctl_security_options_follow_nerdctl() {
    type Located = (&'static str, u32, u32);
    let cases: &[(&str, &[Located])] = &[
        (
            "nerdctl run --security-opt seccomp:unconfined app",
            &[("SYN-004", 1, 28)],
        ),
        (
            "nerdctl run --security-opt Seccomp=unconfined app",
            &[("SYN-004", 1, 28)],
        ),
        (
            "nerdctl run --security-opt seccomp=unconfined app",
            &[("SEC-001", 1, 28)],
        ),
        ("nerdctl run --security-opt no-new-privileges app", &[]),
        ("nerdctl run --security-opt no-new-privileges= app", &[]),
        (
            "nerdctl run --security-opt no-new-privileges:true app",
            &[("SYN-004", 1, 28)],
        ),
        (
            "nerdctl run --security-opt writable-cgroups app",
            &[("SYN-004", 1, 28)],
        ),
        (
            "nerdctl run --security-opt writable-cgroups=1 app",
            &[("MNT-010", 1, 28)],
        ),
        (
            "nerdctl run --security-opt privileged-without-host-devices app",
            &[("SYN-004", 1, 28)],
        ),
        // docker reads the deprecated `:` form.
        (
            "docker run --security-opt seccomp:unconfined app",
            &[("SEC-001", 1, 27)],
        ),
    ];
    for (text, expected) in cases {
        let expected: Vec<_> = expected
            .iter()
            .map(|(code, line, column)| at(code, *line, *column))
            .collect();
        assert_eq!(
            findings(text, &["SYN", "SEC-001", "MNT-010"]),
            expected,
            "{text}"
        );
    }
    let message = |text: &str| {
        analysis(text)
            .diagnostics
            .into_iter()
            .find(|d| d.code == "SYN-004")
            .unwrap()
            .message
    };
    assert_eq!(
        message("nerdctl run --security-opt seccomp:unconfined app"),
        "--security-opt: nerdctl does not know the security option seccomp:unconfined (it reads key=value, keys in lower case): it warns and ignores it, so the container runs without it"
    );
    assert_eq!(
        message("nerdctl run --security-opt privileged-without-host-devices app"),
        "--security-opt privileged-without-host-devices: nerdctl refuses it without --privileged; as written, the container is not created"
    );
}

/// podman lower-cases `--systemd`; Compose's boolean keys that no rule reads are still
/// refused when they are no boolean.
#[test]
fn values_are_read_with_the_engines_grammar() {
    assert_eq!(
        findings("podman run --systemd=Always app", &["SYN", "MNT-010"]),
        [at("MNT-010", 1, 22)]
    );
    let text = "services:\n  app:\n    image: nginx:1.27\n    init: maybe\n    tty: yes\n    stdin_open: 2\n";
    let options = AnalyzeOptions::default();
    let codes: Vec<_> = analyze(text, &options)
        .diagnostics
        .iter()
        .filter(|d| d.code.starts_with("SYN"))
        .map(|d| (d.code.clone(), d.range.start.line, d.range.start.column))
        .collect();
    assert_eq!(codes, [at("SYN-004", 4, 11), at("SYN-004", 6, 17)]);
}
