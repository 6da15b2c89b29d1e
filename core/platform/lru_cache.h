#pragma once
// A cache with a budget in bytes: the least recently used entry goes first when a new one
// would take it over the budget. Entries can be pinned (in use right now: a texture ImGui
// still has to draw); a pinned entry is never evicted, so a frame that needs more than the
// budget goes over it until the pins are lifted, and the next insert brings it back under.
// Evicted values are handed back to the caller, who frees them (a GL texture, say) at a safe
// moment. Not thread-safe: one owner.
#include <cstddef>
#include <list>
#include <unordered_map>
#include <utility>
#include <vector>

namespace wk {

struct CacheUse {
  std::size_t entries = 0;
  std::size_t bytes = 0;
  std::size_t budget = 0;
  std::size_t peak_bytes = 0;  // the most it ever held
  std::size_t loads = 0;       // inserts (a reload after eviction counts again)
  std::size_t evictions = 0;
};

template <class Key, class Value>
class LruCache {
 public:
  explicit LruCache(std::size_t budget_bytes) { use_.budget = budget_bytes; }

  // The value for key, now the most recently used, or null.
  Value* find(const Key& key) {
    auto it = index_.find(key);
    if (it == index_.end()) return nullptr;
    order_.splice(order_.begin(), order_, it->second);
    return &it->second->value;
  }
  bool contains(const Key& key) const { return index_.count(key) != 0; }

  // Adds (or replaces) key as the most recently used; returns what had to go to keep the
  // budget, oldest first (a replaced value is returned too).
  std::vector<std::pair<Key, Value>> put(const Key& key, Value value, std::size_t bytes) {
    std::vector<std::pair<Key, Value>> out;
    if (auto it = index_.find(key); it != index_.end()) {
      use_.bytes -= it->second->bytes;
      out.emplace_back(it->second->key, std::move(it->second->value));
      order_.erase(it->second);
      index_.erase(it);
    }
    order_.push_front(Entry{key, std::move(value), bytes, 0});
    index_[key] = order_.begin();
    use_.bytes += bytes;
    ++use_.loads;
    if (use_.bytes > use_.peak_bytes) use_.peak_bytes = use_.bytes;
    evict_over_budget(out, &order_.front());
    use_.entries = index_.size();
    return out;
  }

  // Pins key until unpin_all(): it is not evicted meanwhile.
  void pin(const Key& key) {
    if (auto it = index_.find(key); it != index_.end()) ++it->second->pins;
  }
  // Lifts every pin (after a frame) and evicts down to the budget.
  std::vector<std::pair<Key, Value>> unpin_all() {
    for (auto& e : order_) e.pins = 0;
    std::vector<std::pair<Key, Value>> out;
    evict_over_budget(out, nullptr);
    use_.entries = index_.size();
    return out;
  }

  std::vector<std::pair<Key, Value>> set_budget(std::size_t budget_bytes) {
    use_.budget = budget_bytes;
    return unpin_all();
  }

  // Everything, for the owner to free.
  std::vector<std::pair<Key, Value>> clear() {
    std::vector<std::pair<Key, Value>> out;
    for (auto& e : order_) out.emplace_back(e.key, std::move(e.value));
    order_.clear();
    index_.clear();
    use_.bytes = 0;
    use_.entries = 0;
    return out;
  }

  const CacheUse& use() const { return use_; }

 private:
  struct Entry {
    Key key;
    Value value;
    std::size_t bytes;
    int pins;
  };

  // Oldest first; the entry just added (keep) stays even when it alone is over the budget.
  void evict_over_budget(std::vector<std::pair<Key, Value>>& out, const Entry* keep) {
    auto it = order_.end();
    while (use_.bytes > use_.budget && it != order_.begin()) {
      --it;
      if (&*it == keep || it->pins > 0) continue;
      use_.bytes -= it->bytes;
      ++use_.evictions;
      out.emplace_back(it->key, std::move(it->value));
      index_.erase(it->key);
      it = order_.erase(it);
    }
  }

  std::list<Entry> order_;  // most recently used first
  std::unordered_map<Key, typename std::list<Entry>::iterator> index_;
  CacheUse use_;
};

}  // namespace wk
