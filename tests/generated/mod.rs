//! Generated inputs that grow along one dimension at a time, for the linearity
//! guard (`tests/linearity.rs`) and the scaling benchmark (`benches/scale.rs`).
//!
//! Each service or command touches the paths that look at other containers or at
//! the text around a value: published ports, added capabilities, a sensitive bind,
//! a namespace joined by name, an anchor merged with `<<`, `extends`, and an inline
//! suppression.

/// A Compose file with `services` services.
pub fn compose_services(services: usize) -> String {
    let mut text = String::from(
        "x-hardening: &hardening\n  read_only: true\n  security_opt: [no-new-privileges:true]\n\
         services:\n  base:\n    image: nginx:1.27\n    cap_drop: [ALL]\n",
    );
    for i in 0..services {
        let joined = if i == 0 {
            "base".to_string()
        } else {
            format!("svc{}", i - 1)
        };
        text.push_str(&format!(
            "  svc{i}:\n    <<: *hardening\n    extends: base\n    image: example/app:{i}\n    \
             ports:\n      - \"{port}:80\"\n    cap_add:\n      - NET_ADMIN\n    \
             pid: service:{joined}\n    volumes:\n      \
             - /var/run/docker.sock:/var/run/docker.sock # shipshape: ignore[MNT-001] the agent\n",
            port = 8000 + i % 1000,
        ));
    }
    text
}

/// One service whose flow `cap_add` list holds `items` entries on one line.
pub fn compose_flow_items(items: usize) -> String {
    let list = vec!["NET_ADMIN"; items].join(", ");
    format!("services:\n  web:\n    image: nginx:1.27\n    cap_add: [{list}]\n")
}

/// One `docker run` command line with `items` repeated `--cap-add` flags.
pub fn run_flags_on_one_line(items: usize) -> String {
    format!(
        "docker run {}nginx:1.27\n",
        "--cap-add NET_ADMIN ".repeat(items)
    )
}

/// `commands` `docker run` command lines, each joining the previous one's namespace.
pub fn run_commands(commands: usize) -> String {
    (0..commands)
        .map(|i| {
            let joined = i.saturating_sub(1);
            format!(
                "docker run --name c{i} --cap-add NET_ADMIN -p {port}:80 -v /:/host \
                 --pid container:c{joined} nginx:1.27\n",
                port = 8000 + i % 1000
            )
        })
        .collect()
}

/// `services` services whose `cap_add` is an alias of one scalar, which each misuses:
/// one input problem at the anchor, said for every service.
pub fn compose_misused_alias(services: usize) -> String {
    let each: String = (0..services)
        .map(|i| format!("  s{i}:\n    image: example/app:{i}\n    cap_add: *one\n"))
        .collect();
    format!("x-one: &one NET_ADMIN\nservices:\n{each}")
}
