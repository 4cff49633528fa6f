//! The performance benchmark behind SPEC §9: generates a network at
//! LinkedIn scale (30,000 contacts, 5,000 items, 100,000 history entries)
//! in a temporary directory and prints what each bar measures.
//!
//! ```sh
//! cargo run --release --example bench             # the full-size run
//! cargo run --release --example bench -- --quick  # a tenth of the size
//! cargo run --release --example bench -- --feeds  # only feeds and the inbox
//! cargo run --release --example bench -- --saves  # only a save, with undo journal and without
//! cargo run --release --example bench -- --sync   # only the merge driver and vdir
//! cargo run --release --example bench -- --giving # only `intro suggest` and `digest`
//! ```
//!
//! Each `*_rows` function measures one area and returns table rows; the
//! TUI's first-frame, keystroke and save-blocking rows belong in
//! [`tui_rows`].

#[path = "shared/cpu.rs"]
mod cpu;
use chrono::{DateTime, FixedOffset};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use netwerk::clock::Clock;
use netwerk::config::Config;
use netwerk::domain::Network;
use netwerk::format::history;
use netwerk::generate::{self, Sizes};
use netwerk::search::{SearchIndex, cache};
use netwerk::store::Store;
use netwerk::tui::app::App;
use netwerk::tui::keymap::Keymap;
use netwerk::tui::pane::Pane;
use netwerk::tui::update::Event;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One line of the results table.
struct Row {
    measure: String,
    value: String,
    bar: &'static str,
}

fn row(measure: impl Into<String>, value: impl Into<String>, bar: &'static str) -> Row {
    Row {
        measure: measure.into(),
        value: value.into(),
        bar,
    }
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

/// Runs `f` `runs` times and returns the median time and the last result.
fn timed<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        last = Some(f());
        times.push(start.elapsed());
    }
    (median(times), last.expect("at least one run"))
}

/// Typing and deleting, one query per keystroke: 1–8 characters,
/// multi-word, accented and CJK, and a miss.
const KEYSTROKES: &[&str] = &[
    "a", "ad", "ada", "ada ", "ada r", "ada ru", "ada rus", "ada rust", "ada rus", "ada ru",
    "ada r", "ada ", "ada", "ad", "a", "", "j", "jo", "jos", "jose", "jose ", "jose n", "jose nu",
    "jose n", "jose", "", "s", "sø", "sør", "søre", "søren", "", "王", "王芳", "王", "", "e", "en",
    "eng", "engi", "engin", "engine", "enginee", "engineer", "", "d", "da", "dat", "data", "data ",
    "data e", "data en", "data eng", "", "m", "mg", "mgr", "", "x", "xq", "xqz", "", "c", "ca",
    "caf", "café", "", "l", "li", "lin", "linu", "linux",
];

/// The fields search matches for a contact.
fn contact_fields(c: &netwerk::domain::Contact) -> Vec<&str> {
    let mut f = vec![
        c.name.as_str(),
        c.company.as_deref().unwrap_or(""),
        c.role.as_deref().unwrap_or(""),
    ];
    f.extend(c.interests.iter().map(String::as_str));
    f
}

fn load_rows(store: &Store) -> Vec<Row> {
    let (toml, _) = timed(3, || store.load_tables().expect("tables load"));
    let (history, _) = timed(3, || store.load_history().expect("history loads"));
    let cache_file = cache::path(store.dir());
    let (cold, _) = timed(3, || {
        let _ = std::fs::remove_file(&cache_file);
        cache::load(store).expect("cache builds")
    });
    let (warm, (_, source)) = timed(7, || cache::load(store).expect("cache loads"));
    assert_eq!(source, cache::Source::Cache);
    vec![
        row("load contacts + queue (Store::load_tables)", ms(toml), "-"),
        row("load history (Store::load_history)", ms(history), "-"),
        row(
            "search lines, cold (TOML parse + write cache)",
            ms(cold),
            "-",
        ),
        row("search lines, warm (validated cache)", ms(warm), "-"),
    ]
}

