//! The `shipshape` command line, for CI and scripts: check files with text, JSON or
//! SARIF output, list the rules, write the rule documentation, print the
//! configuration schema. Native only; the library stays free of file and process
//! access for the WebAssembly build.

use crate::analyze::{analyze, AnalyzeOptions, Environment, InputKind};
use crate::config::{self, Config, Profile};
use crate::diagnostic::{Diagnostic, Severity};
use crate::report::{self, Report};
use crate::rules::{registry, Rule};
use crate::{docs, span::Range};
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Exit code when the run itself failed: bad arguments, configuration or files.
const EXIT_ERROR: i32 = 2;
/// Exit code when findings at or above `--fail-on` remain.
const EXIT_FINDINGS: i32 = 1;

const USAGE: &str = "\
Usage: shipshape <COMMAND>

Commands:
  check [FILES...|-]    Check Compose files or docker/podman run commands
  rules                 List the rules
  docs --out DIR        Write the rule documentation pages into DIR
  schema                Print the JSON Schema of the configuration file

Options for check:
  --format text|json|sarif        Output format (default: text)
  --profile default|baseline|restricted|cis
                                  Rule set (overrides the configuration file)
  --config FILE                   JSON configuration file
  --env KEY=VALUE                 Value for ${KEY} interpolation (repeatable)
  --input auto|compose|run        How to read the input (default: auto)
  --fail-on critical|high|medium|low|info|none
                                  Exit with 1 when unsuppressed findings at or above
                                  this severity remain (default: low)

Options for rules:
  --format text|json              Output format (default: text)

Exit status: 0 no findings at or above --fail-on, 1 such findings, 2 error.
";

/// The standard streams, so tests can run the CLI in-process too.
pub struct Io<'a> {
    pub stdin: &'a mut dyn Read,
    pub stdout: &'a mut dyn Write,
    pub stderr: &'a mut dyn Write,
}

/// Runs the command line `args` (without the program name); returns the exit code.
pub fn run(args: &[String], io: Io) -> i32 {
    let result = parse(args).and_then(|command| execute(command, io.stdin, io.stdout));
    // A closed stderr leaves nothing else to report to, hence the ignored results.
    match result {
        Ok(code) => code,
        Err(Failure::Usage(message)) => {
            let _ = writeln!(
                io.stderr,
                "error: {message}\nRun `shipshape help` for usage."
            );
            EXIT_ERROR
        }
        Err(Failure::Error(message)) => {
            let _ = writeln!(io.stderr, "error: {message}");
            EXIT_ERROR
        }
    }
}

/// Why a run stopped early.
enum Failure {
    /// The arguments are wrong: a pointer to the usage text follows the message.
    Usage(String),
    Error(String),
}

