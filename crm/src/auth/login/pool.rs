//! The bounded pool password checks run in. argon2 takes 19 MiB and tens of milliseconds per
//! check: without a bound, a burst of sign-in attempts (unknown emails included) made the
//! server hold hundreds of MiB (issue #22). With it, at most `size` checks are in flight and
//! an attempt that cannot get a slot promptly is told to come back (429).

use crate::auth::password::PasswordCheck;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// The most slots a server may be given (tokio's semaphore has a far higher ceiling; this is
/// about memory: 1024 × 19 MiB is already 19 GiB).
pub const MAX_SIZE: usize = 1024;

#[derive(Debug)]
pub struct HashPool {
    slots: Arc<Semaphore>,
    wait: Duration,
    check: Arc<dyn PasswordCheck>,
}

/// A slot in the pool, held from before the account is read until the check is over.
#[derive(Debug)]
pub struct Slot {
    _permit: OwnedSemaphorePermit,
}

impl HashPool {
    /// `size` slots (1 to `MAX_SIZE`); an attempt waits at most `wait` for one.
    pub fn new(size: usize, wait: Duration, check: Arc<dyn PasswordCheck>) -> Self {
        Self {
            slots: Arc::new(Semaphore::new(size.clamp(1, MAX_SIZE))),
            wait,
            check,
        }
    }

    /// A free slot, waiting at most the pool's wait; `None` when the pool stayed full.
    pub async fn slot(&self) -> Option<Slot> {
        let acquire = self.slots.clone().acquire_owned();
        match tokio::time::timeout(self.wait, acquire).await {
            Ok(Ok(permit)) => Some(Slot { _permit: permit }),
            _ => None,
        }
    }

    /// Checks `password` against `stored` on a blocking thread. The slot goes with the check,
    /// so it is held until argon2 is done even when the client has gone away.
    pub async fn verify(&self, slot: Slot, password: String, stored: String) -> Option<bool> {
        let check = self.check.clone();
        tokio::task::spawn_blocking(move || {
            let matches = check.verify(&password, &stored);
            drop(slot);
            matches
        })
        .await
        .ok()
    }
}