/// One contact edited and saved the way the TUI's worker saves (the
/// network kept between saves), with the undo journal and without it:
/// what the journal (the records compared, the change's images, one
/// appended line) adds to a save. Wall and CPU time: on a busy machine
/// the wall time grows with the load, the CPU time does not.
fn save_rows(store: &Store) -> Vec<Row> {
    const RUNS: usize = 15;
    let mut base = store.load_tables_stamped().expect("tables load");
    let mut n = 0;
    let mut edit = |net: &mut Network| {
        n += 1;
        net.contacts[n % 7].notes = Some(format!("bench edit {n}"));
        Ok::<_, netwerk::store::StoreError>(())
    };
    let (mut off, mut on) = ((Vec::new(), Vec::new()), (Vec::new(), Vec::new()));
    // Interleaved, so the disk's and the machine's moods fall on both.
    for _ in 0..RUNS {
        for journaled in [false, true] {
            let (t, cpu) = (Instant::now(), cpu::process_cpu());
            let saved = match journaled {
                false => store.modify_at(&mut base, netwerk::store::Unrecorded, &mut edit),
                true => store.modify_at(&mut base, "edited a contact", &mut edit),
            };
            saved.expect("saved");
            let times = if journaled { &mut on } else { &mut off };
            times.0.push(t.elapsed());
            times.1.push(cpu::process_cpu() - cpu);
        }
    }
    let shown = |(wall, cpu): (Vec<Duration>, Vec<Duration>)| {
        format!("{} ({} CPU)", ms(median(wall)), ms(median(cpu)))
    };
    vec![
        row(
            format!("save one contact edit, no undo journal (median of {RUNS})"),
            shown(off),
            "-",
        ),
        row(
            format!("save one contact edit, with undo journal (median of {RUNS})"),
            shown(on),
            "-",
        ),
    ]
}

fn search_rows(network: &Network) -> Vec<Row> {
    let (build, _) = timed(5, || {
        SearchIndex::new(network.contacts.iter().map(contact_fields))
    });
    let mut times = Vec::new();
    for _ in 0..5 {
        let mut index = SearchIndex::new(network.contacts.iter().map(contact_fields));
        for q in KEYSTROKES {
            let start = Instant::now();
            std::hint::black_box(index.search(q).len());
            times.push(start.elapsed());
        }
    }
    times.sort();
    let pick = |q: f64| times[((times.len() as f64 * q).ceil() as usize).clamp(1, times.len()) - 1];
    vec![
        row("search keys built (once per data load)", ms(build), "-"),
        row(
            format!("search per keystroke, median ({} keystrokes)", times.len()),
            ms(pick(0.5)),
            "≤ 5 ms",
        ),
        row("search per keystroke, p99", ms(pick(0.99)), "-"),
        row("search per keystroke, worst", ms(pick(1.0)), "≤ 16 ms"),
    ]
}

/// The TUI's state over `data`, as `netwerk --data` builds it.
fn open_app(data: &Path) -> App {
    let store = Store::open(data).expect("data directory");
    let clock = Clock::parse("2026-11-26T09:00:00+01:00").expect("a time");
    let keymap = Keymap::new(&Default::default()).expect("default keys");
    let mut app = App::new(store, Config::default(), clock, keymap).expect("network loads");
    app.update(Event::Resize(120, 40));
    app
}

/// Launch (load + build the views) to a drawn first frame.
fn first_frame(data: &Path) -> (Duration, App) {
    let start = Instant::now();
    let app = open_app(data);
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("a test terminal");
    term.draw(|f| netwerk::tui::view::draw(&app, f))
        .expect("a frame");
    (start.elapsed(), app)
}

/// Time from starting a fresh process to its first frame drawn with
/// data: a child process loads, derives and draws, then says so on
/// stdout, and the time is taken when that line arrives. Also returns
/// the CPU time the child had used by then (all its threads): on a
/// machine whose other core is busy, the launch takes about that long.
fn launch_to_frame(data: &Path) -> (Duration, Duration) {
    use std::io::BufRead;
    let start = Instant::now();
    let child = Command::new(std::env::current_exe().expect("own path"))
        .args(["--child", "frame"])
        .arg(data)
        .stdout(Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        return (Duration::MAX, Duration::MAX);
    };
    let mut line = String::new();
    if let Some(out) = child.stdout.take() {
        let _ = std::io::BufReader::new(out).read_line(&mut line);
    }
    let took = start.elapsed();
    let _ = child.wait();
    let cpu = line
        .trim()
        .strip_prefix("drawn ")
        .and_then(|ns| ns.parse().ok())
        .map_or(Duration::MAX, Duration::from_nanos);
    (took, cpu)
}

