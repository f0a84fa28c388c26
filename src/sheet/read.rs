//! Reading an evidence workbook into the JSON value the JSON path reads.

use std::collections::BTreeMap;
use std::fmt;
use std::io::Cursor;

use calamine::{Data, Reader, Sheets};
use serde_json::{Map, Value};

use super::layout::{Field, Kind, Layout, README, Seg, SheetKind, set_at};
use crate::json::{ErrorCode, JsonError};

/// The largest workbook read (refused by its size before anything is parsed).
pub const MAX_WORKBOOK_BYTES: usize = 8 * 1024 * 1024;

/// The most cells read from one sheet.
pub const MAX_CELLS: usize = 200_000;

/// Where a value sits in a workbook: sheet and cell (`Roster!C7`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct CellRef {
    /// The sheet's name.
    pub sheet: String,
    /// Row, from 0.
    pub row: u32,
    /// Column, from 0.
    pub col: u32,
}

/// A column's letters: 0 → `A`, 26 → `AA`.
pub fn column_name(col: u32) -> String {
    // Bijective base 26; `n` is at least 1 inside the loop, so nothing wraps.
    let mut n = u64::from(col).saturating_add(1);
    let mut out = Vec::new();
    while let Some(m) = n.checked_sub(1) {
        let rem = u8::try_from(m % 26).unwrap_or(0);
        out.push(char::from(b'A'.saturating_add(rem)));
        n = m / 26;
    }
    out.iter().rev().collect()
}

impl fmt::Display for CellRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plain = self.sheet.chars().all(|c| c.is_alphanumeric() || c == '_');
        if plain {
            write!(
                f,
                "{}!{}{}",
                self.sheet,
                column_name(self.col),
                u64::from(self.row) + 1
            )
        } else {
            write!(
                f,
                "'{}'!{}{}",
                self.sheet.replace('\'', "''"),
                column_name(self.col),
                u64::from(self.row) + 1
            )
        }
    }
}

/// An error in a workbook: the JSON error (code, pointer, message) and its cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocatedError {
    /// The cell, when the error has one.
    pub cell: Option<CellRef>,
    /// The same error the JSON path reports.
    pub error: JsonError,
}

impl LocatedError {
    /// The JSON error with its cell written into [`JsonError::cell`] (as
    /// `Roster!C7`), for an error envelope that must carry the location.
    ///
    /// ```
    /// use sws_eval::json::{ErrorCode, JsonError};
    /// use sws_eval::sheet::{CellRef, LocatedError};
    /// let error = JsonError {
    ///     code: ErrorCode::MissingField, pointer: "/station/name".into(),
    ///     expected: "a name".into(), found: "nothing".into(),
    ///     message: "missing".into(), suggestion: None, line: None, column: None, cell: None,
    /// };
    /// let located = LocatedError { cell: Some(CellRef { sheet: "Station".into(), row: 6, col: 2 }), error };
    /// assert_eq!(located.into_json_error().cell.as_deref(), Some("Station!C7"));
    /// ```
    pub fn into_json_error(self) -> JsonError {
        let mut error = self.error;
        if let Some(c) = self.cell {
            error.cell = Some(c.to_string());
        }
        error
    }
}

/// Why a workbook could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkbookError {
    /// Larger than [`MAX_WORKBOOK_BYTES`].
    #[error("the workbook is {0} bytes, more than the {MAX_WORKBOOK_BYTES} read [input_too_large]")]
    TooLarge(usize),
    /// Not a workbook the reader understands (or damaged).
    #[error("not a readable .xlsx, .xls or .ods workbook: {0}")]
    Unreadable(String),
}

/// One cell's content.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text.
    Text(String),
    /// A number, as the shortest text that reads back as the cell's binary float
    /// ([`number_text`]): the float stops at the reader, what follows is text.
    Number(String),
    /// TRUE or FALSE.
    Bool(bool),
    /// A date cell: year, month, day, and whether it also has a time of day.
    Date(i32, u32, u32, bool),
    /// An error value such as `#N/A`.
    Error(String),
}

/// One sheet's cells, sparse.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Grid {
    /// The sheet's name.
    pub name: String,
    /// The non-empty cells by (row, column), from 0.
    pub cells: BTreeMap<(u32, u32), Cell>,
    /// Cells holding a formula.
    pub formulas: Vec<(u32, u32)>,
    /// Merged ranges: first and last (row, column).
    pub merged: Vec<((u32, u32), (u32, u32))>,
}

impl Grid {
    /// An empty sheet.
    pub fn new(name: &str) -> Grid {
        Grid {
            name: name.to_owned(),
            ..Grid::default()
        }
    }

