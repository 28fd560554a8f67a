//! Compose front-end: YAML with positions → containers.
//!
//! [`yaml`] builds a spanned tree (anchors, aliases and merge keys resolved, hostile
//! input bounded); [`lower`] turns each service into a [`Container`], interpolating
//! values with [`interpolate`]; later YAML documents and [`extends`] combine services
//! with [`merge`].

use crate::knowledge::compose_keys::TOP_LEVEL_KEYS;
use crate::model::{Container, Setting};
use crate::model::{Environment, FrontEnd, Limits};
use crate::model::{InputCode, InputProblem};
use crate::span::Span;
use crate::suggest::did_you_mean;
use crate::values::SpannedText;
use lower::{Lowering, Service, TopLevel};
use std::collections::HashMap;
use yaml::{Entry, Node};

mod comments;
pub mod edit;
mod extends;
mod interpolate;
mod lower;
mod merge;
mod yaml;

/// Reads a Compose file; `env` holds the values of `${VAR}` (a variable missing from
/// it is unset, and a value depending on it unknown).
pub fn parse(text: &str, env: &Environment, limits: &Limits) -> FrontEnd {
    // A single file cannot see the file an `extends: {file}` names: that base is
    // left out.
    let unknown_files = |_: Span, _: &str, _: &str| None;
    let whole = SourceFile {
        range: 0..text.len(),
        env,
    };
    parse_files(text, &[whole], limits, &unknown_files)
}

/// One Compose file in a text that holds several: its bytes (from a line start) and
/// the variables its `${VAR}` read.
pub struct SourceFile<'a> {
    pub range: std::ops::Range<usize>,
    pub env: &'a Environment,
}

/// Finds the base of `extends: {file, service}`: given where the `file` value is
/// written, the path and the service's name, the service as its own file resolves it;
/// `None` when the file is beyond what the caller can see, an error (reported at the
/// path) when it is missing or has no such service.
pub type ExtendsFile<'a> = &'a dyn Fn(Span, &str, &str) -> Option<Result<Container, String>>;

