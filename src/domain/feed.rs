//! Feed subscriptions: the RSS, Atom and JSON feeds new content comes from.

use super::fold::fold_label;
use super::network::Candidate;
use super::url::normalize;
use super::validate::FieldError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One subscription, as `feeds.toml` holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Feed {
    /// The feed's normalised address; unique among the feeds.
    pub url: String,
    /// What to call it (default: the feed's own title, once fetched).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Topics every entry of this feed carries.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    /// When it was added.
    #[serde(deserialize_with = "super::when::day")]
    pub added: NaiveDate,
    /// The server's `ETag` from the last fetch, sent back so an unchanged
    /// feed costs a 304.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    /// The server's `Last-Modified` from the last fetch, for the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    /// What a merge of two copies could not settle (see
    /// [`Contact::conflicts`](super::Contact::conflicts)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<String>,
}

impl Feed {
    /// A new subscription; the address is normalised, topics trimmed and
    /// deduplicated (folded).
    pub fn new(
        url: &str,
        name: Option<&str>,
        topics: &[String],
        added: NaiveDate,
    ) -> Result<Self, FieldError> {
        let mut feed = Feed {
            url: normalize("url", url)?,
            name: name
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_string),
            topics: Vec::new(),
            added,
            etag: None,
            last_modified: None,
            conflicts: Vec::new(),
        };
        for t in topics {
            feed.add_topic(t);
        }
        Ok(feed)
    }

    /// Adds a topic unless an equivalent one is there.
    pub fn add_topic(&mut self, label: &str) {
        let folded = fold_label(label);
        if !folded.is_empty() && !self.topics.iter().any(|t| fold_label(t) == folded) {
            self.topics
                .push(label.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }

    /// The name to show: the given one, else the address.
    pub fn label(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.url)
    }
}

/// What adding subscriptions did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Added {
    /// Addresses newly subscribed.
    pub added: Vec<String>,
    /// Addresses already subscribed (their topics merged in).
    pub existing: Vec<String>,
}

/// Adds feeds, merging topics (and a missing name) into a subscription
/// to the same normalised address instead of adding it twice. Keeps the
/// list sorted by address, so the file diffs cleanly.
pub fn subscribe(feeds: &mut Vec<Feed>, new: Vec<Feed>) -> Added {
    let mut report = Added::default();
    for feed in new {
        match feeds.iter_mut().find(|f| f.url == feed.url) {
            Some(old) => {
                for t in &feed.topics {
                    old.add_topic(t);
                }
                if old.name.is_none() {
                    old.name = feed.name;
                }
                report.existing.push(feed.url);
            }
            None => {
                report.added.push(feed.url.clone());
                feeds.push(feed);
            }
        }
    }
    feeds.sort_by(|a, b| a.url.cmp(&b.url));
    report
}

/// The one feed a query names: its address (normalised), else a name
/// equal to the query (folded), else the only name or address containing it.
pub fn resolve<'a>(feeds: &'a [Feed], query: &str) -> Result<&'a Feed, super::Resolve> {
    use super::Resolve;
    if let Ok(url) = normalize("url", query)
        && let Some(f) = feeds.iter().find(|f| f.url == url)
    {
        return Ok(f);
    }
    let q = fold_label(query);
    if q.is_empty() {
        return Err(Resolve::NotFound("feed matches an empty query".into()));
    }
    let exact: Vec<&Feed> = feeds
        .iter()
        .filter(|f| f.name.as_deref().is_some_and(|n| fold_label(n) == q))
        .collect();
    let found = if exact.is_empty() {
        feeds
            .iter()
            .filter(|f| fold_label(f.label()).contains(&q) || f.url.contains(query.trim()))
            .collect()
    } else {
        exact
    };
    match found.as_slice() {
        [one] => Ok(one),
        [] => Err(Resolve::NotFound(format!("feed matches {query:?}"))),
        many => Err(Resolve::Ambiguous(
            format!("{query:?}"),
            many.iter()
                .map(|f| Candidate {
                    id: f.url.clone(),
                    name: f.label().to_string(),
                    detail: String::new(),
                })
                .collect(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()
    }

    #[test]
    fn the_same_address_twice_is_one_feed_with_both_topics() {
        let mut feeds = Vec::new();
        let a = Feed::new(
            "https://B.example/feed?utm_source=x",
            None,
            &["rust".into()],
            day(),
        );
        let b = Feed::new(
            "https://b.example/feed",
            Some("B"),
            &["Rust".into(), "go".into()],
            day(),
        );
        let c = Feed::new("https://a.example/rss", None, &[], day());
        let r = subscribe(&mut feeds, vec![a.unwrap(), b.unwrap(), c.unwrap()]);
        assert_eq!(r.added, ["https://b.example/feed", "https://a.example/rss"]);
        assert_eq!(r.existing, ["https://b.example/feed"]);
        assert_eq!(feeds[0].url, "https://a.example/rss");
        assert_eq!(feeds[1].topics, ["rust", "go"]);
        assert_eq!(feeds[1].name.as_deref(), Some("B"));
        assert_eq!(
            resolve(&feeds, "b").map(|f| f.url.as_str()),
            Ok("https://b.example/feed")
        );
        assert!(resolve(&feeds, "example").is_err());
    }
}
