//! The `shipshape` command line, for CI and scripts: a thin dispatcher over the
//! report renderers (`report::text`, `github`, `sarif`, `statistics`, `explain`).
//! It owns what the library must not do: arguments (clap), files, the environment
//! and the terminal. Native only.

use crate::analyze::{
    analyze, analyze_decoded, encoding_diagnostic, refuse_too_large, AnalyzeOptions, Decoded,
    InputKind, DETECT_OVERSIZED_BYTES,
};
use crate::config::{Config, Profile};
use crate::diagnostic::Severity;
use crate::harden::{self, convert, harden, HardenOptions};
use crate::json::{to_json, ToJson};
use crate::model::Limits;
use crate::project::{analyze_project, Project, ProjectFile};
use crate::report::sarif::{self, SarifOptions};
use crate::report::text::TextOptions;
use crate::report::{self, explain, fixes, github, statistics, Checked, Report};
use crate::rules::registry;
use crate::{compose, docs, suggest};
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use std::collections::BTreeMap;
use std::io::{ErrorKind, Read, Write};
use std::path::{Path, PathBuf};

/// Exit code when the run itself failed: bad arguments, configuration or files.
const EXIT_ERROR: i32 = 2;
/// Exit code when findings at or above `--fail-on` remain.
const EXIT_FINDINGS: i32 = 1;

/// Configuration files looked for in the file's directory and each one above it.
const CONFIG_FILES: [&str; 2] = ["shipshape.json", ".shipshape.json"];

/// Explains what weakens a container's isolation in Compose files and
/// docker/podman/nerdctl run commands.
#[derive(Parser, Debug)]
#[command(name = "shipshape", version, propagate_version = true)]
#[command(
    after_help = "Exit status: 0 no findings at or above --fail-on, 1 such findings, 2 error."
)]
struct Cli {
    /// When to colour the output: `auto` colours a terminal unless NO_COLOR is set.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    color: ColorChoice,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check Compose files or docker/podman run commands
    Check(CheckArgs),
    /// Print the input with every fix of the profile applied (safe ones unless
    /// --unsafe), then list what is left to do by hand
    Harden(HardenArgs),
    /// List the rules
    Rules {
        #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
        format: RulesFormat,
    },
    /// Show a rule's documentation, by code (NS-001) or name (host-pid)
    Explain {
        /// The rule's code or kebab name
        rule: String,
    },
    /// Write the rule documentation pages (and an index) into a directory
    Docs {
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Convert docker/podman run commands into a Compose file, hardened on request;
    /// the flags left out are listed on standard error with the reason
    Convert(ConvertArgs),
    /// Print the JSON Schema of the configuration file
    Schema,
    /// Print a shell completion script (e.g. `shipshape completions bash`)
    Completions { shell: clap_complete::Shell },
}

/// How to analyse the input, for every command that analyses one.
#[derive(Args, Debug)]
struct AnalysisArgs {
    /// Rule set (overrides the configuration file)
    #[arg(long, value_parser = parse_profile)]
    profile: Option<Profile>,
    /// JSON configuration file; without it, the nearest shipshape.json or
    /// .shipshape.json in the file's directory or above is used
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Value for ${KEY} interpolation (repeatable)
    #[arg(long, value_name = "KEY=VALUE", value_parser = parse_env)]
    env: Vec<(String, String)>,
    /// How to read the input (auto: by extension, then content)
    #[arg(long, value_enum, default_value_t = Input::Auto)]
    input: Input,
}

impl AnalysisArgs {
    /// The options for analysing `source`, read from `file`.
    fn options(
        &self,
        configs: &mut Configs,
        source: &Source,
        file: &str,
    ) -> Result<AnalyzeOptions, Failure> {
        self.options_for(configs, source.path.as_deref(), &source.name, file)
    }

