// Session identifiers: UUIDs for sync, short codes a person can read aloud and type.
#include <doctest/doctest.h>

#include <cstring>
#include <regex>
#include <set>

#include "platform/random_ids.h"

using namespace wk;

TEST_CASE("participant codes use only unmistakable characters") {
  CHECK(std::strlen(ids::kCodeAlphabet) == 29);
  for (const char* bad = "0O1ILUV"; *bad; ++bad) CHECK_MESSAGE(std::strchr(ids::kCodeAlphabet, *bad) == nullptr, *bad);

  std::set<char> seen;
  std::set<std::string> codes;
  for (int i = 0; i < 3000; ++i) {
    const std::string code = ids::new_participant_code();
    REQUIRE(code.size() == static_cast<size_t>(ids::kCodeLength));
    for (char c : code) {
      REQUIRE_MESSAGE(std::strchr(ids::kCodeAlphabet, c) != nullptr, code);
      REQUIRE_MESSAGE(std::strchr("0O1IL", c) == nullptr, code);
      seen.insert(c);
    }
    codes.insert(code);
  }
  CHECK(seen.size() == std::strlen(ids::kCodeAlphabet));  // every letter is used: random, not fixed
  CHECK(codes.size() > 2990);                             // 29^6 codes: repeats are rare
}

TEST_CASE("display_code and normalise_code") {
  CHECK(ids::display_code("K7MR2X") == "K7M-R2X");
  CHECK(ids::display_code("K7M") == "K7M");  // not a code: left as it is

  CHECK(ids::normalise_code("K7MR2X") == "K7MR2X");
  CHECK(ids::normalise_code("k7m-r2x ") == "K7MR2X");
  CHECK(ids::normalise_code(" k7m r2x") == "K7MR2X");
  CHECK(ids::normalise_code("K7M-\tR2X") == "K7MR2X");

  CHECK(ids::normalise_code("").empty());
  CHECK(ids::normalise_code("K7M-R2").empty());     // too short
  CHECK(ids::normalise_code("K7M-R2XX").empty());   // too long
  CHECK(ids::normalise_code("K0M-R2X").empty());    // 0 is not in the alphabet
  CHECK(ids::normalise_code("KOM-R2X").empty());    // nor O
  CHECK(ids::normalise_code("K1M-R2X").empty());    // nor 1
  CHECK(ids::normalise_code("kim-r2x").empty());    // nor I
  CHECK(ids::normalise_code("KLM-R2X").empty());    // nor L
  CHECK(ids::normalise_code("K7M_R2X").empty());    // nor _
  CHECK(ids::normalise_code("K7M-R2\xC3\xA9").empty());  // nor é
  CHECK(ids::normalise_code(std::string("K7M\0R2X", 7)).empty());

  for (int i = 0; i < 100; ++i) {
    const std::string code = ids::new_participant_code();
    CHECK(ids::normalise_code(ids::display_code(code)) == code);
  }
}

TEST_CASE("UUIDs are version 4, lower case and unique") {
  const std::regex v4("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string u = ids::new_uuid();
    REQUIRE_MESSAGE(std::regex_match(u, v4), u);
    seen.insert(u);
  }
  CHECK(seen.size() == 1000);
}
