//! Reading and validating the dataset CSV files.
//!
//! "Parse loosely, validate strictly": each file is read as text records, then every cell is
//! checked (header, id, number, unit and its dimension, range, year, scope, vocabulary, source
//! ids, formula injection) and turned into a typed [`Row`]. The first bad cell stops the load
//! with its file, line, column and field.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

use sha2::{Digest, Sha256};

use super::schema::{KINDS, REGION_COLUMNS, Table, VERIFICATIONS};
use super::{Datasets, Origin, Region, Row, Source, Verification, builtin};
use crate::error::{Error, InputError, Location, Result};
use crate::text::{closest, looks_like_formula};
use crate::units::{Dimension, Unit};

/// One file's text and how to name it in messages.
struct File {
    name: String,
    display: String,
    text: String,
    origin: Origin,
}

impl File {
    fn error_at(&self, span: Range<usize>, field: &str, message: impl Into<String>) -> Error {
        InputError::new(message)
            .in_text(&self.display, &self.text, span, Some(field))
            .into()
    }

    fn error_hint_at(
        &self,
        span: Range<usize>,
        field: &str,
        message: impl Into<String>,
        hint: &str,
    ) -> Error {
        InputError::new(message)
            .in_text(&self.display, &self.text, span, Some(field))
            .hint(hint)
            .into()
    }
}

fn read_file(dir: Option<&Path>, name: &str) -> Result<File> {
    if let Some(dir) = dir {
        let path = dir.join(name);
        // Anything at that name (a dangling link, a FIFO, a folder) is read or refused: only a
        // name that is absent falls back to the built-in file.
        let present = match std::fs::symlink_metadata(&path) {
            Ok(_) => true,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => false,
            Err(error) => return Err(Error::io("reading", &path, error)),
        };
        if present {
            let text = crate::fsio::read_text_file(
                &path,
                crate::fsio::DATASET_LIMIT,
                "save it as UTF-8 (in a spreadsheet: \"CSV UTF-8\")",
            )?;
            let display = path.display().to_string();
            return Ok(File {
                name: name.to_string(),
                display: display.clone(),
                text,
                origin: Origin::File(display),
            });
        }
    }
    builtin_file(name)
}

fn builtin_file(name: &str) -> Result<File> {
    let text = builtin::file(name).ok_or_else(|| {
        Error::from(
            InputError::new(format!("the dataset file `{name}` is missing"))
                .at(Location::Path(format!("datasets/{name}"))),
        )
    })?;
    Ok(File {
        name: name.to_string(),
        display: format!("datasets/{name} (built-in)"),
        text: text.strip_prefix('\u{feff}').unwrap_or(text).to_string(),
        origin: Origin::Builtin,
    })
}

/// Loads datasets from texts held in memory (`(file name, contents)`), the built-in copy
/// standing in for every file not given; see [`Datasets::from_texts`].
pub(super) fn load_texts(files: &[(&str, &str)]) -> Result<Datasets> {
    load_with(
        &|name| match files.iter().find(|(given, _)| *given == name) {
            Some((_, text)) => Ok(File {
                name: name.to_string(),
                display: name.to_string(),
                text: text.strip_prefix('\u{feff}').unwrap_or(text).to_string(),
                origin: Origin::File(name.to_string()),
            }),
            None => builtin_file(name),
        },
    )
}

/// A parsed record with the byte span of each field, for error messages.
struct Record {
    line: usize,
    fields: Vec<String>,
    spans: Vec<Range<usize>>,
    span: Range<usize>,
}

impl Record {
    fn span_of(&self, index: usize) -> Range<usize> {
        self.spans.get(index).cloned().unwrap_or(self.span.clone())
    }
}

