//! Reads the options objects that JS passes (`AnalyzeOptions`, `HardenOptions`,
//! `ToComposeOptions`), with the small readers of JS values that `wasm/fixes.rs` shares.
//!
//! By hand rather than with serde-wasm-bindgen: its derived deserializers for these
//! few keys cost about 20 KB of the gzip'd module (float formatting for error messages
//! included), and it cannot reject unknown keys, which it never looks at. The key
//! lists below mirror `Config` and `RuleOptions`; a key added there and missing here
//! makes `defaultConfig()` fail to round-trip, which tests/wasm_api.rs checks.

use crate::analyze::{AnalyzeOptions, InputKind};
use crate::config::{Config, Profile};
use crate::diagnostic::Severity;
use crate::harden::HardenOptions;
use crate::project::{Project, ProjectFile};
use crate::rules::registry;
use crate::suggest::did_you_mean;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

const OPTIONS_KEYS: [&str; 5] = ["config", "profile", "env", "fileName", "docsUrl"];
const HARDEN_KEYS: [&str; 5] = ["config", "profile", "env", "input", "unsafe"];
const TO_COMPOSE_KEYS: [&str; 3] = ["config", "profile", "env"];
const PROJECT_KEYS: [&str; 4] = ["files", "env", "profiles", "options"];
const PROJECT_OPTIONS_KEYS: [&str; 3] = ["config", "profile", "docsUrl"];
const FILE_KEYS: [&str; 2] = ["name", "text"];
const CONFIG_KEYS: [&str; 7] = [
    "$schema", "profile", "select", "ignore", "severity", "options", "limits",
];
const RULE_OPTIONS_KEYS: [&str; 2] = ["allowedCapabilities", "allowedHostPaths"];
const LIMITS_KEYS: [&str; 10] = [
    "inputBytes",
    "lineBytes",
    "depth",
    "aliasNodes",
    "aliasBytes",
    "inheritedBytes",
    "services",
    "commands",
    "wordsPerCommand",
    "files",
];

/// What the JS options object asks for.
pub struct Options {
    pub analyze: AnalyzeOptions,
    /// The base URL of the rule pages, for the diagnostics' `url`.
    pub docs_url: Option<String>,
}

/// The options for one analysis; the message of the error says which key is wrong.
pub fn read(options: Option<JsValue>, input: InputKind) -> Result<Options, String> {
    let Some(options) = object(options.as_ref(), "options")? else {
        return Ok(Options {
            analyze: AnalyzeOptions {
                input,
                ..AnalyzeOptions::default()
            },
            docs_url: None,
        });
    };
    known_keys(&options, "options", &OPTIONS_KEYS)?;
    let analyze = read_analysis(&options)?;
    Ok(Options {
        analyze: AnalyzeOptions {
            input,
            file_name: string(&options, "fileName", "fileName")?,
            ..analyze
        },
        docs_url: string(&options, "docsUrl", "docsUrl")?,
    })
}

/// The options of `harden`: what to analyse with, how to read the text (detected
/// when `input` is absent) and `unsafe`.
pub fn read_harden(options: Option<JsValue>) -> Result<HardenOptions, String> {
    let Some(options) = object(options.as_ref(), "options")? else {
        return Ok(HardenOptions::default());
    };
    known_keys(&options, "options", &HARDEN_KEYS)?;
    let input = match string(&options, "input", "input")?.as_deref() {
        None => InputKind::Auto,
        Some("compose") => InputKind::Compose,
        Some("run") => InputKind::Run,
        Some(other) => {
            return Err(format!(
                "`input`: unknown input `{other}`, expected compose or run"
            ))
        }
    };
    Ok(HardenOptions {
        analyze: AnalyzeOptions {
            input,
            ..read_analysis(&options)?
        },
        include_unsafe: boolean(&options, "unsafe", "options.unsafe")?.unwrap_or(false),
    })
}

/// The options of `toCompose`: what to analyse the run commands with.
pub fn read_to_compose(options: Option<JsValue>) -> Result<AnalyzeOptions, String> {
    let Some(options) = object(options.as_ref(), "options")? else {
        return Ok(AnalyzeOptions::default());
    };
    known_keys(&options, "options", &TO_COMPOSE_KEYS)?;
    read_analysis(&options)
}

