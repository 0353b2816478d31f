//! CSV exports in two flavours.
//!
//! - `default`: RFC 4180, comma separator, `.` decimals, UTF-8 without BOM (Datawrapper,
//!   Flourish, R, pandas, LibreOffice).
//! - `fr`: `;` separator, decimal comma, UTF-8 **with** BOM, so a double-click opens it right in
//!   French Excel.
//!
//! Numbers are never written in exponent notation nor grouped (see
//! [`crate::number::csv_number`]); NaN and infinities become empty cells. A text cell
//! that a spreadsheet would read as a formula (`=`, `+`, `-`, `@` first) is prefixed with `'`.

use crate::number::csv_number;
use crate::text::looks_like_formula;

/// Which CSV flavour to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CsvLocale {
    /// RFC 4180 with `.` decimals.
    #[default]
    Default,
    /// French Excel: `;`, decimal comma, BOM.
    Fr,
}

impl CsvLocale {
    /// `default` or `fr`.
    pub fn as_str(self) -> &'static str {
        match self {
            CsvLocale::Default => "default",
            CsvLocale::Fr => "fr",
        }
    }
}

/// A cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text.
    Text(String),
    /// A number (formatted per flavour).
    Number(f64),
    /// An integer (years, counts).
    Int(i64),
    /// Nothing.
    Empty,
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        Cell::Text(text.to_string())
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Cell::Text(text)
    }
}

impl From<f64> for Cell {
    fn from(value: f64) -> Self {
        Cell::Number(value)
    }
}

impl From<Option<f64>> for Cell {
    fn from(value: Option<f64>) -> Self {
        value.map_or(Cell::Empty, Cell::Number)
    }
}

impl From<Option<i32>> for Cell {
    fn from(value: Option<i32>) -> Self {
        value.map_or(Cell::Empty, |value| Cell::Int(i64::from(value)))
    }
}

/// A table to export.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CsvTable {
    /// Column names.
    pub header: Vec<String>,
    /// Rows (each as long as the header).
    pub rows: Vec<Vec<Cell>>,
}

impl CsvTable {
    /// An empty table with these columns.
    pub fn new<S: AsRef<str>>(header: &[S]) -> Self {
        CsvTable {
            header: header
                .iter()
                .map(|name| name.as_ref().to_string())
                .collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row.
    pub fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.header.len());
        self.rows.push(row);
    }

    /// The table as bytes in a flavour.
    pub fn render(&self, locale: CsvLocale) -> Vec<u8> {
        let (delimiter, decimal_comma) = match locale {
            CsvLocale::Default => (b',', false),
            CsvLocale::Fr => (b';', true),
        };
        let mut writer = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        let text = |cell: &Cell| -> String {
            match cell {
                Cell::Text(text) if looks_like_formula(text) => format!("'{text}"),
                Cell::Text(text) => text.clone(),
                Cell::Number(value) => csv_number(*value, decimal_comma),
                Cell::Int(value) => value.to_string(),
                Cell::Empty => String::new(),
            }
        };
        // Writing to a Vec cannot fail.
        let _ = writer.write_record(self.header.iter().map(|name| sanitize(name)));
        for row in &self.rows {
            let _ = writer.write_record(row.iter().map(text));
        }
        let mut bytes = Vec::new();
        if locale == CsvLocale::Fr {
            bytes.extend_from_slice(b"\xEF\xBB\xBF");
        }
        bytes.extend(writer.into_inner().unwrap_or_default());
        bytes
    }
}

fn sanitize(text: &str) -> String {
    if looks_like_formula(text) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// Reads a CSV written by [`CsvTable::render`] back (for tests and round-trips): header and
/// rows as text, with decimal commas turned back into points in the `fr` flavour.
pub fn read_back(bytes: &[u8], locale: CsvLocale) -> (Vec<String>, Vec<Vec<String>>) {
    let delimiter = match locale {
        CsvLocale::Default => b',',
        CsvLocale::Fr => b';',
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .from_reader(bytes);
    let header = reader
        .headers()
        .map(|record| record.iter().map(str::to_string).collect())
        .unwrap_or_default();
    let rows = reader
        .records()
        .filter_map(|record| record.ok())
        .map(|record| {
            record
                .iter()
                .map(|cell| {
                    if locale == CsvLocale::Fr && cell.parse::<f64>().is_err() {
                        let swapped = cell.replace(',', ".");
                        if swapped.parse::<f64>().is_ok() {
                            return swapped;
                        }
                    }
                    cell.to_string()
                })
                .collect()
        })
        .collect();
    (header, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> CsvTable {
        let mut table = CsvTable::new(&["label", "year", "value"]);
        table.push(vec![
            "Réseau, France".into(),
            Cell::Int(2024),
            Cell::Number(1234.5),
        ]);
        table.push(vec![
            "=HYPERLINK(\"x\")".into(),
            Cell::Empty,
            Cell::Number(f64::NAN),
        ]);
        table.push(vec![
            "tiny".into(),
            Cell::Int(2030),
            Cell::Number(0.000_012),
        ]);
        table
    }

    #[test]
    fn default_flavour_is_rfc4180() {
        let text = String::from_utf8(table().render(CsvLocale::Default)).unwrap();
        assert_eq!(
            text,
            "label,year,value\r\n\"Réseau, France\",2024,1234.5\r\n\
             \"'=HYPERLINK(\"\"x\"\")\",,\r\ntiny,2030,0.000012\r\n"
        );
    }

    #[test]
    fn french_flavour_has_bom_semicolons_and_decimal_commas() {
        let bytes = table().render(CsvLocale::Fr);
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert!(text.starts_with("label;year;value\r\n"));
        assert!(text.contains("Réseau, France;2024;1234,5\r\n"));
        assert!(text.contains("tiny;2030;0,000012"));
    }

    #[test]
    fn both_flavours_read_back_to_the_same_numbers() {
        let (header_a, rows_a) = read_back(&table().render(CsvLocale::Default), CsvLocale::Default);
        let (header_b, rows_b) = read_back(&table().render(CsvLocale::Fr), CsvLocale::Fr);
        assert_eq!(header_a, header_b);
        assert_eq!(rows_a, rows_b);
        assert_eq!(rows_a[0][2], "1234.5");
    }
}
