//! [`Label`]: a short text that many events repeat (a plan id, a device id, a day's key and
//! title), held once and shared by every event that carries it.
//!
//! A hundred years of daily sessions are some 70,000 events but only a few hundred distinct
//! plans, devices, keys and titles; as separate strings they were a third of what a full read
//! of the log holds in memory.

use std::borrow::Borrow;
use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Deref;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A shared, immutable string; reads as a `&str`.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Label(Arc<str>);

/// Distinct texts kept for sharing, at most: beyond it (a log of unusual variety) a label is
/// simply not shared.
const POOL_LIMIT: usize = 16_384;

thread_local! {
    static POOL: RefCell<HashSet<Arc<str>, BuildHasherDefault<Fnv>>> =
        RefCell::new(HashSet::default());
}

/// FNV-1a: labels are short, and a full read looks up four per event, so the pool hashes
/// them with this rather than SipHash (whose resistance to chosen keys buys nothing for text
/// read from one's own log).
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl Label {
    /// The label for `text`, shared with every other label of the same text made on this
    /// thread.
    pub fn intern(text: &str) -> Label {
        POOL.with(|pool| {
            let mut pool = pool.borrow_mut();
            if let Some(shared) = pool.get(text) {
                return Label(Arc::clone(shared));
            }
            let shared: Arc<str> = Arc::from(text);
            if pool.len() < POOL_LIMIT {
                pool.insert(Arc::clone(&shared));
            }
            Label(shared)
        })
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Default for Label {
    fn default() -> Self {
        Label::intern("")
    }
}

impl Deref for Label {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Label {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Label {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&*self.0, f)
    }
}

impl From<&str> for Label {
    fn from(text: &str) -> Self {
        Label::intern(text)
    }
}

impl From<&String> for Label {
    fn from(text: &String) -> Self {
        Label::intern(text)
    }
}

impl From<String> for Label {
    fn from(text: String) -> Self {
        Label::intern(&text)
    }
}

impl From<Label> for String {
    fn from(label: Label) -> Self {
        label.0.to_string()
    }
}

impl PartialEq<str> for Label {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Label {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for Label {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl Serialize for Label {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Label {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Label;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Label, E> {
                Ok(Label::intern(text))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_share_one_allocation() {
        let a: Label = serde_json::from_str("\"w1.d1\"").unwrap();
        let b = Label::from(String::from("w1.d1"));
        assert!(Arc::ptr_eq(&a.0, &b.0));
        assert_eq!(a, "w1.d1");
        assert_eq!(serde_json::to_string(&b).unwrap(), "\"w1.d1\"");
    }
}