/// The argument of `analyzeProject`: every file of the project (sorted out by
/// [`Project::from_files`]), what to analyse it with (`options.config`,
/// `options.profile` and the top-level `env`) and `options.docsUrl`.
/// The names come back in the order given.
pub fn read_project(input: &JsValue) -> Result<(Project, Vec<String>, Options), String> {
    let input = object(Some(input), "project")?.ok_or("`project` must be an object")?;
    known_keys(&input, "project", &PROJECT_KEYS)?;
    let array = get(&input, "files")
        .ok_or("`files` must hold at least one Compose file")?
        .dyn_into::<Array>()
        .map_err(|_| "`files` must be an array of files")?;
    let files = array
        .iter()
        .enumerate()
        .map(|(at, file)| project_file(&file, &format!("files[{at}]")))
        .collect::<Result<Vec<_>, _>>()?;
    if files.is_empty() {
        return Err("`files` must hold at least one Compose file".to_string());
    }
    for (at, file) in files.iter().enumerate() {
        if files[..at].iter().any(|earlier| earlier.name == file.name) {
            return Err(format!(
                "`files[{at}].name`: `{}` is given twice",
                file.name
            ));
        }
    }
    let mut options = Options {
        analyze: AnalyzeOptions::default(),
        docs_url: None,
    };
    if let Some(given) = object(get(&input, "options").as_ref(), "options")? {
        known_keys(&given, "options", &PROJECT_OPTIONS_KEYS)?;
        options.analyze = read_analysis(&given)?;
        options.docs_url = string(&given, "docsUrl", "options.docsUrl")?;
    }
    options.analyze.env = read_analysis(&input)?.env;
    options.analyze.input = InputKind::Compose;
    let profiles = strings(&input, "profiles", "profiles")?;
    let order = files.iter().map(|file| file.name.clone()).collect();
    let project = Project::from_files(files, profiles, &options.analyze.config.limits);
    Ok((project, order, options))
}

/// `{name, text}`.
fn project_file(value: &JsValue, path: &str) -> Result<ProjectFile, String> {
    let file = object(Some(value), path)?.ok_or(format!("`{path}` must be a file"))?;
    known_keys(&file, path, &FILE_KEYS)?;
    let field = |key: &str| {
        string(&file, key, &format!("{path}.{key}"))?
            .ok_or(format!("`{path}.{key}` must be a string"))
    };
    Ok(ProjectFile::new(field("name")?, field("text")?))
}

/// `config`, `profile` and `env`, which every options object shares.
fn read_analysis(options: &Object) -> Result<AnalyzeOptions, String> {
    let mut analyze = AnalyzeOptions::default();
    if let Some(config) = object(get(options, "config").as_ref(), "config")? {
        analyze.config = read_config(&config)?;
    }
    if let Some(name) = string(options, "profile", "profile")? {
        analyze.config.profile = profile(&name, "profile")?;
    }
    if let Some(env) = object(get(options, "env").as_ref(), "env")? {
        for key in keys(&env) {
            if let Some(value) = string(&env, &key, &format!("env.{key}"))? {
                analyze.env.insert(key, value);
            }
        }
    }
    Ok(analyze)
}

/// The `docsUrl` of `rules()`'s options, its only key.
pub fn read_docs_url(options: Option<JsValue>) -> Result<Option<String>, String> {
    let Some(options) = object(options.as_ref(), "options")? else {
        return Ok(None);
    };
    known_keys(&options, "options", &["docsUrl"])?;
    string(&options, "docsUrl", "docsUrl")
}