    fn get(&self, row: u32, col: u32) -> Option<&Cell> {
        self.cells.get(&(row, col))
    }

    fn text(&self, row: u32, col: u32) -> String {
        match self.get(row, col) {
            Some(c) => cell_text(c),
            None => String::new(),
        }
    }

    fn last_row(&self) -> u32 {
        self.cells.keys().map(|(r, _)| *r).max().unwrap_or(0)
    }
}

/// A workbook's sheets.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Book {
    /// The sheets, in order.
    pub grids: Vec<Grid>,
}

impl Book {
    /// Reads `.xlsx`, `.xls` or `.ods` bytes (the format is recognised from the bytes).
    ///
    /// # Errors
    ///
    /// [`WorkbookError::TooLarge`] past [`MAX_WORKBOOK_BYTES`] (before parsing);
    /// [`WorkbookError::Unreadable`] for anything that is not a readable workbook.
    pub fn from_bytes(bytes: &[u8]) -> Result<Book, WorkbookError> {
        if bytes.len() > MAX_WORKBOOK_BYTES {
            return Err(WorkbookError::TooLarge(bytes.len()));
        }
        let mut sheets = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
            .map_err(|e| WorkbookError::Unreadable(e.to_string()))?;
        let names = sheets.sheet_names();
        let mut grids = Vec::with_capacity(names.len());
        for name in names {
            let mut grid = Grid::new(&name);
            match &mut sheets {
                Sheets::Xlsx(x) => {
                    {
                        let mut reader = x
                            .worksheet_cells_reader(&name)
                            .map_err(|e| WorkbookError::Unreadable(e.to_string()))?;
                        while let Some(c) = reader
                            .next_cell()
                            .map_err(|e| WorkbookError::Unreadable(e.to_string()))?
                        {
                            if grid.cells.len() >= MAX_CELLS {
                                return Err(too_many_cells(&name));
                            }
                            let (r, col) = c.get_position();
                            if let Some(cell) = from_data_ref(c.get_value()) {
                                grid.cells.insert((r, col), cell);
                            }
                        }
                    }
                    {
                        let mut reader = x
                            .worksheet_cells_reader(&name)
                            .map_err(|e| WorkbookError::Unreadable(e.to_string()))?;
                        while let Some(f) = reader
                            .next_formula()
                            .map_err(|e| WorkbookError::Unreadable(e.to_string()))?
                        {
                            if !f.get_value().is_empty() && grid.formulas.len() < MAX_CELLS {
                                grid.formulas.push(f.get_position());
                            }
                        }
                    }
                    if let Some(Ok(merged)) = x.worksheet_merge_cells(&name) {
                        grid.merged = merged.iter().map(|d| (d.start, d.end)).collect();
                    }
                }
                other => {
                    let range = other
                        .worksheet_range(&name)
                        .map_err(|e| WorkbookError::Unreadable(e.to_string()))?;
                    if range.get_size().0.saturating_mul(range.get_size().1) > MAX_CELLS * 4 {
                        return Err(too_many_cells(&name));
                    }
                    for (r, c, v) in range.used_cells() {
                        let (r0, c0) = range.start().unwrap_or((0, 0));
                        let at = (
                            r0.saturating_add(u32::try_from(r).unwrap_or(u32::MAX)),
                            c0.saturating_add(u32::try_from(c).unwrap_or(u32::MAX)),
                        );
                        if let Some(cell) = from_data(v) {
                            grid.cells.insert(at, cell);
                        }
                    }
                    if let Ok(formulas) = other.worksheet_formula(&name) {
                        for (r, c, f) in formulas.used_cells() {
                            let (r0, c0) = formulas.start().unwrap_or((0, 0));
                            if !f.is_empty() && !boolean_constant(f) {
                                grid.formulas.push((
                                    r0.saturating_add(u32::try_from(r).unwrap_or(u32::MAX)),
                                    c0.saturating_add(u32::try_from(c).unwrap_or(u32::MAX)),
                                ));
                            }
                        }
                    }
                    if let Sheets::Xls(x) = other
                        && let Some(merged) = x.worksheet_merge_cells(&name)
                    {
                        grid.merged = merged.iter().map(|d| (d.start, d.end)).collect();
                    }
                }
            }
            grids.push(grid);
        }
        Ok(Book { grids })
    }

    /// The sheet called `name`.
    pub fn grid(&self, name: &str) -> Option<&Grid> {
        self.grids.iter().find(|g| g.name == name)
    }
}

