//! The crate's layers only point down, and no modules form a cycle.
//!
//! Reads every `crate::`, `$crate::`, `super::` and `self::` path in `src/`
//! (in `use` lines, grouped ones included, and in code), resolves it to the module
//! it names and checks the import against the layers, bottom to top:
//!
//! | layer       | modules                                   |
//! | ----------- | ----------------------------------------- |
//! | foundation  | `span`, `sort`, `suggest`, `work` (step counter), `json` (the writer of the wire types) |
//! | knowledge   | `knowledge` (data tables, no imports)     |
//! | model       | `model` (containers, input problems)      |
//! | diagnostics | `diagnostic` (severity, positions, fixes) |
//! | front-ends  | `compose`, `run`, and `values`, the value grammar both share |
//! | config      | `config` (profile, selectors, options)    |
//! | rules       | `rules` (the registry included)           |
//! | pipeline    | `analyze`, `fixes` (intents to text through the editors), `suppress`, `paths` (escape paths over the model and findings), `project` (several Compose files as one application) |
//! | report      | `report`, `harden` (hardened output and run → Compose conversion, from the rule results and the model) |
//! | surfaces    | `cli`, `wasm`, `docs`, the crate root, `bin/` |
//!
//! A module may import its own layer and the layers below it, with these limits:
//! the model imports only the foundation and knowledge; knowledge imports nothing of the
//! crate; a front-end imports neither the other front-end nor anything above the
//! model but `values`; the rules import no front-end; nothing but a surface
//! imports `cli` or `wasm`. Modules form no cycle at any level of the module tree
//! (files, and the directories that group them); a module naming its own
//! descendants only declares them and does not count.
//!
//! Test code (`#[cfg(test)]` items, such as `mod tests` and `rules/testing.rs`)
//! may drive the whole pipeline and is left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// One source file: its path below the crate (`src/rules/mod.rs`) and its text.
struct SourceFile {
    path: String,
    text: String,
}

/// One path in the code that names a module of the crate.
#[derive(Clone, Debug, PartialEq)]
struct Reference {
    /// The module of the file that holds it (`rules::mounts`).
    from: String,
    /// The module it names (`config`); empty for the crate root.
    to: String,
    path: String,
    line: usize,
    text: String,
}

