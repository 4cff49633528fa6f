//! Two machines, one network, through git. `sync init` makes the data
//! directory a repository whose data files git merges with netwerk's own
//! record-level merge (`netwerk merge-driver`, see [`merge`]);
//! `sync` commits what changed here, merges what the remote has, and
//! pushes. Only ever runs `git` ([`git`]).

pub mod foreign;
pub mod git;
pub mod merge;

use crate::disk::atomic;
use crate::store::{Store, StoreError, lock::WriteLock};
use git::Git;
use merge::Noted;
use std::path::{Path, PathBuf};

/// The merge driver's name in `.gitattributes` and git's config.
const DRIVER: &str = "netwerk";

/// Why a sync stopped. What was done before is said with it.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// `git` is not on the PATH.
    #[error("git is not installed (netwerk syncs through git; install it, e.g. apt install git)")]
    NoGit,
    /// The data directory is not in a git repository.
    #[error("{} is not a git repository yet: run `netwerk sync init`", .0.display())]
    NotRepo(PathBuf),
    /// The merge driver is not set up on this machine.
    #[error("{0}: run `netwerk sync init` (once on each machine)")]
    NotInitialised(String),
    /// A merge someone started by hand is not finished.
    #[error("a git merge is in progress in {}: finish it (git commit) or undo it (git merge --abort), then sync again", .0.display())]
    MergeInProgress(PathBuf),
    /// A git command failed.
    #[error("{what} failed: {said}")]
    Git {
        /// The command.
        what: String,
        /// What git said.
        said: String,
    },
    /// The remote could not be reached.
    #[error("{done}cannot reach {remote}: {said}")]
    Offline {
        /// What was done before ("Committed …; ").
        done: String,
        /// The remote.
        remote: String,
        /// What git said.
        said: String,
    },
    /// The remote's changes could not be merged; the merge was undone.
    #[error("{done}could not merge {remote}, so nothing of it was taken: {said}")]
    Unmerged {
        /// What was done before.
        done: String,
        /// The remote branch.
        remote: String,
        /// What git (and the merge driver) said.
        said: String,
    },
    /// A data file does not read: syncing it would spread the damage.
    #[error("{0}; fix it first (nothing was committed or synced)")]
    Unreadable(StoreError),
    /// The data directory refused.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What `sync init` did.
#[derive(Debug)]
pub struct Initialised {
    /// Each change made, in words; empty when all was in place.
    pub changes: Vec<String>,
    /// Whether the repository has a remote to sync with.
    pub remote: bool,
}

/// What `sync` did.
#[derive(Debug, Default)]
pub struct Synced {
    /// The commit made of local changes, if any ("netwerk: 3 contacts …").
    pub committed: Option<String>,
    /// The remote branch synced with; `None` when there is no remote.
    pub remote: Option<String>,
    /// What came in from it ("2 contacts, 1 history entry"), if anything.
    pub received: Option<String>,
    /// Whether anything was pushed.
    pub pushed: bool,
    /// Records the merge left new notes on.
    pub noted: Vec<Noted>,
}

/// The lines of `.gitattributes` that send the data files to the driver.
fn attributes() -> Vec<String> {
    merge::data_files()
        .map(|f| format!("/{f} merge={DRIVER}"))
        .collect()
}

/// The lines of `.gitignore`: what each machine keeps to itself.
const IGNORED: [&str; 4] = ["/.cache/", "/.lock", "/.*.tmp", "/last-note.txt"];