fn read_config(object: &Object) -> Result<Config, String> {
    known_keys(object, "config", &CONFIG_KEYS)?;
    let mut config = Config {
        schema: string(object, "$schema", "config.$schema")?,
        select: strings(object, "select", "config.select")?,
        ignore: strings(object, "ignore", "config.ignore")?,
        ..Config::default()
    };
    if let Some(name) = string(object, "profile", "config.profile")? {
        config.profile = profile(&name, "config.profile")?;
    }
    if let Some(severity) = self::object(get(object, "severity").as_ref(), "config.severity")? {
        for selector in keys(&severity) {
            let path = format!("config.severity.{selector}");
            let name = string(&severity, &selector, &path)?.unwrap_or_default();
            let level = Severity::parse(&name).ok_or_else(|| {
                let names = Severity::ALL.map(Severity::as_str);
                format!(
                    "`{path}`: unknown severity `{name}`, expected one of {}",
                    names.join(", ")
                )
            })?;
            config.severity.insert(selector, level);
        }
    }
    if let Some(options) = self::object(get(object, "options").as_ref(), "config.options")? {
        known_keys(&options, "config.options", &RULE_OPTIONS_KEYS)?;
        let options_path = |key| format!("config.options.{key}");
        config.options.allowed_capabilities = strings(
            &options,
            "allowedCapabilities",
            &options_path("allowedCapabilities"),
        )?;
        config.options.allowed_host_paths = strings(
            &options,
            "allowedHostPaths",
            &options_path("allowedHostPaths"),
        )?;
    }
    if let Some(limits) = self::object(get(object, "limits").as_ref(), "config.limits")? {
        known_keys(&limits, "config.limits", &LIMITS_KEYS)?;
        let fields = [
            &mut config.limits.input_bytes,
            &mut config.limits.line_bytes,
            &mut config.limits.depth,
            &mut config.limits.alias_nodes,
            &mut config.limits.alias_bytes,
            &mut config.limits.inherited_bytes,
            &mut config.limits.services,
            &mut config.limits.commands,
            &mut config.limits.words_per_command,
            &mut config.limits.files,
        ];
        for (key, field) in LIMITS_KEYS.into_iter().zip(fields) {
            if let Some(value) = count(&limits, key, &format!("config.limits.{key}"))? {
                *field = value;
            }
        }
    }
    registry::validate(&config).map_err(|err| format!("`config`: {err}"))?;
    Ok(config)
}

fn profile(name: &str, path: &str) -> Result<Profile, String> {
    name.parse().map_err(|err| format!("`{path}`: {err}"))
}

/// The property, or `None` when it is absent, `undefined` or `null`.
pub(super) fn get(object: &Object, key: &str) -> Option<JsValue> {
    Reflect::get(object, &key.into())
        .ok()
        .filter(|value| !value.is_undefined() && !value.is_null())
}

/// A plain object (not an array), or `None` when absent.
pub(super) fn object(value: Option<&JsValue>, path: &str) -> Result<Option<Object>, String> {
    match value {
        None => Ok(None),
        Some(value) if value.is_object() && !Array::is_array(value) => {
            Ok(Some(value.clone().unchecked_into()))
        }
        Some(_) => Err(format!("`{path}` must be an object")),
    }
}

pub(super) fn string(object: &Object, key: &str, path: &str) -> Result<Option<String>, String> {
    get(object, key)
        .map(|value| {
            value
                .as_string()
                .ok_or(format!("`{path}` must be a string"))
        })
        .transpose()
}

pub(super) fn boolean(object: &Object, key: &str, path: &str) -> Result<Option<bool>, String> {
    get(object, key)
        .map(|value| value.as_bool().ok_or(format!("`{path}` must be a boolean")))
        .transpose()
}

/// A whole number of at least zero, or `None` when absent.
pub(super) fn count(object: &Object, key: &str, path: &str) -> Result<Option<usize>, String> {
    get(object, key)
        .map(|value| {
            value
                .as_f64()
                .filter(|n| n.fract() == 0.0 && (0.0..=9_007_199_254_740_991.0).contains(n))
                .map(|n| n as usize)
                .ok_or(format!("`{path}` must be a whole number of at least 0"))
        })
        .transpose()
}

/// An array of strings; empty when absent.
fn strings(object: &Object, key: &str, path: &str) -> Result<Vec<String>, String> {
    let Some(value) = get(object, key) else {
        return Ok(Vec::new());
    };
    let invalid = || format!("`{path}` must be an array of strings");
    let array = value.dyn_into::<Array>().map_err(|_| invalid())?;
    array
        .iter()
        .map(|item| item.as_string().ok_or_else(invalid))
        .collect()
}

fn keys(object: &Object) -> Vec<String> {
    Object::keys(object)
        .iter()
        .filter_map(|key| key.as_string())
        .collect()
}

pub(super) fn known_keys(object: &Object, path: &str, known: &[&str]) -> Result<(), String> {
    match keys(object)
        .into_iter()
        .find(|key| !known.contains(&key.as_str()))
    {
        Some(key) => Err(format!(
            "unknown key `{key}` in `{path}`, expected one of {}{}",
            known.join(", "),
            did_you_mean(&key, known.iter().copied())
        )),
        None => Ok(()),
    }
}
