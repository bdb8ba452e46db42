//! Stable identifiers: the same input gives the same id on every run and
//! platform (FNV-1a, not the randomly seeded std hasher).

/// A 16-hex-digit id for `key`, prefixed `em-`.
pub fn stable_id(key: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in key.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("em-{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_stable_and_distinct() {
        assert_eq!(stable_id(""), "em-cbf29ce484222325");
        assert_eq!(stable_id("a"), stable_id("a"));
        assert_ne!(stable_id("a:1"), stable_id("a:2"));
    }
}