/// Whether a formula is only the constant `TRUE()` or `FALSE()`: LibreOffice saves every
/// boolean cell of an `.ods` file so (`of:=TRUE()`), and a constant has no stale result
/// to fear, so such a cell is read as its value rather than refused as a formula.
fn boolean_constant(formula: &str) -> bool {
    let f = formula.trim();
    let f = f.strip_prefix("of:").unwrap_or(f);
    let f = f.strip_prefix('=').unwrap_or(f).trim();
    f.eq_ignore_ascii_case("TRUE()") || f.eq_ignore_ascii_case("FALSE()")
}

fn too_many_cells(sheet: &str) -> WorkbookError {
    WorkbookError::Unreadable(format!(
        "sheet `{sheet}` holds more than {MAX_CELLS} cells, more than an evidence workbook needs"
    ))
}

fn date_cell(d: &calamine::ExcelDateTime) -> Cell {
    if !d.is_datetime() {
        return Cell::Number(number_text(d.as_f64()));
    }
    let (y, m, day, h, min, s, ms) = d.to_ymd_hms_milli();
    Cell::Date(
        i32::from(y),
        u32::from(m),
        u32::from(day),
        h != 0 || min != 0 || s != 0 || ms != 0,
    )
}

fn iso_cell(s: &str) -> Cell {
    let date = s.get(..10).unwrap_or(s);
    let rest = s.get(10..).unwrap_or("");
    let parts: Vec<&str> = date.split('-').collect();
    match (parts.as_slice(), rest) {
        ([y, m, d], "" | "T00:00:00") => match (y.parse(), m.parse(), d.parse()) {
            (Ok(y), Ok(m), Ok(d)) => Cell::Date(y, m, d, false),
            _ => Cell::Text(s.to_owned()),
        },
        _ => Cell::Text(s.to_owned()),
    }
}

fn from_data(d: &Data) -> Option<Cell> {
    Some(match d {
        Data::Empty => return None,
        Data::Int(i) => Cell::Number(i.to_string()),
        Data::Float(f) => Cell::Number(number_text(*f)),
        Data::String(s) if s.is_empty() => return None,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => date_cell(dt),
        Data::DateTimeIso(s) => iso_cell(s),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    })
}

fn from_data_ref(d: &calamine::DataRef<'_>) -> Option<Cell> {
    use calamine::DataRef;
    Some(match d {
        DataRef::Empty => return None,
        DataRef::Int(i) => Cell::Number(i.to_string()),
        DataRef::Float(f) => Cell::Number(number_text(*f)),
        DataRef::String(s) if s.is_empty() => return None,
        DataRef::String(s) => Cell::Text(s.clone()),
        DataRef::SharedString("") => return None,
        DataRef::SharedString(s) => Cell::Text((*s).to_owned()),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(dt) => date_cell(dt),
        DataRef::DateTimeIso(s) => iso_cell(s),
        DataRef::DurationIso(s) => Cell::Text(s.clone()),
        DataRef::Error(e) => Cell::Error(e.to_string()),
    })
}

/// A number as its shortest text that reads back as the same binary float
/// (`0.1 + 0.2` → `0.30000000000000004`, `300000` → `300000`).
pub fn number_text(f: f64) -> String {
    format!("{f}")
}

/// A number cell's text as an integer, when it is one below 9·10¹⁵ in magnitude (every
/// such integer is exact in a binary float, so no artefact can hide in it).
fn small_integer(text: &str) -> Option<i64> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.is_empty() || digits.len() > 16 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse::<i64>()
        .ok()
        .filter(|i| i.unsigned_abs() < 9_000_000_000_000_000)
}

fn cell_text(c: &Cell) -> String {
    match c {
        Cell::Text(s) => s.clone(),
        Cell::Number(t) => t.clone(),
        Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Cell::Date(y, m, d, false) => format!("{y:04}-{m:02}-{d:02}"),
        Cell::Date(y, m, d, true) => format!("{y:04}-{m:02}-{d:02} (with a time of day)"),
        Cell::Error(e) => e.clone(),
    }
}

