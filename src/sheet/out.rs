//! Result workbooks: a decision, a county summary, a batch.
//!
//! Numbers are number cells with a format (points `0.00`, money `¥#,##0.00`) so that a
//! spreadsheet can sum and sort them; a spreadsheet number is a binary float, so the
//! exact decimal text the engine computed is written beside each of them (the column
//! headed "exact").

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Color, ExcelDateTime, Format, Workbook, Worksheet};

use super::write::WriteError;
use crate::county::CountyDecision;
use crate::date::Date;
use crate::decision::Decision;
use crate::evidence::{Evidence, Text};
use crate::gates::{GateOutcome, Severity};
use crate::json::BatchOutputLine;
use crate::report::Lang;

struct Fmt {
    head: Format,
    points: Format,
    money: Format,
    date: Format,
    wrap: Format,
    title: Format,
}

fn fmt() -> Fmt {
    Fmt {
        head: Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(rust_xlsxwriter::FormatAlign::Top)
            .set_background_color(Color::RGB(0xDDEBF7)),
        points: Format::new().set_num_format("0.00"),
        money: Format::new().set_num_format("¥#,##0.00"),
        date: Format::new().set_num_format("yyyy-mm-dd"),
        wrap: Format::new().set_text_wrap(),
        title: Format::new().set_bold().set_font_size(14),
    }
}

/// A value to write in one cell.
enum V {
    S(String),
    Points(Decimal),
    Money(Decimal),
    Int(u32),
    Day(Date),
    Empty,
}

fn put(ws: &mut Worksheet, row: u32, col: u16, v: &V, f: &Fmt) -> Result<(), WriteError> {
    match v {
        V::S(s) => {
            ws.write_string(row, col, s)?;
        }
        // A workbook stores numbers as binary doubles: the cell shows the nearest one
        // (display only; the exact decimal text is written beside it where it matters),
        // and a value with no double is written as its exact text, never as 0.
        V::Points(d) | V::Money(d) => {
            let format = if matches!(v, V::Money(_)) {
                &f.money
            } else {
                &f.points
            };
            match d.to_f64() {
                Some(n) => ws.write_number_with_format(row, col, n, format)?,
                None => ws.write_string(row, col, d.to_string())?,
            };
        }
        V::Int(n) => {
            ws.write_number(row, col, f64::from(*n))?;
        }
        V::Day(d) => match date_cell(*d) {
            Some(x) => {
                ws.write_datetime_with_format(row, col, &x, &f.date)?;
            }
            None => {
                ws.write_string(row, col, d.to_string())?;
            }
        },
        V::Empty => {}
    }
    Ok(())
}

fn date_cell(d: Date) -> Option<ExcelDateTime> {
    let text = d.to_string();
    let mut p = text.split('-');
    let y: u16 = p.next()?.parse().ok()?;
    let m: u8 = p.next()?.parse().ok()?;
    let day: u8 = p.next()?.parse().ok()?;
    if (y, m) < (1900, 3) {
        return None;
    }
    ExcelDateTime::from_ymd(y, m, day).ok()
}

/// Printing: A4 landscape, every column on one page's width, the header rows repeated on
/// each page (a county of many stations prints as a table, not as strips of columns).
pub(super) fn print_setup(
    ws: &mut Worksheet,
    header_rows: Option<(u32, u32)>,
) -> Result<(), WriteError> {
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    if let Some((first, last)) = header_rows {
        ws.set_repeat_rows(first, last)?;
    }
    Ok(())
}

/// How wide a cell's text is on screen, in characters (a Chinese character counts two).
fn text_width(s: &str) -> usize {
    s.lines()
        .map(unicode_width::UnicodeWidthStr::width)
        .max()
        .unwrap_or(0)
}

fn cell_width(v: &V) -> usize {
    match v {
        V::S(s) => text_width(s),
        V::Points(_) => 8,
        V::Money(_) => 14,
        V::Int(n) => n.to_string().len(),
        V::Day(_) => 10,
        V::Empty => 0,
    }
}

