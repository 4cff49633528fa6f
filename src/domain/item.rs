//! Content items: the articles, videos and podcasts waiting to be passed on.

use super::fold::fold_label;
use super::id::ItemId;
use super::url::normalize;
use super::validate::{self, FieldError};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What sort of content an item is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    /// A news or magazine article.
    #[default]
    Article,
    /// A blog post.
    Blog,
    /// A video.
    Video,
    /// A podcast episode.
    Podcast,
    /// A paper.
    Paper,
    /// Anything else.
    Other,
}

impl ItemKind {
    /// Every kind, in display order.
    pub const ALL: [ItemKind; 6] = [
        ItemKind::Article,
        ItemKind::Blog,
        ItemKind::Video,
        ItemKind::Podcast,
        ItemKind::Paper,
        ItemKind::Other,
    ];

    /// The kind's name as written in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Article => "article",
            ItemKind::Blog => "blog",
            ItemKind::Video => "video",
            ItemKind::Podcast => "podcast",
            ItemKind::Paper => "paper",
            ItemKind::Other => "other",
        }
    }
}

impl ItemKind {
    /// The kind an address says by its host (and, for hosts that serve
    /// several kinds, its path): YouTube is video, arXiv a paper, a
    /// Substack a blog. Everything else is an article until the user says
    /// otherwise.
    pub fn for_url(url: &str) -> ItemKind {
        let Ok(url) = url::Url::parse(url) else {
            return ItemKind::Article;
        };
        let host = url.host_str().unwrap_or_default();
        let host = host.strip_prefix("www.").unwrap_or(host);
        let host = host.strip_prefix("m.").unwrap_or(host);
        let path = url.path();
        let on = |domain: &str| host == domain || host.ends_with(&format!(".{domain}"));
        let video = [
            "youtu.be",
            "vimeo.com",
            "dailymotion.com",
            "twitch.tv",
            "loom.com",
        ]
        .iter()
        .any(|d| on(d))
            || (on("youtube.com") && !path.starts_with("/@"))
            || (on("ted.com") && path.starts_with("/talks"))
            || (on("tiktok.com") && path.contains("/video/"));
        let podcast = [
            "overcast.fm",
            "pca.st",
            "pocketcasts.com",
            "castbox.fm",
            "anchor.fm",
            "buzzsprout.com",
            "transistor.fm",
            "simplecast.com",
            "podbean.com",
            "player.fm",
            "libsyn.com",
            "castro.fm",
            "podcasts.google.com",
            "podcasts.apple.com",
        ]
        .iter()
        .any(|d| on(d))
            || (on("open.spotify.com")
                && (path.starts_with("/episode") || path.starts_with("/show")));
        let paper = [
            "arxiv.org",
            "doi.org",
            "biorxiv.org",
            "medrxiv.org",
            "openreview.net",
            "aclanthology.org",
            "papers.ssrn.com",
            "ieeexplore.ieee.org",
            "semanticscholar.org",
        ]
        .iter()
        .any(|d| on(d))
            || (on("dl.acm.org") && path.starts_with("/doi"))
            || (on("link.springer.com") && path.starts_with("/article"));
        let blog = [
            "substack.com",
            "medium.com",
            "dev.to",
            "hashnode.dev",
            "blogspot.com",
            "wordpress.com",
            "ghost.io",
            "bearblog.dev",
            "write.as",
        ]
        .iter()
        .any(|d| on(d));
        match (video, podcast, paper, blog) {
            (true, ..) => ItemKind::Video,
            (_, true, ..) => ItemKind::Podcast,
            (_, _, true, _) => ItemKind::Paper,
            (.., true) => ItemKind::Blog,
            _ => ItemKind::Article,
        }
    }
}

impl fmt::Display for ItemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ItemKind {
    type Err = FieldError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim().to_ascii_lowercase();
        ItemKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                FieldError::new(
                    "kind",
                    format!(
                        "unknown kind {s:?}; use article, blog, video, podcast, paper or other"
                    ),
                )
            })
    }
}

/// A piece of content in the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Stable id.
    pub id: ItemId,
    /// Title as shown in lists and notes.
    pub title: String,
    /// Normalised address; unique in the queue.
    pub url: String,
    /// What sort of content it is.
    #[serde(default)]
    pub kind: ItemKind,
    /// Interest labels it speaks to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    /// Why you saved it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// When it was queued.
    #[serde(deserialize_with = "super::when::day")]
    pub added: NaiveDate,
    /// Kept for history but no longer offered.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub archived: bool,
    /// The title was made up from the address, not given: shown as a
    /// guess and left out of notes until someone sets a title.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub title_guessed: bool,
    /// What a merge of two copies could not settle (see
    /// [`Contact::conflicts`](super::Contact::conflicts)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<String>,
}

