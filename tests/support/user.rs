//! Running netwerk as an ordinary user when the tests run as root (as in
//! a CI container), where permission bits are not enforced and a test of
//! "permission denied" would prove nothing.

use std::os::unix::fs::chown;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Command;

/// The user and group ids of `nobody`/`nogroup` on Linux: a user that
/// owns nothing. It need not be in `/etc/passwd`: netwerk finds its home
/// from `$HOME`.
const NOBODY: u32 = 65534;

/// Whether this test process runs as root.
pub fn is_root() -> bool {
    // SAFETY: geteuid cannot fail and touches no memory.
    unsafe { libc::geteuid() == 0 }
}

/// `netwerk` with a clean environment ([`super::env::netwerk`]) — run as
/// an unprivileged user when we are root. That user is handed `tree` (the
/// test's temp dir, recursively) so it works there as the real user would,
/// and runs a copy of the binary placed in `tree`, in case the build
/// directory is not reachable for it. Not root: the command as it is.
pub fn unprivileged_netwerk(tree: &Path, home: &Path) -> Command {
    if !is_root() {
        return super::env::netwerk(home);
    }
    let bin = tree.join("netwerk-unprivileged");
    // Copied by a child process: a copy made here would hold the file open
    // for writing while another test's thread forks, and that child's
    // inherited descriptor makes running the copy fail "Text file busy".
    let copied = Command::new("install")
        .args(["-m", "0755"])
        .arg(super::netwerk_bin())
        .arg(&bin)
        .status()
        .unwrap_or_else(|e| panic!("running install: {e}"));
    assert!(copied.success(), "copying netwerk to {}", bin.display());
    give(tree);
    let mut cmd = super::env::command(&bin, home);
    // std drops root's supplementary groups along with the uid.
    cmd.uid(NOBODY).gid(NOBODY);
    cmd
}

/// Hands `path` and everything below it to the unprivileged user.
fn give(path: &Path) {
    chown(path, Some(NOBODY), Some(NOBODY))
        .unwrap_or_else(|e| panic!("chown {}: {e}", path.display()));
    if path.is_dir() && !path.is_symlink() {
        for entry in std::fs::read_dir(path).unwrap() {
            give(&entry.unwrap().path());
        }
    }
}
