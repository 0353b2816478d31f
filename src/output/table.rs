//! Plain-text tables for the terminal, aligned on character counts.

/// A table of text cells, rendered with two spaces between columns.
#[derive(Debug, Clone)]
pub struct TextTable {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl TextTable {
    /// A table with these column names.
    pub fn new(header: &[&str]) -> Self {
        TextTable {
            header: header.iter().map(|cell| cell.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row (missing cells are blank, extra cells are dropped).
    pub fn row(&mut self, mut cells: Vec<String>) {
        cells.resize(self.header.len(), String::new());
        self.rows.push(cells);
    }

    /// Renders with a header underline; trailing spaces are trimmed.
    pub fn render(&self) -> String {
        let width = |text: &str| text.chars().count();
        let mut widths: Vec<usize> = self.header.iter().map(|cell| width(cell)).collect();
        for row in &self.rows {
            for (index, cell) in row.iter().enumerate() {
                widths[index] = widths[index].max(width(cell));
            }
        }
        let line = |cells: &[String]| {
            let mut text = String::from("  ");
            for (index, cell) in cells.iter().enumerate() {
                text.push_str(cell);
                if index + 1 < cells.len() {
                    text.push_str(&" ".repeat(widths[index] - width(cell) + 2));
                }
            }
            text.trim_end().to_string() + "\n"
        };
        let mut out = line(&self.header);
        let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
        out.push_str(&line(&rule));
        for row in &self.rows {
            out.push_str(&line(row));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_columns() {
        let mut table = TextTable::new(&["a", "value"]);
        table.row(vec!["long name".into(), "1".into()]);
        table.row(vec!["é".into()]);
        assert_eq!(
            table.render(),
            "  a          value\n  ---------  -----\n  long name  1\n  é\n"
        );
    }
}
