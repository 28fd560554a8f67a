//! The JavaScript face of the WebAssembly module: field names, nulls, positions,
//! thrown errors. Run by `scripts/wasm-test.sh` in Node and in headless Chromium.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Error, Map, Object, Reflect, JSON};
use serde_json::{json, Value};
use shipshape::wasm::{
    analyze, analyze_compose, analyze_run, default_config, rules, version, JsAnalyzeOptions,
    JsReport,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

/// A JS options object from JSON text, as a caller would write it.
fn options(json: &str) -> Option<JsAnalyzeOptions> {
    Some(JSON::parse(json).unwrap().unchecked_into())
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
        })
    );
    let severity = get(&config, "severity");
    assert!(!severity.is_instance_of::<Map>());
    assert_eq!(Object::keys(severity.unchecked_ref::<Object>()).length(), 0);
}

#[wasm_bindgen_test]
fn rules_carry_metadata_and_docs() {
    let rules: JsValue = rules().unwrap().into();
    let rules: Array = rules.unchecked_into();
    assert_eq!(
        rules.length() as usize,
        shipshape::rules::registry::all().len()
    );
    let privileged = rules
        .iter()
        .find(|rule| get(rule, "code") == "PRIV-001")
        .unwrap();
    let mut privileged = to_json(privileged);
    let docs = privileged["docs"].take();
    assert_eq!(docs, shipshape::rules::privilege::PRIVILEGED_CONTAINER.docs);
    assert_eq!(
        privileged,
        json!({
            "code": "PRIV-001",
            "name": "privileged-container",
            "family": "privilege",
            "severity": "critical",
            "profiles": ["default", "baseline", "restricted", "cis"],
            "fix": "always",
            "summary": "Flags containers that run in privileged mode (`privileged: true`, `--privileged`).",
            "docs": null,
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
            "fileName": null,
            "containers": [],
            "diagnostics": [],
            "summary": {
                "counts": {"critical": 0, "high": 0, "medium": 0, "low": 0, "info": 0},
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
            "invalid options: unknown field `fileNme`, expected one of `config`, `profile`, `env`, `fileName`; did you mean `fileName`?",
        ),
        (
            r#"{"profile": "strict"}"#,
            "invalid options: unknown variant `strict`, expected one of `default`, `baseline`, `restricted`, `cis`; did you mean `restricted`?",
        ),
        (
            r#"{"env": {"A": 1}}"#,
            "invalid options: invalid type: floating point `1.0`, expected a string",
        ),
        (
            r#""compose""#,
            "invalid options: invalid type: string \"compose\", expected an options object",
        ),
        (
            r#"{"config": {"profile": "strict"}}"#,
            "invalid options: unknown variant `strict`, expected one of `default`, `baseline`, `restricted`, `cis`; did you mean `restricted`?",
        ),
        (
            r#"{"config": {"options": {"allowedPaths": []}}}"#,
            "invalid config: unknown field `allowedPaths`, expected `allowedCapabilities` or `allowedHostPaths`; did you mean `allowedHostPaths`?",
        ),
        (
            r#"{"config": {"selct": ["CAP"]}}"#,
            "invalid config: unknown field `selct`, expected one of `$schema`, `profile`, `select`, `ignore`, `severity`, `options`; did you mean `select`?",
        ),
        (
            r#"{"config": {"select": ["PRIV-01"], "options": {"allowedHostPaths": ["etc"]}}}"#,
            "invalid config: select: unknown rule `PRIV-01`; did you mean `PRIV-001`?\noptions.allowedHostPaths: `etc` is not an absolute host path",
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