impl From<std::io::Error> for Failure {
    fn from(error: std::io::Error) -> Failure {
        Failure::Error(format!("cannot write output: {error}"))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Text,
    Json,
    Sarif,
}

enum Command {
    Check(Check),
    Rules { format: Format },
    Docs { out: PathBuf },
    Schema,
    Help,
    Version,
}

struct Check {
    files: Vec<String>,
    format: Format,
    profile: Option<Profile>,
    config: Option<PathBuf>,
    env: Environment,
    input: InputKind,
    /// `None`: never fail on findings.
    fail_on: Option<Severity>,
}

fn parse(args: &[String]) -> Result<Command, Failure> {
    let Some((command, rest)) = args.split_first() else {
        return Err(Failure::Usage("no command given".to_string()));
    };
    let mut options = Options::new(rest);
    match command.as_str() {
        "check" => parse_check(&mut options).map(Command::Check),
        "rules" => {
            let mut format_choice = Format::Text;
            while let Some(arg) = options.next_arg() {
                match arg {
                    Arg::Flag("--format") => {
                        format_choice = format(&options.value("--format")?, false)?
                    }
                    Arg::Flag(flag) => return Err(unknown_flag(flag, &["--format"])),
                    Arg::Value(value) => return Err(unexpected(&value)),
                }
            }
            Ok(Command::Rules {
                format: format_choice,
            })
        }
        "docs" => {
            let mut out = None;
            while let Some(arg) = options.next_arg() {
                match arg {
                    Arg::Flag("--out") => out = Some(PathBuf::from(options.value("--out")?)),
                    Arg::Flag(flag) => return Err(unknown_flag(flag, &["--out"])),
                    Arg::Value(value) => return Err(unexpected(&value)),
                }
            }
            let out = out.ok_or_else(|| Failure::Usage("`docs` needs `--out DIR`".to_string()))?;
            Ok(Command::Docs { out })
        }
        "schema" => match rest.first() {
            Some(arg) => Err(unexpected(arg)),
            None => Ok(Command::Schema),
        },
        "help" | "--help" | "-h" => Ok(Command::Help),
        "version" | "--version" | "-V" => Ok(Command::Version),
        other => {
            let commands = ["check", "rules", "docs", "schema", "help", "version"];
            Err(Failure::Usage(format!(
                "unknown command `{other}`{}",
                config::did_you_mean(other, commands)
            )))
        }
    }
}

const CHECK_FLAGS: [&str; 6] = [
    "--format",
    "--profile",
    "--config",
    "--env",
    "--input",
    "--fail-on",
];

fn parse_check(options: &mut Options) -> Result<Check, Failure> {
    let mut check = Check {
        files: Vec::new(),
        format: Format::Text,
        profile: None,
        config: None,
        env: Environment::new(),
        input: InputKind::Auto,
        fail_on: Some(Severity::Low),
    };
    while let Some(arg) = options.next_arg() {
        let flag = match arg {
            Arg::Value(file) => {
                check.files.push(file);
                continue;
            }
            Arg::Flag(flag) if !CHECK_FLAGS.contains(&flag) => {
                return Err(unknown_flag(flag, &CHECK_FLAGS))
            }
            Arg::Flag(flag) => flag,
        };
        let value = options.value(flag)?;
        match flag {
            "--format" => check.format = format(&value, true)?,
            "--profile" => {
                let profile = value.parse::<Profile>();
                check.profile = Some(profile.map_err(|e| Failure::Usage(e.to_string()))?);
            }
            "--config" => check.config = Some(value.into()),
            "--env" => {
                let (key, env_value) = value.split_once('=').ok_or_else(|| {
                    Failure::Usage(format!("`--env {value}` is not KEY=VALUE"))
                })?;
                check.env.insert(key.to_string(), env_value.to_string());
            }
            "--input" => {
                check.input = match value.as_str() {
                    "auto" => InputKind::Auto,
                    "compose" => InputKind::Compose,
                    "run" => InputKind::Run,
                    other => {
                        return Err(Failure::Usage(format!(
                            "unknown input kind `{other}`; expected auto, compose or run"
                        )))
                    }
                }
            }
            "--fail-on" => {
                check.fail_on = match value.as_str() {
                    "none" => None,
                    name => Some(Severity::parse(name).ok_or_else(|| {
                        Failure::Usage(format!(
                            "unknown severity `{name}`; expected critical, high, medium, low, info or none"
                        ))
                    })?),
                }
            }
            _ => unreachable!("CHECK_FLAGS lists every flag handled here"),
        }
    }
    if check.files.is_empty() {
        return Err(Failure::Usage(
            "`check` needs files to check, or `-` for standard input".to_string(),
        ));
    }
    Ok(check)
}

fn unexpected(arg: &str) -> Failure {
    Failure::Usage(format!("unexpected argument `{arg}`"))
}

fn unknown_flag(flag: &str, known: &[&'static str]) -> Failure {
    Failure::Usage(format!(
        "unknown option `{flag}`{}",
        config::did_you_mean(flag, known.iter().copied())
    ))
}

fn format(name: &str, sarif_allowed: bool) -> Result<Format, Failure> {
    match name {
        "text" => Ok(Format::Text),
        "json" => Ok(Format::Json),
        "sarif" if sarif_allowed => Ok(Format::Sarif),
        _ => {
            let expected = if sarif_allowed {
                "text, json or sarif"
            } else {
                "text or json"
            };
            Err(Failure::Usage(format!(
                "unknown format `{name}`; expected {expected}"
            )))
        }
    }
}

/// One command-line word: an option (`--format`, also `--format=json`) or a value.
enum Arg<'a> {
    Flag(&'a str),
    Value(String),
}

/// Walks the arguments, splitting `--flag=value` into a flag and a pending value.
struct Options<'a> {
    args: std::slice::Iter<'a, String>,
    pending: Option<&'a str>,
}

impl<'a> Options<'a> {
    fn new(args: &'a [String]) -> Self {
        Options {
            args: args.iter(),
            pending: None,
        }
    }

