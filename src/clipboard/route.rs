//! Deciding, without side effects, which ways to copy are worth trying and
//! in which order (SPEC §4). `netwerk doctor` prints the result.

use std::fmt;

use super::env::{Env, SystemKind};
use super::osc52::Wrap;
use super::settings::{Method, Settings};

/// One way of getting text to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// The user's copy command line, fed the note on stdin.
    Command(String),
    /// The system clipboard through arboard.
    System(SystemKind),
    /// `tmux load-buffer -w -`, and also OSC 52 when `osc52` is true (for
    /// tmux set up with `set-clipboard on`).
    Tmux {
        /// Whether OSC 52 goes out too.
        osc52: bool,
    },
    /// OSC 52 written to the terminal.
    Osc52(Wrap),
    /// The private fallback file in the state directory.
    File,
}

impl Step {
    /// A short name for messages: "`wl-copy`", "tmux buffer + clipboard".
    pub fn label(&self) -> String {
        match self {
            Step::Command(line) => format!("`{}`", command_name(line)),
            Step::System(kind) => kind.label().to_owned(),
            Step::Tmux { osc52: true } => "tmux buffer + clipboard".to_owned(),
            Step::Tmux { osc52: false } => "tmux buffer".to_owned(),
            Step::Osc52(Wrap::Plain) => "OSC 52".to_owned(),
            Step::Osc52(Wrap::Screen) => "OSC 52 (screen DCS)".to_owned(),
            Step::File => "file".to_owned(),
        }
    }
}

/// The program word of a command line, for messages; the whole line if it
/// does not split.
pub(crate) fn command_name(line: &str) -> String {
    shlex::split(line)
        .and_then(|words| words.into_iter().next())
        .unwrap_or_else(|| line.trim().to_owned())
}

/// The ordered steps to try, and why they were chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// What to try, first to last; always ends with [`Step::File`].
    pub steps: Vec<Step>,
    /// The method and the facts that decided it, e.g.
    /// "auto: inside tmux, over SSH, no display".
    pub why: String,
}

impl fmt::Display for Route {
    /// "auto: inside tmux, over SSH, no display → tmux buffer + clipboard,
    /// then file".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let steps: Vec<String> = self.steps.iter().map(Step::label).collect();
        write!(f, "{} → {}", self.why, steps.join(", then "))
    }
}

/// Decides the route for `settings` in `env`. Pure, so it is tested with
/// made-up environments and shown as-is by `netwerk doctor`.
pub fn plan(settings: &Settings, env: &Env) -> Route {
    let (mut steps, why) = match settings.method {
        Method::Auto => auto(settings, env),
        Method::System => match env.system_kind() {
            Some(kind) => (vec![Step::System(kind)], "system: as configured".to_owned()),
            None => (
                vec![],
                "system: no display ($DISPLAY and $WAYLAND_DISPLAY unset)".to_owned(),
            ),
        },
        Method::Tmux => {
            let why = if env.in_tmux() {
                "tmux: as configured"
            } else {
                // Still worth a try: `tmux` reaches a server on the default
                // socket even from outside it.
                "tmux: as configured, though not inside tmux"
            };
            let osc52 = env.osc52_obstacle().is_none();
            (vec![Step::Tmux { osc52 }], why.to_owned())
        }
        Method::Osc52 => match env.osc52_obstacle() {
            Some(obstacle) => (vec![], format!("osc52: {obstacle}")),
            None => (
                vec![Step::Osc52(wrap(env))],
                "osc52: as configured".to_owned(),
            ),
        },
        Method::Command => match &settings.command {
            Some(line) => (
                vec![Step::Command(line.clone())],
                "command: as configured".to_owned(),
            ),
            None => (vec![], "command: no `command` configured".to_owned()),
        },
        Method::File => (vec![], "file: as configured".to_owned()),
    };
    steps.push(Step::File);
    Route { steps, why }
}

