//! The WebAssembly binding: the only module that knows wasm-bindgen and js-sys.
//! Every export is synchronous and stateless.
//!
//! Values go out as JSON text that `JSON.parse` turns into plain JS objects
//! ([`to_js`]); the options object comes in through a small hand-written reader
//! (`wasm/options.rs`).
//! The TypeScript declarations are hand-written in `wasm/types.d.ts` and attached to
//! the exports through `typescript_type` extern types, so the generated `.d.ts` names
//! real types instead of `any`. Caller mistakes (bad options) throw an `Error`; bad
//! input text never throws, it comes back as diagnostics.

use crate::analyze::{analyze as run_analysis, refuse_too_large, Analysis, InputKind};
use crate::config::Config;
use crate::harden::{self, convert};
use crate::json::{to_json, JsonWriter, ToJson};
use crate::project;
use crate::report::{self, Report};
use js_sys::Error;
use std::fmt::Display;
use wasm_bindgen::prelude::*;

mod fixes;
mod options;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = include_str!("wasm/types.d.ts");

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(typescript_type = "AnalyzeOptions")]
    pub type JsAnalyzeOptions;
    #[wasm_bindgen(typescript_type = "Report")]
    pub type JsReport;
    #[wasm_bindgen(typescript_type = "RuleInfo[]")]
    pub type JsRules;
    #[wasm_bindgen(typescript_type = "RulesOptions")]
    pub type JsRulesOptions;
    #[wasm_bindgen(typescript_type = "Config")]
    pub type JsConfig;
    #[wasm_bindgen(typescript_type = "readonly Diagnostic[]")]
    pub type JsDiagnostics;
    #[wasm_bindgen(typescript_type = "ApplyFixesOptions")]
    pub type JsApplyFixesOptions;
    #[wasm_bindgen(typescript_type = "ApplyFixesResult")]
    pub type JsApplyFixesResult;
    #[wasm_bindgen(typescript_type = "HardenOptions")]
    pub type JsHardenOptions;
    #[wasm_bindgen(typescript_type = "HardenResult")]
    pub type JsHardenResult;
    #[wasm_bindgen(typescript_type = "ToComposeOptions")]
    pub type JsToComposeOptions;
    #[wasm_bindgen(typescript_type = "ConvertResult")]
    pub type JsConvertResult;
    #[wasm_bindgen(typescript_type = "ProjectInput")]
    pub type JsProjectInput;
    #[wasm_bindgen(typescript_type = "ProjectReport")]
    pub type JsProjectReport;
}

/// Analyse a Compose file or `docker`/`podman run` commands, detected from the text.
///
/// @throws {Error} when `options` has an unknown key, an unknown profile or an invalid config.
#[wasm_bindgen]
pub fn analyze(text: &str, options: Option<JsAnalyzeOptions>) -> Result<JsReport, Error> {
    analyze_as(InputKind::Auto, text, options)
}

/// Analyse `text` as a Compose file.
///
/// @throws {Error} when `options` has an unknown key, an unknown profile or an invalid config.
#[wasm_bindgen(js_name = analyzeCompose)]
pub fn analyze_compose(text: &str, options: Option<JsAnalyzeOptions>) -> Result<JsReport, Error> {
    analyze_as(InputKind::Compose, text, options)
}

/// Analyse `text` as `docker`/`podman`/`nerdctl run` (or `create`) command lines.
///
/// @throws {Error} when `options` has an unknown key, an unknown profile or an invalid config.
#[wasm_bindgen(js_name = analyzeRun)]
pub fn analyze_run(text: &str, options: Option<JsAnalyzeOptions>) -> Result<JsReport, Error> {
    analyze_as(InputKind::Run, text, options)
}

/// Analyse the files of a Compose project as one application, as `docker compose`
/// reads them: the files no other file names are the Compose files, each later one
/// overriding those before it; `.env` beside the first and `env` feed interpolation
/// (`env` wins); `include`, `extends: {file}` and `env_file` read the files they
/// name; only services of the active `profiles` are checked. One report per file,
/// in the order given, each with the diagnostics positioned in it.
///
/// @throws {Error} when `project` is not shaped as declared, or its options are invalid.
#[wasm_bindgen(js_name = analyzeProject)]
pub fn analyze_project(project: JsProjectInput) -> Result<JsProjectReport, Error> {
    log_panics();
    let (project, order, options::Options { analyze, docs_url }) = options::read_project(&project)
        .map_err(|err| into_error(format_args!("invalid project: {err}")))?;
    let analysis = project::analyze_project(&project, &analyze);
    let mut files: Vec<Report> = analysis
        .files
        .into_iter()
        .zip(project.all_files())
        .map(|(file, source)| Report::of_project_file(&source.text, file.diagnostics, file.name))
        .collect();
    crate::sort::by_key(&mut files, |report| {
        order
            .iter()
            .position(|name| report.file_name.as_ref() == Some(name))
    });
    if let Some(base) = docs_url {
        files.iter_mut().for_each(|report| report.link_docs(&base));
    }
    to_js(&ProjectReport {
        files,
        services: analysis.services,
    })
}

/// What `analyzeProject` returns.
struct ProjectReport {
    files: Vec<Report>,
    services: Vec<project::ProjectService>,
}

impl ToJson for ProjectReport {
    fn write_json(&self, out: &mut JsonWriter) {
        out.object(&[("files", &self.files), ("services", &self.services)]);
    }
}

