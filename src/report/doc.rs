//! A small document model rendered to Markdown and to self-contained HTML, so that
//! both formats say the same thing and every piece of text is escaped in one place.

use rust_decimal::Decimal;

/// How a status reads: good, bad, a warning, or neutral.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tone {
    Good,
    Bad,
    Warn,
    Neutral,
}

impl Tone {
    fn class(self) -> &'static str {
        match self {
            Tone::Good => "good",
            Tone::Bad => "bad",
            Tone::Warn => "warn",
            Tone::Neutral => "neutral",
        }
    }
}

/// A run of inline content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Span {
    Text(String),
    Code(String),
    Strong(String),
    Badge(Tone, String),
    /// A line break inside a cell (HTML `<br>`; a space in Markdown).
    Break,
}

pub(crate) fn t(s: impl Into<String>) -> Span {
    Span::Text(s.into())
}

pub(crate) fn code(s: impl Into<String>) -> Span {
    Span::Code(s.into())
}

pub(crate) fn strong(s: impl Into<String>) -> Span {
    Span::Strong(s.into())
}

pub(crate) fn badge(tone: Tone, s: impl Into<String>) -> Span {
    Span::Badge(tone, s.into())
}

/// A table cell or list item: a line of spans.
pub(crate) type Line = Vec<Span>;

/// One bar of a chart: `value` out of `max`, drawn against the chart's scale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Bar {
    pub(crate) label: String,
    pub(crate) value: Decimal,
    pub(crate) max: Decimal,
    pub(crate) value_text: String,
    pub(crate) tone: Tone,
}

/// A horizontal bar chart (HTML only: Markdown shows the same figures in a table).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Chart {
    pub(crate) title: String,
    pub(crate) bars: Vec<Bar>,
    /// Whether each bar's track is drawn to its own `max` (scores against maxima) or
    /// every track is the full width (counts out of a total).
    pub(crate) tracks_to_max: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Block {
    Heading(u8, String),
    Para(Line),
    /// A prominent summary at the top: a tone, a headline and lines under it.
    Banner(Tone, Line, Vec<Line>),
    /// Label → value pairs.
    Facts(Vec<(String, Line)>),
    Table {
        head: Vec<String>,
        rows: Vec<Vec<Line>>,
        /// Columns aligned right (numbers).
        right: Vec<usize>,
    },
    List(Vec<Line>),
    Chart(Chart),
    /// The sign-off block: each label followed by room to sign, seal or date.
    SignOff(Vec<String>),
    /// Blocks in small print (the receipt).
    Small(Vec<Block>),
    /// Start a new page when printed (nothing on screen or in Markdown).
    PageBreak,
}

/// A document: a title and blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Doc {
    pub(crate) lang_tag: &'static str,
    pub(crate) title: String,
    pub(crate) blocks: Vec<Block>,
}

// ---------------------------------------------------------------- Markdown

/// Escapes text for Markdown (CommonMark lets any ASCII punctuation be escaped with a
/// backslash); line breaks become spaces so a value never breaks a table row.
pub(crate) fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    if s.starts_with('#') {
        out.push('\\');
    }
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

fn md_code(s: &str) -> String {
    let clean: String = s
        .chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' => ' ',
            '`' => '\'',
            '|' => '¦',
            _ => c,
        })
        .collect();
    format!("`{clean}`")
}

fn md_line(line: &[Span]) -> String {
    let mut out = String::new();
    for s in line {
        match s {
            Span::Text(x) => out.push_str(&md_escape(x)),
            Span::Code(x) => out.push_str(&md_code(x)),
            Span::Break => out.push(' '),
            Span::Strong(x) | Span::Badge(_, x) => {
                // Emphasis must not start or end with a space, and two strong runs
                // must not touch (`****`).
                let inner = x.trim();
                if inner.is_empty() {
                    out.push_str(x);
                    continue;
                }
                if out.ends_with("**") || x.starts_with(char::is_whitespace) {
                    out.push(' ');
                }
                out.push_str(&format!("**{}**", md_escape(inner)));
                if x.ends_with(char::is_whitespace) {
                    out.push(' ');
                }
            }
        }
    }
    out
}

fn md_row(cells: impl Iterator<Item = String>) -> String {
    let mut row = String::from("|");
    for c in cells {
        row.push(' ');
        row.push_str(if c.is_empty() { " " } else { &c });
        row.push_str(" |");
    }
    row.push('\n');
    row
}

impl Doc {
    /// Renders the document as GitHub-flavoured Markdown.
    pub(crate) fn markdown(&self) -> String {
        let mut out = format!("# {}\n", md_escape(&self.title));
        md_blocks(&mut out, &self.blocks);
        out
    }
}

