//! The report document laid out on A4 pages as a PDF, in pure Rust.
//!
//! One embedded font (Droid Sans Fallback, Apache-2.0, `data/fonts/`) covers Chinese and
//! Latin text. Each PDF carries only the glyphs it uses (a subset, as a CID-keyed TrueType
//! font) and a ToUnicode map, so the text is real text: it can be selected, copied and
//! searched. Bold is drawn by stroking the glyph outlines. The layout is simple and
//! deterministic: text flows and wraps (between any two CJK characters, at spaces in
//! Latin text, after the `.`, `_` or `-` of an id; inside a run of letters or digits only
//! when it alone is wider than the line), table columns are sized by their content, tables
//! repeat their header row on every page and never split a row,
//! headings stay with what follows them, every page has the title at its head and its
//! number in the footer, and nothing needs colour to be read.

use std::collections::BTreeMap;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, TextRenderingMode};
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use subsetter::GlyphRemapper;

use super::doc::{Block, Chart, Doc, Line, Span};

/// The embedded fonts (see `data/fonts/README.md`): DejaVu Sans (Bitstream Vera licence)
/// for Latin text, digits and symbols, and Droid Sans Fallback (Apache-2.0), which has no
/// Latin letters, for Chinese.
const LATIN: &[u8] = include_bytes!("../../data/fonts/DejaVuSans.ttf");
const CJK: &[u8] = include_bytes!("../../data/fonts/DroidSansFallbackFull.ttf");

/// A4 in points.
const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN_X: f32 = 50.0;
const TOP: f32 = PAGE_H - 62.0;
const BOTTOM: f32 = 60.0;
const WIDTH: f32 = PAGE_W - 2.0 * MARGIN_X;
const BODY: f32 = 9.5;
const CELL_PAD: f32 = 3.5;

/// Why a PDF could not be made. Only a broken embedded font can cause it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    /// The embedded font does not parse.
    #[error("the embedded font does not parse: {0}")]
    Font(String),
    /// The embedded font could not be subset.
    #[error("the embedded font could not be subset: {0}")]
    Subset(String),
}

/// How a run of text is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Style {
    size: f32,
    bold: bool,
    /// 0 black … 1 white.
    gray: f32,
}

impl Style {
    fn body(size: f32) -> Style {
        Style {
            size,
            bold: false,
            gray: 0.0,
        }
    }
    fn bold(self) -> Style {
        Style { bold: true, ..self }
    }
}

/// A piece of a laid-out line.
#[derive(Debug, Clone)]
struct Frag {
    text: String,
    style: Style,
    width: f32,
}

type Wrapped = Vec<Vec<Frag>>;

/// One embedded font, with the glyphs this document uses from it.
struct Font {
    data: &'static [u8],
    face: ttf_parser::Face<'static>,
    per_em: f32,
    /// The resource name in page content and the font's PostScript name in the PDF.
    resource: &'static [u8],
    base: &'static [u8],
    remap: GlyphRemapper,
    /// Glyph id in the subset → the character it shows and its advance.
    used: BTreeMap<u16, (char, f32)>,
}

impl Font {
    fn load(
        data: &'static [u8],
        resource: &'static [u8],
        base: &'static [u8],
    ) -> Result<Font, PdfError> {
        let face = ttf_parser::Face::parse(data, 0).map_err(|e| PdfError::Font(e.to_string()))?;
        let per_em = f32::from(face.units_per_em());
        Ok(Font {
            data,
            face,
            per_em,
            resource,
            base,
            remap: GlyphRemapper::new(),
            used: BTreeMap::new(),
        })
    }

    fn glyph(&self, c: char) -> u16 {
        self.face.glyph_index(c).map_or(0, |g| g.0)
    }

    /// Advance of a glyph in thousandths of an em.
    fn advance(&self, g: u16) -> f32 {
        f32::from(
            self.face
                .glyph_hor_advance(ttf_parser::GlyphId(g))
                .unwrap_or(0),
        ) * 1000.0
            / self.per_em
    }
}

/// The Latin font and the CJK font: each character is drawn with the first that has it.
struct Fonts {
    latin: Font,
    cjk: Font,
}

impl Fonts {
    /// Which font draws `c` (false: Latin, true: CJK) and its glyph there.
    fn pick(&self, c: char) -> (bool, u16) {
        if !is_cjk(c) {
            let g = self.latin.glyph(c);
            if g != 0 {
                return (false, g);
            }
        }
        let g = self.cjk.glyph(c);
        if g != 0 || is_cjk(c) {
            return (true, g);
        }
        (false, 0)
    }

    fn font(&self, cjk: bool) -> &Font {
        if cjk { &self.cjk } else { &self.latin }
    }

    fn font_mut(&mut self, cjk: bool) -> &mut Font {
        if cjk { &mut self.cjk } else { &mut self.latin }
    }

