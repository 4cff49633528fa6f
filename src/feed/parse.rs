//! A feed's bytes → entries, with `feed-rs` (RSS 0.9–2.0, Atom 0.3/1.0,
//! JSON Feed).

use crate::domain::ItemKind;
use crate::domain::inbox::Incoming;

/// A parsed feed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    /// The feed's own title.
    pub title: Option<String>,
    /// Its entries, in the feed's order.
    pub entries: Vec<Incoming>,
}

/// Parses a feed; `base` (the feed's address) resolves relative links.
/// The error is one line saying why the bytes are no feed.
pub fn parse(bytes: &[u8], base: Option<&str>) -> Result<Parsed, String> {
    // Ids feed-rs would make up (a hash of link and title, or a random
    // UUID) are no GUID: left empty, so only the address deduplicates.
    let parser = feed_rs::parser::Builder::new()
        .base_uri(base)
        .id_generator(|_, _, _| String::new())
        .build();
    let feed = parser
        .parse(bytes)
        .map_err(|e| format!("not a feed: {e}"))?;
    // Relative links resolve against the feed's address, else (a feed
    // read from a file) against the site the feed names.
    let site = feed
        .links
        .iter()
        .find_map(|l| url::Url::parse(&l.href).ok());
    let base = base.and_then(|b| url::Url::parse(b).ok()).or(site);
    let entries = feed
        .entries
        .into_iter()
        .map(entry)
        .map(|mut e| {
            if url::Url::parse(&e.url).is_err()
                && let Some(joined) = base.as_ref().and_then(|b| b.join(&e.url).ok())
            {
                e.url = joined.to_string();
            }
            e
        })
        .collect();
    Ok(Parsed {
        title: feed
            .title
            .map(|t| one_line(&t.content))
            .filter(|t| !t.is_empty()),
        entries,
    })
}

fn entry(e: feed_rs::model::Entry) -> Incoming {
    let guid = Some(e.id.trim().to_string()).filter(|g| !g.is_empty());
    // The page itself: an `alternate` (or unlabelled) link, else any
    // link, else a GUID that is an address (RSS `isPermaLink`), else the
    // enclosure (a podcast without a page).
    let page = e
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or_else(|| {
            e.links
                .iter()
                .find(|l| l.rel.as_deref() != Some("enclosure"))
        })
        .map(|l| l.href.clone())
        .or_else(|| guid.clone().filter(|g| g.starts_with("http")));
    let media_type = |prefix: &str| {
        e.media.iter().flat_map(|m| &m.content).any(|c| {
            c.content_type
                .as_ref()
                .is_some_and(|t| t.to_string().starts_with(prefix))
        }) || e.links.iter().any(|l| {
            l.rel.as_deref() == Some("enclosure")
                && l.media_type
                    .as_deref()
                    .is_some_and(|t| t.starts_with(prefix))
        })
    };
    let kind = if media_type("audio/") {
        Some(ItemKind::Podcast)
    } else if media_type("video/") {
        Some(ItemKind::Video)
    } else {
        None
    };
    let enclosure = || {
        e.media
            .iter()
            .flat_map(|m| &m.content)
            .find_map(|c| c.url.as_ref().map(|u| u.to_string()))
    };
    let url = page.or_else(enclosure).unwrap_or_default();
    let mut categories: Vec<String> = Vec::new();
    for c in &e.categories {
        let label = c.label.as_deref().unwrap_or(&c.term);
        let label = one_line(label);
        if !label.is_empty() && label.chars().count() <= 60 && !categories.contains(&label) {
            categories.push(label);
        }
    }
    Incoming {
        url,
        guid,
        title: e
            .title
            .map(|t| one_line(&t.content))
            .filter(|t| !t.is_empty()),
        categories,
        published: e.published.or(e.updated).map(|d| d.date_naive()),
        kind,
    }
}

/// Text on one line, runs of blanks squeezed.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_atom_and_json_feed() {
        let rss = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>R</title>
<item><title>One</title><link>https://r.example/1</link><guid>g-1</guid><category>Rust</category>
<pubDate>Tue, 03 Nov 2026 10:00:00 GMT</pubDate></item>
<item><title>Ep</title><enclosure url="https://r.example/ep.mp3" type="audio/mpeg" length="1"/></item>
</channel></rss>"#;
        let p = parse(rss, None).unwrap();
        assert_eq!(p.title.as_deref(), Some("R"));
        assert_eq!(p.entries[0].url, "https://r.example/1");
        assert_eq!(p.entries[0].guid.as_deref(), Some("g-1"));
        assert_eq!(p.entries[0].categories, ["Rust"]);
        assert_eq!(p.entries[0].published.unwrap().to_string(), "2026-11-03");
        assert_eq!(p.entries[1].url, "https://r.example/ep.mp3");
        assert_eq!(p.entries[1].kind, Some(ItemKind::Podcast));
        assert_eq!(p.entries[1].guid, None);

        let atom = br#"<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
<entry><title>Two</title><id>urn:x:2</id><link rel="alternate" href="/posts/2"/><updated>2026-11-02T00:00:00Z</updated></entry></feed>"#;
        let p = parse(atom, Some("https://a.example/feed.xml")).unwrap();
        assert_eq!(p.entries[0].url, "https://a.example/posts/2");

        let json = br#"{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"id":"j3","url":"https://j.example/3","title":"Three","tags":["go"]}]}"#;
        let p = parse(json, None).unwrap();
        assert_eq!(p.entries[0].categories, ["go"]);
        assert!(parse(b"<html>no</html>", None).is_err());
    }
}