impl Reference {
    fn describe(&self) -> String {
        format!("{}:{}: {}", self.path, self.line, self.text.trim())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Layer {
    Foundation,
    Knowledge,
    Model,
    Diagnostics,
    FrontEnd,
    Config,
    Rules,
    Pipeline,
    Report,
    Surface,
}

/// The layer of a module, from its first segment.
fn layer_of(module: &str) -> Layer {
    match top(module) {
        "span" | "sort" | "suggest" | "work" | "json" => Layer::Foundation,
        "knowledge" => Layer::Knowledge,
        "model" => Layer::Model,
        "diagnostic" => Layer::Diagnostics,
        "compose" | "run" | "values" => Layer::FrontEnd,
        "config" => Layer::Config,
        "rules" => Layer::Rules,
        "analyze" | "fixes" | "suppress" | "paths" | "project" => Layer::Pipeline,
        "report" | "harden" => Layer::Report,
        "cli" | "wasm" | "docs" | "" | "bin" => Layer::Surface,
        other => panic!("module `{other}` has no layer: add it to tests/layers.rs"),
    }
}

fn top(module: &str) -> &str {
    module.split("::").next().unwrap_or("")
}

/// What is wrong with an import, if anything: the first rule it breaks.
fn violation(reference: &Reference) -> Option<&'static str> {
    let (from, to) = (top(&reference.from), top(&reference.to));
    let (from_layer, to_layer) = (layer_of(from), layer_of(to));
    if from == to {
        return None;
    }
    let is_surface_module = |module: &str| matches!(module, "cli" | "wasm" | "" | "bin");
    if from_layer == Layer::Knowledge {
        return Some("knowledge imports nothing of the crate");
    }
    if from_layer == Layer::Model && to_layer > Layer::Knowledge {
        return Some("the model imports only the foundation and knowledge");
    }
    if from_layer == Layer::FrontEnd && to_layer == Layer::FrontEnd && to != "values" {
        return Some("one front-end imports another");
    }
    if from_layer == Layer::FrontEnd && to_layer > Layer::FrontEnd {
        return Some("a front-end imports rules, config, the pipeline or above");
    }
    if from_layer == Layer::Rules && to_layer == Layer::FrontEnd {
        return Some("a rule imports a front-end (rules read the model)");
    }
    if matches!(to, "cli" | "wasm") && !is_surface_module(from) {
        return Some("a core module imports the CLI or the wasm layer");
    }
    if to_layer > from_layer {
        return Some("an import points up");
    }
    None
}

/// Every rule broken in the files, one line each.
fn violations(files: &[SourceFile]) -> Vec<String> {
    references(files)
        .iter()
        .filter_map(|reference| {
            violation(reference).map(|rule| format!("{} ({rule})", reference.describe()))
        })
        .collect()
}

/// The module a file defines: `src/rules/mounts/mod.rs` → `rules::mounts`,
/// `src/lib.rs` → the root (empty), `src/bin/x.rs` → `bin`.
fn module_of(path: &str) -> String {
    let inner = path.strip_prefix("src/").unwrap_or(path);
    let inner = inner.strip_suffix(".rs").unwrap_or(inner);
    if inner == "lib" {
        return String::new();
    }
    if inner.starts_with("bin/") {
        return "bin".to_string();
    }
    let inner = inner.strip_suffix("/mod").unwrap_or(inner);
    inner.replace('/', "::")
}

/// The text with comments removed and string and character literals blanked, line
/// breaks kept, so that what remains is code.
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                out.push(blank(chars[i]));
                i += 1;
            }
            i += 2;
        } else if c == 'r' && matches!(next, Some('"' | '#')) && is_raw_string(&chars, i) {
            let hashes = chars[i + 1..].iter().take_while(|&&c| c == '#').count();
            i += 2 + hashes;
            let closing: String = std::iter::once('"')
                .chain("#".repeat(hashes).chars())
                .collect();
            while i < chars.len() && !chars[i..].starts_with(&closing.chars().collect::<Vec<_>>()) {
                out.push(blank(chars[i]));
                i += 1;
            }
            i += closing.len();
            out.push_str("\"\"");
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < chars.len() {
                    out.push(blank(chars[i]));
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' && is_char_literal(&chars, i) {
            i += 1;
            while i < chars.len() && chars[i] != '\'' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("' '");
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// `r"…"` or `r#"…"#` starting at `at` (and not the end of an identifier).
fn is_raw_string(chars: &[char], at: usize) -> bool {
    let starts_word = at == 0 || !(chars[at - 1].is_alphanumeric() || chars[at - 1] == '_');
    let hashes = chars[at + 1..].iter().take_while(|&&c| c == '#').count();
    starts_word && chars.get(at + 1 + hashes) == Some(&'"')
}

/// `'x'` or `'\n'` at `at`, as opposed to a lifetime (`'a`).
fn is_char_literal(chars: &[char], at: usize) -> bool {
    match chars.get(at + 1) {
        Some('\\') => true,
        Some(_) => chars.get(at + 2) == Some(&'\''),
        None => false,
    }
}

/// The code without its `#[cfg(test)]` items (each blanked up to its closing
/// brace or semicolon), and the names of the test-only modules it declares
/// (`#[cfg(test)] mod testing;`).
fn without_tests(code: &str) -> (String, Vec<String>) {
    const MARK: &str = "#[cfg(test)]";
    let mut out = code.to_string();
    let mut test_modules = Vec::new();
    let mut search = 0;
    while let Some(found) = code[search..].find(MARK) {
        let start = search + found;
        let item = &code[start + MARK.len()..];
        let declared = item.trim_start().trim_start_matches("pub ");
        let end_of_item = match (item.find('{'), item.find(';')) {
            (Some(open), semicolon) if semicolon.is_none_or(|semicolon| open < semicolon) => {
                let mut depth = 0;
                item[open..]
                    .char_indices()
                    .find_map(|(i, c)| {
                        match c {
                            '{' => depth += 1,
                            '}' => depth -= 1,
                            _ => {}
                        }
                        (depth == 0).then_some(open + i + 1)
                    })
                    .unwrap_or(item.len())
            }
            (_, Some(semicolon)) => {
                if let Some(name) = declared.strip_prefix("mod ") {
                    test_modules.push(identifier(name).to_string());
                }
                semicolon + 1
            }
            (_, None) => item.len(),
        };
        let end = start + MARK.len() + end_of_item;
        let blanked: String = code[start..end]
            .chars()
            .map(|c| if c == '\n' { '\n' } else { ' ' })
            .collect();
        out.replace_range(start..end, &blanked);
        search = end;
    }
    (out, test_modules)
}

/// The module a file declares with `mod name`, as a path.
fn child(module: &str, name: &str) -> String {
    if module.is_empty() {
        name.to_string()
    } else {
        format!("{module}::{name}")
    }
}

/// Every path of the crate's modules that the files' non-test code names, resolved.
fn references(files: &[SourceFile]) -> Vec<Reference> {
    let modules: BTreeSet<String> = files.iter().map(|f| module_of(&f.path)).collect();
    let macros = exported_macros(files);
    let mut code_of = BTreeMap::new();
    let mut test_only = BTreeSet::new();
    for file in files {
        let module = module_of(&file.path);
        let (code, test_modules) = without_tests(&code_only(&file.text));
        test_only.extend(test_modules.iter().map(|name| child(&module, name)));
        code_of.insert(file.path.clone(), code);
    }
    let mut found = Vec::new();
    for file in files {
        let module = module_of(&file.path);
        if test_only.iter().any(|test| is_within(&module, test)) {
            continue;
        }
        let code = &code_of[&file.path];
        let original: Vec<&str> = file.text.lines().collect();
        for (start, path, inline_depth) in crate_paths(code) {
            let Some(absolute) = absolute_path(&module, &path, inline_depth) else {
                continue;
            };
            let line = code[..start].matches('\n').count();
            found.push(Reference {
                from: module.clone(),
                to: resolve(&absolute, &modules, &macros),
                path: file.path.clone(),
                line: line + 1,
                text: original.get(line).unwrap_or(&"").to_string(),
            });
        }
    }
    found
}

/// Macros exported at the crate root (`#[macro_export]`), by the module that defines them.
fn exported_macros(files: &[SourceFile]) -> BTreeMap<String, String> {
    let mut macros = BTreeMap::new();
    for file in files {
        let code = code_only(&file.text);
        for (at, _) in code.match_indices("#[macro_export]") {
            let rest = &code[at..];
            if let Some(name) = rest
                .split_once("macro_rules!")
                .map(|(_, after)| identifier(after.trim_start()))
            {
                macros.insert(name.to_string(), module_of(&file.path));
            }
        }
    }
    macros
}

fn identifier(text: &str) -> &str {
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    &text[..end]
}

/// The paths that start with `crate`, `$crate`, `super` or `self`, as
/// `(byte offset, segments, depth of inline modules)`; `use` groups are expanded.
fn crate_paths(code: &str) -> Vec<(usize, Vec<String>, usize)> {
    let inline = inline_module_depths(code);
    let depth_at = |at: usize| {
        inline
            .iter()
            .filter(|(start, end)| *start <= at && at < *end)
            .count()
    };
    let mut paths = Vec::new();
    let bytes = code.as_bytes();
    let mut at = 0;
    while at < code.len() {
        let rest = &code[at..];
        let after_word =
            at == 0 || !(bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_');
        let root = ["$crate::", "crate::", "super::", "self::"]
            .into_iter()
            .find(|root| rest.starts_with(root));
        match root {
            Some(root) if after_word || root.starts_with('$') => {
                let length = path_length(rest);
                for path in expand(&rest[..length]) {
                    paths.push((at, path, depth_at(at)));
                }
                at += length.max(root.len());
            }
            _ => at += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    paths
}

/// How far a path runs: identifiers, `::`, and braced groups (`{a, b::c}`).
fn path_length(text: &str) -> usize {
    let mut depth = 0;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth > 0 => depth -= 1,
            '}' => return i,
            c if depth > 0 && (c.is_whitespace() || c == ',' || c == '*') => {}
            c if c.is_alphanumeric() || c == '_' || c == ':' || c == '$' => {}
            _ if depth > 0 => {}
            _ => return i,
        }
    }
    text.len()
}

/// The paths a `use` tree stands for: `crate::{a, b::{c, d as e}}` →
/// `crate::a`, `crate::b::c`, `crate::b::d`.
fn expand(tree: &str) -> Vec<Vec<String>> {
    let tree = tree.trim().trim_end_matches("::");
    let Some(open) = tree.find('{') else {
        let path = tree.split(" as ").next().unwrap_or(tree);
        let segments: Vec<String> = path
            .split("::")
            .map(|s| s.trim().trim_start_matches('$').to_string())
            .filter(|s| !s.is_empty() && s != "*")
            .collect();
        return vec![segments];
    };
    let prefix = tree[..open].trim_end_matches("::");
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    split_top_level(inner)
        .into_iter()
        .filter(|item| !item.trim().is_empty())
        .flat_map(|item| {
            let item = item.trim();
            let joined = if item == "self" {
                prefix.to_string()
            } else {
                format!("{prefix}::{item}")
            };
            expand(&joined)
        })
        .collect()
}

/// Splits a group's items at the commas outside nested braces.
fn split_top_level(text: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&text[start..]);
    items
}

/// The byte ranges of inline modules (`mod tests { … }`), whose `super` is the file's module.
fn inline_module_depths(code: &str) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let bytes = code.as_bytes();
    let mut search = 0;
    while let Some(found) = code[search..].find("mod ") {
        let at = search + found;
        search = at + 4;
        if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_') {
            continue;
        }
        let name = identifier(&code[at + 4..]);
        let after = code[at + 4 + name.len()..].trim_start();
        if name.is_empty() || !after.starts_with('{') {
            continue;
        }
        let open = code.len() - after.len();
        let mut depth = 0;
        for (i, c) in code[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        ranges.push((open, open + i));
                        break;
                    }
                }
                _ => {}
            }
        }
    }
    ranges
}

