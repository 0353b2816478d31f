//! Reading input files safely: only regular files, never more than a size limit.
//!
//! Every file dcfoot reads (dataset CSV files, scenario files, the `manifest.json` of an
//! existing output folder) goes through [`read_text_file`]. A FIFO, a device or a folder in
//! its place is refused at once (it is opened without blocking, then checked), and a file
//! larger than the limit is refused after reading at most one byte past the limit, so a
//! hostile path can neither hang a run nor exhaust its memory.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use crate::error::{Error, InputError, Location, Result};

/// The largest dataset CSV file dcfoot reads (the built-in ones are under 100 kB).
pub const DATASET_LIMIT: u64 = 64 * 1024 * 1024;
/// The largest scenario file dcfoot reads (the built-in ones are under 20 kB).
pub const SCENARIO_LIMIT: u64 = 16 * 1024 * 1024;
/// The largest `manifest.json` dcfoot reads in an existing output folder.
pub const MANIFEST_LIMIT: u64 = 1024 * 1024;

/// What kind of thing a path names, for messages.
fn kind_of(file_type: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if file_type.is_dir() {
        "a folder"
    } else if file_type.is_symlink() {
        "a symbolic link"
    } else {
        "not a regular file"
    }
}

fn not_regular(path: &Path, what: &str) -> Error {
    InputError::new(format!("this is {what}, not a regular file"))
        .at(Location::Path(path.display().to_string()))
        .hint("give the path of a regular file")
        .into()
}

/// Opens `path` for reading without blocking (a FIFO would otherwise wait for a writer).
fn open(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    options.open(path)
}

/// Reads the bytes of the regular file at `path` (links are followed), refusing anything else
/// and any file larger than `limit` bytes with an input error naming the path.
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>> {
    let link = std::fs::symlink_metadata(path);
    let file = match open(path) {
        Ok(file) => file,
        Err(error) => {
            if link
                .as_ref()
                .is_ok_and(|meta| meta.file_type().is_symlink())
            {
                return Err(InputError::new(format!(
                    "this is a symbolic link that cannot be followed ({error})"
                ))
                .at(Location::Path(path.display().to_string()))
                .hint("fix or remove the link")
                .into());
            }
            return Err(Error::io("reading", path, error));
        }
    };
    let meta = file
        .metadata()
        .map_err(|error| Error::io("reading", path, error))?;
    if !meta.file_type().is_file() {
        return Err(not_regular(path, kind_of(&meta.file_type())));
    }
    if meta.len() > limit {
        return Err(too_large(path, limit));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| Error::io("reading", path, error))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(path, limit));
    }
    Ok(bytes)
}

fn too_large(path: &Path, limit: u64) -> Error {
    InputError::new(format!(
        "the file is larger than dcfoot reads ({} MiB at most)",
        limit / (1024 * 1024)
    ))
    .at(Location::Path(path.display().to_string()))
    .hint("check that this is the file you meant")
    .into()
}

/// Reads the regular file at `path` as UTF-8 text (see [`read_file`]), without a leading
/// byte-order mark. Text that is not UTF-8 is an input error at its line and column, with
/// `hint`.
pub fn read_text_file(path: &Path, limit: u64, hint: &str) -> Result<String> {
    let bytes = read_file(path, limit)?;
    let text = String::from_utf8(bytes).map_err(|error| {
        let valid = error.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&error.as_bytes()[..valid]).into_owned();
        let (line, column) = crate::error::line_column(&prefix, valid);
        Error::from(
            InputError::new("the file is not valid UTF-8 text")
                .at(Location::File {
                    path: path.display().to_string(),
                    line,
                    column,
                    field: None,
                })
                .hint(hint),
        )
    })?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_regular_file_and_strips_the_bom() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.csv");
        std::fs::write(&path, "\u{feff}x,y\n").unwrap();
        assert_eq!(read_text_file(&path, 100, "").unwrap(), "x,y\n");
    }

    #[test]
    fn refuses_a_folder_and_a_large_file() {
        let dir = tempfile::tempdir().unwrap();
        let error = read_file(dir.path(), 100).unwrap_err();
        assert_eq!(error.exit_code(), 2);
        assert!(error.to_string().contains("a folder"), "{error}");
        let path = dir.path().join("big");
        std::fs::write(&path, vec![b'x'; 101]).unwrap();
        let error = read_file(&path, 100).unwrap_err();
        assert!(error.to_string().contains("larger"), "{error}");
        std::fs::write(&path, vec![b'x'; 100]).unwrap();
        assert_eq!(read_file(&path, 100).unwrap().len(), 100);
    }

    #[cfg(unix)]
    #[test]
    fn refuses_a_device_and_a_dangling_link() {
        let error = read_file(Path::new("/dev/zero"), 100).unwrap_err();
        assert!(error.to_string().contains("a device"), "{error}");
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &link).unwrap();
        let error = read_file(&link, 100).unwrap_err();
        assert_eq!(error.exit_code(), 2);
        assert!(error.to_string().contains("symbolic link"), "{error}");
    }
}
