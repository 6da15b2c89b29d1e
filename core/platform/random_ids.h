#pragma once
// Identifiers for sessions: a random UUID (for sync) and a short participant code that a
// person can read aloud and type on a keypad. No names, no addresses: the code is the person.
#include <string>

namespace wk::ids {

// Letters and digits that cannot be mistaken for each other: no 0/O, 1/I/L, no U/V pair.
inline constexpr const char* kCodeAlphabet = "23456789ABCDEFGHJKMNPQRSTWXYZ";
inline constexpr int kCodeLength = 6;

std::string new_uuid();            // RFC 4122 version 4, lowercase
std::string new_participant_code(); // e.g. "K7M-R2X" (dash only for display)
// Normalises what a person typed: upper case, drops spaces and dashes. Empty if not a valid code.
std::string normalise_code(const std::string& typed);
std::string display_code(const std::string& code);  // "K7MR2X" -> "K7M-R2X"

}  // namespace wk::ids
