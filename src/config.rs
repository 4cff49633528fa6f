//! The user's config file: templates, signature, cadences, clipboard,
//! keys, theme and mouse.
//! A missing file means built-in defaults; a bad one is an error naming
//! the file, line and key.

use crate::clipboard;
use crate::disk::error::StoreError;
pub use crate::domain::due::Cadences;
pub use crate::domain::template::Template;
use crate::format::toml_error;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One key or several, as written in `[keys]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum KeySpec {
    /// `quit = "Q"`
    One(String),
    /// `down = ["j", "ctrl-n"]`
    Many(Vec<String>),
}

impl KeySpec {
    /// The keys, one or many.
    pub fn keys(&self) -> Vec<&str> {
        match self {
            KeySpec::One(k) => vec![k.as_str()],
            KeySpec::Many(ks) => ks.iter().map(String::as_str).collect(),
        }
    }
}

/// Everything the config file can say.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Appended to notes via `{signature}`.
    pub signature: Option<String>,
    /// Default cadences per degree.
    pub cadence: Cadences,
    /// How copies reach the clipboard.
    pub clipboard: clipboard::Settings,
    /// Note templates; empty means the built-in ones.
    #[serde(rename = "template")]
    pub templates: Vec<Template>,
    /// Key overrides for the TUI: action name → key or keys
    /// (e.g. `quit = "Q"`, `down = ["j", "ctrl-n"]`).
    pub keys: BTreeMap<String, KeySpec>,
    /// Colours of the full-screen program.
    pub theme: ThemeSettings,
    /// How the full-screen program behaves.
    pub ui: Ui,
}

/// The `[ui]` table.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Ui {
    /// Click to focus a pane or select a row, wheel to scroll. Off by
    /// default: capturing the mouse stops the terminal's own selection.
    pub mouse: bool,
}

impl Config {
    /// Loads the config from `path`; a missing file gives the defaults.
    pub fn load(path: &Path) -> Result<Self, StoreError> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => return Err(StoreError::io(path, e)),
        };
        let config: Config = toml::from_str(&text).map_err(|e| toml_error(path, &text, &e))?;
        config.check(path)?;
        Ok(config)
    }

    /// Values serde accepts but netwerk cannot use, named by their key.
    fn check(&self, path: &Path) -> Result<(), StoreError> {
        let bad = |key: &str, why: String| StoreError::Config {
            path: path.to_path_buf(),
            key: key.to_string(),
            message: why,
        };
        for (key, days) in [
            ("cadence.first", self.cadence.first),
            ("cadence.second", self.cadence.second),
            ("cadence.third", self.cadence.third),
        ] {
            crate::domain::validate::cadence(days).map_err(|e| bad(key, e.reason))?;
        }
        if self.clipboard.method == clipboard::Method::Command
            && self
                .clipboard
                .command
                .as_deref()
                .is_none_or(|c| c.trim().is_empty())
        {
            return Err(bad(
                "clipboard.command",
                "method \"command\" needs a command, e.g. command = \"wl-copy\"".into(),
            ));
        }
        for (i, t) in self.templates.iter().enumerate() {
            if t.name.trim().is_empty() {
                return Err(bad(
                    &format!("template[{i}].name"),
                    "must not be empty".into(),
                ));
            }
        }
        self.theme.check().map_err(|(key, why)| bad(&key, why))?;
        // Parsed here so a typo in a placeholder stops netwerk at startup,
        // not in the middle of a share.
        crate::domain::template::Templates::from_config(&self.templates)
            .map_err(|e| bad(&format!("template {:?}", e.template), e.message))?;
        Ok(())
    }
}

/// The config file to use: `--config`, else `$XDG_CONFIG_HOME/netwerk/config.toml`.
pub fn config_path(flag: Option<&Path>) -> Option<PathBuf> {
    if let Some(path) = flag {
        return Some(path.to_path_buf());
    }
    use etcetera::BaseStrategy;
    etcetera::choose_base_strategy()
        .ok()
        .map(|s| s.config_dir().join("netwerk").join("config.toml"))
}

/// The built-in themes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeName {
    /// Bright colours for a dark terminal background.
    #[default]
    Dark,
    /// Deeper colours that read on a light background.
    Light,
    /// No colours: bold, reverse and dim only.
    Mono,
}

/// The `[theme]` table of the config file: a built-in theme and colours
/// per role over it, as written ("red", "light-blue", "#rrggbb", "123",
/// or "none" for no colour).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ThemeSettings {
    /// The built-in theme the roles start from.
    pub name: ThemeName,
    /// The selected row's background (default: reverse video).
    pub selection: Option<String>,
    /// Overdue contacts and errors.
    pub overdue: Option<String>,
    /// Contacts due within a week, and asks.
    pub soon: Option<String>,
    /// Items that meet the contact's interests, and matched search letters.
    #[serde(rename = "match")]
    pub matched: Option<String>,
    /// Shares, what was already sent, and messages that something worked.
    pub sent: Option<String>,
    /// The focused pane's border, and headings.
    pub border: Option<String>,
    /// Secondary text.
    pub muted: Option<String>,
}

/// A colour as the config writes it; `Ok(None)` for "none".
pub fn parse_colour(text: &str) -> Result<Option<ratatui::style::Color>, String> {
    let trimmed = text.trim();
    if trimmed.eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    trimmed
        .parse::<ratatui::style::Color>()
        .map(Some)
        .map_err(|_| {
            format!(
                "{text:?} is not a colour; use a name (\"red\", \"light-blue\"), \
             \"#rrggbb\", a number 0–255, or \"none\""
            )
        })
}

impl ThemeSettings {
    /// Each role's config key and colour as written, in one order.
    pub fn roles(&self) -> [(&'static str, Option<&str>); 7] {
        [
            ("selection", self.selection.as_deref()),
            ("overdue", self.overdue.as_deref()),
            ("soon", self.soon.as_deref()),
            ("match", self.matched.as_deref()),
            ("sent", self.sent.as_deref()),
            ("border", self.border.as_deref()),
            ("muted", self.muted.as_deref()),
        ]
    }

    /// The first role whose colour does not parse: its key
    /// (`theme.overdue`) and why.
    pub fn check(&self) -> Result<(), (String, String)> {
        for (key, text) in self.roles() {
            if let Some(text) = text {
                parse_colour(text).map_err(|e| (format!("theme.{key}"), e))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Config, String> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, text).unwrap();
        Config::load(&path).map_err(|e| e.to_string().replace(&path.display().to_string(), "CFG"))
    }

    #[test]
    fn missing_file_gives_defaults() {
        let c = Config::load(Path::new("/nonexistent/netwerk/config.toml")).unwrap();
        assert_eq!(c.cadence.for_degree(2), 90);
        assert_eq!(c.clipboard.method, clipboard::Method::Auto);
    }

    #[test]
    fn values_are_read() {
        let c =
            load("signature = \"— Sam\"\n[cadence]\nfirst = 14\n[clipboard]\nmethod = \"osc52\"\n")
                .unwrap();
        assert_eq!(c.signature.as_deref(), Some("— Sam"));
        assert_eq!((c.cadence.first, c.cadence.second), (14, 90));
        assert_eq!(c.clipboard.method, clipboard::Method::Osc52);
    }

    #[test]
    fn bad_values_name_their_key_and_line() {
        assert_eq!(
            load("[cadence]\nfirst = 0\n").unwrap_err(),
            "CFG: cadence.first: must be between 1 and 3650 days, not 0"
        );
        let err = load("[clipboard]\nmethod = \"carrier-pigeon\"\n").unwrap_err();
        assert!(err.starts_with("CFG:2:10: "), "{err}");
        assert!(err.contains("carrier-pigeon"), "{err}");
        let err = load("colour = \"red\"\n").unwrap_err();
        assert!(
            err.starts_with("CFG:1:1: ") && err.contains("colour"),
            "{err}"
        );
    }

    #[test]
    fn theme_and_mouse_are_read_and_a_bad_colour_names_its_key() {
        let c =
            load("[theme]\nname = \"light\"\nmatch = \"#00aa00\"\n[ui]\nmouse = true\n").unwrap();
        assert_eq!(c.theme.name, ThemeName::Light);
        assert_eq!(c.theme.matched.as_deref(), Some("#00aa00"));
        assert!(c.ui.mouse);
        assert!(!Config::default().ui.mouse);
        let err = load("[theme]\noverdue = \"reddd\"\n").unwrap_err();
        assert!(
            err.starts_with("CFG: theme.overdue: \"reddd\" is not a colour"),
            "{err}"
        );
        let err = load("[theme]\nname = \"solarized\"\n").unwrap_err();
        assert!(
            err.starts_with("CFG:2:8: ") && err.contains("solarized"),
            "{err}"
        );
    }

    #[test]
    fn template_mistakes_stop_loading_and_name_the_template() {
        let one = |text: &str| format!("[[template]]\nname = \"warm\"\ntext = {text:?}\n");
        assert_eq!(
            load(&one("Hi {frist_name}")).unwrap_err(),
            "CFG: template \"warm\": unknown placeholder {frist_name} (did you mean {first_name}?)"
        );
        assert!(
            load(&one("Hi [there"))
                .unwrap_err()
                .starts_with("CFG: template \"warm\": \"[\" is not closed")
        );
        let twice = format!("{}{}", one("Hi {name}"), one("Yo {name}"));
        assert_eq!(
            load(&twice).unwrap_err(),
            "CFG: template \"warm\": is defined twice; template names must be unique"
        );
        let ok = load(&one("Hi {first_name}[ at {company}]")).unwrap();
        assert_eq!(ok.templates[0].name, "warm");
    }
}
