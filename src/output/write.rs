//! Writing an output folder safely.
//!
//! The output path is checked and resolved once, before any work ([`prepare`]): a path that
//! could not be committed (a dangling link, a loop, a name ending in `.`, a mount point, a name
//! too long once staged) is refused with exit code 2. A symbolic link given as `--out` is kept:
//! the report is written into the folder it points to.
//!
//! A lock file beside the target (`.NAME.dcfoot-lock`, held with `flock`) serialises runs into
//! the same folder: a second run exits with code 2 at once rather than waiting, since a script
//! that waited would then replace the report the first run had just written.
//!
//! Everything is written into a staging folder beside the target, created exclusively with an
//! unpredictable name (`.NAME.dcfoot-tmp-XXXXXXXX`), then swapped into place at the very end:
//! on Linux in one atomic step (`renameat2` with `RENAME_EXCHANGE`), elsewhere (or on a file
//! system without it) by moving the previous folder aside to `.NAME.dcfoot-old-XXXXXXXX`, the
//! new one into place, then removing the old one. An interrupted run therefore leaves either
//! the previous or the new complete folder at the target, or (in the second way, between its
//! two renames) the previous one aside, which the next run moves back before anything else.
//! Leftover staging and old folders are removed only once a committed target exists, so the
//! only copy of a report is never deleted. The replaced folder's owner and mode are kept.
//!
//! A target folder that dcfoot did not create (it has no dcfoot `manifest.json`) is never
//! replaced without `--force`.

use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::error::{Error, InputError, Location, Result};

/// The marker dcfoot writes in every manifest it creates.
pub const GENERATOR: &str = "dcfoot";

/// Random characters in staging and old folder names.
const RANDOM_LEN: usize = 8;
/// The longest file name most file systems accept, in bytes.
const NAME_MAX: usize = 255;
/// Bytes that staging names add to the target's name (`.` + `.dcfoot-tmp-` + random).
const STAGED_EXTRA: usize = 1 + ".dcfoot-tmp-".len() + RANDOM_LEN;

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

/// What an existing folder's `manifest.json` says about it.
fn manifest_generator(dir: &Path) -> Result<bool> {
    let path = dir.join("manifest.json");
    if fs::symlink_metadata(&path).is_err() {
        return Ok(false);
    }
    let text = crate::fsio::read_text_file(&path, crate::fsio::MANIFEST_LIMIT, "")?;
    Ok(serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|value| {
            value
                .get("generator")
                .and_then(|g| g.as_str())
                .map(|g| g == GENERATOR)
        })
        .unwrap_or(false))
}

/// True if `dir` holds a manifest written by dcfoot (a `manifest.json` that is not a regular
/// file, or is too large, is not one).
pub fn is_dcfoot_folder(dir: &Path) -> bool {
    manifest_generator(dir).unwrap_or(false)
}

fn is_empty_dir(dir: &Path) -> bool {
    fs::read_dir(dir)
        .map(|mut entries| entries.next().is_none())
        .unwrap_or(false)
}

/// An error about `--out`.
fn out_error(out: &Path, message: impl Into<String>, hint: impl Into<String>) -> Error {
    InputError::new(message)
        .at(Location::Flag(format!("--out {}", out.display())))
        .hint(hint)
        .into()
}

/// True if the path as typed ends with a `.` or `..` component (`out/.`, `new/..`), which
/// [`Path::components`] would silently drop or which names no folder of its own.
fn ends_with_dot(out: &Path) -> bool {
    let text = out.to_string_lossy();
    let trimmed = text.trim_end_matches('/');
    let last = trimmed.rsplit('/').next().unwrap_or("");
    !trimmed.is_empty() && (last == "." || last == "..")
}

/// True if `dir` (an existing folder) is the root of a mounted file system, which cannot be
/// renamed.
fn is_mount_point(dir: &Path, parent: &Path) -> bool {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{AtFlags, CWD, StatxAttributes, StatxFlags, statx};
        if let Ok(stat) = statx(CWD, dir, AtFlags::empty(), StatxFlags::BASIC_STATS)
            && stat
                .stx_attributes_mask
                .contains(StatxAttributes::MOUNT_ROOT)
        {
            return stat.stx_attributes.contains(StatxAttributes::MOUNT_ROOT);
        }
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(dir), Ok(parent)) = (fs::metadata(dir), fs::metadata(parent)) {
            return dir.dev() != parent.dev() || dir.ino() == parent.ino();
        }
    }
    let _ = (dir, parent);
    false
}

