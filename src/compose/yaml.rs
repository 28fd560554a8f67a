//! A YAML tree with a source span on every node, built from `saphyr-parser` events.
//!
//! Why saphyr-parser: it is maintained, implements YAML 1.2 (so `22:22` and `on` stay
//! strings, as in compose-go) and reports a position for every event, aliases
//! included. serde_yaml is deprecated and drops positions, so we build our own tree.
//!
//! The tree resolves what the YAML layer owns: anchors and aliases (an alias is a
//! copy of the anchored node and keeps its spans, so findings point where the value is
//! written), `<<` merge keys, and limits against hostile input. Every scalar keeps a
//! map from its unquoted value back to the source bytes ([`Piece`]s) so interpolation
//! and value parsers can point inside it.

use crate::model::{oversized, shown_size, InputCode, InputProblem, Limits};
use crate::span::Span;
use saphyr_parser::{Event, Parser, ScalarStyle, Tag};
use std::collections::{HashMap, HashSet};

/// How a scalar was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Plain,
    /// Single- or double-quoted.
    Quoted,
    /// Literal `|` or folded `>`.
    Block,
}

/// A run of a scalar's value and the source bytes it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    /// Length of the run in the value, in bytes.
    pub len: usize,
    pub source: Span,
    /// The run is byte for byte the text at `source` (not an escape or a folded line break).
    pub verbatim: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Scalar {
    /// The value after unquoting, unescaping and folding.
    pub value: String,
    pub style: Style,
    /// Consecutive runs covering `value` exactly.
    pub pieces: Vec<Piece>,
}

impl Scalar {
    /// YAML 1.2 core-schema null: an empty plain scalar, `~` or `null`.
    pub fn is_null(&self) -> bool {
        self.style == Style::Plain
            && matches!(self.value.as_str(), "" | "~" | "null" | "Null" | "NULL")
    }