    fn next_arg(&mut self) -> Option<Arg<'a>> {
        let arg = self.args.next()?;
        match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => {
                self.pending = Some(value);
                Some(Arg::Flag(flag))
            }
            _ if arg.starts_with("--") || (arg.starts_with('-') && arg != "-") => {
                Some(Arg::Flag(arg))
            }
            _ => Some(Arg::Value(arg.clone())),
        }
    }

    /// The value of the flag just read: after `=`, or the next argument.
    fn value(&mut self, flag: &str) -> Result<String, Failure> {
        if let Some(value) = self.pending.take() {
            return Ok(value.to_string());
        }
        self.args
            .next()
            .cloned()
            .ok_or_else(|| Failure::Usage(format!("`{flag}` needs a value")))
    }
}

fn execute(command: Command, stdin: &mut dyn Read, out: &mut dyn Write) -> Result<i32, Failure> {
    match command {
        Command::Check(check) => run_check(check, stdin, out),
        Command::Rules { format } => {
            write_rules(format, out)?;
            Ok(0)
        }
        Command::Docs { out: dir } => {
            write_docs(&dir)?;
            writeln!(
                out,
                "wrote {} pages to {}",
                registry::all().len() + 1,
                dir.display()
            )?;
            Ok(0)
        }
        Command::Schema => {
            out.write_all(registry::config_json_schema().as_bytes())?;
            Ok(0)
        }
        Command::Help => {
            out.write_all(USAGE.as_bytes())?;
            Ok(0)
        }
        Command::Version => {
            writeln!(out, "shipshape {}", env!("CARGO_PKG_VERSION"))?;
            Ok(0)
        }
    }
}

fn run_check(check: Check, stdin: &mut dyn Read, out: &mut dyn Write) -> Result<i32, Failure> {
    let config = load_config(&check)?;
    let mut reports = Vec::new();
    for file in &check.files {
        let (name, text) = read_input(file, stdin)?;
        let options = AnalyzeOptions {
            config: config.clone(),
            input: input_kind(check.input, file),
            env: check.env.clone(),
            file_name: Some(name.clone()),
        };
        let analysis = analyze(&text, &options);
        reports.push(Report::new(&text, analysis, Some(name)));
    }
    match check.format {
        Format::Text => write_text(&reports, out)?,
        Format::Json => write_json(&json!(reports), out)?,
        Format::Sarif => write_json(&sarif(&reports, &config), out)?,
    }
    let failing = reports
        .iter()
        .flat_map(|report| &report.diagnostics)
        .filter(|d| d.suppressed.is_none())
        .any(|d| {
            check
                .fail_on
                .is_some_and(|threshold| d.severity >= threshold)
        });
    Ok(if failing { EXIT_FINDINGS } else { 0 })
}

fn load_config(check: &Check) -> Result<Config, Failure> {
    let mut config = match &check.config {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|error| {
                Failure::Error(format!("cannot read `{}`: {error}", path.display()))
            })?;
            registry::config_from_json(&text).map_err(|error| {
                Failure::Error(format!(
                    "invalid configuration `{}`:\n{error}",
                    path.display()
                ))
            })?
        }
        None => Config::default(),
    };
    if let Some(profile) = check.profile {
        config.profile = profile;
    }
    Ok(config)
}

