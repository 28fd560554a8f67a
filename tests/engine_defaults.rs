//! Each engine's own defaults, through a plain command: the effective capability set
//! of `docker run`, `podman run` and `nerdctl run` is the table read from that
//! engine's source (`knowledge::engines`), the capabilities view names the engine,
//! and a capability podman holds back is reported as an addition there.

use shipshape::knowledge::engines::Engine;
use shipshape::report::Report;
use shipshape::{analyze, AnalyzeOptions};

fn report(text: &str) -> Report {
    Report::new(text, analyze(text, &AnalyzeOptions::default()), None)
}

#[test]
fn a_plain_run_gets_its_engines_default_capabilities() {
    for engine in Engine::ALL {
        let text = format!("{} run img", engine.name());
        let report = report(&text);
        let view = &report.containers[0].capabilities;
        let mut effective: Vec<&str> = view.effective.iter().map(|cap| cap.name).collect();
        let mut table = engine.default_capabilities().to_vec();
        effective.sort_unstable();
        table.sort_unstable();
        assert_eq!(effective, table, "{text}");
        assert_eq!(view.default, engine.default_capabilities(), "{text}");
        assert_eq!(view.engine, engine.display_name(), "{text}");
        println!(
            "{}: {} default capabilities",
            engine.name(),
            engine.default_capabilities().len()
        );
    }
    assert_eq!(Engine::Podman.default_capabilities().len(), 11);
    assert_eq!(Engine::Docker.default_capabilities().len(), 14);
    assert_eq!(
        Engine::Nerdctl.default_capabilities(),
        Engine::Docker.default_capabilities()
    );
    // A Compose file is docker's.
    let compose = report("services:\n  app:\n    image: img\n");
    assert_eq!(compose.containers[0].capabilities.engine, "Docker");
    assert_eq!(compose.containers[0].capabilities.effective.len(), 14);
}

#[test]
fn podman_adding_net_raw_adds_what_podman_does_not_grant() {
    let analysis = analyze(
        "podman run --cap-add NET_RAW img",
        &AnalyzeOptions::default(),
    );
    let messages: Vec<(&str, &str)> = analysis
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.message.as_str()))
        .collect();
    assert_eq!(
        messages,
        [(
            "CAP-007",
            "adds NET_RAW, which Podman does not grant by default (Docker does), and which opens raw and packet sockets, for spoofing and sniffing"
        )]
    );
    let report = report("podman run --cap-add NET_RAW img");
    let view = &report.containers[0].capabilities;
    assert_eq!(view.effective.len(), 12);
    let net_raw = view
        .effective
        .iter()
        .find(|cap| cap.name == "NET_RAW")
        .unwrap();
    assert_eq!(shipshape::json::to_json(&net_raw.grant), r#""added""#);
    // The same flag on docker changes nothing, and says so.
    let docker = analyze(
        "docker run --cap-add NET_RAW img",
        &AnalyzeOptions::default(),
    );
    assert_eq!(docker.diagnostics[0].code, "CAP-010");
    assert!(docker.diagnostics[0]
        .message
        .contains("which Docker grants by default"));
}

/// podman's own namespace values, its pods and the defaults of podman and nerdctl are
/// explained in the engine's own words, never with docker's or a generic text.
#[test]
fn podman_values_and_engine_defaults_in_their_own_words() {
    let meaning = |text: &str, namespace: &str| {
        let report = report(text);
        let views = &report.containers[0].namespaces;
        let view = match namespace {
            "userns" => &views.userns,
            "network" => &views.network,
            _ => &views.ipc,
        };
        view.meaning.clone()
    };
    let cases: &[(&str, &str, Option<&str>)] = &[
        ("podman run --userns=keep-id:uid=1000 img", "userns", Some("podman's keep-id: a user namespace that maps the UID and GID of the user who starts podman to the same IDs inside, so that the files it writes belong to that user; root in the container is a subordinate host UID.")),
        ("podman run --userns=auto img", "userns", Some("podman's auto: a user namespace of its own, mapped to a range of subordinate host UIDs that no other container of podman's uses.")),
        ("podman run --userns=nomap img", "userns", Some("podman's nomap: a user namespace mapped to subordinate host UIDs only; the user who starts podman is not mapped into the container at all.")),
        ("podman run --network=pasta:--ipv4-only img", "network", Some("podman's pasta: a network namespace of its own, connected by a user-mode network stack (passt) that copies the host's addresses and routes; its traffic leaves as the traffic of the user who starts podman.")),
        ("podman run --network slirp4netns img", "network", Some("podman's slirp4netns: a network namespace of its own, connected by a user-mode TCP/IP stack; its traffic leaves as the traffic of the user who starts podman, and it reaches the host's own localhost only with `allow_host_loopback=true`.")),
        ("podman run --pod web img", "ipc", Some("podman's pod: shares this namespace with every container of pod `web`, and with it their exposure.")),
        ("podman run img", "userns", Some("podman's default: the user namespace of whoever starts podman. Rootless, root in the container is that user; rootful, it is the host's root, unless containers.conf sets `userns`.")),
        ("podman run img", "network", Some("podman's default: pasta for a rootless container (slirp4netns before podman 5), the `podman` bridge network for a rootful one.")),
        ("nerdctl run img", "network", Some("nerdctl's default: its `bridge` network (`nerdctl0`), shared with every container started without a network.")),
        ("nerdctl run img", "userns", Some("nerdctl's default: the host's user namespace, unless nerdctl runs rootless or its `--userns-remap` maps users.")),
        // docker's own modes and defaults are the page's to explain.
        ("docker run img", "network", None),
        ("docker run --network backend img", "network", None),
        // A user-defined network called like a podman mode is only a name to docker.
        ("docker run --network pasta img", "network", None),
    ];
    for (text, namespace, expected) in cases {
        assert_eq!(
            meaning(text, namespace).as_deref(),
            *expected,
            "{text} {namespace}"
        );
    }
}

/// The findings about podman's and nerdctl's own values speak of that engine.
#[test]
fn findings_name_the_engine_that_reads_the_value() {
    let messages = |text: &str, code: &str| -> Vec<String> {
        let options = AnalyzeOptions {
            config: shipshape::config::Config {
                profile: shipshape::config::Profile::Cis,
                ..Default::default()
            },
            ..AnalyzeOptions::default()
        };
        analyze(text, &options)
            .diagnostics
            .into_iter()
            .filter(|d| d.code == code)
            .map(|d| format!("{} | {}", d.message, d.help.unwrap_or_default()))
            .collect()
    };
    assert_eq!(
        messages("podman run --userns=host img", "NS-004"),
        ["runs in the user namespace of whoever starts podman: started by root, root in this container is root on the host, whatever containers.conf's userns says | remove --userns host, or use --userns=auto so that root in the container is an unused subordinate host UID"]
    );
    assert_eq!(
        messages("docker run --userns=host img", "NS-004"),
        ["opts out of user namespace remapping: where the daemon remaps users, root in this container is root on the host again | remove --userns host so that the daemon's remapping applies"]
    );
    assert_eq!(
        messages("podman run --network bridge img", "NET-002"),
        ["uses podman's default bridge network (podman), shared with every rootful container started without a network | create a user-defined network and attach the container to it"]
    );
    assert_eq!(
        messages("nerdctl run --net=bridge img", "NET-002"),
        ["uses nerdctl's default bridge network (bridge, nerdctl0), shared with every container started without a network | create a user-defined network and attach the container to it"]
    );
}