/// A path's segments from the crate root, `super` and `self` resolved against the
/// file's module (and the inline modules the path sits in); `None` for what leaves
/// the crate.
fn absolute_path(module: &str, path: &[String], inline_depth: usize) -> Option<Vec<String>> {
    let mut base: Vec<String> = module
        .split("::")
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect();
    let mut inline = inline_depth;
    let mut rest = path;
    match rest.first().map(String::as_str) {
        Some("crate") => {
            base.clear();
            rest = &rest[1..];
        }
        Some("self") => rest = &rest[1..],
        Some("super") => {
            while rest.first().map(String::as_str) == Some("super") {
                if inline > 0 {
                    inline -= 1;
                } else {
                    base.pop()?;
                }
                rest = &rest[1..];
            }
        }
        _ => return None,
    }
    base.extend(rest.iter().cloned());
    Some(base)
}

/// The module an absolute path names: its longest prefix that is a module, or
/// the module that defines the exported macro it names, or the crate root.
fn resolve(
    path: &[String],
    modules: &BTreeSet<String>,
    macros: &BTreeMap<String, String>,
) -> String {
    for length in (1..=path.len()).rev() {
        let candidate = path[..length].join("::");
        if modules.contains(&candidate) {
            return candidate;
        }
    }
    path.first()
        .and_then(|name| macros.get(name))
        .cloned()
        .unwrap_or_default()
}

