//! The WebAssembly module reports exactly what the native core reports on the real
//! corpus.
//!
//! Native half (`cargo test --test wasm_corpus`): analyses every corpus file and writes
//! the texts with their reports to `target/wasm-corpus/corpus.json`.
//! Wasm half (`scripts/wasm-test.sh`, in Node and in headless Chromium): includes that
//! file, analyses each text through the exported functions and compares the JS objects
//! it gets with the native reports.

/// Written by the native half, included by the wasm half.
macro_rules! native_reports_path {
    () => {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/target/wasm-corpus/corpus.json"
        )
    };
}

#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
#[path = "wasm_corpus/files.rs"]
mod files;

#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
#[test]
fn write_native_reports() {
    use serde_json::json;
    use shipshape::json::{to_json, ToJson};
    use shipshape::report::Report;
    use shipshape::{analyze, AnalyzeOptions};
    use std::path::Path;

    let files = files::load().unwrap_or_else(|err| {
        eprintln!("{err}: the wasm corpus test will compare nothing");
        Vec::new()
    });
    let entries: Vec<serde_json::Value> = files
        .iter()
        .map(|file| {
            let options = AnalyzeOptions {
                input: file.input,
                file_name: Some(file.name.clone()),
                ..AnalyzeOptions::default()
            };
            let analysis = analyze(&file.text, &options);
            let report = Report::new(&file.text, analysis, options.file_name);
            let value = |value: &dyn ToJson| -> serde_json::Value {
                serde_json::from_str(&to_json(value)).unwrap()
            };
            json!({
                "name": file.name,
                "input": value(&file.input),
                "text": file.text,
                "report": value(&report),
            })
        })
        .collect();
    let path = Path::new(native_reports_path!());
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    // Renamed into place, so a wasm build running at the same time never reads half a file.
    let partial = path.with_extension("json.partial");
    std::fs::write(&partial, serde_json::to_string(&entries).unwrap()).unwrap();
    std::fs::rename(&partial, path).unwrap();
}

#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
mod in_wasm {
    use js_sys::{Object, Reflect};
    use serde::Deserialize;
    use shipshape::wasm::{analyze_compose, analyze_run};
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_test::wasm_bindgen_test;

    #[derive(Deserialize)]
    struct Entry {
        name: String,
        input: String,
        text: String,
        report: serde_json::Value,
    }

    #[wasm_bindgen_test]
    fn reports_match_the_native_core() {
        let entries: Vec<Entry> =
            serde_json::from_str(include_str!(native_reports_path!())).unwrap();
        for entry in &entries {
            let options = Object::new();
            Reflect::set(&options, &"fileName".into(), &entry.name.as_str().into()).unwrap();
            let analyze = match entry.input.as_str() {
                "compose" => analyze_compose,
                "run" => analyze_run,
                other => panic!("{}: unexpected input kind {other}", entry.name),
            };
            let report = analyze(&entry.text, Some(options.unchecked_into())).unwrap();
            let report: serde_json::Value =
                serde_wasm_bindgen::from_value(JsValue::from(report)).unwrap();
            assert!(report == entry.report, "{} differs", entry.name);
        }
    }
}