/// `netwerk sync init`: makes the data directory a git repository (if it
/// is in none), writes `.gitattributes` and `.gitignore`, and registers
/// the merge driver as `exe merge-driver %O %A %B %P` in the
/// repository's config. Changes only what is missing, so running it
/// again (on each machine, after a clone, after moving the binary) is
/// safe.
pub fn init(store: &Store, exe: &Path) -> Result<Initialised, SyncError> {
    let git = Git::new(store.dir())?;
    let mut changes = Vec::new();
    if !git.run(&["rev-parse", "--show-toplevel"])?.ok {
        git.ok(&["init", "--quiet"])?;
        changes.push(format!("made {} a git repository", store.dir().display()));
    }
    changes.extend(tighten(store)?);
    let header = "# netwerk: the data files merge record by record (netwerk sync init)";
    if add_lines(&store.path(".gitattributes"), header, &attributes())? {
        changes.push("wrote .gitattributes (the data files merge with netwerk's driver)".into());
    }
    let header = "# netwerk: what each machine keeps to itself";
    let ignored: Vec<String> = IGNORED.iter().map(|s| s.to_string()).collect();
    if add_lines(&store.path(".gitignore"), header, &ignored)? {
        changes.push("wrote .gitignore (the cache, the lock and temp files)".into());
    }
    let exe = exe.to_string_lossy();
    let quoted = shlex::try_quote(&exe).map_err(|_| SyncError::Git {
        what: "git config".into(),
        said: format!("the path {exe} cannot be written in git's config"),
    })?;
    let settings = [
        (
            "merge.netwerk.name",
            "netwerk: records merged by id".to_owned(),
        ),
        (
            "merge.netwerk.driver",
            format!("{quoted} merge-driver %O %A %B %P"),
        ),
    ];
    for (key, value) in settings {
        if git.config(key)?.as_deref() != Some(value.as_str()) {
            git.ok(&["config", key, &value])?;
            changes.push(format!("set {key} = {value}"));
        }
    }
    let remote = !git.ok(&["remote"])?.is_empty();
    Ok(Initialised { changes, remote })
}

/// Makes the data directory owner-only again, and its data files: `git
/// clone` makes them readable by all.
fn tighten(store: &Store) -> Result<Vec<String>, StoreError> {
    use std::os::unix::fs::PermissionsExt;
    let mut changes = Vec::new();
    let files = merge::data_files().map(|f| (store.path(f), crate::disk::FILE_MODE));
    for (path, mode) in
        std::iter::once((store.dir().to_path_buf(), crate::disk::DIR_MODE)).chain(files)
    {
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if meta.permissions().mode() & 0o077 != 0 {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode))
                .map_err(|e| StoreError::io(&path, e))?;
            changes.push(format!("made {} owner-only ({mode:o})", path.display()));
        }
    }
    Ok(changes)
}

/// Adds to the file `path` those of `lines` it lacks, under `header` when
/// the file is new; returns whether it wrote.
fn add_lines(path: &Path, header: &str, lines: &[String]) -> Result<bool, StoreError> {
    let old = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(StoreError::io(path, e)),
    };
    let have: Vec<&str> = old.lines().map(str::trim).collect();
    let missing: Vec<&String> = lines
        .iter()
        .filter(|l| !have.contains(&l.as_str()))
        .collect();
    if missing.is_empty() {
        return Ok(false);
    }
    let mut text = old.clone();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    if !have.contains(&header) {
        text.push_str(header);
        text.push('\n');
    }
    for line in missing {
        text.push_str(line);
        text.push('\n');
    }
    atomic::write_atomic(path, text.as_bytes()).map_err(|e| StoreError::io(path, e))?;
    Ok(true)
}

/// Whether `sync init` has been run here: every data file is sent to the
/// driver, and the driver is a program that exists.
fn check_initialised(store: &Store, git: &Git) -> Result<(), SyncError> {
    let have = std::fs::read_to_string(store.path(".gitattributes")).unwrap_or_default();
    let have: Vec<&str> = have.lines().map(str::trim).collect();
    if attributes().iter().any(|l| !have.contains(&l.as_str())) {
        return Err(SyncError::NotInitialised(
            ".gitattributes does not send the data files to netwerk's merge".into(),
        ));
    }
    let Some(driver) = git.config("merge.netwerk.driver")? else {
        return Err(SyncError::NotInitialised(
            "git on this machine does not know netwerk's merge".into(),
        ));
    };
    let program = shlex::split(&driver)
        .and_then(|words| words.into_iter().next())
        .unwrap_or_default();
    if !Path::new(&program).is_file() {
        return Err(SyncError::NotInitialised(format!(
            "git's merge driver is {program}, which is gone"
        )));
    }
    Ok(())
}

/// This machine's name, for commit messages.
pub fn host() -> String {
    let mut buf = [0u8; 256];
    // SAFETY: the buffer is valid for its length; gethostname writes at
    // most that many bytes.
    let ok = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) } == 0;
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    let name = String::from_utf8_lossy(&buf[..end]).trim().to_owned();
    if ok && !name.is_empty() {
        name
    } else {
        "this machine".into()
    }
}

