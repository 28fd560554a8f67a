//! A shell tokenizer that keeps the source span of every byte of every word.
//!
//! It splits pasted text into simple commands (at `;`, `&&`, `||`, `|`, `&`,
//! newlines) and words, the way a POSIX shell would before running them: quotes are
//! removed, escapes resolved, and expansions the linter cannot evaluate (`$VAR`,
//! `${...}`, `$(...)`, backticks) are kept verbatim as unresolved parts of the word.
//! Redirections and comments are dropped.
//!
//! Pasted commands come from documentation, so the tokenizer also survives what a
//! shell would not: prompts (`$ `, `user@host:~$ `), Markdown code fences,
//! placeholders (`<image>`, `{{< hugo >}}`), and broken line continuations, which it
//! reports and repairs so the command the author meant is still analysed.

use crate::model::{InputCode, InputProblem};
use crate::span::Span;
use crate::values::SpannedText;
use std::ops::Range;

/// Command substitutions nested deeper than this are not searched for commands.
const MAX_SUBSTITUTION_DEPTH: usize = 8;

/// One shell word after quote removal.
#[derive(Clone, Debug)]
pub struct Word {
    pub text: SpannedText,
    /// The source bytes of the word, quotes included.
    pub span: Span,
    /// The word is one unquoted expansion and nothing else (`$OPTS`, `` `cmd` ``): the
    /// shell may turn it into any number of words.
    pub bare_expansion: bool,
}

impl Word {
    pub fn as_str(&self) -> &str {
        self.text.as_str()
    }
}

/// One simple command: its words (redirections removed) and what was wrong with it.
#[derive(Clone, Debug)]
pub struct Command {
    pub words: Vec<Word>,
    /// From the first to the last token, redirections included.
    pub span: Span,
    pub problems: Vec<InputProblem>,
}

/// The simple commands of `text`, in source order, including those inside command
/// substitutions (`$(docker run ...)`).
pub fn commands(text: &str) -> Vec<Command> {
    let start = crate::span::content_start(text);
    let mut commands = Tokenizer::new(text, start..text.len(), 0).run();
    crate::sort::by_key(&mut commands, |command| command.span.start);
    commands
}

/// A piece of a word being built.
enum Piece {
    /// Source bytes copied verbatim.
    Literal(Range<usize>),
    /// Text that stands for other source bytes (an escape sequence).
    Synthetic(char, Span),
    /// An expansion kept verbatim.
    Unresolved(Range<usize>),
}

struct WordBuilder {
    start: usize,
    pieces: Vec<Piece>,
    quoted: bool,
}

/// What the word after a redirection operator is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum RedirectTarget {
    /// A file or file descriptor (`> out.txt`, `2>&1`).
    File,
    /// The delimiter of a here-document (`<<EOF`), whose body follows the line; the
    /// span is that of its operator.
    HereDocument(Span),
}

#[derive(Default)]
struct CommandBuilder {
    words: Vec<Word>,
    span: Option<Span>,
    problems: Vec<InputProblem>,
    /// The next word is the target of a redirection, not an argument.
    redirect_target: Option<RedirectTarget>,
}

/// What the current line holds, for the checks made when it ends.
#[derive(Default)]
struct LineState {
    start: usize,
    /// The line was reached through a `\` continuation.
    continued: bool,
    has_tokens: bool,
    comment: Option<Range<usize>>,
}

/// Constructs whose end is searched by [`Tokenizer::find_close`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum Nesting {
    Paren,
    Brace,
    Backtick,
    Double,
    Single,
}

struct Tokenizer<'a> {
    text: &'a str,
    bytes: &'a [u8],
    end: usize,
    pos: usize,
    depth: usize,
    /// After one unterminated quote, later quotes must close on their own line so
    /// that a broken input costs linear time.
    quotes_end_at_line: bool,
    /// A `{{` before this offset is not closed on its line.
    no_template_close_before: usize,
    /// Delimiters of here-documents whose bodies start after the current line, with
    /// the spans of their `<<` operators.
    here_documents: Vec<(String, Span)>,
    line: LineState,
    word: Option<WordBuilder>,
    command: CommandBuilder,
    commands: Vec<Command>,
    substitutions: Vec<Range<usize>>,
}

fn is_blank(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\r')
}

fn is_name_start(byte: u8) -> bool {
    byte.is_ascii_alphabetic() || byte == b'_'
}

fn is_name_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

/// Whether a substitution's content is only blanks and comments (`` `#optional` ``),
/// which expands to nothing.
fn is_only_comments(content: &str) -> bool {
    content.lines().all(|line| {
        let line = line.trim();
        line.is_empty() || line.starts_with('#')
    })
}

