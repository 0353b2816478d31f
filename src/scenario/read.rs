//! A small reader over a spanned TOML document (toml's `DeTable`), so that every error in a
//! scenario file can point at its line and column with a caret, say what was expected, and
//! suggest the right key for a typo.

use std::cell::RefCell;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::error::{Error, InputError};

/// The file being read: its name for messages and its text for snippets.
#[derive(Debug, Clone, Copy)]
pub struct Doc<'a> {
    /// Name shown in messages.
    pub path: &'a str,
    /// Full text.
    pub text: &'a str,
}

impl<'a> Doc<'a> {
    /// An error at a span, naming the key path.
    pub fn error(&self, span: Range<usize>, field: &str, message: impl Into<String>) -> Error {
        self.located(span, field, message).into()
    }

    /// An error with a hint.
    pub fn error_hint(
        &self,
        span: Range<usize>,
        field: &str,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Error {
        self.located(span, field, message).hint(hint).into()
    }

    fn located(&self, span: Range<usize>, field: &str, message: impl Into<String>) -> InputError {
        InputError::new(message).in_text(
            self.path,
            self.text,
            span,
            (!field.is_empty()).then_some(field),
        )
    }
}

/// Checks that `id` (written at `at`) is a slug: lower-case ASCII letters, digits and `-`,
/// starting with a letter or digit, at most 64 characters.
pub fn slug(at: &impl Located, id: &str, what: &str, names: &str) -> Result<(), Error> {
    let valid = id.len() <= 64
        && id
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if valid {
        Ok(())
    } else {
        Err(at.error_hint(
            format!("`{}` is not a valid {what}", id.escape_debug()),
            format!(
                "use lower-case letters, digits and `-` (at most 64 characters); it names {names}"
            ),
        ))
    }
}

/// Something in the file that errors can point at.
pub trait Located {
    /// An error there.
    fn error(&self, message: impl Into<String>) -> Error;
    /// An error there, with a hint.
    fn error_hint(&self, message: impl Into<String>, hint: impl Into<String>) -> Error;
}

/// A place in the file (a span and its key path), for a value read with serde.
#[derive(Debug, Clone)]
pub struct Site<'d> {
    /// The document.
    pub doc: Doc<'d>,
    /// Byte span.
    pub span: Range<usize>,
    /// Key path.
    pub path: String,
}

impl<'d> Site<'d> {
    /// The site of a spanned value, at a key path.
    pub fn of<T>(doc: Doc<'d>, value: &Spanned<T>, path: String) -> Self {
        Site {
            doc,
            span: value.span(),
            path,
        }
    }
}

impl Located for Site<'_> {
    fn error(&self, message: impl Into<String>) -> Error {
        self.doc.error(self.span.clone(), &self.path, message)
    }

    fn error_hint(&self, message: impl Into<String>, hint: impl Into<String>) -> Error {
        self.doc
            .error_hint(self.span.clone(), &self.path, message, hint)
    }
}

impl Located for Node<'_, '_> {
    fn error(&self, message: impl Into<String>) -> Error {
        Node::error(self, message)
    }

    fn error_hint(&self, message: impl Into<String>, hint: impl Into<String>) -> Error {
        Node::error_hint(self, message, hint)
    }
}

/// A value with its span and its dotted key path (`energy.path.points[2].year`).
#[derive(Debug, Clone)]
pub struct Node<'a, 'd> {
    /// The document.
    pub doc: Doc<'d>,
    /// The value.
    pub value: &'a DeValue<'d>,
    /// Byte span of the value.
    pub span: Range<usize>,
    /// Key path, for messages.
    path: String,
}

