//! Just enough SVG for the book's diagrams: boxes with centred lines of
//! text, arrows, and text. Every picture gets a `<title>`, a `<desc>`, a
//! `viewBox`, an explicit size, and a white background, so it reads in
//! mdBook's dark themes too. Coordinates are pixels of that size.

use std::fmt::Write;

/// Colours, by what they stand for; the same thing has the same colour in
/// every diagram.
pub mod colour {
    /// The executor: tasks, the ready queue, the loop.
    pub const EXECUTOR: (&str, &str) = ("#dbe9f6", "#3f6f9f");
    /// The timer layer and its clock.
    pub const TIMERS: (&str, &str) = ("#fde9cc", "#b9771f");
    /// The reactor and the operating system's readiness queue.
    pub const REACTOR: (&str, &str) = ("#dcefd8", "#4a8545");
    /// The operating system, or another thread: outside the loop.
    pub const OUTSIDE: (&str, &str) = ("#eeeeee", "#777777");
    /// A state, a value, a future.
    pub const STATE: (&str, &str) = ("#f3e6f5", "#80508a");
    /// Something that goes wrong.
    pub const WRONG: (&str, &str) = ("#fbe0de", "#b03a2e");
    /// The colour of a wrong arrow or a warning.
    pub const RED: &str = "#b03a2e";
}

/// One picture being drawn.
pub struct Svg {
    out: String,
}

/// How a piece of text is set.
#[derive(Clone, Copy)]
pub enum Style {
    /// 14 px, the body of a label.
    Body,
    /// 14 px bold.
    Bold,
    /// 13 px monospace: code.
    Code,
    /// 13 px grey: a remark.
    Note,
    /// 16 px bold: a panel's heading.
    Heading,
}

impl Style {
    fn class(self) -> &'static str {
        match self {
            Style::Body => "",
            Style::Bold => " class=\"b\"",
            Style::Code => " class=\"c\"",
            Style::Note => " class=\"n\"",
            Style::Heading => " class=\"h\"",
        }
    }
}

/// Where a text's `x` is.
#[derive(Clone, Copy)]
pub enum Anchor {
    /// `x` is where the text starts.
    Start,
    /// `x` is its middle.
    Middle,
    /// `x` is where it ends.
    End,
}

impl Svg {
    /// Starts a picture `width` by `height` pixels, with the title and the
    /// longer description that screen readers announce.
    pub fn new(width: u32, height: u32, title: &str, desc: &str) -> Svg {
        let mut out = String::new();
        let _ = writeln!(
            out,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="14" role="img">"#
        );
        let _ = writeln!(out, "<title>{}</title>", escape(title));
        let _ = writeln!(out, "<desc>{}</desc>", escape(desc));
        out.push_str(concat!(
            "<style>.b{font-weight:bold}.c{font-family:monospace;font-size:13px}",
            ".n{fill:#555;font-size:13px}.h{font-weight:bold;font-size:16px}</style>\n",
            r##"<defs><marker id="a" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,1L9,5L0,9z" fill="#333"/></marker>"##,
            r##"<marker id="r" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,1L9,5L0,9z" fill="#b03a2e"/></marker></defs>"##,
            "\n"
        ));
        let _ = writeln!(
            out,
            r##"<rect width="{width}" height="{height}" rx="6" fill="#ffffff" stroke="#cccccc"/>"##
        );
        Svg { out }
    }

    /// A line of text.
    pub fn text(&mut self, x: f64, y: f64, style: Style, anchor: Anchor, text: &str) {
        let anchor = match anchor {
            Anchor::Start => "",
            Anchor::Middle => r#" text-anchor="middle""#,
            Anchor::End => r#" text-anchor="end""#,
        };
        let _ = writeln!(
            self.out,
            r#"<text x="{x}" y="{y}"{}{anchor}>{}</text>"#,
            style.class(),
            escape(text)
        );
    }

