//! OPML subscription lists (newsboat, Miniflux, FreshRSS, Feedly, …):
//! every outline with an `xmlUrl` is a feed; the folders it sits in and
//! its `category` attribute become topics.

use super::Listed;
use crate::domain::Feed;

/// Reads an OPML document. Refuses a file that is not OPML, with the
/// parser's reason.
pub fn parse(text: &str) -> Result<Vec<Listed>, String> {
    let doc = opml::OPML::from_str(text).map_err(|e| match &e {
        opml::Error::XmlError(x) => format!("not a valid OPML file: {x}"),
        _ => format!("not a valid OPML file: {e}"),
    })?;
    let mut out = Vec::new();
    walk(&doc.body.outlines, &[], &mut out);
    Ok(out)
}

fn walk(outlines: &[opml::Outline], folders: &[String], out: &mut Vec<Listed>) {
    for o in outlines {
        let name = o
            .title
            .as_deref()
            .filter(|t| !t.trim().is_empty())
            .unwrap_or(&o.text)
            .trim();
        match o
            .xml_url
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
        {
            Some(url) => {
                let mut topics: Vec<String> = folders.to_vec();
                // `category` is a comma-separated list of slash-paths.
                for cat in o.category.iter().flat_map(|c| c.split(',')) {
                    if let Some(last) = cat.split('/').rfind(|p| !p.trim().is_empty()) {
                        topics.push(last.trim().to_string());
                    }
                }
                out.push(Listed {
                    line: 0,
                    url: url.to_string(),
                    name: (!name.is_empty()).then(|| name.to_string()),
                    topics,
                });
            }
            None => {
                let mut inner = folders.to_vec();
                if !name.is_empty() {
                    inner.push(name.to_string());
                }
                walk(&o.outlines, &inner, out);
            }
        }
    }
}

/// Writes the subscriptions as OPML 2.0: one folder per first topic (so
/// a reader that knows folders groups them), every topic also in
/// `category`.
pub fn export(feeds: &[Feed]) -> Result<String, String> {
    let mut doc = opml::OPML {
        version: "2.0".into(),
        head: Some(opml::Head {
            title: Some("netwerk feeds".into()),
            ..opml::Head::default()
        }),
        body: opml::Body::default(),
    };
    for f in feeds {
        let outline = opml::Outline {
            text: f.label().to_string(),
            title: f.name.clone(),
            r#type: Some("rss".into()),
            xml_url: Some(f.url.clone()),
            category: (!f.topics.is_empty()).then(|| f.topics.join(",")),
            ..opml::Outline::default()
        };
        match f.topics.first() {
            Some(folder) => {
                let at = doc.body.outlines.iter().position(|o| &o.text == folder);
                let at = at.unwrap_or_else(|| {
                    doc.body.outlines.push(opml::Outline {
                        text: folder.clone(),
                        ..opml::Outline::default()
                    });
                    doc.body.outlines.len() - 1
                });
                doc.body.outlines[at].outlines.push(outline);
            }
            None => doc.body.outlines.push(outline),
        }
    }
    let xml = doc.to_string().map_err(|e| e.to_string())?;
    Ok(format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{xml}\n"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_and_categories_become_topics() {
        let text = r#"<?xml version="1.0"?>
<opml version="2.0"><head><title>subs</title></head><body>
  <outline text="Tech">
    <outline text="Rust Blog" type="rss" xmlUrl="https://blog.rust-lang.org/feed.xml" category="/lang/rust,systems"/>
  </outline>
  <outline text="Solo" title="Solo Feed" type="rss" xmlUrl=" https://solo.example/rss "/>
</body></opml>"#;
        let got = parse(text).unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].topics, ["Tech", "rust", "systems"]);
        assert_eq!(got[0].name.as_deref(), Some("Rust Blog"));
        assert_eq!(got[1].url, "https://solo.example/rss");
        assert_eq!(got[1].name.as_deref(), Some("Solo Feed"));
        assert!(parse("<html></html>").is_err());
    }
}