/// A checked output folder: its resolved parent and name, and (once the parent exists) the
/// lock that keeps other runs out until the commit.
#[derive(Debug)]
pub struct Target {
    /// As the user typed it, for messages.
    out: PathBuf,
    /// The resolved folder the report goes to (a symbolic link's target).
    path: PathBuf,
    parent: PathBuf,
    name: String,
    lock: Option<Lock>,
}

/// Resolves `out` to the folder to write, refusing what could not be committed.
fn resolve(out: &Path) -> Result<PathBuf> {
    let typed = out.display().to_string();
    if out.as_os_str().is_empty() {
        return Err(out_error(
            out,
            "the output path is empty",
            "give a folder name",
        ));
    }
    if ends_with_dot(out) {
        return Err(out_error(
            out,
            format!("`{typed}` ends with `.` or `..`, which names no folder of its own"),
            "name the folder itself, e.g. `--out reports`",
        ));
    }
    match fs::symlink_metadata(out) {
        Ok(meta) if meta.file_type().is_symlink() => match fs::canonicalize(out) {
            Ok(real) if real.is_dir() => Ok(real),
            Ok(_) => Err(out_error(
                out,
                "this symbolic link points to something that is not a folder",
                "choose another --out",
            )),
            Err(error) => Err(out_error(
                out,
                format!(
                    "this is a symbolic link that cannot be followed (dangling or a loop: {error})"
                ),
                "fix or remove the link, or choose another --out",
            )),
        },
        Ok(meta) if meta.is_dir() => {
            fs::canonicalize(out).map_err(|error| Error::io("resolving", out, error))
        }
        Ok(_) => Err(
            InputError::new("the output path exists and is not a folder")
                .at(Location::Path(typed))
                .hint("choose another --out")
                .into(),
        ),
        Err(error)
            if matches!(
                error.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
            ) =>
        {
            resolve_new(out)
        }
        Err(error) => Err(out_error(
            out,
            format!("this path cannot be used ({error})"),
            "choose another --out",
        )),
    }
}

/// Resolves a target that does not exist yet: its nearest existing ancestor must be a folder
/// (following links), and the rest plain names.
fn resolve_new(out: &Path) -> Result<PathBuf> {
    let typed = out.display().to_string();
    let mut missing: Vec<&std::ffi::OsStr> = Vec::new();
    let mut base = PathBuf::from(".");
    for ancestor in out.ancestors() {
        if ancestor.as_os_str().is_empty() {
            break;
        }
        if fs::symlink_metadata(ancestor).is_ok() {
            base = ancestor.to_path_buf();
            break;
        }
        match ancestor.components().next_back() {
            Some(Component::Normal(name)) => missing.push(name),
            Some(Component::CurDir) => {}
            _ => {
                return Err(out_error(
                    out,
                    format!("`{typed}` goes up (`..`) from a folder that does not exist"),
                    "give the output folder's path without `..`",
                ));
            }
        }
    }
    match fs::metadata(&base) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => {
            return Err(InputError::new(format!(
                "`{}` is a file, so the output folder cannot be created in it",
                base.display()
            ))
            .at(Location::Path(typed))
            .hint("choose another --out")
            .into());
        }
        Err(error) => {
            return Err(out_error(
                out,
                format!(
                    "`{}` cannot be followed (a dangling link or a loop: {error})",
                    base.display()
                ),
                "fix the path, or choose another --out",
            ));
        }
    }
    let mut path = fs::canonicalize(&base).map_err(|error| Error::io("resolving", &base, error))?;
    for name in missing.into_iter().rev() {
        path.push(name);
    }
    Ok(path)
}

/// Checks `out` and resolves it once, before any work: see the module docs. Once its parent
/// folder exists, the returned target holds the lock on it, and an interrupted swap of an
/// earlier run has been undone.
pub fn prepare(out: &Path, force: bool) -> Result<Target> {
    let path = resolve(out)?;
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .ok_or_else(|| {
            out_error(
                out,
                "the output folder needs a name (not `.`, `..` or `/`)",
                "name the folder itself, e.g. `--out reports`",
            )
        })?;
    if name.len() + STAGED_EXTRA > NAME_MAX {
        return Err(out_error(
            out,
            format!(
                "the folder name is {} bytes long: at most {} fit, since the staging folder \
                 beside it adds {STAGED_EXTRA} bytes to the {NAME_MAX} a file name may have",
                name.len(),
                NAME_MAX - STAGED_EXTRA
            ),
            "choose a shorter --out",
        ));
    }
    let parent = path
        .parent()
        .map_or_else(|| PathBuf::from("/"), Path::to_path_buf);
    let mut target = Target {
        out: out.to_path_buf(),
        path,
        parent,
        name,
        lock: None,
    };
    // Before the lock, which would write a file beside a mount point.
    target.check_mount_point()?;
    if target.parent.is_dir() {
        target.lock()?;
    }
    target.check(force)?;
    Ok(target)
}