/// Converts a cell to the JSON value its field takes. A cell that does not fit is
/// passed on as text (or a number), so the JSON checks report it with their code.
fn convert(cell: &Cell, kind: &Kind) -> Value {
    let text = cell_text(cell);
    match (kind, cell) {
        (Kind::Text, _) => Value::String(text),
        (Kind::Bool, Cell::Bool(b)) => Value::Bool(*b),
        (Kind::Bool, Cell::Number(t)) if t == "1" || t == "0" => Value::Bool(t == "1"),
        (Kind::Bool, _) => match text.trim().to_lowercase().as_str() {
            "true" | "yes" | "y" | "是" | "有" | "√" | "✓" => Value::Bool(true),
            "false" | "no" | "n" | "否" | "无" | "×" | "✗" => Value::Bool(false),
            _ => Value::String(text),
        },
        (Kind::Int, Cell::Number(t)) => match small_integer(t) {
            Some(i) => Value::from(i),
            None => t
                .parse::<serde_json::Number>()
                .map_or(Value::String(text), Value::Number),
        },
        (Kind::Int, _) => {
            let t = text.trim();
            t.parse::<u64>()
                .map(Value::from)
                .or_else(|_| t.parse::<i64>().map(Value::from))
                .unwrap_or_else(|_| Value::String(text.clone()))
        }
        (Kind::Decimal(_) | Kind::Date | Kind::Choice(_), _) => {
            Value::String(text.trim().to_owned())
        }
        (Kind::Any, Cell::Bool(b)) => Value::Bool(*b),
        (Kind::Any, Cell::Number(t)) => match small_integer(t) {
            Some(i) if i >= 0 => Value::from(i),
            _ => Value::String(text.trim().to_owned()),
        },
        (Kind::Any, _) => Value::String(text.trim().to_owned()),
        (Kind::Named(inner), _) => convert(cell, inner),
        (Kind::List(inner), _) => Value::Array(
            text.split([';', '；'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| convert(&Cell::Text(s.to_owned()), inner))
                .collect(),
        ),
    }
}

/// What a table row says when the evaluator checked and found nothing.
pub const NONE_MARKERS: &[&str] = &["none", "无", "无 none", "（无）", "(none)"];

/// An evidence workbook read into the JSON value of the evidence, with the cell of
/// every pointer.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkbookEvidence {
    /// The evidence as JSON, exactly as the JSON path would read it.
    pub value: Value,
    /// Errors found while reading the workbook (missing sheets, renamed headers,
    /// formulas, merged cells); empty when it was read.
    pub errors: Vec<LocatedError>,
    cells: BTreeMap<String, CellRef>,
}

impl WorkbookEvidence {
    /// The cell a JSON pointer maps to: the pointer's own cell, or its nearest
    /// ancestor's (a missing field lands on its row or section).
    pub fn locate(&self, pointer: &str) -> Option<&CellRef> {
        let mut p = pointer;
        loop {
            if let Some(c) = self.cells.get(p) {
                return Some(c);
            }
            let cut = p.rfind('/')?;
            p = p.get(..cut)?;
        }
    }

    /// JSON errors with their cells.
    pub fn locate_all(&self, errors: &[JsonError]) -> Vec<LocatedError> {
        errors
            .iter()
            .map(|e| LocatedError {
                cell: self.locate(&e.pointer).cloned(),
                error: e.clone(),
            })
            .collect()
    }
}

fn error(code: ErrorCode, pointer: &str, found: String, message: String) -> JsonError {
    JsonError {
        code,
        pointer: pointer.to_owned(),
        expected: code.expected().to_owned(),
        found,
        message,
        suggestion: None,
        line: None,
        column: None,
        cell: None,
    }
}

fn at(sheet: &str, row: u32, col: u32) -> CellRef {
    CellRef {
        sheet: sheet.to_owned(),
        row,
        col,
    }
}

/// Key/value sheets: the column of keys and of values.
pub const KV_KEY_COL: u32 = 0;
/// Key/value sheets: the column of values.
pub const KV_VALUE_COL: u32 = 2;
/// Table sheets: the header row holding the keys.
pub const KEY_ROW: u32 = 0;
/// Table sheets: the first data row (below the keys and the labels).
pub const FIRST_ROW: u32 = 2;

/// The pointer of the section a field belongs to (`/contract` for `contract.price`).
fn section_pointer(field: &Field) -> String {
    match field.path.first() {
        Some(Seg::Key(k)) => format!("/{k}"),
        _ => String::new(),
    }
}

