//! The layout of a PDF's text layer: glyphs placed on a page gathered into lines, lines into
//! paragraphs.
//!
//! A PDF holds no paragraphs, only glyphs at positions. Glyphs in content order are one line
//! while they stay on one baseline and do not jump back left; a gap wider than a space between
//! two glyphs is a space (wider between two Chinese characters, which are set without spaces,
//! often spread by justification). A line starts a new paragraph when it is the first of its
//! page, when the gap above it is clearly larger than the document's usual line pitch (a blank
//! line or paragraph spacing), when its size differs, when it starts with a bullet, when the line
//! before ends short of the text's right edge (the last line of a paragraph, a heading), or when
//! it is indented differently from the line before and that line was not a paragraph's first (a
//! first-line indent as in theses, the next item of a list with hanging indents). The lines of a
//! paragraph are joined with a space, without one between Chinese characters and around Chinese
//! punctuation.

/// One glyph shown on a page: its origin (`x` rightwards, `y` downwards from the page's top),
/// its size (the font size in page units), where it ends (`x` plus its advance) and its text.
#[derive(Debug, Clone, Copy)]
pub struct Glyph<'a> {
    pub x: f64,
    pub y: f64,
    pub size: f64,
    pub end: f64,
    pub text: &'a str,
}

/// A line of text on a page: where it starts and ends, its baseline and size.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub x0: f64,
    pub x1: f64,
    pub y: f64,
    pub size: f64,
    pub text: String,
}

/// A page's lines in content order, and the page's width.
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub width: f64,
    pub lines: Vec<Line>,
    /// The line being built: its glyphs' pen position (where the next glyph would go) and the
    /// origin of its last glyph.
    open: Option<(Line, f64, f64)>,
}

/// Width of a gap that is a space, in sizes: between two Chinese characters, elsewhere.
const SPACE_WIDE: f64 = 0.5;
const SPACE: f64 = 0.15;

impl Page {
    pub fn new(width: f64) -> Self {
        Page {
            width,
            ..Page::default()
        }
    }

    /// Adds a glyph to the open line, or starts a new line with it.
    pub fn push(&mut self, g: Glyph<'_>) {
        if g.text.is_empty() || !(g.x.is_finite() && g.y.is_finite() && g.size > 0.0) {
            return;
        }
        let blank = g.text.trim().is_empty();
        if let Some((line, pen, last_x)) = &mut self.open {
            let size = line.size.max(g.size);
            let same_line = (g.y - line.y).abs() <= 0.5 * size && g.x >= *pen - size;
            if same_line {
                let overprint = (g.x - *last_x).abs() < 0.1 * size && line.text.ends_with(g.text);
                if overprint {
                    return;
                }
                let ends_blank = line.text.ends_with(' ');
                if blank {
                    if !ends_blank {
                        line.text.push(' ');
                    }
                } else {
                    let wide = line.text.chars().last().is_some_and(is_wide)
                        && g.text.chars().next().is_some_and(is_wide);
                    let space = if wide { SPACE_WIDE } else { SPACE };
                    if g.x - *pen > space * size && !ends_blank {
                        line.text.push(' ');
                    }
                    line.text.push_str(g.text);
                    line.x1 = g.end;
                }
                *pen = g.end;
                *last_x = g.x;
                return;
            }
        }
        self.close_line();
        if !blank {
            let line = Line {
                x0: g.x,
                x1: g.end,
                y: g.y,
                size: g.size,
                text: g.text.to_string(),
            };
            self.open = Some((line, g.end, g.x));
        }
    }

    /// Ends the open line (at the end of the page).
    pub fn close_line(&mut self) {
        if let Some((mut line, _, _)) = self.open.take() {
            line.text.truncate(line.text.trim_end().len());
            if !line.text.is_empty() {
                self.lines.push(line);
            }
        }
    }
}

/// Whether `c` is set without spaces around it: Han, kana, Hangul, CJK punctuation and
/// full-width forms.
fn is_wide(c: char) -> bool {
    crate::script::is_han(c)
        || is_wide_punctuation(c)
        || matches!(c as u32, 0x3040..=0x30FF | 0xAC00..=0xD7AF)
}