fn is_within(module: &str, ancestor: &str) -> bool {
    ancestor.is_empty() || module == ancestor || module.starts_with(&format!("{ancestor}::"))
}

/// The module `module` belongs to at `depth` segments (`rules::mounts::x`, 2 → `rules::mounts`).
fn truncate(module: &str, depth: usize) -> String {
    module
        .split("::")
        .take(depth)
        .collect::<Vec<_>>()
        .join("::")
}

/// Every cycle among modules, at each level of the module tree, each printed as its
/// modules and the lines that close it.
fn cycles(references: &[Reference]) -> Vec<String> {
    let depth = references
        .iter()
        .flat_map(|r| [&r.from, &r.to])
        .map(|m| m.split("::").count())
        .max()
        .unwrap_or(0);
    let mut seen = BTreeSet::new();
    let mut found = Vec::new();
    for level in 1..=depth {
        let mut edges: BTreeMap<String, BTreeMap<String, &Reference>> = BTreeMap::new();
        for reference in references {
            let (from, to) = (
                truncate(&reference.from, level),
                truncate(&reference.to, level),
            );
            // A module naming itself, its ancestors' items or its own descendants is no dependency cycle.
            if is_within(&to, &from) || is_within(&from, &to) {
                continue;
            }
            edges
                .entry(from)
                .or_default()
                .entry(to)
                .or_insert(reference);
        }
        for component in strongly_connected(&edges) {
            if component.len() > 1 && seen.insert(component.clone()) {
                let lines: Vec<String> = component
                    .iter()
                    .flat_map(|from| edges.get(from).into_iter().flatten())
                    .filter(|(to, _)| component.contains(*to))
                    .map(|(to, reference)| {
                        format!("    {} → {to}: {}", reference.from, reference.describe())
                    })
                    .collect();
                let names: Vec<&str> = component.iter().map(String::as_str).collect();
                found.push(format!(
                    "cycle among {}:\n{}",
                    names.join(", "),
                    lines.join("\n")
                ));
            }
        }
    }
    found
}

