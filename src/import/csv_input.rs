//! What the LinkedIn and Pocket readers share on top of the `csv` crate.

use super::records::ParseError;
use super::text::line_at;

/// Byte offset of a quote that opens a field and is never closed, if any.
///
/// The `csv` crate silently ends such a field at end of input, which would
/// swallow the rest of the file into one cell; a truncated or hand-edited
/// export must instead be refused. This follows RFC 4180 as `csv` reads it: a
/// quote is special only at the start of a field, and `""` inside a quoted
/// field is a literal quote.
pub fn unterminated_quote(data: &[u8], delimiter: u8) -> Option<usize> {
    let mut at_field_start = true;
    let mut open_quote: Option<usize> = None;
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        if open_quote.is_some() {
            if b == b'"' {
                if data.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    open_quote = None;
                }
            }
        } else if at_field_start && b == b'"' {
            open_quote = Some(i);
            at_field_start = false;
        } else {
            at_field_start = b == delimiter || matches!(b, b'\n' | b'\r');
        }
        i += 1;
    }
    open_quote
}

/// Refuses `data` if it has an unterminated quote, naming the line where the
/// quote opened (`first_line` is the line `data` starts on).
pub fn check_quotes(data: &[u8], first_line: usize, delimiter: u8) -> Result<(), ParseError> {
    match unterminated_quote(data, delimiter) {
        Some(offset) => Err(ParseError::new(
            first_line + line_at(data, offset) - 1,
            "quoted field is never closed (missing `\"`)",
        )),
        None => Ok(()),
    }
}

/// The field separator of a CSV file, by its header row (the first line
/// of `data`): `,`, or what spreadsheets write instead, `;` (Excel where
/// the decimal mark is a comma) or a tab (Excel's "Unicode text"),
/// whichever the header holds most of; `,` on a tie.
pub fn delimiter(data: &[u8]) -> u8 {
    let header = data.split(|&b| b == b'\n').next().unwrap_or(data);
    let count = |d: u8| header.iter().filter(|&&b| b == d).count();
    [b'\t', b';', b',']
        .into_iter()
        .max_by_key(|&d| count(d))
        .unwrap_or(b',')
}

/// Positions of the `wanted` columns in `headers`, matched case-insensitively
/// and ignoring surrounding spaces, so column order and extra columns don't
/// matter. On failure, the first missing column name.
pub fn columns<const N: usize>(
    headers: &csv::StringRecord,
    wanted: [&'static str; N],
) -> Result<[usize; N], &'static str> {
    let mut found = [0; N];
    for (slot, name) in found.iter_mut().zip(wanted) {
        *slot = headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
            .ok_or(name)?;
    }
    Ok(found)
}

/// Turns `csv` record positions into 1-based file line numbers.
///
/// `csv` reports where a record starts before it has consumed the `\n` of
/// the previous CRLF, so its own line count lags by one in CRLF files; this
/// counts from byte offsets instead, and incrementally, because records come
/// in order and recounting from the start would be quadratic.
pub struct LineIndex<'a> {
    data: &'a [u8],
    first_line: usize,
    offset: usize,
    line: usize,
}

impl<'a> LineIndex<'a> {
    /// An index over `data`, whose first byte is on line `first_line`.
    pub fn new(data: &'a [u8], first_line: usize) -> Self {
        LineIndex {
            data,
            first_line,
            offset: 0,
            line: first_line,
        }
    }

    /// The line of the record `csv` says starts at `position`.
    pub fn line(&mut self, position: Option<&csv::Position>) -> usize {
        let Some(position) = position else {
            return self.line;
        };
        let mut target = usize::try_from(position.byte()).unwrap_or(usize::MAX);
        while matches!(self.data.get(target), Some(b'\r' | b'\n')) {
            target += 1;
        }
        let target = target.min(self.data.len());
        if target < self.offset {
            self.offset = 0;
            self.line = self.first_line;
        }
        self.line += line_at(&self.data[self.offset..target], usize::MAX) - 1;
        self.offset = target;
        self.line
    }

    /// Reads `reader`'s next record into `record` and returns its line;
    /// `None` at the end, a [`ParseError`] on its line when unreadable.
    pub fn next_record<R: std::io::Read>(
        &mut self,
        reader: &mut csv::Reader<R>,
        record: &mut csv::StringRecord,
    ) -> Result<Option<usize>, ParseError> {
        match reader.read_record(record) {
            Ok(true) => Ok(Some(self.line(record.position()))),
            Ok(false) => Ok(None),
            Err(e) => Err(self.error(&e)),
        }
    }

    /// A `csv` error as a [`ParseError`] on the line where it happened.
    pub fn error(&mut self, err: &csv::Error) -> ParseError {
        let line = self.line(err.position());
        let message = match err.kind() {
            csv::ErrorKind::UnequalLengths {
                expected_len, len, ..
            } => format!("expected {expected_len} fields like the header, found {len}"),
            _ => format!("unreadable CSV: {err}"),
        };
        ParseError::new(line, message)
    }
}

/// The field at `index`, trimmed; `None` when empty.
pub fn field(record: &csv::StringRecord, index: usize) -> Option<&str> {
    record.get(index).map(str::trim).filter(|s| !s.is_empty())
}

/// The field at `index` as owned text, trimmed, with line breaks inside a
/// quoted field as `\n` whatever the file's line ends were.
pub fn text_field(record: &csv::StringRecord, index: usize) -> Option<String> {
    field(record, index).map(|s| s.replace("\r\n", "\n").replace('\r', "\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_and_doubled_quotes_are_fine() {
        assert_eq!(
            unterminated_quote(b"a,\"b,\"\"c\"\"\",d\n\"x\ny\"\n", b','),
            None
        );
        // A quote inside an unquoted field is literal text to `csv`.
        assert_eq!(unterminated_quote(b"ab\"c,d\n", b','), None);
    }

    #[test]
    fn an_open_quote_is_found_where_it_opens() {
        assert_eq!(unterminated_quote(b"a,b\nc,\"d\ne\n", b','), Some(6));
        assert_eq!(
            check_quotes(b"a,b\nc,\"d\ne\n", 10, b',').unwrap_err().line,
            11
        );
    }

    #[test]
    fn the_separator_is_what_the_header_holds_most_of() {
        assert_eq!(delimiter(b"First Name,Last Name\nA;B,C\n"), b',');
        assert_eq!(delimiter(b"First Name;Last Name;Company, Inc\n"), b';');
        assert_eq!(delimiter(b"First Name\tLast Name\ta,b\n"), b'\t');
        assert_eq!(delimiter(b"Name\n"), b',');
    }
}