    /// The runs of `range` (byte offsets into `value`), each with its source span
    /// narrowed to the part of the run inside `range` when the run is verbatim.
    pub fn segments(
        &self,
        range: std::ops::Range<usize>,
    ) -> impl Iterator<Item = (std::ops::Range<usize>, Span, bool)> + '_ {
        let mut offset = 0;
        self.pieces.iter().filter_map(move |piece| {
            let piece_range = offset..offset + piece.len;
            offset += piece.len;
            let start = range.start.max(piece_range.start);
            let end = range.end.min(piece_range.end);
            if start >= end {
                return None;
            }
            let source = if piece.verbatim {
                piece
                    .source
                    .slice(start - piece_range.start, end - piece_range.start)
            } else {
                piece.source
            };
            Some((start..end, source, piece.verbatim))
        })
    }

    /// The source span covering `range` of the value.
    pub fn source_span(&self, range: std::ops::Range<usize>) -> Option<Span> {
        self.segments(range)
            .map(|(_, span, _)| span)
            .reduce(Span::cover)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    Scalar(Scalar),
    Sequence(Vec<Node>),
    Mapping(Vec<Entry>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    /// The node's text: a scalar with its quotes or block header, a collection from
    /// its first to its last character.
    pub span: Span,
    /// A local tag such as `!reset` or `!override`, without the `!`.
    pub tag: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: Node,
    pub value: Node,
    /// From the key to where the value is written (an alias's own `*name`, not the
    /// anchored text its node points at).
    pub span: Span,
}

impl Entry {
    /// The key's text when the key is a scalar.
    pub fn key_str(&self) -> Option<&str> {
        self.key.as_scalar().map(|s| s.value.as_str())
    }
}

impl Node {
    fn null_at(offset: usize) -> Node {
        Node {
            kind: NodeKind::Scalar(Scalar {
                value: String::new(),
                style: Style::Plain,
                pieces: Vec::new(),
            }),
            span: Span::at(offset),
            tag: None,
        }
    }

    /// Removes the entries and items tagged `!reset` below this node: Compose reads
    /// such a value as absent (compose-go `loader/reset.go`).
    pub fn drop_resets(&mut self) {
        let is_reset = |node: &Node| node.tag.as_deref() == Some("reset");
        match &mut self.kind {
            NodeKind::Mapping(entries) => {
                entries.retain(|entry| !is_reset(&entry.value));
                entries
                    .iter_mut()
                    .for_each(|entry| entry.value.drop_resets());
            }
            NodeKind::Sequence(items) => {
                items.retain(|item| !is_reset(item));
                items.iter_mut().for_each(Node::drop_resets);
            }
            NodeKind::Scalar(_) => {}
        }
    }

    /// Like [`Node::drop_resets`] for a Compose file, except that a service's own
    /// keys stay: their tag also clears what an earlier definition of the service
    /// set, which [`lower`](super::lower) records.
    pub fn drop_resets_keeping_service_keys(&mut self) {
        let NodeKind::Mapping(entries) = &mut self.kind else {
            return;
        };
        entries.retain(|entry| entry.value.tag.as_deref() != Some("reset"));
        for entry in entries {
            let services = entry.key_str() == Some("services");
            match &mut entry.value.kind {
                NodeKind::Mapping(services_entries) if services => {
                    services_entries
                        .retain(|service| service.value.tag.as_deref() != Some("reset"));
                    for service in services_entries {
                        match &mut service.value.kind {
                            NodeKind::Mapping(settings) => settings
                                .iter_mut()
                                .for_each(|setting| setting.value.drop_resets()),
                            _ => service.value.drop_resets(),
                        }
                    }
                }
                _ => entry.value.drop_resets(),
            }
        }
    }

    /// Moves every span `by` bytes later: the tree of a file read on its own, placed
    /// where the file starts in a text that holds several files.
    pub fn shift(&mut self, by: usize) {
        let by = by as u32;
        let move_span = |span: &mut Span| {
            span.start += by;
            span.end += by;
        };
        move_span(&mut self.span);
        match &mut self.kind {
            NodeKind::Scalar(scalar) => scalar
                .pieces
                .iter_mut()
                .for_each(|piece| move_span(&mut piece.source)),
            NodeKind::Sequence(items) => items.iter_mut().for_each(|item| item.shift(by as usize)),
            NodeKind::Mapping(entries) => {
                for entry in entries {
                    move_span(&mut entry.span);
                    entry.key.shift(by as usize);
                    entry.value.shift(by as usize);
                }
            }
        }
    }

    pub fn as_scalar(&self) -> Option<&Scalar> {
        match &self.kind {
            NodeKind::Scalar(scalar) => Some(scalar),
            _ => None,
        }
    }

    pub fn as_sequence(&self) -> Option<&[Node]> {
        match &self.kind {
            NodeKind::Sequence(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_mapping(&self) -> Option<&[Entry]> {
        match &self.kind {
            NodeKind::Mapping(entries) => Some(entries),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        self.as_scalar().is_some_and(Scalar::is_null)
    }

    /// The entry with this scalar key, when the node is a mapping.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.as_mapping()?.iter().find(|e| e.key_str() == Some(key))
    }

    /// The value under this scalar key, when the node is a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.value)
    }

    /// "a mapping", "a list", "a string": for messages about wrong types.
    pub fn kind_name(&self) -> &'static str {
        match &self.kind {
            NodeKind::Scalar(s) if s.is_null() => "empty",
            NodeKind::Scalar(_) => "a single value",
            NodeKind::Sequence(_) => "a list",
            NodeKind::Mapping(_) => "a mapping",
        }
    }

    /// What a copy of the node costs: its nodes, and the bytes of its scalars' values.
    fn size(&self) -> (usize, usize) {
        let add = |(nodes, bytes): (usize, usize), (more_nodes, more_bytes)| {
            (nodes + more_nodes, bytes + more_bytes)
        };
        match &self.kind {
            NodeKind::Scalar(scalar) => (1, scalar.value.len()),
            NodeKind::Sequence(items) => items.iter().map(Node::size).fold((1, 0), add),
            NodeKind::Mapping(entries) => entries
                .iter()
                .map(|e| add(e.key.size(), e.value.size()))
                .fold((1, 0), add),
        }
    }
}

/// Parses every YAML document of `text`; problems are SYN-001 and SYN-005 findings,
/// and SYN-004 for a tag on a scalar whose meaning is not applied.
/// On a syntax error no document is returned: the engine would refuse the file too.
pub fn parse(text: &str, limits: &Limits) -> (Vec<Node>, Vec<InputProblem>) {
    if let Some(problem) = oversized(text, limits) {
        return (Vec::new(), vec![problem]);
    }
    // saphyr refuses flow nesting past 255 levels, often before it emits the events
    // that would let us see the depth. Such a value is blanked out (same length, line
    // breaks kept, so every span still points into `text`) and the text parsed again:
    // the settings around it are still read.
    let mut blanked: Option<String> = None;
    let mut too_deep: Vec<InputProblem> = Vec::new();
    loop {
        let current = blanked.as_deref().unwrap_or(text);
        let mut builder = Builder::new(current, limits);
        let (offset, message) = match builder.run() {
            Ok(()) => {
                too_deep.extend(builder.problems);
                return (builder.documents, too_deep);
            }
            Err(error) => error,
        };
        if message == "recursion limit exceeded" {
            let (start, end) = deep_flow_value(current, offset);
            too_deep.push(InputProblem::new(
                InputCode::InputLimitExceeded,
                Span::at(start),
                format!(
                    "nesting deeper than {} levels is not analysed",
                    limits.depth
                ),
            ));
            if too_deep.len() > MAX_BLANKED_VALUES {
                return (Vec::new(), too_deep);
            }
            let mut text = current.to_string();
            blank(&mut text, start, end);
            blanked = Some(text);
            continue;
        }
        let end = current[offset..]
            .chars()
            .next()
            .map_or(offset, |c| offset + c.len_utf8());
        let mut problems = too_deep;
        problems.extend(
            builder
                .problems
                .into_iter()
                .filter(|p| p.code == InputCode::InputLimitExceeded),
        );
        problems.push(InputProblem::new(
            InputCode::InvalidYaml,
            Span::new(offset, end),
            format!("invalid YAML: {message}"),
        ));
        return (Vec::new(), problems);
    }
}

/// Flow values too deep for the parser that are blanked out before a file is given
/// up as a whole.
const MAX_BLANKED_VALUES: usize = 8;

/// The flow collection the parser gave up in at `offset`: from the first opening
/// bracket of the run of brackets it is in, to its closing bracket (or, unclosed, to
/// the end of the line the parser stopped on).
fn deep_flow_value(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let opening = |c: char| matches!(c, '[' | '{' | ',') || c.is_whitespace();
    let start = text[..offset]
        .char_indices()
        .rev()
        .take_while(|(_, c)| opening(*c))
        .filter(|(_, c)| matches!(c, '[' | '{'))
        .last()
        .map_or(offset, |(i, _)| i);
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in text[start..].char_indices() {
        match quote {
            Some('"') if escaped => escaped = false,
            Some('"') if c == '\\' => escaped = true,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                '"' | '\'' => quote = Some(c),
                '[' | '{' => depth += 1,
                ']' | '}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return (start, start + i + 1);
                    }
                }
                _ => {}
            },
        }
    }
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    (start, line_end.max(start))
}

