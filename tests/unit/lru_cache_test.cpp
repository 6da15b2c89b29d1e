// The bounded cache behind the kiosk's picture textures and decoded clips.
#include <doctest/doctest.h>

#include <string>

#include "platform/lru_cache.h"

using namespace wk;

namespace {
std::vector<std::string> keys(const std::vector<std::pair<std::string, int>>& evicted) {
  std::vector<std::string> out;
  for (const auto& [k, v] : evicted) out.push_back(k);
  return out;
}
}  // namespace

TEST_CASE("the least recently used entry goes first, and the budget holds") {
  LruCache<std::string, int> cache(300);
  CHECK(cache.put("a", 1, 100).empty());
  CHECK(cache.put("b", 2, 100).empty());
  CHECK(cache.put("c", 3, 100).empty());
  CHECK(cache.use().bytes == 300);
  REQUIRE(cache.find("a") != nullptr);  // a is now the most recent: b is the oldest
  auto out = cache.put("d", 4, 100);
  CHECK(keys(out) == std::vector<std::string>{"b"});
  CHECK(out[0].second == 2);  // the value comes back for the owner to free
  CHECK(cache.find("b") == nullptr);
  CHECK(*cache.find("a") == 1);
  CHECK(cache.use().bytes == 300);
  CHECK(cache.use().entries == 3);
  CHECK(cache.use().evictions == 1);

  // A big one pushes out as many old ones as it needs, oldest first.
  out = cache.put("e", 5, 250);
  CHECK(keys(out) == std::vector<std::string>{"c", "d", "a"});  // a was looked at last
  CHECK(cache.use().bytes == 250);
  CHECK(cache.use().peak_bytes == 550);  // the moment between adding e and evicting the old ones
}

TEST_CASE("an evicted entry needed again is loaded again") {
  LruCache<std::string, int> cache(200);
  cache.put("a", 1, 100);
  cache.put("b", 2, 100);
  cache.put("c", 3, 100);  // a goes
  CHECK(cache.find("a") == nullptr);
  CHECK(keys(cache.put("a", 10, 100)) == std::vector<std::string>{"b"});
  CHECK(*cache.find("a") == 10);
  CHECK(cache.use().loads == 4);
  CHECK(cache.use().evictions == 2);
}

TEST_CASE("pinned entries stay until the pins are lifted; then the budget holds again") {
  LruCache<std::string, int> cache(200);
  cache.put("a", 1, 100);
  cache.pin("a");
  cache.put("b", 2, 100);
  cache.pin("b");
  // A frame that draws three pictures with room for two: nothing it draws is freed.
  CHECK(cache.put("c", 3, 100).empty());
  CHECK(cache.use().bytes == 300);
  CHECK(cache.contains("a"));
  CHECK(cache.contains("b"));
  // Between frames: the oldest unpinned ones go.
  CHECK(keys(cache.unpin_all()) == std::vector<std::string>{"a"});
  CHECK(cache.use().bytes == 200);
  // Pinning the oldest makes the next-oldest go instead.
  cache.pin("b");
  CHECK(keys(cache.put("d", 4, 100)) == std::vector<std::string>{"c"});
  CHECK(cache.contains("b"));
}

TEST_CASE("one entry larger than the budget is kept alone; replacing returns the old value") {
  LruCache<std::string, int> cache(100);
  cache.put("a", 1, 50);
  CHECK(keys(cache.put("big", 2, 500)) == std::vector<std::string>{"a"});
  CHECK(cache.contains("big"));
  CHECK(cache.use().bytes == 500);
  CHECK(keys(cache.put("small", 3, 10)) == std::vector<std::string>{"big"});
  CHECK(cache.use().bytes == 10);

  auto out = cache.put("small", 4, 20);
  REQUIRE(out.size() == 1);
  CHECK(out[0].second == 3);
  CHECK(*cache.find("small") == 4);
  CHECK(cache.use().bytes == 20);
  CHECK(cache.use().entries == 1);

  CHECK(keys(cache.set_budget(0)) == std::vector<std::string>{"small"});
  CHECK(cache.use().bytes == 0);
  cache.put("x", 5, 1);
  CHECK(keys(cache.clear()) == std::vector<std::string>{"x"});
  CHECK(cache.use().entries == 0);
}
