//! Writing an evidence workbook: the empty template, or a filled one from JSON.

use std::collections::BTreeMap;

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, ExcelDateTime, Format,
    Workbook, Worksheet,
};
use serde_json::Value;

use super::layout::{Declared, Field, Kind, Layout, README, Seg, Sheet, SheetKind};
use super::read::{FIRST_ROW, KEY_ROW, KV_KEY_COL, KV_VALUE_COL};
use crate::report::Lang;
use crate::standard::{Node, Rule, Standard};

/// A workbook could not be written (a limit of the xlsx format was passed).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot write the workbook: {0}")]
pub struct WriteError(pub String);

impl From<rust_xlsxwriter::XlsxError> for WriteError {
    fn from(e: rust_xlsxwriter::XlsxError) -> Self {
        WriteError(e.to_string())
    }
}

/// How to write an evidence workbook.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteOptions {
    /// The language shown first in labels and the read-me (both are always there).
    pub lang: Lang,
    /// The levels each level field may take (pointer → names), from the standard.
    pub levels: BTreeMap<String, Vec<String>>,
}

impl WriteOptions {
    /// Options for a standard: its declared levels become drop-down lists.
    ///
    /// ```
    /// use sws_eval::{sheet::WriteOptions, standard::CompiledStandard, report::Lang};
    /// let o = WriteOptions::for_standard(CompiledStandard::dongying_2022().standard(), Lang::En);
    /// assert_eq!(o.levels["/levels/archives"], ["A", "B", "C", "D"]);
    /// ```
    pub fn for_standard(standard: &Standard, lang: Lang) -> WriteOptions {
        fn walk(nodes: &[Node], out: &mut BTreeMap<String, Vec<String>>) {
            for n in nodes {
                if let Some(Rule::Levels { fact, levels }) = &n.rule {
                    let pointer = format!("/{}", fact.replace('.', "/"));
                    out.insert(pointer, levels.iter().map(|l| l.level.clone()).collect());
                }
                walk(&n.children, out);
            }
        }
        let mut levels = BTreeMap::new();
        walk(&standard.dimensions, &mut levels);
        WriteOptions { lang, levels }
    }
}

/// Rows of a table sheet given drop-downs and formats in the template.
pub const TEMPLATE_ROWS: u32 = 500;

/// Numbered column groups a table gets for a list inside a row (certificates).
pub const TEMPLATE_GROUPS: usize = 2;

struct Styles {
    key: Format,
    head: Format,
    required: Format,
    text: Format,
    date: Format,
    note: Format,
    title: Format,
    /// A cell its row does not use (a panel's `value`, another row's evaluator column).
    unused: Format,
}

fn styles() -> Styles {
    let head = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xDDEBF7));
    Styles {
        key: Format::new().set_font_color(Color::RGB(0x808080)),
        required: head.clone().set_font_color(Color::RGB(0xC00000)),
        head,
        text: Format::new().set_num_format("@"),
        date: Format::new().set_num_format("yyyy-mm-dd"),
        note: Format::new()
            .set_font_color(Color::RGB(0x595959))
            .set_text_wrap(),
        title: Format::new().set_bold().set_font_size(14),
        unused: Format::new().set_background_color(Color::RGB(0xEDEDED)),
    }
}

fn label(f: &Field, lang: Lang) -> String {
    let mark = if f.required { " *" } else { "" };
    match lang {
        Lang::Zh => format!("{} / {}{mark}", f.zh, f.en),
        Lang::En => format!("{} / {}{mark}", f.en, f.zh),
    }
}

fn kind_note(kind: &Kind, choices: Option<&Vec<String>>) -> String {
    match kind {
        Kind::Text => "文本 text".into(),
        Kind::Bool => "是/否 (TRUE/FALSE, yes/no)".into(),
        Kind::Int => "整数 whole number".into(),
        Kind::Decimal(Some(p)) => {
            format!("小数（文本格式，最多{p}位） decimal as text, at most {p} places")
        }
        Kind::Decimal(None) => "小数（文本格式） decimal as text".into(),
        Kind::Date => "日期 date (YYYY-MM-DD)".into(),
        Kind::Choice(c) => format!("取值 one of: {}", choices.unwrap_or(c).join(", ")),
        Kind::List(inner) => format!("用 ; 分隔 separated by `;`: {}", kind_note(inner, None)),
        Kind::Any => "是/否、整数或文本 TRUE/FALSE, a whole number or text".into(),
        Kind::Named(inner) => format!(
            "每名评估员（来源）一列，第1行列头为 by.姓名 one column per evaluator or source, headed by.NAME in row 1: {}",
            kind_note(inner, choices)
        ),
    }
}