/// Presses one key in the TUI, then applies whatever the worker thread
/// finished meanwhile, as the event loop does.
fn press(app: &mut App, code: KeyCode) {
    app.update(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    app.poll_worker();
}

/// Types the search keystrokes into the Contacts pane of the TUI, timing
/// each from key to a finished frame; returns the times.
fn tui_keystrokes(app: &mut App, term: &mut Terminal<TestBackend>) -> Vec<Duration> {
    // The contacts' index is built in the background after launch; a
    // person reads the screen first. Wait for it, so every key filters.
    app.settle();
    assert!(
        app.search_ready(Pane::Contacts),
        "the contacts index is ready"
    );
    let mut times = Vec::new();
    let mut narrowed = false;
    press(app, KeyCode::Char('1'));
    press(app, KeyCode::Char('/'));
    let mut typed = String::new();
    for q in KEYSTROKES {
        // Turn the previous query into this one: delete back to the
        // common prefix, then type the rest, one timed key each.
        let common = typed
            .chars()
            .zip(q.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let mut keys = Vec::new();
        for _ in common..typed.chars().count() {
            keys.push(KeyCode::Backspace);
        }
        keys.extend(q.chars().skip(common).map(KeyCode::Char));
        for k in keys {
            let start = Instant::now();
            press(app, k);
            term.draw(|f| netwerk::tui::view::draw(app, f))
                .expect("a frame");
            times.push(start.elapsed());
            narrowed |= app.list(Pane::Contacts).rows.len() < app.list(Pane::Contacts).base.len();
        }
        typed = q.to_string();
    }
    assert!(narrowed, "the keystrokes filtered the Contacts pane");
    press(app, KeyCode::Esc);
    times
}

/// Launches timed for the cold and warm rows: a virtual machine's stalls
/// land on single launches, so the medians need a few of each.
const COLD_RUNS: usize = 5;
/// See [`COLD_RUNS`].
const WARM_RUNS: usize = 7;

/// Rows for the full-screen program: launch to first frame with data
/// (cold: no cache; warm: the usual case), search keystrokes from key to
/// finished frame, and how long a save blocks input (the form is handed
/// to the worker thread) beside how long until it is written and shown.
fn tui_rows(data: &Path) -> Vec<Row> {
    // One launch first, untimed: the first run of a freshly built binary
    // pays for paging the program itself in, which is not netwerk's doing.
    let _ = launch_to_frame(data);
    // Cold: the snapshots removed before each launch (the launch writes
    // them again once its first frame is up).
    let (cold, cold_cpu): (Vec<_>, Vec<_>) = (0..COLD_RUNS)
        .map(|_| {
            let _ = std::fs::remove_dir_all(data.join(".cache"));
            launch_to_frame(data)
        })
        .unzip();
    let (cold, cold_cpu) = (median(cold), median(cold_cpu));
    let (warm, warm_cpu): (Vec<_>, Vec<_>) = (0..WARM_RUNS).map(|_| launch_to_frame(data)).unzip();
    let (warm, warm_cpu) = (median(warm), median(warm_cpu));
    let (_, mut app) = first_frame(data);
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("a test terminal");
    let mut keys = tui_keystrokes(&mut app, &mut term);
    keys.sort();
    let pick = |q: f64| keys[((keys.len() as f64 * q).ceil() as usize).clamp(1, keys.len()) - 1];
    // The share picker from the Queue: every contact, ranked for the
    // item, filtered as you type.
    press(&mut app, KeyCode::Char('3'));
    let t = Instant::now();
    press(&mut app, KeyCode::Char('s'));
    term.draw(|f| netwerk::tui::view::draw(&app, f))
        .expect("a frame");
    let picker_open = t.elapsed();
    let mut picker_keys = Vec::new();
    for c in "jose nu".chars() {
        let t = Instant::now();
        press(&mut app, KeyCode::Char(c));
        term.draw(|f| netwerk::tui::view::draw(&app, f))
            .expect("a frame");
        picker_keys.push(t.elapsed());
    }
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('1'));
    let picker_worst = picker_keys.iter().max().copied().unwrap_or_default();
    press(&mut app, KeyCode::Char('a'));
    for c in "Bench Mark".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    let t = Instant::now();
    press(&mut app, KeyCode::Enter);
    let blocked = t.elapsed();
    // The event loop applies each reply on the UI thread when it
    // arrives: that also holds up input, so it is timed too.
    let mut applying = Duration::ZERO;
    while app.busy() {
        let a = Instant::now();
        if app.poll_worker() {
            applying = applying.max(a.elapsed());
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    let shown = t.elapsed();
    assert_eq!(
        app.status().text,
        "Added Bench Mark",
        "the save went through"
    );
    vec![
        row(
            format!("TUI process start → first frame, cold (median of {COLD_RUNS})"),
            ms(cold),
            "≤ 100 ms",
        ),
        row("… CPU used by then, all threads", ms(cold_cpu), "-"),
        row(
            format!("TUI process start → first frame, warm (median of {WARM_RUNS})"),
            ms(warm),
            "≤ 100 ms",
        ),
        row("… CPU used by then, all threads", ms(warm_cpu), "-"),
        row(
            format!("TUI search key → frame, median ({} keys)", keys.len()),
            ms(pick(0.5)),
            "≤ 5 ms",
        ),
        row("TUI search key → frame, p99", ms(pick(0.99)), "-"),
        row("TUI search key → frame, worst", ms(pick(1.0)), "≤ 16 ms"),
        row(
            "TUI share picker over every contact: open",
            ms(picker_open),
            "-",
        ),
        row(
            "TUI share picker: key → frame, worst (7 keys)",
            ms(picker_worst),
            "≤ 16 ms",
        ),
        row(
            "TUI input blocked by a save (add a contact)",
            ms(blocked),
            "≤ 16 ms",
        ),
        row(
            "TUI applying the save's result (UI thread), worst",
            ms(applying),
            "≤ 16 ms",
        ),
        row("TUI save written, re-derived and shown", ms(shown), "-"),
    ]
}

/// Peak memory of a child process doing `job` on `data` ("12.3 MiB"),
/// so the generator's own memory is not counted.
fn peak(job: &str, data: &Path) -> String {
    let out = Command::new(std::env::current_exe().expect("own path"))
        .args(["--child", job])
        .arg(data)
        .output();
    match out {
        Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout).trim().to_string(),
        _ => "failed".into(),
    }
}

/// Peak memory of child processes, each doing one job on the data.
fn memory_rows(data: &Path) -> Vec<Row> {
    let peak = |job: &str| peak(job, data);
    vec![
        row(
            "peak memory: Store::load of everything",
            peak("load"),
            "≤ 150 MiB",
        ),
        row(
            "peak memory: netwerk search (cache + index + keystrokes)",
            peak("search"),
            "≤ 150 MiB",
        ),
        row(
            "peak memory: TUI after its first frame",
            peak("tui"),
            "≤ 150 MiB",
        ),
        row(
            "peak memory: TUI after searching and two saves",
            peak("tui-session"),
            "≤ 150 MiB",
        ),
    ]
}

/// How memory grows with the data: the peak of loading everything, for
/// networks of a quarter, a half and all of `sizes` (same generator, same
/// seed). The TUI's own peaks move by several MiB from run to run with
/// what its background thread is doing; the loaded network is what
/// scales with the data.
fn growth_rows(sizes: Sizes, now: DateTime<FixedOffset>, dir: &Path) -> Vec<Row> {
    let mut peaks = Vec::new();
    for (name, part) in [("quarter", 4), ("half", 2), ("all", 1)] {
        let part_of = Sizes {
            contacts: sizes.contacts / part,
            items: sizes.items / part,
            history: sizes.history / part,
        };
        // Fresh directories, so each is loaded the same way (warm).
        let at = dir.join(name);
        generate::write(&at, &generate::network(part_of, 1, now)).expect("network written");
        peaks.push(peak("load", &at));
    }
    let mib: Vec<f64> = peaks
        .iter()
        .filter_map(|p| p.trim_end_matches(" MiB").parse().ok())
        .collect();
    let steps = match mib.as_slice() {
        [q, h, w] => format!("+{:.1} / +{:.1} MiB", h - q, (w - h) / 2.0),
        _ => "failed".into(),
    };
    vec![
        row(
            "peak memory: Store::load at ¼ / ½ / all of the data",
            peaks.join(" / "),
            "-",
        ),
        row(
            "… growth per quarter of the data: ¼→½ / ½→all",
            steps,
            "linear",
        ),
    ]
}

/// The child side of [`memory_rows`]: does the job, prints VmHWM.
fn child(job: &str, data: &Path) {
    let store = Store::open(data).expect("data directory");
    match job {
        "load" => {
            std::hint::black_box(store.load().expect("network loads"));
        }
        "tui" => {
            std::hint::black_box(first_frame(data));
        }
        "frame" => {
            let (_, mut app) = first_frame(data);
            println!("drawn {}", cpu::process_cpu().as_nanos());
            // To profile the launch alone, leave at once.
            if std::env::var_os("BENCH_EXIT_AT_FRAME").is_some() {
                std::process::exit(0);
            }
            // As on quitting: let the worker write the snapshots a cold
            // launch leaves it.
            app.finish();
            return;
        }
        "tui-session" => {
            let (_, mut app) = first_frame(data);
            let mut term = Terminal::new(TestBackend::new(120, 40)).expect("a test terminal");
            let hwm = || {
                std::fs::read_to_string("/proc/self/status")
                    .unwrap_or_default()
                    .lines()
                    .find(|l| l.starts_with("VmHWM"))
                    .unwrap_or_default()
                    .to_string()
            };
            if std::env::var_os("BENCH_VERBOSE").is_some() {
                eprintln!("after first frame {}", hwm());
            }
            tui_keystrokes(&mut app, &mut term);
            if std::env::var_os("BENCH_VERBOSE").is_some() {
                eprintln!("after keystrokes {}", hwm());
            }
            for name in ["Memory Mark", "Memory Mark Two"] {
                press(&mut app, KeyCode::Char('a'));
                for c in name.chars() {
                    press(&mut app, KeyCode::Char(c));
                }
                press(&mut app, KeyCode::Enter);
                app.settle();
                if std::env::var_os("BENCH_VERBOSE").is_some() {
                    eprintln!("after save {}", hwm());
                }
            }
            press(&mut app, KeyCode::Char('l'));
            press(&mut app, KeyCode::Enter);
            app.settle();
            std::hint::black_box(&app);
        }
        _ => {
            let (lines, _) = cache::load(&store).expect("search lines load");
            let mut index = SearchIndex::new(lines.iter().map(|l| l.fields()));
            for q in KEYSTROKES {
                std::hint::black_box(index.search(q).len());
            }
        }
    }
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0.0);
    println!("{:.1} MiB", kb / 1024.0);
}

/// The netwerk binary next to this example, built (or brought up to
/// date: a stale binary would time the wrong program) first.
fn netwerk_binary() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let bin = exe.parent()?.parent()?.join("netwerk");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    Command::new(cargo)
        .args(["build", "--release", "--bin", "netwerk"])
        .status()
        .ok()?;
    bin.exists().then_some(bin)
}