/// Apply the fixes of `diagnostics` (from a report of exactly this `text`) at once:
/// each fix whole, none overlapping another, safe ones only unless `options.unsafe`.
/// What was not applied is listed with the reason; analyse the result again for fixes
/// skipped because they overlap.
///
/// @throws {Error} when `diagnostics` or `options` are not shaped as declared.
#[wasm_bindgen(js_name = applyFixes)]
pub fn apply_fixes(
    text: &str,
    diagnostics: JsDiagnostics,
    options: Option<JsApplyFixesOptions>,
) -> Result<JsApplyFixesResult, Error> {
    let invalid = |err| into_error(format_args!("invalid arguments: {err}"));
    let proposed = fixes::read_diagnostics(&diagnostics).map_err(invalid)?;
    let include_unsafe = fixes::read_unsafe(options.map(JsValue::from)).map_err(invalid)?;
    to_js(&report::fixes::apply_proposed(
        text,
        &proposed,
        include_unsafe,
    ))
}

/// Hardened output: `text` with every fix the profile's rules offer (safe ones only
/// unless `options.unsafe`), the changes made, at their place in `text`, and the
/// findings left, each with why it was not fixed.
///
/// @throws {Error} when `options` has an unknown key, an unknown profile or an invalid config.
#[wasm_bindgen]
pub fn harden(text: &str, options: Option<JsHardenOptions>) -> Result<JsHardenResult, Error> {
    log_panics();
    let options = options::read_harden(options.map(JsValue::from)).map_err(invalid_options)?;
    to_js(&harden::harden(text, &options))
}

/// The `docker`/`podman run` commands of `text` as one Compose file, with every flag
/// it could not carry over and why, and the analysis of `text` itself.
///
/// @throws {Error} when `options` has an unknown key, an unknown profile or an invalid config.
#[wasm_bindgen(js_name = toCompose)]
pub fn to_compose(
    text: &str,
    options: Option<JsToComposeOptions>,
) -> Result<JsConvertResult, Error> {
    log_panics();
    let options = options::read_to_compose(options.map(JsValue::from)).map_err(invalid_options)?;
    to_js(&convert::to_compose(text, &options))
}

/// Every rule with its metadata and summary, in registry order (the documentation
/// itself is in the package's `docs/rules/` files); `url` is under `options.docsUrl`
/// when given, as a diagnostic's is.
///
/// @throws {Error} when `options` has a key other than `docsUrl`, or it is not a string.
#[wasm_bindgen]
pub fn rules(options: Option<JsRulesOptions>) -> Result<JsRules, Error> {
    let docs_url = options::read_docs_url(options.map(JsValue::from))
        .map_err(|err| into_error(format_args!("invalid options: {err}")))?;
    match docs_url {
        Some(base) => to_js(&report::rules_linked(&base)),
        None => to_js(&report::rules()),
    }
}

/// The configuration used when `options.config` is absent.
#[wasm_bindgen(js_name = defaultConfig)]
pub fn default_config() -> Result<JsConfig, Error> {
    to_js(&Config::default())
}

/// The version of shipshape (the crate and the npm package share it).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

fn analyze_as(
    input: InputKind,
    text: &str,
    options: Option<JsAnalyzeOptions>,
) -> Result<JsReport, Error> {
    log_panics();
    let options::Options { analyze, docs_url } =
        options::read(options.map(JsValue::from), input).map_err(invalid_options)?;
    let analysis = run_analysis(text, &analyze);
    report_of(text, analysis, analyze.file_name, docs_url)
}

fn report_of(
    text: &str,
    analysis: Analysis,
    file_name: Option<String>,
    docs_url: Option<String>,
) -> Result<JsReport, Error> {
    let mut report = Report::new(text, analysis, file_name);
    if let Some(base) = docs_url {
        report.link_docs(&base);
    }
    to_js(&report)
}

/// The report of `analyze`, `analyzeCompose` or `analyzeRun` (`input`: `auto`,
/// `compose`, `run`) for a text of `length` UTF-16 units that starts with `head`, when
/// that length alone puts it over `limits.inputBytes` (a UTF-8 text has at least as many
/// bytes as UTF-16 units); else `undefined`. The package's entries call it before
/// copying a long text into the module, so that refusing it costs nothing.
///
/// @throws {Error} as the analysis would, on invalid `options`.
#[wasm_bindgen(js_name = refusedReport)]
pub fn refused_report(
    input: &str,
    head: &str,
    length: f64,
    options: Option<JsAnalyzeOptions>,
) -> Result<Option<JsReport>, Error> {
    let input = match input {
        "compose" => InputKind::Compose,
        "run" => InputKind::Run,
        _ => InputKind::Auto,
    };
    let options::Options { analyze, docs_url } =
        options::read(options.map(JsValue::from), input).map_err(invalid_options)?;
    if length <= analyze.config.limits.input_bytes as f64 {
        return Ok(None);
    }
    let analysis = refuse_too_large(head, &analyze);
    report_of(head, analysis, analyze.file_name, docs_url).map(Some)
}

/// Sends Rust panics to `console.error`; called by the exports that analyse, rather
/// than from a `start` function, which wasm-bindgen would export too.
fn log_panics() {
    #[cfg(feature = "panic-hook")]
    console_error_panic_hook::set_once();
}

/// Through JSON text that `JSON.parse` reads ([`crate::json`]): the same objects as
/// building them through js-sys calls, for far less code.
fn to_js<T: JsCast>(value: &dyn ToJson) -> Result<T, Error> {
    js_sys::JSON::parse(&to_json(value))
        .map(JsCast::unchecked_into)
        .map_err(JsCast::unchecked_into)
}

fn invalid_options(err: String) -> Error {
    into_error(format_args!("invalid options: {err}"))
}

fn into_error(err: impl Display) -> Error {
    Error::new(&err.to_string())
}
