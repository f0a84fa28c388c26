//! Workbooks in and out (feature `xlsx`): the evidence as an Excel/WPS workbook an
//! evaluator fills in, and decisions written back as workbooks.
//!
//! **In.** [`write_evidence`] writes the template (or a filled workbook from JSON);
//! [`Book::from_bytes`] reads `.xlsx`, `.xls` or `.ods` bytes, [`read_book`] turns the
//! sheets into the very JSON value of the [`crate::evidence::Evidence`] that the JSON
//! path reads, so every JSON check applies unchanged (same codes, same messages, same
//! pointers), and [`WorkbookEvidence::locate`] maps each JSON pointer back to its cell
//! (`Roster!C7`). The layout is derived from the evidence's JSON Schema
//! ([`Layout::evidence`]): a field added to the types appears in the template and is
//! read without a change here.
//!
//! How cells are read:
//! - decimals (money, hours, areas) are text cells; a number typed instead is read as
//!   the shortest text that reads back as the same binary float, so `300000` is
//!   `"300000"` and `0.1 + 0.2` is `"0.30000000000000004"`, which the JSON check refuses
//!   (`too_many_places`): a float artefact never becomes money;
//! - dates are date cells or `YYYY-MM-DD` text; a date cell with a time of day, or
//!   other text, is refused by the JSON check (`malformed_date`);
//! - yes/no: a boolean cell, or `TRUE`/`FALSE`, 是/否, `yes`/`no`;
//! - a formula cell (`formula_cell`), merged cells (`merged_cells`), a missing sheet
//!   (`missing_sheet`) or an unknown key or column header (`unknown_field`, with
//!   "did you mean") is reported with its cell before anything else is checked;
//! - a table row holding only `无 none` in column A says "checked, nothing found" (an
//!   empty list), while an empty table leaves the section out;
//! - an object section whose cells are all empty is left out (so a section present
//!   with nothing in it reads back as absent: the only difference a round trip makes).
//!
//! **CSV.** [`csv_grid`] reads one sheet from CSV bytes (UTF-8 with or without a BOM;
//! GB18030/GBK, as Excel saves CSV on a Chinese Windows, is converted); a folder of
//! CSV files named after the sheets is read like a workbook.
//!
//! **Out.** [`decision_workbook`], [`county_workbook`] and [`batch_workbook`] write
//! results: numbers as numbers with their formats (two decimals, CNY) and the exact
//! decimal text beside them.
//!
//! ```
//! use sws_eval::sheet::{read_book, write_evidence, Book, Layout, WriteOptions};
//! let layout = Layout::evidence();
//! let json: serde_json::Value = serde_json::from_str(include_str!("../../examples/data/station.json")).unwrap();
//! let bytes = write_evidence(&layout, Some(&json), &WriteOptions::default()).unwrap();
//! let back = read_book(&Book::from_bytes(&bytes).unwrap(), &layout);
//! let a: sws_eval::Evidence = serde_json::from_value(json).unwrap();
//! let b: sws_eval::Evidence = serde_json::from_value(back.value).unwrap();
//! assert_eq!(a, b);
//! ```

mod csv;
// Laying out our own workbooks: row and column counters bounded by the
// decided figures and the template's fixed shape, not by hostile input.
#[allow(clippy::arithmetic_side_effects)]
mod layout;
#[allow(clippy::arithmetic_side_effects)]
mod out;
mod read;
#[allow(clippy::arithmetic_side_effects)]
mod write;

pub use csv::{CsvError, csv_grid};
pub use layout::{
    Declared, Field, Kind, Layout, OTHER, PLACES, README, Seg, Sheet, SheetKind, TITLES,
};
pub use out::{batch_workbook, county_workbook, decision_workbook};
pub use read::{
    Book, Cell, CellRef, Grid, LocatedError, MAX_CELLS, MAX_WORKBOOK_BYTES, NONE_MARKERS,
    WorkbookError, WorkbookEvidence, column_name, number_text, read_book,
};
pub use write::{
    TEMPLATE_EVALUATORS, TEMPLATE_GROUPS, TEMPLATE_ROWS, WriteError, WriteOptions, write_evidence,
};

/// Whether a file name is a workbook the reader reads (`.xlsx`, `.xlsm`, `.xls`, `.ods`).
///
/// ```
/// assert!(sws_eval::sheet::is_workbook_name("form.XLSX"));
/// assert!(!sws_eval::sheet::is_workbook_name("station.json"));
/// ```
pub fn is_workbook_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".xlsx", ".xlsm", ".xls", ".ods"]
        .iter()
        .any(|e| lower.ends_with(e))
}