/// Checks that `target` may be written (before any work is done); see [`prepare`].
pub fn check_target(target: &Path, force: bool) -> Result<()> {
    prepare(target, force).map(drop)
}

impl Target {
    fn check(&self, force: bool) -> Result<()> {
        let Ok(meta) = fs::symlink_metadata(&self.path) else {
            return Ok(());
        };
        let typed = self.out.display().to_string();
        if !meta.is_dir() {
            return Err(
                InputError::new("the output path exists and is not a folder")
                    .at(Location::Path(typed))
                    .hint("choose another --out")
                    .into(),
            );
        }
        self.check_mount_point()?;
        let ours = manifest_generator(&self.path)?;
        if !force && !ours && !is_empty_dir(&self.path) {
            return Err(InputError::new(
                "refusing to replace this folder: it was not created by dcfoot (no dcfoot \
                 manifest.json)",
            )
            .at(Location::Path(typed))
            .hint("choose another --out, or add --force to replace it")
            .into());
        }
        Ok(())
    }

    fn check_mount_point(&self) -> Result<()> {
        if self.path.is_dir() && is_mount_point(&self.path, &self.parent) {
            return Err(out_error(
                &self.out,
                "this folder is a mount point, so it cannot be replaced by another folder",
                format!(
                    "write into a folder inside it, e.g. `--out {}/report`",
                    self.out.display()
                ),
            ));
        }
        Ok(())
    }

    fn prefix(&self, kind: &str) -> String {
        format!(".{}.dcfoot-{kind}-", self.name)
    }

    /// Takes the lock, then undoes an interrupted swap and removes leftovers.
    fn lock(&mut self) -> Result<()> {
        if self.lock.is_none() {
            let path = self.parent.join(format!(".{}.dcfoot-lock", self.name));
            self.lock = Some(Lock::take(&path, &self.out)?);
            self.recover()?;
        }
        Ok(())
    }

    /// Leftover folders of earlier runs of this target: (staging, old).
    fn leftovers(&self) -> (Vec<PathBuf>, Vec<PathBuf>) {
        let (tmp, old) = (self.prefix("tmp"), self.prefix("old"));
        let (mut staging, mut aside) = (Vec::new(), Vec::new());
        let Ok(entries) = fs::read_dir(&self.parent) else {
            return (staging, aside);
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let is_dir = entry.file_type().is_ok_and(|kind| kind.is_dir());
            if !is_dir {
                continue;
            }
            if name.starts_with(&tmp) {
                staging.push(entry.path());
            } else if name.starts_with(&old) {
                aside.push(entry.path());
            }
        }
        staging.sort();
        aside.sort();
        (staging, aside)
    }

    /// Run under the lock, so no other run is using any of these folders. With no target,
    /// a previous folder moved aside by an interrupted swap is moved back; only then, and
    /// only once a target exists, are leftovers removed (never the only copy).
    fn recover(&self) -> Result<()> {
        let (staging, aside) = self.leftovers();
        let exists = fs::symlink_metadata(&self.path).is_ok();
        if !exists {
            // The newest folder moved aside that holds anything (an empty one is a
            // placeholder that was never filled).
            let newest = aside
                .iter()
                .filter(|dir| !is_empty_dir(dir))
                .max_by_key(|dir| fs::metadata(dir).and_then(|meta| meta.modified()).ok());
            if let Some(previous) = newest {
                fs::rename(previous, &self.path)
                    .map_err(|error| Error::io("restoring", &self.path, error))?;
            }
        }
        for dir in staging {
            let _ = fs::remove_dir_all(dir);
        }
        if fs::symlink_metadata(&self.path).is_ok() {
            for dir in aside.iter().filter(|dir| dir.exists()) {
                let _ = fs::remove_dir_all(dir);
            }
        }
        Ok(())
    }

    /// Creates the parent folder if needed and an empty staging folder in it. No file is
    /// written before this.
    pub fn stage(mut self) -> Result<Staging> {
        if !self.parent.exists() {
            fs::create_dir_all(&self.parent)
                .map_err(|error| Error::io("creating folder", &self.parent, error))?;
        }
        self.lock()?;
        let prefix = self.prefix("tmp");
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).rand_bytes(RANDOM_LEN);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // As `mkdir` would make it (the umask applies), not tempfile's private default.
            builder.permissions(fs::Permissions::from_mode(0o777));
        }
        let staging = builder
            .tempdir_in(&self.parent)
            .map_err(|error| Error::io("creating folder", &self.parent, error))?;
        Ok(Staging {
            dir: Some(staging),
            target: self,
        })
    }
}

