//! `include:`: the files a Compose file includes, each read with the variables of its
//! own dotenv files, come before it in the merge order (recursively).

use super::dotenv;
use super::locate::{resolve_path, Layout};
use crate::compose::{self, Include, SourceFile};
use crate::model::{Environment, InputCode, InputProblem, Limits, Setting};
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
        }
    }

    /// The files in merge order with their variables, and the problems found.
    pub fn finish(self) -> (Vec<(Range<usize>, Environment)>, Vec<InputProblem>) {
        (self.ordered, self.problems)
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
        let from = self.layout.file_of(range.start).to_string();
        for include in includes {
            let included_env = self.environment(&from, &include);
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
                self.add(range, included_env.clone());
            }
        }
        self.visiting.pop();
        self.ordered.push((range, env));
    }

    /// The variables of an include's files: its `env_file`s, or else the `.env` of
    /// its project directory, under the caller's.
    fn environment(&mut self, from: &str, include: &Include) -> Environment {
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
            let directory = match &include.project_directory {
                Some(directory) => resolve_path(from, &written(directory)),
                None => resolve_path(from, &written(&include.paths[0]))
                    .rsplit_once('/')
                    .map_or(String::new(), |(directory, _)| directory.to_string()),
            };
            let dotenv = if directory.is_empty() {
                ".env".to_string()
            } else {
                format!("{directory}/.env")
            };
            if let Some(range) = self.layout.range_of(&dotenv) {
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

    /// The bytes of the file `path` names (relative to `from`), or a problem at it.
    fn find(&mut self, from: &str, path: &Setting<String>, key: &str) -> Option<Range<usize>> {
        let wanted = resolve_path(from, &written(path));
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
        self.problems
            .push(InputProblem::new(InputCode::InvalidValue, at.span, message));
    }
}

/// A path as interpolated, or as written when a variable in it is unknown.
fn written(path: &Setting<String>) -> String {
    path.value.clone().unwrap_or_else(|| path.raw.clone())
}