/// Whole-process `netwerk search Q` beside `fzf --filter Q` over the same
/// contacts' search lines.
fn process_rows(data: &Path, network: &Network) -> Vec<Row> {
    let Some(netwerk) = netwerk_binary() else {
        return vec![row(
            "netwerk search vs fzf",
            "netwerk binary not found",
            "faster",
        )];
    };
    let fzf_found = Command::new("fzf")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok();
    let lines_file = data.join("search-lines.txt");
    let lines: String = network
        .contacts
        .iter()
        .map(|c| contact_fields(c).join(" ") + "\n")
        .collect();
    std::fs::write(&lines_file, lines).expect("lines written");
    // Warm the cache once, as any earlier search would have, and make
    // sure the command works: timing a failure would flatter us.
    match Command::new(&netwerk)
        .arg("--data")
        .arg(data)
        .args(["search", "a"])
        .output()
    {
        Ok(o) if o.status.success() && !o.stdout.is_empty() => {}
        other => {
            return vec![row(
                "netwerk search vs fzf",
                format!("netwerk search failed: {other:?}"),
                "faster",
            )];
        }
    }
    // A fresh command per run: a reused one would hand fzf a file
    // already read to the end.
    let run = |make: &dyn Fn() -> Command| -> Duration {
        let (t, _) = timed(9, || {
            make()
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .map(|s| s.success())
        });
        t
    };
    let mut rows = Vec::new();
    for q in ["a", "ada", "jose", "ada rust", "王芳", "data eng"] {
        let ours = run(&|| {
            let mut c = Command::new(&netwerk);
            c.arg("--data").arg(data).args(["search", q]);
            c
        });
        let value = if fzf_found {
            let theirs = run(&|| {
                let mut c = Command::new("fzf");
                let input = std::fs::File::open(&lines_file);
                c.args(["--filter", q])
                    .stdin(input.map_or_else(|_| Stdio::null(), Stdio::from));
                c
            });
            format!(
                "{} vs fzf {} ({:.2}×)",
                ms(ours),
                ms(theirs),
                ours.as_secs_f64() / theirs.as_secs_f64()
            )
        } else {
            format!("{} (fzf not installed: apt-get install fzf)", ms(ours))
        };
        rows.push(row(
            format!("netwerk search {q:?}, whole process"),
            value,
            "< fzf",
        ));
    }
    rows
}