fn get<'a>(doc: Option<&'a Value>, pointer: &str) -> Option<&'a Value> {
    doc?.pointer(pointer).filter(|v| !v.is_null())
}

fn date_of(text: &str) -> Option<ExcelDateTime> {
    let mut parts = text.split('-');
    let y: u16 = parts.next()?.parse().ok()?;
    let m: u8 = parts.next()?.parse().ok()?;
    let d: u8 = parts.next()?.parse().ok()?;
    // Before March 1900 a spreadsheet's serial dates are off by Excel's 1900 leap year.
    if (y, m) < (1900, 3) || text.len() != 10 {
        return None;
    }
    ExcelDateTime::from_ymd(y, m, d).ok()
}

fn write_value(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    kind: &Kind,
    value: Option<&Value>,
    st: &Styles,
) -> Result<(), WriteError> {
    match (kind, value) {
        (Kind::Decimal(_), None) => {
            ws.write_blank(row, col, &st.text)?;
        }
        (Kind::Date, None) => {
            ws.write_blank(row, col, &st.date)?;
        }
        (_, None) => {}
        (Kind::Bool, Some(Value::Bool(b))) => {
            ws.write_boolean(row, col, *b)?;
        }
        (Kind::Any, Some(Value::Bool(b))) => {
            ws.write_boolean(row, col, *b)?;
        }
        (Kind::Int | Kind::Any, Some(Value::Number(n))) => match n.as_f64() {
            Some(f) => {
                ws.write_number(row, col, f)?;
            }
            None => {
                ws.write_string(row, col, n.to_string())?;
            }
        },
        (Kind::Date, Some(Value::String(s))) => match date_of(s) {
            Some(d) => {
                ws.write_datetime_with_format(row, col, &d, &st.date)?;
            }
            None => {
                ws.write_string_with_format(row, col, s, &st.text)?;
            }
        },
        (Kind::List(_), Some(Value::Array(items))) => {
            let text: Vec<String> = items
                .iter()
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                .collect();
            ws.write_string_with_format(row, col, text.join("; "), &st.text)?;
        }
        (_, Some(Value::String(s))) => {
            ws.write_string_with_format(row, col, s, &st.text)?;
        }
        (_, Some(other)) => {
            ws.write_string_with_format(row, col, other.to_string(), &st.text)?;
        }
    }
    Ok(())
}

fn validation(
    kind: &Kind,
    choices: Option<&Vec<String>>,
) -> Result<Option<DataValidation>, WriteError> {
    let dv = match (kind, choices) {
        (_, Some(list)) | (Kind::Choice(list), None) => {
            if list.iter().map(|s| s.len() + 1).sum::<usize>() > 250 {
                return Ok(None);
            }
            DataValidation::new().allow_list_strings(list)?
        }
        (Kind::Bool, None) => {
            DataValidation::new().allow_list_strings(&["TRUE", "FALSE", "是", "否"])?
        }
        (Kind::Date, None) => {
            let (Ok(lo), Ok(hi)) = (
                ExcelDateTime::from_ymd(1900, 3, 1),
                ExcelDateTime::from_ymd(2200, 12, 31),
            ) else {
                return Ok(None);
            };
            DataValidation::new().allow_date(DataValidationRule::Between(lo, hi))
        }
        (Kind::Int, None) => {
            DataValidation::new().allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0))
        }
        _ => return Ok(None),
    };
    // A warning, not a stop: a date typed as YYYY-MM-DD text is accepted too.
    Ok(Some(dv.set_error_style(DataValidationErrorStyle::Warning)))
}

/// The number of positions of the list a numbered field runs over, in `doc`.
fn list_len(doc: Option<&Value>, base: &str, f: &Field) -> usize {
    let mut list = base.to_owned();
    for s in &f.path {
        match s {
            Seg::Key(k) => {
                list.push('/');
                list.push_str(k);
            }
            Seg::Index => break,
        }
    }
    get(doc, &list)
        .and_then(Value::as_array)
        .map_or(0, Vec::len)
}