/// The TOML type name of a value, for messages.
pub fn type_name(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

impl<'a, 'd> Node<'a, 'd> {
    /// A node for a spanned value.
    pub fn new(doc: Doc<'d>, value: &'a Spanned<DeValue<'d>>, path: String) -> Self {
        Node {
            doc,
            value: value.get_ref(),
            span: value.span(),
            path,
        }
    }

    /// The dotted key path.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// An error at this value.
    pub fn error(&self, message: impl Into<String>) -> Error {
        self.doc.error(self.span.clone(), &self.path, message)
    }

    /// An error at this value, with a hint.
    pub fn error_hint(&self, message: impl Into<String>, hint: impl Into<String>) -> Error {
        self.doc
            .error_hint(self.span.clone(), &self.path, message, hint)
    }

    fn expected(&self, what: &str) -> Error {
        self.error(format!("expected {what}, found {}", type_name(self.value)))
    }

    /// The value as a string.
    pub fn str(&self) -> Result<&'a str, Error> {
        match self.value {
            DeValue::String(text) => Ok(text.as_ref()),
            _ => Err(self.expected("a string")),
        }
    }

    /// The value as an id that names a file or folder: lower-case ASCII letters, digits and
    /// `-`, starting with a letter or digit, at most 64 characters. `what` names the id
    /// ("variant id") and `names` what it names ("the output folder").
    pub fn slug(&self, what: &str, names: &str) -> Result<&'a str, Error> {
        let id = self.str()?;
        slug(self, id, what, names)?;
        Ok(id)
    }

    /// The value as a boolean.
    pub fn bool(&self) -> Result<bool, Error> {
        match self.value {
            DeValue::Boolean(value) => Ok(*value),
            _ => Err(self.error(format!(
                "expected true or false, found {}",
                type_name(self.value)
            ))),
        }
    }

    /// The value as an integer.
    pub fn int(&self) -> Result<i64, Error> {
        match self.value {
            DeValue::Integer(integer) => i64::from_str_radix(integer.as_str(), integer.radix())
                .map_err(|_| self.error("this integer is too large")),
            _ => Err(self.expected("an integer")),
        }
    }

    /// The value as a finite number (integer or float).
    pub fn number(&self) -> Result<f64, Error> {
        let value = match self.value {
            DeValue::Integer(integer) => i64::from_str_radix(integer.as_str(), integer.radix())
                .map(|value| value as f64)
                .map_err(|_| self.error("this integer is too large"))?,
            DeValue::Float(float) => float
                .as_str()
                .parse::<f64>()
                .map_err(|_| self.error("not a valid number"))?,
            _ => return Err(self.expected("a number")),
        };
        if !value.is_finite() {
            let written = match self.value {
                DeValue::Float(float) => float.as_str(),
                _ => "",
            };
            return Err(self.error(format!("`{written}` is not a finite number")));
        }
        Ok(value)
    }

    /// The value as a year (an integer between 1900 and 2100).
    pub fn year(&self) -> Result<i32, Error> {
        let year = self.int()?;
        if !(1900..=2100).contains(&year) {
            return Err(self.error(format!("{year} is not a year between 1900 and 2100")));
        }
        Ok(year as i32)
    }

    /// The value as a table reader.
    pub fn table(&self) -> Result<TableReader<'a, 'd>, Error> {
        match self.value {
            DeValue::Table(table) => Ok(TableReader::new(
                self.doc,
                table,
                self.span.clone(),
                self.path.clone(),
            )),
            _ => Err(self.expected("a table")),
        }
    }

    /// The value as an array of spanned values.
    pub fn array(&self) -> Result<&'a [Spanned<DeValue<'d>>], Error> {
        match self.value {
            DeValue::Array(array) => Ok(array.as_ref()),
            _ => Err(self.expected("an array")),
        }
    }

    /// The value read into a fixed-shape type with serde (`deny_unknown_fields`, fields in
    /// [`Spanned`] where later checks point at them). Errors keep the reader's words: an
    /// unknown key gets "did you mean", a missing one "add `key = …` (what)" with `what` from
    /// `required`, a wrong type names the key and what was expected.
    pub fn typed<T: serde::Deserialize<'d>>(&self, required: &[(&str, &str)]) -> Result<T, Error> {
        use serde::de::IntoDeserializer;
        let spanned = Spanned::new(self.span.clone(), self.value.clone());
        T::deserialize(spanned.into_deserializer())
            .map_err(|error| self.serde_error(&error, required))
    }

    fn serde_error(&self, error: &toml::de::Error, required: &[(&str, &str)]) -> Error {
        let message = error.message();
        let span = error.span().unwrap_or_else(|| self.span.clone());
        let quoted = |text: &str| text.split('`').nth(1).unwrap_or("").to_string();
        // The innermost value holding the span, and its key path.
        let (owner, owner_span) = innermost(self.value, &self.span, &self.path, &span);
        let child = |key: &str| {
            if owner.is_empty() {
                key.to_string()
            } else {
                format!("{owner}.{key}")
            }
        };
        if let Some(rest) = message.strip_prefix("unknown field ") {
            let key = quoted(rest);
            let known: Vec<String> = rest
                .split_once("expected")
                .map_or("", |(_, list)| list)
                .split('`')
                .skip(1)
                .step_by(2)
                .map(str::to_string)
                .collect();
            let hint = crate::text::closest(&key, known.iter().map(String::as_str))
                .map(|candidate| format!("did you mean `{candidate}`?"))
                .unwrap_or_else(|| format!("known keys here: {}", known.join(", ")));
            return self
                .doc
                .error_hint(span, &child(&key), format!("unknown key `{key}`"), hint);
        }
        if let Some(rest) = message.strip_prefix("missing field ") {
            let key = quoted(rest);
            let what = required
                .iter()
                .find(|(name, _)| *name == key)
                .map_or(String::new(), |(_, what)| format!(" ({what})"));
            let at = if owner.is_empty() {
                "the file".to_string()
            } else {
                format!("`{owner}`")
            };
            return self.doc.error_hint(
                owner_span.start..owner_span.start + 1,
                &owner,
                format!("{at} needs `{key}`"),
                format!("add `{key} = …`{what}"),
            );
        }
        if let Some(rest) = message.strip_prefix("invalid type: ") {
            let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
            let found = match found.split([' ', '`']).next().unwrap_or("") {
                "string" => "a string",
                "integer" => "an integer",
                "floating" => "a number",
                "boolean" => "a boolean",
                "map" => "a table",
                "sequence" => "an array",
                _ => "a date",
            };
            if expected == "struct RawText" {
                return self.doc.error_hint(
                    span,
                    &owner,
                    format!("expected a table with `en` and `fr` texts, found {found}"),
                    "write it as { en = \"…\", fr = \"…\" }",
                );
            }
            let expected = match expected {
                "i64" | "i32" => "an integer",
                "f64" => "a number",
                "a boolean" | "bool" => "true or false",
                _ if expected.starts_with("struct") || expected.starts_with("map") => "a table",
                _ if expected.contains("sequence") => "an array",
                _ => "a string",
            };
            return self
                .doc
                .error(span, &owner, format!("expected {expected}, found {found}"));
        }
        self.doc.error(span, &owner, message.to_string())
    }

    /// True for a table.
    pub fn is_table(&self) -> bool {
        matches!(self.value, DeValue::Table(_))
    }
}