    /// The options for analysing `file`, named `name` in reports, before it is read.
    fn options_for(
        &self,
        configs: &mut Configs,
        path: Option<&Path>,
        name: &str,
        file: &str,
    ) -> Result<AnalyzeOptions, Failure> {
        Ok(AnalyzeOptions {
            config: configs.for_input(path)?,
            input: input_kind(self.input, file),
            env: self.env.iter().cloned().collect(),
            file_name: Some(name.to_string()),
        })
    }
}

#[derive(Args, Debug)]
struct HardenArgs {
    /// The Compose file or run commands; `-` reads standard input
    #[arg(value_name = "FILE")]
    file: String,
    #[command(flatten)]
    analysis: AnalysisArgs,
    /// Also apply fixes that change what the container may do
    #[arg(long = "unsafe")]
    include_unsafe: bool,
    /// Write the hardened text back to FILE instead of printing it
    #[arg(long, conflicts_with = "diff")]
    write: bool,
    /// Print a unified diff of the input and the hardened text
    #[arg(long)]
    diff: bool,
    /// Print the result, its changes and what is left as JSON
    #[arg(long, conflicts_with_all = ["diff", "write"])]
    json: bool,
}

#[derive(Args, Debug)]
struct ConvertArgs {
    /// The run commands; `-` reads standard input
    #[arg(value_name = "FILE")]
    file: String,
    /// Write the Compose file here instead of standard output
    #[arg(short, long, value_name = "OUT")]
    out: Option<PathBuf>,
    #[command(flatten)]
    analysis: AnalysisArgs,
    /// Apply the profile's fixes to the Compose file (safe ones unless --unsafe) and
    /// list the changes on standard error
    #[arg(long)]
    harden: bool,
    /// With --harden, also apply fixes that change what the container may do
    #[arg(long = "unsafe", requires = "harden")]
    include_unsafe: bool,
    /// Print the conversion as JSON (with --harden, the conversion and its hardening)
    #[arg(long, conflicts_with = "out")]
    json: bool,
}

#[derive(Args, Debug)]
struct CheckArgs {
    /// Files to check; `-` reads standard input; a directory is checked as a Compose
    /// project (its compose.yaml, compose.yml, docker-compose.yaml or
    /// docker-compose.yml, the matching override, and `.env`)
    #[arg(required_unless_present = "project_files", value_name = "FILES")]
    files: Vec<String>,
    /// A Compose file of one project (repeatable): later ones override earlier ones,
    /// as with `docker compose -f`, and the `.env` beside the first is read
    #[arg(short = 'f', long = "file", value_name = "FILE")]
    project_files: Vec<String>,
    /// In a project, a Compose profile to start (repeatable); without one,
    /// COMPOSE_PROFILES from --env or `.env` names them
    #[arg(long = "compose-profile", value_name = "NAME")]
    compose_profiles: Vec<String>,
    /// Output format
    #[arg(long, visible_alias = "output-format", value_enum, default_value_t = Format::Text)]
    format: Format,
    #[command(flatten)]
    analysis: AnalysisArgs,
    /// Exit with 1 when unsuppressed findings at or above this severity remain
    #[arg(long, value_enum, default_value_t = FailOn::Low)]
    fail_on: FailOn,
    /// Print how often each rule fired instead of the findings
    #[arg(long)]
    statistics: bool,
    /// Apply the safe fixes to the files (not to standard input), then report what remains
    #[arg(long)]
    fix: bool,
    /// With --fix, also apply fixes that change the container's behaviour
    #[arg(long, requires = "fix")]
    unsafe_fixes: bool,
    /// Explain each container's escape paths: in text, after the findings; in SARIF,
    /// one result per open path (rules escape-path/TECHNIQUE). JSON always has them
    #[arg(long)]
    explain_paths: bool,
    /// SARIF: the directory artifact URIs are relative to (default: the working directory)
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
    /// SARIF: base URL of the rule pages (`shipshape docs` output) for each rule's helpUri
    #[arg(long, value_name = "URL")]
    docs_url: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Findings with the source excerpt, then a summary
    Text,
    /// The reports, as the npm package returns them
    Json,
    /// SARIF 2.1.0 (GitHub code scanning)
    Sarif,
    /// GitHub Actions workflow annotations
    Github,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum RulesFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Input {
    Auto,
    Compose,
    Run,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Critical,
    High,
    Medium,
    Low,
    Info,
    /// Never fail on findings
    None,
}

fn parse_profile(name: &str) -> Result<Profile, String> {
    name.parse::<Profile>().map_err(|error| error.to_string())
}

fn parse_env(pair: &str) -> Result<(String, String), String> {
    let (key, value) = pair
        .split_once('=')
        .ok_or_else(|| format!("`{pair}` is not KEY=VALUE"))?;
    Ok((key.to_string(), value.to_string()))
}

/// The standard streams and what the process knows of its surroundings, so tests
/// can run the CLI in-process too.
pub struct Io<'a> {
    pub stdin: &'a mut dyn Read,
    pub stdout: &'a mut dyn Write,
    pub stderr: &'a mut dyn Write,
    /// Whether standard output is a terminal (colour under `--color auto`).
    pub stdout_is_terminal: bool,
    /// Whether `NO_COLOR` is set to a non-empty value.
    pub no_color: bool,
}

impl Io<'_> {
    fn color(&self, choice: ColorChoice) -> bool {
        match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => self.stdout_is_terminal && !self.no_color,
        }
    }
}

