//! Times the store on a copy of a data directory and prints a table:
//! loads with and without the snapshot cache, hashing, saves through the
//! fast and slow paths, and peak memory after a warm load.
//!
//! ```sh
//! cargo run --release --example store_timing -- /tmp/big
//! ```
//!
//! The directory is copied to a temporary one first; it is never changed.
//! Each row shows wall time and CPU time (all threads): on a busy machine
//! the wall time grows with the load, the CPU time does not.

#[path = "shared/cpu.rs"]
mod cpu;
use netwerk::domain::Network;
use netwerk::format::tables;
use netwerk::store::{self, Store, StoreError, snapshot, stamp};
use std::path::PathBuf;
use std::time::{Duration, Instant};

const RUNS: usize = 5;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let first = args.next();
    if first.as_deref() == Some("--load-only") {
        // A child process, so its peak memory is the load's alone.
        let dir = PathBuf::from(args.next().ok_or("missing directory")?);
        if args.next().as_deref() == Some("cold") {
            let _ = std::fs::remove_dir_all(snapshot::dir(&dir));
        }
        let (loaded, t) = time(|| Store::open(&dir).and_then(|s| s.load_stamped()));
        let loaded = loaded?;
        println!(
            "{} {} {} {}",
            loaded.network.contacts.len(),
            vm_hwm_kib(),
            t.wall.as_nanos(),
            t.cpu.as_nanos()
        );
        // Freeing a million strings one by one is not part of a launch.
        std::process::exit(0);
    }
    let source = PathBuf::from(first.unwrap_or_else(|| "/tmp/big".into()));
    if !source.join(store::CONTACTS).exists() {
        return Err(format!(
            "{} holds no contacts.toml; make one with `cargo run --release --example generate`",
            source.display()
        )
        .into());
    }
    let tmp = tempfile::tempdir()?;
    let dir = tmp.path().join("data");
    std::fs::create_dir(&dir)?;
    for f in [store::CONTACTS, store::QUEUE, store::HISTORY] {
        if source.join(f).exists() {
            std::fs::copy(source.join(f), dir.join(f))?;
        }
    }
    let store = Store::open(&dir)?;
    let mut rows: Vec<(String, Timing)> = Vec::new();

    let cold = median(|| {
        let _ = std::fs::remove_dir_all(snapshot::dir(&dir));
        time(|| store.load_stamped()).1
    });
    rows.push(("cold load (parse TOML/JSONL, write cache)".into(), cold));
    let warm = median(|| time(|| store.load_stamped()).1);
    rows.push(("warm load (cache valid)".into(), warm));

    let hash = median(|| {
        time(|| {
            for f in [store::CONTACTS, store::QUEUE, store::HISTORY] {
                let _ = stamp::stamp_file(&dir.join(f));
            }
        })
        .1
    });
    let size: u64 = [store::CONTACTS, store::QUEUE, store::HISTORY]
        .iter()
        .filter_map(|f| std::fs::metadata(dir.join(f)).ok())
        .map(|m| m.len())
        .sum();
    rows.push((
        format!("hash all three files ({} MB)", size / 1_000_000),
        hash,
    ));

    let loaded = store.load_stamped()?;
    let render = median(|| time(|| tables::render_contacts(&loaded.network.contacts)).1);
    rows.push((
        format!(
            "render contacts.toml ({} contacts)",
            loaded.network.contacts.len()
        ),
        render,
    ));

    let mut base = loaded.tables_only();
    drop(loaded);
    let mut n = 0;
    let fast = median(|| {
        n += 1;
        time(|| store.modify_at(&mut base, "a test change", |net: &mut Network| edit(net, n))).1
    });
    rows.push(("save, fast path (files unchanged)".into(), fast));
    let slow_cached = median(|| {
        n += 1;
        time(|| store.modify("a test change", |net: &mut Network| edit(net, n))).1
    });
    rows.push(("save, slow path (re-read via cache)".into(), slow_cached));
    let slow_cold = median(|| {
        n += 1;
        let _ = std::fs::remove_dir_all(snapshot::dir(&dir));
        time(|| store.modify("a test change", |net: &mut Network| edit(net, n))).1
    });
    rows.push(("save, slow path (no cache: parse TOML)".into(), slow_cold));

    let mut peaks = Vec::new();
    for (i, mode) in ["cold", "warm"].into_iter().enumerate() {
        let (t, hwm) = fresh_process(&dir, mode);
        rows.insert(i * 2 + 1, (format!("{mode} load in a fresh process"), t));
        peaks.push((mode, hwm));
    }

    println!("store timing on a copy of {}", source.display());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load = load.split_whitespace().next().unwrap_or("?");
    println!("median of {RUNS} runs, release build, {cores} cores, load average {load}\n");
    println!("| measure | wall | CPU |");
    println!("|---|---:|---:|");
    for (what, t) in &rows {
        println!(
            "| {what} | {:.1} ms | {:.1} ms |",
            t.wall.as_secs_f64() * 1000.0,
            t.cpu.as_secs_f64() * 1000.0
        );
    }
    for (mode, kib) in peaks {
        println!(
            "| peak RSS (VmHWM) of a process doing one {mode} load | {} MiB | |",
            kib / 1024
        );
    }
    Ok(())
}

/// Runs a load in a child process (after removing the cache when `mode`
/// is "cold"): the median timing the child measured, and its peak memory
/// in KiB.
fn fresh_process(dir: &std::path::Path, mode: &str) -> (Timing, u64) {
    let mut hwm = 0;
    let t = median(|| {
        let Ok(child) = std::process::Command::new(std::env::current_exe().unwrap_or_default())
            .arg("--load-only")
            .arg(dir)
            .arg(mode)
            .output()
        else {
            return Timing::default();
        };
        let out = String::from_utf8_lossy(&child.stdout).into_owned();
        let field = |i: usize| -> u64 {
            out.split_whitespace()
                .nth(i)
                .and_then(|f| f.parse().ok())
                .unwrap_or(0)
        };
        hwm = hwm.max(field(1));
        Timing {
            wall: Duration::from_nanos(field(2)),
            cpu: Duration::from_nanos(field(3)),
        }
    });
    (t, hwm)
}

/// Changes one contact's notes, a different one each time, so every save
/// writes.
fn edit(net: &mut Network, n: usize) -> Result<(), StoreError> {
    let at = n * 7919 % net.contacts.len().max(1);
    if let Some(c) = net.contacts.get_mut(at) {
        c.notes = Some(format!("timing edit {n}"));
    }
    Ok(())
}

/// Wall and CPU time of one measurement.
#[derive(Clone, Copy, Default)]
struct Timing {
    wall: Duration,
    cpu: Duration,
}

fn time<T>(f: impl FnOnce() -> T) -> (T, Timing) {
    let (start, cpu) = (Instant::now(), cpu::process_cpu());
    let out = f();
    let t = Timing {
        wall: start.elapsed(),
        cpu: cpu::process_cpu().saturating_sub(cpu),
    };
    (out, t)
}

/// The median wall time and median CPU time of a few runs.
fn median(mut f: impl FnMut() -> Timing) -> Timing {
    let runs: Vec<Timing> = (0..RUNS).map(|_| f()).collect();
    let mid = |mut v: Vec<Duration>| {
        v.sort();
        v[RUNS / 2]
    };
    Timing {
        wall: mid(runs.iter().map(|t| t.wall).collect()),
        cpu: mid(runs.iter().map(|t| t.cpu).collect()),
    }
}

/// Peak resident memory of this process in KiB, from /proc.
fn vm_hwm_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}