/// Spaces in place of `text[start..end]`, line breaks kept: the same length and lines.
fn blank(text: &mut String, start: usize, end: usize) {
    let blanked: String = text[start..end]
        .chars()
        .flat_map(|c| {
            let width = c.len_utf8();
            let keep = matches!(c, '\n' | '\r');
            std::iter::repeat_n(if keep { c } else { ' ' }, if keep { 1 } else { width })
        })
        .collect();
    text.replace_range(start..end, &blanked);
}

/// Converts saphyr's character indexes to byte offsets.
struct Offsets {
    /// Byte offset of every character (plus the end), only for non-ASCII text.
    table: Option<Vec<u32>>,
    len: usize,
}

impl Offsets {
    fn new(text: &str) -> Self {
        let table = (!text.is_ascii()).then(|| {
            text.char_indices()
                .map(|(i, _)| i as u32)
                .chain([text.len() as u32])
                .collect()
        });
        Offsets {
            table,
            len: text.len(),
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        match &self.table {
            Some(table) => table.get(char_index).map_or(self.len, |&b| b as usize),
            None => char_index.min(self.len),
        }
    }
}

/// A collection being built.
struct Frame {
    /// Where its text starts (after anchor and tag).
    start: usize,
    /// Where the text of its latest child ends (for an alias, the `*name` itself).
    written_end: usize,
    anchor: usize,
    tag: Option<String>,
    kind: FrameKind,
}

enum FrameKind {
    Sequence(Vec<Node>),
    Mapping {
        entries: Vec<Entry>,
        /// The key waiting for its value.
        key: Option<Node>,
        /// The scalar keys so far, to refuse duplicates.
        seen: HashSet<String>,
    },
}

struct Builder<'a> {
    text: &'a str,
    offsets: Offsets,
    stack: Vec<Frame>,
    anchors: HashMap<usize, Node>,
    documents: Vec<Node>,
    problems: Vec<InputProblem>,
    /// Nodes and bytes of scalar values aliases may still copy; `None` once a limit was
    /// hit and reported.
    alias_budget: Option<(usize, usize)>,
    /// The limits `alias_budget` started from, for the message.
    alias_limits: (usize, usize),
    /// Deepest nesting of mappings and sequences read ([`Limits::depth`]).
    max_depth: usize,
    /// Nesting depth of a collection being skipped for exceeding `max_depth`.
    skipping: usize,
    /// End of the previous event, to find block scalar headers.
    last_end: usize,
}

type ParseError = (usize, String);

impl<'a> Builder<'a> {
    fn new(text: &'a str, limits: &Limits) -> Self {
        Builder {
            text,
            offsets: Offsets::new(text),
            stack: Vec::new(),
            anchors: HashMap::new(),
            documents: Vec::new(),
            problems: Vec::new(),
            alias_budget: Some((limits.alias_nodes, limits.alias_bytes)),
            alias_limits: (limits.alias_nodes, limits.alias_bytes),
            max_depth: limits.depth,
            skipping: 0,
            last_end: 0,
        }
    }

    fn run(&mut self) -> Result<(), ParseError> {
        let mut parser = Parser::new_from_str(self.text);
        while let Some(event) = parser.next_event() {
            let (event, span) =
                event.map_err(|e| (self.offsets.byte(e.marker().index()), e.info().to_string()))?;
            let start = self.offsets.byte(span.start.index());
            let end = self.offsets.byte(span.end.index());
            crate::work::add(1);
            self.on_event(event, start, end)?;
            self.last_end = end;
        }
        Ok(())
    }