fn write_kv(
    ws: &mut Worksheet,
    sheet: &Sheet,
    doc: Option<&Value>,
    opts: &WriteOptions,
    st: &Styles,
) -> Result<(), WriteError> {
    let heads = match opts.lang {
        Lang::Zh => ["字段键 key", "字段 field", "填写值 value", "说明 notes"],
        Lang::En => ["key 字段键", "field 字段", "value 填写值", "notes 说明"],
    };
    for (c, h) in (0u16..).zip(heads) {
        ws.write_string_with_format(0, c, h, &st.head)?;
    }
    let value_col = u16::try_from(KV_VALUE_COL).unwrap_or(2);
    let key_col = u16::try_from(KV_KEY_COL).unwrap_or(0);
    let mut row = 1u32;
    for f in &sheet.fields {
        let n = if f.depth() == 0 {
            1
        } else {
            list_len(doc, "", f).max(1)
        };
        for i in 0..n {
            let idx = [i];
            let pointer = f.pointer("", &idx);
            let choices = opts.levels.get(&f.pointer("", &[]));
            ws.write_string_with_format(row, key_col, f.key(&idx), &st.key)?;
            let head = if f.required { &st.required } else { &st.head };
            ws.write_string_with_format(row, 1, label(f, opts.lang), head)?;
            write_value(ws, row, value_col, &f.kind, get(doc, &pointer), st)?;
            ws.write_string_with_format(row, 3, kind_note(&f.kind, choices), &st.note)?;
            if let Some(dv) = validation(&f.kind, choices)? {
                ws.add_data_validation(row, value_col, row, value_col, &dv)?;
            }
            row += 1;
        }
    }
    ws.set_column_width(0, 36)?;
    ws.set_column_width(1, 40)?;
    ws.set_column_width(2, 24)?;
    ws.set_column_width(3, 48)?;
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

fn write_table(
    ws: &mut Worksheet,
    sheet: &Sheet,
    doc: Option<&Value>,
    opts: &WriteOptions,
    st: &Styles,
) -> Result<(), WriteError> {
    let items = get(doc, &sheet.list).and_then(Value::as_array);
    // Columns: each field, numbered groups repeated as often as the data needs.
    let mut columns: Vec<(&Field, Vec<usize>)> = Vec::new();
    let mut seen_groups: Vec<String> = Vec::new();
    for f in &sheet.fields {
        if f.depth() == 0 {
            columns.push((f, Vec::new()));
            continue;
        }
        let group: String = f
            .key(&[])
            .rsplit_once('.')
            .map_or(String::new(), |(g, _)| g.to_owned());
        if seen_groups.contains(&group) {
            continue;
        }
        seen_groups.push(group.clone());
        let members: Vec<&Field> = sheet
            .fields
            .iter()
            .filter(|g| {
                g.depth() > 0 && g.key(&[]).rsplit_once('.').map(|(p, _)| p) == Some(group.as_str())
            })
            .collect();
        let most = items
            .map(|list| {
                list.iter()
                    .map(|item| list_len(Some(item), "", f))
                    .max()
                    .unwrap_or(0)
            })
            .unwrap_or(0)
            .max(TEMPLATE_GROUPS);
        for i in 0..most {
            for m in &members {
                columns.push((m, vec![i]));
            }
        }
    }
    let last = TEMPLATE_ROWS.max(FIRST_ROW + u32::try_from(items.map_or(0, Vec::len)).unwrap_or(0));
    for (c, (f, idx)) in (0u16..).zip(&columns) {
        ws.write_string_with_format(KEY_ROW, c, f.key(idx), &st.key)?;
        let head = if f.required && idx.iter().all(|i| *i == 0) {
            &st.required
        } else {
            &st.head
        };
        let mut text = label(f, opts.lang);
        if let Some(i) = idx.first() {
            text = format!("{text} ({})", i + 1);
        }
        ws.write_string_with_format(KEY_ROW + 1, c, text, head)?;
        let choices = opts.levels.get(&f.pointer(&sheet.list, &[]));
        if let Some(dv) = validation(&f.kind, choices)? {
            ws.add_data_validation(FIRST_ROW, c, last, c, &dv)?;
        }
        match f.kind {
            Kind::Decimal(_) | Kind::Text | Kind::Choice(_) | Kind::List(_) => {
                ws.set_column_format(c, &st.text)?;
            }
            Kind::Date => {
                ws.set_column_format(c, &st.date)?;
            }
            _ => {}
        }
        ws.set_column_width(c, 16)?;
    }
    if let Some(list) = items {
        if list.is_empty() {
            ws.write_string(FIRST_ROW, 0, "无 none")?;
        }
        for (r, item) in (FIRST_ROW..).zip(list) {
            for (c, (f, idx)) in (0u16..).zip(&columns) {
                let v = get(Some(item), &f.pointer("", idx));
                write_value(ws, r, c, &f.kind, v, st)?;
            }
        }
    }
    ws.set_freeze_panes(FIRST_ROW, 1)?;
    Ok(())
}

/// Columns a panel gets in the template when the data names no evaluator: the
/// evaluator's name replaces the placeholder in the key row (`by.评估员1` → `by.张三`).
pub const TEMPLATE_EVALUATORS: usize = 5;

/// The placeholder name of the `n`-th evaluator column (from 1).
fn placeholder(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("评估员{n}"),
        Lang::En => format!("evaluator {n}"),
    }
}