/// Reads a workbook's sheets into the evidence value.
///
/// ```
/// use sws_eval::sheet::{read_book, write_evidence, Book, Layout};
/// let layout = Layout::evidence();
/// let json: serde_json::Value = serde_json::from_str(include_str!("../../examples/data/station.json")).unwrap();
/// let bytes = write_evidence(&layout, Some(&json), &Default::default()).unwrap();
/// let read = read_book(&Book::from_bytes(&bytes).unwrap(), &layout);
/// assert!(read.errors.is_empty());
/// assert_eq!(read.value["contract"]["price"], "300000.00");
/// assert_eq!(read.locate("/contract/price").unwrap().to_string().split('!').next(), Some("Station"));
/// ```
pub fn read_book(book: &Book, layout: &Layout) -> WorkbookEvidence {
    let mut doc = Value::Object(Map::new());
    let mut cells = BTreeMap::new();
    let mut errors = Vec::new();
    for sheet in &layout.sheets {
        let section = match sheet.kind {
            SheetKind::Table | SheetKind::Map => sheet.list.clone(),
            SheetKind::KeyValue => sheet
                .fields
                .first()
                .map(section_pointer)
                .unwrap_or_default(),
        };
        let Some(grid) = book.grid(&sheet.name) else {
            let known: Vec<&str> = book
                .grids
                .iter()
                .map(|g| g.name.as_str())
                .filter(|n| layout.sheet(n).is_none() && *n != README)
                .collect();
            let mut e = error(
                ErrorCode::MissingSheet,
                &section,
                "nothing".into(),
                format!("the workbook has no sheet `{}` ({})", sheet.name, sheet.zh),
            );
            e.suggestion = crate::suggest::closest(&sheet.name, known.iter().copied());
            errors.push(LocatedError {
                cell: None,
                error: e,
            });
            continue;
        };
        for &(row, col) in &grid.formulas {
            errors.push(LocatedError {
                cell: Some(at(&sheet.name, row, col)),
                error: error(
                    ErrorCode::FormulaCell,
                    &section,
                    "a formula".into(),
                    "a formula: type the value itself (a formula's stored result may be stale or missing)".into(),
                ),
            });
        }
        for &((r0, c0), (r1, c1)) in &grid.merged {
            errors.push(LocatedError {
                cell: Some(at(&sheet.name, r0, c0)),
                error: error(
                    ErrorCode::MergedCells,
                    &section,
                    format!(
                        "cells merged from {} to {}",
                        at(&sheet.name, r0, c0),
                        at(&sheet.name, r1, c1)
                    ),
                    "merged cells: unmerge them and give each row its own value".into(),
                ),
            });
        }
        match sheet.kind {
            SheetKind::KeyValue => read_kv(sheet, grid, &mut doc, &mut cells, &mut errors),
            SheetKind::Table => read_table(sheet, grid, &mut doc, &mut cells, &mut errors),
            SheetKind::Map => read_map(
                sheet,
                &layout.declared,
                grid,
                &mut doc,
                &mut cells,
                &mut errors,
            ),
        }
    }
    WorkbookEvidence {
        value: doc,
        errors,
        cells,
    }
}

fn unknown_key(
    sheet: &super::layout::Sheet,
    pointer: &str,
    key: &str,
    cell: CellRef,
) -> LocatedError {
    let known: Vec<String> = sheet.fields.iter().map(|f| f.key(&[])).collect();
    let mut e = error(
        ErrorCode::UnknownField,
        pointer,
        format!("`{key}`"),
        format!("`{key}` is not a field of sheet `{}`", sheet.name),
    );
    e.suggestion = crate::suggest::closest(key, known.iter().map(String::as_str));
    LocatedError {
        cell: Some(cell),
        error: e,
    }
}

/// A key, id or column header given a second time in a sheet (`duplicate_field`).
fn listed_twice(
    sheet: &super::layout::Sheet,
    pointer: &str,
    key: &str,
    cell: CellRef,
) -> LocatedError {
    LocatedError {
        cell: Some(cell),
        error: error(
            ErrorCode::DuplicateField,
            pointer,
            format!("`{key}`"),
            format!("`{key}` is listed twice in sheet `{}`", sheet.name),
        ),
    }
}

fn read_kv(
    sheet: &super::layout::Sheet,
    grid: &Grid,
    doc: &mut Value,
    cells: &mut BTreeMap<String, CellRef>,
    errors: &mut Vec<LocatedError>,
) {
    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    for row in 1..=grid.last_row() {
        let key = grid.text(row, KV_KEY_COL).trim().to_owned();
        if key.is_empty() {
            continue;
        }
        let value_cell = at(&sheet.name, row, KV_VALUE_COL);
        let Some((field, indices)) = sheet
            .fields
            .iter()
            .find_map(|f| f.matches(&key).map(|i| (f, i)))
        else {
            let section = sheet
                .fields
                .first()
                .map(section_pointer)
                .unwrap_or_default();
            errors.push(unknown_key(
                sheet,
                &section,
                &key,
                at(&sheet.name, row, KV_KEY_COL),
            ));
            continue;
        };
        let pointer = field.pointer("", &indices);
        if seen.insert(key.clone(), row).is_some() {
            errors.push(listed_twice(
                sheet,
                &pointer,
                &key,
                at(&sheet.name, row, KV_KEY_COL),
            ));
            continue;
        }
        let mut prefix = pointer.clone();
        while let Some(cut) = prefix.rfind('/') {
            prefix.truncate(cut);
            if prefix.is_empty() {
                break;
            }
            cells
                .entry(prefix.clone())
                .or_insert_with(|| value_cell.clone());
        }
        cells.insert(pointer.clone(), value_cell);
        if let Some(c) = grid.get(row, KV_VALUE_COL) {
            set_at(doc, &pointer, convert(c, &field.kind));
        }
    }
}