/// Sync: `netwerk merge-driver` as git runs it (a whole process) on the
/// contacts and the history, each side with its own changes and a few
/// fields changed two ways; and `export vdir`, first and unchanged.
fn sync_rows(data: &Path, network: &Network, now: DateTime<FixedOffset>) -> Vec<Row> {
    use netwerk::format::tables;
    let Some(netwerk) = netwerk_binary() else {
        return vec![row("merge-driver", "netwerk binary not found", "-")];
    };
    let dir = data.with_file_name("merge");
    std::fs::create_dir_all(&dir).expect("a directory");
    let write = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).expect("written");
        path
    };
    let n = network.contacts.len();
    let mut ours = network.contacts.to_vec();
    let mut theirs = network.contacts.to_vec();
    for i in (0..n).step_by(100) {
        ours[i].role = Some("Changed here".into());
        theirs[(i + 50) % n].company = Some("Changed there".into());
    }
    for i in (0..n).step_by(1000) {
        theirs[i].role = Some("Changed two ways".into());
    }
    let more = generate::network(
        Sizes {
            contacts: 50,
            items: 0,
            history: 100,
        },
        7,
        now,
    );
    theirs.extend(more.contacts.iter().cloned());
    let base_path = write("contacts.o", &tables::render_contacts(&network.contacts));
    let ours_text = tables::render_contacts(&ours);
    let theirs_path = write("contacts.b", &tables::render_contacts(&theirs));
    let history = network.history.to_vec();
    let mut ours_log = history.clone();
    ours_log.extend(more.history[..50].iter().cloned());
    let mut theirs_log = history.clone();
    theirs_log.extend(more.history[50..].iter().cloned());
    let log_base = write("history.o", &history::render(&history));
    let log_ours = history::render(&ours_log);
    let log_theirs = write("history.b", &history::render(&theirs_log));
    let mut rows = Vec::new();
    let sizes = [
        format!("{n} contacts"),
        format!("{} entries", history.len()),
    ];
    for ((what, base, ours, theirs, file), size) in [
        (
            "contacts",
            &base_path,
            &ours_text,
            &theirs_path,
            "contacts.toml",
        ),
        (
            "history",
            &log_base,
            &log_ours,
            &log_theirs,
            "history.jsonl",
        ),
    ]
    .into_iter()
    .zip(sizes)
    {
        let ours_path = dir.join(format!("{what}.a"));
        let (t, ok) = timed(5, || {
            std::fs::write(&ours_path, ours).expect("written");
            Command::new(&netwerk)
                .arg("merge-driver")
                .args([base, &ours_path, theirs])
                .arg(file)
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        });
        let value = if ok { ms(t) } else { "failed".into() };
        rows.push(row(
            format!("merge-driver {file} ({size}), whole process"),
            value,
            "-",
        ));
    }
    let vdir = data.with_file_name("vdir");
    let export = || {
        Command::new(&netwerk)
            .arg("--data")
            .arg(data)
            .arg("export")
            .arg("vdir")
            .arg(&vdir)
            .stdout(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    let (first, _) = timed(1, export);
    let (again, _) = timed(3, export);
    rows.push(row(
        format!("export vdir, {n} cards written"),
        ms(first),
        "-",
    ));
    rows.push(row(
        format!("export vdir again, {n} unchanged"),
        ms(again),
        "-",
    ));
    rows
}

/// Feeds and the inbox: matching 10,000 new entries against every
/// contact's interests (indexed by interest, never pairwise), and a
/// refresh of 200 feeds served from loopback, then again (all 304s).
fn feed_rows(network: &Network, store: &Store, now: DateTime<FixedOffset>) -> Vec<Row> {
    use netwerk::domain::inbox::{self, Incoming, Source, Vocabulary};
    let today = now.date_naive();
    let labels: Vec<String> = {
        let mut l: Vec<String> = network
            .contacts
            .iter()
            .flat_map(|c| c.interests.iter().cloned())
            .collect();
        l.sort();
        l.dedup();
        l
    };
    // 10,000 entries in 50 feeds: a category from the network's labels,
    // and a title that names another one in passing.
    let incoming: Vec<(Source, Vec<Incoming>)> = (0..50)
        .map(|f| {
            let entries = (0..200)
                .map(|e| {
                    let n = f * 200 + e;
                    let a = &labels[n % labels.len()];
                    let b = &labels[(n * 7 + 3) % labels.len()];
                    Incoming {
                        url: format!("https://feed{f}.example/post/{e}"),
                        guid: Some(format!("f{f}-{e}")),
                        title: Some(format!("Notes on {b}, part {e}")),
                        categories: vec![a.clone()],
                        published: None,
                        kind: None,
                    }
                })
                .collect();
            let source = Source {
                label: Some(format!("Feed {f}")),
                topics: Vec::new(),
            };
            (source, entries)
        })
        .collect();
    let (t_ingest, entries) = timed(3, || {
        let vocabulary = Vocabulary::new(network);
        let mut entries = Vec::new();
        inbox::ingest(&mut entries, network, &vocabulary, incoming.clone(), today);
        entries
    });
    let refs: Vec<&inbox::Entry> = entries.iter().collect();
    let (t_suits, suits) = timed(3, || inbox::suits(network, &refs, 5));
    let matched = suits.iter().filter(|s| s.total > 0).count();
    let mut rows = vec![
        row(
            format!(
                "inbox: topics for 10,000 new entries ({} interests)",
                labels.len()
            ),
            ms(t_ingest),
            "",
        ),
        row(
            format!(
                "inbox: who 10,000 entries suit, {} contacts ({matched} matched)",
                network.contacts.len()
            ),
            ms(t_suits),
            "≤ 500 ms with the topics",
        ),
    ];
    rows.extend(refresh_rows(store, today));
    rows
}

/// 200 feeds of 20 entries each on a loopback server; `feed refresh`'s
/// operation end to end (fetch 8 at a time, parse, match, write), then
/// a second refresh that gets 304s.
fn refresh_rows(store: &Store, today: chrono::NaiveDate) -> Vec<Row> {
    use netwerk::domain::{Feed, feed::subscribe};
    use netwerk::feed::intake;
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let base = format!("http://{}", listener.local_addr().expect("an address"));
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let mut reader = BufReader::new(&stream);
                let mut first = String::new();
                let _ = reader.read_line(&mut first);
                let mut conditional = false;
                loop {
                    let mut h = String::new();
                    if reader.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
                        break;
                    }
                    conditional |= h.to_ascii_lowercase().starts_with("if-none-match");
                }
                let path = first.split_whitespace().nth(1).unwrap_or("/").to_string();
                let mut out = &stream;
                if conditional {
                    let _ = out.write_all(b"HTTP/1.1 304 Not Modified\r\nETag: \"v1\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    return;
                }
                let mut body = format!(
                    "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Feed {path}</title>"
                );
                for i in 0..20 {
                    body.push_str(&format!(
                        "<item><title>Post {i} on rust and sailing</title><link>https://bench.example{path}/{i}</link><guid>{path}-{i}</guid><category>rust</category></item>"
                    ));
                }
                body.push_str("</channel></rss>");
                let _ = write!(
                    out,
                    "HTTP/1.1 200 OK\r\nETag: \"v1\"\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            });
        }
    });
    let feeds: Vec<Feed> = (0..200)
        .filter_map(|i| Feed::new(&format!("{base}/f{i}"), None, &[], today).ok())
        .collect();
    store
        .modify_feeds(|stored| Ok::<_, netwerk::store::StoreError>(subscribe(stored, feeds)))
        .expect("feeds saved");
    let refresh = || {
        let start = Instant::now();
        let results =
            intake::refresh(store, today, Duration::from_secs(20), |_, _| {}).expect("refreshed");
        let added: usize = results.iter().map(|r| r.added).sum();
        let failed = results.iter().filter(|r| r.status == "failed").count();
        (start.elapsed(), added, failed)
    };
    let (first, added, failed) = refresh();
    let (second, again, _) = refresh();
    vec![
        row(
            format!("feed refresh: 200 loopback feeds ({added} new, {failed} failed)"),
            ms(first),
            "≤ 3 s",
        ),
        row(
            format!("feed refresh again: 200 × 304 ({again} new)"),
            ms(second),
            "",
        ),
    ]
}