fn read_input(file: &str, stdin: &mut dyn Read) -> Result<(String, String), Failure> {
    let mut text = String::new();
    if file == "-" {
        stdin
            .read_to_string(&mut text)
            .map_err(|error| Failure::Error(format!("cannot read standard input: {error}")))?;
        return Ok(("<stdin>".to_string(), text));
    }
    text = std::fs::read_to_string(file)
        .map_err(|error| Failure::Error(format!("cannot read `{file}`: {error}")))?;
    Ok((file.to_string(), text))
}

/// `auto` trusts a file's extension before its content: a Compose file whose
/// comments mention `docker run` is still Compose.
fn input_kind(requested: InputKind, file: &str) -> InputKind {
    if requested != InputKind::Auto {
        return requested;
    }
    match Path::new(file).extension().and_then(|e| e.to_str()) {
        Some("yml" | "yaml") => InputKind::Compose,
        Some("sh" | "bash") => InputKind::Run,
        _ => InputKind::Auto,
    }
}

/// The input's name as given on the command line (`<stdin>` for `-`).
fn shown_name(report: &Report) -> &str {
    report.file_name.as_deref().unwrap_or("<stdin>")
}

/// ruff-style lines: `file:line:col: CODE [severity] container: message`, then the
/// help. The container is named because a setting inherited through an anchor or
/// `extends` is reported, at the same place, for every service that inherits it.
fn write_text(reports: &[Report], out: &mut dyn Write) -> Result<(), Failure> {
    let mut shown = 0;
    let mut suppressed = 0;
    for report in reports {
        for diagnostic in &report.diagnostics {
            if diagnostic.suppressed.is_some() {
                suppressed += 1;
                continue;
            }
            shown += 1;
            let start = diagnostic.range.start;
            let container = diagnostic
                .container
                .as_ref()
                .map_or(String::new(), |name| format!("{name}: "));
            writeln!(
                out,
                "{}:{}:{}: {} [{}] {container}{}",
                shown_name(report),
                start.line,
                start.column,
                diagnostic.code,
                diagnostic.severity.as_str(),
                diagnostic.message
            )?;
            if let Some(help) = &diagnostic.help {
                writeln!(out, "  help: {help}")?;
            }
        }
    }
    let plural = if shown == 1 { "" } else { "s" };
    let summary = if shown == 0 {
        "No findings".to_string()
    } else {
        format!("Found {shown} finding{plural}")
    };
    match suppressed {
        0 => writeln!(out, "{summary}.")?,
        n => writeln!(out, "{summary} ({n} suppressed).")?,
    }
    Ok(())
}

fn write_json(value: &Value, out: &mut dyn Write) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value).expect("JSON values serialize");
    writeln!(out, "{text}")?;
    Ok(())
}

fn write_rules(format: Format, out: &mut dyn Write) -> Result<(), Failure> {
    if format == Format::Json {
        return write_json(&json!(report::rules()), out);
    }
    for rule in registry::all() {
        writeln!(
            out,
            "{:<9} {:<36} {:<9} {}",
            rule.code,
            rule.name,
            rule.severity.as_str(),
            registry::profiles(rule)
                .iter()
                .map(|profile| profile.as_str())
                .collect::<Vec<_>>()
                .join(",")
        )?;
    }
    Ok(())
}

fn write_docs(dir: &Path) -> Result<(), Failure> {
    let failure = |error: std::io::Error| {
        Failure::Error(format!("cannot write to `{}`: {error}", dir.display()))
    };
    std::fs::create_dir_all(dir).map_err(failure)?;
    for page in docs::pages() {
        std::fs::write(dir.join(&page.file_name), page.content).map_err(failure)?;
    }
    Ok(())
}

/// Where SARIF consumers find a rule's page: the rule URL under the project's site.
fn help_uri(rule: &Rule) -> String {
    let base = env!("CARGO_PKG_REPOSITORY").trim_end_matches('/');
    format!(
        "{base}/{}",
        crate::diagnostic::rule_url(rule.code, rule.name)
    )
}