/// Reads several Compose files held in one text, each at its byte range (starting at
/// a line start): later files apply over earlier ones as later YAML documents do, and
/// every span points into `text`. A syntax error drops only the file it is in.
pub fn parse_files(
    text: &str,
    files: &[SourceFile],
    limits: &Limits,
    extends_file: ExtendsFile,
) -> FrontEnd {
    let mut documents = Vec::new();
    let mut problems = Vec::new();
    for (at, file) in files.iter().enumerate() {
        let (file_documents, file_problems) = yaml::parse(&text[file.range.clone()], limits);
        documents.extend(file_documents.into_iter().map(|mut document| {
            document.shift(file.range.start);
            (document, file.env, at)
        }));
        problems.extend(file_problems.into_iter().map(|mut problem| {
            problem.span = Span::new(
                problem.span.start as usize + file.range.start,
                problem.span.end as usize + file.range.start,
            );
            problem
        }));
    }
    // `name: !reset` removes a service an earlier document or file defined.
    let removed: Vec<Vec<String>> = documents
        .iter()
        .map(|(document, _, _)| reset_services(document))
        .collect();
    documents
        .iter_mut()
        .for_each(|(document, _, _)| document.drop_resets_keeping_service_keys());
    let mut roots = Vec::new();
    for ((document, env, file), removed) in documents.iter().zip(&removed) {
        match document.as_mapping() {
            Some(entries) => roots.push((document, entries, *env, removed, *file)),
            None if document.is_null() => {}
            None => problems.push(InputProblem::new(
                InputCode::NotAComposeFile,
                first_line(text, document.span),
                format!(
                    "the top level is {}, but a Compose file is a mapping with `services:`",
                    document.kind_name()
                ),
            )),
        }
    }

    // Named volumes, secrets and configs first: a service may use one defined in any
    // document.
    let mut top_level = TopLevel::default();
    for (root, _, env, _, _) in &roots {
        let none = TopLevel::default();
        let mut lowering = Lowering {
            text,
            env,
            top_level: &none,
            problems: &mut problems,
        };
        lowering.top_level(root, &mut top_level);
    }

    let mut services: Vec<Service> = Vec::new();
    let mut service_index = HashMap::new();
    // The services of the file being read: Compose resolves a file's `extends` before
    // later files apply over it.
    let mut file_services: Vec<Service> = Vec::new();
    let mut file_service_index = HashMap::new();
    let mut current_file = None;
    let mut has_services = false;
    for (root, _, env, removed, file) in &roots {
        if current_file != Some(*file) {
            let done = std::mem::take(&mut file_services);
            file_service_index.clear();
            for service in resolve_extends(done, limits, &mut problems) {
                add_document_service(&mut services, &mut service_index, service);
            }
            current_file = Some(*file);
        }
        if !removed.is_empty() {
            remove_services(&mut services, &mut service_index, removed);
            remove_services(&mut file_services, &mut file_service_index, removed);
        }
        let Some(node) = root.get("services") else {
            continue;
        };
        let mut lowering = Lowering {
            text,
            env,
            top_level: &top_level,
            problems: &mut problems,
        };
        has_services = true;
        let Some(service_entries) = services_of(node, &mut lowering) else {
            continue;
        };
        for entry in service_entries {
            if entry.key_str().is_some_and(|k| k.starts_with("x-")) {
                continue;
            }
            if services.len() + file_services.len() == limits.services {
                lowering.problems.push(InputProblem::new(
                    InputCode::InputLimitExceeded,
                    entry.key.span,
                    format!(
                        "only the first {} services are analysed; this one and those after it are not",
                        limits.services
                    ),
                ));
                break;
            }
            if let Some(mut service) = lowering.service(entry) {
                inherit_from_file(&mut service, extends_file, lowering.problems);
                add_document_service(&mut file_services, &mut file_service_index, service);
            }
        }
    }
    if has_services {
        for (_, entries, _, _, _) in &roots {
            let top_level = || TOP_LEVEL_KEYS.iter().copied();
            problems.extend(unknown_keys(entries, "a top-level", top_level));
        }
    } else if let Some((root, entries, _, _, _)) = roots.first() {
        // A file without `services` is not Compose: its keys are not misspelt ones.
        problems.push(missing_services(root, entries));
    }
    for service in resolve_extends(file_services, limits, &mut problems) {
        add_document_service(&mut services, &mut service_index, service);
    }
    let containers = services
        .into_iter()
        .map(|service| service.container)
        .collect();
    FrontEnd {
        containers,
        problems,
        comments: comments::comments(text),
    }
}

/// The entries of `services:`; `None` (reported) when it is not a mapping.
fn services_of<'n>(node: &'n Node, lowering: &mut Lowering) -> Option<&'n [Entry]> {
    if node.is_null() {
        return None;
    }
    if let Some(entries) = node.as_mapping() {
        return Some(entries);
    }
    lowering.problems.push(InputProblem::new(
        InputCode::NotAComposeFile,
        node.span,
        format!(
            "`services` must be a mapping of service names to their settings, not {}",
            node.kind_name()
        ),
    ));
    None
}

/// One entry of a file's top-level `include:` (interpolated, spans into the text).
#[derive(Clone, Debug, PartialEq)]
pub struct Include {
    /// The Compose files it includes, merged as one application.
    pub paths: Vec<Setting<String>>,
    /// Where the included files' relative paths start (default: the first one's
    /// directory).
    pub project_directory: Option<Setting<String>>,
    /// The dotenv files the included files interpolate from (default: the `.env` of
    /// the project directory).
    pub env_files: Vec<Setting<String>>,
}

