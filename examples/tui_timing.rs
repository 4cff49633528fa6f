//! Times the full-screen program's hot paths on a data directory, without
//! a terminal: launch to first frame (load + build + draw), per-keystroke
//! search and redraw, and a save. Usage:
//!
//!     cargo run --release --example tui_timing -- DATA_DIR
//!
//! Generate a large network first with `--example generate`.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use netwerk::clock::Clock;
use netwerk::config::Config;
use netwerk::store::Store;
use netwerk::tui::app::App;
use netwerk::tui::keymap::Keymap;
use netwerk::tui::pane::Pane;
use netwerk::tui::update::Event;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::{Duration, Instant};

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// Peak resident memory so far (VmHWM).
fn peak() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM"))
                .map(|l| l.trim_start_matches("VmHWM:").trim().to_string())
        })
        .unwrap_or_else(|| "?".into())
}

/// A key press, then whatever the worker finished meanwhile, as the event
/// loop does.
fn key(app: &mut App, code: KeyCode) {
    app.update(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    app.poll_worker();
}

fn main() {
    netwerk::tune_allocator();
    let dir = std::env::args().nth(1).expect("usage: tui_timing DATA_DIR");
    let start = Instant::now();
    let store = Store::open(std::path::Path::new(&dir)).expect("data dir");
    let mut app = App::new(
        store,
        Config::default(),
        Clock::System,
        Keymap::new(&Default::default()).unwrap(),
    )
    .expect("load");
    let loaded = start.elapsed();
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    app.update(Event::Resize(120, 40));
    term.draw(|f| netwerk::tui::view::draw(&app, f)).unwrap();
    let first = start.elapsed();
    let drawn_from_digest = app.launching();
    println!("load + build state   {}", ms(loaded));
    println!(
        "first frame          {}  (peak {}{})",
        ms(first),
        peak(),
        if drawn_from_digest {
            ", from the history's digest"
        } else {
            ""
        }
    );
    // Keys typed the moment the frame shows. Searching the Contacts pane
    // does not wait for the history's entries (after a frame drawn from
    // its digest), but its index may not be built yet; other keys, such
    // as `4` for the History pane, wait for the entries.
    let mut timed = |app: &mut App, code: KeyCode| {
        let t = Instant::now();
        key(app, code);
        term.draw(|f| netwerk::tui::view::draw(app, f)).unwrap();
        ms(t.elapsed())
    };
    let slash = timed(&mut app, KeyCode::Char('/'));
    let letter = timed(&mut app, KeyCode::Char('a'));
    timed(&mut app, KeyCode::Esc);
    let history = timed(&mut app, KeyCode::Char('4'));
    timed(&mut app, KeyCode::Char('1'));
    println!("keys at first frame  `/` {slash}, `a` {letter}, then `4` {history}");
    // The rest come in the background; a person reads the screen before
    // typing.
    app.settle();
    println!(
        "contacts {}  items {}  history {}",
        app.network().contacts.len(),
        app.network().items.len(),
        app.network().history.len()
    );
    println!(
        "search index ready   {}  (peak {})",
        ms(start.elapsed()),
        peak()
    );
    let script: &[&str] = &[
        "ada", "jose", "王", "rust eng", "mar lo", "søren", "xyzq", "ana r",
    ];
    let mut times = Vec::new();
    for query in script {
        key(&mut app, KeyCode::Char('/'));
        for c in query.chars() {
            let t = Instant::now();
            key(&mut app, KeyCode::Char(c));
            let keyed = t.elapsed();
            term.draw(|f| netwerk::tui::view::draw(&app, f)).unwrap();
            times.push(t.elapsed());
            if std::env::var_os("TIMING_VERBOSE").is_some() {
                println!(
                    "  {:?} key {} frame {}",
                    app.list(Pane::Contacts).query,
                    ms(keyed),
                    ms(t.elapsed())
                );
            }
        }
        for _ in query.chars() {
            let t = Instant::now();
            key(&mut app, KeyCode::Backspace);
            term.draw(|f| netwerk::tui::view::draw(&app, f)).unwrap();
            times.push(t.elapsed());
        }
        key(&mut app, KeyCode::Esc);
    }
    times.sort();
    let p = |q: f64| times[((times.len() - 1) as f64 * q) as usize];
    println!(
        "keystroke → frame    median {}  p99 {}  worst {}  ({} keys)",
        ms(p(0.5)),
        ms(p(0.99)),
        ms(*times.last().unwrap()),
        times.len()
    );
    println!("peak after searching {}", peak());
    key(&mut app, KeyCode::Char('a'));
    for c in "Timing Test".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    let t = Instant::now();
    key(&mut app, KeyCode::Enter);
    println!("save a contact: input blocked {}", ms(t.elapsed()));
    app.settle();
    println!(
        "save a contact: written and shown {}  ({})",
        ms(t.elapsed()),
        app.status().text
    );
    if let Ok(status) = std::fs::read_to_string("/proc/self/status") {
        for line in status.lines().filter(|l| l.starts_with("VmHWM")) {
            println!(
                "peak memory          {}",
                line.trim_start_matches("VmHWM:").trim()
            );
        }
    }
}