fn read_table(
    sheet: &super::layout::Sheet,
    grid: &Grid,
    doc: &mut Value,
    cells: &mut BTreeMap<String, CellRef>,
    errors: &mut Vec<LocatedError>,
) {
    // The header: each column's field and list positions.
    let mut columns: Vec<(u32, &Field, Vec<usize>)> = Vec::new();
    let last_col = grid
        .cells
        .keys()
        .filter(|(r, _)| *r == KEY_ROW)
        .map(|(_, c)| *c)
        .max();
    for col in 0..=last_col.unwrap_or(0) {
        let key = grid.text(KEY_ROW, col).trim().to_owned();
        if key.is_empty() || key.starts_with('_') {
            continue;
        }
        match sheet
            .fields
            .iter()
            .find_map(|f| f.matches(&key).map(|i| (f, i)))
        {
            Some((f, i)) => columns.push((col, f, i)),
            None => errors.push(unknown_key(
                sheet,
                &sheet.list,
                &key,
                at(&sheet.name, KEY_ROW, col),
            )),
        }
    }
    let col_of = |f: &Field| {
        columns
            .iter()
            .find(|(_, g, i)| *g == f && i.iter().all(|n| *n == 0))
            .map(|(c, _, _)| *c)
    };
    cells.insert(sheet.list.clone(), at(&sheet.name, FIRST_ROW, 0));
    let mut items: Vec<Value> = Vec::new();
    let mut explicit_none = false;
    for row in FIRST_ROW..=grid.last_row().max(FIRST_ROW) {
        let filled: Vec<&(u32, &Field, Vec<usize>)> = columns
            .iter()
            .filter(|(c, _, _)| grid.get(row, *c).is_some())
            .collect();
        let any_cell = grid.cells.range((row, 0)..(row, u32::MAX)).next().is_some();
        if !any_cell {
            continue;
        }
        let first = grid.text(row, 0);
        let only_first = grid.cells.range((row, 1)..(row, u32::MAX)).next().is_none();
        if only_first && NONE_MARKERS.contains(&first.trim()) {
            explicit_none = true;
            continue;
        }
        let n = items.len();
        let base = format!("{}/{n}", sheet.list);
        cells.insert(base.clone(), at(&sheet.name, row, 0));
        // Compact numbered groups: the k-th group with any value becomes position k.
        let mut groups: BTreeMap<(String, Vec<usize>), usize> = BTreeMap::new();
        let mut counters: BTreeMap<String, usize> = BTreeMap::new();
        let group_key = |f: &Field| -> String {
            let mut out = String::new();
            for s in &f.path {
                match s {
                    Seg::Key(k) => {
                        out.push_str(k);
                        out.push('.');
                    }
                    Seg::Index => break,
                }
            }
            out
        };
        let mut grouped: Vec<(String, Vec<usize>)> = filled
            .iter()
            .filter(|(_, f, _)| f.depth() > 0)
            .map(|(_, f, idx)| (group_key(f), idx.clone()))
            .collect();
        grouped.sort();
        for key in grouped {
            if let std::collections::btree_map::Entry::Vacant(slot) = groups.entry(key) {
                let k = counters.entry(slot.key().0.clone()).or_insert(0);
                slot.insert(*k);
                *k = k.saturating_add(1);
            }
        }
        let mut item = Value::Object(Map::new());
        for (col, f, idx) in &columns {
            let positions: Vec<usize> = if f.depth() == 0 {
                Vec::new()
            } else {
                match groups.get(&(group_key(f), idx.clone())) {
                    Some(k) => {
                        let mut p = idx.clone();
                        if let Some(first) = p.first_mut() {
                            *first = *k;
                        }
                        p
                    }
                    None => continue,
                }
            };
            let pointer = f.pointer("", &positions);
            cells.insert(format!("{base}{pointer}"), at(&sheet.name, row, *col));
            if let Some(c) = grid.get(row, *col) {
                set_at(&mut item, &pointer, convert(c, &f.kind));
            }
        }
        // A required field without a column lands on the row's first cell.
        for f in sheet.fields.iter().filter(|f| f.depth() == 0) {
            if col_of(f).is_none() {
                cells.insert(
                    format!("{base}{}", f.pointer("", &[])),
                    at(&sheet.name, row, 0),
                );
            }
        }
        items.push(item);
    }
    if !items.is_empty() || explicit_none {
        set_at(doc, &sheet.list, Value::Array(items));
    }
}

