#pragma once
// How the answers were given, for the coach (issue 11 item 8): how long the check took, which
// questions were skipped, a scale answered the same everywhere, answers changed. Something to
// talk about with the participant, never shown to them and never used in the matching.
#include <string>
#include <vector>

#include "content/content_pack.h"
#include "session/session_record.h"

namespace wk {

// A shared answer set (faces3, skill3, scale5) whose every answered item got the same option.
struct SameAnswer {
  std::string answer_set;   // faces3
  std::string option_text;  // the option's text key: answers.faces3.leuk
  int items = 0;            // how many items, all alike
};

struct AnswerQuality {
  int duration_s = -1;                      // start to end (or to the last tap); -1: unknown
  std::vector<std::string> skipped;         // answer keys whose answer that counts is a skip
  std::vector<SameAnswer> same_everywhere;  // only sets with at least kMinItemsForSame answered items
  std::vector<std::string> changed;         // answer keys answered again with another answer
};

inline constexpr int kMinItemsForSame = 5;

AnswerQuality answer_quality(const ContentPack& content, const SessionRecord& session);

// Seconds since 1970 of an ISO time "2026-11-20T10:05:00.123Z" (UTC), or -1 when it is not one.
long long iso_seconds(const std::string& iso);

}  // namespace wk