/// The lock on one output folder: an exclusive `flock` on `.NAME.dcfoot-lock`, removed when
/// released.
#[derive(Debug)]
struct Lock {
    path: PathBuf,
    #[cfg(unix)]
    _file: std::os::fd::OwnedFd,
}

impl Lock {
    #[cfg(unix)]
    fn take(path: &Path, out: &Path) -> Result<Lock> {
        use rustix::fs::{FlockOperation, Mode, OFlags, flock, fstat, lstat, open};
        use rustix::io::Errno;
        loop {
            // Never follow a planted link, never block on a planted FIFO.
            let file = match open(
                path,
                OFlags::RDONLY
                    | OFlags::CREATE
                    | OFlags::NOFOLLOW
                    | OFlags::NONBLOCK
                    | OFlags::CLOEXEC,
                Mode::from_raw_mode(0o644),
            ) {
                Ok(file) => file,
                Err(Errno::LOOP) => {
                    return Err(out_error(
                        out,
                        format!("the lock file `{}` is a symbolic link", path.display()),
                        "remove it (dcfoot never creates it as a link)",
                    ));
                }
                Err(error) => return Err(Error::io("locking", path, error.into())),
            };
            let held = fstat(&file).map_err(|error| Error::io("locking", path, error.into()))?;
            if rustix::fs::FileType::from_raw_mode(held.st_mode)
                != rustix::fs::FileType::RegularFile
            {
                return Err(out_error(
                    out,
                    format!("the lock file `{}` is not a regular file", path.display()),
                    "remove it",
                ));
            }
            match flock(&file, FlockOperation::NonBlockingLockExclusive) {
                Ok(()) => {}
                Err(Errno::WOULDBLOCK) => {
                    return Err(out_error(
                        out,
                        "another dcfoot run is writing this output folder",
                        "wait for it to finish, or choose another --out",
                    ));
                }
                Err(error) => return Err(Error::io("locking", path, error.into())),
            }
            // The lock file is removed when released: if it was replaced between the open and
            // the lock, the lock is on a file no other run will see; try again.
            match lstat(path) {
                Ok(now) if now.st_dev == held.st_dev && now.st_ino == held.st_ino => {
                    return Ok(Lock {
                        path: path.to_path_buf(),
                        _file: file,
                    });
                }
                _ => continue,
            }
        }
    }

    #[cfg(not(unix))]
    fn take(path: &Path, _out: &Path) -> Result<Lock> {
        Ok(Lock {
            path: path.to_path_buf(),
        })
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still held (the file is closed after this), see `Lock::take`.
        let _ = fs::remove_file(&self.path);
    }
}

/// A staging folder beside the target. Files are written into it as soon as they are ready
/// (from any thread), then [`Staging::commit`] swaps it into place. Dropped without a commit
/// (an error, a panic), it is removed.
#[derive(Debug)]
pub struct Staging {
    dir: Option<tempfile::TempDir>,
    target: Target,
}

impl Staging {
    /// Checks the target and creates an empty staging folder for it.
    pub fn create(target: &Path, force: bool) -> Result<Staging> {
        prepare(target, force)?.stage()
    }

    fn path(&self) -> &Path {
        self.dir.as_ref().map_or(Path::new(""), |dir| dir.path())
    }

    /// Writes one file into the staging folder (safe to call from several threads).
    pub fn write(&self, file: &OutFile) -> Result<()> {
        let relative = Path::new(&file.path);
        let safe = relative
            .components()
            .all(|component| matches!(component, Component::Normal(_)));
        if !safe {
            return Err(Error::Other(format!(
                "internal error: refusing to write outside the output folder: {}",
                file.path
            )));
        }
        let path = self.path().join(relative);
        if let Some(folder) = path.parent() {
            fs::create_dir_all(folder)
                .map_err(|error| Error::io("creating folder", folder, error))?;
        }
        fs::write(&path, &file.bytes).map_err(|error| Error::io("writing", &path, error))
    }

    /// Swaps the staging folder into place (see the module docs).
    pub fn commit(mut self) -> Result<()> {
        let Some(dir) = self.dir.take() else {
            return Err(Error::Other("internal error: no staging folder".into()));
        };
        let staging = dir.keep();
        let result = self.swap(&staging);
        if result.is_err() {
            let _ = fs::remove_dir_all(&staging);
        }
        result
    }

