//! Checking documents on every core while reporting them in order, as each
//! is done: [`map_in_order`].

use std::collections::BTreeMap;
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, PoisonError};

/// How far past the next item to hand on a worker may start, per worker:
/// enough to keep every core busy behind a slow item, few enough that the
/// results held back stay a handful.
const LEAD_PER_WORKER: usize = 4;

/// Runs `work` on every item on `workers` threads and hands each result to
/// `emit` in the items' order, as soon as it and all before it are done.
/// At most a few results per worker wait for a slow one before them, so
/// memory does not grow with the number of items. A panic in `work` is
/// passed on once the other workers have stopped.
pub fn map_in_order<T, R>(
    items: Vec<T>,
    workers: usize,
    work: impl Fn(T) -> R + Sync,
    emit: impl FnMut(R) + Send,
) where
    T: Send,
    R: Send,
{
    let workers = workers.clamp(1, items.len().max(1));
    let lead = workers * LEAD_PER_WORKER;
    // Each item is taken once, by index.
    let items: Vec<Mutex<Option<T>>> = items.into_iter().map(|t| Mutex::new(Some(t))).collect();
    let next_item = AtomicUsize::new(0);
    let state = Mutex::new(Handing {
        next: 0,
        waiting: BTreeMap::new(),
        emit,
        panic: None,
    });
    let moved_on = Condvar::new();
    let lock = || state.lock().unwrap_or_else(PoisonError::into_inner);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next_item.fetch_add(1, Ordering::Relaxed);
                    if i >= items.len() {
                        return;
                    }
                    {
                        let mut s = lock();
                        while s.panic.is_none() && i >= s.next + lead {
                            s = moved_on.wait(s).unwrap_or_else(PoisonError::into_inner);
                        }
                        if s.panic.is_some() {
                            return;
                        }
                    }
                    let item = items[i]
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .take();
                    let Some(item) = item else { return };
                    let result = panic::catch_unwind(AssertUnwindSafe(|| work(item)));
                    let mut s = lock();
                    match result {
                        Ok(r) => {
                            s.waiting.insert(i, r);
                            s.hand_on();
                        }
                        Err(payload) => {
                            s.panic.get_or_insert(payload);
                        }
                    }
                    moved_on.notify_all();
                }
            });
        }
    });
    let s = state.into_inner().unwrap_or_else(PoisonError::into_inner);
    if let Some(payload) = s.panic {
        panic::resume_unwind(payload);
    }
}

/// The results done but not yet handed on, and where the handing is.
struct Handing<R, F> {
    /// The index of the next result to hand on.
    next: usize,
    waiting: BTreeMap<usize, R>,
    emit: F,
    panic: Option<Box<dyn std::any::Any + Send>>,
}

impl<R, F: FnMut(R)> Handing<R, F> {
    /// Hands on every result that is next in line.
    fn hand_on(&mut self) {
        while let Some(r) = self.waiting.remove(&self.next) {
            (self.emit)(r);
            self.next += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn results_come_in_order_whatever_order_they_finish_in() {
        for workers in [1, 2, 3, 8] {
            let mut seen = Vec::new();
            // Early items take longest, so they finish last.
            map_in_order(
                (0..40u64).collect(),
                workers,
                |i| {
                    std::thread::sleep(Duration::from_millis((40 - i) % 7));
                    i * 10
                },
                |r| seen.push(r),
            );
            assert_eq!(seen, (0..40).map(|i| i * 10).collect::<Vec<_>>());
        }
    }

    #[test]
    fn results_held_back_stay_within_the_lead() {
        // Item 0 is slow: the other worker runs ahead, but only so far.
        let done = AtomicUsize::new(0);
        let done_before_the_first = AtomicUsize::new(usize::MAX);
        let mut handed = Vec::new();
        map_in_order(
            (0..200usize).collect(),
            2,
            |i| {
                if i == 0 {
                    std::thread::sleep(Duration::from_millis(300));
                    done_before_the_first.store(done.load(Ordering::SeqCst), Ordering::SeqCst);
                }
                done.fetch_add(1, Ordering::SeqCst);
                i
            },
            |i| handed.push(i),
        );
        assert_eq!(handed, (0..200).collect::<Vec<_>>());
        let ahead = done_before_the_first.load(Ordering::SeqCst);
        assert!(
            (1..2 * LEAD_PER_WORKER).contains(&ahead),
            "{ahead} items were done while the first waited"
        );
    }

    #[test]
    fn a_panic_in_work_is_passed_on_without_a_hang() {
        let result = panic::catch_unwind(|| {
            map_in_order(
                (0..100).collect(),
                2,
                |i: i32| {
                    assert!(i != 3, "item three");
                    i
                },
                |_| {},
            )
        });
        assert!(result.is_err());
    }
}
