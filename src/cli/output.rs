//! Output files: never written over an input, always replaced whole.
//!
//! Every file the command line writes goes through this module:
//! - [`refuse_inputs`] refuses an output path that is one of the inputs — the same file,
//!   not only the same name (a symbolic or hard link to the input, `./x.json` for
//!   `x.json`), compared by device and inode where the platform has them;
//! - [`write_file`] and [`AtomicFile`] write to a temporary file in the output's own
//!   folder, flush it to disk and rename it into place, so that a failed write (a full
//!   disk, an interrupted run) leaves the old file as it was and never a half-written
//!   or empty one.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use super::{CliError, display};

/// Refuses `output` when it is the same file as any of `inputs` (`-`, stdin, is never
/// a file). An output that does not exist yet cannot be an input.
pub(crate) fn refuse_inputs<'a>(
    output: &Path,
    inputs: impl IntoIterator<Item = &'a Path>,
) -> Result<(), CliError> {
    if !output.exists() {
        return Ok(());
    }
    for input in inputs {
        if input == Path::new("-") {
            continue;
        }
        if same_file::is_same_file(output, input).unwrap_or(false) {
            return Err(CliError::usage(format!(
                "the output {} is the input {}; refusing to write over an input (choose another -o path)",
                output.display(),
                display(input)
            )));
        }
    }
    Ok(())
}

/// A file being written: a temporary file in the destination's folder, renamed over
/// the destination by [`AtomicFile::commit`]. Dropped without a commit, the temporary
/// file is removed and the destination is untouched.
///
/// A destination that exists and is not a regular file (`/dev/null`, `/dev/stdout`, a
/// named pipe) is written directly: renaming over it would replace a device with a
/// plain file.
pub(crate) struct AtomicFile {
    out: Out,
    dest: PathBuf,
}

enum Out {
    Temporary(BufWriter<tempfile::NamedTempFile>),
    Direct(BufWriter<std::fs::File>),
}

impl AtomicFile {
    /// Starts writing `dest`.
    pub(crate) fn create(dest: &Path) -> Result<Self, CliError> {
        if std::fs::metadata(dest).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(dest)
                .map_err(|e| cannot_write(dest, &e))?;
            return Ok(AtomicFile {
                out: Out::Direct(BufWriter::with_capacity(1 << 16, file)),
                dest: dest.to_path_buf(),
            });
        }
        let dir = match dest.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(|e| cannot_write(dest, &e))?;
        Ok(AtomicFile {
            out: Out::Temporary(BufWriter::with_capacity(1 << 16, tmp)),
            dest: dest.to_path_buf(),
        })
    }

    /// Where the content goes until the commit.
    pub(crate) fn writer(&mut self) -> &mut dyn Write {
        match &mut self.out {
            Out::Temporary(w) => w,
            Out::Direct(w) => w,
        }
    }

    /// Flushes the content to disk and renames it over the destination, keeping the
    /// destination's permissions when it existed.
    pub(crate) fn commit(self) -> Result<(), CliError> {
        let dest = self.dest;
        let tmp = match self.out {
            Out::Temporary(w) => w,
            Out::Direct(mut w) => return w.flush().map_err(|e| cannot_write(&dest, &e)),
        };
        let tmp = tmp
            .into_inner()
            .map_err(|e| cannot_write(&dest, e.error()))?;
        let permissions = match std::fs::metadata(&dest) {
            Ok(m) => Some(m.permissions()),
            Err(_) => default_permissions(),
        };
        if let Some(p) = permissions {
            tmp.as_file()
                .set_permissions(p)
                .map_err(|e| cannot_write(&dest, &e))?;
        }
        tmp.as_file()
            .sync_all()
            .map_err(|e| cannot_write(&dest, &e))?;
        tmp.persist(&dest)
            .map_err(|e| cannot_write(&dest, &e.error))?;
        Ok(())
    }
}

/// Permissions of a new output file: readable by all, as a plain file create gives
/// under the usual umask (the temporary file is private to its owner).
#[cfg(unix)]
fn default_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions() -> Option<std::fs::Permissions> {
    None
}

fn cannot_write(dest: &Path, e: &io::Error) -> CliError {
    CliError::usage(format!("cannot write {}: {e}", dest.display()))
}

/// Writes a whole file atomically (see [`AtomicFile`]).
pub(crate) fn write_file(dest: &Path, content: &[u8]) -> Result<(), CliError> {
    let mut file = AtomicFile::create(dest)?;
    file.writer()
        .write_all(content)
        .map_err(|e| cannot_write(dest, &e))?;
    file.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_file_by_any_name_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in.json");
        std::fs::write(&input, "{}").unwrap();
        let other = dir.path().join("out.json");
        assert!(refuse_inputs(&other, [input.as_path()]).is_ok());
        assert!(refuse_inputs(&input, [input.as_path()]).is_err());
        let dotted = dir.path().join(".").join("in.json");
        assert!(refuse_inputs(&dotted, [input.as_path()]).is_err());
        #[cfg(unix)]
        {
            let link = dir.path().join("link.json");
            std::os::unix::fs::symlink(&input, &link).unwrap();
            assert!(refuse_inputs(&link, [input.as_path()]).is_err());
            let hard = dir.path().join("hard.json");
            std::fs::hard_link(&input, &hard).unwrap();
            assert!(refuse_inputs(&hard, [input.as_path()]).is_err());
        }
        assert!(refuse_inputs(&input, [Path::new("-")]).is_ok());
    }

    #[test]
    fn written_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("out.json");
        std::fs::write(&dest, "old").unwrap();
        {
            let mut f = AtomicFile::create(&dest).unwrap();
            f.writer().write_all(b"half").unwrap();
            // dropped without commit
        }
        assert_eq!(std::fs::read_to_string(&dest).unwrap(), "old");
        write_file(&dest, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&dest).unwrap(), "new");
        // No temporary file is left behind.
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
        // A folder that does not exist is an error, not a panic.
        assert!(write_file(&dir.path().join("no/such/dir/x.json"), b"x").is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_is_written_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("out.pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo here: nothing to check
        }
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read(&fifo).unwrap())
        };
        write_file(&fifo, b"through the pipe").unwrap();
        assert_eq!(reader.join().unwrap(), b"through the pipe");
        let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
        assert!(kind.is_fifo(), "the pipe was replaced by {kind:?}");
        // Nothing else was left in the folder.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