/// Tarjan's strongly connected components of a graph given as adjacency maps.
fn strongly_connected<V>(edges: &BTreeMap<String, BTreeMap<String, V>>) -> Vec<BTreeSet<String>> {
    struct State<'a> {
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        components: Vec<BTreeSet<String>>,
    }
    fn visit<'a, V>(
        node: &'a str,
        edges: &'a BTreeMap<String, BTreeMap<String, V>>,
        state: &mut State<'a>,
    ) {
        let index = state.index.len();
        state.index.insert(node, index);
        state.low.insert(node, index);
        state.stack.push(node);
        state.on_stack.insert(node);
        for next in edges
            .get(node)
            .into_iter()
            .flat_map(|targets| targets.keys())
        {
            let next = next.as_str();
            if !state.index.contains_key(next) {
                visit(next, edges, state);
                let low = state.low[node].min(state.low[next]);
                state.low.insert(node, low);
            } else if state.on_stack.contains(next) {
                let low = state.low[node].min(state.index[next]);
                state.low.insert(node, low);
            }
        }
        if state.low[node] == state.index[node] {
            let mut component = BTreeSet::new();
            while let Some(member) = state.stack.pop() {
                state.on_stack.remove(member);
                component.insert(member.to_string());
                if member == node {
                    break;
                }
            }
            state.components.push(component);
        }
    }
    let mut state = State {
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        components: Vec::new(),
    };
    for node in edges.keys() {
        if !state.index.contains_key(node.as_str()) {
            visit(node, edges, &mut state);
        }
    }
    state.components
}

/// Lines under `src/rules/` that read the analysed text through the checker.
fn rule_reads_of_input_text(files: &[SourceFile]) -> Vec<String> {
    files
        .iter()
        .filter(|file| file.path.starts_with("src/rules/"))
        .flat_map(|file| {
            code_only(&file.text)
                .lines()
                .zip(file.text.lines())
                .enumerate()
                .filter(|(_, (code, _))| code.contains("checker.text") || code.contains(".text["))
                .map(|(index, (_, line))| format!("{}:{}: {}", file.path, index + 1, line.trim()))
                .collect::<Vec<_>>()
        })
        .collect()
}

