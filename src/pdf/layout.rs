//! From positioned runs to reading order: lines, the two columns of the current layout (sidebar
//! x≈22, main x≈224; one column in 2017), page footers dropped, the name taken out, and each
//! column split into its sections (`sections`, DESIGN.md §7).

use super::headings::Section;
use super::runs::TextRun;
use super::sections::{self, Block, Column};

/// One printed line of one column.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Line {
    pub(crate) page: u32,
    pub(crate) x: f32,
    pub(crate) y: f32,
    pub(crate) size: f32,
    pub(crate) text: String,
    pub(crate) bold: bool,
    pub(crate) color: u32,
}

/// The document in reading order.
#[derive(Debug, Default)]
pub(crate) struct Layout {
    /// The largest text on page 1 (the person's name), possibly wrapped over several lines.
    pub(crate) name: Vec<Line>,
    /// Sidebar blocks then main-column blocks; the main column's first block is `Top`.
    pub(crate) blocks: Vec<Block>,
}

impl Layout {
    pub(crate) fn lines(&self, section: Section) -> impl Iterator<Item = &Line> {
        self.blocks
            .iter()
            .filter(move |b| b.section == section)
            .flat_map(|b| b.lines.iter())
    }

    pub(crate) fn has(&self, section: Section) -> bool {
        self.blocks.iter().any(|b| b.section == section)
    }
}

pub(crate) fn read(runs: &[TextRun]) -> Layout {
    let Some(name_size) = runs
        .iter()
        .filter(|r| r.page == 1)
        .map(|r| r.size)
        .reduce(f32::max)
    else {
        return Layout::default();
    };
    let name_x = runs
        .iter()
        .filter(|r| r.page == 1 && r.size >= name_size - 0.5)
        .map(|r| r.x)
        .reduce(f32::min)
        .unwrap_or(0.0);
    let split = sidebar_split(runs, name_x);
    let (sidebar, main): (Vec<&TextRun>, Vec<&TextRun>) =
        runs.iter().partition(|r| split.is_some_and(|s| r.x < s));
    let mut sidebar = lines(sidebar);
    let mut main = lines(main);
    drop_footers(&mut sidebar, &mut main);

    let name_end = main
        .iter()
        .position(|l| l.page == 1 && l.size >= name_size - 0.5);
    let mut name = Vec::new();
    if let Some(start) = name_end {
        let end = main
            .iter()
            .skip(start)
            .position(|l| l.page != 1 || l.size < name_size - 0.5)
            .map_or(main.len(), |n| start + n);
        name = main.drain(start..end).collect();
        // Anything printed above the name belongs to no section.
        main.drain(..start);
    }
    let mut blocks = sections::split(sidebar, name_size, Column::Sidebar);
    blocks.extend(sections::split(main, name_size, Column::Main));
    Layout { name, blocks }
}

/// The x left of which text is in the sidebar, when page 1 has one: text left of the name that
/// also ends before the name's column (a one-column page's body text runs across it).
fn sidebar_split(runs: &[TextRun], name_x: f32) -> Option<f32> {
    let split = name_x - 10.0;
    let left: Vec<&TextRun> = runs
        .iter()
        .filter(|r| r.page == 1 && r.end_x < split + 40.0 && r.x < split)
        .collect();
    let crossing = runs
        .iter()
        .filter(|r| r.page == 1 && r.x < split && r.end_x >= split + 40.0)
        .count();
    (left.len() >= 3 && crossing * 5 <= left.len()).then_some(split)
}

/// Groups runs sharing a baseline into lines, left to right.
fn lines(mut runs: Vec<&TextRun>) -> Vec<Line> {
    runs.sort_by(|a, b| {
        (a.page, a.y)
            .partial_cmp(&(b.page, b.y))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let mut out = Vec::new();
    let mut group: Vec<&TextRun> = Vec::new();
    for run in runs {
        let same_line = group.first().is_some_and(|first| {
            first.page == run.page && (run.y - first.y).abs() <= 0.3 * first.size.max(run.size)
        });
        if !same_line && !group.is_empty() {
            out.push(join(&mut group));
        }
        group.push(run);
    }
    if !group.is_empty() {
        out.push(join(&mut group));
    }
    out
}

fn join(group: &mut Vec<&TextRun>) -> Line {
    group.sort_by(|a, b| a.x.partial_cmp(&b.x).unwrap_or(std::cmp::Ordering::Equal));
    let mut text = String::new();
    let mut previous_end: Option<f32> = None;
    // The line's look is that of its first (leftmost) run: the name before a grey label.
    let first = group.first().map(|r| (*r).clone());
    for run in group.iter() {
        if let Some(end) = previous_end {
            let gap = run.x - end;
            let joined = text.ends_with(' ') || run.text.starts_with(' ');
            if !joined && gap > 0.15 * run.size {
                text.push(' ');
            }
        }
        text.push_str(&run.text);
        previous_end = Some(run.end_x);
    }
    group.clear();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match first {
        Some(run) => Line {
            page: run.page,
            x: run.x,
            y: run.y,
            size: run.size,
            text,
            bold: run.bold,
            color: run.color,
        },
        None => Line {
            page: 0,
            x: 0.0,
            y: 0.0,
            size: 0.0,
            text,
            bold: false,
            color: 0,
        },
    }
}

/// Drops each page's bottom line when it reads like "Page 2 of 10" in any language.
fn drop_footers(sidebar: &mut Vec<Line>, main: &mut Vec<Line>) {
    let mut bottoms: Vec<(u32, f32)> = Vec::new();
    for line in sidebar.iter().chain(main.iter()) {
        match bottoms.iter_mut().find(|(page, _)| *page == line.page) {
            Some((_, y)) => *y = y.max(line.y),
            None => bottoms.push((line.page, line.y)),
        }
    }
    let is_footer = |line: &Line| {
        bottoms
            .iter()
            .any(|(page, y)| *page == line.page && (line.y - y).abs() < 0.5)
            && looks_like_page_number(&line.text)
    };
    sidebar.retain(|l| !is_footer(l));
    main.retain(|l| !is_footer(l));
}

fn looks_like_page_number(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let numbers = words
        .iter()
        .filter(|w| w.chars().all(|c| c.is_ascii_digit()))
        .count();
    (1..=2).contains(&numbers)
        && words.len() <= 5
        && words
            .iter()
            .all(|w| w.chars().count() <= 12 && w.chars().all(|c| c.is_alphanumeric() || c == '/'))
}
