//! The project's files laid end to end in one text, and positions in that text
//! turned back into positions in the file they fall in.

use super::FileAnalysis;
use crate::diagnostic::{Diagnostic, Edit, Related};
use crate::span::{LineIndex, Position, Range, Span};
use std::ops::Range as Bytes;

/// One file's place in the joined text.
struct Placed {
    name: String,
    start: usize,
    end: usize,
    /// Lines of the joined text before the file's first line.
    lines_before: u32,
    /// Where the file's relative paths start: its own directory, or the project
    /// directory of the `include` that brings it in.
    directory: String,
}

#[derive(Default)]
pub struct Layout {
    text: String,
    files: Vec<Placed>,
}

impl Layout {
    /// Appends a file, starting on a line of its own; returns its bytes in the text.
    pub fn push(&mut self, name: &str, text: &str) -> Bytes<usize> {
        let lines_before = self.text.matches('\n').count() as u32;
        let start = self.text.len();
        self.text.push_str(text);
        let end = self.text.len();
        if !text.ends_with('\n') {
            self.text.push('\n');
        }
        self.files.push(Placed {
            name: name.to_string(),
            start,
            end,
            lines_before,
            directory: directory_of(name).to_string(),
        });
        start..end
    }

    /// How many files are laid out.
    pub fn files(&self) -> usize {
        self.files.len()
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The index of the file holding `offset`: the last one starting at or before it
    /// (a line break added after a file belongs to it).
    fn index_of(&self, offset: usize) -> usize {
        self.files
            .partition_point(|file| file.start <= offset)
            .saturating_sub(1)
    }

    pub fn file_of(&self, offset: usize) -> &str {
        &self.files[self.index_of(offset)].name
    }

    /// The directory the relative paths of the file holding `offset` start from.
    pub fn directory_of(&self, offset: usize) -> &str {
        &self.files[self.index_of(offset)].directory
    }

    /// Makes the relative paths of the file starting at `start` start from `directory`.
    pub fn set_directory(&mut self, start: usize, directory: String) {
        let index = self.index_of(start);
        self.files[index].directory = directory;
    }

    /// The bytes of the file named `name` (compared with `.` and `..` resolved).
    pub fn range_of(&self, name: &str) -> Option<Bytes<usize>> {
        self.files
            .iter()
            .find(|file| normalize(&file.name) == name)
            .map(|file| file.start..file.end)
    }

    /// The diagnostics, each moved into the file it points at, with its related
    /// locations and edits naming their files; one entry per file, in order.
    pub fn localize(&self, diagnostics: Vec<Diagnostic>) -> Vec<FileAnalysis> {
        let indexes: Vec<LineIndex> = self
            .files
            .iter()
            .map(|file| LineIndex::new(&self.text[file.start..file.end]))
            .collect();
        let locator = Locator {
            layout: self,
            indexes,
        };
        let mut files: Vec<FileAnalysis> = self
            .files
            .iter()
            .map(|file| FileAnalysis {
                name: file.name.clone(),
                diagnostics: Vec::new(),
            })
            .collect();
        for diagnostic in diagnostics {
            let (index, diagnostic) = locator.diagnostic(diagnostic);
            files[index].diagnostics.push(diagnostic);
        }
        files
    }
}

/// `path` as named in the file `from`: relative to that file's directory, `/`
/// separated, with `.` and `..` resolved.
pub fn resolve_path(from: &str, path: &str) -> String {
    resolve_in(directory_of(from), path)
}

/// `path` relative to `directory` (`""` for the top), as [`resolve_path`].
pub fn resolve_in(directory: &str, path: &str) -> String {
    if path.starts_with('/') || directory.is_empty() {
        return normalize(path);
    }
    normalize(&format!("{directory}/{path}"))
}

/// The directory part of a file's path, `""` at the top.
pub fn directory_of(file: &str) -> &str {
    file.rfind('/').map_or("", |slash| &file[..slash.max(1)])
}

/// A path with `.` segments dropped and `..` taking the segment before it away
/// (kept at the start of a relative path).
fn normalize(path: &str) -> String {
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "." | "" if !segments.is_empty() || segment == "." => {}
            ".." if segments
                .last()
                .is_some_and(|last| *last != ".." && !last.is_empty()) =>
            {
                segments.pop();
            }
            _ => segments.push(segment),
        }
    }
    segments.join("/")
}

struct Locator<'a> {
    layout: &'a Layout,
    indexes: Vec<LineIndex<'a>>,
}

/// A span's place in one file.
struct Local {
    file: usize,
    span: Span,
    range: Range,
    utf16: crate::span::Utf16Range,
}

impl Locator<'_> {
    fn local(&self, span: Span) -> Local {
        let file = self.layout.index_of(span.start as usize);
        let placed = &self.layout.files[file];
        let clamp = |offset: u32| (offset as usize).clamp(placed.start, placed.end) - placed.start;
        let span = Span::new(clamp(span.start), clamp(span.end));
        let index = &self.indexes[file];
        Local {
            file,
            span,
            range: index.range(span),
            utf16: index.utf16_range(span),
        }
    }

    fn name(&self, file: usize) -> Option<String> {
        Some(self.layout.files[file].name.clone())
    }

    fn diagnostic(&self, mut diagnostic: Diagnostic) -> (usize, Diagnostic) {
        let local = self.local(diagnostic.span);
        diagnostic.span = local.span;
        diagnostic.range = local.range;
        diagnostic.byte_range = [local.span.start, local.span.end];
        diagnostic.utf16_range = local.utf16;
        for related in &mut diagnostic.related {
            self.related(related);
        }
        if let Some(fix) = &mut diagnostic.fix {
            for edit in &mut fix.edits {
                self.edit(edit);
            }
        }
        if let Some(suppressed) = &mut diagnostic.suppressed {
            // A suppression comment is written in the file of what it suppresses.
            let lines_before = self.layout.files[local.file].lines_before;
            let shift =
                |position: &mut Position| position.line -= lines_before.min(position.line - 1);
            shift(&mut suppressed.range.start);
            shift(&mut suppressed.range.end);
        }
        (local.file, diagnostic)
    }

    fn related(&self, related: &mut Related) {
        let global = Span {
            start: related.byte_range[0],
            end: related.byte_range[1],
        };
        let local = self.local(global);
        related.range = local.range;
        related.byte_range = [local.span.start, local.span.end];
        related.utf16_range = local.utf16;
        related.file = self.name(local.file);
    }

    fn edit(&self, edit: &mut Edit) {
        let local = self.local(edit.span);
        edit.span = local.span;
        edit.range = local.range;
        edit.byte_range = [local.span.start, local.span.end];
        edit.utf16_range = local.utf16;
        edit.file = self.name(local.file);
    }
}