/// Why a run stopped early.
struct Failure(String);

/// Runs the command line `args` (without the program name); returns the exit code.
pub fn run(args: &[String], io: Io) -> i32 {
    let program = std::iter::once("shipshape".to_string());
    let cli = match Cli::try_parse_from(program.chain(args.iter().cloned())) {
        Ok(cli) => cli,
        Err(error) => {
            // Help and version go to stdout with status 0; mistakes to stderr.
            let text = error.render().to_string();
            let stream = if error.use_stderr() {
                io.stderr
            } else {
                io.stdout
            };
            let _ = stream.write_all(text.as_bytes());
            return error.exit_code();
        }
    };
    let color = io.color(cli.color);
    match execute(cli.command, color, io.stdin, io.stderr) {
        Ok((output, code)) => match io.stdout.write_all(output.as_bytes()) {
            // A reader that stopped early (`shipshape rules | head -1`) is no error.
            Err(error) if error.kind() != ErrorKind::BrokenPipe => {
                let _ = writeln!(
                    io.stderr,
                    "error: cannot write output: {}",
                    io_reason(&error)
                );
                EXIT_ERROR
            }
            _ => code,
        },
        Err(Failure(message)) => {
            // A closed stderr leaves nothing else to report to.
            let _ = writeln!(io.stderr, "error: {message}");
            EXIT_ERROR
        }
    }
}

/// The whole output of a command and its exit code.
fn execute(
    command: Command,
    color: bool,
    stdin: &mut dyn Read,
    stderr: &mut dyn Write,
) -> Result<(String, i32), Failure> {
    let output = match command {
        Command::Check(check) => return run_check(check, color, stdin, stderr),
        Command::Harden(args) => return run_harden(args, stdin, stderr),
        Command::Rules { format } => rules(format),
        Command::Explain { rule } => match registry::find(&rule) {
            Some(rule) => explain::render(rule, color),
            None => {
                let names = registry::all().into_iter().flat_map(|r| [r.code, r.name]);
                return Err(Failure(format!(
                    "unknown rule `{rule}`{}; `shipshape rules` lists them",
                    suggest::did_you_mean(&rule, names)
                )));
            }
        },
        Command::Docs { out } => {
            let count = write_docs(&out)?;
            format!("wrote {count} files to {}\n", out.display())
        }
        Command::Convert(args) => return run_convert(args, stdin, stderr),
        Command::Schema => registry::config_json_schema(),
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "shipshape", &mut script);
            String::from_utf8(script).expect("completion scripts are UTF-8")
        }
    };
    Ok((output, 0))
}

/// The Compose file of the run commands, hardened with `--harden`, on standard
/// output or in `--out`; each flag left out is named on standard error with its
/// place and the reason, followed by the hardening summary.
fn run_convert(
    args: ConvertArgs,
    stdin: &mut dyn Read,
    stderr: &mut dyn Write,
) -> Result<(String, i32), Failure> {
    let source = read_input(&args.file, stdin)?;
    source.writable("converting")?;
    let analysis = &args.analysis;
    let mut configs = Configs::new(analysis.config.as_deref(), analysis.profile)?;
    let options = HardenOptions {
        analyze: analysis.options(&mut configs, &source, &args.file)?,
        include_unsafe: args.include_unsafe,
    };
    let (conversion, hardened) = if args.harden {
        let both = convert::to_compose_hardened(&source.text, &options);
        (both.conversion, Some(both.hardened))
    } else {
        (convert::to_compose(&source.text, &options.analyze), None)
    };
    if conversion.services.is_empty() {
        return Err(Failure(format!(
            "`{}` has no docker, podman or nerdctl run command to convert",
            source.name
        )));
    }
    if args.json {
        let output = match hardened {
            Some(hardened) => json(&convert::HardenedConversion {
                conversion,
                hardened,
            }),
            None => json(&conversion),
        };
        return Ok((output, 0));
    }
    for left_out in &conversion.unconverted {
        let at = left_out.range.start;
        let _ = writeln!(
            stderr,
            "{}:{}:{}: `{}` not converted: {}",
            source.name, at.line, at.column, left_out.flag, left_out.reason
        );
    }
    let compose = match &hardened {
        Some(hardened) => {
            // The changes are placed in the converted file, before hardening.
            let name = args
                .out
                .as_ref()
                .map_or("<converted>".to_string(), |out| out.display().to_string());
            let summary = harden::render::summary(&name, hardened);
            let _ = stderr.write_all(summary.as_bytes());
            hardened.text.clone()
        }
        None => conversion.compose,
    };
    match args.out {
        Some(path) => {
            std::fs::write(&path, &compose)
                .map_err(|err| Failure(format!("cannot write {}: {err}", path.display())))?;
            Ok((String::new(), 0))
        }
        None => Ok((compose, 0)),
    }
}

