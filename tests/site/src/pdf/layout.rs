//! Flowing paragraphs into a column across pages: greedy word wrap with the fonts' real
//! widths, page breaks that keep headings with what follows, and link rectangles that
//! cover the lines they belong to. Produces positioned runs; `document` turns them into PDF.

use super::metrics::Font;

/// A fill colour, each channel 0–1.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Color(pub f32, pub f32, pub f32);

/// How a paragraph's text looks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Style {
    pub font: Font,
    pub size: f32,
    pub color: Color,
    /// Baseline-to-baseline distance.
    pub leading: f32,
}

/// One paragraph to flow.
#[derive(Clone, Debug)]
pub struct Para {
    pub text: String,
    pub style: Style,
    /// Vertical gap above it (dropped at the top of a page).
    pub space_before: f32,
    /// A link annotation over every line of it.
    pub link: Option<String>,
    /// Never end a page right after this paragraph.
    pub keep_with_next: bool,
    /// Start a new page here (tests place a page break exactly where they need one).
    pub new_page: bool,
}

impl Para {
    pub fn new(text: impl Into<String>, style: Style) -> Self {
        Self {
            text: text.into(),
            style,
            space_before: 0.0,
            link: None,
            keep_with_next: false,
            new_page: false,
        }
    }

    pub fn space(mut self, points: f32) -> Self {
        self.space_before = points;
        self
    }

    pub fn link(mut self, uri: impl Into<String>) -> Self {
        self.link = Some(uri.into());
        self
    }

    pub fn keep(mut self) -> Self {
        self.keep_with_next = true;
        self
    }
}

/// A line of text at a position (baseline).
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    pub x: f32,
    pub y: f32,
    pub style: Style,
    pub text: String,
}

/// A clickable rectangle `[x0 y0 x1 y1]`.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    pub rect: [f32; 4],
    pub uri: String,
}

/// Everything drawn on one page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageDraw {
    /// Rectangles `[x y w h]` filled before any text.
    pub fills: Vec<([f32; 4], Color)>,
    pub runs: Vec<Run>,
    pub links: Vec<Link>,
}

/// Where a column sits: left edge and width, and the vertical band text may use.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    pub x: f32,
    pub width: f32,
    /// The top of the first line box on every page.
    pub top: f32,
    /// No baseline goes below this.
    pub bottom: f32,
}

/// Wraps `text` to `width`: at spaces, and after a hyphen inside a word that would not fit
/// whole (a break the browser printing the site's PDFs takes: "Problem-" / "Solver"); a word
/// wider than the column (a long profile URL or email) breaks after its last '-' or '/' that
/// fits, else anywhere.
pub fn wrap(text: &str, font: Font, size: f32, width: f32) -> Vec<String> {
    let fits = |line: &str| font.width(line, size) <= width;
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let joined = |piece: &str| {
            if line.is_empty() {
                piece.to_string()
            } else {
                format!("{line} {piece}")
            }
        };
        if fits(&joined(word)) {
            line = joined(word);
            continue;
        }
        let mut rest = word;
        if !line.is_empty() {
            let head = hyphen_breaks(word)
                .rev()
                .find(|&at| fits(&joined(word.get(..at).unwrap_or_default())));
            match head {
                Some(at) => {
                    lines.push(joined(word.get(..at).unwrap_or_default()));
                    rest = word.get(at..).unwrap_or_default();
                }
                None => lines.push(line.clone()),
            }
            line.clear();
        }
        while !fits(rest) {
            let longest = rest
                .char_indices()
                .map(|(i, _)| i)
                .filter(|&i| i > 0)
                .rev()
                .find(|&i| fits(rest.get(..i).unwrap_or_default()));
            let Some(longest) = longest else { break };
            let at = rest
                .get(..longest)
                .and_then(|head| head.rfind(['-', '/']))
                .filter(|&i| i > 0)
                .map_or(longest, |i| i + 1);
            let (head, tail) = rest.split_at(at);
            lines.push(head.to_string());
            rest = tail;
        }
        line = rest.to_string();
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Byte offsets just after each hyphen inside `word` (not a leading or trailing one).
fn hyphen_breaks(word: &str) -> impl DoubleEndedIterator<Item = usize> + '_ {
    word.char_indices()
        .filter(move |&(i, c)| c == '-' && i > 0 && i + 1 < word.len())
        .map(|(i, _)| i + 1)
}