/// Runs `read` over the YAML documents of the file at `file` of `text` (their spans
/// pointing into `text`) with a lowering that reports into `problems`, for what is
/// read of a file before the project is put together. Syntax errors are left to
/// [`parse_files`].
fn read_file<T>(
    text: &str,
    file: &SourceFile,
    limits: &Limits,
    problems: &mut Vec<InputProblem>,
    read: impl FnOnce(&[Node], &mut Lowering) -> T,
) -> T {
    let (mut documents, _) = yaml::parse(&text[file.range.clone()], limits);
    for document in &mut documents {
        document.shift(file.range.start);
    }
    let none = TopLevel::default();
    let mut lowering = Lowering {
        text,
        env: file.env,
        top_level: &none,
        problems,
    };
    read(&documents, &mut lowering)
}

/// The `include:` entries of the file at `file` of `text`, in the short form (a path)
/// and the long one (`path`, `project_directory`, `env_file`); a malformed entry is
/// reported. Syntax errors are left to [`parse_files`].
pub fn includes(
    text: &str,
    file: &SourceFile,
    limits: &Limits,
    problems: &mut Vec<InputProblem>,
) -> Vec<Include> {
    read_file(text, file, limits, problems, |documents, lowering| {
        let mut found = Vec::new();
        for document in documents {
            let Some(entries) = document.get("include") else {
                continue;
            };
            for entry in lowering.list("include", entries) {
                let include = if entry.as_mapping().is_some() {
                    let mut setting = |key: &str| {
                        let node = entry.get(key)?;
                        Some(lower::one_or_list_settings(lowering, key, node))
                    };
                    Include {
                        paths: setting("path").unwrap_or_default(),
                        env_files: setting("env_file").unwrap_or_default(),
                        project_directory: entry
                            .get("project_directory")
                            .and_then(|node| lowering.setting("project_directory", node)),
                    }
                } else {
                    Include {
                        paths: lowering.setting("include", entry).into_iter().collect(),
                        project_directory: None,
                        env_files: Vec::new(),
                    }
                };
                if include.paths.is_empty() {
                    lowering.problems.push(InputProblem::new(
                        InputCode::InvalidValue,
                        entry.span,
                        "an `include` entry needs a `path`",
                    ));
                    continue;
                }
                found.push(include);
            }
        }
        found
    })
}

/// A service a file defines: its name, where the name is written, and the text of
/// its definition.
#[derive(Clone, Debug, PartialEq)]
pub struct ServiceDefinition {
    pub name: String,
    pub name_span: Span,
    pub body: Span,
}

/// The services the file at `file` of `text` defines, document by document. Syntax
/// errors are left to [`parse_files`].
pub fn service_definitions(
    text: &str,
    file: &SourceFile,
    limits: &Limits,
) -> Vec<ServiceDefinition> {
    let mut problems = Vec::new();
    read_file(text, file, limits, &mut problems, |documents, _| {
        let services = documents
            .iter()
            .filter_map(|document| document.get("services")?.as_mapping());
        services
            .flatten()
            .filter_map(|service| {
                Some(ServiceDefinition {
                    name: service.key_str()?.to_string(),
                    name_span: service.key.span,
                    body: service.value.span,
                })
            })
            .collect()
    })
}

/// A service's `env_file` entry: the dotenv file whose variables go into the
/// container's environment (never into the model).
#[derive(Clone, Debug, PartialEq)]
pub struct EnvFile {
    pub path: Setting<String>,
    /// `required: false` lets the file be missing.
    pub required: bool,
}

/// The `env_file` entries of the services of the file at `file` of `text` (a path, a
/// list of paths, or of `{path, required}`). Syntax errors are left to [`parse_files`].
pub fn env_files(
    text: &str,
    file: &SourceFile,
    limits: &Limits,
    problems: &mut Vec<InputProblem>,
) -> Vec<EnvFile> {
    read_file(text, file, limits, problems, |documents, lowering| {
        let mut found = Vec::new();
        for document in documents {
            let services = document.get("services").and_then(Node::as_mapping);
            for service in services.unwrap_or_default() {
                let entries = service.value.get("env_file").map(lower::one_or_list);
                for entry in entries.unwrap_or_default() {
                    let path = entry.get("path").unwrap_or(entry);
                    let Some(path) = lowering.setting("env_file", path) else {
                        continue;
                    };
                    let required = entry
                        .get("required")
                        .and_then(|node| lowering.boolean("required", node))
                        .and_then(|setting| setting.value)
                        .unwrap_or(true);
                    found.push(EnvFile { path, required });
                }
            }
        }
        found
    })
}