fn run_harden(
    args: HardenArgs,
    stdin: &mut dyn Read,
    stderr: &mut dyn Write,
) -> Result<(String, i32), Failure> {
    let source = read_input(&args.file, stdin)?;
    source.writable("hardening")?;
    let analysis = &args.analysis;
    let mut configs = Configs::new(analysis.config.as_deref(), analysis.profile)?;
    let options = HardenOptions {
        analyze: analysis.options(&mut configs, &source, &args.file)?,
        include_unsafe: args.include_unsafe,
    };
    let hardened = harden(&source.text, &options);
    if args.json {
        return Ok((json(&hardened), 0));
    }
    let summary = harden::render::summary(&source.name, &hardened);
    let output = if args.write {
        let path = source
            .path
            .as_ref()
            .ok_or_else(|| Failure("--write needs a file, not standard input".to_string()))?;
        if hardened.text != source.text {
            std::fs::write(path, &hardened.text).map_err(|error| {
                Failure(format!(
                    "cannot write `{}`: {}",
                    source.name,
                    io_reason(&error)
                ))
            })?;
        }
        summary
    } else {
        let _ = stderr.write_all(summary.as_bytes());
        if args.diff {
            harden::render::unified_diff(&source.name, &source.text, &hardened.text)
        } else {
            hardened.text
        }
    };
    Ok((output, 0))
}

/// One input as read: its name as given, its text, and the path to fix in place.
struct Source {
    name: String,
    path: Option<PathBuf>,
    text: String,
    /// Where the first byte that is not UTF-8 was, replaced in `text`.
    invalid_at: Option<usize>,
}

impl Source {
    fn new(name: String, path: Option<PathBuf>, bytes: Vec<u8>) -> Source {
        let Decoded { text, invalid_at } = Decoded::new(bytes);
        Source {
            name,
            path,
            text,
            invalid_at,
        }
    }

    fn decoded(&self) -> Decoded {
        Decoded {
            text: self.text.clone(),
            invalid_at: self.invalid_at,
        }
    }

    /// Refuses to write text back over bytes it could not read: the replacement
    /// characters would take their place.
    fn writable(&self, what: &str) -> Result<(), Failure> {
        match self.invalid_at {
            Some(_) => Err(Failure(format!(
                "`{}` is not UTF-8 (see SYN-016 in `shipshape check`): {what} would replace its invalid bytes",
                self.name
            ))),
            None => Ok(()),
        }
    }
}

