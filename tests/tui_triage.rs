//! Triage at scale in the full-screen program: `T` walks the contacts in
//! the current view, `K`/`D` keep or set aside all of them after a y/n
//! that shows the count, and the header's count follows.

mod support;

use crossterm::event::KeyCode;
use netwerk::domain::{Contact, ContactState, Network};
use netwerk::tui::app::App;
use netwerk::tui::popup::Popup;
use support::app::{Fixture, ctrl, key, screen, typed};

const STRIPE: [&str; 6] = [
    "Bea Bauer",
    "Cal Chen",
    "Dot Dunn",
    "Eli Eng",
    "Fay Fox",
    "Gus Gold",
];
const OTHERS: [&str; 4] = ["Hal Hu", "Ida Ono", "Jo Jung", "Kim Kahn"];

/// One contact kept by hand, six imported from Stripe and four from Acme,
/// none reviewed yet.
fn fixture() -> Fixture {
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    let mut net = Network::default();
    let mut known = Contact::new("Known Person", day).unwrap();
    known.company = Some("Acme".into());
    net.contacts.push(known);
    for (i, name) in STRIPE.iter().chain(OTHERS.iter()).enumerate() {
        let mut c = Contact::new(name, day).unwrap();
        c.company = Some(if i < STRIPE.len() { "Stripe" } else { "Acme" }.into());
        c.role = Some("Dev".into());
        c.connected = chrono::NaiveDate::from_ymd_opt(2026, 10, 1 + i as u32);
        c.state = ContactState::Untriaged;
        net.contacts.push(c);
    }
    let mut f = Fixture::network(&net);
    f.app.settle();
    f
}

fn header(app: &App) -> String {
    screen(app, 120, 40).lines().next().unwrap().to_string()
}

/// The name on the triage card: the line under the title.
fn card_name(app: &App) -> String {
    let Some(Popup::Triage(t)) = app.popup() else {
        panic!("no triage screen");
    };
    app.network()
        .contact(t.current().unwrap())
        .unwrap()
        .name
        .clone()
}

fn states_on_disk(app: &App) -> Vec<(String, ContactState)> {
    let mut v: Vec<(String, ContactState)> = app
        .store()
        .load_tables()
        .unwrap()
        .contacts
        .iter()
        .map(|c| (c.name.clone(), c.state))
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

#[test]
fn t_after_a_search_walks_only_the_matches() {
    let Fixture { dir: _d, mut app } = fixture();
    key(&mut app, KeyCode::Char('/'));
    typed(&mut app, "stripe");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('T'));
    let s = screen(&app, 120, 40);
    assert!(s.contains("Triage · 1 of 6 · filter: stripe"), "{s}");
    assert!(s.contains("why        connected 51 days ago"), "{s}");
    let mut seen = Vec::new();
    for _ in 0..STRIPE.len() {
        seen.push(card_name(&app));
        key(&mut app, KeyCode::Char('s'));
    }
    // Newest connection first.
    let expected: Vec<String> = STRIPE.iter().rev().map(|s| s.to_string()).collect();
    assert_eq!(seen, expected);
    assert!(app.popup().is_none());
    assert_eq!(app.status().text, "Triage: kept 0, skipped 6, dormant 0");
    // Without a filter the walk takes everyone.
    key(&mut app, KeyCode::Char('/'));
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('T'));
    let s = screen(&app, 120, 40);
    assert!(s.contains("Triage · 1 of 10 "), "{s}");
}

#[test]
fn keep_all_asks_with_the_count_then_keeps_only_the_view() {
    let Fixture { dir: _d, mut app } = fixture();
    assert!(header(&app).contains("· 10 to triage"), "{}", header(&app));
    key(&mut app, KeyCode::Char('/'));
    typed(&mut app, "stripe");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('T'));
    // One decided by hand first: the bulk action is about the rest.
    key(&mut app, KeyCode::Char('d'));
    let s = screen(&app, 80, 24);
    assert!(s.contains("K keep all 5"), "{s}");
    // No, then yes.
    key(&mut app, KeyCode::Char('D'));
    assert!(
        screen(&app, 80, 24).contains("Set aside all 5 contacts in this view?"),
        "{}",
        screen(&app, 80, 24)
    );
    key(&mut app, KeyCode::Char('n'));
    assert!(matches!(app.popup(), Some(Popup::Triage(_))));
    key(&mut app, KeyCode::Char('K'));
    for (w, h) in [(120, 40), (80, 24)] {
        let s = screen(&app, w, h);
        assert!(s.contains("Keep all 5 contacts in this view?"), "{s}");
        assert!(s.contains("y yes · n no"), "{s}");
    }
    key(&mut app, KeyCode::Char('y'));
    assert!(app.popup().is_none());
    assert_eq!(
        app.status().text,
        "Kept 5 contacts: they fall due by their cadence"
    );
    assert!(header(&app).contains("· 4 to triage"), "{}", header(&app));
    let on_disk = states_on_disk(&app);
    let state = |name: &str| on_disk.iter().find(|(n, _)| n == name).unwrap().1;
    let set_aside = STRIPE
        .iter()
        .filter(|n| state(n) == ContactState::Dormant)
        .count();
    let kept = STRIPE
        .iter()
        .filter(|n| state(n) == ContactState::Active)
        .count();
    assert_eq!((set_aside, kept), (1, 5));
    for name in OTHERS {
        assert_eq!(state(name), ContactState::Untriaged, "{name}");
    }
}

#[test]
fn set_all_aside_empties_the_view_and_the_header_count_drops() {
    let Fixture { dir: _d, mut app } = fixture();
    key(&mut app, KeyCode::Char('/'));
    typed(&mut app, "acme");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('T'));
    // The hand-added Acme contact is in the view but not in the walk.
    assert!(screen(&app, 120, 40).contains("Triage · 1 of 4 · filter: acme"));
    key(&mut app, KeyCode::Char('D'));
    key(&mut app, KeyCode::Char('y'));
    assert_eq!(app.status().text, "Set aside 4 contacts: kept, never due");
    assert!(header(&app).contains("· 6 to triage"), "{}", header(&app));
    key(&mut app, KeyCode::Char('T'));
    assert_eq!(
        app.status().text,
        "Nothing to triage in this view (filter: acme); 6 in all await triage"
    );
}

#[test]
fn a_touch_logged_in_the_tui_makes_an_untriaged_contact_active() {
    let Fixture { dir: _d, mut app } = fixture();
    key(&mut app, KeyCode::Char('/'));
    typed(&mut app, "hal hu");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.selected_contact().unwrap().name, "Hal Hu");
    key(&mut app, KeyCode::Char('l'));
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "coffee");
    ctrl(&mut app, 's');
    assert_eq!(app.status().text, "Logged touch with Hal Hu");
    assert!(header(&app).contains("· 9 to triage"), "{}", header(&app));
    let on_disk = states_on_disk(&app);
    assert!(on_disk.contains(&("Hal Hu".to_string(), ContactState::Active)));
}
