//! Running `git` in the data directory: the only way netwerk reaches a
//! remote, so SSH remotes, credentials helpers and proxies work exactly
//! as they do for git. Prompts are off: a sync that needs a password
//! fails with git's message instead of hanging.

use super::error::SyncError;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// `git -C DIR …`.
pub struct Git {
    dir: PathBuf,
    /// `-c user.name=… -c user.email=…` when git has no identity, so a
    /// commit on a fresh machine does not stop at "Please tell me who you
    /// are".
    identity: Vec<String>,
}

/// What a git command said.
pub struct Output {
    /// Whether it exited 0.
    pub ok: bool,
    /// Its standard output, trimmed.
    pub stdout: String,
    /// Its standard output as it came.
    pub raw: String,
    /// Its standard error, trimmed.
    pub stderr: String,
}

impl Git {
    /// Git working in `dir`; fails if git is not installed.
    pub fn new(dir: &Path) -> Result<Self, SyncError> {
        let git = Git {
            dir: dir.to_path_buf(),
            identity: Vec::new(),
        };
        git.run(&["--version"])?;
        Ok(git)
    }

    /// Runs `git args…` and returns what it said, whatever its exit status.
    pub fn run(&self, args: &[&str]) -> Result<Output, SyncError> {
        use std::os::unix::process::CommandExt;
        let mut command = Command::new("git");
        // What git writes — checked-out data files, its own copies of them
        // — is personal data: owner only, like every file netwerk writes.
        // SAFETY: umask is async-signal-safe and touches no memory.
        unsafe {
            command.pre_exec(|| {
                libc::umask(0o077);
                Ok(())
            });
        }
        let out = command
            .arg("-C")
            .arg(&self.dir)
            .args(&self.identity)
            .args(args)
            .env("GIT_TERMINAL_PROMPT", "0")
            .env("GIT_MERGE_AUTOEDIT", "no")
            // Messages in English, so the summaries below can read them.
            .env("LC_ALL", "C")
            .stdin(Stdio::null())
            .output()
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => SyncError::NoGit,
                _ => SyncError::Git {
                    what: format!("git {}", args.join(" ")),
                    said: e.to_string(),
                },
            })?;
        let raw = String::from_utf8_lossy(&out.stdout).into_owned();
        Ok(Output {
            ok: out.status.success(),
            stdout: raw.trim().to_owned(),
            raw,
            stderr: String::from_utf8_lossy(&out.stderr).trim().to_owned(),
        })
    }

    /// Runs `git args…`; an exit status other than 0 is an error quoting
    /// git's message.
    pub fn ok(&self, args: &[&str]) -> Result<String, SyncError> {
        let out = self.run(args)?;
        if out.ok {
            return Ok(out.stdout);
        }
        Err(SyncError::Git {
            what: format!("git {}", args.join(" ")),
            said: summary(&out.stderr),
        })
    }

    /// A config value, if set.
    pub fn config(&self, key: &str) -> Result<Option<String>, SyncError> {
        let out = self.run(&["config", "--get", key])?;
        Ok(out.ok.then_some(out.stdout))
    }

    /// Gives commits an identity when git has none configured.
    pub fn ensure_identity(&mut self, host: &str) -> Result<(), SyncError> {
        if self.config("user.email")?.is_none() || self.config("user.name")?.is_none() {
            let name = self
                .config("user.name")?
                .unwrap_or_else(|| "netwerk".into());
            let email = self
                .config("user.email")?
                .unwrap_or_else(|| format!("netwerk@{host}"));
            self.identity = vec![
                "-c".into(),
                format!("user.name={name}"),
                "-c".into(),
                format!("user.email={email}"),
            ];
        }
        Ok(())
    }
}

/// What to show of git's standard error: its `fatal:`, `error:` and
/// `ssh:` lines (where it says what went wrong), else its last lines.
pub fn summary(stderr: &str) -> String {
    let telling: Vec<&str> = stderr
        .lines()
        .map(str::trim)
        .filter(|l| {
            [
                "fatal:", "error:", "ssh:", "remote:", "CONFLICT", "netwerk:",
            ]
            .iter()
            .any(|p| l.starts_with(p))
        })
        .collect();
    let lines: Vec<&str> = if telling.is_empty() {
        let all: Vec<&str> = stderr
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        all[all.len().saturating_sub(3)..].to_vec()
    } else {
        telling
    };
    lines.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_keep_what_git_says_went_wrong() {
        let stderr = "ssh: Could not resolve hostname nowhere: Name or service not known\r\n\
                      fatal: Could not read from remote repository.\n\n\
                      Please make sure you have the correct access rights\n\
                      and the repository exists.\n";
        assert_eq!(
            summary(stderr),
            "ssh: Could not resolve hostname nowhere: Name or service not known; \
             fatal: Could not read from remote repository."
        );
        assert_eq!(summary("one\ntwo\nthree\nfour\n"), "two; three; four");
    }
}
