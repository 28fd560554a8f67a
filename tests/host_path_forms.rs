//! Every way of writing a host path, socket, device or privilege into a container,
//! in each input where the form exists: the finding sits at the written value (line
//! and column), and a form that brings nothing from the host brings no finding.

use shipshape::{analyze, AnalyzeOptions};

/// Each diagnostic as `CODE line:column`, with ` (related line:column)` for each of
/// its related locations.
fn located(text: &str) -> Vec<String> {
    analyze(text, &AnalyzeOptions::default())
        .diagnostics
        .iter()
        .map(|diagnostic| {
            let at = |position: shipshape::span::Position| {
                format!("{}:{}", position.line, position.column)
            };
            let related: String = diagnostic
                .related
                .iter()
                .map(|related| format!(" (related {})", at(related.range.start)))
                .collect();
            format!(
                "{} {}{related}",
                diagnostic.code,
                at(diagnostic.range.start)
            )
        })
        .collect()
}

fn service(lines: &str) -> String {
    format!("services:\n  app:\n    image: img\n{lines}")
}

#[test]
fn mount_flag_keys() {
    let cases: &[(&str, &[&str])] = &[
        // `src`/`source` and `dst`/`target`/`destination` are the same keys.
        ("docker run --mount type=bind,src=/etc,dst=/h img", &["MNT-004 1:34"]),
        (
            "docker run --mount type=bind,source=/etc,destination=/h img",
            &["MNT-004 1:37"],
        ),
        (
            "docker run --mount type=bind,source=/etc,target=/h,bind-propagation=rshared img",
            &["MNT-004 1:37", "MNT-007 1:69"],
        ),
        // Recursion changes how the bind is made, not what it shows; relabelling a
        // system directory's subtree is a finding of its own.
        (
            "docker run --mount type=bind,src=/etc,target=/h,bind-recursive=readonly,readonly,bind-propagation=rprivate img",
            &["MNT-004 1:34"],
        ),
        (
            "podman run --mount type=bind,src=/etc,dst=/h,bind-nonrecursive,relabel=shared,idmap img",
            &["MNT-004 1:34", "MNT-013 1:64 (related 1:34)"],
        ),
        // A local volume whose options bind a host directory is that directory: the
        // finding is at the mount, with the device where it is written.
        (
            "docker run --mount type=volume,src=v,dst=/h,volume-opt=type=none,volume-opt=o=bind,volume-opt=device=/etc img",
            &["MNT-004 1:20 (related 1:102)"],
        ),
        (
            r#"docker run --mount type=volume,src=v,dst=/h,"volume-opt=o=bind,ro",volume-opt=device=/var/run img"#,
            &["MNT-001 1:20 (related 1:86)"],
        ),
        // Another driver's options are its own: no host path.
        (
            "docker run --mount type=volume,src=v,dst=/h,volume-driver=nfs,volume-opt=o=bind,volume-opt=device=/etc img",
            &[],
        ),
        (
            r"docker run --mount 'type=npipe,src=\\.\pipe\docker_engine,dst=\\.\pipe\docker_engine' img",
            &["MNT-001 1:36"],
        ),
        // podman's glob binds every path the pattern matches.
        (
            "podman run --mount type=glob,src=/etc/*.conf,dst=/h img",
            &["MNT-004 1:34"],
        ),
        // podman's devpts, image and ramfs mounts take nothing from the host.
        (
            "podman run --mount type=devpts,dst=/dev/pts --mount type=image,src=alpine,dst=/i --mount type=ramfs,dst=/r img",
            &[],
        ),
        (
            "docker run -v /etc:/h --volume /var/run/docker.sock:/s img",
            &["MNT-004 1:15", "MNT-001 1:32"],
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(located(text), *expected, "{text}");
    }
}

#[test]
fn compose_long_syntax_sub_keys() {
    let text = service(concat!(
        "    volumes:\n",
        "      - type: bind\n",
        "        source: /etc\n",
        "        target: /h\n",
        "        bind:\n",
        "          propagation: rshared\n",
        "          create_host_path: true\n",
        "          recursive: readonly\n",
        "      - type: volume\n",
        "        source: v\n",
        "        target: /v\n",
        "        volume:\n",
        "          nocopy: true\n",
        "      - type: tmpfs\n",
        "        target: /t\n",
        "        tmpfs:\n",
        "          size: 1m\n",
        "      - type: image\n",
        "        source: alpine\n",
        "        target: /i\n",
        "        image:\n",
        "          subpath: /etc\n",
        "      - type: npipe\n",
        "        source: \\\\.\\pipe\\docker_engine\n",
        "        target: \\\\.\\pipe\\docker_engine\n",
        "      - type: cluster\n",
        "        source: c\n",
        "        target: /c\n",
        "volumes:\n",
        "  v:\n",
        "    driver_opts:\n",
        "      type: none\n",
        "      o: bind\n",
        "      device: /etc\n",
    ));
    assert_eq!(
        located(&text),
        [
            "MNT-004 6:17",
            "MNT-007 9:24",
            // The named volume bound to /etc through its top-level driver_opts.
            "MNT-004 12:9 (related 37:15)",
            "MNT-001 27:17",
        ]
    );
}

#[test]
fn compose_short_syntax_and_the_engine_socket() {
    let text = service(
        "    use_api_socket: true\n    volumes:\n      - /etc:/h:ro\n      - /var/run/docker.sock:/s\n",
    );
    assert_eq!(
        located(&text),
        ["MNT-002 4:21", "MNT-004 6:9", "MNT-001 7:9"]
    );
    assert_eq!(located("docker run --use-api-socket img"), ["MNT-002 1:12"]);
}

/// A secret or config defined by a host `file:` is bound read-only into each service
/// that names it: the finding is at the `file:` value, with the service's entry as a
/// related location, in both the short and the long form.
#[test]
fn secrets_and_configs_from_host_files() {
    let text = service(concat!(
        "    secrets:\n",
        "      - host_shadow\n",
        "      - source: kube\n",
        "        target: admin.conf\n",
        "      - from_env\n",
        "    configs:\n",
        "      - sock\n",
        "secrets:\n",
        "  host_shadow:\n",
        "    file: /etc/shadow\n",
        "  kube:\n",
        "    file: /etc/kubernetes/admin.conf\n",
        "  from_env:\n",
        "    environment: TOKEN\n",
        "configs:\n",
        "  sock:\n",
        "    file: /var/run/docker.sock\n",
    ));
    assert_eq!(
        located(&text),
        [
            "MNT-004 13:11 (related 5:9)",
            "MNT-004 15:11 (related 6:9)",
            "MNT-001 20:11 (related 10:9)",
        ]
    );
    let analysis = analyze(&text, &AnalyzeOptions::default());
    let targets: Vec<_> = analysis.containers[0]
        .mounts
        .iter()
        .map(|mount| {
            let target = mount.target.as_ref().unwrap().value.clone().unwrap();
            (target, mount.is_read_only())
        })
        .collect();
    assert_eq!(
        targets,
        [
            ("/run/secrets/host_shadow".to_string(), true),
            ("/run/secrets/admin.conf".to_string(), true),
            ("/sock".to_string(), true),
        ]
    );
    // A project-relative file is the usual way to ship a secret: nothing to report.
    let text = service("    secrets: [db]\nsecrets:\n  db:\n    file: ./db_password.txt\n");
    assert_eq!(located(&text), Vec::<String>::new());
}

#[test]
fn devices_in_every_form() {
    let text = service(concat!(
        "    devices:\n",
        "      - /dev/mem:/dev/mem\n",
        "      - source: /dev/kmsg\n",
        "        target: /dev/kmsg\n",
        "        permissions: rwm\n",
        "    gpus: all\n",
    ));
    assert_eq!(
        located(&text),
        ["DEV-001 5:9", "DEV-001 6:17", "DEV-001 9:11"]
    );
    assert_eq!(
        located("docker run --device /dev/mem --gpus all img"),
        ["DEV-001 1:21", "DEV-001 1:37"]
    );
}

/// Lifecycle hooks and `develop.watch` commands carry their own `privileged`.
#[test]
fn privilege_of_commands_compose_runs_in_the_container() {
    let text = service(concat!(
        "    post_start:\n",
        "      - command: chown app /data\n",
        "        privileged: true\n",
        "    develop:\n",
        "      watch:\n",
        "        - path: ./src\n",
        "          action: sync+exec\n",
        "          target: /app\n",
        "          exec:\n",
        "            command: reload\n",
        "            privileged: true\n",
    ));
    assert_eq!(located(&text), ["PRIV-001 6:21", "PRIV-001 14:25"]);
}

/// podman's and nerdctl's `--rootfs`: the word in the image's place is a host directory
/// mounted at `/`, writable unless `--read-only` (or podman's overlay, `:O`); it is
/// not an image.
#[test]
fn a_host_directory_as_the_root_filesystem() {
    let cases: &[(&str, &[&str])] = &[
        ("nerdctl run --rootfs / sh", &["MNT-004 1:22"]),
        ("podman run --rootfs=true /etc sh", &["MNT-004 1:26"]),
        // podman's overlay keeps the directory as it is: read-only to the container.
        ("podman run --rootfs /:O sh", &["MNT-004 1:21"]),
        // podman's ID mapping of the directory leaves it the same directory.
        (
            "podman run --rootfs /:idmap=uids=0-1000-10 sh",
            &["MNT-004 1:21"],
        ),
        // An unremarkable directory: no finding in the default profile.
        ("nerdctl run --rootfs /srv/alpine sh", &[]),
        ("nerdctl run --rootfs=false / sh", &[]),
    ];
    for (text, expected) in cases {
        assert_eq!(located(text), *expected, "{text}");
    }
    let messages = |text: &str, profile| {
        let options = AnalyzeOptions {
            config: shipshape::config::Config {
                profile,
                ..Default::default()
            },
            ..AnalyzeOptions::default()
        };
        let analysis = analyze(text, &options);
        let container = &analysis.containers[0];
        assert_eq!(container.image, None, "{text}");
        analysis
            .diagnostics
            .iter()
            .filter(|d| d.code.starts_with("MNT-00") && d.code != "MNT-008")
            .map(|d| format!("{} {}", d.code, d.message))
            .collect::<Vec<_>>()
    };
    use shipshape::config::Profile::Restricted;
    assert_eq!(
        messages("nerdctl run --rootfs /srv/alpine sh", Restricted),
        [
            "MNT-005 mounts the host's /srv/alpine as the container's root filesystem (--rootfs): the container shares those files with the host, outside the project",
            "MNT-006 mounts the host's /srv/alpine as the container's root filesystem (--rootfs) read-write: the container can change or delete those host files",
        ]
    );
    assert_eq!(
        messages("nerdctl run --read-only --rootfs /srv/alpine sh", Restricted),
        ["MNT-005 mounts the host's /srv/alpine as the container's root filesystem (--rootfs): the container shares those files with the host, outside the project"]
    );
    let options = AnalyzeOptions {
        config: shipshape::config::Config {
            profile: Restricted,
            ..Default::default()
        },
        ..AnalyzeOptions::default()
    };
    let about: Vec<String> = analyze("nerdctl run --rootfs /srv/alpine sh", &options)
        .diagnostics
        .iter()
        .filter(|d| d.code == "MNT-008" || d.code == "USR-001")
        .map(|d| format!("{} {}", d.code, d.message))
        .collect();
    assert_eq!(
        about,
        [
            "MNT-008 has a writable root filesystem, the host directory --rootfs names: an intruder can change its programs, on the host too, and leave a backdoor in them",
            "USR-001 does not choose a user, so it runs as root: with --rootfs there is no image whose USER names another",
        ]
    );
    assert_eq!(
        messages("nerdctl run --rootfs / sh", Restricted)[0],
        "MNT-004 mounts the host's / as the container's root filesystem (--rootfs) read-write: the whole filesystem, with password hashes, private keys and the Docker socket"
    );
}

/// A volume whose driver options bind a host directory, mounted with a subpath, is
/// that directory's subdirectory; a subpath that leaves the volume is refused by the
/// engine, reported once, and the mount judged no further.
#[test]
fn a_subpath_of_a_volume_that_binds_a_host_directory() {
    let text = service(concat!(
        "    volumes:\n",
        "      - type: volume\n",
        "        source: root\n",
        "        target: /h\n",
        "        volume:\n",
        "          subpath: ./var/run/\n",
        "      - type: volume\n",
        "        source: root\n",
        "        target: /h2\n",
        "        volume:\n",
        "          subpath: ../etc\n",
        "volumes:\n",
        "  root:\n",
        "    driver_opts:\n",
        "      type: none\n",
        "      o: bind\n",
        "      device: /\n",
    ));
    assert_eq!(
        located(&text),
        [
            "MNT-001 5:9 (related 20:15) (related 9:20)",
            "SYN-004 14:20"
        ]
    );
    let analysis = analyze(&text, &AnalyzeOptions::default());
    assert_eq!(
        analysis.diagnostics[0].message,
        "mounts the host's /var/run/ (through volume root, subpath ./var/run/) read-write, which contains docker.sock: the Docker API socket, through which anyone can start a privileged container and take over the host"
    );
    let cases: &[(&str, &[&str])] = &[
        (
            "docker run --mount type=volume,src=v,dst=/h,volume-subpath=etc,volume-opt=type=none,volume-opt=o=bind,volume-opt=device=/ img",
            &["MNT-004 1:20 (related 1:121) (related 1:60)"],
        ),
        // A subpath of an ordinary volume brings nothing from the host.
        ("docker run --mount type=volume,src=v,dst=/h,volume-subpath=etc img", &[]),
        (
            "docker run --mount type=volume,src=v,dst=/h,volume-subpath=/etc img",
            &["SYN-004 1:60"],
        ),
        (
            "docker run --mount type=volume,src=v,dst=/h,volume-subpath=a/../../etc,volume-opt=o=bind,volume-opt=device=/srv img",
            &["SYN-004 1:60"],
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(located(text), *expected, "{text}");
    }
}

/// SELinux relabelling, in each form the engines and Compose take, reaches one model
/// field and one rule; a value the engine or Compose refuses is reported once.
#[test]
fn selinux_relabelling_in_every_form() {
    let text = service(concat!(
        "    volumes:\n",
        "      - /etc/ssl:/certs:ro,z\n",
        "      - type: bind\n",
        "        source: /etc/pki/tls\n",
        "        target: /tls\n",
        "        bind:\n",
        "          selinux: Z\n",
        "      - type: bind\n",
        "        source: /etc/nginx\n",
        "        target: /n\n",
        "        bind:\n",
        "          selinux: shared\n",
    ));
    assert_eq!(
        located(&text),
        [
            "MNT-004 5:9",
            "MNT-013 5:28 (related 5:9)",
            "MNT-004 7:17",
            "MNT-013 10:20 (related 7:17)",
            "MNT-004 12:17",
            "SYN-004 15:20",
        ]
    );
    let relabels: Vec<_> = analyze(&text, &AnalyzeOptions::default()).containers[0]
        .mounts
        .iter()
        .map(|mount| mount.relabel.as_ref().and_then(|r| r.value))
        .collect();
    use shipshape::model::Relabel::{Private, Shared};
    assert_eq!(relabels, [Some(Shared), Some(Private), None]);
    let cases: &[(&str, &[&str])] = &[
        (
            "docker run -v /etc/ssl:/c:z img",
            &["MNT-004 1:15", "MNT-013 1:27 (related 1:15)"],
        ),
        (
            "podman run -v /etc/ssl:/c:Z img",
            &["MNT-004 1:15", "MNT-013 1:27 (related 1:15)"],
        ),
        (
            "podman run --mount type=bind,src=/etc/ssl,dst=/c,relabel=private img",
            &["MNT-004 1:34", "MNT-013 1:50 (related 1:34)"],
        ),
        // The engine refuses to relabel `/etc` itself; and takes one of `z` and `Z`.
        (
            "docker run -v /etc:/h:Z img",
            &["MNT-004 1:15", "MNT-013 1:23 (related 1:15)"],
        ),
        ("docker run -v ./data:/d:z,Z img", &["SYN-004 1:27"]),
        (
            "podman run --mount type=bind,src=/etc,dst=/h,relabel=yes img",
            &["SYN-004 1:46"],
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(located(text), *expected, "{text}");
    }
}

/// docker's CLI refuses a `--mount` value it cannot read before creating anything: one
/// SYN-004 at the field, and no finding about the host path it names.
#[test]
fn mount_fields_docker_refuses() {
    let cases: &[(&str, &[&str])] = &[
        (
            "docker run --mount type=bind,src=/etc,dst=/h,relabel=shared img",
            &["SYN-004 1:46"],
        ),
        (
            "docker run --mount type=bind,src=/etc,dst=/h,readonly=yes img",
            &["SYN-004 1:46"],
        ),
        (
            "docker run --mount type=bind,src=/etc,dst=/h,bind-nonrecursive img",
            &["SYN-004 1:46"],
        ),
        (
            "docker run --mount type=bind,src=/etc,dst=/h,volume-nocopy img",
            &["SYN-004 1:46"],
        ),
        (
            "docker run --mount type=bind,src,dst=/h img",
            &["SYN-004 1:30"],
        ),
        (
            "docker run --mount type=bind,src=/etc,dst=/h,bind-recursive=writable img",
            &["SYN-004 1:46"],
        ),
        (
            "docker run --mount type=bind,src=/etc,dst=/h,bind-recursive=readonly,readonly img",
            &["SYN-004 1:46"],
        ),
        // The same value is podman's to read, which takes it.
        (
            "podman run --mount type=bind,src=/etc,dst=/h,readonly=true img",
            &["MNT-004 1:34"],
        ),
        (
            "docker run --mount type=bind,src=/etc,dst=/h,ro=1 img",
            &["MNT-004 1:34"],
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(located(text), *expected, "{text}");
    }
}

/// podman reads `--mount`'s `readonly`, `ro` and `rw` its own way: `true` or `false` in
/// any case, any other value ignored (the bind stays writable), `rw=false` read-only,
/// one of them per mount; and takes `subpath` as well as `volume-subpath`.
#[test]
fn podman_mount_read_only_and_subpath() {
    let read_only = |text: &str| -> Vec<bool> {
        analyze(text, &AnalyzeOptions::default()).containers[0]
            .mounts
            .iter()
            .map(|mount| mount.is_read_only())
            .collect()
    };
    assert_eq!(
        read_only("podman run --mount type=bind,src=/a,dst=/a,readonly=TRUE --mount type=bind,src=/b,dst=/b,readonly=yes --mount type=bind,src=/c,dst=/c,rw=false --mount type=bind,src=/d,dst=/d,rw img"),
        [true, false, true, false]
    );
    // docker reads `readonly=yes` as no boolean at all.
    assert_eq!(
        located("docker run --mount type=bind,src=/etc,dst=/h,readonly=TRUE img"),
        ["SYN-004 1:46"]
    );
    assert_eq!(
        located("podman run --mount type=bind,src=/etc,dst=/h,ro,rw img"),
        ["SYN-004 1:49"]
    );
    assert_eq!(
        located("podman run --mount type=volume,src=v,dst=/h,subpath=/etc img"),
        ["SYN-004 1:53"]
    );
}

/// nerdctl reads `--mount` with its own parser: its `rro` is read-only, and it refuses
/// what it does not know (no `volume-*` options, no `npipe`), a boolean Go does not
/// read and `image-subpath`: one SYN-004 and no finding about the path.
#[test]
fn nerdctl_mount_fields() {
    let cases: &[(&str, &[&str])] = &[
        ("nerdctl run --mount type=bind,src=/etc,dst=/h,rro img", &["MNT-004 1:35"]),
        (
            "nerdctl run --mount type=volume,src=v,dst=/h,volume-opt=o=bind,volume-opt=device=/etc img",
            &["SYN-004 1:46"],
        ),
        (
            r"nerdctl run --mount type=npipe,src=\\.\pipe\docker_engine,dst=\\.\pipe\docker_engine img",
            &["SYN-004 1:21"],
        ),
        ("nerdctl run --mount type=bind,src=/etc,dst=/h,readonly=yes img", &["SYN-004 1:47"]),
        ("nerdctl run --mount type=bind,src=/etc,dst=/h,readonly=T img", &["MNT-004 1:35"]),
        ("nerdctl run --mount type=image,src=alpine,dst=/i,image-subpath=etc img", &["SYN-004 1:50"]),
    ];
    for (text, expected) in cases {
        assert_eq!(located(text), *expected, "{text}");
    }
    let analysis = analyze(
        "nerdctl run --mount type=bind,src=/etc,dst=/h,rro img",
        &AnalyzeOptions::default(),
    );
    assert!(analysis.containers[0].mounts[0].is_read_only());
}

/// podman refuses a `--mount` option its type does not take (keys are case-sensitive),
/// a type it does not mount and a key written bare that needs a value: one SYN-004 at
/// the option and no finding about the path; the options it does take pass.
#[test]
fn podman_mount_fields() {
    let cases: &[(&str, &[&str])] = &[
        (
            "podman run --mount type=bind,src=/etc,dst=/h,volume-opt=o=bind img",
            &["SYN-004 1:46"],
        ),
        (
            "podman run --mount type=npipe,src=x,dst=/h img",
            &["SYN-004 1:25"],
        ),
        (
            "podman run --mount Type=bind,src=/etc,dst=/h img",
            &["SYN-004 1:20"],
        ),
        (
            "podman run --mount type=tmpfs,src=/etc,dst=/h img",
            &["SYN-004 1:31"],
        ),
        (
            "podman run --mount type=bind,src=/etc,dst img",
            &["SYN-004 1:39"],
        ),
        (
            "podman run --mount type=bind,src=/etc,dst=/h,volume-label=a img",
            &["SYN-004 1:46"],
        ),
        (
            "podman run --mount type=devpts,dst=/dev/pts,src=/etc img",
            &["SYN-004 1:45"],
        ),
        (
            "podman run --mount type=bind,src=/etc,dst=/h,nosuid,U,consistency=cached,readonly img",
            &["MNT-004 1:34"],
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(located(text), *expected, "{text}");
    }
}

/// nerdctl splits `--mount` on every comma, quotes or not: a comma inside double
/// quotes still ends the option.
#[test]
fn nerdctl_mount_splits_on_every_comma() {
    let analysis = analyze(
        r#"nerdctl run --mount 'type=bind,src="/data,dst=/d"' img"#,
        &AnalyzeOptions::default(),
    );
    let mount = &analysis.containers[0].mounts[0];
    let raw = |setting: &Option<shipshape::model::Setting<String>>| {
        setting.as_ref().and_then(|s| s.value.clone())
    };
    assert_eq!(raw(&mount.source).as_deref(), Some("\"/data"));
    assert_eq!(raw(&mount.target).as_deref(), Some("/d\""));
}