fn source_files() -> Vec<SourceFile> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    let mut pending = vec![root.join("src")];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("src/ is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                files.push(SourceFile {
                    path: path
                        .strip_prefix(root)
                        .expect("below the crate")
                        .to_string_lossy()
                        .replace('\\', "/"),
                    text: std::fs::read_to_string(&path).expect("a readable source file"),
                });
            }
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

#[test]
fn imports_only_point_down() {
    let files = source_files();
    let references = references(&files);
    assert!(
        references.len() > 300,
        "only {} references found",
        references.len()
    );
    let problems = violations(&files);
    assert!(
        problems.is_empty(),
        "imports that break the layers:\n{}",
        problems.join("\n")
    );
}

#[test]
fn no_modules_form_a_cycle() {
    let cycles = cycles(&references(&source_files()));
    assert!(cycles.is_empty(), "{}", cycles.join("\n"));
}

#[test]
fn no_rule_reads_the_input_text() {
    let reads = rule_reads_of_input_text(&source_files());
    assert!(
        reads.is_empty(),
        "rules that read the input text:\n{}",
        reads.join("\n")
    );
}

/// The checker itself, on small made-up crates.
mod checker {
    use super::*;

    fn files(list: &[(&str, &str)]) -> Vec<SourceFile> {
        list.iter()
            .map(|(path, text)| SourceFile {
                path: path.to_string(),
                text: text.to_string(),
            })
            .collect()
    }

    /// Each reference as `from → to` (`config → ` for the crate root).
    fn targets(list: &[(&str, &str)]) -> Vec<String> {
        references(&files(list))
            .into_iter()
            .map(|r| format!("{} → {}", r.from, r.to))
            .collect()
    }

    #[test]
    fn files_map_to_modules() {
        assert_eq!(module_of("src/lib.rs"), "");
        assert_eq!(module_of("src/model.rs"), "model");
        assert_eq!(module_of("src/rules/mod.rs"), "rules");
        assert_eq!(
            module_of("src/rules/mounts/host_bind_mount.rs"),
            "rules::mounts::host_bind_mount"
        );
        assert_eq!(module_of("src/bin/shipshape.rs"), "bin");
    }

    #[test]
    fn grouped_uses_super_self_and_inline_paths_resolve() {
        let crate_files = [
            ("src/model.rs", ""),
            ("src/span.rs", ""),
            ("src/rules/mod.rs", "use crate::{model::Container, span::{self, Span}};\nfn f() { crate::config::Config::default(); }\n"),
            ("src/rules/mounts/mod.rs", "use super::Checker;\nuse self::x::Y;\n"),
            ("src/config.rs", "mod inner {\n    use super::*;\n    use super::super::rules::Rule;\n}\n"),
        ];
        assert_eq!(
            targets(&crate_files),
            [
                "rules → model",
                "rules → span",
                "rules → span",
                "rules → config",
                "rules::mounts → rules",
                "rules::mounts → rules::mounts",
                "config → config",
                "config → rules",
            ]
        );
    }

    #[test]
    fn test_code_is_left_out() {
        let crate_files = [
            ("src/rules/mod.rs", "#[cfg(test)]\npub mod testing;\nuse crate::model::Container;\n"),
            ("src/rules/testing.rs", "use crate::analyze::analyze;\n"),
            ("src/model.rs", "#[cfg(test)]\nmod tests {\n    use crate::analyze::analyze;\n    fn f() { if x { crate::report::y() } }\n}\nuse crate::span::Span;\n"),
            ("src/span.rs", ""),
            ("src/analyze.rs", ""),
            ("src/report.rs", ""),
        ];
        assert_eq!(targets(&crate_files), ["rules → model", "model → span",]);
    }