    fn width(&self, s: &str, style: Style) -> f32 {
        s.chars()
            .map(|c| {
                let (cjk, g) = self.pick(c);
                self.font(cjk).advance(g)
            })
            .sum::<f32>()
            * style.size
            / 1000.0
    }
}

/// Characters after which a line may break, and the CJK characters that may break anywhere.
fn is_cjk(c: char) -> bool {
    matches!(u32::from(c),
        0x2E80..=0x303F | 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// Whether an id may break after `c` when `next` follows: after '.', '_' or '-' that a
/// lower-case Latin letter follows (`art28.two_evaluations`), never inside a number, a
/// date or a code (`87.50`, `2025-01-01`, `DY-DYQ-001`) and never before a space or the end.
fn id_break_after(c: char, next: Option<char>) -> bool {
    matches!(c, '.' | '_' | '-') && next.is_some_and(|n| n.is_ascii_lowercase())
}

struct Writer {
    font: Fonts,
    /// Finished pages' content, and the page being drawn.
    done: Vec<Vec<u8>>,
    current: Content,
    /// Whether anything has been drawn on the current page.
    y: f32,
    title: String,
    zh: bool,
    /// Text scale inside a small-print block.
    scale: f32,
}

impl Writer {
    fn new(title: &str, zh: bool) -> Result<Writer, PdfError> {
        let w = Writer {
            font: Fonts {
                latin: Font::load(LATIN, b"F1", b"SWSEVA+DejaVuSans")?,
                cjk: Font::load(CJK, b"F2", b"SWSEVB+DroidSansFallbackFull")?,
            },
            done: Vec::new(),
            current: Content::new(),
            y: TOP,
            title: title.to_owned(),
            zh,
            scale: 1.0,
        };
        Ok(w)
    }

    fn size(&self, base: f32) -> f32 {
        base * self.scale
    }

    fn new_page(&mut self) {
        let page = std::mem::replace(&mut self.current, Content::new());
        self.done.push(page.finish().into_vec());
        self.y = TOP;
        // The running head: the title in small print over a hairline.
        let title = self.title.clone();
        let style = Style {
            size: 7.5,
            bold: false,
            gray: 0.35,
        };
        self.text(MARGIN_X, PAGE_H - 38.0, &title, style);
        self.hline(MARGIN_X, PAGE_W - MARGIN_X, PAGE_H - 43.0, 0.4, 0.5);
    }

    fn ensure(&mut self, h: f32) {
        if self.y - h < BOTTOM && self.y < TOP {
            self.new_page();
        }
    }

    /// Splits a text into runs of one font each, as glyph ids in that font's subset,
    /// recording each glyph for the font's widths and its ToUnicode map.
    fn encode(&mut self, s: &str, style: Style) -> Vec<(bool, Vec<u8>, f32)> {
        let mut runs: Vec<(bool, Vec<u8>, f32)> = Vec::new();
        for c in s.chars() {
            let (cjk, old) = self.font.pick(c);
            let font = self.font.font_mut(cjk);
            let new = font.remap.remap(old);
            let adv = font.advance(old);
            font.used.entry(new).or_insert((c, adv));
            let w = adv * style.size / 1000.0;
            match runs.last_mut() {
                Some((f, bytes, width)) if *f == cjk => {
                    bytes.extend_from_slice(&new.to_be_bytes());
                    *width += w;
                }
                _ => runs.push((cjk, new.to_be_bytes().to_vec(), w)),
            }
        }
        runs
    }

    /// Draws one run of text with its baseline at `y`.
    fn text(&mut self, x: f32, y: f32, s: &str, style: Style) {
        let runs = self.encode(s, style);
        let mut x = x;
        for (cjk, bytes, width) in runs {
            let resource = self.font.font(cjk).resource;
            show(&mut self.current, resource, x, y, &bytes, style);
            x += width;
        }
    }

    fn hline(&mut self, x0: f32, x1: f32, y: f32, width: f32, gray: f32) {
        let page = &mut self.current;
        page.set_stroke_gray(gray);
        page.set_line_width(width);
        page.move_to(x0, y);
        page.line_to(x1, y);
        page.stroke();
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: Option<f32>, stroke: Option<f32>) {
        let page = &mut self.current;
        page.rect(x, y, w, h);
        match (fill, stroke) {
            (Some(f), Some(s)) => {
                page.set_fill_gray(f);
                page.set_stroke_gray(s);
                page.set_line_width(0.5);
                page.fill_nonzero_and_stroke();
            }
            (Some(f), None) => {
                page.set_fill_gray(f);
                page.fill_nonzero();
            }
            (None, Some(s)) => {
                page.set_stroke_gray(s);
                page.set_line_width(0.5);
                page.stroke();
            }
            (None, None) => {
                page.set_fill_gray(1.0);
                page.fill_nonzero();
            }
        }
    }

    // ------------------------------------------------------------ wrapping

    /// Splits spans into breakable tokens: each CJK character alone, other text by words
    /// (a word keeps its trailing space), and an id such as `art28.two_evaluations_a_year`
    /// after each '.', '_' or '-' that a letter follows (the separator stays at the end of
    /// the piece), so an id wraps at its separators and never inside a run of letters or
    /// digits. `None` is a forced line break.
    fn tokens(&self, line: &[Span], base: Style) -> Vec<Option<Frag>> {
        let mut out: Vec<Option<Frag>> = Vec::new();
        for span in line {
            let (text, style) = match span {
                Span::Text(x) => (x.as_str(), base),
                Span::Code(x) => (
                    x.as_str(),
                    Style {
                        size: base.size * 0.92,
                        gray: 0.2,
                        ..base
                    },
                ),
                Span::Strong(x) | Span::Badge(_, x) => (x.as_str(), base.bold()),
                Span::Break => {
                    out.push(None);
                    continue;
                }
            };
            let mut word = String::new();
            let flush = |word: &mut String, out: &mut Vec<Option<Frag>>| {
                if !word.is_empty() {
                    let width = self.font.width(word, style);
                    out.push(Some(Frag {
                        text: std::mem::take(word),
                        style,
                        width,
                    }));
                }
            };
            let mut chars = text.chars().peekable();
            while let Some(c) = chars.next() {
                let c = if matches!(c, '\n' | '\r' | '\t') {
                    ' '
                } else {
                    c
                };
                if is_cjk(c) && "）」』】》〉，。、；：？！".contains(c) && word.is_empty()
                {
                    // Closing punctuation never starts a line: it joins what it closes.
                    if let Some(Some(prev)) = out.last_mut() {
                        prev.text.push(c);
                        prev.width = self.font.width(&prev.text, prev.style);
                    } else {
                        word.push(c);
                        flush(&mut word, &mut out);
                    }
                } else if is_cjk(c) {
                    flush(&mut word, &mut out);
                    word.push(c);
                    flush(&mut word, &mut out);
                } else {
                    word.push(c);
                    if c == ' ' || id_break_after(c, chars.peek().copied()) {
                        flush(&mut word, &mut out);
                    }
                }
            }
            flush(&mut word, &mut out);
        }
        out
    }

    /// Lays spans out in lines no wider than `width`.
    fn wrap(&self, line: &[Span], width: f32, base: Style) -> Wrapped {
        let mut lines: Wrapped = vec![Vec::new()];
        let mut used = 0.0;
        for token in self.tokens(line, base) {
            let Some(frag) = token else {
                lines.push(Vec::new());
                used = 0.0;
                continue;
            };
            if used + frag.width > width && used > 0.0 {
                lines.push(Vec::new());
                used = 0.0;
                if frag.text == " " {
                    continue;
                }
            }
            if frag.width > width {
                // A word wider than the line: break it between characters.
                let mut piece = String::new();
                for c in frag.text.chars() {
                    let w = self.font.width(&c.to_string(), frag.style);
                    if used + w > width && used > 0.0 {
                        let pw = self.font.width(&piece, frag.style);
                        push(&mut lines, std::mem::take(&mut piece), frag.style, pw);
                        lines.push(Vec::new());
                        used = 0.0;
                    }
                    piece.push(c);
                    used += w;
                }
                let pw = self.font.width(&piece, frag.style);
                push(&mut lines, piece, frag.style, pw);
                continue;
            }
            used += frag.width;
            if let Some(l) = lines.last_mut() {
                l.push(frag);
            }
        }
        lines
    }

    fn draw_line(&mut self, x: f32, baseline: f32, line: &[Frag]) {
        let mut x = x;
        for f in line {
            self.text(x, baseline, &f.text, f.style);
            x += f.width;
        }
    }

    /// Natural width of spans on one line, and the widest unbreakable token.
    fn extent(&self, line: &[Span], base: Style) -> (f32, f32) {
        let tokens = self.tokens(line, base);
        let mut natural: f32 = 0.0;
        let mut current = 0.0;
        let mut widest: f32 = 0.0;
        for t in tokens {
            match t {
                Some(f) => {
                    current += f.width;
                    // Long Latin words may still break; do not let one claim the page.
                    widest = widest.max(f.width.min(WIDTH * 0.25));
                }
                None => {
                    natural = natural.max(current);
                    current = 0.0;
                }
            }
        }
        let natural = natural.max(current);
        // Short cells (a date, 第12条, 限期整改, 不符合; at most six Chinese characters)
        // never wrap, as in the HTML.
        let chars: usize = line
            .iter()
            .map(|s| match s {
                Span::Text(x) | Span::Code(x) | Span::Strong(x) | Span::Badge(_, x) => {
                    x.chars().count()
                }
                Span::Break => 0,
            })
            .sum();
        let cjk: usize = line
            .iter()
            .map(|s| match s {
                Span::Text(x) | Span::Code(x) | Span::Strong(x) | Span::Badge(_, x) => {
                    x.chars().filter(|c| is_cjk(*c)).count()
                }
                Span::Break => 0,
            })
            .sum();
        let unbreakable = chars <= 10 && cjk <= 6 && !line.iter().any(|s| matches!(s, Span::Break));
        (natural, if unbreakable { natural } else { widest })
    }

    // ------------------------------------------------------------ blocks

    fn paragraph(&mut self, x: f32, width: f32, line: &[Span], style: Style, after: f32) {
        let lh = style.size * 1.45;
        for l in self.wrap(line, width, style) {
            self.ensure(lh);
            self.y -= lh;
            self.draw_line(x, self.y + style.size * 0.28, &l);
        }
        self.y -= after;
    }

    /// The room a block needs at least at the foot of a page to start there.
    fn keep(&self, next: Option<&Block>) -> f32 {
        match next {
            Some(Block::SignOff(_)) => 110.0,
            Some(Block::Chart(c)) => 17.0 * c.bars.len() as f32 + 30.0,
            Some(Block::Banner(..)) => 70.0,
            Some(Block::Small(inner)) => self.keep(inner.first()),
            _ => 60.0,
        }
    }

    fn heading(&mut self, level: u8, text: &str, keep: f32) {
        let size = self.size(match level {
            0 | 1 => 17.0,
            2 => 13.0,
            _ => 11.0,
        });
        // A heading keeps the start of what follows on its page.
        self.ensure(size * 1.6 + 10.0 + keep);
        if self.y < TOP {
            self.y -= if level <= 2 { 12.0 } else { 7.0 };
        }
        let style = Style::body(size).bold();
        let spans = [Span::Text(text.to_owned())];
        self.paragraph(MARGIN_X, WIDTH, &spans, style, 4.0);
        if level <= 2 && self.scale >= 1.0 {
            self.hline(MARGIN_X, PAGE_W - MARGIN_X, self.y + 1.5, 0.6, 0.3);
            self.y -= 4.0;
        }
    }

    fn title(&mut self, text: &str) {
        let style = Style::body(17.0).bold();
        let lh = 17.0 * 1.4;
        self.y -= 6.0;
        for l in self.wrap(&[Span::Text(text.to_owned())], WIDTH, style) {
            let w: f32 = l.iter().map(|f| f.width).sum();
            self.y -= lh;
            let x = MARGIN_X + (WIDTH - w).max(0.0) / 2.0;
            self.draw_line(x, self.y + 5.0, &l);
        }
        self.y -= 12.0;
    }

    /// Column widths, sized by content. Each column's natural width is its widest cell
    /// text (at most 60 % of the table). When everything fits, each column gets its natural
    /// width and the spare room in proportion. Otherwise each column gets a share in
    /// proportion to its natural width, within a minimum (its widest unbreakable token,
    /// raised, column by column from the left while room remains, to hold its widest cell
    /// on two lines, up to a fifth of the table) and a maximum (its natural width).
    fn columns(&self, head: &[Line], rows: &[Vec<Line>], style: Style, width: f32) -> Vec<f32> {
        let n = head.len().max(rows.iter().map(Vec::len).max().unwrap_or(0));
        let mut natural = vec![0.0f32; n];
        let mut minimum = vec![0.0f32; n];
        for row in std::iter::once(head).chain(rows.iter().map(Vec::as_slice)) {
            for (i, cell) in row.iter().enumerate() {
                let st = if std::ptr::eq(row, head) {
                    style.bold()
                } else {
                    style
                };
                let (nat, min) = self.extent(cell, st);
                if let (Some(a), Some(b)) = (natural.get_mut(i), minimum.get_mut(i)) {
                    *a = a.max(nat.min(width * 0.6) + 2.0 * CELL_PAD);
                    *b = b.max(min + 2.0 * CELL_PAD);
                }
            }
        }
        let total: f32 = natural.iter().sum();
        if total <= width {
            let extra = (width - total) / total.max(1.0);
            return natural.iter().map(|w| w * (1.0 + extra)).collect();
        }
        // Room for the widest cell of a column on two lines (one character of slack).
        let two_lines: Vec<f32> = natural
            .iter()
            .zip(&minimum)
            .map(|(nat, min)| {
                let half = (nat - 2.0 * CELL_PAD) / 2.0 + style.size + 2.0 * CELL_PAD;
                half.min(width * 0.2).min(*nat).max(*min)
            })
            .collect();
        // Left to right (the identifying columns come first), while room remains.
        let mut spare = width - minimum.iter().sum::<f32>();
        for (min, two) in minimum.iter_mut().zip(&two_lines) {
            let raise = (two - *min).clamp(0.0, spare.max(0.0));
            *min += raise;
            spare -= raise;
        }
        share(&natural, &minimum, width)
    }

    fn table(&mut self, head: &[Line], rows: &[Vec<Line>], right: &[usize], facts: bool) {
        let style = Style::body(self.size(if facts { BODY } else { BODY - 1.0 }));
        let widths = if facts {
            vec![WIDTH * 0.27, WIDTH * 0.73]
        } else {
            self.columns(head, rows, style, WIDTH)
        };
        let lh = style.size * 1.4;
        let layout = |w: &Self, row: &[Line], bold_first: bool, bold_all: bool| -> Vec<Wrapped> {
            row.iter()
                .enumerate()
                .map(|(i, cell)| {
                    let cw = widths.get(i).copied().unwrap_or(40.0) - 2.0 * CELL_PAD;
                    let st = if bold_all || (bold_first && i == 0) {
                        style.bold()
                    } else {
                        style
                    };
                    w.wrap(cell, cw, st)
                })
                .collect()
        };
        let height = |cells: &[Wrapped]| {
            cells.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 2.0 * CELL_PAD
        };
        let head_cells = layout(self, head, false, true);
        let head_h = if head.is_empty() {
            0.0
        } else {
            height(&head_cells)
        };
        let draw_row = |w: &mut Self, cells: &[Wrapped], h: f32, fill: Option<f32>| {
            let mut x = MARGIN_X;
            for (i, cw) in widths.iter().enumerate() {
                let shade = if facts && i == 0 { Some(0.94) } else { fill };
                w.rect(x, w.y - h, *cw, h, shade, Some(0.55));
                if let Some(lines) = cells.get(i) {
                    let mut baseline = w.y - CELL_PAD - style.size * 1.02;
                    for l in lines {
                        let lw: f32 = l.iter().map(|f| f.width).sum();
                        let lx = if right.contains(&i) {
                            x + cw - CELL_PAD - lw
                        } else {
                            x + CELL_PAD
                        };
                        w.draw_line(lx, baseline, l);
                        baseline -= lh;
                    }
                }
                x += cw;
            }
            w.y -= h;
        };
        let first_h = rows
            .first()
            .map(|r| height(&layout(self, r, facts, false)))
            .unwrap_or(0.0);
        self.ensure(head_h + first_h);
        if head_h > 0.0 {
            draw_row(self, &head_cells, head_h, Some(0.88));
        }
        for row in rows {
            let cells = layout(self, row, facts, false);
            let h = height(&cells);
            if self.y - h < BOTTOM && self.y < TOP {
                self.new_page();
                if head_h > 0.0 {
                    draw_row(self, &head_cells, head_h, Some(0.88));
                }
            }
            draw_row(self, &cells, h, None);
        }
        self.y -= 8.0;
    }

    fn banner(&mut self, head: &[Span], lines: &[Line]) {
        let head_style = Style::body(self.size(12.0)).bold();
        let style = Style::body(self.size(BODY));
        let inner = WIDTH - 20.0;
        let head_l = self.wrap(head, inner, head_style);
        let body: Vec<Wrapped> = lines.iter().map(|l| self.wrap(l, inner, style)).collect();
        let h = head_l.len() as f32 * head_style.size * 1.5
            + body.iter().map(Vec::len).sum::<usize>() as f32 * style.size * 1.5
            + 14.0;
        self.ensure(h);
        let top = self.y;
        self.rect(MARGIN_X, top - h, WIDTH, h, None, Some(0.3));
        self.rect(MARGIN_X, top - h, 4.0, h, Some(0.0), None);
        self.y -= 7.0;
        for l in head_l {
            self.y -= head_style.size * 1.5;
            self.draw_line(MARGIN_X + 12.0, self.y + 4.0, &l);
        }
        for para in body {
            for l in para {
                self.y -= style.size * 1.5;
                self.draw_line(MARGIN_X + 12.0, self.y + 3.0, &l);
            }
        }
        self.y = top - h - 8.0;
    }

    fn list(&mut self, items: &[Line]) {
        let style = Style::body(self.size(BODY));
        for item in items {
            let lines = self.wrap(item, WIDTH - 14.0, style);
            let lh = style.size * 1.45;
            for (i, l) in lines.iter().enumerate() {
                self.ensure(lh);
                self.y -= lh;
                if i == 0 {
                    self.text(MARGIN_X + 2.0, self.y + 2.7, "•", style);
                }
                self.draw_line(MARGIN_X + 14.0, self.y + 2.7, l);
            }
        }
        self.y -= 6.0;
    }

    fn chart(&mut self, chart: &Chart) {
        let style = Style::body(self.size(BODY - 0.5));
        let row_h = 17.0;
        let label_w = WIDTH * 0.34;
        let bar_w = WIDTH * 0.5;
        self.ensure(row_h * chart.bars.len() as f32 + 24.0);
        let scale = chart
            .bars
            .iter()
            .map(|b| b.max)
            .max()
            .filter(|m| !m.is_zero())
            .unwrap_or(Decimal::ONE);
        let px = |v: Decimal| {
            (v.max(Decimal::ZERO).min(scale) / scale)
                .to_f32()
                .unwrap_or(0.0)
                * bar_w
        };
        for b in &chart.bars {
            self.y -= row_h;
            let label_width = self.font.width(&b.label, style);
            let lx = MARGIN_X + (label_w - 8.0 - label_width).max(0.0);
            self.text(lx, self.y + 5.0, &b.label, style);
            let track = if chart.tracks_to_max {
                px(b.max)
            } else {
                bar_w
            };
            let x = MARGIN_X + label_w;
            self.rect(x, self.y + 2.0, track, 11.0, Some(0.9), Some(0.6));
            self.rect(x, self.y + 2.0, px(b.value), 11.0, Some(0.35), None);
            self.text(x + track + 6.0, self.y + 5.0, &b.value_text, style);
        }
        self.y -= 4.0;
        let caption = Style {
            gray: 0.35,
            ..Style::body(self.size(BODY - 1.5))
        };
        self.paragraph(
            MARGIN_X + label_w,
            bar_w,
            &[Span::Text(chart.title.clone())],
            caption,
            8.0,
        );
    }

    fn sign_off(&mut self, labels: &[String]) {
        let style = Style::body(self.size(BODY + 0.5)).bold();
        let n = labels.len().max(1) as f32;
        let gap = 24.0;
        let col = (WIDTH - gap * (n - 1.0)) / n;
        self.ensure(100.0);
        self.y -= 16.0;
        let top = self.y;
        for (i, l) in labels.iter().enumerate() {
            let x = MARGIN_X + i as f32 * (col + gap);
            self.text(x, top - style.size, l, style);
            self.hline(x, x + col, top - 70.0, 0.8, 0.0);
        }
        self.y = top - 84.0;
    }

    fn blocks(&mut self, blocks: &[Block]) {
        for (i, b) in blocks.iter().enumerate() {
            match b {
                Block::Heading(level, text) => {
                    let keep = self.keep(blocks.get(i + 1));
                    self.heading(*level, text, keep);
                }
                Block::Para(line) => {
                    let style = Style::body(self.size(BODY));
                    self.paragraph(MARGIN_X, WIDTH, line, style, 6.0);
                }
                Block::Banner(_, head, lines) => self.banner(head, lines),
                Block::Facts(pairs) => {
                    let rows: Vec<Vec<Line>> = pairs
                        .iter()
                        .map(|(k, v)| vec![vec![Span::Text(k.clone())], v.clone()])
                        .collect();
                    self.table(&[], &rows, &[], true);
                }
                Block::Table { head, rows, right } => {
                    let head: Vec<Line> =
                        head.iter().map(|h| vec![Span::Text(h.clone())]).collect();
                    self.table(&head, rows, right, false);
                }
                Block::List(items) => self.list(items),
                Block::Chart(chart) => self.chart(chart),
                Block::SignOff(labels) => self.sign_off(labels),
                Block::Small(inner) => {
                    let before = self.scale;
                    self.scale = 0.85;
                    self.blocks(inner);
                    self.scale = before;
                }
                Block::PageBreak => {
                    if self.y < TOP {
                        self.new_page();
                    }
                }
            }
        }
    }

    fn finish(mut self) -> Result<Vec<u8>, PdfError> {
        let last = std::mem::replace(&mut self.current, Content::new());
        self.done.push(last.finish().into_vec());
        let total = self.done.len();
        let style = Style {
            size: 8.0,
            bold: false,
            gray: 0.25,
        };
        // Page numbers, now that the count is known: a second stream on each page.
        let mut footers = Vec::with_capacity(total);
        for i in 0..total {
            let label = if self.zh {
                format!("第 {} 页 共 {total} 页", i + 1)
            } else {
                format!("Page {} of {total}", i + 1)
            };
            let w = self.font.width(&label, style);
            let mut c = Content::new();
            let mut x = (PAGE_W - w) / 2.0;
            for (cjk, bytes, width) in self.encode(&label, style) {
                show(&mut c, self.font.font(cjk).resource, x, 32.0, &bytes, style);
                x += width;
            }
            footers.push(c.finish().into_vec());
        }

        let mut pdf = Pdf::new();
        let catalog = Ref::new(1);
        let tree = Ref::new(2);
        let info = Ref::new(3);
        let fonts = [
            (&self.font.latin, Ref::new(10)),
            (&self.font.cjk, Ref::new(20)),
        ];
        let first_page = 30;
        let page_refs: Vec<Ref> = (0..total)
            .map(|i| Ref::new(first_page + 3 * i32::try_from(i).unwrap_or(0)))
            .collect();
        pdf.catalog(catalog).pages(tree);
        pdf.pages(tree)
            .kids(page_refs.iter().copied())
            .count(i32::try_from(total).unwrap_or(0));
        pdf.document_info(info)
            .title(TextStr(&self.title))
            .creator(TextStr(concat!("sws-eval ", env!("CARGO_PKG_VERSION"))));
        for (i, (body, footer)) in self.done.iter().zip(&footers).enumerate() {
            let Some(&id) = page_refs.get(i) else {
                continue;
            };
            let (body_id, footer_id) = (Ref::new(id.get() + 1), Ref::new(id.get() + 2));
            let mut page = pdf.page(id);
            page.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H));
            page.parent(tree);
            page.contents_array([body_id, footer_id]);
            {
                let mut resources = page.resources();
                let mut dict = resources.fonts();
                for (font, id) in &fonts {
                    dict.pair(Name(font.resource), *id);
                }
            }
            page.finish();
            pdf.stream(body_id, body);
            pdf.stream(footer_id, footer);
        }
        for (font, id) in &fonts {
            write_font(&mut pdf, font, *id)?;
        }
        Ok(pdf.finish())
    }
}

