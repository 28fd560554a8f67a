//! The comments of a Compose file, for the suppressions written in them. The YAML
//! parser drops comments, so they are found here, with the same rules for where a
//! `#` starts one.

use crate::model::Comment;
use crate::span::Span;

/// The comments of a YAML text. A `#` starts a comment at the start of a line or
/// after whitespace, outside quoted scalars and block scalars (`|`, `>`); a `#`
/// inside a plain scalar (`http://host/#frag`) does not.
pub fn comments(text: &str) -> Vec<Comment> {
    let mut found = Vec::new();
    let mut quote: Option<char> = None;
    // Indentation a block scalar's content lines are deeper than.
    let mut block_parent: Option<usize> = None;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let indent = content.len() - content.trim_start_matches(' ').len();
        let offset = line_start;
        line_start += line.len();
        if let Some(parent) = block_parent {
            if content.trim().is_empty() || indent > parent {
                continue;
            }
            block_parent = None;
        }
        // A quoted scalar or a block scalar may start here (after indentation,
        // `- `, `: `, `? `, `[`, `{`, `,`), not inside a plain scalar.
        let mut scalar_start = quote.is_none();
        let mut after_space = true;
        let mut expect_node = true;
        let mut node_column = indent;
        let mut chars = content.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if let Some(open) = quote {
                match c {
                    '\\' if open == '"' => {
                        chars.next();
                    }
                    '\'' if open == '\'' && chars.peek().is_some_and(|&(_, n)| n == '\'') => {
                        chars.next();
                    }
                    _ if c == open => quote = None,
                    _ => {}
                }
                after_space = false;
                continue;
            }
            if c == ' ' || c == '\t' {
                after_space = true;
                continue;
            }
            let next_is_space = chars.peek().is_none_or(|&(_, n)| n == ' ' || n == '\t');
            match c {
                '#' if after_space => {
                    let own_line = content[..i].trim().is_empty();
                    let span = Span::new(offset + i, offset + content.trim_end().len());
                    found.push(Comment { span, own_line });
                    break;
                }
                '|' | '>' if scalar_start => {
                    block_parent = Some(node_column);
                    scalar_start = false;
                }
                '"' | '\'' if scalar_start => quote = Some(c),
                '-' | '?' | ':' if next_is_space => scalar_start = true,
                '[' | '{' | ',' => scalar_start = true,
                _ => scalar_start = false,
            }
            if expect_node {
                node_column = i;
            }
            // After `- ` the entry's own node starts at the next token.
            expect_node = c == '-' && next_is_space;
            after_space = false;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comment_texts(text: &str) -> Vec<(&str, bool)> {
        comments(text)
            .into_iter()
            .map(|c| (&text[c.span.range()], c.own_line))
            .collect()
    }

    #[test]
    fn finds_comments_at_line_start_and_after_whitespace() {
        let text = "# top\nservices: # a\n  web:\n    image: nginx#not\n    # own\n";
        assert_eq!(
            comment_texts(text),
            [("# top", true), ("# a", false), ("# own", true)]
        );
    }

    #[test]
    fn ignores_hashes_inside_quotes_and_plain_scalars() {
        let text = concat!(
            "a: \"x # y\" # c1\n",
            "b: 'it''s # y' # c2\n",
            "c: http://host/#frag # c3\n",
            "d: don't # c4\n",
            "e: \"multi\n   line # still quoted\" # c5\n",
            "f: [\"# q\", x] # c6\n",
            "g: \"esc \\\" # q\" # c7\n",
        );
        let found: Vec<&str> = comment_texts(text).into_iter().map(|(t, _)| t).collect();
        assert_eq!(
            found,
            ["# c1", "# c2", "# c3", "# c4", "# c5", "# c6", "# c7"]
        );
    }

    #[test]
    fn block_scalar_content_is_not_a_comment() {
        let text = concat!(
            "x:\n",
            "  - run: | # header\n",
            "      echo # content\n",
            "\n",
            "      # content too\n",
            "    other: 1 # sibling\n",
            "  - >-\n",
            "    # folded content\n",
            "# after\n",
        );
        let found: Vec<&str> = comment_texts(text).into_iter().map(|(t, _)| t).collect();
        assert_eq!(found, ["# header", "# sibling", "# after"]);
    }
}