    /// Lines of text, 18 px apart, the first one's baseline at `y`. A line
    /// that starts with `` ` `` is code, `*` bold, `~` a note.
    pub fn lines(&mut self, x: f64, y: f64, anchor: Anchor, lines: &[&str]) {
        for (i, line) in lines
            .iter()
            .enumerate()
            .filter(|(_, line)| !line.is_empty())
        {
            let (style, text) = marked(line);
            self.text(x, y + 18.0 * i as f64, style, anchor, text);
        }
    }

    /// A rounded box in `colours` (fill, stroke) with `lines` centred in it
    /// (marked up as for [`Svg::lines`]).
    pub fn node(
        &mut self,
        (x, y, w, h): (f64, f64, f64, f64),
        colours: (&str, &str),
        lines: &[&str],
    ) {
        self.rect((x, y, w, h), colours, false);
        let first = y + h / 2.0 - 9.0 * (lines.len() as f64 - 1.0) + 5.0;
        self.lines(x + w / 2.0, first, Anchor::Middle, lines);
    }

    /// A grey box of code, lines set left-aligned, indentation kept.
    pub fn code(&mut self, (x, y, w, h): (f64, f64, f64, f64), lines: &[&str]) {
        self.rect((x, y, w, h), colour::OUTSIDE, false);
        for (i, line) in lines.iter().enumerate() {
            let indent = line.len() - line.trim_start().len();
            // A monospace character of 13 px is about 7.8 px wide.
            let left = x + 12.0 + 7.8 * indent as f64;
            self.text(
                left,
                y + 22.0 + 18.0 * i as f64,
                Style::Code,
                Anchor::Start,
                line.trim_start(),
            );
        }
    }

    /// A rounded box, dashed or not, with nothing in it.
    pub fn rect(
        &mut self,
        (x, y, w, h): (f64, f64, f64, f64),
        (fill, stroke): (&str, &str),
        dashed: bool,
    ) {
        let dash = if dashed {
            r#" stroke-dasharray="5 4""#
        } else {
            ""
        };
        let _ = writeln!(
            self.out,
            r#"<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="6" fill="{fill}" stroke="{stroke}" stroke-width="1.5"{dash}/>"#
        );
    }

    /// An arrow through `points`, its head at the last one.
    pub fn arrow(&mut self, points: &[(f64, f64)]) {
        self.path(points, "#333", "a", false);
    }

    /// A dashed arrow: a call that may not happen, or a wake from afar.
    pub fn dashed_arrow(&mut self, points: &[(f64, f64)]) {
        self.path(points, "#333", "a", true);
    }

    /// A red arrow: what goes wrong.
    pub fn red_arrow(&mut self, points: &[(f64, f64)]) {
        self.path(points, colour::RED, "r", true);
    }

    /// A plain line, no head.
    pub fn line(&mut self, points: &[(f64, f64)], stroke: &str) {
        let _ = writeln!(
            self.out,
            r#"<polyline points="{}" fill="none" stroke="{stroke}"/>"#,
            coords(points)
        );
    }

    fn path(&mut self, points: &[(f64, f64)], stroke: &str, marker: &str, dashed: bool) {
        let dash = if dashed {
            r#" stroke-dasharray="6 4""#
        } else {
            ""
        };
        let _ = writeln!(
            self.out,
            r#"<polyline points="{}" fill="none" stroke="{stroke}" stroke-width="1.6"{dash} marker-end="url(#{marker})"/>"#,
            coords(points)
        );
    }

    /// Ends the picture.
    pub fn finish(mut self) -> String {
        self.out.push_str("</svg>\n");
        self.out
    }
}

fn marked(line: &str) -> (Style, &str) {
    if let Some(code) = line.strip_prefix('`') {
        (Style::Code, code.trim_end_matches('`'))
    } else if let Some(bold) = line.strip_prefix('*') {
        (Style::Bold, bold)
    } else if let Some(note) = line.strip_prefix('~') {
        (Style::Note, note)
    } else {
        (Style::Body, line)
    }
}

fn coords(points: &[(f64, f64)]) -> String {
    points
        .iter()
        .map(|(x, y)| format!("{x},{y}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Text as XML wants it.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