/// `sudo`-like commands that run the rest of the line.
pub fn is_privilege_wrapper(word: &str) -> bool {
    matches!(word, "sudo" | "doas")
}

/// The length of a prompt at the start of `line` (`$ `, `% `, `# docker`,
/// `user@host:~/dir$ `, `[user@host dir]$ `), if there is one.
fn prompt_len(line: &str) -> Option<usize> {
    let followed_by_blank = |at: usize| line.as_bytes().get(at).is_some_and(|&b| is_blank(b));
    let first = line.as_bytes().first()?;
    if matches!(first, b'$' | b'%') && followed_by_blank(1) {
        return Some(1);
    }
    if *first == b'#' && followed_by_blank(1) {
        // `# docker run` is a root prompt; any other `# ...` is a comment.
        let next_word = line[1..].split_whitespace().next().unwrap_or("");
        let is_command =
            super::flags::Tool::from_word(next_word).is_some() || is_privilege_wrapper(next_word);
        return is_command.then_some(1);
    }
    // `[user@host dir]$` may contain blanks; other prompts end at the first blank.
    let prompt_end = if *first == b'[' {
        line.find(']')? + 2
    } else {
        line.find(char::is_whitespace)?
    };
    let prompt = line.get(..prompt_end)?;
    let ends_like_prompt = prompt.ends_with(['$', '#', '%']);
    let looks_like_host = prompt.contains('@') || prompt.contains(':');
    (ends_like_prompt && looks_like_host && followed_by_blank(prompt_end)).then_some(prompt_end)
}

/// The length of a `<placeholder>` at the start of `rest` (which starts with `<`),
/// if the `<` is one rather than a redirection: `<image>`, `</path/to/config>`,
/// `<other proxy arguments>` (with blanks only when nothing is glued after `>`).
fn placeholder_len(rest: &[u8]) -> Option<usize> {
    let first = *rest.get(1)?;
    if is_blank(first) || matches!(first, b'\n' | b'<' | b'>' | b'&' | b'(') {
        return None;
    }
    // Any character a placeholder cannot hold ends the search, so it stays short.
    let close = 1 + rest[1..].iter().position(|&b| {
        matches!(
            b,
            b'>' | b'<' | b'\n' | b'|' | b';' | b'&' | b'"' | b'\'' | b'`' | b'$'
        )
    })?;
    if rest[close] != b'>' {
        return None;
    }
    let has_blank = rest[1..close].iter().any(|&b| is_blank(b));
    let glued = rest
        .get(close + 1)
        .is_some_and(|&b| !is_blank(b) && b != b'\n');
    (!(has_blank && glued)).then_some(close + 1)
}

impl<'a> Tokenizer<'a> {
    fn new(text: &'a str, range: Range<usize>, depth: usize) -> Self {
        Tokenizer {
            text,
            bytes: text.as_bytes(),
            end: range.end,
            pos: range.start,
            depth,
            quotes_end_at_line: false,
            no_template_close_before: 0,
            here_documents: Vec::new(),
            line: LineState {
                start: range.start,
                ..LineState::default()
            },
            word: None,
            command: CommandBuilder::default(),
            commands: Vec::new(),
            substitutions: Vec::new(),
        }
    }

    fn run(mut self) -> Vec<Command> {
        let mut at_line_start = true;
        while self.pos < self.end {
            if at_line_start {
                at_line_start = false;
                if self.command.span.is_none() && self.word.is_none() {
                    self.skip_line_prefix();
                    continue;
                }
            }
            let byte = self.bytes[self.pos];
            if !is_blank(byte) && byte != b'\n' && byte != b'#' && byte != b'\\' {
                self.line.has_tokens = true;
            }
            match byte {
                b' ' | b'\t' | b'\r' => {
                    self.finish_word();
                    self.pos += 1;
                }
                b'\n' => {
                    self.finish_word();
                    self.newline();
                    at_line_start = true;
                }
                b'#' if self.word.is_none() => self.comment(),
                b'\\' => self.backslash(),
                b'\'' => self.single_quote(),
                b'"' => self.double_quote(),
                b'$' => self.dollar(false),
                b'`' => self.backtick(),
                b'<' if self.placeholder() => {}
                b'<' | b'>' => self.redirection(),
                b'&' if self.peek(1) == Some(b'>') => self.redirection(),
                b';' | b'&' | b'|' | b'(' | b')' => self.separator(),
                b'{' if self.peek(1) == Some(b'{') => self.template(),
                _ => {
                    self.push_literal(self.pos..self.pos + 1);
                    self.pos += 1;
                }
            }
        }
        self.finish_word();
        self.end_command();
        let mut commands = self.commands;
        if self.depth < MAX_SUBSTITUTION_DEPTH {
            for inner in self.substitutions {
                commands.extend(Tokenizer::new(self.text, inner, self.depth + 1).run());
            }
        }
        commands
    }

