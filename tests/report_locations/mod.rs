//! `file:line:col CODE` of every diagnostic in JSON reports, report by report: how the
//! CLI's and the module's project tests state where each finding of a project landed.

use serde_json::Value;

pub fn located_codes(reports: &[Value]) -> Vec<String> {
    reports
        .iter()
        .flat_map(|report| {
            let file = report["fileName"].as_str().unwrap();
            report["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |d| {
                    let at = &d["range"]["start"];
                    format!(
                        "{file}:{}:{} {}",
                        at["line"],
                        at["column"],
                        d["code"].as_str().unwrap()
                    )
                })
        })
        .collect()
}