fn run_check(
    check: CheckArgs,
    color: bool,
    stdin: &mut dyn Read,
    stderr: &mut dyn Write,
) -> Result<(String, i32), Failure> {
    let analysis_args = &check.analysis;
    let mut configs = Configs::new(analysis_args.config.as_deref(), analysis_args.profile)?;
    let mut sources = Vec::new();
    let mut reports = Vec::new();
    let mut projects = 0;
    if !check.project_files.is_empty() {
        let paths = check.project_files.iter().map(PathBuf::from).collect();
        check_project(&check, paths, &mut configs, &mut sources, &mut reports)?;
        projects += 1;
    }
    for file in &check.files {
        if Path::new(file).is_dir() {
            let paths = project_in(Path::new(file))?;
            check_project(&check, paths, &mut configs, &mut sources, &mut reports)?;
            projects += 1;
            continue;
        }
        let (name, path) = input_name(file);
        let options = analysis_args.options_for(&mut configs, path.as_deref(), &name, file)?;
        let limit = options.config.limits.input_bytes;
        let (mut source, too_large) = read_within(file, stdin, limit)?;
        let mut analysis = if too_large {
            refuse_too_large(&source.text, &options)
        } else {
            analyze_decoded(&source.decoded(), &options)
        };
        if let (true, Some(path), None) = (check.fix, &source.path, source.invalid_at) {
            let applied = fixes::apply(&source.text, &analysis.diagnostics, check.unsafe_fixes);
            if applied.text != source.text {
                std::fs::write(path, &applied.text).map_err(|error| {
                    Failure(format!(
                        "cannot write `{}`: {}",
                        source.name,
                        io_reason(&error)
                    ))
                })?;
                // Beside the output, which may be JSON or SARIF.
                let note = fix_note(&source.name, applied.fixed, applied.skipped);
                let _ = stderr.write_all(note.as_bytes());
                source.text = applied.text;
                analysis = analyze(&source.text, &options);
            }
        }
        reports.push(Report::new(
            &source.text,
            analysis,
            Some(source.name.clone()),
        ));
        sources.push(source);
    }
    if check.explain_paths && projects > 0 {
        // Beside the output, which may be JSON or SARIF.
        let _ = stderr.write_all(PROJECT_PATHS_NOTE.as_bytes());
    }
    let checked: Vec<Checked> = reports
        .iter()
        .zip(&sources)
        .map(|(report, source)| Checked {
            report,
            text: &source.text,
        })
        .collect();
    let output = match (check.format, check.statistics) {
        (Format::Text | Format::Github, true) => statistics::render(&checked),
        (Format::Text, false) => {
            let options = TextOptions {
                color,
                explain_paths: check.explain_paths,
            };
            report::text::render(&checked, options)
        }
        (Format::Github, false) => github::render(&checked),
        (Format::Json, _) => json(&reports),
        (Format::Sarif, _) => sarif_output(&check, &mut reports)?,
    };
    let threshold = match check.fail_on {
        FailOn::Critical => Some(Severity::Critical),
        FailOn::High => Some(Severity::High),
        FailOn::Medium => Some(Severity::Medium),
        FailOn::Low => Some(Severity::Low),
        FailOn::Info => Some(Severity::Info),
        FailOn::None => None,
    };
    let failing = reports
        .iter()
        .flat_map(|report| &report.diagnostics)
        .filter(|d| d.suppressed.is_none())
        .any(|d| threshold.is_some_and(|threshold| d.severity >= threshold));
    let code = if failing { EXIT_FINDINGS } else { 0 };
    Ok((output, code))
}

/// Why `--explain-paths` shows nothing for a project's files.
const PROJECT_PATHS_NOTE: &str = "note: --explain-paths explains the escape paths of single files only: a project's merged services take their settings from several files, and a path's steps are shown in one file; the findings above are the project's\n";

/// The Compose file names a directory's project is found under, in the order Compose
/// looks for them; the override of `NAME.EXT` is `NAME.override.yaml` or `.yml`.
const PROJECT_FILES: [&str; 4] = [
    "compose.yaml",
    "compose.yml",
    "docker-compose.yaml",
    "docker-compose.yml",
];

/// The Compose file of the project in `dir` and its override, when there is one.
fn project_in(dir: &Path) -> Result<Vec<PathBuf>, Failure> {
    // `shipshape check .` names the files as `compose.yaml`, not `./compose.yaml`.
    let join = |name: &str| {
        if dir == Path::new(".") {
            PathBuf::from(name)
        } else {
            dir.join(name)
        }
    };
    let Some(main) = PROJECT_FILES
        .iter()
        .map(|name| join(name))
        .find(|path| path.is_file())
    else {
        return Err(Failure(format!(
            "`{}` holds none of {}",
            dir.display(),
            PROJECT_FILES.join(", ")
        )));
    };
    let stem = main
        .file_stem()
        .and_then(|stem| stem.to_str())
        .unwrap_or("compose");
    let overrides = ["yaml", "yml"].map(|ext| join(&format!("{stem}.override.{ext}")));
    let mut paths = vec![main];
    paths.extend(overrides.into_iter().find(|path| path.is_file()));
    Ok(paths)
}

