//! A Compose project, as `shipshape check DIR` reads one: the input is the project's
//! files separated by NUL bytes (see `invariants::project_of`); each file's findings
//! are rendered to JSON like the CLI does.
#![no_main]

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

use libfuzzer_sys::fuzz_target;
use shipshape::project::analyze_project;
use shipshape::report::Report;
use shipshape::{Analysis, InputKind};

fuzz_target!(|data: &[u8]| {
    let Some((project, options)) = invariants::project_of(data) else {
        return;
    };
    let analysis = analyze_project(&project, &options);
    if let Err(violation) = invariants::check_project(&project, &analysis) {
        panic!("{:?}: {violation}", options.config.profile);
    }
    let texts = project.files.iter().chain(&project.dotenv).chain(&project.others);
    for (file, text) in analysis.files.into_iter().zip(texts) {
        let file_analysis = Analysis {
            input: InputKind::Compose,
            containers: Vec::new(),
            diagnostics: file.diagnostics,
        };
        let report = Report::new(&text.text, file_analysis, Some(file.name));
        let json = serde_json::to_string(&report).expect("a report always serialises");
        assert!(json.starts_with('{'));
    }
});