/// The innermost value under `value` (at `span`, key path `path`) whose span holds `target`,
/// with its key path and span.
fn innermost(
    value: &DeValue<'_>,
    span: &Range<usize>,
    path: &str,
    target: &Range<usize>,
) -> (String, Range<usize>) {
    let holds = |outer: &Range<usize>| outer.start <= target.start && target.end <= outer.end;
    let inner = match value {
        DeValue::Table(table) => table.iter().find_map(|(key, child)| {
            holds(&child.span()).then(|| {
                let key: &str = key.get_ref().as_ref();
                let path = if path.is_empty() {
                    key.to_string()
                } else {
                    format!("{path}.{key}")
                };
                (child, path)
            })
        }),
        DeValue::Array(array) => array.iter().enumerate().find_map(|(index, child)| {
            holds(&child.span()).then(|| (child, format!("{path}[{index}]")))
        }),
        _ => None,
    };
    match inner {
        Some((child, path)) => innermost(child.get_ref(), &child.span(), &path, target),
        None => (path.to_string(), span.clone()),
    }
}

/// A translated text as written: `{ en = "…", fr = "…" }`.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawText {
    en: String,
    fr: String,
}

/// Reads the keys of a table, remembering which were used so unknown keys can be reported.
#[derive(Debug)]
pub struct TableReader<'a, 'd> {
    doc: Doc<'d>,
    table: &'a DeTable<'d>,
    /// Span of the whole table.
    pub span: Range<usize>,
    path: String,
    used: RefCell<Vec<String>>,
}

impl<'a, 'd> TableReader<'a, 'd> {
    /// A reader over a table.
    pub fn new(doc: Doc<'d>, table: &'a DeTable<'d>, span: Range<usize>, path: String) -> Self {
        TableReader {
            doc,
            table,
            span,
            path,
            used: RefCell::new(Vec::new()),
        }
    }