/// One column of a map sheet: its field, and for a per-name column (`by.张三`) the name.
struct MapColumn<'a> {
    col: u32,
    field: &'a Field,
    name: Option<String>,
}

/// The columns of a map sheet; headers starting with `_` are notes for people and are
/// not read. A per-name column's header is the field's key, `.` and the name; a
/// header given twice is refused.
fn header<'a>(
    sheet: &'a super::layout::Sheet,
    grid: &Grid,
    errors: &mut Vec<LocatedError>,
) -> Vec<MapColumn<'a>> {
    let mut columns: Vec<MapColumn<'a>> = Vec::new();
    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    let last_col = grid
        .cells
        .keys()
        .filter(|(r, _)| *r == KEY_ROW)
        .map(|(_, c)| *c)
        .max();
    for col in 0..=last_col.unwrap_or(0) {
        let key = grid.text(KEY_ROW, col).trim().to_owned();
        if key.is_empty() || key.starts_with('_') {
            continue;
        }
        let named = sheet.fields.iter().find_map(|f| {
            let Kind::Named(_) = f.kind else {
                return None;
            };
            let name = key.strip_prefix(&format!("{}.", f.key(&[])))?.trim();
            (!name.is_empty()).then(|| (f, name.to_owned()))
        });
        let column = match named {
            Some((field, name)) => MapColumn {
                col,
                field,
                name: Some(name),
            },
            None => match sheet
                .fields
                .iter()
                .find(|f| !matches!(f.kind, Kind::Named(_)) && f.matches(&key).is_some())
            {
                Some(field) => MapColumn {
                    col,
                    field,
                    name: None,
                },
                None => {
                    errors.push(unknown_key(
                        sheet,
                        &sheet.list,
                        &key,
                        at(&sheet.name, KEY_ROW, col),
                    ));
                    continue;
                }
            },
        };
        let canonical = match &column.name {
            Some(n) => format!("{}.{n}", column.field.key(&[])),
            None => key.clone(),
        };
        if seen.insert(canonical.clone(), col).is_some() {
            errors.push(listed_twice(
                sheet,
                &sheet.list,
                &canonical,
                at(&sheet.name, KEY_ROW, col),
            ));
            continue;
        }
        columns.push(column);
    }
    columns
}

