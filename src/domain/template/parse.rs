//! Template text → segments, once, with errors a user can act on.
//!
//! The syntax: `{placeholder}`; `[optional section]`, dropped whole when
//! any placeholder inside it is empty; `{{ }} [[ ]]` for literal braces
//! and brackets. Sections do not nest: `]]` is always a literal `]`, so a
//! nested section could not be closed unambiguously.

/// A value a template can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// The contact's first name.
    FirstName,
    /// The contact's full name.
    Name,
    /// The contact's employer.
    Company,
    /// The contact's job title.
    Role,
    /// The item's title.
    Title,
    /// The item's address.
    Url,
    /// The item's kind as a noun ("article", "blog post", "video" …).
    Kind,
    /// The best interest the contact and the item share.
    Interest,
    /// The user's signature from the config.
    Signature,
    /// Whole days since the last share or touch.
    DaysSince,
    /// In an introduction: the other person's first name.
    OtherFirstName,
    /// In an introduction: the other person's full name.
    OtherName,
    /// In an introduction: the other person's employer.
    OtherCompany,
    /// In an introduction: the other person's job title.
    OtherRole,
    /// In a congratulation: the employer before the change.
    OldCompany,
    /// In a congratulation: the job title before the change.
    OldRole,
}

impl Field {
    /// Every field, in the order the docs list them.
    pub const ALL: [Field; 16] = [
        Field::FirstName,
        Field::Name,
        Field::Company,
        Field::Role,
        Field::Title,
        Field::Url,
        Field::Kind,
        Field::Interest,
        Field::Signature,
        Field::DaysSince,
        Field::OtherFirstName,
        Field::OtherName,
        Field::OtherCompany,
        Field::OtherRole,
        Field::OldCompany,
        Field::OldRole,
    ];

    /// The placeholder's name, without braces.
    pub fn name(self) -> &'static str {
        match self {
            Field::FirstName => "first_name",
            Field::Name => "name",
            Field::Company => "company",
            Field::Role => "role",
            Field::Title => "title",
            Field::Url => "url",
            Field::Kind => "kind",
            Field::Interest => "interest",
            Field::Signature => "signature",
            Field::DaysSince => "days_since",
            Field::OtherFirstName => "other_first_name",
            Field::OtherName => "other_name",
            Field::OtherCompany => "other_company",
            Field::OtherRole => "other_role",
            Field::OldCompany => "old_company",
            Field::OldRole => "old_role",
        }
    }

    fn from_name(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// One piece of a parsed template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// Literal text, escapes already resolved.
    Text(String),
    /// A placeholder.
    Field(Field),
    /// `[…]`: only `Text` and `Field` inside; dropped when a field is empty.
    Optional(Vec<Segment>),
}

/// Parses template text. The error is the message alone; the caller adds
/// which template it came from.
pub fn parse(text: &str) -> Result<Vec<Segment>, String> {
    if text.trim().is_empty() {
        return Err("text must not be empty".into());
    }
    let mut top: Vec<Segment> = Vec::new();
    // The open section, if any, and the text since the last segment.
    let mut section: Option<Vec<Segment>> = None;
    let mut literal = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let doubled = chars.peek() == Some(&c);
        match c {
            '{' | '}' | '[' | ']' if doubled => {
                chars.next();
                literal.push(c);
            }
            '{' => {
                let mut name = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some('{') | None => {
                            return Err(format!(
                                "\"{{{name}\" is not closed with \"}}\"; write {{{{ for a literal {{"
                            ));
                        }
                        Some(ch) => name.push(ch),
                    }
                }
                let field = Field::from_name(&name).ok_or_else(|| unknown(&name))?;
                let target = section.as_mut().unwrap_or(&mut top);
                flush(&mut literal, target);
                target.push(Segment::Field(field));
            }
            '}' => return Err("stray \"}\"; write }} for a literal }".into()),
            '[' => {
                if section.is_some() {
                    return Err("optional sections cannot nest; write [[ for a literal [".into());
                }
                flush(&mut literal, &mut top);
                section = Some(Vec::new());
            }
            ']' => {
                let Some(mut inner) = section.take() else {
                    return Err("stray \"]\"; write ]] for a literal ]".into());
                };
                flush(&mut literal, &mut inner);
                if !inner.iter().any(|s| matches!(s, Segment::Field(_))) {
                    return Err(format!(
                        "optional section \"[{}]\" has no placeholder, so it would always show; \
                         write [[ and ]] for literal brackets",
                        plain(&inner)
                    ));
                }
                top.push(Segment::Optional(inner));
            }
            _ => literal.push(c),
        }
    }
    if section.is_some() {
        return Err("\"[\" is not closed with \"]\"; write [[ for a literal [".into());
    }
    flush(&mut literal, &mut top);
    Ok(top)
}

fn flush(literal: &mut String, into: &mut Vec<Segment>) {
    if !literal.is_empty() {
        into.push(Segment::Text(std::mem::take(literal)));
    }
}

fn plain(segments: &[Segment]) -> String {
    segments
        .iter()
        .map(|s| match s {
            Segment::Text(t) => t.as_str(),
            _ => "",
        })
        .collect()
}

/// "unknown placeholder {frist_name} (did you mean {first_name}?)".
fn unknown(name: &str) -> String {
    let closest = Field::ALL
        .into_iter()
        .map(|f| (distance(name, f.name()), f.name()))
        .min();
    match closest {
        Some((d, best)) if d <= 2 => {
            format!("unknown placeholder {{{name}}} (did you mean {{{best}}}?)")
        }
        _ => {
            let known: Vec<String> = Field::ALL
                .iter()
                .map(|f| format!("{{{}}}", f.name()))
                .collect();
            format!(
                "unknown placeholder {{{name}}}; known are {}",
                known.join(" ")
            )
        }
    }
}

/// Levenshtein distance, for the suggestion only: names are short.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Segment {
        Segment::Text(s.into())
    }

    #[test]
    fn placeholders_sections_and_escapes() {
        assert_eq!(
            parse("Hi {first_name}[, fan of {interest}]! {{x}} [[y]]").unwrap(),
            vec![
                text("Hi "),
                Segment::Field(Field::FirstName),
                Segment::Optional(vec![text(", fan of "), Segment::Field(Field::Interest)]),
                text("! {x} [y]"),
            ]
        );
    }

    #[test]
    fn every_placeholder_parses() {
        for f in Field::ALL {
            assert_eq!(
                parse(&format!("{{{}}}", f.name())).unwrap(),
                vec![Segment::Field(f)]
            );
        }
    }

    #[test]
    fn mistakes_are_explained() {
        let cases = [
            (
                "Hi {frist_name}",
                "unknown placeholder {frist_name} (did you mean {first_name}?)",
            ),
            (
                "{}",
                "unknown placeholder {}; known are {first_name} {name}",
            ),
            ("Hi {first_name", "\"{first_name\" is not closed"),
            ("Hi {first_{name}}", "\"{first_\" is not closed"),
            ("Hi }", "stray \"}\""),
            ("a ] b", "stray \"]\""),
            ("a [b {url}", "\"[\" is not closed"),
            ("a [b [{url}]]", "optional sections cannot nest"),
            (
                "see [here] {url}",
                "optional section \"[here]\" has no placeholder",
            ),
            ("   ", "text must not be empty"),
        ];
        for (input, want) in cases {
            let err = parse(input).unwrap_err();
            assert!(err.starts_with(want), "{input:?}: {err}");
        }
    }
}
