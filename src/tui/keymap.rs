//! Keys → actions. The defaults are `keymap.toml`, embedded; the user's
//! `[keys]` table is merged over them; the help overlay reads the result.

use super::action::Action;
use crate::config::KeySpec;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::{BTreeMap, HashMap};

const DEFAULTS: &str = include_str!("keymap.toml");

/// One key with its modifiers, as written in the keymap (`ctrl-d`, `G`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Chord {
    code: KeyCode,
    ctrl: bool,
    alt: bool,
}

impl Chord {
    /// Parses `ctrl-d`, `alt-x`, `G`, `?`, `tab`, `backtab`, `enter`,
    /// `esc`, `up`, `pagedown`, `f1` …
    pub fn parse(spec: &str) -> Result<Self, String> {
        let mut ctrl = false;
        let mut alt = false;
        let mut rest = spec.trim();
        loop {
            let lower = rest.to_ascii_lowercase();
            if lower.starts_with("ctrl-") && rest.len() > 5 {
                ctrl = true;
                rest = &rest[5..];
            } else if lower.starts_with("alt-") && rest.len() > 4 {
                alt = true;
                rest = &rest[4..];
            } else {
                break;
            }
        }
        let named = match rest.to_ascii_lowercase().as_str() {
            "tab" => Some(KeyCode::Tab),
            "backtab" | "shift-tab" => Some(KeyCode::BackTab),
            "enter" | "return" => Some(KeyCode::Enter),
            "esc" | "escape" => Some(KeyCode::Esc),
            "up" => Some(KeyCode::Up),
            "down" => Some(KeyCode::Down),
            "left" => Some(KeyCode::Left),
            "right" => Some(KeyCode::Right),
            "home" => Some(KeyCode::Home),
            "end" => Some(KeyCode::End),
            "pageup" => Some(KeyCode::PageUp),
            "pagedown" => Some(KeyCode::PageDown),
            "backspace" => Some(KeyCode::Backspace),
            "delete" | "del" => Some(KeyCode::Delete),
            "space" => Some(KeyCode::Char(' ')),
            f if f.len() >= 2 && f.starts_with('f') => f[1..].parse().ok().map(KeyCode::F),
            _ => None,
        };
        let code = match named {
            Some(code) => code,
            None => {
                let mut chars = rest.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => KeyCode::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
                    _ => {
                        return Err(format!(
                            "{spec:?} is not a key; use e.g. \"q\", \"G\", \"ctrl-d\", \"tab\", \"pagedown\""
                        ));
                    }
                }
            }
        };
        Ok(Self { code, ctrl, alt })
    }

    /// The chord a terminal key event stands for. Shift is folded into
    /// the character itself ("G"), as terminals report it both ways.
    pub fn from_event(key: &KeyEvent) -> Self {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let code = match key.code {
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            other => other,
        };
        Self {
            code,
            ctrl,
            alt: key.modifiers.contains(KeyModifiers::ALT),
        }
    }

    /// How the chord is written in help: `Ctrl-d`, `G`, `Tab`, `↓`.
    pub fn label(&self) -> String {
        let key = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        let mut label = String::new();
        if self.ctrl {
            label.push_str("Ctrl-");
        }
        if self.alt {
            label.push_str("Alt-");
        }
        label.push_str(&key);
        label
    }
}

/// The active key bindings.
#[derive(Debug, Clone)]
pub struct Keymap {
    by_chord: HashMap<Chord, Action>,
    by_action: BTreeMap<Action, Vec<Chord>>,
}

fn parse_table(table: &toml::Table, origin: &str) -> Result<BTreeMap<Action, Vec<Chord>>, String> {
    let mut out = BTreeMap::new();
    for (name, value) in table {
        let action = Action::from_name(name).ok_or_else(|| {
            format!("{origin}{name}: unknown action; known actions are listed by `?` in netwerk")
        })?;
        let specs: Vec<&str> = match value {
            toml::Value::String(s) => vec![s.as_str()],
            toml::Value::Array(a) => a
                .iter()
                .map(|v| {
                    v.as_str()
                        .ok_or_else(|| format!("{origin}{name}: keys must be strings"))
                })
                .collect::<Result<_, _>>()?,
            _ => {
                return Err(format!(
                    "{origin}{name}: expected a key like \"q\" or a list of keys"
                ));
            }
        };
        let chords = specs
            .iter()
            .map(|s| Chord::parse(s).map_err(|e| format!("{origin}{name}: {e}")))
            .collect::<Result<Vec<_>, _>>()?;
        out.insert(action, chords);
    }
    Ok(out)
}

impl Keymap {
    /// The built-in defaults with `overrides` (action name → key or keys)
    /// merged over them. An override replaces all default keys of that
    /// action. Errors name the offending key as `keys.<action>`.
    pub fn new(overrides: &BTreeMap<String, KeySpec>) -> Result<Self, String> {
        let defaults: toml::Table = DEFAULTS
            .parse()
            .map_err(|e| format!("built-in keymap: {e}"))?;
        let mut by_action = parse_table(&defaults, "built-in keymap: ")?;
        let user: toml::Table = overrides
            .iter()
            .map(|(k, v)| {
                let keys = v
                    .keys()
                    .into_iter()
                    .map(|s| toml::Value::String(s.to_string()));
                (k.clone(), toml::Value::Array(keys.collect()))
            })
            .collect();
        let user = parse_table(&user, "keys.")?;
        // A key means one thing: the user's keys may not clash with each
        // other, nor with a default the user left in place.
        let mut taken: HashMap<Chord, Action> = HashMap::new();
        for (action, chords) in &user {
            for chord in chords {
                if let Some(other) = taken.insert(*chord, *action)
                    && other != *action
                {
                    return Err(format!(
                        "keys.{}: {} is also given to {}",
                        action.name(),
                        chord.label(),
                        other.name()
                    ));
                }
            }
        }
        for (other, chords) in &by_action {
            if user.contains_key(other) {
                continue;
            }
            if let Some((chord, action)) = chords.iter().find_map(|c| Some((c, taken.get(c)?))) {
                return Err(format!(
                    "keys.{}: {} is already the key of {}; give {} other keys too \
                     (e.g. {} = \"ctrl-{}\"), or choose another key",
                    action.name(),
                    chord.label(),
                    other.name(),
                    other.name(),
                    other.name(),
                    chord.label().to_lowercase()
                ));
            }
        }
        by_action.extend(user);
        let mut by_chord = HashMap::new();
        for (action, chords) in &by_action {
            for chord in chords {
                by_chord.insert(*chord, *action);
            }
        }
        Ok(Self {
            by_chord,
            by_action,
        })
    }

