// Each user (robustness test, property tests, fuzz targets) uses a different part.
#![allow(dead_code)]

//! Invariants every analysis must keep, whatever the input: shared by the
//! deterministic robustness test, the property tests and the fuzz targets
//! (`fuzz/` includes this file by path), so all three check the same things.
//!
//! - every diagnostic, related location and fix edit lies inside the text, on
//!   character boundaries, with line/UTF-16-column positions and UTF-16 offsets
//!   that agree with its byte range;
//! - no diagnostic is reported twice;
//! - a fix's edits do not overlap, and applying them yields text that analyses
//!   again without a panic;
//! - in a project, each of these holds in the file a position names.

use shipshape::config::{Config, Profile};
use shipshape::diagnostic::Diagnostic;
use shipshape::project::{Project, ProjectAnalysis, ProjectFile};
use shipshape::span::{LineIndex, Range, Utf16Range};
use shipshape::{analyze, Analysis, AnalyzeOptions, InputKind};

/// A broken invariant, described so that the failing input can be found again.
pub type Violation = String;

/// Checks `analysis` (of `text`) against every invariant.
pub fn check(text: &str, analysis: &Analysis) -> Result<(), Violation> {
    let index = LineIndex::new(text);
    let mut seen = std::collections::HashSet::new();
    for diagnostic in &analysis.diagnostics {
        let what = || format!("{} at {:?}", diagnostic.code, diagnostic.byte_range);
        located(
            text,
            &index,
            diagnostic.byte_range,
            &diagnostic.range,
            diagnostic.utf16_range,
        )
        .map_err(|e| format!("{}: {e}", what()))?;
        for related in &diagnostic.related {
            located(
                text,
                &index,
                related.byte_range,
                &related.range,
                related.utf16_range,
            )
            .map_err(|e| format!("{} related location: {e}", what()))?;
        }
        fix_applies(text, &index, diagnostic).map_err(|e| format!("{} fix: {e}", what()))?;
        let key = (
            diagnostic.code.clone(),
            diagnostic.byte_range,
            diagnostic.container.clone(),
            diagnostic.message.clone(),
        );
        if !seen.insert(key) {
            return Err(format!("{} reported twice", what()));
        }
    }
    Ok(())
}

/// Analyses `text` with `options`, checks the invariants and, for every fix, that
/// the fixed text analyses again (without checking that result further, which would
/// make one input cost as many analyses as it has fixes squared).
pub fn check_with_fixes(text: &str, options: &AnalyzeOptions) -> Result<Analysis, Violation> {
    let analysis = analyze(text, options);
    check(text, &analysis)?;
    for diagnostic in &analysis.diagnostics {
        if let Some(fixed) = apply_fix(text, diagnostic) {
            let again = analyze(&fixed, options);
            check(&fixed, &again)
                .map_err(|e| format!("after the fix of {}: {e}", diagnostic.code))?;
        }
    }
    Ok(analysis)
}

/// The text with the diagnostic's fix applied, if it has one.
pub fn apply_fix(text: &str, diagnostic: &Diagnostic) -> Option<String> {
    let fix = diagnostic.fix.as_ref()?;
    let mut edits: Vec<_> = fix.edits.iter().collect();
    edits.sort_by_key(|edit| edit.byte_range);
    let mut out = text.to_string();
    for edit in edits.iter().rev() {
        let [start, end] = edit.byte_range.map(|b| b as usize);
        out.replace_range(start..end, &edit.content);
    }
    Some(out)
}

fn located(
    text: &str,
    index: &LineIndex,
    bytes: [u32; 2],
    range: &Range,
    utf16: Utf16Range,
) -> Result<(), String> {
    let [start, end] = bytes.map(|b| b as usize);
    if start > end || end > text.len() {
        return Err(format!("range {start}..{end} outside {} bytes", text.len()));
    }
    if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return Err(format!("range {start}..{end} splits a character"));
    }
    let positions = (index.position(start), index.position(end));
    if positions != (range.start, range.end) {
        return Err(format!(
            "positions {:?} disagree with bytes {start}..{end} ({positions:?})",
            (range.start, range.end)
        ));
    }
    // Counted afresh rather than through the index, whose offsets are under test.
    let units = |offset: usize| text[..offset].encode_utf16().count() as u32;
    if (utf16.start, utf16.end) != (units(start), units(end)) {
        return Err(format!(
            "UTF-16 offsets {utf16:?} disagree with bytes {start}..{end}"
        ));
    }
    Ok(())
}

fn fix_applies(text: &str, index: &LineIndex, diagnostic: &Diagnostic) -> Result<(), String> {
    let Some(fix) = &diagnostic.fix else {
        return Ok(());
    };
    if fix.edits.is_empty() {
        return Err("a fix without edits".into());
    }
    let mut ranges: Vec<[u32; 2]> = Vec::new();
    for edit in &fix.edits {
        located(text, index, edit.byte_range, &edit.range, edit.utf16_range)?;
        ranges.push(edit.byte_range);
    }
    ranges.sort();
    for pair in ranges.windows(2) {
        // Two insertions at the same point are fine; anything sharing bytes is not.
        if pair[1][0] < pair[0][1] {
            return Err(format!("edits {:?} and {:?} overlap", pair[0], pair[1]));
        }
    }
    Ok(())
}

