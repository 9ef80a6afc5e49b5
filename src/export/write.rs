//! Writing an exported file without clobbering one that is already there.

use std::io::Write;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("文件已存在")]
    Exists,
    #[error("{}", crate::domain::text::io_message(.0))]
    Io(#[from] std::io::Error),
}

/// Writes a file, refusing to overwrite unless `force`. Without `force` the file is
/// created atomically (no race with another writer), and removed again if writing it
/// fails, so that a retry is not refused. With `force`, the new file is written beside
/// the old one under a temporary name and renamed over it only once complete: a failed
/// write (disk full, a killed process) leaves the old file as it was.
pub fn write_file(path: &Path, bytes: &[u8], force: bool) -> Result<(), WriteError> {
    if force {
        // A device or a pipe (`-o /dev/stdout`) is written to, never renamed over.
        if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
            return Ok(std::fs::OpenOptions::new().write(true).open(path)?.write_all(bytes)?);
        }
        return replace(path, bytes);
    }
    let mut file = match std::fs::OpenOptions::new().write(true).create_new(true).open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Err(WriteError::Exists),
        Err(e) => return Err(e.into()),
    };
    file.write_all(bytes).and_then(|()| file.sync_all()).map_err(|e| {
        let _ = std::fs::remove_file(path);
        WriteError::Io(e)
    })
}

/// Writes `bytes` to a temporary file in `path`'s directory, syncs it and renames it
/// over `path`.
fn replace(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let name = path.file_name().map_or("export".into(), |n| n.to_string_lossy().into_owned());
    let part = path.with_file_name(format!(".{name}.part-{}", std::process::id()));
    let written = (|| {
        let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(&part)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&part, path)
    })();
    written.map_err(|e| {
        let _ = std::fs::remove_file(&part);
        WriteError::Io(e)
    })
}