/// Every applicable step in SPEC §4 order: the first that works wins, and
/// a failure (say `wl-copy` not installed) moves on to the next instead of
/// straight to the file.
fn auto(settings: &Settings, env: &Env) -> (Vec<Step>, String) {
    let mut steps = Vec::new();
    let mut facts = Vec::new();

    if let Some(line) = &settings.command {
        facts.push(format!("command `{}` configured", command_name(line)));
        steps.push(Step::Command(line.clone()));
    }
    if env.in_tmux() {
        facts.push("inside tmux".to_owned());
    } else if env.in_screen() {
        facts.push("inside GNU screen".to_owned());
    }
    if env.is_remote() {
        facts.push("over SSH".to_owned());
    }
    match env.system_kind() {
        Some(_) if env.is_remote() => facts.push("display not used over SSH".to_owned()),
        Some(kind) => {
            facts.push(match kind {
                SystemKind::Native => "native clipboard".to_owned(),
                SystemKind::X11 => "local X11 display".to_owned(),
                SystemKind::Wayland => "local Wayland display".to_owned(),
            });
            steps.push(Step::System(kind));
        }
        None => facts.push("no display".to_owned()),
    }
    let obstacle = env.osc52_obstacle();
    if env.in_tmux() {
        steps.push(Step::Tmux {
            osc52: obstacle.is_none(),
        });
    } else if obstacle.is_none() {
        steps.push(Step::Osc52(wrap(env)));
    }
    if let Some(obstacle) = obstacle {
        facts.push(obstacle);
    }
    (steps, format!("auto: {}", facts.join(", ")))
}

