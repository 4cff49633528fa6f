//! The system clipboard (X11, Wayland, macOS, Windows) through arboard.
//!
//! One arboard handle serves the whole session, because on X11 (and
//! wlroots data-control) the clipboard is served by its owner: drop the
//! handle and the note vanishes from the clipboard. The handle lives on a
//! worker thread so that a wedged display server (a stale `$DISPLAY`, a
//! compositor that never answers) costs a timeout instead of a frozen
//! program.

use std::sync::Arc;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

use super::outcome::StepError;
use super::sink::Sink;

/// How long quitting waits for the worker to drop the handle, which on
/// X11 hands the note to a clipboard manager (if one runs) so it outlives
/// netwerk. arboard itself gives the manager 100 ms.
const HANDOVER: Duration = Duration::from_millis(500);

/// Opens a clipboard handle; called on the worker thread, at most once per
/// worker unless opening fails.
pub(crate) type Opener = Arc<dyn Fn() -> Result<Box<dyn Sink>, String> + Send + Sync>;

/// The lazily opened, session-long system clipboard.
pub(crate) struct SystemClipboard {
    opener: Opener,
    worker: Option<Worker>,
    /// Set once a request timed out: the worker may be stuck for good, and
    /// asking again would only cost the user another timeout.
    wedged: bool,
}

struct Worker {
    jobs: mpsc::Sender<Job>,
    finished: mpsc::Receiver<()>,
}

struct Job {
    text: String,
    reply: mpsc::SyncSender<Result<(), String>>,
}

impl Default for SystemClipboard {
    /// On X11 and Wayland every copy goes to a holder process that
    /// outlives netwerk (see `holder`); elsewhere the system keeps a copy
    /// itself, so one arboard handle serves the session.
    fn default() -> Self {
        if cfg!(all(unix, not(target_os = "macos"))) {
            return Self::with_opener(Arc::new(|| {
                Ok(Box::new(super::holder::Holder) as Box<dyn Sink>)
            }));
        }
        Self::with_opener(Arc::new(|| {
            let handle = arboard::Clipboard::new().map_err(|e| e.to_string())?;
            Ok(Box::new(handle) as Box<dyn Sink>)
        }))
    }
}

impl SystemClipboard {
    /// A system clipboard whose handle comes from `opener`; nothing is
    /// opened until the first copy.
    pub(crate) fn with_opener(opener: Opener) -> Self {
        Self {
            opener,
            worker: None,
            wedged: false,
        }
    }

    /// Puts `text` on the clipboard, waiting at most `timeout` for it.
    pub(crate) fn set_text(&mut self, text: &str, timeout: Duration) -> Result<(), StepError> {
        if self.wedged {
            return Err(StepError::SystemUnresponsive);
        }
        let (reply, answer) = mpsc::sync_channel(1);
        let mut job = Job {
            text: text.to_owned(),
            reply,
        };
        if let Some(worker) = &self.worker {
            match worker.jobs.send(job) {
                Ok(()) => return self.await_answer(&answer, timeout),
                // The worker died (a panic inside arboard); start afresh.
                Err(mpsc::SendError(returned)) => job = returned,
            }
        }
        let worker = Worker::spawn(self.opener.clone()).map_err(StepError::Spawn)?;
        let sent = worker.jobs.send(job);
        self.worker = Some(worker);
        if sent.is_err() {
            return Err(StepError::System("the clipboard worker stopped".to_owned()));
        }
        self.await_answer(&answer, timeout)
    }

    fn await_answer(
        &mut self,
        answer: &mpsc::Receiver<Result<(), String>>,
        timeout: Duration,
    ) -> Result<(), StepError> {
        match answer.recv_timeout(timeout) {
            Ok(result) => result.map_err(StepError::System),
            Err(RecvTimeoutError::Timeout) => {
                self.wedged = true;
                Err(StepError::SystemTimeout(timeout))
            }
            Err(RecvTimeoutError::Disconnected) => {
                self.worker = None;
                Err(StepError::System("the system clipboard crashed".to_owned()))
            }
        }
    }
}

impl Drop for SystemClipboard {
    fn drop(&mut self) {
        if let Some(worker) = self.worker.take() {
            // Closing the job queue ends the worker, which drops the handle.
            drop(worker.jobs);
            if !self.wedged {
                let _ = worker.finished.recv_timeout(HANDOVER);
            }
        }
    }
}