/// Reads the header and records of a CSV text.
fn parse_csv(file: &File, expected: &[&str]) -> Result<Vec<Record>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(file.text.as_bytes());
    let mut records = Vec::new();
    let mut raw = csv::StringRecord::new();
    let mut first = true;
    // Line numbers are counted here from the record's first byte (see below).
    let (mut line, mut counted) = (1, 0);
    loop {
        match reader.read_record(&mut raw) {
            Ok(false) => break,
            Ok(true) => {}
            Err(error) => {
                let (line, byte) = error.position().map_or((1, 0), |position| {
                    (position.line() as usize, position.byte() as usize)
                });
                return Err(
                    InputError::new(format!("malformed CSV: {}", csv_error_text(&error)))
                        .in_text(&file.display, &file.text, byte..byte + 1, None)
                        .at(Location::File {
                            path: file.display.clone(),
                            line,
                            column: 1,
                            field: None,
                        })
                        .into(),
                );
            }
        }
        let position = raw.position().cloned().unwrap_or_else(csv::Position::new);
        // With CRLF line ends the reader reports a record as starting at the `\n` (or `\r`)
        // that ends the line before: skip the line end so spans and lines point at the record.
        let mut start = position.byte() as usize;
        while matches!(file.text.as_bytes().get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        let start = start.min(file.text.len()).max(counted);
        line += file.text.as_bytes()[counted..start]
            .iter()
            .filter(|byte| **byte == b'\n')
            .count();
        counted = start;
        let spans = field_spans(&file.text, start, raw.len());
        let end = spans.last().map_or(start, |span| span.end);
        let record = Record {
            line,
            fields: raw.iter().map(str::to_string).collect(),
            spans,
            span: start..end.max(start + 1),
        };
        if first {
            first = false;
            check_header(file, &record, expected)?;
            continue;
        }
        if record.fields.len() == 1 && record.fields[0].trim().is_empty() {
            continue; // a blank line
        }
        if record.fields.len() != expected.len() {
            return Err(file.error_at(
                record.span.clone(),
                "row",
                format!(
                    "this row has {} fields but the header has {} ({})",
                    record.fields.len(),
                    expected.len(),
                    expected.join(",")
                ),
            ));
        }
        records.push(record);
    }
    if first {
        return Err(
            InputError::new("the file is empty; it needs at least a header row")
                .at(Location::File {
                    path: file.display.clone(),
                    line: 1,
                    column: 1,
                    field: None,
                })
                .hint(format!("the header is: {}", expected.join(",")))
                .into(),
        );
    }
    Ok(records)
}

fn csv_error_text(error: &csv::Error) -> String {
    match error.kind() {
        csv::ErrorKind::Utf8 { err, .. } => format!("invalid UTF-8 in field {}", err.field() + 1),
        _ => error.to_string(),
    }
}

fn check_header(file: &File, record: &Record, expected: &[&str]) -> Result<()> {
    let got: Vec<&str> = record.fields.iter().map(|field| field.trim()).collect();
    if got == expected {
        return Ok(());
    }
    for (index, name) in expected.iter().enumerate() {
        match got.get(index) {
            Some(found) if found == name => continue,
            Some(found) => {
                let hint = if got.contains(name) {
                    format!("`{name}` is there but out of order")
                } else {
                    format!("expected `{name}`")
                };
                return Err(InputError::new(format!(
                    "unexpected column `{found}` in the header ({hint})"
                ))
                .in_text(
                    &file.display,
                    &file.text,
                    record.span_of(index),
                    Some("header"),
                )
                .hint(format!(
                    "the header must be exactly: {}",
                    expected.join(",")
                ))
                .into());
            }
            None => {
                return Err(InputError::new(format!("the header lacks column `{name}`"))
                    .in_text(
                        &file.display,
                        &file.text,
                        record.span.clone(),
                        Some("header"),
                    )
                    .hint(format!(
                        "the header must be exactly: {}",
                        expected.join(",")
                    ))
                    .into());
            }
        }
    }
    Err(InputError::new(format!(
        "the header has {} extra column(s)",
        got.len() - expected.len()
    ))
    .in_text(
        &file.display,
        &file.text,
        record.span_of(expected.len()),
        Some("header"),
    )
    .hint(format!(
        "the header must be exactly: {}",
        expected.join(",")
    ))
    .into())
}

