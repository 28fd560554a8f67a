//! The JavaScript face of the WebAssembly module: field names, nulls, positions,
//! thrown errors. Run by `scripts/wasm-test.sh` in Node and in headless Chromium.
#![cfg(all(target_arch = "wasm32", target_os = "unknown"))]

#[path = "report_locations/mod.rs"]
mod report_locations;

use js_sys::{Array, Error, Map, Object, Reflect, JSON};
use report_locations::located_codes;
use serde_json::{json, Value};
use shipshape::wasm::{
    analyze, analyze_compose, analyze_project, analyze_run, apply_fixes, default_config, harden,
    rules, to_compose, version, JsAnalyzeOptions, JsApplyFixesOptions, JsHardenOptions,
    JsProjectInput, JsReport, JsToComposeOptions,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

/// A JS options object from JSON text, as a caller would write it.
fn options(json: &str) -> Option<JsAnalyzeOptions> {
    Some(JSON::parse(json).unwrap().unchecked_into())
}

fn options_from(value: &Value) -> Option<JsAnalyzeOptions> {
    options(&value.to_string())
}

/// The JS value as JSON, which keeps `null` apart from a missing key.
fn to_json(value: impl Into<JsValue>) -> Value {
    serde_wasm_bindgen::from_value(value.into()).unwrap()
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &key.into()).unwrap()
}

fn error_message(result: Result<JsReport, Error>) -> String {
    match result {
        Ok(report) => panic!("expected an error, got {:?}", JsValue::from(report)),
        Err(err) => {
            assert!(err.is_instance_of::<Error>());
            err.message().into()
        }
    }
}

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn default_config_is_plain_objects() {
    let config: JsValue = default_config().unwrap().into();
    assert_eq!(
        to_json(config.clone()),
        json!({
            "profile": "default",
            "select": [],
            "ignore": [],
            "severity": {},
            "options": {"allowedCapabilities": [], "allowedHostPaths": []},
            "limits": {
                "inputBytes": 1048576, "lineBytes": 524288, "depth": 64, "aliasNodes": 100000, "aliasBytes": 8388608,
                "inheritedBytes": 8388608, "services": 5000, "commands": 500,
                "wordsPerCommand": 20000, "files": 100,
            },
        })
    );
    let severity = get(&config, "severity");
    assert!(!severity.is_instance_of::<Map>());
    assert_eq!(Object::keys(severity.unchecked_ref::<Object>()).length(), 0);
}

#[wasm_bindgen_test]
fn rules_carry_metadata_and_a_link_to_their_docs() {
    let rules: JsValue = rules(None).unwrap().into();
    let rules: Array = rules.unchecked_into();
    assert_eq!(
        rules.length() as usize,
        shipshape::rules::registry::all().len()
    );
    let privileged = rules
        .iter()
        .find(|rule| get(rule, "code") == "PRIV-001")
        .unwrap();
    let privileged = to_json(privileged);
    assert_eq!(
        privileged,
        json!({
            "code": "PRIV-001",
            "name": "privileged-container",
            "family": "privilege",
            "severity": "critical",
            "profiles": ["default", "baseline", "restricted", "cis"],
            "fix": "always",
            "summary": "Flags containers that run in privileged mode (`privileged: true`, `--privileged`), and Compose lifecycle hooks (`post_start`, `pre_stop`) and `develop.watch` `exec` commands that run privileged.",
            "url": "docs/rules/priv-001.html#privileged-container",
        })
    );
}

#[wasm_bindgen_test]
fn missing_values_are_null() {
    let report: JsValue = analyze_compose("", None).unwrap().into();
    assert!(get(&report, "fileName").is_null());
    assert!(get(&get(&report, "summary"), "grade").is_null());
    assert_eq!(
        to_json(report),
        json!({
            "input": "compose",
            "status": "empty",
            "fileName": null,
            "containers": [],
            "diagnostics": [],
            "summary": {
                "counts": {"critical": 0, "high": 0, "medium": 0, "low": 0, "info": 0},
                "inputProblems": 0,
                "suppressed": 0,
                "grade": null,
            },
        })
    );
}