    /// The document.
    pub fn doc(&self) -> Doc<'d> {
        self.doc
    }

    /// The table's key path.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The key path of a child key.
    pub fn child_path(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    /// The value of a key, if present (marks it used).
    pub fn get(&self, key: &str) -> Option<Node<'a, 'd>> {
        let (_, value) = self.table.get_key_value(key)?;
        self.used.borrow_mut().push(key.to_string());
        Some(Node::new(self.doc, value, self.child_path(key)))
    }

    /// The value of a required key.
    pub fn require(&self, key: &str, what: &str) -> Result<Node<'a, 'd>, Error> {
        self.get(key).ok_or_else(|| {
            let at = if self.path.is_empty() {
                "the file".to_string()
            } else {
                format!("`{}`", self.path)
            };
            self.doc.error_hint(
                self.span.start..self.span.start + 1,
                &self.path,
                format!("{at} needs `{key}`"),
                format!("add `{key} = …` ({what})"),
            )
        })
    }

    /// True if the key is present (does not mark it used).
    pub fn has(&self, key: &str) -> bool {
        self.table.contains_key(key)
    }

    /// Every key with its node, in the table's order (marks all used).
    pub fn entries(&self) -> Vec<(&'a str, Range<usize>, Node<'a, 'd>)> {
        self.table
            .iter()
            .map(|(key, value)| {
                let name: &'a str = key.get_ref().as_ref();
                self.used.borrow_mut().push(name.to_string());
                (
                    name,
                    key.span(),
                    Node::new(self.doc, value, self.child_path(name)),
                )
            })
            .collect()
    }

    /// Fails on the first key that was not read, suggesting the closest known key.
    pub fn finish(&self, known: &[&str]) -> Result<(), Error> {
        let used = self.used.borrow();
        self.first_key_not_in(&used, known)
    }

    /// Fails on the first key that is not in `known`, suggesting the closest one. Called before
    /// the required keys are read, so a misspelt key (`form` for `from`) is reported as such,
    /// not as a missing key.
    pub fn check_known(&self, known: &[&str]) -> Result<(), Error> {
        let known_owned: Vec<String> = known.iter().map(|key| key.to_string()).collect();
        self.first_key_not_in(&known_owned, known)
    }

    fn first_key_not_in(&self, accepted: &[String], known: &[&str]) -> Result<(), Error> {
        let mut keys: Vec<(&Spanned<std::borrow::Cow<'d, str>>, _)> = self.table.iter().collect();
        keys.sort_by_key(|(key, _)| key.span().start);
        for (key, _) in keys {
            let name: &str = key.get_ref().as_ref();
            if accepted.iter().any(|accepted| accepted == name) {
                continue;
            }
            let suggestion = crate::text::closest(name, known.iter().copied())
                .map(|candidate| format!("did you mean `{candidate}`?"))
                .unwrap_or_else(|| format!("known keys here: {}", known.join(", ")));
            let field = if self.path.is_empty() {
                name.to_string()
            } else {
                format!("{}.{name}", self.path)
            };
            return Err(self.doc.error_hint(
                key.span(),
                &field,
                format!("unknown key `{name}`"),
                suggestion,
            ));
        }
        Ok(())
    }
}

/// Reads the translated text `{ en = "…", fr = "…" }` (both required).
pub fn text(node: &Node<'_, '_>) -> Result<crate::lang::Text, Error> {
    let raw: RawText = node.typed(TEXT_PARTS)?;
    checked_text(node.doc, node.span.clone(), &node.path, raw)
}

/// What the two texts are, for a missing one.
pub const TEXT_PARTS: &[(&str, &str)] = &[("en", "the English text"), ("fr", "the French text")];

/// A text read with serde, checked: neither part empty, like a spreadsheet formula or holding
/// control characters. Errors point at `span` (the text's table) named `path`.
pub fn checked_text(
    doc: Doc<'_>,
    span: Range<usize>,
    path: &str,
    raw: RawText,
) -> Result<crate::lang::Text, Error> {
    let RawText { en, fr } = raw;
    for (language, value) in [("en", &en), ("fr", &fr)] {
        if crate::text::is_blank(value) {
            return Err(doc.error_hint(
                span,
                path,
                format!("the `{language}` text is empty"),
                "white space and invisible characters alone do not make a text; write some words",
            ));
        }
        if let Some(c) = crate::text::invisible_character(value) {
            return Err(doc.error_hint(
                invisible_span(doc.text, span, c),
                path,
                format!(
                    "the `{language}` text holds the invisible character U+{:04X}",
                    c as u32
                ),
                "bidirectional controls and zero-width characters change how a text reads \
                 without being seen; delete it (retype the text around it if needed)",
            ));
        }
        if crate::text::looks_like_formula(value.trim_start()) {
            return Err(doc.error_hint(
                span,
                path,
                format!("the `{language}` text starts like a spreadsheet formula"),
                "texts end up in CSV files; start them with a letter or a digit",
            ));
        }
        if value.chars().any(|c| c.is_control() && c != '\n') {
            return Err(doc.error(
                span,
                path,
                format!("the `{language}` text holds control characters"),
            ));
        }
    }
    Ok(crate::lang::Text { en, fr })
}

/// Where invisible character `c` is written inside `span`: raw, or as a TOML escape
/// (`\u202E`, `\U0000202e`); the whole span if it cannot be found.
fn invisible_span(text: &str, span: Range<usize>, c: char) -> Range<usize> {
    let Some(inside) = text.get(span.clone()) else {
        return span;
    };
    let code = c as u32;
    let forms = [
        c.to_string(),
        format!("\\u{code:04X}"),
        format!("\\u{code:04x}"),
        format!("\\U{code:08X}"),
        format!("\\U{code:08x}"),
    ];
    forms
        .iter()
        .filter_map(|form| inside.find(form.as_str()).map(|at| (at, form.len())))
        .min()
        .map_or(span.clone(), |(at, len)| {
            span.start + at..span.start + at + len
        })
}
