#pragma once
// Volume steps for the operator menu. 0 mutes; 10..100 % spans -27 dB .. 0 dB, a range wide
// enough for a quiet office and a factory floor.
namespace wk {
float volume_gain(int percent);
float volume_db(int percent);  // 20 log10 of the gain; -inf when muted
}
