//! Colours and styles in one place: a built-in theme (`dark`, `light`,
//! `mono`) with the user's `[theme]` colours over it, one colour per role.
//! With `NO_COLOR` set, only bold, reverse and dim remain; glyphs carry
//! the meaning.

use crate::config::{ThemeName, ThemeSettings, parse_colour};
use crate::domain::{ContactState, DueState};
use ratatui::style::{Color, Modifier, Style};

/// A colour per role; `None` leaves the role to modifiers alone.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Roles {
    selection: Option<Color>,
    overdue: Option<Color>,
    soon: Option<Color>,
    matched: Option<Color>,
    sent: Option<Color>,
    border: Option<Color>,
    muted: Option<Color>,
}

impl Roles {
    fn builtin(name: ThemeName) -> Self {
        match name {
            ThemeName::Dark => Roles {
                selection: None,
                overdue: Some(Color::Red),
                soon: Some(Color::Yellow),
                matched: Some(Color::Green),
                sent: Some(Color::Green),
                border: Some(Color::Cyan),
                muted: None,
            },
            // Yellow and cyan vanish on white: deeper tones of the same.
            ThemeName::Light => Roles {
                selection: None,
                overdue: Some(Color::Red),
                soon: Some(Color::Indexed(130)),
                matched: Some(Color::Indexed(28)),
                sent: Some(Color::Indexed(28)),
                border: Some(Color::Blue),
                muted: Some(Color::Indexed(242)),
            },
            ThemeName::Mono => Roles::default(),
        }
    }

    /// Each role's slot, in the order of [`ThemeSettings::roles`].
    fn slots(&mut self) -> [&mut Option<Color>; 7] {
        [
            &mut self.selection,
            &mut self.overdue,
            &mut self.soon,
            &mut self.matched,
            &mut self.sent,
            &mut self.border,
            &mut self.muted,
        ]
    }
}

/// The styles the screen uses.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    color: bool,
    roles: Roles,
}

/// Whether the environment asks for no colour (`NO_COLOR`, non-empty).
pub fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

impl Theme {
    /// The default (dark) theme, unless `NO_COLOR` is set.
    pub fn from_env() -> Self {
        Self::new(!no_color_env())
    }

    /// The dark theme with colours on or off, for tests.
    pub fn new(color: bool) -> Self {
        Self {
            color,
            roles: Roles::builtin(ThemeName::Dark),
        }
    }

    /// The theme `settings` describe; `no_color` (from `NO_COLOR`) wins
    /// over every colour. Errors name the role's key and why.
    pub fn configured(settings: &ThemeSettings, no_color: bool) -> Result<Self, (String, String)> {
        let mut roles = Roles::builtin(settings.name);
        for ((key, text), slot) in settings.roles().into_iter().zip(roles.slots()) {
            if let Some(text) = text {
                *slot = parse_colour(text).map_err(|e| (format!("theme.{key}"), e))?;
            }
        }
        Ok(Self {
            color: !no_color,
            roles,
        })
    }

    /// `role`'s colour as a foreground, when colours are on.
    fn fg(&self, role: Option<Color>) -> Style {
        match role {
            Some(c) if self.color => Style::default().fg(c),
            _ => Style::default(),
        }
    }

