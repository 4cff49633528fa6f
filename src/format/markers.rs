//! Files git left conflict markers in (a merge made before `netwerk sync
//! init` registered the merge driver): found, and taken apart into the
//! versions they join so they can be merged record by record.

/// The first line of a conflict.
const START: &str = "<<<<<<<";
/// Between the common version and theirs in git's `diff3` style.
const BASE: &str = "|||||||";
/// Between ours (or the common version) and theirs.
const MIDDLE: &str = "=======";
/// The last line of a conflict.
const END: &str = ">>>>>>>";

/// Whether `line` is a marker `mark` (seven characters, then the end of
/// the line or a space and a label).
fn is(line: &str, mark: &str) -> bool {
    let line = line.strip_suffix('\r').unwrap_or(line);
    line.strip_prefix(mark)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
}

/// What a file holding conflict markers is refused with.
pub const REFUSAL: &str = "git left a conflict marker here (a merge stopped half-way); \
     `netwerk resolve` merges both sides record by record";

/// Whether `line` is one of git's conflict markers.
pub fn is_marker(line: &str) -> bool {
    [START, BASE, MIDDLE, END].iter().any(|m| is(line, m))
}

/// The line (1-based) of the first conflict in `text`, if it holds a
/// whole one: a start, a middle and an end marker, in that order.
pub fn first_conflict(text: &str) -> Option<usize> {
    let mut start = None;
    let mut middle = false;
    for (i, line) in text.lines().enumerate() {
        if start.is_none() && is(line, START) {
            start = Some(i + 1);
        } else if start.is_some() && is(line, MIDDLE) {
            middle = true;
        } else if middle && is(line, END) {
            return start;
        }
    }
    None
}

/// The versions a file with conflicts joins.
#[derive(Debug, PartialEq, Eq)]
pub struct Split {
    /// This side's text.
    pub ours: String,
    /// The common version's, when every conflict carries it (`diff3`).
    pub base: Option<String>,
    /// The other side's.
    pub theirs: String,
}

/// Takes `text` apart at its conflicts; `None` if it holds none. `Err`
/// with the line of a conflict that does not close.
pub fn split(text: &str) -> Result<Option<Split>, usize> {
    #[derive(PartialEq)]
    enum In {
        Both,
        Ours,
        Base,
        Theirs,
    }
    let mut at = In::Both;
    let (mut ours, mut base, mut theirs) = (String::new(), String::new(), String::new());
    let mut every_base = true;
    let mut this_has_base = false;
    let mut conflicts = 0;
    let mut open = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let bare = line.strip_suffix('\n').unwrap_or(line);
        match at {
            In::Both if is(bare, START) => {
                at = In::Ours;
                open = i + 1;
                this_has_base = false;
                continue;
            }
            In::Ours if is(bare, BASE) => {
                at = In::Base;
                this_has_base = true;
                continue;
            }
            In::Ours | In::Base if is(bare, MIDDLE) => {
                at = In::Theirs;
                continue;
            }
            In::Theirs if is(bare, END) => {
                at = In::Both;
                conflicts += 1;
                every_base &= this_has_base;
                continue;
            }
            _ => {}
        }
        match at {
            In::Both => {
                ours.push_str(line);
                base.push_str(line);
                theirs.push_str(line);
            }
            In::Ours => ours.push_str(line),
            In::Base => base.push_str(line),
            In::Theirs => theirs.push_str(line),
        }
    }
    if at != In::Both {
        return Err(open);
    }
    if conflicts == 0 {
        return Ok(None);
    }
    Ok(Some(Split {
        ours,
        base: every_base.then_some(base),
        theirs,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_with_conflicts_comes_apart_into_its_versions() {
        let text = "a\n<<<<<<< HEAD\nb1\n=======\nb2\n>>>>>>> origin/main\nc\n";
        assert_eq!(first_conflict(text), Some(2));
        assert_eq!(
            split(text),
            Ok(Some(Split {
                ours: "a\nb1\nc\n".into(),
                base: None,
                theirs: "a\nb2\nc\n".into(),
            }))
        );
        let diff3 = "<<<<<<< ours\nx\n||||||| base\nw\n=======\ny\n>>>>>>> theirs\n";
        assert_eq!(split(diff3).unwrap().unwrap().base.as_deref(), Some("w\n"));
        assert_eq!(split("plain\n"), Ok(None));
        assert_eq!(split("<<<<<<< a\nx\n=======\n"), Err(1));
        assert_eq!(first_conflict("note = \"<<<<<<< not one\"\n"), None);
    }
}
