//! The screen's side of the worker: jobs waiting, the one in flight, and
//! a reply held back while a dialog points at records by position. `T`
//! is what the screen does with a job's reply once it arrives.

use super::protocol::{Reply, Work};
use super::thread::Worker;
use crate::config::Cadences;
use crate::store::{Loaded, Store};
use crate::tui::signals::SAVES_PENDING;
use chrono::{DateTime, FixedOffset};
use std::collections::VecDeque;
use std::sync::atomic::Ordering;

/// Jobs for the worker, one in flight at a time.
pub struct Jobs<T> {
    worker: Worker,
    /// Waiting for the one in flight.
    queued: VecDeque<(Work, T)>,
    /// What to do with the reply to the job in flight, if one is.
    in_flight: Option<T>,
    /// The search index the job in flight builds, if it is an index job.
    index_in_flight: Option<usize>,
    /// Whether the job in flight writes (see `signals::SAVES_PENDING`).
    write_in_flight: bool,
    /// A reply that re-sorts records, held while a dialog points at
    /// records by position.
    held: Option<(Reply, T)>,
    /// Until the first frame is drawn nothing starts, so the frame has
    /// both cores.
    starting: bool,
}

impl<T> Jobs<T> {
    /// Starts the worker; jobs wait until [`Jobs::start_now`].
    pub fn start(store: Store) -> Self {
        Self {
            worker: Worker::start(store),
            queued: VecDeque::new(),
            in_flight: None,
            index_in_flight: None,
            write_in_flight: false,
            held: None,
            starting: true,
        }
    }

    /// Queues a job. Writes go before queued index builds and
    /// re-derivations, which only refresh what is on screen: what the
    /// user saved should reach the disk as soon as it can (a dropped SSH
    /// connection ends the program without running the queue).
    pub fn push(&mut self, work: Work, then: T) {
        let at = if work.writes() {
            SAVES_PENDING.fetch_add(1, Ordering::SeqCst);
            self.queued
                .iter()
                .position(|(w, _)| matches!(w, Work::Index(_) | Work::Derive | Work::Cache(_)))
                .unwrap_or(self.queued.len())
        } else {
            self.queued.len()
        };
        self.queued.insert(at, (work, then));
    }

    /// Queues a job that does not write, after the others.
    pub fn push_back(&mut self, work: Work, then: T) {
        debug_assert!(!work.writes());
        self.queued.push_back((work, then));
    }

    /// Queues a job that does not write, before the others.
    pub fn push_front(&mut self, work: Work, then: T) {
        debug_assert!(!work.writes());
        self.queued.push_front((work, then));
    }

    /// Whether an index job for index `w` is waiting.
    pub fn queued_index(&self, w: usize) -> bool {
        self.queued
            .iter()
            .any(|(work, _)| matches!(work, Work::Index(x) if *x == w))
    }

    /// Whether any job is queued, running, or waiting to be applied.
    pub fn busy(&self) -> bool {
        self.in_flight.is_some() || !self.queued.is_empty() || self.held.is_some()
    }

    /// Whether a job is running.
    pub fn in_flight(&self) -> bool {
        self.in_flight.is_some()
    }

    /// Whether the job running builds search index `w`.
    pub fn building(&self, w: usize) -> bool {
        self.index_in_flight == Some(w)
    }

    /// Lets queued jobs start; true the first time (the first frame is up).
    pub fn start_now(&mut self) -> bool {
        std::mem::take(&mut self.starting)
    }

    /// The next job to send, if the worker is free and no reply is held.
    pub fn take_next(&mut self) -> Option<(Work, T)> {
        if self.starting || self.in_flight.is_some() || self.held.is_some() {
            return None;
        }
        self.queued.pop_front()
    }

    /// Sends a job taken with [`Jobs::take_next`], starting from `base`; the
    /// reply comes back here at once if the thread is gone.
    pub fn send(
        &mut self,
        (work, then): (Work, T),
        base: Loaded,
        cadences: Cadences,
        now: DateTime<FixedOffset>,
        indexes: [bool; 3],
    ) -> Option<Reply> {
        self.write_in_flight = work.writes();
        self.index_in_flight = match work {
            Work::Index(w) => Some(w),
            _ => None,
        };
        self.in_flight = Some(then);
        self.worker.send(work, base, cadences, now, indexes)
    }

    /// The reply to the job in flight, if it has arrived.
    pub fn try_reply(&self) -> Option<Reply> {
        self.in_flight.as_ref()?;
        self.worker.try_reply()
    }

    /// Waits for the reply to the job in flight; `None` if none is.
    pub fn wait_reply(&self) -> Option<Reply> {
        self.in_flight.as_ref()?;
        self.worker.wait_reply()
    }

    /// The job in flight is over: what to do with its reply.
    pub fn received(&mut self) -> Option<T> {
        self.index_in_flight = None;
        if std::mem::take(&mut self.write_in_flight) {
            // Written (or refused): nothing left for a signal to wait for.
            SAVES_PENDING.fetch_sub(1, Ordering::SeqCst);
        }
        self.in_flight.take()
    }

    /// Keeps a reply until [`Jobs::take_held`].
    pub fn hold(&mut self, reply: Reply, then: T) {
        self.held = Some((reply, then));
    }

    /// The reply held, if one is.
    pub fn take_held(&mut self) -> Option<(Reply, T)> {
        self.held.take()
    }

    /// Whether a reply is held.
    pub fn holding(&self) -> bool {
        self.held.is_some()
    }
}
