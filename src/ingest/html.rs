//! HTML pages read as their visible text: scripts, styles and the head are left out, block
//! elements (paragraphs, headings, list items, table rows, `<br>` …) end a line, and entities are
//! decoded by the HTML parser (html5ever, through scraper).

use scraper::{ElementRef, Html, Node};

/// The visible text of a page, one block a line, and its `<title>`.
pub fn visible_text(html: &str) -> (String, Option<String>) {
    let doc = Html::parse_document(html);
    let mut out = String::with_capacity(html.len() / 2);
    let mut title = None;
    walk(doc.root_element(), &mut out, &mut title);
    (out, title.filter(|t: &String| !t.is_empty()))
}

const HIDDEN: &[&str] = &[
    "script", "style", "noscript", "template", "head", "svg", "iframe",
];
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "aside",
    "main",
    "blockquote",
    "pre",
    "hr",
    "dd",
    "dt",
    "dl",
    "figcaption",
    "figure",
    "form",
    "address",
    "body",
    "td",
    "th",
];

fn walk(element: ElementRef<'_>, out: &mut String, title: &mut Option<String>) {
    let name = element.value().name();
    if name == "title" && title.is_none() {
        *title = Some(collapse(&element.text().collect::<String>()));
    }
    if HIDDEN.contains(&name) {
        // The head holds the title, found above; nothing else in it is visible.
        if name == "head" {
            for child in element.children().filter_map(ElementRef::wrap) {
                if child.value().name() == "title" {
                    walk(child, &mut String::new(), title);
                }
            }
        }
        return;
    }
    let block = BLOCKS.contains(&name);
    if block {
        end_line(out);
    }
    for child in element.children() {
        match child.value() {
            Node::Text(text) => push_text(out, text),
            Node::Element(_) => {
                if let Some(el) = ElementRef::wrap(child) {
                    walk(el, out, title);
                }
            }
            _ => {}
        }
    }
    if block {
        end_line(out);
    }
}

fn end_line(out: &mut String) {
    while out.ends_with(' ') {
        out.pop();
    }
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

/// Appends text with its whitespace runs collapsed to one space, as a browser shows it.
fn push_text(out: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with([' ', '\n']) {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_text_one_block_a_line() {
        let html = "<!DOCTYPE html><html><head><title> 群众路线 &amp; CPC </title>\
            <style>p{color:red}</style><script>var x = 1;</script></head>\
            <body><h1>Mass  line</h1><p>First <b>bold</b>\n paragraph.</p>\
            <ul><li>one</li><li>two</li></ul>Tail&nbsp;text<br>after</body></html>";
        let (text, title) = visible_text(html);
        assert_eq!(title.as_deref(), Some("群众路线 & CPC"));
        assert_eq!(
            text,
            "Mass line\nFirst bold paragraph.\none\ntwo\nTail text\nafter\n"
        );
    }
}