impl Item {
    /// A new item from a URL, normalised, of the kind its address says
    /// ([`ItemKind::for_url`]); without a title, one is made up from the
    /// address so the list never shows a blank row.
    pub fn new(url: &str, title: Option<&str>, added: NaiveDate) -> Result<Self, FieldError> {
        let url = normalize("url", url)?;
        let (title, title_guessed) = match title.map(str::trim).filter(|t| !t.is_empty()) {
            Some(t) => (validate::required("title", t)?, false),
            None => (title_from_url(&url), true),
        };
        Ok(Self {
            id: ItemId::new(),
            title,
            kind: ItemKind::for_url(&url),
            url,
            topics: Vec::new(),
            comment: None,
            added,
            archived: false,
            title_guessed,
            conflicts: Vec::new(),
        })
    }

    /// Sets a title someone chose: no longer a guess.
    pub fn set_title(&mut self, title: &str) -> Result<(), FieldError> {
        self.title = validate::required("title", title)?;
        self.title_guessed = false;
        Ok(())
    }

    /// The title a note may quote: none while it is only a guess from
    /// the address (the address itself is in the note).
    pub fn note_title(&self) -> &str {
        match self.title_guessed {
            true => "",
            false => &self.title,
        }
    }

    /// The host part of the URL ("example.com"), for search and display.
    pub fn host(&self) -> &str {
        let rest = self
            .url
            .split_once("://")
            .map_or(self.url.as_str(), |(_, r)| r);
        let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
        host.strip_prefix("www.").unwrap_or(host)
    }

    /// Adds a topic unless an equivalent one is there.
    pub fn add_topic(&mut self, label: &str) -> bool {
        let folded = fold_label(label);
        if folded.is_empty() || self.topics.iter().any(|t| fold_label(t) == folded) {
            return false;
        }
        self.topics.push(label.trim().to_string());
        true
    }
}

/// "example.com/some-post" → "some post (example.com)".
fn title_from_url(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let path = rest.split(['?', '#']).next().unwrap_or(rest);
    let mut parts = path.split('/').filter(|p| !p.is_empty());
    let host = parts.next().unwrap_or(url);
    let host = host.strip_prefix("www.").unwrap_or(host);
    match parts.next_back() {
        Some(slug) => {
            let slug = slug.rsplit_once('.').map_or(slug, |(s, _)| s);
            let words = slug.replace(['-', '_'], " ");
            let words = words.trim();
            if words.is_empty() {
                host.to_string()
            } else {
                format!("{words} ({host})")
            }
        }
        None => host.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()
    }

    #[test]
    fn untitled_items_get_a_title_from_the_address() {
        let item = Item::new(
            "https://www.Example.com/blog/rust-async-in-depth.html?utm_source=x",
            None,
            day(),
        )
        .unwrap();
        assert_eq!(
            item.url,
            "https://www.example.com/blog/rust-async-in-depth.html"
        );
        assert_eq!(item.title, "rust async in depth (example.com)");
        assert_eq!(item.host(), "example.com");
        let bare = Item::new("https://example.com", Some("  "), day()).unwrap();
        assert_eq!(bare.title, "example.com");
    }

    #[test]
    fn the_address_says_the_kind() {
        let cases = [
            (
                "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                ItemKind::Video,
            ),
            ("https://youtu.be/dQw4w9WgXcQ", ItemKind::Video),
            ("https://m.youtube.com/shorts/abc", ItemKind::Video),
            ("https://vimeo.com/76979871", ItemKind::Video),
            ("https://www.ted.com/talks/some_talk", ItemKind::Video),
            (
                "https://podcasts.apple.com/us/podcast/x/id1",
                ItemKind::Podcast,
            ),
            (
                "https://open.spotify.com/episode/4rOoJ6Egrf8K2IrywzwOMk",
                ItemKind::Podcast,
            ),
            (
                "https://open.spotify.com/track/4rOoJ6Egrf8K2IrywzwOMk",
                ItemKind::Article,
            ),
            ("https://overcast.fm/+AbC", ItemKind::Podcast),
            ("https://arxiv.org/abs/1706.03762", ItemKind::Paper),
            ("https://doi.org/10.1145/3442188.3445922", ItemKind::Paper),
            ("https://dl.acm.org/doi/10.1145/1", ItemKind::Paper),
            ("https://someone.substack.com/p/post", ItemKind::Blog),
            ("https://medium.com/@a/post-1", ItemKind::Blog),
            ("https://notyoutube.com/watch", ItemKind::Article),
            ("https://example.com/video", ItemKind::Article),
        ];
        for (url, kind) in cases {
            assert_eq!(ItemKind::for_url(url), kind, "{url}");
            let item = Item::new(url, Some("t"), day()).unwrap();
            assert_eq!(item.kind, kind, "{url}");
        }
    }

    #[test]
    fn kinds_parse() {
        assert_eq!("Video".parse::<ItemKind>().unwrap(), ItemKind::Video);
        assert!("movie".parse::<ItemKind>().is_err());
    }
}