fn md_blocks(out: &mut String, blocks: &[Block]) {
    for b in blocks {
        out.push('\n');
        match b {
            Block::Heading(level, text) => {
                let hashes = "#".repeat(usize::from((*level).clamp(2, 6)));
                out.push_str(&format!("{hashes} {}\n", md_escape(text)));
            }
            Block::Para(line) => {
                out.push_str(&md_line(line));
                out.push('\n');
            }
            Block::Banner(_, head, lines) => {
                out.push_str(&format!("> {}\n", md_line(head)));
                for l in lines {
                    out.push_str(">\n");
                    out.push_str(&format!("> {}\n", md_line(l)));
                }
            }
            Block::Facts(pairs) => {
                out.push_str("| | |\n|---|---|\n");
                for (k, v) in pairs {
                    out.push_str(&md_row(
                        [format!("**{}**", md_escape(k)), md_line(v)].into_iter(),
                    ));
                }
            }
            Block::Table { head, rows, right } => {
                out.push_str(&md_row(head.iter().map(|h| md_escape(h))));
                out.push_str(&md_row((0..head.len()).map(|i| {
                    if right.contains(&i) {
                        "--:".to_owned()
                    } else {
                        "---".to_owned()
                    }
                })));
                for r in rows {
                    out.push_str(&md_row(r.iter().map(|c| md_line(c))));
                }
            }
            Block::List(items) => {
                for item in items {
                    out.push_str(&format!("- {}\n", md_line(item)));
                }
            }
            Block::Chart(_) | Block::PageBreak => {
                // Charts: the figures are in the neighbouring table. Drop the blank line.
                out.pop();
            }
            Block::SignOff(labels) => {
                // A table with an empty row to sign in.
                out.push_str(&md_row(labels.iter().map(|l| md_escape(l))));
                out.push_str(&md_row(labels.iter().map(|_| "---".to_owned())));
                out.push_str(&md_row(labels.iter().map(|_| String::new())));
            }
            Block::Small(inner) => {
                out.pop();
                md_blocks(out, inner);
            }
        }
    }
}

// ---------------------------------------------------------------- HTML

/// Escapes text for HTML element content and attribute values.
pub(crate) fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The text of a line without markup.
fn plain(line: &[Span]) -> String {
    line.iter()
        .map(|s| match s {
            Span::Text(x) | Span::Code(x) | Span::Strong(x) | Span::Badge(_, x) => x.as_str(),
            Span::Break => " ",
        })
        .collect()
}

/// A cell short enough never to wrap: a word of at most 12 characters, or a short
/// phrase such as `Art. 18, 19` or `final evaluation`.
fn is_short(text: &str) -> bool {
    let n = text.chars().count();
    n <= 12 || (n <= 16 && text.split_whitespace().count() <= 3 && text.is_ascii())
}

fn html_line(line: &[Span]) -> String {
    line.iter()
        .map(|s| match s {
            Span::Text(x) => html_escape(x),
            Span::Code(x) => format!("<code>{}</code>", html_escape(x)),
            Span::Strong(x) => format!("<strong>{}</strong>", html_escape(x)),
            Span::Break => "<br>".to_owned(),
            Span::Badge(tone, x) => format!(
                "<span class=\"badge {}\">{}</span>",
                tone.class(),
                html_escape(x)
            ),
        })
        .collect()
}