/// Checks a project's analysis against the invariants, each position against the
/// file it names: one entry per file read, every diagnostic, related location and
/// edit inside its file, no diagnostic twice in a file, a fix's edits apart in each
/// file. (The fixes are not applied: in a project they may span several files.)
pub fn check_project(project: &Project, analysis: &ProjectAnalysis) -> Result<(), Violation> {
    let read: Vec<&ProjectFile> = project
        .files
        .iter()
        .chain(&project.dotenv)
        .chain(&project.others)
        .collect();
    let names: Vec<&str> = analysis.files.iter().map(|f| f.name.as_str()).collect();
    let expected: Vec<&str> = read.iter().map(|f| f.name.as_str()).collect();
    if names != expected {
        return Err(format!("files {names:?}, expected {expected:?}"));
    }
    let text_of = |name: &Option<String>, own: &str| -> Result<String, String> {
        let name = name.as_deref().unwrap_or(own);
        read.iter()
            .find(|f| f.name == name)
            .map(|f| f.text.clone())
            .ok_or_else(|| format!("names `{name}`, not a file of the project"))
    };
    for (file, analysed) in read.iter().zip(&analysis.files) {
        let index = LineIndex::new(&file.text);
        let mut seen = std::collections::HashSet::new();
        for diagnostic in &analysed.diagnostics {
            let what = || {
                let at = diagnostic.byte_range;
                format!("{}: {} at {at:?}", file.name, diagnostic.code)
            };
            located(
                &file.text,
                &index,
                diagnostic.byte_range,
                &diagnostic.range,
                diagnostic.utf16_range,
            )
            .map_err(|e| format!("{}: {e}", what()))?;
            for related in &diagnostic.related {
                let text = text_of(&related.file, &file.name)?;
                let index = LineIndex::new(&text);
                located(
                    &text,
                    &index,
                    related.byte_range,
                    &related.range,
                    related.utf16_range,
                )
                .map_err(|e| format!("{} related location: {e}", what()))?;
            }
            if let Some(fix) = &diagnostic.fix {
                let mut ranges: Vec<(&str, [u32; 2])> = Vec::new();
                for edit in &fix.edits {
                    let text = text_of(&edit.file, &file.name)?;
                    let index = LineIndex::new(&text);
                    located(
                        &text,
                        &index,
                        edit.byte_range,
                        &edit.range,
                        edit.utf16_range,
                    )
                    .map_err(|e| format!("{} fix: {e}", what()))?;
                    ranges.push((edit.file.as_deref().unwrap_or(&file.name), edit.byte_range));
                }
                ranges.sort();
                for pair in ranges.windows(2) {
                    if pair[0].0 == pair[1].0 && pair[1].1[0] < pair[0].1[1] {
                        return Err(format!("{} fix: edits {pair:?} overlap", what()));
                    }
                }
            }
            let key = (
                diagnostic.code.clone(),
                diagnostic.byte_range,
                diagnostic.container.clone(),
                diagnostic.message.clone(),
            );
            if !seen.insert(key) {
                return Err(format!("{} reported twice", what()));
            }
        }
    }
    Ok(())
}

/// The names of the files after the Compose files and `.env`, in order.
const OTHER_FILES: [&str; 4] = ["base.yaml", "sub/compose.yaml", "app.env", "sub/.env"];

/// The project a fuzz input stands for (the project target and the saved regressions
/// read it alike): the first byte picks the profile, whether the second file is an
/// override (else a file to name), whether a `.env` follows and whether every Compose
/// profile is active; the rest is the files, separated by NUL bytes, under fixed names
/// that the files can name (`extends: {file}`, `include:`, `env_file`).
pub fn project_of(data: &[u8]) -> Option<(Project, AnalyzeOptions)> {
    let (&selector, rest) = data.split_first()?;
    let profile = Profile::ALL[usize::from(selector) % Profile::ALL.len()];
    let with_override = selector & 0x08 != 0;
    let with_dotenv = selector & 0x10 != 0;
    let all_profiles = selector & 0x20 != 0;

    let mut pieces = rest
        .split(|&byte| byte == 0)
        .map(|piece| String::from_utf8_lossy(piece).into_owned());
    let mut project = Project::default();
    let main = pieces.next().unwrap_or_default();
    project.files.push(ProjectFile::new("compose.yaml", main));
    if with_override {
        if let Some(text) = pieces.next() {
            let file = ProjectFile::new("compose.override.yaml", text);
            project.files.push(file);
        }
    }
    if with_dotenv {
        project.dotenv = pieces.next().map(|text| ProjectFile::new(".env", text));
    }
    for (name, text) in OTHER_FILES.iter().zip(pieces) {
        project.others.push(ProjectFile::new(*name, text));
    }
    if all_profiles {
        project.profiles.push("*".into());
    }
    let options = AnalyzeOptions {
        input: InputKind::Compose,
        config: Config {
            profile,
            ..Config::default()
        },
        ..AnalyzeOptions::default()
    };
    Some((project, options))
}