/// A path a Compose file names another file by, as written.
#[derive(Clone, Debug, PartialEq)]
pub struct Reference {
    pub path: String,
    /// For an included file, where its own relative paths start (`project_directory`).
    pub project_directory: Option<String>,
}

/// The paths a Compose file names other files by, as written: the `file` of each
/// service's `extends` and its `env_file`s, the `path`s and `env_file`s of `include`,
/// for a caller that gathers a project's files.
pub fn referenced_files(text: &str, limits: &Limits) -> Vec<Reference> {
    let (documents, _) = yaml::parse(text, limits);
    let mut paths = Vec::new();
    let scalars = |node: &Node| -> Vec<String> {
        let items = node.as_sequence().unwrap_or(std::slice::from_ref(node));
        items
            .iter()
            .filter_map(|item| item.as_scalar().filter(|s| !s.is_null()))
            .map(|scalar| scalar.value.clone())
            .collect()
    };
    let entries = documents
        .iter()
        .filter_map(|document| document.get("include")?.as_sequence());
    let plain = |path: String| Reference {
        path,
        project_directory: None,
    };
    for entry in entries.flatten() {
        if entry.as_mapping().is_some() {
            let project_directory = entry
                .get("project_directory")
                .and_then(Node::as_scalar)
                .map(|directory| directory.value.clone());
            for path in entry.get("path").map(scalars).unwrap_or_default() {
                let project_directory = project_directory.clone();
                paths.push(Reference {
                    path,
                    project_directory,
                });
            }
            let env_files = entry.get("env_file").map(scalars).unwrap_or_default();
            paths.extend(env_files.into_iter().map(plain));
        } else {
            paths.extend(scalars(entry).into_iter().map(plain));
        }
    }
    let services = documents
        .iter()
        .filter_map(|document| document.get("services")?.as_mapping());
    for service in services.flatten() {
        let file = service.value.get("extends").and_then(|e| e.get("file"));
        if let Some(path) = file.and_then(Node::as_scalar).filter(|p| !p.is_null()) {
            paths.push(plain(path.value.clone()));
        }
        let env_files = service.value.get("env_file").map(lower::one_or_list);
        for env_file in env_files.unwrap_or_default() {
            let named = scalars(env_file.get("path").unwrap_or(env_file));
            paths.extend(named.into_iter().map(plain));
        }
    }
    paths
}

/// One file's services with their `extends` applied, keeping the tags that let them
/// replace what earlier files set.
fn resolve_extends(
    services: Vec<Service>,
    limits: &Limits,
    problems: &mut Vec<InputProblem>,
) -> Vec<Service> {
    let containers = extends::resolve(&services, limits.inherited_bytes, problems);
    services
        .into_iter()
        .zip(containers)
        .map(|(service, container)| Service {
            container,
            extends: None,
            extends_file: None,
            replaced: service.replaced,
        })
        .collect()
}

/// Drops the services named in `removed`.
fn remove_services(
    services: &mut Vec<Service>,
    index: &mut HashMap<String, usize>,
    removed: &[String],
) {
    services.retain(|service| !removed.contains(&service.container.name));
    *index = services
        .iter()
        .enumerate()
        .map(|(at, service)| (service.container.name.clone(), at))
        .collect();
}

/// The services a document tags `!reset`.
fn reset_services(document: &Node) -> Vec<String> {
    let Some(services) = document.get("services").and_then(Node::as_mapping) else {
        return Vec::new();
    };
    services
        .iter()
        .filter(|service| service.value.tag.as_deref() == Some("reset"))
        .filter_map(|service| service.key_str().map(str::to_string))
        .collect()
}