    fn peek(&self, ahead: usize) -> Option<u8> {
        let at = self.pos + ahead;
        (at < self.end).then(|| self.bytes[at])
    }

    fn line_end(&self, from: usize) -> usize {
        self.bytes[from..self.end]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(self.end, |i| from + i)
    }

    /// Where a quote opened at `from` may run to at most.
    fn quote_limit(&self, from: usize) -> usize {
        if self.quotes_end_at_line {
            self.line_end(from)
        } else {
            self.end
        }
    }

    fn problem(&mut self, code: InputCode, span: Span, message: impl Into<String>) {
        self.command
            .problems
            .push(InputProblem::new(code, span, message));
    }

    /// Skips Markdown code fences and shell prompts at the start of a command line.
    fn skip_line_prefix(&mut self) {
        let content = self.pos
            + self.bytes[self.pos..self.end]
                .iter()
                .take_while(|&&b| is_blank(b))
                .count();
        self.pos = content;
        if self.depth == 0 {
            let line = &self.text[content..self.line_end(content)];
            self.pos += if line.starts_with("```") || line.starts_with("~~~") {
                line.len()
            } else {
                prompt_len(line).unwrap_or(0)
            };
        }
    }

    // --- words -------------------------------------------------------------

    fn word(&mut self) -> &mut WordBuilder {
        let start = self.pos;
        self.word.get_or_insert_with(|| WordBuilder {
            start,
            pieces: Vec::new(),
            quoted: false,
        })
    }

    fn push_literal(&mut self, range: Range<usize>) {
        let word = self.word();
        if let Some(Piece::Literal(last)) = word.pieces.last_mut() {
            if last.end == range.start {
                last.end = range.end;
                return;
            }
        }
        word.pieces.push(Piece::Literal(range));
    }

    fn finish_word(&mut self) {
        let Some(word) = self.word.take() else {
            return;
        };
        // An unquoted expansion to nothing (`` `#optional` ``) leaves no word.
        if word.pieces.is_empty() && !word.quoted {
            return;
        }
        let span = Span::new(word.start, self.pos);
        self.extend_command(span);
        let mut builder = SpannedText::builder(span);
        for piece in &word.pieces {
            builder = match piece {
                Piece::Literal(range) => builder.literal(&self.text[range.clone()], range.start),
                Piece::Synthetic(c, span) => builder.synthetic(c.encode_utf8(&mut [0; 4]), *span),
                Piece::Unresolved(range) => {
                    builder.unresolved(&self.text[range.clone()], Span::new(range.start, range.end))
                }
            };
        }
        let text = builder.build();
        match self.command.redirect_target.take() {
            Some(RedirectTarget::File) => {}
            Some(RedirectTarget::HereDocument(operator)) => {
                self.here_documents.push((text.as_str().into(), operator))
            }
            None => self.command.words.push(Word {
                text,
                span,
                bare_expansion: !word.quoted
                    && matches!(word.pieces.as_slice(), [Piece::Unresolved(_)]),
            }),
        }
    }

    fn extend_command(&mut self, span: Span) {
        self.command.span = Some(self.command.span.map_or(span, |s| s.cover(span)));
    }

    fn end_command(&mut self) {
        let command = std::mem::take(&mut self.command);
        if let Some(span) = command.span {
            self.commands.push(Command {
                words: command.words,
                span,
                problems: command.problems,
            });
        }
    }

    // --- line structure ----------------------------------------------------

    fn comment(&mut self) {
        let end = self.line_end(self.pos);
        self.line.comment = Some(self.pos..end);
        self.pos = end;
    }

    /// A newline ends the command, unless the author clearly meant to continue it:
    /// then the break is reported and the lines are joined.
    fn newline(&mut self) {
        let newline = self.pos;
        self.pos += 1;
        if !self.here_documents.is_empty() {
            self.skip_here_document_bodies();
            self.end_command();
        } else if self.command.span.is_some() {
            match self.broken_continuation(newline) {
                Some((span, message)) => {
                    self.problem(InputCode::BrokenLineContinuation, span, message)
                }
                None => self.end_command(),
            }
        }
        let continued = self.command.span.is_some();
        self.line = LineState {
            start: self.pos,
            continued,
            ..LineState::default()
        };
    }

