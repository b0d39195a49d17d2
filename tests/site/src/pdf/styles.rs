//! How each kind of line looks: the fixture's own look, which the site serves (bold headings and
//! titles), and — for parser tests — the sizes and weights measured on real files (DESIGN.md §7:
//! headings 15.75/13 regular, company 12, title 11.5 regular, grey 12 pt location, summary at
//! 12 pt), with the standard fonts standing in for the embedded ones.

use super::layout::{Color, Style};
use super::metrics::Font;

pub const INK: Color = Color(0.094, 0.094, 0.094);
pub const MUTED: Color = Color(0.4, 0.4, 0.4);
pub const SHADE: Color = Color(0.933, 0.945, 0.957);

const fn style(font: Font, size: f32, color: Color, leading: f32) -> Style {
    Style {
        font,
        size,
        color,
        leading,
    }
}

/// The style of each kind of line.
#[derive(Clone, Copy, Debug)]
pub struct Look {
    pub name: Style,
    pub headline: Style,
    pub location: Style,
    pub section: Style,
    pub side_heading: Style,
    pub side_text: Style,
    pub company: Style,
    pub title: Style,
    pub summary: Style,
    pub body: Style,
    pub detail: Style,
    pub footer: Style,
}

const BODY: Style = style(Font::Regular, 10.5, INK, 14.0);

pub const FIXTURE: Look = Look {
    name: style(Font::Regular, 26.0, INK, 31.0),
    headline: style(Font::Regular, 12.0, INK, 15.0),
    location: style(Font::Regular, 10.5, MUTED, 14.0),
    section: style(Font::Bold, 15.75, INK, 20.0),
    side_heading: style(Font::Bold, 13.0, INK, 17.0),
    side_text: style(Font::Regular, 10.5, INK, 14.0),
    company: style(Font::Regular, 12.0, INK, 15.0),
    title: style(Font::Bold, 10.5, INK, 14.0),
    summary: BODY,
    body: BODY,
    detail: style(Font::Regular, 10.5, MUTED, 14.0),
    footer: style(Font::Regular, 9.0, MUTED, 11.0),
};

/// As measured on the real current-layout PDF (no weight told apart: size and colour only).
#[cfg(test)]
pub const MEASURED: Look = Look {
    location: style(Font::Regular, 12.0, Color(0.69, 0.69, 0.69), 15.4),
    section: style(Font::Regular, 15.75, INK, 20.0),
    side_heading: style(Font::Regular, 13.0, Color(0.2, 0.25, 0.3), 17.0),
    title: style(Font::Regular, 11.5, INK, 14.5),
    summary: style(Font::Regular, 12.0, INK, 18.0),
    ..FIXTURE
};
