//! A contact's links: profiles and pages, and the one rule that tells a
//! link's kind from its address.

use super::validate::{self, FieldError};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Where a link points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkKind {
    /// A LinkedIn profile.
    Linkedin,
    /// A Facebook page.
    Facebook,
    /// A personal site or blog.
    Website,
    /// A GitHub profile.
    Github,
    /// An X (Twitter) profile.
    X,
    /// A Mastodon (fediverse) profile.
    Mastodon,
    /// A Bluesky profile.
    Bluesky,
    /// A YouTube channel.
    Youtube,
    /// Anything else.
    Other,
}

/// Hosts (and their subdomains, such as `de.linkedin.com` or
/// `m.facebook.com`) that say a link's kind.
const HOSTS: &[(&str, LinkKind)] = &[
    ("linkedin.com", LinkKind::Linkedin),
    ("lnkd.in", LinkKind::Linkedin),
    ("facebook.com", LinkKind::Facebook),
    ("fb.com", LinkKind::Facebook),
    ("fb.me", LinkKind::Facebook),
    ("github.com", LinkKind::Github),
    ("x.com", LinkKind::X),
    ("twitter.com", LinkKind::X),
    ("bsky.app", LinkKind::Bluesky),
    ("youtube.com", LinkKind::Youtube),
    ("youtu.be", LinkKind::Youtube),
    ("mastodon.social", LinkKind::Mastodon),
    ("mastodon.online", LinkKind::Mastodon),
    ("mstdn.social", LinkKind::Mastodon),
    ("fosstodon.org", LinkKind::Mastodon),
    ("hachyderm.io", LinkKind::Mastodon),
    ("infosec.exchange", LinkKind::Mastodon),
    ("mas.to", LinkKind::Mastodon),
];

/// Hosts where `/@name` is not a fediverse profile.
const AT_PATHS_ELSEWHERE: &[&str] = &["medium.com", "youtube.com", "tiktok.com", "threads.net"];

impl LinkKind {
    /// Every kind, in display order.
    pub const ALL: [LinkKind; 9] = [
        LinkKind::Linkedin,
        LinkKind::Facebook,
        LinkKind::Website,
        LinkKind::Github,
        LinkKind::X,
        LinkKind::Mastodon,
        LinkKind::Bluesky,
        LinkKind::Youtube,
        LinkKind::Other,
    ];

    /// The kind's name as written in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::Linkedin => "linkedin",
            LinkKind::Facebook => "facebook",
            LinkKind::Website => "website",
            LinkKind::Github => "github",
            LinkKind::X => "x",
            LinkKind::Mastodon => "mastodon",
            LinkKind::Bluesky => "bluesky",
            LinkKind::Youtube => "youtube",
            LinkKind::Other => "other",
        }
    }

    /// The kind named by `label` (case-insensitive), accepting `twitter`
    /// for [`LinkKind::X`] because older exports still call it that.
    pub fn from_label(label: &str) -> Option<LinkKind> {
        let label = label.trim().to_ascii_lowercase();
        match label.as_str() {
            "twitter" => Some(LinkKind::X),
            "bsky" => Some(LinkKind::Bluesky),
            _ => LinkKind::ALL.into_iter().find(|k| k.as_str() == label),
        }
    }

    /// The kind of a link by its address — the one rule the forms, the
    /// command line and every importer share. The known social sites (and
    /// their subdomains) get their own kind, a `/@name` page on another
    /// host is a Mastodon profile, any other http(s) page is a
    /// [`LinkKind::Website`], and anything that is not a web address at
    /// all (mailto:, x-apple:, junk) is [`LinkKind::Other`]. A missing
    /// scheme (`www.example.com`, as people and address books write it)
    /// is read as https.
    pub fn for_url(url: &str) -> LinkKind {
        let Some(parsed) = validate::web_url_assuming_https(url) else {
            return LinkKind::Other;
        };
        let Some(host) = parsed.host_str() else {
            return LinkKind::Other;
        };
        let on = |domain: &str| {
            host == domain
                || host
                    .strip_suffix(domain)
                    .is_some_and(|prefix| prefix.ends_with('.'))
        };
        if let Some((_, kind)) = HOSTS.iter().find(|(domain, _)| on(domain)) {
            return *kind;
        }
        let mut segments = parsed
            .path_segments()
            .into_iter()
            .flatten()
            .filter(|s| !s.is_empty());
        let fediverse = matches!(
            (segments.next(), segments.next()),
            (Some(first), None) if first.len() > 1 && first.starts_with('@')
        );
        if fediverse && !AT_PATHS_ELSEWHERE.iter().any(|d| on(d)) {
            return LinkKind::Mastodon;
        }
        LinkKind::Website
    }
}

