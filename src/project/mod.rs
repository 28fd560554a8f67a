//! A Compose project: several files read as one application, as `docker compose -f
//! a.yml -f b.yml` reads them.
//!
//! The files are laid end to end in one text, each from a line start, so that the
//! Compose front-end reads them with spans into that text and the pipeline runs
//! unchanged over the merged services; [`locate`] then turns every position back into
//! the file and line it was written at. The project's `.env` ([`dotenv`]) feeds
//! interpolation, with the caller's variables winning; the files a file includes
//! ([`include`]) come before it, each with its own dotenv; `extends: {file}` finds
//! its base among the project's files; profiles decide which services run.

use crate::analyze::{analyze_front_end, AnalyzeOptions, InputKind};
use crate::compose;
use crate::diagnostic::{Diagnostic, Locator};
use crate::json::{JsonWriter, ToJson};
use crate::model::{Container, Environment, InputCode, InputProblem, Limits};
use crate::span::Span;
use locate::Layout;
use std::cell::RefCell;

pub mod dotenv;
mod include;
mod locate;

/// One file of a project: its name (a path, `/`-separated) and its text.
#[derive(Clone, Debug, PartialEq)]
pub struct ProjectFile {
    pub name: String,
    pub text: String,
}

impl ProjectFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> ProjectFile {
        ProjectFile {
            name: name.into(),
            text: text.into(),
        }
    }
}

/// What a project is made of.
#[derive(Clone, Debug, Default)]
pub struct Project {
    /// The Compose files, in the order they apply: each later one overrides the ones
    /// before it.
    pub files: Vec<ProjectFile>,
    /// The project's `.env`, read for interpolation.
    pub dotenv: Option<ProjectFile>,
    /// Files the Compose files may name, by path relative to the naming file's
    /// directory: the bases of `extends: {file}`, the files of `include:` and their
    /// `env_file`s.
    pub others: Vec<ProjectFile>,
    /// The profiles to start; without any, `COMPOSE_PROFILES` (from the caller or
    /// `.env`) names them, and otherwise only services without profiles run.
    pub profiles: Vec<String>,
}

impl Project {
    /// The project a set of files makes, as a directory holds them: the Compose files
    /// are those that no other file names (`include`, `extends: {file}`, `env_file`)
    /// and that are not dotenv files, in the order given; the `.env` beside the first
    /// is the project's dotenv; the rest are read where they are named.
    pub fn from_files(files: Vec<ProjectFile>, profiles: Vec<String>, limits: &Limits) -> Project {
        let is_dotenv = |file: &ProjectFile| file.name.ends_with(".env");
        let named: Vec<String> = files
            .iter()
            .filter(|file| !is_dotenv(file))
            .flat_map(|file| {
                compose::referenced_files(&file.text, limits)
                    .into_iter()
                    .map(|named| locate::resolve_path(&file.name, &named.path))
            })
            .collect();
        let is_named = |file: &ProjectFile| named.contains(&locate::resolve_in("", &file.name));
        let (mut compose_files, mut others): (Vec<_>, Vec<_>) = files
            .into_iter()
            .partition(|file| !is_dotenv(file) && !is_named(file));
        // Files that all name one another: the first is where Compose would start.
        if compose_files.is_empty() {
            if let Some(first) = others.iter().position(|file| !is_dotenv(file)) {
                compose_files.push(others.remove(first));
            }
        }
        let dotenv_name = compose_files
            .first()
            .map(|file| locate::resolve_path(&file.name, ".env"));
        let dotenv = others
            .iter()
            .position(|file| Some(locate::resolve_in("", &file.name)) == dotenv_name)
            .map(|at| others.remove(at));
        Project {
            files: compose_files,
            dotenv,
            others,
            profiles,
        }
    }

    /// Every file: the Compose files, `.env`, then the others; the order of
    /// [`ProjectAnalysis::files`].
    pub fn all_files(&self) -> impl Iterator<Item = &ProjectFile> {
        self.files
            .iter()
            .chain(self.dotenv.as_ref())
            .chain(&self.others)
    }
}

/// What one file of the project was found to hold.
#[derive(Clone, Debug, PartialEq)]
pub struct FileAnalysis {
    pub name: String,
    /// Positions are in this file; a related location or edit in another file names it.
    pub diagnostics: Vec<Diagnostic>,
}

/// A merged service of the project.
#[derive(Clone, Debug, PartialEq)]
pub struct ProjectService {
    pub name: String,
    /// The file of the service's last definition, which the merged service's name
    /// points at.
    pub file: String,
    pub profiles: Vec<String>,
    /// False when none of its profiles is active: Compose does not start it, and no
    /// rule checks it.
    pub active: bool,
}