    /// Matched search characters.
    pub fn highlight(&self) -> Style {
        self.fg(self.roles.matched)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// The selected row: in the focused pane a background of its own (or
    /// reverse video), elsewhere bold.
    pub fn selected(&self, focused: bool) -> Style {
        match (focused, self.roles.selection) {
            (true, Some(c)) if self.color => Style::default().bg(c),
            (true, _) => Style::default().add_modifier(Modifier::REVERSED),
            (false, _) => Style::default().add_modifier(Modifier::BOLD),
        }
    }

    /// Borders of the focused pane, and headings.
    pub fn focused_border(&self) -> Style {
        self.fg(self.roles.border).add_modifier(Modifier::BOLD)
    }

    /// Secondary text.
    pub fn dim(&self) -> Style {
        self.fg(self.roles.muted).add_modifier(Modifier::DIM)
    }

    /// A placeholder in an empty field: dim and italic, so it never reads
    /// as a value (with or without colours).
    pub fn hint(&self) -> Style {
        self.fg(self.roles.muted)
            .add_modifier(Modifier::DIM | Modifier::ITALIC)
    }

    /// Error messages.
    pub fn error(&self) -> Style {
        self.fg(self.roles.overdue).add_modifier(Modifier::BOLD)
    }

    /// Success and information.
    pub fn info(&self) -> Style {
        self.fg(self.roles.sent)
    }

    /// A contact row by due state.
    pub fn due(&self, state: DueState) -> Style {
        match state {
            DueState::Overdue => self.fg(self.roles.overdue),
            DueState::Soon => self.fg(self.roles.soon),
            DueState::Fine => Style::default(),
            DueState::Inactive => self.dim(),
        }
    }

    /// Items that match the selected contact.
    pub fn matched(&self) -> Style {
        self.fg(self.roles.matched)
    }

    /// Shares, and the mark of what a contact already received.
    pub fn sent(&self) -> Style {
        self.fg(self.roles.sent)
    }

    /// Mode badge on the status line: the border colour behind the text.
    pub fn badge(&self) -> Style {
        self.fg(self.roles.border)
            .add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }
}

/// The glyph after a contact's time since last touch (the help's legend
/// explains each): `!` overdue, `~` due within a week, `?` not triaged
/// yet, `z` set aside as dormant.
pub fn due_glyph(state: DueState, contact: ContactState) -> &'static str {
    match (state, contact) {
        (_, ContactState::Dormant) => "z",
        (DueState::Overdue, _) => "!",
        (DueState::Soon, _) => "~",
        (DueState::Fine, _) => " ",
        (DueState::Inactive, _) => "?",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(name: ThemeName) -> ThemeSettings {
        ThemeSettings {
            name,
            ..Default::default()
        }
    }

    #[test]
    fn roles_override_the_builtin_and_no_color_wins() {
        let mut s = settings(ThemeName::Light);
        let light = Theme::configured(&s, false).unwrap();
        assert_eq!(light.due(DueState::Overdue).fg, Some(Color::Red));
        assert_eq!(light.focused_border().fg, Some(Color::Blue));
        s.overdue = Some("light-magenta".into());
        s.selection = Some("#102030".into());
        s.muted = Some("none".into());
        let t = Theme::configured(&s, false).unwrap();
        assert_eq!(t.due(DueState::Overdue).fg, Some(Color::LightMagenta));
        assert_eq!(t.selected(true).bg, Some(Color::Rgb(0x10, 0x20, 0x30)));
        assert_eq!(t.dim().fg, None);
        let plain = Theme::configured(&s, true).unwrap();
        assert_eq!(plain.due(DueState::Overdue).fg, None);
        assert!(
            plain
                .selected(true)
                .add_modifier
                .contains(Modifier::REVERSED)
        );
    }

    #[test]
    fn mono_has_no_colour_unless_a_role_asks_for_one() {
        let mut s = settings(ThemeName::Mono);
        let mono = Theme::configured(&s, false).unwrap();
        assert_eq!(mono.due(DueState::Overdue).fg, None);
        assert_eq!(mono.matched().fg, None);
        s.overdue = Some("123".into());
        let t = Theme::configured(&s, false).unwrap();
        assert_eq!(t.due(DueState::Overdue).fg, Some(Color::Indexed(123)));
        assert_eq!(t.matched().fg, None);
    }

    #[test]
    fn a_bad_colour_names_its_key() {
        let s = ThemeSettings {
            overdue: Some("reddd".into()),
            ..Default::default()
        };
        let (key, why) = s.check().unwrap_err();
        assert_eq!(key, "theme.overdue");
        assert!(why.starts_with("\"reddd\" is not a colour"), "{why}");
    }
}
