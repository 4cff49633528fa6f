//! Field validation with reasons a person can act on.

use std::fmt;
use url::Url;

/// The longest name, company, role, title or label we accept. Anything
/// longer is almost certainly a paste accident, and it would wreck every
/// list it appears in.
pub const MAX_SHORT: usize = 200;
/// The longest free text (notes, comments, share notes) we accept.
pub const MAX_LONG: usize = 20_000;

/// A field that failed validation, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field's name as the user sees it (`name`, `email`, `url` …).
    pub field: &'static str,
    /// What is wrong, phrased so the user knows what to do.
    pub reason: String,
}

impl FieldError {
    /// Builds an error for `field`.
    pub fn new(field: &'static str, reason: impl Into<String>) -> Self {
        Self {
            field,
            reason: reason.into(),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.reason)
    }
}

impl std::error::Error for FieldError {}

/// A required short text: trimmed, not empty, not absurdly long.
pub fn required(field: &'static str, value: &str) -> Result<String, FieldError> {
    check_required(field, value)?;
    Ok(value.trim().to_string())
}

/// Checks what [`required`] checks, without copying.
pub fn check_required(field: &'static str, value: &str) -> Result<(), FieldError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(FieldError::new(field, "must not be empty"));
    }
    fits(field, value, MAX_SHORT)
}

/// An optional short text: trimmed; empty means absent.
pub fn optional(field: &'static str, value: &str) -> Result<Option<String>, FieldError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    short(field, value).map(Some)
}

fn short(field: &'static str, value: &str) -> Result<String, FieldError> {
    fits(field, value, MAX_SHORT)?;
    Ok(value.to_string())
}

/// Optional free text (notes, comments): kept as typed apart from
/// surrounding whitespace; empty means absent.
pub fn long_text(field: &'static str, value: &str) -> Result<Option<String>, FieldError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    fits(field, value, MAX_LONG)?;
    Ok(Some(value.to_string()))
}

/// Checks only the length [`optional`] (or with `long`, [`long_text`])
/// allows, without copying: what a loader checks on every field of
/// 30,000 records.
pub fn fits_length(field: &'static str, value: &str, long: bool) -> Result<(), FieldError> {
    let max = if long { MAX_LONG } else { MAX_SHORT };
    // Trimming only shortens: a value that fits untrimmed fits.
    if value.len() <= max {
        return Ok(());
    }
    fits(field, value.trim(), max)
}

fn fits(field: &'static str, value: &str, max: usize) -> Result<(), FieldError> {
    // A byte count is an upper bound of the character count: most values
    // need no counting.
    if value.len() <= max {
        return Ok(());
    }
    let len = value.chars().count();
    if len > max {
        return Err(FieldError::new(
            field,
            format!("is {len} characters long; at most {max} fit"),
        ));
    }
    Ok(())
}

/// An email address shaped like one: `local@domain.tld`, no spaces.
pub fn email(value: &str) -> Result<Option<String>, FieldError> {
    let Some(value) = optional("email", value)? else {
        return Ok(None);
    };
    let shaped = match value.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !value.chars().any(char::is_whitespace)
        }
        None => false,
    };
    if shaped {
        Ok(Some(value))
    } else {
        Err(FieldError::new(
            "email",
            format!("{value:?} is not an email address like name@example.com"),
        ))
    }
}

/// A degree of connection: 1 (you know them), 2 or 3.
pub fn degree(value: u8) -> Result<u8, FieldError> {
    if (1..=3).contains(&value) {
        Ok(value)
    } else {
        Err(FieldError::new(
            "degree",
            format!("must be 1, 2 or 3, not {value}"),
        ))
    }
}

/// A stay-in-touch cadence in days: at least one day, at most ten years.
pub fn cadence(value: u32) -> Result<u32, FieldError> {
    if (1..=3650).contains(&value) {
        Ok(value)
    } else {
        Err(FieldError::new(
            "cadence",
            format!("must be between 1 and 3650 days, not {value}"),
        ))
    }
}

/// `value` as a web address, reading one written without a scheme
/// (`www.example.com/x`, `linkedin.com/in/ada`) as https; `None` unless
/// the result is http(s) with a dotted host.
pub fn web_url_assuming_https(value: &str) -> Option<Url> {
    let value = value.trim();
    let url = match Url::parse(value) {
        Ok(url) => url,
        Err(url::ParseError::RelativeUrlWithoutBase) if !value.contains(char::is_whitespace) => {
            Url::parse(&format!("https://{value}")).ok()?
        }
        Err(_) => return None,
    };
    let host = url.host_str()?;
    let dotted = host.contains('.')
        || url
            .host()
            .is_some_and(|h| !matches!(h, url::Host::Domain(_)));
    (matches!(url.scheme(), "http" | "https") && dotted && value.len() <= 4096).then_some(url)
}

/// A web address: http or https with a host. Returns the parsed URL.
pub fn web_url(field: &'static str, value: &str) -> Result<Url, FieldError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(FieldError::new(field, "must not be empty"));
    }
    if value.len() > 4096 {
        return Err(FieldError::new(field, "is longer than 4096 bytes"));
    }
    let url = Url::parse(value).map_err(|e| {
        let why = match e {
            url::ParseError::RelativeUrlWithoutBase => "it needs https:// at the start".to_string(),
            other => other.to_string(),
        };
        FieldError::new(
            field,
            format!("{value:?} is not a web address: {why}; e.g. https://example.com/page"),
        )
    })?;
    if url.scheme() != "http" && url.scheme() != "https" {
        return Err(FieldError::new(
            field,
            format!("must start with http:// or https://, not {}:", url.scheme()),
        ));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(FieldError::new(field, "has no host name"));
    }
    Ok(url)
}