/// Applies the service's own settings over the base `extends: {file}` names.
fn inherit_from_file(
    service: &mut Service,
    extends_file: ExtendsFile,
    problems: &mut Vec<InputProblem>,
) {
    let Some((file, base)) = service.extends_file.take() else {
        return;
    };
    let (Some(path), Some(base_name)) = (file.value.as_deref(), base.value.as_deref()) else {
        return;
    };
    match extends_file(file.span, path, base_name) {
        None => {}
        Some(Ok(base)) => {
            let placeholder =
                Container::new("", Span::default(), Span::default(), base.origin.clone());
            let own = std::mem::replace(&mut service.container, placeholder);
            service.container = merge::merge(base, own, &service.replaced);
        }
        Some(Err(message)) => problems.push(
            InputProblem::new(InputCode::InvalidValue, file.span, message)
                .in_container(&service.container.name),
        ),
    }
}

/// A service of a later document overrides the one of the same name before it.
fn add_document_service(
    services: &mut Vec<Service>,
    index: &mut HashMap<String, usize>,
    later: Service,
) {
    let Some(&at) = index.get(&later.container.name) else {
        index.insert(later.container.name.clone(), services.len());
        services.push(later);
        return;
    };
    let earlier = &mut services[at];
    let placeholder = Container::new(
        "",
        Span::default(),
        Span::default(),
        later.container.origin.clone(),
    );
    let container = std::mem::replace(&mut earlier.container, placeholder);
    earlier.container = merge::merge(container, later.container, &later.replaced);
    earlier.extends = later.extends.or(earlier.extends.take());
    earlier.replaced.extend(later.replaced);
}

/// Interpolates `value`, written at `span` (byte for byte when `verbatim`), as a
/// Compose file's values are: for the values of a project's `.env`.
pub fn interpolate_value(
    value: &str,
    span: Span,
    verbatim: bool,
    env: &Environment,
    problems: &mut Vec<InputProblem>,
) -> SpannedText {
    let scalar = yaml::Scalar {
        value: value.to_string(),
        style: yaml::Style::Plain,
        pieces: vec![yaml::Piece {
            len: value.len(),
            source: span,
            verbatim,
        }],
    };
    interpolate::interpolate(&scalar, span, env, problems)
}

/// SYN-002 for a mapping without `services`, recognising the legacy v1 format that
/// put services at the top level.
/// An input problem for each key of `entries` that Compose does not know (`x-`
/// extension keys aside): Compose refuses such a file, so the setting meant is
/// not there once the file is made to load by deleting the key.
pub(crate) fn unknown_keys<'e, Known>(
    entries: &'e [Entry],
    what: &'e str,
    known: impl Fn() -> Known + 'e,
) -> impl Iterator<Item = InputProblem> + 'e
where
    Known: Iterator<Item = &'static str>,
{
    entries.iter().filter_map(move |entry| {
        let key = entry.key_str()?;
        if key.starts_with("x-") || known().any(|name| name == key) {
            return None;
        }
        let message = format!(
            "`{key}` is not {what} key of the Compose specification, so Compose refuses the file{}",
            did_you_mean(key, known())
        );
        Some(
            InputProblem::new(InputCode::UnknownKey, entry.key.span, message)
                .help("correct the key's spelling; keys for your own tools start with `x-`"),
        )
    })
}

fn missing_services(root: &Node, entries: &[Entry]) -> InputProblem {
    let span = entries.first().map_or(root.span, |e| e.key.span);
    let legacy = entries
        .iter()
        .any(|e| e.value.get("image").is_some() || e.value.get("build").is_some());
    let message = if legacy {
        "services are at the top level (the legacy v1 format); docker compose needs them under `services:`"
    } else {
        "there is no `services` mapping, so this is not a Compose file"
    };
    InputProblem::new(InputCode::NotAComposeFile, span, message)
}

/// From `span`'s start to the end of its line: where to point at a whole document.
fn first_line(text: &str, span: Span) -> Span {
    let start = span.start as usize;
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    Span::new(start, end.min(span.end as usize).max(start))
}
