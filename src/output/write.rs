//! Writing an output folder safely.
//!
//! Everything is written into a staging folder next to the target (`.NAME.dcfoot-tmp-PID`),
//! then swapped into place with renames at the very end. An interrupted run therefore leaves
//! the previous output untouched (and its staging folder is removed by the next run). A target
//! folder that dcfoot did not create (it has no dcfoot `manifest.json`) is never replaced
//! without `--force`.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, InputError, Location, Result};

/// The marker dcfoot writes in every manifest it creates.
pub const GENERATOR: &str = "dcfoot";

/// A file to write, relative to the output folder.
#[derive(Debug, Clone, PartialEq)]
pub struct OutFile {
    /// Path relative to the output folder (forward slashes).
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

impl OutFile {
    /// A file from text.
    pub fn text(path: impl Into<String>, text: impl Into<String>) -> Self {
        OutFile {
            path: path.into(),
            bytes: text.into().into_bytes(),
        }
    }
}

/// True if `dir` holds a manifest written by dcfoot.
pub fn is_dcfoot_folder(dir: &Path) -> bool {
    let Ok(text) = fs::read_to_string(dir.join("manifest.json")) else {
        return false;
    };
    serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|value| {
            value
                .get("generator")
                .and_then(|g| g.as_str())
                .map(|g| g == GENERATOR)
        })
        .unwrap_or(false)
}

fn is_empty_dir(dir: &Path) -> bool {
    fs::read_dir(dir)
        .map(|mut entries| entries.next().is_none())
        .unwrap_or(false)
}

/// Checks that `target` may be written (before any work is done).
pub fn check_target(target: &Path, force: bool) -> Result<()> {
    if target.exists() {
        if !target.is_dir() {
            return Err(
                InputError::new("the output path exists and is not a folder")
                    .at(Location::Path(target.display().to_string()))
                    .hint("choose another --out")
                    .into(),
            );
        }
        if !force && !is_empty_dir(target) && !is_dcfoot_folder(target) {
            return Err(InputError::new(
                "refusing to replace this folder: it was not created by dcfoot (no dcfoot \
                 manifest.json)",
            )
            .at(Location::Path(target.display().to_string()))
            .hint("choose another --out, or add --force to replace it")
            .into());
        }
    } else if let Some(file) = target
        .ancestors()
        .skip(1)
        .take_while(|ancestor| !ancestor.as_os_str().is_empty())
        .find(|ancestor| ancestor.exists())
        .filter(|ancestor| !ancestor.is_dir())
    {
        return Err(InputError::new(format!(
            "`{}` is a file, so the output folder cannot be created in it",
            file.display()
        ))
        .at(Location::Path(target.display().to_string()))
        .hint("choose another --out")
        .into());
    }
    Ok(())
}

/// Parent folder and name of the target, with `.` for a bare name.
fn split(target: &Path) -> Result<(PathBuf, String)> {
    let name = target
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .filter(|name| !name.is_empty() && name != "." && name != "..")
        .ok_or_else(|| {
            Error::from(
                InputError::new("the output folder needs a name (not `.`, `..` or `/`)")
                    .at(Location::Path(target.display().to_string())),
            )
        })?;
    let parent = target
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    Ok((parent, name))
}