#[wasm_bindgen_test]
fn options_are_optional_and_echoed() {
    let report: JsValue = analyze_run("", options(r#"{"fileName": "run.sh"}"#))
        .unwrap()
        .into();
    assert_eq!(get(&report, "fileName"), "run.sh");
    assert_eq!(get(&report, "input"), "run");
    let empty = options(r#"{"config": null, "env": {}, "profile": "cis"}"#);
    assert!(analyze("", empty).is_ok());
}

#[wasm_bindgen_test]
fn caller_mistakes_throw_errors() {
    let cases = [
        (
            r#"{"fileNme": "x"}"#,
            "invalid options: unknown key `fileNme` in `options`, expected one of config, profile, env, fileName, docsUrl; did you mean `fileName`?",
        ),
        (r#"{"docsUrl": 1}"#, "invalid options: `docsUrl` must be a string"),
        (
            r#"{"profile": "strict"}"#,
            "invalid options: `profile`: unknown profile `strict`; expected one of default, baseline, restricted, cis; did you mean `restricted`?",
        ),
        (
            r#"{"env": {"TAG": 1}}"#,
            "invalid options: `env.TAG` must be a string",
        ),
        (r#""compose""#, "invalid options: `options` must be an object"),
        (r#"[]"#, "invalid options: `options` must be an object"),
        (
            r#"{"config": {"profile": "strict"}}"#,
            "invalid options: `config.profile`: unknown profile `strict`; expected one of default, baseline, restricted, cis; did you mean `restricted`?",
        ),
        (
            r#"{"config": {"select": "CAP"}}"#,
            "invalid options: `config.select` must be an array of strings",
        ),
        (
            r#"{"config": {"severity": {"PRIV-001": "fatal"}}}"#,
            "invalid options: `config.severity.PRIV-001`: unknown severity `fatal`, expected one of critical, high, medium, low, info",
        ),
        (
            r#"{"config": {"options": {"allowedPaths": []}}}"#,
            "invalid options: unknown key `allowedPaths` in `config.options`, expected one of allowedCapabilities, allowedHostPaths; did you mean `allowedHostPaths`?",
        ),
        (
            r#"{"config": {"selct": ["CAP"]}}"#,
            "invalid options: unknown key `selct` in `config`, expected one of $schema, profile, select, ignore, severity, options, limits; did you mean `select`?",
        ),
        (
            r#"{"config": {"limits": {"depth": -1}}}"#,
            "invalid options: `config.limits.depth` must be a whole number of at least 0",
        ),
        (
            r#"{"config": {"limits": {"inputByte": 10}}}"#,
            "invalid options: unknown key `inputByte` in `config.limits`, expected one of inputBytes, lineBytes, depth, aliasNodes, aliasBytes, inheritedBytes, services, commands, wordsPerCommand, files; did you mean `inputBytes`?",
        ),
        (
            r#"{"config": {"select": ["PRIV-01"], "options": {"allowedHostPaths": ["etc"]}}}"#,
            "invalid options: `config`: select: unknown rule `PRIV-01`; did you mean `PRIV-001`?\noptions.allowedHostPaths: `etc` is not an absolute host path",
        ),
    ];
    for (options_json, message) in cases {
        assert_eq!(
            error_message(analyze("", options(options_json))),
            message,
            "{options_json}"
        );
    }
}

/// The options reader knows every key of the configuration: what `defaultConfig()`
/// returns, with every list and map filled, is accepted back.
#[wasm_bindgen_test]
fn every_config_key_is_read() {
    let config: JsValue = default_config().unwrap().into();
    let mut config = to_json(config);
    config["$schema"] = json!("https://example.invalid/shipshape.schema.json");
    config["select"] = json!(["CAP"]);
    config["ignore"] = json!(["privileged-container"]);
    config["severity"] = json!({"PRIV-001": "low"});
    config["options"]["allowedCapabilities"] = json!(["NET_ADMIN"]);
    config["options"]["allowedHostPaths"] = json!(["/srv"]);
    config["limits"]["commands"] = json!(1);
    let options = json!({"config": config, "profile": "cis", "env": {"TAG": "1"}, "fileName": "a"});
    let text = "docker run --privileged nginx\ndocker run --cap-add SYS_ADMIN nginx";
    let report: JsValue = analyze(text, options_from(&options)).unwrap().into();
    let codes = to_json(get(&report, "diagnostics"))
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect::<Vec<_>>();
    assert!(!codes.contains(&"PRIV-001".to_string()), "{codes:?}");
    // One command at most: the second is not analysed.
    assert!(!codes.contains(&"CAP-002".to_string()), "{codes:?}");
}

fn diagnostics(report: JsReport) -> Vec<Value> {
    let report: JsValue = report.into();
    match to_json(get(&report, "diagnostics")) {
        Value::Array(diagnostics) => diagnostics,
        other => panic!("diagnostics are not an array: {other}"),
    }
}

/// Code, container, range and byte range of each diagnostic.
fn located(report: JsReport) -> Vec<Value> {
    diagnostics(report)
        .into_iter()
        .map(|d| {
            json!([
                d["code"],
                d["container"],
                d["range"],
                d["byteRange"],
                d["utf16Range"]
            ])
        })
        .collect()
}

fn range(line: u32, start: u32, end: u32) -> Value {
    json!({"start": {"line": line, "column": start}, "end": {"line": line, "column": end}})
}

#[wasm_bindgen_test]
fn a_diagnostic_has_every_field() {
    let text = "services:\n  web:\n    image: nginx\n    privileged: true\n";
    let privileged = diagnostics(analyze(text, None).unwrap())
        .into_iter()
        .find(|d| d["code"] == "PRIV-001")
        .unwrap();
    assert_eq!(
        privileged,
        json!({
            "code": "PRIV-001",
            "name": "privileged-container",
            "kind": "finding",
            "severity": "critical",
            "message": "runs in privileged mode: all capabilities, all host devices, no seccomp, AppArmor or SELinux",
            "messageMarkdown": "runs in privileged mode: all capabilities, all host devices, no seccomp, AppArmor or SELinux",
            "help": "remove privileged mode and grant only the specific capability or device the workload needs",
            "helpMarkdown": "remove privileged mode and grant only the specific capability or device the workload needs",
            "container": "web",
            "range": range(4, 17, 21),
            "byteRange": [50, 54],
            "utf16Range": {"start": 50, "end": 54},
            "url": "docs/rules/priv-001.html#privileged-container",
            "related": [],
            "fix": {
                "title": "Set privileged: false",
                "titleMarkdown": "Set `privileged: false`",
                "applicability": "unsafe",
                "edits": [{
                    "range": range(4, 17, 21),
                    "byteRange": [50, 54],
                    "utf16Range": {"start": 50, "end": 54},
                    "content": "false",
                }],
            },
            "suppressed": null,
        })
    );
}

/// With `docsUrl`, a diagnostic's `url` is absolute; without, relative to the package.
#[wasm_bindgen_test]
fn urls_are_absolute_under_a_docs_url() {
    let url = |options_json: &str| {
        let report = analyze_run("docker run --privileged nginx", options(options_json)).unwrap();
        diagnostics(report)[0]["url"].clone()
    };
    assert_eq!(url("{}"), "docs/rules/priv-001.html#privileged-container");
    assert_eq!(
        url(r#"{"docsUrl": "https://example.com/shipshape/rules/"}"#),
        "https://example.com/shipshape/rules/priv-001.html#privileged-container"
    );
}

/// `rules({ docsUrl })` links each rule's page as `docsUrl` links a diagnostic's.
#[wasm_bindgen_test]
fn rule_urls_are_absolute_under_a_docs_url() {
    let privileged_url = |options_json: Option<&str>| {
        let rules: JsValue =
            rules(options_json.map(|json| options(json).unwrap().unchecked_into()))
                .unwrap()
                .into();
        let rules: Array = rules.unchecked_into();
        let privileged = rules
            .iter()
            .find(|rule| get(rule, "code") == "PRIV-001")
            .unwrap();
        get(&privileged, "url").as_string().unwrap()
    };
    assert_eq!(
        privileged_url(None),
        "docs/rules/priv-001.html#privileged-container"
    );
    for base in [
        "https://example.com/shipshape/rules",
        "https://example.com/shipshape/rules/",
    ] {
        assert_eq!(
            privileged_url(Some(&format!(r#"{{"docsUrl": "{base}"}}"#))),
            "https://example.com/shipshape/rules/priv-001.html#privileged-container"
        );
    }
    let error =
        |options_json: &str| match rules(Some(options(options_json).unwrap().unchecked_into())) {
            Ok(rules) => panic!("expected an error, got {:?}", JsValue::from(rules)),
            Err(err) => JsValue::from(err.message()),
        };
    assert_eq!(
        error(r#"{"profile": "cis"}"#),
        "invalid options: unknown key `profile` in `options`, expected one of docsUrl"
    );
    assert_eq!(
        error(r#"{"docsUrl": 1}"#),
        "invalid options: `docsUrl` must be a string"
    );
}

/// Columns count UTF-16 code units, as JS strings and editors do: 😀 is two, 缓 one.
#[wasm_bindgen_test]
fn columns_count_utf16_units_past_emoji_and_cjk() {
    let compose = "services:\n  \"缓存😀\": {image: redis, privileged: true}\n";
    let located_compose = located(analyze(compose, None).unwrap());
    assert_eq!(
        located_compose[0],
        json!(["PRIV-001", "缓存😀", range(2, 38, 42), [53, 57], {"start": 47, "end": 51}])
    );
    let report: JsValue = analyze(compose, None).unwrap().into();
    let container = to_json(get(&report, "containers"))[0].take();
    assert_eq!(container["name"], "缓存😀");
    assert_eq!(container["nameRange"], range(2, 3, 9));

    let run = "docker run --name 容器 --privileged nginx";
    assert_eq!(
        located(analyze(run, None).unwrap())[0],
        json!(["PRIV-001", "容器", range(1, 22, 34), [25, 37], {"start": 21, "end": 33}])
    );
}

/// Text that does not parse is reported, never thrown.
#[wasm_bindgen_test]
fn bad_input_comes_back_as_diagnostics() {
    assert_eq!(
        located(analyze_compose("services: [", None).unwrap()),
        [json!(["SYN-001", null, range(1, 12, 12), [11, 11], {"start": 11, "end": 11}])]
    );
    assert_eq!(
        located(analyze_run("docker run 'unclosed nginx", None).unwrap()),
        [json!(["SYN-010", "command 1", range(1, 12, 13), [11, 12], {"start": 11, "end": 12}])]
    );
    assert_eq!(
        located(analyze_run("ls -la", None).unwrap()),
        [json!(["SYN-014", null, range(1, 1, 1), [0, 0], {"start": 0, "end": 0}])]
    );
}

fn fix_options(json: &str) -> Option<JsApplyFixesOptions> {
    Some(JSON::parse(json).unwrap().unchecked_into())
}

/// `applyFixes` on the diagnostics JS got: safe fixes only unless asked, overlapping
/// and unsafe ones listed with why, offsets right past non-ASCII text.
#[wasm_bindgen_test]
fn apply_fixes_applies_safe_fixes_and_says_what_it_skipped() {
    let text = "services:\n  \"缓存😀\":\n    image: nginx:1.27\n    security_opt: [\"seccomp:unconfined\"]\n    privileged: true\n";
    let report: JsValue = analyze(text, None).unwrap().into();
    let diagnostics = get(&report, "diagnostics");
    let codes: Vec<Value> = to_json(diagnostics.clone())
        .as_array()
        .unwrap()
        .iter()
        .map(|d| json!([d["code"], d["fix"]["applicability"]]))
        .collect();
    assert_eq!(
        codes,
        [
            json!(["SEC-001", "unsafe"]),
            json!(["SEC-008", "safe"]),
            json!(["PRIV-001", "unsafe"])
        ],
        "{text}"
    );
    let safe = to_json(apply_fixes(text, diagnostics.clone().unchecked_into(), None).unwrap());
    assert_eq!(
        safe,
        json!({
            "text": "services:\n  \"缓存😀\":\n    image: nginx:1.27\n    security_opt: [\"seccomp=unconfined\"]\n    privileged: true\n",
            "applied": [{"index": 1, "code": "SEC-008"}],
            "skipped": [
                {"index": 0, "code": "SEC-001", "reason": "unsafe", "overlaps": null},
                {"index": 2, "code": "PRIV-001", "reason": "unsafe", "overlaps": null},
            ],
        })
    );
    let all = apply_fixes(
        text,
        diagnostics.clone().unchecked_into(),
        fix_options(r#"{"unsafe": true}"#),
    )
    .unwrap();
    assert_eq!(
        to_json(all),
        json!({
            "text": "services:\n  \"缓存😀\":\n    image: nginx:1.27\n    privileged: false\n",
            "applied": [{"index": 0, "code": "SEC-001"}, {"index": 2, "code": "PRIV-001"}],
            "skipped": [{"index": 1, "code": "SEC-008", "reason": "overlap", "overlaps": 0}],
        })
    );
    // The text the diagnostics came from, shortened: their edits no longer fit.
    let stale = to_json(apply_fixes("services: {}", diagnostics.unchecked_into(), None).unwrap());
    let reasons: Vec<&Value> = stale["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|skipped| &skipped["reason"])
        .collect();
    assert_eq!(reasons, ["unsafe", "invalid", "unsafe"]);
    assert_eq!(stale["text"], "services: {}");
}

#[wasm_bindgen_test]
fn apply_fixes_throws_on_misshapen_arguments() {
    let message = |diagnostics: &str, options: &str| {
        let list = JSON::parse(diagnostics).unwrap().unchecked_into();
        match apply_fixes("", list, fix_options(options)) {
            Ok(_) => panic!("expected an error for {diagnostics} {options}"),
            Err(err) => String::from(err.message()),
        }
    };
    assert_eq!(
        message("{}", "{}"),
        "invalid arguments: `diagnostics` must be an array"
    );
    assert_eq!(
        message(r#"[{"code": "X", "fix": {"applicability": "safe", "edits": [{"byteRange": [1], "content": ""}]}}]"#, "{}"),
        "invalid arguments: `diagnostics[0].fix.edits[0].byteRange` must be [start, end], two whole numbers of at least 0"
    );
    assert_eq!(
        message(r#"[null]"#, "{}"),
        "invalid arguments: `diagnostics[0]` must be an object"
    );
    assert_eq!(
        message("[]", r#"{"unsafe": "yes"}"#),
        "invalid arguments: `options.unsafe` must be a boolean"
    );
    assert!(message("[]", r#"{"usafe": true}"#).starts_with(
        "invalid arguments: unknown key `usafe` in `options`, expected one of unsafe"
    ));
}

fn harden_options(json: &str) -> Option<JsHardenOptions> {
    Some(JSON::parse(json).unwrap().unchecked_into())
}

/// `harden`: safe fixes only by default, what is left says why; with `unsafe` every
/// fix, each change at its place in the input.
#[wasm_bindgen_test]
fn harden_applies_the_profiles_fixes_and_lists_what_is_left() {
    let text = "services:\n  app:\n    image: nginx:1.27\n    privileged: true\n    cap_add: [SYS_ADMIN]\n";
    let privileged_left = json!({
        "code": "PRIV-001", "name": "privileged-container", "severity": "critical",
        "message": "runs in privileged mode: all capabilities, all host devices, no seccomp, AppArmor or SELinux",
        "container": "app", "range": range(4, 17, 21), "reason": "unsafe",
    });
    assert_eq!(
        to_json(harden(text, None).unwrap()),
        json!({
            "input": "compose",
            "text": text,
            "includeUnsafe": false,
            "changes": [],
            "unfixed": [privileged_left],
        })
    );
    assert_eq!(
        to_json(harden(text, harden_options(r#"{"unsafe": true}"#)).unwrap()),
        json!({
            "input": "compose",
            "text": "services:\n  app:\n    image: nginx:1.27\n    privileged: false\n",
            "includeUnsafe": true,
            "changes": [
                {
                    "code": "PRIV-001", "name": "privileged-container", "title": "Set privileged: false",
                    "applicability": "unsafe", "containers": ["app"],
                    "range": range(4, 17, 21), "byteRange": [55, 59],
                },
                {
                    "code": "CAP-002", "name": "cap-add-sys-admin", "title": "Remove SYS_ADMIN from cap_add",
                    "applicability": "unsafe", "containers": ["app"],
                    "range": {"start": {"line": 5, "column": 1}, "end": {"line": 6, "column": 1}},
                    "byteRange": [60, 85],
                },
            ],
            "unfixed": [],
        })
    );
}

/// The profile chooses the rules whose fixes apply, and `input` how the text is read.
#[wasm_bindgen_test]
fn harden_follows_the_profile_and_the_input_kind() {
    let text = "docker run -p 8080:80 nginx:1.27\n";
    let codes = |options: &str| -> Vec<Value> {
        to_json(harden(text, harden_options(options)).unwrap())["changes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|change| change["code"].clone())
            .collect()
    };
    // Publishing on 127.0.0.1 only changes who can connect: an unsafe fix.
    assert_eq!(codes("{}"), Vec::<Value>::new());
    assert_eq!(codes(r#"{"unsafe": true}"#), [json!("NET-003")]);
    assert_eq!(
        codes(r#"{"profile": "restricted", "unsafe": true}"#),
        [
            json!("NET-003"),
            json!("CAP-008"),
            json!("MNT-008"),
            json!("SEC-009")
        ]
    );
    let as_compose = to_json(harden(text, harden_options(r#"{"input": "compose"}"#)).unwrap());
    assert_eq!(as_compose["input"], "compose");
    assert_eq!(as_compose["text"], text);
    assert_eq!(as_compose["unfixed"][0]["reason"], "input");
}

#[wasm_bindgen_test]
fn harden_and_to_compose_throw_on_bad_options() {
    let harden_error = |options: &str| match harden("", harden_options(options)) {
        Ok(_) => panic!("expected an error for {options}"),
        Err(err) => String::from(err.message()),
    };
    assert_eq!(
        harden_error(r#"{"unsafe": "yes"}"#),
        "invalid options: `options.unsafe` must be a boolean"
    );
    assert_eq!(
        harden_error(r#"{"input": "auto"}"#),
        "invalid options: `input`: unknown input `auto`, expected compose or run"
    );
    assert_eq!(
        harden_error(r#"{"unsafe": true, "fileName": "x"}"#),
        "invalid options: unknown key `fileName` in `options`, expected one of config, profile, env, input, unsafe"
    );
    let options: JsToComposeOptions = JSON::parse(r#"{"profile": "strict"}"#)
        .unwrap()
        .unchecked_into();
    match to_compose("docker run nginx", Some(options)) {
        Ok(_) => panic!("expected an error"),
        Err(err) => assert_eq!(
            String::from(err.message()),
            "invalid options: `profile`: unknown profile `strict`; expected one of default, baseline, restricted, cis; did you mean `restricted`?"
        ),
    }
}

/// `toCompose`: the Compose file keeps the socket mount, which its analysis reports
/// with the same code as the command's; flags without an equivalent are listed.
#[wasm_bindgen_test]
fn to_compose_converts_run_commands_and_lists_what_it_left_out() {
    let text = "docker run --rm -v /var/run/docker.sock:/var/run/docker.sock nginx\n";
    let conversion = to_json(to_compose(text, None).unwrap());
    assert_eq!(
        conversion["compose"],
        "services:\n  nginx:\n    image: nginx\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n"
    );
    assert_eq!(
        conversion["services"],
        json!([{"name": "nginx", "range": {"start": {"line": 1, "column": 1}, "end": {"line": 1, "column": 67}}, "byteRange": [0, 66]}])
    );
    assert_eq!(
        conversion["unconverted"],
        json!([{
            "flag": "--rm",
            "reason": "Compose keeps a stopped container until `docker compose down`; a service has no auto-remove key (`docker compose run --rm` is chosen when starting)",
            "range": range(1, 12, 16),
            "byteRange": [11, 15],
        }])
    );
    let codes = |diagnostics: &Value| -> Vec<Value> {
        diagnostics
            .as_array()
            .unwrap()
            .iter()
            .map(|d| json!([d["code"], d["range"]["start"]["line"]]))
            .collect()
    };
    assert_eq!(codes(&conversion["diagnostics"]), [json!(["MNT-001", 1])]);
    let compose = conversion["compose"].as_str().unwrap();
    let report = to_json(analyze_compose(compose, None).unwrap());
    assert_eq!(codes(&report["diagnostics"]), [json!(["MNT-001", 5])]);
}

fn project_input(value: &Value) -> JsProjectInput {
    JSON::parse(&value.to_string()).unwrap().unchecked_into()
}

#[wasm_bindgen_test]
fn analyze_project_reports_each_file_with_positions_in_it() {
    let input = json!({
        "files": [
            {"name": "compose.yaml", "text": "services:\n  web:\n    image: nginx:1.27\n    read_only: true\n    volumes:\n      - ${SOCK}:/var/run/docker.sock\n"},
            {"name": ".env", "text": "SOCK=/var/run/docker.sock\n"},
            {"name": "common.yml", "text": "services:\n  base:\n    pid: host\n"},
            {"name": "compose.override.yaml", "text": "services:\n  web:\n    privileged: true\n  debug:\n    extends: {file: common.yml, service: base}\n    image: busybox:1.36\n    profiles: [debug]\n"}
        ],
        "env": {},
        "profiles": ["debug"],
        "options": {"profile": "default"}
    });
    let report = to_json(analyze_project(project_input(&input)).unwrap());
    let located = located_codes(report["files"].as_array().unwrap());
    // The reports come in the order given; common.yml, which the override extends,
    // is a base, not a Compose file of its own (its `base` is no service).
    assert_eq!(
        located,
        [
            "compose.yaml:4:16 PRIV-002",
            "compose.yaml:6:9 MNT-001",
            "common.yml:3:10 NS-001",
            "compose.override.yaml:3:17 PRIV-001",
        ]
    );
    let related = &report["files"][0]["diagnostics"][0]["related"][0];
    assert_eq!(related["file"], "compose.override.yaml");
    assert_eq!(report["files"][1]["fileName"], ".env");
    assert_eq!(
        report["services"],
        json!([
            {"name": "web", "file": "compose.override.yaml", "profiles": [], "active": true},
            {"name": "debug", "file": "compose.override.yaml", "profiles": ["debug"], "active": true}
        ])
    );
}

#[wasm_bindgen_test]
fn analyze_project_refuses_a_misshapen_project() {
    let message = |value: Value| match analyze_project(project_input(&value)) {
        Ok(_) => panic!("expected an error for {value}"),
        Err(err) => String::from(err.message()),
    };
    assert_eq!(
        message(json!({"files": []})),
        "invalid project: `files` must hold at least one Compose file"
    );
    assert_eq!(
        message(json!({"files": [{"name": "a.yml"}]})),
        "invalid project: `files[0].text` must be a string"
    );
    assert_eq!(
        message(json!({"files": [{"name": "a.yml", "text": ""}, {"name": "a.yml", "text": ""}]})),
        "invalid project: `files[1].name`: `a.yml` is given twice"
    );
    assert!(message(json!({"files": [], "profile": "x"}))
        .starts_with("invalid project: unknown key `profile` in `project`"));
}