    fn on_event(&mut self, event: Event, start: usize, end: usize) -> Result<(), ParseError> {
        if self.skipping > 0 {
            match event {
                Event::SequenceStart(..) | Event::MappingStart(..) => self.skipping += 1,
                Event::SequenceEnd | Event::MappingEnd => {
                    self.skipping -= 1;
                    if self.skipping == 0 {
                        self.attach(Node::null_at(end), 0, end)?;
                    }
                }
                _ => {}
            }
            return Ok(());
        }
        let is_sequence = matches!(event, Event::SequenceStart(..));
        match event {
            Event::DocumentStart(_) => self.anchors.clear(),
            Event::Scalar(value, style, anchor, tag) => {
                let node = self.scalar(
                    &value,
                    style,
                    tag.as_ref().map(|t| t.suffix.clone()),
                    start,
                    end,
                );
                if let Some(tag) = &tag {
                    self.unapplied_tag(tag, node.span);
                }
                let written_end = node.span.end as usize;
                self.attach(node, anchor, written_end)?;
            }
            Event::Alias(id) => {
                let node = self.alias(id, start, end)?;
                self.attach(node, 0, end)?;
            }
            Event::SequenceStart(anchor, tag) | Event::MappingStart(anchor, tag) => {
                let node_start = skip_properties(self.text, start);
                if self.stack.len() >= self.max_depth {
                    self.problems.push(InputProblem::new(
                        InputCode::InputLimitExceeded,
                        Span::at(node_start),
                        format!(
                            "nesting deeper than {} levels is not analysed",
                            self.max_depth
                        ),
                    ));
                    self.skipping = 1;
                    return Ok(());
                }
                let kind = if is_sequence {
                    FrameKind::Sequence(Vec::new())
                } else {
                    FrameKind::Mapping {
                        entries: Vec::new(),
                        key: None,
                        seen: HashSet::new(),
                    }
                };
                self.stack.push(Frame {
                    start: node_start,
                    written_end: node_start,
                    anchor,
                    tag: tag.map(|t| t.suffix.clone()),
                    kind,
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let frame = self.stack.pop().expect("parser balances collections");
                let flow = matches!(self.text.as_bytes().get(frame.start), Some(b'[' | b'{'));
                let kind = match frame.kind {
                    FrameKind::Sequence(items) => NodeKind::Sequence(items),
                    FrameKind::Mapping { entries, .. } => {
                        NodeKind::Mapping(self.merge_keys(entries))
                    }
                };
                let node_end = if flow { end } else { frame.written_end };
                let node = Node {
                    kind,
                    span: Span::new(frame.start, node_end),
                    tag: frame.tag,
                };
                self.attach(node, frame.anchor, node_end)?;
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
        }
        Ok(())
    }

    /// Puts a finished node, whose text here ends at `written_end`, into its parent,
    /// or makes it a document.
    fn attach(&mut self, node: Node, anchor: usize, written_end: usize) -> Result<(), ParseError> {
        if anchor > 0 {
            self.anchors.insert(anchor, node.clone());
        }
        let Some(frame) = self.stack.last_mut() else {
            self.documents.push(node);
            return Ok(());
        };
        frame.written_end = frame.written_end.max(written_end);
        match &mut frame.kind {
            FrameKind::Sequence(items) => items.push(node),
            FrameKind::Mapping { entries, key, seen } => match key.take() {
                None => *key = Some(node),
                Some(key) => {
                    let name = key.as_scalar().map(|k| k.value.as_str());
                    if let Some(name) = name.filter(|&n| n != "<<") {
                        if !seen.insert(name.to_string()) {
                            return Err((
                                key.span.start as usize,
                                format!("mapping key `{name}` is already defined"),
                            ));
                        }
                    }
                    let span = Span::new(key.span.start as usize, written_end);
                    entries.push(Entry {
                        key,
                        value: node,
                        span,
                    });
                }
            },
        }
        Ok(())
    }

    fn alias(&mut self, id: usize, start: usize, end: usize) -> Result<Node, ParseError> {
        let Some(node) = self.anchors.get(&id) else {
            return Err((
                start,
                "alias of a node that is not complete yet".to_string(),
            ));
        };
        let Some((nodes_left, bytes_left)) = self.alias_budget else {
            return Ok(Node::null_at(start));
        };
        // Each alias is a copy: a few aliases of a long value are as large as many of a
        // small one.
        let (nodes, bytes) = node.size();
        let (node_limit, byte_limit) = self.alias_limits;
        let exceeded = if nodes > nodes_left {
            format!("more than {node_limit} nodes")
        } else if bytes > bytes_left {
            format!("more than {} of values", shown_size(byte_limit))
        } else {
            self.alias_budget = Some((nodes_left - nodes, bytes_left - bytes));
            return Ok(node.clone());
        };
        self.alias_budget = None;
        self.problems.push(InputProblem::new(
            InputCode::InputLimitExceeded,
            Span::new(start, end),
            format!("aliases expand to {exceeded}; the rest is not analysed"),
        ));
        Ok(Node::null_at(start))
    }

    /// Replaces `<<` entries by the entries they merge in: explicit keys beat merged
    /// ones, and earlier mappings of a merge list beat later ones.
    fn merge_keys(&mut self, entries: Vec<Entry>) -> Vec<Entry> {
        let is_merge = |e: &Entry| {
            e.key
                .as_scalar()
                .is_some_and(|k| k.style == Style::Plain && k.value == "<<")
        };
        if !entries.iter().any(is_merge) {
            return entries;
        }
        let explicit: HashSet<String> = entries
            .iter()
            .filter(|e| !is_merge(e))
            .filter_map(|e| e.key_str().map(str::to_string))
            .collect();
        let mut taken: HashSet<String> = HashSet::new();
        let mut merged = Vec::with_capacity(entries.len());
        for entry in entries {
            if !is_merge(&entry) {
                merged.push(entry);
                continue;
            }
            let sources: Vec<Node> = match entry.value.kind {
                NodeKind::Mapping(_) => vec![entry.value],
                NodeKind::Sequence(items) => items,
                NodeKind::Scalar(ref s) if s.is_null() => Vec::new(),
                NodeKind::Scalar(_) => vec![entry.value],
            };
            for source in sources {
                let NodeKind::Mapping(source_entries) = source.kind else {
                    self.problems.push(InputProblem::new(
                        InputCode::InvalidYaml,
                        source.span,
                        "a merge key `<<` takes a mapping or a list of mappings",
                    ));
                    continue;
                };
                for inherited in source_entries {
                    let shadowed = inherited
                        .key_str()
                        .is_some_and(|k| explicit.contains(k) || !taken.insert(k.to_string()));
                    if !shadowed {
                        merged.push(inherited);
                    }
                }
            }
        }
        merged
    }

    /// Reports a tag on a scalar whose meaning shipshape does not apply: Compose's own
    /// `!reset` and `!override`, and the core tags of values read as written (`!!str`,
    /// `!!int`, …), are applied; `!!binary` is decoded by Compose and not here, and any
    /// other tag makes the engine refuse the value or read it differently.
    fn unapplied_tag(&mut self, tag: &Tag, span: Span) {
        let core = tag.is_yaml_core_schema();
        let suffix = tag.suffix.as_str();
        let applied = if core {
            matches!(suffix, "str" | "int" | "float" | "bool" | "null")
        } else {
            tag.handle == "!" && matches!(suffix, "reset" | "override")
        };
        if applied {
            return;
        }
        let written = if core {
            format!("!!{suffix}")
        } else {
            format!("{}{suffix}", tag.handle)
        };
        let message = if core && suffix == "binary" {
            format!("`{written}`: Compose decodes this value from base64, shipshape reads it as written")
        } else {
            format!(
                "`{written}` is not a tag Compose applies to a value: the engine refuses it or reads the value differently, and shipshape reads it as written"
            )
        };
        self.problems
            .push(InputProblem::new(InputCode::InvalidValue, span, message));
    }

    fn scalar(
        &self,
        value: &str,
        style: ScalarStyle,
        tag: Option<String>,
        start: usize,
        end: usize,
    ) -> Node {
        let text = self.text;
        let (style, span, pieces) = match style {
            ScalarStyle::Plain => {
                let start = skip_properties(text, start).min(end);
                let span = Span::new(start, end);
                (Style::Plain, span, decode_flow(text, span.range(), None))
            }
            ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => {
                let start = skip_properties(text, start);
                let quote = if style == ScalarStyle::SingleQuoted {
                    '\''
                } else {
                    '"'
                };
                let close = closing_quote(text, start, quote);
                let span = Span::new(start, close);
                let inner = (start + 1).min(close)..close.saturating_sub(1).max(start);
                (Style::Quoted, span, decode_flow(text, inner, Some(quote)))
            }
            _ => {
                let from = self.last_end.min(start);
                let header = text[from..end].find(['|', '>']).map_or(start, |i| from + i);
                let (content_end, pieces) = decode_block(text, header, end, value);
                (Style::Block, Span::new(header, content_end), pieces)
            }
        };
        let decoded: String = pieces_text(text, &pieces, value);
        let pieces = if decoded == value {
            pieces
        } else {
            // The decoders cover what Compose files use; anything else points at the
            // whole scalar rather than at a wrong byte.
            vec![Piece {
                len: value.len(),
                source: span,
                verbatim: false,
            }]
        };
        Node {
            kind: NodeKind::Scalar(Scalar {
                value: value.to_string(),
                style,
                pieces: pieces.into_iter().filter(|p| p.len > 0).collect(),
            }),
            span,
            tag,
        }
    }
}

/// The value the pieces claim to spell: verbatim pieces read the source, the others
/// take their length from `value` (so only verbatim claims are checked).
fn pieces_text(text: &str, pieces: &[Piece], value: &str) -> String {
    let mut out = String::new();
    let mut offset = 0;
    for piece in pieces {
        let part = if piece.verbatim {
            text.get(piece.source.range())
        } else {
            value.get(offset..offset + piece.len)
        };
        match part {
            Some(part) => out.push_str(part),
            None => return String::new(),
        }
        offset += piece.len;
    }
    out
}

/// Skips anchors (`&a`), tags (`!t`), blanks, line breaks and comments before a node.
fn skip_properties(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        match bytes.get(at) {
            Some(b' ' | b'\t' | b'\r' | b'\n') => at += 1,
            Some(b'#') => at += text[at..].find('\n').unwrap_or(text.len() - at),
            Some(b'&' | b'!') => {
                at += text[at..]
                    .find([' ', '\t', '\r', '\n'])
                    .unwrap_or(text.len() - at)
            }
            _ => return at,
        }
    }
}

/// The offset just after the quote closing the scalar that opens at `start`.
fn closing_quote(text: &str, start: usize, quote: char) -> usize {
    let mut chars = text[start..].char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' if quote == '"' => {
                chars.next();
            }
            '\'' if quote == '\'' && chars.peek().is_some_and(|&(_, n)| n == '\'') => {
                chars.next();
            }
            c if c == quote => return start + i + 1,
            _ => {}
        }
    }
    text.len()
}

