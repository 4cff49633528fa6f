//! Whatever bytes a user points an import at, the parsers answer with
//! records or an error, never a panic.

use netwerk::import::{bookmarks, linkedin, pocket, urls, vcard};
use proptest::prelude::*;

/// Pieces of real files, so random input reaches past the first check.
fn fragments() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b"BEGIN:VCARD\r\n".to_vec()),
        Just(b"END:VCARD\r\n".to_vec()),
        Just(b"VERSION:2.1\r\n".to_vec()),
        Just(b"FN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:=E9=\r\n".to_vec()),
        Just(b"N:a;b\\;c;d,e;;\r\n".to_vec()),
        Just(b"item1.URL;TYPE=\"a,b:c\":http\\://x.com/\r\nitem1.X-ABLabel:GitHub\r\n".to_vec()),
        Just(b"X-SOCIALPROFILE;x-user=a;type=twitter:x\r\n".to_vec()),
        Just(b"EMAIL;PREF=99999999999:a\r\n".to_vec()),
        Just(b"CATEGORIES:a\\,b,,\\\r\n".to_vec()),
        Just(b" folded\r\n".to_vec()),
        Just(b"\xEF\xBB\xBF".to_vec()),
        Just(b"Notes:\n\"a,\n\n".to_vec()),
        Just(b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n".to_vec()),
        Just(b"title,url,time_added,tags,status\n".to_vec()),
        Just(b"\"a\"\"b\",,https://x.com/a,,,,12 Mar 2024\r\n".to_vec()),
        Just(b"A,,https://a.example,99999999999999999,a|b|,archive\n".to_vec()),
        Just(b"<!DOCTYPE NETSCAPE-Bookmark-file-1>\n".to_vec()),
        Just(b"<DT><A HREF=\"https://a.example/&amp;x\" TAGS='a,b' TOREAD=0 ADD_DATE=\"99999999999999999\">t&#xFFFFFF;</A>\n".to_vec()),
        Just(b"<a href=".to_vec()),
        Just(b"id,title,note,excerpt,url,folder,tags,created\n".to_vec()),
        Just(b"URL,Title,Selection,Folder,Timestamp,Tags\n".to_vec()),
        Just(b"[{\"url\":\"https://a.example\",\"tags\":[{\"label\":1}],\"is_archived\":1,\"slug\":\"\\\"\"}".to_vec()),
        Just(b"]".to_vec()),
        Just(b"\"".to_vec()),
        Just(b",".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"=".to_vec()),
        prop::collection::vec(any::<u8>(), 0..8),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

fn parse_all(bytes: &[u8]) {
    let _ = linkedin::parse(bytes);
    let _ = vcard::parse(bytes);
    let _ = pocket::parse(bytes);
    let _ = bookmarks::parse(bytes);
    let _ = urls::parse(&String::from_utf8_lossy(bytes));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        parse_all(&bytes);
    }

    #[test]
    fn shuffled_real_fragments_never_panic(bytes in fragments()) {
        parse_all(&bytes);
    }

    #[test]
    fn errors_point_at_a_line_in_the_file(bytes in fragments()) {
        let lines = 1 + bytes.iter().filter(|&&b| b == b'\n').count();
        for err in [linkedin::parse(&bytes).err(), vcard::parse(&bytes).err(), pocket::parse(&bytes).err(), bookmarks::parse(&bytes).err()]
            .into_iter()
            .flatten()
        {
            prop_assert!((1..=lines).contains(&err.line), "{err} in a file of {lines} lines");
        }
    }
}