/// Checks the Compose files at `paths` as one project and adds one report per file
/// (the `.env` beside the first only when something in it is reported).
fn check_project(
    check: &CheckArgs,
    paths: Vec<PathBuf>,
    configs: &mut Configs,
    sources: &mut Vec<Source>,
    reports: &mut Vec<Report>,
) -> Result<(), Failure> {
    if check.fix {
        return Err(Failure(
            "--fix applies to single files, and a project's fixes may span several: fix each file with `shipshape check FILE --fix`, or in place with `shipshape harden FILE --write`".to_string(),
        ));
    }
    let mut files = Vec::new();
    for path in &paths {
        let source = read_input(&path.to_string_lossy(), &mut std::io::empty())?;
        files.push(source);
    }
    let dotenv_path = paths[0].with_file_name(".env");
    let dotenv = dotenv_path
        .is_file()
        .then(|| read_input(&dotenv_path.to_string_lossy(), &mut std::io::empty()))
        .transpose()?;
    let options = check.analysis.options(configs, &files[0], &files[0].name)?;
    let others = referenced_sources(&files, &options.config.limits)?;
    let project_file = |source: &Source| ProjectFile::new(&source.name, &source.text);
    let project = Project {
        files: files.iter().map(project_file).collect(),
        dotenv: dotenv.as_ref().map(project_file),
        others: others.iter().map(project_file).collect(),
        profiles: check.compose_profiles.clone(),
    };
    let analysis = analyze_project(&project, &options);
    let compose_files = files.len();
    let read = files.into_iter().chain(dotenv).chain(others);
    for (at, (file, source)) in analysis.files.into_iter().zip(read).enumerate() {
        // `.env` and the files extended are shown when something in them is reported.
        if at >= compose_files && file.diagnostics.is_empty() {
            continue;
        }
        let mut diagnostics = file.diagnostics;
        if let Some(encoding) = encoding_diagnostic(&source.decoded(), &options.config) {
            let at = diagnostics.partition_point(|d| d.span.start <= encoding.span.start);
            diagnostics.insert(at, encoding);
        }
        reports.push(Report::of_project_file(
            &source.text,
            diagnostics,
            file.name,
        ));
        sources.push(source);
    }
    Ok(())
}

/// The files the project's Compose files name (`extends: {file}`, `include`), the
/// `.env` beside each, and those they name in turn, read from disk; one that is not
/// there is left for the analysis to report where it is named. Reading stops one file
/// past the project's limit, which the analysis then reports.
fn referenced_sources(files: &[Source], limits: &Limits) -> Result<Vec<Source>, Failure> {
    let mut known: Vec<PathBuf> = files.iter().filter_map(|f| f.path.clone()).collect();
    let mut found = Vec::new();
    // Each file with the directory its relative paths start from.
    let mut pending: Vec<(PathBuf, String, PathBuf)> = files
        .iter()
        .filter_map(|f| {
            let path = f.path.clone()?;
            let directory = path.parent()?.to_path_buf();
            Some((path, f.text.clone(), directory))
        })
        .collect();
    while let Some((_, text, directory)) = pending.pop() {
        for named in compose::referenced_files(&text, limits) {
            let target = directory.join(&named.path);
            // An included file's paths start from its project directory, by default its own.
            let target_directory = match &named.project_directory {
                Some(project_directory) => directory.join(project_directory),
                None => target.parent().unwrap_or(Path::new("")).to_path_buf(),
            };
            let dotenv = target_directory.join(".env");
            for target in [target, dotenv] {
                if files.len() + found.len() > limits.files {
                    return Ok(found);
                }
                if known.contains(&target) || !target.is_file() {
                    continue;
                }
                known.push(target.clone());
                let source = read_input(&target.to_string_lossy(), &mut std::io::empty())?;
                if !target.ends_with(".env") {
                    pending.push((target, source.text.clone(), target_directory.clone()));
                }
                found.push(source);
            }
        }
    }
    Ok(found)
}

fn fix_note(name: &str, fixed: usize, skipped: usize) -> String {
    let plural = |count: usize| if count == 1 { "" } else { "es" };
    let mut note = format!("{name}: applied {fixed} fix{}", plural(fixed));
    if skipped > 0 {
        let skipped_note = format!(
            "; {skipped} fix{} overlapped and wait for another run",
            plural(skipped)
        );
        note.push_str(&skipped_note);
    }
    note + ".\n"
}