/// GNU screen swallows OSC 52 unless it is wrapped in DCS; tmux handles it
/// itself (with `set-clipboard`), so no tmux passthrough wrapping is needed.
fn wrap(env: &Env) -> Wrap {
    if env.in_screen() {
        Wrap::Screen
    } else {
        Wrap::Plain
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn desktop_x11() -> Env {
        Env {
            display: Some(":0".into()),
            term: Some("xterm-256color".into()),
            terminal: true,
            ..Env::default()
        }
    }

    fn ssh() -> Env {
        Env {
            ssh_connection: Some("10.0.0.2 51234 10.0.0.1 22".into()),
            ssh_tty: Some("/dev/pts/3".into()),
            term: Some("xterm-256color".into()),
            terminal: true,
            ..Env::default()
        }
    }

    fn tmux(env: Env) -> Env {
        Env {
            tmux: Some("/tmp/tmux-1000/default,4242,0".into()),
            term: Some("tmux-256color".into()),
            ..env
        }
    }

    fn settings(method: Method, command: Option<&str>) -> Settings {
        Settings {
            method,
            command: command.map(str::to_owned),
            ..Settings::default()
        }
    }

    #[test]
    fn routes_follow_the_spec_order() {
        use Step::*;
        let auto = settings(Method::Auto, None);
        let wayland = Env {
            wayland_display: Some("wayland-1".into()),
            ..desktop_x11()
        };
        let x_forwarding = Env {
            display: Some("localhost:10.0".into()),
            ..ssh()
        };
        let screen = Env {
            sty: Some("4242.pts-1.box".into()),
            term: Some("screen".into()),
            ..ssh()
        };
        let piped = Env {
            terminal: false,
            ..ssh()
        };
        let console = Env {
            term: Some("linux".into()),
            ..Env::default()
        };
        let console = Env {
            terminal: true,
            ..console
        };
        let cases: Vec<(&str, Settings, Env, Vec<Step>, &str)> = vec![
            (
                "local X11 desktop",
                auto.clone(),
                desktop_x11(),
                vec![System(SystemKind::X11), Osc52(Wrap::Plain), File],
                "auto: local X11 display → X11 clipboard, then OSC 52, then file",
            ),
            (
                "local Wayland desktop",
                auto.clone(),
                wayland,
                vec![System(SystemKind::Wayland), Osc52(Wrap::Plain), File],
                "auto: local Wayland display → Wayland clipboard, then OSC 52, then file",
            ),
            (
                "tmux on the desktop",
                auto.clone(),
                tmux(desktop_x11()),
                vec![System(SystemKind::X11), Tmux { osc52: true }, File],
                "auto: inside tmux, local X11 display → X11 clipboard, \
                 then tmux buffer + clipboard, then file",
            ),
            (
                "tmux over SSH",
                auto.clone(),
                tmux(ssh()),
                vec![Tmux { osc52: true }, File],
                "auto: inside tmux, over SSH, no display → tmux buffer + clipboard, then file",
            ),
            (
                "plain SSH",
                auto.clone(),
                ssh(),
                vec![Osc52(Wrap::Plain), File],
                "auto: over SSH, no display → OSC 52, then file",
            ),
            (
                "X forwarding is not used",
                auto.clone(),
                x_forwarding,
                vec![Osc52(Wrap::Plain), File],
                "auto: over SSH, display not used over SSH → OSC 52, then file",
            ),
            (
                "GNU screen over SSH",
                auto.clone(),
                screen.clone(),
                vec![Osc52(Wrap::Screen), File],
                "auto: inside GNU screen, over SSH, no display → OSC 52 (screen DCS), then file",
            ),
            (
                "output piped",
                auto.clone(),
                piped.clone(),
                vec![File],
                "auto: over SSH, no display, output is not a terminal → file",
            ),
            (
                "tmux with output piped still fills the buffer",
                auto.clone(),
                tmux(piped),
                vec![Tmux { osc52: false }, File],
                "auto: inside tmux, over SSH, no display, output is not a terminal \
                 → tmux buffer, then file",
            ),
            (
                "Linux console",
                auto.clone(),
                console,
                vec![File],
                "auto: no display, TERM=linux has no OSC 52 → file",
            ),
            (
                "nothing at all",
                auto,
                Env::default(),
                vec![File],
                "auto: no display, output is not a terminal → file",
            ),
            (
                "a command comes first, the rest stays as fallback",
                settings(Method::Auto, Some("wl-copy --trim-newline")),
                ssh(),
                vec![
                    Command("wl-copy --trim-newline".into()),
                    Osc52(Wrap::Plain),
                    File,
                ],
                "auto: command `wl-copy` configured, over SSH, no display \
                 → `wl-copy`, then OSC 52, then file",
            ),
            (
                "explicit system",
                settings(Method::System, None),
                desktop_x11(),
                vec![System(SystemKind::X11), File],
                "system: as configured → X11 clipboard, then file",
            ),
            (
                "explicit system without a display never touches arboard",
                settings(Method::System, None),
                ssh(),
                vec![File],
                "system: no display ($DISPLAY and $WAYLAND_DISPLAY unset) → file",
            ),
            (
                "explicit tmux",
                settings(Method::Tmux, None),
                tmux(ssh()),
                vec![Tmux { osc52: true }, File],
                "tmux: as configured → tmux buffer + clipboard, then file",
            ),
            (
                "explicit tmux outside tmux",
                settings(Method::Tmux, None),
                ssh(),
                vec![Tmux { osc52: true }, File],
                "tmux: as configured, though not inside tmux → tmux buffer + clipboard, then file",
            ),
            (
                "explicit osc52 on a desktop",
                settings(Method::Osc52, None),
                desktop_x11(),
                vec![Osc52(Wrap::Plain), File],
                "osc52: as configured → OSC 52, then file",
            ),
            (
                "explicit osc52 in screen",
                settings(Method::Osc52, None),
                screen,
                vec![Osc52(Wrap::Screen), File],
                "osc52: as configured → OSC 52 (screen DCS), then file",
            ),
            (
                "explicit command",
                settings(Method::Command, Some("xclip -selection clipboard")),
                desktop_x11(),
                vec![Command("xclip -selection clipboard".into()), File],
                "command: as configured → `xclip`, then file",
            ),
            (
                "explicit command without one",
                settings(Method::Command, None),
                desktop_x11(),
                vec![File],
                "command: no `command` configured → file",
            ),
            (
                "explicit file",
                settings(Method::File, Some("wl-copy")),
                desktop_x11(),
                vec![File],
                "file: as configured → file",
            ),
        ];
        for (name, settings, env, steps, shown) in cases {
            let route = plan(&settings, &env);
            assert_eq!(route.steps, steps, "{name}");
            assert_eq!(route.to_string(), shown, "{name}");
        }
    }

    #[test]
    fn native_clipboard_needs_no_display() {
        let env = Env {
            native_clipboard: true,
            terminal: true,
            ..Env::default()
        };
        let route = plan(&Settings::default(), &env);
        assert_eq!(route.steps[0], Step::System(SystemKind::Native));
        assert_eq!(route.steps[0].label(), "system clipboard");
    }
}