/// Collects pieces, joining neighbouring verbatim runs.
#[derive(Default)]
struct Pieces(Vec<Piece>);

impl Pieces {
    fn verbatim(&mut self, source: Span) {
        if let Some(last) = self.0.last_mut() {
            if last.verbatim && last.source.end == source.start {
                last.source.end = source.end;
                last.len += source.len();
                return;
            }
        }
        self.0.push(Piece {
            len: source.len(),
            source,
            verbatim: true,
        });
    }

    fn synthetic(&mut self, len: usize, source: Span) {
        self.0.push(Piece {
            len,
            source,
            verbatim: false,
        });
    }
}

/// Maps a plain (`quote` None) or quoted scalar's source `range` (inside the quotes)
/// to pieces: escapes and folded line breaks become synthetic pieces.
fn decode_flow(text: &str, range: std::ops::Range<usize>, quote: Option<char>) -> Vec<Piece> {
    let mut pieces = Pieces::default();
    let source = &text[range.clone()];
    let mut i = 0;
    while i < source.len() {
        let rest = &source[i..];
        let at = range.start + i;
        let c = rest.chars().next().expect("in bounds");
        if matches!(c, ' ' | '\t' | '\r' | '\n') {
            let run = rest.len() - rest.trim_start_matches([' ', '\t', '\r', '\n']).len();
            let breaks = rest[..run].matches('\n').count();
            let span = Span::new(at, at + run);
            match breaks {
                0 => pieces.verbatim(span),
                // One line break folds into a space; n breaks keep n - 1 newlines.
                1 => pieces.synthetic(1, span),
                n => pieces.synthetic(n - 1, span),
            }
            i += run;
        } else if quote == Some('\'') && rest.starts_with("''") {
            pieces.synthetic(1, Span::new(at, at + 2));
            i += 2;
        } else if quote == Some('"') && c == '\\' {
            let (len, decoded_len) = double_quoted_escape(rest);
            if decoded_len > 0 {
                pieces.synthetic(decoded_len, Span::new(at, at + len));
            }
            i += len;
        } else {
            pieces.verbatim(Span::new(at, at + c.len_utf8()));
            i += c.len_utf8();
        }
    }
    pieces.0
}