/// Byte spans of the first `count` fields of the record starting at `start` (quote-aware).
fn field_spans(text: &str, start: usize, count: usize) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut spans = Vec::with_capacity(count);
    let mut position = start.min(bytes.len());
    for _ in 0..count {
        let field_start = position;
        let mut in_quotes = false;
        while position < bytes.len() {
            match bytes[position] {
                b'"' => in_quotes = !in_quotes,
                b',' if !in_quotes => break,
                b'\n' | b'\r' if !in_quotes => break,
                _ => {}
            }
            position += 1;
        }
        spans.push(field_start..position);
        if position < bytes.len() && bytes[position] == b',' {
            position += 1;
        }
    }
    spans
}

/// Loads every file; see the module docs.
pub(super) fn load(dir: Option<&Path>) -> Result<Datasets> {
    if let Some(dir) = dir
        && !dir.is_dir()
    {
        return Err(InputError::new("no such datasets folder")
            .at(Location::Path(dir.display().to_string()))
            .hint("give a folder holding dataset CSV files, or leave out --datasets")
            .into());
    }
    if let Some(dir) = dir {
        check_file_names(dir)?;
    }
    load_with(&|name| read_file(dir, name))
}

/// Loads and validates every file, each obtained by name from `read`.
fn load_with(read: &dyn Fn(&str) -> Result<File>) -> Result<Datasets> {
    let mut hasher = Sha256::new();
    let mut origins = Vec::new();

    let sources_file = read("sources.csv")?;
    hash_file(&mut hasher, &sources_file);
    origins.push((sources_file.name.clone(), sources_file.origin.clone()));
    let sources = parse_sources(&sources_file)?;
    let source_ids: HashSet<&str> = sources.iter().map(|source| source.id.as_str()).collect();

    let regions_file = read("regions.csv")?;
    hash_file(&mut hasher, &regions_file);
    origins.push((regions_file.name.clone(), regions_file.origin.clone()));
    let regions = parse_regions(&regions_file)?;
    let region_codes: HashSet<&str> = regions.iter().map(|region| region.code.as_str()).collect();

    let mut rows = Vec::new();
    let mut seen: HashMap<String, String> = HashMap::new();
    let mut generation_keys = HashMap::new();
    for table in Table::ALL {
        let file = read(&table.file_name())?;
        hash_file(&mut hasher, &file);
        origins.push((file.name.clone(), file.origin.clone()));
        let columns = table.columns();
        for record in parse_csv(&file, &columns)? {
            let row = parse_row(&file, table, &record, &source_ids, &region_codes)?;
            if let Some(previous) = seen.get(&row.id) {
                return Err(file.error_at(
                    record.span_of(0),
                    "id",
                    format!("duplicate id `{}` (already used at {previous})", row.id),
                ));
            }
            if let Some((field, message)) = (table == Table::Generation)
                .then(|| super::generation::problem(&row, &mut generation_keys))
                .flatten()
            {
                let column = columns.iter().position(|name| *name == field);
                return Err(file.error_at(record.span_of(column.unwrap_or(0)), field, message));
            }
            seen.insert(row.id.clone(), format!("{}:{}", file.display, record.line));
            rows.push(row);
        }
    }
    let by_id = rows
        .iter()
        .enumerate()
        .map(|(index, row)| (row.id.clone(), index))
        .collect();
    let checksum = hasher
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    Ok(Datasets {
        rows,
        by_id,
        sources,
        regions,
        origins,
        checksum,
    })
}

/// Refuses a CSV file whose name looks like a misspelt dataset file (`grid_factor.csv`): it
/// would be ignored, and the built-in file used instead of the user's edits.
fn check_file_names(dir: &Path) -> Result<()> {
    let known = Datasets::file_names();
    // A folder that cannot be listed fails later, when its files are read.
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    // Near misses: another case (`regions.CSV`), a typo, or an extension added by an editor
    // that hides them (`regions.csv.txt`).
    let mut names: Vec<String> = entries
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| !known.contains(name))
        .collect();
    names.sort();
    for name in names {
        let lower = name.trim().to_lowercase();
        let lower = lower.strip_suffix(".txt").unwrap_or(&lower);
        if !lower.ends_with(".csv") {
            continue;
        }
        let suggestion = known
            .iter()
            .find(|known| known.as_str() == lower)
            .map(String::as_str)
            .or_else(|| closest(lower, known.iter().map(String::as_str)));
        if let Some(suggestion) = suggestion {
            return Err(InputError::new(format!(
                "`{name}` is not a dataset file name, so dcfoot would ignore it"
            ))
            .at(Location::Path(dir.join(&name).display().to_string()))
            .hint(format!(
                "did you mean `{suggestion}`? Rename it, or move it out of the folder"
            ))
            .into());
        }
    }
    Ok(())
}

