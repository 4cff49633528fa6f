//! Fetching feeds over HTTP(S): a few at a time on plain threads, each
//! with a timeout, following redirects, accepting gzip, and asking with
//! the last `ETag`/`Last-Modified` so an unchanged feed costs a 304.
//! These are the only requests netwerk ever makes, and only when asked.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;

/// How many feeds are fetched at once.
pub const PARALLEL: usize = 8;
/// The most a feed may weigh (a long podcast feed is a few megabytes).
const MAX_BODY: u64 = 32 * 1024 * 1024;

/// One feed to fetch.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// Its address.
    pub url: String,
    /// The `ETag` the server gave last time.
    pub etag: Option<String>,
    /// The `Last-Modified` the server gave last time.
    pub last_modified: Option<String>,
}

/// What fetching one feed gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A new version of the feed.
    Fetched {
        /// The body, decompressed.
        body: Vec<u8>,
        /// The address it came from after redirects.
        final_url: String,
        /// The new `ETag`, if any.
        etag: Option<String>,
        /// The new `Last-Modified`, if any.
        last_modified: Option<String>,
    },
    /// 304: unchanged since last time.
    NotModified,
    /// Why it could not be fetched, in one line.
    Failed(String),
}

/// Fetches every request, `parallel` at a time, each within `timeout`;
/// one feed's failure never stops the others. `progress(done, total)`
/// is called on this thread as each finishes. Results are in request order.
pub fn fetch_all(
    requests: &[Request],
    timeout: Duration,
    parallel: usize,
    mut progress: impl FnMut(usize, usize),
) -> Vec<Outcome> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .max_redirects(10)
        .http_status_as_error(false)
        .user_agent(concat!("netwerk/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<Outcome>> = vec![None; requests.len()];
    let (tx, rx) = mpsc::channel();
    std::thread::scope(|scope| {
        for _ in 0..parallel.clamp(1, requests.len().max(1)) {
            let tx = tx.clone();
            let (agent, next) = (&agent, &next);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(request) = requests.get(i) else {
                        break;
                    };
                    if tx.send((i, fetch_one(agent, request))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        for (done, (i, outcome)) in rx.iter().enumerate() {
            results[i] = Some(outcome);
            progress(done + 1, requests.len());
        }
    });
    results
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Outcome::Failed("not fetched".into())))
        .collect()
}

fn fetch_one(agent: &ureq::Agent, request: &Request) -> Outcome {
    let mut call = agent.get(&request.url);
    if let Some(etag) = &request.etag {
        call = call.header("If-None-Match", etag);
    }
    if let Some(modified) = &request.last_modified {
        call = call.header("If-Modified-Since", modified);
    }
    let mut response = match call.call() {
        Ok(r) => r,
        Err(e) => return Outcome::Failed(describe(&e)),
    };
    let status = response.status().as_u16();
    if status == 304 {
        return Outcome::NotModified;
    }
    if !(200..300).contains(&status) {
        let reason = response.status().canonical_reason().unwrap_or("");
        return Outcome::Failed(format!("HTTP {status} {reason}").trim_end().to_string());
    }
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let etag = header("etag");
    let last_modified = header("last-modified");
    let final_url = ureq::ResponseExt::get_uri(&response).to_string();
    match response
        .body_mut()
        .with_config()
        .limit(MAX_BODY)
        .read_to_vec()
    {
        Ok(body) => Outcome::Fetched {
            body,
            final_url,
            etag,
            last_modified,
        },
        Err(e) => Outcome::Failed(describe(&e)),
    }
}

/// One line for the user: "timed out", "connection refused", …
fn describe(e: &ureq::Error) -> String {
    match e {
        ureq::Error::Timeout(_) => "timed out".into(),
        ureq::Error::Io(io) => io.to_string(),
        other => other.to_string(),
    }
}
