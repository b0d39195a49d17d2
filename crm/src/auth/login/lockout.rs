//! Failed sign-ins counted per key (an account's email, a client address), with exponential
//! lock-out: after `limit` failures in a row the key is locked for `base`, and every further
//! failure doubles the lock, up to `max`. A key with no failure for twice `max` starts afresh.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Keys remembered at most. An attacker spraying made-up emails fills this, not the memory:
/// when it is full, forgotten keys go first, then the oldest failure.
const MAX_KEYS: usize = 50_000;
/// The longest lock there is (the command line allows no more either).
const LONGEST: Duration = Duration::from_secs(24 * 60 * 60);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Policy {
    /// Failures in a row before the first lock (at least 1).
    pub limit: u32,
    /// The first lock.
    pub base: Duration,
    /// The longest lock.
    pub max: Duration,
}

#[derive(Clone, Copy, Debug)]
struct Record {
    failures: u32,
    last_failure: Instant,
    locked_until: Option<Instant>,
}

#[derive(Debug)]
pub struct Lockouts<K> {
    policy: Policy,
    records: Mutex<HashMap<K, Record>>,
}

impl<K: Hash + Eq + Clone> Lockouts<K> {
    pub fn new(policy: Policy) -> Self {
        Self {
            // A day at most, so that `now + lock` cannot overflow whatever an embedder passes.
            policy: Policy {
                limit: policy.limit.max(1),
                base: policy.base.min(LONGEST),
                max: policy.max.max(policy.base).min(LONGEST),
            },
            records: Mutex::new(HashMap::new()),
        }
    }

    /// How long `key` is still locked, if it is.
    pub fn locked_for(&self, key: &K, now: Instant) -> Option<Duration> {
        let records = self.records.lock().unwrap_or_else(|e| e.into_inner());
        let until = records.get(key)?.locked_until?;
        until.checked_duration_since(now).filter(|d| !d.is_zero())
    }

    /// Counts a failure of `key`; locks it once the limit is reached.
    pub fn failed(&self, key: K, now: Instant) {
        let mut records = self.records.lock().unwrap_or_else(|e| e.into_inner());
        if records.len() >= MAX_KEYS && !records.contains_key(&key) {
            self.make_room(&mut records, now);
        }
        let forget_after = self.policy.max.saturating_mul(2);
        let record = records.entry(key).or_insert(Record {
            failures: 0,
            last_failure: now,
            locked_until: None,
        });
        if self.forgotten(record, now, forget_after) {
            record.failures = 0;
        }
        record.failures = record.failures.saturating_add(1);
        record.last_failure = now;
        if record.failures >= self.policy.limit {
            let doublings = (record.failures - self.policy.limit).min(31);
            let lock = self
                .policy
                .base
                .saturating_mul(1u32 << doublings)
                .min(self.policy.max);
            record.locked_until = Some(now + lock);
        }
    }

    /// A sign-in of `key` succeeded: its failures are forgotten.
    pub fn succeeded(&self, key: &K) {
        let mut records = self.records.lock().unwrap_or_else(|e| e.into_inner());
        records.remove(key);
    }

    fn forgotten(&self, record: &Record, now: Instant, forget_after: Duration) -> bool {
        let unlocked = record.locked_until.is_none_or(|until| until <= now);
        unlocked && now.saturating_duration_since(record.last_failure) >= forget_after
    }

    fn make_room(&self, records: &mut HashMap<K, Record>, now: Instant) {
        let forget_after = self.policy.max.saturating_mul(2);
        records.retain(|_, r| !self.forgotten(r, now, forget_after));
        if records.len() >= MAX_KEYS {
            let oldest = records
                .iter()
                .min_by_key(|(_, r)| r.last_failure)
                .map(|(k, _)| k.clone());
            if let Some(oldest) = oldest {
                records.remove(&oldest);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEC: Duration = Duration::from_secs(1);

    fn lockouts() -> Lockouts<&'static str> {
        Lockouts::new(Policy {
            limit: 3,
            base: 10 * SEC,
            max: 60 * SEC,
        })
    }

    #[test]
    fn locks_after_the_limit_and_doubles_up_to_the_max() {
        let l = lockouts();
        let t0 = Instant::now();
        l.failed("a", t0);
        l.failed("a", t0);
        assert_eq!(l.locked_for(&"a", t0), None, "two failures: not yet");
        l.failed("a", t0);
        assert_eq!(l.locked_for(&"a", t0), Some(10 * SEC));
        assert_eq!(l.locked_for(&"a", t0 + 4 * SEC), Some(6 * SEC));
        assert_eq!(l.locked_for(&"a", t0 + 10 * SEC), None);
        assert_eq!(l.locked_for(&"b", t0), None, "per key");
        let mut t = t0 + 10 * SEC;
        for expected in [20, 40, 60, 60] {
            l.failed("a", t);
            assert_eq!(l.locked_for(&"a", t), Some(expected * SEC));
            t += expected * SEC;
        }
    }

    #[test]
    fn success_and_time_forget_failures() {
        let l = lockouts();
        let t0 = Instant::now();
        l.failed("a", t0);
        l.failed("a", t0);
        l.succeeded(&"a");
        l.failed("a", t0);
        assert_eq!(l.locked_for(&"a", t0), None, "the count started again");
        l.failed("a", t0);
        let later = t0 + 120 * SEC;
        l.failed("a", later);
        assert_eq!(
            l.locked_for(&"a", later),
            None,
            "old failures are forgotten"
        );
    }

    #[test]
    fn any_policy_is_safe() {
        let l: Lockouts<u8> = Lockouts::new(Policy {
            limit: 0,
            base: Duration::MAX,
            max: Duration::ZERO,
        });
        let t0 = Instant::now();
        for _ in 0..40 {
            l.failed(1, t0);
        }
        assert_eq!(l.locked_for(&1, t0), Some(LONGEST));
    }

    #[test]
    fn memory_stays_bounded() {
        let l: Lockouts<usize> = lockouts_of(1);
        let t0 = Instant::now();
        for key in 0..MAX_KEYS + 10 {
            l.failed(key, t0 + Duration::from_nanos(key as u64));
        }
        let len = l.records.lock().unwrap().len();
        assert!(len <= MAX_KEYS, "{len}");
        assert!(
            l.locked_for(&(MAX_KEYS + 9), t0).is_some(),
            "the newest is kept"
        );
    }

    fn lockouts_of(limit: u32) -> Lockouts<usize> {
        Lockouts::new(Policy {
            limit,
            base: 10 * SEC,
            max: 60 * SEC,
        })
    }
}