    fn swap(&self, staging: &Path) -> Result<()> {
        let target = &self.target.path;
        let Ok(previous) = fs::symlink_metadata(target) else {
            return fs::rename(staging, target)
                .map_err(|error| Error::io("moving into place", target, error));
        };
        keep_owner_and_mode(&previous, staging);
        #[cfg(target_os = "linux")]
        {
            use rustix::fs::{CWD, RenameFlags, renameat_with};
            use rustix::io::Errno;
            match renameat_with(CWD, staging, CWD, target, RenameFlags::EXCHANGE) {
                Ok(()) => {
                    // The previous folder now has the staging folder's name.
                    let _ = fs::remove_dir_all(staging);
                    return Ok(());
                }
                // Not supported by this kernel or file system: swap in two steps.
                Err(Errno::INVAL | Errno::NOSYS | Errno::NOTSUP) => {}
                Err(error) => return Err(Error::io("moving into place", target, error.into())),
            }
        }
        self.swap_in_two_steps(staging)
    }

    /// The swap where `RENAME_EXCHANGE` is missing: the previous folder is moved aside, the
    /// new one into place, then the previous one removed. Interrupted between the two renames,
    /// the previous folder is moved back by the next run ([`Target::recover`]).
    fn swap_in_two_steps(&self, staging: &Path) -> Result<()> {
        let target = &self.target.path;
        // An empty placeholder with an unpredictable name, replaced by the previous folder.
        let aside = tempfile::Builder::new()
            .prefix(&self.target.prefix("old"))
            .rand_bytes(RANDOM_LEN)
            .tempdir_in(&self.target.parent)
            .map_err(|error| Error::io("creating folder", &self.target.parent, error))?
            .keep();
        if let Err(error) = fs::rename(target, &aside) {
            let _ = fs::remove_dir(&aside);
            return Err(Error::io("moving aside", target, error));
        }
        if let Err(error) = fs::rename(staging, target) {
            let _ = fs::rename(&aside, target);
            return Err(Error::io("moving into place", target, error));
        }
        let _ = fs::remove_dir_all(&aside);
        Ok(())
    }
}

/// Gives the new folder the owner and mode of the one it replaces (as far as allowed).
fn keep_owner_and_mode(previous: &fs::Metadata, staging: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(now) = fs::metadata(staging)
            && (now.uid() != previous.uid() || now.gid() != previous.gid())
        {
            let _ = std::os::unix::fs::chown(staging, Some(previous.uid()), Some(previous.gid()));
        }
    }
    let _ = fs::set_permissions(staging, previous.permissions());
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

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn the_two_step_swap_replaces_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out");
        write_folder(&target, &[manifest(), OutFile::text("a.csv", "1")], false).unwrap();
        let mut staging = Staging::create(&target, false).unwrap();
        staging.write(&manifest()).unwrap();
        staging.write(&OutFile::text("b.csv", "2")).unwrap();
        let path = staging.dir.take().unwrap().keep();
        staging.swap_in_two_steps(&path).unwrap();
        drop(staging);
        assert!(target.join("b.csv").is_file() && !target.join("a.csv").exists());
        assert_eq!(names(dir.path()), ["out"]);
    }

    #[test]
    fn an_interrupted_two_step_swap_is_undone_before_anything_else() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out");
        // Killed between the two renames: no target, the previous folder aside, and the
        // staging folder (complete or not) beside it.
        let aside = dir.path().join(".out.dcfoot-old-AbCdEfGh");
        fs::create_dir(&aside).unwrap();
        fs::write(aside.join("manifest.json"), "{\"generator\": \"dcfoot\"}").unwrap();
        fs::write(aside.join("previous.csv"), "kept").unwrap();
        fs::create_dir(dir.path().join(".out.dcfoot-tmp-12345678")).unwrap();
        check_target(&target, false).unwrap();
        assert_eq!(
            fs::read_to_string(target.join("previous.csv")).unwrap(),
            "kept"
        );
        assert_eq!(names(dir.path()), ["out"]);
    }

    #[test]
    fn a_second_run_is_refused_while_the_first_holds_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out");
        let first = prepare(&target, false).unwrap();
        let error = prepare(&target, false).unwrap_err();
        assert_eq!(error.exit_code(), 2);
        assert!(error.to_string().contains("another dcfoot run"), "{error}");
        assert!(error.to_string().contains("--out"), "{error}");
        drop(first);
        assert!(names(dir.path()).is_empty(), "the lock file is removed");
        write_folder(&target, &[manifest()], false).unwrap();
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