    /// Skips the bodies of the here-documents opened on the line that just ended:
    /// they are input to a command, not commands (pasted indentation allowed). A body
    /// whose delimiter never comes is reported and read as commands, so that nothing
    /// after it goes unanalysed.
    fn skip_here_document_bodies(&mut self) {
        for (delimiter, operator) in std::mem::take(&mut self.here_documents) {
            let body = self.pos;
            let mut closed = false;
            while self.pos < self.end && !closed {
                let line_end = self.line_end(self.pos);
                closed = self.text[self.pos..line_end].trim() == delimiter;
                self.pos = (line_end + 1).min(self.end);
            }
            if !closed {
                self.pos = body;
                self.problem(
                    InputCode::ShellSyntaxError,
                    operator,
                    format!("this here-document is never ended by a `{delimiter}` line: the shell would wait for more input; shipshape reads the lines after it as commands"),
                );
                return;
            }
        }
    }

    /// Why the line ending at `newline` should have continued the command, if it should.
    fn broken_continuation(&self, newline: usize) -> Option<(Span, String)> {
        const JOINED: &str =
            "the shell runs the next line as a separate command; shipshape joins the lines and analyses the command as intended";
        let next_start = newline + 1;
        let next_content = next_start
            + self.bytes[next_start..self.end]
                .iter()
                .take_while(|&&b| is_blank(b))
                .count();
        let next_line = self.text[next_content..self.line_end(next_content)].trim_end();
        let next_flag = next_line
            .split_whitespace()
            .next()
            .filter(|word| word.len() > 1 && word.starts_with('-'));
        if self.line.continued && !self.line.has_tokens {
            if let Some(comment) = &self.line.comment {
                let follows = !next_line.is_empty() && !next_line.starts_with("```");
                return follows.then(|| {
                    (
                        Span::new(comment.start, comment.end),
                        format!("this comment line ends the command: {JOINED}"),
                    )
                });
            }
            return next_flag.map(|_| {
                (
                    Span::at(self.line.start),
                    format!("this blank line after `\\` ends the command: {JOINED}"),
                )
            });
        }
        let flag = next_flag?;
        let content_end = self.line.comment.as_ref().map_or(newline, |c| c.start);
        let content_end =
            self.text[self.line.start..content_end].trim_end().len() + self.line.start;
        Some((
            Span::at(content_end),
            format!("the line ends without `\\` before `{flag}` on the next line: {JOINED}"),
        ))
    }

    /// `\`: an escape, a line continuation, or a broken continuation.
    fn backslash(&mut self) {
        let start = self.pos;
        let blanks = self.bytes[start + 1..self.end]
            .iter()
            .take_while(|&&b| matches!(b, b' ' | b'\t'))
            .count();
        let after_blanks = start + 1 + blanks;
        let next = |ahead: usize| self.bytes[..self.end].get(after_blanks + ahead).copied();
        let line_end = match next(0) {
            None | Some(b'\n') => Some(after_blanks),
            Some(b'\r') if matches!(next(1), None | Some(b'\n')) => Some(after_blanks + 1),
            Some(b'#') if blanks > 0 => Some(self.line_end(after_blanks)),
            _ => None,
        };
        if let Some(line_end) = line_end {
            let broken = if next(0) == Some(b'#') {
                Some("a comment after `\\` cancels the line continuation")
            } else if blanks > 0 {
                Some("`\\` is followed by blanks, so it escapes a blank instead of continuing the line")
            } else {
                None
            };
            self.continuation(start, line_end, broken);
            return;
        }
        // An escaped character stands for itself.
        self.line.has_tokens = true;
        let escaped = self.text[start + 1..].chars().next().unwrap_or('\\');
        let end = start + 1 + escaped.len_utf8();
        self.word()
            .pieces
            .push(Piece::Synthetic(escaped, Span::new(start, end)));
        self.pos = end;
    }

    /// A `\` at `backslash` continues the command on the line after `line_end`.
    fn continuation(&mut self, backslash: usize, line_end: usize, broken: Option<&str>) {
        let next = (line_end + 1).min(self.end);
        let rest_is_blank = self.text[next..self.end].trim_start().is_empty();
        let span = Span::new(backslash, backslash + 1);
        if rest_is_blank {
            self.problem(
                InputCode::ShellSyntaxError,
                span,
                "the command ends with a line continuation `\\` and nothing follows: the shell would wait for the rest of the command",
            );
        } else if let Some(reason) = broken {
            self.finish_word();
            self.problem(
                InputCode::BrokenLineContinuation,
                Span::new(backslash, line_end),
                format!("{reason}: the shell ends the command here and runs the next line on its own; shipshape joins the lines and analyses the command as intended"),
            );
        }
        self.pos = next;
        self.line = LineState {
            start: next,
            continued: true,
            ..LineState::default()
        };
    }

