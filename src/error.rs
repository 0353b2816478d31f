//! Errors and their exit codes.
//!
//! Bad input ([`Error::Input`]) always names where it came from (a flag, or a file with line,
//! column and field), says what was expected and, when we can tell, what to try. It maps to exit
//! code 2. Failures of the machine (I/O, drawing) map to exit code 1.

use std::fmt;
use std::path::{Path, PathBuf};

/// Where a piece of bad input was found.
#[derive(Debug, Clone, PartialEq)]
pub enum Location {
    /// A command-line flag such as `--pue`.
    Flag(String),
    /// A position in a file (1-based line and column, in characters).
    File {
        /// The file as the user named it (or the built-in name).
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column, counted in characters.
        column: usize,
        /// The field, key or column, if there is one.
        field: Option<String>,
    },
    /// A whole file (or folder) with no finer position.
    Path(String),
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Flag(flag) => write!(f, "{flag}"),
            Location::File {
                path,
                line,
                column,
                field,
            } => {
                write!(f, "{path}:{line}:{column}")?;
                if let Some(field) = field {
                    write!(f, ": {field}")?;
                }
                Ok(())
            }
            Location::Path(path) => write!(f, "{path}"),
        }
    }
}

/// One problem with the user's input.
#[derive(Debug, Clone, PartialEq)]
pub struct InputError {
    /// Where it is.
    pub location: Option<Location>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// The offending source line with a caret under the problem, if we have the text.
    pub snippet: Option<String>,
    /// What to try.
    pub hint: Option<String>,
}

impl InputError {
    /// A problem with no location yet.
    pub fn new(message: impl Into<String>) -> Self {
        InputError {
            location: None,
            message: message.into(),
            snippet: None,
            hint: None,
        }
    }

    /// A problem with a command-line flag.
    pub fn flag(flag: &str, message: impl Into<String>) -> Self {
        InputError::new(message).at(Location::Flag(flag.to_string()))
    }

    /// Sets the location.
    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    /// Adds a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Points at a byte range of a file's text: sets location and snippet.
    pub fn in_text(
        mut self,
        path: &str,
        text: &str,
        span: std::ops::Range<usize>,
        field: Option<&str>,
    ) -> Self {
        let (line, column) = line_column(text, span.start);
        self.location = Some(Location::File {
            path: path.to_string(),
            line,
            column,
            field: field.map(str::to_string),
        });
        self.snippet = Some(snippet(text, span));
        self
    }
}

impl std::error::Error for InputError {}

/// The most characters of a message or a hint shown: a longer one (quoting a huge value, or
/// listing thousands of names) is cut with `…`.
pub const MESSAGE_CHARS: usize = 400;

/// The most characters of a source line shown in a snippet, around the problem.
pub const SNIPPET_CHARS: usize = 100;

/// Safe for a terminal: control characters escaped (the one place is
/// [`crate::text::escape_control`]), and at most [`MESSAGE_CHARS`] characters.
fn safe(text: &str) -> String {
    crate::text::shorten(&crate::text::escape_control(text), MESSAGE_CHARS).into_owned()
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.location {
            Some(location) => write!(
                f,
                "{}: {}",
                safe(&location.to_string()),
                safe(&self.message)
            )?,
            None => write!(f, "{}", safe(&self.message))?,
        }
        if let Some(snippet) = &self.snippet {
            // The snippet's own line breaks are kept; every line is made safe.
            for line in snippet.split('\n') {
                write!(f, "\n{}", safe(line))?;
            }
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {}", safe(hint))?;
        }
        Ok(())
    }
}

/// Every error dcfoot reports. [`std::error::Error::source`] gives the underlying error of an
/// I/O or encoding failure.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad input: a flag, a scenario file, a dataset row. Exit code 2.
    #[error(transparent)]
    Input(Box<InputError>),
    /// A file or folder could not be read or written. Exit code 1.
    #[error("{action} {}: {source}", crate::text::escape_control(&path.display().to_string()))]
    Io {
        /// What we were doing ("reading", "writing", "creating folder" …).
        action: &'static str,
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// Results could not be encoded (JSON, CSV). Exit code 1.
    #[error("encoding {what}: {source}")]
    Encode {
        /// What was being encoded.
        what: &'static str,
        /// The encoder's error.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// Anything else (drawing, fonts). Exit code 1.
    #[error("{0}")]
    Other(String),
}

impl Error {
    /// The process exit code for this error: 2 for bad input, 1 otherwise.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Input(_) => 2,
            Error::Io { .. } | Error::Encode { .. } | Error::Other(_) => 1,
        }
    }

    /// Wraps an I/O error with what we were doing and where.
    pub fn io(action: &'static str, path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    }
}

impl From<InputError> for Error {
    fn from(error: InputError) -> Self {
        Error::Input(Box::new(error))
    }
}

