//! Comforts of the full-screen program, driven through `App::update` and
//! drawn into a `TestBackend`: the command palette, themes and the mouse.
//! Given the sample network at a fixed time, when the user does this,
//! then this is on screen.

mod support;

use crossterm::event::KeyCode;
use netwerk::clock::Clock;
use netwerk::config::Config;
use netwerk::store::Store;
use netwerk::tui::app::App;
use netwerk::tui::keymap::Keymap;
use netwerk::tui::pane::Pane;
use netwerk::tui::popup::Popup;
use netwerk::tui::update::Event;
use netwerk::tui::view::theme::{Theme, ThemeName, ThemeSettings};
use ratatui::style::Color;
use support::app::{NOW, ctrl, draw, key, screen, typed};

struct Fixture {
    _dir: tempfile::TempDir,
    app: App,
}

/// The sample network at 120×40 with `config`, drawn as configured.
fn demo_with(config: Config) -> Fixture {
    let clock = Clock::parse(NOW).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    netwerk::demo::write(&store, &netwerk::demo::sample(clock.now())).unwrap();
    let keymap = Keymap::new(&config.keys).unwrap();
    let mut app = App::new(store, config, clock, keymap).unwrap();
    app.update(Event::Resize(120, 40));
    Fixture { _dir: dir, app }
}

/// The sample network without colours, as the snapshots see it.
fn demo() -> Fixture {
    let mut f = demo_with(Config::default());
    f.app.theme = Theme::new(false);
    f
}

// --- the command palette -------------------------------------------------

#[test]
fn colon_then_dash_and_enter_opens_the_dashboard() {
    let mut f = demo();
    let app = &mut f.app;
    key(app, KeyCode::Char(':'));
    let s = screen(app, 120, 40);
    assert!(s.contains("Run an action"), "{s}");
    assert!(s.contains(" COMMAND "), "{s}");
    // Every action of the pane with its key, as help lists them.
    assert!(s.contains("share an item with this contact"), "{s}");
    assert!(s.contains("dashboard"), "{s}");
    typed(app, "dash");
    insta::assert_snapshot!("palette_dash", screen(app, 120, 40));
    key(app, KeyCode::Enter);
    assert!(matches!(app.popups.last(), Some(Popup::Dashboard)));
    let s = screen(app, 120, 40);
    assert!(s.contains("Dashboard · giga"), "{s}");
    assert!(!s.contains("Run an action"), "{s}");
}

#[test]
fn ctrl_p_opens_it_too_and_esc_closes_it_doing_nothing() {
    let mut f = demo();
    let app = &mut f.app;
    ctrl(app, 'p');
    assert!(matches!(app.popups.last(), Some(Popup::Palette(_))));
    // Letters are the query here, not keys: `q` does not quit.
    typed(app, "q");
    assert!(!app.quit);
    key(app, KeyCode::Esc);
    assert!(app.popups.is_empty());
    assert!(!app.quit);
    assert_eq!(app.focus, Pane::Contacts);
}

#[test]
fn an_action_from_the_palette_does_what_its_key_does() {
    let by_key = {
        let mut f = demo();
        key(&mut f.app, KeyCode::Char('o'));
        screen(&f.app, 120, 40)
    };
    let mut f = demo();
    let app = &mut f.app;
    key(app, KeyCode::Char(':'));
    typed(app, "sort");
    key(app, KeyCode::Enter);
    assert_eq!(screen(app, 120, 40), by_key);
    assert!(by_key.contains("Contacts sorted by name"), "{by_key}");
}

#[test]
fn the_palette_offers_the_focused_panes_actions_and_moves_with_arrows() {
    let mut f = demo();
    let app = &mut f.app;
    key(app, KeyCode::Char('3'));
    key(app, KeyCode::Char(':'));
    let s = screen(app, 120, 40);
    assert!(s.contains("copy the item's URL"), "{s}");
    assert!(!s.contains("sort by due"), "sort is a Contacts key: {s}");
    // "jump" finds the four jumps; the second is Interests.
    typed(app, "jump");
    key(app, KeyCode::Down);
    key(app, KeyCode::Enter);
    assert!(app.popups.is_empty());
    assert_eq!(app.focus, Pane::Interests);
    // Nothing matching: Enter does nothing and the palette stays.
    key(app, KeyCode::Char(':'));
    typed(app, "zzzz");
    assert!(screen(app, 120, 40).contains("No action matches."));
    key(app, KeyCode::Enter);
    assert!(matches!(app.popups.last(), Some(Popup::Palette(_))));
}

#[test]
fn the_palette_fits_80x24() {
    let mut f = demo();
    let app = &mut f.app;
    app.update(Event::Resize(80, 24));
    key(app, KeyCode::Char(':'));
    insta::assert_snapshot!("palette_80x24", screen(app, 80, 24));
}

// --- themes ---------------------------------------------------------------

/// The colour the top-left corner of the focused Contacts pane is drawn in.
fn border_colour(app: &App) -> Option<Color> {
    let term = draw(app, 120, 40);
    term.backend().buffer()[(0, 1)].style().fg
}

/// The colour of the first overdue contact's row in the Contacts pane.
fn overdue_colour(app: &App) -> Option<Color> {
    let s = screen(app, 120, 40);
    let y = s
        .lines()
        .position(|l| l.contains("d!"))
        .expect("an overdue contact");
    let term = draw(app, 120, 40);
    term.backend().buffer()[(3, y as u16)].style().fg
}

fn themed(name: ThemeName) -> Config {
    Config {
        theme: ThemeSettings {
            name,
            ..Default::default()
        },
        ..Default::default()
    }
}

#[test]
fn the_light_theme_and_no_color_change_the_colours_drawn() {
    let dark = demo_with(themed(ThemeName::Dark));
    let light = demo_with(themed(ThemeName::Light));
    // Built by `App::new` from the config, unless NO_COLOR is set here.
    if std::env::var_os("NO_COLOR").is_none() {
        assert_eq!(border_colour(&dark.app), Some(Color::Cyan));
        assert_eq!(border_colour(&light.app), Some(Color::Blue));
        assert_eq!(overdue_colour(&light.app), Some(Color::Red));
    }
    let mut plain = demo_with(themed(ThemeName::Light));
    plain.app.theme = Theme::configured(&plain.app.config.theme, true).unwrap();
    assert_eq!(border_colour(&plain.app), Some(Color::Reset));
    assert_eq!(overdue_colour(&plain.app), Some(Color::Reset));
    // The text is the same whatever the colours.
    assert_eq!(screen(&light.app, 120, 40), screen(&plain.app, 120, 40));
}

#[test]
fn a_role_overrides_its_colour_in_every_place_it_is_used() {
    let mut config = themed(ThemeName::Dark);
    config.theme.overdue = Some("#ff8800".into());
    config.theme.border = Some("light-magenta".into());
    let mut f = demo_with(config);
    f.app.theme = Theme::configured(&f.app.config.theme, false).unwrap();
    assert_eq!(border_colour(&f.app), Some(Color::LightMagenta));
    assert_eq!(overdue_colour(&f.app), Some(Color::Rgb(0xff, 0x88, 0x00)));
}
