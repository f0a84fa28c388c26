//! Finds where a JSON pointer points in JSON text, so that an error names its line.
//!
//! A small scanner over the bytes: it walks the pointer's tokens through objects and
//! arrays, skipping every other value, and returns the line and column (both 1-based)
//! of the deepest value that exists. A pointer to a missing key (a required field left
//! out) therefore lands on the object that lacks it. Text that is not JSON stops the
//! walk where the scan fails.

/// Line and column (1-based, columns in characters) of the value `pointer` names, or
/// of its deepest existing ancestor.
pub(crate) fn locate(text: &str, pointer: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut s = Scanner { b: bytes, i: 0 };
    s.ws();
    let mut at = s.i;
    if at >= bytes.len() {
        return None;
    }
    for token in sws_eval::json::pointer::tokens(pointer) {
        match s.peek() {
            Some(b'{') => match s.find_key(&token) {
                Some(pos) => at = pos,
                None => break,
            },
            Some(b'[') => match token.parse::<usize>().ok().and_then(|n| s.find_index(n)) {
                Some(pos) => at = pos,
                None => break,
            },
            _ => break,
        }
        s.i = at;
    }
    Some(line_col(text, at))
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, col)
}

struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn eat(&mut self, c: u8) -> bool {
        self.ws();
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    /// Reads a string at the cursor and returns it unescaped (simple escapes only;
    /// `\u` escapes are kept as written, which only matters for exotic keys).
    fn string(&mut self) -> Option<String> {
        self.ws();
        if self.peek() != Some(b'"') {
            return None;
        }
        self.i += 1;
        let mut out = Vec::new();
        loop {
            let c = self.peek()?;
            self.i += 1;
            match c {
                b'"' => return String::from_utf8(out).ok(),
                b'\\' => {
                    let e = self.peek()?;
                    self.i += 1;
                    out.push(match e {
                        b'n' => b'\n',
                        b't' => b'\t',
                        b'r' => b'\r',
                        b'b' => 8,
                        b'f' => 12,
                        b'u' => {
                            out.extend_from_slice(b"\\u");
                            continue;
                        }
                        other => other,
                    });
                }
                other => out.push(other),
            }
        }
    }

    /// Skips one value of any kind.
    fn skip(&mut self) -> Option<()> {
        self.ws();
        match self.peek()? {
            b'"' => self.string().map(|_| ()),
            b'{' => {
                self.i += 1;
                if self.eat(b'}') {
                    return Some(());
                }
                loop {
                    self.string()?;
                    if !self.eat(b':') {
                        return None;
                    }
                    self.skip()?;
                    if self.eat(b'}') {
                        return Some(());
                    }
                    if !self.eat(b',') {
                        return None;
                    }
                }
            }
            b'[' => {
                self.i += 1;
                if self.eat(b']') {
                    return Some(());
                }
                loop {
                    self.skip()?;
                    if self.eat(b']') {
                        return Some(());
                    }
                    if !self.eat(b',') {
                        return None;
                    }
                }
            }
            _ => {
                let start = self.i;
                while matches!(self.peek(), Some(c) if !matches!(c, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r'))
                {
                    self.i += 1;
                }
                (self.i > start).then_some(())
            }
        }
    }

    /// With the cursor on `{`: the offset of the value of `key`.
    fn find_key(&mut self, key: &str) -> Option<usize> {
        self.i += 1;
        if self.eat(b'}') {
            return None;
        }
        loop {
            let k = self.string()?;
            if !self.eat(b':') {
                return None;
            }
            self.ws();
            if k == key {
                return Some(self.i);
            }
            self.skip()?;
            if !self.eat(b',') {
                return None;
            }
        }
    }

    /// With the cursor on `[`: the offset of element `n`.
    fn find_index(&mut self, n: usize) -> Option<usize> {
        self.i += 1;
        if self.eat(b']') {
            return None;
        }
        let mut k = 0;
        loop {
            self.ws();
            if k == n {
                return Some(self.i);
            }
            self.skip()?;
            if !self.eat(b',') {
                return None;
            }
            k += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str =
        "{\n  \"a\": 1,\n  \"b\": {\"c\": [10, {\"d\": \"x\\\"y\"}, 30]},\n  \"e/f\": true\n}\n";

    #[test]
    fn finds_values_and_ancestors() {
        assert_eq!(locate(DOC, ""), Some((1, 1)));
        assert_eq!(locate(DOC, "/a"), Some((2, 8)));
        assert_eq!(locate(DOC, "/b/c/1/d"), Some((3, 25)));
        assert_eq!(locate(DOC, "/b/c/2"), Some((3, 34)));
        assert_eq!(locate(DOC, "/e~1f"), Some((4, 10)));
        // A missing key lands on the object that lacks it.
        assert_eq!(locate(DOC, "/b/zzz"), Some((3, 8)));
        assert_eq!(locate(DOC, "/b/c/9"), Some((3, 14)));
        assert_eq!(locate("", "/a"), None);
        assert_eq!(locate("{\"a\": [1, 2", "/a/5"), Some((1, 7)));
    }
}
