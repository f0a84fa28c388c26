//! One sheet from a CSV file.
//!
//! Encoding: UTF-8, with or without a byte-order mark; UTF-16 with a byte-order mark;
//! and, when the bytes are not UTF-8, GB18030 (which includes GBK and GB2312: what
//! Excel and WPS write for "CSV" on a Chinese Windows). Those are **converted**, not
//! refused: a GBK file is the common case, and GB18030 decodes any byte sequence that
//! is valid in it without loss. Bytes that are neither UTF-8 nor valid GB18030 are
//! refused ([`CsvError::Encoding`]).

use super::read::{Cell, Grid, MAX_CELLS, MAX_WORKBOOK_BYTES};

/// Why a CSV file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CsvError {
    /// Larger than the workbook limit.
    #[error("the CSV file is {0} bytes, more than the {MAX_WORKBOOK_BYTES} read [input_too_large]")]
    TooLarge(usize),
    /// Neither UTF-8 nor GB18030.
    #[error("the CSV file is neither UTF-8 nor GB18030/GBK text; save it as \"CSV UTF-8\"")]
    Encoding,
    /// Not CSV (an unclosed quote, say) or too many cells.
    #[error("not readable as CSV: {0}")]
    Malformed(String),
}

/// Decodes CSV bytes to text (see the module's notes on encodings); also says which
/// encoding it was.
fn decode(bytes: &[u8]) -> Result<(String, &'static str), CsvError> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let rest = bytes.get(bom..).unwrap_or_default();
        let (text, had_errors) = enc.decode_without_bom_handling(rest);
        if had_errors {
            return Err(CsvError::Encoding);
        }
        return Ok((text.into_owned(), enc.name()));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_owned(), "UTF-8"));
    }
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|t| (t.into_owned(), "GB18030"))
        .ok_or(CsvError::Encoding)
}

/// Reads one sheet, named `name`, from CSV bytes: every cell is text (so decimals are
/// read exactly as typed).
///
/// # Errors
///
/// [`CsvError`] for a file too large, in an unknown encoding, or not CSV.
///
/// ```
/// use sws_eval::sheet::{csv_grid, Cell};
/// let g = csv_grid("Roster", "\u{feff}id,name\n,\nw1,张伟\n".as_bytes()).unwrap();
/// assert_eq!(g.cells.get(&(2, 1)), Some(&Cell::Text("张伟".into())));
/// // The same file as Excel saves it on a Chinese Windows (GBK):
/// let (gbk, _, _) = encoding_rs::GBK.encode("id,name\n,\nw1,张伟\n");
/// assert_eq!(csv_grid("Roster", &gbk).unwrap().cells.get(&(2, 1)), Some(&Cell::Text("张伟".into())));
/// ```
pub fn csv_grid(name: &str, bytes: &[u8]) -> Result<Grid, CsvError> {
    if bytes.len() > MAX_WORKBOOK_BYTES {
        return Err(CsvError::TooLarge(bytes.len()));
    }
    let (text, _) = decode(bytes)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut grid = Grid::new(name);
    for (r, record) in (0u32..).zip(reader.records()) {
        let record = record.map_err(|e| CsvError::Malformed(e.to_string()))?;
        for (c, field) in (0u32..).zip(record.iter()) {
            if field.is_empty() {
                continue;
            }
            if grid.cells.len() >= MAX_CELLS {
                return Err(CsvError::Malformed(format!("more than {MAX_CELLS} cells")));
            }
            grid.cells.insert((r, c), Cell::Text(field.to_owned()));
        }
    }
    Ok(grid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        for text in ["a,b\n1,\"x,y\"\n", "\u{feff}a,b\n1,\"x,y\"\n"] {
            let g = csv_grid("S", text.as_bytes()).unwrap_or_default();
            assert_eq!(g.cells.get(&(1, 1)), Some(&Cell::Text("x,y".into())));
            assert_eq!(g.cells.get(&(0, 0)), Some(&Cell::Text("a".into())));
        }
    }

    #[test]
    fn gb18030_is_converted_and_garbage_refused() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("姓名,学历\n王芳,本科\n");
        assert!(std::str::from_utf8(&bytes).is_err());
        let g = csv_grid("S", &bytes).unwrap_or_default();
        assert_eq!(g.cells.get(&(1, 0)), Some(&Cell::Text("王芳".into())));
        assert_eq!(csv_grid("S", &[0x81, 0x20, 0xff]), Err(CsvError::Encoding));
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "a,张\n".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        let g = csv_grid("S", &bytes).unwrap_or_default();
        assert_eq!(g.cells.get(&(0, 1)), Some(&Cell::Text("张".into())));
    }
}