fn is_wide_punctuation(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFFEF)
}

/// The text of the pages: one paragraph a line, an empty line between paragraphs.
pub fn text(pages: &[Page]) -> String {
    let pitch = usual_pitch(pages);
    let mut paragraphs: Vec<String> = Vec::new();
    for page in pages {
        let Some(left) = page.lines.iter().map(|l| l.x0).reduce(f64::min) else {
            continue;
        };
        let widest = page.lines.iter().map(|l| l.x1).fold(f64::MIN, f64::max);
        // Margins are taken as equal when no line reaches further right.
        let right = widest.max(page.width - left);
        // The line before and whether it started its paragraph.
        let mut previous: Option<(&Line, bool)> = None;
        for line in &page.lines {
            let first = match previous {
                Some((before, before_first)) => {
                    starts_paragraph(before, before_first, line, left, right, pitch)
                }
                None => true,
            };
            match paragraphs.last_mut() {
                Some(paragraph) if !first => join(paragraph, &line.text),
                _ => paragraphs.push(line.text.clone()),
            }
            previous = Some((line, first));
        }
    }
    paragraphs.join("\n\n")
}

/// The usual distance from one baseline to the next, in sizes: the lower median of the gaps
/// between consecutive lines of a page (those under four sizes); 1.2 without any.
fn usual_pitch(pages: &[Page]) -> f64 {
    let mut gaps: Vec<f64> = pages
        .iter()
        .flat_map(|p| p.lines.windows(2))
        .map(|w| (w[1].y - w[0].y) / w[0].size)
        .filter(|g| *g > 0.0 && *g < 4.0)
        .collect();
    if gaps.is_empty() {
        return 1.2;
    }
    gaps.sort_by(f64::total_cmp);
    gaps[(gaps.len() - 1) / 2]
}

/// Whether `line`, after `before` (the first line of its paragraph when `before_first`) on the
/// same page whose text runs from `left` to `right`, starts a paragraph.
///
/// A change of indent after a paragraph's first line does not start one: the first line may be
/// indented (a first-line indent) or outdented (a list item's hanging indent). After that, a
/// line further right or left than the one before does: an indented first line, the next list
/// item, a block quote's start or end.
fn starts_paragraph(
    before: &Line,
    before_first: bool,
    line: &Line,
    left: f64,
    right: f64,
    pitch: f64,
) -> bool {
    let size = before.size.max(line.size);
    let gap = (line.y - before.y) / before.size;
    let moved_up = line.y < before.y + 0.5 * size;
    let spaced = gap > pitch * 1.4;
    let resized = (line.size - before.size).abs() > 0.2 * size;
    let reindented = !before_first && (line.x0 - before.x0).abs() > 0.8 * size;
    let short = before.x1 < left + 0.8 * (right - left);
    let bullet = line.text.starts_with(BULLETS);
    moved_up || spaced || resized || reindented || short || bullet
}

/// Characters that mark a list item at the start of a line.
const BULLETS: &[char] = &[
    '•', '◦', '▪', '▫', '●', '○', '■', '□', '◆', '◇', '►', '▸', '‣', '⁃', '※', '★', '☆', '➢', '➤',
];