    /// The action bound to a key event, if any.
    pub fn action(&self, key: &KeyEvent) -> Option<Action> {
        self.by_chord.get(&Chord::from_event(key)).copied()
    }

    /// The keys of an action, as help shows them ("j ↓").
    pub fn keys_label(&self, action: Action) -> String {
        self.by_action
            .get(&action)
            .map(|c| c.iter().map(Chord::label).collect::<Vec<_>>().join(" "))
            .unwrap_or_default()
    }

    /// The first key of an action, for hints ("s").
    pub fn first_key(&self, action: Action) -> String {
        self.by_action
            .get(&action)
            .and_then(|c| c.first())
            .map(Chord::label)
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn defaults_bind_the_spec_keys() {
        let map = Keymap::new(&BTreeMap::new()).unwrap();
        assert_eq!(
            map.action(&key(KeyCode::Char('q'), KeyModifiers::NONE)),
            Some(Action::Quit)
        );
        assert_eq!(
            map.action(&key(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        assert_eq!(
            map.action(&key(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Last)
        );
        assert_eq!(
            map.action(&key(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::PrevPane)
        );
        assert_eq!(
            map.action(&key(KeyCode::Char('d'), KeyModifiers::CONTROL)),
            Some(Action::PageDown)
        );
        assert_eq!(
            map.action(&key(KeyCode::Char('d'), KeyModifiers::NONE)),
            Some(Action::Delete)
        );
        assert_eq!(map.keys_label(Action::Down), "j ↓");
        for (action, _) in Action::ALL {
            assert!(
                !map.keys_label(action).is_empty(),
                "{action:?} has a default key"
            );
        }
    }

    #[test]
    fn no_default_key_has_two_actions() {
        let defaults: toml::Table = DEFAULTS.parse().unwrap();
        let by_action = parse_table(&defaults, "").unwrap();
        let mut seen: HashMap<Chord, Action> = HashMap::new();
        for (action, chords) in &by_action {
            for chord in chords {
                if let Some(other) = seen.insert(*chord, *action) {
                    panic!("{} is the key of {other:?} and {action:?}", chord.label());
                }
            }
        }
        // The palette's keys, as terminals report them (`:` with Shift).
        let map = Keymap::new(&BTreeMap::new()).unwrap();
        assert_eq!(
            map.action(&key(KeyCode::Char(':'), KeyModifiers::SHIFT)),
            Some(Action::Palette)
        );
        assert_eq!(
            map.action(&key(KeyCode::Char('p'), KeyModifiers::CONTROL)),
            Some(Action::Palette)
        );
    }

    #[test]
    fn user_keys_replace_defaults_and_errors_name_the_key() {
        let overrides = BTreeMap::from([("quit".to_string(), KeySpec::One("Q".into()))]);
        let map = Keymap::new(&overrides).unwrap();
        assert_eq!(
            map.action(&key(KeyCode::Char('Q'), KeyModifiers::SHIFT)),
            Some(Action::Quit)
        );
        assert_eq!(
            map.action(&key(KeyCode::Char('q'), KeyModifiers::NONE)),
            None
        );
        let bad = BTreeMap::from([("fly".to_string(), KeySpec::One("f".into()))]);
        assert!(
            Keymap::new(&bad)
                .unwrap_err()
                .starts_with("keys.fly: unknown action")
        );
        // A key another action keeps is refused, naming both actions...
        let steal = BTreeMap::from([("quit".to_string(), KeySpec::One("s".into()))]);
        assert_eq!(
            Keymap::new(&steal).unwrap_err(),
            "keys.quit: s is already the key of share; give share other keys too \
             (e.g. share = \"ctrl-s\"), or choose another key"
        );
        // ...and allowed once that action has keys of its own.
        let swap = BTreeMap::from([
            ("quit".to_string(), KeySpec::One("s".into())),
            ("share".to_string(), KeySpec::One("S".into())),
        ]);
        let map = Keymap::new(&swap).unwrap();
        assert_eq!(
            map.action(&key(KeyCode::Char('s'), KeyModifiers::NONE)),
            Some(Action::Quit)
        );
        assert_eq!(map.keys_label(Action::Share), "S");
        let clash = BTreeMap::from([
            ("help".to_string(), KeySpec::One("x".into())),
            (
                "quit".to_string(),
                KeySpec::Many(vec!["x".into(), "ctrl-q".into()]),
            ),
        ]);
        assert_eq!(
            Keymap::new(&clash).unwrap_err(),
            "keys.help: x is also given to quit"
        );
        let junk = BTreeMap::from([("help".to_string(), KeySpec::One("hyper-x".into()))]);
        assert!(Keymap::new(&junk).unwrap_err().contains("is not a key"));
    }
}