    // --- quotes and expansions ---------------------------------------------

    /// Reports a construct that is never closed and returns where it is taken to
    /// end: the end of its line.
    fn unterminated(&mut self, open: Range<usize>) -> usize {
        self.quotes_end_at_line = true;
        let what = match &self.text[open.clone()] {
            "`" => "this backtick".to_string(),
            opener => format!("`{opener}`"),
        };
        self.problem(
            InputCode::ShellSyntaxError,
            Span::new(open.start, open.end),
            format!("{what} is never closed: the shell would wait for more input; shipshape ends it at the end of the line"),
        );
        self.line_end(open.start)
    }

    fn single_quote(&mut self) {
        let open = self.pos;
        self.word().quoted = true;
        let limit = self.quote_limit(open);
        let (content_end, next) = match self.text[open + 1..limit].find('\'') {
            Some(i) => (open + 1 + i, open + 2 + i),
            None => {
                let end = self.unterminated(open..open + 1);
                (end, end)
            }
        };
        if content_end > open + 1 {
            self.push_literal(open + 1..content_end);
        }
        self.pos = next;
    }

    fn double_quote(&mut self) {
        let open = self.pos;
        self.word().quoted = true;
        // Undo what a failed scan added before rescanning up to the end of the line.
        let pieces = self.word().pieces.len();
        let problems = self.command.problems.len();
        let substitutions = self.substitutions.len();
        let limit = self.quote_limit(open);
        if !self.double_quoted_content(open + 1, limit, false) {
            self.word().pieces.truncate(pieces);
            self.command.problems.truncate(problems);
            self.substitutions.truncate(substitutions);
            let end = self.unterminated(open..open + 1);
            self.double_quoted_content(open + 1, end, true);
        }
    }

    /// Reads `"..."` content from `start`; false when no closing quote comes before
    /// `limit` (unless `limit_closes`, used to recover).
    fn double_quoted_content(&mut self, start: usize, limit: usize, limit_closes: bool) -> bool {
        self.pos = start;
        while self.pos < limit {
            match self.bytes[self.pos] {
                b'"' => {
                    self.pos += 1;
                    return true;
                }
                b'\\' => match self.bytes.get(self.pos + 1) {
                    Some(&c @ (b'$' | b'`' | b'"' | b'\\')) => {
                        let span = Span::new(self.pos, self.pos + 2);
                        self.word().pieces.push(Piece::Synthetic(c as char, span));
                        self.pos += 2;
                    }
                    // A line continuation inside quotes disappears.
                    Some(b'\n') => self.pos += 2,
                    _ => {
                        self.push_literal(self.pos..self.pos + 1);
                        self.pos += 1;
                    }
                },
                b'$' => self.dollar(true),
                b'`' => self.backtick(),
                _ => {
                    self.push_literal(self.pos..self.pos + 1);
                    self.pos += 1;
                }
            }
        }
        self.pos = limit;
        limit_closes
    }

    /// `$NAME`, `${...}`, `$(...)`, `$((...))`, `$1`, or a literal `$`.
    fn dollar(&mut self, in_double_quotes: bool) {
        let start = self.pos;
        match self.peek(1) {
            Some(b'(') => {
                let arithmetic = self.peek(2) == Some(b'(');
                let (end, content) = self.find_close_or_recover(start, 2, Nesting::Paren);
                if arithmetic {
                    self.word().pieces.push(Piece::Unresolved(start..end));
                    self.pos = end;
                } else {
                    self.substitution(start, end, content);
                }
            }
            Some(b'{') => {
                let (end, _) = self.find_close_or_recover(start, 2, Nesting::Brace);
                self.word().pieces.push(Piece::Unresolved(start..end));
                self.pos = end;
            }
            Some(b) if is_name_start(b) => {
                let name_len = self.bytes[start + 1..self.end]
                    .iter()
                    .take_while(|&&b| is_name_byte(b))
                    .count();
                let end = start + 1 + name_len;
                self.word().pieces.push(Piece::Unresolved(start..end));
                self.pos = end;
            }
            Some(b) if b.is_ascii_digit() || b"@*#?$!-".contains(&b) => {
                self.word().pieces.push(Piece::Unresolved(start..start + 2));
                self.pos = start + 2;
            }
            // `$'...'` and `$"..."`: the quote that follows does the work.
            Some(b'\'' | b'"') if !in_double_quotes => self.pos += 1,
            _ => {
                self.push_literal(start..start + 1);
                self.pos += 1;
            }
        }
    }

