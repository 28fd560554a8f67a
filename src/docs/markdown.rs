//! Markdown to HTML for the subset rule documentation uses: ATX headings,
//! paragraphs, `-` / `*` / `1.` lists, fenced code blocks, inline code, links,
//! `**strong**` and `*emphasis*`. Everything else is text, and all text is escaped.

/// Renders `markdown` as HTML; headings are shifted down by `heading_offset` levels
/// (a rule page has its own `<h1>`, so its `## Sections` stay `<h2>` with offset 0).
pub fn to_html(markdown: &str, heading_offset: usize) -> String {
    let text = dedent(markdown);
    let mut html = String::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut list: Option<List> = None;
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let trimmed = line.trim();
        if let Some(info) = trimmed.strip_prefix("```") {
            flush(&mut html, &mut paragraph, &mut list);
            let code: Vec<&str> = lines
                .by_ref()
                .take_while(|l| !l.trim().starts_with("```"))
                .collect();
            let language = info.trim();
            let class = if language.is_empty() {
                String::new()
            } else {
                format!(" class=\"language-{}\"", escape(language))
            };
            html.push_str(&format!("<pre><code{class}>"));
            for code_line in code {
                html.push_str(&escape(code_line));
                html.push('\n');
            }
            html.push_str("</code></pre>\n");
        } else if trimmed.is_empty() {
            flush(&mut html, &mut paragraph, &mut list);
        } else if let Some((level, title)) = heading(trimmed) {
            flush(&mut html, &mut paragraph, &mut list);
            let level = (level + heading_offset).min(6);
            html.push_str(&format!(
                "<h{level} id=\"{}\">{}</h{level}>\n",
                slug(title),
                inline(title)
            ));
        } else if let Some((kind, item)) = list_item(trimmed) {
            if !paragraph.is_empty() || list.as_ref().is_some_and(|l| l.kind != kind) {
                flush(&mut html, &mut paragraph, &mut list);
            }
            list.get_or_insert(List {
                kind,
                items: Vec::new(),
            })
            .items
            .push(item.to_string());
        } else if let Some(item) = list.as_mut().and_then(|l| l.items.last_mut()) {
            // A continuation line of the current list item.
            item.push(' ');
            item.push_str(trimmed);
        } else {
            paragraph.push(trimmed);
        }
    }
    flush(&mut html, &mut paragraph, &mut list);
    html
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ListKind {
    Bullets,
    Numbers,
}

struct List {
    kind: ListKind,
    items: Vec<String>,
}

/// Writes out the open paragraph or list.
fn flush(html: &mut String, paragraph: &mut Vec<&str>, list: &mut Option<List>) {
    if !paragraph.is_empty() {
        html.push_str(&format!("<p>{}</p>\n", inline(&paragraph.join(" "))));
        paragraph.clear();
    }
    if let Some(list) = list.take() {
        let tag = match list.kind {
            ListKind::Bullets => "ul",
            ListKind::Numbers => "ol",
        };
        html.push_str(&format!("<{tag}>\n"));
        for item in &list.items {
            html.push_str(&format!("<li>{}</li>\n", inline(item)));
        }
        html.push_str(&format!("</{tag}>\n"));
    }
}

/// Removes the indentation every non-blank line shares (doc comments keep the space
/// after `///`).
pub fn dedent(text: &str) -> String {
    let indent = text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.len() - line.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    text.lines()
        .map(|line| line.get(indent..).unwrap_or("").trim_end())
        .collect::<Vec<_>>()
        .join("\n")
}

fn heading(line: &str) -> Option<(usize, &str)> {
    let level = line.chars().take_while(|&c| c == '#').count();
    let title = line[level..].strip_prefix(' ')?;
    (1..=6).contains(&level).then(|| (level, title.trim()))
}

fn list_item(line: &str) -> Option<(ListKind, &str)> {
    if let Some(item) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
        return Some((ListKind::Bullets, item));
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let item = line[digits..].strip_prefix(". ")?;
    (digits > 0).then_some((ListKind::Numbers, item))
}