/// Removes staging folders left by interrupted runs whose process is gone.
fn clean_stale(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let prefixes = [
        format!(".{name}.dcfoot-tmp-"),
        format!(".{name}.dcfoot-old-"),
    ];
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = prefixes
            .iter()
            .find_map(|prefix| file_name.strip_prefix(prefix.as_str()))
        else {
            continue;
        };
        let alive = pid
            .parse::<u32>()
            .map(|pid| pid == std::process::id() || Path::new(&format!("/proc/{pid}")).exists())
            .unwrap_or(true);
        let proc_available = Path::new("/proc/self").exists();
        if proc_available && !alive {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// A staging folder beside the target. Files are written into it as soon as they are ready
/// (from any thread), then [`Staging::commit`] swaps it into place. Dropped without a commit
/// (an error, a panic), it is removed.
#[derive(Debug)]
pub struct Staging {
    target: PathBuf,
    parent: PathBuf,
    name: String,
    path: PathBuf,
    committed: bool,
}

impl Staging {
    /// Checks the target and creates an empty staging folder for it.
    pub fn create(target: &Path, force: bool) -> Result<Staging> {
        check_target(target, force)?;
        let (parent, name) = split(target)?;
        if !parent.exists() {
            fs::create_dir_all(&parent)
                .map_err(|error| Error::io("creating folder", &parent, error))?;
        }
        clean_stale(&parent, &name);
        let path = parent.join(format!(".{name}.dcfoot-tmp-{}", std::process::id()));
        if path.exists() {
            fs::remove_dir_all(&path).map_err(|error| Error::io("removing", &path, error))?;
        }
        fs::create_dir_all(&path).map_err(|error| Error::io("creating folder", &path, error))?;
        Ok(Staging {
            target: target.to_path_buf(),
            parent,
            name,
            path,
            committed: false,
        })
    }

    /// Writes one file into the staging folder (safe to call from several threads).
    pub fn write(&self, file: &OutFile) -> Result<()> {
        let relative = Path::new(&file.path);
        let safe = relative
            .components()
            .all(|component| matches!(component, std::path::Component::Normal(_)));
        if !safe {
            return Err(Error::Other(format!(
                "internal error: refusing to write outside the output folder: {}",
                file.path
            )));
        }
        let path = self.path.join(relative);
        if let Some(folder) = path.parent() {
            fs::create_dir_all(folder)
                .map_err(|error| Error::io("creating folder", folder, error))?;
        }
        fs::write(&path, &file.bytes).map_err(|error| Error::io("writing", &path, error))
    }

    /// Swaps the staging folder into place: target → old, staging → target, old removed.
    pub fn commit(mut self) -> Result<()> {
        let old = self
            .parent
            .join(format!(".{}.dcfoot-old-{}", self.name, std::process::id()));
        let had_target = self.target.exists();
        if had_target {
            fs::rename(&self.target, &old)
                .map_err(|error| Error::io("moving aside", &self.target, error))?;
        }
        if let Err(error) = fs::rename(&self.path, &self.target) {
            if had_target {
                let _ = fs::rename(&old, &self.target);
            }
            return Err(Error::io("moving into place", &self.target, error));
        }
        self.committed = true;
        if had_target {
            let _ = fs::remove_dir_all(&old);
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.path);
        }
    }
}

/// Writes `files` into `target`, replacing it atomically (see the module docs).
pub fn write_folder(target: &Path, files: &[OutFile], force: bool) -> Result<()> {
    let staging = Staging::create(target, force)?;
    for file in files {
        staging.write(file)?;
    }
    staging.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest() -> OutFile {
        OutFile::text("manifest.json", "{\"generator\": \"dcfoot\"}")
    }

    #[test]
    fn writes_and_replaces_a_dcfoot_folder() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out");
        write_folder(
            &target,
            &[manifest(), OutFile::text("a/b.csv", "x\n")],
            false,
        )
        .unwrap();
        assert_eq!(fs::read_to_string(target.join("a/b.csv")).unwrap(), "x\n");
        write_folder(&target, &[manifest(), OutFile::text("c.csv", "y\n")], false).unwrap();
        assert!(!target.join("a/b.csv").exists());
        assert!(target.join("c.csv").exists());
        // Nothing else is left beside the target.
        let names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec!["out".to_string()]);
    }

    #[test]
    fn refuses_a_foreign_folder_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("mine");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("thesis.docx"), "precious").unwrap();
        let error = write_folder(&target, &[manifest()], false).unwrap_err();
        assert_eq!(error.exit_code(), 2);
        assert!(error.to_string().contains("--force"));
        assert_eq!(
            fs::read_to_string(target.join("thesis.docx")).unwrap(),
            "precious"
        );
        write_folder(&target, &[manifest()], true).unwrap();
        assert!(!target.join("thesis.docx").exists());
    }

    #[test]
    fn refuses_paths_outside_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out");
        let error = write_folder(&target, &[OutFile::text("../escape.txt", "x")], false);
        assert!(error.is_err());
        assert!(!dir.path().join("escape.txt").exists());
        assert!(!target.exists());
    }

    #[test]
    fn refuses_a_folder_inside_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a-file");
        fs::write(&file, "x").unwrap();
        let error = check_target(&file.join("out"), false).unwrap_err();
        assert_eq!(error.exit_code(), 2);
        assert!(error.to_string().contains("is a file"), "{error}");
        assert!(check_target(&dir.path().join("new/out"), false).is_ok());
    }

    #[test]
    fn removes_stale_staging_folders() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".out.dcfoot-tmp-999999999");
        fs::create_dir(&stale).unwrap();
        write_folder(&dir.path().join("out"), &[manifest()], false).unwrap();
        if Path::new("/proc/self").exists() {
            assert!(!stale.exists());
        }
    }
}
