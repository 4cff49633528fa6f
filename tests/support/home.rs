//! A throwaway home for command-line tests: a data directory that does
//! not exist yet, config and state directories of its own, and the clock
//! fixed at [`NOW`], so a command run here never touches the real ones
//! and prints the same thing every time. Nothing of the machine's
//! environment but `PATH` reaches the commands (see [`super::env`]).

use super::Pty;
use assert_cmd::Command;
use assert_cmd::assert::Assert;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The time every command here takes as now.
pub const NOW: &str = "2026-11-26T09:00:00+01:00";

/// See the module docs. Dropping it removes everything.
pub struct Home {
    _tmp: tempfile::TempDir,
    /// `--data`.
    pub data: PathBuf,
    /// `$XDG_CONFIG_HOME`.
    pub config_home: PathBuf,
    /// `$XDG_STATE_HOME`.
    pub state_home: PathBuf,
    /// `$HOME`.
    pub home: PathBuf,
}

impl Home {
    /// The network the feed tests match entries against: Ada Lovelace
    /// likes rust and poetry, Alan Turing sailing.
    pub fn ada_and_alan() -> Self {
        let home = Home::new();
        home.add_contact("Ada Lovelace", &["rust", "poetry"]);
        home.add_contact("Alan Turing", &["sailing"]);
        home
    }

    /// A home whose data directory holds the sample network as at [`NOW`].
    pub fn sample() -> Self {
        let home = Home::new();
        super::app::write_network(&home.data, &super::app::demo_network());
        home
    }

    /// An empty home.
    pub fn new() -> Self {
        let tmp = tempfile::tempdir().unwrap();
        Home {
            data: tmp.path().join("data"),
            config_home: tmp.path().join("config"),
            state_home: tmp.path().join("state"),
            home: tmp.path().join("home"),
            _tmp: tmp,
        }
    }

    /// `netwerk --data DATA`, with this home's environment.
    pub fn cmd(&self) -> Command {
        Command::from_std(self.process())
    }

    /// [`Home::cmd`] as a plain process, to spawn, wait on or kill.
    pub fn process(&self) -> std::process::Command {
        let mut cmd = self.command(super::netwerk_bin());
        cmd.arg("--data").arg(&self.data);
        cmd
    }

    /// `netwerk --data DATA ARGS` in a `cols`×`rows` pseudo-terminal with
    /// this home's environment.
    pub fn pty(&self, args: &[&str], cols: u16, rows: u16) -> Pty {
        let data = self.data.display().to_string();
        let args: Vec<&str> = ["--data", data.as_str()]
            .into_iter()
            .chain(args.iter().copied())
            .collect();
        self.spawn(super::netwerk_bin(), &args, &[], cols, rows)
    }

    /// Any program in a pseudo-terminal with this home's environment and
    /// `env` on top.
    pub fn spawn(
        &self,
        program: &Path,
        args: &[&str],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> Pty {
        let vars = self.vars();
        let mut all: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
        all.extend_from_slice(env);
        Pty::spawn(program, args, &all, cols, rows).unwrap()
    }

    /// The variables this home gives a program, beyond the clean ones.
    pub fn vars(&self) -> [(&'static str, String); 4] {
        let text = |p: &Path| p.display().to_string();
        [
            ("HOME", text(&self.home)),
            ("XDG_CONFIG_HOME", text(&self.config_home)),
            ("XDG_STATE_HOME", text(&self.state_home)),
            ("NETWERK_NOW", NOW.to_string()),
        ]
    }

    /// A path beside the data directory, in this home's temporary folder.
    pub fn path(&self, name: &str) -> PathBuf {
        self._tmp.path().join(name)
    }

    /// `netwerk` with this home's environment but no `--data`.
    pub fn netwerk(&self) -> Command {
        Command::from_std(self.command(super::netwerk_bin()))
    }

    /// Any program (strace, sh) with this home's environment: the clean one
    /// of [`super::env::command`], this home's config and state
    /// directories, and the clock at [`NOW`].
    pub fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> std::process::Command {
        self.add_env(super::env::command(program, &self.home))
    }

    /// [`Home::cmd`] run as an unprivileged user when the tests run as
    /// root (see [`super::user::unprivileged_netwerk`]), so permission
    /// bits apply; this home's files then belong to that user.
    pub fn unprivileged_cmd(&self) -> Command {
        let mut cmd = Command::from_std(self.add_env(super::user::unprivileged_netwerk(
            self._tmp.path(),
            &self.home,
        )));
        cmd.arg("--data").arg(&self.data);
        cmd
    }

    /// This home's variables on top of the clean environment of `cmd`.
    fn add_env(&self, mut cmd: std::process::Command) -> std::process::Command {
        cmd.envs(self.vars());
        cmd
    }

    /// Runs `netwerk ARGS` to the end.
    pub fn run(&self, args: &[&str]) -> Assert {
        self.cmd().args(args).assert()
    }

    /// What a successful `netwerk ARGS` printed.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args).success().get_output().stdout.clone();
        String::from_utf8(out).unwrap()
    }

    /// The one JSON array a successful `netwerk ARGS --json` printed.
    pub fn json(&self, args: &[&str]) -> Vec<Value> {
        serde_json::from_str(&self.ok(args)).expect("one JSON array")
    }

    /// `netwerk contact add NAME` with an `--interest` for each of
    /// `interests`, which must succeed.
    pub fn add_contact(&self, name: &str, interests: &[&str]) {
        let mut args = vec!["contact", "add", name];
        for interest in interests {
            args.extend(["--interest", interest]);
        }
        self.ok(&args);
    }

    /// What a `netwerk ARGS` that exits with status 1 printed on stderr.
    pub fn fails(&self, args: &[&str]) -> String {
        let err = self.run(args).code(1).get_output().stderr.clone();
        String::from_utf8(err).unwrap()
    }

    /// Writes this home's `config.toml`; returns its path.
    pub fn write_config(&self, text: &str) -> PathBuf {
        let path = self.config_home.join("netwerk/config.toml");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }

    /// A file in the data directory.
    pub fn file(&self, name: &str) -> PathBuf {
        self.data.join(name)
    }
}
