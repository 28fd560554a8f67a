//! Fixes through the editors, for both origins: each case is a rule's fix applied to
//! an input written in one of the forms people use, with the exact text it gives.
//! The rules state intents on the model; the Compose and run editors write them, so
//! these cases exercise the editors' handling of layout, quoting and line breaks.

use shipshape::config::{Config, Profile};
use shipshape::{analyze, AnalyzeOptions};

/// The text after applying the fix of each `code` diagnostic, in order (restricted
/// profile, where every rule with a fix is on).
fn fixed(code: &str, text: &str) -> Vec<String> {
    let options = AnalyzeOptions {
        config: Config {
            profile: Profile::Restricted,
            ..Config::default()
        },
        ..AnalyzeOptions::default()
    };
    analyze(text, &options)
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .filter_map(|d| d.fix.as_ref())
        .map(|fix| {
            let mut out = text.to_string();
            for edit in fix.edits.iter().rev() {
                let [start, end] = edit.byte_range;
                out.replace_range(start as usize..end as usize, &edit.content);
            }
            out
        })
        .collect()
}

#[test]
fn block_lists_keep_their_indentation() {
    // 1-, 2- and 4-space indentation: the item goes, its siblings stay as written.
    for indent in [" ", "  ", "    "] {
        let i = |n: usize| indent.repeat(n);
        let text = format!(
            "services:\n{}app:\n{}image: nginx:1.27\n{}cap_add:\n{}- NET_BIND_SERVICE\n{}- SYS_ADMIN\n",
            i(1), i(2), i(2), i(3), i(3)
        );
        let expected = format!(
            "services:\n{}app:\n{}image: nginx:1.27\n{}cap_add:\n{}- NET_BIND_SERVICE\n",
            i(1),
            i(2),
            i(2),
            i(3)
        );
        assert_eq!(fixed("CAP-002", &text), [expected], "indent {:?}", indent);
    }
}

#[test]
fn flow_lists_lose_one_item_or_the_whole_key() {
    let text =
        "services:\n  app:\n    image: nginx:1.27\n    cap_add: [NET_BIND_SERVICE, SYS_ADMIN]\n";
    assert_eq!(
        fixed("CAP-002", text),
        ["services:\n  app:\n    image: nginx:1.27\n    cap_add: [NET_BIND_SERVICE]\n"]
    );
    let text = "services:\n  app:\n    image: nginx:1.27\n    cap_add: [SYS_ADMIN]\n";
    assert_eq!(
        fixed("CAP-002", text),
        ["services:\n  app:\n    image: nginx:1.27\n"]
    );
}

#[test]
fn a_comment_on_the_edited_line_goes_with_a_removed_line_and_stays_on_a_changed_one() {
    let text =
        "services:\n  app:\n    image: nginx:1.27\n    pid: host # debugging\n    user: app\n";
    assert_eq!(
        fixed("NS-001", text),
        ["services:\n  app:\n    image: nginx:1.27\n    user: app\n"]
    );
    let text = "services:\n  app:\n    image: nginx:1.27\n    privileged: true # for now\n";
    assert_eq!(
        fixed("PRIV-001", text),
        ["services:\n  app:\n    image: nginx:1.27\n    privileged: false # for now\n"]
    );
}

#[test]
fn a_missing_key_is_added_at_the_services_indentation() {
    let text = "services:\n    app:\n        image: nginx:1.27 # pinned\n    db:\n        image: postgres:16\n";
    assert_eq!(
        fixed("MNT-008", text),
        [
            // nginx writes to two places, which get a tmpfs (knowledge::images).
            "services:\n    app:\n        image: nginx:1.27 # pinned\n        read_only: true\n        tmpfs: [/var/cache/nginx, /var/run]\n    db:\n        image: postgres:16\n",
            "services:\n    app:\n        image: nginx:1.27 # pinned\n    db:\n        image: postgres:16\n        read_only: true\n",
        ]
    );
    // A list added to is created in flow form, or extended in the form it has.
    let text = "services:\n  app:\n    image: nginx:1.27\n    security_opt:\n      - label=type:svirt_apache_t\n";
    assert_eq!(
        fixed("SEC-009", text),
        ["services:\n  app:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges=true\n      - label=type:svirt_apache_t\n"]
    );
    let text = "services:\n  app:\n    image: nginx:1.27\n";
    assert_eq!(
        fixed("SEC-009", text),
        ["services:\n  app:\n    image: nginx:1.27\n    security_opt: [no-new-privileges=true]\n"]
    );
}

#[test]
fn a_flow_mapping_service_gets_no_new_key_line() {
    // A key line inside `{...}` would not be YAML: no fix rather than a broken file.
    let text = "services:\n  app: {image: nginx:1.27}\n";
    assert!(fixed("MNT-008", text).is_empty());
}

#[test]
fn crlf_files_stay_crlf() {
    let text = "services:\r\n  app:\r\n    image: nginx:1.27\r\n    cap_add:\r\n      - SYS_ADMIN\r\n    cap_drop:\r\n      - NET_RAW\r\n";
    assert_eq!(
        fixed("CAP-002", text),
        ["services:\r\n  app:\r\n    image: nginx:1.27\r\n    cap_drop:\r\n      - NET_RAW\r\n"]
    );
    let text = "services:\r\n  app:\r\n    image: nginx:1.27\r\n";
    assert_eq!(
        fixed("MNT-008", text),
        ["services:\r\n  app:\r\n    image: nginx:1.27\r\n    read_only: true\r\n    tmpfs: [/var/cache/nginx, /var/run]\r\n"]
    );
    let text = "services:\r\n  app:\r\n    image: nginx:1.27\r\n    volumes:\r\n      - type: bind\r\n        source: /srv/data\r\n        target: /data\r\n";
    assert_eq!(
        fixed("MNT-006", text),
        ["services:\r\n  app:\r\n    image: nginx:1.27\r\n    volumes:\r\n      - type: bind\r\n        source: /srv/data\r\n        target: /data\r\n        read_only: true\r\n"]
    );
}

