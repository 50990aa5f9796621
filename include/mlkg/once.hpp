#pragma once
// Work done once, on first use, from any thread; what it throws reaches the caller, and the next call
// tries again. Not std::call_once: that runs on glibc's pthread_once, and an exception cannot cross
// pthread_once's frame while the unwinder is linked in statically, as it is in the mlkg binary
// (CMakeLists.txt): the process aborts instead.

#include <atomic>
#include <mutex>

namespace mlkg::detail {

class Once {
public:
  template <class Work> void operator()(const Work& work) {
    if (done_.load(std::memory_order_acquire)) return;
    const std::lock_guard<std::mutex> lock(mutex_);
    if (done_.load(std::memory_order_relaxed)) return;
    work();
    done_.store(true, std::memory_order_release);
  }

  bool done() const { return done_.load(std::memory_order_acquire); }

private:
  std::mutex mutex_;
  std::atomic<bool> done_{false};
};

} // namespace mlkg::detail
