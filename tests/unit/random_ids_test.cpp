// Session identifiers: UUIDs for sync, short codes a person can read aloud and type.
#include <doctest/doctest.h>

#include <cctype>
#include <cstring>
#include <regex>
#include <set>

#include "platform/random_ids.h"

using namespace wk;

TEST_CASE("new participant codes are ten digits without the look-alike and sound-alike 7 and 9") {
  CHECK(std::string(ids::kCodeAlphabet) == "01234568");
  CHECK(ids::kCodeLength == 10);
  int grouped = 0;
  for (int n : ids::kCodeGroups) grouped += n;
  CHECK(grouped == ids::kCodeLength);

  std::set<char> seen;
  std::set<std::string> codes;
  for (int i = 0; i < 3000; ++i) {
    const std::string code = ids::new_participant_code();
    REQUIRE(code.size() == static_cast<size_t>(ids::kCodeLength));
    for (char c : code) {
      REQUIRE_MESSAGE(std::strchr(ids::kCodeAlphabet, c) != nullptr, code);
      REQUIRE_MESSAGE(std::strchr("79", c) == nullptr, code);           // only from the new set
      REQUIRE_MESSAGE(std::isdigit(static_cast<unsigned char>(c)), code);  // never a letter
      seen.insert(c);
    }
    CHECK_FALSE(ids::is_legacy_code(code));
    codes.insert(code);
  }
  CHECK(seen.size() == std::strlen(ids::kCodeAlphabet));  // every digit is used: random, not fixed
  // 8^10 codes: by the birthday bound, 3000 draws hold one repeat about once in 240 runs (this test
  // failed so once), three or more about once in 80 million. A weak generator repeats far more.
  CHECK(codes.size() >= 2998);
}

TEST_CASE("display_code groups a code 3 + 3 + 4 with spaces; earlier codes keep their dash") {
  CHECK(ids::display_code("3506124083") == "350 612 4083");
  CHECK(ids::code_groups("3506124083") == std::vector<std::string>{"350", "612", "4083"});
  CHECK(ids::display_code("K7MR2X") == "K7M-R2X");
  CHECK(ids::code_groups("K7MR2X") == std::vector<std::string>{"K7M", "R2X"});
  CHECK(ids::display_code("K7M") == "K7M");  // not a code: left as it is
  CHECK(ids::display_code("") == "");
}

TEST_CASE("normalise_code takes new codes and the earlier ones, nothing else") {
  CHECK(ids::normalise_code("3506124083") == "3506124083");
  CHECK(ids::normalise_code("350 612 4083") == "3506124083");
  CHECK(ids::normalise_code(" 350-612-4083\t") == "3506124083");
  CHECK(ids::normalise_code("0000000000") == "0000000000");
  CHECK(ids::normalise_code("3506124087").empty());   // 7 is not in the new set
  CHECK(ids::normalise_code("9506124083").empty());   // nor 9
  CHECK(ids::normalise_code("350612408").empty());    // too short
  CHECK(ids::normalise_code("35061240833").empty());  // too long
  CHECK(ids::normalise_code("350612408A").empty());   // a letter in a new code
  CHECK(ids::normalise_code("350612\xD9\xA4" "083").empty());  // an Arabic-Indic digit is not typed here

  // Codes already given (the old alphabet) keep working.
  CHECK(ids::normalise_code("K7MR2X") == "K7MR2X");
  CHECK(ids::normalise_code("k7m-r2x ") == "K7MR2X");
  CHECK(ids::normalise_code(" k7m r2x") == "K7MR2X");
  CHECK(ids::normalise_code("K7M-\tR2X") == "K7MR2X");
  CHECK(ids::normalise_code("234567") == "234567");   // an old code of digits only
  CHECK(ids::is_legacy_code("K7MR2X"));
  CHECK(ids::is_legacy_code("234567"));

  CHECK(ids::normalise_code("").empty());
  CHECK(ids::normalise_code("K7M-R2").empty());     // too short
  CHECK(ids::normalise_code("K7M-R2XX").empty());   // too long
  CHECK(ids::normalise_code("K0M-R2X").empty());    // 0 was not in the old alphabet
  CHECK(ids::normalise_code("KOM-R2X").empty());    // nor O
  CHECK(ids::normalise_code("K1M-R2X").empty());    // nor 1
  CHECK(ids::normalise_code("kim-r2x").empty());    // nor I
  CHECK(ids::normalise_code("KLM-R2X").empty());    // nor L
  CHECK(ids::normalise_code("K7M_R2X").empty());    // nor _
  CHECK(ids::normalise_code("K7M-R2\xC3\xA9").empty());  // nor é
  CHECK(ids::normalise_code(std::string("K7M\0R2X", 7)).empty());
  CHECK(ids::normalise_code(std::string("350612\0" "083", 10)).empty());

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
