//! Positioned text runs and link annotations out of the pages: a small text-state interpreter
//! over hayro's typed content operations (ISO 32000 §9.4), with every loop and nesting bounded.

use super::font::{Font, GlyphText};
use super::inline_images::without_inline_images;
use hayro_syntax::Pdf;
use hayro_syntax::content::TypedIter;
use hayro_syntax::content::ops::TypedInstruction as Op;
use hayro_syntax::object::{Array, Dict, Name, Number, Object, ObjectIdentifier, Stream};
use hayro_syntax::page::{Page, Resources};
use std::borrow::Cow;
use std::rc::Rc;

/// Profiles run to ~15 pages; a 50-page "profile" is read as far as page 50.
const MAX_PAGES: usize = 50;
/// Content operations over the whole document (the 10-page corpus profile has ~5 000).
const MAX_OPERATIONS: u64 = 300_000;
/// Glyphs over the whole document (the 10-page corpus profile has ~16 500).
const MAX_GLYPHS: u64 = 150_000;
const MAX_FONTS: usize = 256;
const MAX_STATE_DEPTH: usize = 64;
/// Form XObjects inside form XObjects.
const MAX_FORM_DEPTH: u8 = 4;
const MAX_LINKS_PER_PAGE: usize = 256;
/// A `TJ` adjustment moving further than this (in ems) starts a new run: it is a jump, not a
/// kerning or a space.
const JUMP_EMS: f64 = 3.0;

/// Text shown by one text operator (or the part of a `TJ` between two jumps), in page
/// coordinates with the origin top-left and y growing downwards, in points.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct TextRun {
    /// 1-based.
    pub(crate) page: u32,
    pub(crate) x: f32,
    /// The baseline.
    pub(crate) y: f32,
    pub(crate) end_x: f32,
    /// Rendered font size in points.
    pub(crate) size: f32,
    pub(crate) text: String,
    pub(crate) bold: bool,
    /// Fill colour, 0xRRGGBB.
    pub(crate) color: u32,
}

/// A link annotation with a URI action.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Link {
    pub(crate) page: u32,
    pub(crate) uri: String,
}

#[derive(Debug, Default)]
pub(crate) struct Extract {
    pub(crate) runs: Vec<TextRun>,
    pub(crate) links: Vec<Link>,
    pub(crate) pages: u32,
    /// Some limit cut the reading short.
    pub(crate) truncated: bool,
}

pub(crate) fn extract(pdf: &Pdf) -> Extract {
    let pages = pdf.pages();
    let mut extract = Extract {
        pages: u32::try_from(pages.len()).unwrap_or(u32::MAX),
        truncated: pages.len() > MAX_PAGES,
        ..Extract::default()
    };
    let mut reader = Reader {
        fonts: Vec::new(),
        operations: 0,
        glyphs: 0,
    };
    for (number, page) in (1u32..).zip(pages.iter().take(MAX_PAGES)) {
        read_links(page, number, &mut extract.links);
        let base = page.initial_transform(true).as_coeffs();
        let Some(content) = page.page_stream() else {
            continue;
        };
        let mut interpreter = Interpreter {
            reader: &mut reader,
            runs: &mut extract.runs,
            page: number,
            resources: page.resources().clone(),
            state: State::new(base),
            stack: Vec::new(),
            text: TextState::default(),
            depth: 0,
        };
        if !interpreter.run(&without_inline_images(content)) {
            extract.truncated = true;
            break;
        }
    }
    extract
}

fn read_links(page: &Page<'_>, number: u32, links: &mut Vec<Link>) {
    let Some(annotations) = page.raw().get::<Array<'_>>(b"Annots".as_slice()) else {
        return;
    };
    for annotation in annotations.iter::<Dict<'_>>().take(MAX_LINKS_PER_PAGE) {
        let Some(action) = annotation.get::<Dict<'_>>(b"A".as_slice()) else {
            continue;
        };
        if action.get::<Name<'_>>(b"S".as_slice()).as_deref() != Some(b"URI".as_slice()) {
            continue;
        }
        if let Some(uri) = action.get::<hayro_syntax::object::String<'_>>(b"URI".as_slice()) {
            let uri = String::from_utf8_lossy(uri.as_bytes()).trim().to_string();
            links.push(Link { page: number, uri });
        }
    }
}