/// The narrowest and widest column a table sizes to its content, and the widest a
/// header makes its column (a longer header wraps onto a second line).
const MIN_WIDTH: usize = 8;
const MAX_WIDTH: usize = 50;
const HEAD_WIDTH: usize = 18;

/// Writes a header row and rows; sizes each column to its content, freezes the header,
/// puts a filter on it and repeats it on every printed page.
fn table(
    ws: &mut Worksheet,
    first: u32,
    heads: &[&str],
    rows: &[Vec<V>],
    f: &Fmt,
) -> Result<u32, WriteError> {
    let mut widths: Vec<usize> = heads
        .iter()
        .map(|h| text_width(h).min(HEAD_WIDTH))
        .collect();
    for row in rows {
        for (w, v) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell_width(v));
        }
    }
    let mut wraps = false;
    for ((c, h), w) in (0u16..).zip(heads).zip(&widths) {
        let w = (*w + 2).clamp(MIN_WIDTH, MAX_WIDTH);
        wraps |= text_width(h) > w;
        ws.write_string_with_format(first, c, *h, &f.head)?;
        ws.set_column_width(c, u16::try_from(w).unwrap_or(14))?;
    }
    if wraps {
        ws.set_row_height(first, 30)?;
    }
    print_setup(ws, Some((first, first)))?;
    let mut r = first + 1;
    for row in rows {
        for (c, v) in (0u16..).zip(row) {
            put(ws, r, c, v, f)?;
        }
        r += 1;
    }
    let last_col = u16::try_from(heads.len().saturating_sub(1)).unwrap_or(0);
    ws.autofilter(first, 0, r.saturating_sub(1).max(first), last_col)?;
    ws.set_freeze_panes(first + 1, 0)?;
    Ok(r)
}

/// One gate as a row of a gates sheet: station and county gates share the columns.
struct GateRow<'a> {
    id: String,
    /// The articles, as the sheet's language writes them.
    articles: String,
    severity: Severity,
    outcome: GateOutcome,
    /// Required, actual and the finding's message.
    texts: [&'a Text; 3],
}

/// A gates sheet: id, articles, severity, outcome, required, actual, finding (wrapped).
fn gates_table<'a>(
    ws: &mut Worksheet,
    lang: Lang,
    f: &Fmt,
    gates: impl Iterator<Item = GateRow<'a>>,
) -> Result<(), WriteError> {
    let l = |zh: &str, en: &str| both(lang, zh, en);
    let heads = [
        "id".to_owned(),
        l("依据", "Articles"),
        l("严重程度", "Severity"),
        l("结果", "Outcome"),
        l("要求", "Required"),
        l("实际", "Actual"),
        l("说明", "Finding"),
    ];
    let heads: Vec<&str> = heads.iter().map(String::as_str).collect();
    let rows: Vec<Vec<V>> = gates
        .map(|g| {
            let mut row = vec![
                s(g.id),
                s(g.articles),
                s(lang.severity(g.severity)),
                s(lang.outcome(g.outcome)),
            ];
            row.extend(g.texts.iter().map(|t| s(lang.text(t).to_owned())));
            row
        })
        .collect();
    table(ws, 0, &heads, &rows, f)?;
    wrapped(ws, 4, 40, f)?;
    wrapped(ws, 5, 40, f)?;
    wrapped(ws, 6, 70, f)?;
    Ok(())
}

/// A column of long text: this wide, its cells wrapped.
fn wrapped(ws: &mut Worksheet, col: u16, width: u16, f: &Fmt) -> Result<(), WriteError> {
    ws.set_column_width(col, width)?;
    ws.set_column_format(col, &f.wrap)?;
    Ok(())
}

fn s(x: impl Into<String>) -> V {
    V::S(x.into())
}

