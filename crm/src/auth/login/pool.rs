//! The bounded pool password checks run in. argon2 takes 19 MiB and tens of milliseconds per
//! check: without a bound, a burst of sign-in attempts (unknown emails included) made the
//! server hold hundreds of MiB (issue #22). With it, at most `size` checks are in flight and
//! an attempt that cannot get a slot promptly is told to come back (429).
//!
//! The checks run on `size` threads of their own, not on tokio's blocking pool: the allocator
//! keeps a freed 19 MiB block in the arena of the thread that used it, so checks spread over
//! the blocking pool's many threads left one block resident per thread (measured: 280–670 MiB
//! after 200 attempts with one slot). On threads of their own the blocks are reused.

use crate::auth::password::PasswordCheck;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore, oneshot};

/// The most slots a server may be given: 1024 × 19 MiB is already 19 GiB.
pub const MAX_SIZE: usize = 1024;

/// A slot in the pool, held from before the account is read until the check is over.
#[derive(Debug)]
pub struct Slot {
    _permit: OwnedSemaphorePermit,
}

/// One check for a pool thread: the slot travels with it and is freed when it is done.
struct Job {
    password: String,
    stored: String,
    slot: Slot,
    answer: oneshot::Sender<bool>,
}

#[derive(Debug)]
pub struct HashPool {
    slots: Arc<Semaphore>,
    wait: Duration,
    jobs: Sender<Job>,
}

impl HashPool {
    /// `size` slots and threads (1 to `MAX_SIZE`); an attempt waits at most `wait` for a slot.
    /// The threads end when the pool is dropped.
    pub fn new(size: usize, wait: Duration, check: Arc<dyn PasswordCheck>) -> Self {
        let size = size.clamp(1, MAX_SIZE);
        let (jobs, queue) = mpsc::channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        for n in 0..size {
            let (queue, check) = (queue.clone(), check.clone());
            let spawned = std::thread::Builder::new()
                .name(format!("crm-password-{n}"))
                .spawn(move || run_checks(&queue, check.as_ref()));
            if let Err(e) = spawned {
                eprintln!("crm: error: cannot start a password-check thread: {e}");
            }
        }
        Self {
            slots: Arc::new(Semaphore::new(size)),
            wait,
            jobs,
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

    /// Checks `password` against `stored` on a pool thread. The slot goes with the check, so
    /// it is held until argon2 is done even when the client has gone away. `None` when no
    /// pool thread is running.
    pub async fn verify(&self, slot: Slot, password: String, stored: String) -> Option<bool> {
        let (answer, answered) = oneshot::channel();
        let job = Job {
            password,
            stored,
            slot,
            answer,
        };
        self.jobs.send(job).ok()?;
        answered.await.ok()
    }
}

/// A pool thread: one check at a time, until the pool is gone.
fn run_checks(queue: &Mutex<Receiver<Job>>, check: &dyn PasswordCheck) {
    loop {
        let job = match queue.lock().unwrap_or_else(|e| e.into_inner()).recv() {
            Ok(job) => job,
            Err(_) => return,
        };
        let matches = check.verify(&job.password, &job.stored);
        drop(job.slot);
        // The attempt may have been abandoned (client gone): nobody to tell.
        let _ = job.answer.send(matches);
    }
}
