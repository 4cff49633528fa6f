//! Where netwerk keeps things.

use std::path::{Path, PathBuf};

/// The data directory: `--data`, else `$NETWERK_DATA`, else the XDG data
/// dir (`~/.local/share/netwerk`).
pub fn data_dir(flag: Option<&Path>) -> Result<PathBuf, String> {
    if let Some(dir) = flag {
        return Ok(dir.to_path_buf());
    }
    if let Some(dir) = std::env::var_os("NETWERK_DATA").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    use etcetera::BaseStrategy;
    etcetera::choose_base_strategy()
        .map(|s| s.data_dir().join("netwerk"))
        .map_err(|e| format!("cannot find a home directory for the data ({e}); pass --data DIR or set NETWERK_DATA"))
}

/// The state directory (`~/.local/state/netwerk`): the clipboard's
/// last-resort note file lives here.
pub fn state_dir() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    let strategy = etcetera::choose_base_strategy().ok()?;
    Some(
        strategy
            .state_dir()
            .unwrap_or_else(|| strategy.data_dir())
            .join("netwerk"),
    )
}