/// Source length and decoded UTF-8 length of the escape sequence `rest` starts with.
fn double_quoted_escape(rest: &str) -> (usize, usize) {
    let mut chars = rest.chars().skip(1);
    let Some(kind) = chars.next() else {
        return (1, 0);
    };
    let hex_digits = match kind {
        'x' => 2,
        'u' => 4,
        'U' => 8,
        // An escaped line break joins the lines and drops the next line's indentation.
        '\r' | '\n' => {
            let after = &rest[1..];
            let broken = after.strip_prefix("\r\n").or(after.strip_prefix('\n'));
            let after = broken.unwrap_or(&after[1..]);
            let indent = after.len() - after.trim_start_matches([' ', '\t']).len();
            return (rest.len() - after.len() + indent, 0);
        }
        other => {
            let decoded = match other {
                '0' => '\0',
                'a' => '\x07',
                'b' => '\x08',
                't' | '\t' => '\t',
                'n' => '\n',
                'v' => '\x0b',
                'f' => '\x0c',
                'r' => '\r',
                'e' => '\x1b',
                'N' => '\u{85}',
                '_' => '\u{a0}',
                'L' => '\u{2028}',
                'P' => '\u{2029}',
                c => c,
            };
            return (1 + other.len_utf8(), decoded.len_utf8());
        }
    };
    let digits = rest.get(2..2 + hex_digits).unwrap_or("");
    let decoded = u32::from_str_radix(digits, 16)
        .ok()
        .and_then(char::from_u32)
        .map_or(0, char::len_utf8);
    (2 + digits.len(), decoded)
}

/// Maps a block scalar (header at `header`, text until `end`) to pieces by finding
/// each content line of the source, in order, in `value`; the line breaks and folds
/// between them become synthetic pieces. Returns the end of the last content line.
fn decode_block(text: &str, header: usize, end: usize, value: &str) -> (usize, Vec<Piece>) {
    let mut pieces = Pieces::default();
    let body_start = text[header..end].find('\n').map_or(end, |i| header + i + 1);
    let mut indent = None;
    let mut cursor = 0;
    let mut content_end = header + 1;
    let mut line_start = body_start;
    while line_start < end {
        let line_end = text[line_start..end]
            .find('\n')
            .map_or(end, |i| line_start + i);
        let line = text[line_start..line_end].trim_end_matches('\r');
        let blank = line.trim_start_matches(' ');
        if !blank.is_empty() {
            let spaces = line.len() - blank.len();
            let indent = *indent.get_or_insert(spaces);
            if spaces < indent {
                break;
            }
            let content = &line[indent..];
            let content_start = line_start + indent;
            let Some(skip) = separator_before(&value[cursor..], content) else {
                break;
            };
            if skip > 0 {
                pieces.synthetic(skip, Span::new(content_end, content_start));
            }
            pieces.verbatim(Span::new(content_start, content_start + content.len()));
            cursor += skip + content.len();
            content_end = content_start + content.len();
        }
        line_start = line_end + 1;
    }
    if cursor < value.len() {
        pieces.synthetic(value.len() - cursor, Span::at(content_end));
    }
    (content_end, pieces.0)
}