#[test]
fn a_value_shared_through_an_anchor_is_edited_where_it_is_written() {
    // The setting is written once, in `x-common`: each service's fix edits it there.
    let text = "x-common: &common\n  privileged: true\nservices:\n  a:\n    <<: *common\n    image: nginx:1.27\n  b:\n    <<: *common\n    image: nginx:1.27\n";
    let shared = text.replace("privileged: true", "privileged: false");
    assert_eq!(fixed("PRIV-001", text), [shared.clone(), shared]);
    // An anchored flow list another service aliases.
    let text = "services:\n  a:\n    image: nginx:1.27\n    cap_add: &caps [SYS_ADMIN, CHOWN]\n  b:\n    image: nginx:1.27\n    cap_add: *caps\n";
    let shared = text.replace("[SYS_ADMIN, CHOWN]", "[CHOWN]");
    assert_eq!(fixed("CAP-002", text), [shared.clone(), shared]);
    // Each fix says which other service it changes too.
    let titles: Vec<String> = analyze(text, &AnalyzeOptions::default())
        .diagnostics
        .iter()
        .filter(|d| d.code == "CAP-002")
        .map(|d| d.fix.as_ref().unwrap().title.clone())
        .collect();
    assert_eq!(
        titles,
        [
            "Remove SYS_ADMIN from cap_add (also changes b)",
            "Remove SYS_ADMIN from cap_add (also changes a)"
        ]
    );
}

#[test]
fn mounts_and_ports_are_changed_in_their_own_syntax() {
    let text = "services:\n  app:\n    image: nginx:1.27\n    volumes:\n      - \"/srv/data:/data\"\n      - /srv/logs:/logs:z\n      - {type: bind, source: /srv/etc, target: /etc/app}\n";
    assert_eq!(
        fixed("MNT-006", text),
        [
            text.replace("/srv/data:/data\"", "/srv/data:/data:ro\""),
            text.replace("/logs:z", "/logs:ro,z"),
            text.replace("target: /etc/app}", "target: /etc/app, read_only: true}"),
        ]
    );
    let text = "services:\n  app:\n    image: nginx:1.27\n    ports:\n      - \"8080:80\"\n      - target: 443\n        published: 8443\n";
    assert_eq!(
        fixed("NET-003", text),
        [
            text.replace("\"8080:80\"", "\"127.0.0.1:8080:80\""),
            text.replace(
                "published: 8443\n",
                "published: 8443\n        host_ip: 127.0.0.1\n"
            ),
        ]
    );
}

#[test]
fn run_flags_go_with_their_value_in_either_spelling() {
    assert_eq!(
        fixed("CAP-002", "docker run --cap-add=SYS_ADMIN nginx:1.27"),
        ["docker run nginx:1.27"]
    );
    assert_eq!(
        fixed("CAP-002", "docker run --cap-add SYS_ADMIN -d nginx:1.27"),
        ["docker run -d nginx:1.27"]
    );
    assert_eq!(
        fixed("PRIV-001", "sudo docker run -d --privileged nginx:1.27"),
        ["sudo docker run -d nginx:1.27"]
    );
}

#[test]
fn run_commands_keep_continuations_quotes_and_prompts() {
    let text = "$ docker run \\\n    --cap-add \"SYS_ADMIN\" \\\n    -v '/srv/data:/data' \\\n    nginx:1.27\n";
    assert_eq!(
        fixed("CAP-002", text),
        ["$ docker run \\\n    -v '/srv/data:/data' \\\n    nginx:1.27\n"]
    );
    assert_eq!(
        fixed("MNT-006", text),
        [text.replace("'/srv/data:/data'", "'/srv/data:/data:ro'")]
    );
    assert_eq!(
        fixed("MNT-008", text),
        [text.replace(
            "    nginx:1.27",
            "    --read-only --tmpfs=/var/cache/nginx --tmpfs=/var/run nginx:1.27"
        )]
    );
}

#[test]
fn run_lists_are_extended_in_the_spelling_they_use() {
    assert_eq!(
        fixed("CAP-008", "docker run --cap-drop NET_RAW nginx:1.27"),
        ["docker run --cap-drop ALL --cap-drop NET_RAW nginx:1.27"]
    );
    assert_eq!(
        fixed("CAP-008", "docker run nginx:1.27"),
        ["docker run --cap-drop=ALL nginx:1.27"]
    );
    assert_eq!(
        fixed(
            "NET-003",
            "docker run -p 8080:80 --mount type=bind,src=/srv,dst=/srv nginx:1.27"
        ),
        ["docker run -p 127.0.0.1:8080:80 --mount type=bind,src=/srv,dst=/srv nginx:1.27"]
    );
    assert_eq!(
        fixed(
            "MNT-006",
            "docker run --mount type=bind,src=/srv,dst=/srv nginx:1.27"
        ),
        ["docker run --mount type=bind,src=/srv,dst=/srv,readonly nginx:1.27"]
    );
}