/// The names of a map sheet's per-name columns (`by.NAME`): the names in the data (in
/// the order of the rows), then the sources the declared panels prefer, then, for a
/// panel of evaluators the data names none of, [`TEMPLATE_EVALUATORS`] placeholders.
fn panel_names(
    layout: &Layout,
    ids: &[String],
    entries: Option<&serde_json::Map<String, Value>>,
    key: &str,
    lang: Lang,
) -> (Vec<String>, usize) {
    let mut names: Vec<String> = Vec::new();
    let push = |n: &str, names: &mut Vec<String>| {
        if !names.iter().any(|x| x == n) {
            names.push(n.to_owned());
        }
    };
    let mut evaluators_named = false;
    for id in ids {
        let by = entries
            .and_then(|m| m.get(id))
            .and_then(|v| v.get(key))
            .and_then(Value::as_object);
        let sources = layout
            .declared
            .iter()
            .find(|d| &d.id == id)
            .map(|d| d.sources.as_slice())
            .unwrap_or_default();
        for n in by.into_iter().flat_map(|m| m.keys()) {
            evaluators_named |= !sources.contains(n);
            push(n, &mut names);
        }
    }
    for d in &layout.declared {
        for n in &d.sources {
            push(n, &mut names);
        }
    }
    let mut placeholders = 0;
    let evaluator_panel = layout
        .declared
        .iter()
        .any(|d| d.panel && d.sources.is_empty());
    if evaluator_panel && !evaluators_named {
        for n in 1..=TEMPLATE_EVALUATORS {
            let name = placeholder(lang, n);
            if !names.contains(&name) {
                names.push(name);
                placeholders += 1;
            }
        }
    }
    (names, placeholders)
}

/// What a cell of a map sheet's row holds, or `None` when the row does not use it: a
/// declared pair fills numerator and denominator, a panel its evaluators' columns
/// (each a mark, or a level from the drop-down list; a `prefer` panel its sources'
/// columns only), anything else `value`; a row of
/// an id the standard does not declare may fill any.
fn map_cell(declared: Option<&Declared>, field: &Field, name: Option<&str>) -> Option<Kind> {
    let key = field.key(&[]);
    let per_name = name.is_some();
    let used = match declared {
        // A panel that prefers sources takes those sources only.
        Some(d) if d.panel => {
            name.is_some_and(|n| d.sources.is_empty() || d.sources.iter().any(|s| s == n))
        }
        Some(d) if d.pair => !per_name && key != "value",
        Some(_) => !per_name && key == "value",
        None => true,
    };
    if !used {
        return None;
    }
    Some(match (declared, &field.kind) {
        (Some(d), _) => d.kind.clone(),
        (None, Kind::Named(inner)) => inner.as_ref().clone(),
        (None, k) => k.clone(),
    })
}

