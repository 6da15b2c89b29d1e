#pragma once
// Identifiers for sessions: a random UUID (for sync) and a short participant code that a
// person can hear, say and type on a keypad. No names, no addresses: the code is the person.
//
// Why the code is ten digits from 0 1 2 3 4 5 6 8 (shown "350 612 4083"):
// - Many participants cannot read letters, but nearly everyone reads digits: phone numbers,
//   prices, bus lines. A Dutch phone number is ten digits in groups, so the form is familiar,
//   and a coach types it on any number pad.
// - Letters spoken by name need literacy, and their names differ per language. Digits are
//   spoken as numbers in the person's own language (each a generated clip, char.<digit>).
// - 7 and 9 are left out because they are the digits that sound or look alike across the
//   shipped and coming languages: Ukrainian сім/вісім (7/8), Polish siedem/osiem (7/8) and
//   pięć/dziewięć (5/9), Ukrainian п'ять/дев'ять (5/9), English five/nine, Arabic sab'a/tis'a
//   (7/9), Dutch zeven/negen (7/9); by sight a continental 1 looks like 7, and 6 and 9 are one
//   shape turned over (a person who does not read does not know which way is up). What stays
//   has no such pair in Dutch, English, Polish, Turkish, Ukrainian or Arabic (vier/vijf differ
//   in their last sound and are said slowly, one clip each).
// - Length: 8^10 = 1.07e9 codes, more than the old 29^6 = 5.9e8, so guessing a code at the
//   follow-up keypad and two kiosks of one organisation giving the same code stay as unlikely
//   as before. Nine digits (1.3e8) would make a repeat within a large organisation (5000
//   checks) about one in ten.
// - Groups of 3 + 3 + 4, as a Dutch phone number is written, drawn with space between them
//   (no dash that could be read as a digit) and spoken with a pause between the groups.
// Codes given before (six of the old letters-and-digits alphabet, shown "K7M-R2X") keep
// working everywhere a code is typed: normalise_code() accepts both forms.
#include <string>
#include <vector>

namespace wk::ids {

inline constexpr const char* kCodeAlphabet = "01234568";  // new codes
inline constexpr int kCodeLength = 10;
inline constexpr int kCodeGroups[] = {3, 3, 4};  // how a code is shown and spoken

// The earlier codes: letters and digits without look-alikes (no 0/O, 1/I/L, no U/V pair).
inline constexpr const char* kLegacyCodeAlphabet = "23456789ABCDEFGHJKMNPQRSTWXYZ";
inline constexpr int kLegacyCodeLength = 6;

std::string new_uuid();             // RFC 4122 version 4, lowercase
std::string new_participant_code(); // e.g. "3506124083" (spaces only for display)
// Normalises what a person typed: upper case, drops spaces and dashes. Empty if it is neither
// a code nor an earlier (legacy) code.
std::string normalise_code(const std::string& typed);
bool is_legacy_code(const std::string& code);  // a normalised code of the earlier alphabet
// "3506124083" -> "350 612 4083"; "K7MR2X" -> "K7M-R2X"; anything else as it is.
std::string display_code(const std::string& code);
// The code's characters in the groups it is shown and spoken in.
std::vector<std::string> code_groups(const std::string& code);

}  // namespace wk::ids
