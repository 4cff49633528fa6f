//! newsboat's `urls` file: one feed per line, then its tags, each
//! separated by blanks and quoted when they hold one. A tag starting with
//! `~` renames the feed; a tag starting with `!` hides it in newsboat and
//! is ignored here, as are `query:`, `exec:` and `filter:` lines, which
//! are no address.

use super::Listed;

/// Reads a `urls` file; lines that are no http(s) feed are left out.
pub fn parse(text: &str) -> Vec<Listed> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let words = split(line);
        let Some((url, tags)) = words.split_first() else {
            continue;
        };
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            continue;
        }
        let mut listed = Listed {
            line: i + 1,
            url: url.clone(),
            ..Listed::default()
        };
        for tag in tags {
            if let Some(name) = tag.strip_prefix('~') {
                listed.name = Some(name.to_string());
            } else if !tag.starts_with('!') && !tag.is_empty() {
                listed.topics.push(tag.clone());
            }
        }
        out.push(listed);
    }
    out
}

/// Splits on blanks, keeping `"quoted words"` together (a `#` outside
/// quotes starts a comment).
fn split(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            '\\' if quoted => word.extend(chars.next()),
            '#' if !quoted && word.is_empty() => break,
            c if c.is_whitespace() && !quoted => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_become_topics_and_tilde_names() {
        let got = parse(
            "# mine\nhttps://a.example/feed rust \"machine learning\" \"~A Blog\" !hidden\n\
             query:Unread:unread = \"yes\"\nhttp://b.example/rss # comment\n",
        );
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].topics, ["rust", "machine learning"]);
        assert_eq!(got[0].name.as_deref(), Some("A Blog"));
        assert_eq!((got[1].line, got[1].topics.len()), (4, 0));
    }
}