/// Work shared by all pages: the font cache and the document-wide limits.
struct Reader {
    fonts: Vec<(ObjectIdentifier, Rc<Font>)>,
    operations: u64,
    glyphs: u64,
}

impl Reader {
    fn font(&mut self, dict: Option<Dict<'_>>) -> Rc<Font> {
        let Some(dict) = dict else {
            return Rc::new(Font::fallback());
        };
        let id = dict.obj_id();
        if let Some((_, font)) = self.fonts.iter().find(|(known, _)| Some(*known) == id) {
            return font.clone();
        }
        let font = Rc::new(Font::load(&dict));
        if let Some(id) = id
            && self.fonts.len() < MAX_FONTS
        {
            self.fonts.push((id, font.clone()));
        }
        font
    }
}

type Matrix = [f64; 6];

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a` then `b` (row-vector convention of the PDF spec: `a × b`).
fn concat(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    font_size: f64,
    char_spacing: f64,
    word_spacing: f64,
    horizontal_scaling: f64,
    leading: f64,
    rise: f64,
    color: u32,
}

impl State {
    fn new(ctm: Matrix) -> Self {
        Self {
            ctm,
            font: None,
            font_size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            horizontal_scaling: 1.0,
            leading: 0.0,
            rise: 0.0,
            color: 0,
        }
    }
}

struct TextState {
    matrix: Matrix,
    line: Matrix,
}

struct Interpreter<'r, 'a> {
    reader: &'r mut Reader,
    runs: &'r mut Vec<TextRun>,
    page: u32,
    resources: Resources<'a>,
    state: State,
    stack: Vec<State>,
    text: TextState,
    depth: u8,
}

impl Interpreter<'_, '_> {
    /// Interprets one content stream; false once a document-wide limit is reached.
    fn run(&mut self, content: &[u8]) -> bool {
        let mut ops = TypedIter::new(content);
        while let Some(op) = ops.next() {
            self.reader.operations += 1;
            if self.reader.operations > MAX_OPERATIONS || self.reader.glyphs > MAX_GLYPHS {
                return false;
            }
            match op {
                Op::SaveState(_) if self.stack.len() < MAX_STATE_DEPTH => {
                    self.stack.push(self.state.clone());
                }
                Op::RestoreState(_) => {
                    if let Some(state) = self.stack.pop() {
                        self.state = state;
                    }
                }
                Op::Transform(t) => {
                    let m = [t.0, t.1, t.2, t.3, t.4, t.5].map(|n| finite(n.as_f64()));
                    self.state.ctm = concat(&m, &self.state.ctm);
                }
                Op::BeginText(_) => self.text = TextState::default(),
                Op::TextFont(f) => {
                    let dict = self.resources.get_font(f.0);
                    self.state.font = Some(self.reader.font(dict));
                    self.state.font_size = finite(f.1.as_f64());
                }
                Op::CharacterSpacing(v) => self.state.char_spacing = finite(v.0.as_f64()),
                Op::WordSpacing(v) => self.state.word_spacing = finite(v.0.as_f64()),
                Op::HorizontalScaling(v) => {
                    self.state.horizontal_scaling = finite(v.0.as_f64()) / 100.0;
                }
                Op::TextLeading(v) => self.state.leading = finite(v.0.as_f64()),
                Op::TextRise(v) => self.state.rise = finite(v.0.as_f64()),
                Op::NextLine(m) => self.next_line(finite(m.0.as_f64()), finite(m.1.as_f64())),
                Op::NextLineAndSetLeading(m) => {
                    let (x, y) = (finite(m.0.as_f64()), finite(m.1.as_f64()));
                    self.state.leading = -y;
                    self.next_line(x, y);
                }
                Op::SetTextMatrix(m) => {
                    let m = [m.0, m.1, m.2, m.3, m.4, m.5].map(|n| finite(n.as_f64()));
                    self.text.matrix = m;
                    self.text.line = m;
                }
                Op::NextLineUsingLeading(_) => self.next_line(0.0, -self.state.leading),
                Op::ShowText(s) => self.show(&[Object::String(s.0.clone())]),
                Op::NextLineAndShowText(s) => {
                    self.next_line(0.0, -self.state.leading);
                    self.show(&[Object::String(s.0.clone())]);
                }
                Op::ShowTextWithParameters(s) => {
                    self.state.word_spacing = finite(s.0.as_f64());
                    self.state.char_spacing = finite(s.1.as_f64());
                    self.next_line(0.0, -self.state.leading);
                    self.show(&[Object::String(s.2.clone())]);
                }
                Op::ShowTexts(array) => {
                    let items: Vec<Object<'_>> = array.0.iter::<Object<'_>>().take(4096).collect();
                    self.reader.operations += items.len() as u64 / 4;
                    self.show(&items);
                }
                Op::NonStrokeColorDeviceGray(g) => self.state.color = gray(g.0),
                Op::NonStrokeColorDeviceRgb(c) => self.state.color = rgb(c.0, c.1, c.2),
                Op::NonStrokeColorCmyk(c) => self.state.color = cmyk(c.0, c.1, c.2, c.3),
                Op::NonStrokeColor(c) => self.state.color = any_color(&c.0),
                Op::NonStrokeColorNamed(c) => self.state.color = any_color(&c.0),
                Op::XObject(name) if !self.form(name.0) => return false,
                _ => {}
            }
        }
        true
    }

    fn next_line(&mut self, x: f64, y: f64) {
        self.text.line = concat(&[1.0, 0.0, 0.0, 1.0, x, y], &self.text.line);
        self.text.matrix = self.text.line;
    }

    /// Draws a form XObject's text with its own matrix and resources.
    fn form(&mut self, name: &Name<'_>) -> bool {
        if self.depth >= MAX_FORM_DEPTH {
            return true;
        }
        let Some(stream) = self.resources.get_x_object(name) else {
            return true;
        };
        let dict = stream.dict().clone();
        if dict.get::<Name<'_>>(b"Subtype".as_slice()).as_deref() != Some(b"Form".as_slice()) {
            return true;
        }
        let Some(content) = decoded(&stream) else {
            return true;
        };
        // Decoding counts against the operation budget, so a form drawn a million times cannot
        // decode a million times.
        self.reader.operations += content.len() as u64 / 16;
        let matrix = dict
            .get::<[f64; 6]>(b"Matrix".as_slice())
            .map(|m| m.map(finite))
            .unwrap_or(IDENTITY);
        let resources = dict
            .get::<Dict<'_>>(b"Resources".as_slice())
            .map(Resources::new)
            .unwrap_or_else(|| self.resources.clone());
        let mut state = self.state.clone();
        state.ctm = concat(&matrix, &self.state.ctm);
        let mut inner = Interpreter {
            reader: &mut *self.reader,
            runs: &mut *self.runs,
            page: self.page,
            resources,
            state,
            stack: Vec::new(),
            text: TextState::default(),
            depth: self.depth + 1,
        };
        inner.run(&without_inline_images(&content))
    }

    /// `Tj`/`TJ`: appends runs for the strings, moving the text matrix as the glyphs advance.
    fn show(&mut self, items: &[Object<'_>]) {
        let font = self
            .state
            .font
            .clone()
            .unwrap_or_else(|| Rc::new(Font::fallback()));
        let size = self.state.font_size;
        let scaling = self.state.horizontal_scaling;
        let mut run: Option<TextRun> = None;
        for item in items {
            match item {
                Object::Number(n) => {
                    let shift = -finite(n.as_f64()) / 1000.0 * size * scaling;
                    self.advance(shift);
                    let ems = -finite(n.as_f64()) / 1000.0;
                    if ems.abs() > JUMP_EMS {
                        self.finish(run.take());
                    } else if ems > 0.25
                        && let Some(run) = run.as_mut()
                        && !run.text.ends_with(' ')
                    {
                        run.text.push(' ');
                    }
                }
                Object::String(s) => {
                    font.decode(s.as_bytes(), |glyph| {
                        self.reader.glyphs += 1;
                        let run = run.get_or_insert_with(|| self.start_run(font.bold));
                        match glyph.text {
                            GlyphText::Char(c) => push_char(&mut run.text, c),
                            GlyphText::String(s) => {
                                s.chars().for_each(|c| push_char(&mut run.text, c))
                            }
                            GlyphText::None => {}
                        }
                        let spacing = self.state.char_spacing
                            + if glyph.is_space {
                                self.state.word_spacing
                            } else {
                                0.0
                            };
                        let advance = (f64::from(glyph.width) / 1000.0 * size + spacing) * scaling;
                        self.advance(advance);
                        run.end_x = self.device_origin().0 as f32;
                    });
                }
                _ => {}
            }
        }
        self.finish(run);
    }

    fn advance(&mut self, by: f64) {
        self.text.matrix = concat(&[1.0, 0.0, 0.0, 1.0, by, 0.0], &self.text.matrix);
    }

    /// The text origin (with rise) in page coordinates.
    fn device_origin(&self) -> (f64, f64) {
        let m = concat(&self.text.matrix, &self.state.ctm);
        let y = self.state.rise;
        (m[2] * y + m[4], m[3] * y + m[5])
    }

    fn start_run(&self, bold: bool) -> TextRun {
        let (x, y) = self.device_origin();
        let m = concat(&self.text.matrix, &self.state.ctm);
        let scale = (m[0] * m[3] - m[1] * m[2]).abs().sqrt();
        TextRun {
            page: self.page,
            x: x as f32,
            y: y as f32,
            end_x: x as f32,
            size: (self.state.font_size.abs() * scale) as f32,
            text: String::new(),
            bold,
            color: self.state.color,
        }
    }

    fn finish(&mut self, run: Option<TextRun>) {
        if let Some(run) = run.filter(|r| !r.text.trim().is_empty())
            && run.x.is_finite()
            && run.y.is_finite()
            && run.size.is_finite()
        {
            self.runs.push(run);
        }
    }
}

impl Default for TextState {
    fn default() -> Self {
        Self {
            matrix: IDENTITY,
            line: IDENTITY,
        }
    }
}

/// Control characters and private-use glyph ids are not text.
fn push_char(text: &mut String, c: char) {
    match c {
        '\u{a0}' | '\t' => text.push(' '),
        c if c.is_control() || ('\u{e000}'..='\u{f8ff}').contains(&c) => {}
        c => text.push(c),
    }
}

fn decoded<'a>(stream: &Stream<'a>) -> Option<Cow<'a, [u8]>> {
    stream.decoded().ok()
}

/// Huge or non-finite operands are clamped so matrices stay finite.
fn finite(value: f64) -> f64 {
    if value.is_finite() {
        value.clamp(-1.0e7, 1.0e7)
    } else {
        0.0
    }
}

fn channel(value: Number) -> u32 {
    (finite(value.as_f64()).clamp(0.0, 1.0) * 255.0).round() as u32
}

fn gray(g: Number) -> u32 {
    let v = channel(g);
    (v << 16) | (v << 8) | v
}

fn rgb(r: Number, g: Number, b: Number) -> u32 {
    (channel(r) << 16) | (channel(g) << 8) | channel(b)
}

fn cmyk(c: Number, m: Number, y: Number, k: Number) -> u32 {
    let k = finite(k.as_f64()).clamp(0.0, 1.0);
    let part = |v: Number| ((1.0 - finite(v.as_f64()).clamp(0.0, 1.0)) * (1.0 - k) * 255.0) as u32;
    (part(c) << 16) | (part(m) << 8) | part(y)
}

fn any_color(components: &[Number]) -> u32 {
    match components {
        [g] => gray(*g),
        [r, g, b] => rgb(*r, *g, *b),
        [c, m, y, k] => cmyk(*c, *m, *y, *k),
        _ => 0,
    }
}