const CSS: &str = "
:root{--good:#1a7f37;--good-bg:#dafbe1;--bad:#cf222e;--bad-bg:#ffebe9;--warn:#9a6700;--warn-bg:#fff8c5;--muted:#57606a;--line:#d0d7de;--track:#eaeef2}
*{box-sizing:border-box}
body{margin:0;background:#f6f8fa;color:#1f2328;font:15px/1.55 system-ui,-apple-system,\"Segoe UI\",\"Noto Sans CJK SC\",\"Noto Sans SC\",\"PingFang SC\",\"Microsoft YaHei\",sans-serif}
main{max-width:1180px;margin:0 auto;padding:28px 32px 48px;background:#fff;min-height:100vh}
h1{font-size:24px;margin:0 0 6px}
h2{font-size:19px;margin:30px 0 10px;padding-bottom:6px;border-bottom:1px solid var(--line)}
h3{font-size:16px;margin:20px 0 8px}
p{margin:6px 0}
.sub{color:var(--muted)}
code{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#f3f4f6;padding:1px 4px;border-radius:4px;white-space:nowrap}
table{border-collapse:collapse;width:100%;margin:8px 0 4px;font-size:13.5px}
th,td{border:1px solid var(--line);padding:5px 7px;text-align:left;vertical-align:top}
th{background:#f6f8fa;font-weight:600}
td.r,th.r{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
td.nw,th.nw{white-space:nowrap}
table.facts th{width:200px}
.badge{display:inline-block;padding:0 8px;border-radius:10px;font-size:13px;font-weight:600;white-space:nowrap}
.badge.good{color:var(--good);background:var(--good-bg)}
.badge.bad{color:var(--bad);background:var(--bad-bg)}
.badge.warn{color:var(--warn);background:var(--warn-bg)}
.badge.neutral{color:var(--muted);background:var(--track)}
.banner{border-radius:8px;padding:14px 18px;margin:16px 0;border:1px solid var(--line);border-left:8px solid var(--muted)}
.banner.good{border-left-color:var(--good);background:#f0fbf3}
.banner.bad{border-left-color:var(--bad);background:#fff5f5}
.banner.warn{border-left-color:var(--warn);background:#fffbea}
.banner .head{font-size:20px;font-weight:700;margin-bottom:4px}
ul{margin:6px 0;padding-left:22px}
figure{margin:10px 0}
figcaption{color:var(--muted);font-size:13px}
svg text{font-family:inherit}
.signoff{display:grid;grid-template-columns:repeat(3,1fr);gap:28px;margin:28px 0 18px;break-inside:avoid}
.signoff div{display:flex;flex-direction:column;gap:6px;font-weight:600}
.signoff .blank{border-bottom:1px solid #1f2328;height:72px}
.small{font-size:12px;color:var(--muted)}
.small table{font-size:11.5px}
.small h2{font-size:14px}
.page-break{height:0}
@page{size:A4;margin:16mm 14mm 18mm;@bottom-center{content:counter(page) \" / \" counter(pages);font-size:9pt;color:#444}}
@media print{
body{background:#fff;font-size:10.5pt}
main{max-width:none;padding:0;min-height:0}
h1{font-size:18pt;text-align:center}
h2,h3{break-after:avoid;page-break-after:avoid}
thead{display:table-header-group}
tr,figure,.banner,.signoff,table.facts{break-inside:avoid;page-break-inside:avoid}
.page-break{break-before:page;page-break-before:always}
.badge{background:none;border:1px solid currentColor;border-radius:3px}
.badge.good,.badge.bad,.badge.warn,.badge.neutral{background:none}
.banner,.banner.good,.banner.bad,.banner.warn{background:none;border-left-width:4px}
code{background:none;padding:0}
.small{color:#333}
}
";

fn svg_num(d: Decimal) -> String {
    let mut v = d.round_dp(1);
    v.rescale(1);
    v.to_string()
}

fn chart_svg(chart: &Chart) -> String {
    const LABEL_W: i64 = 230;
    const BAR_W: i64 = 520;
    const ROW_H: i64 = 30;
    const TOP: i64 = 8;
    let width = LABEL_W + BAR_W + 110;
    let rows = i64::try_from(chart.bars.len()).unwrap_or(0);
    let height = TOP * 2 + rows * ROW_H;
    let scale = chart
        .bars
        .iter()
        .map(|b| b.max)
        .max()
        .filter(|m| !m.is_zero())
        .unwrap_or(Decimal::ONE);
    let px = |v: Decimal| {
        let v = v.max(Decimal::ZERO).min(scale);
        v * Decimal::from(BAR_W) / scale
    };
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"100%\" style=\"max-width:{width}px\" role=\"img\" aria-label=\"{}\"><title>{}</title>",
        html_escape(&chart.title),
        html_escape(&chart.title)
    );
    for (i, b) in chart.bars.iter().enumerate() {
        let y = TOP + i64::try_from(i).unwrap_or(0) * ROW_H;
        let track = if chart.tracks_to_max {
            px(b.max)
        } else {
            Decimal::from(BAR_W)
        };
        let fill = px(b.value);
        let color = match b.tone {
            Tone::Good => "#2da44e",
            Tone::Bad => "#cf222e",
            Tone::Warn => "#d4a72c",
            Tone::Neutral => "#8c959f",
        };
        s.push_str(&format!(
            "<text x=\"{lx}\" y=\"{ty}\" text-anchor=\"end\" font-size=\"14\" fill=\"#1f2328\">{label}</text>\
<rect x=\"{bx}\" y=\"{ry}\" width=\"{track}\" height=\"18\" rx=\"3\" fill=\"#eaeef2\"/>\
<rect x=\"{bx}\" y=\"{ry}\" width=\"{fill}\" height=\"18\" rx=\"3\" fill=\"{color}\"/>\
<text x=\"{vx}\" y=\"{ty}\" font-size=\"13\" fill=\"#57606a\">{value}</text>",
            lx = LABEL_W - 10,
            ty = y + 19,
            label = html_escape(&b.label),
            bx = LABEL_W,
            ry = y + 5,
            track = svg_num(track),
            fill = svg_num(fill),
            vx = svg_num(Decimal::from(LABEL_W) + track + Decimal::from(8)),
            value = html_escape(&b.value_text),
        ));
    }
    s.push_str("</svg>");
    s
}

impl Doc {
    /// Renders the document as one self-contained HTML file: inline CSS, inline SVG,
    /// no scripts, no external assets.
    pub(crate) fn html(&self) -> String {
        let mut out = format!(
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n",
            self.lang_tag,
            html_escape(&self.title),
            html_escape(&self.title)
        );
        html_blocks(&mut out, &self.blocks);
        out.push_str("</main>\n</body>\n</html>\n");
        out
    }
}

fn html_blocks(out: &mut String, blocks: &[Block]) {
    for b in blocks {
        match b {
            Block::Heading(level, text) => {
                let l = (*level).clamp(2, 6);
                out.push_str(&format!("<h{l}>{}</h{l}>\n", html_escape(text)));
            }
            Block::Para(line) => {
                out.push_str(&format!("<p class=\"sub\">{}</p>\n", html_line(line)));
            }
            Block::Banner(tone, head, lines) => {
                out.push_str(&format!(
                    "<section class=\"banner {}\">\n<div class=\"head\">{}</div>\n",
                    tone.class(),
                    html_line(head)
                ));
                for l in lines {
                    out.push_str(&format!("<p>{}</p>\n", html_line(l)));
                }
                out.push_str("</section>\n");
            }
            Block::Facts(pairs) => {
                out.push_str("<table class=\"facts\">\n");
                for (k, v) in pairs {
                    out.push_str(&format!(
                        "<tr><th>{}</th><td>{}</td></tr>\n",
                        html_escape(k),
                        html_line(v)
                    ));
                }
                out.push_str("</table>\n");
            }
            Block::Table { head, rows, right } => {
                // Short words (a date, 第12条, 限期整改) never wrap: CJK text would
                // otherwise break between any two characters in a narrow column.
                let class = |i: usize, short: bool| match (right.contains(&i), short) {
                    (true, _) => " class=\"r\"",
                    (false, true) => " class=\"nw\"",
                    (false, false) => "",
                };
                out.push_str("<table>\n<thead><tr>");
                for (i, h) in head.iter().enumerate() {
                    out.push_str(&format!(
                        "<th{}>{}</th>",
                        class(i, is_short(h)),
                        html_escape(h)
                    ));
                }
                out.push_str("</tr></thead>\n<tbody>\n");
                for r in rows {
                    out.push_str("<tr>");
                    for (i, c) in r.iter().enumerate() {
                        out.push_str(&format!(
                            "<td{}>{}</td>",
                            class(i, is_short(&plain(c))),
                            html_line(c)
                        ));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody>\n</table>\n");
            }
            Block::List(items) => {
                out.push_str("<ul>\n");
                for item in items {
                    out.push_str(&format!("<li>{}</li>\n", html_line(item)));
                }
                out.push_str("</ul>\n");
            }
            Block::Chart(chart) => {
                out.push_str(&format!(
                    "<figure>\n{}\n<figcaption>{}</figcaption>\n</figure>\n",
                    chart_svg(chart),
                    html_escape(&chart.title)
                ));
            }
            Block::SignOff(labels) => {
                out.push_str("<section class=\"signoff\">\n");
                for l in labels {
                    out.push_str(&format!(
                        "<div><span>{}</span><span class=\"blank\"></span></div>\n",
                        html_escape(l)
                    ));
                }
                out.push_str("</section>\n");
            }
            Block::Small(inner) => {
                out.push_str("<section class=\"small\">\n");
                html_blocks(out, inner);
                out.push_str("</section>\n");
            }
            Block::PageBreak => out.push_str("<div class=\"page-break\"></div>\n"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(
            html_escape("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(md_escape("a|b*c_d\nx<y>"), "a\\|b\\*c\\_d x\\<y\\>");
        assert_eq!(md_escape("#1 #2"), "\\#1 #2");
        assert_eq!(
            md_line(&[strong("a: "), badge(Tone::Good, "b")]),
            "**a:** **b**"
        );
        assert_eq!(md_code("a`|b"), "`a'¦b`");
    }

    #[test]
    fn chart_has_one_row_per_bar_and_no_script() {
        let chart = Chart {
            title: "<t>".into(),
            bars: vec![Bar {
                label: "A & B".into(),
                value: Decimal::new(245, 1),
                max: Decimal::from(25),
                value_text: "24.5 / 25".into(),
                tone: Tone::Good,
            }],
            tracks_to_max: true,
        };
        let svg = chart_svg(&chart);
        assert!(svg.contains("A &amp; B"));
        assert!(svg.contains("&lt;t&gt;"));
        assert!(svg.contains("width=\"509.6\""));
        assert!(!svg.contains("<script"));
    }
}