/// Appends a wrapped line to its paragraph: after a space, except between two wide characters,
/// next to wide punctuation and after a hyphen that ends a word (kept: a word processor breaks
/// lines after the hyphen of `decision-making`; LaTeX's `devel-opment` stays as it is). A soft
/// hyphen at the end of the line goes.
fn join(paragraph: &mut String, line: &str) {
    if paragraph.ends_with('\u{AD}') {
        paragraph.pop();
        paragraph.push_str(line);
        return;
    }
    let last = paragraph.chars().last();
    let next = line.chars().next();
    let both_wide = last.is_some_and(is_wide) && next.is_some_and(is_wide);
    let punctuation =
        last.is_some_and(is_wide_punctuation) || next.is_some_and(is_wide_punctuation);
    let mut tail = paragraph.chars().rev();
    let hyphenated = tail.next() == Some('-') && tail.next().is_some_and(char::is_alphabetic);
    if !(both_wide || punctuation || hyphenated) {
        paragraph.push(' ');
    }
    paragraph.push_str(line);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page of lines, each (x0, x1, y, text) in size 10.
    fn page(lines: &[(f64, f64, f64, &str)]) -> Page {
        Page {
            width: 600.0,
            lines: lines
                .iter()
                .map(|&(x0, x1, y, text)| Line {
                    x0,
                    x1,
                    y,
                    size: 10.0,
                    text: text.to_string(),
                })
                .collect(),
            open: None,
        }
    }

    #[test]
    fn glyphs_become_lines_with_spaces_where_the_gaps_are() {
        let mut page = Page::new(600.0);
        let mut put = |x: f64, y: f64, text: &str| {
            page.push(Glyph {
                x,
                y,
                size: 10.0,
                end: x + 5.0,
                text,
            })
        };
        // "ab" then a gap of 3 (a space), "c"; a drawn space glyph; two Han characters 3 apart
        // (not a space), then 6 apart (a space); an overprinted "d" (fake bold) is dropped.
        put(100.0, 50.0, "a");
        put(105.0, 50.0, "b");
        put(113.0, 50.0, "c");
        put(118.0, 50.0, " ");
        put(123.0, 50.0, "d");
        put(123.2, 50.0, "d");
        put(100.0, 62.0, "中");
        put(108.0, 62.0, "文");
        put(119.0, 62.0, "字");
        // Back left on the same baseline: a new line.
        put(50.0, 62.0, "x");
        page.close_line();
        let texts: Vec<&str> = page.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["ab c d", "中文 字", "x"]);
        assert_eq!((page.lines[0].x0, page.lines[0].x1), (100.0, 128.0));
    }

    #[test]
    fn paragraphs_by_gap_indent_short_line_and_page() {
        let first = page(&[
            // Two full lines, a blank line's gap, then a line of a new paragraph.
            (72.0, 520.0, 100.0, "Corpus linguistics studies"),
            (72.0, 520.0, 112.0, "real text."),
            (72.0, 300.0, 136.0, "Policy papers"),
            // Short line before: a new paragraph; then a first-line indent.
            (72.0, 520.0, 148.0, "群众路线是"),
            (72.0, 520.0, 160.0, "生命线。"),
            (92.0, 520.0, 172.0, "第二段"),
            (72.0, 200.0, 184.0, "继续"),
            // A list item with a hanging indent, then a line back at the margin.
            (72.0, 520.0, 196.0, "• first item"),
            (84.0, 520.0, 208.0, "wraps here"),
            (84.0, 520.0, 220.0, "and here"),
            (72.0, 520.0, 232.0, "Next part"),
            (72.0, 520.0, 244.0, "goes on"),
        ]);
        let second = page(&[(72.0, 520.0, 100.0, "A page break ends a paragraph")]);
        assert_eq!(
            text(&[first, second]),
            "Corpus linguistics studies real text.\n\nPolicy papers\n\n群众路线是生命线。\n\n\
             第二段继续\n\n• first item wraps here and here\n\nNext part goes on\n\n\
             A page break ends a paragraph"
        );
    }

    #[test]
    fn lines_join_with_a_space_but_not_between_chinese_or_after_a_hyphen() {
        let joined = |a: &str, b: &str| {
            let mut s = a.to_string();
            join(&mut s, b);
            s
        };
        assert_eq!(joined("large", "collections"), "large collections");
        assert_eq!(joined("根本", "工作"), "根本工作");
        assert_eq!(joined("历史，", "并分析"), "历史，并分析");
        assert_eq!(joined("语料库", "corpus"), "语料库 corpus");
        assert_eq!(joined("well-", "known"), "well-known");
        assert_eq!(joined("devel\u{AD}", "opment"), "development");
        assert_eq!(joined("1990 -", "2000"), "1990 - 2000");
    }
}
