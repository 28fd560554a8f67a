//! The CPU time of the calling thread: on a machine shared with other builds, wall
//! time measures the scheduler as much as the code, CPU time only the code.

use std::time::Duration;

pub fn thread_cpu_time() -> Duration {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a valid timespec for the call to write into.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    assert_eq!(status, 0, "the thread CPU clock is available on Linux");
    Duration::new(now.tv_sec as u64, now.tv_nsec as u32)
}