/// A map sheet (`indicators`): the declared ids first (their titles and kinds beside
/// them, in `_` columns that are not read), then any other id in the data. A panel's
/// row fills one `by.NAME` column per evaluator or source, each with the indicator's
/// levels as a drop-down list (a mark is a decimal, typed as a number or as text).
fn write_map(
    ws: &mut Worksheet,
    sheet: &Sheet,
    layout: &Layout,
    doc: Option<&Value>,
    opts: &WriteOptions,
    st: &Styles,
) -> Result<(), WriteError> {
    let entries = get(doc, &sheet.list).and_then(Value::as_object);
    let mut ids: Vec<String> = layout.declared.iter().map(|d| d.id.clone()).collect();
    for k in entries.into_iter().flat_map(|m| m.keys()) {
        if !ids.contains(k) {
            ids.push(k.clone());
        }
    }
    // Columns: the plain fields, then one per name of each per-name family.
    let mut columns: Vec<(&Field, Option<String>)> = Vec::new();
    let mut placeholders: Vec<String> = Vec::new();
    for f in sheet
        .fields
        .iter()
        .filter(|f| !matches!(f.kind, Kind::Named(_)))
    {
        columns.push((f, None));
    }
    for f in sheet
        .fields
        .iter()
        .filter(|f| matches!(f.kind, Kind::Named(_)))
    {
        let key = f.key(&[]);
        let (names, n) = panel_names(layout, &ids, entries, &key, opts.lang);
        if names.is_empty() {
            continue;
        }
        placeholders.extend(names.iter().rev().take(n).cloned());
        columns.extend(names.into_iter().map(|n| (f, Some(n))));
    }
    let mut c = 0u16;
    for (f, name) in &columns {
        let head = if f.required { &st.required } else { &st.head };
        match name {
            None => {
                ws.write_string_with_format(KEY_ROW, c, f.key(&[]), &st.key)?;
                ws.write_string_with_format(KEY_ROW + 1, c, label(f, opts.lang), head)?;
                ws.set_column_width(c, 18)?;
            }
            Some(n) => {
                ws.write_string_with_format(KEY_ROW, c, format!("{}.{n}", f.key(&[])), &st.key)?;
                let text = match (opts.lang, placeholders.contains(n)) {
                    (Lang::Zh, false) => format!("{n} 评分 / mark"),
                    (Lang::En, false) => format!("{n} mark / 评分"),
                    (Lang::Zh, true) => format!("{n}（第1行改为姓名 / rename）"),
                    (Lang::En, true) => format!("{n} (rename in row 1 / 改为姓名)"),
                };
                let width = unicode_width::UnicodeWidthStr::width(text.as_str()) + 2;
                ws.write_string_with_format(KEY_ROW + 1, c, text, head)?;
                ws.set_column_width(c, u16::try_from(width.clamp(14, 32)).unwrap_or(14))?;
            }
        }
        c += 1;
    }
    let first_note = c;
    for (key, text) in [("_title", "名称 / title"), ("_kind", "类别 / kind")] {
        ws.write_string_with_format(KEY_ROW, c, key, &st.key)?;
        ws.write_string_with_format(KEY_ROW + 1, c, text, &st.head)?;
        ws.set_column_width(c, 30)?;
        c += 1;
    }
    for (r, id) in (FIRST_ROW..).zip(&ids) {
        let declared = layout.declared.iter().find(|d| &d.id == id);
        let value = entries.and_then(|m| m.get(id));
        for (c, (f, name)) in (0u16..).zip(&columns) {
            let key = f.key(&[]);
            if key == "id" {
                ws.write_string(r, c, id)?;
                continue;
            }
            let Some(kind) = map_cell(declared, f, name.as_deref()) else {
                ws.write_blank(r, c, &st.unused)?;
                continue;
            };
            let v = match (value, name) {
                (Some(Value::Object(o)), Some(n)) => o.get(&key).and_then(|by| by.get(n)),
                (Some(Value::Object(o)), None) => o.get(&key),
                (Some(other), None) if key == "value" => Some(other),
                _ => None,
            };
            write_value(ws, r, c, &kind, v.filter(|v| !v.is_null()), st)?;
            if let Some(dv) = validation(&kind, None)? {
                ws.add_data_validation(r, c, r, c, &dv)?;
            }
        }
        if let Some(d) = declared {
            let title = match opts.lang {
                Lang::Zh => format!("{} / {}", d.zh, d.en),
                Lang::En => format!("{} / {}", d.en, d.zh),
            };
            ws.write_string(r, first_note, title)?;
            ws.write_string_with_format(r, first_note + 1, &d.note, &st.key)?;
        }
    }
    ws.set_column_width(first_note, 40)?;
    ws.set_column_width(first_note + 1, 90)?;
    ws.set_freeze_panes(FIRST_ROW, 1)?;
    Ok(())
}