    fn backtick(&mut self) {
        let start = self.pos;
        let (end, content) = self.find_close_or_recover(start, 1, Nesting::Backtick);
        self.substitution(start, end, content);
    }

    /// The end (past the closing character) of the construct opened at `start` by
    /// `opener_len` bytes, and its content when it is closed; an unclosed one is
    /// reported and ended at the end of the line.
    fn find_close_or_recover(
        &mut self,
        start: usize,
        opener_len: usize,
        kind: Nesting,
    ) -> (usize, Option<Range<usize>>) {
        let content_start = start + opener_len;
        let limit = self.quote_limit(start);
        match self.find_close(content_start, kind, limit) {
            Some(end) => (end, Some(content_start..end - 1)),
            None => (self.unterminated(start..content_start), None),
        }
    }

    /// A command substitution from `start` to `end`: nothing when it holds only
    /// comments, else an unresolved part whose commands are searched too.
    fn substitution(&mut self, start: usize, end: usize, content: Option<Range<usize>>) {
        match content {
            Some(content) if is_only_comments(&self.text[content.clone()]) => {
                self.word();
            }
            Some(content) => {
                self.word().pieces.push(Piece::Unresolved(start..end));
                self.substitutions.push(content);
            }
            None => self.word().pieces.push(Piece::Unresolved(start..end)),
        }
        self.pos = end;
    }

    /// Finds the end of a nested construct, following quotes and nested
    /// substitutions inside it.
    fn find_close(&self, from: usize, kind: Nesting, limit: usize) -> Option<usize> {
        let mut stack = vec![kind];
        let mut i = from;
        while i < limit {
            let top = *stack.last()?;
            let byte = self.bytes[i];
            let next = self.bytes.get(i + 1).copied();
            match (top, byte) {
                (Nesting::Single, b'\'') => {
                    stack.pop();
                }
                (Nesting::Single, _) => {}
                (_, b'\\') => i += 1,
                (Nesting::Backtick, b'`') | (Nesting::Double, b'"') => {
                    stack.pop();
                }
                (Nesting::Backtick, _) => {}
                (_, b'$') if next == Some(b'(') => {
                    stack.push(Nesting::Paren);
                    i += 1;
                }
                (_, b'$') if next == Some(b'{') => {
                    stack.push(Nesting::Brace);
                    i += 1;
                }
                (_, b'`') => stack.push(Nesting::Backtick),
                (Nesting::Double, _) => {}
                (_, b'"') => stack.push(Nesting::Double),
                (_, b'\'') => stack.push(Nesting::Single),
                (Nesting::Paren, b'(') => stack.push(Nesting::Paren),
                (Nesting::Paren, b')') | (Nesting::Brace, b'}') => {
                    stack.pop();
                }
                (Nesting::Paren, b'#') if i == from || self.bytes[i - 1].is_ascii_whitespace() => {
                    i = self.line_end(i).min(limit) - 1;
                }
                _ => {}
            }
            i += 1;
            if stack.is_empty() {
                return Some(i);
            }
        }
        None
    }

    // --- operators -----------------------------------------------------------

    fn separator(&mut self) {
        self.finish_word();
        let operator_len = match (self.bytes[self.pos], self.peek(1)) {
            (b'&', Some(b'&')) | (b'|', Some(b'|' | b'&')) | (b';', Some(b';' | b'&')) => 2,
            _ => 1,
        };
        self.pos += operator_len;
        self.end_command();
    }

    /// `>`, `>>`, `2>&1`, `<`, `<<EOF`, `&>`: the operator and its target are dropped
    /// (a here-document's body too, when its line ends).
    fn redirection(&mut self) {
        let fd_only = self.word.as_ref().is_some_and(|word| {
            !word.quoted
                && word.pieces.iter().all(|piece| {
                    matches!(piece, Piece::Literal(r) if self.text[r.clone()].bytes().all(|b| b.is_ascii_digit()))
                })
        });
        let start = if fd_only {
            self.word.take().map_or(self.pos, |word| word.start)
        } else {
            self.finish_word();
            self.pos
        };
        let operator_len = self.bytes[self.pos..self.end]
            .iter()
            .take(3)
            .take_while(|&&b| matches!(b, b'<' | b'>' | b'&' | b'|' | b'-'))
            .count()
            .max(1);
        let operator = &self.text[self.pos..self.pos + operator_len];
        let target = if operator == "<<" || operator == "<<-" {
            RedirectTarget::HereDocument(Span::new(self.pos, self.pos + operator_len))
        } else {
            RedirectTarget::File
        };
        self.pos += operator_len;
        self.extend_command(Span::new(start, self.pos));
        self.command.redirect_target = Some(target);
    }