/// A SARIF 2.1.0 log: one run, the rules the configuration enabled, one result per
/// diagnostic with UTF-16 columns, suppressed results marked `inSource`.
fn sarif(reports: &[Report], config: &Config) -> Value {
    let rules: Vec<&Rule> = registry::all()
        .into_iter()
        .filter(|rule| registry::is_enabled(rule, config))
        .collect();
    let descriptors: Vec<Value> = rules
        .iter()
        .map(|rule| {
            json!({
                "id": rule.code,
                "name": rule.name,
                "shortDescription": { "text": rule.summary() },
                "helpUri": help_uri(rule),
                "help": { "text": rule.summary(), "markdown": docs::markdown::dedent(rule.docs) },
                "defaultConfiguration": { "level": level(rule.severity) },
                "properties": {
                    "tags": ["security", rule.family.title()],
                    "security-severity": security_severity(rule.severity),
                }
            })
        })
        .collect();
    let results: Vec<Value> = reports
        .iter()
        .flat_map(|report| {
            report.diagnostics.iter().map(|diagnostic| {
                let index = rules.iter().position(|rule| rule.code == diagnostic.code);
                sarif_result(diagnostic, index, shown_name(report))
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "shipshape",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": env!("CARGO_PKG_REPOSITORY"),
                "rules": descriptors,
            }},
            "columnKind": "utf16CodeUnits",
            "results": results,
        }]
    })
}

fn sarif_result(diagnostic: &Diagnostic, rule_index: Option<usize>, file: &str) -> Value {
    let uri = artifact_uri(file);
    let location = |range: &Range| {
        json!({ "physicalLocation": {
            "artifactLocation": { "uri": uri },
            "region": region(range),
        }})
    };
    let message = match &diagnostic.help {
        Some(help) => format!("{}\nhelp: {help}", diagnostic.message),
        None => diagnostic.message.clone(),
    };
    let mut result = json!({
        "ruleId": diagnostic.code,
        "level": level(diagnostic.severity),
        "message": { "text": message },
        "locations": [location(&diagnostic.range)],
        "properties": { "severity": diagnostic.severity.as_str() },
    });
    if let Some(index) = rule_index {
        result["ruleIndex"] = json!(index);
    }
    if !diagnostic.related.is_empty() {
        result["relatedLocations"] = diagnostic
            .related
            .iter()
            .enumerate()
            .map(|(id, related)| {
                let mut related_location = location(&related.range);
                related_location["id"] = json!(id);
                related_location["message"] = json!({ "text": related.message });
                related_location
            })
            .collect();
    }
    if let Some(fix) = &diagnostic.fix {
        let replacements: Vec<Value> = fix
            .edits
            .iter()
            .map(|edit| json!({ "deletedRegion": region(&edit.range), "insertedContent": { "text": edit.content } }))
            .collect();
        result["fixes"] = json!([{
            "description": { "text": fix.title },
            "artifactChanges": [{ "artifactLocation": { "uri": uri }, "replacements": replacements }],
        }]);
    }
    if let Some(suppression) = &diagnostic.suppressed {
        let mut entry = json!({ "kind": "inSource", "location": location(&suppression.range) });
        if let Some(reason) = &suppression.reason {
            entry["justification"] = json!(reason);
        }
        result["suppressions"] = json!([entry]);
    }
    result
}

fn region(range: &Range) -> Value {
    json!({
        "startLine": range.start.line,
        "startColumn": range.start.column,
        "endLine": range.end.line,
        "endColumn": range.end.column,
    })
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "note",
    }
}

/// GitHub code scanning ranks security alerts by this score (critical ≥ 9.0,
/// high ≥ 7.0, medium ≥ 4.0, low below).
fn security_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
        Severity::Info => "1.0",
    }
}

/// A relative URI reference for a path: `/` separators, unsafe bytes percent-encoded.
fn artifact_uri(path: &str) -> String {
    let mut uri = String::new();
    for byte in path.replace('\\', "/").bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/:".contains(&byte) {
            uri.push(byte as char);
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}
