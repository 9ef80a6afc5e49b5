//! Writing an exported file without clobbering one that is already there.

use std::io::Write;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("文件已存在")]
    Exists,
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Writes a file, refusing to overwrite unless `force`. Without `force` the file is
/// created atomically (no race with another writer), and removed again if writing it
/// fails, so that a retry is not refused.
pub fn write_file(path: &Path, bytes: &[u8], force: bool) -> Result<(), WriteError> {
    if force {
        return Ok(std::fs::write(path, bytes)?);
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