/// SARIF names each artifact relative to `--root` (default: the working directory).
fn sarif_output(check: &CheckArgs, reports: &mut [Report]) -> Result<String, Failure> {
    let cwd = std::env::current_dir().map_err(|error| {
        Failure(format!(
            "cannot read the working directory: {}",
            io_reason(&error)
        ))
    })?;
    let root = match &check.root {
        Some(root) => std::path::absolute(root).map_err(|error| {
            Failure(format!(
                "cannot resolve `--root {}`: {}",
                root.display(),
                io_reason(&error)
            ))
        })?,
        None => cwd.clone(),
    };
    let root = without_dots(&root);
    // A file outside the root (`../other.yaml`) keeps an absolute URI.
    let uri_path = |name: &str| {
        let absolute = without_dots(&cwd.join(name));
        slashed(absolute.strip_prefix(&root).unwrap_or(&absolute))
    };
    for report in reports.iter_mut() {
        let Some(name) = report
            .file_name
            .as_deref()
            .filter(|name| *name != "<stdin>")
        else {
            continue;
        };
        report.file_name = Some(uri_path(name));
        // In a project, related locations and edits name the other files they are in.
        for diagnostic in &mut report.diagnostics {
            let related = diagnostic.related.iter_mut().map(|r| &mut r.file);
            let edits = diagnostic.fix.iter_mut().flat_map(|fix| &mut fix.edits);
            for file in related.chain(edits.map(|e| &mut e.file)).flatten() {
                *file = uri_path(file);
            }
        }
    }
    let root_uri = format!(
        "file://{}/",
        sarif::percent_encode(&slashed(&root)).trim_end_matches('/')
    );
    let options = SarifOptions {
        docs_url: check.docs_url.clone(),
        root_uri: Some(root_uri),
        escape_paths: check.explain_paths,
    };
    Ok(sarif::render(reports, &options))
}

/// An absolute path with its `.` and `..` components resolved as written (not
/// through symbolic links), as a reader of the repository would.
fn without_dots(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut resolved = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                resolved.pop();
            }
            other => resolved.push(other),
        }
    }
    resolved
}

/// A path with `/` separators, without `.` components; absolute ones start with `/`.
fn slashed(path: &Path) -> String {
    use std::path::Component;
    let parts: Vec<String> = path
        .components()
        .filter_map(|part| match part {
            Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
            Component::ParentDir => Some("..".to_string()),
            Component::RootDir | Component::CurDir | Component::Prefix(_) => None,
        })
        .collect();
    let root = if path.has_root() { "/" } else { "" };
    format!("{root}{}", parts.join("/"))
}

/// The configuration of each input: `--config` for all, or else the nearest
/// configuration file above each input, read once per file.
struct Configs {
    explicit: Option<Config>,
    profile: Option<Profile>,
    found: BTreeMap<PathBuf, Config>,
}

impl Configs {
    fn new(explicit: Option<&Path>, profile: Option<Profile>) -> Result<Configs, Failure> {
        Ok(Configs {
            explicit: explicit.map(read_config).transpose()?,
            profile,
            found: BTreeMap::new(),
        })
    }

    /// `path` is the input file; standard input looks from the working directory.
    fn for_input(&mut self, path: Option<&Path>) -> Result<Config, Failure> {
        let mut config = match &self.explicit {
            Some(config) => config.clone(),
            None => match nearest_config(path) {
                Some(file) => match self.found.get(&file) {
                    Some(config) => config.clone(),
                    None => {
                        let config = read_config(&file)?;
                        self.found.insert(file, config.clone());
                        config
                    }
                },
                None => Config::default(),
            },
        };
        if let Some(profile) = self.profile {
            config.profile = profile;
        }
        Ok(config)
    }
}

/// The first configuration file in the input's directory or one above it.
fn nearest_config(path: Option<&Path>) -> Option<PathBuf> {
    let start = match path {
        Some(path) => std::path::absolute(path).ok()?.parent()?.to_path_buf(),
        None => std::env::current_dir().ok()?,
    };
    start.ancestors().find_map(|dir| {
        CONFIG_FILES
            .iter()
            .map(|name| dir.join(name))
            .find(|file| file.is_file())
    })
}

fn read_config(path: &Path) -> Result<Config, Failure> {
    let text = std::fs::read_to_string(path).map_err(|error| {
        Failure(format!(
            "cannot read `{}`: {}",
            path.display(),
            io_reason(&error)
        ))
    })?;
    registry::config_from_json(&text).map_err(|error| {
        Failure(format!(
            "invalid configuration `{}`:\n{error}",
            path.display()
        ))
    })
}

/// The name an input is reported under and the path it is read from.
fn input_name(file: &str) -> (String, Option<PathBuf>) {
    match file {
        "-" => ("<stdin>".to_string(), None),
        _ => (file.to_string(), Some(PathBuf::from(file))),
    }
}