/// Writes a font as a CID-keyed TrueType subset with its widths and ToUnicode map, at
/// the ids `id` (the Type 0 font) to `id + 4`.
fn write_font(pdf: &mut Pdf, font: &Font, id: Ref) -> Result<(), PdfError> {
    let (cid, descriptor, file, cmap) = (
        Ref::new(id.get() + 1),
        Ref::new(id.get() + 2),
        Ref::new(id.get() + 3),
        Ref::new(id.get() + 4),
    );
    let subset = subsetter::subset(font.data, 0, &font.remap)
        .map_err(|e| PdfError::Subset(format!("{e:?}")))?;
    let base = Name(font.base);
    let system = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    };
    pdf.type0_font(id)
        .base_font(base)
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid)
        .to_unicode(cmap);
    {
        let mut cid_font = pdf.cid_font(cid);
        cid_font
            .subtype(CidFontType::Type2)
            .base_font(base)
            .system_info(system)
            .font_descriptor(descriptor)
            .cid_to_gid_map_predefined(Name(b"Identity"));
        let mut widths = cid_font.widths();
        for (g, (_, adv)) in &font.used {
            widths.consecutive(*g, [*adv]);
        }
    }
    let face = &font.face;
    let k = 1000.0 / font.per_em;
    let bb = face.global_bounding_box();
    pdf.font_descriptor(descriptor)
        .name(base)
        .flags(FontFlags::NON_SYMBOLIC)
        .bbox(Rect::new(
            f32::from(bb.x_min) * k,
            f32::from(bb.y_min) * k,
            f32::from(bb.x_max) * k,
            f32::from(bb.y_max) * k,
        ))
        .italic_angle(0.0)
        .ascent(f32::from(face.ascender()) * k)
        .descent(f32::from(face.descender()) * k)
        .cap_height(f32::from(face.capital_height().unwrap_or(face.ascender())) * k)
        .stem_v(80.0)
        .font_file2(file);
    pdf.stream(file, &subset);
    let mut map = pdf_writer::types::UnicodeCmap::new(Name(b"Custom"), system);
    for (g, (c, _)) in &font.used {
        map.pair(*g, *c);
    }
    pdf.cmap(cmap, &map.finish());
    Ok(())
}

