//! `include:`: the files a Compose file includes, each read with the variables of its
//! own dotenv files, come before it in the merge order (recursively). An include's
//! files resolve their relative paths from its `project_directory` (by default the
//! directory of its first file), and a service two includes define differently, or
//! that the including file defines too, is reported: Compose refuses such conflicts.

use super::dotenv;
use super::locate::{directory_of, resolve_in, Layout};
use crate::compose::{self, Include, ServiceDefinition, SourceFile};
use crate::model::{Environment, InputCode, InputProblem, Limits, Setting};
use crate::span::Span;
use std::ops::Range;

pub struct Expansion<'a> {
    layout: &'a Layout,
    text: &'a str,
    caller: &'a Environment,
    limits: &'a Limits,
    problems: Vec<InputProblem>,
    /// Files being expanded, to stop at a file that includes itself.
    visiting: Vec<usize>,
    ordered: Vec<(Range<usize>, Environment)>,
    /// The directories included files resolve their paths from, by file start.
    directories: Vec<(usize, String)>,
}

/// What `Expansion::finish` hands back.
pub struct Expanded {
    /// The files in merge order with their variables.
    pub ordered: Vec<(Range<usize>, Environment)>,
    pub problems: Vec<InputProblem>,
    /// For [`Layout::set_directory`].
    pub directories: Vec<(usize, String)>,
}

impl<'a> Expansion<'a> {
    pub fn new(
        layout: &'a Layout,
        text: &'a str,
        caller: &'a Environment,
        limits: &'a Limits,
    ) -> Self {
        Expansion {
            layout,
            text,
            caller,
            limits,
            problems: Vec::new(),
            visiting: Vec::new(),
            ordered: Vec::new(),
            directories: Vec::new(),
        }
    }

    pub fn finish(self) -> Expanded {
        Expanded {
            ordered: self.ordered,
            problems: self.problems,
            directories: self.directories,
        }
    }

    /// The directory the file starting at `start` resolves its paths from.
    fn directory(&self, start: usize) -> String {
        self.directories
            .iter()
            .find(|(at, _)| *at == start)
            .map_or_else(
                || self.layout.directory_of(start).to_string(),
                |(_, d)| d.clone(),
            )
    }

    /// Adds the file at `range`, read with `env`, after the files it includes.
    pub fn add(&mut self, range: Range<usize>, env: Environment) {
        if self
            .ordered
            .iter()
            .any(|(added, _)| added.start == range.start)
        {
            return;
        }
        self.visiting.push(range.start);
        let source = SourceFile {
            range: range.clone(),
            env: &env,
        };
        let includes = compose::includes(self.text, &source, self.limits, &mut self.problems);
        let from = self.directory(range.start);
        // The services each include brought in, to find the conflicting ones.
        let mut imported: Vec<(ServiceDefinition, String)> = Vec::new();
        for include in includes {
            let directory = match &include.project_directory {
                Some(directory) => resolve_in(&from, &written(directory)),
                None => directory_of(&resolve_in(&from, &written(&include.paths[0]))).to_string(),
            };
            let included_env = self.environment(&from, &directory, &include);
            let before = self.ordered.len();
            for path in &include.paths {
                let Some(range) = self.find(&from, path, "include") else {
                    continue;
                };
                if self.visiting.contains(&range.start) {
                    self.problem(
                        path,
                        "`include`: this file is already being included here".to_string(),
                    );
                    continue;
                }
                if !self
                    .ordered
                    .iter()
                    .any(|(added, _)| added.start == range.start)
                {
                    self.directories.push((range.start, directory.clone()));
                }
                self.add(range, included_env.clone());
            }
            let brought: Vec<_> = self.ordered[before..]
                .iter()
                .flat_map(|(range, env)| self.definitions(range, env))
                .collect();
            let mut own = Vec::new();
            for (service, file) in brought {
                match imported
                    .iter()
                    .find(|(other, _)| other.name == service.name)
                {
                    Some((other, other_file)) if !self.same(other, &service) => {
                        let message = format!(
                            "`include`: service `{}` is also defined by `{other_file}`, which another include brings in; Compose refuses services that conflict across includes",
                            service.name
                        );
                        self.report(service.name_span, message);
                    }
                    Some(_) => {}
                    None => own.push((service, file)),
                }
            }
            imported.append(&mut own);
        }
        for (service, _) in self.definitions(&range, &env) {
            let Some((other, other_file)) = imported.iter().find(|(i, _)| i.name == service.name)
            else {
                continue;
            };
            if !self.same(other, &service) {
                let message = format!(
                    "`include`: service `{}` is also defined by the included `{other_file}`; Compose refuses a service that conflicts with an included one",
                    service.name
                );
                self.report(service.name_span, message);
            }
        }
        self.visiting.pop();
        self.ordered.push((range, env));
    }

    /// The services of the file at `range`, with its name.
    fn definitions(
        &self,
        range: &Range<usize>,
        env: &Environment,
    ) -> Vec<(ServiceDefinition, String)> {
        let source = SourceFile {
            range: range.clone(),
            env,
        };
        let name = self.layout.file_of(range.start).to_string();
        compose::service_definitions(self.text, &source, self.limits)
            .into_iter()
            .map(|service| (service, name.clone()))
            .collect()
    }

    /// Whether two definitions of a service are written alike (Compose accepts those).
    fn same(&self, a: &ServiceDefinition, b: &ServiceDefinition) -> bool {
        let body = |span: Span| &self.text[span.start as usize..span.end as usize];
        body(a.body) == body(b.body)
    }

    /// The variables of an include's files: its `env_file`s (relative to `from`), or
    /// else the `.env` of its project `directory`, under the caller's.
    fn environment(&mut self, from: &str, directory: &str, include: &Include) -> Environment {
        let mut env = self.caller.clone();
        let mut read = |expansion: &mut Self, range: Range<usize>| {
            let more = dotenv::environment(
                expansion.text,
                range,
                expansion.caller,
                &mut expansion.problems,
            );
            env.extend(more);
        };
        if include.env_files.is_empty() {
            if let Some(range) = self.layout.range_of(&resolve_in(directory, ".env")) {
                read(self, range);
            }
        }
        for env_file in &include.env_files {
            if let Some(range) = self.find(from, env_file, "env_file") {
                read(self, range);
            }
        }
        env
    }

    /// The bytes of the file `path` names (relative to the directory `from`), or a
    /// problem at it.
    fn find(&mut self, from: &str, path: &Setting<String>, key: &str) -> Option<Range<usize>> {
        let wanted = resolve_in(from, &written(path));
        let range = self.layout.range_of(&wanted);
        if range.is_none() {
            self.problem(
                path,
                format!("`{key}`: the project has no file `{wanted}` (give it with the project's files)"),
            );
        }
        range
    }

    fn problem(&mut self, at: &Setting<String>, message: String) {
        self.report(at.span, message);
    }

    fn report(&mut self, at: Span, message: String) {
        self.problems
            .push(InputProblem::new(InputCode::InvalidValue, at, message));
    }
}

/// A path as interpolated, or as written when a variable in it is unknown.
fn written(path: &Setting<String>) -> String {
    path.value.clone().unwrap_or_else(|| path.raw.clone())
}
