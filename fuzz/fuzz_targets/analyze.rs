//! The whole analysis as a surface sees it: the first byte picks the input kind, the
//! profile and whether escape paths are shown, the rest is the text; the report is
//! rendered as the CLI renders it (JSON, SARIF, text, GitHub annotations), the way
//! the npm package and the page also serialise it.
#![no_main]

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

use libfuzzer_sys::fuzz_target;
use shipshape::config::{Config, Profile};
use shipshape::report::sarif::{self, SarifOptions};
use shipshape::report::text::{self, TextOptions};
use shipshape::report::{github, Checked, Report};
use shipshape::{analyze, AnalyzeOptions, InputKind};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let input = [InputKind::Auto, InputKind::Compose, InputKind::Run][usize::from(selector % 3)];
    let profile = Profile::ALL[usize::from(selector / 3) % Profile::ALL.len()];
    let escape_paths = selector & 0x80 != 0;
    let text = String::from_utf8_lossy(rest);
    let options = AnalyzeOptions {
        input,
        config: Config {
            profile,
            ..Config::default()
        },
        ..AnalyzeOptions::default()
    };
    let analysis = analyze(&text, &options);
    if let Err(violation) = invariants::check(&text, &analysis) {
        panic!("{input:?} {profile:?}: {violation}");
    }
    let report = Report::new(&text, analysis, Some("fuzz.yaml".into()));
    let json = serde_json::to_string(&report).expect("a report always serialises");
    assert!(json.starts_with('{'));

    let sarif_options = SarifOptions {
        escape_paths,
        ..SarifOptions::default()
    };
    let log = sarif::render(std::slice::from_ref(&report), &sarif_options);
    let log: serde_json::Value = serde_json::from_str(&log).expect("SARIF is JSON");
    assert_eq!(log["version"], "2.1.0");
    let checked = [Checked {
        report: &report,
        text: &text,
    }];
    let text_options = TextOptions {
        color: selector & 0x40 != 0,
        explain_paths: escape_paths,
    };
    assert!(!text::render(&checked, text_options).is_empty());
    std::hint::black_box(github::render(&checked));
});