/// Shares `width` among columns in proportion to their natural widths, never below a
/// column's minimum: a column whose share would fall below its minimum gets its minimum,
/// and the others share what is left the same way. When the minimums alone do not fit,
/// they are scaled down together (the cells' over-wide runs are then hard-broken).
fn share(natural: &[f32], minimum: &[f32], width: f32) -> Vec<f32> {
    let min_total: f32 = minimum.iter().sum();
    if min_total >= width {
        return minimum
            .iter()
            .map(|w| w * width / min_total.max(1.0))
            .collect();
    }
    let mut fixed: Vec<bool> = vec![false; natural.len()];
    loop {
        let fixed_total: f32 = minimum
            .iter()
            .zip(&fixed)
            .filter(|(_, f)| **f)
            .map(|(m, _)| *m)
            .sum();
        let free_natural: f32 = natural
            .iter()
            .zip(&fixed)
            .filter(|(_, f)| !**f)
            .map(|(n, _)| *n)
            .sum();
        let room = width - fixed_total;
        let widths: Vec<f32> = natural
            .iter()
            .zip(minimum)
            .zip(&fixed)
            .map(|((n, m), f)| {
                if *f {
                    *m
                } else {
                    room * n / free_natural.max(1.0)
                }
            })
            .collect();
        let mut changed = false;
        for ((w, m), f) in widths.iter().zip(minimum).zip(fixed.iter_mut()) {
            if !*f && w < m {
                *f = true;
                changed = true;
            }
        }
        if !changed {
            return widths;
        }
    }
}