/// `intro suggest` (the best of 450 million pairs, found through the
/// interest index) and `digest`, in the process and as whole commands,
/// on the network with 200 introductions and 100 moments added.
fn giving_rows(data: &Path, store: &Store, now: DateTime<FixedOffset>) -> Vec<Row> {
    use netwerk::domain::{Entry, Insight, Person, Stage, intro, weekly::Weekly};
    let network = store.load().expect("network loaded");
    let mut added = Vec::new();
    let contacts = &network.contacts;
    for i in 0..300usize {
        let (a, b) = (
            &contacts[(i * 97) % contacts.len()],
            &contacts[(i * 89 + 7) % contacts.len()],
        );
        let at = now - chrono::Duration::days((i % 30) as i64);
        if i < 200 {
            let first = Entry::intro(Person::from(a), Person::from(b), Stage::Asked, None, at, "");
            if i % 2 == 0 {
                let made = Entry::intro(
                    Person::from(a),
                    Person::from(b),
                    Stage::Made,
                    Some(first.id()),
                    at,
                    "",
                );
                added.push(first);
                added.push(made);
            } else {
                added.push(first);
            }
        } else {
            let was = (a.company.as_deref(), a.role.as_deref());
            added.push(Entry::moment(
                Person::from(a),
                was,
                (Some("Babbage Labs"), Some("CTO")),
                at,
            ));
        }
    }
    store
        .append(&added)
        .expect("introductions and moments appended");
    let network = store.load().expect("network loaded");
    let cadences = Config::default().cadence;
    let insight = Insight::new(&network, &cadences, now);
    let (t_pairs, pairs) = timed(5, || intro::pairs::suggest(&network, &insight, 10));
    let inbox = store.load_inbox().expect("inbox");
    let (t_week, week) = timed(5, || Weekly::new(&network, &insight, &inbox, 7, 10));
    let mut rows = vec![
        row(
            format!("intro suggest, in process ({} pairs)", pairs.len()),
            ms(t_pairs),
            "≤ 1 s",
        ),
        row(
            format!("digest, in process ({} due)", week.due_total),
            ms(t_week),
            "≤ 0.5 s",
        ),
    ];
    let Some(netwerk) = netwerk_binary() else {
        rows.push(row(
            "intro suggest / digest as commands",
            "netwerk binary not found",
            "≤ 1 s",
        ));
        return rows;
    };
    let command = |args: &[&str]| -> Duration {
        let run = || {
            Command::new(&netwerk)
                .arg("--data")
                .arg(data)
                .args(args)
                .env("NETWERK_NOW", now.to_rfc3339())
                .stdout(Stdio::null())
                .status()
                .expect("netwerk runs")
        };
        assert!(run().success(), "netwerk {args:?} failed");
        timed(5, run).0
    };
    rows.push(row(
        "netwerk intro suggest, whole process",
        ms(command(&["intro", "suggest"])),
        "≤ 1 s",
    ));
    rows.push(row(
        "netwerk digest, whole process",
        ms(command(&["digest"])),
        "≤ 0.5 s",
    ));
    rows
}