/// How many separator characters (line breaks, folded spaces) precede `line` at the
/// start of `value`.
fn separator_before(value: &str, line: &str) -> Option<usize> {
    let mut skip = 0;
    loop {
        if value[skip..].starts_with(line) {
            return Some(skip);
        }
        match value[skip..].chars().next() {
            Some(c @ (' ' | '\n')) => skip += c.len_utf8(),
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Vec<Node>, Vec<InputProblem>) {
        super::parse(text, &Limits::default())
    }
    use crate::span::LineIndex;

    fn parse_ok(text: &str) -> Node {
        let (mut documents, problems) = parse(text);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(documents.len(), 1);
        documents.remove(0)
    }

    fn scalar<'n>(node: &'n Node, path: &[&str]) -> &'n Scalar {
        let node = path.iter().fold(node, |n, key| n.get(key).expect(key));
        node.as_scalar().expect("scalar")
    }

    /// The source text of every piece, `~` marking synthetic ones.
    fn piece_texts<'t>(text: &'t str, scalar: &Scalar) -> Vec<(&'t str, bool)> {
        scalar
            .pieces
            .iter()
            .map(|p| (&text[p.source.range()], p.verbatim))
            .collect()
    }

    #[test]
    fn tags_whose_meaning_is_not_applied_are_reported_at_their_value() {
        let text =
            "a: !!binary YQ==\nb: !!str x\nc: !local y\nd: !reset z\ne: !!timestamp 2001-12-14\n";
        let (_, problems) = parse(text);
        let reported: Vec<(&str, &str)> = problems
            .iter()
            .map(|p| (&text[p.span.range()], p.message.split(' ').next().unwrap()))
            .collect();
        assert_eq!(
            reported,
            [
                ("YQ==", "`!!binary`:"),
                ("y", "`!local`"),
                ("2001-12-14", "`!!timestamp`")
            ]
        );
        assert!(problems.iter().all(|p| p.code == InputCode::InvalidValue));
    }

    #[test]
    fn scalar_spans_exclude_anchors_tags_and_comments() {
        let text = "a: &x \"q\" # c\nb: !override 'it''s' #c\nc: plain  multi\n  line # c\n";
        let root = parse_ok(text);
        let a = root.get("a").unwrap();
        assert_eq!(&text[a.span.range()], "\"q\"");
        let b = root.get("b").unwrap();
        assert_eq!(&text[b.span.range()], "'it''s'");
        assert_eq!(b.tag.as_deref(), Some("override"));
        assert_eq!(
            piece_texts(text, b.as_scalar().unwrap()),
            vec![("it", true), ("''", false), ("s", true)]
        );
        let c = root.get("c").unwrap();
        assert_eq!(c.as_scalar().unwrap().value, "plain  multi line");
        assert_eq!(&text[c.span.range()], "plain  multi\n  line");
    }

    #[test]
    fn double_quoted_escapes_map_to_their_source() {
        let text = "a: \"x\\ty\\u00e9 \\\"z\\\"\"\n";
        let a = scalar(&parse_ok(text), &["a"]).clone();
        assert_eq!(a.value, "x\ty\u{e9} \"z\"");
        assert_eq!(
            piece_texts(text, &a),
            vec![
                ("x", true),
                ("\\t", false),
                ("y", true),
                ("\\u00e9", false),
                (" ", true),
                ("\\\"", false),
                ("z", true),
                ("\\\"", false)
            ]
        );
        let z = a.value.find('z').unwrap();
        assert_eq!(a.source_span(z..z + 1), Some(Span::new(17, 18)));
    }

    #[test]
    fn block_scalars_map_lines() {
        let text = "a: |\n  one\n    two\n\nb: >-\n  x\n  y\n";
        let root = parse_ok(text);
        let a = scalar(&root, &["a"]);
        assert_eq!(a.value, "one\n  two\n");
        assert_eq!(
            piece_texts(text, a),
            vec![("one", true), ("\n  ", false), ("  two", true), ("", false)]
        );
        assert_eq!(
            &text[root.get("a").unwrap().span.range()],
            "|\n  one\n    two"
        );
        let b = scalar(&root, &["b"]);
        assert_eq!(b.value, "x y");
        assert_eq!(
            piece_texts(text, b),
            vec![("x", true), ("\n  ", false), ("y", true)]
        );
    }

    #[test]
    fn character_indexes_become_byte_offsets() {
        let text = "\"😀漢\": 'é😀x'\nb: \"😀\"\n";
        let root = parse_ok(text);
        let entry = &root.as_mapping().unwrap()[0];
        assert_eq!(&text[entry.key.span.range()], "\"😀漢\"");
        assert_eq!(&text[entry.value.span.range()], "'é😀x'");
        let b = root.get("b").unwrap();
        let index = LineIndex::new(text);
        assert_eq!(index.position(b.span.start as usize).line, 2);
        let x = text.find('x').unwrap();
        // `"😀漢": '` is 8 UTF-16 units, é and 😀 three more.
        assert_eq!(index.position(x).column, 12);
    }

    #[test]
    fn crlf_line_ends() {
        let text = "a: 1\r\nb: 'x'\r\n";
        let root = parse_ok(text);
        assert_eq!(&text[root.get("b").unwrap().span.range()], "'x'");
    }

    #[test]
    fn aliases_keep_the_anchored_spans() {
        let text = "x: &v [a]\ny: *v\n";
        let root = parse_ok(text);
        assert_eq!(root.get("y").unwrap().span, root.get("x").unwrap().span);
        assert_eq!(&text[root.get("y").unwrap().span.range()], "[a]");
    }

    #[test]
    fn merge_keys_explicit_then_earlier_sources_win() {
        let text =
            "a: &a {p: 1, q: 1}\nb: &b {q: 2, r: 2}\nc:\n  <<: [*a, *b]\n  p: 3\nd:\n  <<: *b\n";
        let root = parse_ok(text);
        let c = root.get("c").unwrap();
        let values = |n: &Node| -> Vec<(String, String)> {
            n.as_mapping()
                .unwrap()
                .iter()
                .map(|e| {
                    (
                        e.key_str().unwrap().to_string(),
                        e.value.as_scalar().unwrap().value.clone(),
                    )
                })
                .collect()
        };
        assert_eq!(
            values(c),
            vec![
                ("q".into(), "1".into()),
                ("r".into(), "2".into()),
                ("p".into(), "3".into())
            ]
        );
        assert_eq!(
            values(root.get("d").unwrap()),
            vec![("q".into(), "2".into()), ("r".into(), "2".into())]
        );
        // The merged `q` points into the anchor on line 1.
        assert_eq!(c.get("q").unwrap().span, Span::new(16, 17));
    }

    #[test]
    fn merge_of_a_scalar_is_reported() {
        let (documents, problems) = parse("a: &a x\nb:\n  <<: *a\n");
        assert_eq!(documents.len(), 1);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].code, InputCode::InvalidYaml);
        assert_eq!(problems[0].span, Span::new(6, 7));
    }

    #[test]
    fn syntax_errors_are_located() {
        let text = "services:\n  web:\n    image: nginx\n   privileged: true\n";
        let (documents, problems) = parse(text);
        assert!(documents.is_empty());
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].code, InputCode::InvalidYaml);
        let position = LineIndex::new(text).position(problems[0].span.start as usize);
        assert_eq!((position.line, position.column), (4, 4));
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let (documents, problems) = parse("a: 1\na: 2\n");
        assert!(documents.is_empty());
        assert_eq!(problems[0].span, Span::new(5, 6));
        assert!(problems[0].message.contains("`a` is already defined"));
    }

    #[test]
    fn unknown_alias_is_an_error_not_a_panic() {
        let (documents, problems) = parse("a: *nope\n");
        assert!(documents.is_empty());
        assert_eq!(problems[0].code, InputCode::InvalidYaml);
    }

    #[test]
    fn billion_laughs_is_bounded() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        let mut previous = 'a';
        for name in 'b'..='j' {
            let refs = vec![format!("*{previous}"); 10].join(", ");
            text.push_str(&format!("{name}: &{name} [{refs}]\n"));
            previous = name;
        }
        let (documents, problems) = parse(&text);
        assert_eq!(documents.len(), 1);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].code, InputCode::InputLimitExceeded);
        let line = LineIndex::new(&text)
            .position(problems[0].span.start as usize)
            .line;
        assert_eq!(line, 5);
    }

    #[test]
    fn deep_nesting_is_bounded() {
        for depth in [100, 100_000] {
            let text = format!("a: {}{}\n", "[".repeat(depth), "]".repeat(depth));
            let (documents, problems) = parse(&text);
            // Past 255 flow levels the parser itself gives up: the value is blanked
            // out and the document read without it.
            assert_eq!(documents.len(), 1);
            assert_eq!(problems.len(), 1);
            assert_eq!(problems[0].code, InputCode::InputLimitExceeded);
            let at = if depth < 255 {
                3 + Limits::default().depth - 1
            } else {
                3
            };
            assert_eq!(problems[0].span, Span::at(at));
        }
        let block = (0..200).fold(String::new(), |text, level| {
            format!("{text}{}k{level}:\n", "  ".repeat(level))
        });
        let (documents, problems) = parse(&block);
        assert_eq!(documents.len(), 1);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].code, InputCode::InputLimitExceeded);
    }

    #[test]
    fn oversized_input_is_refused() {
        let text = "#".repeat(Limits::default().input_bytes + 1);
        let (documents, problems) = parse(&text);
        assert!(documents.is_empty());
        assert_eq!(problems[0].code, InputCode::InputLimitExceeded);
    }

    #[test]
    fn documents_and_nulls() {
        let (documents, problems) = parse("a: 1\n---\nb:\nc: ~\n...\n");
        assert!(problems.is_empty());
        assert_eq!(documents.len(), 2);
        assert!(documents[1].get("b").unwrap().is_null());
        assert!(documents[1].get("c").unwrap().is_null());
        assert!(parse("# only a comment\n").0.is_empty());
    }
}