fn write_readme(
    ws: &mut Worksheet,
    layout: &Layout,
    opts: &WriteOptions,
    st: &Styles,
) -> Result<(), WriteError> {
    let (title, lines): (&str, &[&str]) = match opts.lang {
        Lang::Zh => (
            "社工站评估证据表 Evidence workbook of a station evaluation",
            README_ZH,
        ),
        Lang::En => (
            "Evidence workbook of a station evaluation 社工站评估证据表",
            README_EN,
        ),
    };
    ws.write_string_with_format(0, 0, title, &st.title)?;
    let mut row = 2u32;
    for line in lines {
        ws.write_string(row, 0, *line)?;
        row += 1;
    }
    row += 1;
    let heads = [
        "工作表 sheet",
        "字段键 key",
        "中文",
        "English",
        "类型 kind",
        "必填 required",
        "说明 description",
    ];
    for (c, h) in (0u16..).zip(heads) {
        ws.write_string_with_format(row, c, h, &st.head)?;
    }
    row += 1;
    for sheet in &layout.sheets {
        for f in &sheet.fields {
            let pointer = match sheet.kind {
                SheetKind::KeyValue => f.pointer("", &[]),
                SheetKind::Table | SheetKind::Map => f.pointer(&sheet.list, &[]),
            };
            let key = match f.kind {
                Kind::Named(_) => format!("{}.<姓名 name>", f.key(&[])),
                _ => f.key(&[]),
            };
            let cells = [
                format!("{} {}", sheet.name, sheet.zh),
                key,
                f.zh.clone(),
                f.en.clone(),
                kind_note(&f.kind, opts.levels.get(&pointer)),
                if f.required { "*" } else { "" }.to_owned(),
                format!("{} ({pointer})", f.doc),
            ];
            for (c, text) in (0u16..).zip(cells) {
                ws.write_string(row, c, text)?;
            }
            row += 1;
        }
    }
    ws.set_column_width(0, 28)?;
    ws.set_column_width(1, 36)?;
    ws.set_column_width(6, 80)?;
    Ok(())
}

const README_ZH: &[&str] = &[
    "每个工作表对应证据的一部分。键值表（站点、场地、财务、服务、问卷、等级）：在 C 列填写值；表格（名册、培训、督导、严重问题）：每行一条记录，第 1 行的字段键不要修改。",
    "标 * 的字段在其所属部分填写时必填。整节未检查可整节留空（相关指标记为“证据不足”）。",
    "小数（金额、学时、面积）以文本格式填写，如 12.50；如填成数字，只有能精确表示且位数不超限时才接受（0.1+0.2 之类的浮点误差会被拒绝）。",
    "日期可填日期单元格或 YYYY-MM-DD 文本。是/否 可填 TRUE/FALSE、是/否、yes/no。不要使用公式或合并单元格。",
    "表格已检查但没有记录（例如未发现严重问题）：在第一条记录行 A 列填写“无 none”。",
    "自定义指标（Indicators）：评分小组指标每名评估员（或来源）一列，第 1 行列头为 by.姓名；把 by.评估员1 等改为评估员姓名，人数更多时增加列。灰色单元格该行不用填写。",
    "sws-eval evaluate 本文件.xlsx 评估；sws-eval convert 本文件.xlsx -o evidence.json 转换为 JSON。",
];

const README_EN: &[&str] = &[
    "Each sheet holds one part of the evidence. Key/value sheets (Station, Site, Finance, Services, Surveys, Levels): fill column C. Tables (Roster, Training, Supervision, Findings): one record per row; do not change the keys in row 1.",
    "Fields marked * are required whenever their section is filled. Leave a whole section empty if it was not checked (the indicators that need it become insufficient evidence).",
    "Decimals (money, hours, areas) are text cells, e.g. 12.50; a number typed instead is accepted only when it is exact with the allowed places (a float artefact such as 0.1+0.2 is refused).",
    "Dates: a date cell or YYYY-MM-DD text. Yes/no: TRUE/FALSE, 是/否, yes/no. No formulas, no merged cells.",
    "A table checked and found empty (no serious findings, say): write `无 none` in column A of its first record row.",
    "Indicators: a panel indicator takes one column per evaluator (or source), headed by.NAME in row 1; rename by.evaluator 1 and the others to the evaluators' names, and add columns for more. Grey cells are not used by their row.",
    "sws-eval evaluate this.xlsx decides it; sws-eval convert this.xlsx -o evidence.json turns it into JSON.",
];

