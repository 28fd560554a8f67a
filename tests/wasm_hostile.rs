//! The hostile inputs of `tests/hostile_inputs` given to the WebAssembly module, in
//! Node and in headless Chromium (`scripts/wasm-test.sh`): each comes back as a
//! report with its diagnostic, never a trap, within the module's own stack and memory.
#![cfg(target_arch = "wasm32")]

#[path = "hostile_inputs/mod.rs"]
mod hostile_inputs;

use js_sys::Reflect;
use shipshape::wasm::analyze;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

/// The codes of the report's diagnostics.
fn codes(text: &str) -> Vec<String> {
    let report: JsValue = analyze(text, None).expect("a report").into();
    let diagnostics = Reflect::get(&report, &"diagnostics".into()).unwrap();
    js_sys::Array::from(&diagnostics)
        .iter()
        .map(|d| {
            Reflect::get(&d, &"code".into())
                .unwrap()
                .as_string()
                .unwrap()
        })
        .collect()
}

#[wasm_bindgen_test]
fn hostile_inputs_come_back_as_diagnostics() {
    for case in hostile_inputs::all() {
        // A JS string holds no invalid UTF-8: those bytes arrive as U+FFFD, unreported.
        let text = shipshape::Decoded::new(case.bytes.clone()).text;
        let found = codes(&text);
        if let Some(code) = case.expected.filter(|code| *code != "SYN-016") {
            assert!(found.iter().any(|c| c == code), "{}: {found:?}", case.label);
        }
    }
}

#[wasm_bindgen_test]
fn a_20_mb_input_is_refused_with_a_diagnostic() {
    assert_eq!(codes(&"services:\n".repeat(2 << 20)), ["SYN-005"]);
}

/// The report as JSON text, to compare two reports whole.
fn json(report: impl Into<JsValue>) -> String {
    js_sys::JSON::stringify(&report.into())
        .unwrap()
        .as_string()
        .unwrap()
}

#[wasm_bindgen_test]
fn a_text_longer_than_the_limit_is_refused_from_its_start_with_the_report_of_all_of_it() {
    use shipshape::wasm::{analyze_compose, analyze_run, refused_report};
    let text = "docker run --privileged nginx\n".repeat(40_000);
    let head = &text[..4096];
    let length = text.len() as f64;
    assert_eq!(
        json(refused_report("auto", head, length, None).unwrap().unwrap()),
        json(analyze(&text, None).unwrap())
    );
    assert_eq!(
        json(
            refused_report("compose", head, length, None)
                .unwrap()
                .unwrap()
        ),
        json(analyze_compose(&text, None).unwrap())
    );
    assert_eq!(
        json(refused_report("run", head, length, None).unwrap().unwrap()),
        json(analyze_run(&text, None).unwrap())
    );
    // Within the limit, the module is asked for the whole text.
    assert!(refused_report("auto", head, 1_048_576.0, None)
        .unwrap()
        .is_none());
}
