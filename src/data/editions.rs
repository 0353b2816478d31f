//! Editions in the bibliography: the columns a `sources.csv` may have, and the check that every
//! `superseded_by` names another source and that no chain of editions loops back.

use std::ops::Range;

use super::Source;
use super::schema::{SOURCE_COLUMNS, SOURCE_COLUMNS_WITHOUT_EDITIONS};
use crate::error::{InputError, Result};
use crate::text::closest;

/// The columns of a `sources.csv` text: those without `edition` and `superseded_by` when its
/// header is exactly the one written before editions were recorded, the current ones otherwise
/// (a header that matches neither is then reported against the current columns).
pub(super) fn columns_of(text: &str) -> &'static [&'static str] {
    let header: Vec<&str> = text
        .lines()
        .next()
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .collect();
    if header == SOURCE_COLUMNS_WITHOUT_EDITIONS {
        SOURCE_COLUMNS_WITHOUT_EDITIONS
    } else {
        SOURCE_COLUMNS
    }
}

const HINT: &str = "`superseded_by` holds the id of the newer edition (another row of \
                    sources.csv), or stays empty";

/// Checks the `superseded_by` cells, given as (index of the source, byte span of its cell in
/// `text`): each names another source of the file, and following them never comes back to
/// where it started.
pub(super) fn check(
    display: &str,
    text: &str,
    sources: &[Source],
    cells: &[(usize, Range<usize>)],
) -> Result<()> {
    let fail = |span: &Range<usize>, message: String, hint: String| {
        Err(InputError::new(message)
            .in_text(display, text, span.clone(), Some("superseded_by"))
            .hint(hint)
            .into())
    };
    let successor = |id: &str| {
        sources
            .iter()
            .find(|source| source.id == id)
            .and_then(|source| source.superseded_by.as_deref())
    };
    for (index, span) in cells {
        let source = &sources[*index];
        let Some(by) = source.superseded_by.as_deref() else {
            continue;
        };
        if by == source.id {
            return fail(
                span,
                format!("source `{by}` cannot supersede itself"),
                HINT.into(),
            );
        }
        if !sources.iter().any(|other| other.id == by) {
            let suggestion = closest(by, sources.iter().map(|other| other.id.as_str()))
                .map(|id| format!("did you mean `{id}`? "))
                .unwrap_or_default();
            return fail(
                span,
                format!(
                    "`{by}` (superseded_by of `{}`) is not in sources.csv",
                    source.id
                ),
                format!("{suggestion}{HINT}"),
            );
        }
    }
    for (index, span) in cells {
        let start = sources[*index].id.as_str();
        let mut chain = vec![start];
        let mut next = successor(start);
        while let Some(id) = next {
            chain.push(id);
            if id == start {
                return fail(
                    span,
                    format!("the editions loop back: {}", chain.join(" → ")),
                    "`superseded_by` points from an older edition to a newer one: clear it on \
                     the newest edition of the chain"
                        .into(),
                );
            }
            // A loop that does not pass through `start` is reported from one of its members.
            if chain.len() > sources.len() {
                break;
            }
            next = successor(id);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::data::{Datasets, builtin};

    /// The built-in sources.csv with the `superseded_by` cell of `id` set to `by`.
    fn with_successor(id: &str, by: &str) -> String {
        let text = builtin::file("sources.csv").unwrap();
        let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
        let headers = reader.headers().unwrap().clone();
        let column = headers
            .iter()
            .position(|name| name == "superseded_by")
            .unwrap();
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(&headers).unwrap();
        for record in reader.records() {
            let mut record: Vec<String> = record.unwrap().iter().map(String::from).collect();
            if record[0] == id {
                record[column] = by.to_string();
            }
            writer.write_record(&record).unwrap();
        }
        String::from_utf8(writer.into_inner().unwrap()).unwrap()
    }

    fn error_of(text: &str) -> String {
        let error = Datasets::from_texts(&[("sources.csv", text)]).unwrap_err();
        assert_eq!(error.exit_code(), 2);
        error.to_string()
    }

    #[test]
    fn a_successor_must_be_another_source_of_the_file() {
        let unknown = error_of(&with_successor("LBNL-2024", "LBNL-2025"));
        assert!(unknown.starts_with("sources.csv:"), "{unknown}");
        assert!(unknown.contains("superseded_by"), "{unknown}");
        assert!(
            unknown.contains("`LBNL-2025` (superseded_by of `LBNL-2024`)"),
            "{unknown}"
        );
        assert!(unknown.contains("did you mean `LBNL-2024`"), "{unknown}");

        let itself = error_of(&with_successor("SDES-2025", "SDES-2025"));
        assert!(itself.contains("cannot supersede itself"), "{itself}");
    }

    #[test]
    fn editions_that_loop_back_are_refused_at_the_cell() {
        // LBNL-2024 → LBNL-2025U is in the file; closing the loop names the whole chain.
        let text = with_successor("LBNL-2025U", "LBNL-2024");
        let error = error_of(&text);
        assert!(error.contains("the editions loop back"), "{error}");
        assert!(
            error.contains("LBNL-2024 → LBNL-2025U → LBNL-2024"),
            "{error}"
        );
        // The location is the line of the first source of the loop in the file.
        let line = text
            .lines()
            .position(|line| line.starts_with("LBNL-2024,"))
            .unwrap()
            + 1;
        assert!(
            error.starts_with(&format!("sources.csv:{line}:")),
            "{error}"
        );
    }

    #[test]
    fn a_bibliography_without_the_edition_columns_still_loads() {
        let builtin = Datasets::builtin().unwrap();
        let text = builtin::file("sources.csv").unwrap();
        let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
        let headers = reader.headers().unwrap().clone();
        let keep: Vec<usize> = headers
            .iter()
            .enumerate()
            .filter(|(_, name)| *name != "edition" && *name != "superseded_by")
            .map(|(index, _)| index)
            .collect();
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer
            .write_record(keep.iter().map(|&index| &headers[index]))
            .unwrap();
        for record in reader.records() {
            let record = record.unwrap();
            writer
                .write_record(keep.iter().map(|&index| &record[index]))
                .unwrap();
        }
        let old = String::from_utf8(writer.into_inner().unwrap()).unwrap();
        let loaded = Datasets::from_texts(&[("sources.csv", &old)]).unwrap();
        assert_eq!(loaded.sources().len(), builtin.sources().len());
        assert!(loaded.source("LBNL-2024").unwrap().superseded_by.is_none());
        assert!(builtin.superseded_by("LBNL-2024").is_some());
        assert_eq!(
            loaded.source("LBNL-2024").unwrap().notes,
            builtin.source("LBNL-2024").unwrap().notes
        );
    }
}
