//! URL normalisation, so one article saved twice is recognised as one.

use super::validate::{FieldError, web_url};

/// Query parameters that only track where a click came from or who
/// shared it. `utm_*` is matched as a prefix.
const TRACKING: &[&str] = &[
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid",
    "igshid", "igsh", "mc_cid", "mc_eid", "si", "ref_src", "ref_url", "_hsenc", "_hsmi", "mkt_tok",
    "srsltid",
];

fn is_tracking(pair: &str) -> bool {
    let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
    let key = key.to_ascii_lowercase();
    key.starts_with("utm_")
        || TRACKING.contains(&key.as_str())
        // YouTube's "shared from the app" marker.
        || (key == "feature" && value.starts_with("share"))
}

/// Normalises a web address: scheme and host lower-cased (by the URL
/// parser), default port dropped, tracking parameters removed. Other
/// parameters keep their order and exact encoding, because some sites
/// depend on both. The fragment is kept — it is a single-page app's route
/// (`#/posts/42`) or a section (`#History`) — unless it says nothing: empty,
/// `#top`, or only tracking parameters.
pub fn normalize(field: &'static str, value: &str) -> Result<String, FieldError> {
    let mut url = web_url(field, value)?;
    if let Some(query) = url.query() {
        let kept = without_tracking(query);
        url.set_query(if kept.is_empty() { None } else { Some(&kept) });
    }
    if let Some(fragment) = url.fragment() {
        let says_nothing = fragment.is_empty()
            || fragment.eq_ignore_ascii_case("top")
            || (fragment.contains('=') && without_tracking(fragment).is_empty());
        if says_nothing {
            url.set_fragment(None);
        }
    }
    Ok(url.to_string())
}

/// `key=value&…` pairs without the empty and the tracking ones.
fn without_tracking(pairs: &str) -> String {
    let kept: Vec<&str> = pairs
        .split('&')
        .filter(|pair| !pair.is_empty() && !is_tracking(pair))
        .collect();
    kept.join("&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_table() {
        let cases = [
            (
                "https://Example.com/post?utm_source=x#top",
                "https://example.com/post",
            ),
            ("HTTPS://EXAMPLE.COM/Post", "https://example.com/Post"),
            (
                "https://example.com/a?id=3&fbclid=abc&gclid=z&UTM_Medium=m",
                "https://example.com/a?id=3",
            ),
            (
                "https://example.com/a?b=2&a=1&utm_campaign=c",
                "https://example.com/a?b=2&a=1",
            ),
            ("http://example.com:80/x", "http://example.com/x"),
            ("  https://example.com  ", "https://example.com/"),
            ("https://bücher.de/x", "https://xn--bcher-kva.de/x"),
            (
                "https://youtu.be/abc?si=Xy12&t=42",
                "https://youtu.be/abc?t=42",
            ),
            (
                "https://www.youtube.com/watch?v=abc&feature=share&ref_src=twsrc",
                "https://www.youtube.com/watch?v=abc",
            ),
            (
                "https://example.com/a?feature=dark-mode",
                "https://example.com/a?feature=dark-mode",
            ),
            // Fragments that mean something stay; empty ones go.
            (
                "https://app.example.com/#/posts/42",
                "https://app.example.com/#/posts/42",
            ),
            (
                "https://en.wikipedia.org/wiki/Rust#History",
                "https://en.wikipedia.org/wiki/Rust#History",
            ),
            ("https://example.com/x#", "https://example.com/x"),
            ("https://example.com/x#TOP", "https://example.com/x"),
            (
                "https://example.com/x?a=1#utm_source=rss&utm_medium=feed",
                "https://example.com/x?a=1",
            ),
            (
                "https://example.com/x#page=2&utm_source=rss",
                "https://example.com/x#page=2&utm_source=rss",
            ),
        ];
        for (input, want) in cases {
            assert_eq!(normalize("url", input).unwrap(), want, "{input}");
        }
    }

    #[test]
    fn refuses_non_web_addresses() {
        for bad in [
            "",
            "example.com",
            "ftp://example.com/x",
            "mailto:a@b.c",
            "https://",
            "javascript:alert(1)",
        ] {
            let err = normalize("url", bad).unwrap_err();
            assert_eq!(err.field, "url", "{bad}");
        }
    }
}