/// Writes an evidence workbook: the template when `doc` is `None`, else the evidence
/// `doc` (a JSON value of the evidence) filled in.
///
/// # Errors
///
/// [`WriteError`] when the xlsx writer refuses (a limit of the format).
///
/// ```
/// use sws_eval::sheet::{write_evidence, Layout, Book};
/// let bytes = write_evidence(&Layout::evidence(), None, &Default::default()).unwrap();
/// let book = Book::from_bytes(&bytes).unwrap();
/// assert_eq!(book.grids[0].name, "ReadMe");
/// assert!(book.grid("Roster").is_some());
/// ```
pub fn write_evidence(
    layout: &Layout,
    doc: Option<&Value>,
    opts: &WriteOptions,
) -> Result<Vec<u8>, WriteError> {
    let st = styles();
    let mut wb = Workbook::new();
    {
        let ws = wb.add_worksheet();
        ws.set_name(README)?;
        write_readme(ws, layout, opts, &st)?;
        super::out::print_setup(ws, None)?;
    }
    for sheet in &layout.sheets {
        let ws = wb.add_worksheet();
        ws.set_name(&sheet.name)?;
        let header = match sheet.kind {
            SheetKind::KeyValue => {
                write_kv(ws, sheet, doc, opts, &st)?;
                (0, 0)
            }
            SheetKind::Table => {
                write_table(ws, sheet, doc, opts, &st)?;
                (KEY_ROW, KEY_ROW + 1)
            }
            SheetKind::Map => {
                write_map(ws, sheet, layout, doc, opts, &st)?;
                (KEY_ROW, KEY_ROW + 1)
            }
        };
        super::out::print_setup(ws, Some(header))?;
    }
    Ok(wb.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn declared(kind: Kind, panel: bool, pair: bool) -> Declared {
        Declared {
            id: "x.rating".into(),
            kind,
            pair,
            panel,
            sources: Vec::new(),
            zh: String::new(),
            en: String::new(),
            note: String::new(),
        }
    }

    fn field(key: &str, kind: Kind) -> Field {
        Field {
            path: vec![Seg::Key(key.into())],
            kind,
            required: false,
            zh: String::new(),
            en: String::new(),
            doc: String::new(),
        }
    }

    #[test]
    fn a_panel_of_levels_gets_a_drop_down_in_each_evaluator_cell() {
        let levels = Kind::Choice(vec!["A".into(), "B".into()]);
        let d = declared(levels.clone(), true, false);
        let by = field("by", Kind::Named(Box::new(Kind::Text)));
        let value = field("value", Kind::Any);
        assert_eq!(map_cell(Some(&d), &by, Some("张三")), Some(levels.clone()));
        assert_eq!(map_cell(Some(&d), &value, None), None);
        assert!(matches!(validation(&levels, None), Ok(Some(_))));
        // A plain level fills `value` (with the same list), never an evaluator's cell.
        let plain = declared(levels.clone(), false, false);
        assert_eq!(map_cell(Some(&plain), &value, None), Some(levels));
        assert_eq!(map_cell(Some(&plain), &by, Some("张三")), None);
        // A pair: numerator and denominator only.
        let pair = declared(Kind::Decimal(None), false, true);
        let num = field("numerator", Kind::Decimal(None));
        assert_eq!(map_cell(Some(&pair), &num, None), Some(Kind::Decimal(None)));
        assert_eq!(map_cell(Some(&pair), &value, None), None);
        // A panel preferring sources: only their columns.
        let prefer = Declared {
            sources: vec!["purchaser".into(), "self".into()],
            ..declared(Kind::Decimal(None), true, false)
        };
        assert!(map_cell(Some(&prefer), &by, Some("self")).is_some());
        assert_eq!(map_cell(Some(&prefer), &by, Some("评估员1")), None);
    }
}
