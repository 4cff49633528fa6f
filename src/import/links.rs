//! Links in imported files: their kind (by the domain's one rule) and
//! whether they are web addresses.

use super::records::LinkKind;

/// The kind of link `url` is; see [`LinkKind::for_url`], the one rule
/// for it.
pub fn classify(url: &str) -> LinkKind {
    LinkKind::for_url(url)
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