/// Flows paragraphs down a column, starting on page `first_page`, adding pages as needed.
/// Each `\n` in a paragraph starts a new line; an empty line keeps its height.
pub fn flow(pages: &mut Vec<PageDraw>, column: Column, first_page: usize, paras: &[Para]) {
    let wrapped: Vec<Vec<String>> = paras
        .iter()
        .map(|p| {
            p.text
                .split('\n')
                .flat_map(|piece| wrap(piece.trim(), p.style.font, p.style.size, column.width))
                .collect()
        })
        .collect();
    let mut page = first_page;
    let mut top = column.top;
    for (index, (para, lines)) in paras.iter().zip(&wrapped).enumerate() {
        let at_top = top >= column.top;
        let gap = if at_top { 0.0 } else { para.space_before };
        if !at_top && (para.new_page || top - gap - needed(paras, &wrapped, index) < column.bottom)
        {
            page += 1;
            top = column.top;
        } else {
            top -= gap;
        }
        for line in lines {
            if top - para.style.leading < column.bottom && top < column.top {
                page += 1;
                top = column.top;
            }
            let style = para.style;
            let baseline = top - (style.leading - style.size) / 2.0 - style.size * 0.8;
            while pages.len() <= page {
                pages.push(PageDraw::default());
            }
            if let Some(draw) = pages.get_mut(page) {
                if let Some(uri) = &para.link {
                    let width = style.font.width(line, style.size);
                    draw.links.push(Link {
                        rect: [
                            column.x,
                            baseline - style.size * 0.25,
                            column.x + width,
                            baseline + style.size * 0.9,
                        ],
                        uri: uri.clone(),
                    });
                }
                if !line.is_empty() {
                    draw.runs.push(Run {
                        x: column.x,
                        y: baseline,
                        style,
                        text: line.clone(),
                    });
                }
            }
            top -= style.leading;
        }
    }
}

/// The height a paragraph needs on the current page before it may start there: its first
/// line (two, if it has more), plus the start of the next one while `keep_with_next` chains.
fn needed(paras: &[Para], wrapped: &[Vec<String>], index: usize) -> f32 {
    let mut total = 0.0;
    let mut i = index;
    loop {
        let (Some(para), Some(lines)) = (paras.get(i), wrapped.get(i)) else {
            return total;
        };
        if i > index {
            total += para.space_before;
        }
        let lines_wanted = if para.keep_with_next {
            lines.len()
        } else {
            lines.len().min(2)
        };
        // Line counts are small: exact in f32.
        total += para.style.leading * lines_wanted as f32;
        if !para.keep_with_next {
            return total;
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: Style = Style {
        font: Font::Regular,
        size: 10.0,
        color: Color(0.0, 0.0, 0.0),
        leading: 14.0,
    };

    #[test]
    fn words_wrap_at_the_column_width() {
        let lines = wrap("aaa bbb ccc", Font::Regular, 10.0, 40.0);
        assert_eq!(lines, ["aaa bbb", "ccc"]);
    }

    #[test]
    fn a_hyphenated_word_breaks_after_its_hyphen_when_it_does_not_fit_whole() {
        let width = Font::Regular.width("Creative Problem-", 12.0) + 1.0;
        let lines = wrap(
            "Creative Problem-Solver at Acme",
            Font::Regular,
            12.0,
            width,
        );
        assert_eq!(lines[0], "Creative Problem-");
        assert!(lines[1].starts_with("Solver"), "{lines:?}");
        let wide = wrap("Creative Problem-Solver", Font::Regular, 12.0, 500.0);
        assert_eq!(wide, ["Creative Problem-Solver"]);
    }

    #[test]
    fn a_long_url_breaks_after_a_hyphen_or_slash_that_fits() {
        let url = "www.linkedin.com/in/j%C3%BCrgen-m%C3%BCller";
        let lines = wrap(url, Font::Regular, 10.5, 180.0);
        assert!(lines.len() >= 2, "{lines:?}");
        assert_eq!(lines.concat(), url);
        assert!(lines[0].ends_with('-') || lines[0].ends_with('/'));
        let unbreakable = wrap(&"m".repeat(60), Font::Regular, 10.0, 100.0);
        assert!(unbreakable.len() > 1);
        assert!(
            unbreakable
                .iter()
                .all(|l| Font::Regular.width(l, 10.0) <= 100.0)
        );
    }

    #[test]
    fn paragraphs_spill_onto_new_pages_and_headings_stay_with_their_text() {
        let column = Column {
            x: 10.0,
            width: 200.0,
            top: 100.0,
            bottom: 20.0,
        };
        let mut paras: Vec<Para> = (0..4)
            .map(|i| Para::new(format!("line {i}"), BODY))
            .collect();
        paras.push(Para::new("Heading", BODY).keep());
        paras.push(Para::new("after", BODY));
        let mut pages = Vec::new();
        flow(&mut pages, column, 0, &paras);
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].runs.len(), 4);
        assert_eq!(pages[1].runs[0].text, "Heading");
        assert!(pages.iter().flat_map(|p| &p.runs).all(|r| r.y >= 20.0));
    }

    #[test]
    fn links_cover_each_of_their_lines() {
        let column = Column {
            x: 22.0,
            width: 60.0,
            top: 700.0,
            bottom: 50.0,
        };
        let mut pages = Vec::new();
        let para = Para::new("www.linkedin.com/in/ada-lovelace", BODY).link("https://x/");
        flow(&mut pages, column, 0, &[para]);
        assert!(pages[0].links.len() >= 2);
        assert!(
            pages[0]
                .links
                .iter()
                .all(|l| l.rect[0] == 22.0 && l.uri == "https://x/")
        );
    }
}