fn hash_file(hasher: &mut Sha256, file: &File) {
    hasher.update(file.name.as_bytes());
    hasher.update([0]);
    // Line ends are normalised so a CRLF copy of the same data has the same checksum.
    hasher.update(file.text.replace("\r\n", "\n").as_bytes());
    hasher.update([0]);
}

fn check_text(file: &File, record: &Record, index: usize, field: &str) -> Result<()> {
    let text = &record.fields[index];
    if looks_like_formula(text) {
        return Err(file.error_at(
            record.span_of(index),
            field,
            format!("`{}` starts like a spreadsheet formula", truncate(text)),
        ));
    }
    if text.chars().any(|c| c.is_control() && c != '\n') {
        return Err(file.error_at(
            record.span_of(index),
            field,
            "control characters are not allowed in text cells",
        ));
    }
    if let Some(c) = crate::text::invisible_character(text) {
        return Err(file.error_hint_at(
            record.span_of(index),
            field,
            format!(
                "the invisible character U+{:04X} is not allowed in text cells",
                c as u32
            ),
            "bidirectional controls and zero-width characters change how a text reads without \
             being seen; delete it",
        ));
    }
    Ok(())
}

/// The longest row or source id: ids name files and sheet rows, and a file name has at most
/// 255 bytes on common file systems.
pub(super) const MAX_ID_BYTES: usize = 100;

fn check_id_length(file: &File, record: &Record, index: usize, id: &str) -> Result<()> {
    if id.len() > MAX_ID_BYTES {
        return Err(file.error_hint_at(
            record.span_of(index),
            "id",
            format!(
                "id `{}` is {} bytes long, more than {MAX_ID_BYTES}",
                truncate(id),
                id.len()
            ),
            "use a shorter id; it names rows in tables and files",
        ));
    }
    Ok(())
}

fn truncate(text: &str) -> String {
    let mut shown: String = text.chars().take(40).collect();
    if text.chars().count() > 40 {
        shown.push('…');
    }
    shown
}

fn parse_sources(file: &File) -> Result<Vec<Source>> {
    let columns = super::editions::columns_of(&file.text);
    let column = |name: &str| columns.iter().position(|column| *column == name);
    let mut sources: Vec<Source> = Vec::new();
    let mut successor_cells = Vec::new();
    for record in parse_csv(file, columns)? {
        for (index, field) in columns.iter().enumerate() {
            check_text(file, &record, index, field)?;
        }
        let id = record.fields[0].trim();
        check_id_length(file, &record, 0, id)?;
        let valid = !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || "-_.".contains(c));
        if !valid {
            return Err(file.error_at(
                record.span_of(0),
                "id",
                format!("source id `{id}` must be upper-case letters, digits, `-`, `_` or `.`"),
            ));
        }
        if sources.iter().any(|source| source.id == id) {
            return Err(file.error_at(
                record.span_of(0),
                "id",
                format!("duplicate source id `{id}`"),
            ));
        }
        for (index, field) in [(1, "authors"), (2, "title")] {
            if record.fields[index].trim().is_empty() {
                return Err(file.error_at(
                    record.span_of(index),
                    field,
                    format!("source `{id}` needs {field}"),
                ));
            }
        }
        let field = |name: &str| {
            column(name).map_or(String::new(), |index| {
                record.fields[index].trim().to_string()
            })
        };
        let accessed = field("accessed");
        if !accessed.is_empty() && !is_iso_date(&accessed) {
            return Err(file.error_at(
                record.span_of(column("accessed").unwrap_or(0)),
                "accessed",
                format!("`{accessed}` is not a date written YYYY-MM-DD"),
            ));
        }
        let superseded_by = field("superseded_by");
        if let Some(index) = column("superseded_by")
            && !superseded_by.is_empty()
        {
            successor_cells.push((sources.len(), record.span_of(index)));
        }
        sources.push(Source {
            id: id.to_string(),
            authors: field("authors"),
            title: field("title"),
            publisher: field("publisher"),
            year: field("year"),
            edition: field("edition"),
            url: field("url"),
            locator: field("locator"),
            accessed,
            superseded_by: (!superseded_by.is_empty()).then_some(superseded_by),
            notes: field("notes"),
        });
    }
    super::editions::check(&file.display, &file.text, &sources, &successor_cells)?;
    Ok(sources)
}

