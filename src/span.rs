//! Byte spans into the user's text and their conversion to editor positions.
//!
//! Every value in the container model remembers the bytes it was written in.
//! Editors count columns in UTF-16 code units (VS Code, Monaco, CodeMirror), so the
//! conversion from bytes to 1-based line and UTF-16 column lives here, once.

use crate::json::{JsonWriter, ToJson};

/// Where the content of `text` starts: after a UTF-8 byte order mark, which editors on
/// Windows write and which is not part of the content. Positions keep counting it
/// (one UTF-16 unit, three bytes), so they still match the text the user sees.
pub fn content_start(text: &str) -> usize {
    if text.starts_with('\u{FEFF}') {
        '\u{FEFF}'.len_utf8()
    } else {
        0
    }
}

/// A half-open byte range `start..end` into the analysed text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start: start as u32,
            end: end.max(start) as u32,
        }
    }

    /// An empty span at `offset`, used for findings about something missing.
    pub fn at(offset: usize) -> Self {
        Span::new(offset, offset)
    }

    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// Whether `other` lies within this span.
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// A sub-span of this one, `from..to` counted in bytes from its start.
    pub fn slice(self, from: usize, to: usize) -> Span {
        let start = self.start as usize + from;
        Span::new(start, (self.start as usize + to).max(start))
    }

    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A 1-based line and a 1-based column counted in UTF-16 code units.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

/// Start and end positions of a span (end is exclusive, like the byte range).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Range {
    pub start: Position,
    pub end: Position,
}

/// `[start, end)` in UTF-16 code units from the start of the text: JavaScript string
/// indices, so `text.slice(start, end)` is the spanned text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Utf16Range {
    pub start: u32,
    pub end: u32,
}

impl ToJson for Position {
    fn write_json(&self, out: &mut JsonWriter) {
        out.object(&[("line", &self.line), ("column", &self.column)]);
    }
}

impl ToJson for Range {
    fn write_json(&self, out: &mut JsonWriter) {
        out.object(&[("start", &self.start), ("end", &self.end)]);
    }
}

impl ToJson for Utf16Range {
    fn write_json(&self, out: &mut JsonWriter) {
        out.object(&[("start", &self.start), ("end", &self.end)]);
    }
}

/// Precomputed line starts of a text, for byte → position conversion.
///
/// Every lookup is a binary search, so converting many spans on one long line stays
/// linear: columns are not counted from the line's start each time.
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    /// For each non-ASCII character: the byte offset just past it and how many more
    /// UTF-8 bytes than UTF-16 units the text holds up to there. Empty for ASCII text.
    wide: Vec<(usize, usize)>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let mut wide = Vec::new();
        if !text.is_ascii() {
            let mut surplus = 0;
            for (at, c) in text.char_indices().filter(|(_, c)| !c.is_ascii()) {
                surplus += c.len_utf8() - c.len_utf16();
                wide.push((at + c.len_utf8(), surplus));
            }
        }
        LineIndex {
            text,
            line_starts,
            wide,
        }
    }

    /// UTF-8 bytes minus UTF-16 units in the text before `offset` (a char boundary).
    fn surplus_before(&self, offset: usize) -> usize {
        match self.wide.partition_point(|&(end, _)| end <= offset) {
            0 => 0,
            n => self.wide[n - 1].1,
        }
    }

    /// Position of a byte offset; offsets inside a multi-byte character or past the
    /// end are clamped to the nearest character boundary before it.
    pub fn position(&self, offset: usize) -> Position {
        crate::work::add(1);
        let offset = self.char_boundary_at_or_before(offset);
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let column = offset - start - (self.surplus_before(offset) - self.surplus_before(start));
        Position {
            line: line as u32 + 1,
            column: column as u32 + 1,
        }
    }

    pub fn range(&self, span: Span) -> Range {
        Range {
            start: self.position(span.start as usize),
            end: self.position(span.end as usize),
        }
    }

    /// The UTF-16 offsets of a span, clamped like [`LineIndex::position`].
    pub fn utf16_range(&self, span: Span) -> Utf16Range {
        Utf16Range {
            start: self.utf16_offset(span.start as usize),
            end: self.utf16_offset(span.end as usize),
        }
    }

    fn utf16_offset(&self, offset: usize) -> u32 {
        let offset = self.char_boundary_at_or_before(offset);
        (offset - self.surplus_before(offset)) as u32
    }

    /// `offset`, or the character boundary before it when it falls inside a character
    /// or past the end.
    fn char_boundary_at_or_before(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// Byte offset where 1-based `line` starts (the text's end for lines past it).
    pub fn line_start(&self, line: u32) -> usize {
        self.line_starts
            .get(line.saturating_sub(1) as usize)
            .copied()
            .unwrap_or(self.text.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units() {
        let text = "a: 1\n😀é: x\n漢字 y";
        let index = LineIndex::new(text);
        assert_eq!(index.position(0), Position { line: 1, column: 1 });
        let x = text.find('x').unwrap();
        // 😀 is two UTF-16 units, é one, then ':' and ' '.
        assert_eq!(index.position(x), Position { line: 2, column: 6 });
        let y = text.find('y').unwrap();
        assert_eq!(index.position(y), Position { line: 3, column: 4 });
    }

    #[test]
    fn columns_after_wide_characters_on_earlier_lines_count_from_their_line() {
        let text = "é😀\nab😀c\nxyz";
        let index = LineIndex::new(text);
        let c = text.find('c').unwrap();
        assert_eq!(index.position(c), Position { line: 2, column: 5 });
        let z = text.find('z').unwrap();
        assert_eq!(index.position(z), Position { line: 3, column: 3 });
        assert_eq!(index.position(text.len()), Position { line: 3, column: 4 });
    }

    #[test]
    fn utf16_ranges_count_units_from_the_start_of_the_text() {
        let text = "a😀\né: x";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap();
        // a (1) 😀 (2) \n (1) é (1) : (1) space (1)
        assert_eq!(
            index.utf16_range(Span::new(x, x + 1)),
            Utf16Range { start: 7, end: 8 }
        );
        let emoji = text.find('😀').unwrap();
        assert_eq!(
            index.utf16_range(Span::new(emoji + 1, text.len() + 5)),
            Utf16Range { start: 1, end: 8 }
        );
    }

    #[test]
    fn offsets_inside_a_character_are_clamped() {
        let text = "é";
        let index = LineIndex::new(text);
        assert_eq!(index.position(1), Position { line: 1, column: 1 });
        assert_eq!(index.position(99), Position { line: 1, column: 2 });
    }

    #[test]
    fn span_helpers() {
        let span = Span::new(10, 20);
        assert_eq!(span.slice(2, 5), Span::new(12, 15));
        assert_eq!(span.cover(Span::new(5, 12)), Span::new(5, 20));
        assert!(Span::at(3).is_empty());
    }
}