fn name_of<T: serde::Serialize>(x: &T) -> String {
    match serde_json::to_value(x) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

fn both(lang: Lang, zh: &str, en: &str) -> String {
    match lang {
        Lang::Zh => format!("{zh} {en}"),
        Lang::En => format!("{en} {zh}"),
    }
}

/// Writes one decision as a workbook: conclusion, scorecard, gates, actions, receipt.
/// `evidence` names the station and contractor when given.
///
/// # Errors
///
/// [`WriteError`] when the xlsx writer refuses.
///
/// ```
/// use sws_eval::{Evaluator, Evidence, sheet::{decision_workbook, Book}, report::Lang};
/// let ev: Evidence = serde_json::from_str(include_str!("../../examples/data/station.json")).unwrap();
/// let d = Evaluator::dongying().evaluate(&ev).unwrap();
/// let bytes = decision_workbook(&d, Some(&ev), Lang::En).unwrap();
/// let book = Book::from_bytes(&bytes).unwrap();
/// assert!(book.grid("Scorecard").is_some());
/// ```
pub fn decision_workbook(
    d: &Decision,
    evidence: Option<&Evidence>,
    lang: Lang,
) -> Result<Vec<u8>, WriteError> {
    let f = fmt();
    let mut wb = Workbook::new();
    let l = |zh: &str, en: &str| both(lang, zh, en);
    {
        let ws = wb.add_worksheet();
        ws.set_name("Conclusion")?;
        ws.write_string_with_format(0, 0, l("评估结论", "Conclusion"), &f.title)?;
        let mut rows: Vec<(String, V, Option<String>)> = Vec::new();
        if let Some(ev) = evidence {
            rows.push((
                l("站点", "Station"),
                s(format!("{} {}", ev.station.id, ev.station.name)),
                None,
            ));
            rows.push((
                l("承接机构", "Contractor"),
                s(ev.contractor.name.clone()),
                None,
            ));
        }
        rows.push((
            l("评估类型", "Evaluation"),
            s(lang.kind(d.receipt.evaluation_kind)),
            None,
        ));
        rows.push((
            l("评估日期", "Date"),
            V::Day(d.receipt.evaluation_date),
            None,
        ));
        rows.push((
            l("总分", "Total"),
            V::Points(d.scorecard.total),
            Some(d.scorecard.total.to_string()),
        ));
        rows.push((
            l("满分", "Max"),
            V::Points(d.scorecard.max),
            Some(d.scorecard.max.to_string()),
        ));
        rows.push((l("等级", "Grade"), s(lang.grade(&d.grade)), None));
        rows.push((l("结论", "Verdict"), s(lang.verdict(d.verdict)), None));
        let p = &d.payment;
        for (zh, en, v) in [
            ("合同金额", "Price", p.price),
            ("已支付", "Paid", p.paid),
            ("余款", "Remaining", p.remaining),
            ("本次拨付", "Release", p.release),
            ("暂不拨付", "Withheld", p.withheld),
        ] {
            rows.push((l(zh, en), V::Money(v), Some(v.to_string())));
        }
        rows.push((
            l("余款处理", "Payment"),
            s(lang.payment(p.status)),
            Some(lang.articles(&p.articles)),
        ));
        rows.push((
            l("续签", "Renewal"),
            s(lang.renewal(d.renewal.status)),
            None,
        ));
        for r in &d.renewal.reasons {
            rows.push((
                l("续签理由", "Renewal reason"),
                s(lang.text(&r.message).to_owned()),
                Some(lang.articles(&r.articles)),
            ));
        }
        for w in &d.warnings {
            rows.push((
                l("提示", "Warning"),
                s(lang.text(&w.message).to_owned()),
                Some(w.code.as_str().to_owned()),
            ));
        }
        let heads = [
            l("项目", "Item"),
            l("值", "Value"),
            l("精确值 / 依据", "Exact / articles"),
        ];
        for (c, h) in (0u16..).zip(&heads) {
            ws.write_string_with_format(2, c, h, &f.head)?;
        }
        for (r, (k, v, exact)) in (3u32..).zip(&rows) {
            ws.write_string(r, 0, k)?;
            put(ws, r, 1, v, &f)?;
            if let Some(e) = exact {
                ws.write_string(r, 2, e)?;
            }
        }
        ws.set_column_width(0, 28)?;
        ws.set_column_width(1, 40)?;
        ws.set_column_width(2, 40)?;
        print_setup(ws, None)?;
    }
    {
        let ws = wb.add_worksheet();
        ws.set_name("Scorecard")?;
        let heads = [
            "id",
            &l("指标", "Indicator"),
            &l("依据", "Articles"),
            &l("得分", "Points"),
            &l("满分", "Max"),
            &l("失分", "Lost"),
            &l("状态", "Outcome"),
            &l("规则", "Rule"),
            &l("原因", "Why"),
            &l("精确得分", "Points exact"),
        ]
        .map(|h| h.to_owned());
        let heads: Vec<&str> = heads.iter().map(String::as_str).collect();
        let rows: Vec<Vec<V>> = d
            .scorecard
            .nodes
            .iter()
            .map(|n| {
                let indent = "  ".repeat(usize::try_from(n.depth).unwrap_or(0));
                let why: Vec<String> = n
                    .inputs
                    .iter()
                    .map(|i| format!("{}: {} / {} ({})", i.item, i.actual, i.required, i.points))
                    .collect();
                vec![
                    s(n.id.clone()),
                    s(format!("{indent}{}", lang.text(&n.title))),
                    s(lang.articles(&n.articles)),
                    V::Points(n.points),
                    V::Points(n.max),
                    V::Points(n.lost),
                    s(lang.node_outcome(n.outcome)),
                    n.rule.as_ref().map_or(V::Empty, |r| V::S(r.to_string())),
                    s(why.join("; ")),
                    s(n.points.normalize().to_string()),
                ]
            })
            .collect();
        let r = table(ws, 0, &heads, &rows, &f)?;
        ws.write_string_with_format(r, 1, l("总分", "Total"), &f.head)?;
        put(ws, r, 3, &V::Points(d.scorecard.total), &f)?;
        put(ws, r, 4, &V::Points(d.scorecard.max), &f)?;
        ws.write_string(r, 9, d.scorecard.total.to_string())?;
        wrapped(ws, 8, 60, &f)?;
    }
    {
        let ws = wb.add_worksheet();
        ws.set_name("Gates")?;
        let rows = d.gates.iter().map(|g| GateRow {
            id: g.id.to_string(),
            articles: lang.articles(&g.articles),
            severity: g.severity,
            outcome: g.outcome,
            texts: [&g.required, &g.actual, &g.message],
        });
        gates_table(ws, lang, &f, rows)?;
    }
    {
        let ws = wb.add_worksheet();
        ws.set_name("Actions")?;
        let heads = [
            l("措施", "Action"),
            l("规则", "Gate"),
            l("依据", "Articles"),
            l("期限", "Deadline"),
            l("说明", "Message"),
        ];
        let heads: Vec<&str> = heads.iter().map(String::as_str).collect();
        let rows: Vec<Vec<V>> = d
            .actions
            .iter()
            .map(|a| {
                vec![
                    s(lang.action(a.kind)),
                    a.gate.map_or(V::Empty, |g| s(g.to_string())),
                    s(lang.articles(&a.articles)),
                    a.deadline.map_or(V::Empty, V::Day),
                    s(lang.text(&a.message).to_owned()),
                ]
            })
            .collect();
        table(ws, 0, &heads, &rows, &f)?;
        wrapped(ws, 4, 70, &f)?;
    }
    {
        let ws = wb.add_worksheet();
        ws.set_name("Receipt")?;
        let r = &d.receipt;
        let rows: Vec<Vec<V>> = vec![
            vec![s("engine"), s(format!("{} {}", r.engine, r.engine_version))],
            vec![
                s("standard"),
                s(format!("{} {}", r.standard_id, r.standard_version)),
            ],
            vec![s("standard_hash"), s(r.standard_hash.clone())],
            vec![s("policy_version"), s(r.policy_version.clone())],
            vec![s("policy_in_force_from"), V::Day(r.policy_in_force_from)],
            vec![s("policy_in_force_until"), V::Day(r.policy_in_force_until)],
            vec![
                s("policy_ended_before_evaluation"),
                s(r.policy_ended_before_evaluation.to_string()),
            ],
            vec![s("evaluation_date"), V::Day(r.evaluation_date)],
            vec![s("evaluation_kind"), s(name_of(&r.evaluation_kind))],
            vec![s("input_hash"), s(r.input_hash.clone())],
        ];
        table(ws, 0, &[&l("字段", "Field"), &l("值", "Value")], &rows, &f)?;
        ws.set_column_width(0, 30)?;
        ws.set_column_width(1, 70)?;
    }
    Ok(wb.save_to_buffer()?)
}

/// Writes a county decision as a workbook: one row per station evaluation, the grade
/// distribution and the county gates and actions.
///
/// # Errors
///
/// [`WriteError`] when the xlsx writer refuses.
pub fn county_workbook(c: &CountyDecision, lang: Lang) -> Result<Vec<u8>, WriteError> {
    let f = fmt();
    let mut wb = Workbook::new();
    let l = |zh: &str, en: &str| both(lang, zh, en);
    let band_label = |id: &crate::standard::GradeId| {
        c.summary
            .band(id)
            .map_or_else(|| lang.grade(id), |b| lang.text(&b.label).to_owned())
    };
    {
        let ws = wb.add_worksheet();
        ws.set_name("Stations")?;
        let heads = [
            l("来源", "Source"),
            l("站点编号", "Station id"),
            l("站点", "Station"),
            l("乡镇（街道）", "Township"),
            l("承接机构", "Contractor"),
            l("评估类型", "Kind"),
            l("评估日期", "Date"),
            l("总分", "Total"),
            l("等级", "Grade"),
            l("结论", "Verdict"),
            l("余款处理", "Payment"),
            l("本次拨付", "Release"),
            l("暂不拨付", "Withheld"),
            l("续签", "Renewal"),
            l("措施", "Actions"),
            l("失分最多", "Top reason"),
            l("总分精确值", "Total exact"),
            l("拨付精确值", "Release exact"),
            l("暂不拨付精确值", "Withheld exact"),
            l("错误", "Errors"),
        ];
        let heads: Vec<&str> = heads.iter().map(String::as_str).collect();
        let rows: Vec<Vec<V>> = c
            .stations
            .iter()
            .map(|st| {
                let mut row = vec![
                    s(st.source.clone()),
                    s(st.station_id.clone()),
                    s(st.station_name.clone()),
                    st.township.clone().map_or(V::Empty, V::S),
                    s(st.contractor.clone()),
                    s(lang.kind(st.evaluation_kind)),
                    V::Day(st.evaluation_date),
                ];
                match &st.result {
                    Some(r) => {
                        let mut actions: Vec<String> = r
                            .veto_not_met
                            .iter()
                            .map(|g| format!("{}: {g}", lang.pick("否决", "veto")))
                            .collect();
                        actions.extend(
                            r.rectify_not_met
                                .iter()
                                .map(|g| format!("{}: {g}", lang.pick("整改", "rectify"))),
                        );
                        row.extend([
                            V::Points(r.total),
                            s(band_label(&r.grade)),
                            s(lang.verdict(r.verdict)),
                            s(lang.payment_short(r.payment)),
                            V::Money(r.release),
                            V::Money(r.withheld),
                            s(lang.renewal(r.renewal)),
                            s(actions.join("; ")),
                            r.top_reason.clone().map_or(V::Empty, V::S),
                            s(r.total.to_string()),
                            s(r.release.to_string()),
                            s(r.withheld.to_string()),
                        ]);
                    }
                    None => row.extend((0..12).map(|_| V::Empty)),
                }
                let errors: Vec<String> = st
                    .errors
                    .iter()
                    .map(|e| format!("{}: {} [{}]", e.pointer, e.message, e.code))
                    .collect();
                row.push(s(errors.join("; ")));
                row
            })
            .collect();
        table(ws, 0, &heads, &rows, &f)?;
        wrapped(ws, 14, 30, &f)?;
        wrapped(ws, 19, 50, &f)?;
    }
    {
        let ws = wb.add_worksheet();
        ws.set_name("Summary")?;
        let sm = &c.summary;
        let mut rows: Vec<Vec<V>> = vec![
            vec![s(l("县区", "County")), s(c.county.clone())],
            vec![s(l("年度", "Year")), s(c.year.to_string())],
            vec![s(l("站点数", "Stations")), V::Int(sm.stations)],
            vec![s(l("评估数", "Evaluations")), V::Int(sm.evaluations)],
            vec![s(l("已决定", "Decided")), V::Int(sm.decided)],
            vec![s(l("未决定", "Undecided")), V::Int(sm.undecided)],
        ];
        // The standard's bands, the best first (for the default standard: 优秀, 良好,
        // 合格, 不合格).
        for b in sm.bands.iter().rev() {
            rows.push(vec![
                s(format!("{} {}", l("等级", "Grade"), lang.text(&b.label))),
                V::Int(b.count),
            ]);
        }
        rows.push(vec![s(l("合格", "Passed")), V::Int(sm.passed)]);
        rows.push(vec![s(l("不合格", "Failed")), V::Int(sm.failed)]);
        if let Some(p) = sm.pass_rate_percent {
            rows.push(vec![
                s(l("合格率（%）", "Pass rate (%)")),
                V::Points(p),
                s(p.to_string()),
            ]);
        }
        rows.push(vec![
            s(l("拨付", "Released")),
            V::Money(sm.released),
            s(sm.released.to_string()),
        ]);
        rows.push(vec![
            s(l("暂不拨付", "Withheld")),
            V::Money(sm.withheld),
            s(sm.withheld.to_string()),
        ]);
        rows.push(vec![
            s(l("待末期", "Deferred")),
            V::Money(sm.deferred),
            s(sm.deferred.to_string()),
        ]);
        rows.push(vec![
            s(l("可续签", "Renewal eligible")),
            V::Int(sm.renewal.eligible),
        ]);
        rows.push(vec![
            s(l("不得续签", "Renewal ineligible")),
            V::Int(sm.renewal.ineligible),
        ]);
        rows.push(vec![
            s(l("续签待定", "Renewal undetermined")),
            V::Int(sm.renewal.undetermined),
        ]);
        table(
            ws,
            0,
            &[&l("项目", "Item"), &l("值", "Value"), &l("精确值", "Exact")],
            &rows,
            &f,
        )?;
        ws.set_column_width(0, 30)?;
    }
    {
        // The grade distribution: every band of the standard, the best first.
        let ws = wb.add_worksheet();
        ws.set_name("Grades")?;
        let heads = [
            "id".to_owned(),
            l("等级", "Grade"),
            l("是否合格", "Passes"),
            l("份数", "Evaluations"),
            l("占已决定（%）", "Share of decided (%)"),
        ];
        let heads: Vec<&str> = heads.iter().map(String::as_str).collect();
        let decided = Decimal::from(c.summary.decided);
        let rows: Vec<Vec<V>> = c
            .summary
            .bands
            .iter()
            .rev()
            .map(|b| {
                let share = Decimal::from(b.count)
                    .checked_mul(Decimal::ONE_HUNDRED)
                    .and_then(|x| x.checked_div(decided))
                    .map_or(V::Empty, |x| V::Points(crate::num::round_total(x)));
                vec![
                    s(b.id.to_string()),
                    s(lang.text(&b.label).to_owned()),
                    s(if b.passes {
                        lang.pick("合格", "pass")
                    } else {
                        lang.pick("不合格", "fail")
                    }),
                    V::Int(b.count),
                    share,
                ]
            })
            .collect();
        table(ws, 0, &heads, &rows, &f)?;
    }
    {
        let ws = wb.add_worksheet();
        ws.set_name("County gates")?;
        let rows = c.gates.iter().map(|g| GateRow {
            id: g.id.to_string(),
            articles: lang.articles(&g.articles),
            severity: g.severity,
            outcome: g.outcome,
            texts: [&g.required, &g.actual, &g.message],
        });
        gates_table(ws, lang, &f, rows)?;
    }
    {
        let ws = wb.add_worksheet();
        ws.set_name("County actions")?;
        let heads = [
            l("规则", "Gate"),
            l("依据", "Articles"),
            l("期限", "Deadline"),
            l("说明", "Message"),
        ];
        let heads: Vec<&str> = heads.iter().map(String::as_str).collect();
        let rows: Vec<Vec<V>> = c
            .actions
            .iter()
            .map(|a| {
                vec![
                    s(a.gate.to_string()),
                    s(lang.articles(&a.articles)),
                    a.deadline.map_or(V::Empty, V::Day),
                    s(lang.text(&a.message).to_owned()),
                ]
            })
            .collect();
        table(ws, 0, &heads, &rows, &f)?;
        wrapped(ws, 3, 70, &f)?;
    }
    Ok(wb.save_to_buffer()?)
}

/// Writes batch results as a workbook: one row per input (its source — a line number
/// or a file name — and its decision or its errors).
///
/// # Errors
///
/// [`WriteError`] when the xlsx writer refuses.
pub fn batch_workbook(
    lines: &[(String, BatchOutputLine)],
    lang: Lang,
) -> Result<Vec<u8>, WriteError> {
    let f = fmt();
    let mut wb = Workbook::new();
    let l = |zh: &str, en: &str| both(lang, zh, en);
    let ws = wb.add_worksheet();
    ws.set_name("Results")?;
    let heads = [
        l("来源", "Source"),
        l("状态", "Status"),
        l("评估日期", "Date"),
        l("总分", "Total"),
        l("等级", "Grade"),
        l("结论", "Verdict"),
        l("余款处理", "Payment"),
        l("本次拨付", "Release"),
        l("暂不拨付", "Withheld"),
        l("续签", "Renewal"),
        l("措施", "Actions"),
        l("总分精确值", "Total exact"),
        l("拨付精确值", "Release exact"),
        l("错误", "Errors"),
    ];
    let heads: Vec<&str> = heads.iter().map(String::as_str).collect();
    let rows: Vec<Vec<V>> = lines
        .iter()
        .map(|(source, line)| match line {
            BatchOutputLine::Ok { result, .. } => {
                let d = result.as_ref();
                let actions: Vec<String> = d
                    .actions
                    .iter()
                    .map(|a| lang.action(a.kind).to_owned())
                    .collect();
                vec![
                    s(source.clone()),
                    s("ok"),
                    V::Day(d.receipt.evaluation_date),
                    V::Points(d.scorecard.total),
                    s(lang.grade(&d.grade)),
                    s(lang.verdict(d.verdict)),
                    s(lang.payment_short(d.payment.status)),
                    V::Money(d.payment.release),
                    V::Money(d.payment.withheld),
                    s(lang.renewal(d.renewal.status)),
                    s(actions.join("; ")),
                    s(d.scorecard.total.to_string()),
                    s(d.payment.release.to_string()),
                    V::Empty,
                ]
            }
            BatchOutputLine::Error { errors, .. } => {
                let e: Vec<String> = errors
                    .iter()
                    .map(|e| format!("{}: {} [{}]", e.pointer, e.message, e.code))
                    .collect();
                let mut row = vec![s(source.clone()), s("error")];
                row.extend((0..11).map(|_| V::Empty));
                row.push(s(e.join("; ")));
                row
            }
        })
        .collect();
    table(ws, 0, &heads, &rows, &f)?;
    wrapped(ws, 10, 30, &f)?;
    wrapped(ws, 13, 60, &f)?;
    Ok(wb.save_to_buffer()?)
}
