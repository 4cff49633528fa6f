//! Tells which kind of link a URL is, from its host.

use super::records::LinkKind;

/// Hosts (and their subdomains, such as `de.linkedin.com` or
/// `m.facebook.com`) that identify a link kind.
const HOSTS: &[(&str, LinkKind)] = &[
    ("linkedin.com", LinkKind::Linkedin),
    ("lnkd.in", LinkKind::Linkedin),
    ("facebook.com", LinkKind::Facebook),
    ("fb.com", LinkKind::Facebook),
    ("fb.me", LinkKind::Facebook),
    ("github.com", LinkKind::Github),
    ("x.com", LinkKind::X),
    ("twitter.com", LinkKind::X),
];

/// Classifies `url` by host: the known social sites get their own kind, any
/// other http(s) page is a [`LinkKind::Website`], and anything that is not a
/// web URL at all (mailto:, x-apple:, junk) is [`LinkKind::Other`].
///
/// A missing scheme (`www.example.com`, as some address books store it) is
/// read as https, because that is what the user meant.
pub fn classify(url: &str) -> LinkKind {
    let url = url.trim();
    let parsed = match url::Url::parse(url) {
        Ok(parsed) => parsed,
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            match url::Url::parse(&format!("https://{url}")) {
                Ok(parsed) => parsed,
                Err(_) => return LinkKind::Other,
            }
        }
        Err(_) => return LinkKind::Other,
    };
    if !matches!(parsed.scheme(), "http" | "https") {
        return LinkKind::Other;
    }
    let Some(host) = parsed.host_str() else {
        return LinkKind::Other;
    };
    // A bare word such as "notes" would otherwise become https://notes/.
    if !host.contains('.') {
        return LinkKind::Other;
    }
    let host = host.to_ascii_lowercase();
    HOSTS
        .iter()
        .find(|(domain, _)| {
            host == *domain
                || host
                    .strip_suffix(domain)
                    .is_some_and(|prefix| prefix.ends_with('.'))
        })
        .map_or(LinkKind::Website, |(_, kind)| *kind)
}

/// Whether `text` is an absolute http or https URL with a host.
pub fn is_web_url(text: &str) -> bool {
    url::Url::parse(text)
        .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn social_hosts_and_their_subdomains_get_their_kind() {
        assert_eq!(
            classify("https://www.linkedin.com/in/ada"),
            LinkKind::Linkedin
        );
        assert_eq!(
            classify("http://de.linkedin.com/in/ada"),
            LinkKind::Linkedin
        );
        assert_eq!(classify("https://m.facebook.com/ada"), LinkKind::Facebook);
        assert_eq!(classify("https://github.com/ada"), LinkKind::Github);
        assert_eq!(classify("https://twitter.com/ada"), LinkKind::X);
        assert_eq!(classify("https://X.com/ada"), LinkKind::X);
    }

    #[test]
    fn lookalike_hosts_are_plain_websites() {
        assert_eq!(classify("https://notlinkedin.com/ada"), LinkKind::Website);
        assert_eq!(classify("https://github.com.evil.io/"), LinkKind::Website);
        assert_eq!(classify("www.example.com/blog"), LinkKind::Website);
    }

    #[test]
    fn non_web_uris_are_other() {
        assert_eq!(classify("mailto:ada@example.com"), LinkKind::Other);
        assert_eq!(classify("x-apple:ada"), LinkKind::Other);
        assert_eq!(classify("just words"), LinkKind::Other);
        assert_eq!(classify(""), LinkKind::Other);
    }
}
