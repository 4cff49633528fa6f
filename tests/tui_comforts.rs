//! Comforts of the full-screen program, driven through `App::update` and
//! drawn into a `TestBackend`: the command palette, themes and the mouse.
//! Given the sample network at a fixed time, when the user does this,
//! then this is on screen.

mod support;

use crossterm::event::{KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use netwerk::config::Config;
use netwerk::config::{ThemeName, ThemeSettings};
use netwerk::tui::app::App;
use netwerk::tui::pane::Pane;
use netwerk::tui::popup::Popup;
use netwerk::tui::update::Event;
use netwerk::tui::view::theme::Theme;
use ratatui::style::Color;
use support::app::{
    Fixture, ctrl, demo, demo_network, draw, key, network_dir, open_configured, screen, typed,
};

/// The sample network at 120×40 with `config`, drawn as configured.
fn demo_with(config: Config) -> Fixture {
    let dir = network_dir(&demo_network());
    let app = open_configured(dir.path(), config);
    Fixture { dir, app }
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
    assert!(matches!(app.popup(), Some(Popup::Dashboard)));
    let s = screen(app, 120, 40);
    assert!(s.contains("Dashboard · giga"), "{s}");
    assert!(!s.contains("Run an action"), "{s}");
}

#[test]
fn ctrl_p_opens_it_too_and_esc_closes_it_doing_nothing() {
    let mut f = demo();
    let app = &mut f.app;
    ctrl(app, 'p');
    assert!(matches!(app.popup(), Some(Popup::Palette(_))));
    // Letters are the query here, not keys: `q` does not quit.
    typed(app, "q");
    assert!(!app.has_quit());
    key(app, KeyCode::Esc);
    assert!(app.popup().is_none());
    assert!(!app.has_quit());
    assert_eq!(app.focus(), Pane::Contacts);
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
    assert!(app.popup().is_none());
    assert_eq!(app.focus(), Pane::Interests);
    // Nothing matching: Enter does nothing and the palette stays.
    key(app, KeyCode::Char(':'));
    typed(app, "zzzz");
    assert!(screen(app, 120, 40).contains("No action matches."));
    key(app, KeyCode::Enter);
    assert!(matches!(app.popup(), Some(Popup::Palette(_))));
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
    plain
        .app
        .set_theme(Theme::configured(&plain.app.config().theme, true).unwrap());
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
    f.app
        .set_theme(Theme::configured(&f.app.config().theme, false).unwrap());
    assert_eq!(border_colour(&f.app), Some(Color::LightMagenta));
    assert_eq!(overdue_colour(&f.app), Some(Color::Rgb(0xff, 0x88, 0x00)));
}

// --- the mouse ----------------------------------------------------------------

fn mouse(app: &mut App, kind: MouseEventKind, x: u16, y: u16) {
    app.update(Event::Mouse(MouseEvent {
        kind,
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    }));
    app.settle();
}

fn click(app: &mut App, x: u16, y: u16) {
    mouse(app, MouseEventKind::Down(MouseButton::Left), x, y);
}

/// The sample network with `[ui] mouse = true`, without colours.
fn with_mouse() -> Fixture {
    let mut config = Config::default();
    config.ui.mouse = true;
    let mut f = demo_with(config);
    f.app.set_theme(Theme::new(false));
    f
}

/// The screen line on which the Contacts pane marks its selection.
fn marked_row(app: &App) -> usize {
    screen(app, 120, 40)
        .lines()
        .position(|l| l.starts_with("│▶"))
        .expect("a selected contact")
}

#[test]
fn a_click_selects_the_row_under_it_and_focuses_its_pane() {
    let mut f = with_mouse();
    let app = &mut f.app;
    // Rows start under the header and the pane's top border.
    let third = screen(app, 120, 40).lines().nth(4).unwrap().to_string();
    click(app, 10, 4);
    assert_eq!(app.list(Pane::Contacts).selected, 2);
    assert_eq!(marked_row(app), 4);
    let name = third
        .trim_start_matches('│')
        .split("  ")
        .next()
        .unwrap()
        .trim();
    let s = screen(app, 120, 40);
    assert!(s.contains(&format!("Interests · {name}")), "{name}: {s}");
    // A History row: that pane is focused, its row selected.
    click(app, 70, 24);
    assert_eq!(app.focus(), Pane::History);
    assert_eq!(app.list(Pane::History).selected, 1);
    // A border or an empty line focuses without selecting.
    click(app, 5, 1);
    assert_eq!(app.focus(), Pane::Contacts);
    assert_eq!(app.list(Pane::Contacts).selected, 2);
}

#[test]
fn a_click_in_a_scrolled_list_selects_the_row_drawn_there() {
    let mut f = with_mouse();
    let app = &mut f.app;
    key(app, KeyCode::Char('G'));
    let last = app.list(Pane::Contacts).selected;
    let offset = app.list(Pane::Contacts).offset;
    assert!(offset > 0, "the list scrolled");
    click(app, 10, 2);
    assert_eq!(app.list(Pane::Contacts).selected, offset);
    assert_eq!(marked_row(app), 2);
    click(app, 10, 3);
    assert_eq!(app.list(Pane::Contacts).selected, offset + 1);
    assert!(app.list(Pane::Contacts).selected < last);
}

#[test]
fn the_wheel_scrolls_the_list_under_the_pointer() {
    let mut f = with_mouse();
    let app = &mut f.app;
    for _ in 0..3 {
        mouse(app, MouseEventKind::ScrollDown, 10, 10);
    }
    assert_eq!(app.list(Pane::Contacts).selected, 3);
    mouse(app, MouseEventKind::ScrollUp, 10, 10);
    assert_eq!(app.list(Pane::Contacts).selected, 2);
    assert_eq!(marked_row(app), 4);
    // Over the Queue, the Queue scrolls and the focus stays.
    mouse(app, MouseEventKind::ScrollDown, 20, 30);
    assert_eq!(app.list(Pane::Queue).selected, 1);
    assert_eq!(app.focus(), Pane::Contacts);
    // Over a dialog's list, the dialog moves.
    key(app, KeyCode::Char(':'));
    mouse(app, MouseEventKind::ScrollDown, 60, 20);
    key(app, KeyCode::Enter);
    assert_eq!(app.focus(), Pane::Interests, "the second action: next pane");
}

#[test]
fn a_click_on_a_tab_of_the_narrow_layout_focuses_that_pane() {
    let mut f = with_mouse();
    let app = &mut f.app;
    app.update(Event::Resize(80, 24));
    let tabs = screen(app, 80, 24).lines().nth(1).unwrap().to_string();
    let x = tabs.find("3 Queue").unwrap();
    let x = tabs[..x].chars().count() as u16;
    click(app, x + 2, 1);
    assert_eq!(app.focus(), Pane::Queue);
    click(app, 0, 1);
    assert_eq!(app.focus(), Pane::Contacts);
}

#[test]
fn with_the_mouse_off_clicks_and_the_wheel_do_nothing() {
    let mut f = demo();
    let app = &mut f.app;
    assert!(!app.config().ui.mouse, "off by default");
    let before = screen(app, 120, 40);
    click(app, 10, 4);
    click(app, 70, 24);
    mouse(app, MouseEventKind::ScrollDown, 10, 10);
    assert_eq!(app.list(Pane::Contacts).selected, 0);
    assert_eq!(app.focus(), Pane::Contacts);
    assert_eq!(screen(app, 120, 40), before);
}