/// Reads an input to check, unless it has more than `limit` bytes (by the file's
/// length, or read up to one byte past the limit): then only its first bytes, what
/// the refusal reads (see [`refuse_too_large`]), and `true`.
fn read_within(file: &str, stdin: &mut dyn Read, limit: usize) -> Result<(Source, bool), Failure> {
    // Whole characters up to the detected prefix: a UTF-8 character has at most 4 bytes.
    let head = DETECT_OVERSIZED_BYTES + 3;
    let past_limit = limit as u64 + 1;
    let (name, path) = input_name(file);
    let mut bytes = Vec::new();
    let known_too_large = match &path {
        // At least the head, which a limit smaller than it would cut.
        None => stdin
            .take(past_limit.max(head as u64))
            .read_to_end(&mut bytes)
            .map(|_| false)
            .map_err(|error| {
                Failure(format!("cannot read standard input: {}", io_reason(&error)))
            })?,
        Some(path) => std::fs::File::open(path)
            .and_then(|opened| {
                let too_large = opened.metadata()?.len() > limit as u64;
                let wanted = if too_large { head as u64 } else { past_limit };
                opened.take(wanted).read_to_end(&mut bytes)?;
                Ok(too_large)
            })
            .map_err(|error| Failure(format!("cannot read `{file}`: {}", io_reason(&error))))?,
    };
    let too_large = known_too_large || bytes.len() > limit;
    if too_large {
        bytes.truncate(head);
    }
    Ok((Source::new(name, path, bytes), too_large))
}

/// Reads an input; bytes that are not UTF-8 are decoded lossily (see [`Decoded`]), so
/// that `check` still reports the rest, with SYN-016 where they start.
fn read_input(file: &str, stdin: &mut dyn Read) -> Result<Source, Failure> {
    let mut bytes = Vec::new();
    if file == "-" {
        stdin.read_to_end(&mut bytes).map_err(|error| {
            Failure(format!("cannot read standard input: {}", io_reason(&error)))
        })?;
        return Ok(Source::new("<stdin>".to_string(), None, bytes));
    }
    bytes = std::fs::read(file)
        .map_err(|error| Failure(format!("cannot read `{file}`: {}", io_reason(&error))))?;
    Ok(Source::new(
        file.to_string(),
        Some(PathBuf::from(file)),
        bytes,
    ))
}

/// `auto` trusts a file's extension before its content: a Compose file whose
/// comments mention `docker run` is still Compose.
fn input_kind(requested: Input, file: &str) -> InputKind {
    match requested {
        Input::Compose => return InputKind::Compose,
        Input::Run => return InputKind::Run,
        Input::Auto => {}
    }
    match Path::new(file).extension().and_then(|e| e.to_str()) {
        Some("yml" | "yaml") => InputKind::Compose,
        Some("sh" | "bash") => InputKind::Run,
        _ => InputKind::Auto,
    }
}

fn rules(format: RulesFormat) -> String {
    if format == RulesFormat::Json {
        return json(&report::rules());
    }
    let mut out = String::new();
    for rule in registry::all() {
        let profiles: Vec<&str> = registry::profiles(rule)
            .iter()
            .map(|profile| profile.as_str())
            .collect();
        out.push_str(&format!(
            "{:<9} {:<36} {:<9} {}\n",
            rule.code,
            rule.name,
            rule.severity.as_str(),
            profiles.join(",")
        ));
    }
    out
}

/// Pretty JSON with the keys of every object sorted (through `serde_json::Value`),
/// which the npm CLI writes the same way.
fn json(value: &dyn ToJson) -> String {
    let value: serde_json::Value =
        serde_json::from_str(&to_json(value)).expect("the JSON writer writes JSON");
    serde_json::to_string_pretty(&value).expect("JSON values serialize") + "\n"
}

/// An I/O error's message without its `(os error N)` suffix: the numbers are the
/// platform's, and WASI (the npm package's build of this CLI) numbers them otherwise.
fn io_reason(error: &std::io::Error) -> String {
    let message = error.to_string();
    match message.rfind(" (os error ") {
        Some(at) if message.ends_with(')') => message[..at].to_string(),
        _ => message,
    }
}

/// Writes the documentation files into `dir`; returns how many.
fn write_docs(dir: &Path) -> Result<usize, Failure> {
    let failure = |error: std::io::Error| {
        Failure(format!(
            "cannot write to `{}`: {}",
            dir.display(),
            io_reason(&error)
        ))
    };
    std::fs::create_dir_all(dir).map_err(failure)?;
    let pages = docs::pages();
    for page in &pages {
        std::fs::write(dir.join(&page.file_name), &page.content).map_err(failure)?;
    }
    Ok(pages.len())
}