    #[test]
    fn comments_strings_and_macros_are_read_right() {
        let crate_files = [
            ("src/rules/mod.rs", "#[macro_export]\nmacro_rules! declare_rule { () => { $crate::diagnostic::Severity::High } }\n"),
            ("src/diagnostic.rs", ""),
            ("src/compose/mod.rs", "// use crate::rules::Rule;\nconst A: &str = \"crate::rules\";\nconst B: &str = r#\"crate::rules\"#;\nconst C: char = '{';\nuse crate::declare_rule;\n"),
        ];
        assert_eq!(
            targets(&crate_files),
            ["rules → diagnostic", "compose → rules",]
        );
    }

    #[test]
    fn each_forbidden_import_is_reported_with_its_line() {
        let crate_files = [
            ("src/knowledge/mod.rs", "use crate::span::Span;\n"),
            ("src/model.rs", "use crate::knowledge::Risk;\nuse crate::diagnostic::Severity;\n"),
            ("src/compose/mod.rs", "use crate::values::parse_bool;\nuse crate::run::flags;\nuse crate::rules::Finding;\n"),
            ("src/run/mod.rs", "use crate::analyze::Environment;\n"),
            ("src/rules/mod.rs", "use crate::compose::yaml;\nuse crate::config::Config;\n"),
            ("src/report.rs", "use crate::wasm::Options;\n"),
            ("src/config.rs", "use crate::rules::registry;\n"),
            ("src/cli.rs", "use crate::report::Report;\n"),
            ("src/span.rs", ""),
            ("src/values/mod.rs", ""),
            ("src/diagnostic.rs", ""),
            ("src/analyze.rs", ""),
            ("src/wasm.rs", ""),
        ];
        let mut found = violations(&files(&crate_files));
        found.sort();
        assert_eq!(
            found,
            [
                "src/compose/mod.rs:2: use crate::run::flags; (one front-end imports another)",
                "src/compose/mod.rs:3: use crate::rules::Finding; (a front-end imports rules, config, the pipeline or above)",
                "src/config.rs:1: use crate::rules::registry; (an import points up)",
                "src/knowledge/mod.rs:1: use crate::span::Span; (knowledge imports nothing of the crate)",
                "src/model.rs:2: use crate::diagnostic::Severity; (the model imports only the foundation and knowledge)",
                "src/report.rs:1: use crate::wasm::Options; (a core module imports the CLI or the wasm layer)",
                "src/rules/mod.rs:1: use crate::compose::yaml; (a rule imports a front-end (rules read the model))",
                "src/run/mod.rs:1: use crate::analyze::Environment; (a front-end imports rules, config, the pipeline or above)",
            ]
        );
    }

    #[test]
    fn cycles_are_found_at_every_level_but_parents_may_name_children() {
        let crate_files = [
            ("src/run/mod.rs", "use crate::run::shell::Word;\n"),
            ("src/run/argv.rs", "use super::shell::Word;\n"),
            (
                "src/run/shell.rs",
                "use super::invocation::x;\nuse super::Tool;\n",
            ),
            ("src/run/invocation.rs", "use super::argv;\n"),
            ("src/config.rs", "use crate::rules::registry;\n"),
            ("src/rules/mod.rs", ""),
            ("src/rules/registry.rs", ""),
            ("src/rules/capabilities.rs", "use crate::config::Options;\n"),
        ];
        let found = cycles(&references(&files(&crate_files)));
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(
            found[0].starts_with("cycle among config, rules:\n"),
            "{}",
            found[0]
        );
        assert!(
            found[0].contains("src/config.rs:1: use crate::rules::registry;"),
            "{}",
            found[0]
        );
        assert!(
            found[1].starts_with("cycle among run::argv, run::invocation, run::shell:\n"),
            "{}",
            found[1]
        );
    }

    #[test]
    fn reads_of_the_input_text_in_rules_are_listed() {
        let crate_files = [
            (
                "src/rules/mounts/mod.rs",
                "fn f(checker: &Checker) {\n    let t = &checker.text[1..];\n}\n",
            ),
            ("src/compose/mod.rs", "let t = checker.text;\n"),
        ];
        assert_eq!(
            rule_reads_of_input_text(&files(&crate_files)),
            ["src/rules/mounts/mod.rs:2: let t = &checker.text[1..];"]
        );
    }
}