/// An anchor id: lower-case letters and digits, other runs turned into `-`.
pub fn slug(title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// Inline markup: `code`, [text](url), **strong**, *emphasis*.
pub fn inline(text: &str) -> String {
    let mut html = String::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if let Some((rendered, after)) = inline_span(rest) {
            html.push_str(&rendered);
            rest = after;
        } else {
            html.push_str(&escape(&rest[..c.len_utf8()]));
            rest = &rest[c.len_utf8()..];
        }
    }
    html
}

/// The inline element starting at the beginning of `text`, and the text after it.
fn inline_span(text: &str) -> Option<(String, &str)> {
    if let Some(after) = text.strip_prefix('`') {
        let (code, rest) = after.split_once('`')?;
        return Some((format!("<code>{}</code>", escape(code)), rest));
    }
    if let Some(after) = text.strip_prefix('[') {
        let (label, rest) = after.split_once("](")?;
        let (url, rest) = rest.split_once(')')?;
        if label.contains(']') || !is_safe_url(url) {
            return None;
        }
        let link = format!("<a href=\"{}\">{}</a>", escape(url), inline(label));
        return Some((link, rest));
    }
    for (marker, tag) in [("**", "strong"), ("*", "em")] {
        if let Some(after) = text.strip_prefix(marker) {
            let (inner, rest) = after.split_once(marker)?;
            let tight = !inner.is_empty() && inner.trim() == inner;
            return tight.then(|| (format!("<{tag}>{}</{tag}>", inline(inner)), rest));
        }
    }
    None
}

/// Links may go to the web or elsewhere in the docs, never run script.
fn is_safe_url(url: &str) -> bool {
    match url.split_once(':') {
        Some((scheme, _)) if !scheme.contains('/') => {
            matches!(
                scheme.to_ascii_lowercase().as_str(),
                "http" | "https" | "mailto"
            )
        }
        _ => true,
    }
}

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            _ => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_blocks() {
        let markdown = concat!(
            " ## What it does\n",
            " Flags `privileged: true` and\n",
            " friends.\n",
            "\n",
            " - one <b>\n",
            "   continued\n",
            " - [docs](https://docs.docker.com/x?a=1&b=2)\n",
            "\n",
            " 1. first\n",
            " 2. **second**\n",
            "\n",
            " ```yaml\n",
            " a: \"<x>\"\n",
            "\n",
            "   b: 1\n",
            " ```\n",
        );
        assert_eq!(
            to_html(markdown, 0),
            concat!(
                "<h2 id=\"what-it-does\">What it does</h2>\n",
                "<p>Flags <code>privileged: true</code> and friends.</p>\n",
                "<ul>\n<li>one &lt;b&gt; continued</li>\n",
                "<li><a href=\"https://docs.docker.com/x?a=1&amp;b=2\">docs</a></li>\n</ul>\n",
                "<ol>\n<li>first</li>\n<li><strong>second</strong></li>\n</ol>\n",
                "<pre><code class=\"language-yaml\">a: &quot;&lt;x&gt;&quot;\n\n  b: 1\n</code></pre>\n",
            )
        );
    }

    #[test]
    fn inline_markup_is_conservative() {
        assert_eq!(inline("a * b * c"), "a * b * c");
        assert_eq!(inline("*x*, `a*b`"), "<em>x</em>, <code>a*b</code>");
        assert_eq!(
            inline("[x](javascript:alert(1))"),
            "[x](javascript:alert(1))"
        );
        assert_eq!(inline("unclosed `tick"), "unclosed `tick");
        assert_eq!(
            inline("[rel](../x.html#y)"),
            "<a href=\"../x.html#y\">rel</a>"
        );
    }

    #[test]
    fn headings_shift_and_slugs() {
        assert_eq!(
            to_html("# Why is this bad?", 1),
            "<h2 id=\"why-is-this-bad\">Why is this bad?</h2>\n"
        );
        assert_eq!(slug("CIS 5.4 (v1.6.0)"), "cis-5-4-v1-6-0");
    }
}