fn is_iso_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(index, byte)| index == 4 || index == 7 || byte.is_ascii_digit())
}

fn parse_regions(file: &File) -> Result<Vec<Region>> {
    let records = parse_csv(file, REGION_COLUMNS)?;
    let mut regions: Vec<Region> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for record in &records {
        for (index, field) in REGION_COLUMNS.iter().enumerate() {
            check_text(file, record, index, field)?;
        }
        let code = record.fields[0].trim();
        if code.is_empty()
            || !code
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
        {
            return Err(file.error_at(
                record.span_of(0),
                "code",
                format!("region code `{code}` must be upper-case letters, digits and `-`"),
            ));
        }
        if let Some(previous) = index.insert(code.to_string(), regions.len()) {
            // Keep the first one, so the message below stays about the duplicate.
            index.insert(code.to_string(), previous);
            return Err(file.error_at(
                record.span_of(0),
                "code",
                format!("duplicate region `{code}`"),
            ));
        }
        let parent = record.fields[3].trim();
        regions.push(Region {
            code: code.to_string(),
            name: crate::lang::Text {
                en: record.fields[1].trim().to_string(),
                fr: record.fields[2].trim().to_string(),
            },
            parent: (!parent.is_empty()).then(|| parent.to_string()),
        });
    }
    // Each region's parent, by position: every code is looked up once.
    let mut parents: Vec<Option<usize>> = Vec::with_capacity(regions.len());
    for (region, record) in regions.iter().zip(&records) {
        let parent = match &region.parent {
            None => None,
            Some(parent) => Some(*index.get(parent).ok_or_else(|| {
                file.error_at(
                    record.span_of(3),
                    "parent",
                    format!("parent region `{parent}` is not in this file"),
                )
            })?),
        };
        parents.push(parent);
    }
    // Lookups walk up the parents until a region has data: a cycle would never end. Each
    // region is visited once (colouring: 0 unseen, 1 on the current walk, 2 known to end at a
    // root), so the check is linear in the number of regions.
    let mut state = vec![0u8; regions.len()];
    for start in 0..regions.len() {
        let mut walk = Vec::new();
        let mut current = Some(start);
        while let Some(at) = current {
            match state[at] {
                2 => break,
                1 => {
                    // `at` is on this walk: the cycle is the part of the walk from `at` on.
                    let from = walk.iter().position(|&step| step == at).unwrap_or(0);
                    let mut chain: Vec<&str> = walk[from..]
                        .iter()
                        .map(|&step: &usize| regions[step].code.as_str())
                        .collect();
                    chain.push(regions[at].code.as_str());
                    // A long cycle is shown by its ends, so the message stays short.
                    if chain.len() > 8 {
                        chain.splice(4..chain.len() - 3, ["…"]);
                    }
                    return Err(file.error_at(
                        records[at].span_of(3),
                        "parent",
                        format!(
                            "region `{}` is its own ancestor ({})",
                            regions[at].code,
                            chain.join(" → ")
                        ),
                    ));
                }
                _ => {
                    state[at] = 1;
                    walk.push(at);
                    current = parents[at];
                }
            }
        }
        for step in walk {
            state[step] = 2;
        }
    }
    Ok(regions)
}

