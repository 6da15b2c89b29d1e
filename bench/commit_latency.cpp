// Answer commit latency: how long the participant's tap waits for the answer to be on disk
// (WAL, synchronous=FULL). Prints figures; not a pass/fail test.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "storage/session_store.h"

int main(int argc, char** argv) {
  int answers = argc > 1 ? std::atoi(argv[1]) : 1000;
  std::string dir = argc > 2 ? argv[2] : (std::filesystem::temp_directory_path() / "werkcheck-bench-commit").string();
  std::filesystem::remove_all(dir);
  auto store = wk::SessionStore::open(dir);
  std::vector<double> ms;
  ms.reserve(answers);
  auto session = store->start_session("nl", "bench", "1");
  for (int i = 0; i < answers; ++i) {
    if (i % 40 == 39) {
      store->end_session(session, wk::SessionStatus::Finished);
      session = store->start_session("nl", "bench", "1");
    }
    auto t0 = std::chrono::steady_clock::now();
    store->record_answer(session, "module.item" + std::to_string(i % 40), {"option" + std::to_string(i % 3)});
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  auto pct = [&](double p) { return ms[std::min(ms.size() - 1, static_cast<size_t>(p * ms.size()))]; };
  std::printf("answer commit latency over %d commits: p50 %.3f ms, p99 %.3f ms, max %.3f ms\n", answers, pct(0.5),
              pct(0.99), ms.back());
  std::filesystem::remove_all(dir);
  return 0;
}