fn push(lines: &mut Wrapped, text: String, style: Style, width: f32) {
    if text.is_empty() {
        return;
    }
    if let Some(l) = lines.last_mut() {
        l.push(Frag { text, style, width });
    }
}

/// Draws glyph ids as text with its baseline at `y`.
fn show(page: &mut Content, font: &[u8], x: f32, y: f32, glyphs: &[u8], style: Style) {
    page.begin_text();
    page.set_fill_gray(style.gray);
    if style.bold {
        page.set_text_rendering_mode(TextRenderingMode::FillStroke);
        page.set_stroke_gray(style.gray);
        page.set_line_width(style.size * 0.045);
    } else {
        page.set_text_rendering_mode(TextRenderingMode::Fill);
    }
    page.set_font(Name(font), style.size);
    page.set_text_matrix([1.0, 0.0, 0.0, 1.0, x, y]);
    page.show(Str(glyphs));
    page.end_text();
}

/// Lays a document out as an A4 PDF.
pub(crate) fn render(doc: &Doc) -> Result<Vec<u8>, PdfError> {
    let mut w = Writer::new(&doc.title, doc.lang_tag.starts_with("zh"))?;
    w.title(&doc.title);
    w.blocks(&doc.blocks);
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn writer() -> Writer {
        Writer::new("test", true).unwrap()
    }

    /// The texts of the wrapped lines.
    fn lines(w: &Writer, text: &str, width: f32) -> Vec<String> {
        w.wrap(&[Span::Text(text.to_owned())], width, Style::body(BODY))
            .iter()
            .map(|l| l.iter().map(|f| f.text.as_str()).collect())
            .collect()
    }

    fn width(w: &Writer, text: &str) -> f32 {
        w.font.width(text, Style::body(BODY))
    }

    #[test]
    fn an_id_breaks_only_after_its_separators() {
        let w = writer();
        let id = "art28.two_evaluations_a_year";
        let full = width(&w, id);
        // Every width from the widest piece up to the whole id.
        let mut cell = width(&w, "evaluations_") + 0.01;
        let mut wrapped_somewhere = false;
        while cell < full {
            let got = lines(&w, id, cell);
            assert_eq!(got.concat(), id, "at {cell}");
            for line in &got[..got.len() - 1] {
                assert!(
                    line.ends_with(['.', '_', '-']),
                    "{line:?} of {got:?} at {cell} does not end at a separator"
                );
            }
            for line in &got {
                assert!(width(&w, line) <= cell + 0.001, "{line:?} overflows {cell}");
            }
            wrapped_somewhere |= got.len() > 1;
            cell += 2.0;
        }
        assert!(wrapped_somewhere);
        assert_eq!(
            lines(&w, id, width(&w, "art28.two_evaluations_") + 0.01),
            ["art28.two_evaluations_", "a_year"]
        );
        assert_eq!(
            lines(
                &w,
                "art22.no-cross-county",
                width(&w, "art22.no-cross-") + 0.01
            ),
            ["art22.no-cross-", "county"]
        );
    }

    #[test]
    fn numbers_and_dates_do_not_break_at_their_separators() {
        let w = writer();
        for text in ["2025-01-01", "87.50", "v1.0", "DY-DYQ-001"] {
            let tokens = w.tokens(&[Span::Text(text.to_owned())], Style::body(BODY));
            assert_eq!(tokens.len(), 1, "{text} was split");
        }
    }

    #[test]
    fn cjk_breaks_between_characters() {
        let w = writer();
        let text = "东营市社会工作服务中心";
        let cell = width(&w, "东营市") + 0.01;
        let got = lines(&w, text, cell);
        assert_eq!(got, ["东营市", "社会工", "作服务", "中心"]);
        // Closing punctuation stays with what it closes.
        let got = lines(&w, "东营市，东营区", cell);
        assert_eq!(got.concat(), "东营市，东营区");
        assert!(got.iter().all(|l| !l.starts_with('，')), "{got:?}");
    }

    #[test]
    fn spaces_break_before_letters_do() {
        let w = writer();
        let got = lines(&w, "mid-term report", width(&w, "mid-term report") - 1.0);
        assert_eq!(got, ["mid-term ", "report"]);
    }

    #[test]
    fn only_a_run_wider_than_the_cell_is_hard_broken() {
        let w = writer();
        // Fits: never broken inside the run, the run moves to the next line whole.
        let got = lines(&w, "ab evaluations", width(&w, "evaluations") + 0.01);
        assert_eq!(got, ["ab ", "evaluations"]);
        // Wider than the whole cell: broken between characters, nothing lost, no overflow.
        let cell = width(&w, "evalu") + 0.01;
        let got = lines(&w, "evaluations", cell);
        assert!(got.len() >= 2, "{got:?}");
        assert_eq!(got.concat(), "evaluations");
        assert!(got.iter().all(|l| width(&w, l) <= cell + 0.001), "{got:?}");
    }

    #[test]
    fn columns_share_width_by_content_within_their_minimums() {
        let got = share(&[100.0, 300.0, 50.0], &[20.0, 20.0, 45.0], 300.0);
        assert_eq!(got.len(), 3);
        assert!((got.iter().sum::<f32>() - 300.0).abs() < 0.01);
        // The short column keeps its minimum; the others share the rest 1 : 3.
        assert!((got[2] - 45.0).abs() < 0.01, "{got:?}");
        assert!((got[1] / got[0] - 3.0).abs() < 0.01, "{got:?}");
        // Minimums that cannot all fit are scaled down together.
        let got = share(&[100.0, 100.0], &[80.0, 120.0], 100.0);
        assert!((got[0] - 40.0).abs() < 0.01 && (got[1] - 60.0).abs() < 0.01);
    }
}