    /// `<placeholder>` kept as text; false when the `<` is a redirection.
    fn placeholder(&mut self) -> bool {
        match placeholder_len(&self.bytes[self.pos..self.end]) {
            Some(len) => {
                self.push_literal(self.pos..self.pos + len);
                self.pos += len;
                true
            }
            None => false,
        }
    }

    /// A `{{ template }}` (Go, Hugo) kept as text, quotes and all; a `{{` that is
    /// not closed on its line is plain text.
    fn template(&mut self) {
        let mut end = self.pos + 1;
        if self.pos >= self.no_template_close_before {
            let line_end = self.line_end(self.pos);
            match self.text[self.pos..line_end].find("}}") {
                Some(i) => end = self.pos + i + 2,
                None => self.no_template_close_before = line_end,
            }
        }
        self.push_literal(self.pos..end);
        self.pos = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<Vec<String>> {
        commands(text)
            .iter()
            .map(|c| c.words.iter().map(|w| w.as_str().to_string()).collect())
            .collect()
    }

    fn problems(text: &str) -> Vec<(InputCode, Span)> {
        commands(text)
            .iter()
            .flat_map(|c| c.problems.iter().map(|p| (p.code, p.span)))
            .collect()
    }

    #[test]
    fn quotes_and_escapes_are_removed() {
        assert_eq!(
            words(r#"docker run --net="host" -e 'A=b c' x\ y "a\"b" 'it'\''s'"#),
            [[
                "docker",
                "run",
                "--net=host",
                "-e",
                "A=b c",
                "x y",
                "a\"b",
                "it's"
            ]]
        );
    }

    #[test]
    fn every_byte_keeps_its_source_span() {
        let text = r#"docker run --net="host" nginx"#;
        let command = &commands(text)[0];
        let net = &command.words[2];
        assert_eq!(net.span, Span::new(11, 23));
        // `host` inside the quotes.
        assert_eq!(net.text.span_of(6..10), Span::new(18, 22));
    }

    #[test]
    fn expansions_are_unresolved() {
        let text = r#"docker run -v "$(pwd)":/keys -u ${UID}:$GID -v `pwd`/x:/y $((1+2))"#;
        let command = &commands(text)[0];
        let volume = &command.words[3].text;
        assert_eq!(volume.as_str(), "$(pwd):/keys");
        assert!(!volume.is_resolved(0..6));
        assert!(volume.is_resolved(6..12));
        assert_eq!(command.words[5].as_str(), "${UID}:$GID");
        assert_eq!(command.words[7].as_str(), "`pwd`/x:/y");
        assert!(command.words[8].bare_expansion);
    }

    #[test]
    fn nested_substitutions_close_at_the_right_place() {
        assert_eq!(
            words(r#"docker run -e V="$(tr -d 'v' < "$(echo f)")" img"#),
            [
                vec![
                    "docker",
                    "run",
                    "-e",
                    r#"V=$(tr -d 'v' < "$(echo f)")"#,
                    "img"
                ],
                vec!["tr", "-d", "v"],
                vec!["echo", "f"],
            ]
        );
    }

    #[test]
    fn separators_split_commands() {
        assert_eq!(
            words("a 1 && b 2; c | d || e & f\ng"),
            [
                vec!["a", "1"],
                vec!["b", "2"],
                vec!["c"],
                vec!["d"],
                vec!["e"],
                vec!["f"],
                vec!["g"]
            ]
        );
    }

    #[test]
    fn redirections_and_comments_are_dropped() {
        assert_eq!(
            words("docker run x > out.txt 2>&1 # a comment\nxzcat f | docker run -i y <in"),
            [
                vec!["docker", "run", "x"],
                vec!["xzcat", "f"],
                vec!["docker", "run", "-i", "y"]
            ]
        );
    }

    #[test]
    fn here_document_bodies_are_not_commands() {
        let text = "cat <<'EOF' > run.sh\ndocker run --privileged x\n  EOF\ndocker run -i y sh <<-END\n\tdocker run z\n\tEND\necho done";
        assert_eq!(
            words(text),
            [
                vec!["cat"],
                vec!["docker", "run", "-i", "y", "sh"],
                vec!["echo", "done"]
            ]
        );
    }

    #[test]
    fn continuations_join_lines() {
        let text = "docker run \\\n\t--rm \\\r\n    -d\\\n  nginx";
        assert_eq!(words(text), [["docker", "run", "--rm", "-d", "nginx"]]);
        assert_eq!(problems(text), []);
    }

    #[test]
    fn prompts_and_fences_are_skipped() {
        let text = "```sh\n$ docker run a\n# docker run b\nvagrant@net-1:~/code$ docker run c\n[me@box tmp]$ docker run d\n# a comment\n```";
        assert_eq!(
            words(text),
            [
                ["docker", "run", "a"],
                ["docker", "run", "b"],
                ["docker", "run", "c"],
                ["docker", "run", "d"]
            ]
        );
    }

    #[test]
    fn comment_substitutions_expand_to_nothing() {
        assert_eq!(
            words("docker run -d `#optional` \\\n  -e A=1 `#optional` img"),
            [["docker", "run", "-d", "-e", "A=1", "img"]]
        );
    }

    #[test]
    fn placeholders_and_templates_stay_words() {
        assert_eq!(
            words(
                r#"docker run -v </path/to/config>:/config --alias {{< site name="x" >}}.{{ .Y }} <other proxy arguments>"#
            ),
            [[
                "docker",
                "run",
                "-v",
                "</path/to/config>:/config",
                "--alias",
                r#"{{< site name="x" >}}.{{ .Y }}"#,
                "<other proxy arguments>"
            ]]
        );
    }

    #[test]
    fn trailing_blanks_after_backslash_are_repaired() {
        let text = "docker run -d \\  \n  --name x \\\n  nginx";
        assert_eq!(
            words(text),
            [["docker", "run", "-d", "--name", "x", "nginx"]]
        );
        assert_eq!(
            problems(text),
            [(InputCode::BrokenLineContinuation, Span::new(14, 17))]
        );
    }

    #[test]
    fn comment_after_backslash_is_repaired() {
        let text = "docker run \\ # note\n  --rm nginx";
        assert_eq!(words(text), [["docker", "run", "--rm", "nginx"]]);
        assert_eq!(
            problems(text),
            [(InputCode::BrokenLineContinuation, Span::new(11, 19))]
        );
    }

    #[test]
    fn missing_backslash_before_a_flag_is_repaired() {
        let text = "docker run -d\n  --name x nginx\necho done\n-x";
        assert_eq!(
            words(text),
            [
                vec!["docker", "run", "-d", "--name", "x", "nginx"],
                vec!["echo", "done", "-x"]
            ]
        );
        assert_eq!(
            problems(text),
            [
                (InputCode::BrokenLineContinuation, Span::at(13)),
                (InputCode::BrokenLineContinuation, Span::at(40))
            ]
        );
    }

    #[test]
    fn comment_line_inside_a_continued_command_is_repaired() {
        let text = "docker run \\\n  # the name\n  --name x nginx\n";
        assert_eq!(words(text), [["docker", "run", "--name", "x", "nginx"]]);
        assert_eq!(
            problems(text),
            [(InputCode::BrokenLineContinuation, Span::new(15, 25))]
        );
        // A final comment line ends nothing.
        assert_eq!(problems("docker run \\\n  nginx \\\n  # done\n"), []);
    }

    #[test]
    fn unterminated_quotes_end_at_the_line() {
        let text = "docker run --name 'web nginx\ndocker run \"$(x\" alpine";
        assert_eq!(
            words(text),
            [
                vec!["docker", "run", "--name", "web nginx"],
                vec!["docker", "run", "$(x\" alpine"],
            ]
        );
        assert_eq!(
            problems(text),
            [
                (InputCode::ShellSyntaxError, Span::new(18, 19)),
                (InputCode::ShellSyntaxError, Span::new(40, 41)),
                (InputCode::ShellSyntaxError, Span::new(41, 43)),
            ]
        );
    }

    #[test]
    fn dangling_continuation_is_a_syntax_error() {
        let text = "docker run -d \\\n  ";
        assert_eq!(words(text), [["docker", "run", "-d"]]);
        assert_eq!(
            problems(text),
            [(InputCode::ShellSyntaxError, Span::new(14, 15))]
        );
    }

    #[test]
    fn multibyte_text_keeps_boundaries() {
        assert_eq!(
            words("docker run -e GRÜSSE=\"héllo wörld\" x\\é"),
            [["docker", "run", "-e", "GRÜSSE=héllo wörld", "xé"]]
        );
    }
}