impl Worker {
    fn spawn(opener: Opener) -> std::io::Result<Self> {
        let (jobs, queue) = mpsc::channel::<Job>();
        let (done, finished) = mpsc::channel();
        thread::Builder::new()
            .name("netwerk-clipboard".to_owned())
            .spawn(move || {
                let mut handle: Option<Box<dyn Sink>> = None;
                for job in queue {
                    let _ = job.reply.send(deliver(&mut handle, &opener, &job.text));
                }
                drop(handle);
                let _ = done.send(());
            })?;
        Ok(Self { jobs, finished })
    }
}

/// Opens the handle on first use and keeps it; a failed open is retried on
/// the next copy, as the display may have come up in the meantime.
fn deliver(handle: &mut Option<Box<dyn Sink>>, opener: &Opener, text: &str) -> Result<(), String> {
    let sink = match handle {
        Some(sink) => sink,
        None => handle.insert(opener()?),
    };
    sink.set_text(text)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A clipboard that records what it holds and how often it was opened.
    #[derive(Clone, Default)]
    pub(crate) struct Recorder {
        pub(crate) opened: Arc<AtomicUsize>,
        pub(crate) held: Arc<Mutex<Vec<String>>>,
        pub(crate) hang: bool,
    }

    struct RecorderSink(Recorder);

    impl Sink for RecorderSink {
        fn set_text(&mut self, text: &str) -> Result<(), String> {
            if self.0.hang {
                thread::sleep(Duration::from_secs(10));
            }
            if let Ok(mut held) = self.0.held.lock() {
                held.push(text.to_owned());
            }
            Ok(())
        }
    }

    impl Recorder {
        pub(crate) fn opener(&self) -> Opener {
            let recorder = self.clone();
            Arc::new(move || {
                recorder.opened.fetch_add(1, Ordering::SeqCst);
                Ok(Box::new(RecorderSink(recorder.clone())) as Box<dyn Sink>)
            })
        }
    }

    #[test]
    fn one_handle_serves_every_copy() {
        let recorder = Recorder::default();
        let mut system = SystemClipboard::with_opener(recorder.opener());
        assert_eq!(recorder.opened.load(Ordering::SeqCst), 0, "opened lazily");
        for text in ["one", "two", "three"] {
            system
                .set_text(text, Duration::from_secs(5))
                .expect("copied");
        }
        assert_eq!(recorder.opened.load(Ordering::SeqCst), 1);
        assert_eq!(
            *recorder.held.lock().expect("lock"),
            ["one", "two", "three"]
        );
    }

    #[test]
    fn a_hanging_clipboard_times_out_once_then_is_skipped() {
        let recorder = Recorder {
            hang: true,
            ..Recorder::default()
        };
        let mut system = SystemClipboard::with_opener(recorder.opener());
        let err = system
            .set_text("x", Duration::from_millis(100))
            .expect_err("hangs");
        assert_eq!(err.to_string(), "did not answer within 100 ms");
        let started = std::time::Instant::now();
        let err = system
            .set_text("y", Duration::from_millis(100))
            .expect_err("skipped");
        assert!(matches!(err, StepError::SystemUnresponsive));
        assert!(started.elapsed() < Duration::from_millis(50));
    }

    #[test]
    fn a_failed_open_is_retried_on_the_next_copy() {
        let attempts = Arc::new(AtomicUsize::new(0));
        let counter = attempts.clone();
        let opener: Opener = Arc::new(move || {
            if counter.fetch_add(1, Ordering::SeqCst) == 0 {
                Err("X11 server connection timed out".to_owned())
            } else {
                Ok(Box::new(RecorderSink(Recorder::default())) as Box<dyn Sink>)
            }
        });
        let mut system = SystemClipboard::with_opener(opener);
        let err = system
            .set_text("x", Duration::from_secs(5))
            .expect_err("first open fails");
        assert_eq!(err.to_string(), "X11 server connection timed out");
        system
            .set_text("x", Duration::from_secs(5))
            .expect("second open works");
        assert_eq!(attempts.load(Ordering::SeqCst), 2);
    }
}