fn print(rows: &[Row]) {
    let width = |f: fn(&Row) -> &str| rows.iter().map(|r| f(r).chars().count()).max().unwrap_or(0);
    let (a, b) = (width(|r| &r.measure), width(|r| &r.value));
    println!("{:a$}  {:b$}  bar", "measure", "value");
    println!("{}  {}  ---", "-".repeat(a), "-".repeat(b));
    for r in rows {
        println!("{:a$}  {:b$}  {}", r.measure, r.value, r.bar);
    }
}

fn main() {
    netwerk::tune_allocator();
    let args: Vec<String> = std::env::args().collect();
    if let [_, flag, job, data] = args.as_slice()
        && flag == "--child"
    {
        return child(job, Path::new(data));
    }
    let mut sizes = Sizes::LINKEDIN_CAP;
    if args.iter().any(|a| a == "--quick") {
        sizes = Sizes {
            contacts: sizes.contacts / 10,
            items: sizes.items / 10,
            history: sizes.history / 10,
        };
    }
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-26T09:00:00+01:00").expect("a time");
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let data = tmp.path().join("data");
    let network = generate::network(sizes, 1, now);
    generate::write(&data, &network).expect("network written");
    let store = Store::open(&data).expect("data directory");
    println!(
        "netwerk benchmark: {} contacts, {} items, {} history entries; {} CPUs",
        sizes.contacts,
        sizes.items,
        sizes.history,
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    if args.iter().any(|a| a == "--feeds") {
        // Only the feed and inbox rows.
        return print(&feed_rows(&network, &store, now));
    }
    if args.iter().any(|a| a == "--giving") {
        return print(&giving_rows(&data, &store, now));
    }
    if args.iter().any(|a| a == "--saves") {
        // Only a save's cost with the undo journal and without.
        return print(&save_rows(&store));
    }
    if args.iter().any(|a| a == "--sync") {
        return print(&sync_rows(&data, &network, now));
    }
    let mut rows = load_rows(&store);
    rows.extend(save_rows(&store));
    rows.extend(search_rows(&network));
    rows.extend(tui_rows(&data));
    rows.extend(memory_rows(&data));
    rows.extend(growth_rows(sizes, now, tmp.path()));
    rows.extend(process_rows(&data, &network));
    rows.extend(feed_rows(&network, &store, now));
    rows.extend(sync_rows(&data, &network, now));
    rows.extend(giving_rows(&data, &store, now));
    print(&rows);
}