impl fmt::Display for LinkKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for LinkKind {
    type Err = FieldError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        LinkKind::from_label(s).ok_or_else(|| {
            let known: Vec<&str> = LinkKind::ALL.iter().map(|k| k.as_str()).collect();
            FieldError::new(
                "link",
                format!(
                    "unknown link kind {:?}; use {}",
                    s.trim().to_ascii_lowercase(),
                    known.join(", ")
                ),
            )
        })
    }
}

/// A profile or page of the contact's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// What sort of page it is.
    pub kind: LinkKind,
    /// The address, validated as http(s).
    pub url: String,
}

impl Link {
    /// Validates a link from its parts; an address without a scheme
    /// (`linkedin.com/in/ada`) is taken as https.
    pub fn new(kind: LinkKind, url: &str) -> Result<Self, FieldError> {
        let url = match validate::web_url_assuming_https(url) {
            Some(url) => url,
            None => validate::web_url("link", url)?,
        };
        Ok(Self {
            kind,
            url: url.to_string(),
        })
    }

    /// Parses a link as people write it, on the command line and in the
    /// form alike: `KIND=URL`, or a bare address whose kind comes from
    /// [`LinkKind::for_url`].
    pub fn parse(spec: &str) -> Result<Self, FieldError> {
        let spec = spec.trim();
        match spec.split_once('=') {
            Some((kind, url)) if LinkKind::from_label(kind).is_some() || is_word(kind) => {
                Link::new(kind.parse()?, url)
            }
            _ => Link::new(LinkKind::for_url(spec), spec),
        }
    }
}

/// Whether `text` looks like a kind someone meant to name (`mastodn=`),
/// rather than the start of an address with a query (`example.com/?a=b`).
fn is_word(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_says_the_kind() {
        let cases = [
            ("https://www.linkedin.com/in/ada", LinkKind::Linkedin),
            ("http://de.linkedin.com/in/ada", LinkKind::Linkedin),
            ("linkedin.com/in/ada", LinkKind::Linkedin),
            ("https://lnkd.in/abc", LinkKind::Linkedin),
            ("https://m.facebook.com/ada", LinkKind::Facebook),
            ("https://fb.com/ada", LinkKind::Facebook),
            ("https://github.com/ada", LinkKind::Github),
            ("https://twitter.com/ada", LinkKind::X),
            ("https://x.com/ada", LinkKind::X),
            (
                "https://bsky.app/profile/ada.bsky.social",
                LinkKind::Bluesky,
            ),
            ("https://www.youtube.com/@ada", LinkKind::Youtube),
            ("https://mastodon.social/@ada", LinkKind::Mastodon),
            ("https://social.example.org/@ada", LinkKind::Mastodon),
            ("https://medium.com/@ada", LinkKind::Website),
            ("https://ada.example/@ada/posts", LinkKind::Website),
            ("https://notlinkedin.com/in/ada", LinkKind::Website),
            ("www.ada.example", LinkKind::Website),
            ("mailto:ada@example.com", LinkKind::Other),
            ("notes", LinkKind::Other),
            ("", LinkKind::Other),
        ];
        for (url, kind) in cases {
            assert_eq!(LinkKind::for_url(url), kind, "{url}");
        }
    }

    #[test]
    fn links_parse_as_kind_url_or_as_a_bare_address() {
        let parse = |s| Link::parse(s).map(|l| (l.kind, l.url));
        assert_eq!(
            parse("linkedin.com/in/ada").unwrap(),
            (
                LinkKind::Linkedin,
                "https://linkedin.com/in/ada".to_string()
            )
        );
        assert_eq!(
            parse("website=https://ada.example").unwrap(),
            (LinkKind::Website, "https://ada.example/".to_string())
        );
        assert_eq!(
            parse("https://ada.example/?a=b").unwrap(),
            (LinkKind::Website, "https://ada.example/?a=b".to_string())
        );
        assert_eq!(parse("Twitter=x.com/ada").unwrap().0, LinkKind::X);
        let unknown = Link::parse("mastodn=https://m.example/@ada").unwrap_err();
        assert!(
            unknown.to_string().contains("unknown link kind"),
            "{unknown}"
        );
        assert!(Link::parse("not a link").is_err());
        assert!(Link::parse("ftp://example.com").is_err());
    }
}