impl ToJson for ProjectService {
    fn write_json(&self, out: &mut JsonWriter) {
        out.object(&[
            ("name", &self.name),
            ("file", &self.file),
            ("profiles", &self.profiles),
            ("active", &self.active),
        ]);
    }
}

/// The result of analysing a project.
#[derive(Debug)]
pub struct ProjectAnalysis {
    /// Every file read (the Compose files in order, then `.env`, then the others),
    /// with its findings.
    pub files: Vec<FileAnalysis>,
    pub services: Vec<ProjectService>,
    /// The containers the rules checked (active services only); their spans point
    /// into [`ProjectAnalysis::text`].
    pub containers: Vec<Container>,
    /// The project's files end to end, as the front-end read them.
    pub text: String,
}

/// Analyses the project's files as one Compose application; `options.env` holds the
/// caller's variables, which win over `.env`.
pub fn analyze_project(project: &Project, options: &AnalyzeOptions) -> ProjectAnalysis {
    let limits = &options.config.limits;
    let mut layout = Layout::default();
    let mut problems = Vec::new();
    let total = project.files.len() + usize::from(project.dotenv.is_some()) + project.others.len();
    // A file past the limit is laid out empty, so that it is still listed, with the
    // problem at its start; `None` stands for it.
    let mut lay_out = |layout: &mut Layout, file: &ProjectFile| {
        if layout.files() < limits.files {
            return Some(layout.push(&file.name, &file.text));
        }
        let range = layout.push(&file.name, "");
        let message = format!(
            "the project has {total} files, more than the limit of {}: those past it are not read",
            limits.files
        );
        let at = Span::at(range.start);
        problems.push(InputProblem::new(
            InputCode::InputLimitExceeded,
            at,
            message,
        ));
        None
    };
    let compose_ranges: Vec<_> = project
        .files
        .iter()
        .filter_map(|file| lay_out(&mut layout, file))
        .collect();
    let dotenv_range = project
        .dotenv
        .as_ref()
        .and_then(|file| lay_out(&mut layout, file));
    for file in &project.others {
        lay_out(&mut layout, file);
    }
    let text = layout.text().to_string();

    let env = match dotenv_range {
        Some(range) => dotenv::environment(&text, range, &options.env, &mut problems),
        None => options.env.clone(),
    };
    let mut expansion = include::Expansion::new(&layout, &text, &options.env, limits);
    for range in compose_ranges {
        expansion.add(range, env.clone());
    }
    let include::Expanded {
        ordered,
        problems: mut include_problems,
        directories,
    } = expansion.finish();
    problems.append(&mut include_problems);
    for (start, directory) in directories {
        layout.set_directory(start, directory);
    }
    let sources: Vec<_> = ordered
        .iter()
        .map(|(range, env)| compose::SourceFile {
            range: range.clone(),
            env,
        })
        .collect();
    for source in &sources {
        check_env_files(&layout, &text, source, limits, &mut problems);
    }
    let bases = Bases {
        layout: &layout,
        text: &text,
        env: &env,
        limits,
        chain: RefCell::new(Vec::new()),
        problems: RefCell::new(Vec::new()),
    };
    let extends_file = |at: Span, path: &str, service: &str| Some(bases.find(at, path, service));
    let mut front_end = compose::parse_files(&text, &sources, limits, &extends_file);
    // A file read twice (a base that is also one of the project's files, a dotenv two
    // includes read) reports its problems once.
    let read_again = problems.into_iter().chain(bases.problems.take());
    for problem in read_again {
        let known = |p: &InputProblem| p.span == problem.span && p.message == problem.message;
        if !front_end.problems.iter().any(known) {
            front_end.problems.push(problem);
        }
    }

    let active_profiles = active_profiles(&project.profiles, &env);
    let services = front_end
        .containers
        .iter()
        .map(|container| ProjectService {
            name: container.name.clone(),
            file: layout
                .file_of(container.name_span.start as usize)
                .to_string(),
            profiles: container
                .profiles
                .iter()
                .map(|profile| profile.value.clone().unwrap_or_else(|| profile.raw.clone()))
                .collect(),
            active: is_active(container, &active_profiles),
        })
        .collect();
    front_end
        .containers
        .retain(|container| is_active(container, &active_profiles));

    // A finding about a service that runs only under some profiles says which.
    let in_profiles: Vec<(String, Span, String)> = front_end
        .containers
        .iter()
        .filter_map(|container| {
            let first = container.profiles.first()?;
            let names: Vec<&str> = container.profiles.iter().map(|p| p.raw.as_str()).collect();
            let message = format!(
                "`{}` runs only under the profiles {}",
                container.name,
                names
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            Some((container.name.clone(), first.span, message))
        })
        .collect();
    let mut analysis = analyze_front_end(&text, InputKind::Compose, front_end, options);
    let locator = Locator::new(&text);
    for diagnostic in &mut analysis.diagnostics {
        let Some(name) = diagnostic.container.as_deref() else {
            continue;
        };
        if let Some((_, span, message)) = in_profiles.iter().find(|(n, _, _)| n == name) {
            diagnostic
                .related
                .push(locator.related(*span, message.clone()));
        }
    }
    let files = layout.localize(analysis.diagnostics);
    ProjectAnalysis {
        files,
        services,
        containers: analysis.containers,
        text,
    }
}

/// Reads the `env_file`s of a file's services for their dotenv syntax: their variables
/// go into the container's environment, never into the model. A required one the
/// project lacks is reported where it is named.
fn check_env_files(
    layout: &Layout,
    text: &str,
    source: &compose::SourceFile,
    limits: &Limits,
    problems: &mut Vec<InputProblem>,
) {
    let from = layout.directory_of(source.range.start).to_string();
    for env_file in compose::env_files(text, source, limits, problems) {
        let path = env_file.path.value.as_deref().unwrap_or(&env_file.path.raw);
        let wanted = locate::resolve_in(&from, path);
        match layout.range_of(&wanted) {
            Some(range) => {
                dotenv::parse(&text[range.clone()], range.start, source.env, problems);
            }
            None if env_file.required => problems.push(InputProblem::new(
                InputCode::InvalidValue,
                env_file.path.span,
                format!("`env_file`: the project has no file `{wanted}` (give it with the project's files, or set `required: false`)"),
            )),
            None => {}
        }
    }
}

/// Deepest chain of `extends: {file}` followed from one file to the next.
const MAX_EXTENDS_FILES: usize = 16;

/// Finds the bases of `extends: {file, service}` among the project's files.
struct Bases<'a> {
    layout: &'a Layout,
    text: &'a str,
    env: &'a Environment,
    limits: &'a Limits,
    /// The files and services being read for a base, to stop at cycles and long chains.
    chain: RefCell<Vec<(String, String)>>,
    /// What reading the base files found wrong (their spans point into them).
    problems: RefCell<Vec<InputProblem>>,
}