/// An escaped JSON pointer token (RFC 6901).
fn token(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

/// A map sheet (`indicators`): one row per entry, its key in column `id`. A row with
/// only `value` is that value; a row with other columns (`numerator`, `denominator`,
/// a panel's `by.NAME`) is an object of them (and a `value` beside them is kept, so
/// the JSON check refuses the mix rather than the reader dropping it).
fn read_map(
    sheet: &super::layout::Sheet,
    declared: &[super::layout::Declared],
    grid: &Grid,
    doc: &mut Value,
    cells: &mut BTreeMap<String, CellRef>,
    errors: &mut Vec<LocatedError>,
) {
    let columns = header(sheet, grid, errors);
    let col = |key: &str| {
        columns
            .iter()
            .find(|c| c.name.is_none() && c.field.path == [Seg::Key(key.to_owned())])
            .map(|c| c.col)
    };
    let (Some(id_col), value_col) = (col("id"), col("value")) else {
        return;
    };
    cells.insert(sheet.list.clone(), at(&sheet.name, FIRST_ROW, id_col));
    let mut entries = Map::new();
    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    for row in FIRST_ROW..=grid.last_row().max(FIRST_ROW) {
        let id = grid.text(row, id_col).trim().to_owned();
        let parts: Vec<&MapColumn<'_>> = columns
            .iter()
            .filter(|c| {
                c.col != id_col && Some(c.col) != value_col && grid.get(row, c.col).is_some()
            })
            .collect();
        let value = value_col.and_then(|c| grid.get(row, c).map(|v| (c, v)));
        if value.is_none() && parts.is_empty() {
            continue;
        }
        if id.is_empty() {
            errors.push(LocatedError {
                cell: Some(at(&sheet.name, row, id_col)),
                error: error(
                    ErrorCode::MissingField,
                    &sheet.list,
                    "nothing".into(),
                    format!(
                        "row {} of sheet `{}` has a value but no id",
                        row.saturating_add(1),
                        sheet.name
                    ),
                ),
            });
            continue;
        }
        let base = format!("{}/{}", sheet.list, token(&id));
        if seen.insert(id.clone(), row).is_some() {
            errors.push(listed_twice(
                sheet,
                &base,
                &id,
                at(&sheet.name, row, id_col),
            ));
            continue;
        }
        let kind = declared.iter().find(|d| d.id == id).map(|d| d.kind.clone());
        let v = match (parts.is_empty(), value) {
            (true, Some((c, cell))) => {
                cells.insert(base.clone(), at(&sheet.name, row, c));
                convert(cell, kind.as_ref().unwrap_or(&Kind::Any))
            }
            _ => {
                cells.insert(base.clone(), at(&sheet.name, row, id_col));
                let mut obj = Value::Object(Map::new());
                if let Some((c, cell)) = value {
                    cells.insert(format!("{base}/value"), at(&sheet.name, row, c));
                    set_at(&mut obj, "/value", convert(cell, &Kind::Any));
                }
                for part in parts {
                    let c = part.col;
                    let Some(cell) = grid.get(row, c) else {
                        continue;
                    };
                    let pointer = match &part.name {
                        Some(n) => format!("{}/{}", part.field.pointer("", &[]), token(n)),
                        None => part.field.pointer("", &[]),
                    };
                    // The panel's own pointer lands on its first evaluator's cell.
                    if part.name.is_some() {
                        cells
                            .entry(format!("{base}{}", part.field.pointer("", &[])))
                            .or_insert_with(|| at(&sheet.name, row, c));
                    }
                    cells.insert(format!("{base}{pointer}"), at(&sheet.name, row, c));
                    // A declared decimal or level reads each cell as one; a panel's
                    // mark of an undeclared id is text (marks travel as strings).
                    let k = match (&kind, &part.field.kind) {
                        (Some(Kind::Decimal(p)), _) => Kind::Decimal(*p),
                        (Some(Kind::Choice(c)), Kind::Named(_)) => Kind::Choice(c.clone()),
                        (_, Kind::Named(inner)) => inner.as_ref().clone(),
                        (_, other) => other.clone(),
                    };
                    let v = convert(cell, &k);
                    match (&part.name, &mut obj) {
                        // Built by hand: a name of digits (`1`) is a key, not a list position.
                        (Some(n), Value::Object(o)) => {
                            let family = o
                                .entry(part.field.key(&[]))
                                .or_insert_with(|| Value::Object(Map::new()));
                            if let Value::Object(by) = family {
                                by.insert(n.clone(), v);
                            }
                        }
                        _ => set_at(&mut obj, &pointer, v),
                    }
                }
                obj
            }
        };
        entries.insert(id, v);
    }
    if !entries.is_empty() {
        set_at(doc, &sheet.list, Value::Object(entries));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_like_a_spreadsheet() {
        assert_eq!(at("Roster", 6, 2).to_string(), "Roster!C7");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(at("My sheet", 0, 0).to_string(), "'My sheet'!A1");
    }

    #[test]
    fn numbers_keep_their_float_artefacts() {
        assert_eq!(number_text(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(number_text(300000.0), "300000");
        assert_eq!(number_text(12.5), "12.5");
        assert_eq!(
            convert(
                &Cell::Number(number_text(0.1 + 0.2)),
                &Kind::Decimal(Some(2))
            ),
            Value::String("0.30000000000000004".into())
        );
    }

    #[test]
    fn cells_convert_by_kind() {
        assert_eq!(
            convert(&Cell::Text("是".into()), &Kind::Bool),
            Value::Bool(true)
        );
        assert_eq!(
            convert(&Cell::Text("maybe".into()), &Kind::Bool),
            Value::from("maybe")
        );
        assert_eq!(
            convert(&Cell::Number("12".into()), &Kind::Int),
            Value::from(12)
        );
        assert_eq!(
            convert(&Cell::Date(2024, 1, 5, false), &Kind::Date),
            Value::from("2024-01-05")
        );
        assert_eq!(
            convert(&Cell::Number("5".into()), &Kind::Text),
            Value::from("5")
        );
        assert_eq!(
            convert(
                &Cell::Text("a; b；c".into()),
                &Kind::List(Box::new(Kind::Text))
            ),
            serde_json::json!(["a", "b", "c"])
        );
    }

    #[test]
    fn libreoffice_booleans_are_not_formulas() {
        assert!(boolean_constant("of:=TRUE()"));
        assert!(boolean_constant("FALSE()"));
        assert!(boolean_constant("=true()"));
        assert!(!boolean_constant("of:=TRUE()+0"));
        assert!(!boolean_constant("of:=[.A1]"));
        assert!(!boolean_constant("SUM(A1:A3)"));
    }

    #[test]
    fn iso_dates_from_ods() {
        assert_eq!(
            iso_cell("2024-12-10T00:00:00"),
            Cell::Date(2024, 12, 10, false)
        );
        assert_eq!(
            iso_cell("2024-12-10T08:00:00"),
            Cell::Text("2024-12-10T08:00:00".into())
        );
    }
}
