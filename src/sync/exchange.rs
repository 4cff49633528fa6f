//! `netwerk sync`: commit what changed here, merge what the remote has,
//! push; and the commit messages saying what changed.

use super::error::SyncError;
use super::foreign;
use super::git::{self, Git};
use super::init::check_initialised;
use super::merge::{self, Noted};
use crate::store::{Store, lock::WriteLock};
use std::path::Path;

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