impl Bases<'_> {
    /// The service `service` of the file at `path`, relative to the file `at` is in,
    /// read on its own (its own `extends` resolved).
    fn find(&self, at: Span, path: &str, service: &str) -> Result<Container, String> {
        let from = self.layout.directory_of(at.start as usize);
        let wanted = locate::resolve_in(from, path);
        let Some(range) = self.layout.range_of(&wanted) else {
            return Err(format!(
                "`extends`: the project has no file `{wanted}` (give it with the project's files)"
            ));
        };
        let link = (wanted.clone(), service.to_string());
        if self.chain.borrow().contains(&link) {
            return Err(format!(
                "`extends`: service `{service}` of `{wanted}` extends this one in turn"
            ));
        }
        if self.chain.borrow().len() == MAX_EXTENDS_FILES {
            return Err(format!(
                "`extends`: more than {MAX_EXTENDS_FILES} files extend one another here"
            ));
        }
        self.chain.borrow_mut().push(link);
        let extends_file = |at: Span, path: &str, service: &str| Some(self.find(at, path, service));
        let source = compose::SourceFile {
            range,
            env: self.env,
        };
        let base_file = compose::parse_files(self.text, &[source], self.limits, &extends_file);
        self.chain.borrow_mut().pop();
        self.problems.borrow_mut().extend(base_file.problems);
        base_file
            .containers
            .into_iter()
            .find(|container| container.name == service)
            .ok_or_else(|| format!("`extends`: `{wanted}` has no service `{service}`"))
    }
}

/// The profiles asked for, or those `COMPOSE_PROFILES` lists (comma-separated).
fn active_profiles(asked: &[String], env: &Environment) -> Vec<String> {
    if !asked.is_empty() {
        return asked.to_vec();
    }
    env.get("COMPOSE_PROFILES")
        .map(|list| {
            list.split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// A service runs when it has no profile, or one that is active (`*` activates all).
fn is_active(container: &Container, active: &[String]) -> bool {
    container.profiles.is_empty()
        || container.profiles.iter().any(|profile| {
            let name = profile.value.as_deref().unwrap_or(&profile.raw);
            active.iter().any(|a| a == name || a == "*")
        })
}

#[cfg(test)]
mod tests;
