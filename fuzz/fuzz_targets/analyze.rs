//! The whole analysis as a surface sees it: the first byte picks the input kind
//! and the profile, the rest is the text; the report is built and serialised to
//! JSON like the CLI, the npm package and the page do.
#![no_main]

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

use libfuzzer_sys::fuzz_target;
use shipshape::config::{Config, Profile};
use shipshape::report::Report;
use shipshape::{analyze, AnalyzeOptions, InputKind};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let input = [InputKind::Auto, InputKind::Compose, InputKind::Run][usize::from(selector % 3)];
    let profile = Profile::ALL[usize::from(selector / 3) % Profile::ALL.len()];
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
});