/// `netwerk sync`: commits the data directory's changes with a message
/// saying what changed, then (when there is a remote) fetches, merges
/// with the record-level driver and pushes. Holds the writer lock while
/// it commits and merges — not while it waits on the network — so no
/// save lands halfway through either.
pub fn sync(store: &Store) -> Result<Synced, SyncError> {
    let mut git = Git::new(store.dir())?;
    if !git.run(&["rev-parse", "--show-toplevel"])?.ok {
        return Err(SyncError::NotRepo(store.dir().to_path_buf()));
    }
    check_initialised(store, &git)?;
    if git.run(&["rev-parse", "-q", "--verify", "MERGE_HEAD"])?.ok {
        return Err(SyncError::MergeInProgress(store.dir().to_path_buf()));
    }
    // A file that does not parse (a hand edit, git's markers) is not
    // committed, let alone pushed to the other machines.
    store.load_tables().map_err(SyncError::Unreadable)?;
    store.load_history().map_err(SyncError::Unreadable)?;
    store.load_feeds().map_err(SyncError::Unreadable)?;
    store.load_inbox().map_err(SyncError::Unreadable)?;
    let host = host();
    git.ensure_identity(&host)?;
    let mut synced = Synced {
        committed: commit(store, &git, &host)?,
        ..Synced::default()
    };
    let Some((remote, branch)) = upstream(&git)? else {
        return Ok(synced);
    };
    let tracking = format!("{remote}/{branch}");
    synced.remote = Some(tracking.clone());
    // Someone may push between our fetch and our push: then again.
    for _ in 0..3 {
        let done = || match &synced.committed {
            Some(message) => format!("committed here ({message}), but "),
            None => String::new(),
        };
        let fetched = git.run(&["fetch", "--quiet", &remote])?;
        if !fetched.ok {
            return Err(SyncError::Offline {
                done: done(),
                remote,
                said: git::summary(&fetched.stderr),
            });
        }
        let theirs = format!("refs/remotes/{tracking}");
        if git.run(&["rev-parse", "-q", "--verify", &theirs])?.ok {
            let before = foreign::noted(store)?;
            if let Some(received) =
                merge_remote(store, &git, &host, &tracking, &theirs).map_err(|e| match e {
                    SyncError::Git { said, .. } => SyncError::Unmerged {
                        done: done(),
                        remote: tracking.clone(),
                        said,
                    },
                    other => other,
                })?
            {
                synced.received = Some(received);
                synced.noted = foreign::noted(store)?
                    .into_iter()
                    .filter(|n| !before.contains(n))
                    .collect();
            }
        }
        let ahead = match git.run(&["rev-list", "--count", &format!("{theirs}..HEAD")])? {
            out if out.ok => out.stdout != "0",
            // No remote branch yet: whatever is here is ahead.
            _ => git.run(&["rev-parse", "-q", "--verify", "HEAD"])?.ok,
        };
        if !ahead {
            return Ok(synced);
        }
        let has_upstream = git.run(&["rev-parse", "-q", "--verify", "@{u}"])?.ok;
        let pushed = if has_upstream {
            git.run(&["push", "--quiet", &remote, &format!("HEAD:{branch}")])?
        } else {
            git.run(&["push", "--quiet", "-u", &remote, &format!("HEAD:{branch}")])?
        };
        if pushed.ok {
            synced.pushed = true;
            return Ok(synced);
        }
        let rejected =
            pushed.stderr.contains("[rejected]") || pushed.stderr.contains("fetch first");
        if !rejected {
            return Err(SyncError::Offline {
                done: done(),
                remote,
                said: git::summary(&pushed.stderr),
            });
        }
    }
    Err(SyncError::Git {
        what: format!("git push {remote}"),
        said: "the remote kept changing while netwerk pushed; run netwerk sync again".into(),
    })
}