/// The result type of the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The line holding `span.start`, with carets under the span (clipped to that line). Control
/// characters are shown escaped and the caret moves with them; a long line is shown as a
/// window of at most [`SNIPPET_CHARS`] characters around the span, cut ends marked `…`.
pub fn snippet(text: &str, span: std::ops::Range<usize>) -> String {
    let start = floor_char_boundary(text, span.start.min(text.len()));
    let end = floor_char_boundary(text, span.end.min(text.len())).max(start);
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let (line, _) = line_column(text, start);
    let number = line.to_string();
    let pad = " ".repeat(number.len());
    // Every character of the line as shown: tabs as single spaces so the caret lines up,
    // other control characters escaped; `marked` says which ones the caret goes under.
    let line_text = text[line_start..line_end].trim_end_matches('\r');
    let mut cells: Vec<(String, bool)> = Vec::new();
    let mut first_marked = None;
    for (offset, c) in line_text.char_indices() {
        let at = line_start + offset;
        let marked = at >= start && (at < end || at == start);
        if marked && first_marked.is_none() {
            first_marked = Some(cells.len());
        }
        let shown = match c {
            '\t' => " ".to_string(),
            c => crate::text::escape_control(&c.to_string()).into_owned(),
        };
        cells.push((shown, marked));
    }
    let first = first_marked.unwrap_or(cells.len());
    // The window: from a little before the span, at most SNIPPET_CHARS cells.
    let from = if cells.len() <= SNIPPET_CHARS {
        0
    } else {
        first
            .saturating_sub(SNIPPET_CHARS / 4)
            .min(cells.len() - SNIPPET_CHARS)
    };
    let to = (from + SNIPPET_CHARS).min(cells.len());
    let mut shown = String::new();
    let mut carets = String::new();
    if from > 0 {
        shown.push('…');
        carets.push(' ');
    }
    for (cell, marked) in &cells[from..to] {
        let width = cell.chars().count();
        shown.push_str(cell);
        carets.push_str(&(if *marked { "^" } else { " " }).repeat(width));
    }
    if to < cells.len() {
        shown.push('…');
    }
    if first >= to {
        // The span starts at the end of the line.
        carets.push('^');
    }
    let carets = carets.trim_end();
    format!("{pad} |\n{number} | {shown}\n{pad} | {carets}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_characters() {
        let text = "a = 1\nbé = x\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        // 'x' sits after "bé = " (5 characters, 6 bytes).
        let x = text.find('x').unwrap();
        assert_eq!(line_column(text, x), (2, 6));
    }

    #[test]
    fn snippet_has_a_caret_under_the_span() {
        let text = "name = \"x\"\npue = 0.9\n";
        let start = text.find("0.9").unwrap();
        let shown = snippet(text, start..start + 3);
        assert_eq!(shown, "  |\n2 | pue = 0.9\n  |       ^^^");
    }

    #[test]
    fn snippets_escape_control_characters_and_show_a_window_of_long_lines() {
        let text = "title = \"a\u{1b}[2Jb\"\n";
        let start = text.find('a').unwrap();
        let shown = snippet(text, start..start + 6);
        assert!(!shown.contains('\u{1b}'), "{shown:?}");
        assert_eq!(
            shown,
            "  |\n1 | title = \"a\\u{1b}[2Jb\"\n  |          ^^^^^^^^^^^"
        );
        let long = format!("id = \"{}\"", "x".repeat(2_000_000));
        let shown = snippet(&long, 5..long.len());
        assert!(shown.len() < 400, "{} bytes", shown.len());
        let error = InputError::new(format!("`{}` is not valid", "x".repeat(2_000_000)))
            .in_text("s.toml", &long, 5..long.len(), Some("id"))
            .hint("y".repeat(1_000_000));
        assert!(error.to_string().len() < 2_000);
    }

    #[test]
    fn display_escapes_control_characters_everywhere() {
        let error = InputError::new("bad `\u{1b}]8;;x\u{7}`")
            .at(Location::Path("a\u{1b}b.toml".into()))
            .hint("try \u{9b}2J\nerror: fake");
        let shown = error.to_string();
        assert!(
            !shown.chars().any(|c| c.is_control() && c != '\n'),
            "{shown:?}"
        );
        assert_eq!(shown.lines().count(), 2, "{shown}");
        assert!(shown.contains("\\u{1b}"));
    }

    #[test]
    fn display_names_the_place() {
        let error = InputError::new("PUE must be >= 1")
            .in_text("s.toml", "pue = 0.9", 6..9, Some("pue"))
            .hint("PUE is facility energy / IT energy");
        let shown = error.to_string();
        assert!(shown.starts_with("s.toml:1:7: pue: PUE must be >= 1"));
        assert!(shown.contains("^^^"));
        assert!(shown.ends_with("hint: PUE is facility energy / IT energy"));
        assert_eq!(Error::from(error).exit_code(), 2);
    }

    #[test]
    fn io_and_encoding_errors_keep_their_source() {
        use std::error::Error as _;
        let io = Error::io(
            "reading",
            Path::new("x.toml"),
            std::io::Error::new(std::io::ErrorKind::NotFound, "gone"),
        );
        assert_eq!(io.to_string(), "reading x.toml: gone");
        assert_eq!(io.source().map(|s| s.to_string()), Some("gone".into()));
        assert_eq!(io.exit_code(), 1);
        let encode = Error::Encode {
            what: "a table",
            source: "bad bytes".into(),
        };
        assert_eq!(encode.to_string(), "encoding a table: bad bytes");
        assert!(encode.source().is_some());
        let input = Error::from(InputError::flag("--pue", "must be >= 1"));
        assert_eq!(input.to_string(), "--pue: must be >= 1");
        assert!(input.source().is_none());
    }
}