fn parse_number_cell(
    file: &File,
    record: &Record,
    index: usize,
    field: &str,
) -> Result<Option<f64>> {
    let text = record.fields[index].trim();
    if text.is_empty() {
        return Ok(None);
    }
    let plain = text
        .chars()
        .all(|c| c.is_ascii_digit() || "+-.eE".contains(c));
    let value: Option<f64> = if plain { text.parse().ok() } else { None };
    match value {
        Some(value) if value.is_finite() => Ok(Some(value)),
        Some(_) => Err(file.error_at(
            record.span_of(index),
            field,
            format!("`{text}` is not a finite number"),
        )),
        None => {
            let hint = if text.contains(',') || text.contains(' ') || text.contains('\u{a0}') {
                " (write numbers with `.` as the decimal separator and no thousands separators)"
            } else {
                ""
            };
            Err(file.error_at(
                record.span_of(index),
                field,
                format!("`{}` is not a number{hint}", truncate(text)),
            ))
        }
    }
}

fn parse_row(
    file: &File,
    table: Table,
    record: &Record,
    source_ids: &HashSet<&str>,
    region_codes: &HashSet<&str>,
) -> Result<Row> {
    let columns = table.columns();
    let index_of = |name: &str| {
        columns
            .iter()
            .position(|column| *column == name)
            .unwrap_or(0)
    };
    for (index, column) in columns.iter().enumerate() {
        // Number cells are checked as numbers below: a negative growth rate is no formula.
        if !matches!(*column, "value" | "low" | "high" | "year") {
            check_text(file, record, index, column)?;
        }
    }
    let cell = |name: &str| record.fields[index_of(name)].trim();
    let fail =
        |name: &str, message: String| file.error_at(record.span_of(index_of(name)), name, message);

    // id
    let id = cell("id");
    let valid_id = id
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c));
    if !valid_id {
        return Err(fail(
            "id",
            format!(
                "id `{}` must be a lower-case slug (letters, digits, `.`, `_`, `-`)",
                truncate(id)
            ),
        ));
    }
    check_id_length(file, record, index_of("id"), id)?;

    // key columns
    let mut keys = Vec::new();
    for column in table.key_columns() {
        let value = cell(column.name);
        if value.is_empty() {
            if !column.optional {
                return Err(fail(column.name, format!("`{}` is required", column.name)));
            }
        } else if !column.allowed.is_empty() && !column.allowed.contains(&value) {
            let suggestion = closest(value, column.allowed.iter().copied())
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
            return Err(fail(
                column.name,
                format!(
                    "`{value}` is not a valid {} (expected one of: {}){suggestion}",
                    column.name,
                    column.allowed.join(", ")
                ),
            ));
        }
        keys.push((column.name, value.to_string()));
    }

    // value and range
    let low = parse_number_cell(file, record, index_of("low"), "low")?;
    let high = parse_number_cell(file, record, index_of("high"), "high")?;
    let (value, range_only) = match (
        parse_number_cell(file, record, index_of("value"), "value")?,
        low,
        high,
    ) {
        (Some(value), _, _) => (value, false),
        (None, Some(low), Some(high)) => ((low + high) / 2.0, true),
        (None, _, _) => {
            return Err(fail(
                "value",
                "`value` is required (it may be left empty only when both low and high give \
                 a published range)"
                    .into(),
            ));
        }
    };
    if let (Some(low), Some(high)) = (low, high)
        && low == high
    {
        return Err(file.error_hint_at(
            record.span_of(index_of("low")),
            "low",
            format!("low and high are both {low}: that is not a range"),
            "for a single published figure, write it in `value` and leave `low` and `high` empty",
        ));
    }
    if let (Some(low), Some(high)) = (low, high)
        && low > high
    {
        return Err(fail(
            "low",
            format!("low {low} is greater than high {high}"),
        ));
    }
    if let Some(low) = low
        && value < low
    {
        return Err(fail("value", format!("value {value} is below low {low}")));
    }
    if let Some(high) = high
        && value > high
    {
        return Err(fail("value", format!("value {value} is above high {high}")));
    }

    // unit and its dimension
    let unit_text = cell("unit");
    let unit = Unit::from_symbol(unit_text).ok_or_else(|| {
        let suggestion = closest(unit_text, Unit::all_symbols())
            .or_else(|| {
                Unit::all_symbols()
                    .into_iter()
                    .find(|symbol| symbol.eq_ignore_ascii_case(unit_text))
            })
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
        fail("unit", format!("unknown unit `{unit_text}`{suggestion}"))
    })?;
    let key_of = |name: &str| {
        keys.iter()
            .find(|(column, _)| *column == name)
            .map(|(_, value)| value.clone())
            .unwrap_or_default()
    };
    if let Some(dimensions) = table.allowed_dimensions(&key_of)
        && !dimensions.contains(&unit.dimension)
    {
        return Err(fail(
            "unit",
            format!(
                "`{unit_text}` is {}, but this row needs {}",
                unit.dimension.describe(),
                dimensions
                    .iter()
                    .map(|dimension| dimension.describe())
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
        ));
    }
    // A value that fits the file's unit can still overflow once converted (1e308 TWh in kWh).
    for (name, number) in [("value", Some(value)), ("low", low), ("high", high)] {
        if let Some(number) = number
            && !unit.to_base(number).is_finite()
        {
            return Err(fail(
                name,
                format!(
                    "`{} {}` is too large (it overflows once converted to {})",
                    cell(name),
                    unit.symbol,
                    unit.dimension.base_symbol()
                ),
            ));
        }
    }
    // Physical sense: no negative amounts; PUE >= 1; shares within 0..100 %.
    let smallest = low.unwrap_or(value).min(value);
    if smallest < 0.0 && unit.dimension != Dimension::GrowthRate {
        return Err(fail("value", format!("{smallest} is negative")));
    }
    let is_pue = key_of("metric") == "pue" || key_of("indicator") == "pue";
    if is_pue && smallest < 1.0 {
        return Err(fail(
            "value",
            format!("PUE {smallest} is below 1 (PUE = facility energy / IT energy >= 1)"),
        ));
    }
    if unit.symbol == "%" && high.unwrap_or(value).max(value) > 100.0 {
        return Err(fail("value", "a share cannot exceed 100 %".into()));
    }

    // year
    let year_text = cell("year");
    let year = if year_text.is_empty() {
        None
    } else {
        match year_text.parse::<i32>() {
            Ok(year) if (1900..=2100).contains(&year) => Some(year),
            _ => {
                return Err(fail(
                    "year",
                    format!("`{year_text}` is not a year between 1900 and 2100"),
                ));
            }
        }
    };

    // scope
    let scope = cell("scope");
    if !region_codes.contains(scope) {
        let suggestion = closest(scope, region_codes.iter().copied())
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
        return Err(fail(
            "scope",
            format!("`{scope}` is not a region code of regions.csv{suggestion}"),
        ));
    }

    // kind and verification
    let kind = cell("kind");
    if !KINDS.contains(&kind) {
        let suggestion = closest(kind, KINDS.iter().copied())
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
        return Err(fail(
            "kind",
            format!(
                "`{kind}` is not a valid kind (expected one of: {}){suggestion}",
                KINDS.join(", ")
            ),
        ));
    }
    let verification_text = cell("verification");
    let verification = Verification::parse(verification_text).ok_or_else(|| {
        fail(
            "verification",
            format!(
                "`{verification_text}` is not a valid verification (expected one of: {})",
                VERIFICATIONS.join(", ")
            ),
        )
    })?;
    let notes = cell("notes");
    if verification == Verification::Derived && notes.is_empty() {
        return Err(fail(
            "notes",
            "a derived value needs its formula and the rows it comes from in `notes`".into(),
        ));
    }

    // sources
    let source_text = cell("source_id");
    let sources = crate::provenance::split_source_ids(source_text);
    if sources.is_empty() {
        return Err(fail(
            "source_id",
            "every value needs a source id (no number without a source)".into(),
        ));
    }
    for source in &sources {
        if !source_ids.contains(source.as_str()) {
            let suggestion = closest(source, source_ids.iter().copied())
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
            return Err(fail(
                "source_id",
                format!("source `{source}` is not in sources.csv{suggestion}"),
            ));
        }
    }

    Ok(Row {
        table,
        id: id.to_string(),
        keys,
        value,
        range_only,
        unit,
        low,
        high,
        year,
        scope: scope.to_string(),
        kind: kind.to_string(),
        sources,
        verification,
        notes: notes.to_string(),
        line: record.line,
    })
}