/// The remote and branch to sync with: the branch's upstream, else the
/// same branch on `origin` (or the only remote). `None` when the
/// repository has no remote.
fn upstream(git: &Git) -> Result<Option<(String, String)>, SyncError> {
    let up = git.run(&["rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{u}"])?;
    if up.ok
        && let Some((remote, branch)) = up.stdout.split_once('/')
    {
        return Ok(Some((remote.to_owned(), branch.to_owned())));
    }
    let remotes = git.ok(&["remote"])?;
    let remotes: Vec<&str> = remotes.lines().collect();
    let Some(remote) = remotes
        .iter()
        .find(|r| **r == "origin")
        .or_else(|| remotes.first())
    else {
        return Ok(None);
    };
    let branch = git.run(&["symbolic-ref", "--short", "HEAD"])?;
    let branch = if branch.ok {
        branch.stdout
    } else {
        "main".into()
    };
    Ok(Some((remote.to_string(), branch)))
}

/// Commits every change in the data directory, under the writer lock;
/// returns the message, or `None` when nothing changed.
fn commit(store: &Store, git: &Git, host: &str) -> Result<Option<String>, SyncError> {
    let _lock = WriteLock::acquire(store.dir())?;
    git.ok(&["add", "-A", "--", "."])?;
    if git.run(&["diff", "--cached", "--quiet", "--", "."])?.ok {
        return Ok(None);
    }
    let head = git
        .run(&["rev-parse", "-q", "--verify", "HEAD"])?
        .ok
        .then_some("HEAD");
    let what = describe(store, git, head, None)?;
    let message = match what {
        Some(what) => format!("netwerk: {what} changed on {host}"),
        None => format!("netwerk: sync set up on {host}"),
    };
    git.ok(&[
        "commit",
        "--quiet",
        "--no-verify",
        "-m",
        &message,
        "--",
        ".",
    ])?;
    Ok(Some(message))
}

/// Merges `theirs` (`tracking` by name) into HEAD with the driver, under
/// the writer lock; a merge that fails is undone and its output returned
/// as a `Git` error. Returns what came in, or `None` when nothing did.
fn merge_remote(
    store: &Store,
    git: &Git,
    host: &str,
    tracking: &str,
    theirs: &str,
) -> Result<Option<String>, SyncError> {
    let _lock = WriteLock::acquire(store.dir())?;
    let before = git.run(&["rev-parse", "-q", "--verify", "HEAD"])?;
    let message = format!("netwerk: merge {tracking} on {host}");
    let out = git.run(&[
        "merge",
        "--no-edit",
        "--allow-unrelated-histories",
        "-m",
        &message,
        theirs,
    ])?;
    if !out.ok {
        let unmerged = git
            .run(&["diff", "--name-only", "--diff-filter=U"])?
            .stdout
            .replace('\n', ", ");
        let _ = git.run(&["merge", "--abort"]);
        let said = git::summary(&format!("{}\n{}", out.stdout, out.stderr));
        let said = match unmerged.is_empty() {
            true => said,
            false => format!("{said} (in {unmerged})"),
        };
        return Err(SyncError::Git {
            what: "git merge".into(),
            said,
        });
    }
    if !before.ok {
        return Ok(Some("everything".into()));
    }
    if git.run(&["rev-parse", "HEAD"])?.stdout == before.stdout {
        return Ok(None);
    }
    Ok(Some(
        describe(store, git, Some(&before.stdout), Some("HEAD"))?
            .unwrap_or_else(|| "no records".into()),
    ))
}

/// What changed in the data files between the commit `old` (`None`: none)
/// and the commit `new` (`None`: the files on disk): "3 contacts, 1
/// history entry"; `None` when no data file changed.
fn describe(
    store: &Store,
    git: &Git,
    old: Option<&str>,
    new: Option<&str>,
) -> Result<Option<String>, SyncError> {
    let version = |rev: Option<&str>, file: &str| -> Result<String, SyncError> {
        match rev {
            None => Ok(String::new()),
            Some(rev) => {
                let out = git.run(&["show", &format!("{rev}:./{file}")])?;
                Ok(if out.ok { out.raw } else { String::new() })
            }
        }
    };
    let mut parts = Vec::new();
    for file in merge::data_files() {
        let before = version(old, file)?;
        let after = match new {
            Some(rev) => version(Some(rev), file)?,
            None => std::fs::read_to_string(store.path(file)).unwrap_or_default(),
        };
        if before.trim_end() == after.trim_end() {
            continue;
        }
        let path = Path::new(file);
        let n = merge::changes(path, &before, &after).unwrap_or(1);
        if n > 0 {
            parts.push(merge::count(path, n));
        }
    }
    Ok((!parts.is_empty()).then(|| parts.join(", ")))
}
